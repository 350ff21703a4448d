"""Units, packs and costs through Python: the facade's new parameters
(`packs`, `display_unit`, `unit_cost`, `exchange_rate`, supplier prices,
purchase-order line costs) and the generated costing methods."""

from decimal import Decimal

import pytest

import lotwise
from lotwise import (
    Customer,
    Lotwise,
    Money,
    NewOrder,
    NewOrderLine,
    NewPoLine,
    NewSupplierItem,
    PoReceiptLine,
    Qty,
    SkuTarget,
)


def test_sixteen_ounces_are_exactly_a_pound(lw: Lotwise) -> None:
    item = lw.define_item("WAX", "Soy wax", "material", "lb")
    assert (item.uom, item.display_unit) == ("g", "lb")
    lw.receive("WAX", "16 oz")
    assert lw.stock("WAX").on_hand == Decimal("453.59237")
    assert lw.convert_qty(sku="WAX", qty="453.59237 g") == Qty(1, "lb")
    assert Qty("16", "oz") == Qty("1", "lb")
    assert Qty("1", "kg") + Qty("1", "lb") == Qty("1453.59237", "g")


def test_two_boxes_reserve_24_bars(lw: Lotwise) -> None:
    item = lw.define_item("BAR", "Lavender bar", "product", "pcs", packs={"box": "12 pcs", "case": "4 box"})
    assert [(p.name, p.qty) for p in item.packs] == [("box", Decimal("12")), ("case", Decimal("48"))]
    lw.receive("BAR", Qty(3, "box"))
    order = lw.place_order(NewOrder("manual", Customer("Ada"), [NewOrderLine("BAR", "2 box", unit_price="30.00 USD")])).order
    assert order.lines[0].qty == Qty(24, "pcs")
    report = lw.confirm_order(order.id)
    assert report.reserved == {1: Decimal("24")}
    lw.define_item("CANDLE", "Candle", "product", "pcs")
    with pytest.raises(lotwise.PackUnitMismatch) as info:
        lw.receive("CANDLE", "2 box")
    assert (info.value.unit, info.value.sku, info.value.pack_of) == ("box", "CANDLE", ("BAR",))


def test_a_sku_target_is_checked_when_built(lw: Lotwise) -> None:
    assert SkuTarget("BAR", "2 box").uom == "2 box"
    with pytest.raises(lotwise.UnknownUnit):
        SkuTarget("BAR", "box of 12")


def test_costs_flow_from_receipts_to_margin(lw: Lotwise) -> None:
    lw.set_cost_settings(currency="USD", overhead_pct="0")
    lw.define_item("SOAP", "Olive soap", "product", "pcs", packs={"box": "6 pcs"})
    # 18.00 USD a box of 6 is 3.00 USD a bar.
    lot = lw.receive("SOAP", "2 box", unit_cost="18.00 USD")
    assert lot.unit_cost == Money("3", "USD")
    order = lw.place_order(NewOrder("manual", Customer("Ada"), [NewOrderLine("SOAP", "4 pcs", unit_price="5.00 USD")])).order
    lw.confirm_order(order.id)
    shipment = lw.ship(order.id, carrier="USPS", tracking="1")
    assert shipment.cost_of_goods == Money("12.00", "USD")
    margin = lw.order_margin(id=order.id)
    # 4 × 5.00 − 4 × 3.00 = 8.00.
    assert margin.margin == Money("8.00", "USD")
    assert lw.stock_valuation().value == Decimal("24")
    assert lw.cost_flows().unaccounted == 0
    with pytest.raises(lotwise.MoneyPrecision) as info:
        lw.receive("SOAP", "1 pcs", unit_cost="4.0123456789 USD")
    assert info.value.max_places == 6
    with pytest.raises(lotwise.CurrencyMismatch):
        lw.receive("SOAP", "1 pcs", unit_cost="4.00 EUR")
    eur = lw.receive("SOAP", "1 pcs", unit_cost="4.00 EUR", exchange_rate="1.25")
    assert eur.unit_cost == Money("5", "USD")


def test_supplier_prices_cost_purchase_orders(lw: Lotwise) -> None:
    lw.define_item("OIL", "Olive oil", "material", "kg", packs={"drum": "25 kg"})
    lw.define_supplier("OLIVA", "Oliva", 3, items=[NewSupplierItem("OIL", price="75.00 USD", price_per="1 drum")])
    po = lw.create_po("OLIVA", [NewPoLine("OIL", "2 drum"), NewPoLine("OIL", "5 kg", unit_cost="2.80 USD")])
    # 75.00 per 25 000 g is 0.003 a gram; 2.80 a kg is 0.0028.
    assert [line.unit_cost for line in po.lines] == [Money("0.003", "USD"), Money("0.0028", "USD")]
    lw.send_po(po.id)
    received = lw.receive_po(po.id, [PoReceiptLine(1, "1 drum"), PoReceiptLine(1, "1 drum", unit_cost="80.00 USD")])
    assert received.lots[0].unit_cost == Money("0.003", "USD")
    # Invoiced at 80.00 a drum: 0.0032 a gram.
    assert received.lots[1].unit_cost == Money("0.0032", "USD")


def test_a_jpy_total_has_no_decimals(lw: Lotwise) -> None:
    lw.define_item("TIN", "Tin", "packaging", "pcs")
    lw.place_order(NewOrder("manual", Customer("Yuki"), [NewOrderLine("TIN", "3 pcs", unit_price="4.999 JPY")]))
    (row,) = lw.desk().orders
    assert str(row.total) == "15 JPY"
