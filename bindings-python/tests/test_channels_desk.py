"""Channel import, the order desk, analytics and the exports through Python,
with the fixtures the Rust importers are tested on."""

import datetime as dt
import json
import threading
from decimal import Decimal
from pathlib import Path
from typing import Dict, List

import pytest

import lotwise
from lotwise import (
    Customer,
    DeskQuery,
    FixedClock,
    ImportProgress,
    ImportResult,
    InvalidInput,
    Lotwise,
    NewOrder,
    NewOrderLine,
    SkuTarget,
)

from conftest import CANDLE, JAR, REPO

FIXTURES = REPO / "core" / "tests" / "fixtures" / "channels"
SECRET = b"lotwise-test-secret"

SIMPLE = "shopify/orders_create_simple.json"
NO_SKU = "shopify/orders_create_no_sku.json"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def headers() -> Dict[str, str]:
    loaded: Dict[str, str] = json.loads(fixture("shopify/webhook_headers.json"))
    return loaded


@pytest.fixture
def fernwick(lw: Lotwise) -> Lotwise:
    """The fixtures' maker: the SKUs their orders name, counted in pieces."""
    lw.define_item("CANDLE-LAV-200", "Lavender candle 200 g", "product", "pcs")
    lw.define_item("SOAP-OAT-100", "Oat & honey soap", "product", "pcs")
    lw.define_item("MELT-SEASONAL", "Seasonal wax melt", "product", "pcs")
    return lw


# --- channel import ------------------------------------------------------------


def test_shopify_order_imported_once_then_duplicate(fernwick: Lotwise) -> None:
    lw = fernwick
    seen: List[ImportProgress] = []
    body = fixture(SIMPLE)
    results = lw.import_payloads("shopify", [body, body], progress=seen.append)

    assert [r.status for r in results] == ["imported", "duplicate"]
    assert all(isinstance(r, ImportResult) for r in results)
    assert {r.order for r in results} == {"SO-000001"}
    assert results[0].external_id == "6418203947821"
    assert results[0].reasons == () and results[0].error_code is None
    assert len(lw.orders()) == 1

    order = lw.order("SO-000001")
    assert order.status == "placed"
    assert order.channel == "shopify"
    assert [(l.sku, l.qty.value) for l in order.lines] == [("CANDLE-LAV-200", Decimal(2))]
    # Called live, after each order and after each payload, in order.
    assert seen == [
        ImportProgress(0, 2, 1),
        ImportProgress(1, 2, 1),
        ImportProgress(1, 2, 2),
        ImportProgress(2, 2, 2),
    ]
    stored = lw.channel_order("SO-000001")
    assert stored is not None
    assert stored.external_id == "6418203947821"
    assert stored.channel == "shopify"


def test_order_without_skus_needs_attention_until_resolved(fernwick: Lotwise) -> None:
    lw = fernwick
    (result,) = lw.import_payloads("shopify", [fixture(NO_SKU)])
    assert result.status == "needs_attention"
    assert result.order is not None
    # Line 1 names a SKU; line 2 has none and no mapped id; line 3 (a
    # consultation) needs no shipping, so nothing from lotwise.
    assert len(result.reasons) == 1
    assert all("no SKU" in reason for reason in result.reasons)
    assert lw.order(result.order).status == "needs_attention"

    resolved = lw.resolve_order(
        result.order,
        [NewOrderLine("SOAP-OAT-100", "1 pcs"), NewOrderLine("MELT-SEASONAL", "2 pcs")],
    )
    assert resolved.status == "placed"
    assert [(l.sku, l.qty.value) for l in resolved.lines] == [
        ("SOAP-OAT-100", Decimal(1)),
        ("MELT-SEASONAL", Decimal(2)),
    ]
    # Only an order that needs attention can be resolved.
    with pytest.raises(lotwise.InvalidTransition):
        lw.resolve_order(result.order)


def test_explicit_mapping_of_a_channel_sku(lw: Lotwise) -> None:
    # The catalog calls the candle differently: only the mapping finds it.
    lw.define_item("LAV-CANDLE", "Lavender candle", "product", "pcs")
    (unmapped,) = lw.import_payloads("shopify", [fixture(SIMPLE)])
    assert unmapped.status == "needs_attention"
    lw.cancel_order("SO-000001")

    lw2 = lotwise.open(":memory:")
    lw2.define_item("LAV-CANDLE", "Lavender candle", "product", "pcs")
    (mapped,) = lw2.import_payloads(
        "shopify", [fixture(SIMPLE)], sku_map={"CANDLE-LAV-200": SkuTarget("LAV-CANDLE")}
    )
    assert mapped.status == "imported"
    assert [l.sku for l in lw2.order("SO-000001").lines] == ["LAV-CANDLE"]


