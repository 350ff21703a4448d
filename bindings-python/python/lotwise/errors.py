"""lotwise's exceptions: one class per stable error code, all under `LotwiseError`.

Every exception carries `.code` (the same snake_case code in every binding),
`.message` (the Rust `Display` text), `.category` (`not_found`, `invalid`,
`refused`, `retryable`, `storage`, `internal`) and the error's fields as
typed attributes (`InsufficientStock.requested` is a `decimal.Decimal`),
also available together as the mapping `.fields`. A failed command changes
nothing. Not-found errors are also `LookupError`s, invalid input is also a
`ValueError`, and the storage codes are `StorageError`s.

    >>> try:
    ...     lw.confirm_order("SO-999999")
    ... except lotwise.UnknownOrder as e:
    ...     print(e.code, e.order)
    unknown_order SO-999999

The native module builds these through `_from_native`; an error code this
version does not know yet still arrives as a plain `LotwiseError` with its
`.code` and `.fields`.

Generated from schema/lotwise.v1.json by scripts/generate.py: do not edit;
run `scripts/generate.sh` after changing the core's command layer.
"""

import datetime as _dt
from decimal import Decimal
from typing import Optional, Tuple

from ._error_base import LotwiseError, _from_native, error_class

__all__ = [
    "LotwiseError",
    "error_class",
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
    "PackUnitMismatch",
    "MoneyPrecision",
    "NegativeCost",
    "CurrencyMismatch",
    "InvalidInput",
    "RecipeCycle",
    "InsufficientStock",
    "NotReadyToShip",
    "InvalidTransition",
    "DuplicateExternalOrder",
    "LotExpired",
    "InvalidPayload",
    "InvalidSignature",
    "NegativeLeadTime",
    "UnknownSupplier",
    "UnknownPurchaseOrder",
    "UnknownTransfer",
    "OrderOnHold",
    "UnknownCustomer",
    "UnknownSegment",
    "StockReserved",
    "NoShippingLocation",
    "ReturnExceedsShipped",
    "LotOnHold",
    "LotNotHeld",
    "BelowShipped",
    "Conflict",
    "StorageError",
    "UnsupportedSchemaVersion",
    "UnrecognizedDatabase",
    "InternalError",
]


class StorageError(LotwiseError, code="storage", category="storage"):
    """The storage backend failed."""

    reason: str
    """The backend's own error message."""


class UnknownSku(LotwiseError, LookupError, code="unknown_sku", category="not_found"):
    """No item has this SKU."""

    sku: str
    """The SKU asked for."""


class DuplicateSku(LotwiseError, code="duplicate_sku", category="refused"):
    """An item with this SKU already exists."""

    sku: str
    """The SKU that is already taken."""


class UnknownLocation(LotwiseError, LookupError, code="unknown_location", category="not_found"):
    """No location has this code."""

    location: str
    """The location code asked for."""


class DuplicateLocation(LotwiseError, code="duplicate_location", category="refused"):
    """A location with this code already exists."""

    location: str
    """The location code that is already taken."""


class UnknownLot(LotwiseError, LookupError, code="unknown_lot", category="not_found"):
    """No lot has this code."""

    lot: str
    """The lot code asked for."""


class DuplicateLot(LotwiseError, code="duplicate_lot", category="refused"):
    """The lot code is taken by another item."""

    lot: str
    """The lot code that is already taken."""
    sku: str
    """The SKU of the item that already owns the lot code."""


class UnknownOrder(LotwiseError, LookupError, code="unknown_order", category="not_found"):
    """No sales order has this id."""

    order: str
    """The sales order id asked for, e.g. `SO-000001`."""


class UnknownOrderLine(LotwiseError, LookupError, code="unknown_order_line", category="not_found"):
    """The order has no line with this number."""

    order: str
    """The sales order id, e.g. `SO-000001`."""
    line: int
    """The 1-based line number that the order does not have."""


class UnknownMo(LotwiseError, LookupError, code="unknown_mo", category="not_found"):
    """No manufacturing order has this id."""

    mo: str
    """The manufacturing order id asked for, e.g. `MO-000001`."""


class NoRecipe(LotwiseError, LookupError, code="no_recipe", category="not_found"):
    """The product has no recipe."""

    sku: str
    """The SKU of the product that would have to be made."""


class InvalidQuantity(LotwiseError, ValueError, code="invalid_quantity", category="invalid"):
    """A quantity is zero, negative, fractional for pieces, or unparseable."""

    field: str
    """The name of the input field that holds the quantity."""
    value: str
    """The rejected value as the caller gave it."""
    reason: str
    """Why the value was rejected, in plain English."""


