"""Channel import: Shopify order webhooks, Etsy receipts and the wholesale
CSV become lotwise orders, idempotently by (channel, external id).

    >>> results = lw.import_payloads("shopify", [body])
    >>> results[0].status
    'imported'

An order whose lines cannot all be mapped to catalog items is placed with
status ``needs_attention``; `resolve_order` fixes it. `verify_shopify_webhook`
checks a delivery's signature before its body is trusted.
"""

import datetime as _dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Dict, Iterable, List, Literal, Mapping, Optional, Tuple, Union

from . import _native
from ._codec import enum_value, shape
from .inputs import NewOrder, NewOrderLine
from .types import SalesOrder
from .values import Money, Uom

__all__ = [
    "Cancellation",
    "Channel",
    "ChannelLine",
    "ChannelOrder",
    "ChannelShipment",
    "Fulfillment",
    "FulfillmentStatus",
    "Gift",
    "ImportProgress",
    "ImportResult",
    "ImportStatus",
    "LineMapping",
    "OrderTotals",
    "Property",
    "ShippingLine",
    "SkuTarget",
    "UnmappedReason",
    "Variation",
    "verify_shopify_webhook",
]

#: A sales channel lotwise imports from.
Channel = Literal["shopify", "etsy", "csv"]
#: What importing one channel order did.
ImportStatus = Literal[
    "imported", "needs_attention", "duplicate", "updated", "flagged", "cancelled", "rejected"
]


@dataclass(frozen=True)
class SkuTarget:
    """The catalog item a channel identifier stands for, and the unit one
    channel unit is one of (a candle is one ``pcs``; a listing sold by the
    kilogram is one ``kg``)."""

    sku: str
    uom: Uom = "pcs"

    def _json(self) -> Dict[str, Any]:
        return {"sku": self.sku, "uom": _native.parse_uom(self.uom)}


#: Explicit mappings for `import_payloads`: a ``str`` key is the channel's
#: SKU, an ``int`` key a Shopify variant id (``shopify``) or an Etsy listing
#: id (``etsy``, every variation); a ``str`` value is a catalog SKU sold by
#: the piece.
SkuMapLike = Mapping[Union[str, int], Union[str, SkuTarget]]


# Where the core's error text names the field: `invalid_payload` ("invalid
# shopify payload at `line_items[0].price`: ..."), `invalid_input` ("invalid
# customer.name: `...` (...)") and `invalid_quantity` ("invalid quantity for
# lines[0].qty: `...` (...)").
@dataclass(frozen=True)
class ImportResult:
    """The outcome of one channel order, or of one payload that did not parse
    (then `external_id` is None and `status` is ``rejected``).

    A rejection carries the error's stable code in `error_code`
    (``invalid_payload``, ``invalid_input``, ...), the field it names in
    `error_field` (``line_items[0].price``) and the whole text in `error`.
    """

    channel: str
    external_id: Optional[str]
    status: ImportStatus
    order: Optional[str]
    reasons: Tuple[str, ...]
    error_code: Optional[str]
    error_field: Optional[str]
    error: Optional[str]


@dataclass(frozen=True)
class ImportProgress:
    """How far a bulk import got; reported after every order and payload."""

    payloads_done: int
    payloads_total: int
    orders_done: int


# --- the channel order as imported (core `channels::ChannelOrder`) ------------

#: How much of an order the channel says has shipped.
FulfillmentStatus = Literal["unfulfilled", "partial", "fulfilled"]


@dataclass(frozen=True)
class UnmappedReason:
    """Why a line could not be mapped to an item: `code` ``missing_sku`` (no
    SKU and no mapped id), ``unknown_sku`` (`sku` is neither in the catalog
    nor mapped), ``unknown_target`` (a mapping names `sku`, which is not in
    the catalog) or ``unit_needed`` (`sku` is kept in `uom`, so the listing
    needs a mapping with a unit)."""

    code: Literal["missing_sku", "unknown_sku", "unknown_target", "unit_needed"]
    sku: Optional[str] = None
    uom: Optional[Uom] = None

    @staticmethod
    def _to_json(r: "UnmappedReason") -> Dict[str, Any]:
        out: Dict[str, Any] = {"code": r.code}
        if r.sku is not None:
            out["sku"] = r.sku
        if r.uom is not None:
            out["uom"] = r.uom
        return out


