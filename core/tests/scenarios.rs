//! Replays every golden scenario in `scenarios/v1/` (see `scenarios/README.md`
//! for the format) through the command layer: each step is a
//! `lotwise::api::Command` run by `Lotwise::execute`, so this runner holds no
//! per-operation code. The same files are replayed by every binding's tests,
//! so this runner follows the README's rules exactly and nothing more.
//!
//! Set `LOTWISE_SCENARIO_TRACE=1` to print every step's actual result, which
//! is how new expectations are checked by hand.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use lotwise::api::Command;
use lotwise::{FixedClock, Lotwise};
use rust_decimal::Decimal;
use serde::Deserialize;
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
    let lw = Lotwise::in_memory_with_clock(Arc::new(FixedClock::at(scenario.clock)));
    let trace = std::env::var_os("LOTWISE_SCENARIO_TRACE").is_some();
    for (i, step) in scenario.steps.iter().enumerate() {
        let at = format!("step {} (`{}`)", i + 1, step.action);
        let outcome = run(&lw, step).map_err(|e| format!("{at}: {e}"))?;
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

/// Runs one step through the command layer, exactly as every binding does:
/// the step is a `Command`. The outer error is a broken scenario (unknown
/// step, args that do not fit the operation); the outcome is what lotwise
/// answered.
fn run(lw: &Lotwise, step: &Step) -> Result<Outcome, String> {
    let command = Command::from_parts(&step.action, step.args.clone())
        .map_err(|e| format!("broken step: {e}"))?;
    Ok(match lw.execute(command) {
        Ok(reply) => Ok(reply.to_json()),
        Err(e) => Err(e.to_json()),
    })
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
