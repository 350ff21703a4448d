"""The core's bad-input table (core/tests/bad_input.rs) through Python: each
bad command raises its exception class with the same `.code` and fields, and
the state (a full snapshot, the event cursor) is unchanged afterwards."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Type

import pytest

import lotwise
from lotwise import (
    Customer,
    FixedClock,
    Lotwise,
    NewOrder,
    NewOrderLine,
    NewRecipeInput,
    ShipLine,
)

from conftest import CANDLE, JAR, OIL, T0, WAX, WICK, candle_catalog


@dataclass
class Fx:
    lw: Lotwise
    clock: FixedClock


def place(lw: Lotwise, channel: str, ext: str, customer: str, qty: str) -> str:
    order = NewOrder(channel, Customer(customer), [NewOrderLine(CANDLE, qty, unit_price="24.00 USD")], external_ref=ext)
    return lw.place_order(order).order.id


def populated() -> Fx:
    """Like the Rust fixture: SO-000001 shipped, SO-000002 ready, SO-000003 placed."""
    clock = FixedClock(T0)
    lw = lotwise.open(clock=clock)
    candle_catalog(lw)
    lw.receive(WAX, "20 kg", lot="SW-A", expiry=dt.date(2027, 1, 31))
    lw.receive(OIL, "1 l", lot="FO-A")
    lw.receive(WICK, "100 pcs", lot="WICK-1")
    lw.receive(JAR, "6 pcs", lot="JAR-1")
    lw.receive(CANDLE, "10 pcs", lot="CL-1")
    shipped = place(lw, "shopify", "1001", "Ada Byron", "3 pcs")
    lw.confirm_order(shipped)
    lw.ship(shipped, carrier="USPS", tracking="9400111899220000000001")
    ready = place(lw, "etsy", "5001", "Blaise Pascal", "4 pcs")
    lw.confirm_order(ready)
    place(lw, "wholesale", "PO-1", "Corner Shop", "15 pcs")
    assert lw.check_invariants() == ()
    return Fx(lw, clock)


# --- extra preparation ------------------------------------------------------


def nothing(fx: Fx) -> None:
    pass


def mo_awaiting(fx: Fx) -> None:
    assert fx.lw.confirm_order("SO-000003").mos == ("MO-000001",)
    assert fx.lw.mo("MO-000001").status == "awaiting_materials"


def mo_reserved(fx: Fx) -> None:
    mo_awaiting(fx)
    fx.lw.receive(JAR, "30 pcs", lot="JAR-2")
    assert fx.lw.mo("MO-000001").status == "materials_reserved"


def mo_started(fx: Fx) -> None:
    mo_reserved(fx)
    fx.lw.start_mo("MO-000001")


def wax_expired(fx: Fx) -> None:
    mo_reserved(fx)
    fx.clock.set(dt.datetime(2027, 2, 1, 9, tzinfo=dt.timezone.utc))


def candles_expired(fx: Fx) -> None:
    fx.clock.set(dt.datetime(2027, 3, 3, 9, tzinfo=dt.timezone.utc))


def order_cancelled(fx: Fx) -> None:
    fx.lw.cancel_order("SO-000003")


def mailer_acked(fx: Fx) -> None:
    fx.lw.ack_events("mailer", 10)


def gift_set(fx: Fx) -> None:
    fx.lw.define_item("GIFT-SET", "Candle trio", "product", "pcs")
    fx.lw.define_recipe("GIFT-SET", "1 pcs", [NewRecipeInput(CANDLE, "3 pcs")])


# --- the table ----------------------------------------------------------------------


@dataclass
class Case:
    name: str
    run: Callable[[Fx], Any]
    error: Type[lotwise.LotwiseError]
    code: str
    fields: Dict[str, Any]
    setup: Callable[[Fx], None] = field(default=nothing)


def lines(fx: Fx, *order_lines: NewOrderLine) -> Any:
    return fx.lw.place_order(NewOrder("manual", Customer("Dana Scully"), order_lines))


def recipe(fx: Fx, product: str, batch: str, *inputs: NewRecipeInput) -> Any:
    return fx.lw.define_recipe(product, batch, inputs)


E = lotwise
CASES: List[Case] = [
    Case("unknown sku", lambda fx: lines(fx, NewOrderLine("CANDLE-ROSE", "2 pcs")),
         E.UnknownSku, "unknown_sku", {"sku": "CANDLE-ROSE"}),
    Case("zero quantity", lambda fx: fx.lw.receive(WAX, "0 kg"),
         E.InvalidQuantity, "invalid_quantity", {"field": "qty", "value": "0 kg", "reason": "must be greater than zero"}),
    Case("negative quantity", lambda fx: lines(fx, NewOrderLine(CANDLE, "-2 pcs")),
         E.InvalidQuantity, "invalid_quantity", {"field": "lines[0].qty", "value": "-2 pcs", "reason": "must be greater than zero"}),
    Case("fractional pieces", lambda fx: fx.lw.receive(JAR, "2.5 pcs"),
         E.InvalidQuantity, "invalid_quantity", {"field": "qty", "value": "2.5 pcs", "reason": "pieces must be whole"}),
    Case("unit of another dimension", lambda fx: fx.lw.receive(WAX, "2 l"),
         E.UnitMismatch, "unit_mismatch", {"expected": "mass (g)", "got": "l"}),
    Case("unknown unit in parse", lambda fx: fx.lw.receive(WAX, "3 furlongs"),
         E.UnknownUnit, "unknown_unit", {"unit": "furlongs"}),
    Case("exponent in a quantity", lambda fx: fx.lw.receive(WAX, "1e3 g"),
         E.InvalidQuantity, "invalid_quantity", {"value": "1e3", "reason": "not a decimal number"}),
    Case("recipe cycle, direct", lambda fx: recipe(fx, CANDLE, "12 pcs", NewRecipeInput(CANDLE, "1 pcs")),
         E.RecipeCycle, "recipe_cycle", {"path": (CANDLE, CANDLE)}),
    Case("recipe cycle, through the candle", lambda fx: recipe(fx, WAX, "1 kg", NewRecipeInput(CANDLE, "1 pcs")),
         E.RecipeCycle, "recipe_cycle", {"path": (WAX, CANDLE, WAX)}),
    Case("recipe cycle, two levels deep", lambda fx: recipe(fx, WAX, "1 kg", NewRecipeInput("GIFT-SET", "1 pcs")),
         E.RecipeCycle, "recipe_cycle", {"path": (WAX, "GIFT-SET", CANDLE, WAX)}, setup=gift_set),
    Case("recipe with an unknown input", lambda fx: recipe(fx, CANDLE, "12 pcs", NewRecipeInput("ROSE-OIL", "1 ml")),
         E.UnknownSku, "unknown_sku", {"sku": "ROSE-OIL"}),
    Case("recipe with a 100 % scrap allowance",
         lambda fx: recipe(fx, CANDLE, "12 pcs", NewRecipeInput(WAX, "2.4 kg", scrap_pct="100")),
         E.InvalidInput, "invalid_input", {"field": "scrap_pct", "value": "100"}),
    Case("duplicate sku", lambda fx: fx.lw.define_item(WAX, "Soy wax again", "material", "g"),
         E.DuplicateSku, "duplicate_sku", {"sku": WAX}),
    Case("sku with a space", lambda fx: fx.lw.define_item("ROSE OIL", "Rose oil", "material", "ml"),
         E.InvalidInput, "invalid_input", {"field": "sku", "value": "ROSE OIL"}),
    Case("duplicate location", lambda fx: fx.lw.define_location("MAIN", "Another main", "internal"),
         E.DuplicateLocation, "duplicate_location", {"location": "MAIN"}),
    Case("ship more than ready",
         lambda fx: fx.lw.ship("SO-000002", carrier="USPS", tracking="9400", lines=[ShipLine(1, "5 pcs")]),
         E.NotReadyToShip, "not_ready_to_ship", {"order": "SO-000002", "line": 1, "requested": 5, "ready": 4}),
    Case("ship an unknown line",
         lambda fx: fx.lw.ship("SO-000002", carrier="USPS", tracking="9400", lines=[ShipLine(9)]),
         E.UnknownOrderLine, "unknown_order_line", {"order": "SO-000002", "line": 9}),
    Case("ship an order that is not confirmed", lambda fx: fx.lw.ship("SO-000003", carrier="USPS", tracking="9400"),
         E.InvalidTransition, "invalid_transition",
         {"entity": "order", "id": "SO-000003", "from": "placed", "action": "ship"}),
    Case("ship a cancelled order", lambda fx: fx.lw.ship("SO-000003", carrier="USPS", tracking="9400"),
         E.InvalidTransition, "invalid_transition",
         {"entity": "order", "id": "SO-000003", "from": "cancelled", "action": "ship"}, setup=order_cancelled),
    Case("empty carrier", lambda fx: fx.lw.ship("SO-000002", carrier="", tracking="9400"),
         E.InvalidInput, "invalid_input", {"field": "carrier", "value": ""}),
    Case("blank tracking number", lambda fx: fx.lw.ship("SO-000002", carrier="USPS", tracking="   "),
         E.InvalidInput, "invalid_input", {"field": "tracking", "value": "   "}),
    Case("confirm twice", lambda fx: fx.lw.confirm_order("SO-000002"),
         E.InvalidTransition, "invalid_transition",
         {"entity": "order", "id": "SO-000002", "from": "ready_to_ship", "action": "confirm"}),
    Case("re-plan an order that is not confirmed", lambda fx: fx.lw.replan_order("SO-000003"),
         E.InvalidTransition, "invalid_transition",
         {"entity": "order", "id": "SO-000003", "from": "placed", "action": "replan"}),
    Case("cancel a shipped order", lambda fx: fx.lw.cancel_order("SO-000001"),
         E.InvalidTransition, "invalid_transition",
         {"entity": "order", "id": "SO-000001", "from": "shipped", "action": "cancel"}),
    Case("start an MO awaiting materials", lambda fx: fx.lw.start_mo("MO-000001"),
         E.InvalidTransition, "invalid_transition",
         {"entity": "mo", "id": "MO-000001", "from": "awaiting_materials", "action": "start"}, setup=mo_awaiting),
    Case("complete an MO not started", lambda fx: fx.lw.complete_mo("MO-000001"),
         E.InvalidTransition, "invalid_transition",
         {"entity": "mo", "id": "MO-000001", "from": "materials_reserved", "action": "complete"}, setup=mo_reserved),
    Case("complete into another item's lot code", lambda fx: fx.lw.complete_mo("MO-000001", lot="SW-A"),
         E.DuplicateLot, "duplicate_lot", {"lot": "SW-A"}, setup=mo_started),
    Case("complete with output in kilograms", lambda fx: fx.lw.complete_mo("MO-000001", good_qty="2 kg"),
         E.UnitMismatch, "unit_mismatch", {"expected": "count (pcs)", "got": "kg"}, setup=mo_started),
    Case("consume an expired lot", lambda fx: fx.lw.start_mo("MO-000001"),
         E.LotExpired, "lot_expired", {"lot": "SW-A", "expiry": dt.date(2027, 1, 31)}, setup=wax_expired),
    Case("ship an expired lot", lambda fx: fx.lw.ship("SO-000002", carrier="USPS", tracking="9400"),
         E.LotExpired, "lot_expired", {"lot": "CL-1", "expiry": dt.date(2027, 3, 2)}, setup=candles_expired),
    Case("duplicate external order ref with other content",
         lambda fx: fx.lw.place_order(NewOrder("shopify", Customer("Ada Byron"),
                                               [NewOrderLine(CANDLE, "4 pcs", unit_price="24.00 USD")], external_ref="1001")),
         E.DuplicateExternalOrder, "duplicate_external_order", {"channel": "shopify", "external_ref": "1001"}),
    Case("order with no lines", lambda fx: lines(fx),
         E.InvalidInput, "invalid_input", {"field": "lines", "value": "[]"}),
    Case("empty customer name",
         lambda fx: fx.lw.place_order(NewOrder("manual", Customer(" "), [NewOrderLine(CANDLE, "1 pcs")])),
         E.InvalidInput, "invalid_input", {"field": "customer.name", "value": " "}),
    Case("mixed currencies across lines",
         lambda fx: lines(fx, NewOrderLine(CANDLE, "1 pcs", unit_price="24.00 USD"),
                          NewOrderLine(CANDLE, "1 pcs", unit_price="22.00 EUR")),
         E.CurrencyMismatch, "currency_mismatch", {"expected": "USD", "got": "EUR"}),
    Case("negative price", lambda fx: lines(fx, NewOrderLine(CANDLE, "1 pcs", unit_price="-5.00 USD")),
         E.InvalidInput, "invalid_input", {"field": "lines[0].unit_price", "value": "-5.00 USD"}),
    Case("order line naming an unknown lot", lambda fx: lines(fx, NewOrderLine(CANDLE, "1 pcs", lot="CL-NOPE")),
         E.UnknownLot, "unknown_lot", {"lot": "CL-NOPE"}),
    Case("adjust below reserved", lambda fx: fx.lw.adjust_stock(CANDLE, "CL-1", "-5 pcs", "dropped a box"),
         E.InsufficientStock, "insufficient_stock", {"sku": CANDLE, "requested": 5, "available": 3}),
    Case("adjust without a reason", lambda fx: fx.lw.adjust_stock(CANDLE, "CL-1", "-1 pcs", "  "),
         E.InvalidInput, "invalid_input", {"field": "reason"}),
    Case("receive into a virtual location", lambda fx: fx.lw.receive(WAX, "1 kg", location="CUSTOMER"),
         E.InvalidInput, "invalid_input", {"field": "location", "value": "CUSTOMER"}),
    Case("receive into an unknown location", lambda fx: fx.lw.receive(WAX, "1 kg", location="BACKROOM"),
         E.UnknownLocation, "unknown_location", {"location": "BACKROOM"}),
    Case("lot code of another sku", lambda fx: fx.lw.receive(JAR, "6 pcs", lot="SW-A"),
         E.DuplicateLot, "duplicate_lot", {"lot": "SW-A", "sku": WAX}),
    Case("unknown order", lambda fx: fx.lw.confirm_order("SO-000099"),
         E.UnknownOrder, "unknown_order", {"order": "SO-000099"}),
    Case("unknown manufacturing order", lambda fx: fx.lw.start_mo("MO-000099"),
         E.UnknownMo, "unknown_mo", {"mo": "MO-000099"}),
    Case("unknown lot", lambda fx: fx.lw.adjust_stock(CANDLE, "CL-NOPE", "-1 pcs", "count"),
         E.UnknownLot, "unknown_lot", {"lot": "CL-NOPE"}),
    Case("ack events backwards", lambda fx: fx.lw.ack_events("mailer", 4),
         E.InvalidInput, "invalid_input", {"field": "seq", "value": "4"}, setup=mailer_acked),
    Case("ack events past the last one", lambda fx: fx.lw.ack_events("mailer", 10_000),
         E.InvalidInput, "invalid_input", {"field": "seq", "value": "10000"}),
]


def test_the_table_is_complete() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names)) >= 45


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_command_is_refused_and_changes_nothing(case: Case) -> None:
    fx = populated()
    case.setup(fx)
    before = fx.lw.snapshot()
    cursor = fx.lw.event_cursor("mailer")
    with pytest.raises(lotwise.LotwiseError) as info:
        case.run(fx)
    e = info.value
    assert type(e) is case.error, repr(e)
    assert e.code == case.code
    for key, want in case.fields.items():
        assert e.fields[key] == want, f"{key} of {e.fields}"
        # The same value as a typed attribute (`from` is `from_`).
        assert getattr(e, "from_" if key == "from" else key) == want
    assert str(e)
    assert fx.lw.snapshot() == before, "the refused command changed the state"
    assert fx.lw.event_cursor("mailer") == cursor
    assert fx.lw.check_invariants() == ()
