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

from ._codec import DecimalLike, enum_value, to_decimal
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
from ._records import (  # generated from the schema
    ElapsedStep,
    Event,
    Item,
    RecipeLine,
    Recipe,
    Location,
    LotOrigin,
    Lot,
    Movement,
    Balance,
    Demand,
    Reservation,
    StockLot,
    StockLevel,
    OrderLine,
    SalesOrder,
    PlacedOrder,
    Shortage,
    ConfirmReport,
    AcceptedOrder,
    LinePart,
    MoPart,
    LineView,
    OrderView,
    Requirement,
    Allocation,
    Consumption,
    Output,
    ManufacturingOrder,
    MoLine,
    ShipmentLine,
    Shipment,
    TraceEdge,
    TraceLot,
    Trace,
    RecallDelivery,
    RecallLot,
    RecallReport,
    Snapshot,
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


@dataclass(frozen=True, init=False)
class Operation:
    """A routing step of a recipe: work center, setup minutes, and run
    minutes per `run_unit` of output (``"kg"``: per kg). Left None,
    `run_unit` becomes the unit the recipe's batch size is written in.

    An elapsed step (`Operation.elapsed_step("cure", 28)`) takes calendar
    time without occupying any work center: batches made the same day wait
    through it side by side."""

    work_center: str
    setup_minutes: Decimal
    run_minutes_per_unit: Decimal
    run_unit: Optional[Uom]
    elapsed: Optional[ElapsedStep]

    def __init__(
        self,
        work_center: str = "",
        setup_minutes: DecimalLike = 0,
        run_minutes_per_unit: DecimalLike = 0,
        run_unit: Optional[Uom] = None,
        elapsed: Optional[ElapsedStep] = None,
    ) -> None:
        if elapsed is not None and not isinstance(elapsed, ElapsedStep):
            raise TypeError(f"elapsed: expected a lotwise.ElapsedStep, got {type(elapsed).__name__}")
        object.__setattr__(self, "work_center", work_center)
        object.__setattr__(self, "setup_minutes", to_decimal(setup_minutes, "setup_minutes"))
        object.__setattr__(
            self,
            "run_minutes_per_unit",
            to_decimal(run_minutes_per_unit, "run_minutes_per_unit"),
        )
        object.__setattr__(
            self, "run_unit", None if run_unit is None else enum_value(Uom, run_unit, "run_unit")
        )
        object.__setattr__(self, "elapsed", elapsed)

    @classmethod
    def elapsed_step(cls, name: str, days: DecimalLike, calendar: Optional[Any] = None) -> "Operation":
        """An elapsed step: `days` of calendar time (24 h each on the default
        24/7 calendar; working days of `calendar`, a `lotwise.Calendar`, when
        given) that holds no work center — a cure, drying, quarantine."""
        return cls(elapsed=ElapsedStep(name, to_decimal(days, "days"), calendar))


# --- lots and the ledger ----------------------------------------------------


# --- orders -------------------------------------------------------------------


@dataclass(frozen=True)
class Customer:
    """Who ordered. Give `id` to place an order for a known customer;
    otherwise lotwise finds the customer by the channel's `external_id`, then
    by e-mail, or creates one, and the stored order carries its `id`."""

    name: str
    email: Optional[str] = None
    id: Optional[str] = None
    external_id: Optional[str] = None
    phone: Optional[str] = None


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


# --- production ----------------------------------------------------------------


# --- shipping and traceability ---------------------------------------------------


# --- events and the whole state ------------------------------------------------------


