//! Units of measure: the standard units lotwise knows ([`Uom`]), the
//! dimensions they measure, and the per-item pack units (`box` = 12 pcs of
//! one item) a quantity may be written in ([`Unit`]).
//!
//! Every factor is an exact decimal, so converting *into* the base unit
//! (g, ml, pcs) never rounds: 1 oz is 28.349523125 g and 1 lb 453.59237 g
//! (the international avoirdupois definitions), 1 US fl oz 29.5735295625 ml
//! and 1 US gallon 128 fl oz = 3785.411784 ml. Converting *out of* the base
//! unit into a customary unit divides, and is rounded when the quotient
//! does not terminate (see [`crate::Qty::convert_to`]).
//!
//! Customary volume units are the US ones (a UK gallon is a different
//! unit). There is deliberately no `t`: in a recipe `t`/`T` mean teaspoon
//! and tablespoon, so the metric tonne is spelled `tonne` and spoons `tsp`
//! and `tbsp`.

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
    /// Weight: mg, g, kg, tonne, oz, lb.
    Mass,
    /// Liquid volume: ml, cl, l, tsp, tbsp, fl oz, cup, pt, qt, gal.
    Volume,
    /// Countable pieces: pcs, dozen. Always whole numbers of pieces.
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

/// A standard unit of measure.
///
/// In JSON a `Uom` field is its snake_case code (`"kg"`, `"fl_oz"`); any
/// spelling [`Uom::from_str`] knows is accepted there too (`"fl oz"`,
/// `"pounds"`). In the text of a quantity it is its symbol (`"16 fl oz"`).
///
/// ```
/// use lotwise::Uom;
/// assert_eq!("kg".parse::<Uom>().unwrap(), Uom::Kg);
/// assert_eq!(Uom::Kg.to_string(), "kg");
/// assert_eq!("fl oz".parse::<Uom>().unwrap(), Uom::FlOz);
/// assert_eq!(Uom::Lb.base_factor().to_string(), "453.59237");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Uom {
    /// Milligram.
    Mg,
    /// Gram, the base unit of mass.
    G,
    /// Kilogram.
    Kg,
    /// Metric tonne, 1000 kg (written `tonne`: `t` is a teaspoon in recipes).
    Tonne,
    /// Avoirdupois ounce, exactly 28.349523125 g.
    Oz,
    /// Avoirdupois pound, exactly 453.59237 g (16 oz).
    Lb,
    /// Millilitre, the base unit of volume.
    Ml,
    /// Centilitre, 10 ml.
    Cl,
    /// Litre.
    L,
    /// US teaspoon, 1/6 fl oz = 4.92892159375 ml.
    Tsp,
    /// US tablespoon, 1/2 fl oz = 14.78676478125 ml.
    Tbsp,
    /// US fluid ounce, exactly 29.5735295625 ml (symbol `fl oz`).
    FlOz,
    /// US customary cup, 8 fl oz = 236.5882365 ml.
    Cup,
    /// US pint, 16 fl oz = 473.176473 ml.
    Pt,
    /// US quart, 32 fl oz = 946.352946 ml.
    Qt,
    /// US gallon, 128 fl oz = 3785.411784 ml.
    Gal,
    /// Pieces, the base unit of count.
    Pcs,
    /// A dozen pieces.
    Dozen,
}

impl Uom {
    /// Every unit lotwise knows.
    pub const ALL: [Uom; 18] = [
        Uom::Mg,
        Uom::G,
        Uom::Kg,
        Uom::Tonne,
        Uom::Oz,
        Uom::Lb,
        Uom::Ml,
        Uom::Cl,
        Uom::L,
        Uom::Tsp,
        Uom::Tbsp,
        Uom::FlOz,
        Uom::Cup,
        Uom::Pt,
        Uom::Qt,
        Uom::Gal,
        Uom::Pcs,
        Uom::Dozen,
    ];

