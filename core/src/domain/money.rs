//! Money: a decimal amount with an ISO 4217 currency, never added across currencies.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::quantity::parse_decimal;
use crate::error::{Error, Result};

/// An amount of money in one currency. Written `"<decimal> <CUR>"`, e.g. `"18.00 USD"`.
///
/// ```
/// use lotwise::Money;
/// let a: Money = "18.00 USD".parse().unwrap();
/// let b: Money = "2.50 USD".parse().unwrap();
/// assert_eq!(a.checked_add(&b).unwrap().to_string(), "20.50 USD");
/// assert!(a.checked_add(&"1 EUR".parse().unwrap()).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Money {
    /// The amount.
    pub amount: Decimal,
    /// ISO 4217 code, three upper-case letters.
    pub currency: String,
}

impl Money {
    /// Money of `amount` in `currency`; the currency must be three ASCII letters.
    pub fn new(amount: Decimal, currency: &str) -> Result<Self> {
        let cur = currency.trim().to_ascii_uppercase();
        if cur.len() != 3 || !cur.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(Error::InvalidInput {
                field: "currency".into(),
                value: currency.to_string(),
                reason: "expected an ISO 4217 code such as USD".into(),
            });
        }
        Ok(Money {
            amount,
            currency: cur,
        })
    }

    /// The sum, or `currency_mismatch` when the currencies differ.
    pub fn checked_add(&self, other: &Money) -> Result<Money> {
        if self.currency != other.currency {
            return Err(Error::CurrencyMismatch {
                expected: self.currency.clone(),
                got: other.currency.clone(),
            });
        }
        Ok(Money {
            amount: self.amount + other.amount,
            currency: self.currency.clone(),
        })
    }

    /// This amount multiplied by a quantity (a line total).
    pub fn times(&self, factor: Decimal) -> Money {
        Money {
            amount: self.amount * factor,
            currency: self.currency.clone(),
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

impl FromStr for Money {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let (num, cur) =
            s.trim()
                .split_once(char::is_whitespace)
                .ok_or_else(|| Error::InvalidInput {
                    field: "money".into(),
                    value: s.to_string(),
                    reason: "expected \"<decimal> <currency>\", e.g. \"18.00 USD\"".into(),
                })?;
        Money::new(parse_decimal("money", num)?, cur)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// In the schema an amount is text, `"<decimal> <ISO 4217>"` (format `money`).
impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "money",
            "description": "A decimal amount and its ISO 4217 currency, e.g. \"18.00 USD\".",
            "pattern": "^-?[0-9]+(\\.[0-9]+)? [A-Z]{3}$"
        })
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|e| {
            crate::error::remember_parse_error(&e);
            serde::de::Error::custom(e)
        })
    }
}
