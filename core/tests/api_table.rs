//! The command layer's table is complete and its contract is current:
//! every public method of `Lotwise` has a row (or is one of the few handle
//! methods that are not operations), the checked-in schema is what the code
//! produces, and `execute_json` answers bad input with typed errors.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use lotwise::api::{schema, Command, OPERATIONS};
use lotwise::Lotwise;
use serde_json::{json, Value};

/// Public methods of `Lotwise` that are not operations: constructors, the
/// command layer itself, and the Rust-only import with a progress callback
/// (its operation is `import_payloads` through `import_texts`).
const NOT_OPERATIONS: &[&str] = &[
    "open",
    "open_with_clock",
    "with_store",
    "in_memory_with_clock",
    "execute",
    "execute_json",
    "import_payloads",
    "import_texts",
];

/// `pub fn name(` lines inside `impl Lotwise {` blocks of the core's sources
/// (rustfmt puts the block's braces in column 0).
fn public_methods_of_lotwise() -> BTreeSet<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut names = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut inside = false;
        for line in text.lines() {
            if line.starts_with("impl Lotwise {") {
                inside = true;
            } else if inside && line.starts_with('}') {
                inside = false;
            } else if inside {
                if let Some(rest) = line.strip_prefix("    pub fn ") {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    names.insert(name);
                }
            }
        }
    }
    names
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_public_method_of_lotwise_is_an_operation() {
    let methods = public_methods_of_lotwise();
    assert!(methods.len() > 50, "the source scan found only {methods:?}");
    let ops: BTreeSet<&str> = OPERATIONS.iter().map(|o| o.name).collect();
    let missing: Vec<&String> = methods
        .iter()
        .filter(|m| !ops.contains(m.as_str()) && !NOT_OPERATIONS.contains(&m.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "public methods of Lotwise without a row in core/src/api/table.rs: {missing:?}"
    );
    // And the other way: a row names a method that exists (or a pure parser).
    for op in OPERATIONS {
        let pure = matches!(op.name, "parse_qty" | "parse_money");
        assert!(
            pure || methods.contains(op.name),
            "operation `{}` is not a method of Lotwise",
            op.name
        );
    }
}

#[test]
fn the_checked_in_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/lotwise.v1.json");
    let current = serde_json::to_string_pretty(&schema()).unwrap() + "\n";
    if std::env::var_os("LOTWISE_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, &current).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == current,
        "schema/lotwise.v1.json is stale: run scripts/generate.sh (or \
         LOTWISE_WRITE_SCHEMA=1 cargo test -p lotwise --test api_table) and commit it"
    );
}

#[test]
fn every_operation_round_trips_through_its_name() {
    for op in OPERATIONS {
        // Not every operation accepts `{}`, but every name is known: an
        // error is then about the args, never about the name.
        match Command::from_parts(op.name, json!({})) {
            Ok(cmd) => assert_eq!(cmd.name(), op.name),
            Err(e) => assert!(
                e.fields()["field"]
                    .as_str()
                    .unwrap_or("")
                    .starts_with("args"),
                "{}: {e}",
                op.name
            ),
        }
    }
}

fn answer(lw: &Lotwise, text: &str) -> Value {
    serde_json::from_str(&lw.execute_json(text)).unwrap()
}

