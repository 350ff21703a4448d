"""`Lotwise`, the engine handle, and `FixedClock`.

Every command is one transaction: it applies whole or raises a `LotwiseError`
and changes nothing. Every call releases the GIL while the engine works, and
one handle may be shared by many threads.
"""

import datetime as _dt
import json
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Sequence, Tuple

from . import _native
from ._codec import (
    DecimalLike,
    check_date,
    decimal_text,
    decoder,
    drop_none,
    instant_text,
    parse_instant,
    to_decimal,
)
from .channels import ChannelsApi
from .desk import DeskApi
from .inputs import NewOrder, NewRecipeInput, ShipLine, operation_json
from .locations import LocationsApi
from .planning import PlanningApi
from .purchasing import PurchasingApi
from .returns import ReturnsApi
from .types import (
    ConfirmReport,
    Event,
    Item,
    Location,
    Lot,
    ManufacturingOrder,
    MoLine,
    Movement,
    Operation,
    OrderView,
    PlacedOrder,
    RecallReport,
    Recipe,
    Reservation,
    SalesOrder,
    Shipment,
    Snapshot,
    StockLevel,
    Trace,
    Balance,
)
from .values import ItemKind, LocationKind, Qty, QtyLike, Tracking, to_qty

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["FixedClock", "Lotwise", "open"]

_loads = json.loads
_dumps = json.dumps

# Decoders are built once from the records' type hints.
_ITEM: Callable[[Any], Item] = decoder(Item)
_ITEMS: Callable[[Any], Tuple[Item, ...]] = decoder(Tuple[Item, ...])
_RECIPE: Callable[[Any], Recipe] = decoder(Recipe)
_LOCATION: Callable[[Any], Location] = decoder(Location)
_LOCATIONS: Callable[[Any], Tuple[Location, ...]] = decoder(Tuple[Location, ...])
_LOT: Callable[[Any], Lot] = decoder(Lot)
_LOTS: Callable[[Any], Tuple[Lot, ...]] = decoder(Tuple[Lot, ...])
_MOVEMENT: Callable[[Any], Movement] = decoder(Movement)
_MOVEMENTS: Callable[[Any], Tuple[Movement, ...]] = decoder(Tuple[Movement, ...])
_BALANCES: Callable[[Any], Tuple[Balance, ...]] = decoder(Tuple[Balance, ...])
_RESERVATIONS: Callable[[Any], Tuple[Reservation, ...]] = decoder(Tuple[Reservation, ...])
_STOCK: Callable[[Any], StockLevel] = decoder(StockLevel)
_PLACED: Callable[[Any], PlacedOrder] = decoder(PlacedOrder)
_PLACED_MANY: Callable[[Any], Tuple[PlacedOrder, ...]] = decoder(Tuple[PlacedOrder, ...])
_REPORT: Callable[[Any], ConfirmReport] = decoder(ConfirmReport)
_ORDER: Callable[[Any], SalesOrder] = decoder(SalesOrder)
_MAYBE_ORDER: Callable[[Any], Optional[SalesOrder]] = decoder(Optional[SalesOrder])
_ORDERS: Callable[[Any], Tuple[SalesOrder, ...]] = decoder(Tuple[SalesOrder, ...])
_VIEW: Callable[[Any], OrderView] = decoder(OrderView)
_MO: Callable[[Any], ManufacturingOrder] = decoder(ManufacturingOrder)
_MOS: Callable[[Any], Tuple[ManufacturingOrder, ...]] = decoder(Tuple[ManufacturingOrder, ...])
_MO_LINES: Callable[[Any], Tuple[MoLine, ...]] = decoder(Tuple[MoLine, ...])
_SHIPMENT: Callable[[Any], Shipment] = decoder(Shipment)
_SHIPMENTS: Callable[[Any], Tuple[Shipment, ...]] = decoder(Tuple[Shipment, ...])
_TRACE: Callable[[Any], Trace] = decoder(Trace)
_RECALL: Callable[[Any], RecallReport] = decoder(RecallReport)
_EVENTS: Callable[[Any], Tuple[Event, ...]] = decoder(Tuple[Event, ...])
_SNAPSHOT: Callable[[Any], Snapshot] = decoder(Snapshot)


