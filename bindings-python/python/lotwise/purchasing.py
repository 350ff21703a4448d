"""Suppliers, purchase orders and replenishment: what to buy, what to make for stock.

    >>> lw.define_supplier("GW", "Golden Wax Co", lead_time_days=7,
    ...                    items=[NewSupplierItem("WAX-SOY", min_order_qty="25 kg")])
    >>> po = lw.create_po("GW", [NewPoLine("WAX-SOY", "25 kg")])
    >>> lw.send_po(po.id); lw.receive_po(po.id, [PoReceiptLine(1, "25 kg", lot="SW-9")])
    >>> lw.purchase_suggestions().suggestions   # shortages and reorder points, per supplier
"""

import datetime as _dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Literal, Optional, Tuple

from . import _native
from ._codec import check_date, drop_none, shape
from .types import Lot, ManufacturingOrder, Shortage
from .values import Money, MoneyLike, Qty, QtyLike, to_money, to_qty
from ._records import (  # generated from the schema
    SupplierItem,
    Supplier,
    PoReceiptRecord,
    PoLine,
    PurchaseOrder,
    PoReceived,
    OpenPoLine,
    NeedCover,
    PurchaseSuggestion,
    PurchasePlan,
    ProductionSuggestion,
    StockMo,
)

__all__ = [
    "NeedCover",
    "NewPoLine",
    "NewSupplierItem",
    "OpenPoLine",
    "PoLine",
    "PoReceiptLine",
    "PoReceiptRecord",
    "PoReceived",
    "PoStatus",
    "ProductionSuggestion",
    "PurchaseOrder",
    "PurchasePlan",
    "PurchaseSuggestion",
    "StockMo",
    "Supplier",
    "SupplierItem",
]

#: A purchase order's status.
PoStatus = Literal["draft", "sent", "partially_received", "received", "cancelled"]


# --- inputs -------------------------------------------------------------------------


@dataclass(frozen=True, init=False)
class NewSupplierItem:
    """An item a new supplier sells. `pack_size` is the pack it is sold in
    (a 25 kg drum, a box of 100): purchase suggestions are whole packs."""

    sku: str
    supplier_sku: Optional[str]
    min_order_qty: Optional[Qty]
    pack_size: Optional[Qty]
    lead_time_days: Optional[int]
    #: The supplier's price list: `price` per `price_per` (one base unit when None).
    price: Optional[Money]
    price_per: Optional[Qty]

    def __init__(
        self,
        sku: str,
        *,
        supplier_sku: Optional[str] = None,
        min_order_qty: Optional[QtyLike] = None,
        pack_size: Optional[QtyLike] = None,
        lead_time_days: Optional[int] = None,
        price: Optional[MoneyLike] = None,
        price_per: Optional[QtyLike] = None,
    ) -> None:
        object.__setattr__(self, "sku", sku)
        object.__setattr__(self, "supplier_sku", supplier_sku)
        object.__setattr__(
            self, "min_order_qty", None if min_order_qty is None else to_qty(min_order_qty, "min_order_qty")
        )
        object.__setattr__(self, "pack_size", None if pack_size is None else to_qty(pack_size, "pack_size"))
        object.__setattr__(self, "lead_time_days", lead_time_days)
        object.__setattr__(self, "price", None if price is None else to_money(price, "price"))
        object.__setattr__(self, "price_per", None if price_per is None else to_qty(price_per, "price_per"))

    def _json(self) -> Dict[str, Any]:
        return drop_none(
            {
                "sku": self.sku,
                "supplier_sku": self.supplier_sku,
                "min_order_qty": None if self.min_order_qty is None else Qty._to_json(self.min_order_qty),
                "pack_size": None if self.pack_size is None else Qty._to_json(self.pack_size),
                "lead_time_days": self.lead_time_days,
                "price": None if self.price is None else str(self.price),
                "price_per": None if self.price_per is None else Qty._to_json(self.price_per),
            }
        )


@dataclass(frozen=True, init=False)
class NewPoLine:
    """A line of a new purchase order; `unit_cost` is per unit of `qty`'s unit
    (the supplier's price when None)."""

    sku: str
    qty: Qty
    unit_cost: Optional[Money]

    def __init__(self, sku: str, qty: QtyLike, unit_cost: Optional[MoneyLike] = None) -> None:
        object.__setattr__(self, "sku", sku)
        object.__setattr__(self, "qty", to_qty(qty, "qty"))
        object.__setattr__(self, "unit_cost", None if unit_cost is None else to_money(unit_cost, "unit_cost"))

    def _json(self) -> Dict[str, Any]:
        return drop_none(
            {
                "sku": self.sku,
                "qty": Qty._to_json(self.qty),
                "unit_cost": None if self.unit_cost is None else str(self.unit_cost),
            }
        )


