"""lotwise's exceptions: one class per stable error code, all under `LotwiseError`.

Every exception carries `.code` (the same snake_case code in every binding),
`.message` (the Rust `Display` text) and the error's fields as typed
attributes (`InsufficientStock.requested` is a `decimal.Decimal`), also
available together as the mapping `.fields`. A failed command changes nothing.

    >>> try:
    ...     lw.confirm_order("SO-999999")
    ... except lotwise.UnknownOrder as e:
    ...     print(e.code, e.order)
    unknown_order SO-999999

The native module builds these through `_from_native`; an error code this
version does not know yet still arrives as a plain `LotwiseError` with its
`.code` and `.fields`.
"""

import datetime as _dt
import json
from decimal import Decimal
from typing import Any, Callable, ClassVar, Dict, Mapping, Optional, Tuple, Type

__all__ = [
    "LotwiseError",
    "UnknownSku",
    "DuplicateSku",
    "UnknownLocation",
    "DuplicateLocation",
    "UnknownLot",
    "DuplicateLot",
    "UnknownOrder",
    "UnknownOrderLine",
    "UnknownMo",
    "NoRecipe",
    "InvalidQuantity",
    "UnitMismatch",
    "UnknownUnit",
    "CurrencyMismatch",
    "InvalidInput",
    "RecipeCycle",
    "InsufficientStock",
    "NotReadyToShip",
    "InvalidTransition",
    "DuplicateExternalOrder",
    "LotExpired",
    "InvalidPayload",
    "NegativeLeadTime",
    "UnknownSupplier",
    "UnknownPurchaseOrder",
    "UnknownTransfer",
    "StockReserved",
    "NoShippingLocation",
    "ReturnExceedsShipped",
    "Conflict",
    "StorageError",
    "InternalError",
    "error_class",
]

_BY_CODE: Dict[str, Type["LotwiseError"]] = {}


def _optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda v: None if v is None else convert(v)


# How a field's JSON value (as `Error::fields()` gives it) becomes its typed
# attribute. Decimals arrive as strings, so they never pass through a float.
_CONVERTERS: Dict[Any, Callable[[Any], Any]] = {
    str: str,
    int: int,
    Decimal: Decimal,
    _dt.date: _dt.date.fromisoformat,
    Tuple[str, ...]: tuple,
    Optional[str]: _optional(str),
    Optional[int]: _optional(int),
}


