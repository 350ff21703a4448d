"""lotwise's result records and enums, as frozen dataclasses and Literal types.

Every record is immutable and compares by value; amounts are `Decimal` in the
item's base unit unless typed `Qty`, days are `datetime.date`, instants aware
`datetime.datetime` in UTC, sequences tuples. A class defined by hand in the
facade (an input that is also a result, or one with behaviour) is not
generated here; the facade's tests check it still fits the schema.

Generated from schema/lotwise.v1.json by scripts/generate.py: do not edit;
run `scripts/generate.sh` after changing the core's command layer.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Dict, Literal, Mapping, Optional, Tuple, Union

from ._codec import tagged_json

if TYPE_CHECKING:  # pragma: no cover
    from ._error_base import LotwiseError
    from .values import Money, Qty
    from .channels import Channel, FulfillmentStatus, ImportStatus
    from .inputs import NewOrder
    from .locations import TransferStatus
    from .planning import Calendar
    from .purchasing import PoStatus
    from .types import Address, Customer, Operation
    from .values import ItemKind, LocationKind, MoStatus, Money, MovementReason, OrderStatus, Qty, Tracking, Uom

__all__ = [
    "ItemCategory",
    "Item",
    "Pack",
    "ElapsedStep",
    "Recipe",
    "RecipeLine",
    "Location",
    "CostSettings",
    "WorkCenterRate",
    "BatchCost",
    "CostLine",
    "OperationCost",
    "ShipmentCost",
    "ShippedCost",
    "OrderMargin",
    "LineMargin",
    "Valuation",
    "ValuedLot",
    "ValuedStock",
    "CostFlows",
    "CostAnalytics",
    "MarginRow",
    "InventoryValue",
    "RecipeEstimate",
    "EstimateLine",
    "Lot",
    "LotOrigin",
    "LotHold",
    "HoldReason",
    "Movement",
    "StockLevel",
    "StockLot",
    "HoldReport",
    "HeldLot",
    "Shortage",
    "ItemStock",
    "Balance",
    "Reservation",
    "Demand",
    "Snapshot",
    "SalesOrder",
    "OrderLine",
    "OrderHold",
    "OrderDelay",
    "DelayedLine",
    "Basis",
    "Source",
    "ManufacturingOrder",
    "Requirement",
    "Allocation",
    "Feed",
    "Consumption",
    "Output",
    "Shipment",
    "ShipmentLine",
    "TraceEdge",
    "ItemDefinedData",
    "RecipeDefinedData",
    "LocationDefinedData",
    "StockReceivedData",
    "StockAdjustedData",
    "OrderPlacedData",
    "OrderConfirmedData",
    "OrderStatusChangedData",
    "OrderShippedData",
    "OrderCancelledData",
    "OrderUpdatedData",
    "OrderFlaggedData",
    "OrderResolvedData",
    "OrderReplannedData",
    "MoCreatedData",
    "MoStatusChangedData",
    "MoCompletedData",
    "WorkCenterDefinedData",
    "MoScheduledData",
    "OrderPromisedData",
    "OrderDelayedData",
    "SupplierDefinedData",
    "PoCreatedData",
    "PoStatusChangedData",
    "PoReceivedData",
    "OrderTaggedData",
    "OrderUntaggedData",
    "OrderNoteSetData",
    "ReturnRecordedData",
    "TransferShippedData",
    "TransferReceivedData",
    "RoutingRuleDefinedData",
    "CustomerCreatedData",
    "RuleDefinedData",
    "RuleFiredData",
    "AlertRaisedData",
    "OrderHeldData",
    "OrderReleasedData",
    "RuleChainStoppedData",
    "CustomerMergedData",
    "LotHeldData",
    "LotReleasedData",
    "OrderLineCancelledData",
    "OrderClosedShortData",
    "OrderEditedData",
    "OrderFlagClearedData",
    "EventKind",
    "EventPayload",
    "Event",
    "Shortfall",
    "ScheduledOperation",
    "PromisedLine",
    "PoLineOrdered",
    "ReturnLine",
    "TransferLine",
    "PlacedOrder",
    "ConfirmReport",
    "PlannedBatch",
    "LineWait",
    "Wait",
    "AcceptedOrder",
    "OrderView",
    "LineView",
    "LinePart",
    "MoPart",
    "EditReport",
    "MoSummary",
    "MoLine",
    "Return",
    "RecallReturn",
    "Trace",
    "TraceLot",
    "RecallReport",
    "RecallLot",
    "RecallDelivery",
    "RecallContact",
    "RecallReceived",
    "RecallHoldReport",
    "TraceGraph",
    "TraceNode",
    "NodeKind",
    "TraceGraphEdge",
    "Supplier",
    "SupplierItem",
    "PurchaseOrder",
    "PoLine",
    "PoReceiptRecord",
    "PoReceived",
    "OpenPoLine",
    "PurchasePlan",
    "NeedCover",
    "PurchaseSuggestion",
    "ProductionSuggestion",
    "StockMo",
    "Transfer",
    "Availability",
    "LocationStock",
    "Routing",
    "RouteLeg",
    "RouteLine",
    "LocationCheck",
    "WorkCenter",
    "ShippingMethod",
    "Promise",
    "LinePromise",
    "SupplyPart",
    "PlannedOperation",
    "Booking",
    "BookedOperation",
    "ScheduleRow",
    "DelayCheck",
    "DeskPage",
    "DeskRow",
    "BulkOutcome",
    "Analytics",
    "ChannelDay",
    "StatusCount",
    "OnTime",
    "LeadTime",
    "ProductThroughput",
    "DayOutput",
    "SkuQty",
    "SkuRevenue",
    "ChannelOrder",
    "ChannelLine",
    "Variation",
    "Property",
    "LineMapping",
    "UnmappedReason",
    "Cancellation",
    "Fulfillment",
    "ChannelShipment",
    "OrderTotals",
    "ShippingLine",
    "Gift",
    "ImportResult",
    "WebhookReceipt",
    "CustomerRecord",
    "ChannelCustomerId",
    "CustomerSummary",
    "CustomerOrder",
    "Segment",
    "SegmentFilter",
    "SegmentReport",
    "Rule",
    "Trigger",
    "Condition",
    "Action",
    "Alert",
]


ItemCategory = Literal['food', 'cosmetic', 'other']
"""What kind of goods an item is, where rules differ by trade: food and
cosmetics (soap, balms, lotions) expire with their ingredients.
"""


@dataclass(frozen=True)
class Item:
    """An item as it is defined."""

    sku: str
    """Unique stock-keeping unit."""
    name: str
    """Human name."""
    kind: ItemKind
    """Material, product or packaging."""
    uom: Uom
    """The base unit stock is kept in (g, ml or pcs)."""
    tracking: Tracking
    """Lot tracking."""
    shelf_life_days: Optional[int]
    """Days from receipt or production until a lot expires."""
    min_remaining_shelf_life_days: Optional[int]
    """A lot must have at least this many days left to be reserved."""
    lead_time_days: Optional[int]
    """Supplier lead time in days, for bought items."""
    reorder_point: Optional[Decimal]
    """Reorder point, in the base unit."""
    reorder_qty: Optional[Decimal]
    """Reorder quantity, in the base unit."""
    category: ItemCategory
    """Food, cosmetic or other goods (items stored before categories
    existed read as other).
    """
    expiry_capped_by_inputs: bool
    """Whether a batch's output lot expires no later than the earliest
    expiring lot it consumed (items stored before this setting existed
    read as no, as they behaved).
    """
    display_unit: Optional[str]
    """The unit quantities of the item are shown in on request (`convert_qty`):
    the unit it was defined in unless it says otherwise. Stock is always
    kept and reported in `uom`. `None` for items stored before display
    units existed: they show in `uom`.
    """
    packs: Tuple[Pack, ...]
    """The item's pack units (`box` = 12 pcs), usable wherever a quantity
    of this item is given (`"2 box"`).
    """


@dataclass(frozen=True)
class Pack:
    """A pack unit defined on an item: `name` is `qty` of the item's base unit."""

    name: str
    """The pack's name, e.g. `box`."""
    qty: Decimal
    """How much of the item one pack holds, in the item's base unit."""


@dataclass(frozen=True)
class ElapsedStep:
    """The calendar time a step takes without occupying a work center."""

    name: str
    """What happens, in words a person reads: `cure`, `dry`, `quarantine
    until tested`.
    """
    days: Decimal
    """How long, in days of `calendar` (a fraction is fine: `"0.5"`). On
    the default calendar a day is 24 hours; on another, one of its
    working days. Never negative.
    """
    calendar: Optional[Calendar]
    """The calendar the time counts on; every day around the clock
    (24/7) when absent.
    """


@dataclass(frozen=True)
class Recipe:
    """A versioned recipe."""

    product: str
    """Product made."""
    version: int
    """Version, from 1."""
    batch_size: Decimal
    """Good output per batch in the product's base unit."""
    inputs: Tuple[RecipeLine, ...]
    """Inputs per batch."""
    yield_pct: Decimal
    """Expected yield in percent (100 when not given)."""
    operations: Tuple[Operation, ...]
    """Operations."""
    created_at: _dt.datetime
    """When this version was defined."""


@dataclass(frozen=True)
class RecipeLine:
    """One input line of a stored recipe, in the input item's base unit."""

    sku: str
    """Input item."""
    qty: Decimal
    """Quantity per batch in the item's base unit."""
    scrap_pct: Decimal
    """Scrap allowance in percent."""


@dataclass(frozen=True)
class Location:
    """A place in the ledger."""

    code: str
    """Short unique code such as `MAIN`."""
    name: str
    """Human name."""
    kind: LocationKind
    """Internal or one of the virtual kinds."""


@dataclass(frozen=True)
class CostSettings:
    """How costs are kept: the shop's cost currency and its overhead rule."""

    currency: Optional[str]
    """The currency every cost is kept in (ISO 4217). Until set, the first
    cost recorded sets it.
    """
    overhead_pct: Decimal
    """Overhead added to every batch, in percent of its materials and
    labour (`"10"` for 10 %); zero when absent.
    """
    overhead_per_batch: Optional[Money]
    """A fixed overhead added to every completed batch, in the cost
    currency; none when absent.
    """


@dataclass(frozen=True)
class WorkCenterRate:
    """A work center's cost per hour of booked time."""

    work_center: str
    """The work center's code."""
    rate_per_hour: Money
    """Cost per hour, in the cost currency."""


@dataclass(frozen=True)
class BatchCost:
    """What a completed (or cancelled) batch cost. Amounts in `currency`."""

    mo: str
    """The manufacturing order."""
    product: str
    """The product made."""
    currency: str
    """The cost currency."""
    inputs: Tuple[CostLine, ...]
    """The lots consumed, at their actual cost."""
    operations: Tuple[OperationCost, ...]
    """The operations, at their work centers' rates."""
    materials: Decimal
    """Σ inputs' cost."""
    labour: Decimal
    """Σ operations' cost."""
    overhead: Decimal
    """overhead_pct × (materials + labour) + overhead per batch."""
    total: Decimal
    """materials + labour + overhead."""
    good: Decimal
    """Good output, in the product's base unit."""
    scrap: Decimal
    """Output scrapped, absorbed by the good units."""
    output_lot: Optional[str]
    """The output lot; `None` for a cancelled batch."""
    unit_cost: Optional[Decimal]
    """total ÷ good, rounded to 10 places: the output lot's cost per base
    unit; `None` when nothing good came out.
    """
    rounding: Decimal
    """good × unit cost − total: what rounding the unit cost added (booked
    with the batch so costs are conserved exactly).
    """
    written_off: Decimal
    """The cost written off: the whole total when nothing good came out or
    the batch was cancelled (its consumed inputs), else zero.
    """
    uncosted_lots: Tuple[str, ...]
    """Consumed lots that had no cost (counted as zero)."""
    at: _dt.datetime
    """When the cost was booked."""


@dataclass(frozen=True)
class CostLine:
    """One consumed lot in a batch's cost."""

    sku: str
    """Item."""
    lot: str
    """Lot."""
    qty: Decimal
    """Quantity, in the item's base unit."""
    unit_cost: Optional[Decimal]
    """The lot's cost per base unit; `None` when the lot has no cost."""
    cost: Decimal
    """qty × unit cost (zero for a lot without cost)."""


@dataclass(frozen=True)
class OperationCost:
    """One operation in a batch's cost."""

    work_center: str
    """Work center."""
    minutes: int
    """Minutes booked (setup + run time for the batch's quantity, as planned)."""
    rate_per_hour: Optional[Decimal]
    """The work center's rate per hour; `None` when it has none (costs zero)."""
    cost: Decimal
    """minutes × rate ÷ 60."""


@dataclass(frozen=True)
class ShipmentCost:
    """The cost of goods of one shipment, from the lots it shipped."""

    shipment: str
    """The shipment."""
    order: str
    """Its order."""
    currency: Optional[str]
    """The cost currency; `None` when no cost was ever recorded."""
    lines: Tuple[ShippedCost, ...]
    """Per lot shipped."""
    cost_of_goods: Decimal
    """Σ lines' cost."""
    at: _dt.datetime
    """When it shipped."""


@dataclass(frozen=True)
class ShippedCost:
    """One lot of one order line in a shipment's cost."""

    line: int
    """Order line number."""
    sku: str
    """Item."""
    lot: str
    """Lot shipped."""
    qty: Decimal
    """Quantity, base unit."""
    unit_cost: Optional[Decimal]
    """The lot's cost per base unit; `None` when it has none."""
    cost: Decimal
    """qty × unit cost."""