@dataclass(frozen=True, init=False)
class PoReceiptLine:
    """Goods received against a purchase order line; lot, expiry and location
    optional; `unit_cost` (per unit of `qty`'s unit) when the invoice differs
    from the order."""

    line: int
    qty: Qty
    lot: Optional[str]
    expiry: Optional[_dt.date]
    supplier_lot_ref: Optional[str]
    location: Optional[str]
    unit_cost: Optional[Money]

    def __init__(
        self,
        line: int,
        qty: QtyLike,
        *,
        lot: Optional[str] = None,
        expiry: Optional[_dt.date] = None,
        supplier_lot_ref: Optional[str] = None,
        location: Optional[str] = None,
        unit_cost: Optional[MoneyLike] = None,
    ) -> None:
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "qty", to_qty(qty, "qty"))
        object.__setattr__(self, "lot", lot)
        object.__setattr__(self, "expiry", None if expiry is None else check_date(expiry, "expiry"))
        object.__setattr__(self, "supplier_lot_ref", supplier_lot_ref)
        object.__setattr__(self, "location", location)
        object.__setattr__(self, "unit_cost", None if unit_cost is None else to_money(unit_cost, "unit_cost"))

    def _json(self) -> Dict[str, Any]:
        return drop_none(
            {
                "line": self.line,
                "qty": Qty._to_json(self.qty),
                "lot": self.lot,
                "expiry": None if self.expiry is None else self.expiry.isoformat(),
                "supplier_lot_ref": self.supplier_lot_ref,
                "location": self.location,
                "unit_cost": None if self.unit_cost is None else str(self.unit_cost),
            }
        )


# --- the engine methods -------------------------------------------------------------

_SUPPLIER: _native.Shape[Supplier] = shape(Supplier)
_SUPPLIERS: _native.Shape[Tuple[Supplier, ...]] = shape(Tuple[Supplier, ...])
_PO: _native.Shape[PurchaseOrder] = shape(PurchaseOrder)
_POS: _native.Shape[Tuple[PurchaseOrder, ...]] = shape(Tuple[PurchaseOrder, ...])
_RECEIVED: _native.Shape[PoReceived] = shape(PoReceived)
_OPEN: _native.Shape[Tuple[OpenPoLine, ...]] = shape(Tuple[OpenPoLine, ...])
_PLAN: _native.Shape[PurchasePlan] = shape(PurchasePlan)
_MAKE: _native.Shape[Tuple[ProductionSuggestion, ...]] = shape(Tuple[ProductionSuggestion, ...])
_STOCK_MO: _native.Shape[StockMo] = shape(StockMo)


def _items(values: Iterable[Any], cls: type, field: str) -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    for v in values:
        if not isinstance(v, cls):
            raise TypeError(f"{field}: expected {cls.__name__} items, got {type(v).__name__}")
        item: Any = v
        out.append(item._json())
    return out


class PurchasingApi:
    """Purchasing and replenishment commands of `Lotwise`."""

    __slots__ = ()
    _inner: _native.Engine

    def define_supplier(
        self,
        code: str,
        name: str,
        lead_time_days: int,
        *,
        email: Optional[str] = None,
        items: Iterable[NewSupplierItem] = (),
    ) -> Supplier:
        """Defines a supplier, or replaces the one with the same code."""
        new = {
            "code": code,
            "name": name,
            "email": email,
            "lead_time_days": lead_time_days,
            "items": _items(items, NewSupplierItem, "items"),
        }
        return self._inner.define_supplier(_SUPPLIER, json.dumps(drop_none(new)))

    def supplier(self, code: str) -> Supplier:
        """The supplier with this code."""
        return self._inner.supplier(_SUPPLIER, code)

    def suppliers(self) -> Tuple[Supplier, ...]:
        """Every supplier."""
        return self._inner.suppliers(_SUPPLIERS)

    def create_po(
        self,
        supplier: str,
        lines: Iterable[NewPoLine],
        *,
        expected_date: Optional[_dt.date] = None,
        notes: Optional[str] = None,
    ) -> PurchaseOrder:
        """Creates a draft purchase order (expected after the supplier's lead time by default)."""
        new = {
            "supplier": supplier,
            "lines": _items(lines, NewPoLine, "lines"),
            "expected_date": None
            if expected_date is None
            else check_date(expected_date, "expected_date").isoformat(),
            "notes": notes,
        }
        return self._inner.create_po(_PO, json.dumps(drop_none(new)))

    def send_po(self, id: str) -> PurchaseOrder:
        """Marks a draft purchase order as sent: its goods count as on order."""
        return self._inner.send_po(_PO, id)

    def cancel_po(self, id: str) -> PurchaseOrder:
        """Cancels a purchase order that has not been received."""
        return self._inner.cancel_po(_PO, id)

    def receive_po(self, id: str, lines: Iterable[PoReceiptLine]) -> PoReceived:
        """Receives goods against a purchase order; each line creates or adds to a lot."""
        payload = json.dumps(_items(lines, PoReceiptLine, "lines"))
        return self._inner.receive_po(_RECEIVED, id, payload)

    def purchase_order(self, id: str) -> PurchaseOrder:
        """The purchase order with this id."""
        return self._inner.purchase_order(_PO, id)

    def purchase_orders(self) -> Tuple[PurchaseOrder, ...]:
        """Every purchase order."""
        return self._inner.purchase_orders(_POS)

    def open_po_lines(self) -> Tuple[OpenPoLine, ...]:
        """Goods on order and not yet received."""
        return self._inner.open_po_lines(_OPEN)

    def purchase_suggestions(self) -> PurchasePlan:
        """What to buy: shortages of bought items and reorder points, per supplier."""
        return self._inner.purchase_suggestions(_PLAN)

    def suggest_production(self) -> Tuple[ProductionSuggestion, ...]:
        """Products below their reorder point and how many to make for stock."""
        return self._inner.suggest_production(_MAKE)

    def create_stock_mo(self, sku: str, qty: QtyLike) -> StockMo:
        """A manufacturing order for stock, its inputs reserved where possible."""
        return self._inner.create_stock_mo(_STOCK_MO, sku, Qty._to_json(to_qty(qty, "qty")))
