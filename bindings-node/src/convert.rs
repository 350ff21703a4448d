//! Values across the boundary. Arguments arrive as JSON text (a JS number
//! stays a JSON number, so a decimal field given one is refused by the
//! core's types, never coerced into a decimal). Answers leave as JSON text
//! with one change: an integer beyond JavaScript's safe range (2^53)
//! becomes its decimal string, so an id or sequence number is never rounded
//! by `JSON.parse`.

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

/// The answer as JSON text for `JSON.parse`. Serialized straight from the
/// reply (no `Value` in between); only when the text holds an integer long
/// enough to pass 2^53 is it rebuilt with such integers as strings.
pub(crate) fn reply_text(reply: &lotwise::api::Reply) -> String {
    match serde_json::to_string(reply) {
        Ok(text) if !has_long_integer(&text) => text,
        _ => safe_numbers(reply.to_json()).to_string(),
    }
}

/// Whether JSON `text` has a number of 16 digits or more outside strings
/// (2^53 has 16 digits; digits inside strings, tracking numbers say, do not
/// count).
fn has_long_integer(text: &str) -> bool {
    let (mut in_string, mut escaped, mut run) = (false, false, 0);
    for b in text.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if b.is_ascii_digit() {
            run += 1;
            if run >= 16 {
                return true;
            }
        } else {
            run = 0;
            in_string = b == b'"';
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn long_integers_are_found_outside_strings_only() {
        assert!(has_long_integer(r#"{"id":9007199254740993}"#));
        assert!(has_long_integer(r#"[1234567890123456]"#));
        assert!(!has_long_integer(r#"{"id":900719925474099}"#));
        assert!(!has_long_integer(
            r#"{"tracking":"9400111899220000000001"}"#
        ));
        assert!(!has_long_integer(r#"{"a":"x\"9400111899220000000001"}"#));
        assert!(has_long_integer(r#"{"a":"\\","b":9400111899220000000001}"#));
    }

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