    /// The dimension this unit measures.
    pub fn dimension(self) -> Dimension {
        match self {
            Uom::Mg | Uom::G | Uom::Kg | Uom::Tonne | Uom::Oz | Uom::Lb => Dimension::Mass,
            Uom::Ml
            | Uom::Cl
            | Uom::L
            | Uom::Tsp
            | Uom::Tbsp
            | Uom::FlOz
            | Uom::Cup
            | Uom::Pt
            | Uom::Qt
            | Uom::Gal => Dimension::Volume,
            Uom::Pcs | Uom::Dozen => Dimension::Count,
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

    /// How many base units one of this unit is, exactly.
    pub fn base_factor(self) -> Decimal {
        match self {
            Uom::Mg => Decimal::new(1, 3),
            Uom::G | Uom::Ml | Uom::Pcs => Decimal::ONE,
            Uom::Kg | Uom::L => Decimal::new(1000, 0),
            Uom::Tonne => Decimal::new(1_000_000, 0),
            Uom::Oz => Decimal::new(28_349_523_125, 9),
            Uom::Lb => Decimal::new(45_359_237, 5),
            Uom::Cl => Decimal::new(10, 0),
            Uom::Tsp => Decimal::new(492_892_159_375, 11),
            Uom::Tbsp => Decimal::new(1_478_676_478_125, 11),
            Uom::FlOz => Decimal::new(295_735_295_625, 10),
            Uom::Cup => Decimal::new(2_365_882_365, 7),
            Uom::Pt => Decimal::new(473_176_473, 6),
            Uom::Qt => Decimal::new(946_352_946, 6),
            Uom::Gal => Decimal::new(3_785_411_784, 6),
            Uom::Dozen => Decimal::new(12, 0),
        }
    }

    /// Whether the factor is a power of ten: converting out of the base
    /// unit into it never rounds.
    pub fn is_decimal(self) -> bool {
        !matches!(
            self,
            Uom::Oz
                | Uom::Lb
                | Uom::Tsp
                | Uom::Tbsp
                | Uom::FlOz
                | Uom::Cup
                | Uom::Pt
                | Uom::Qt
                | Uom::Gal
                | Uom::Dozen
        )
    }

    /// The symbol used in the text of a quantity (`"16 fl oz"`).
    pub fn symbol(self) -> &'static str {
        match self {
            Uom::Mg => "mg",
            Uom::G => "g",
            Uom::Kg => "kg",
            Uom::Tonne => "tonne",
            Uom::Oz => "oz",
            Uom::Lb => "lb",
            Uom::Ml => "ml",
            Uom::Cl => "cl",
            Uom::L => "l",
            Uom::Tsp => "tsp",
            Uom::Tbsp => "tbsp",
            Uom::FlOz => "fl oz",
            Uom::Cup => "cup",
            Uom::Pt => "pt",
            Uom::Qt => "qt",
            Uom::Gal => "gal",
            Uom::Pcs => "pcs",
            Uom::Dozen => "dozen",
        }
    }

    /// The unit a word names (symbols, names and plurals, any case), if any.
    fn lookup(word: &str) -> Option<Uom> {
        let w: String = word
            .trim()
            .to_ascii_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Some(match w.as_str() {
            "mg" | "milligram" | "milligrams" => Uom::Mg,
            "g" | "gram" | "grams" => Uom::G,
            "kg" | "kilogram" | "kilograms" | "kilo" | "kilos" => Uom::Kg,
            "tonne" | "tonnes" | "metric ton" | "metric tons" => Uom::Tonne,
            "oz" | "ounce" | "ounces" => Uom::Oz,
            "lb" | "lbs" | "pound" | "pounds" => Uom::Lb,
            "ml" | "millilitre" | "milliliter" | "millilitres" | "milliliters" => Uom::Ml,
            "cl" | "centilitre" | "centiliter" | "centilitres" | "centiliters" => Uom::Cl,
            "l" | "litre" | "liter" | "litres" | "liters" => Uom::L,
            "tsp" | "teaspoon" | "teaspoons" => Uom::Tsp,
            "tbsp" | "tablespoon" | "tablespoons" => Uom::Tbsp,
            "fl oz" | "fl_oz" | "floz" | "fl. oz" | "fl. oz." | "fluid ounce" | "fluid ounces" => {
                Uom::FlOz
            }
            "cup" | "cups" => Uom::Cup,
            "pt" | "pint" | "pints" => Uom::Pt,
            "qt" | "quart" | "quarts" => Uom::Qt,
            "gal" | "gallon" | "gallons" => Uom::Gal,
            "pcs" | "pc" | "ea" | "each" | "unit" | "units" | "piece" | "pieces" => Uom::Pcs,
            "dozen" | "dozens" | "doz" | "dz" => Uom::Dozen,
            _ => return None,
        })
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
        Uom::lookup(s).ok_or_else(|| Error::UnknownUnit {
            unit: s.trim().to_string(),
            value: s.to_string(),
            sku: None,
        })
    }
}

impl<'de> Deserialize<'de> for Uom {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|e| {
            crate::error::remember_parse_error(&e);
            serde::de::Error::custom(e)
        })
    }
}