@dataclass(frozen=True)
class OrderMargin:
    """The margin of an order on what has shipped, in the cost currency."""

    order: str
    """The order."""
    currency: Optional[str]
    """The order's currency (of its prices); `None` when unpriced."""
    cost_currency: Optional[str]
    """The cost currency; `None` when no cost was ever recorded."""
    comparable: bool
    """Whether revenue and cost are in one currency (the same, or converted
    by the rate given). When not, margins are `None`: never mixed.
    """
    lines: Tuple[LineMargin, ...]
    """Per line."""
    revenue: Optional[Money]
    """Σ revenue, in the order's currency, rounded to its minor unit."""
    cost_of_goods: Optional[Money]
    """Σ cost of goods, rounded to the cost currency's minor unit."""
    margin: Optional[Money]
    """revenue − cost of goods, in the cost currency, rounded."""
    margin_pct: Optional[Decimal]
    """margin ÷ revenue × 100, to two places."""


@dataclass(frozen=True)
class LineMargin:
    """The margin of one order line, on what has shipped."""

    line: int
    """Line number."""
    sku: str
    """Item."""
    shipped: Decimal
    """Shipped, base unit."""
    revenue: Optional[Money]
    """shipped × unit price, in the order's currency; `None` when unpriced."""
    cost_of_goods: Optional[Money]
    """Cost of the goods shipped on the line, in the cost currency."""
    margin: Optional[Money]
    """revenue (in the cost currency) − cost of goods; `None` when not comparable."""
    margin_pct: Optional[Decimal]
    """margin ÷ revenue × 100, to two places; `None` when not comparable or no revenue."""


@dataclass(frozen=True)
class Valuation:
    """What stock was worth at an instant."""

    at: _dt.datetime
    """The instant."""
    currency: Optional[str]
    """The cost currency; `None` when no cost was ever recorded."""
    lots: Tuple[ValuedLot, ...]
    """Per lot and location (internal, quarantine and in-transit stock)."""
    items: Tuple[ValuedStock, ...]
    """Per item and location."""
    value: Decimal
    """Σ of every lot's value, exact."""
    value_total: Optional[Money]
    """The value rounded to the currency's minor unit."""
    uncosted_lots: Tuple[str, ...]
    """Lots on hand without a cost (valued at zero)."""


@dataclass(frozen=True)
class ValuedLot:
    """Stock of one lot at one location, valued."""

    sku: str
    """Item."""
    location: str
    """Location."""
    lot: str
    """Lot."""
    qty: Decimal
    """On hand, base unit."""
    unit_cost: Optional[Decimal]
    """The lot's cost per base unit; `None` when it has none."""
    value: Decimal
    """qty × unit cost (zero without a cost)."""


@dataclass(frozen=True)
class ValuedStock:
    """Stock of one item at one location, valued."""

    sku: str
    """Item."""
    location: str
    """Location."""
    qty: Decimal
    """On hand, base unit."""
    value: Decimal
    """Σ of its lots' values."""
    value_total: Optional[Money]
    """The value rounded to the currency's minor unit."""


@dataclass(frozen=True)
class CostFlows:
    """Where cost went, from the ledger and the batches' costs, up to an instant."""

    at: _dt.datetime
    """The instant."""
    currency: Optional[str]
    """The cost currency; `None` when no cost was ever recorded."""
    received: Decimal
    """Receipts, and stock found at counts, at their lots' cost."""
    added_by_operations: Decimal
    """What batches added: labour, overhead and the rounding of output unit costs."""
    shipped: Decimal
    """Cost of goods shipped, less what customers sent back."""
    scrapped: Decimal
    """Scrapped: inputs of cancelled batches, batches with no good output,
    returns scrapped, stock lost at counts.
    """
    work_in_progress: Decimal
    """Inputs of batches started and not yet completed."""
    on_hand: Decimal
    """Stock valuation (internal, quarantine and in-transit stock)."""
    unaccounted: Decimal
    """received + added − shipped − scrapped − work in progress − on hand:
    zero, always (costs are conserved).
    """


@dataclass(frozen=True)
class CostAnalytics:
    """Margins and inventory value over a span of days."""

    cost_currency: Optional[str]
    """The cost currency; `None` when no cost was ever recorded."""
    margins: Tuple[MarginRow, ...]
    """Per month, channel, product and currency."""
    by_product: Tuple[MarginRow, ...]
    """Per product and currency, over the span."""
    by_channel: Tuple[MarginRow, ...]
    """Per channel and currency, over the span."""
    by_month: Tuple[MarginRow, ...]
    """Per month and currency."""
    inventory: Tuple[InventoryValue, ...]
    """Stock value at the end of each day."""


@dataclass(frozen=True)
class MarginRow:
    """Margin of one group of shipped goods."""

    month: Optional[str]
    """Month shipped, `YYYY-MM`; `None` in the per-product and per-channel sums."""
    channel: Optional[str]
    """Sales channel; `None` in the per-product and per-month sums."""
    sku: Optional[str]
    """Product; `None` in the per-channel and per-month sums."""
    currency: Optional[str]
    """The orders' currency; `None` for unpriced lines."""
    qty: Decimal
    """Quantity shipped, base unit (summed only within one SKU, else zero)."""
    revenue: Decimal
    """Revenue in `currency`, rounded to its minor unit."""
    cost_of_goods: Decimal
    """Cost of goods in the cost currency, rounded to its minor unit."""
    margin: Optional[Decimal]
    """revenue − cost, rounded; `None` when `currency` is not the cost currency."""


@dataclass(frozen=True)
class InventoryValue:
    """Stock value at the end of one day."""

    day: _dt.date
    """The day."""
    value: Decimal
    """On hand × lot costs at the end of the day, rounded to the cost currency's minor unit."""


@dataclass(frozen=True)
class RecipeEstimate:
    """A recipe's estimated cost from current costs, for quoting."""

    sku: str
    """The product."""
    qty: Decimal
    """The quantity estimated, base unit."""
    currency: Optional[str]
    """The cost currency; `None` when no cost was ever recorded."""
    inputs: Tuple[EstimateLine, ...]
    """Inputs (one level; made inputs are estimated from their recipes)."""
    materials: Decimal
    """Σ inputs."""
    labour: Decimal
    """Operations at their work centers' rates."""
    overhead: Decimal
    """The overhead rule."""
    total: Decimal
    """materials + labour + overhead."""
    unit_cost: Optional[Decimal]
    """total ÷ qty, per base unit, to 10 places."""
    total_money: Optional[Money]
    """The total rounded to the currency's minor unit."""
    uncosted: Tuple[str, ...]
    """Inputs with no known cost (counted as zero)."""


@dataclass(frozen=True)
class EstimateLine:
    """One input of a recipe estimate."""

    sku: str
    """Item."""
    qty: Decimal
    """Quantity needed, base unit (with scrap and yield allowances)."""
    unit_cost: Optional[Decimal]
    """The cost per base unit used; `None` when none is known."""
    source: str
    """Where it came from: `stock` (on-hand lots, weighted), `last_lot`,
    `supplier_price`, `recipe` (made, estimated from its own recipe) or `none`.
    """
    cost: Decimal
    """qty × unit cost."""


@dataclass(frozen=True)
class Lot:
    """A lot."""

    code: str
    """Unique lot code."""
    sku: str
    """The item this lot is of."""
    expiry: Optional[_dt.date]
    """Last day the lot may be used or sold."""
    origin: LotOrigin
    """Receipt, production or adjustment."""
    supplier_lot_ref: Optional[str]
    """The supplier's own lot number, for recalls upstream."""
    created_at: _dt.datetime
    """When the lot came into being."""
    unit_cost: Optional[Money]
    """What one base unit (g, ml, pcs) of the lot cost, in the shop's cost
    currency: from its receipt, or its batch's cost ÷ good output.
    `None` when no cost was given (it counts as zero in valuations, and
    reports list it as uncosted).
    """
    hold: Optional[LotHold]
    """Set while the lot is held (QA hold, recall, customer complaint): a
    held lot is never reserved, consumed, transferred or shipped.
    `null` when the lot is free to use.
    """


@dataclass(frozen=True)
class LotOrigin:
    """Where a lot came from.

    By `type`:

    - ``receipt``: Received from a supplier.
    - ``production``: Produced by a manufacturing order.
    - ``adjustment``: Found during a count.
    """

    type: Literal['receipt', 'production', 'adjustment']
    mo: Optional[str] = None
    """The id of the manufacturing order that made the lot, e.g. `MO-000001`."""

    @staticmethod
    def _to_json(value: LotOrigin) -> Dict[str, Any]:
        # Exactly the fields of the value's variant, as the core writes it.
        return tagged_json(value, "type", {'receipt': (), 'production': ('mo', ), 'adjustment': ()})


@dataclass(frozen=True)
class LotHold:
    """A hold on a lot."""

    reason: HoldReason
    """Why."""
    note: Optional[str]
    """Free text for the record (test number, complaint reference)."""
    recall_of: Optional[str]
    """The recalled lot this hold comes from, for holds placed by a recall
    (and for the output of a batch that consumed a held lot).
    """
    since: _dt.datetime
    """When the hold was placed."""


HoldReason = Literal['qa_hold', 'recall', 'customer_complaint', 'other']
"""Why a lot is held."""


@dataclass(frozen=True)
class Movement:
    """One immutable ledger entry."""

    seq: int
    """Position in the ledger, from 1."""
    at: _dt.datetime
    """When it was booked."""
    sku: str
    """Item."""
    lot: str
    """Lot."""
    qty: Decimal
    """Always positive, in the item's base unit."""
    from_: str = field(metadata={"json": "from"})
    """Source location."""
    to: str
    """Destination location."""
    reason: MovementReason
    """Why."""
    doc: Optional[str]
    """The document behind it (order, MO, shipment id), if any."""


@dataclass(frozen=True)
class StockLevel:
    """Stock of an item at internal (sellable) locations, in its base unit."""

    sku: str
    """Item."""
    on_hand: Decimal
    """On hand."""
    reserved: Decimal
    """Held for orders and manufacturing orders."""
    available: Decimal
    """Free to promise: on hand − reserved − expired − held."""
    held: Decimal
    """On hand in lots on hold (QA hold, recall, complaint)."""
    lots: Tuple[StockLot, ...]
    """Per lot and location, earliest expiry first."""


@dataclass(frozen=True)
class StockLot:
    """Stock of one lot at one internal location."""

    lot: str
    """Lot."""
    location: str
    """Location."""
    expiry: Optional[_dt.date]
    """Expiry."""
    on_hand: Decimal
    """On hand."""
    reserved: Decimal
    """Reserved."""


@dataclass(frozen=True)
class HoldReport:
    """What placing holds did."""

    held: Tuple[HeldLot, ...]
    """The lots put on hold now, in the order held."""
    already_held: Tuple[str, ...]
    """Lots that were already on hold and were left as they were."""
    replanned_orders: Tuple[str, ...]
    """Orders whose lines lost reserved stock and were re-planned."""
    replanned_mos: Tuple[str, ...]
    """Manufacturing orders whose inputs lost reserved stock and were re-planned."""
    short_orders: Tuple[str, ...]
    """Orders affected (directly or through their batches) that are now
    short: some line has neither stock nor materials behind it.
    """
    shortages: Tuple[Shortage, ...]
    """What is missing after re-planning."""


@dataclass(frozen=True)
class HeldLot:
    """One lot put on hold."""

    lot: str
    """Lot."""
    sku: str
    """Item."""
    on_hand: Decimal
    """On hand at stock locations (internal, quarantine, transit), base unit."""
    released: Decimal
    """Reserved quantity released, base unit."""


@dataclass(frozen=True)
class Shortage:
    """Something missing for an order line or a manufacturing order."""

    sku: str
    """Item short."""
    missing: Decimal
    """How much more is needed, in its base unit."""
    needed_for: str
    """Who needs it: an order line (`SO-000001/1`) or a manufacturing order id."""


@dataclass(frozen=True)
class ItemStock:
    """An item with its stock level: one row of a stock table."""

    item: Item
    """The item as defined (name, kind, base unit the level is kept in, ...)."""
    level: StockLevel
    """Its stock at internal locations, in the item's base unit, exactly as
    `stock` gives it.
    """


@dataclass(frozen=True)
class Balance:
    """Stock of one lot at one location."""

    sku: str
    """Item."""
    lot: str
    """Lot."""
    location: str
    """Location."""
    qty: Decimal
    """On hand, in the item's base unit; negative only at virtual locations."""


@dataclass(frozen=True)
class Reservation:
    """Stock held for a demand."""

    id: int
    """Unique id."""
    sku: str
    """Item."""
    lot: str
    """Lot."""
    location: str
    """Location the stock sits at."""
    qty: Decimal
    """Quantity held, in the item's base unit."""
    demand: Demand
    """Who it is held for."""
    at: _dt.datetime
    """When it was made."""


@dataclass(frozen=True)
class Demand:
    """What stock is held for.

    By `type`:

    - ``order_line``: A sales order line.
    - ``mo_input``: The inputs of a manufacturing order.
    """

    type: Literal['order_line', 'mo_input']
    order: Optional[str] = None
    """The sales order id, e.g. `SO-000001`."""
    line: Optional[int] = None
    """The 1-based line number within the order."""
    mo: Optional[str] = None
    """The id of the manufacturing order whose components are held."""

    @staticmethod
    def _to_json(value: Demand) -> Dict[str, Any]:
        # Exactly the fields of the value's variant, as the core writes it.
        return tagged_json(value, "type", {'order_line': ('order', 'line', ), 'mo_input': ('mo', )})


@dataclass(frozen=True)
class Snapshot:
    """Everything in the store, in a stable order. Two equal snapshots mean
    equal states; tests use it to prove a failed command changed nothing.
    """

    items: Tuple[Item, ...]
    """Every item definition."""
    recipes: Tuple[Recipe, ...]
    """Every version of every recipe."""
    locations: Tuple[Location, ...]
    """Every location, the default ones included."""
    lots: Tuple[Lot, ...]
    """Every lot of every item, empty ones included."""
    movements: Tuple[Movement, ...]
    """The whole stock ledger, in booking order."""
    balances: Tuple[Balance, ...]
    """Every non-zero on-hand balance per SKU, lot and location, in base units."""
    reservations: Tuple[Reservation, ...]
    """Every open reservation of stock."""
    orders: Tuple[SalesOrder, ...]
    """Every sales order, whatever its status."""
    mos: Tuple[ManufacturingOrder, ...]
    """Every manufacturing order, whatever its status."""
    shipments: Tuple[Shipment, ...]
    """Every shipment made."""
    trace_edges: Tuple[TraceEdge, ...]
    """Every lot genealogy edge (input lot consumed into output lot by an MO)."""
    events: Tuple[Event, ...]
    """The whole event outbox, acknowledged or not, by sequence."""
    docs: Tuple[Tuple[str, str, Any], ...]
    """Generic records as (kind, key, value)."""


