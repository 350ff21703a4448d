"""The optional pandas helpers: one row per thing, Decimals kept exact."""

from decimal import Decimal
from typing import Any, Dict, List

import pytest

import lotwise
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


def test_stock_and_mo_frames_are_one_call_each(shop: Lotwise, monkeypatch: pytest.MonkeyPatch) -> None:
    """The frames ask the core's read models (`stock_levels`, `mo_summaries`):
    one call and one read transaction each, not a call per item, and the
    totals are the core's."""
    o = shop.place_order(NewOrder("etsy", Customer("Grace"), [NewOrderLine(CANDLE, "14 pcs")])).order
    shop.confirm_order(o.id)
    # What the per-item calls answer, before the spy goes in.
    items = shop.items()
    levels = {i.sku: shop.stock(i.sku) for i in items}
    mos = shop.mos()

    ran: List[str] = []
    run = Lotwise._run

    def spy(self: Lotwise, name: str, args: Dict[str, Any]) -> Any:
        ran.append(name)
        return run(self, name, args)

    def refused(*_: Any, **__: Any) -> Any:
        raise AssertionError("a frame asked for a row at a time")

    monkeypatch.setattr(Lotwise, "_run", spy)
    for name in ("items", "item", "stock", "mos", "mo"):
        monkeypatch.setattr(Lotwise, name, refused)

    stock = frames.stock_frame(shop)
    assert ran == ["stock_levels"]
    assert list(stock["sku"]) == sorted(levels)
    by_sku = stock.set_index("sku")
    for item in items:
        level = levels[item.sku]
        row = by_sku.loc[item.sku]
        assert (row["name"], row["kind"], row["uom"]) == (item.name, item.kind, item.uom)
        assert (row["on_hand"], row["reserved"], row["available"]) == (
            level.on_hand, level.reserved, level.available,
        )
        assert isinstance(row["available"], Decimal)

    lots = frames.lots_frame(shop, [JAR, WAX])
    assert ran == ["stock_levels"] * 2
    expected = [(sku, lot.lot, lot.location, lot.expiry, lot.on_hand, lot.reserved)
                for sku in (JAR, WAX) for lot in levels[sku].lots]
    assert [tuple(r) for r in lots[["sku", "lot", "location", "expiry", "on_hand", "reserved"]].itertuples(index=False)] == expected

    table = frames.mos_frame(shop)
    assert ran == ["stock_levels"] * 2 + ["mo_summaries"]
    assert list(table["mo"]) == [mo.id for mo in mos]
    assert list(table["allocated"]) == [sum((a.qty for a in mo.allocations), Decimal(0)) for mo in mos]
    assert all(isinstance(a, Decimal) for a in table["allocated"])
    assert list(frames.mos_frame(shop, reversed(mos))["mo"]) == [mo.id for mo in reversed(mos)]
    assert frames.mos_frame(shop, []).empty

    with pytest.raises(lotwise.UnknownSku):
        frames.stock_frame(shop, [WAX, "NOPE"])
