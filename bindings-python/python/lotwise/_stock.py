"""The stock commands of `Lotwise`: receiving goods into lots, correcting
counts, and reading stock levels, lots, the movement ledger, balances and
reservations.
"""

import datetime as _dt
import json
from typing import Optional, Tuple

from . import _native
from ._args import qty_json
from ._codec import DecimalLike, check_date, decimal_text, drop_none, shape, to_decimal
from .types import Balance, Lot, Movement, Reservation, StockLevel
from .values import MoneyLike, QtyLike, to_money

_dumps = json.dumps

# Result shapes are compiled once from the records' type hints; the native
# module builds each call's result as its shape says.
_LOT: _native.Shape[Lot] = shape(Lot)
_LOTS: _native.Shape[Tuple[Lot, ...]] = shape(Tuple[Lot, ...])
_MOVEMENT: _native.Shape[Movement] = shape(Movement)
_MOVEMENTS: _native.Shape[Tuple[Movement, ...]] = shape(Tuple[Movement, ...])
_BALANCES: _native.Shape[Tuple[Balance, ...]] = shape(Tuple[Balance, ...])
_RESERVATIONS: _native.Shape[Tuple[Reservation, ...]] = shape(Tuple[Reservation, ...])
_STOCK: _native.Shape[StockLevel] = shape(StockLevel)


class StockApi:
    """Stock commands of `Lotwise`: receipts, adjustments, lots and the ledger."""

    __slots__ = ()
    _inner: _native.Engine

    def receive(
        self,
        sku: str,
        qty: QtyLike,
        *,
        lot: Optional[str] = None,
        expiry: Optional[_dt.date] = None,
        supplier_lot_ref: Optional[str] = None,
        location: Optional[str] = None,
        unit_cost: Optional[MoneyLike] = None,
        exchange_rate: Optional[DecimalLike] = None,
    ) -> Lot:
        """Receives goods from a supplier into `location` (``MAIN``); returns the lot.
        `unit_cost` is what one unit of `qty`'s unit cost (``"2.50 USD"`` for
        ``"10 kg"`` is 2.50 a kilogram), in the shop's cost currency or, with
        `exchange_rate` (cost currency per unit of its currency), another."""
        receipt = {
            "sku": sku,
            "qty": qty_json(qty, "qty"),
            "lot": lot,
            "expiry": None if expiry is None else check_date(expiry, "expiry").isoformat(),
            "supplier_lot_ref": supplier_lot_ref,
            "location": location,
            "unit_cost": None if unit_cost is None else str(to_money(unit_cost, "unit_cost")),
            "exchange_rate": None
            if exchange_rate is None
            else decimal_text(to_decimal(exchange_rate, "exchange_rate")),
        }
        return self._inner.receive(_LOT, _dumps(drop_none(receipt)))

    def adjust_stock(
        self,
        sku: str,
        lot: str,
        delta: QtyLike,
        reason: str,
        *,
        location: Optional[str] = None,
    ) -> Movement:
        """Corrects the count of one lot: `delta` is signed (``"-2 pcs"``)."""
        adjustment = {
            "sku": sku,
            "lot": lot,
            "location": location,
            "delta": qty_json(delta, "delta"),
            "reason": reason,
        }
        return self._inner.adjust_stock(_MOVEMENT, _dumps(drop_none(adjustment)))

    def stock(self, sku: str) -> StockLevel:
        """Stock of an item at internal locations, in its base unit."""
        return self._inner.stock(_STOCK, sku)

    def lot(self, code: str) -> Lot:
        """The lot with this code."""
        return self._inner.lot(_LOT, code)

    def lots_of_item(self, sku: str) -> Tuple[Lot, ...]:
        """Every lot of an item."""
        return self._inner.lots_of_item(_LOTS, sku)

    def movements(self) -> Tuple[Movement, ...]:
        """The whole ledger, oldest first."""
        return self._inner.movements(_MOVEMENTS)

    def balances(self) -> Tuple[Balance, ...]:
        """Every non-zero balance."""
        return self._inner.balances(_BALANCES)

    def reservations(self) -> Tuple[Reservation, ...]:
        """Every reservation."""
        return self._inner.reservations(_RESERVATIONS)
