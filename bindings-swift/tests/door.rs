//! The by-name door of `Engine` against the core, in Rust, before any
//! Swift or Kotlin runs: every step of every golden scenario answers the
//! same JSON through the generated records as `Lotwise::execute` does
//! directly (so no record drops or changes a field), and every row of
//! `testdata/bad_input.json` — the data form of the core's bad-input table
//! that the Swift and Kotlin tests read — fails with its code and fields,
//! and that table keeps the core's rows.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lotwise::api::Command;
use lotwise::{FixedClock, Lotwise};
use lotwise_ffi::{Engine, Timestamp};
use serde_json::{json, Value};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What the door answers for one step, as `{"ok": ...}` / `{"error": ...}`.
fn door(engine: &Engine, step: &Value) -> Value {
    let args = step.get("args").cloned().unwrap_or(json!({}));
    match engine.execute(step["do"].as_str().unwrap().into(), args.to_string()) {
        Ok(text) => json!({ "ok": serde_json::from_str::<Value>(&text).unwrap() }),
        Err(e) => json!({ "error": { "code": e.code_str(), "message": e.to_string() } }),
    }
}

fn direct(lw: &Lotwise, step: &Value) -> Value {
    let args = step.get("args").cloned().unwrap_or(json!({}));
    let outcome =
        Command::from_parts(step["do"].as_str().unwrap(), args).and_then(|c| lw.execute(c));
    match outcome {
        Ok(reply) => json!({ "ok": reply.to_json() }),
        Err(e) => json!({ "error": { "code": e.code(), "message": e.to_string() } }),
    }
}

#[test]
fn every_scenario_step_answers_as_the_core_does() {
    let dir = repo().join("scenarios/v1");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "only {} scenarios", files.len());
    let mut steps = 0;
    for file in &files {
        let scenario = read(file);
        let clock = scenario["clock"].as_str().unwrap().to_string();
        let engine =
            Engine::open_with_fixed_clock(":memory:".into(), Timestamp(clock.clone())).unwrap();
        let lw = Lotwise::in_memory_with_clock(Arc::new(FixedClock::at(clock.parse().unwrap())));
        for (i, step) in scenario["steps"].as_array().unwrap().iter().enumerate() {
            let (got, want) = (door(&engine, step), direct(&lw, step));
            assert_eq!(
                got,
                want,
                "{} step {}: {}",
                file.display(),
                i + 1,
                step["do"]
            );
            steps += 1;
        }
    }
    assert!(steps > 200, "only {steps} steps");
}

#[test]
fn the_bad_input_table_fails_with_its_codes_and_fields() {
    let table = read(&repo().join("bindings-swift/testdata/bad_input.json"));
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 50, "only {} cases", cases.len());
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let engine = Engine::open_with_fixed_clock(
            ":memory:".into(),
            Timestamp(table["clock"].as_str().unwrap().into()),
        )
        .unwrap();
        let mut setup = table["fixture"].as_array().unwrap().clone();
        if let Some(extra) = case.get("setup") {
            setup.extend(
                table["setups"][extra.as_str().unwrap()]
                    .as_array()
                    .unwrap()
                    .clone(),
            );
        }
        for step in &setup {
            let got = door(&engine, step);
            assert!(
                got.get("ok").is_some(),
                "{name}: setup step {step} failed: {got}"
            );
        }
        let before = engine.snapshot().unwrap();
        let cursor = engine.event_cursor("mailer".into()).unwrap();
        let err = engine
            .execute(
                case["do"].as_str().unwrap().into(),
                case["args"].to_string(),
            )
            .expect_err(name);
        assert_eq!(err.code_str(), case["code"], "{name}: {err}");
        // The typed error, written back as the contract's JSON, has each
        // expected field with its value.
        let got: Value = serde_json::from_str(&err.to_json()).unwrap();
        for (key, want) in case["fields"].as_object().unwrap() {
            assert_eq!(&got[key], want, "{name}: field `{key}` of {got}");
        }
        assert!(
            engine.snapshot().unwrap() == before,
            "{name}: the state changed"
        );
        assert_eq!(
            engine.event_cursor("mailer".into()).unwrap(),
            cursor,
            "{name}"
        );
        assert!(engine.check_invariants().unwrap().is_empty(), "{name}");
    }
}

/// `testdata/bad_input.json` mirrors `core/tests/bad_input.rs` row for row:
/// the same case names, in the same order.
#[test]
fn the_bad_input_data_keeps_in_step_with_the_core_table() {
    let rust = std::fs::read_to_string(repo().join("core/tests/bad_input.rs")).unwrap();
    let in_rust: Vec<&str> = rust
        .split("case(\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or_default())
        .collect();
    let table = read(&repo().join("bindings-swift/testdata/bad_input.json"));
    let in_data: Vec<&str> = table["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(in_data, in_rust);
}
