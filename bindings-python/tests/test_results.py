"""Results built natively from a `Shape` are exactly what the JSON path
gave: same classes, same field types, same values and reprs; records keep
their dataclass behaviour; a result that does not fit its shape is an
`InternalError`, never a wrong value."""

import copy
import dataclasses
import datetime as dt
import json
import pickle
from decimal import Decimal
from typing import Any, Optional, Tuple

import pytest

import lotwise
from lotwise import Customer, Lotwise, NewOrder, NewOrderLine, _native
from lotwise._codec import shape

from conftest import CANDLE, JAR, WAX

JSON = _native.Shape.json()
PLAIN = _native.Shape.plain()


def assert_same(got: Any, want: Any, path: str = "result") -> None:
    """`got == want` with the same type at every level (Decimal('0') == 0
    and (1,) != [1] would hide a wrong type otherwise)."""
    assert type(got) is type(want), f"{path}: {type(got).__name__} != {type(want).__name__}"
    if dataclasses.is_dataclass(want):
        for f in dataclasses.fields(want):
            assert_same(getattr(got, f.name), getattr(want, f.name), f"{path}.{f.name}")
    elif isinstance(want, (tuple, list)):
        assert len(got) == len(want), path
        for i, (g, w) in enumerate(zip(got, want)):
            assert_same(g, w, f"{path}[{i}]")
    elif isinstance(want, dict):
        assert list(got) == list(want), path
        for k in want:
            assert_same(got[k], want[k], f"{path}[{k!r}]")
    else:
        assert got == want, path
        if isinstance(want, (Decimal, dt.datetime)):
            assert str(got) == str(want), path  # the exponent, the offset
    if not isinstance(want, (dict, list)):
        assert repr(got) == repr(want), path


@pytest.fixture
def busy(shop: Lotwise) -> Lotwise:
    """An order confirmed, made, shipped: every kind of record exists."""
    lw = shop
    lw.receive(CANDLE, "2 pcs", lot="CL-0")
    o = lw.place_order(
        NewOrder("etsy", Customer("Mae", "mae@example.com"), [NewOrderLine(CANDLE, "14 pcs", unit_price="24.00 USD", requested_date=dt.date(2026, 3, 20))],
                 external_ref="77", tags=["gift"],
                 ship_to=lotwise.Address("Mae", "1 Main St", city="Springfield", country="US"))
    ).order
    lw.confirm_order(o.id)
    lw.receive(JAR, "30 pcs", lot="JAR-2")
    lw.start_mo("MO-000001")
    lw.complete_mo("MO-000001", lot="CL-B1", scrap_qty="1 pcs")
    lw.ship(o.id, carrier="UPS", tracking="1Z")
    lw.place_order(NewOrder("pos", Customer("Ann"), [NewOrderLine(CANDLE, "1 pcs")]))
    return lw


def test_typed_results_equal_what_the_json_decoders_built(busy: Lotwise) -> None:
    lw, raw = busy, busy._inner
    cases: Any = [
        (lw.items(), Tuple[lotwise.Item, ...], raw.items(JSON)),
        (lw.recipe(CANDLE), lotwise.Recipe, raw.recipe(JSON, CANDLE)),
        (lw.stock(WAX), lotwise.StockLevel, raw.stock(JSON, WAX)),
        (lw.lot("CL-B1"), lotwise.Lot, raw.lot(JSON, "CL-B1")),
        (lw.lots_of_item(CANDLE), Tuple[lotwise.Lot, ...], raw.lots_of_item(JSON, CANDLE)),
        (lw.order("SO-000001"), lotwise.SalesOrder, raw.order(JSON, "SO-000001")),
        (lw.orders(), Tuple[lotwise.SalesOrder, ...], raw.orders(JSON)),
        (lw.order_view("SO-000001"), lotwise.OrderView, raw.order_view(JSON, "SO-000001")),
        (lw.order_by_external("etsy", "77"), Optional[lotwise.SalesOrder], raw.order_by_external(JSON, "etsy", "77")),
        (lw.order_by_external("etsy", "nope"), Optional[lotwise.SalesOrder], raw.order_by_external(JSON, "etsy", "nope")),
        (lw.mo("MO-000001"), lotwise.ManufacturingOrder, raw.mo(JSON, "MO-000001")),
        (lw.mos(), Tuple[lotwise.ManufacturingOrder, ...], raw.mos(JSON)),
        (lw.movements(), Tuple[lotwise.Movement, ...], raw.movements(JSON)),
        (lw.balances(), Tuple[lotwise.Balance, ...], raw.balances(JSON)),
        (lw.reservations(), Tuple[lotwise.Reservation, ...], raw.reservations(JSON)),
        (lw.events_after(0, 500), Tuple[lotwise.Event, ...], raw.events_after(JSON, 0, 500)),
        (lw.pending_events("mailer", 5), Tuple[lotwise.Event, ...], raw.pending_events(JSON, "mailer", 5)),
        (lw.trace_backward("CL-B1"), lotwise.Trace, raw.trace_backward(JSON, "CL-B1")),
        (lw.recall("SW-A"), lotwise.RecallReport, raw.recall(JSON, "SW-A")),
        (lw.snapshot(), lotwise.Snapshot, raw.snapshot(JSON)),
    ]
    for typed, tp, native in cases:
        assert_same(typed, lotwise.from_json(tp, json.loads(native)), str(tp))


