//! Money: a decimal amount with an ISO 4217 currency, never added across currencies.
//!
//! # Decimal places
//!
//! Every currency has its ISO 4217 minor unit ([`minor_units`]: JPY 0,
//! USD 2, BHD 3, …), and lotwise holds amounts to it by one rule:
//!
//! * **Totals** (order totals on the desk, revenue in analytics, costs of
//!   goods, margins, valuations) are shown in exactly the currency's minor
//!   unit, rounded once at the end, half away from zero (commercial
//!   rounding: 0.125 USD is 0.13 USD) — [`Money::total`]. A JPY total has
//!   no decimals, a USD total two, a BHD total three.
//! * **Unit prices and unit costs given as input** (an order line's
//!   `unit_price`, a receipt's or purchase-order line's `unit_cost`, a
//!   supplier's price list, a work center's rate per hour) may have up to
//!   four places more than the minor unit ([`PRICE_EXTRA_PLACES`]: 6 for
//!   USD, 4 for JPY, 7 for BHD), because a wick bought at 0.0325 USD or wax
//!   at 0.0125 USD per gram is real. An amount with more places is
//!   **refused** at the boundary with `money_precision`, never rounded
//!   silently: `"4.0123456789 USD"` as a unit price is an error that says
//!   USD prices take at most 6 places. ([`Money::check_price`].)
//! * **Amounts given as input** that are not per unit (a fixed overhead per
//!   batch) take the minor unit's places at most ([`Money::check_amount`]).
//! * Values lotwise computes and keeps (a lot's cost per gram, a batch's
//!   cost per piece) keep the places they need, up to [`COST_PLACES`].
//!
//! Parsing a `Money` checks only its form and that the currency is an
//! ISO 4217 code with a minor unit; each field checks its places.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::quantity::parse_decimal;
use crate::error::{Error, Result};

/// How many places more than the currency's minor unit a unit price or unit
/// cost given as input may have.
pub const PRICE_EXTRA_PLACES: u32 = 4;

/// The places a cost lotwise computes per base unit (per gram, millilitre or
/// piece) is rounded to, half away from zero: a batch's output unit cost, a
/// price per pound turned into a price per gram.
pub const COST_PLACES: u32 = 10;

/// The ISO 4217 minor unit of `currency` (upper case), or `None` for a code
/// that is not an active currency with a minor unit.
///
/// ```
/// use lotwise::domain::money::minor_units;
/// assert_eq!(minor_units("JPY"), Some(0));
/// assert_eq!(minor_units("USD"), Some(2));
/// assert_eq!(minor_units("BHD"), Some(3));
/// assert_eq!(minor_units("CLF"), Some(4));
/// assert_eq!(minor_units("XAU"), None); // gold has no minor unit
/// ```
pub fn minor_units(currency: &str) -> Option<u32> {
    const ZERO: &[&str] = &[
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
        "VUV", "XAF", "XOF", "XPF",
    ];
    const THREE: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    const FOUR: &[&str] = &["CLF", "UYW"];
    const TWO: &[&str] = &[
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
        "BGN", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF",
        "CHE", "CHF", "CHW", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DKK", "DOP",
        "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ",
        "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS",
        "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD",
        "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
        "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD",
        "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP",
        "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH",
        "USD", "USN", "UYU", "UZS", "VED", "VES", "WST", "XCD", "XCG", "YER", "ZAR", "ZMW", "ZWG",
        "ZWL",
    ];
    if TWO.contains(&currency) {
        Some(2)
    } else if ZERO.contains(&currency) {
        Some(0)
    } else if THREE.contains(&currency) {
        Some(3)
    } else if FOUR.contains(&currency) {
        Some(4)
    } else {
        None
    }
}

/// `amount` as a total in `currency`: rounded half away from zero to the
/// currency's minor unit and written with exactly that many places
/// (`12.0370370367` USD is `12.04`, `14.997` JPY is `15`).
pub fn total_amount(amount: Decimal, currency: &str) -> Decimal {
    let places = minor_units(currency).unwrap_or(2);
    let mut a = amount.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    a.rescale(places);
    a
}

