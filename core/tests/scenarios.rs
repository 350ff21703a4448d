//! Replays every golden scenario in `scenarios/v1/` (see `scenarios/README.md`
//! for the format). The same files are replayed by every binding's tests, so
//! this runner follows the README's rules exactly and nothing more.
//!
//! Set `LOTWISE_SCENARIO_TRACE=1` to print every step's actual result, which
//! is how new expectations are checked by hand.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use lotwise::{
    Completion, FixedClock, LocationKind, Lotwise, Money, NewOrderLine, PromiseOptions, Qty,
    ShipRequest,
};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// One scenario file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    name: String,
    description: String,
    clock: DateTime<Utc>,
    steps: Vec<Step>,
}

/// One step: a command, a query, or a clock move.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    #[serde(rename = "do")]
    action: String,
    #[serde(default)]
    args: Value,
    #[serde(default)]
    expect: Option<Expect>,
    /// For humans reading the file; ignored.
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
enum Expect {
    Ok(Value),
    Error(Value),
}

/// What a step returned: the serialized value or the error as `{code, ...fields}`.
type Outcome = Result<Value, Value>;

fn scenario_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/v1")
}

#[test]
fn every_scenario_replays() {
    let dir = scenario_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no scenarios in {}", dir.display());

    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let scenario: Scenario = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not a valid scenario: {e}", file.display()));
        assert!(
            !scenario.description.trim().is_empty() && !scenario.steps.is_empty(),
            "{}: a scenario needs a description and steps",
            file.display()
        );
        match replay(&scenario) {
            Ok(()) => println!("ok    {} ({} steps)", scenario.name, scenario.steps.len()),
            Err(why) => {
                println!("FAIL  {}", scenario.name);
                failures.push(format!(
                    "scenario `{}` ({}):\n{why}",
                    scenario.name,
                    file.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// Runs a scenario to its end or its first failing step.
fn replay(scenario: &Scenario) -> Result<(), String> {
    let clock = Arc::new(FixedClock::at(scenario.clock));
    let lw = Lotwise::in_memory_with_clock(clock.clone());
    let trace = std::env::var_os("LOTWISE_SCENARIO_TRACE").is_some();
    for (i, step) in scenario.steps.iter().enumerate() {
        let at = format!("step {} (`{}`)", i + 1, step.action);
        let outcome = run(&lw, &clock, step).map_err(|e| format!("{at}: {e}"))?;
        if trace {
            println!(
                "--- {} {at}\n{}",
                scenario.name,
                pretty(&outcome_json(&outcome))
            );
        }
        check(step.expect.as_ref(), &outcome).map_err(|why| {
            format!(
                "{at}: {why}\n  expected: {}\n  actual:   {}",
                step.expect.as_ref().map_or("success".into(), expect_json),
                pretty(&outcome_json(&outcome))
            )
        })?;
        let broken = lw.check_invariants().map_err(|e| format!("{at}: {e}"))?;
        if !broken.is_empty() {
            return Err(format!("{at}: invariants violated: {broken:?}"));
        }
    }
    Ok(())
}

fn check(expect: Option<&Expect>, outcome: &Outcome) -> Result<(), String> {
    match (expect, outcome) {
        (None, Ok(_)) => Ok(()),
        (Some(Expect::Ok(want)), Ok(got)) => subset(want, got, "$"),
        (Some(Expect::Error(want)), Err(got)) => subset(want, got, "$"),
        (None | Some(Expect::Ok(_)), Err(_)) => Err("expected success, got an error".into()),
        (Some(Expect::Error(_)), Ok(_)) => Err("expected an error, got success".into()),
    }
}

/// The README's matching rule: objects by the listed keys, arrays by length
/// and element (or as an ordered subsequence with `$contains`), decimals by
/// value, everything else by equality.
fn subset(want: &Value, got: &Value, path: &str) -> Result<(), String> {
    let mismatch = || Err(format!("at {path}: expected {want}, got {got}"));
    match (want, got) {
        (Value::Object(w), _) if w.len() == 1 && w.contains_key("$contains") => {
            let (Some(items), Value::Array(actual)) = (w["$contains"].as_array(), got) else {
                return mismatch();
            };
            let mut from = 0;
            for (k, item) in items.iter().enumerate() {
                let found = actual[from..]
                    .iter()
                    .position(|a| subset(item, a, path).is_ok());
                match found {
                    Some(p) => from += p + 1,
                    None => {
                        return Err(format!(
                            "at {path}: $contains item {k} {item} not found in order"
                        ))
                    }
                }
            }
            Ok(())
        }
        (Value::Object(w), Value::Object(g)) => {
            for (key, wv) in w {
                let gv = g
                    .get(key)
                    .ok_or_else(|| format!("at {path}: missing key `{key}`"))?;
                subset(wv, gv, &format!("{path}.{key}"))?;
            }
            Ok(())
        }
        (Value::Array(w), Value::Array(g)) => {
            if w.len() != g.len() {
                return Err(format!(
                    "at {path}: expected {} elements, got {}",
                    w.len(),
                    g.len()
                ));
            }
            for (k, (wv, gv)) in w.iter().zip(g).enumerate() {
                subset(wv, gv, &format!("{path}[{k}]"))?;
            }
            Ok(())
        }
        (Value::String(w), Value::String(g)) if w == g || same_decimal(w, g) => Ok(()),
        _ if want == got => Ok(()),
        _ => mismatch(),
    }
}

/// `"24"` equals `"24.000"`, and `"2.5 kg"` equals `"2.50 kg"`: a plain
/// decimal, optionally followed by one space and a unit or currency.
fn same_decimal(a: &str, b: &str) -> bool {
    fn split(s: &str) -> Option<(Decimal, &str)> {
        let (num, suffix) = s.split_once(' ').unwrap_or((s, ""));
        let plain = !num.is_empty()
            && num
                .chars()
                .enumerate()
                .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && c == '-'));
        let unit_ok = suffix.chars().all(|c| c.is_ascii_alphabetic());
        if !plain || !unit_ok {
            return None;
        }
        Some((Decimal::from_str_exact(num).ok()?, suffix))
    }
    matches!((split(a), split(b)), (Some(x), Some(y)) if x == y)
}

/// Runs one step. The outer error is a broken scenario (unknown step,
/// malformed args); the outcome is what lotwise answered.
fn run(lw: &Lotwise, clock: &FixedClock, step: &Step) -> Result<Outcome, String> {
    let a = &step.args;
    Ok(match step.action.as_str() {
        "advance_days" => {
            clock.advance_days(arg(a, "days")?);
            Ok(Value::Null)
        }
        "set_clock" => {
            clock.set(arg(a, "at")?);
            Ok(Value::Null)
        }
        "parse_qty" => out(arg::<String>(a, "text")?.parse::<Qty>()),
        "parse_money" => out(arg::<String>(a, "text")?.parse::<Money>()),
        "define_item" => out(lw.define_item(whole(a)?)),
        "define_recipe" => out(lw.define_recipe(whole(a)?)),
        "define_location" => {
            let kind: LocationKind = arg(a, "kind")?;
            out(lw.define_location(&text(a, "code")?, &text(a, "name")?, kind))
        }
        "receive" => out(lw.receive(whole(a)?)),
        "adjust_stock" => out(lw.adjust_stock(whole(a)?)),
        "place_order" => out(lw.place_order(whole(a)?)),
        "confirm_order" => out(lw.confirm_order(&text(a, "id")?)),
        "replan_order" => out(lw.replan_order(&text(a, "id")?)),
        "cancel_order" => out(lw.cancel_order(&text(a, "id")?)),
        "start_mo" => out(lw.start_mo(&text(a, "id")?)),
        "complete_mo" => {
            let completion: Completion = opt_arg(a, "completion")?.unwrap_or_default();
            out(lw.complete_mo(&text(a, "id")?, completion))
        }
        "cancel_mo" => out(lw.cancel_mo(&text(a, "id")?)),
        "ship" => {
            let request: ShipRequest = arg(a, "request")?;
            out(lw.ship(&text(a, "id")?, request))
        }
        "ack_events" => out(lw.ack_events(&text(a, "consumer")?, arg(a, "seq")?)),
        "order" => out(lw.order(&text(a, "id")?)),
        "order_view" => out(lw.order_view(&text(a, "id")?)),
        "orders" => out(lw.orders()),
        "shipments_of_order" => out(lw.shipments_of_order(&text(a, "id")?)),
        "mo" => out(lw.mo(&text(a, "id")?)),
        "mos" => out(lw.mos()),
        "mo_lines" => out(lw.mo_lines(&text(a, "id")?)),
        "item" => out(lw.item(&text(a, "sku")?)),
        "recipe" => out(lw.recipe(&text(a, "sku")?)),
        "stock" => out(lw.stock(&text(a, "sku")?)),
        "lots_of_item" => out(lw.lots_of_item(&text(a, "sku")?)),
        "lot" => out(lw.lot(&text(a, "lot")?)),
        "trace_forward" => out(lw.trace_forward(&text(a, "lot")?)),
        "trace_backward" => out(lw.trace_backward(&text(a, "lot")?)),
        "recall" => out(lw.recall(&text(a, "lot")?)),
        "reservations" => out(lw.reservations()),
        "balances" => out(lw.balances()),
        "movements" => out(lw.movements()),
        "events_after" => out(lw.events_after(arg(a, "after")?, arg(a, "limit")?)),
        "pending_events" => out(lw.pending_events(&text(a, "consumer")?, arg(a, "limit")?)),
        "event_cursor" => out(lw.event_cursor(&text(a, "consumer")?)),
        "define_supplier" => out(lw.define_supplier(whole(a)?)),
        "create_po" => out(lw.create_po(whole(a)?)),
        "send_po" => out(lw.send_po(&text(a, "id")?)),
        "cancel_po" => out(lw.cancel_po(&text(a, "id")?)),
        "receive_po" => out(lw.receive_po(&text(a, "id")?, arg(a, "lines")?)),
        "purchase_order" => out(lw.purchase_order(&text(a, "id")?)),
        "open_po_lines" => out(lw.open_po_lines()),
        "purchase_suggestions" => out(lw.purchase_suggestions()),
        "suggest_production" => out(lw.suggest_production()),
        "create_stock_mo" => out(lw.create_stock_mo(&text(a, "sku")?, arg(a, "qty")?)),
        "ship_transfer" => out(lw.ship_transfer(whole(a)?)),
        "receive_transfer" => out(lw.receive_transfer(&text(a, "id")?)),
        "availability" => out(lw.availability(&text(a, "sku")?)),
        "define_routing_rule" => out(lw.define_routing_rule(whole(a)?)),
        "route_order" => out(lw.route_order(&text(a, "id")?)),
        "record_return" => out(lw.record_return(whole(a)?)),
        "returns_of_order" => out(lw.returns_of_order(&text(a, "id")?)),
        "recall_returns" => out(lw.recall_returns(&text(a, "lot")?)),
        "define_work_center" => out(lw.define_work_center(whole(a)?)),
        "define_shipping_method" => out(lw.define_shipping_method(whole(a)?)),
        "set_planning_settings" => out(lw.set_planning_settings(whole(a)?)),
        "promise_lines" => {
            let lines: Vec<NewOrderLine> = arg(a, "lines")?;
            let options: PromiseOptions = opt_arg(a, "options")?.unwrap_or_default();
            out(lw.promise_lines(&lines, &options))
        }
        "promise" => {
            let options: PromiseOptions = opt_arg(a, "options")?.unwrap_or_default();
            out(lw.promise(&text(a, "id")?, &options))
        }
        "schedule" => out(lw.schedule(arg(a, "from")?, arg(a, "to")?)),
        "booking" => out(lw.booking(&text(a, "mo")?)),
        "reschedule_mo" => out(lw.reschedule_mo(&text(a, "id")?, arg(a, "not_before")?)),
        "check_invariants" => out(lw.check_invariants()),
        other => return Err(format!("unknown step kind `{other}`")),
    })
}

fn out<T: Serialize>(result: lotwise::Result<T>) -> Outcome {
    match result {
        Ok(v) => Ok(serde_json::to_value(v).unwrap_or_else(|e| json!(e.to_string()))),
        Err(e) => {
            let mut fields = e.fields();
            if let Value::Object(map) = &mut fields {
                map.insert("code".into(), json!(e.code()));
            }
            Err(fields)
        }
    }
}

/// The whole `args` object as an input struct.
fn whole<T: DeserializeOwned>(args: &Value) -> Result<T, String> {
    serde_json::from_value(args.clone()).map_err(|e| format!("bad args {args}: {e}"))
}

fn arg<T: DeserializeOwned>(args: &Value, key: &str) -> Result<T, String> {
    opt_arg(args, key)?.ok_or_else(|| format!("missing arg `{key}` in {args}"))
}

fn opt_arg<T: DeserializeOwned>(args: &Value, key: &str) -> Result<Option<T>, String> {
    match args.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => serde_json::from_value(v.clone())
            .map(Some)
            .map_err(|e| format!("bad arg `{key}` = {v}: {e}")),
    }
}

fn text(args: &Value, key: &str) -> Result<String, String> {
    arg(args, key)
}

fn outcome_json(outcome: &Outcome) -> Value {
    match outcome {
        Ok(v) => json!({ "ok": v }),
        Err(e) => json!({ "error": e }),
    }
}

fn expect_json(expect: &Expect) -> String {
    pretty(&match expect {
        Expect::Ok(v) => json!({ "ok": v }),
        Expect::Error(e) => json!({ "error": e }),
    })
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

#[cfg(test)]
mod matcher {
    use super::*;

    #[test]
    fn subset_rules() {
        let got = json!({"a": "24.000", "b": [1, {"c": "x", "d": 2}], "e": null, "q": "2.50 kg"});
        assert!(subset(&json!({"a": "24"}), &got, "$").is_ok());
        assert!(subset(&json!({"q": "2.5 kg"}), &got, "$").is_ok());
        assert!(subset(&json!({"q": "2.5 g"}), &got, "$").is_err());
        assert!(subset(&json!({"b": [1, {"c": "x"}]}), &got, "$").is_ok());
        assert!(
            subset(&json!({"b": [1]}), &got, "$").is_err(),
            "arrays need equal length"
        );
        assert!(subset(&json!({"e": null}), &got, "$").is_ok());
        assert!(
            subset(&json!({"z": null}), &got, "$").is_err(),
            "listed keys must exist"
        );
        assert!(subset(&json!({"a": "25"}), &got, "$").is_err());
        assert!(subset(&json!({"b": {"$contains": [{"d": 2}]}}), &got, "$").is_ok());
        assert!(
            subset(&json!({"b": {"$contains": [{"d": 2}, 1]}}), &got, "$").is_err(),
            "order counts"
        );
        assert!(!same_decimal("SO-000001", "SO-000001.0"));
        assert!(!same_decimal("1e3", "1000"));
    }
}
