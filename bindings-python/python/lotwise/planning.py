"""Capacity planning and promise dates: work centers with calendars, shipping
methods, promises ("when can it arrive, and why") and the production schedule.

    >>> lw.define_work_center("POUR", "pouring line", Calendar(["Mon", "Tue", "Wed", "Thu", "Fri"], "8"))
    >>> lw.promise_lines([NewOrderLine("CANDLE", "12 pcs")]).promised_date
    datetime.date(2026, 3, 13)

Instants are timezone-aware `datetime`s, days `datetime.date`s; hours and
quantities are `Decimal`s.
"""

import datetime as _dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import (
    Any,
    Dict,
    Iterable,
    Literal,
    Mapping,
    Optional,
    Sequence,
    Tuple,
)

from . import _native
from ._codec import (
    DecimalLike,
    check_date,
    check_instant,
    decimal_text,
    drop_none,
    enum_value,
    instant_text,
    shape,
    to_decimal,
)
from .inputs import NewOrderLine
from ._records import (  # generated from the schema
    WorkCenter,
    ShippingMethod,
    Source,
    Basis,
    SupplyPart,
    PlannedOperation,
    LinePromise,
    Promise,
    BookedOperation,
    Booking,
    ScheduleRow,
)

__all__ = [
    "Basis",
    "BookedOperation",
    "Booking",
    "Calendar",
    "IncomingSupply",
    "LinePromise",
    "PlannedOperation",
    "PlanningSettings",
    "Promise",
    "PromiseOptions",
    "ScheduleRow",
    "ShippingMethod",
    "Source",
    "SupplyPart",
    "Weekday",
    "WorkCenter",
]

