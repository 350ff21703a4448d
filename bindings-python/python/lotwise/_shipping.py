"""The shipping and traceability commands of `Lotwise`: shipping an
order's ready goods, its shipments, lot traces both ways and recalls.
"""

import json
from typing import Any, Iterable, Optional, Tuple

from . import _native
from ._codec import drop_none, shape
from .inputs import ShipLine
from .types import RecallReport, Shipment, Trace

_dumps = json.dumps

# Result shapes are compiled once from the records' type hints; the native
# module builds each call's result as its shape says.
_SHIPMENT: _native.Shape[Shipment] = shape(Shipment)
_SHIPMENTS: _native.Shape[Tuple[Shipment, ...]] = shape(Tuple[Shipment, ...])
_TRACE: _native.Shape[Trace] = shape(Trace)
_RECALL: _native.Shape[RecallReport] = shape(RecallReport)


class ShippingApi:
    """Shipping and traceability commands of `Lotwise`."""

    __slots__ = ()
    _inner: _native.Engine

    def ship(
        self,
        order_id: str,
        *,
        carrier: str,
        tracking: str,
        lines: Iterable[ShipLine] = (),
        label: Optional[str] = None,
    ) -> Shipment:
        """Ships ready goods of an order (every ready line when `lines` is empty)."""
        request = {
            "lines": [_ship_line(line)._json() for line in lines],
            "carrier": carrier,
            "tracking": tracking,
            "label": label,
        }
        return self._inner.ship(_SHIPMENT, order_id, _dumps(drop_none(request)))

    def shipments_of_order(self, order: str) -> Tuple[Shipment, ...]:
        """Shipments of an order."""
        return self._inner.shipments_of_order(_SHIPMENTS, order)

    def trace_backward(self, lot: str) -> Trace:
        """The lots a lot was made from, down to received materials."""
        return self._inner.trace_backward(_TRACE, lot)

    def trace_forward(self, lot: str) -> Trace:
        """The lots made from a lot."""
        return self._inner.trace_forward(_TRACE, lot)

    def recall(self, lot: str) -> RecallReport:
        """Everything a recall of a lot must reach: lots, deliveries, customers."""
        return self._inner.recall(_RECALL, lot)


def _ship_line(value: Any) -> ShipLine:
    if not isinstance(value, ShipLine):
        raise TypeError(f"lines: expected ShipLine items, got {type(value).__name__}")
    return value
