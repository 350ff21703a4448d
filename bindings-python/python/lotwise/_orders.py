"""The sales order commands of `Lotwise`: placing (one, many, or placed
and confirmed at once), confirming and replanning, cancelling, and
reading orders back.
"""

import json
from typing import Any, Iterable, Optional, Tuple

from . import _native
from ._codec import shape
from ._results import result_shape
from .inputs import NewOrder
from .types import AcceptedOrder, ConfirmReport, OrderView, PlaceResult, PlacedOrder, SalesOrder

_dumps = json.dumps

# Result shapes are compiled once from the records' type hints; the native
# module builds each call's result as its shape says.
_PLACED: _native.Shape[PlacedOrder] = shape(PlacedOrder)
_REPORT: _native.Shape[ConfirmReport] = shape(ConfirmReport)
_ACCEPTED: _native.Shape[AcceptedOrder] = shape(AcceptedOrder)
_ORDER: _native.Shape[SalesOrder] = shape(SalesOrder)
_MAYBE_ORDER: _native.Shape[Optional[SalesOrder]] = shape(Optional[SalesOrder])
_ORDERS: _native.Shape[Tuple[SalesOrder, ...]] = shape(Tuple[SalesOrder, ...])
_VIEW: _native.Shape[OrderView] = shape(OrderView)


class OrdersApi:
    """Sales order commands of `Lotwise`."""

    __slots__ = ()
    _inner: _native.Engine

    def place_order(self, order: NewOrder) -> PlacedOrder:
        """Places an order (status ``placed``), idempotent by (channel, external_ref)."""
        return self._inner.place_order(_PLACED, _dumps(_new_order(order)._json()))

    def place_orders(self, orders: Iterable[NewOrder]) -> Tuple[PlaceResult, ...]:
        """Places many orders in one call, the GIL released throughout, and
        answers for each (`PlaceResult`: `.placed` or `.error`).

        Each order is its own transaction, as with `place_order`: a refused
        order changes nothing and the others are placed all the same; nothing
        is raised for one order. Placing the same list again is safe for
        orders with an `external_ref` (they are idempotent).
        """
        # `_json()` gives the core's JSON already: no second conversion.
        args = {"orders": [_new_order(o)._json() for o in orders]}
        results: Tuple[PlaceResult, ...] = self._inner.execute(result_shape("place_orders"), "place_orders", args)
        return results

    def place_and_confirm_order(self, order: NewOrder) -> AcceptedOrder:
        """Places an order and confirms it in one transaction: both happen or
        neither does (a storefront's order webhook).

        Idempotent by (channel, external_ref) like `place_order`: the same
        order again returns it with ``placed.replayed`` true and confirms it
        only if it is still ``placed``; ``confirmed`` is None when it was found
        again no longer placed (confirmed before, cancelled, ...). Other
        content under the same reference raises `DuplicateExternalOrder`.
        """
        return self._inner.place_and_confirm_order(_ACCEPTED, _dumps(_new_order(order)._json()))

    def confirm_order(self, id: str) -> ConfirmReport:
        """Reserves finished stock, plans manufacturing orders for the rest and
        reserves their materials; reports what is still short."""
        return self._inner.confirm_order(_REPORT, id)

    def replan_order(self, id: str) -> ConfirmReport:
        """Plans a confirmed order again (e.g. after materials arrived)."""
        return self._inner.replan_order(_REPORT, id)

    def cancel_order(self, id: str) -> SalesOrder:
        """Cancels an order: releases its reservations and detaches its MO allocations."""
        return self._inner.cancel_order(_ORDER, id)

    def order(self, id: str) -> SalesOrder:
        """The order with this id."""
        return self._inner.order(_ORDER, id)

    def order_by_external(self, channel: str, external_ref: str) -> Optional[SalesOrder]:
        """The order by channel and external reference, or None."""
        return self._inner.order_by_external(_MAYBE_ORDER, channel, external_ref)

    def orders(self) -> Tuple[SalesOrder, ...]:
        """Every order, by id."""
        return self._inner.orders(_ORDERS)

    def order_view(self, id: str) -> OrderView:
        """The order with its status and, per line, the lots and MOs that fill it."""
        return self._inner.order_view(_VIEW, id)


def _new_order(value: Any) -> NewOrder:
    if not isinstance(value, NewOrder):
        raise TypeError(f"expected a lotwise.NewOrder, got {type(value).__name__}")
    return value
