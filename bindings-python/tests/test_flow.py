"""The make-to-order flow through Python, step by step, with the values a
person would check at each step."""

import datetime as dt
import json
from decimal import Decimal

import lotwise
from lotwise import (
    ConfirmReport,
    Customer,
    Lotwise,
    Money,
    NewOrder,
    NewOrderLine,
    Qty,
    ShipLine,
)

from conftest import CANDLE, JAR, OIL, T0, WAX, WICK

#: Native calls given this shape return the core's serde JSON text.
JSON = lotwise._native.Shape.json()


def test_make_to_order_from_order_to_recall(shop: Lotwise) -> None:
    lw = shop
    lw.receive(CANDLE, "5 pcs", lot="CL-0")

    # 1. An order for 20 candles arrives.
    placed = lw.place_order(
        NewOrder(
            "etsy",
            Customer("Grace Hopper", "grace@example.com"),
            [NewOrderLine(CANDLE, "20 pcs", unit_price="24.00 USD")],
            external_ref="3141592",
            tags=["gift"],
        )
    )
    order = placed.order
    assert placed.replayed is False
    assert order.id == "SO-000001"
    assert order.status == "placed"
    assert order.placed_at == T0
    assert order.lines[0].qty == Qty(20, "pcs")
    assert order.lines[0].unit_price == Money("24.00", "USD")
    assert order.tags == ("gift",)

    # 2.-4. Confirming reserves the 5 on the shelf and plans a batch of 24
    # for the other 15; only 6 jars are there, so it waits for 18 more.
    report = lw.confirm_order(order.id)
    assert isinstance(report, ConfirmReport)
    assert report.status == "awaiting_materials"
    assert report.reserved == {1: Decimal(5)}
    assert report.mos == ("MO-000001",)
    assert [(s.sku, s.missing, s.needed_for) for s in report.shortages] == [
        (JAR, Decimal(18), "MO-000001")
    ]
    mo = lw.mo("MO-000001")
    assert mo.qty == 24 and mo.status == "awaiting_materials"
    assert {r.sku: r.qty for r in mo.requirements} == {
        WAX: Decimal("4896"),  # 4.8 kg + 2 % scrap, in grams
        OIL: Decimal("480"),
        WICK: Decimal("24"),
        JAR: Decimal("24"),
    }
    assert [(a.order, a.line, a.qty) for a in mo.allocations] == [(order.id, 1, Decimal(15))]

    view = lw.order_view(order.id)
    line = view.lines[0]
    assert (line.ordered, line.ready, line.uncovered) == (Decimal(20), Decimal(5), Decimal(0))
    assert [(p.lot, p.qty) for p in line.from_stock] == [("CL-0", Decimal(5))]
    assert [(p.mo, p.status, p.qty) for p in line.from_mos] == [
        ("MO-000001", "awaiting_materials", Decimal(15))
    ]

    # The jars arrive: the waiting batch gets its materials.
    lw.receive(JAR, "30 pcs", lot="JAR-2")
    assert lw.mo("MO-000001").status == "materials_reserved"
    assert lw.order(order.id).status == "materials_reserved"

    # 5. Produce: inputs consumed, the batch lot made and allocated.
    started = lw.start_mo("MO-000001")
    assert started.status == "in_production"
    assert {c.lot for c in started.consumed} == {"SW-A", "FO-A", "WICK-1", "JAR-1", "JAR-2"}
    assert lw.order(order.id).status == "in_production"
    done = lw.complete_mo("MO-000001", expiry=dt.date(2027, 3, 2))
    assert done.status == "completed"
    assert done.output is not None
    assert (done.output.lot, done.output.good) == ("CANDLE-LAV-8OZ-B000001", Decimal(24))
    assert lw.order(order.id).status == "ready_to_ship"
    assert [(m.order, m.qty, m.delivered) for m in lw.mo_lines("MO-000001")] == [
        (order.id, Decimal(15), Decimal(15))
    ]

    # 6. Ship everything with tracking.
    shipment = lw.ship(order.id, carrier="USPS", tracking="9400111899220000000001")
    assert shipment.id == "SH-000001"
    assert sorted((s.lot, s.qty) for s in shipment.lines) == [
        ("CANDLE-LAV-8OZ-B000001", Decimal(15)),
        ("CL-0", Decimal(5)),
    ]
    assert lw.order(order.id).status == "shipped"
    assert lw.stock(CANDLE).on_hand == 24 - 15
    assert lw.stock(WAX).on_hand == Decimal(20000 - 4896)
    shipped_events = [e for e in lw.events_after(0, 1000) if e.kind == "order_shipped"]
    assert len(shipped_events) == 1
    assert shipped_events[0].data.tracking == "9400111899220000000001"

    # 7. Trace: the batch came from wax lot SW-A, which reached Grace.
    back = lw.trace_backward("CANDLE-LAV-8OZ-B000001")
    assert back.lots[0].lot == "CANDLE-LAV-8OZ-B000001"
    assert "SW-A" in {t.lot for t in back.lots}
    forward = lw.trace_forward("SW-A")
    assert [(e.from_lot, e.to_lot, e.mo) for e in forward.edges] == [
        ("SW-A", "CANDLE-LAV-8OZ-B000001", "MO-000001")
    ]
    recall = lw.recall("SW-A")
    assert recall.customers == ("Grace Hopper",)
    assert recall.orders == (order.id,)
    assert [(d.lot, d.qty, d.email) for d in recall.deliveries] == [
        ("CANDLE-LAV-8OZ-B000001", Decimal(15), "grace@example.com")
    ]


