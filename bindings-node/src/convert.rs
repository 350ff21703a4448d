//! Values across the boundary. Arguments arrive as `serde_json::Value`
//! (napi reads the JS object; a JS number stays a number, so a decimal field
//! given one is refused by the core's types, never coerced into a decimal).
//! Answers leave as `serde_json::Value` with one change: an integer beyond
//! JavaScript's safe range (2^53) becomes its decimal string, so an id or
//! sequence number is never rounded (napi would make it a `BigInt`).

use serde_json::Value;

/// The largest integer a JS number holds exactly.
const MAX_SAFE: u64 = (1 << 53) - 1;

/// `value` with every integer outside ±(2^53 − 1) turned into its string.
pub(crate) fn safe_numbers(mut value: Value) -> Value {
    make_safe(&mut value);
    value
}

fn make_safe(value: &mut Value) {
    match value {
        Value::Number(n) => {
            let unsafe_int = match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u > MAX_SAFE,
                (None, Some(i)) => i.unsigned_abs() > MAX_SAFE,
                _ => false,
            };
            if unsafe_int {
                *value = Value::String(n.to_string());
            }
        }
        Value::Array(items) => items.iter_mut().for_each(make_safe),
        Value::Object(map) => map.values_mut().for_each(make_safe),
        _ => {}
    }
}

/// A JSON answer as the JS values it holds (napi's `serde_json` conversion).
pub struct Json(pub Value);

impl napi::bindgen_prelude::TypeName for Json {
    fn type_name() -> &'static str {
        "unknown"
    }

    fn value_type() -> napi::ValueType {
        napi::ValueType::Unknown
    }
}

impl napi::bindgen_prelude::ToNapiValue for Json {
    unsafe fn to_napi_value(
        env: napi::sys::napi_env,
        val: Self,
    ) -> napi::Result<napi::sys::napi_value> {
        // SAFETY: called by napi on the JS thread with its live `env`.
        unsafe { Value::to_napi_value(env, val.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integers_past_two_to_the_53_become_strings() {
        let v = json!({"seq": 9007199254740993u64, "small": 42, "neg": -9007199254740993i64,
                       "list": [9007199254740991u64, "x", 1.5]});
        assert_eq!(
            safe_numbers(v),
            json!({"seq": "9007199254740993", "small": 42, "neg": "-9007199254740993",
                   "list": [9007199254740991u64, "x", 1.5]})
        );
    }
}