Weekday = Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _int(value: object, field_name: str) -> int:
    """Days are whole numbers; a float or bool is a TypeError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field_name}: expected an int, got {type(value).__name__} {value!r}")
    return value


@dataclass(frozen=True, init=False)
class Calendar:
    """When a work center (or the shipping desk) works: weekdays, holidays,
    the start of the day (UTC; None for the core's default) and the working
    hours per day."""

    working_days: Tuple[Weekday, ...]
    hours_per_day: Decimal
    holidays: Tuple[_dt.date, ...]
    day_start: Optional[_dt.time]

    def __init__(
        self,
        working_days: Iterable[Weekday],
        hours_per_day: DecimalLike,
        *,
        holidays: Iterable[_dt.date] = (),
        day_start: Optional[_dt.time] = None,
    ) -> None:
        if isinstance(working_days, str):
            raise TypeError("working_days: expected a tuple of weekdays such as ('Mon', 'Tue'), got a str")
        days = tuple(enum_value(Weekday, d, "working_days") for d in working_days)
        if day_start is not None and not isinstance(day_start, _dt.time):
            raise TypeError(f"day_start: expected a datetime.time, got {type(day_start).__name__}")
        object.__setattr__(self, "working_days", days)
        object.__setattr__(self, "hours_per_day", to_decimal(hours_per_day, "hours_per_day"))
        object.__setattr__(self, "holidays", tuple(check_date(h, "holidays") for h in holidays))
        object.__setattr__(self, "day_start", day_start)

    @classmethod
    def mon_to_fri(cls, hours_per_day: DecimalLike, **kw: Any) -> "Calendar":
        """Monday to Friday (from the core's default start of day, 08:00 UTC,
        unless `day_start` says otherwise)."""
        return cls(("Mon", "Tue", "Wed", "Thu", "Fri"), hours_per_day, **kw)

    @staticmethod
    def _to_json(c: "Calendar") -> Dict[str, Any]:
        out: Dict[str, Any] = {
            "working_days": list(c.working_days),
            "holidays": [h.isoformat() for h in c.holidays],
            "hours_per_day": decimal_text(c.hours_per_day),
        }
        if c.day_start is not None:  # absent: the core's default applies
            out["day_start"] = c.day_start.isoformat()
        return out

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Calendar":
        return cls(
            data["working_days"],
            Decimal(data["hours_per_day"]),
            holidays=[_dt.date.fromisoformat(h) for h in data.get("holidays") or ()],
            day_start=None
            if data.get("day_start") is None
            else _dt.time.fromisoformat(data["day_start"]),
        )


@dataclass(frozen=True)
class PlanningSettings:
    """Working days between ready and leaving, the shipping desk's calendar
    and the method used when a promise names none (as the core holds them:
    its defaults until set)."""

    handling_days: int
    shipping_calendar: Calendar
    default_shipping_method: Optional[str] = None


@dataclass(frozen=True)
class IncomingSupply:
    """Goods expected from a supplier lotwise does not know about
    (quantity in the item's base unit)."""

    sku: str
    qty: Decimal
    expected: _dt.date
    reference: Optional[str] = None

    def _json(self) -> Dict[str, Any]:
        return drop_none(
            {
                "sku": self.sku,
                "qty": decimal_text(to_decimal(self.qty, "incoming.qty")),
                "expected": check_date(self.expected, "incoming.expected").isoformat(),
                "reference": self.reference,
            }
        )


@dataclass(frozen=True)
class PromiseOptions:
    """Options of a promise: a shipping method (the settings' default when
    None) and extra expected supply."""

    shipping_method: Optional[str] = None
    incoming: Tuple[IncomingSupply, ...] = ()

    def _json(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"incoming": [s._json() for s in self.incoming]}
        if self.shipping_method is not None:
            out["shipping_method"] = self.shipping_method
        return out


# The core's tagged enums (`{"type": ..., ...}`) become one record each whose
# fields not used by a `type` are None; the JSON keeps only each type's keys.

_SOURCE_KEYS: Dict[str, Tuple[str, ...]] = {
    "stock": (),
    "purchase_order": ("reference",),
    "lead_time": ("days",),
    "new_batch": ("job",),
    "mo": ("mo",),
}


_WORK_CENTER: _native.Shape[WorkCenter] = shape(WorkCenter)
_WORK_CENTERS: _native.Shape[Tuple[WorkCenter, ...]] = shape(Tuple[WorkCenter, ...])
_SETTINGS: _native.Shape[PlanningSettings] = shape(PlanningSettings)
_METHOD: _native.Shape[ShippingMethod] = shape(ShippingMethod)
_PROMISE: _native.Shape[Promise] = shape(Promise)
_BOOKING: _native.Shape[Booking] = shape(Booking)
_MAYBE_BOOKING: _native.Shape[Optional[Booking]] = shape(Optional[Booking])
_SCHEDULE: _native.Shape[Tuple[ScheduleRow, ...]] = shape(Tuple[ScheduleRow, ...])


def _calendar(value: object, field_name: str) -> Calendar:
    if not isinstance(value, Calendar):
        raise TypeError(f"{field_name}: expected a lotwise.Calendar, got {type(value).__name__}")
    return value


def _options(options: Optional[PromiseOptions]) -> str:
    if options is None:
        return "{}"
    if not isinstance(options, PromiseOptions):
        raise TypeError(f"options: expected a lotwise.PromiseOptions, got {type(options).__name__}")
    return json.dumps(options._json())


class PlanningApi:
    """Planning commands and queries of `Lotwise`."""

    __slots__ = ()
    _inner: _native.Engine

    def define_work_center(
        self, code: str, name: str, calendar: Calendar, *, capacity: int = 1
    ) -> WorkCenter:
        """Defines a work center, or replaces its name, calendar and
        capacity: how many operations it runs at once (two kettles: 2)."""
        new = {
            "code": code,
            "name": name,
            "calendar": Calendar._to_json(_calendar(calendar, "calendar")),
            "capacity": _int(capacity, "capacity"),
        }
        return self._inner.define_work_center(_WORK_CENTER, json.dumps(new))

    def work_center(self, code: str) -> WorkCenter:
        """The work center."""
        return self._inner.work_center(_WORK_CENTER, code)

    def work_centers(self) -> Tuple[WorkCenter, ...]:
        """Every work center, by code."""
        return self._inner.work_centers(_WORK_CENTERS)

    def set_planning_settings(
        self,
        *,
        handling_days: Optional[int] = None,
        shipping_calendar: Optional[Calendar] = None,
        default_shipping_method: Optional[str] = None,
    ) -> PlanningSettings:
        """Sets handling days, the shipping calendar and the default shipping
        method (which must be defined). A setting left None takes the core's
        default (one handling day; Monday to Friday, 8 h from 08:00 UTC)."""
        settings = {
            "handling_days": None
            if handling_days is None
            else _int(handling_days, "handling_days"),
            "shipping_calendar": None
            if shipping_calendar is None
            else Calendar._to_json(_calendar(shipping_calendar, "shipping_calendar")),
            "default_shipping_method": default_shipping_method,
        }
        return self._inner.set_planning_settings(_SETTINGS, json.dumps(drop_none(settings)))

    def planning_settings(self) -> PlanningSettings:
        """The planning settings (defaults when never set)."""
        return self._inner.planning_settings(_SETTINGS)

    def define_shipping_method(self, code: str, transit_days: int) -> ShippingMethod:
        """Defines or replaces a shipping method."""
        method = {"code": code, "transit_days": _int(transit_days, "transit_days")}
        return self._inner.define_shipping_method(_METHOD, json.dumps(method))

    def promise(self, order_id: str, options: Optional[PromiseOptions] = None) -> Promise:
        """When an order can arrive, per line and in total, and why. Writes nothing."""
        return self._inner.promise(_PROMISE, order_id, _options(options))

    def promise_lines(
        self, lines: Sequence[NewOrderLine], options: Optional[PromiseOptions] = None
    ) -> Promise:
        """When draft lines (not yet an order) could arrive, and why. Writes nothing."""
        payload = []
        for line in lines:
            if not isinstance(line, NewOrderLine):
                raise TypeError(f"lines: expected NewOrderLine items, got {type(line).__name__}")
            payload.append(line._json())
        return self._inner.promise_lines(_PROMISE, json.dumps(payload), _options(options))

    def schedule(self, from_: _dt.datetime, to: _dt.datetime) -> Tuple[ScheduleRow, ...]:
        """Booked operations overlapping ``[from_, to)``, by start."""
        start = instant_text(check_instant(from_, "from"))
        end = instant_text(check_instant(to, "to"))
        return self._inner.schedule(_SCHEDULE, start, end)

    def booking(self, mo: str) -> Optional[Booking]:
        """A manufacturing order's booking, or None when it holds no capacity."""
        return self._inner.booking(_MAYBE_BOOKING, mo)

    def reschedule_mo(self, id: str, not_before: _dt.datetime) -> Booking:
        """Books a manufacturing order again, starting no earlier than `not_before`."""
        at = instant_text(check_instant(not_before, "not_before"))
        return self._inner.reschedule_mo(_BOOKING, id, at)
