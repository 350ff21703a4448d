//! The contract as JSON Schema: every operation with its input and output,
//! every error and the event outbox record, with the named types they use.
//! `schema/lotwise.v1.json` is this document, checked in; a test fails when
//! it differs from what the code produces, and the bindings' generated types
//! come from the file. How each shape maps to a language is in
//! `schema/README.md`.

use serde_json::{json, Map, Value};

use super::OPERATIONS;
use crate::error::ErrorCode;
use crate::Event;

/// The contract's version: bumped when a change would break a caller.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole contract as one JSON Schema document (draft 2020-12).
///
/// ```
/// let schema = lotwise::api::schema();
/// let ops = schema["operations"].as_array().unwrap();
/// assert!(ops.iter().any(|op| op["name"] == "confirm_order" && op["kind"] == "write"));
/// assert!(schema["errors"].as_array().unwrap().iter().any(|e| e["code"] == "insufficient_stock"));
/// ```
pub fn schema() -> Value {
    let mut generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let operations: Vec<Value> = OPERATIONS
        .iter()
        .map(|op| {
            json!({
                "name": op.name,
                "kind": op.kind,
                "doc": op.doc.trim(),
                "input": (op.input)(&mut generator).to_value(),
                "output": (op.output)(&mut generator).to_value(),
            })
        })
        .collect();
    let error = generator.subschema_for::<crate::ErrorReport>().to_value();
    let event = generator.subschema_for::<Event>().to_value();
    let defs = generator.take_definitions(true);
    let errors = error_list(&defs);
    let mut doc = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "lotwise",
        "description": "The lotwise command layer: operations with their input and output, errors and events. Generated from core/src/api; do not edit.",
        "version": SCHEMA_VERSION,
        "operations": operations,
        "error": error,
        "errors": errors,
        "event": event,
        "$defs": Value::Object(defs),
    });
    normalize(&mut doc);
    doc
}

/// One entry per error code: `{code, doc, fields: {name: schema}, required}`,
/// read from the `Error` enum's schema (a `oneOf` of objects tagged by `code`).
fn error_list(defs: &Map<String, Value>) -> Vec<Value> {
    let variants = defs
        .get("Error")
        .and_then(|e| e.get("oneOf"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    variants
        .iter()
        .filter_map(|v| {
            let props = v.get("properties")?.as_object()?;
            let code = props.get("code")?.get("const")?.clone();
            let fields: Map<String, Value> = props
                .iter()
                .filter(|(k, _)| k.as_str() != "code")
                .map(|(k, s)| (k.clone(), s.clone()))
                .collect();
            let required: Vec<Value> = v
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter(|k| *k != "code").cloned().collect())
                .unwrap_or_default();
            let category = code.as_str().and_then(|c| {
                use strum::VariantArray;
                ErrorCode::VARIANTS
                    .iter()
                    .find(|k| k.as_str() == c)
                    .map(|k| k.category())
            });
            Some(json!({
                "code": code,
                "category": category,
                "doc": v.get("description").cloned().unwrap_or(Value::Null),
                "fields": fields,
                "required": required,
            }))
        })
        .collect()
}

/// Gives every decimal one spelling, `{"type": "string", "format": "decimal"}`,
/// whatever contract produced it, so generators need to know one form.
fn normalize(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let is_decimal = map
                .get("pattern")
                .and_then(Value::as_str)
                .is_some_and(|p| p.starts_with(r"^-?\d+(\.\d+)?"))
                && map.get("format").is_none();
            if is_decimal {
                map.remove("pattern");
                // `Option<Decimal>` is `["string", "null"]`; keep its null.
                let nullable = map
                    .get("type")
                    .and_then(Value::as_array)
                    .is_some_and(|t| t.iter().any(|k| k == "null"));
                let kind = if nullable {
                    json!(["string", "null"])
                } else {
                    json!("string")
                };
                map.insert("type".into(), kind);
                map.insert("format".into(), json!("decimal"));
            }
            for v in map.values_mut() {
                normalize(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::OpKind;
    use crate::error::Error;

    #[test]
    fn every_operation_is_described_and_names_are_unique() {
        let doc = schema();
        let ops = doc["operations"].as_array().expect("operations");
        assert_eq!(ops.len(), OPERATIONS.len());
        let mut names: Vec<&str> = OPERATIONS.iter().map(|o| o.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(
            names.len(),
            OPERATIONS.len(),
            "an operation name is repeated"
        );
        for op in OPERATIONS {
            assert!(!op.doc.trim().is_empty(), "{} has no doc", op.name);
        }
        assert!(OPERATIONS.iter().any(|o| o.kind == OpKind::Clock));
    }

    #[test]
    fn every_error_code_is_in_the_schema() {
        let doc = schema();
        let listed: Vec<&str> = doc["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .filter_map(|e| e["code"].as_str())
            .collect();
        let codes: Vec<&str> = Error::codes().collect();
        assert_eq!(listed, codes);
    }

    #[test]
    fn an_optional_decimal_stays_optional() {
        let doc = schema();
        let reorder = &doc["$defs"]["Item"]["properties"]["reorder_point"];
        assert_eq!(reorder["type"], json!(["string", "null"]), "{reorder}");
        assert_eq!(reorder["format"], "decimal");
    }

    #[test]
    fn decimals_have_one_spelling() {
        let text = schema().to_string();
        assert!(text.contains(r#""format":"decimal""#));
        assert!(
            !text.contains(r#"\\d+(\\.\\d+)?"#),
            "a raw decimal pattern is left"
        );
    }
}
