//! Quantities with explicit units of measure.
//!
//! Every quantity is a [`Decimal`] paired with a [`Uom`]. Units belong to a
//! [`Dimension`]; conversion inside a dimension is exact (all factors are
//! powers of ten), and mixing dimensions is an error rather than a guess.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// What a unit measures. Units convert only within one dimension.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Weight: mg, g, kg.
    Mass,
    /// Liquid volume: ml, l.
    Volume,
    /// Countable pieces: pcs. Always whole numbers.
    Count,
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dimension::Mass => "mass",
            Dimension::Volume => "volume",
            Dimension::Count => "count",
        })
    }
}

/// A unit of measure.
///
/// ```
/// use lotwise::Uom;
/// assert_eq!("kg".parse::<Uom>().unwrap(), Uom::Kg);
/// assert_eq!(Uom::Kg.to_string(), "kg");
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Uom {
    /// Milligram.
    Mg,
    /// Gram, the base unit of mass.
    G,
    /// Kilogram.
    Kg,
    /// Millilitre, the base unit of volume.
    Ml,
    /// Litre.
    L,
    /// Pieces, the base unit of count.
    Pcs,
}

impl Uom {
    /// Every unit lotwise knows.
    pub const ALL: [Uom; 6] = [Uom::Mg, Uom::G, Uom::Kg, Uom::Ml, Uom::L, Uom::Pcs];

    /// The dimension this unit measures.
    pub fn dimension(self) -> Dimension {
        match self {
            Uom::Mg | Uom::G | Uom::Kg => Dimension::Mass,
            Uom::Ml | Uom::L => Dimension::Volume,
            Uom::Pcs => Dimension::Count,
        }
    }

    /// The base unit of this unit's dimension (g, ml or pcs).
    pub fn base(self) -> Uom {
        match self.dimension() {
            Dimension::Mass => Uom::G,
            Dimension::Volume => Uom::Ml,
            Dimension::Count => Uom::Pcs,
        }
    }

    /// How many base units one of this unit is. Always a power of ten, so
    /// conversions are exact in decimal arithmetic.
    pub fn base_factor(self) -> Decimal {
        match self {
            Uom::Mg => Decimal::new(1, 3),
            Uom::G | Uom::Ml | Uom::Pcs => Decimal::ONE,
            Uom::Kg | Uom::L => Decimal::new(1000, 0),
        }
    }

    /// The symbol used in text and JSON.
    pub fn symbol(self) -> &'static str {
        match self {
            Uom::Mg => "mg",
            Uom::G => "g",
            Uom::Kg => "kg",
            Uom::Ml => "ml",
            Uom::L => "l",
            Uom::Pcs => "pcs",
        }
    }
}

impl fmt::Display for Uom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl FromStr for Uom {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mg" => Ok(Uom::Mg),
            "g" | "gram" | "grams" => Ok(Uom::G),
            "kg" => Ok(Uom::Kg),
            "ml" => Ok(Uom::Ml),
            "l" | "litre" | "liter" => Ok(Uom::L),
            "pcs" | "pc" | "ea" | "each" | "unit" | "units" => Ok(Uom::Pcs),
            _ => Err(Error::UnknownUnit {
                unit: s.to_string(),
            }),
        }
    }
}

/// A decimal amount in a unit.
///
/// In text and JSON a quantity is written `"<decimal> <unit>"`, e.g. `"2.5 kg"`.
///
/// ```
/// use lotwise::{Qty, Uom};
/// use rust_decimal::Decimal;
/// let wax: Qty = "2.5 kg".parse().unwrap();
/// assert_eq!(wax.convert_to(Uom::G).unwrap(), Qty::new(Decimal::from(2500), Uom::G));
/// assert!(wax.convert_to(Uom::Pcs).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Qty {
    /// The amount.
    pub value: Decimal,
    /// The unit the amount is in.
    pub uom: Uom,
}

impl Qty {
    /// A quantity of `value` in `uom`.
    pub fn new(value: Decimal, uom: Uom) -> Self {
        Qty { value, uom }
    }

    /// Zero of a unit.
    pub fn zero(uom: Uom) -> Self {
        Qty::new(Decimal::ZERO, uom)
    }

    /// The same amount expressed in `target`; an error when `target` measures
    /// another dimension.
    pub fn convert_to(&self, target: Uom) -> Result<Qty> {
        if self.uom.dimension() != target.dimension() {
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
        let value = base
            .checked_div(target.base_factor())
            .ok_or_else(overflow)?
            .normalize();
        Ok(Qty::new(value, target))
    }

    /// The amount in this dimension's base unit (g, ml, pcs). Saturates for
    /// amounts beyond `Decimal`'s range; validated quantities never get there.
    pub fn base_value(&self) -> Decimal {
        self.checked_base_value()
            .unwrap_or(if self.value.is_sign_negative() {
                Decimal::MIN
            } else {
                Decimal::MAX
            })
    }

    /// The amount in the base unit, or `None` when it does not fit a `Decimal`.
    pub fn checked_base_value(&self) -> Option<Decimal> {
        self.value
            .checked_mul(self.uom.base_factor())
            .map(|v| v.normalize())
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
        let uom = unit.parse()?;
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
            "description": "A decimal and its unit, e.g. \"2.5 kg\", \"240 ml\", \"12 pcs\".",
            "pattern": "^-?[0-9]+(\\.[0-9]+)? [A-Za-z ]+$"
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
        assert!("3 furlongs".parse::<Qty>().is_err());
    }

    #[test]
    fn mixing_dimensions_is_an_error() {
        let q = Qty::new(Decimal::ONE, Uom::L);
        assert_eq!(q.convert_to(Uom::Kg).unwrap_err().code(), "unit_mismatch");
    }

    proptest! {
        #[test]
        fn conversion_round_trips(units in -1_000_000_000i64..1_000_000_000, scale in 0u32..6, from in 0usize..6, to in 0usize..6) {
            let from = Uom::ALL[from];
            let to = Uom::ALL[to];
            let q = Qty::new(Decimal::new(units, scale), from);
            if from.dimension() == to.dimension() {
                let there = q.convert_to(to).unwrap();
                let back = there.convert_to(from).unwrap();
                prop_assert_eq!(back.value.normalize(), q.value.normalize());
                prop_assert_eq!(there.base_value(), q.base_value());
            } else {
                prop_assert!(q.convert_to(to).is_err());
            }
        }
    }
}
