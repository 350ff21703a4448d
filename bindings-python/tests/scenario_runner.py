"""Replays the golden scenarios (`scenarios/README.md`) through the Python API.

Each step calls the `lotwise` facade with typed Python values (dates as
`datetime.date`, instants as aware `datetime`), and the result is encoded back
to the core's JSON with `lotwise.to_json`, so a match proves the Python
records carry the same values Rust returns. Errors become
``{"code": e.code, **e.fields}`` from the typed exception attributes.
"""

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

import lotwise
from lotwise import (
    Address,
    Calendar,
    IncomingSupply,
    PromiseOptions,
    Customer,
    Disposition,
    FixedClock,
    Lotwise,
    NewOrder,
    NewOrderLine,
    NewPoLine,
    NewRecipeInput,
    NewReturnLine,
    NewSupplierItem,
    NewTransferLine,
    Operation,
    PoReceiptLine,
    RoutingRule,
    ShipLine,
)


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


def day(value: Optional[str]) -> Optional[dt.date]:
    return None if value is None else dt.date.fromisoformat(value)


def _with_dates(args: Mapping[str, Any], *keys: str) -> Dict[str, Any]:
    out = dict(args)
    for key in keys:
        if key in out:
            out[key] = day(out[key])
    return out


def new_order(a: Mapping[str, Any]) -> NewOrder:
    a = dict(a)
    lines = [NewOrderLine(**_with_dates(line, "requested_date")) for line in a.pop("lines")]
    customer = Customer(**a.pop("customer"))
    ship_to = a.pop("ship_to", None)
    return NewOrder(
        a.pop("channel"),
        customer,
        lines,
        ship_to=None if ship_to is None else Address(**ship_to),
        **a,
    )


def define_recipe(lw: Lotwise, a: Mapping[str, Any]) -> Any:
    a = dict(a)
    inputs = [NewRecipeInput(**i) for i in a.pop("inputs")]
    operations = [Operation(**op) for op in a.pop("operations", [])]
    return lw.define_recipe(a.pop("product"), a.pop("batch_size"), inputs, operations=operations, **a)


def ship(lw: Lotwise, a: Mapping[str, Any]) -> Any:
    request = dict(a["request"])
    lines = [ShipLine(**line) for line in request.pop("lines", [])]
    return lw.ship(a["id"], lines=lines, **request)


def complete_mo(lw: Lotwise, a: Mapping[str, Any]) -> Any:
    completion = _with_dates(a.get("completion") or {}, "expiry")
    return lw.complete_mo(a["id"], **completion)


def define_supplier(lw: Lotwise, a: Mapping[str, Any]) -> Any:
    a = dict(a)
    items = [NewSupplierItem(**i) for i in a.pop("items", [])]
    return lw.define_supplier(a.pop("code"), a.pop("name"), a.pop("lead_time_days"), items=items, **a)


def create_po(lw: Lotwise, a: Mapping[str, Any]) -> Any:
    a = _with_dates(a, "expected_date")
    lines = [NewPoLine(**line) for line in a.pop("lines")]
    return lw.create_po(a.pop("supplier"), lines, **a)


def receive_po(lw: Lotwise, a: Mapping[str, Any]) -> Any:
    lines = [PoReceiptLine(**_with_dates(line, "expiry")) for line in a["lines"]]
    return lw.receive_po(a["id"], lines)


def ship_transfer(lw: Lotwise, a: Mapping[str, Any]) -> Any:
    a = dict(a)
    lines = [NewTransferLine(**line) for line in a.pop("lines")]
    return lw.ship_transfer(a.pop("from"), a.pop("to"), lines, **a)


def routing_rule(a: Mapping[str, Any]) -> RoutingRule:
    a = dict(a)
    return RoutingRule(a.pop("locations"), **a)


def record_return(lw: Lotwise, a: Mapping[str, Any]) -> Any:
    a = dict(a)
    lines = []
    for line in a.pop("lines"):
        line = dict(line)
        line["disposition"] = Disposition(**line["disposition"])
        lines.append(NewReturnLine(**line))
    return lw.record_return(a.pop("order"), lines, **a)


