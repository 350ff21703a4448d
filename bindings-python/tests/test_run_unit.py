"""Run time per the unit the recipe is written in, through Python:
1.5 minutes per kg on a 10 kg batch, plus 10 minutes of setup, books 25."""

import pytest

import lotwise
from lotwise import Customer, Lotwise, NewOrder, NewOrderLine, NewRecipeInput, Operation


def test_run_minutes_count_per_the_batch_sizes_unit(lw: Lotwise) -> None:
    lw.define_work_center("MIX", "Mixing kettle", lotwise.Calendar(["Mon", "Tue", "Wed", "Thu", "Fri"], "8"))
    lw.define_item("OIL", "Olive oil", "material", "kg")
    lw.define_item("BASE", "Soap base", "product", "kg")
    recipe = lw.define_recipe(
        "BASE", "10 kg", [NewRecipeInput("OIL", "7 kg")], operations=[Operation("MIX", 10, "1.5")]
    )
    assert recipe.operations[0].run_unit == "kg"
    lw.receive("OIL", "7 kg")
    order = lw.place_order(NewOrder("manual", Customer("Ada"), [NewOrderLine("BASE", "10 kg")])).order
    made = lw.confirm_order(order.id)
    booking = lw.booking(made.mos[0])
    assert booking is not None and booking.operations[0].minutes == 25


def test_a_run_unit_of_another_dimension_is_refused(lw: Lotwise) -> None:
    lw.define_item("OIL", "Olive oil", "material", "kg")
    lw.define_item("BASE", "Soap base", "product", "kg")
    with pytest.raises(lotwise.UnitMismatch):
        lw.define_recipe("BASE", "10 kg", [NewRecipeInput("OIL", "7 kg")], operations=[Operation("MIX", 0, 1, "pcs")])
    with pytest.raises(lotwise.InvalidInput) as info:
        Operation("MIX", 0, 1, "stone")  # type: ignore[arg-type]
    assert info.value.field == "run_unit"
    with pytest.raises(lotwise.NoRecipe):
        lw.recipe("BASE")
