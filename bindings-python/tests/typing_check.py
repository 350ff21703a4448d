"""Checked with `mypy --strict` (not run): the public API's types are what a
user expects, like lancedb's python/type_tests."""

import datetime as dt
from decimal import Decimal
from typing import Optional, Tuple

from typing_extensions import assert_type

import lotwise
from lotwise import Customer, NewOrder, NewOrderLine, NewRecipeInput, Qty


def check(lw: lotwise.Lotwise) -> None:
    assert_type(lotwise.open(":memory:"), lotwise.Lotwise)
    assert_type(lw.define_item("W", "Wax", "material", "kg"), lotwise.Item)
    assert_type(lw.define_recipe("C", "12 pcs", [NewRecipeInput("W", "2 kg")]), lotwise.Recipe)
    assert_type(lw.receive("W", Qty(Decimal("2.5"), "kg"), expiry=dt.date(2027, 1, 1)), lotwise.Lot)
    placed = lw.place_order(NewOrder("etsy", Customer("Grace"), [NewOrderLine("C", "3 pcs")]))
    assert_type(placed.order.lines[0].qty.value, Decimal)
    assert_type(placed.order.placed_at, dt.datetime)
    report = lw.confirm_order(placed.order.id)
    assert_type(report.status, lotwise.OrderStatus)
    assert_type(report.reserved.get(1), Optional[Decimal])
    assert_type(report.shortages[0].missing, Decimal)
    assert_type(lw.stock("W").available, Decimal)
    assert_type(lw.recall("L").customers, Tuple[str, ...])
    assert_type(lw.order_by_external("etsy", "1"), Optional[lotwise.SalesOrder])
    assert_type(lw.event_cursor("mailer"), int)
    results = lw.import_payloads("shopify", [b"{}"], sku_map={"X": "C", 1: lotwise.SkuTarget("C")})
    assert_type(results[0].status, lotwise.ImportStatus)
    assert_type(lotwise.verify_shopify_webhook(b"s", {"X-Shopify-Hmac-Sha256": "x"}, b"{}"), bool)
    page = lw.desk(lotwise.DeskQuery(statuses=("placed",), limit=25))
    assert_type(page.next_cursor, Optional[str])
    assert_type(page.orders[0].total, Optional[lotwise.Money])
    assert_type(lw.bulk_cancel(["SO-000001"])[0].ok, bool)
    assert_type(lw.analytics(top=5).on_time.rate, Optional[Decimal])
    assert_type(lw.trace_dot("L"), str)
    promise = lw.promise_lines([NewOrderLine("C", "3 pcs")], lotwise.PromiseOptions("GROUND"))
    assert_type(promise.promised_date, dt.date)
    assert_type(promise.lines[0].on_time, Optional[bool])
    assert_type(promise.lines[0].basis.start, Optional[dt.datetime])
    assert_type(lw.booking("MO-000001"), Optional[lotwise.Booking])
    now = dt.datetime(2026, 3, 6, tzinfo=dt.timezone.utc)
    assert_type(lw.schedule(now, now)[0].minutes, int)
    center = lw.define_work_center("POUR", "pouring line", lotwise.Calendar.mon_to_fri("7.5"))
    assert_type(center.calendar.hours_per_day, Decimal)
    try:
        lw.stock("NOPE")
    except lotwise.InsufficientStock as e:
        assert_type(e.requested, Decimal)
        assert_type(e.code, str)
    except lotwise.LotExpired as e:
        assert_type(e.expiry, dt.date)