@dataclass(frozen=True)
class SalesOrder:
    """A sales order."""

    id: str
    """lotwise id, e.g. `SO-000001`."""
    channel: str
    """Channel."""
    external_ref: Optional[str]
    """Channel's order id."""
    customer: Customer
    """Who ordered."""
    ship_to: Optional[Address]
    """Ship-to."""
    lines: Tuple[OrderLine, ...]
    """Lines."""
    tags: Tuple[str, ...]
    """Tags."""
    notes: Optional[str]
    """Note."""
    attention: Tuple[str, ...]
    """Problems a person must resolve before the order can be confirmed
    (e.g. "line 2: sku `X-9` is not mapped"). Empty for a normal order.
    """
    status: OrderStatus
    """Derived status, kept current by every command that touches the order."""
    placed_at: _dt.datetime
    """When placed."""
    confirmed_at: Optional[_dt.datetime]
    """When confirmed."""
    cancelled_at: Optional[_dt.datetime]
    """When cancelled."""
    hold: Optional[OrderHold]
    """A hold for review (by hand or by a rule): while set, nobody can
    confirm the order.
    """
    ship_from: Optional[str]
    """The location the order is to ship from, when a rule or a person
    routed it (`route_order` then plans from there only).
    """
    delay: Optional[OrderDelay]
    """Set while the order is projected to arrive after its promised date
    (`check_delays`), with the late lines and why; `None` otherwise.
    """


@dataclass(frozen=True)
class OrderLine:
    """A stored order line. Quantities are in the item's base unit."""

    line: int
    """Line number from 1."""
    sku: str
    """Item."""
    qty: Qty
    """Ordered quantity."""
    unit_price: Optional[Money]
    """Price per base unit."""
    requested_date: Optional[_dt.date]
    """Requested delivery day."""
    promised_date: Optional[_dt.date]
    """Promised delivery day, once a promise was made."""
    lot: Optional[str]
    """Named lot."""
    min_remaining_shelf_life_days: Optional[int]
    """Minimum remaining shelf life in days."""
    shipped: Decimal
    """Quantity shipped so far."""
    fulfilled_outside: Decimal
    """Quantity the sales channel settled itself, outside lotwise: shipped
    there, refunded or removed there, or goods that need no shipping
    (a digital download). Kept for the record; it is no demand.
    """
    cancelled: Decimal
    """Quantity cancelled after confirmation (`cancel_order_line`,
    `close_short`): no longer to ship.
    """


@dataclass(frozen=True)
class OrderHold:
    """A hold on an order: nobody confirms it until it is released."""

    reason: str
    """Why."""
    rule: Optional[str]
    """The rule that placed it, if a rule did."""
    at: _dt.datetime
    """When."""


@dataclass(frozen=True)
class OrderDelay:
    """Why an order is late, kept on the order while it is."""

    since: _dt.datetime
    """When lotwise first saw the order would be late."""
    lines: Tuple[DelayedLine, ...]
    """The late lines."""


@dataclass(frozen=True)
class DelayedLine:
    """One line whose projected delivery is after its promised date."""

    line: int
    """Order line number."""
    sku: str
    """Item."""
    promised_date: _dt.date
    """The day promised to the customer."""
    projected_date: _dt.date
    """The day it can arrive now, as projected."""
    mo: Optional[str]
    """The batch that decides, if one does."""
    basis: Basis
    """What decides the projected date (a material, a work center, a cure)."""
    reason: str
    """The same in words a person reads."""


@dataclass(frozen=True)
class Basis:
    """What decided a date.

    By `type`:

    - ``stock``: Everything is in stock.
    - ``production``: Production on a work center: it was busy until `start` (`waited`),
    - ``elapsed``: An elapsed step (a cure, drying, quarantine) that holds no work
    - ``supplier``: Waiting for a material from its supplier.
    """

    type: Literal['stock', 'production', 'elapsed', 'supplier']
    work_center: Optional[str] = None
    """Code of the work center that decided; `None` when the product has no operations or no booking."""
    start: Optional[_dt.datetime] = None
    """When the deciding operation starts."""
    end: Optional[_dt.datetime] = None
    """When the deciding operation ends."""
    waited: Optional[bool] = None
    """Whether the operation had to wait for earlier bookings on the work center."""
    step: Optional[str] = None
    """The step's name, e.g. `cure`."""
    sku: Optional[str] = None
    """The SKU of the material being waited for."""
    until: Optional[_dt.date] = None
    """The day the material is expected to arrive."""
    source: Optional[Source] = None
    """Whether it comes from an open purchase order or from ordering now."""

    @staticmethod
    def _to_json(value: Basis) -> Dict[str, Any]:
        # Exactly the fields of the value's variant, as the core writes it.
        return tagged_json(value, "type", {'stock': (), 'production': ('work_center', 'start', 'end', 'waited', ), 'elapsed': ('step', 'start', 'end', ), 'supplier': ('sku', 'until', 'source', )})


@dataclass(frozen=True)
class Source:
    """Where one part of a line or input comes from.

    By `type`:

    - ``stock``: Free or reserved stock.
    - ``purchase_order``: An open purchase order.
    - ``lead_time``: Ordered now from the supplier.
    - ``new_batch``: A batch this promise plans.
    - ``mo``: An existing manufacturing order.
    """

    type: Literal['stock', 'purchase_order', 'lead_time', 'new_batch', 'mo']
    reference: Optional[str] = None
    """The purchase order's reference, if it has one."""
    days: Optional[int] = None
    """The item's supplier lead time in days (0 when unknown)."""
    job: Optional[str] = None
    """The planned batch's job name, e.g. `new-1` (see [`PlannedOperation::job`])."""
    mo: Optional[str] = None
    """The id of the manufacturing order, e.g. `MO-000001`."""

    @staticmethod
    def _to_json(value: Source) -> Dict[str, Any]:
        # Exactly the fields of the value's variant, as the core writes it.
        return tagged_json(value, "type", {'stock': (), 'purchase_order': ('reference', ), 'lead_time': ('days', ), 'new_batch': ('job', ), 'mo': ('mo', )})


@dataclass(frozen=True)
class ManufacturingOrder:
    """A manufacturing order."""

    id: str
    """lotwise id, e.g. `MO-000001`."""
    product: str
    """Product made."""
    qty: Decimal
    """Planned output in the product's base unit."""
    recipe_version: int
    """Recipe version used."""
    status: MoStatus
    """Status."""
    parent_mo: Optional[str]
    """For an intermediate batch, the manufacturing order it was first
    planned for. Which batches it feeds is [`Self::feeds`].
    """
    requirements: Tuple[Requirement, ...]
    """Inputs needed for the planned output."""
    allocations: Tuple[Allocation, ...]
    """Output promised to order lines."""
    feeds: Tuple[Feed, ...]
    """Output promised to batches that consume it (intermediates)."""
    fed_by: Tuple[str, ...]
    """The intermediate batches planned to feed this one, oldest first."""
    consumed: Tuple[Consumption, ...]
    """Input lots consumed at start."""
    output: Optional[Output]
    """Output at completion."""
    created_at: _dt.datetime
    """Created."""
    started_at: Optional[_dt.datetime]
    """Started."""
    finished_at: Optional[_dt.datetime]
    """Completed or cancelled."""


@dataclass(frozen=True)
class Requirement:
    """One line of a requirement: how much of an item an order of output needs."""

    sku: str
    """Input item."""
    qty: Decimal
    """Quantity in the item's base unit."""


@dataclass(frozen=True)
class Allocation:
    """Part of a manufacturing order's output promised to one order line."""

    order: str
    """Sales order id."""
    line: int
    """Line number."""
    qty: Decimal
    """Quantity allocated, in the product's base unit."""
    delivered: Decimal
    """Quantity actually handed over at completion."""


@dataclass(frozen=True)
class Feed:
    """Part of an intermediate batch's output promised to a batch that consumes
    it (a soap-base batch feeding bar batches). One base batch may feed many
    bar batches, and a bar batch may be fed by several base batches
    ([`ManufacturingOrder::fed_by`]).
    """

    mo: str
    """The consuming manufacturing order."""
    qty: Decimal
    """Quantity promised to it, in the product's base unit. Lowered to what
    was delivered when the consumer no longer needs the rest (it was
    cancelled, started, or covered from stock) or this batch completed.
    """
    delivered: Decimal
    """Quantity reserved for it at this batch's completion."""


@dataclass(frozen=True)
class Consumption:
    """An input lot consumed when production started."""

    sku: str
    """Input item."""
    lot: str
    """Lot consumed."""
    qty: Decimal
    """Quantity consumed."""


@dataclass(frozen=True)
class Output:
    """What a batch produced."""

    lot: str
    """Output lot."""
    good: Decimal
    """Good quantity put to stock."""
    scrap: Decimal
    """Quantity scrapped."""
    expiry: Optional[_dt.date]
    """Output lot expiry."""


@dataclass(frozen=True)
class Shipment:
    """A shipment."""

    id: str
    """lotwise id, e.g. `SH-000001`."""
    order: str
    """Sales order."""
    lines: Tuple[ShipmentLine, ...]
    """Lines with lots."""
    carrier: str
    """Carrier."""
    tracking: str
    """Tracking number."""
    label: Optional[str]
    """Label data as the carrier integration gave it (opaque)."""
    shipped_at: _dt.datetime
    """When it left."""
    cost_of_goods: Optional[Money]
    """Cost of the goods shipped, from the lots' unit costs, in the shop's
    cost currency (per lot: `shipment_cost`); `None` when no cost was
    ever recorded. Shipments stored before costs read as `None`.
    """


@dataclass(frozen=True)
class ShipmentLine:
    """One lot of one order line in a shipment."""

    line: int
    """Order line number."""
    sku: str
    """Item."""
    lot: str
    """Lot shipped."""
    location: str
    """Location it left from."""
    qty: Decimal
    """Quantity, in the item's base unit."""


@dataclass(frozen=True)
class TraceEdge:
    """Input lot `from` went into output lot `to` through manufacturing order `mo`."""

    from_lot: str
    """Input lot."""
    to_lot: str
    """Output lot."""
    mo: str
    """Manufacturing order."""
    qty: Decimal
    """Quantity of the input lot consumed, in its item's base unit."""


@dataclass(frozen=True)
class ItemDefinedData:
    """The data of a `item_defined` event. Emitted by `define_item` when a new item is created; subject is the SKU."""

    name: str
    """Human name."""
    kind: ItemKind
    """Material, product or packaging."""
    uom: Uom
    """Base unit."""


@dataclass(frozen=True)
class RecipeDefinedData:
    """The data of a `recipe_defined` event. Emitted by `define_recipe` for each new recipe version; subject is the
    product SKU.
    """

    version: int
    """The new version, from 1."""


@dataclass(frozen=True)
class LocationDefinedData:
    """The data of a `location_defined` event. Emitted when a location is defined (`define_location`, and the
    transfer and return commands when they create `TRANSIT` or a
    quarantine location); subject is the location code.
    """

    name: str
    """Human name."""
    kind: LocationKind
    """Internal, quarantine or one of the virtual kinds."""


@dataclass(frozen=True)
class StockReceivedData:
    """The data of a `stock_received` event. Emitted per received lot by `receive` and by `receive_po`; subject is
    the SKU.
    """

    lot: str
    """The lot received into."""
    qty: Qty
    """Quantity received, in the item's base unit."""
    location: str
    """Where it was put."""
    expiry: Optional[_dt.date]
    """The lot's expiry, if it has one."""
    po: Optional[str]
    """The purchase order it came with (`receive_po` only; `null` for a
    plain receipt, and absent in events stored before it was always
    written).
    """


@dataclass(frozen=True)
class StockAdjustedData:
    """The data of a `stock_adjusted` event. Emitted by `adjust_stock` after a stock count or correction; subject
    is the SKU.
    """

    lot: str
    """The lot counted."""
    location: str
    """Where."""
    delta: Qty
    """The signed change, as given."""
    reason: str
    """Why, as given."""


@dataclass(frozen=True)
class OrderPlacedData:
    """The data of a `order_placed` event. Emitted when a new sales order is stored (`place_order` or a channel
    import); subject is the order id.
    """

    channel: str
    """Sales channel."""
    external_ref: Optional[str]
    """The channel's reference of the order."""
    customer: str
    """Customer name."""
    lines: int
    """Number of lines."""


@dataclass(frozen=True)
class OrderConfirmedData:
    """The data of a `order_confirmed` event. Emitted by `confirm_order` before stock is reserved and MOs planned;
    subject is the order id.
    """


@dataclass(frozen=True)
class OrderStatusChangedData:
    """The data of a `order_status_changed` event. Emitted whenever an order's derived status changes (e.g. to `ready`
    or `partially_shipped`); subject is the order id.
    """

    from_: OrderStatus = field(metadata={"json": "from"})
    """Status before."""
    to: OrderStatus
    """Status after."""


@dataclass(frozen=True)
class OrderShippedData:
    """The data of a `order_shipped` event. Emitted by `ship` for each shipment created; subject is the order id."""

    shipment: str
    """The shipment's id."""
    carrier: str
    """Carrier."""
    tracking: str
    """Tracking number."""
    customer: str
    """Customer name."""
    email: Optional[str]
    """Customer e-mail, if known."""
    lines: Tuple[ShipmentLine, ...]
    """What was shipped, lot by lot."""


@dataclass(frozen=True)
class OrderCancelledData:
    """The data of a `order_cancelled` event. Emitted by `cancel_order` after reservations are released and MOs
    detached; subject is the order id.
    """

    detached_mos: Tuple[str, ...]
    """Manufacturing orders the order's lines were detached from."""


