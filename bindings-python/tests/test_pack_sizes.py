"""Purchase suggestions in the supplier's whole packs, through Python:
6302.635 g of lye short, sold in 1 kg packs, is 7 packs (7000 g)."""

from decimal import Decimal

import pytest

import lotwise
from lotwise import Customer, Lotwise, NewOrder, NewOrderLine, NewRecipeInput, NewSupplierItem


def test_lye_is_bought_in_whole_packs(lw: Lotwise) -> None:
    lw.define_item("NAOH", "Sodium hydroxide", "material", "kg")
    lw.define_item("SOAP", "Olive soap", "product", "pcs")
    lw.define_recipe("SOAP", "1 pcs", [NewRecipeInput("NAOH", "6302.635 g")])
    lw.define_supplier("LYECO", "Lye Co", 3, items=[NewSupplierItem("NAOH", pack_size="1 kg")])
    order = lw.place_order(NewOrder("manual", Customer("Ada"), [NewOrderLine("SOAP", "1 pcs")])).order
    lw.confirm_order(order.id)
    (lye,) = lw.purchase_suggestions().suggestions
    assert (lye.sku, lye.supplier, lye.qty, lye.packs) == ("NAOH", "LYECO", Decimal("7000"), Decimal("7"))
    assert lye.rounding == Decimal("697.365")
    assert "697.365 g more to make 7 whole packs of 1000 g" in lye.explanation
    assert lw.supplier("LYECO").items[0].pack_size == Decimal("1000")


def test_a_pack_of_nothing_is_refused(lw: Lotwise) -> None:
    lw.define_item("NAOH", "Sodium hydroxide", "material", "kg")
    with pytest.raises(lotwise.InvalidQuantity) as info:
        lw.define_supplier("LYECO", "Lye Co", 3, items=[NewSupplierItem("NAOH", pack_size="0 kg")])
    assert info.value.field == "items[0].pack_size"
    assert lw.suppliers() == ()
