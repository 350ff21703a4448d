"""Inputs for the commands that take structured data (recipes, orders, shipments).

Each class is a frozen dataclass named like its Rust counterpart. Constructors
accept the convenient forms (``"2.4 kg"`` for a `Qty`, ``"18.00 USD"`` for
`Money`, an int or str for a decimal) and check them at once: a float is a
TypeError, a malformed quantity an `InvalidQuantity`.

    >>> NewOrderLine("CANDLE", "3 pcs", unit_price="18.00 USD")
    NewOrderLine(sku='CANDLE', qty=Qty('3 pcs'), unit_price=Money('18.00 USD'), ...)
"""

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, Iterable, Optional, Tuple

from ._codec import DecimalLike, check_date, decimal_text, drop_none, to_decimal
from ._records import ElapsedStep
from .types import Address, Customer, Operation
from .values import Money, MoneyLike, Qty, QtyLike, to_money, to_qty

__all__ = ["NewOrder", "NewOrderLine", "NewRecipeInput", "ShipLine"]


@dataclass(frozen=True, init=False)
class NewRecipeInput:
    """One input of a recipe: `qty` per batch, plus `scrap_pct` extra."""

    sku: str
    qty: Qty
    scrap_pct: Decimal

    def __init__(self, sku: str, qty: QtyLike, scrap_pct: DecimalLike = 0) -> None:
        object.__setattr__(self, "sku", sku)
        object.__setattr__(self, "qty", to_qty(qty, f"inputs[{sku}].qty"))
        object.__setattr__(self, "scrap_pct", to_decimal(scrap_pct, "scrap_pct"))

    def _json(self) -> Dict[str, Any]:
        return {
            "sku": self.sku,
            "qty": Qty._to_json(self.qty),
            "scrap_pct": decimal_text(self.scrap_pct),
        }


@dataclass(frozen=True, init=False)
class NewOrderLine:
    """A line of a new order. `lot` pins a lot; `min_remaining_shelf_life_days`
    refuses lots expiring sooner."""

    sku: str
    qty: Qty
    unit_price: Optional[Money]
    requested_date: Optional[_dt.date]
    lot: Optional[str]
    min_remaining_shelf_life_days: Optional[int]

    def __init__(
        self,
        sku: str,
        qty: QtyLike,
        *,
        unit_price: Optional[MoneyLike] = None,
        requested_date: Optional[_dt.date] = None,
        lot: Optional[str] = None,
        min_remaining_shelf_life_days: Optional[int] = None,
    ) -> None:
        object.__setattr__(self, "sku", sku)
        object.__setattr__(self, "qty", to_qty(qty, "qty"))
        object.__setattr__(
            self, "unit_price", None if unit_price is None else to_money(unit_price, "unit_price")
        )
        object.__setattr__(
            self,
            "requested_date",
            None if requested_date is None else check_date(requested_date, "requested_date"),
        )
        object.__setattr__(self, "lot", lot)
        object.__setattr__(self, "min_remaining_shelf_life_days", min_remaining_shelf_life_days)

    def _json(self) -> Dict[str, Any]:
        return drop_none(
            {
                "sku": self.sku,
                "qty": Qty._to_json(self.qty),
                "unit_price": None if self.unit_price is None else Money._to_json(self.unit_price),
                "requested_date": None
                if self.requested_date is None
                else self.requested_date.isoformat(),
                "lot": self.lot,
                "min_remaining_shelf_life_days": self.min_remaining_shelf_life_days,
            }
        )


@dataclass(frozen=True, init=False)
class NewOrder:
    """An order to place. Orders with the same (`channel`, `external_ref`) are
    stored once: placing one again with the same content is a no-op."""

    channel: str
    customer: Customer
    lines: Tuple[NewOrderLine, ...]
    external_ref: Optional[str]
    ship_to: Optional[Address]
    tags: Tuple[str, ...]
    notes: Optional[str]

    def __init__(
        self,
        channel: str,
        customer: Customer,
        lines: Iterable[NewOrderLine],
        *,
        external_ref: Optional[str] = None,
        ship_to: Optional[Address] = None,
        tags: Iterable[str] = (),
        notes: Optional[str] = None,
    ) -> None:
        if isinstance(customer, str):
            raise TypeError("customer: expected a lotwise.Customer, e.g. Customer('Grace Hopper')")
        object.__setattr__(self, "channel", channel)
        object.__setattr__(self, "customer", customer)
        object.__setattr__(self, "lines", tuple(lines))
        object.__setattr__(self, "external_ref", external_ref)
        object.__setattr__(self, "ship_to", ship_to)
        object.__setattr__(self, "tags", tuple(tags))
        object.__setattr__(self, "notes", notes)

    def _json(self) -> Dict[str, Any]:
        ship_to = self.ship_to
        return drop_none(
            {
                "channel": self.channel,
                "external_ref": self.external_ref,
                "customer": drop_none({"name": self.customer.name, "email": self.customer.email}),
                "ship_to": None
                if ship_to is None
                else drop_none(
                    {
                        "name": ship_to.name,
                        "line1": ship_to.line1,
                        "line2": ship_to.line2,
                        "city": ship_to.city,
                        "region": ship_to.region,
                        "postal_code": ship_to.postal_code,
                        "country": ship_to.country,
                    }
                ),
                "lines": [line._json() for line in self.lines],
                "tags": list(self.tags),
                "notes": self.notes,
            }
        )


@dataclass(frozen=True, init=False)
class ShipLine:
    """A line to ship: everything ready on it when `qty` is None."""

    line: int
    qty: Optional[Qty]

    def __init__(self, line: int, qty: Optional[QtyLike] = None) -> None:
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "qty", None if qty is None else to_qty(qty, "qty"))

    def _json(self) -> Dict[str, Any]:
        return drop_none(
            {"line": self.line, "qty": None if self.qty is None else Qty._to_json(self.qty)}
        )


def operation_json(op: Operation) -> Dict[str, Any]:
    """The core's JSON of an `Operation` input."""
    return {
        "work_center": op.work_center,
        "setup_minutes": decimal_text(op.setup_minutes),
        "run_minutes_per_unit": decimal_text(op.run_minutes_per_unit),
        "run_unit": op.run_unit,
        "elapsed": None if op.elapsed is None else _elapsed_json(op.elapsed),
    }


def _elapsed_json(step: ElapsedStep) -> Dict[str, Any]:
    from .planning import Calendar, _calendar  # planning imports this module

    calendar = None if step.calendar is None else Calendar._to_json(_calendar(step.calendar, "calendar"))
    return {"name": step.name, "days": decimal_text(step.days), "calendar": calendar}