#[test]
fn execute_json_answers_bad_input_with_typed_errors() {
    let lw = Lotwise::open(":memory:").unwrap();
    let cases = [
        ("not json", "command"),
        ("[1, 2]", "command"),
        (r#"{"args": {}}"#, "do"),
        (r#"{"do": "launch_rocket"}"#, "do"),
        (
            r#"{"do": "stock", "args": {"sku": "X"}, "extra": 1}"#,
            "extra",
        ),
        (r#"{"do": "stock", "args": {}}"#, "args"),
        (r#"{"do": "stock", "args": {"sku": 7}}"#, "args.sku"),
        (
            r#"{"do": "define_item", "args": {"sku": "W", "name": "W", "kind": "materials", "uom": "kg"}}"#,
            "args.kind",
        ),
    ];
    for (text, field) in cases {
        let got = answer(&lw, text);
        let error = &got["error"];
        assert_eq!(error["code"], "invalid_input", "{text}: {got}");
        assert_eq!(error["field"], field, "{text}: {got}");
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // A bad enum value names the allowed ones.
    let got = answer(
        &lw,
        r#"{"do": "define_item", "args": {"sku": "W", "name": "W", "kind": "materials", "uom": "kg"}}"#,
    );
    let reason = got["error"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("material") && reason.contains("packaging"),
        "{reason}"
    );
    // Nothing was written by any of them.
    assert_eq!(answer(&lw, r#"{"do": "items"}"#), json!({ "ok": [] }));
}

#[test]
fn execute_json_runs_the_flow_and_errors_carry_code_message_and_fields() {
    let lw = Lotwise::open(":memory:").unwrap();
    let ok = answer(
        &lw,
        r#"{"do": "define_item", "args": {"sku": "WAX", "name": "Soy wax", "kind": "material", "uom": "kg"}}"#,
    );
    assert_eq!(ok["ok"]["sku"], "WAX");
    let lot = answer(
        &lw,
        r#"{"do": "receive", "args": {"sku": "WAX", "qty": "1 kg", "lot": "L1"}}"#,
    );
    assert_eq!(lot["ok"]["code"], "L1", "{lot}");
    let refused = answer(
        &lw,
        r#"{"do": "adjust_stock", "args": {"sku": "WAX", "lot": "L1", "delta": "-5 kg", "reason": "count"}}"#,
    );
    let e = &refused["error"];
    assert_eq!(e["code"], "insufficient_stock", "{refused}");
    assert_eq!(e["sku"], "WAX");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .contains("insufficient stock"));
    assert_eq!(
        answer(&lw, r#"{"do": "backend"}"#),
        json!({ "ok": "memory" })
    );
    let clock = answer(&lw, r#"{"do": "advance_days", "args": {"days": 1}}"#);
    assert_eq!(
        clock["error"]["code"], "invalid_input",
        "a system clock cannot move"
    );
}

#[test]
fn place_orders_answers_for_every_order() {
    let lw = Lotwise::open(":memory:").unwrap();
    answer(
        &lw,
        r#"{"do": "define_item", "args": {"sku": "SOAP", "name": "Oat soap", "kind": "product", "uom": "pcs"}}"#,
    );
    let order = |sku: &str, r: &str| {
        json!({"channel": "csv", "external_ref": r, "customer": {"name": "Ada"},
               "lines": [{"sku": sku, "qty": "2 pcs"}]})
    };
    let cmd = json!({"do": "place_orders", "args": {"orders": [
        order("SOAP", "1"), order("NOPE", "2"), order("SOAP", "3")]}});
    let got = answer(&lw, &cmd.to_string());
    let results = got["ok"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["placed"]["order"]["id"], "SO-000001");
    assert_eq!(results[1]["error"]["code"], "unknown_sku");
    assert_eq!(results[1]["error"]["sku"], "NOPE");
    assert_eq!(results[2]["placed"]["order"]["id"], "SO-000002");
}

#[test]
fn a_quantity_or_amount_in_args_that_does_not_parse_keeps_its_typed_error() {
    let lw = Lotwise::open(":memory:").unwrap();
    answer(
        &lw,
        r#"{"do": "define_item", "args": {"sku": "WAX", "name": "Soy wax", "kind": "material", "uom": "kg"}}"#,
    );
    let unit = answer(
        &lw,
        r#"{"do": "receive", "args": {"sku": "WAX", "qty": "3 furlongs"}}"#,
    );
    assert_eq!(unit["error"]["code"], "unknown_unit", "{unit}");
    assert_eq!(unit["error"]["unit"], "furlongs");
    let exponent = answer(
        &lw,
        r#"{"do": "receive", "args": {"sku": "WAX", "qty": "1e3 g"}}"#,
    );
    assert_eq!(exponent["error"]["code"], "invalid_quantity", "{exponent}");
    assert_eq!(exponent["error"]["value"], "1e3");
    let money = answer(
        &lw,
        r#"{"do": "place_order", "args": {"channel": "manual", "customer": {"name": "Ada"},
            "lines": [{"sku": "WAX", "qty": "1 kg", "unit_price": "12 dollars"}]}}"#,
    );
    assert_eq!(money["error"]["field"], "currency", "{money}");
    assert_eq!(money["error"]["value"], "dollars");
    // A value of the wrong JSON type is still about the args: a number is
    // never read as a quantity.
    let number = answer(
        &lw,
        r#"{"do": "receive", "args": {"sku": "WAX", "qty": 5}}"#,
    );
    assert_eq!(number["error"]["code"], "invalid_input", "{number}");
    assert_eq!(number["error"]["field"], "args.qty");
    assert_eq!(answer(&lw, r#"{"do": "movements"}"#), json!({ "ok": [] }));
}