/// `value` rounded half away from zero to `places`, trailing zeros dropped.
pub fn round_places(value: Decimal, places: u32) -> Decimal {
    value
        .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// `code` upper-cased, if it names a currency [`Money`] takes: three ASCII
/// letters naming an ISO 4217 currency with a minor unit; else why not.
/// The importers check codes with it too, so what they take reads back.
pub(crate) fn currency_code(code: &str) -> std::result::Result<String, &'static str> {
    let cur = code.to_ascii_uppercase();
    if cur.len() != 3 || !cur.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err("expected an ISO 4217 code such as USD");
    }
    if minor_units(&cur).is_none() {
        return Err("not an ISO 4217 currency with a minor unit");
    }
    Ok(cur)
}

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
    /// Money of `amount` in `currency`: an ISO 4217 code with a minor unit
    /// (any case). Any number of places is kept; the fields that take money
    /// check theirs ([`Money::check_price`], [`Money::check_amount`]).
    pub fn new(amount: Decimal, currency: &str) -> Result<Self> {
        let cur = currency_code(currency.trim()).map_err(|reason| Error::InvalidInput {
            field: "currency".into(),
            value: currency.to_string(),
            reason: reason.into(),
        })?;
        Ok(Money {
            amount,
            currency: cur,
        })
    }

    /// Zero in `currency` (which must be valid, e.g. one already checked).
    pub fn zero(currency: &str) -> Money {
        Money {
            amount: Decimal::ZERO,
            currency: currency.to_string(),
        }
    }

    /// The currency's ISO 4217 minor unit (2 for a code lotwise would not
    /// have parsed).
    pub fn minor_units(&self) -> u32 {
        minor_units(&self.currency).unwrap_or(2)
    }

    /// This amount as a total: rounded half away from zero to the
    /// currency's minor unit and written with exactly its places.
    ///
    /// ```
    /// use lotwise::Money;
    /// let usd: Money = "12.0370370367 USD".parse().unwrap();
    /// assert_eq!(usd.total().to_string(), "12.04 USD");
    /// let jpy: Money = "14.997 JPY".parse().unwrap();
    /// assert_eq!(jpy.total().to_string(), "15 JPY");
    /// let bhd: Money = "1.5 BHD".parse().unwrap();
    /// assert_eq!(bhd.total().to_string(), "1.500 BHD");
    /// ```
    pub fn total(&self) -> Money {
        Money {
            amount: total_amount(self.amount, &self.currency),
            currency: self.currency.clone(),
        }
    }

    /// Checks a unit price or unit cost given as input for `field`: at most
    /// [`PRICE_EXTRA_PLACES`] places more than the currency's minor unit
    /// (trailing zeros do not count), else `money_precision`.
    ///
    /// ```
    /// use lotwise::Money;
    /// let m: Money = "4.0123456789 USD".parse().unwrap();
    /// let e = m.check_price("unit_price").unwrap_err();
    /// assert_eq!(e.code(), "money_precision");
    /// assert!("4.012346 USD".parse::<Money>().unwrap().check_price("unit_price").is_ok());
    /// assert!("4.01 JPY".parse::<Money>().unwrap().check_price("unit_price").is_ok());
    /// ```
    pub fn check_price(&self, field: &str) -> Result<()> {
        self.check_places(field, self.minor_units() + PRICE_EXTRA_PLACES)
    }

    /// Checks an amount given as input for `field` (not per unit): at most
    /// the currency's minor unit, else `money_precision`.
    pub fn check_amount(&self, field: &str) -> Result<()> {
        self.check_places(field, self.minor_units())
    }

    fn check_places(&self, field: &str, max_places: u32) -> Result<()> {
        if self.amount.normalize().scale() > max_places {
            return Err(Error::MoneyPrecision {
                field: field.to_string(),
                value: self.to_string(),
                max_places,
            });
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_currency_has_its_minor_unit() {
        assert_eq!(minor_units("JPY"), Some(0));
        assert_eq!(minor_units("KRW"), Some(0));
        assert_eq!(minor_units("EUR"), Some(2));
        assert_eq!(minor_units("KWD"), Some(3));
        assert_eq!(minor_units("ZZZ"), None);
        assert_eq!(
            Money::new(Decimal::ONE, "dollars").unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(
            Money::new(Decimal::ONE, "XYZ").unwrap_err().code(),
            "invalid_input"
        );
    }

    #[test]
    fn totals_have_exactly_the_minor_unit() {
        let m = |s: &str| s.parse::<Money>().unwrap();
        assert_eq!(m("14.997 JPY").total().to_string(), "15 JPY");
        assert_eq!(m("0.5 JPY").total().to_string(), "1 JPY");
        assert_eq!(m("-0.5 JPY").total().to_string(), "-1 JPY");
        assert_eq!(m("0.125 USD").total().to_string(), "0.13 USD");
        assert_eq!(m("12 USD").total().to_string(), "12.00 USD");
        assert_eq!(m("12.0370370367 USD").total().to_string(), "12.04 USD");
        assert_eq!(m("0.0005 BHD").total().to_string(), "0.001 BHD");
    }

    #[test]
    fn prices_keep_four_places_more_and_no_further() {
        let m = |s: &str| s.parse::<Money>().unwrap();
        let e = m("4.0123456789 USD").check_price("unit_price").unwrap_err();
        assert_eq!(
            e,
            Error::MoneyPrecision {
                field: "unit_price".into(),
                value: "4.0123456789 USD".into(),
                max_places: 6
            }
        );
        assert!(m("4.01234600 USD").check_price("p").is_ok());
        assert!(m("1.0001 JPY").check_price("p").is_ok());
        assert!(m("1.00001 JPY").check_price("p").is_err());
        assert!(m("1.001 USD").check_amount("a").is_err());
        assert!(m("1.5 JPY").check_amount("a").is_err());
        assert!(m("1.234 BHD").check_amount("a").is_ok());
    }
}