def calendar(a: Mapping[str, Any]) -> Calendar:
    a = dict(a)
    holidays = [dt.date.fromisoformat(h) for h in a.pop("holidays", [])]
    day_start = a.pop("day_start", None)
    if day_start is not None:
        a["day_start"] = dt.time.fromisoformat(day_start)
    return Calendar(a.pop("working_days"), a.pop("hours_per_day"), holidays=holidays, **a)


def define_work_center(lw: Lotwise, a: Mapping[str, Any]) -> Any:
    a = dict(a)
    return lw.define_work_center(a.pop("code"), a.pop("name"), calendar(a.pop("calendar")), **a)


def set_planning_settings(lw: Lotwise, a: Mapping[str, Any]) -> Any:
    a = dict(a)
    if "shipping_calendar" in a:
        a["shipping_calendar"] = calendar(a["shipping_calendar"])
    return lw.set_planning_settings(**a)


def promise_options(a: Optional[Mapping[str, Any]]) -> Optional[PromiseOptions]:
    if a is None:
        return None
    a = dict(a)
    incoming = tuple(
        IncomingSupply(**_with_dates(s, "expected")) for s in a.pop("incoming", [])
    )
    return PromiseOptions(incoming=incoming, **a)


def promise_lines(lw: Lotwise, a: Mapping[str, Any]) -> Any:
    lines = [NewOrderLine(**_with_dates(line, "requested_date")) for line in a["lines"]]
    return lw.promise_lines(lines, promise_options(a.get("options")))


Runner = Callable[[Lotwise, FixedClock, Dict[str, Any]], Any]

