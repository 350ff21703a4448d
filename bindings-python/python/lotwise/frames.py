"""Optional pandas views of lotwise data (``pip install 'lotwise[pandas]'``).

Amounts stay `decimal.Decimal` (object columns), so nothing is rounded on
the way into a DataFrame; call ``.astype(float)`` yourself to plot.

    >>> lotwise.frames.orders_frame(lw)            # one row per order line
    >>> lotwise.frames.shortages_frame(report)     # what confirming could not cover
    >>> lotwise.frames.schedule_frame(lw, start, end)  # booked operations, for a Gantt chart
"""

import datetime as _dt
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Union

from .types import ConfirmReport, ManufacturingOrder, Trace

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .engine import Lotwise

__all__ = [
    "lots_frame",
    "mos_frame",
    "orders_frame",
    "schedule_frame",
    "shortages_frame",
    "stock_frame",
    "trace_frame",
]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "lotwise's DataFrame helpers need pandas: pip install 'lotwise[pandas]'"
        ) from e
    return pandas


def _frame(rows: List[Dict[str, Any]], columns: Sequence[str]) -> "pandas.DataFrame":
    frame: "pandas.DataFrame" = _pandas().DataFrame(rows, columns=list(columns))
    return frame


_ORDER_COLUMNS = (
    "order", "channel", "external_ref", "customer", "status", "line", "sku", "qty", "uom",
    "unit_price", "currency", "requested_date", "promised_date", "shipped", "placed_at",
)


def orders_frame(lw: "Lotwise") -> "pandas.DataFrame":
    """Every order line, one row each, with its order's status."""
    rows = []
    for o in lw.orders():
        for line in o.lines:
            rows.append(
                {
                    "order": o.id,
                    "channel": o.channel,
                    "external_ref": o.external_ref,
                    "customer": o.customer.name,
                    "status": o.status,
                    "line": line.line,
                    "sku": line.sku,
                    "qty": line.qty.value,
                    "uom": line.qty.uom,
                    "unit_price": None if line.unit_price is None else line.unit_price.amount,
                    "currency": None if line.unit_price is None else line.unit_price.currency,
                    "requested_date": line.requested_date,
                    "promised_date": line.promised_date,
                    "shipped": line.shipped,
                    "placed_at": o.placed_at,
                }
            )
    return _frame(rows, _ORDER_COLUMNS)


def stock_frame(lw: "Lotwise", skus: Optional[Sequence[str]] = None) -> "pandas.DataFrame":
    """Stock per item in its base unit: on hand, reserved, available."""
    rows = []
    for row in lw.stock_levels(skus=None if skus is None else list(skus)):
        item, level = row.item, row.level
        rows.append(
            {
                "sku": item.sku,
                "name": item.name,
                "kind": item.kind,
                "uom": item.uom,
                "on_hand": level.on_hand,
                "reserved": level.reserved,
                "available": level.available,
            }
        )
    return _frame(rows, ("sku", "name", "kind", "uom", "on_hand", "reserved", "available"))


def lots_frame(lw: "Lotwise", skus: Optional[Sequence[str]] = None) -> "pandas.DataFrame":
    """Stock per lot and internal location, earliest expiry first within an item."""
    rows = []
    for row in lw.stock_levels(skus=None if skus is None else list(skus)):
        item = row.item
        for lot in row.level.lots:
            rows.append(
                {
                    "sku": item.sku,
                    "lot": lot.lot,
                    "location": lot.location,
                    "expiry": lot.expiry,
                    "on_hand": lot.on_hand,
                    "reserved": lot.reserved,
                    "uom": item.uom,
                }
            )
    return _frame(rows, ("sku", "lot", "location", "expiry", "on_hand", "reserved", "uom"))


def shortages_frame(
    reports: Union[ConfirmReport, Iterable[ConfirmReport]],
) -> "pandas.DataFrame":
    """What one or more confirm/replan reports could not cover (base units)."""
    many = (reports,) if isinstance(reports, ConfirmReport) else tuple(reports)
    rows = [
        {"needed_for": s.needed_for, "sku": s.sku, "missing": s.missing}
        for report in many
        for s in report.shortages
    ]
    return _frame(rows, ("needed_for", "sku", "missing"))


def mos_frame(
    lw: "Lotwise", mos: Optional[Iterable[ManufacturingOrder]] = None
) -> "pandas.DataFrame":
    """Manufacturing orders (every one, or those of `mos` as they are now):
    product, quantity, status, output promised to orders (`allocated`),
    timestamps and output lot."""
    ids = None if mos is None else [mo.id for mo in mos]
    rows = []
    for summary in lw.mo_summaries(ids=ids):
        mo = summary.mo
        rows.append(
            {
                "mo": mo.id,
                "product": mo.product,
                "qty": mo.qty,
                "status": mo.status,
                "allocated": summary.allocated,
                "created_at": mo.created_at,
                "started_at": mo.started_at,
                "finished_at": mo.finished_at,
                "output_lot": None if mo.output is None else mo.output.lot,
            }
        )
    return _frame(
        rows,
        ("mo", "product", "qty", "status", "allocated", "created_at", "started_at",
         "finished_at", "output_lot"),
    )


def trace_frame(trace: Trace) -> "pandas.DataFrame":
    """A trace's edges: input lot -> output lot through a manufacturing order."""
    rows = [
        {"from_lot": e.from_lot, "to_lot": e.to_lot, "mo": e.mo, "qty": e.qty}
        for e in trace.edges
    ]
    return _frame(rows, ("from_lot", "to_lot", "mo", "qty"))


_SCHEDULE_COLUMNS = ("mo", "product", "work_center", "elapsed", "start", "end", "minutes")


def schedule_frame(lw: "Lotwise", from_: _dt.datetime, to: _dt.datetime) -> "pandas.DataFrame":
    """Booked operations overlapping ``[from_, to)``, one row each, by start:
    MO, product, work center (empty for an elapsed step, whose name is in
    ``elapsed``, e.g. a cure), start and end (aware UTC datetimes) and working
    minutes. Plot ``start``/``end`` per ``work_center`` for a Gantt chart."""
    rows = [
        {
            "mo": r.mo,
            "product": r.product,
            "work_center": r.work_center,
            "elapsed": r.elapsed,
            "start": r.start,
            "end": r.end,
            "minutes": r.minutes,
        }
        for r in lw.schedule(from_, to)
    ]
    return _frame(rows, _SCHEDULE_COLUMNS)