def test_placing_the_same_channel_order_twice_is_a_no_op(shop: Lotwise) -> None:
    new = NewOrder("shopify", Customer("Ada"), [NewOrderLine(CANDLE, "2 pcs")], external_ref="1001")
    first = shop.place_order(new)
    again = shop.place_order(new)
    assert again.replayed and not first.replayed
    assert again.order == first.order
    assert shop.order_by_external("shopify", "1001") == first.order
    assert shop.order_by_external("shopify", "nope") is None
    assert len(shop.orders()) == 1


def test_place_orders_in_bulk(shop: Lotwise) -> None:
    orders = [
        NewOrder("csv", Customer(f"Customer {i}"), [NewOrderLine(CANDLE, "1 pcs")], external_ref=str(i))
        for i in range(50)
    ]
    placed = shop.place_orders(orders)
    assert [p.placed.order.id for p in placed if p.placed][:2] == ["SO-000001", "SO-000002"]
    assert len(shop.orders()) == 50
    # Idempotent: the same import again changes nothing.
    assert all(p.placed and p.placed.replayed for p in shop.place_orders(orders))
    assert len(shop.orders()) == 50


def test_place_orders_answers_for_each_order_and_goes_on(shop: Lotwise) -> None:
    """A refused order neither stops nor undoes the others (like the core's
    bulk operations); its result holds the exception it would have raised."""
    orders = [
        NewOrder("csv", Customer("Ann"), [NewOrderLine(CANDLE, "1 pcs")], external_ref="a"),
        NewOrder("csv", Customer("Bob"), [NewOrderLine("NO-SUCH-SKU", "1 pcs")], external_ref="b"),
        NewOrder("csv", Customer("Cy"), [NewOrderLine(CANDLE, "2 pcs")], external_ref="c"),
    ]
    results = shop.place_orders(orders)
    assert [r.index for r in results] == [0, 1, 2]
    assert [r.ok for r in results] == [True, False, True]
    error = results[1].error
    assert isinstance(error, lotwise.UnknownSku) and error.sku == "NO-SUCH-SKU"
    assert results[1].placed is None
    assert [o.customer.name for o in shop.orders()] == ["Ann", "Cy"]
    assert lotwise.to_json(results[1])["error"]["code"] == "unknown_sku"


def test_cancel_and_partial_ship(shop: Lotwise) -> None:
    shop.receive(CANDLE, "10 pcs", lot="CL-1")
    o = shop.place_order(NewOrder("manual", Customer("Kim"), [NewOrderLine(CANDLE, "4 pcs")])).order
    shop.confirm_order(o.id)
    part = shop.ship(o.id, carrier="DHL", tracking="1", lines=[ShipLine(1, "1 pcs")])
    assert [s.qty for s in part.lines] == [Decimal(1)]
    assert shop.order(o.id).status == "partially_shipped"
    assert len(shop.shipments_of_order(o.id)) == 1
    other = shop.place_order(NewOrder("manual", Customer("Lee"), [NewOrderLine(CANDLE, "2 pcs")])).order
    shop.confirm_order(other.id)
    cancelled = shop.cancel_order(other.id)
    assert cancelled.status == "cancelled" and cancelled.cancelled_at == T0
    assert shop.stock(CANDLE).reserved == 3  # only the first order's rest


def test_adjust_stock_locations_and_catalog(lw: Lotwise) -> None:
    lw.define_item("JAR", "Jar", "packaging", "each", reorder_point="10 pcs")
    assert lw.item("JAR").uom == "pcs"
    assert lw.item("JAR").reorder_point == 10
    loc = lw.define_location("SHELF-2", "Back shelf")
    assert loc.kind == "internal"
    assert "SHELF-2" in {l.code for l in lw.locations()}
    lw.receive("JAR", "12 pcs", lot="J1", location="SHELF-2")
    move = lw.adjust_stock("JAR", "J1", "-2 pcs", "two broke", location="SHELF-2")
    assert (move.from_, move.to, move.qty, move.reason) == ("SHELF-2", "ADJUSTMENT", Decimal(2), "adjustment")
    assert lw.stock("JAR").on_hand == 10
    assert [(b.location, b.qty) for b in lw.balances() if b.location == "SHELF-2"] == [("SHELF-2", Decimal(10))]
    assert [l.code for l in lw.lots_of_item("JAR")] == ["J1"]
    assert lw.lot("J1").origin.type == "receipt"
    assert len(lw.items()) == 1
    assert lw.movements()[-1] == move


