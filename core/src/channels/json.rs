//! Reading channel JSON field by field, so every error names the field
//! (`line_items[2].price`) and no value goes through a float.
//!
//! serde_json keeps integers as `u64`/`i64` and only non-integers (or integers
//! beyond 64 bits) as `f64`, so a money field or quantity that arrives as a
//! JSON float is seen and refused rather than rounded, and 64-bit ids such as
//! `820982911946154508` come through exactly.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{limits, Channel};
use crate::domain::money::currency_code;
use crate::error::{Error, Result};

/// An `invalid_payload` error.
pub(crate) fn invalid(channel: Channel, field: &str, reason: impl Into<String>) -> Error {
    Error::InvalidPayload {
        channel: channel.as_str().into(),
        field: field.into(),
        reason: reason.into(),
    }
}

/// Parses a JSON body after checking its size.
pub(crate) fn parse_body(channel: Channel, body: &[u8]) -> Result<Value> {
    if body.len() > limits::MAX_PAYLOAD_BYTES {
        return Err(invalid(
            channel,
            "body",
            format!(
                "payload is {} bytes; the limit is {}",
                body.len(),
                limits::MAX_PAYLOAD_BYTES
            ),
        ));
    }
    serde_json::from_slice(body)
        .map_err(|e| invalid(channel, "body", format!("not valid JSON: {e}")))
}

/// A JSON object and the path that leads to it.
#[derive(Clone)]
pub(crate) struct Obj<'a> {
    channel: Channel,
    map: &'a Map<String, Value>,
    path: String,
}

