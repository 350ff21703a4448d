"""Customer returns: what came back, why, and where it went (restock,
quarantine or scrap); returned lots show up in recalls.

    >>> lw.record_return(o.id, [NewReturnLine(1, "CL-1", "1 pcs", "cracked jar", Disposition.scrap())])
"""

import datetime as _dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, Iterable, Literal, Optional, Tuple

from . import _native
from ._codec import drop_none, enum_value, shape
from .values import Qty, QtyLike, to_qty
from ._records import (  # generated from the schema
    ReturnLine,
    Return,
    RecallReturn,
)

__all__ = ["Disposition", "NewReturnLine", "RecallReturn", "Return", "ReturnLine"]


@dataclass(frozen=True)
class Disposition:
    """Where returned goods go: ``restock`` (an internal location, ``MAIN`` by
    default), ``quarantine`` (``QUARANTINE`` by default) or ``scrap``."""

    type: Literal["restock", "quarantine", "scrap"]
    location: Optional[str] = None

    @classmethod
    def restock(cls, location: Optional[str] = None) -> "Disposition":
        return cls("restock", location)

    @classmethod
    def quarantine(cls, location: Optional[str] = None) -> "Disposition":
        return cls("quarantine", location)

    @classmethod
    def scrap(cls) -> "Disposition":
        return cls("scrap")

    def _json(self) -> Dict[str, Any]:
        kind = enum_value(_DISPOSITION_TYPE, self.type, "disposition.type")
        return drop_none({"type": kind, "location": self.location})


#: The values of `Disposition.type`.
_DISPOSITION_TYPE: Any = Disposition.__annotations__["type"]


@dataclass(frozen=True, init=False)
class NewReturnLine:
    """A lot of an order line coming back."""

    line: int
    lot: str
    qty: Qty
    reason: str
    disposition: Disposition

    def __init__(self, line: int, lot: str, qty: QtyLike, reason: str, disposition: Disposition) -> None:
        if not isinstance(disposition, Disposition):
            raise TypeError("disposition: expected a lotwise.Disposition, e.g. Disposition.restock()")
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "lot", lot)
        object.__setattr__(self, "qty", to_qty(qty, "qty"))
        object.__setattr__(self, "reason", reason)
        object.__setattr__(self, "disposition", disposition)

    def _json(self) -> Dict[str, Any]:
        return {
            "line": self.line,
            "lot": self.lot,
            "qty": Qty._to_json(self.qty),
            "reason": self.reason,
            "disposition": self.disposition._json(),
        }


_RETURN: _native.Shape[Return] = shape(Return)
_RETURNS: _native.Shape[Tuple[Return, ...]] = shape(Tuple[Return, ...])
_RECALL_RETURNS: _native.Shape[Tuple[RecallReturn, ...]] = shape(Tuple[RecallReturn, ...])
_DECIMAL: _native.Shape[Decimal] = shape(Decimal)


class ReturnsApi:
    """Return commands of `Lotwise`."""

    __slots__ = ()
    _inner: _native.Engine

    def record_return(
        self, order: str, lines: Iterable[NewReturnLine], *, note: Optional[str] = None
    ) -> Return:
        """Books goods a customer sent back (no more than shipped per lot)."""
        payload = []
        for line in lines:
            if not isinstance(line, NewReturnLine):
                raise TypeError(f"lines: expected NewReturnLine items, got {type(line).__name__}")
            payload.append(line._json())
        new = {"order": order, "lines": payload, "note": note}
        return self._inner.record_return(_RETURN, json.dumps(drop_none(new)))

    def returns_of_order(self, order: str) -> Tuple[Return, ...]:
        """Returns of an order."""
        return self._inner.returns_of_order(_RETURNS, order)

    def returns(self) -> Tuple[Return, ...]:
        """Every return."""
        return self._inner.returns(_RETURNS)

    def returned_of_lot(self, lot: str) -> Decimal:
        """How much of a lot customers sent back, in its base unit."""
        return self._inner.returned_of_lot(_DECIMAL, lot)

    def recall_returns(self, lot: str) -> Tuple[RecallReturn, ...]:
        """Returned parts of a lot and of every lot made from it."""
        return self._inner.recall_returns(_RECALL_RETURNS, lot)
