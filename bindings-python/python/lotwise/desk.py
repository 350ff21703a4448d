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
    sort: DeskSort = "placed_at_desc"
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
                "sort": enum_value(DeskSort, self.sort, "query.sort"),
                "limit": self.limit,
                "cursor": self.cursor,
            }
        )


@dataclass(frozen=True)
class DeskRow:
    """One order as the desk lists it. `promised_date` is the earliest
    promised (else requested) date of a line still open; `delayed` says such
    a date has passed with goods unshipped; `total` is None when a line has
    no price or currencies differ."""

    id: str
    channel: str
    external_ref: Optional[str]
    customer: str
    email: Optional[str]
    status: OrderStatus
    placed_at: _dt.datetime
    promised_date: Optional[_dt.date]
    delayed: bool
    needs_attention: bool
    attention: Tuple[str, ...]
    tags: Tuple[str, ...]
    notes: Optional[str]
    skus: Tuple[str, ...]
    lines: int
    total: Optional[Money]
    locations: Tuple[str, ...]


@dataclass(frozen=True)
class DeskPage:
    """One page of the desk: its rows, how many rows match in all, and the
    cursor of the next page (None on the last)."""

    orders: Tuple[DeskRow, ...]
    total: int
    next_cursor: Optional[str]


@dataclass(frozen=True)
class BulkOutcome:
    """``ok`` with the order's new `status`, or ``error`` with the error's
    stable `code` and `message` (nothing changed for that order)."""

    result: Literal["ok", "error"]
    status: Optional[OrderStatus]
    code: Optional[str]
    message: Optional[str]


@dataclass(frozen=True)
class BulkResult:
    """The outcome of a bulk action for one order."""

    order: str
    outcome: BulkOutcome

    @property
    def ok(self) -> bool:
        """Whether the action succeeded for this order."""
        return self.outcome.result == "ok"


@dataclass(frozen=True)
class ChannelDay:
    """Orders and revenue of one channel on one day in one currency
    (`currency` None for orders without prices)."""

    day: _dt.date
    channel: str
    currency: Optional[str]
    orders: int
    revenue: Decimal


@dataclass(frozen=True)
class StatusCount:
    """How many orders of the period are in a status."""

    status: OrderStatus
    orders: int


@dataclass(frozen=True)
class OnTime:
    """Shipping against promised (else requested) dates; `rate` is
    on_time / evaluated, None when nothing was evaluated."""

    evaluated: int
    on_time: int
    late: int
    without_date: int
    rate: Optional[Decimal]


@dataclass(frozen=True)
class LeadTime:
    """Placed-to-shipped time of fully shipped orders."""

    orders: int
    average_hours: Optional[Decimal]


@dataclass(frozen=True)
class DayOutput:
    """Good output of a product on one day."""

    day: _dt.date
    mos: int
    good: Decimal


@dataclass(frozen=True)
class ProductThroughput:
    """Completed production of a product in the period, in its base unit."""

    product: str
    mos: int
    good: Decimal
    scrap: Decimal
    per_day: Decimal
    days: Tuple[DayOutput, ...]


@dataclass(frozen=True)
class SkuQty:
    """A SKU by quantity ordered, in its base unit."""

    sku: str
    qty: Decimal
    uom: Uom
    orders: int


@dataclass(frozen=True)
class SkuRevenue:
    """A SKU by revenue in one currency."""

    currency: str
    sku: str
    revenue: Decimal
    qty: Decimal


@dataclass(frozen=True)
class Analytics:
    """Figures over the period `from_`..`to` (UTC days, inclusive)."""

    from_: Optional[_dt.date] = field(metadata={"json": "from"})
    to: Optional[_dt.date]
    sales: Tuple[ChannelDay, ...]
    by_status: Tuple[StatusCount, ...]
    on_time: OnTime
    lead_time: LeadTime
    throughput: Tuple[ProductThroughput, ...]
    top_by_qty: Tuple[SkuQty, ...]
    top_by_revenue: Tuple[SkuRevenue, ...]


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
        top: int = 10,
    ) -> Analytics:
        """Sales by channel and day, status counts, on-time shipping, lead
        time, throughput and top SKUs over the days `from_`..`to` (inclusive;
        None is unbounded). `top` (1 to 1000) is how many SKUs the top lists keep."""
        if isinstance(top, bool) or not isinstance(top, int):
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