/// The kind of a JSON value, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a non-integer number",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> Obj<'a> {
    /// The top-level object of a body.
    pub(crate) fn root(channel: Channel, value: &'a Value) -> Result<Obj<'a>> {
        Obj::at(channel, value, String::new())
    }

    /// `value` as an object found at `path`.
    pub(crate) fn at(channel: Channel, value: &'a Value, path: String) -> Result<Obj<'a>> {
        match value {
            Value::Object(map) => Ok(Obj { channel, map, path }),
            other => {
                let field = if path.is_empty() { "body" } else { &path };
                Err(invalid(
                    channel,
                    field,
                    format!("expected an object, got {}", kind(other)),
                ))
            }
        }
    }

    /// The path of `key` in this object.
    pub(crate) fn field(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The path of this object itself.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// An error at `key`.
    pub(crate) fn err(&self, key: &str, reason: impl Into<String>) -> Error {
        invalid(self.channel, &self.field(key), reason)
    }

    /// The value at `key`; `None` when missing or null.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A nested object; `None` when missing or null.
    pub(crate) fn obj(&self, key: &str) -> Result<Option<Obj<'a>>> {
        self.get(key)
            .map(|v| Obj::at(self.channel, v, self.field(key)))
            .transpose()
    }

    /// A list of objects; empty when missing or null, unless `required`.
    pub(crate) fn objs(&self, key: &str, required: bool, max: usize) -> Result<Vec<Obj<'a>>> {
        let items = match self.get(key) {
            None if required => return Err(self.err(key, "missing")),
            None => return Ok(Vec::new()),
            Some(Value::Array(items)) => items,
            Some(other) => {
                return Err(self.err(key, format!("expected an array, got {}", kind(other))))
            }
        };
        if items.len() > max {
            return Err(self.err(key, format!("{} entries; the limit is {max}", items.len())));
        }
        let base = self.field(key);
        items
            .iter()
            .enumerate()
            .map(|(i, v)| Obj::at(self.channel, v, format!("{base}[{i}]")))
            .collect()
    }

    /// A string as sent (untrimmed); `None` when missing or null. Longer than
    /// `max` characters is an error, never a truncation.
    pub(crate) fn str(&self, key: &str, max: usize) -> Result<Option<&'a str>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => {
                check_len(s, max).map_err(|r| self.err(key, r))?;
                Ok(Some(s))
            }
            Some(other) => Err(self.err(key, format!("expected a string, got {}", kind(other)))),
        }
    }

    /// A trimmed string; `None` when missing, null or blank.
    pub(crate) fn text(&self, key: &str, max: usize) -> Result<Option<String>> {
        Ok(self
            .str(key, max)?
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string))
    }

    /// A trimmed, non-blank string that must be there.
    pub(crate) fn req_text(&self, key: &str, max: usize) -> Result<String> {
        self.text(key, max)?
            .ok_or_else(|| self.err(key, "missing or empty"))
    }

    /// A scalar (string, number or boolean) as text, for free-form values
    /// such as property values; `None` when missing or null.
    pub(crate) fn scalar_text(&self, key: &str, max: usize) -> Result<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => {
                check_len(s, max).map_err(|r| self.err(key, r))?;
                Ok(Some(s.clone()))
            }
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(Value::Bool(b)) => Ok(Some(b.to_string())),
            Some(other) => Err(self.err(key, format!("expected text, got {}", kind(other)))),
        }
    }

    /// A boolean; `None` when missing or null.
    pub(crate) fn bool(&self, key: &str) -> Result<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(self.err(key, format!("expected a boolean, got {}", kind(other)))),
        }
    }

    /// A 64-bit id: a JSON integer or a string of digits (never a float,
    /// which would have lost digits above 2^53).
    pub(crate) fn id(&self, key: &str) -> Result<Option<u64>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => n.as_u64().map(Some).ok_or_else(|| {
                self.err(
                    key,
                    format!("an id must be a non-negative 64-bit integer, got {n}"),
                )
            }),
            Some(Value::String(s)) => {
                let digits =
                    !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit());
                digits
                    .then(|| s.parse::<u64>().ok())
                    .flatten()
                    .map(Some)
                    .ok_or_else(|| self.err(key, "an id must be a non-negative 64-bit integer"))
            }
            Some(other) => Err(self.err(key, format!("expected an id, got {}", kind(other)))),
        }
    }

    /// An id that must be there.
    pub(crate) fn req_id(&self, key: &str) -> Result<u64> {
        self.id(key)?.ok_or_else(|| self.err(key, "missing"))
    }

    /// A non-negative whole number up to `max`; floats, negatives and
    /// anything non-numeric are errors.
    pub(crate) fn uint(&self, key: &str, max: u64) -> Result<Option<u64>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => {
                if let Some(v) = n.as_u64() {
                    if v > max {
                        return Err(self.err(key, format!("{v} is larger than {max}")));
                    }
                    Ok(Some(v))
                } else if n.is_i64() {
                    Err(self.err(key, format!("must not be negative, got {n}")))
                } else {
                    Err(self.err(key, format!("must be a whole number, got {n}")))
                }
            }
            Some(other) => Err(self.err(key, format!("expected a number, got {}", kind(other)))),
        }
    }

    /// A quantity in channel units: a whole number, 0 allowed.
    pub(crate) fn count(&self, key: &str) -> Result<Option<Decimal>> {
        Ok(self.uint(key, limits::MAX_QUANTITY)?.map(Decimal::from))
    }

    /// A money amount written as a decimal string (`"24.00"`), never a JSON
    /// number; negative amounts are errors.
    pub(crate) fn money_str(&self, key: &str) -> Result<Option<Decimal>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => parse_amount(s).map(Some).map_err(|r| self.err(key, r)),
            Some(Value::Number(n)) => Err(self.err(
                key,
                format!(
                    "money must be a decimal string such as \"24.00\", not the JSON number {n}"
                ),
            )),
            Some(other) => Err(self.err(
                key,
                format!("expected a decimal string, got {}", kind(other)),
            )),
        }
    }

    /// An ISO 4217 currency code with a minor unit, upper-cased: the codes
    /// [`Money`](crate::Money) takes, so what is imported reads back.
    pub(crate) fn currency(&self, key: &str) -> Result<Option<String>> {
        match self.str(key, limits::MAX_CODE_CHARS)? {
            None => Ok(None),
            Some(s) => currency_code(s)
                .map(Some)
                .map_err(|reason| self.err(key, format!("`{s}`: {reason}"))),
        }
    }

    /// An ISO 8601 / RFC 3339 timestamp with offset, converted to UTC.
    pub(crate) fn iso_time(&self, key: &str) -> Result<Option<DateTime<Utc>>> {
        match self.str(key, 64)? {
            None => Ok(None),
            Some(s) => DateTime::parse_from_rfc3339(s.trim())
                .map(|t| Some(t.with_timezone(&Utc)))
                .map_err(|e| self.err(key, format!("not an ISO 8601 timestamp: {e}"))),
        }
    }

    /// Epoch seconds (UTC), a non-negative integer.
    pub(crate) fn epoch(&self, key: &str) -> Result<Option<DateTime<Utc>>> {
        // 253402300799 is 9999-12-31T23:59:59Z; later is not a real date.
        match self.uint(key, 253_402_300_799)? {
            None => Ok(None),
            Some(secs) => i64::try_from(secs)
                .ok()
                .and_then(|s| DateTime::from_timestamp(s, 0))
                .map(Some)
                .ok_or_else(|| self.err(key, "timestamp out of range")),
        }
    }
}

/// Checks a string's length in characters.
pub(crate) fn check_len(s: &str, max: usize) -> std::result::Result<(), String> {
    // Bytes bound characters from above: skip counting short strings.
    if s.len() > max && s.chars().count() > max {
        return Err(format!("longer than {max} characters"));
    }
    Ok(())
}

/// Parses a non-negative decimal amount written with digits and at most one
/// `.`: no sign, exponent, thousands separator or currency symbol.
pub(crate) fn parse_amount(s: &str) -> std::result::Result<Decimal, String> {
    let t = s.trim();
    if t.starts_with('-') {
        return Err(format!("must not be negative, got \"{t}\""));
    }
    let plain = !t.is_empty()
        && t.len() <= 40
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes().filter(|b| *b == b'.').count() <= 1
        && t.bytes().any(|b| b.is_ascii_digit());
    if !plain {
        return Err(format!("not a decimal amount: \"{}\"", truncated(t)));
    }
    Decimal::from_str_exact(t).map_err(|e| format!("not a decimal amount: {e}"))
}

/// At most 40 characters of `s`, for error messages about huge values.
pub(crate) fn truncated(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