class UnitMismatch(LotwiseError, ValueError, code="unit_mismatch", category="invalid"):
    """A unit of another dimension than the item's (e.g. litres of wax kept in grams)."""

    expected: str
    """The dimension (and, for an item, its unit) that was expected, e.g. `mass (g)`."""
    got: str
    """The unit symbol that was given."""


class UnknownUnit(LotwiseError, ValueError, code="unknown_unit", category="invalid"):
    """A unit lotwise does not know: not a standard unit and, for an item,"""

    unit: str
    """The unit as given."""
    value: str
    """The whole value as given, e.g. `3 furlongs`."""
    sku: Optional[str]
    """The item the quantity was for, when there was one to ask for its pack units."""


class PackUnitMismatch(LotwiseError, ValueError, code="pack_unit_mismatch", category="invalid"):
    """A pack unit defined for other items was used for one that does not"""

    unit: str
    """The pack unit as given."""
    value: str
    """The whole value as given, e.g. `2 box`."""
    sku: str
    """The item the quantity was for."""
    pack_of: Tuple[str, ...]
    """The items that define a pack of that name."""


class MoneyPrecision(LotwiseError, ValueError, code="money_precision", category="invalid"):
    """An amount of money with more decimal places than its use allows"""

    field: str
    """The name of the input field that holds the amount."""
    value: str
    """The amount as given."""
    max_places: int
    """How many decimal places the field takes in that currency."""


class NegativeCost(LotwiseError, ValueError, code="negative_cost", category="invalid"):
    """A cost below zero."""

    field: str
    """The name of the input field that holds the cost."""
    value: str
    """The cost as given."""


class CurrencyMismatch(LotwiseError, ValueError, code="currency_mismatch", category="invalid"):
    """Amounts in two currencies were combined."""

    expected: str
    """The ISO 4217 code already in use (e.g. `USD`)."""
    got: str
    """The ISO 4217 code of the other amount."""


class InvalidInput(LotwiseError, ValueError, code="invalid_input", category="invalid"):
    """Any other field that fails validation."""

    field: str
    """The name of the input field that failed validation."""
    value: str
    """The rejected value as the caller gave it."""
    reason: str
    """Why the value was rejected, in plain English."""


class RecipeCycle(LotwiseError, code="recipe_cycle", category="refused"):
    """A recipe would make a product out of itself."""

    path: Tuple[str, ...]
    """The SKUs along the cycle, starting and ending with the same SKU."""


class InsufficientStock(LotwiseError, code="insufficient_stock", category="refused"):
    """Less stock is free than the command needs."""

    sku: str
    """The SKU short of stock."""
    requested: Decimal
    """The quantity needed, in the item's base unit."""
    available: Decimal
    """The quantity free to use, in the item's base unit."""


class NotReadyToShip(LotwiseError, code="not_ready_to_ship", category="refused"):
    """More was asked to ship than is ready for the line."""

    order: str
    """The sales order id."""
    line: int
    """The 1-based order line number."""
    requested: Decimal
    """The quantity asked to ship, in the item's base unit."""
    ready: Decimal
    """The quantity ready to ship for the line, in the item's base unit."""


class InvalidTransition(LotwiseError, code="invalid_transition", category="refused"):
    """The action is not allowed in the entity's current state."""

    entity: str
    """The kind of entity, e.g. `order` or `mo`."""
    id: str
    """The id of the entity, e.g. `SO-000001`."""
    from_: str
    """The state the entity is in now."""
    action: str
    """The action that was refused, e.g. `ship`."""


class DuplicateExternalOrder(LotwiseError, code="duplicate_external_order", category="refused"):
    """An order with this channel and external reference exists with other content."""

    channel: str
    """The sales channel the order came from."""
    external_ref: str
    """The channel's own reference for the order."""


class LotExpired(LotwiseError, code="lot_expired", category="refused"):
    """A lot past its expiry date was to be consumed or shipped."""

    lot: str
    """The code of the expired lot."""
    expiry: _dt.date
    """The lot's expiry date."""


class InvalidPayload(LotwiseError, ValueError, code="invalid_payload", category="invalid"):
    """A channel payload could not be turned into an order."""

    channel: str
    """The sales channel whose payload was rejected."""
    field: str
    """The path of the offending field within the payload."""
    reason: str
    """Why the field was rejected, in plain English."""


class InvalidSignature(LotwiseError, ValueError, code="invalid_signature", category="invalid"):
    """A webhook delivery whose signature is missing or does not match its"""

    channel: str
    """The sales channel that signs its deliveries, e.g. `shopify`."""
    header: str
    """The header that carries the signature, e.g. `X-Shopify-Hmac-Sha256`."""
    reason: str
    """Why the delivery was refused, in plain English."""