@dataclass(frozen=True)
class OrderUpdatedData:
    """The data of a `order_updated` event. Emitted when a channel re-import changes an existing order; subject is
    the order id.
    """

    channel: str
    """The channel it came from."""
    lines_changed: bool
    """Whether its lines changed."""
    flagged: bool
    """Whether the change needs attention (see `order_flagged`)."""


@dataclass(frozen=True)
class OrderFlaggedData:
    """The data of a `order_flagged` event. Emitted when a new reason for attention is added to an order (e.g.
    lines changed on the channel after confirmation); subject is the
    order id.
    """

    reason: str
    """The reason, in words."""


@dataclass(frozen=True)
class OrderResolvedData:
    """The data of a `order_resolved` event. Emitted by `resolve_order` when an order needing attention is cleared
    back to `placed`; subject is the order id.
    """

    lines: int
    """Number of lines it now has."""


@dataclass(frozen=True)
class OrderReplannedData:
    """The data of a `order_replanned` event. Emitted by `replan_order` with what was newly reserved, planned and
    still short; subject is the order id.
    """

    reserved: Mapping[int, Decimal]
    """Finished stock newly reserved, per line number (base units)."""
    mos: Tuple[str, ...]
    """Manufacturing orders created or joined."""
    shortages: Tuple[Shortfall, ...]
    """What is still missing."""


@dataclass(frozen=True)
class MoCreatedData:
    """The data of a `mo_created` event. Emitted when planning creates a manufacturing order (also for
    sub-assemblies); subject is the MO id.
    """

    product: str
    """The product's SKU."""
    qty: Decimal
    """Planned output, base units."""
    parent_mo: Optional[str]
    """The manufacturing order this one makes an input for."""


@dataclass(frozen=True)
class MoStatusChangedData:
    """The data of a `mo_status_changed` event. Emitted whenever a manufacturing order's status changes (start,
    completion, cancellation, readiness); subject is the MO id.
    """

    from_: MoStatus = field(metadata={"json": "from"})
    """Status before."""
    to: MoStatus
    """Status after."""


@dataclass(frozen=True)
class MoCompletedData:
    """The data of a `mo_completed` event. Emitted by `complete_mo` with the output lot and good/scrap
    quantities; subject is the MO id.
    """

    lot: str
    """The output lot."""
    good: Qty
    """Good output, in the product's base unit."""
    scrap: Qty
    """Scrapped output, in the product's base unit."""


@dataclass(frozen=True)
class WorkCenterDefinedData:
    """The data of a `work_center_defined` event. Emitted by `define_work_center` when a work center is defined or its
    calendar changed; subject is the work center code.
    """

    name: str
    """Human name."""
    calendar: Calendar
    """When it works."""
    replaced: bool
    """Whether it replaced an earlier definition."""


@dataclass(frozen=True)
class MoScheduledData:
    """The data of a `mo_scheduled` event. Emitted when a manufacturing order's operations are booked or
    re-booked on its work centers (confirming or re-planning an order
    with planning in use, `reschedule_mo`); subject is the MO id.
    """

    operations: Tuple[ScheduledOperation, ...]
    """Its booked operations, in order."""
    ready_at: _dt.datetime
    """When the output is ready."""
    basis: Basis
    """What decided that."""


@dataclass(frozen=True)
class OrderPromisedData:
    """The data of a `order_promised` event. Emitted when a confirmed order's lines get their promised dates
    (confirming or re-planning with planning in use); subject is the
    order id.
    """

    lines: Tuple[PromisedLine, ...]
    """Every line's promised date."""


@dataclass(frozen=True)
class OrderDelayedData:
    """The data of a `order_delayed` event. Emitted by `check_delays` once, when an order is first projected to
    arrive after its promised date (before that date passes); subject
    is the order id. Not emitted again while it stays late.
    """

    lines: Tuple[DelayedLine, ...]
    """The late lines: promised and projected dates, the deciding
    batch and why.
    """


@dataclass(frozen=True)
class SupplierDefinedData:
    """The data of a `supplier_defined` event. Emitted by `define_supplier` when a supplier is defined or redefined;
    subject is the supplier code.
    """

    name: str
    """Human name."""
    lead_time_days: int
    """Default lead time in days."""
    items: Tuple[str, ...]
    """SKUs it sells."""
    replaced: bool
    """Whether it replaced an earlier definition."""


@dataclass(frozen=True)
class PoCreatedData:
    """The data of a `po_created` event. Emitted by `create_po` when a purchase order is created (as a draft);
    subject is the PO id.
    """

    supplier: str
    """Supplier code."""
    expected_date: _dt.date
    """When the goods are expected."""
    lines: Tuple[PoLineOrdered, ...]
    """What is ordered."""


@dataclass(frozen=True)
class PoStatusChangedData:
    """The data of a `po_status_changed` event. Emitted when a purchase order changes status (`send_po`, `cancel_po`,
    `receive_po`); subject is the PO id.
    """

    from_: PoStatus = field(metadata={"json": "from"})
    """Status before."""
    to: PoStatus
    """Status after."""


@dataclass(frozen=True)
class PoReceivedData:
    """The data of a `po_received` event. Emitted by `receive_po` per purchase order line received into a lot;
    subject is the PO id.
    """

    line: int
    """PO line number."""
    sku: str
    """Item."""
    lot: str
    """The lot received into."""
    qty: Qty
    """Quantity received, in the item's base unit."""
    supplier_lot_ref: Optional[str]
    """The supplier's own lot reference, if given."""


@dataclass(frozen=True)
class OrderTaggedData:
    """The data of a `order_tagged` event. Emitted by `tag_order` (and `bulk_tag`) when a tag is added to an
    order; subject is the order id.
    """

    tag: str
    """The tag, as stored."""


@dataclass(frozen=True)
class OrderUntaggedData:
    """The data of a `order_untagged` event. Emitted by `untag_order` when a tag is removed from an order;
    subject is the order id.
    """

    tag: str
    """The tag, as given."""


@dataclass(frozen=True)
class OrderNoteSetData:
    """The data of a `order_note_set` event. Emitted by `set_order_note` when an order's note is set or cleared;
    subject is the order id.
    """

    note: Optional[str]
    """The new note; `null` when cleared."""


@dataclass(frozen=True)
class ReturnRecordedData:
    """The data of a `return_recorded` event. Emitted by `record_return` when a return is booked; subject is the
    order id (the return's id is in `return`).
    """

    return_: str = field(metadata={"json": "return"})
    """The return's id, e.g. `RT-000001`."""
    customer: str
    """Customer name."""
    lines: Tuple[ReturnLine, ...]
    """What came back and what happened to it."""
    note: Optional[str]
    """Free text, if given."""


@dataclass(frozen=True)
class TransferShippedData:
    """The data of a `transfer_shipped` event. Emitted by `ship_transfer` when goods leave the source location;
    subject is the transfer id.
    """

    from_: str = field(metadata={"json": "from"})
    """Source location."""
    to: str
    """Destination location."""
    lines: Tuple[TransferLine, ...]
    """Lots moved."""


@dataclass(frozen=True)
class TransferReceivedData:
    """The data of a `transfer_received` event. Emitted by `receive_transfer` when goods arrive at the destination;
    subject is the transfer id.
    """

    to: str
    """Destination location."""
    lines: Tuple[TransferLine, ...]
    """Lots moved."""


@dataclass(frozen=True)
class RoutingRuleDefinedData:
    """The data of a `routing_rule_defined` event. Emitted by `define_routing_rule` when a routing rule is defined or
    replaced; subject is the rule's key (its channel, `*` for the
    default rule).
    """

    locations: Tuple[str, ...]
    """Locations to ship from, in order of preference."""
    allow_split: bool
    """Whether an order may ship from several locations."""


@dataclass(frozen=True)
class CustomerCreatedData:
    """The data of a `customer_created` event. Emitted when a customer record is created (by hand or for an order
    from someone new); subject is the customer id.
    """

    name: str
    """The customer's name."""


@dataclass(frozen=True)
class RuleDefinedData:
    """The data of a `rule_defined` event. Emitted by `define_rule`; subject is the rule's code."""

    name: str
    """The rule's name."""
    trigger: str
    """Its trigger, e.g. `order_placed`."""
    enabled: bool
    """Whether it runs."""


@dataclass(frozen=True)
class RuleFiredData:
    """The data of a `rule_fired` event. Emitted when an automation rule fires; subject is the order (order
    rules), the item (stock rules) or the lot (expiry rules).
    """

    rule: str
    """Rule code."""
    trigger: str
    """What triggered it, e.g. `order_placed`."""
    why: Tuple[str, ...]
    """Each condition (or the alert's reason) in words."""
    actions: Tuple[str, ...]
    """The actions it ran, in order."""


@dataclass(frozen=True)
class AlertRaisedData:
    """The data of a `alert_raised` event. Emitted by a rule's `alert` action, for a notifier; subject as for
    `rule_fired`.
    """

    rule: str
    """Rule code."""
    message: str
    """The rule's message."""


@dataclass(frozen=True)
class OrderHeldData:
    """The data of a `order_held` event. Emitted when an order is held for review; subject is the order id."""

    reason: str
    """Why."""
    rule: Optional[str]
    """The rule that held it, if a rule did."""


@dataclass(frozen=True)
class OrderReleasedData:
    """The data of a `order_released` event. Emitted when a held order is released; subject is the order id."""


@dataclass(frozen=True)
class RuleChainStoppedData:
    """The data of a `rule_chain_stopped` event. Emitted when rules changing an order would set off rules past the
    bound ([`crate::domain::automation::MAX_CHAIN`]); subject is the order.
    """

    rule: str
    """The rule whose change was not passed on."""
    depth: int
    """The level it ran at."""


@dataclass(frozen=True)
class CustomerMergedData:
    """The data of a `customer_merged` event. Emitted by `merge_customers`; subject is the customer merged into."""

    from_: str = field(metadata={"json": "from"})
    """The customer merged away (its record now points here)."""
    orders: Tuple[str, ...]
    """Orders moved over."""


@dataclass(frozen=True)
class LotHeldData:
    """The data of a `lot_held` event. Emitted by `hold_lot` and `recall_and_hold` for every lot put on
    hold; subject is the lot code. Its reservations were released and the
    orders and manufacturing orders that held them re-planned.
    """

    sku: str
    """The lot's item."""
    reason: HoldReason
    """Why."""
    note: Optional[str]
    """Free text."""
    recall_of: Optional[str]
    """The recalled lot, for a hold placed by a recall."""
    on_hand: Decimal
    """On hand at stock locations when held (base units)."""
    released: Decimal
    """Reserved quantity released (base units)."""
    orders: Tuple[str, ...]
    """Orders whose lines lost reserved stock of it."""
    mos: Tuple[str, ...]
    """Manufacturing orders whose inputs lost reserved stock of it."""


@dataclass(frozen=True)
class LotReleasedData:
    """The data of a `lot_released` event. Emitted by `release_lot`; subject is the lot code."""

    sku: str
    """The lot's item."""
    reason: HoldReason
    """Why it had been held."""
    note: Optional[str]
    """Free text given on release."""


@dataclass(frozen=True)
class OrderLineCancelledData:
    """The data of a `order_line_cancelled` event. Emitted by `cancel_order_line` and `close_short` for every line whose
    unshipped quantity was cancelled; subject is the order id.
    """

    line: int
    """Order line number."""
    qty: Decimal
    """Quantity cancelled by this command (base units)."""
    released: Decimal
    """Reserved stock released (base units)."""
    detached_mos: Tuple[str, ...]
    """Manufacturing orders the line was detached from (their output goes to stock)."""
    reason: Optional[str]
    """Why, if given."""


@dataclass(frozen=True)
class OrderClosedShortData:
    """The data of a `order_closed_short` event. Emitted by `close_short` after the unshipped rest of a partially
    shipped order was cancelled; subject is the order id.
    """

    cancelled: Mapping[int, Decimal]
    """Quantity cancelled per line number (base units)."""
    reason: Optional[str]
    """Why, if given."""


@dataclass(frozen=True)
class OrderEditedData:
    """The data of a `order_edited` event. Emitted by `edit_order` (and by applying a flagged channel update)
    after the order was changed and the difference re-planned; subject is
    the order id.
    """

    changes: Tuple[str, ...]
    """What changed, one entry per change (`line 1 qty 10 -> 30`, …)."""
    released: Decimal
    """Reserved stock released by the edit (base units)."""
    reserved: Mapping[int, Decimal]
    """Finished stock newly reserved, per line number (base units)."""
    detached_mos: Tuple[str, ...]
    """Manufacturing orders detached from."""
    mos: Tuple[str, ...]
    """Manufacturing orders created or joined."""
    shortages: Tuple[Shortfall, ...]
    """What is still missing."""


@dataclass(frozen=True)
class OrderFlagClearedData:
    """The data of a `order_flag_cleared` event. Emitted when a reason for attention on a confirmed order is cleared:
    a flagged channel update applied or dismissed; subject is the order id.
    """

    reason: str
    """The reason that was cleared."""
    applied: bool
    """True when the channel's version was applied, false when dismissed."""
    note: Optional[str]
    """Why it was dismissed, or a note on applying it."""


EventKind = Literal['item_defined', 'recipe_defined', 'location_defined', 'stock_received', 'stock_adjusted', 'order_placed', 'order_confirmed', 'order_status_changed', 'order_shipped', 'order_cancelled', 'order_updated', 'order_flagged', 'order_resolved', 'order_replanned', 'mo_created', 'mo_status_changed', 'mo_completed', 'work_center_defined', 'mo_scheduled', 'order_promised', 'order_delayed', 'supplier_defined', 'po_created', 'po_status_changed', 'po_received', 'order_tagged', 'order_untagged', 'order_note_set', 'return_recorded', 'transfer_shipped', 'transfer_received', 'routing_rule_defined', 'customer_created', 'rule_defined', 'rule_fired', 'alert_raised', 'order_held', 'order_released', 'rule_chain_stopped', 'customer_merged', 'lot_held', 'lot_released', 'order_line_cancelled', 'order_closed_short', 'order_edited', 'order_flag_cleared']
"""Every kind of event."""


