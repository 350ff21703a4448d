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
from .values import Money
from ._records import (  # generated from the schema
    ImportResult,
    UnmappedReason,
    LineMapping,
    Variation,
    Property,
    ChannelLine,
    Cancellation,
    ChannelShipment,
    Fulfillment,
    OrderTotals,
    ShippingLine,
    Gift,
    ChannelOrder,
)

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
    """The catalog item a channel identifier stands for, and what one channel
    unit of it is: a unit (a candle is one ``"pcs"``; a listing sold by the
    kilogram is one ``"kg"``; one ``"box"`` of the item's packs) or a
    quantity (``"2 box"``, ``"500 g"``). Checked when built: ``"box of 12"``
    raises `UnknownUnit`; whether a pack is the item's is checked at import."""

    sku: str
    uom: Optional[str] = None
    """None: one channel unit is one piece (the core's default)."""

    def __post_init__(self) -> None:
        if self.uom is not None:
            _channel_unit(self.uom)

    def _json(self) -> Dict[str, Any]:
        if self.uom is None:
            return {"sku": self.sku}
        return {"sku": self.sku, "uom": _channel_unit(self.uom)}


def _channel_unit(text: str) -> str:
    """One channel unit as the core writes it: a unit, or a positive quantity."""
    if not isinstance(text, str):
        raise TypeError(f"SkuTarget.uom: expected a str such as 'kg' or '2 box', got {text!r}")
    stripped = text.strip()
    if stripped[:1].isdigit() or stripped[:1] in ".-":
        value, unit = _native.parse_qty(stripped)
        return f"{value} {unit}"
    return _native.parse_unit(stripped)


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
class ImportProgress:
    """How far a bulk import got; reported after every order and payload."""

    payloads_done: int
    payloads_total: int
    orders_done: int


# --- the channel order as imported (core `channels::ChannelOrder`) ------------

#: How much of an order the channel says has shipped.
FulfillmentStatus = Literal["unfulfilled", "partial", "fulfilled"]


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