@dataclass(frozen=True)
class LineMapping:
    """What the importer did with a channel line: ``mapped`` (placed as
    ``new_order.lines[index]``), ``unmapped`` (not placed, see `reason`; the
    order needs attention) or ``removed`` (the channel removed every unit)."""

    kind: Literal["mapped", "unmapped", "removed"]
    index: Optional[int] = None
    reason: Optional[UnmappedReason] = None

    @staticmethod
    def _to_json(m: "LineMapping") -> Dict[str, Any]:
        out: Dict[str, Any] = {"kind": m.kind}
        if m.index is not None:
            out["index"] = m.index
        if m.reason is not None:
            out["reason"] = UnmappedReason._to_json(m.reason)
        return out


@dataclass(frozen=True)
class Variation:
    """An Etsy variation the buyer chose (property 54 is personalization text)."""

    property_id: Optional[int]
    value_id: Optional[int]
    name: str
    value: str


@dataclass(frozen=True)
class Property:
    """A name/value pair (Shopify line properties and note attributes, Etsy
    personalization); a name starting with ``_`` is for the shop."""

    name: str
    value: str


@dataclass(frozen=True)
class ChannelLine:
    """One line of a channel order as the channel sent it, mapped or not.
    Quantities are in channel units; prices in the order's `currency`."""

    external_id: str
    source: str
    sku: Optional[str]
    variant_id: Optional[int]
    product_id: Optional[int]
    listing_id: Optional[int]
    variations: Tuple[Variation, ...]
    title: str
    variant_title: Optional[str]
    quantity: Decimal
    current_quantity: Decimal
    fulfillable_quantity: Optional[Decimal]
    unit_price: Optional[Money]
    presentment_unit_price: Optional[Money]
    discount: Optional[Money]
    properties: Tuple[Property, ...]
    requires_shipping: bool
    ship_by: Optional[_dt.date]
    shipped_at: Optional[_dt.datetime]
    mapping: LineMapping


@dataclass(frozen=True)
class Cancellation:
    """The channel cancelled the order: when (if it says) and its reason word."""

    at: Optional[_dt.datetime]
    reason: Optional[str]


@dataclass(frozen=True)
class ChannelShipment:
    """A shipment the channel recorded."""

    carrier: Optional[str]
    tracking: Optional[str]
    at: Optional[_dt.datetime]


@dataclass(frozen=True)
class Fulfillment:
    """What the channel says has shipped."""

    status: FulfillmentStatus
    shipments: Tuple[ChannelShipment, ...]


@dataclass(frozen=True)
class OrderTotals:
    """Order totals in one currency as the channel computed them; `total` is
    items - discounts + shipping + tax."""

    items: Money
    discounts: Money
    shipping: Money
    tax: Money
    total: Money


@dataclass(frozen=True)
class ShippingLine:
    """A shipping line of a Shopify order."""

    title: str
    code: Optional[str]
    price: Money
    presentment_price: Optional[Money]


@dataclass(frozen=True)
class Gift:
    """A gift message and who it is from (Etsy)."""

    message: Optional[str]
    sender: Optional[str]


@dataclass(frozen=True)
class ChannelOrder:
    """One order as the channel last sent it (`Lotwise.channel_order`):
    `new_order` is what was placed; the rest is what the channel said
    (every line mapped or not, totals, gift message, personalization,
    cancellation, fulfillment). Amounts are `Money` in `currency`; the
    ``presentment_`` ones in the currency the buyer paid in, when it differs."""

    channel: Channel
    external_id: str
    display_ref: str
    new_order: NewOrder
    lines: Tuple[ChannelLine, ...]
    created_at: Optional[_dt.datetime]
    updated_at: Optional[_dt.datetime]
    cancellation: Optional[Cancellation]
    channel_status: Optional[str]
    fulfillment: Fulfillment
    currency: str
    presentment_currency: Optional[str]
    totals: Optional[OrderTotals]
    presentment_totals: Optional[OrderTotals]
    shipping_lines: Tuple[ShippingLine, ...]
    gift: Optional[Gift]
    attributes: Tuple[Property, ...]
    customer_is_placeholder: bool
    test: bool


