//! Quantities with explicit units of measure.
//!
//! Every quantity is a [`Decimal`] paired with a [`Unit`]: a standard unit
//! ([`Uom`]) or a pack unit of the item it is for. Units belong to a
//! [`Dimension`]; converting into a dimension's base unit is exact (every
//! factor is an exact decimal, see [`super::units`]), and mixing dimensions
//! is an error rather than a guess. A pack unit resolves only against its
//! item ([`crate::Item::base_qty`]).

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use super::units::{Dimension, PackName, Unit, Uom};
use crate::error::{Error, Result};

/// Decimal places a conversion out of the base unit into a customary unit
/// is rounded to when the quotient does not terminate (1 g is
/// 0.035273961950 oz): far below anything a scale or a jug measures.
pub const CONVERSION_PLACES: u32 = 12;

/// A decimal amount in a unit.
///
/// In text and JSON a quantity is written `"<decimal> <unit>"`, e.g.
/// `"2.5 kg"`, `"16 oz"`, `"2 box"`. A unit that is no standard unit but a
/// plain word (letters only) is read as a pack unit, which the item the
/// quantity is for resolves (or refuses with `unknown_unit`).
///
/// ```
/// use lotwise::{Qty, Uom};
/// use rust_decimal::Decimal;
/// let wax: Qty = "2.5 kg".parse().unwrap();
/// assert_eq!(wax.convert_to(Uom::G).unwrap(), Qty::new(Decimal::from(2500), Uom::G));
/// assert!(wax.convert_to(Uom::Pcs).is_err());
/// let oz: Qty = "16 oz".parse().unwrap();
/// assert_eq!(oz.convert_to(Uom::G).unwrap().to_string(), "453.59237 g");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Qty {
    /// The amount.
    pub value: Decimal,
    /// The unit the amount is in: a standard unit or a pack unit.
    pub uom: Unit,
}

impl Qty {
    /// A quantity of `value` in `uom` (a [`Uom`] or a [`Unit`]).
    pub fn new(value: Decimal, uom: impl Into<Unit>) -> Self {
        Qty {
            value,
            uom: uom.into(),
        }
    }

    /// Zero of a unit.
    pub fn zero(uom: impl Into<Unit>) -> Self {
        Qty::new(Decimal::ZERO, uom)
    }

    /// Parses `"<decimal> <unit>"` accepting standard units only: what a
    /// quantity is when no item is there to resolve a pack unit (the
    /// `parse_qty` operation). A pack unit is `unknown_unit` here.
    ///
    /// ```
    /// use lotwise::Qty;
    /// assert_eq!(Qty::parse_standard("1 lb").unwrap().to_string(), "1 lb");
    /// assert_eq!(Qty::parse_standard("2 box").unwrap_err().code(), "unknown_unit");
    /// assert!("2 box".parse::<Qty>().is_ok());
    /// ```
    pub fn parse_standard(text: &str) -> Result<Qty> {
        let q: Qty = text.parse()?;
        match q.uom {
            Unit::Std(_) => Ok(q),
            Unit::Pack(p) => Err(Error::UnknownUnit {
                unit: p.to_string(),
                value: text.to_string(),
                sku: None,
            }),
        }
    }

    /// The standard unit, or `None` when the quantity is written in packs.
    pub fn std_uom(&self) -> Option<Uom> {
        self.uom.std()
    }

    /// The same amount expressed in `target`; an error when `target` measures
    /// another dimension, or when the quantity is in packs (only its item
    /// can convert those). Exact when the quotient terminates, else rounded
    /// half-even to [`CONVERSION_PLACES`] decimals.
    pub fn convert_to(&self, target: Uom) -> Result<Qty> {
        let from = self.unit_or_unknown()?;
        if from.dimension() != target.dimension() {
            return Err(Error::UnitMismatch {
                expected: target.dimension().to_string(),
                got: self.uom.to_string(),
            });
        }
        let overflow = || Error::InvalidQuantity {
            field: "quantity".into(),
            value: self.to_string(),
            reason: "too large to convert".into(),
        };
        let base = self.checked_base_value().ok_or_else(overflow)?;
        Ok(Qty::new(
            from_base(base, target).ok_or_else(overflow)?,
            target,
        ))
    }