def test_events_outbox_cursor(shop: Lotwise) -> None:
    pending = shop.pending_events("mailer", limit=3)
    assert [e.seq for e in pending] == [1, 2, 3]
    assert pending[0].at == T0
    shop.ack_events("mailer", 3)
    assert shop.event_cursor("mailer") == 3
    assert shop.pending_events("mailer", limit=1)[0].seq == 4


def test_clock_moves_only_when_told(lw: Lotwise, clock: lotwise.FixedClock) -> None:
    assert lw.now() == T0
    clock.advance_days(2)
    assert lw.now() == T0 + dt.timedelta(days=2)
    clock.set(dt.datetime(2030, 1, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=2))))
    assert lw.now() == dt.datetime(2030, 1, 1, 10, tzinfo=dt.timezone.utc)
    assert lw.now().tzinfo is not None


def test_records_round_trip_to_the_core_json(shop: Lotwise) -> None:
    shop.receive(CANDLE, "3 pcs", lot="CL-9")
    o = shop.place_order(NewOrder("manual", Customer("Io"), [NewOrderLine(CANDLE, "2 pcs", unit_price="9.50 EUR", requested_date=dt.date(2026, 3, 9))])).order
    shop.confirm_order(o.id)
    snap = shop.snapshot()
    # The Python records carry every field the core sent: encoding them back
    # gives the native JSON exactly.
    native = json.loads(shop._inner.snapshot(JSON))
    assert lotwise.to_json(snap) == native
    assert lotwise.from_json(lotwise.Snapshot, native) == snap
    assert snap.orders[0].lines[0].requested_date == dt.date(2026, 3, 9)
    assert snap.reservations[0].demand == lotwise.Demand("order_line", order=o.id, line=1)


def test_every_query_carries_every_field_the_core_sends(shop: Lotwise) -> None:
    """Schema drift guard: for each query, the typed records encoded back to
    JSON equal the native JSON, so no field is lost or renamed."""
    lw = shop
    lw.receive(CANDLE, "2 pcs", lot="CL-0")
    o = lw.place_order(
        NewOrder("etsy", Customer("Mae"), [NewOrderLine(CANDLE, "14 pcs")],
                 ship_to=lotwise.Address("Mae", "1 Main St", city="Springfield", country="US"))
    ).order
    lw.confirm_order(o.id)
    lw.receive(JAR, "30 pcs", lot="JAR-2")
    lw.start_mo("MO-000001")
    lw.complete_mo("MO-000001", lot="CL-B1", scrap_qty="1 pcs")
    lw.ship(o.id, carrier="UPS", tracking="1Z")
    raw = lw._inner
    calls = [
        (lw.items(), raw.items(JSON)),
        (lw.recipe(CANDLE), raw.recipe(JSON, CANDLE)),
        (lw.locations(), raw.locations(JSON)),
        (lw.lots_of_item(CANDLE), raw.lots_of_item(JSON, CANDLE)),
        (lw.lot("CL-B1"), raw.lot(JSON, "CL-B1")),
        (lw.movements(), raw.movements(JSON)),
        (lw.balances(), raw.balances(JSON)),
        (lw.reservations(), raw.reservations(JSON)),
        (lw.orders(), raw.orders(JSON)),
        (lw.order_view(o.id), raw.order_view(JSON, o.id)),
        (lw.mos(), raw.mos(JSON)),
        (lw.mo_lines("MO-000001"), raw.mo_lines(JSON, "MO-000001")),
        (lw.shipments_of_order(o.id), raw.shipments_of_order(JSON, o.id)),
        (lw.stock(WAX), raw.stock(JSON, WAX)),
        (lw.trace_backward("CL-B1"), raw.trace_backward(JSON, "CL-B1")),
        (lw.trace_forward("SW-A"), raw.trace_forward(JSON, "SW-A")),
        (lw.recall("SW-A"), raw.recall(JSON, "SW-A")),
        (lw.events_after(0, 500), raw.events_after(JSON, 0, 500)),
        (lw.snapshot(), raw.snapshot(JSON)),
    ]
    for typed, native in calls:
        assert lotwise.to_json(typed) == json.loads(native), type(typed).__name__