EventPayload = Union[
    ItemDefinedData,
    RecipeDefinedData,
    LocationDefinedData,
    StockReceivedData,
    StockAdjustedData,
    OrderPlacedData,
    OrderConfirmedData,
    OrderStatusChangedData,
    OrderShippedData,
    OrderCancelledData,
    OrderUpdatedData,
    OrderFlaggedData,
    OrderResolvedData,
    OrderReplannedData,
    MoCreatedData,
    MoStatusChangedData,
    MoCompletedData,
    WorkCenterDefinedData,
    MoScheduledData,
    OrderPromisedData,
    OrderDelayedData,
    SupplierDefinedData,
    PoCreatedData,
    PoStatusChangedData,
    PoReceivedData,
    OrderTaggedData,
    OrderUntaggedData,
    OrderNoteSetData,
    ReturnRecordedData,
    TransferShippedData,
    TransferReceivedData,
    RoutingRuleDefinedData,
    CustomerCreatedData,
    RuleDefinedData,
    RuleFiredData,
    AlertRaisedData,
    OrderHeldData,
    OrderReleasedData,
    RuleChainStoppedData,
    CustomerMergedData,
    LotHeldData,
    LotReleasedData,
    OrderLineCancelledData,
    OrderClosedShortData,
    OrderEditedData,
    OrderFlagClearedData,
]
"""The data of any event; `Event.kind` says which."""


@dataclass(frozen=True)
class Event:
    """An event of the outbox, written in the same transaction as its change.

    `data` is the typed payload of its `kind` (`OrderShippedData` for
    ``order_shipped``, ...); `to_json` gives the core's JSON back.
    """

    seq: int
    """Monotonic sequence from 1, without gaps."""
    at: _dt.datetime
    """When it happened."""
    kind: EventKind
    """What happened, e.g. ``order_shipped``."""
    subject: str
    """The id of the entity it concerns (order, MO, lot, sku)."""
    data: EventPayload
    """The payload: the `...Data` record of `kind`."""

    # `data`'s record is chosen by `kind` (see `_codec`).
    _by_tag: ClassVar[Mapping[str, Tuple[str, Mapping[str, type]]]] = {}


Event._by_tag = {"data": ("kind", {'item_defined': ItemDefinedData, 'recipe_defined': RecipeDefinedData, 'location_defined': LocationDefinedData, 'stock_received': StockReceivedData, 'stock_adjusted': StockAdjustedData, 'order_placed': OrderPlacedData, 'order_confirmed': OrderConfirmedData, 'order_status_changed': OrderStatusChangedData, 'order_shipped': OrderShippedData, 'order_cancelled': OrderCancelledData, 'order_updated': OrderUpdatedData, 'order_flagged': OrderFlaggedData, 'order_resolved': OrderResolvedData, 'order_replanned': OrderReplannedData, 'mo_created': MoCreatedData, 'mo_status_changed': MoStatusChangedData, 'mo_completed': MoCompletedData, 'work_center_defined': WorkCenterDefinedData, 'mo_scheduled': MoScheduledData, 'order_promised': OrderPromisedData, 'order_delayed': OrderDelayedData, 'supplier_defined': SupplierDefinedData, 'po_created': PoCreatedData, 'po_status_changed': PoStatusChangedData, 'po_received': PoReceivedData, 'order_tagged': OrderTaggedData, 'order_untagged': OrderUntaggedData, 'order_note_set': OrderNoteSetData, 'return_recorded': ReturnRecordedData, 'transfer_shipped': TransferShippedData, 'transfer_received': TransferReceivedData, 'routing_rule_defined': RoutingRuleDefinedData, 'customer_created': CustomerCreatedData, 'rule_defined': RuleDefinedData, 'rule_fired': RuleFiredData, 'alert_raised': AlertRaisedData, 'order_held': OrderHeldData, 'order_released': OrderReleasedData, 'rule_chain_stopped': RuleChainStoppedData, 'customer_merged': CustomerMergedData, 'lot_held': LotHeldData, 'lot_released': LotReleasedData, 'order_line_cancelled': OrderLineCancelledData, 'order_closed_short': OrderClosedShortData, 'order_edited': OrderEditedData, 'order_flag_cleared': OrderFlagClearedData})}


@dataclass(frozen=True)
class Shortfall:
    """Something still missing after re-planning an order (`order_replanned`)."""

    sku: str
    """Item short."""
    missing: Decimal
    """How much more is needed, in its base unit."""
    needed_for: str
    """Who needs it: an order line (`SO-000001/1`) or a manufacturing order id."""


@dataclass(frozen=True)
class ScheduledOperation:
    """One booked operation of a manufacturing order (`mo_scheduled`)."""

    work_center: str
    """Work center (empty for an elapsed step)."""
    elapsed: Optional[str]
    """The elapsed step's name (`cure`) when the operation is one: it
    held no work center. Events stored before it existed read as `null`.
    """
    start: _dt.datetime
    """Start."""
    end: _dt.datetime
    """End."""
    minutes: int
    """Working minutes."""


@dataclass(frozen=True)
class PromisedLine:
    """A line's promised date (`order_promised`)."""

    line: int
    """Order line number."""
    promised_date: _dt.date
    """The promised delivery day."""
    basis: Basis
    """What decided it."""


@dataclass(frozen=True)
class PoLineOrdered:
    """What a new purchase order line orders (`po_created`)."""

    sku: str
    """Item."""
    qty: Decimal
    """Quantity, in the item's base unit."""


@dataclass(frozen=True)
class ReturnLine:
    """One booked return line."""

    line: int
    """Order line number."""
    sku: str
    """Item."""
    lot: str
    """Lot."""
    qty: Decimal
    """Quantity, base unit."""
    reason: str
    """Why."""
    disposition: str
    """Restock, quarantine or scrap (`restock` …)."""
    location: str
    """The location the goods went to."""


@dataclass(frozen=True)
class TransferLine:
    """One lot moved by a transfer."""

    sku: str
    """Item."""
    lot: str
    """Lot."""
    qty: Decimal
    """Quantity, base unit."""


@dataclass(frozen=True)
class PlacedOrder:
    """What `place_order` did."""

    order: SalesOrder
    """The order."""
    replayed: bool
    """True when the same (channel, external ref) was placed before with the
    same content: nothing changed.
    """


@dataclass(frozen=True)
class ConfirmReport:
    """What confirming (or re-planning) an order did."""

    status: OrderStatus
    """The order's status after the command."""
    reserved: Mapping[int, Decimal]
    """Finished stock reserved, per line."""
    mos: Tuple[str, ...]
    """Manufacturing orders created or joined for the lines."""
    shortages: Tuple[Shortage, ...]
    """What is still missing."""
    batches: Tuple[PlannedBatch, ...]
    """Every open batch behind the order, at every level: the line's
    batches and the intermediate batches feeding them, created or joined.
    """
    waits: Tuple[LineWait, ...]
    """Per line not yet ready, what it waits for, as data and in words."""


@dataclass(frozen=True)
class PlannedBatch:
    """A batch an order's plan uses."""

    mo: str
    """Manufacturing order."""
    product: str
    """What it makes."""
    qty: Decimal
    """Its whole planned output, in the product's base unit."""
    status: MoStatus
    """Its status after the command."""
    created: bool
    """Created by this command; `false` when the plan joined a batch that
    already existed (its output was shared).
    """
    serves: str
    """What it serves: an order line (`SO-000001/1`) or the batch it feeds."""
    share: Decimal
    """How much of its output goes there."""


@dataclass(frozen=True)
class LineWait:
    """What a line still waits for, as data and in one sentence."""

    line: int
    """Line number."""
    sku: str
    """Item."""
    waits_for: Tuple[Wait, ...]
    """Batches at every level and uncovered materials, outermost first."""
    summary: str
    """The same in words."""


@dataclass(frozen=True)
class Wait:
    """One thing a line waits for.

    By `kind`:

    - ``material``: A material nothing covers yet: it must be bought or received.
    - ``batch``: A batch still to be made.
    """

    kind: Literal['material', 'batch']
    sku: Optional[str] = None
    """Item short."""
    missing: Optional[Decimal] = None
    """How much, in its base unit."""
    needed_for: Optional[str] = None
    """The batch (or line) that needs it."""
    mo: Optional[str] = None
    """Manufacturing order."""
    product: Optional[str] = None
    """What it makes."""
    status: Optional[MoStatus] = None
    """Where it stands."""
    ready_at: Optional[_dt.datetime] = None
    """When its booking says its output is ready (with planning in use)."""
    reason: Optional[str] = None
    """Why then, in words (the deciding work center, a cure, a material)."""

    @staticmethod
    def _to_json(value: Wait) -> Dict[str, Any]:
        # Exactly the fields of the value's variant, as the core writes it.
        return tagged_json(value, "kind", {'material': ('sku', 'missing', 'needed_for', ), 'batch': ('mo', 'product', 'status', 'ready_at', 'reason', )})


@dataclass(frozen=True)
class AcceptedOrder:
    """An order placed and confirmed by one command
    ([`Lotwise::place_and_confirm_order`]).
    """

    placed: PlacedOrder
    """The order as placed, or as found again (`replayed`)."""
    confirmed: Optional[ConfirmReport]
    """What confirming it did; `None` when this call did not confirm it: it
    was found again no longer `placed` (confirmed before, cancelled…).
    """


@dataclass(frozen=True)
class OrderView:
    """An order with its derived status and per-line coverage."""

    order: SalesOrder
    """The order."""
    status: OrderStatus
    """Derived status."""
    delayed: bool
    """Promised or requested date passed with goods unshipped."""
    lines: Tuple[LineView, ...]
    """Lines."""


@dataclass(frozen=True)
class LineView:
    """One line as a person sees it: how it is covered and where it stands."""

    line: int
    """Line number."""
    sku: str
    """Item."""
    ordered: Decimal
    """Ordered (base unit)."""
    shipped: Decimal
    """Shipped."""
    fulfilled_outside: Decimal
    """Settled by the sales channel outside lotwise (fulfilled, refunded or
    needing no shipping): kept for the record, no demand.
    """
    cancelled: Decimal
    """Cancelled after confirmation (a cancelled line, an order closed short)."""
    ready: Decimal
    """Reserved from finished stock, ready to ship."""
    uncovered: Decimal
    """Neither in stock nor planned."""
    status: OrderStatus
    """Line status."""
    from_stock: Tuple[LinePart, ...]
    """Reserved lots."""
    from_mos: Tuple[MoPart, ...]
    """Manufacturing orders behind it (including completed ones)."""


@dataclass(frozen=True)
class LinePart:
    """Finished stock of one lot held for a line."""

    lot: str
    """Lot."""
    location: str
    """Location."""
    qty: Decimal
    """Quantity."""


@dataclass(frozen=True)
class MoPart:
    """A manufacturing order's share in a line."""

    mo: str
    """Manufacturing order."""
    status: MoStatus
    """Its status."""
    qty: Decimal
    """Allocated."""
    delivered: Decimal
    """Handed over at completion."""


@dataclass(frozen=True)
class EditReport:
    """What an edit did."""

    order: OrderView
    """The order after the edit, line by line."""
    changes: Tuple[str, ...]
    """What changed, one entry per change (`line 1 qty 10 -> 30`, …)."""
    released: Decimal
    """Reserved stock released, base units."""
    reserved: Mapping[int, Decimal]
    """Finished stock newly reserved, per line number."""
    detached_mos: Tuple[str, ...]
    """Manufacturing orders whose allocations were reduced or removed."""
    mos: Tuple[str, ...]
    """Manufacturing orders created or joined."""
    shortages: Tuple[Shortage, ...]
    """What is still missing."""


@dataclass(frozen=True)
class MoSummary:
    """A manufacturing order with the totals a list of batches shows."""

    mo: ManufacturingOrder
    """The manufacturing order as stored."""
    allocated: Decimal
    """Planned output promised to order lines: the sum of its allocations,
    in the product's base unit.
    """
    unallocated: Decimal
    """Planned output still free for more order lines (it goes to stock
    otherwise), in the product's base unit.
    """


@dataclass(frozen=True)
class MoLine:
    """One order line a manufacturing order covers."""

    order: str
    """Sales order."""
    line: int
    """Line number."""
    customer: str
    """Customer."""
    qty: Decimal
    """Allocated."""
    delivered: Decimal
    """Handed over at completion."""


@dataclass(frozen=True)
class Return:
    """A booked return."""

    id: str
    """lotwise id, e.g. `RT-000001`."""
    order: str
    """Sales order."""
    customer: str
    """Customer name, for recall reports."""
    lines: Tuple[ReturnLine, ...]
    """Lines."""
    note: Optional[str]
    """Note."""
    returned_at: _dt.datetime
    """When it was booked."""


@dataclass(frozen=True)
class RecallReturn:
    """A return of an affected lot, for a recall report."""

    return_id: str
    """Return id."""
    order: str
    """Sales order."""
    customer: str
    """Customer."""
    line: int
    """Order line."""
    sku: str
    """Item."""
    lot: str
    """Lot."""
    qty: Decimal
    """Quantity back, base unit."""
    disposition: str
    """Restock, quarantine or scrap."""
    location: str
    """Where it went."""
    returned_at: _dt.datetime
    """When."""


@dataclass(frozen=True)
class Trace:
    """Lots reachable from a lot, and the edges between them."""

    lot: str
    """The lot asked about."""
    lots: Tuple[TraceLot, ...]
    """Every lot reached, the starting one first."""
    edges: Tuple[TraceEdge, ...]
    """Every edge followed."""


@dataclass(frozen=True)
class TraceLot:
    """A lot in a trace, with how far it is from the lot asked about."""

    lot: str
    """Lot code."""
    sku: str
    """Item."""
    depth: int
    """Steps from the starting lot (0 for itself)."""


