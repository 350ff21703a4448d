"""Promise dates, bookings and the schedule through Python, on the data of
scenarios/v1/promise_dates.json: Friday 6 March 2026 13:00 UTC, Monday
9 March a holiday, a pouring line working 08:00-16:00 on weekdays."""

import datetime as dt
from decimal import Decimal
from typing import Iterator

import pytest

import lotwise
from lotwise import (
    Basis,
    Calendar,
    Customer,
    IncomingSupply,
    InvalidInput,
    Lotwise,
    NewOrder,
    NewOrderLine,
    NewRecipeInput,
    Operation,
    PromiseOptions,
    frames,
)

UTC = dt.timezone.utc
FRIDAY = dt.datetime(2026, 3, 6, 13, 0, tzinfo=UTC)
HOLIDAY = dt.date(2026, 3, 9)
#: A float is refused before it reaches the engine.
FLOAT_REFUSED = (lotwise.InvalidQuantity, TypeError)


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=UTC)


@pytest.fixture
def plant() -> Iterator[Lotwise]:
    lw = lotwise.open(":memory:", clock=lotwise.FixedClock(FRIDAY))
    lw.define_item("WAX", "Soy wax", "material", "kg")
    lw.define_item("JAR", "Amber jar", "packaging", "pcs")
    lw.define_item("CANDLE", "Lavender candle", "product", "pcs")
    lw.define_recipe(
        "CANDLE",
        "12 pcs",
        [NewRecipeInput("WAX", "2.4 kg"), NewRecipeInput("JAR", "12 pcs")],
        operations=[Operation("POUR", setup_minutes=Decimal(60), run_minutes_per_unit=Decimal(20))],
    )
    week = Calendar.mon_to_fri("8", holidays=[HOLIDAY])
    center = lw.define_work_center("POUR", "pouring line", week)
    # The core fills in what the calendar left out: the day starts at 08:00.
    assert center.calendar == Calendar.mon_to_fri("8", holidays=[HOLIDAY], day_start=dt.time(8, 0))
    assert lw.define_shipping_method("GROUND", 2).transit_days == 2
    settings = lw.set_planning_settings(
        handling_days=1, shipping_calendar=week, default_shipping_method="GROUND"
    )
    assert settings.default_shipping_method == "GROUND" and lw.planning_settings() == settings
    lw.receive("WAX", "20 kg")
    lw.receive("JAR", "200 pcs")
    yield lw
    assert lw.check_invariants() == ()


def test_a_batch_pours_friday_then_tuesday_after_the_holiday(plant: Lotwise) -> None:
    p = plant.promise_lines([NewOrderLine("CANDLE", "12 pcs", requested_date=dt.date(2026, 3, 12))])
    (line,) = p.lines
    # 3 h Friday afternoon + 2 h Tuesday morning (Monday is off) = 300 minutes.
    assert line.ready_at == at(10, 10)
    assert line.ship_date == dt.date(2026, 3, 11)  # one handling day
    assert p.promised_date == line.promised_date == dt.date(2026, 3, 13)  # two days ground
    assert line.on_time is False and p.requested_date == dt.date(2026, 3, 12)
    assert line.basis == Basis("production", work_center="POUR", start=FRIDAY, end=at(10, 10), waited=False)
    assert [(op.work_center, op.minutes) for op in line.operations] == [("POUR", 300)]
    assert p.shipping_method == "GROUND"
    assert lotwise.to_json(p)["lines"][0]["basis"]["type"] == "production"
    # A promise writes nothing.
    assert plant.mos() == () and plant.schedule(at(1, 0), at(31, 0)) == ()