STEPS: Dict[str, Runner] = {
    "advance_days": lambda lw, c, a: c.advance_days(a["days"]),
    "set_clock": lambda lw, c, a: c.set(instant(a["at"])),
    "parse_qty": lambda lw, c, a: str(lotwise.Qty.parse(a["text"])),
    "parse_money": lambda lw, c, a: str(lotwise.Money.parse(a["text"])),
    "define_item": lambda lw, c, a: lw.define_item(**a),
    "define_recipe": lambda lw, c, a: define_recipe(lw, a),
    "define_location": lambda lw, c, a: lw.define_location(a["code"], a["name"], a["kind"]),
    "receive": lambda lw, c, a: lw.receive(**_with_dates(a, "expiry")),
    "adjust_stock": lambda lw, c, a: lw.adjust_stock(**a),
    "place_order": lambda lw, c, a: lw.place_order(new_order(a)),
    "confirm_order": lambda lw, c, a: lw.confirm_order(a["id"]),
    "replan_order": lambda lw, c, a: lw.replan_order(a["id"]),
    "cancel_order": lambda lw, c, a: lw.cancel_order(a["id"]),
    "start_mo": lambda lw, c, a: lw.start_mo(a["id"]),
    "complete_mo": lambda lw, c, a: complete_mo(lw, a),
    "cancel_mo": lambda lw, c, a: lw.cancel_mo(a["id"]),
    "ship": lambda lw, c, a: ship(lw, a),
    "ack_events": lambda lw, c, a: lw.ack_events(a["consumer"], a["seq"]),
    "order": lambda lw, c, a: lw.order(a["id"]),
    "order_view": lambda lw, c, a: lw.order_view(a["id"]),
    "orders": lambda lw, c, a: lw.orders(),
    "shipments_of_order": lambda lw, c, a: lw.shipments_of_order(a["id"]),
    "mo": lambda lw, c, a: lw.mo(a["id"]),
    "mos": lambda lw, c, a: lw.mos(),
    "mo_lines": lambda lw, c, a: lw.mo_lines(a["id"]),
    "item": lambda lw, c, a: lw.item(a["sku"]),
    "recipe": lambda lw, c, a: lw.recipe(a["sku"]),
    "stock": lambda lw, c, a: lw.stock(a["sku"]),
    "lots_of_item": lambda lw, c, a: lw.lots_of_item(a["sku"]),
    "lot": lambda lw, c, a: lw.lot(a["lot"]),
    "trace_forward": lambda lw, c, a: lw.trace_forward(a["lot"]),
    "trace_backward": lambda lw, c, a: lw.trace_backward(a["lot"]),
    "recall": lambda lw, c, a: lw.recall(a["lot"]),
    "reservations": lambda lw, c, a: lw.reservations(),
    "balances": lambda lw, c, a: lw.balances(),
    "movements": lambda lw, c, a: lw.movements(),
    "events_after": lambda lw, c, a: lw.events_after(a["after"], a["limit"]),
    "pending_events": lambda lw, c, a: lw.pending_events(a["consumer"], a["limit"]),
    "event_cursor": lambda lw, c, a: lw.event_cursor(a["consumer"]),
    "check_invariants": lambda lw, c, a: list(lw.check_invariants()),
    "define_supplier": lambda lw, c, a: define_supplier(lw, a),
    "create_po": lambda lw, c, a: create_po(lw, a),
    "send_po": lambda lw, c, a: lw.send_po(a["id"]),
    "cancel_po": lambda lw, c, a: lw.cancel_po(a["id"]),
    "purchase_order": lambda lw, c, a: lw.purchase_order(a["id"]),
    "receive_po": lambda lw, c, a: receive_po(lw, a),
    "open_po_lines": lambda lw, c, a: lw.open_po_lines(),
    "purchase_suggestions": lambda lw, c, a: lw.purchase_suggestions(),
    "suggest_production": lambda lw, c, a: lw.suggest_production(),
    "create_stock_mo": lambda lw, c, a: lw.create_stock_mo(a["sku"], a["qty"]),
    "ship_transfer": lambda lw, c, a: ship_transfer(lw, a),
    "receive_transfer": lambda lw, c, a: lw.receive_transfer(a["id"]),
    "availability": lambda lw, c, a: lw.availability(a["sku"]),
    "define_routing_rule": lambda lw, c, a: lw.define_routing_rule(routing_rule(a)),
    "route_order": lambda lw, c, a: lw.route_order(a["id"]),
    "record_return": lambda lw, c, a: record_return(lw, a),
    "returns_of_order": lambda lw, c, a: lw.returns_of_order(a["id"]),
    "recall_returns": lambda lw, c, a: lw.recall_returns(a["lot"]),
    "define_work_center": lambda lw, c, a: define_work_center(lw, a),
    "define_shipping_method": lambda lw, c, a: lw.define_shipping_method(a["code"], a["transit_days"]),
    "set_planning_settings": lambda lw, c, a: set_planning_settings(lw, a),
    "promise_lines": lambda lw, c, a: promise_lines(lw, a),
    "promise": lambda lw, c, a: lw.promise(a["id"], promise_options(a.get("options"))),
    "schedule": lambda lw, c, a: lw.schedule(instant(a["from"]), instant(a["to"])),
    "booking": lambda lw, c, a: lw.booking(a["mo"]),
    "reschedule_mo": lambda lw, c, a: lw.reschedule_mo(a["id"], instant(a["not_before"])),
}


def run_step(lw: Lotwise, clock: FixedClock, action: str, args: Dict[str, Any]) -> Outcome:
    runner = STEPS.get(action)
    if runner is None:
        raise BrokenScenario(f"unknown step kind `{action}`")
    try:
        value = runner(lw, clock, args)
    except lotwise.LotwiseError as e:
        fields = {k: lotwise.to_json(v) for k, v in e.fields.items()}
        return Outcome(False, {**fields, "code": e.code})
    except (TypeError, KeyError) as e:
        # Args that do not fit the method: the file is broken, not lotwise.
        raise BrokenScenario(f"bad args {json.dumps(args)}: {e!r}") from e
    return Outcome(True, lotwise.to_json(value))


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
            outcome = run_step(lw, clock, action, dict(args))
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