def test_csv_and_etsy_payloads(fernwick: Lotwise) -> None:
    lw = fernwick
    lw.define_item("BALM-LIP-15", "Beeswax lip balm", "product", "pcs")
    first, second = lw.import_payloads("csv", [fixture("csv/wholesale_orders.csv")])
    assert (first.external_id, first.status, first.order) == (
        "WH-2026-0117",
        "imported",
        "SO-000001",
    )
    # The cedar candle and rose soap are not in this catalog.
    assert (second.external_id, second.status) == ("WH-2026-0118", "needs_attention")
    assert len(second.reasons) == 2
    assert "CANDLE-CED-200" in second.reasons[0] and "SOAP-ROS-100" in second.reasons[1]
    lines = lw.order("SO-000001").lines
    assert [(l.sku, l.qty.value) for l in lines] == [
        ("CANDLE-LAV-200", Decimal(24)),
        ("SOAP-OAT-100", Decimal(36)),
        ("BALM-LIP-15", Decimal(48)),
    ]
    assert lines[1].unit_price == lotwise.Money("4.75", "USD")

    etsy = lw.import_payloads("etsy", [fixture("etsy/receipts_page1.json")])
    assert [(r.external_id, r.status) for r in etsy] == [
        ("3498127765", "imported"),
        ("3498201134", "imported"),
    ]


def test_unparseable_payload_is_rejected_not_raised(fernwick: Lotwise) -> None:
    (result,) = fernwick.import_payloads("shopify", [b"{not json"])
    assert result.status == "rejected"
    assert result.error_code is not None and result.error
    assert result.order is None
    assert fernwick.orders() == ()


def test_import_argument_errors(fernwick: Lotwise) -> None:
    with pytest.raises(InvalidInput):
        fernwick.import_payloads("amazon", [fixture(SIMPLE)])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="bytes"):
        fernwick.import_payloads("shopify", ["{}"])  # type: ignore[list-item]
    assert fernwick.orders() == ()


def test_progress_exception_is_raised_after_the_import(fernwick: Lotwise) -> None:
    calls: List[ImportProgress] = []

    def boom(p: ImportProgress) -> None:
        calls.append(p)
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        fernwick.import_payloads("shopify", [fixture(SIMPLE)], progress=boom)
    # Called once, then never again; the order was still imported.
    assert len(calls) == 1
    assert len(fernwick.orders()) == 1


def test_progress_from_another_thread_while_importing(fernwick: Lotwise) -> None:
    # The GIL is released during the import, so other threads run; the
    # callback takes it back and sees the thread it was called from.
    threads: List[str] = []
    body = fixture(SIMPLE)
    worker = threading.Thread(
        target=lambda: fernwick.import_payloads(
            "shopify", [body], progress=lambda p: threads.append(threading.current_thread().name)
        ),
        name="importer",
    )
    worker.start()
    worker.join()
    assert threads == ["importer", "importer"]


def test_verify_shopify_webhook() -> None:
    body = fixture(SIMPLE)
    assert lotwise.verify_shopify_webhook(SECRET, headers(), body) is True
    lower = {k.lower(): v for k, v in headers().items()}
    assert lotwise.verify_shopify_webhook(SECRET, lower, body) is True
    assert lotwise.verify_shopify_webhook(b"another-secret", headers(), body) is False
    assert lotwise.verify_shopify_webhook(SECRET, headers(), body + b" ") is False
    missing = {k: v for k, v in headers().items() if k != "X-Shopify-Hmac-Sha256"}
    assert lotwise.verify_shopify_webhook(SECRET, missing, body) is False
    with pytest.raises(InvalidInput):
        lotwise.verify_shopify_webhook(b"", headers(), body)


# --- the order desk ------------------------------------------------------------


def many_orders(lw: Lotwise, n: int) -> None:
    lw.define_item(CANDLE, "Lavender soy candle 8 oz", "product", "pcs")
    channels = ("etsy", "shopify", "wholesale")
    lw.place_orders(
        NewOrder(
            channels[i % 3],
            Customer(f"Customer {i:03}", f"c{i}@example.com"),
            [NewOrderLine(CANDLE, f"{1 + i % 4} pcs", unit_price="10.00 USD")],
            external_ref=f"EXT-{i:03}",
        )
        for i in range(n)
    )