/// The longest pack name, in characters.
pub const MAX_PACK_NAME: usize = 16;

/// The name of a pack unit (`box`, `drum`, `case`): 1 to 16 ASCII letters,
/// kept in lower case, never the name of a standard unit. A small copyable
/// value, so a [`crate::Qty`] written in packs stays `Copy`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PackName {
    len: u8,
    bytes: [u8; MAX_PACK_NAME],
}

impl PackName {
    /// The name, or `None` when `text` is not a valid pack name (see
    /// [`PackName::new`] for the error).
    pub fn parse(text: &str) -> Option<PackName> {
        let t = text.trim();
        if t.is_empty()
            || t.len() > MAX_PACK_NAME
            || !t.bytes().all(|b| b.is_ascii_alphabetic())
            || Uom::lookup(t).is_some()
        {
            return None;
        }
        let mut bytes = [0u8; MAX_PACK_NAME];
        for (slot, b) in bytes.iter_mut().zip(t.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        Some(PackName {
            len: t.len() as u8,
            bytes,
        })
    }

    /// A pack name as defined on an item, or `invalid_input` for `field`.
    pub fn new(field: &str, text: &str) -> Result<PackName> {
        if Uom::lookup(text).is_some() {
            return Err(Error::invalid_input(
                field,
                text,
                "is a standard unit; a pack needs a name of its own",
            ));
        }
        PackName::parse(text).ok_or_else(|| {
            Error::invalid_input(field, text, "a pack name is 1 to 16 letters (a-z)")
        })
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }

    /// The singular this name may be the plural of (`boxes` → `box`,
    /// `drums` → `drum`), so a quantity may say `"2 boxes"`.
    pub fn singulars(&self) -> impl Iterator<Item = PackName> + '_ {
        let s = self.as_str();
        [s.strip_suffix("es"), s.strip_suffix('s')]
            .into_iter()
            .flatten()
            .filter_map(PackName::parse)
    }
}

impl fmt::Debug for PackName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PackName({:?})", self.as_str())
    }
}

impl fmt::Display for PackName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for PackName {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PackName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PackName::new("pack", &text).map_err(|e| {
            crate::error::remember_parse_error(&e);
            serde::de::Error::custom(e)
        })
    }
}

impl schemars::JsonSchema for PackName {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PackName".into()
    }

    // A plain string in every binding.
    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A pack unit's name: 1 to 16 letters, not a standard unit (`box`, `drum`, `case`).",
            "pattern": "^[A-Za-z]{1,16}$"
        })
    }
}

/// The unit a quantity is written in: a standard unit, or a pack unit that
/// only the item it is used for can resolve (`"2 box"` of BAR-LAV is 24 pcs
/// when BAR-LAV defines `box` as 12 pcs).
///
/// ```
/// use lotwise::{Unit, Uom};
/// assert_eq!("kg".parse::<Unit>().unwrap(), Unit::Std(Uom::Kg));
/// assert_eq!("box".parse::<Unit>().unwrap().to_string(), "box");
/// assert!("2kg".parse::<Unit>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// A standard unit.
    Std(Uom),
    /// A pack unit of the item the quantity is for.
    Pack(PackName),
}

impl Unit {
    /// The standard unit, or `None` for a pack.
    pub fn std(self) -> Option<Uom> {
        match self {
            Unit::Std(u) => Some(u),
            Unit::Pack(_) => None,
        }
    }

    /// The dimension of a standard unit; `None` for a pack (its item knows).
    pub fn dimension(self) -> Option<Dimension> {
        self.std().map(Uom::dimension)
    }

    /// The symbol or pack name.
    pub fn symbol(&self) -> &str {
        match self {
            Unit::Std(u) => u.symbol(),
            Unit::Pack(p) => p.as_str(),
        }
    }
}

impl From<Uom> for Unit {
    fn from(u: Uom) -> Self {
        Unit::Std(u)
    }
}

