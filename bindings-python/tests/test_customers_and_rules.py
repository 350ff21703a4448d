"""Customers and automations through Python: the four rules a small shop
asks for first, each through a channel import with the fixtures the Rust
importers are tested on; customers matched across channels by e-mail."""

import json
from decimal import Decimal
from typing import Any, Dict, List

import pytest

import lotwise
from lotwise import Lotwise, NewRecipeInput

from conftest import REPO

FIXTURES = REPO / "core" / "tests" / "fixtures" / "channels"
PRODUCTS = ["CANDLE-LAV-200", "CANDLE-CED-200", "SOAP-OAT-100", "SOAP-ROS-100", "BALM-LIP-15", "BALM-HAND-50"]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def fernwick(lw: Lotwise) -> Lotwise:
    """Every fixture product in stock but the lavender candle, which is made
    in batches of 12 from 2.4 kg of soy wax; 8 kg of wax on the shelf; and
    the four rules."""
    for sku in PRODUCTS:
        lw.define_item(sku, sku, "product", "pcs")
        if sku != "CANDLE-LAV-200":
            lw.receive(sku, "200 pcs")
    lw.define_item("WAX-SOY", "Soy wax", "material", "kg")
    lw.define_recipe("CANDLE-LAV-200", "12 pcs", [NewRecipeInput("WAX-SOY", "2.4 kg")])
    lw.receive("WAX-SOY", "8 kg", lot="SW-1")
    lw.define_rule(
        "HOLD-BIG-SHOPIFY",
        "Review big Shopify orders",
        {"on": "order_placed"},
        [{"do": "hold", "reason": "Shopify order of 500 USD or more"}],
        conditions=[
            {"check": "channel", "is": "shopify"},
            {"check": "total_at_least", "amount": "500.00 USD"},
        ],
    )
    lw.define_rule(
        "TAG-ETSY-GIFTS",
        "Tag Etsy gifts",
        {"on": "order_placed"},
        [{"do": "add_tag", "tag": "gift"}],
        conditions=[{"check": "channel", "is": "etsy"}, {"check": "gift_message"}],
    )
    lw.define_rule(
        "CONFIRM-WHOLESALE",
        "Confirm wholesale orders",
        {"on": "order_placed"},
        [{"do": "confirm"}],
        conditions=[{"check": "channel", "is": "csv"}],
    )
    lw.define_rule(
        "LOW-SOY-WAX",
        "Soy wax under 5 kg",
        {"on": "stock_below", "sku": "WAX-SOY", "threshold": "5 kg"},
        [{"do": "alert", "message": "soy wax under 5 kg: reorder"}],
    )
    return lw


def events(lw: Lotwise, kind: str) -> List[Dict[str, Any]]:
    return [{"subject": e.subject, **lotwise.to_json(e)["data"]} for e in lw.events_after(0, 10_000) if e.kind == kind]


def test_a_big_shopify_order_is_held_on_import(fernwick: Lotwise) -> None:
    lw = fernwick
    # 24.00 + 3 × 9.50 + 100 × 6.00 = 652.50 USD.
    body = json.loads(fixture("shopify/orders_create_multi.json"))
    for key in ("quantity", "current_quantity", "fulfillable_quantity"):
        body["line_items"][2][key] = 100
    (result,) = lw.import_payloads("shopify", [json.dumps(body).encode()])
    order = lw.order(result.order)
    assert order.hold is not None and order.hold.rule == "HOLD-BIG-SHOPIFY"
    with pytest.raises(lotwise.OrderOnHold) as refused:
        lw.confirm_order(order.id)
    assert refused.value.reason == "Shopify order of 500 USD or more"
    lw.release_order(order.id)
    assert lw.confirm_order(order.id).status in ("ready_to_ship", "awaiting_materials", "materials_reserved")


def test_an_etsy_gift_is_tagged_on_import(fernwick: Lotwise) -> None:
    (result,) = fernwick.import_payloads("etsy", [fixture("etsy/receipt_gift_message.json")])
    assert fernwick.order(result.order).tags == ("gift",)


def test_wholesale_orders_confirm_on_import_and_low_wax_alerts(fernwick: Lotwise) -> None:
    lw = fernwick
    results = lw.import_payloads("csv", [fixture("csv/wholesale_orders.csv")])
    assert all(lw.order(r.order).confirmed_at is not None for r in results)
    # 24 lavender candles: 2 batches × 2.4 kg = 4.8 kg of 8 kg reserved.
    assert lw.stock("WAX-SOY").available == Decimal("3200")
    alerts = events(lw, "alert_raised")
    assert alerts == [{"subject": "WAX-SOY", "rule": "LOW-SOY-WAX", "message": "soy wax under 5 kg: reorder"}]


def test_a_looping_rule_chain_stops_at_the_bound(lw: Lotwise) -> None:
    lw.define_item("SOAP", "Soap", "product", "pcs")
    lw.receive("SOAP", "10 pcs")
    lw.define_rule("NOTE-PLACED", "note new", {"on": "order_placed"}, [{"do": "add_note", "note": "new"}])
    lw.define_rule("NOTE-AGAIN", "note updates", {"on": "order_updated"}, [{"do": "add_note", "note": "seen"}])
    placed = lw.place_order(lotwise.NewOrder("manual", lotwise.Customer("Cy"), [lotwise.NewOrderLine("SOAP", "1 pcs")]))
    assert placed.order.notes == "new\nseen\nseen"
    assert events(lw, "rule_chain_stopped") == [{"subject": placed.order.id, "rule": "NOTE-AGAIN", "depth": 3}]


def test_bad_rules_raise_typed_errors(lw: Lotwise) -> None:
    lw.define_item("WAX", "Wax", "material", "kg")
    with pytest.raises(lotwise.InvalidInput):
        lw.define_rule("BAD", "bad", {"on": "order_placed"}, [{"do": "confirm"}], conditions=[{"check": "colour", "is": "red"}])
    with pytest.raises(lotwise.CurrencyMismatch):
        lw.define_rule(
            "BAD",
            "bad",
            {"on": "order_placed"},
            [{"do": "hold", "reason": "x"}],
            conditions=[
                {"check": "total_at_least", "amount": "500 USD"},
                {"check": "total_below", "amount": "900 EUR"},
            ],
        )
    with pytest.raises(lotwise.InvalidInput) as bad:
        lw.define_rule("BAD", "bad", {"on": "stock_below", "sku": "WAX", "threshold": "5 kg"}, [{"do": "confirm"}])
    assert bad.value.field == "actions"
    assert lw.rules() == ()


def test_customers_are_matched_across_channels_by_email(fernwick: Lotwise) -> None:
    lw = fernwick
    lw.import_payloads("shopify", [fixture("shopify/orders_create_simple.json")])
    csv = (
        "order_ref,customer,sku,quantity,unit_price,currency,requested_date,email\n"
        "WH-1,Thistlewood Candles,SOAP-OAT-100,24,4.00,USD,2026-12-01,Marisol.Thistlewood@example.com\n"
    )
    (wholesale,) = lw.import_payloads("csv", [csv.encode()])
    customer_id = lw.order(wholesale.order).customer.id
    assert customer_id == "CU-000001"
    summary = lw.customer_summary(customer_id)
    assert summary.order_count == 2
    assert [str(m) for m in summary.lifetime_value] == ["144.00 USD"]
    assert lw.customer(customer_id).channel_ids[0].id == "8351127790412"
