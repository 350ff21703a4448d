"""Exact decimals in and out: floats refused everywhere an amount goes in,
str and int accepted, dates and instants typed."""

import datetime as dt
from decimal import Decimal
from typing import Any, Callable

import pytest

import lotwise
from lotwise import (
    Customer,
    Lotwise,
    Money,
    NewOrder,
    NewOrderLine,
    NewRecipeInput,
    Operation,
    Qty,
    ShipLine,
)

from conftest import CANDLE, JAR, WAX


def refuses_float(make: Callable[[], Any]) -> None:
    with pytest.raises(TypeError) as info:
        make()
    text = str(info.value)
    assert "float" in text and ("Decimal" in text or "str" in text), text


def test_float_is_refused_with_a_reason_everywhere_an_amount_goes_in(shop: Lotwise) -> None:
    snapshot = shop.snapshot()
    f: Any = 2.5  # what a user might pass by mistake
    refuses_float(lambda: Qty(f, "kg"))
    refuses_float(lambda: Money(f, "USD"))
    refuses_float(lambda: NewRecipeInput(WAX, f))
    refuses_float(lambda: NewRecipeInput(WAX, "1 kg", scrap_pct=f))
    refuses_float(lambda: Operation("POUR", setup_minutes=f))
    refuses_float(lambda: NewOrderLine(CANDLE, f))
    refuses_float(lambda: NewOrderLine(CANDLE, "1 pcs", unit_price=f))
    refuses_float(lambda: ShipLine(1, f))
    refuses_float(lambda: shop.receive(WAX, f))
    refuses_float(lambda: shop.adjust_stock(WAX, "SW-A", f, "count"))
    refuses_float(lambda: shop.define_recipe(CANDLE, f, [NewRecipeInput(WAX, "1 kg")]))
    refuses_float(lambda: shop.define_recipe(CANDLE, "1 pcs", [NewRecipeInput(WAX, "1 kg")], yield_pct=f))
    refuses_float(lambda: shop.define_item("X", "X", "material", "kg", reorder_point=f))
    refuses_float(lambda: shop.complete_mo("MO-000001", good_qty=f))
    # The message explains why, not just what.
    with pytest.raises(TypeError, match="cannot hold most decimal amounts exactly"):
        Qty(0.1, "kg")  # type: ignore[arg-type]
    assert shop.snapshot() == snapshot