def test_a_confirmed_order_is_booked_and_a_second_batch_waits(plant: Lotwise) -> None:
    line = NewOrderLine("CANDLE", "12 pcs", requested_date=dt.date(2026, 3, 12))
    order = plant.place_order(NewOrder("manual", Customer("Ada"), [line])).order
    assert plant.confirm_order(order.id).mos == ("MO-000001",)
    assert plant.order(order.id).lines[0].promised_date == dt.date(2026, 3, 13)
    assert plant.promise(order.id).promised_date == dt.date(2026, 3, 13)

    booking = plant.booking("MO-000001")
    assert booking is not None and booking.ready_at == at(10, 10)
    assert [(o.start, o.end, o.minutes) for o in booking.operations] == [(FRIDAY, at(10, 10), 300)]
    rows = plant.schedule(at(1, 0), at(31, 0))
    assert [(r.mo, r.work_center, r.start, r.end, r.minutes) for r in rows] == [
        ("MO-000001", "POUR", FRIDAY, at(10, 10), 300)
    ]
    assert plant.schedule(at(11, 0), at(31, 0)) == (), "[from, to) excludes earlier bookings"

    second = plant.promise_lines([NewOrderLine("CANDLE", "24 pcs")])
    assert second.promised_date == dt.date(2026, 3, 14)
    assert second.lines[0].basis == Basis(
        "production", work_center="POUR", start=at(10, 10), end=at(11, 11), waited=True
    )
    assert second.lines[0].explanation == (
        "ships Thu 12 Mar, arrives Sat 14 Mar: pouring line is free Tue 10 Mar"
    )

    # Moving the batch to Wednesday morning frees Friday and Tuesday.
    moved = plant.reschedule_mo("MO-000001", at(11, 8))
    assert moved.operations[0].start == at(11, 8) and moved.ready_at == at(11, 13)
    assert plant.booking("MO-000001") == moved

    plant.cancel_mo("MO-000001")
    assert plant.booking("MO-000001") is None
    assert plant.promise_lines([NewOrderLine("CANDLE", "24 pcs")]).promised_date == dt.date(2026, 3, 13)


def test_schedule_frame_is_one_row_per_booked_operation(plant: Lotwise) -> None:
    pytest.importorskip("pandas")
    order = plant.place_order(NewOrder("manual", Customer("Ada"), [NewOrderLine("CANDLE", "12 pcs")])).order
    plant.confirm_order(order.id)
    frame = frames.schedule_frame(plant, at(1, 0), at(31, 0))
    assert frame.to_dict("records") == [
        {
            "mo": "MO-000001",
            "product": "CANDLE",
            "work_center": "POUR",
            "elapsed": None,
            "start": FRIDAY,
            "end": at(10, 10),
            "minutes": 300,
        }
    ]
    assert plant.schedule_frame(at(11, 0), at(31, 0)).empty


def test_options_pick_the_method_and_add_supply(plant: Lotwise) -> None:
    plant.define_shipping_method("EXPRESS", 0)
    p = plant.promise_lines([NewOrderLine("CANDLE", "12 pcs")], PromiseOptions(shipping_method="EXPRESS"))
    assert p.shipping_method == "EXPRESS" and p.promised_date == dt.date(2026, 3, 11)
    incoming = IncomingSupply("JAR", Decimal(12), dt.date(2026, 3, 20), reference="PO-X")
    with_po = plant.promise_lines([NewOrderLine("CANDLE", "12 pcs")], PromiseOptions(incoming=(incoming,)))
    assert with_po.promised_date == dt.date(2026, 3, 13), "stock already covers the jars"


def test_bad_planning_input_is_refused(plant: Lotwise) -> None:
    with pytest.raises(InvalidInput) as never:
        plant.define_work_center("CURE", "curing rack", Calendar([], "8"))
    assert never.value.code == "invalid_input" and never.value.field == "working_days"
    with pytest.raises(InvalidInput) as nothing:
        plant.promise_lines([])
    assert nothing.value.field == "lines"
    with pytest.raises(lotwise.LotwiseError):
        plant.set_planning_settings(default_shipping_method="CARRIER-PIGEON")
    with pytest.raises(lotwise.LotwiseError):
        plant.promise("SO-999999")
    with pytest.raises(FLOAT_REFUSED):
        Calendar.mon_to_fri(7.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timezone-aware"):
        plant.schedule(dt.datetime(2026, 3, 1), at(31, 0))
    with pytest.raises(ValueError, match="working_days"):
        Calendar(["Monday"], "8")  # type: ignore[list-item]
    with pytest.raises(TypeError):
        plant.define_shipping_method("SLOW", 2.5)  # type: ignore[arg-type]
    assert plant.work_centers() == (plant.work_center("POUR"),)