def test_command_results_equal_what_the_json_decoders_built(shop: Lotwise) -> None:
    lw = shop
    placed = lw.place_order(NewOrder("etsy", Customer("Io"), [NewOrderLine(CANDLE, "14 pcs")], external_ref="9"))
    report = lw.confirm_order(placed.order.id)
    # The same commands again, through the JSON shape, on a twin store.
    twin = lotwise.open(":memory:", clock=lotwise.FixedClock(lw.now()))
    from conftest import candle_catalog

    candle_catalog(twin)
    for sku, qty, lot in ((WAX, "20 kg", "SW-A"), ("FO-LAVENDER", "1 l", "FO-A"), ("WICK-CD12", "100 pcs", "WICK-1"), (JAR, "6 pcs", "JAR-1")):
        twin.receive(sku, qty, lot=lot, expiry=dt.date(2027, 1, 31) if sku == WAX else None)
    order_json = json.dumps(NewOrder("etsy", Customer("Io"), [NewOrderLine(CANDLE, "14 pcs")], external_ref="9")._json())
    placed_json = twin._inner.place_order(JSON, order_json)
    report_json = twin._inner.confirm_order(JSON, "SO-000001")
    assert_same(placed, lotwise.from_json(lotwise.PlacedOrder, json.loads(placed_json)))
    assert_same(report, lotwise.from_json(lotwise.ConfirmReport, json.loads(report_json)))
    # `reserved` maps line numbers (ints, text in JSON) to decimals.
    assert all(type(k) is int and type(v) is Decimal for k, v in report.reserved.items())
    many = lw.place_orders([NewOrder("csv", Customer(f"C{i}"), [NewOrderLine(CANDLE, "1 pcs")], external_ref=str(i)) for i in range(3)])
    assert [p.placed.order.id for p in many if p.placed] == ["SO-000002", "SO-000003", "SO-000004"]
    assert all(type(p.placed) is lotwise.PlacedOrder and p.placed.replayed is False for p in many)


def test_plain_shape_gives_what_json_loads_gives(busy: Lotwise) -> None:
    raw = busy._inner
    for native, plain in (
        (raw.snapshot(JSON), raw.snapshot(PLAIN)),
        (raw.order_view(JSON, "SO-000001"), raw.order_view(PLAIN, "SO-000001")),
        (raw.events_after(JSON, 0, 500), raw.events_after(PLAIN, 0, 500)),
    ):
        assert_same(plain, json.loads(native))