def test_desk_filters_and_pages_through_200_orders(lw: Lotwise) -> None:
    many_orders(lw, 200)
    everything = lw.desk()
    assert everything.total == 200 and len(everything.orders) == 200
    assert everything.next_cursor is None
    # Newest first; all placed at the same instant, so by id descending.
    assert everything.orders[0].id == "SO-000200"
    assert everything.orders[-1].id == "SO-000001"

    etsy = DeskQuery(channels=("etsy",), sort="placed_at_asc", limit=25)
    seen: List[str] = []
    cursor = None
    pages = 0
    while True:
        page = lw.desk(DeskQuery(channels=etsy.channels, sort=etsy.sort, limit=25, cursor=cursor))
        pages += 1
        assert page.total == 67  # i % 3 == 0 for i in 0..199
        assert len(page.orders) <= 25
        seen.extend(r.id for r in page.orders)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert pages == 3
    assert len(seen) == len(set(seen)) == 67
    assert seen == sorted(seen)
    assert all(lw.order(i).channel == "etsy" for i in seen[:5])

    hit = lw.desk(DeskQuery(text="customer 042"))
    assert [r.id for r in hit.orders] == ["SO-000043"]
    row = hit.orders[0]
    assert row.customer == "Customer 042" and row.email == "c42@example.com"
    assert row.total == lotwise.Money("30.00", "USD")  # 3 pcs at 10.00
    assert row.skus == (CANDLE,) and row.lines == 1


def test_desk_tags_notes_and_bulk_actions(lw: Lotwise) -> None:
    many_orders(lw, 6)
    lw.receive(CANDLE, "100 pcs", lot="CL-1")

    tagged = lw.tag_order("SO-000001", " Rush ")
    assert tagged.tags == ("Rush",)
    assert lw.tag_order("SO-000001", "rush").tags == ("Rush",)  # same tag, any case
    assert lw.untag_order("SO-000001", "RUSH").tags == ()
    assert lw.set_order_note("SO-000002", "call first").notes == "call first"
    assert lw.set_order_note("SO-000002", None).notes is None

    results = lw.bulk_tag(["SO-000001", "SO-000002", "SO-000002", "SO-999999"], "gift")
    assert [r.order for r in results] == ["SO-000001", "SO-000002", "SO-999999"]
    assert [r.ok for r in results] == [True, True, False]
    assert results[2].outcome.code == "unknown_order"
    assert results[2].outcome.status is None
    assert [r.id for r in lw.desk(DeskQuery(tags=("GIFT",), sort="placed_at_asc")).orders] == [
        "SO-000001",
        "SO-000002",
    ]

    confirmed = lw.bulk_confirm(["SO-000003", "SO-000004"])
    assert [(r.ok, r.outcome.status) for r in confirmed] == [
        (True, "ready_to_ship"),
        (True, "ready_to_ship"),
    ]
    cancelled = lw.bulk_cancel(["SO-000005"])
    assert cancelled[0].outcome.status == "cancelled"

    ready = lw.desk(DeskQuery(statuses=("ready_to_ship",), sort="placed_at_asc"))
    assert [r.id for r in ready.orders] == ["SO-000003", "SO-000004"]
    assert ready.orders[0].locations == ("MAIN",)
    assert lw.desk(DeskQuery(statuses=("cancelled",))).total == 1