class NegativeLeadTime(LotwiseError, ValueError, code="negative_lead_time", category="invalid"):
    """A supplier lead time below zero days."""

    supplier: str
    """The supplier code."""
    sku: Optional[str]
    """The SKU of the item-specific lead time, or `None` for the supplier's default lead time."""
    days: int
    """The rejected lead time, in days."""


class UnknownSupplier(LotwiseError, LookupError, code="unknown_supplier", category="not_found"):
    """No supplier has this code."""

    supplier: str
    """The supplier code asked for."""


class UnknownPurchaseOrder(LotwiseError, LookupError, code="unknown_purchase_order", category="not_found"):
    """No purchase order has this id."""

    po: str
    """The purchase order id asked for."""


class UnknownTransfer(LotwiseError, LookupError, code="unknown_transfer", category="not_found"):
    """No transfer has this id."""

    transfer: str
    """The transfer id asked for."""


class OrderOnHold(LotwiseError, code="order_on_hold", category="refused"):
    """The order is held for review (by hand or by a rule) and cannot be"""

    order: str
    """The sales order id."""
    reason: str
    """Why it is held."""


class UnknownCustomer(LotwiseError, LookupError, code="unknown_customer", category="not_found"):
    """No customer has this id."""

    customer: str
    """The customer id asked for, e.g. `CU-000042`."""


class UnknownSegment(LotwiseError, LookupError, code="unknown_segment", category="not_found"):
    """No customer segment has this code."""

    segment: str
    """The segment code asked for."""


class StockReserved(LotwiseError, code="stock_reserved", category="refused"):
    """The stock is there but held for orders or manufacturing orders."""

    sku: str
    """The SKU of the stock."""
    lot: Optional[str]
    """The lot code, or `None` when the request was not for a specific lot."""
    location: str
    """The location code where the stock is."""
    requested: Decimal
    """The quantity asked for, in the item's base unit."""
    unreserved: Decimal
    """The quantity there that is not reserved, in the item's base unit."""


class NoShippingLocation(LotwiseError, code="no_shipping_location", category="refused"):
    """No location (or combination, when splitting is allowed) can ship the order."""

    order: str
    """The sales order id."""
    reason: str
    """Why no location qualifies, in plain English."""


class ReturnExceedsShipped(LotwiseError, code="return_exceeds_shipped", category="refused"):
    """More of a lot was to come back than shipped on that order line."""

    order: str
    """The sales order id."""
    line: int
    """The 1-based order line number."""
    lot: str
    """The code of the lot being returned."""
    requested: Decimal
    """The quantity to be returned, in the item's base unit."""
    returnable: Decimal
    """The quantity of the lot shipped on the line and not yet returned, in the item's base unit."""


class LotOnHold(LotwiseError, code="lot_on_hold", category="refused"):
    """The lot is held (QA hold, recall, customer complaint): it may not be"""

    lot: str
    """The held lot's code."""
    reason: str
    """Why it is held: `qa_hold`, `recall`, `customer_complaint` or `other`."""


class LotNotHeld(LotwiseError, code="lot_not_held", category="refused"):
    """A lot was to be released that is not held."""

    lot: str
    """The lot's code."""


class BelowShipped(LotwiseError, code="below_shipped", category="refused"):
    """An order line was to be set below what has already shipped."""

    order: str
    """The sales order id."""
    line: int
    """The 1-based order line number."""
    requested: Decimal
    """The quantity asked for, in the item's base unit."""
    shipped: Decimal
    """The quantity already shipped (and settled outside lotwise), in the item's base unit."""


class Conflict(LotwiseError, code="conflict", category="retryable"):
    """Another writer changed the same data; the command may be retried."""

    reason: str
    """What was changed concurrently, in plain English."""


class UnsupportedSchemaVersion(StorageError, code="unsupported_schema_version", category="storage"):
    """The database was written by a newer lotwise; upgrade lotwise to open it."""

    found: int
    """The schema version recorded in the database."""
    supported: int
    """The newest schema version this lotwise can open."""


class UnrecognizedDatabase(StorageError, code="unrecognized_database", category="storage"):
    """The file or database is not a lotwise database (another application's, or not a database at all); it was left untouched."""

    location: str
    """The path or connection string that was opened."""
    reason: str
    """Why it was not recognised, in plain English."""


class InternalError(LotwiseError, code="internal", category="internal"):
    """A bug in lotwise; please report it."""

    reason: str
    """A description of the broken assumption, for the bug report."""
