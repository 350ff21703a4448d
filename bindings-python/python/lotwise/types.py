"""lotwise's records as frozen dataclasses, named and shaped like the Rust types.

Every record is immutable and compares by value. Amounts are `decimal.Decimal`
in the item's base unit (g, ml or pcs) unless typed `Qty`; days are
`datetime.date`; instants are timezone-aware `datetime.datetime` in UTC;
sequences are tuples. `lotwise.to_json(record)` gives back the core's JSON.
"""

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Dict, Literal, Mapping, Optional, Tuple

from ._codec import DecimalLike, to_decimal
from ._error_base import LotwiseError
from .values import (
    ItemKind,
    LocationKind,
    MoStatus,
    Money,
    MovementReason,
    OrderStatus,
    Qty,
    Tracking,
    Uom,
)

__all__ = [
    "AcceptedOrder",
    "Address",
    "Allocation",
    "Balance",
    "ConfirmReport",
    "Consumption",
    "Customer",
    "Demand",
    "Event",
    "Item",
    "LinePart",
    "LineView",
    "Location",
    "Lot",
    "LotOrigin",
    "ManufacturingOrder",
    "MoLine",
    "MoPart",
    "Movement",
    "Operation",
    "OrderLine",
    "OrderView",
    "Output",
    "PlaceResult",
    "PlacedOrder",
    "RecallDelivery",
    "RecallLot",
    "RecallReport",
    "Recipe",
    "RecipeLine",
    "Requirement",
    "Reservation",
    "SalesOrder",
    "Shipment",
    "ShipmentLine",
    "Shortage",
    "Snapshot",
    "StockLevel",
    "StockLot",
    "Trace",
    "TraceEdge",
    "TraceLot",
]



# --- catalog ---------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """An item as defined; `uom` is the base unit its stock is kept in."""

    sku: str
    name: str
    kind: ItemKind
    uom: Uom
    tracking: Tracking
    shelf_life_days: Optional[int]
    min_remaining_shelf_life_days: Optional[int]
    lead_time_days: Optional[int]
    reorder_point: Optional[Decimal]
    reorder_qty: Optional[Decimal]


@dataclass(frozen=True, init=False)
class Operation:
    """A routing step of a recipe: work center, setup and run minutes per unit."""

    work_center: str
    setup_minutes: Decimal
    run_minutes_per_unit: Decimal

    def __init__(
        self,
        work_center: str,
        setup_minutes: DecimalLike = 0,
        run_minutes_per_unit: DecimalLike = 0,
    ) -> None:
        object.__setattr__(self, "work_center", work_center)
        object.__setattr__(self, "setup_minutes", to_decimal(setup_minutes, "setup_minutes"))
        object.__setattr__(
            self,
            "run_minutes_per_unit",
            to_decimal(run_minutes_per_unit, "run_minutes_per_unit"),
        )


@dataclass(frozen=True)
class RecipeLine:
    """One input of a stored recipe, per batch, in the input's base unit."""

    sku: str
    qty: Decimal
    scrap_pct: Decimal


@dataclass(frozen=True)
class Recipe:
    """A product's recipe (bill of materials); versions grow with each definition."""

    product: str
    version: int
    batch_size: Decimal
    inputs: Tuple[RecipeLine, ...]
    yield_pct: Decimal
    operations: Tuple[Operation, ...]
    created_at: _dt.datetime


@dataclass(frozen=True)
class Location:
    """A place in the ledger: an internal one holds stock, a virtual one balances it."""

    code: str
    name: str
    kind: LocationKind


# --- lots and the ledger ----------------------------------------------------


@dataclass(frozen=True)
class LotOrigin:
    """Where a lot came from: ``receipt``, ``production`` (with its `mo`) or ``adjustment``."""

    type: Literal["receipt", "production", "adjustment"]
    mo: Optional[str] = None

    @staticmethod
    def _to_json(o: "LotOrigin") -> Dict[str, Any]:
        return {"type": o.type, "mo": o.mo} if o.mo is not None else {"type": o.type}


@dataclass(frozen=True)
class Lot:
    """A lot of one item."""

    code: str
    sku: str
    expiry: Optional[_dt.date]
    origin: LotOrigin
    supplier_lot_ref: Optional[str]
    created_at: _dt.datetime


@dataclass(frozen=True)
class Movement:
    """One immutable ledger entry: `qty` moved `from_` one location `to` another."""

    seq: int
    at: _dt.datetime
    sku: str
    lot: str
    qty: Decimal
    from_: str = field(metadata={"json": "from"})
    to: str
    reason: MovementReason
    doc: Optional[str]


@dataclass(frozen=True)
class Balance:
    """Stock of one lot at one location (negative only at virtual locations)."""

    sku: str
    lot: str
    location: str
    qty: Decimal