class LotwiseError(Exception):
    """Base of every lotwise error.

    Attributes:
        code: the stable snake_case error code, e.g. ``"insufficient_stock"``.
        message: the human-readable text.
        fields: every field of the error, typed (decimals as ``Decimal``).
        retryable: whether simply retrying the same command may succeed.
    """

    code: str
    message: str
    fields: Mapping[str, Any]
    _code: ClassVar[str] = ""
    _raw: Dict[str, Any]

    def __init_subclass__(cls, code: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if code:
            cls._code = code
            _BY_CODE[code] = cls

    def __init__(
        self,
        message: str,
        fields: Optional[Mapping[str, Any]] = None,
        code: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or type(self)._code or "lotwise_error"
        self._raw = dict(fields or {})
        converters = _field_converters(type(self))
        typed: Dict[str, Any] = {}
        for name, value in self._raw.items():
            convert = converters.get(name)
            typed[name] = convert(value) if convert is not None and value is not None else value
        for name in converters:
            setattr(self, name, typed.get(name))
        self.fields = typed

    @property
    def retryable(self) -> bool:
        """True for `Conflict`: the same command may succeed when retried."""
        return False

    def __reduce__(self) -> Tuple[Any, ...]:
        # Exceptions pickle as `cls(*args)` by default, which would drop the
        # fields; rebuild from the raw fields instead.
        return (type(self), (self.message, self._raw, self.code))

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.fields.items())
        return f"{type(self).__name__}(code={self.code!r}, {shown})" if shown else (
            f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"
        )


def _field_converters(cls: Type[LotwiseError]) -> Dict[str, Callable[[Any], Any]]:
    """Typed fields declared by the class and its lotwise bases, by name."""
    cached = cls.__dict__.get("_converters")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    out: Dict[str, Callable[[Any], Any]] = {}
    for klass in reversed(cls.__mro__):
        if not (isinstance(klass, type) and issubclass(klass, LotwiseError)) or klass is LotwiseError:
            continue
        for name, hint in klass.__dict__.get("__annotations__", {}).items():
            if not name.startswith("_"):
                out[name] = _CONVERTERS.get(hint, lambda v: v)
    cls._converters = out  # type: ignore[attr-defined]
    return out


def error_class(code: str) -> Type[LotwiseError]:
    """The exception class for an error code (`LotwiseError` when unknown)."""
    return _BY_CODE.get(code, LotwiseError)


def _from_native(code: str, message: str, fields_json: str) -> LotwiseError:
    """Called by the native module to build the exception it raises."""
    return error_class(code)(message, json.loads(fields_json), code)


class UnknownSku(LotwiseError, LookupError, code="unknown_sku"):
    """No item has this SKU."""

    sku: str


class DuplicateSku(LotwiseError, code="duplicate_sku"):
    """An item with this SKU already exists."""

    sku: str


class UnknownLocation(LotwiseError, LookupError, code="unknown_location"):
    """No location has this code."""

    location: str


class DuplicateLocation(LotwiseError, code="duplicate_location"):
    """A location with this code already exists."""

    location: str


class UnknownLot(LotwiseError, LookupError, code="unknown_lot"):
    """No lot has this code."""

    lot: str


class DuplicateLot(LotwiseError, code="duplicate_lot"):
    """The lot code is taken by another item."""

    lot: str
    sku: str


class UnknownOrder(LotwiseError, LookupError, code="unknown_order"):
    """No sales order has this id."""

    order: str


class UnknownOrderLine(LotwiseError, LookupError, code="unknown_order_line"):
    """The order has no line with this number."""

    order: str
    line: int


class UnknownMo(LotwiseError, LookupError, code="unknown_mo"):
    """No manufacturing order has this id."""

    mo: str


class NoRecipe(LotwiseError, LookupError, code="no_recipe"):
    """The product has no recipe."""

    sku: str


class InvalidQuantity(LotwiseError, ValueError, code="invalid_quantity"):
    """A quantity is zero, negative, fractional for pieces, or unparseable."""

    field: str
    value: str
    reason: str


class UnitMismatch(LotwiseError, ValueError, code="unit_mismatch"):
    """A unit of another dimension than the item's (litres of wax kept in grams)."""

    expected: str
    got: str


class UnknownUnit(LotwiseError, ValueError, code="unknown_unit"):
    """A unit symbol lotwise does not know."""

    unit: str


class CurrencyMismatch(LotwiseError, ValueError, code="currency_mismatch"):
    """Amounts in two currencies were combined."""

    expected: str
    got: str


class InvalidInput(LotwiseError, ValueError, code="invalid_input"):
    """Any other field that fails validation."""

    field: str
    value: str
    reason: str


class RecipeCycle(LotwiseError, code="recipe_cycle"):
    """A recipe would make a product out of itself."""

    path: Tuple[str, ...]


class InsufficientStock(LotwiseError, code="insufficient_stock"):
    """Less stock is free than the command needs (amounts in the base unit)."""

    sku: str
    requested: Decimal
    available: Decimal


class NotReadyToShip(LotwiseError, code="not_ready_to_ship"):
    """More was asked to ship than is ready for the line."""

    order: str
    line: int
    requested: Decimal
    ready: Decimal


class InvalidTransition(LotwiseError, code="invalid_transition"):
    """The action is not allowed in the entity's current state."""

    entity: str
    id: str
    # `from` is a Python keyword; `.fields["from"]` has it under its own name.
    from_: str
    action: str

    def __init__(
        self,
        message: str,
        fields: Optional[Mapping[str, Any]] = None,
        code: Optional[str] = None,
    ) -> None:
        super().__init__(message, fields, code)
        self.from_ = str(self.fields.get("from", ""))


class DuplicateExternalOrder(LotwiseError, code="duplicate_external_order"):
    """An order with this channel and external reference exists with other content."""

    channel: str
    external_ref: str


class LotExpired(LotwiseError, code="lot_expired"):
    """A lot past its expiry date was to be consumed or shipped."""

    lot: str
    expiry: _dt.date


class InvalidPayload(LotwiseError, ValueError, code="invalid_payload"):
    """A channel payload could not be turned into an order."""

    channel: str
    field: str
    reason: str


class NegativeLeadTime(LotwiseError, ValueError, code="negative_lead_time"):
    """A supplier lead time below zero days."""

    supplier: str
    sku: Optional[str]
    days: int


class UnknownSupplier(LotwiseError, LookupError, code="unknown_supplier"):
    """No supplier has this code."""

    supplier: str


class UnknownPurchaseOrder(LotwiseError, LookupError, code="unknown_purchase_order"):
    """No purchase order has this id."""

    po: str


class UnknownTransfer(LotwiseError, LookupError, code="unknown_transfer"):
    """No transfer has this id."""

    transfer: str


class StockReserved(LotwiseError, code="stock_reserved"):
    """The stock is there but held for orders or manufacturing orders."""

    sku: str
    lot: Optional[str]
    location: str
    requested: Decimal
    unreserved: Decimal


class NoShippingLocation(LotwiseError, code="no_shipping_location"):
    """No location (or combination, when splitting is allowed) can ship the order."""

    order: str
    reason: str


class ReturnExceedsShipped(LotwiseError, code="return_exceeds_shipped"):
    """More of a lot was to come back than shipped on that order line."""

    order: str
    line: int
    lot: str
    requested: Decimal
    returnable: Decimal


class Conflict(LotwiseError, code="conflict"):
    """Another writer changed the same data; the command may be retried."""

    reason: str

    @property
    def retryable(self) -> bool:
        return True


class StorageError(LotwiseError, code="storage"):
    """The storage backend failed."""

    reason: str


class InternalError(LotwiseError, code="internal"):
    """A bug in lotwise (a Rust panic lands here too); please report it."""

    reason: str