def _count(value: Optional[int], field: str) -> Optional[int]:
    """Days and counts are whole numbers; a float or bool is a TypeError."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field}: expected an int, got {type(value).__name__} {value!r}")
    return value


def _qty(value: Optional[QtyLike], field: str) -> Optional[str]:
    return None if value is None else Qty._to_json(to_qty(value, field))


class FixedClock:
    """A clock that stands still until moved; pass it to `Lotwise.open` for
    reproducible notebooks, tests and replays."""

    __slots__ = ("_inner",)

    def __init__(self, at: _dt.datetime) -> None:
        self._inner = _native.FixedClock(instant_text(at))

    def now(self) -> _dt.datetime:
        """The time shown (UTC)."""
        return parse_instant(self._inner.now())

    def set(self, at: _dt.datetime) -> None:
        """Moves the clock to `at` (timezone-aware)."""
        self._inner.set(instant_text(at))

    def advance_days(self, days: int) -> None:
        """Moves the clock forward by whole days."""
        self._inner.advance_days(_count(days, "days") or 0)

    def __repr__(self) -> str:
        return f"FixedClock({self.now().isoformat()!r})"


class Lotwise(PurchasingApi, LocationsApi, ReturnsApi, ChannelsApi, DeskApi, PlanningApi):
    """The lotwise engine over one store. Open one with `Lotwise.open` (or
    `lotwise.open`); share it freely between threads.

    The commands of purchasing, locations, returns, channel import and the
    order desk (with analytics and exports) live in their modules
    (`lotwise.purchasing`, `lotwise.locations`, `lotwise.returns`,
    `lotwise.channels`, `lotwise.desk`).
    """

    __slots__ = ("_inner",)

    def __init__(self, engine: _native.Engine) -> None:
        self._inner = engine

    @classmethod
    def open(cls, url: str = ":memory:", *, clock: Optional[FixedClock] = None) -> "Lotwise":
        """Opens a store by URL (``":memory:"``, or a backend the core knows).

        With `clock` the engine reads time from that fixed clock instead of
        the system clock (in-memory stores only).
        """
        if clock is None:
            return cls(_native.Engine.open(url))
        if url not in (":memory:", "memory:", "memory://"):
            raise ValueError("a FixedClock can only drive an in-memory store (url ':memory:')")
        return cls(_native.Engine.in_memory_with_clock(clock._inner))

    @property
    def backend(self) -> str:
        """``memory``, ``sqlite`` or ``postgres``."""
        return self._inner.backend()

    def now(self) -> _dt.datetime:
        """The engine's clock (UTC)."""
        return parse_instant(self._inner.now())

    def __repr__(self) -> str:
        return f"<lotwise.Lotwise backend={self.backend}>"

    # --- catalog -----------------------------------------------------------

    def define_item(
        self,
        sku: str,
        name: str,
        kind: ItemKind,
        uom: str,
        *,
        tracking: Tracking = "lot",
        shelf_life_days: Optional[int] = None,
        min_remaining_shelf_life_days: Optional[int] = None,
        lead_time_days: Optional[int] = None,
        reorder_point: Optional[QtyLike] = None,
        reorder_qty: Optional[QtyLike] = None,
    ) -> Item:
        """Defines an item; `uom` is any unit of its dimension (stock is kept in the base unit)."""
        new = {
            "sku": sku,
            "name": name,
            "kind": kind,
            "uom": _native.parse_uom(uom),
            "tracking": tracking,
            "shelf_life_days": _count(shelf_life_days, "shelf_life_days"),
            "min_remaining_shelf_life_days": _count(
                min_remaining_shelf_life_days, "min_remaining_shelf_life_days"
            ),
            "lead_time_days": _count(lead_time_days, "lead_time_days"),
            "reorder_point": _qty(reorder_point, "reorder_point"),
            "reorder_qty": _qty(reorder_qty, "reorder_qty"),
        }
        return _ITEM(_loads(self._inner.define_item(_dumps(drop_none(new)))))

    def define_recipe(
        self,
        product: str,
        batch_size: QtyLike,
        inputs: Iterable[NewRecipeInput],
        *,
        yield_pct: Optional[DecimalLike] = None,
        operations: Iterable[Operation] = (),
    ) -> Recipe:
        """Defines (a new version of) a product's recipe: inputs per `batch_size`."""
        new = {
            "product": product,
            "batch_size": Qty._to_json(to_qty(batch_size, "batch_size")),
            "inputs": [_recipe_input(i)._json() for i in inputs],
            "yield_pct": None
            if yield_pct is None
            else decimal_text(to_decimal(yield_pct, "yield_pct")),
            "operations": [operation_json(_operation(op)) for op in operations],
        }
        return _RECIPE(_loads(self._inner.define_recipe(_dumps(drop_none(new)))))

    def define_location(self, code: str, name: str, kind: LocationKind = "internal") -> Location:
        """Defines a location."""
        return _LOCATION(_loads(self._inner.define_location(code, name, kind)))

    def item(self, sku: str) -> Item:
        """The item with this SKU."""
        return _ITEM(_loads(self._inner.item(sku)))

    def items(self) -> Tuple[Item, ...]:
        """Every item, by SKU."""
        return _ITEMS(_loads(self._inner.items()))

    def recipe(self, product: str) -> Recipe:
        """The newest recipe of a product."""
        return _RECIPE(_loads(self._inner.recipe(product)))

    def locations(self) -> Tuple[Location, ...]:
        """Every location."""
        return _LOCATIONS(_loads(self._inner.locations()))

    # --- stock ---------------------------------------------------------------

    def receive(
        self,
        sku: str,
        qty: QtyLike,
        *,
        lot: Optional[str] = None,
        expiry: Optional[_dt.date] = None,
        supplier_lot_ref: Optional[str] = None,
        location: Optional[str] = None,
    ) -> Lot:
        """Receives goods from a supplier into `location` (``MAIN``); returns the lot."""
        receipt = {
            "sku": sku,
            "qty": _qty(qty, "qty"),
            "lot": lot,
            "expiry": None if expiry is None else check_date(expiry, "expiry").isoformat(),
            "supplier_lot_ref": supplier_lot_ref,
            "location": location,
        }
        return _LOT(_loads(self._inner.receive(_dumps(drop_none(receipt)))))

    def adjust_stock(
        self,
        sku: str,
        lot: str,
        delta: QtyLike,
        reason: str,
        *,
        location: Optional[str] = None,
    ) -> Movement:
        """Corrects the count of one lot: `delta` is signed (``"-2 pcs"``)."""
        adjustment = {
            "sku": sku,
            "lot": lot,
            "location": location,
            "delta": _qty(delta, "delta"),
            "reason": reason,
        }
        return _MOVEMENT(_loads(self._inner.adjust_stock(_dumps(drop_none(adjustment)))))

    def stock(self, sku: str) -> StockLevel:
        """Stock of an item at internal locations, in its base unit."""
        return _STOCK(_loads(self._inner.stock(sku)))

    def lot(self, code: str) -> Lot:
        """The lot with this code."""
        return _LOT(_loads(self._inner.lot(code)))

    def lots_of_item(self, sku: str) -> Tuple[Lot, ...]:
        """Every lot of an item."""
        return _LOTS(_loads(self._inner.lots_of_item(sku)))

    def movements(self) -> Tuple[Movement, ...]:
        """The whole ledger, oldest first."""
        return _MOVEMENTS(_loads(self._inner.movements()))

    def balances(self) -> Tuple[Balance, ...]:
        """Every non-zero balance."""
        return _BALANCES(_loads(self._inner.balances()))

    def reservations(self) -> Tuple[Reservation, ...]:
        """Every reservation."""
        return _RESERVATIONS(_loads(self._inner.reservations()))

    # --- orders -----------------------------------------------------------------

    def place_order(self, order: NewOrder) -> PlacedOrder:
        """Places an order (status ``placed``), idempotent by (channel, external_ref)."""
        return _PLACED(_loads(self._inner.place_order(_dumps(_new_order(order)._json()))))

    def place_orders(self, orders: Iterable[NewOrder]) -> Tuple[PlacedOrder, ...]:
        """Places many orders in one call, the GIL released throughout.

        Each order is its own transaction, as with `place_order`. The first
        failure stops the import and is raised; the orders before it stay
        placed, and placing the same list again is safe for orders with an
        `external_ref` (they are idempotent).
        """
        payload = _dumps([_new_order(o)._json() for o in orders])
        return _PLACED_MANY(_loads(self._inner.place_orders(payload)))

    def confirm_order(self, id: str) -> ConfirmReport:
        """Reserves finished stock, plans manufacturing orders for the rest and
        reserves their materials; reports what is still short."""
        return _REPORT(_loads(self._inner.confirm_order(id)))

    def replan_order(self, id: str) -> ConfirmReport:
        """Plans a confirmed order again (e.g. after materials arrived)."""
        return _REPORT(_loads(self._inner.replan_order(id)))

    def cancel_order(self, id: str) -> SalesOrder:
        """Cancels an order: releases its reservations and detaches its MO allocations."""
        return _ORDER(_loads(self._inner.cancel_order(id)))

    def order(self, id: str) -> SalesOrder:
        """The order with this id."""
        return _ORDER(_loads(self._inner.order(id)))

    def order_by_external(self, channel: str, external_ref: str) -> Optional[SalesOrder]:
        """The order by channel and external reference, or None."""
        return _MAYBE_ORDER(_loads(self._inner.order_by_external(channel, external_ref)))

    def orders(self) -> Tuple[SalesOrder, ...]:
        """Every order, by id."""
        return _ORDERS(_loads(self._inner.orders()))

    def order_view(self, id: str) -> OrderView:
        """The order with its status and, per line, the lots and MOs that fill it."""
        return _VIEW(_loads(self._inner.order_view(id)))

    # --- production ----------------------------------------------------------------

    def start_mo(self, id: str) -> ManufacturingOrder:
        """Starts production: consumes the reserved input lots."""
        return _MO(_loads(self._inner.start_mo(id)))

    def complete_mo(
        self,
        id: str,
        *,
        lot: Optional[str] = None,
        good_qty: Optional[QtyLike] = None,
        scrap_qty: Optional[QtyLike] = None,
        expiry: Optional[_dt.date] = None,
    ) -> ManufacturingOrder:
        """Records the output lot and allocates it to the linked order lines."""
        completion = {
            "lot": lot,
            "good_qty": _qty(good_qty, "good_qty"),
            "scrap_qty": _qty(scrap_qty, "scrap_qty"),
            "expiry": None if expiry is None else check_date(expiry, "expiry").isoformat(),
        }
        return _MO(_loads(self._inner.complete_mo(id, _dumps(drop_none(completion)))))

    def cancel_mo(self, id: str) -> ManufacturingOrder:
        """Cancels a manufacturing order and releases its inputs."""
        return _MO(_loads(self._inner.cancel_mo(id)))

    def mo(self, id: str) -> ManufacturingOrder:
        """The manufacturing order with this id."""
        return _MO(_loads(self._inner.mo(id)))

    def mos(self) -> Tuple[ManufacturingOrder, ...]:
        """Every manufacturing order, by id."""
        return _MOS(_loads(self._inner.mos()))

    def mo_lines(self, id: str) -> Tuple[MoLine, ...]:
        """The order lines a manufacturing order covers."""
        return _MO_LINES(_loads(self._inner.mo_lines(id)))

    # --- shipping and traceability ------------------------------------------------------

    def ship(
        self,
        order_id: str,
        *,
        carrier: str,
        tracking: str,
        lines: Iterable[ShipLine] = (),
        label: Optional[str] = None,
    ) -> Shipment:
        """Ships ready goods of an order (every ready line when `lines` is empty)."""
        request = {
            "lines": [_ship_line(line)._json() for line in lines],
            "carrier": carrier,
            "tracking": tracking,
            "label": label,
        }
        return _SHIPMENT(_loads(self._inner.ship(order_id, _dumps(drop_none(request)))))

    def shipments_of_order(self, order: str) -> Tuple[Shipment, ...]:
        """Shipments of an order."""
        return _SHIPMENTS(_loads(self._inner.shipments_of_order(order)))

    def trace_backward(self, lot: str) -> Trace:
        """The lots a lot was made from, down to received materials."""
        return _TRACE(_loads(self._inner.trace_backward(lot)))

    def trace_forward(self, lot: str) -> Trace:
        """The lots made from a lot."""
        return _TRACE(_loads(self._inner.trace_forward(lot)))

    def recall(self, lot: str) -> RecallReport:
        """Everything a recall of a lot must reach: lots, deliveries, customers."""
        return _RECALL(_loads(self._inner.recall(lot)))

    # --- events, audit ---------------------------------------------------------------------

    def events_after(self, after: int = 0, limit: int = 100) -> Tuple[Event, ...]:
        """Up to `limit` events with a sequence above `after`."""
        return _EVENTS(_loads(self._inner.events_after(after, limit)))

    def pending_events(self, consumer: str, limit: int = 100) -> Tuple[Event, ...]:
        """Up to `limit` events after the consumer's cursor."""
        return _EVENTS(_loads(self._inner.pending_events(consumer, limit)))

    def ack_events(self, consumer: str, seq: int) -> None:
        """Moves the consumer's cursor to `seq`."""
        self._inner.ack_events(consumer, seq)

    def event_cursor(self, consumer: str) -> int:
        """The last sequence the consumer acknowledged (0 before any)."""
        return self._inner.event_cursor(consumer)

    def snapshot(self) -> Snapshot:
        """The whole state; equal snapshots mean equal states."""
        return _SNAPSHOT(_loads(self._inner.snapshot()))

    def check_invariants(self) -> Tuple[str, ...]:
        """The invariants the state violates; empty when all hold."""
        return tuple(_loads(self._inner.check_invariants()))

    # --- pandas (optional) -----------------------------------------------------------------

    def orders_frame(self) -> "pandas.DataFrame":
        """Every order line as a DataFrame row (needs pandas)."""
        from .frames import orders_frame

        return orders_frame(self)

    def stock_frame(self, skus: Optional[Sequence[str]] = None) -> "pandas.DataFrame":
        """Stock per item, lot and location as a DataFrame (needs pandas)."""
        from .frames import stock_frame

        return stock_frame(self, skus)

    def schedule_frame(self, from_: _dt.datetime, to: _dt.datetime) -> "pandas.DataFrame":
        """Booked operations overlapping ``[from_, to)`` as a DataFrame (needs pandas)."""
        from .frames import schedule_frame

        return schedule_frame(self, from_, to)


def open(url: str = ":memory:", *, clock: Optional[FixedClock] = None) -> Lotwise:  # noqa: A001
    """Opens a lotwise store: ``lotwise.open(":memory:")``."""
    return Lotwise.open(url, clock=clock)


def _recipe_input(value: Any) -> NewRecipeInput:
    if not isinstance(value, NewRecipeInput):
        raise TypeError(f"inputs: expected NewRecipeInput items, got {type(value).__name__}")
    return value


def _operation(value: Any) -> Operation:
    if not isinstance(value, Operation):
        raise TypeError(f"operations: expected Operation items, got {type(value).__name__}")
    return value


def _new_order(value: Any) -> NewOrder:
    if not isinstance(value, NewOrder):
        raise TypeError(f"expected a lotwise.NewOrder, got {type(value).__name__}")
    return value


def _ship_line(value: Any) -> ShipLine:
    if not isinstance(value, ShipLine):
        raise TypeError(f"lines: expected ShipLine items, got {type(value).__name__}")
    return value