def test_whole_numbers_must_be_ints(lw: Lotwise) -> None:
    with pytest.raises(TypeError, match="shelf_life_days"):
        lw.define_item("X", "X", "material", "kg", shelf_life_days=3.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        lw.define_item("X", "X", "material", "kg", lead_time_days=True)
    assert lw.items() == ()


def test_str_and_int_are_accepted_and_exact() -> None:
    assert Qty("2.50", "kg").value == Decimal("2.50")
    assert Qty(3, "pcs") == Qty(Decimal(3), "pcs")
    assert Qty("0.1", "kg").value + Qty("0.2", "kg").value == Decimal("0.3")
    assert Money(18, "usd") == Money("18", "USD")
    assert Money("18.00", "USD").amount == Decimal("18.00")
    assert str(Money("18.00", "USD")) == "18.00 USD"
    assert repr(Qty("2.500", "kg")) == "Qty('2.5 kg')"
    assert str(Qty("1000", "g")) == "1000 g"
    assert Operation("POUR", 15, "0.5").run_minutes_per_unit == Decimal("0.5")
    assert NewRecipeInput(WAX, "2.4 kg", scrap_pct=2).scrap_pct == 2


def test_units_and_parsing_use_the_core_rules() -> None:
    assert Qty.parse("12.500 kg") == Qty("12.500", "kg")
    assert Qty("1", "each").uom == "pcs"
    assert Qty("2.5", "kg").convert_to("g") == Qty(2500, "g")
    with pytest.raises(lotwise.UnitMismatch) as mismatch:
        Qty("1", "l").convert_to("kg")
    assert mismatch.value.got == "l"
    with pytest.raises(lotwise.UnknownUnit) as unit:
        Qty.parse("3 kg2")
    assert unit.value.unit == "kg2"
    assert unit.value.value == "3 kg2"
    # A word is a pack unit, which the item it is for resolves.
    assert Qty.parse("2 Box") == Qty(2, "box")
    for bad in ("1e3 g", "12,5 kg", "NaN kg"):
        with pytest.raises(lotwise.InvalidQuantity) as invalid:
            Qty.parse(bad)
        assert invalid.value.code == "invalid_quantity"
    for bad_value in ("1e3", "abc", Decimal("NaN"), Decimal("Infinity")):
        with pytest.raises(lotwise.InvalidQuantity):
            Qty(bad_value, "g")
    with pytest.raises(lotwise.InvalidInput) as currency:
        Money("1", "dollars")
    assert currency.value.field == "currency"
    with pytest.raises(TypeError):
        Qty(True, "pcs")


def test_values_are_immutable_and_hashable() -> None:
    q = Qty("2", "kg")
    with pytest.raises(AttributeError):
        q.value = Decimal(3)  # type: ignore[misc]
    # Equal amounts are equal across units of a dimension, and hash alike.
    assert len({Qty("2", "kg"), Qty("2.0", "kg"), Qty("2000", "g")}) == 1


def test_dates_are_dates_and_instants_are_aware(lw: Lotwise) -> None:
    lw.define_item(JAR, "Jar", "packaging", "pcs")
    with pytest.raises(TypeError, match="datetime.date"):
        lw.receive(JAR, "1 pcs", expiry=dt.datetime(2027, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="datetime.date"):
        lw.receive(JAR, "1 pcs", expiry="2027-01-01")  # type: ignore[arg-type]
    lot = lw.receive(JAR, "1 pcs", expiry=dt.date(2027, 1, 1))
    assert lot.expiry == dt.date(2027, 1, 1)
    assert lot.created_at.tzinfo is not None and lot.created_at.utcoffset() == dt.timedelta(0)
    with pytest.raises(ValueError, match="timezone-aware"):
        lotwise.FixedClock(dt.datetime(2026, 1, 1))


def test_inputs_are_checked_when_built() -> None:
    with pytest.raises(TypeError, match="Customer"):
        NewOrder("etsy", "Grace", [NewOrderLine(CANDLE, "1 pcs")])  # type: ignore[arg-type]
    line = NewOrderLine(CANDLE, "3 pcs", unit_price="18.00 USD", requested_date=dt.date(2026, 3, 9))
    assert line.qty == Qty(3, "pcs") and line.unit_price == Money("18.00", "USD")


def test_bad_enum_values_name_the_field(lw: Lotwise) -> None:
    with pytest.raises(lotwise.InvalidInput) as info:
        lw.define_item("X", "X", "widget", "kg")  # type: ignore[arg-type]
    assert info.value.field == "new_item.kind"
    assert "widget" in info.value.reason
    with pytest.raises(lotwise.InvalidInput) as loc:
        lw.define_location("X", "X", "cellar")  # type: ignore[arg-type]
    assert loc.value.field == "kind"
    assert lw.items() == ()


def test_order_dataclasses_have_readable_reprs(shop: Lotwise) -> None:
    shop.receive(CANDLE, "5 pcs", lot="CL-1")
    placed = shop.place_order(NewOrder("etsy", Customer("Grace"), [NewOrderLine(CANDLE, "1 pcs", unit_price="18.00 USD")]))
    text = repr(placed.order.lines[0])
    assert "qty=Qty('1 pcs')" in text and "unit_price=Money('18.00 USD')" in text
    assert "shipped=Decimal('0')" in text


def test_instants_parse_the_same_on_every_python() -> None:
    from lotwise._codec import _parse_instant_portable, instant_text, parse_instant

    for text in (
        "2026-03-02T09:00:00Z",
        "2026-03-02T09:00:00.250Z",
        "2026-03-02T09:00:00.123456789Z",  # nanoseconds: cut to microseconds
        "2026-03-02T11:00:00+02:00",
    ):
        fast, portable = parse_instant(text), _parse_instant_portable(text)
        assert fast == portable and fast.utcoffset() == dt.timedelta(0), text
    assert instant_text(parse_instant("2026-03-02T09:00:00.250Z")) == "2026-03-02T09:00:00.250Z"
    assert instant_text(parse_instant("2026-03-02T11:00:00+02:00")) == "2026-03-02T09:00:00Z"