@dataclass(frozen=True)
class Demand:
    """What stock is held for: an order line (`order`, `line`) or an MO's inputs (`mo`)."""

    type: Literal["order_line", "mo_input"]
    order: Optional[str] = None
    line: Optional[int] = None
    mo: Optional[str] = None

    @staticmethod
    def _to_json(d: "Demand") -> Dict[str, Any]:
        out: Dict[str, Any] = {"type": d.type}
        for key in ("order", "line", "mo"):
            value = getattr(d, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(frozen=True)
class Reservation:
    """Stock held for a demand."""

    id: int
    sku: str
    lot: str
    location: str
    qty: Decimal
    demand: Demand
    at: _dt.datetime


@dataclass(frozen=True)
class StockLot:
    """Stock of one lot at one internal location."""

    lot: str
    location: str
    expiry: Optional[_dt.date]
    on_hand: Decimal
    reserved: Decimal


@dataclass(frozen=True)
class StockLevel:
    """Stock of an item at internal locations, in its base unit."""

    sku: str
    on_hand: Decimal
    reserved: Decimal
    #: Free to promise: on hand - reserved - expired.
    available: Decimal
    lots: Tuple[StockLot, ...]


# --- orders -------------------------------------------------------------------


@dataclass(frozen=True)
class Customer:
    """Who ordered."""

    name: str
    email: Optional[str] = None


@dataclass(frozen=True)
class Address:
    """A shipping address."""

    name: str
    line1: str = ""
    line2: Optional[str] = None
    city: str = ""
    region: Optional[str] = None
    postal_code: str = ""
    country: str = ""


@dataclass(frozen=True)
class OrderLine:
    """A stored order line; `shipped` is in the item's base unit."""

    line: int
    sku: str
    qty: Qty
    unit_price: Optional[Money]
    requested_date: Optional[_dt.date]
    promised_date: Optional[_dt.date]
    lot: Optional[str]
    min_remaining_shelf_life_days: Optional[int]
    shipped: Decimal


@dataclass(frozen=True)
class SalesOrder:
    """A sales order."""

    id: str
    channel: str
    external_ref: Optional[str]
    customer: Customer
    ship_to: Optional[Address]
    lines: Tuple[OrderLine, ...]
    tags: Tuple[str, ...]
    notes: Optional[str]
    #: Problems a person must resolve before the order can be confirmed
    #: (status ``needs_attention``); empty for a normal order.
    attention: Tuple[str, ...]
    status: OrderStatus
    placed_at: _dt.datetime
    confirmed_at: Optional[_dt.datetime]
    cancelled_at: Optional[_dt.datetime]


@dataclass(frozen=True)
class PlacedOrder:
    """What `place_order` did; `replayed` when the same channel order was placed before."""

    order: SalesOrder
    replayed: bool


@dataclass(frozen=True)
class Shortage:
    """Something missing, in its base unit, for an order line (``SO-000001/1``) or an MO."""

    sku: str
    missing: Decimal
    needed_for: str


@dataclass(frozen=True)
class PlaceResult:
    """What became of one order of `Lotwise.place_orders`: placed (or found
    again, for a replayed channel reference), or refused with its error, which
    is the exception the order alone would have raised (not raised here)."""

    index: int
    placed: Optional[PlacedOrder]
    error: Optional[LotwiseError]

    @property
    def ok(self) -> bool:
        """Whether the order was placed (or found again)."""
        return self.error is None


@dataclass(frozen=True)
class ConfirmReport:
    """What confirming or re-planning an order did."""

    status: OrderStatus
    #: Finished stock reserved, per line number.
    reserved: Mapping[int, Decimal]
    mos: Tuple[str, ...]
    shortages: Tuple[Shortage, ...]


@dataclass(frozen=True)
class AcceptedOrder:
    """What `place_and_confirm_order` did: the order as placed (or found again,
    `placed.replayed`) and what confirming it did; `confirmed` is None when this
    call did not confirm it because it was found again no longer ``placed``
    (confirmed before, cancelled, ...)."""

    placed: PlacedOrder
    confirmed: Optional[ConfirmReport]


@dataclass(frozen=True)
class LinePart:
    """Finished stock of one lot held for a line."""

    lot: str
    location: str
    qty: Decimal


@dataclass(frozen=True)
class MoPart:
    """A manufacturing order's share in a line."""

    mo: str
    status: MoStatus
    qty: Decimal
    delivered: Decimal


@dataclass(frozen=True)
class LineView:
    """One line as a person sees it: how it is covered and where it stands."""

    line: int
    sku: str
    ordered: Decimal
    shipped: Decimal
    ready: Decimal
    uncovered: Decimal
    status: OrderStatus
    from_stock: Tuple[LinePart, ...]
    from_mos: Tuple[MoPart, ...]


@dataclass(frozen=True)
class OrderView:
    """An order with its derived status and per-line coverage."""

    order: SalesOrder
    status: OrderStatus
    delayed: bool
    lines: Tuple[LineView, ...]


# --- production ----------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    """An input quantity a manufacturing order needs, in its base unit."""

    sku: str
    qty: Decimal


@dataclass(frozen=True)
class Allocation:
    """Output of a manufacturing order promised to an order line."""

    order: str
    line: int
    qty: Decimal
    delivered: Decimal


@dataclass(frozen=True)
class Consumption:
    """An input lot consumed by a manufacturing order."""

    sku: str
    lot: str
    qty: Decimal


@dataclass(frozen=True)
class Output:
    """The lot a manufacturing order produced."""

    lot: str
    good: Decimal
    scrap: Decimal
    expiry: Optional[_dt.date]


@dataclass(frozen=True)
class ManufacturingOrder:
    """A batch to make, tied to the order lines it fills."""

    id: str
    product: str
    qty: Decimal
    recipe_version: int
    status: MoStatus
    parent_mo: Optional[str]
    requirements: Tuple[Requirement, ...]
    allocations: Tuple[Allocation, ...]
    consumed: Tuple[Consumption, ...]
    output: Optional[Output]
    created_at: _dt.datetime
    started_at: Optional[_dt.datetime]
    finished_at: Optional[_dt.datetime]


@dataclass(frozen=True)
class MoLine:
    """One order line a manufacturing order covers."""

    order: str
    line: int
    customer: str
    qty: Decimal
    delivered: Decimal


# --- shipping and traceability ---------------------------------------------------


@dataclass(frozen=True)
class ShipmentLine:
    """One lot of one order line in a shipment."""

    line: int
    sku: str
    lot: str
    location: str
    qty: Decimal


@dataclass(frozen=True)
class Shipment:
    """A shipment with carrier and tracking."""

    id: str
    order: str
    lines: Tuple[ShipmentLine, ...]
    carrier: str
    tracking: str
    label: Optional[str]
    shipped_at: _dt.datetime


@dataclass(frozen=True)
class TraceEdge:
    """Input lot `from_lot` went into output lot `to_lot` through manufacturing order `mo`."""

    from_lot: str
    to_lot: str
    mo: str
    qty: Decimal


@dataclass(frozen=True)
class TraceLot:
    """A lot in a trace, `depth` steps from the lot asked about."""

    lot: str
    sku: str
    depth: int


@dataclass(frozen=True)
class Trace:
    """Lots reachable from a lot (itself first) and the edges between them."""

    lot: str
    lots: Tuple[TraceLot, ...]
    edges: Tuple[TraceEdge, ...]


@dataclass(frozen=True)
class RecallDelivery:
    """One delivery of an affected lot to a customer."""

    order: str
    channel: str
    external_ref: Optional[str]
    customer: str
    email: Optional[str]
    shipment: str
    lot: str
    sku: str
    qty: Decimal
    shipped_at: _dt.datetime


@dataclass(frozen=True)
class RecallLot:
    """One affected lot: on hand (to pull), shipped, returned by customers,
    consumed into other lots."""

    lot: str
    sku: str
    on_hand: Decimal
    shipped: Decimal
    returned: Decimal
    consumed: Decimal


@dataclass(frozen=True)
class RecallReport:
    """Everything a recall of a lot must reach."""

    lot: str
    lots: Tuple[RecallLot, ...]
    deliveries: Tuple[RecallDelivery, ...]
    customers: Tuple[str, ...]
    orders: Tuple[str, ...]


# --- events and the whole state ------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """An outbox event; `data` is the event's JSON (decimals as strings)."""

    seq: int
    at: _dt.datetime
    kind: str
    subject: str
    data: Any


@dataclass(frozen=True)
class Snapshot:
    """Everything in the store, in a stable order; equal snapshots mean equal states."""

    items: Tuple[Item, ...]
    recipes: Tuple[Recipe, ...]
    locations: Tuple[Location, ...]
    lots: Tuple[Lot, ...]
    movements: Tuple[Movement, ...]
    balances: Tuple[Balance, ...]
    reservations: Tuple[Reservation, ...]
    orders: Tuple[SalesOrder, ...]
    mos: Tuple[ManufacturingOrder, ...]
    shipments: Tuple[Shipment, ...]
    trace_edges: Tuple[TraceEdge, ...]
    events: Tuple[Event, ...]
    #: Generic records as (kind, key, JSON value).
    docs: Tuple[Tuple[str, str, Any], ...]

