//! The contract's value types as UniFFI carries them.
//!
//! Decimals, dates and JSON payloads cross the boundary as text — the exact
//! text of the contract, so nothing is ever rounded through a float — and
//! `uniffi.toml` lifts that text into each language's native type:
//!
//! | Rust here        | Swift                | Kotlin                  |
//! |------------------|----------------------|-------------------------|
//! | [`DecimalNumber`]| `Foundation.Decimal` | `java.math.BigDecimal`  |
//! | [`Day`]          | `Date` (UTC midnight)| `java.time.LocalDate`   |
//! | [`Timestamp`]    | `Date`               | `java.time.Instant`     |
//! | [`TimeOfDay`]    | `String` `"08:00:00"`| `java.time.LocalTime`   |
//! | [`JsonText`]     | `String` (JSON)      | `String` (JSON)         |
//!
//! (`JsonText` is left for an error report's fields and the snapshot's raw
//! documents; an event's payload is the generated `EventData` enum.)
//!
//! [`Qty`] and [`Money`] are small records (amount plus unit or currency)
//! that read and write the contract's `"2.4 kg"` / `"18.00 USD"` text. The
//! Rust side never parses these values itself: the core does, and refuses a
//! bad one with its usual typed error.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// An exact decimal, as the text the contract uses (`"2.5"`, `"-4896"`).
/// Swift sees `Foundation.Decimal`, Kotlin `java.math.BigDecimal`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DecimalNumber(pub String);
uniffi::custom_newtype!(DecimalNumber, String);

/// A calendar day, `"2026-03-09"`. Swift sees a `Date` at UTC midnight,
/// Kotlin a `java.time.LocalDate`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Day(pub String);
uniffi::custom_newtype!(Day, String);

/// An instant, RFC 3339 in UTC (`"2026-03-02T09:00:00Z"`). Swift sees a
/// `Date`, Kotlin a `java.time.Instant`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub String);
uniffi::custom_newtype!(Timestamp, String);

/// A time of day, `"08:00:00"`. Swift keeps the text (Foundation has no
/// time-of-day type), Kotlin sees a `java.time.LocalTime`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TimeOfDay(pub String);
uniffi::custom_newtype!(TimeOfDay, String);

/// Any JSON value as its text: an error report's fields, a snapshot's raw
/// documents.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JsonText(pub String);
uniffi::custom_newtype!(JsonText, String);

impl Serialize for JsonText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let value: Value = serde_json::from_str(&self.0)
            .map_err(|e| serde::ser::Error::custom(format!("not JSON: {e}")))?;
        value.serialize(s)
    }
}

impl<'de> Deserialize<'de> for JsonText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(JsonText(Value::deserialize(d)?.to_string()))
    }
}

/// A quantity: an exact amount and its unit (`mg g kg ml l pcs`), which the
/// contract writes `"2.4 kg"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Qty {
    /// How much.
    pub amount: DecimalNumber,
    /// Of what unit.
    pub unit: String,
}

/// Money: an exact amount and its ISO 4217 currency, which the contract
/// writes `"18.00 USD"`. Never added across currencies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Money {
    /// How much.
    pub amount: DecimalNumber,
    /// ISO 4217 code, `"USD"`.
    pub currency: String,
}

/// `"<amount> <suffix>"`, split at the first space (a unit may hold one:
/// `"16 fl oz"`).
fn split_text<'de, D: Deserializer<'de>>(d: D, what: &str) -> Result<(String, String), D::Error> {
    let text = String::deserialize(d)?;
    match text.split_once(' ') {
        Some((amount, suffix)) => Ok((amount.to_string(), suffix.to_string())),
        None => Err(D::Error::custom(format!("{what} `{text}` has no unit"))),
    }
}

impl Serialize for Qty {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{} {}", self.amount.0, self.unit))
    }
}

impl<'de> Deserialize<'de> for Qty {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (amount, unit) = split_text(d, "quantity")?;
        Ok(Qty {
            amount: DecimalNumber(amount),
            unit,
        })
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{} {}", self.amount.0, self.currency))
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (amount, currency) = split_text(d, "money")?;
        Ok(Money {
            amount: DecimalNumber(amount),
            currency,
        })
    }
}

/// Writes an event as the contract does, `{seq, at, kind, subject, data}`:
/// the generated `Event` keeps `kind` and `data` together in its
/// `payload` (a tagged enum), the wire has them beside the other fields.
pub(crate) fn serialize_event<S: Serializer>(
    seq: i64,
    at: &Timestamp,
    subject: &str,
    payload: &crate::EventData,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::Error as _;
    let Value::Object(mut tagged) = serde_json::to_value(payload).map_err(S::Error::custom)? else {
        return Err(S::Error::custom("an event payload is not an object"));
    };
    let mut map = serde_json::Map::new();
    map.insert("seq".into(), Value::from(seq));
    map.insert("at".into(), Value::String(at.0.clone()));
    map.insert("kind".into(), tagged.remove("kind").unwrap_or(Value::Null));
    map.insert("subject".into(), Value::String(subject.to_string()));
    map.insert("data".into(), tagged.remove("data").unwrap_or(Value::Null));
    Value::Object(map).serialize(s)
}

