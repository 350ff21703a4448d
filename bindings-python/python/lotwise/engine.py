"""`Lotwise`, the engine handle, and `FixedClock`.

Every command is one transaction: it applies whole or raises a `LotwiseError`
and changes nothing. Every call releases the GIL while the engine works, and
one handle may be shared by many threads.
"""

import datetime as _dt
import json
from typing import TYPE_CHECKING, Any, Dict, Iterable, Mapping, Optional, Sequence, Tuple

from . import _native
from ._codec import (
    DecimalLike,
    check_date,
    decimal_text,
    drop_none,
    enum_value,
    instant_text,
    parse_instant,
    shape,
    to_decimal,
    to_json,
)
from ._operations import GeneratedOperations
from ._records import ItemCategory
from ._results import result_shape
from .channels import ChannelsApi
from .desk import DeskApi
from .inputs import NewOrder, NewRecipeInput, ShipLine, operation_json
from .locations import LocationsApi
from .planning import PlanningApi
from .purchasing import PurchasingApi
from .returns import ReturnsApi
from .types import (
    AcceptedOrder,
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
    PlaceResult,
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
from .values import ItemKind, LocationKind, MoneyLike, Qty, QtyLike, Tracking, to_money, to_qty

if TYPE_CHECKING:  # pragma: no cover
    import pandas

# `open` is left out so that `from lotwise.engine import *` keeps the builtin.
__all__ = ["FixedClock", "Lotwise"]

_dumps = json.dumps
_JSON_SCALARS = (str, int, bool)

# Result shapes are compiled once from the records' type hints; the native
# module builds each call's result as its shape says.
_ITEM: _native.Shape[Item] = shape(Item)
_ITEMS: _native.Shape[Tuple[Item, ...]] = shape(Tuple[Item, ...])
_RECIPE: _native.Shape[Recipe] = shape(Recipe)
_LOCATION: _native.Shape[Location] = shape(Location)
_LOCATIONS: _native.Shape[Tuple[Location, ...]] = shape(Tuple[Location, ...])
_LOT: _native.Shape[Lot] = shape(Lot)
_LOTS: _native.Shape[Tuple[Lot, ...]] = shape(Tuple[Lot, ...])
_MOVEMENT: _native.Shape[Movement] = shape(Movement)
_MOVEMENTS: _native.Shape[Tuple[Movement, ...]] = shape(Tuple[Movement, ...])
_BALANCES: _native.Shape[Tuple[Balance, ...]] = shape(Tuple[Balance, ...])
_RESERVATIONS: _native.Shape[Tuple[Reservation, ...]] = shape(Tuple[Reservation, ...])
_STOCK: _native.Shape[StockLevel] = shape(StockLevel)
_PLACED: _native.Shape[PlacedOrder] = shape(PlacedOrder)
_REPORT: _native.Shape[ConfirmReport] = shape(ConfirmReport)
_ACCEPTED: _native.Shape[AcceptedOrder] = shape(AcceptedOrder)
_ORDER: _native.Shape[SalesOrder] = shape(SalesOrder)
_MAYBE_ORDER: _native.Shape[Optional[SalesOrder]] = shape(Optional[SalesOrder])
_ORDERS: _native.Shape[Tuple[SalesOrder, ...]] = shape(Tuple[SalesOrder, ...])
_VIEW: _native.Shape[OrderView] = shape(OrderView)
_MO: _native.Shape[ManufacturingOrder] = shape(ManufacturingOrder)
_MOS: _native.Shape[Tuple[ManufacturingOrder, ...]] = shape(Tuple[ManufacturingOrder, ...])
_MO_LINES: _native.Shape[Tuple[MoLine, ...]] = shape(Tuple[MoLine, ...])
_SHIPMENT: _native.Shape[Shipment] = shape(Shipment)
_SHIPMENTS: _native.Shape[Tuple[Shipment, ...]] = shape(Tuple[Shipment, ...])
_TRACE: _native.Shape[Trace] = shape(Trace)
_RECALL: _native.Shape[RecallReport] = shape(RecallReport)
_EVENTS: _native.Shape[Tuple[Event, ...]] = shape(Tuple[Event, ...])
_SNAPSHOT: _native.Shape[Snapshot] = shape(Snapshot)
_INVARIANTS: _native.Shape[Tuple[str, ...]] = shape(Tuple[str, ...])


def _count(value: Optional[int], field: str) -> Optional[int]:
    """Days and counts are whole numbers; a float or bool is a TypeError."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field}: expected an int, got {type(value).__name__} {value!r}")
    return value


def _flag(value: Optional[bool], field: str) -> Optional[bool]:
    """A yes/no setting takes a bool only: 0 or "no" is a TypeError."""
    if value is None or isinstance(value, bool):
        return value
    raise TypeError(f"{field}: expected a bool, got {type(value).__name__} {value!r}")


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


class Lotwise(
    PurchasingApi,
    LocationsApi,
    ReturnsApi,
    ChannelsApi,
    DeskApi,
    PlanningApi,
    GeneratedOperations,
):
    """The lotwise engine over one store. Open one with `Lotwise.open` (or
    `lotwise.open`); share it freely between threads.

    The commands of purchasing, locations, returns, channel import and the
    order desk (with analytics and exports) live in their modules
    (`lotwise.purchasing`, `lotwise.locations`, `lotwise.returns`,
    `lotwise.channels`, `lotwise.desk`).

    A handle is a context manager: ``with lotwise.open(url) as lw:`` closes
    it at the end of the block, as `close` does. Any call on a closed handle
    raises `ValueError` ("... is closed"), as a closed Python file does.
    """

    __slots__ = ("_engine",)

    def __init__(self, engine: _native.Engine) -> None:
        self._engine: Optional[_native.Engine] = engine

    @property
    def _inner(self) -> _native.Engine:
        # The one place every method fetches the native handle.
        engine = self._engine
        if engine is None:
            raise ValueError("this lotwise.Lotwise handle is closed; open another with lotwise.open(url)")
        return engine

    @_inner.setter
    def _inner(self, engine: _native.Engine) -> None:
        self._engine = engine

    @property
    def closed(self) -> bool:
        """Whether `close` was called (or the ``with`` block ended)."""
        return self._engine is None

    def close(self) -> None:
        """Lets go of the store (the last handle on it closes its connections;
        a call already running in another thread finishes first). Closing
        twice is harmless; any other call afterwards raises `ValueError`."""
        self._engine = None

    def __enter__(self) -> "Lotwise":
        _ = self._inner  # a closed handle cannot be entered
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @classmethod
    def open(cls, url: str = ":memory:", *, clock: Optional[FixedClock] = None) -> "Lotwise":
        """Opens a store by URL (``":memory:"``, ``"shop.db"``, ``"postgres://…"``).

        With `clock` the engine reads time from that fixed clock instead of
        the system clock, on any backend (replays, simulations, tests).
        """
        return cls(_native.Engine.open(url, None if clock is None else clock._inner))

    def execute(self, operation: str, args: Optional[Mapping[str, Any]] = None) -> Any:
        """Runs any operation of the core's table by name, with its arguments
        as the core's JSON shapes or Python values (`Decimal`, `date`, aware
        `datetime`, records), and answers its typed result, as the method of
        that name would. `lotwise.OPERATIONS` lists them all.

            >>> lw.execute("stock", {"sku": "WAX-SOY"}).available
            Decimal('20000')
        """
        return self._run(operation, dict(args or {}))

    def execute_json(self, command: str) -> str:
        """``{"do": ..., "args": ...}`` JSON text in, ``{"ok": ...}`` or
        ``{"error": {"code", "message", ...}}`` JSON text out: the same door
        every language has, for hosts that hold commands as text."""
        return self._inner.execute_json(command)

    def _run(self, name: str, args: Dict[str, Any]) -> Any:
        # The native side reads JSON-like values (str, int, bool, lists,
        # dicts); records, decimals and dates become the core's JSON first.
        plain = {}
        for key, value in args.items():
            if value is None:
                continue  # absent: the core's default applies
            plain[key] = value if type(value) in _JSON_SCALARS else to_json(value)
        return self._inner.execute(result_shape(name), name, plain)

    @property
    def backend(self) -> str:
        """``memory``, ``sqlite`` or ``postgres``."""
        return self._inner.backend()

    def now(self) -> _dt.datetime:
        """The engine's clock (UTC)."""
        return parse_instant(self._inner.now())

    def __repr__(self) -> str:
        if self._engine is None:
            return "<lotwise.Lotwise closed>"
        return f"<lotwise.Lotwise backend={self.backend}>"

    # --- catalog -----------------------------------------------------------

    def define_item(
        self,
        sku: str,
        name: str,
        kind: ItemKind,
        uom: str,
        *,
        tracking: Optional[Tracking] = None,
        shelf_life_days: Optional[int] = None,
        min_remaining_shelf_life_days: Optional[int] = None,
        lead_time_days: Optional[int] = None,
        reorder_point: Optional[QtyLike] = None,
        reorder_qty: Optional[QtyLike] = None,
        category: Optional[ItemCategory] = None,
        expiry_capped_by_inputs: Optional[bool] = None,
        packs: Optional[Mapping[str, QtyLike]] = None,
        display_unit: Optional[str] = None,
    ) -> Item:
        """Defines an item; `uom` is any unit of its dimension (``"kg"``, ``"lb"``,
        ``"fl oz"``…; stock is kept in the base unit, and `uom` is the item's
        display unit unless `display_unit` names another, or one of its packs).
        `packs` names pack units of the item in order, a later one may be given
        in an earlier one: ``{"box": "12 pcs", "case": "4 box"}``; then
        ``"2 box"`` is a quantity of it anywhere.
        Arguments left None take the core's defaults (`tracking`: ``lot``;
        `category`: ``other``; `expiry_capped_by_inputs`: True for ``food``
        and ``cosmetic`` items, so a batch's lot expires no later than the
        earliest expiring lot it consumed, False for other goods)."""
        new = {
            "sku": sku,
            "name": name,
            "kind": enum_value(ItemKind, kind, "new_item.kind"),
            "uom": _native.parse_uom(uom),
            "tracking": None
            if tracking is None
            else enum_value(Tracking, tracking, "new_item.tracking"),
            "shelf_life_days": _count(shelf_life_days, "shelf_life_days"),
            "min_remaining_shelf_life_days": _count(
                min_remaining_shelf_life_days, "min_remaining_shelf_life_days"
            ),
            "lead_time_days": _count(lead_time_days, "lead_time_days"),
            "reorder_point": _qty(reorder_point, "reorder_point"),
            "reorder_qty": _qty(reorder_qty, "reorder_qty"),
            "category": None
            if category is None
            else enum_value(ItemCategory, category, "new_item.category"),
            "expiry_capped_by_inputs": _flag(expiry_capped_by_inputs, "expiry_capped_by_inputs"),
            "packs": None
            if packs is None
            else [
                {"name": name, "qty": _qty(q, f"packs[{name!r}]")} for name, q in packs.items()
            ],
            "display_unit": None if display_unit is None else _native.parse_unit(display_unit),
        }
        return self._inner.define_item(_ITEM, _dumps(drop_none(new)))

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
        return self._inner.define_recipe(_RECIPE, _dumps(drop_none(new)))

    def define_location(self, code: str, name: str, kind: Optional[LocationKind] = None) -> Location:
        """Defines a location (``internal``, one that holds stock, unless `kind` says otherwise)."""
        if kind is None:
            located: Location = self._run("define_location", {"code": code, "name": name})
            return located
        return self._inner.define_location(
            _LOCATION, code, name, enum_value(LocationKind, kind, "kind")
        )

    def item(self, sku: str) -> Item:
        """The item with this SKU."""
        return self._inner.item(_ITEM, sku)

    def items(self) -> Tuple[Item, ...]:
        """Every item, by SKU."""
        return self._inner.items(_ITEMS)

    def recipe(self, product: str) -> Recipe:
        """The newest recipe of a product."""
        return self._inner.recipe(_RECIPE, product)

    def locations(self) -> Tuple[Location, ...]:
        """Every location."""
        return self._inner.locations(_LOCATIONS)

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
        unit_cost: Optional[MoneyLike] = None,
        exchange_rate: Optional[DecimalLike] = None,
    ) -> Lot:
        """Receives goods from a supplier into `location` (``MAIN``); returns the lot.
        `unit_cost` is what one unit of `qty`'s unit cost (``"2.50 USD"`` for
        ``"10 kg"`` is 2.50 a kilogram), in the shop's cost currency or, with
        `exchange_rate` (cost currency per unit of its currency), another."""
        receipt = {
            "sku": sku,
            "qty": _qty(qty, "qty"),
            "lot": lot,
            "expiry": None if expiry is None else check_date(expiry, "expiry").isoformat(),
            "supplier_lot_ref": supplier_lot_ref,
            "location": location,
            "unit_cost": None if unit_cost is None else str(to_money(unit_cost, "unit_cost")),
            "exchange_rate": None
            if exchange_rate is None
            else decimal_text(to_decimal(exchange_rate, "exchange_rate")),
        }
        return self._inner.receive(_LOT, _dumps(drop_none(receipt)))

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
        return self._inner.adjust_stock(_MOVEMENT, _dumps(drop_none(adjustment)))

    def stock(self, sku: str) -> StockLevel:
        """Stock of an item at internal locations, in its base unit."""
        return self._inner.stock(_STOCK, sku)

    def lot(self, code: str) -> Lot:
        """The lot with this code."""
        return self._inner.lot(_LOT, code)

    def lots_of_item(self, sku: str) -> Tuple[Lot, ...]:
        """Every lot of an item."""
        return self._inner.lots_of_item(_LOTS, sku)

    def movements(self) -> Tuple[Movement, ...]:
        """The whole ledger, oldest first."""
        return self._inner.movements(_MOVEMENTS)

    def balances(self) -> Tuple[Balance, ...]:
        """Every non-zero balance."""
        return self._inner.balances(_BALANCES)

    def reservations(self) -> Tuple[Reservation, ...]:
        """Every reservation."""
        return self._inner.reservations(_RESERVATIONS)

    # --- orders -----------------------------------------------------------------

    def place_order(self, order: NewOrder) -> PlacedOrder:
        """Places an order (status ``placed``), idempotent by (channel, external_ref)."""
        return self._inner.place_order(_PLACED, _dumps(_new_order(order)._json()))

    def place_orders(self, orders: Iterable[NewOrder]) -> Tuple[PlaceResult, ...]:
        """Places many orders in one call, the GIL released throughout, and
        answers for each (`PlaceResult`: `.placed` or `.error`).

        Each order is its own transaction, as with `place_order`: a refused
        order changes nothing and the others are placed all the same; nothing
        is raised for one order. Placing the same list again is safe for
        orders with an `external_ref` (they are idempotent).
        """
        # `_json()` gives the core's JSON already: no second conversion.
        args = {"orders": [_new_order(o)._json() for o in orders]}
        results: Tuple[PlaceResult, ...] = self._inner.execute(result_shape("place_orders"), "place_orders", args)
        return results

    def place_and_confirm_order(self, order: NewOrder) -> AcceptedOrder:
        """Places an order and confirms it in one transaction: both happen or
        neither does (a storefront's order webhook).

        Idempotent by (channel, external_ref) like `place_order`: the same
        order again returns it with ``placed.replayed`` true and confirms it
        only if it is still ``placed``; ``confirmed`` is None when it was found
        again no longer placed (confirmed before, cancelled, ...). Other
        content under the same reference raises `DuplicateExternalOrder`.
        """
        return self._inner.place_and_confirm_order(_ACCEPTED, _dumps(_new_order(order)._json()))

    def confirm_order(self, id: str) -> ConfirmReport:
        """Reserves finished stock, plans manufacturing orders for the rest and
        reserves their materials; reports what is still short."""
        return self._inner.confirm_order(_REPORT, id)

    def replan_order(self, id: str) -> ConfirmReport:
        """Plans a confirmed order again (e.g. after materials arrived)."""
        return self._inner.replan_order(_REPORT, id)

    def cancel_order(self, id: str) -> SalesOrder:
        """Cancels an order: releases its reservations and detaches its MO allocations."""
        return self._inner.cancel_order(_ORDER, id)

    def order(self, id: str) -> SalesOrder:
        """The order with this id."""
        return self._inner.order(_ORDER, id)

    def order_by_external(self, channel: str, external_ref: str) -> Optional[SalesOrder]:
        """The order by channel and external reference, or None."""
        return self._inner.order_by_external(_MAYBE_ORDER, channel, external_ref)

    def orders(self) -> Tuple[SalesOrder, ...]:
        """Every order, by id."""
        return self._inner.orders(_ORDERS)

    def order_view(self, id: str) -> OrderView:
        """The order with its status and, per line, the lots and MOs that fill it."""
        return self._inner.order_view(_VIEW, id)

    # --- production ----------------------------------------------------------------

    def start_mo(self, id: str) -> ManufacturingOrder:
        """Starts production: consumes the reserved input lots."""
        return self._inner.start_mo(_MO, id)

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
        return self._inner.complete_mo(_MO, id, _dumps(drop_none(completion)))

    def cancel_mo(self, id: str) -> ManufacturingOrder:
        """Cancels a manufacturing order and releases its inputs."""
        return self._inner.cancel_mo(_MO, id)

    def mo(self, id: str) -> ManufacturingOrder:
        """The manufacturing order with this id."""
        return self._inner.mo(_MO, id)

    def mos(self) -> Tuple[ManufacturingOrder, ...]:
        """Every manufacturing order, by id."""
        return self._inner.mos(_MOS)

    def mo_lines(self, id: str) -> Tuple[MoLine, ...]:
        """The order lines a manufacturing order covers."""
        return self._inner.mo_lines(_MO_LINES, id)

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
        return self._inner.ship(_SHIPMENT, order_id, _dumps(drop_none(request)))

    def shipments_of_order(self, order: str) -> Tuple[Shipment, ...]:
        """Shipments of an order."""
        return self._inner.shipments_of_order(_SHIPMENTS, order)

    def trace_backward(self, lot: str) -> Trace:
        """The lots a lot was made from, down to received materials."""
        return self._inner.trace_backward(_TRACE, lot)

    def trace_forward(self, lot: str) -> Trace:
        """The lots made from a lot."""
        return self._inner.trace_forward(_TRACE, lot)

    def recall(self, lot: str) -> RecallReport:
        """Everything a recall of a lot must reach: lots, deliveries, customers."""
        return self._inner.recall(_RECALL, lot)

    # --- events, audit ---------------------------------------------------------------------

    def events_after(self, after: Optional[int] = None, limit: Optional[int] = None) -> Tuple[Event, ...]:
        """Up to `limit` events (the core's page, 100, when None) with a
        sequence above `after` (from the start when None)."""
        events: Tuple[Event, ...] = self._run(
            "events_after", {"after": _count(after, "after"), "limit": _count(limit, "limit")}
        )
        return events

    def pending_events(self, consumer: str, limit: Optional[int] = None) -> Tuple[Event, ...]:
        """Up to `limit` events (100 when None) after the consumer's cursor."""
        events: Tuple[Event, ...] = self._run(
            "pending_events", {"consumer": consumer, "limit": _count(limit, "limit")}
        )
        return events

    def ack_events(self, consumer: str, seq: int) -> None:
        """Moves the consumer's cursor to `seq`."""
        self._inner.ack_events(consumer, seq)

    def event_cursor(self, consumer: str) -> int:
        """The last sequence the consumer acknowledged (0 before any)."""
        return self._inner.event_cursor(consumer)

    def snapshot(self) -> Snapshot:
        """The whole state; equal snapshots mean equal states."""
        return self._inner.snapshot(_SNAPSHOT)

    def check_invariants(self) -> Tuple[str, ...]:
        """The invariants the state violates; empty when all hold."""
        return self._inner.check_invariants(_INVARIANTS)

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

