"""The optional pandas helpers: one row per thing, Decimals kept exact."""

from decimal import Decimal

import pytest

from lotwise import Customer, Lotwise, NewOrder, NewOrderLine, frames

from conftest import CANDLE, JAR, WAX

pd = pytest.importorskip("pandas")


def test_frames_show_orders_stock_shortages_and_mos(shop: Lotwise) -> None:
    o = shop.place_order(NewOrder("etsy", Customer("Grace"), [NewOrderLine(CANDLE, "14 pcs", unit_price="24.00 USD")])).order
    report = shop.confirm_order(o.id)

    orders = shop.orders_frame()
    assert list(orders["order"]) == [o.id]
    assert orders.loc[0, "qty"] == Decimal(14) and isinstance(orders.loc[0, "unit_price"], Decimal)

    stock = shop.stock_frame([WAX, JAR])
    assert list(stock["sku"]) == [WAX, JAR]
    assert stock.set_index("sku").loc[WAX, "reserved"] == Decimal("4896")

    shortages = frames.shortages_frame(report)
    assert shortages.to_dict("records") == [
        {"needed_for": "MO-000001", "sku": JAR, "missing": Decimal(18)}
    ]
    assert frames.shortages_frame([]).empty

    mos = frames.mos_frame(shop)
    assert mos.loc[0, "mo"] == "MO-000001" and mos.loc[0, "allocated"] == Decimal(14)

    lots = frames.lots_frame(shop, [WAX])
    assert list(lots["lot"]) == ["SW-A"]
    assert lots.loc[0, "expiry"].isoformat() == "2027-01-31"
