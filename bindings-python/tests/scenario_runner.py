"""Replays the golden scenarios (`scenarios/README.md`) through the Python API.

A loop over `Lotwise.execute`, with no code per operation: each step is run
by name, its typed result (records, `Decimal`s, dates, aware datetimes) is
encoded back to the core's JSON with `lotwise.to_json`, so a match proves the
Python records carry the same values Rust returns. Errors become
``{"code": e.code, "message": e.message, **e.fields}`` from the typed
exception attributes.
"""

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import lotwise
from lotwise import FixedClock, Lotwise

OPERATION_NAMES = {op.name for op in lotwise.OPERATIONS}


class BrokenScenario(Exception):
    """A step the runner cannot run: unknown kind or malformed args."""


@dataclass
class Outcome:
    ok: bool
    value: Any


SCENARIO_KEYS = {"name", "description", "clock", "steps"}
STEP_KEYS = {"do", "args", "expect", "note"}


def instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def run_step(lw: Lotwise, action: str, args: Dict[str, Any]) -> Outcome:
    """One step through `Lotwise.execute`: the typed result (records,
    `Decimal`s, dates) is encoded back to the core's JSON with
    `lotwise.to_json`, and an error becomes its code and typed fields."""
    if action not in OPERATION_NAMES:
        raise BrokenScenario(f"unknown step kind `{action}`")
    try:
        value = lw.execute(action, args)
    except lotwise.InvalidInput as e:
        if e.field == "args" or e.field.startswith("args."):
            # Args that do not fit the operation: the file is broken, not lotwise.
            raise BrokenScenario(f"bad args {json.dumps(args)}: {e}") from e
        return Outcome(False, _error_json(e))
    except lotwise.LotwiseError as e:
        return Outcome(False, _error_json(e))
    return Outcome(True, lotwise.to_json(value))


def _error_json(e: "lotwise.LotwiseError") -> Dict[str, Any]:
    fields = {k: lotwise.to_json(v) for k, v in e.fields.items()}
    return {**fields, "code": e.code, "message": e.message}


# --- the README's matching rules -----------------------------------------------


def _split_decimal(text: str) -> Optional[Tuple[Decimal, str]]:
    num, _, suffix = text.partition(" ")
    plain = bool(num) and all(
        c.isdigit() and c.isascii() or c == "." or (i == 0 and c == "-") for i, c in enumerate(num)
    )
    if not plain or not all(c.isascii() and c.isalpha() for c in suffix):
        return None
    try:
        return Decimal(num), suffix
    except InvalidOperation:
        return None


def same_decimal(a: str, b: str) -> bool:
    x, y = _split_decimal(a), _split_decimal(b)
    return x is not None and y is not None and x == y


def match(want: Any, got: Any, path: str = "$") -> Optional[str]:
    """None when `got` matches `want`, else the first mismatch."""
    if isinstance(want, dict) and set(want) == {"$contains"}:
        items = want["$contains"]
        if not isinstance(got, list):
            return f"at {path}: expected an array for $contains, got {json.dumps(got)}"
        start = 0
        for k, item in enumerate(items):
            found = next(
                (i for i in range(start, len(got)) if match(item, got[i], path) is None), None
            )
            if found is None:
                return f"at {path}: $contains item {k} {json.dumps(item)} not found in order"
            start = found + 1
        return None
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return f"at {path}: expected {json.dumps(want)}, got {json.dumps(got)}"
        for key, value in want.items():
            if key not in got:
                return f"at {path}: missing key `{key}`"
            why = match(value, got[key], f"{path}.{key}")
            if why:
                return why
        return None
    if isinstance(want, list):
        if not isinstance(got, list) or len(want) != len(got):
            n = len(got) if isinstance(got, list) else "no"
            return f"at {path}: expected {len(want)} elements, got {n}"
        for k, (w, g) in enumerate(zip(want, got)):
            why = match(w, g, f"{path}[{k}]")
            if why:
                return why
        return None
    if isinstance(want, str) and isinstance(got, str) and (want == got or same_decimal(want, got)):
        return None
    # bool is an int in Python; JSON true must not match 1.
    if type(want) is type(got) and want == got:
        return None
    if isinstance(want, (int, float)) and isinstance(got, (int, float)) and not isinstance(
        want, bool
    ) and not isinstance(got, bool) and want == got:
        return None
    return f"at {path}: expected {json.dumps(want)}, got {json.dumps(got)}"


def check(expect: Optional[Mapping[str, Any]], outcome: Outcome) -> Optional[str]:
    if expect is None:
        return None if outcome.ok else "expected success, got an error"
    if set(expect) == {"ok"}:
        return match(expect["ok"], outcome.value) if outcome.ok else "expected success, got an error"
    if set(expect) == {"error"}:
        return match(expect["error"], outcome.value) if not outcome.ok else "expected an error, got success"
    raise BrokenScenario(f"expect must be {{ok}} or {{error}}, got {sorted(expect)}")


def replay(path: Path) -> Tuple[str, int, List[str]]:
    """Replays one file: (name, steps, failures). A broken file raises."""
    scenario = json.loads(path.read_text())
    if set(scenario) != SCENARIO_KEYS:
        raise BrokenScenario(f"{path.name}: keys must be {sorted(SCENARIO_KEYS)}, got {sorted(scenario)}")
    if not scenario["description"].strip() or not scenario["steps"]:
        raise BrokenScenario(f"{path.name}: a scenario needs a description and steps")
    clock = FixedClock(instant(scenario["clock"]))
    lw = lotwise.open(":memory:", clock=clock)
    for i, step in enumerate(scenario["steps"], start=1):
        unknown = set(step) - STEP_KEYS
        if unknown or "do" not in step:
            raise BrokenScenario(f"{path.name} step {i}: bad keys {sorted(step)}")
        action = step["do"]
        at = f"step {i} (`{action}`)"
        args = step.get("args") or {}
        try:
            outcome = run_step(lw, action, dict(args))
        except BrokenScenario as e:
            raise BrokenScenario(f"{path.name} {at}: {e}") from e
        why = check(step.get("expect"), outcome)
        if why:
            shown = {"ok" if outcome.ok else "error": outcome.value}
            return scenario["name"], i, [
                f"{at}: {why}\n  expected: {json.dumps(step.get('expect', 'success'))}"
                f"\n  actual:   {json.dumps(shown)[:2000]}"
            ]
        broken = lw.check_invariants()
        if broken:
            return scenario["name"], i, [f"{at}: invariants violated: {list(broken)}"]
    return scenario["name"], len(scenario["steps"]), []