@dataclass(frozen=True)
class RecallReport:
    """Everything a recall of a lot must reach."""

    lot: str
    """The recalled lot."""
    lots: Tuple[RecallLot, ...]
    """It and every lot made from it."""
    deliveries: Tuple[RecallDelivery, ...]
    """Every shipment of an affected lot."""
    customers: Tuple[str, ...]
    """Distinct customer names reached, sorted (two people of one name
    appear once here: `contacts` tells them apart).
    """
    orders: Tuple[str, ...]
    """Distinct orders reached, sorted."""
    contacts: Tuple[RecallContact, ...]
    """Every person reached, by customer id, with how to contact them and
    what each received: the list a recall notice goes to.
    """


@dataclass(frozen=True)
class RecallLot:
    """One affected lot in a recall."""

    lot: str
    """Lot."""
    sku: str
    """Item."""
    on_hand: Decimal
    """Still on hand in internal locations (to pull from shelves)."""
    shipped: Decimal
    """Shipped to customers (everything that left, returns not netted)."""
    returned: Decimal
    """Sent back by customers."""
    consumed: Decimal
    """Consumed into other lots."""


@dataclass(frozen=True)
class RecallDelivery:
    """One delivery of an affected lot to a customer."""

    order: str
    """Sales order."""
    channel: str
    """Channel and external ref, for finding it in the shop."""
    external_ref: Optional[str]
    """Channel's order id."""
    customer: str
    """Customer name."""
    email: Optional[str]
    """Customer e-mail."""
    customer_id: Optional[str]
    """The lotwise customer id, when the order is attached to one."""
    shipment: str
    """Shipment."""
    lot: str
    """Lot shipped."""
    sku: str
    """Item."""
    qty: Decimal
    """Quantity."""
    shipped_at: _dt.datetime
    """When it shipped."""


@dataclass(frozen=True)
class RecallContact:
    """One person a recall reaches."""

    customer: Optional[str]
    """Customer id; `None` for orders attached to no customer (walk-in
    sales, orders stored before customers existed), grouped by name and
    e-mail.
    """
    name: str
    """Name."""
    emails: Tuple[str, ...]
    """Every e-mail known for them."""
    phones: Tuple[str, ...]
    """Every phone known for them."""
    received: Tuple[RecallReceived, ...]
    """What they received of the affected lots."""


@dataclass(frozen=True)
class RecallReceived:
    """Part of an affected lot a customer received."""

    order: str
    """Order."""
    shipment: str
    """Shipment."""
    lot: str
    """Lot."""
    sku: str
    """Item."""
    qty: Decimal
    """Quantity, in the item's base unit."""


@dataclass(frozen=True)
class RecallHoldReport:
    """What `recall_and_hold` did: the recall report and the holds."""

    recall: RecallReport
    """The recall report, as `recall` answers it after the holds."""
    hold: HoldReport
    """The holds placed and what they re-planned."""


@dataclass(frozen=True)
class TraceGraph:
    """A lot's trace as a graph: lots, the consumption edges between them with
    quantities, and lot → shipment → order → customer. Nodes and edges are
    sorted, so renderings are deterministic.
    """

    lot: str
    """The lot the graph was drawn for."""
    nodes: Tuple[TraceNode, ...]
    """Nodes, by kind then id."""
    edges: Tuple[TraceGraphEdge, ...]
    """Edges, by source, target and label."""


@dataclass(frozen=True)
class TraceNode:
    """A node of the trace graph."""

    id: str
    """Unique within the graph: `lot:<code>`, `shipment:<id>`, `order:<id>`, `customer:<name>`."""
    kind: NodeKind
    """What it is."""
    label: Tuple[str, ...]
    """Lines of its label: the code or name first, then details."""
    root: bool
    """The lot the graph was drawn for."""


NodeKind = Literal['lot', 'shipment', 'order', 'customer']
"""What a node of the trace graph stands for."""


@dataclass(frozen=True)
class TraceGraphEdge:
    """An edge of the trace graph."""

    from_: str = field(metadata={"json": "from"})
    """Node id it leaves."""
    to: str
    """Node id it reaches."""
    label: Tuple[str, ...]
    """Lines of its label (quantity, manufacturing order), possibly none."""


@dataclass(frozen=True)
class Supplier:
    """A supplier."""

    code: str
    """Short unique code."""
    name: str
    """Name."""
    email: Optional[str]
    """Contact e-mail."""
    lead_time_days: int
    """Days from sending an order to having the goods."""
    items: Tuple[SupplierItem, ...]
    """Items supplied."""


@dataclass(frozen=True)
class SupplierItem:
    """One item a supplier sells, with its own terms."""

    sku: str
    """Our SKU."""
    supplier_sku: Optional[str]
    """The supplier's article number, for the purchase order."""
    min_order_qty: Decimal
    """Smallest quantity the supplier sells, in the item's base unit (0: none)."""
    pack_size: Optional[Decimal]
    """The supplier sells whole packs of this quantity (a 25 kg drum, a box
    of 100 wicks), in the item's base unit: what can be ordered is a
    multiple of it. `None`: any quantity. Stored suppliers from before
    pack sizes read as `None`.
    """
    lead_time_days: Optional[int]
    """Lead time for this item when it differs from the supplier's."""
    price: Optional[Money]
    """The supplier's price list entry: its price as given, per `price_per`
    of the item. Items stored before prices read as `None`.
    """
    price_per: Optional[Decimal]
    """What `price` is for, in the item's base unit (1000 for a price per kg)."""


@dataclass(frozen=True)
class PurchaseOrder:
    """A purchase order."""

    id: str
    """lotwise id, e.g. `PO-000001`."""
    supplier: str
    """Supplier code."""
    status: PoStatus
    """Status."""
    lines: Tuple[PoLine, ...]
    """Lines."""
    expected_date: _dt.date
    """When the goods are expected."""
    notes: Optional[str]
    """Free-text note."""
    created_at: _dt.datetime
    """Created."""
    sent_at: Optional[_dt.datetime]
    """Sent to the supplier."""
    closed_at: Optional[_dt.datetime]
    """Fully received or cancelled."""


@dataclass(frozen=True)
class PoLine:
    """A purchase order line."""

    line: int
    """Line number from 1."""
    sku: str
    """Item."""
    qty: Decimal
    """Ordered, base unit."""
    received: Decimal
    """Received so far."""
    receipts: Tuple[PoReceiptRecord, ...]
    """Every receipt against the line."""
    unit_cost: Optional[Money]
    """Cost per base unit in the shop's cost currency, from the line's
    `unit_cost` or the supplier's price: the cost of the lots received
    against it. `None` when neither was given (and for lines stored
    before costs).
    """


@dataclass(frozen=True)
class PoReceiptRecord:
    """One received quantity of a purchase order line."""

    lot: str
    """Lot created or added to."""
    qty: Decimal
    """Quantity, base unit."""
    location: str
    """Location it went to."""
    at: _dt.datetime
    """When."""


@dataclass(frozen=True)
class PoReceived:
    """What `receive_po` did."""

    po: PurchaseOrder
    """The purchase order after the receipt."""
    lots: Tuple[Lot, ...]
    """The lot of each receipt line, in the order given."""


@dataclass(frozen=True)
class OpenPoLine:
    """Open quantity of one purchase order line, for planning and promises."""

    po: str
    """Purchase order."""
    line: int
    """Line number."""
    supplier: str
    """Supplier."""
    sku: str
    """Item."""
    qty: Decimal
    """Still to come, base unit."""
    expected_date: _dt.date
    """When it is expected."""
    status: PoStatus
    """Draft, sent or partially received; a promise may ignore drafts."""


@dataclass(frozen=True)
class PurchasePlan:
    """Purchase suggestions and how every confirmed shortage is covered."""

    needs: Tuple[NeedCover, ...]
    """Every confirmed shortage of a bought item, exactly once."""
    suggestions: Tuple[PurchaseSuggestion, ...]
    """At most one suggestion per item."""


@dataclass(frozen=True)
class NeedCover:
    """How one [`Need`] is covered."""

    sku: str
    """Item."""
    needed_for: str
    """Who needs it."""
    qty: Decimal
    """Quantity short."""
    from_stock: Decimal
    """Covered by free stock (it may be held back by a shelf-life rule, or
    arrived through a path that does not re-serve waiting demand).
    """
    from_open_pos: Decimal
    """Covered by open purchase orders."""
    to_buy: Decimal
    """Left for the suggestion to buy."""


@dataclass(frozen=True)
class PurchaseSuggestion:
    """A suggested purchase of one item."""

    sku: str
    """Item."""
    supplier: Optional[str]
    """Supplier to order from; `None` when no supplier lists the item."""
    qty: Decimal
    """Quantity to order, base unit."""
    for_shortages: Decimal
    """Part of `qty` that covers confirmed shortages."""
    for_reorder: Decimal
    """Part that brings stock back to the reorder point."""
    rounding: Decimal
    """Extra from the minimum order quantity, whole packs and rounding."""
    packs: Optional[Decimal]
    """How many of the supplier's packs `qty` is, when it sells in packs."""
    lead_time_days: Optional[int]
    """Lead time used for `expected_date`."""
    expected_date: Optional[_dt.date]
    """When the goods would arrive if ordered today."""
    covers: Tuple[NeedCover, ...]
    """The shortages this purchase covers (those with something to buy)."""
    explanation: str
    """Why, for a person."""


@dataclass(frozen=True)
class ProductionSuggestion:
    """A suggested manufacturing order for stock."""

    sku: str
    """Product."""
    qty: Decimal
    """Quantity to make, whole batches, base unit."""
    free: Decimal
    """Free stock now."""
    planned: Decimal
    """Unpromised output of open manufacturing orders."""
    uncovered: Decimal
    """Confirmed demand with nothing behind it."""
    reorder_point: Decimal
    """Reorder point."""
    explanation: str
    """Why, for a person."""


@dataclass(frozen=True)
class StockMo:
    """What `create_stock_mo` did."""

    mo: ManufacturingOrder
    """The new manufacturing order (no allocations: its output goes to stock)."""
    shortages: Tuple[Shortage, ...]
    """Inputs that could not be reserved."""


@dataclass(frozen=True)
class Transfer:
    """A transfer between two stock locations."""

    id: str
    """lotwise id, e.g. `TR-000001`."""
    from_: str = field(metadata={"json": "from"})
    """Source location."""
    to: str
    """Destination location."""
    status: TransferStatus
    """Status."""
    lines: Tuple[TransferLine, ...]
    """Lots moved, as picked at shipping."""
    note: Optional[str]
    """Free-text note."""
    shipped_at: _dt.datetime
    """When it left."""
    received_at: Optional[_dt.datetime]
    """When it arrived."""


@dataclass(frozen=True)
class Availability:
    """Stock of an item per location and in total."""

    sku: str
    """Item."""
    locations: Tuple[LocationStock, ...]
    """Every stock location holding some, by code."""
    on_hand: Decimal
    """On hand at internal locations."""
    reserved: Decimal
    """Reserved at internal locations."""
    available: Decimal
    """Free to promise over all internal locations."""
    in_transit: Decimal
    """Between locations."""
    quarantined: Decimal
    """Held in quarantine."""


@dataclass(frozen=True)
class LocationStock:
    """Stock of an item at one location."""

    location: str
    """Location."""
    kind: LocationKind
    """Its kind: internal, quarantine or transit."""
    on_hand: Decimal
    """On hand."""
    reserved: Decimal
    """Reserved."""
    available: Decimal
    """Free to promise (internal locations only; unexpired, unreserved)."""


@dataclass(frozen=True)
class Routing:
    """Where an order ships from, and why."""

    order: str
    """Sales order."""
    rule: str
    """Key of the rule used."""
    legs: Tuple[RouteLeg, ...]
    """One leg per location used, in priority order."""
    split: bool
    """More than one location ships."""
    checks: Tuple[LocationCheck, ...]
    """Every location of the rule, checked."""
    explanation: str
    """Why, for a person."""


@dataclass(frozen=True)
class RouteLeg:
    """The part of an order one location ships."""

    location: str
    """Location."""
    lines: Tuple[RouteLine, ...]
    """Lines (or parts of lines) it ships."""


@dataclass(frozen=True)
class RouteLine:
    """An open order line to route: what is still to ship."""

    line: int
    """Order line number."""
    sku: str
    """Item."""
    qty: Decimal
    """Quantity, base unit."""


@dataclass(frozen=True)
class LocationCheck:
    """What one location could do for the order."""

    location: str
    """Location."""
    priority: int
    """Position in the rule, from 1."""
    can_ship_all: bool
    """Whether it alone can ship the whole order."""
    missing: Tuple[RouteLine, ...]
    """What it lacks for that, per line."""


@dataclass(frozen=True)
class WorkCenter:
    """A work center: a resource that runs `capacity` operations at a time."""

    code: str
    """Code."""
    name: str
    """Human name."""
    calendar: Calendar
    """Validated calendar."""
    capacity: int
    """Parallel units: how many operations it runs at once (1 for work
    centers stored before it existed).
    """


@dataclass(frozen=True)
class ShippingMethod:
    """A way goods travel to the customer."""

    code: str
    """Code, e.g. `USPS-GROUND`."""
    transit_days: int
    """Calendar days from leaving to arriving."""


@dataclass(frozen=True)
class Promise:
    """A promise for an order or draft lines: the order's date is its latest line's."""

    at: _dt.datetime
    """When it was made."""
    shipping_method: Optional[str]
    """Shipping method used."""
    lines: Tuple[LinePromise, ...]
    """Per line."""
    ship_date: _dt.date
    """Ship date of the whole order."""
    promised_date: _dt.date
    """Delivery date of the whole order."""
    requested_date: Optional[_dt.date]
    """Latest requested date over the lines."""
    basis: Basis
    """The deciding line's basis."""
    explanation: str
    """The deciding line and its reason."""


