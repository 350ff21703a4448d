"""Elapsed steps and parallel units through Python, with the Rust tests'
hand-computed times (core/tests/promise/parallel.rs).

Bars are poured 60 minutes on POUR (Mon-Fri 08:00-16:00), then cure 28 days
around the clock; base is cooked 120 minutes in KETTLE. The clock stands at
Mon 2 Mar 2026 09:00 UTC."""

import datetime as dt

import pytest

import lotwise
from lotwise import Calendar, Customer, Lotwise, NewOrder, NewOrderLine, NewRecipeInput, Operation

UTC = dt.timezone.utc
WEEK = Calendar(["Mon", "Tue", "Wed", "Thu", "Fri"], "8")


def at(day: int, hour: int, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=UTC)


def shop(lw: Lotwise, kettles: int) -> None:
    lw.define_work_center("POUR", "pouring line", WEEK)
    lw.define_work_center("KETTLE", "soap kettles", WEEK, capacity=kettles)
    lw.define_item("OIL", "Olive oil", "material", "kg")
    lw.define_item("SOAP", "Oat soap bar", "product", "pcs")
    lw.define_item("BASE", "Soap base", "product", "kg")
    lw.define_recipe(
        "SOAP",
        "24 pcs",
        [NewRecipeInput("OIL", "3 kg")],
        operations=[Operation("POUR", 60), Operation.elapsed_step("cure", 28)],
    )
    lw.define_recipe("BASE", "10 kg", [NewRecipeInput("OIL", "7 kg")], operations=[Operation("KETTLE", 120)])
    lw.receive("OIL", "100 kg")


def confirm(lw: Lotwise, sku: str, qty: str) -> str:
    order = lw.place_order(NewOrder("manual", Customer("Ada"), [NewOrderLine(sku, qty)])).order
    return lw.confirm_order(order.id).mos[0]


def test_three_batches_poured_the_same_day_cure_side_by_side(lw: Lotwise) -> None:
    shop(lw, 1)
    recipe = lw.recipe("SOAP")
    step = recipe.operations[1].elapsed
    assert step is not None and step.name == "cure" and step.days == 28
    ready = []
    for _ in range(3):
        booking = lw.booking(confirm(lw, "SOAP", "24 pcs"))
        assert booking is not None
        cure = booking.operations[1]
        assert cure.elapsed == "cure" and cure.work_center == "" and cure.minutes == 28 * 24 * 60
        ready.append(booking.ready_at)
    # Pours end 10:00, 11:00, 12:00 on Mon 2 Mar; + 28 days.
    assert ready == [at(30, 10), at(30, 11), at(30, 12)]
    # Ready Mon 30 Mar, shipped Tue 31 Mar (no transit): all promise the same day.
    dates = {o.lines[0].promised_date for o in lw.orders()}
    assert dates == {dt.date(2026, 3, 31)}


def test_two_kettles_cook_two_batches_and_the_third_waits(lw: Lotwise) -> None:
    shop(lw, 2)
    assert lw.work_center("KETTLE").capacity == 2
    spans = []
    for _ in range(3):
        booking = lw.booking(confirm(lw, "BASE", "10 kg"))
        assert booking is not None
        spans.append((booking.operations[0].start, booking.operations[0].end))
    assert spans == [(at(2, 9), at(2, 11)), (at(2, 9), at(2, 11)), (at(2, 11), at(2, 13))]


def test_bad_capacity_and_negative_cure_are_refused(lw: Lotwise) -> None:
    shop(lw, 2)
    for units in (0, -1):
        with pytest.raises(lotwise.InvalidInput) as info:
            lw.define_work_center("KETTLE", "soap kettles", WEEK, capacity=units)
        assert info.value.field == "capacity"
    assert lw.work_center("KETTLE").capacity == 2
    with pytest.raises(lotwise.InvalidInput) as bad:
        lw.define_recipe(
            "SOAP", "24 pcs", [NewRecipeInput("OIL", "3 kg")], operations=[Operation.elapsed_step("cure", -1)]
        )
    assert bad.value.field == "operations[0].elapsed.days"
    assert lw.recipe("SOAP").version == 1
    with pytest.raises(TypeError):
        lw.define_work_center("KETTLE", "soap kettles", WEEK, capacity=1.5)  # type: ignore[arg-type]


def test_an_order_waiting_for_wax_is_delayed_before_it_ships(lw: Lotwise, clock: lotwise.FixedClock) -> None:
    """Confirmed Monday with the wax on a purchase order due Thursday: poured
    Thu 08:00-13:00, ships Fri 6 Mar. On Thursday 13:00 without the wax the
    pour ends Fri 10:00 and ships Mon 9 Mar: delayed on Thursday, one event."""
    lw.define_work_center("POUR", "pouring line", WEEK)
    lw.define_item("WAX", "Soy wax", "material", "kg")
    lw.define_item("CANDLE", "Lavender candle", "product", "pcs")
    lw.define_recipe(
        "CANDLE", "12 pcs", [NewRecipeInput("WAX", "2.4 kg")], operations=[Operation("POUR", 60, 20)]
    )
    lw.define_supplier("CS", "CandleScience", 5, items=[lotwise.NewSupplierItem("WAX")])
    po = lw.create_po("CS", [lotwise.NewPoLine("WAX", "10 kg")], expected_date=dt.date(2026, 3, 5))
    lw.send_po(po.id)
    mo = confirm(lw, "CANDLE", "12 pcs")
    order_id = lw.orders()[0].id
    assert lw.orders()[0].lines[0].promised_date == dt.date(2026, 3, 6)
    clock.set(at(5, 13))
    check = lw.check_delays()
    assert check.newly_delayed == (order_id,)
    order = lw.order(order_id)
    assert order.delay is not None
    late = order.delay.lines[0]
    assert (late.promised_date, late.projected_date, late.mo) == (dt.date(2026, 3, 6), dt.date(2026, 3, 9), mo)
    assert late.reason.startswith("promised Fri 6 Mar, now Mon 9 Mar: MO-000001 waits for Soy wax (2400 g short)")
    assert lw.check_delays().still_delayed == (order_id,)
    assert [e.kind for e in lw.events_after(0, 1000)].count("order_delayed") == 1