impl PartialEq<Uom> for Unit {
    fn eq(&self, other: &Uom) -> bool {
        *self == Unit::Std(*other)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl FromStr for Unit {
    type Err = Error;
    /// A standard unit by any of its spellings, else a pack name (letters
    /// only); anything else is `unknown_unit`.
    fn from_str(s: &str) -> Result<Self> {
        if let Some(u) = Uom::lookup(s) {
            return Ok(Unit::Std(u));
        }
        PackName::parse(s)
            .map(Unit::Pack)
            .ok_or_else(|| Error::UnknownUnit {
                unit: s.trim().to_string(),
                value: s.to_string(),
                sku: None,
            })
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.symbol())
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|e| {
            crate::error::remember_parse_error(&e);
            serde::de::Error::custom(e)
        })
    }
}

impl schemars::JsonSchema for Unit {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Unit".into()
    }

    // A plain string in every binding.
    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "unit",
            "description": "A unit: a standard one (`g`, `kg`, `oz`, `lb`, `ml`, `l`, `fl oz`, `gal`, `pcs`, `dozen`, …) or a pack unit of the item (`box`)."
        })
    }
}

/// A pack unit defined on an item: `name` is `qty` of the item's base unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Pack {
    /// The pack's name, e.g. `box`.
    pub name: PackName,
    /// How much of the item one pack holds, in the item's base unit.
    pub qty: Decimal,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customary_factors_are_the_exact_definitions() {
        assert_eq!(
            Uom::Oz.base_factor() * Decimal::from(16),
            Uom::Lb.base_factor()
        );
        assert_eq!(
            Uom::FlOz.base_factor() * Decimal::from(128),
            Uom::Gal.base_factor()
        );
        assert_eq!(
            Uom::FlOz.base_factor() * Decimal::from(8),
            Uom::Cup.base_factor()
        );
        assert_eq!(
            Uom::Cup.base_factor() * Decimal::from(2),
            Uom::Pt.base_factor()
        );
        assert_eq!(
            Uom::Pt.base_factor() * Decimal::from(2),
            Uom::Qt.base_factor()
        );
        assert_eq!(
            Uom::Tsp.base_factor() * Decimal::from(6),
            Uom::FlOz.base_factor()
        );
        assert_eq!(
            Uom::Tbsp.base_factor() * Decimal::from(2),
            Uom::FlOz.base_factor()
        );
        assert_eq!(Uom::Lb.base_factor().to_string(), "453.59237");
        assert_eq!(Uom::Oz.base_factor().to_string(), "28.349523125");
    }

    #[test]
    fn every_unit_reads_back_from_its_symbol_and_its_code() {
        for u in Uom::ALL {
            assert_eq!(u.symbol().parse::<Uom>().unwrap(), u);
            let code = serde_json::to_value(u).unwrap();
            let back: Uom = serde_json::from_value(code.clone()).unwrap();
            assert_eq!(back, u, "{code}");
            assert_eq!(u.base().base_factor(), Decimal::ONE);
        }
        assert_eq!(serde_json::to_value(Uom::FlOz).unwrap(), "fl_oz");
        assert_eq!(serde_json::from_str::<Uom>("\"pounds\"").unwrap(), Uom::Lb);
    }

    #[test]
    fn pack_names_are_letters_and_never_a_standard_unit() {
        assert_eq!(PackName::parse("Box").unwrap().as_str(), "box");
        assert!(PackName::parse("kg").is_none());
        assert!(PackName::parse("box12").is_none());
        assert!(PackName::parse("").is_none());
        assert!(PackName::parse("abcdefghijklmnopq").is_none());
        assert_eq!(
            PackName::new("name", "oz").unwrap_err().code(),
            "invalid_input"
        );
        let boxes = PackName::parse("boxes").unwrap();
        let singular: Vec<String> = boxes.singulars().map(|p| p.to_string()).collect();
        assert_eq!(singular, vec!["box", "boxe"]);
    }

    #[test]
    fn a_word_that_is_no_unit_and_no_pack_name_is_unknown() {
        let e = "kg2".parse::<Unit>().unwrap_err();
        assert_eq!(e.code(), "unknown_unit");
        assert_eq!(
            "drum".parse::<Unit>().unwrap(),
            Unit::Pack(PackName::parse("drum").unwrap())
        );
    }
}