    /// The standard unit, or `unknown_unit` for a pack (no item to ask).
    fn unit_or_unknown(&self) -> Result<Uom> {
        self.uom.std().ok_or_else(|| Error::UnknownUnit {
            unit: self.uom.to_string(),
            value: self.to_string(),
            sku: None,
        })
    }

    /// The amount in this dimension's base unit (g, ml, pcs). Saturates for
    /// amounts beyond `Decimal`'s range and for a quantity in packs (which
    /// only its item resolves, [`crate::Item::base_qty`]); validated
    /// quantities never get there.
    pub fn base_value(&self) -> Decimal {
        self.checked_base_value()
            .unwrap_or(if self.value.is_sign_negative() {
                Decimal::MIN
            } else {
                Decimal::MAX
            })
    }

    /// The amount in the base unit, or `None` when it does not fit a
    /// `Decimal` or is in packs.
    pub fn checked_base_value(&self) -> Option<Decimal> {
        self.value
            .checked_mul(self.uom.std()?.base_factor())
            .map(|v| v.normalize())
    }
}

/// `base` (in `target`'s base unit) expressed in `target`: exact when the
/// quotient terminates, else rounded half-even to [`CONVERSION_PLACES`].
/// `None` on overflow.
pub fn from_base(base: Decimal, target: Uom) -> Option<Decimal> {
    divide_exactly_or_round(base, target.base_factor())
}

/// `a / b` when it terminates within `Decimal`'s digits, else rounded
/// half-even to [`CONVERSION_PLACES`] decimals. `None` on overflow or for
/// a zero divisor.
pub fn divide_exactly_or_round(a: Decimal, b: Decimal) -> Option<Decimal> {
    let q = a.checked_div(b)?.normalize();
    // A quotient that does not terminate fills every digit `Decimal` has
    // (and its product with `b` may round back to `a`): a long tail of
    // places is the sign of it.
    if q.scale() <= 20 && q.checked_mul(b) == Some(a) {
        Some(q)
    } else {
        Some(q.round_dp(CONVERSION_PLACES).normalize())
    }
}

impl fmt::Display for Qty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.value.normalize(), self.uom)
    }
}

impl FromStr for Qty {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let trimmed = s.trim();
        let (num, unit) =
            trimmed
                .split_once(char::is_whitespace)
                .ok_or_else(|| Error::InvalidQuantity {
                    field: "quantity".into(),
                    value: s.to_string(),
                    reason: "expected \"<decimal> <unit>\", e.g. \"2.5 kg\"".into(),
                })?;
        let value = parse_decimal("quantity", num)?;
        let uom = unit.parse::<Unit>().map_err(|_| Error::UnknownUnit {
            unit: unit.trim().to_string(),
            value: s.to_string(),
            sku: None,
        })?;
        Ok(Qty::new(value, uom))
    }
}

impl Serialize for Qty {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// In the schema a quantity is text, `"<decimal> <unit>"` (format `qty`).
impl schemars::JsonSchema for Qty {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Qty".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "qty",
            "description": "A decimal and its unit, e.g. \"2.5 kg\", \"16 oz\", \"240 ml\", \"12 pcs\", or a pack unit of the item, \"2 box\".",
            "pattern": "^-?[0-9]+(\\.[0-9]+)? [A-Za-z_. ]+$"
        })
    }
}

impl<'de> Deserialize<'de> for Qty {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|e| {
            crate::error::remember_parse_error(&e);
            serde::de::Error::custom(e)
        })
    }
}

/// Parses a decimal written as text, refusing exponents, floats' `NaN`/`inf`
/// and anything that is not a plain decimal number.
pub fn parse_decimal(field: &str, text: &str) -> Result<Decimal> {
    let t = text.trim();
    let plain = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+');
    let parsed = if plain {
        Decimal::from_str_exact(t).ok()
    } else {
        None
    };
    parsed.ok_or_else(|| Error::InvalidQuantity {
        field: field.to_string(),
        value: text.to_string(),
        reason: "not a decimal number".into(),
    })
}

/// How stock of an item is counted: a dimension's base unit, whole pieces
/// for `pcs`. Quantities are rounded up to this scale when planning.
pub fn planning_scale(uom: Uom) -> u32 {
    match uom.dimension() {
        Dimension::Count => 0,
        _ => 3,
    }
}