/// Reads `{seq, at, kind, subject, data}` into the parts of `Event`.
pub(crate) fn deserialize_event<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<(i64, Timestamp, String, crate::EventData), D::Error> {
    let mut map = serde_json::Map::<String, Value>::deserialize(d)?;
    let mut take = |key: &str| {
        map.remove(key)
            .ok_or_else(|| D::Error::custom(format!("an event without `{key}`")))
    };
    let seq = take("seq")?
        .as_i64()
        .ok_or_else(|| D::Error::custom("an event's `seq` is not an integer"))?;
    let at = Timestamp(String::deserialize(take("at")?).map_err(D::Error::custom)?);
    let subject = String::deserialize(take("subject")?).map_err(D::Error::custom)?;
    // `kind` first, so the tagged enum reads `data` straight into its variant.
    let mut tagged = serde_json::Map::new();
    tagged.insert("kind".into(), take("kind")?);
    tagged.insert("data".into(), take("data")?);
    let payload = serde_json::from_value(Value::Object(tagged)).map_err(D::Error::custom)?;
    Ok((seq, at, subject, payload))
}

/// An error as data (a bulk operation's refused item): its stable `code`,
/// `detail` for people, and the code's fields as JSON text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErrorReport {
    /// The stable code (`insufficient_stock`, ...).
    pub code: String,
    /// What went wrong, for people.
    pub detail: String,
    /// The code's fields (`{"sku": ..., "requested": ...}`) as JSON text.
    pub fields: JsonText,
}

impl Serialize for ErrorReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = serde_json::Map::new();
        map.insert("code".into(), Value::String(self.code.clone()));
        map.insert("message".into(), Value::String(self.detail.clone()));
        if let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(&self.fields.0) {
            map.extend(fields);
        }
        Value::Object(map).serialize(s)
    }
}

impl<'de> Deserialize<'de> for ErrorReport {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut map = serde_json::Map::<String, Value>::deserialize(d)?;
        let mut text = |key: &str| match map.remove(key) {
            Some(Value::String(s)) => Ok(s),
            _ => Err(D::Error::custom(format!("an error report without `{key}`"))),
        };
        let code = text("code")?;
        let detail = text("message")?;
        Ok(ErrorReport {
            code,
            detail,
            fields: JsonText(Value::Object(map).to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qty_and_money_read_and_write_the_contract_text() {
        let q: Qty = serde_json::from_str("\"2.40 kg\"").unwrap();
        assert_eq!(q.amount.0, "2.40");
        assert_eq!(q.unit, "kg");
        assert_eq!(serde_json::to_string(&q).unwrap(), "\"2.40 kg\"");
        let m: Money = serde_json::from_str("\"18.00 USD\"").unwrap();
        assert_eq!((m.amount.0.as_str(), m.currency.as_str()), ("18.00", "USD"));
        assert!(serde_json::from_str::<Qty>("\"12\"").is_err());
    }

    #[test]
    fn json_text_round_trips_any_value() {
        let v = serde_json::json!({"a": [1, "2.5", null]});
        let t: JsonText = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(serde_json::to_value(&t).unwrap(), v);
    }

    #[test]
    fn an_event_reads_its_payload_by_kind_and_writes_the_same_json() {
        // A map keyed by order line numbers: integer keys inside `data`.
        let v = serde_json::json!({"seq": 7, "at": "2026-03-02T09:00:00Z", "kind": "order_replanned",
            "subject": "SO-000001", "data": {"reserved": {"1": "5"}, "mos": ["MO-000001"], "shortages": []}});
        let e: crate::Event = serde_json::from_value(v.clone()).unwrap();
        match &e.payload {
            crate::EventData::OrderReplanned { reserved, mos, .. } => {
                assert_eq!(reserved.get(&1).map(|d| d.0.as_str()), Some("5"));
                assert_eq!(mos, &["MO-000001"]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(serde_json::to_value(&e).unwrap(), v);
    }

    #[test]
    fn an_error_report_keeps_code_message_and_fields() {
        let v =
            serde_json::json!({"code": "unknown_sku", "message": "unknown SKU `X`", "sku": "X"});
        let r: ErrorReport = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(r.code, "unknown_sku");
        assert_eq!(r.fields.0, r#"{"sku":"X"}"#);
        assert_eq!(serde_json::to_value(&r).unwrap(), v);
    }
}