_RESULTS: _native.Shape[Tuple[ImportResult, ...]] = shape(Tuple[ImportResult, ...])
_ORDER: _native.Shape[SalesOrder] = shape(SalesOrder)
_CHANNEL_ORDER: _native.Shape[Optional[ChannelOrder]] = shape(Optional[ChannelOrder])


def _mappings(sku_map: Optional[SkuMapLike]) -> str:
    skus: Dict[str, Any] = {}
    ids: Dict[str, Any] = {}
    for key, value in (sku_map or {}).items():
        if isinstance(value, str):
            value = SkuTarget(value)
        if not isinstance(value, SkuTarget):
            raise TypeError(f"sku_map[{key!r}]: expected a SKU str or a SkuTarget")
        if isinstance(key, bool) or not isinstance(key, (str, int)):
            raise TypeError(f"sku_map: keys are channel SKUs (str) or ids (int), got {key!r}")
        if isinstance(key, int):
            if key < 0:
                raise ValueError(f"sku_map: an id cannot be negative, got {key}")
            ids[str(key)] = value._json()
        else:
            skus[key] = value._json()
    return json.dumps({"skus": skus, "ids": ids})


def _progress(report: Callable[[ImportProgress], None]) -> Callable[[int, int, int], None]:
    def call(done: int, total: int, orders: int) -> None:
        report(ImportProgress(done, total, orders))

    return call


def _payload(value: object, i: int) -> bytes:
    # Raw bytes only: a signature covers the exact bytes, and a str would
    # hide an encoding choice.
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"payloads[{i}]: expected bytes, got {type(value).__name__}")


class ChannelsApi:
    """Channel import commands of `Lotwise`."""

    __slots__ = ()
    _inner: _native.Engine

    def import_payloads(
        self,
        channel: Channel,
        payloads: Iterable[bytes],
        sku_map: Optional[SkuMapLike] = None,
        progress: Optional[Callable[[ImportProgress], None]] = None,
    ) -> Tuple[ImportResult, ...]:
        """Parses and imports a batch of one channel's payloads (Shopify order
        bodies, Etsy receipts or receipt pages, CSV files); one result per
        order, or per payload that did not parse.

        Lines map to catalog items by SKU, then by `sku_map`. Each order is
        its own transaction, so a rejected order does not undo the others.
        `progress` is called live (the GIL is taken back for each call only)
        after every order and every payload. If it raises, it is not called
        again, the import still finishes, and its exception is raised after.
        """
        bodies = [_payload(p, i) for i, p in enumerate(payloads)]
        native_progress = None if progress is None else _progress(progress)
        return self._inner.import_payloads(
            _RESULTS,
            enum_value(Channel, channel, "channel"),
            bodies,
            _mappings(sku_map),
            native_progress,
        )

    def channel_order(self, order_id: str) -> Optional[ChannelOrder]:
        """The channel order as last imported (every line mapped or not,
        totals, gift message, personalization), or None for an order that was
        not imported; `lotwise.to_json` gives back the core's JSON."""
        return self._inner.channel_order(_CHANNEL_ORDER, order_id)

    def resolve_order(
        self, id: str, lines: Optional[Iterable[NewOrderLine]] = None
    ) -> SalesOrder:
        """Resolves an order that needs attention: replaces its lines when
        given and clears its reasons, so it becomes ``placed``."""
        payload: Optional[List[Dict[str, Any]]] = None
        if lines is not None:
            payload = []
            for line in lines:
                if not isinstance(line, NewOrderLine):
                    raise TypeError(f"lines: expected NewOrderLine items, got {type(line).__name__}")
                payload.append(line._json())
        return self._inner.resolve_order(_ORDER, id, json.dumps(payload))


def verify_shopify_webhook(secret: bytes, headers: Mapping[str, str], body: bytes) -> bool:
    """Whether a Shopify webhook delivery is authentic: its
    ``X-Shopify-Hmac-Sha256`` header (any case) is the base64 HMAC-SHA256 of
    the exact `body` bytes under `secret`. An empty secret raises
    `InvalidInput` (a set-up mistake must not read as "forged")."""
    pairs = [(str(k), str(v)) for k, v in headers.items()]
    return _native.verify_shopify_webhook(bytes(secret), pairs, bytes(body))
