"""The catalog commands of `Lotwise`: items (units, packs, shelf life,
reorder points), recipes and locations, defined and read back.
"""

import json
from typing import Any, Dict, Iterable, Mapping, Optional, Tuple

from . import _native
from ._args import count, flag, qty_json
from ._codec import DecimalLike, decimal_text, drop_none, enum_value, shape, to_decimal
from ._records import ItemCategory
from .inputs import NewRecipeInput, operation_json
from .types import Item, Location, Operation, Recipe
from .values import ItemKind, LocationKind, Qty, QtyLike, Tracking, to_qty

_dumps = json.dumps

# Result shapes are compiled once from the records' type hints; the native
# module builds each call's result as its shape says.
_ITEM: _native.Shape[Item] = shape(Item)
_ITEMS: _native.Shape[Tuple[Item, ...]] = shape(Tuple[Item, ...])
_RECIPE: _native.Shape[Recipe] = shape(Recipe)
_LOCATION: _native.Shape[Location] = shape(Location)
_LOCATIONS: _native.Shape[Tuple[Location, ...]] = shape(Tuple[Location, ...])


class CatalogApi:
    """Catalog commands of `Lotwise`: items, recipes and locations."""

    __slots__ = ()
    _inner: _native.Engine

    def _run(self, name: str, args: Dict[str, Any]) -> Any:
        raise NotImplementedError  # the engine handle provides it

    def define_item(
        self,
        sku: str,
        name: str,
        kind: ItemKind,
        uom: str,
        *,
        tracking: Optional[Tracking] = None,
        shelf_life_days: Optional[int] = None,
        min_remaining_shelf_life_days: Optional[int] = None,
        lead_time_days: Optional[int] = None,
        reorder_point: Optional[QtyLike] = None,
        reorder_qty: Optional[QtyLike] = None,
        category: Optional[ItemCategory] = None,
        expiry_capped_by_inputs: Optional[bool] = None,
        packs: Optional[Mapping[str, QtyLike]] = None,
        display_unit: Optional[str] = None,
    ) -> Item:
        """Defines an item; `uom` is any unit of its dimension (``"kg"``, ``"lb"``,
        ``"fl oz"``…; stock is kept in the base unit, and `uom` is the item's
        display unit unless `display_unit` names another, or one of its packs).
        `packs` names pack units of the item in order, a later one may be given
        in an earlier one: ``{"box": "12 pcs", "case": "4 box"}``; then
        ``"2 box"`` is a quantity of it anywhere.
        Arguments left None take the core's defaults (`tracking`: ``lot``;
        `category`: ``other``; `expiry_capped_by_inputs`: True for ``food``
        and ``cosmetic`` items, so a batch's lot expires no later than the
        earliest expiring lot it consumed, False for other goods)."""
        new = {
            "sku": sku,
            "name": name,
            "kind": enum_value(ItemKind, kind, "new_item.kind"),
            "uom": _native.parse_uom(uom),
            "tracking": None
            if tracking is None
            else enum_value(Tracking, tracking, "new_item.tracking"),
            "shelf_life_days": count(shelf_life_days, "shelf_life_days"),
            "min_remaining_shelf_life_days": count(
                min_remaining_shelf_life_days, "min_remaining_shelf_life_days"
            ),
            "lead_time_days": count(lead_time_days, "lead_time_days"),
            "reorder_point": qty_json(reorder_point, "reorder_point"),
            "reorder_qty": qty_json(reorder_qty, "reorder_qty"),
            "category": None
            if category is None
            else enum_value(ItemCategory, category, "new_item.category"),
            "expiry_capped_by_inputs": flag(expiry_capped_by_inputs, "expiry_capped_by_inputs"),
            "packs": None
            if packs is None
            else [
                {"name": name, "qty": qty_json(q, f"packs[{name!r}]")} for name, q in packs.items()
            ],
            "display_unit": None if display_unit is None else _native.parse_unit(display_unit),
        }
        return self._inner.define_item(_ITEM, _dumps(drop_none(new)))

    def define_recipe(
        self,
        product: str,
        batch_size: QtyLike,
        inputs: Iterable[NewRecipeInput],
        *,
        yield_pct: Optional[DecimalLike] = None,
        operations: Iterable[Operation] = (),
    ) -> Recipe:
        """Defines (a new version of) a product's recipe: inputs per `batch_size`."""
        new = {
            "product": product,
            "batch_size": Qty._to_json(to_qty(batch_size, "batch_size")),
            "inputs": [_recipe_input(i)._json() for i in inputs],
            "yield_pct": None
            if yield_pct is None
            else decimal_text(to_decimal(yield_pct, "yield_pct")),
            "operations": [operation_json(_operation(op)) for op in operations],
        }
        return self._inner.define_recipe(_RECIPE, _dumps(drop_none(new)))

    def define_location(self, code: str, name: str, kind: Optional[LocationKind] = None) -> Location:
        """Defines a location (``internal``, one that holds stock, unless `kind` says otherwise)."""
        if kind is None:
            located: Location = self._run("define_location", {"code": code, "name": name})
            return located
        return self._inner.define_location(
            _LOCATION, code, name, enum_value(LocationKind, kind, "kind")
        )

    def item(self, sku: str) -> Item:
        """The item with this SKU."""
        return self._inner.item(_ITEM, sku)

    def items(self) -> Tuple[Item, ...]:
        """Every item, by SKU."""
        return self._inner.items(_ITEMS)

    def recipe(self, product: str) -> Recipe:
        """The newest recipe of a product."""
        return self._inner.recipe(_RECIPE, product)

    def locations(self) -> Tuple[Location, ...]:
        """Every location."""
        return self._inner.locations(_LOCATIONS)


def _recipe_input(value: Any) -> NewRecipeInput:
    if not isinstance(value, NewRecipeInput):
        raise TypeError(f"inputs: expected NewRecipeInput items, got {type(value).__name__}")
    return value


def _operation(value: Any) -> Operation:
    if not isinstance(value, Operation):
        raise TypeError(f"operations: expected Operation items, got {type(value).__name__}")
    return value
