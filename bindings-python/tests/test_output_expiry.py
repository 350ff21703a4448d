"""A batch's lot expires no later than what it was made from (on by
default, per item), through Python. Dates worked by hand from the clock
(2026-03-02): 180 days later is 2026-08-29."""

import datetime as dt
from typing import Any, Optional

import pytest

from lotwise import Lotwise, NewRecipeInput


def oat_bars(lw: Lotwise, capped: Optional[bool], category: Any = "food") -> Optional[dt.date]:
    lw.define_item("OATS", "Rolled oats", "material", "kg")
    lw.define_item(
        "BAR",
        "Oat bar",
        "product",
        "pcs",
        shelf_life_days=180,
        category=category,
        expiry_capped_by_inputs=capped,
    )
    lw.define_recipe("BAR", "1 pcs", [NewRecipeInput("OATS", "150 g")])
    lw.receive("OATS", "5 kg", expiry=dt.date(2026, 5, 27))
    mo = lw.create_stock_mo("BAR", "10 pcs").mo
    lw.start_mo(mo.id)
    done = lw.complete_mo(mo.id)
    assert done.output is not None
    return lw.lot(done.output.lot).expiry


def test_food_expires_with_its_oats_by_default(lw: Lotwise) -> None:
    assert oat_bars(lw, None) == dt.date(2026, 5, 27)
    bar = lw.item("BAR")
    assert (bar.category, bar.expiry_capped_by_inputs) == ("food", True)


def test_other_goods_keep_their_own_shelf_life_by_default(lw: Lotwise) -> None:
    assert oat_bars(lw, None, category=None) == dt.date(2026, 8, 29)
    assert lw.item("BAR").category == "other"


def test_a_product_may_keep_its_own_shelf_life(lw: Lotwise) -> None:
    assert oat_bars(lw, False) == dt.date(2026, 8, 29)
    assert lw.item("BAR").expiry_capped_by_inputs is False


def test_the_setting_takes_a_bool_only(lw: Lotwise) -> None:
    zero: Any = 0
    with pytest.raises(TypeError, match="expiry_capped_by_inputs"):
        lw.define_item("X", "X", "product", "pcs", expiry_capped_by_inputs=zero)
    assert lw.items() == ()