@dataclass(frozen=True)
class LinePromise:
    """The promise for one line."""

    line: int
    """Line number."""
    sku: str
    """Item."""
    qty: Decimal
    """Quantity promised, base units."""
    requested_date: Optional[_dt.date]
    """Asked-for delivery day."""
    ready_at: _dt.datetime
    """When the goods are ready to pack."""
    ship_date: _dt.date
    """When they leave."""
    promised_date: _dt.date
    """When they arrive: the promised date."""
    on_time: Optional[bool]
    """Whether that meets the requested date (`None` when none was asked)."""
    basis: Basis
    """What decided the date."""
    explanation: str
    """The date and its reason in words."""
    supplies: Tuple[SupplyPart, ...]
    """Supplies behind the line, every level."""
    operations: Tuple[PlannedOperation, ...]
    """Operations the line's new batches would book."""


@dataclass(frozen=True)
class SupplyPart:
    """One supply part behind a line."""

    sku: str
    """Item."""
    qty: Decimal
    """Quantity, base units."""
    available_at: _dt.datetime
    """When it is there."""
    source: Source
    """From where."""


@dataclass(frozen=True)
class PlannedOperation:
    """An operation a promise would book."""

    job: str
    """The batch: `new-1`, … in a promise, or a manufacturing order id."""
    product: str
    """Product."""
    qty: Decimal
    """Batch quantity."""
    work_center: str
    """Work center (empty for an elapsed step)."""
    elapsed: Optional[str]
    """The elapsed step's name (`cure`) when the operation is one."""
    start: _dt.datetime
    """Start."""
    end: _dt.datetime
    """End."""
    minutes: int
    """Working minutes (of the step's own calendar for an elapsed step)."""
    waited: bool
    """Whether it waited for earlier bookings."""


@dataclass(frozen=True)
class Booking:
    """A manufacturing order's place on the schedule."""

    mo: str
    """Manufacturing order."""
    product: str
    """Product."""
    qty: Decimal
    """Planned output."""
    operations: Tuple[BookedOperation, ...]
    """Its operations, in order."""
    ready_at: _dt.datetime
    """When the output is ready."""
    basis: Basis
    """What decided that."""
    explanation: str
    """The same in words."""
    booked_at: _dt.datetime
    """When it was booked."""


@dataclass(frozen=True)
class BookedOperation:
    """One booked operation."""

    work_center: str
    """Work center (empty for an elapsed step)."""
    elapsed: Optional[str]
    """The elapsed step's name (`cure`) when the operation is one: it
    holds no work center.
    """
    start: _dt.datetime
    """Start."""
    end: _dt.datetime
    """End."""
    minutes: int
    """Working minutes."""


@dataclass(frozen=True)
class ScheduleRow:
    """A row of the production schedule."""

    mo: str
    """Manufacturing order."""
    product: str
    """Product."""
    work_center: str
    """Work center (empty for an elapsed step)."""
    elapsed: Optional[str]
    """The elapsed step's name (`cure`) when the row is one: calendar time
    the batch waits through without holding a work center.
    """
    start: _dt.datetime
    """Start."""
    end: _dt.datetime
    """End."""
    minutes: int
    """Working minutes (of the step's own calendar for an elapsed step)."""


@dataclass(frozen=True)
class DelayCheck:
    """What `check_delays` found."""

    checked: int
    """Orders projected (confirmed, open, with a promised date)."""
    newly_delayed: Tuple[str, ...]
    """Orders that became late now: each got one `order_delayed` event."""
    still_delayed: Tuple[str, ...]
    """Orders already known to be late and still late (no new event)."""
    cleared: Tuple[str, ...]
    """Orders that were late and are back on time."""


@dataclass(frozen=True)
class DeskPage:
    """One page of desk rows."""

    orders: Tuple[DeskRow, ...]
    """The rows, in the query's order."""
    total: int
    """How many rows match the filters, over all pages."""
    next_cursor: Optional[str]
    """Pass as `cursor` for the next page; `None` on the last page."""


@dataclass(frozen=True)
class DeskRow:
    """One order as the desk lists it."""

    id: str
    """Order id."""
    channel: str
    """Channel."""
    external_ref: Optional[str]
    """Channel's order id."""
    customer: str
    """Customer name."""
    email: Optional[str]
    """Customer e-mail."""
    status: OrderStatus
    """Status."""
    placed_at: _dt.datetime
    """When placed."""
    promised_date: Optional[_dt.date]
    """Earliest promised (else requested) date of a line still open; of
    any line when all have shipped.
    """
    delayed: bool
    """Late: projected to arrive after its promised date (see `delay`),
    or a promised or requested date has passed with goods unshipped.
    """
    delay: Optional[OrderDelay]
    """The late lines and why, when `check_delays` found the order late."""
    needs_attention: bool
    """Imported with problems a person must resolve."""
    attention: Tuple[str, ...]
    """The problems."""
    tags: Tuple[str, ...]
    """Tags."""
    notes: Optional[str]
    """Note."""
    skus: Tuple[str, ...]
    """Distinct SKUs ordered, in line order."""
    lines: int
    """Number of lines."""
    total: Optional[Money]
    """Σ qty × unit price of the priced lines; `None` when no line has a price."""
    locations: Tuple[str, ...]
    """Locations with stock reserved for or shipped to the order, sorted."""


@dataclass(frozen=True)
class BulkOutcome:
    """Success with the order's new status, or the error's stable code and message.

    By `result`:

    - ``ok``: Done.
    - ``error``: Not done; nothing changed for this order.
    """

    result: Literal['ok', 'error']
    status: Optional[OrderStatus] = None
    """The order's status afterwards."""
    code: Optional[str] = None
    """`Error::code()`."""
    message: Optional[str] = None
    """`Error`'s message."""

    @staticmethod
    def _to_json(value: BulkOutcome) -> Dict[str, Any]:
        # Exactly the fields of the value's variant, as the core writes it.
        return tagged_json(value, "result", {'ok': ('status', ), 'error': ('code', 'message', )})


@dataclass(frozen=True)
class Analytics:
    """Everything the analytics page shows."""

    from_: Optional[_dt.date] = field(metadata={"json": "from"})
    """The query's period."""
    to: Optional[_dt.date]
    """The query's period."""
    sales: Tuple[ChannelDay, ...]
    """Orders and revenue by day, channel and currency."""
    by_status: Tuple[StatusCount, ...]
    """Orders placed in the period by their status now, in status order."""
    on_time: OnTime
    """On-time shipping of lines shipped in the period."""
    lead_time: LeadTime
    """Lead time of orders completed in the period."""
    throughput: Tuple[ProductThroughput, ...]
    """Completed production per product."""
    top_by_qty: Tuple[SkuQty, ...]
    """Most ordered SKUs by quantity."""
    top_by_revenue: Tuple[SkuRevenue, ...]
    """Best-selling SKUs by revenue, per currency (currencies sorted)."""


@dataclass(frozen=True)
class ChannelDay:
    """Orders and revenue of one channel on one day in one currency."""

    day: _dt.date
    """Day placed (UTC)."""
    channel: str
    """Channel."""
    currency: Optional[str]
    """Currency of the orders' prices; `None` for orders without any price."""
    orders: int
    """Orders placed, cancelled ones excluded."""
    revenue: Decimal
    """Σ qty × unit price of their lines, in `currency` (zero without one)."""


@dataclass(frozen=True)
class StatusCount:
    """How many orders are in a status."""

    status: OrderStatus
    """Status."""
    orders: int
    """Orders placed in the period that are in it now."""


@dataclass(frozen=True)
class OnTime:
    """Shipping against promised dates. The unit is a shipment of an order line."""

    evaluated: int
    """Shipped lines with a promised or requested date."""
    on_time: int
    """Of those, shipped on or before that date."""
    late: int
    """Shipped after it."""
    without_date: int
    """Shipped lines with neither date, left out of the rate."""
    rate: Optional[Decimal]
    """`on_time / evaluated`, rounded to 4 places; `None` when nothing was evaluated."""


@dataclass(frozen=True)
class LeadTime:
    """Time from placing an order to its last shipment."""

    orders: int
    """Fully shipped orders whose last shipment falls in the period."""
    average_hours: Optional[Decimal]
    """Their mean lead time in hours, rounded to 2 places."""


@dataclass(frozen=True)
class ProductThroughput:
    """Completed production of one product."""

    product: str
    """Product."""
    mos: int
    """Batches completed."""
    good: Decimal
    """Good output, in the product's base unit."""
    scrap: Decimal
    """Scrapped output."""
    per_day: Decimal
    """Good output per day of the period, rounded to 4 places. The period is
    `from..=to` when both are given, else first to last completion day.
    """
    days: Tuple[DayOutput, ...]
    """Output per day with completions, by day."""


@dataclass(frozen=True)
class DayOutput:
    """Good output of a product on one day."""

    day: _dt.date
    """Completion day (UTC)."""
    mos: int
    """Batches completed."""
    good: Decimal
    """Good output, in the product's base unit."""


@dataclass(frozen=True)
class SkuQty:
    """A SKU by quantity ordered."""

    sku: str
    """Item."""
    qty: Decimal
    """Quantity ordered, in the item's base unit."""
    uom: Uom
    """That unit."""
    orders: int
    """Orders with the SKU."""


@dataclass(frozen=True)
class SkuRevenue:
    """A SKU by revenue in one currency."""

    currency: str
    """Currency."""
    sku: str
    """Item."""
    revenue: Decimal
    """Σ qty × unit price."""
    qty: Decimal
    """Quantity sold at a price in this currency."""


@dataclass(frozen=True)
class ChannelOrder:
    """One order as a channel sent it, ready for the engine.

    `new_order` is what `place_order` takes; the rest is what placing it
    idempotently, updating it and cancelling it need, and what a person at the
    order desk wants to see (gift messages, personalization, totals).
    """

    channel: Channel
    """The channel; `new_order.channel` is its name."""
    external_id: str
    """The channel's id of the order (Shopify order id, Etsy receipt id, CSV
    `order_ref`); `new_order.external_ref` holds the same. With the channel
    it is the idempotency key.
    """
    display_ref: str
    """The number a person sees on the channel: `#1041`, the receipt id, the
    `order_ref`.
    """
    new_order: NewOrder
    """The order to place: customer, ship-to, the mapped lines in payload
    order, tags and the buyer's note. Its lines may be empty when no line
    could be mapped (see [`ChannelOrder::attention`]) or every line was
    removed on the channel.
    """
    lines: Tuple[ChannelLine, ...]
    """Every line of the payload in payload order, mapped or not."""
    created_at: Optional[_dt.datetime]
    """When the buyer placed the order, in UTC."""
    updated_at: Optional[_dt.datetime]
    """When the channel last changed the order, in UTC. Of two deliveries of
    the same order, the one with the later `updated_at` is current.
    """
    cancellation: Optional[Cancellation]
    """Set when the channel cancelled the order."""
    channel_status: Optional[str]
    """The channel's own payment or order status word, lower-cased
    (Shopify `financial_status`, Etsy `status`), for display.
    """
    fulfillment: Fulfillment
    """What the channel says has shipped."""
    currency: str
    """The currency of every amount in `new_order` and `totals` (Shopify's
    shop currency, the Etsy shop's currency, the CSV `currency`).
    """
    presentment_currency: Optional[str]
    """The currency the buyer paid in, when it differs from `currency`."""
    totals: Optional[OrderTotals]
    """Order totals in `currency`, when the channel gives them (CSV: computed)."""
    presentment_totals: Optional[OrderTotals]
    """The same totals in `presentment_currency`, when it differs."""
    shipping_lines: Tuple[ShippingLine, ...]
    """Shipping lines (Shopify only)."""
    gift: Optional[Gift]
    """Gift message and sender, when the order is a gift (Etsy)."""
    attributes: Tuple[Property, ...]
    """Order-level name/value pairs (Shopify `note_attributes`)."""
    customer_is_placeholder: bool
    """True when the payload named no customer at all and
    `new_order.customer.name` is a placeholder.
    """
    test: bool
    """A test order (Shopify `test`)."""


@dataclass(frozen=True)
class ChannelLine:
    """One line of a channel order, mapped or not."""

    external_id: str
    """The channel's id of the line, unique in the order: Shopify line item
    id, Etsy transaction id, the CSV `sku`. Diff updates by it.
    """
    source: str
    """Where the line is in the payload: `line_items[2]`, `transactions[0]`,
    `results[1].transactions[0]`, `row 4`.
    """
    sku: Optional[str]
    """The channel's SKU, trimmed; `None` when null or empty."""
    variant_id: Optional[int]
    """Shopify variant id."""
    product_id: Optional[int]
    """Shopify or Etsy product id."""
    listing_id: Optional[int]
    """Etsy listing id."""
    variations: Tuple[Variation, ...]
    """Etsy variations (personalization included, property 54)."""
    title: str
    """Product title as the channel shows it (HTML entities decoded)."""
    variant_title: Optional[str]
    """Variant title (Shopify), e.g. `200 g`."""
    quantity: Decimal
    """Quantity ordered, in channel units."""
    current_quantity: Decimal
    """Quantity still ordered after removals and refunds (Shopify
    `current_quantity`; otherwise `quantity`).
    """
    fulfillable_quantity: Optional[Decimal]
    """Quantity the channel still expects to ship (Shopify
    `fulfillable_quantity`, else what its fulfillments leave; Etsy: 0
    once the receipt is shipped).
    """
    fulfilled_outside: Decimal
    """Of `quantity`, what the channel settled itself and lotwise must not
    ship: fulfilled there, refunded or removed there, or goods that need
    no shipping. Placed on the order line as `fulfilled_outside`, in
    channel units. Set by the importer.
    """
    unit_price: Optional[Money]
    """Price of one channel unit before discounts, in the order's `currency`."""
    presentment_unit_price: Optional[Money]
    """The same price in the presentment currency, when it differs."""
    discount: Optional[Money]
    """Discount on the whole line (Shopify `discount_allocations`), if any."""
    properties: Tuple[Property, ...]
    """Name/value pairs the buyer filled in: Shopify line `properties`
    (names starting with `_` are hidden by convention), Etsy
    personalization.
    """
    requires_shipping: bool
    """Whether the line is goods to ship (Shopify `requires_shipping`)."""
    ship_by: Optional[_dt.date]
    """The day the channel promised the buyer it would ship (Etsy
    `expected_ship_date`, as a UTC date). Also `requested_date` of the line.
    """
    shipped_at: Optional[_dt.datetime]
    """When the channel marked the line shipped (Etsy `shipped_timestamp`)."""
    mapping: LineMapping
    """What became of the line."""