/// Rounds `value` up (away from zero) to the scale used for `uom`.
pub fn round_up(value: Decimal, uom: Uom) -> Decimal {
    value
        .round_dp_with_strategy(
            planning_scale(uom),
            rust_decimal::RoundingStrategy::AwayFromZero,
        )
        .normalize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_prints() {
        let q: Qty = "12.500 kg".parse().unwrap();
        assert_eq!(q.to_string(), "12.5 kg");
        assert!("12,5 kg".parse::<Qty>().is_err());
        assert!("1e3 g".parse::<Qty>().is_err());
        assert_eq!("16 fl oz".parse::<Qty>().unwrap().uom, Uom::FlOz);
        assert_eq!("16 fl oz".parse::<Qty>().unwrap().to_string(), "16 fl oz");
        // A word is a pack unit its item resolves; the standard parser refuses it.
        assert!("3 furlongs".parse::<Qty>().is_ok());
        let e = Qty::parse_standard("3 furlongs").unwrap_err();
        assert_eq!(
            e,
            Error::UnknownUnit {
                unit: "furlongs".into(),
                value: "3 furlongs".into(),
                sku: None
            }
        );
        let e = "3 kg2".parse::<Qty>().unwrap_err();
        assert_eq!(e.code(), "unknown_unit");
        assert_eq!(e.fields()["value"], "3 kg2");
    }

    #[test]
    fn sixteen_ounces_are_exactly_a_pound() {
        let oz: Qty = "16 oz".parse().unwrap();
        assert_eq!(oz.base_value(), Decimal::new(45_359_237, 5));
        assert_eq!(oz.convert_to(Uom::Lb).unwrap().to_string(), "1 lb");
        let gal: Qty = "1 gal".parse().unwrap();
        assert_eq!(gal.convert_to(Uom::FlOz).unwrap().to_string(), "128 fl oz");
        assert_eq!(
            gal.convert_to(Uom::Ml).unwrap().to_string(),
            "3785.411784 ml"
        );
        // Out of the base unit into ounces divides: rounded to 12 places.
        let g = Qty::new(Decimal::ONE, Uom::G);
        assert_eq!(
            g.convert_to(Uom::Oz).unwrap().to_string(),
            "0.03527396195 oz"
        );
        assert_eq!(
            "2 dozen".parse::<Qty>().unwrap().base_value(),
            Decimal::from(24)
        );
    }

    #[test]
    fn mixing_dimensions_is_an_error() {
        let q = Qty::new(Decimal::ONE, Uom::L);
        assert_eq!(q.convert_to(Uom::Kg).unwrap_err().code(), "unit_mismatch");
        let packs: Qty = "2 box".parse().unwrap();
        assert_eq!(
            packs.convert_to(Uom::Pcs).unwrap_err().code(),
            "unknown_unit"
        );
        assert_eq!(packs.checked_base_value(), None);
    }

    proptest! {
        #[test]
        fn conversion_round_trips(units in -1_000_000_000i64..1_000_000_000, scale in 0u32..6, from in 0usize..Uom::ALL.len(), to in 0usize..Uom::ALL.len()) {
            let from = Uom::ALL[from];
            let to = Uom::ALL[to];
            let q = Qty::new(Decimal::new(units, scale), from);
            if from.dimension() == to.dimension() {
                // Into the base unit and back: always exact.
                let base = q.convert_to(from.base()).unwrap();
                prop_assert_eq!(base.value, q.base_value());
                prop_assert_eq!(base.convert_to(from).unwrap().value, q.value.normalize());
                let there = q.convert_to(to).unwrap();
                let back = there.convert_to(from).unwrap();
                if from.is_decimal() && to.is_decimal() {
                    prop_assert_eq!(back.value.normalize(), q.value.normalize());
                    prop_assert_eq!(there.base_value(), q.base_value());
                } else {
                    // Rounded once to 12 places of `to`: off by at most half
                    // of that, in base units.
                    let off = (there.base_value() - q.base_value()).abs();
                    let bound = to.base_factor() * Decimal::new(5, CONVERSION_PLACES + 1);
                    prop_assert!(off <= bound, "{} -> {} off by {}", q, there, off);
                }
            } else {
                prop_assert!(q.convert_to(to).is_err());
            }
        }
    }
}
