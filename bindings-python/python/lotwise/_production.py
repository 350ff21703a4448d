"""The production commands of `Lotwise`: starting, completing and
cancelling manufacturing orders, and reading them back.
"""

import datetime as _dt
import json
from typing import Optional, Tuple

from . import _native
from ._args import qty_json
from ._codec import check_date, drop_none, shape
from .types import ManufacturingOrder, MoLine
from .values import QtyLike

_dumps = json.dumps

# Result shapes are compiled once from the records' type hints; the native
# module builds each call's result as its shape says.
_MO: _native.Shape[ManufacturingOrder] = shape(ManufacturingOrder)
_MOS: _native.Shape[Tuple[ManufacturingOrder, ...]] = shape(Tuple[ManufacturingOrder, ...])
_MO_LINES: _native.Shape[Tuple[MoLine, ...]] = shape(Tuple[MoLine, ...])


class ProductionApi:
    """Manufacturing order commands of `Lotwise`."""

    __slots__ = ()
    _inner: _native.Engine

    def start_mo(self, id: str) -> ManufacturingOrder:
        """Starts production: consumes the reserved input lots."""
        return self._inner.start_mo(_MO, id)

    def complete_mo(
        self,
        id: str,
        *,
        lot: Optional[str] = None,
        good_qty: Optional[QtyLike] = None,
        scrap_qty: Optional[QtyLike] = None,
        expiry: Optional[_dt.date] = None,
    ) -> ManufacturingOrder:
        """Records the output lot and allocates it to the linked order lines."""
        completion = {
            "lot": lot,
            "good_qty": qty_json(good_qty, "good_qty"),
            "scrap_qty": qty_json(scrap_qty, "scrap_qty"),
            "expiry": None if expiry is None else check_date(expiry, "expiry").isoformat(),
        }
        return self._inner.complete_mo(_MO, id, _dumps(drop_none(completion)))

    def cancel_mo(self, id: str) -> ManufacturingOrder:
        """Cancels a manufacturing order and releases its inputs."""
        return self._inner.cancel_mo(_MO, id)

    def mo(self, id: str) -> ManufacturingOrder:
        """The manufacturing order with this id."""
        return self._inner.mo(_MO, id)

    def mos(self) -> Tuple[ManufacturingOrder, ...]:
        """Every manufacturing order, by id."""
        return self._inner.mos(_MOS)

    def mo_lines(self, id: str) -> Tuple[MoLine, ...]:
        """The order lines a manufacturing order covers."""
        return self._inner.mo_lines(_MO_LINES, id)
