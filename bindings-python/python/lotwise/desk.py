"""The order desk (a filtered, sorted, paginated order list, tags, notes and
bulk actions), analytics, and the exports (trace graphs and CSV).

    >>> page = lw.desk(DeskQuery(statuses=("placed",), limit=50))
    >>> more = lw.desk(DeskQuery(statuses=("placed",), limit=50, cursor=page.next_cursor))
"""

import datetime as _dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Literal, Optional, Tuple

from . import _native
from ._codec import check_date, drop_none, enum_value, enum_values, shape
from .types import SalesOrder
from .values import Money, OrderStatus, Uom
from ._records import (  # generated from the schema
    DeskRow,
    DeskPage,
    BulkOutcome,
    ChannelDay,
    StatusCount,
    OnTime,
    LeadTime,
    DayOutput,
    ProductThroughput,
    SkuQty,
    SkuRevenue,
    Analytics,
)

__all__ = [
    "Analytics",
    "BulkOutcome",
    "BulkResult",
    "ChannelDay",
    "DayOutput",
    "DeskPage",
    "DeskQuery",
    "DeskRow",
    "DeskSort",
    "LeadTime",
    "OnTime",
    "ProductThroughput",
    "SkuQty",
    "SkuRevenue",
    "StatusCount",
]

#: How desk rows are ordered; every order breaks ties by order id.
DeskSort = Literal["placed_at_desc", "placed_at_asc", "status", "customer", "promised_date"]


@dataclass(frozen=True)
class DeskQuery:
    """A desk query. Each tuple matches any of its values; empty tuples and
    None do not filter; all filters combine with AND. `limit` is the page
    size (every row when None); `cursor` is the previous page's
    `next_cursor`."""

    statuses: Tuple[OrderStatus, ...] = ()
    channels: Tuple[str, ...] = ()
    tags: Tuple[str, ...] = ()
    delayed: Optional[bool] = None
    needs_attention: Optional[bool] = None
    placed_from: Optional[_dt.date] = None
    placed_to: Optional[_dt.date] = None
    location: Optional[str] = None
    text: Optional[str] = None
    sort: Optional[DeskSort] = None
    limit: Optional[int] = None
    cursor: Optional[str] = None

    def _json(self) -> Dict[str, Any]:
        def day(value: Optional[_dt.date], name: str) -> Optional[str]:
            return None if value is None else check_date(value, name).isoformat()

        def strs(values: Tuple[str, ...], name: str) -> List[str]:
            # A bare str would be read as its characters.
            if isinstance(values, str):
                raise TypeError(f"{name}: expected a tuple of str, got a str")
            return list(values)

        return drop_none(
            {
                "statuses": enum_values(OrderStatus, self.statuses, "query.statuses"),
                "channels": strs(self.channels, "channels"),
                "tags": strs(self.tags, "tags"),
                "delayed": self.delayed,
                "needs_attention": self.needs_attention,
                "placed_from": day(self.placed_from, "placed_from"),
                "placed_to": day(self.placed_to, "placed_to"),
                "location": self.location,
                "text": self.text,
                "sort": None if self.sort is None else enum_value(DeskSort, self.sort, "query.sort"),
                "limit": self.limit,
                "cursor": self.cursor,
            }
        )


@dataclass(frozen=True)
class BulkResult:
    """The outcome of a bulk action for one order."""

    order: str
    outcome: BulkOutcome

    @property
    def ok(self) -> bool:
        """Whether the action succeeded for this order."""
        return self.outcome.result == "ok"


_PAGE: _native.Shape[DeskPage] = shape(DeskPage)
_ORDER: _native.Shape[SalesOrder] = shape(SalesOrder)
_BULK: _native.Shape[Tuple[BulkResult, ...]] = shape(Tuple[BulkResult, ...])
_ANALYTICS: _native.Shape[Analytics] = shape(Analytics)


def _ids(ids: Iterable[str]) -> List[str]:
    if isinstance(ids, str):
        raise TypeError("ids: expected an iterable of order ids, got a str")
    return list(ids)


class DeskApi:
    """Order desk, analytics and export commands of `Lotwise`."""

    __slots__ = ()
    _inner: _native.Engine

    def desk(self, query: Optional[DeskQuery] = None) -> DeskPage:
        """One page of the order desk (every order when `query` is None)."""
        q = DeskQuery() if query is None else query
        if not isinstance(q, DeskQuery):
            raise TypeError(f"query: expected a lotwise.DeskQuery, got {type(q).__name__}")
        return self._inner.desk(_PAGE, json.dumps(q._json()))

    def tag_order(self, id: str, tag: str) -> SalesOrder:
        """Adds a tag (trimmed, compared ignoring case); an existing tag changes nothing."""
        return self._inner.tag_order(_ORDER, id, tag)

    def untag_order(self, id: str, tag: str) -> SalesOrder:
        """Removes a tag (ignoring case); a missing tag changes nothing."""
        return self._inner.untag_order(_ORDER, id, tag)

    def set_order_note(self, id: str, note: Optional[str]) -> SalesOrder:
        """Sets an order's note; None or a blank note clears it."""
        return self._inner.set_order_note(_ORDER, id, note)

    def bulk_confirm(self, ids: Iterable[str]) -> Tuple[BulkResult, ...]:
        """Confirms each order in its own transaction; one result per distinct id."""
        return self._inner.bulk_confirm(_BULK, _ids(ids))

    def bulk_tag(self, ids: Iterable[str], tag: str) -> Tuple[BulkResult, ...]:
        """Tags each order in its own transaction."""
        return self._inner.bulk_tag(_BULK, _ids(ids), tag)

    def bulk_cancel(self, ids: Iterable[str]) -> Tuple[BulkResult, ...]:
        """Cancels each order in its own transaction."""
        return self._inner.bulk_cancel(_BULK, _ids(ids))

    def analytics(
        self,
        from_: Optional[_dt.date] = None,
        to: Optional[_dt.date] = None,
        top: Optional[int] = None,
    ) -> Analytics:
        """Sales by channel and day, status counts, on-time shipping, lead
        time, throughput and top SKUs over the days `from_`..`to` (inclusive;
        None is unbounded). `top` (1 to 1000; the core keeps 10 when None) is
        how many SKUs the top lists keep."""
        if top is not None and (isinstance(top, bool) or not isinstance(top, int)):
            raise TypeError(f"top: expected an int, got {type(top).__name__}")
        query = drop_none(
            {
                "from": None if from_ is None else check_date(from_, "from_").isoformat(),
                "to": None if to is None else check_date(to, "to").isoformat(),
                "top": top,
            }
        )
        return self._inner.analytics(_ANALYTICS, json.dumps(query))

    def trace_dot(self, lot: str) -> str:
        """The lot's trace graph (the lots it came from and went into) as Graphviz DOT."""
        return self._inner.trace_dot(lot)

    def trace_mermaid(self, lot: str) -> str:
        """The lot's trace graph as a Mermaid flowchart."""
        return self._inner.trace_mermaid(lot)

    def orders_csv(self) -> str:
        """Every order, one row per line, as CSV."""
        return self._inner.orders_csv()

    def stock_csv(self) -> str:
        """Stock levels of every item as CSV."""
        return self._inner.stock_csv()