def test_records_keep_their_dataclass_behaviour(busy: Lotwise) -> None:
    lot = busy.lot("SW-A")
    built = lotwise.Lot(lot.code, lot.sku, lot.expiry, lotwise.LotOrigin("receipt"), None, lot.created_at, None, None)
    assert lot == built and repr(lot) == repr(built) and hash(lot) == hash(built)
    assert list(vars(lot)) == [f.name for f in dataclasses.fields(lotwise.Lot)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        lot.code = "X"  # type: ignore[misc]
    order = busy.order("SO-000001")
    assert pickle.loads(pickle.dumps(order)) == order
    assert copy.deepcopy(order) == order
    assert dataclasses.replace(order, notes="n").notes == "n"
    line = order.lines[0]
    assert line.qty == lotwise.Qty("14", "pcs") and str(line.qty) == "14 pcs"
    assert line.unit_price == lotwise.Money("24.00", "USD") and repr(line.unit_price) == "Money('24.00 USD')"
    assert order.placed_at.tzinfo is not None and order.placed_at.utcoffset() == dt.timedelta(0)
    assert line.requested_date == dt.date(2026, 3, 20)


def test_equal_decimal_texts_share_one_object_and_keep_their_exponent(lw: Lotwise) -> None:
    lw.define_item(CANDLE, "Candle", "product", "pcs")
    a = lw.place_order(NewOrder("pos", Customer("A"), [NewOrderLine(CANDLE, "1 pcs", unit_price="24.00 USD")])).order
    b = lw.place_order(NewOrder("pos", Customer("B"), [NewOrderLine(CANDLE, "1 pcs", unit_price="24 USD")])).order
    price_a, price_b = a.lines[0].unit_price, b.lines[0].unit_price
    assert price_a is not None and price_b is not None
    assert repr(price_a.amount) == "Decimal('24.00')" and repr(price_b.amount) == "Decimal('24')"
    # Decimals are immutable: the same text twice is one object.
    assert lw.order(a.id).lines[0].shipped is lw.order(b.id).lines[0].shipped


@dataclasses.dataclass(frozen=True)
class Partial:
    """Some of StockLevel's fields, one it does not have, and a list of it."""

    sku: str
    lots: Tuple[Any, ...]
    note: Optional[str]
    tags: Tuple[str, ...]


def test_a_shape_skips_unknown_keys_and_builds_missing_fields_from_null(shop: Lotwise) -> None:
    got = shop._inner.stock(shape(Partial), WAX)
    assert type(got) is Partial
    assert got.sku == WAX and got.note is None and got.tags == ()
    assert got.lots == tuple(json.loads(shop._inner.stock(JSON, WAX))["lots"])


def test_a_result_that_does_not_fit_its_shape_is_an_internal_error(shop: Lotwise) -> None:
    with pytest.raises(lotwise.InternalError, match="cannot build a result"):
        shop._inner.stock(shape(Tuple[int, ...]), WAX)
    with pytest.raises(lotwise.InternalError, match="cannot build a result"):
        shop._inner.stock(shape(Decimal), WAX)


def test_a_converter_error_propagates_as_it_is(shop: Lotwise) -> None:
    def boom(value: object) -> object:
        raise ValueError(f"no {value}")

    bad = _native.Shape.record(Partial, [("sku", "sku", _native.Shape.call(boom))])
    with pytest.raises(ValueError, match=f"no {WAX}"):
        shop._inner.stock(bad, WAX)
    assert shop.stock(WAX).sku == WAX


def test_shape_is_generic_in_annotations() -> None:
    alias = _native.Shape[lotwise.StockLevel]
    assert alias.__origin__ is _native.Shape and alias.__args__ == (lotwise.StockLevel,)


def test_planning_purchasing_locations_and_desk_results_equal_the_json_decoders(shop: Lotwise) -> None:
    lw, raw = shop, shop._inner
    week = lotwise.Calendar.mon_to_fri("8", holidays=[dt.date(2026, 3, 9)])
    lw.define_work_center("POUR", "pouring line", week)
    lw.define_shipping_method("GROUND", 2)
    lw.set_planning_settings(handling_days=1, shipping_calendar=week, default_shipping_method="GROUND")
    order = lw.place_order(NewOrder("manual", Customer("Ada"), [NewOrderLine(CANDLE, "24 pcs")])).order
    lw.confirm_order(order.id)
    options = json.dumps(lotwise.PromiseOptions()._json())
    lines = json.dumps([NewOrderLine(CANDLE, "30 pcs")._json()])
    start, end = "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"
    cases: Any = [
        (lw.work_centers(), Tuple[lotwise.WorkCenter, ...], raw.work_centers(JSON)),
        (lw.planning_settings(), lotwise.PlanningSettings, raw.planning_settings(JSON)),
        (lw.promise(order.id), lotwise.Promise, raw.promise(JSON, order.id, options)),
        (lw.promise_lines([NewOrderLine(CANDLE, "30 pcs")]), lotwise.Promise, raw.promise_lines(JSON, lines, options)),
        (lw.booking("MO-000001"), Optional[lotwise.Booking], raw.booking(JSON, "MO-000001")),
        (lw.schedule(dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc), dt.datetime(2026, 4, 1, tzinfo=dt.timezone.utc)),
         Tuple[lotwise.ScheduleRow, ...], raw.schedule(JSON, start, end)),
        (lw.purchase_suggestions(), lotwise.PurchasePlan, raw.purchase_suggestions(JSON)),
        (lw.suggest_production(), Tuple[lotwise.ProductionSuggestion, ...], raw.suggest_production(JSON)),
        (lw.availability(WAX), lotwise.Availability, raw.availability(JSON, WAX)),
        (lw.routing_rules(), Tuple[lotwise.RoutingRule, ...], raw.routing_rules(JSON)),
        (lw.desk(), lotwise.DeskPage, raw.desk(JSON, json.dumps(lotwise.DeskQuery()._json()))),
        (lw.returned_of_lot("SW-A"), Decimal, raw.returned_of_lot(JSON, "SW-A")),
        (lw.check_invariants(), Tuple[str, ...], raw.check_invariants(JSON)),
    ]
    for typed, tp, native in cases:
        assert_same(typed, lotwise.from_json(tp, json.loads(native)), str(tp))
    promise = lw.promise_lines([NewOrderLine(CANDLE, "30 pcs")])
    assert any(type(line.basis) is lotwise.Basis for line in promise.lines)


def test_decimals_stay_right_when_the_shared_table_fills_and_starts_over(lw: Lotwise) -> None:
    lw.define_item(CANDLE, "Candle", "product", "pcs")
    count = 4500  # more distinct texts than the table holds (4096)
    placed = lw.place_orders(
        [NewOrder("csv", Customer(f"C{i}"), [NewOrderLine(CANDLE, "1 pcs", unit_price=f"{i}.01 USD")], external_ref=str(i))
         for i in range(count)]
    )
    prices = [p.placed.order.lines[0].unit_price for p in placed if p.placed]
    assert [None if m is None else m.amount for m in prices] == [Decimal(f"{i}.01") for i in range(count)]
    again = lw.orders()
    assert [o.lines[0].unit_price for o in again] == prices
