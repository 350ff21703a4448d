"""Defaults live in the core only: an argument left out (None) is left out of
the JSON, and the core's default is what arrives. The binding repeats none
of them, so a default changed in the core changes in Python too."""

import dataclasses
import datetime as dt
import inspect
import json
from typing import Any, Dict, List

import pytest

import lotwise
from lotwise import Calendar, Lotwise

from conftest import T0


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> List[Dict[str, Any]]:
    """The JSON objects the facade sends to the native module, call by call."""
    sent: List[Dict[str, Any]] = []

    class Spy:
        def __init__(self, inner: Any) -> None:
            self._inner = inner

        def __getattr__(self, name: str) -> Any:
            method = getattr(self._inner, name)

            def call(*args: Any) -> Any:
                for arg in args:
                    if isinstance(arg, str) and arg.startswith("{"):
                        sent.append(json.loads(arg))
                return method(*args)

            return call

    original = Lotwise._inner

    def spied(self: Lotwise) -> Any:
        return Spy(original.fget(self))  # type: ignore[attr-defined]

    monkeypatch.setattr(Lotwise, "_inner", property(spied))
    return sent


def test_an_item_defined_without_tracking_is_lot_tracked(
    lw: Lotwise, calls: List[Dict[str, Any]]
) -> None:
    item = lw.define_item("WAX", "Soy wax", "material", "kg")
    assert item.tracking == "lot"  # the core's default
    assert calls == [{"sku": "WAX", "name": "Soy wax", "kind": "material", "uom": "kg"}]
    assert lw.define_item("TAG", "Gift tag", "packaging", "pcs", tracking="none").tracking == "none"
    assert inspect.signature(Lotwise.define_item).parameters["tracking"].default is None


def test_a_calendar_without_day_start_starts_when_the_core_says(
    lw: Lotwise, calls: List[Dict[str, Any]]
) -> None:
    week = Calendar.mon_to_fri("8")
    assert week.day_start is None
    center = lw.define_work_center("POUR", "pouring line", week)
    assert center.calendar.day_start == dt.time(8, 0)  # the core's default
    assert "day_start" not in calls[0]["calendar"]
    assert lw.work_center("POUR").calendar == center.calendar
    # Given, it is sent and kept.
    early = Calendar.mon_to_fri("8", day_start=dt.time(6, 30))
    assert lw.define_work_center("DIP", "dipping", early).calendar.day_start == dt.time(6, 30)
    assert lw.work_center("DIP").calendar == early
    assert inspect.signature(Calendar).parameters["day_start"].default is None


def test_settings_without_handling_days_take_the_core_defaults(
    lw: Lotwise, calls: List[Dict[str, Any]]
) -> None:
    untouched = lw.planning_settings()
    settings = lw.set_planning_settings()
    assert calls == [{}]
    assert settings.handling_days == 1  # the core's default
    assert settings == untouched
    assert settings.shipping_calendar.working_days == ("Mon", "Tue", "Wed", "Thu", "Fri")
    assert settings.shipping_calendar.hours_per_day == 8
    assert settings.shipping_calendar.day_start == dt.time(8, 0)
    assert lw.set_planning_settings(handling_days=3).handling_days == 3
    assert lw.set_planning_settings(handling_days=0).handling_days == 0  # 0 is a value, not "absent"
    assert inspect.signature(Lotwise.set_planning_settings).parameters["handling_days"].default is None


def test_the_settings_record_has_no_defaults_of_its_own() -> None:
    """What a `PlanningSettings` shows comes from the core, defaults included."""
    defaults = {f.name: f.default for f in dataclasses.fields(lotwise.PlanningSettings)}
    assert defaults["handling_days"] is dataclasses.MISSING
    assert defaults["shipping_calendar"] is dataclasses.MISSING
    assert dataclasses.fields(lotwise.PlanningSettings)[1].default_factory is dataclasses.MISSING
    engine = lotwise.open(":memory:", clock=lotwise.FixedClock(T0))
    assert engine.planning_settings().handling_days == 1
