"""The make-to-order flow from Python: a candle order from placing to the recall
of a wax lot. Run it with `python examples/make_to_order.py` once the binding is
installed (`scripts/python.sh` or `pip install ./bindings-python`).
"""

import datetime as dt
from decimal import Decimal

import lotwise
from lotwise import Customer, NewOrder, NewOrderLine, NewRecipeInput


def main() -> None:
    clock = lotwise.FixedClock(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc))
    lw = lotwise.open(":memory:", clock=clock)

    lw.define_item("WAX-SOY", "Golden Wax 464 soy wax", "material", "kg", shelf_life_days=730)
    lw.define_item("JAR-AMBER-8OZ", "Amber jar 8 oz", "packaging", "pcs")
    lw.define_item("CANDLE-LAV-8OZ", "Lavender soy candle 8 oz", "product", "pcs")
    lw.define_recipe(
        "CANDLE-LAV-8OZ",
        "12 pcs",
        [NewRecipeInput("WAX-SOY", "2.4 kg", scrap_pct=2), NewRecipeInput("JAR-AMBER-8OZ", "12 pcs")],
    )
    wax = lw.receive("WAX-SOY", "10 kg", supplier_lot_ref="GW-88123")
    lw.receive("JAR-AMBER-8OZ", "6 pcs")
    print(f"received wax lot {wax.code}; jars on hand: {lw.stock('JAR-AMBER-8OZ').on_hand}")

    placed = lw.place_order(
        NewOrder(
            "etsy",
            Customer("Grace Hopper", "grace@example.com"),
            [NewOrderLine("CANDLE-LAV-8OZ", "3 pcs", unit_price="18.00 USD")],
            external_ref="3141592",
        )
    )
    order_id = placed.order.id
    report = lw.confirm_order(order_id)
    print(f"{order_id} confirmed: {report.status}, batches {', '.join(report.mos)}")
    for s in report.shortages:
        print(f"  short: {s.missing} {lw.item(s.sku).uom} of {s.sku} for {s.needed_for}")

    jars = sum((s.missing for s in report.shortages if s.sku == "JAR-AMBER-8OZ"), Decimal(0))
    lw.receive("JAR-AMBER-8OZ", lotwise.Qty(jars, "pcs"))
    mo = report.mos[0]
    print(f"jars arrived; {mo} is {lw.mo(mo).status}")

    lw.start_mo(mo)
    clock.advance_days(1)
    done = lw.complete_mo(mo)
    assert done.output is not None
    print(f"{mo} made lot {done.output.lot} ({done.output.good} pcs); order is {lw.order(order_id).status}")

    shipment = lw.ship(order_id, carrier="USPS", tracking="9400111899220000000001")
    print(f"{shipment.id} shipped {sum((l.qty for l in shipment.lines), Decimal(0))} pcs by {shipment.carrier}")

    recall = lw.recall(wax.code)
    print(f"recall of {wax.code}: customers {', '.join(recall.customers)}; "
          f"still on the shelf: {recall.lots[0].on_hand} g")
    try:
        lw.cancel_order(order_id)
    except lotwise.InvalidTransition as e:
        print(f"cannot cancel: {e.code} (order is {e.from_})")
    print(f"wax left: {lw.stock('WAX-SOY').available} g; invariants hold: {lw.check_invariants() == ()}")


if __name__ == "__main__":
    main()