@dataclass(frozen=True)
class Variation:
    """An Etsy variation chosen by the buyer."""

    property_id: Optional[int]
    """Etsy property id (54 is personalization)."""
    value_id: Optional[int]
    """Etsy value id; null for personalization."""
    name: str
    """Property name as shown (`Size`, or the seller's personalization label)."""
    value: str
    """Value as shown (`200 g`, or the buyer's text)."""


@dataclass(frozen=True)
class Property:
    """A name/value pair."""

    name: str
    """Name."""
    value: str
    """Value."""


@dataclass(frozen=True)
class LineMapping:
    """What the importer did with a channel line.

    By `kind`:

    - ``mapped``: Placed as `new_order.lines[index]`.
    - ``unmapped``: Not placed: no lotwise item could be identified. The order needs
    - ``removed``: Not placed: nothing of it is left for lotwise to supply (removed,
    """

    kind: Literal['mapped', 'unmapped', 'removed']
    index: Optional[int] = None
    """Index into `new_order.lines`."""
    reason: Optional[UnmappedReason] = None
    """Why."""

    @staticmethod
    def _to_json(value: LineMapping) -> Dict[str, Any]:
        # Exactly the fields of the value's variant, as the core writes it.
        return tagged_json(value, "kind", {'mapped': ('index', ), 'unmapped': ('reason', ), 'removed': ()})


@dataclass(frozen=True)
class UnmappedReason:
    """Why a line could not be mapped to a lotwise item.

    By `code`:

    - ``missing_sku``: The line has no SKU and none of its channel ids (variant, listing and
    - ``unknown_sku``: The channel SKU is neither a catalog SKU nor mapped.
    - ``unknown_target``: A mapping names an item that is not in the catalog.
    - ``unit_needed``: The item is kept in a unit of mass or volume, so a channel unit is
    """

    code: Literal['missing_sku', 'unknown_sku', 'unknown_target', 'unit_needed']
    sku: Optional[str] = None
    """The channel's SKU."""
    uom: Optional[Uom] = None
    """The item's base unit."""

    @staticmethod
    def _to_json(value: UnmappedReason) -> Dict[str, Any]:
        # Exactly the fields of the value's variant, as the core writes it.
        return tagged_json(value, "code", {'missing_sku': (), 'unknown_sku': ('sku', ), 'unknown_target': ('sku', ), 'unit_needed': ('sku', 'uom', )})


@dataclass(frozen=True)
class Cancellation:
    """The channel cancelled the order."""

    at: Optional[_dt.datetime]
    """When, if the channel says (Shopify `cancelled_at`)."""
    reason: Optional[str]
    """The channel's reason word (Shopify `cancel_reason`), if any."""


@dataclass(frozen=True)
class Fulfillment:
    """What the channel says has shipped."""

    status: FulfillmentStatus
    """Overall state."""
    shipments: Tuple[ChannelShipment, ...]
    """Shipments the channel knows of, with tracking."""


@dataclass(frozen=True)
class ChannelShipment:
    """A shipment the channel recorded."""

    carrier: Optional[str]
    """Carrier name as the channel gives it."""
    tracking: Optional[str]
    """Tracking number."""
    at: Optional[_dt.datetime]
    """When it shipped or was announced."""


@dataclass(frozen=True)
class OrderTotals:
    """Order totals in one currency, as the channel computed them."""

    items: Money
    """Σ unit price × quantity, before discounts."""
    discounts: Money
    """Discounts."""
    shipping: Money
    """Shipping charged."""
    tax: Money
    """Tax charged."""
    total: Money
    """What the buyer pays: items − discounts + shipping + tax."""


@dataclass(frozen=True)
class ShippingLine:
    """A shipping line of a Shopify order."""

    title: str
    """Title shown to the buyer, e.g. `Standard Shipping`."""
    code: Optional[str]
    """The rate's code, if any."""
    price: Money
    """Price in the order's currency."""
    presentment_price: Optional[Money]
    """Price in the presentment currency, when it differs."""


@dataclass(frozen=True)
class Gift:
    """A gift message."""

    message: Optional[str]
    """The message for the recipient."""
    sender: Optional[str]
    """Who it is from."""


@dataclass(frozen=True)
class ImportResult:
    """The outcome of one channel order (or one payload that failed to parse)."""

    channel: str
    """Channel."""
    external_id: Optional[str]
    """The channel's order id, when the payload got that far."""
    status: ImportStatus
    """What happened."""
    order: Optional[str]
    """The lotwise order, when there is one."""
    reasons: Tuple[str, ...]
    """Why a person must look at it."""
    error_code: Optional[str]
    """The error code, for `rejected`."""
    error_field: Optional[str]
    """The offending field, for `rejected` when the error names one
    (`invalid_payload`, `invalid_input`, `invalid_quantity`), e.g.
    `line_items[0].price`.
    """
    error: Optional[str]
    """The error text, for `rejected`."""


@dataclass(frozen=True)
class WebhookReceipt:
    """What one webhook delivery did."""

    webhook_id: Optional[str]
    """The delivery's `X-Shopify-Webhook-Id`, when it had one."""
    topic: Optional[str]
    """The delivery's `X-Shopify-Topic`, when it had one (`orders/create`…)."""
    replayed: bool
    """`true` when this webhook id was received before: nothing was done
    again, and `import` and `confirmed` are what the first delivery did.
    """
    import_: ImportResult = field(metadata={"json": "import"})
    """What importing the order did."""
    confirmed: Optional[ConfirmReport]
    """What confirming the new order did, when confirming was asked for and
    the import placed an order ready to confirm.
    """


@dataclass(frozen=True)
class CustomerRecord:
    """A customer: one person or business, however many names, addresses and
    e-mails they used.
    """

    id: str
    """Stable id, e.g. `CU-000001`."""
    names: Tuple[str, ...]
    """Names used, the first one the display name."""
    emails: Tuple[str, ...]
    """E-mail addresses, lower-cased."""
    phones: Tuple[str, ...]
    """Phone numbers as given."""
    addresses: Tuple[Address, ...]
    """Ship-to addresses used."""
    channel_ids: Tuple[ChannelCustomerId, ...]
    """Ids the channels know the customer by."""
    tags: Tuple[str, ...]
    """Tags, e.g. `wholesale`."""
    notes: Optional[str]
    """Free notes."""
    created_at: _dt.datetime
    """When the record was created."""
    merged_into: Optional[str]
    """Set when this record was merged into another: its orders moved there."""


@dataclass(frozen=True)
class ChannelCustomerId:
    """A channel's own id for a customer (Shopify customer id, Etsy buyer id)."""

    channel: str
    """Channel, e.g. `shopify`."""
    id: str
    """The channel's id for the customer."""


@dataclass(frozen=True)
class CustomerSummary:
    """What a customer bought, over every order attached to them."""

    customer: CustomerRecord
    """The customer."""
    orders: Tuple[CustomerOrder, ...]
    """Their orders, oldest first (cancelled ones included, marked by status)."""
    order_count: int
    """Orders not cancelled."""
    units: Decimal
    """Pieces ordered (lines counted in pieces; weight and volume lines are
    not pieces and are left out).
    """
    lifetime_value: Tuple[Money, ...]
    """Ordered value of orders not cancelled, one amount per currency,
    never added across currencies.
    """
    first_order_at: Optional[_dt.datetime]
    """When their first order not cancelled was placed."""
    last_order_at: Optional[_dt.datetime]
    """When their last order not cancelled was placed."""
    average_days_between_orders: Optional[Decimal]
    """Average days between consecutive orders (two decimals), when they
    ordered at least twice.
    """


@dataclass(frozen=True)
class CustomerOrder:
    """One order in a customer's history."""

    order: str
    """Order id."""
    channel: str
    """Channel."""
    status: OrderStatus
    """Status."""
    placed_at: _dt.datetime
    """Placed."""
    total: Optional[Money]
    """Ordered value, when the lines are priced."""


@dataclass(frozen=True)
class Segment:
    """A named, declarative filter over customers: every condition given must
    hold.
    """

    code: str
    """Code, e.g. `LAPSED-REGULARS`."""
    name: str
    """Human name."""
    filter: SegmentFilter
    """The conditions."""


@dataclass(frozen=True)
class SegmentFilter:
    """Conditions on a customer's summary; absent ones are not checked."""

    min_orders: Optional[int]
    """At least this many orders (not cancelled)."""
    max_orders: Optional[int]
    """At most this many orders."""
    last_order_more_than_days_ago: Optional[int]
    """The last order was placed more than this many days ago."""
    last_order_within_days: Optional[int]
    """The last order was placed at most this many days ago."""
    min_lifetime_value: Optional[Money]
    """Lifetime value in this amount's currency is at least this amount."""
    tag: Optional[str]
    """Has this tag."""
    channel: Optional[str]
    """Ordered through this channel at least once."""
    country: Optional[str]
    """Has an address in this ISO country."""


@dataclass(frozen=True)
class SegmentReport:
    """The customers of a segment, with what they bought."""

    segment: Segment
    """The segment."""
    customers: Tuple[CustomerSummary, ...]
    """Its customers now, by id."""
    revenue: Tuple[Money, ...]
    """Their lifetime value added up, one amount per currency."""


@dataclass(frozen=True)
class Rule:
    """A rule."""

    code: str
    """Code, e.g. `HOLD-BIG-ORDERS`."""
    name: str
    """Human name."""
    priority: int
    """Rules run by ascending priority, then by code."""
    trigger: Trigger
    """What starts it."""
    conditions: Tuple[Condition, ...]
    """What must hold (all of it); none means always."""
    actions: Tuple[Action, ...]
    """What it does, in order."""
    enabled: bool
    """A disabled rule is kept but never runs."""


@dataclass(frozen=True)
class Trigger:
    """What starts a rule.

    By `on`:

    - ``order_placed``: An order was placed or imported.
    - ``order_updated``: A channel sent a changed version of an order already placed (or a
    - ``order_delayed``: `check_delays` found the order newly projected to arrive after its
    - ``stock_below``: An item's available stock (on hand, not reserved) fell below a level.
    - ``lot_expiring``: A lot with stock on hand expires within some days (checked by
    """

    on: Literal['order_placed', 'order_updated', 'order_delayed', 'stock_below', 'lot_expiring']
    sku: Optional[str] = None
    """The item."""
    threshold: Optional[Qty] = None
    """The level, in any unit of the item's dimension."""
    within_days: Optional[int] = None
    """How many days ahead."""

    @staticmethod
    def _to_json(value: Trigger) -> Dict[str, Any]:
        # Exactly the fields of the value's variant, as the core writes it.
        return tagged_json(value, "on", {'order_placed': (), 'order_updated': (), 'order_delayed': (), 'stock_below': ('sku', 'threshold', ), 'lot_expiring': ('within_days', )})


@dataclass(frozen=True)
class Condition:
    """One condition on an order; a rule's conditions must all hold.

    By `check`:

    - ``channel``: The order came through this channel.
    - ``tag``: The order has this tag (any case).
    - ``total_at_least``: The order's total is at least this amount. An order in another
    - ``total_below``: The order's total is below this amount (same currency only).
    - ``sku``: Some line is of this item.
    - ``segment``: The order's customer is in this segment.
    - ``country``: The order ships to this ISO country.
    - ``no_email``: The order names no customer e-mail.
    - ``gift_message``: The channel sent a gift message with the order (Etsy gifts).
    """

    check: Literal['channel', 'tag', 'total_at_least', 'total_below', 'sku', 'segment', 'country', 'no_email', 'gift_message']
    is_: Optional[str] = field(default=None, metadata={"json": "is"})
    """Channel, e.g. `shopify`."""
    has: Optional[str] = None
    """Tag."""
    amount: Optional[Money] = None
    """Amount."""
    code: Optional[str] = None
    """Segment code."""

    @staticmethod
    def _to_json(value: Condition) -> Dict[str, Any]:
        # Exactly the fields of the value's variant, as the core writes it.
        return tagged_json(value, "check", {'channel': ('is', ), 'tag': ('has', ), 'total_at_least': ('amount', ), 'total_below': ('amount', ), 'sku': ('is', ), 'segment': ('code', ), 'country': ('is', ), 'no_email': (), 'gift_message': ()})


@dataclass(frozen=True)
class Action:
    """What a rule does.

    By `do`:

    - ``add_tag``: Adds a tag to the order.
    - ``add_note``: Appends a line to the order's note.
    - ``hold``: Holds the order for review: nobody can confirm it until it is
    - ``confirm``: Confirms the order (when it is placed and not held).
    - ``route_to``: Ships the order from this location (a routing rule for its channel
    - ``alert``: Raises an alert event (`alert_raised`) for a notifier.
    """

    do: Literal['add_tag', 'add_note', 'hold', 'confirm', 'route_to', 'alert']
    tag: Optional[str] = None
    """Tag."""
    note: Optional[str] = None
    """Text."""
    reason: Optional[str] = None
    """Why, for the person reviewing."""
    location: Optional[str] = None
    """Location code."""
    message: Optional[str] = None
    """Message."""

    @staticmethod
    def _to_json(value: Action) -> Dict[str, Any]:
        # Exactly the fields of the value's variant, as the core writes it.
        return tagged_json(value, "do", {'add_tag': ('tag', ), 'add_note': ('note', ), 'hold': ('reason', ), 'confirm': (), 'route_to': ('location', ), 'alert': ('message', )})


@dataclass(frozen=True)
class Alert:
    """An alert `check_alerts` raised."""

    rule: str
    """The rule."""
    subject: str
    """What it is about: an item (stock) or a lot (expiry)."""
    message: str
    """The rule's message."""
    why: str
    """Why, in words."""