def test_desk_refuses_bad_queries(lw: Lotwise) -> None:
    with pytest.raises(InvalidInput):
        lw.desk(DeskQuery(limit=0))
    with pytest.raises(TypeError):
        lw.desk(DeskQuery(channels="etsy"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        lw.bulk_cancel("SO-000001")


# --- analytics -------------------------------------------------------------------


def test_analytics_on_a_small_set(lw: Lotwise, clock: FixedClock) -> None:
    lw.define_item(CANDLE, "Lavender soy candle 8 oz", "product", "pcs")
    lw.receive(CANDLE, "10 pcs", lot="CL-1")
    day1, day2 = dt.date(2026, 3, 2), dt.date(2026, 3, 3)

    def order(channel: str, qty: str, price: str, due: dt.date) -> str:
        line = NewOrderLine(CANDLE, qty, unit_price=price, requested_date=due)
        return lw.place_order(NewOrder(channel, Customer("Ada"), [line])).order.id

    a = order("etsy", "3 pcs", "24.00 USD", dt.date(2026, 3, 5))  # day 1, shipped early
    b = order("shopify", "2 pcs", "5.50 EUR", dt.date(2026, 3, 9))  # day 1, left placed
    clock.advance_days(1)
    c = order("etsy", "2 pcs", "24.00 USD", day2)  # day 2, shipped late
    d = order("etsy", "1 pcs", "24.00 USD", day2)  # day 2, cancelled
    lw.cancel_order(d)
    lw.confirm_order(a)
    lw.confirm_order(c)
    clock.advance_days(1)
    lw.ship(a, carrier="USPS", tracking="1")
    lw.ship(c, carrier="USPS", tracking="2")
    assert lw.order(b).status == "placed"

    got = lw.analytics()
    # Cancelled orders sell nothing; revenue is qty × price per currency.
    assert [(s.day, s.channel, s.currency, s.orders, s.revenue) for s in got.sales] == [
        (day1, "etsy", "USD", 1, Decimal("72.00")),
        (day1, "shopify", "EUR", 1, Decimal("11.00")),
        (day2, "etsy", "USD", 1, Decimal("48.00")),
    ]
    assert [(s.status, s.orders) for s in got.by_status] == [
        ("placed", 1),
        ("shipped", 2),
        ("cancelled", 1),
    ]
    # a shipped on 3-4, due 3-5: on time; c shipped on 3-4, due 3-3: late.
    on_time = got.on_time
    assert (on_time.evaluated, on_time.on_time, on_time.late, on_time.without_date) == (2, 1, 1, 0)
    assert on_time.rate == Decimal("0.5")
    # a: 48 h from placing to shipping, c: 24 h.
    assert got.lead_time.orders == 2
    assert got.lead_time.average_hours == Decimal(36)
    assert [(t.sku, t.qty, t.uom, t.orders) for t in got.top_by_qty] == [
        (CANDLE, Decimal(7), "pcs", 3)
    ]
    assert [(t.currency, t.revenue, t.qty) for t in got.top_by_revenue] == [
        ("EUR", Decimal("11.00"), Decimal(2)),
        ("USD", Decimal("120.00"), Decimal(5)),
    ]
    assert got.throughput == ()

    second_day = lw.analytics(from_=day2, to=day2, top=1)
    assert second_day.from_ == day2 and second_day.to == day2
    assert [(s.channel, s.revenue) for s in second_day.sales] == [("etsy", Decimal("48.00"))]
    assert [(s.status, s.orders) for s in second_day.by_status] == [
        ("shipped", 1),
        ("cancelled", 1),
    ]
    with pytest.raises(InvalidInput):
        lw.analytics(from_=day2, to=day1)
    with pytest.raises(InvalidInput):
        lw.analytics(top=0)


# --- exports ---------------------------------------------------------------------


def test_trace_graphs_and_csv_exports(shop: Lotwise) -> None:
    lw = shop
    lw.receive(JAR, "30 pcs", lot="JAR-2")
    placed = lw.place_order(
        NewOrder("etsy", Customer("Grace Hopper"), [NewOrderLine(CANDLE, "12 pcs")])
    )
    lw.confirm_order(placed.order.id)
    lw.start_mo("MO-000001")
    lw.complete_mo("MO-000001", lot="CL-B1")

    dot = lw.trace_dot("CL-B1")
    assert dot.lstrip().startswith("digraph")
    for lot in ("CL-B1", "SW-A", "FO-A", "WICK-1"):
        assert lot in dot
    mermaid = lw.trace_mermaid("CL-B1")
    assert mermaid.lstrip().startswith(("flowchart", "graph"))
    assert "CL-B1" in mermaid and "SW-A" in mermaid
    with pytest.raises(lotwise.UnknownLot):
        lw.trace_dot("NO-SUCH-LOT")

    orders = lw.orders_csv().splitlines()
    assert orders[0].startswith("order,channel,external_ref,status")
    assert len(orders) == 2 and orders[1].startswith("SO-000001,etsy,")
    stock = lw.stock_csv().splitlines()
    assert stock[0] == "sku,lot,location,expiry,on_hand,reserved,free,uom"
    assert any(row.startswith(f"{CANDLE},CL-B1,MAIN,") for row in stock[1:])


def test_exports_of_an_empty_store_have_headers_only() -> None:
    lw = lotwise.open(":memory:")
    assert len(lw.orders_csv().splitlines()) == 1
    assert len(lw.stock_csv().splitlines()) == 1


def test_fixture_dir_exists() -> None:
    assert Path(FIXTURES, SIMPLE).is_file()
