//! Items: what a maker buys, makes and packs.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::quantity::{divide_exactly_or_round, Dimension, Qty, Uom};
use super::units::{Pack, PackName, Unit};
use crate::error::{Error, Result};

/// What role an item plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Bought and consumed by recipes (wax, lye, fragrance oil).
    Material,
    /// Made from a recipe and sold (a candle, a bar of soap).
    Product,
    /// Bought and consumed like a material, but packs a product (jars, boxes).
    Packaging,
}

/// What kind of goods an item is, where rules differ by trade: food and
/// cosmetics (soap, balms, lotions) expire with their ingredients.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ItemCategory {
    /// Eaten or drunk: bars, granola, jam, kombucha.
    Food,
    /// Put on skin or hair: soap, balms, lotions.
    Cosmetic,
    /// Anything else: candles, wax melts, ceramics, packaging.
    #[default]
    Other,
}

impl ItemCategory {
    /// Whether lots made of this kind of goods expire no later than their
    /// inputs unless the item says otherwise.
    pub fn expires_with_inputs(self) -> bool {
        matches!(self, ItemCategory::Food | ItemCategory::Cosmetic)
    }
}

/// How stock of an item is identified.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Tracking {
    /// Lots are still kept (one per receipt or batch) but codes are generated.
    None,
    /// Every receipt and batch carries a lot code given or generated; the default.
    #[default]
    Lot,
}

/// The largest quantity lotwise accepts in one command, in base units
/// (10^9 g is a thousand tonnes). Together with the 0.001 resolution it keeps
/// every product of quantities far inside `Decimal`'s range, so planning
/// arithmetic cannot overflow.
pub const MAX_BASE_UNITS: i64 = 1_000_000_000;

/// An item as it is defined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Item {
    /// Unique stock-keeping unit.
    pub sku: String,
    /// Human name.
    pub name: String,
    /// Material, product or packaging.
    pub kind: ItemKind,
    /// The base unit stock is kept in (g, ml or pcs).
    pub uom: Uom,
    /// Lot tracking.
    pub tracking: Tracking,
    /// Days from receipt or production until a lot expires.
    pub shelf_life_days: Option<u32>,
    /// A lot must have at least this many days left to be reserved.
    pub min_remaining_shelf_life_days: Option<u32>,
    /// Supplier lead time in days, for bought items.
    pub lead_time_days: Option<u32>,
    /// Reorder point, in the base unit.
    pub reorder_point: Option<Decimal>,
    /// Reorder quantity, in the base unit.
    pub reorder_qty: Option<Decimal>,
    /// Food, cosmetic or other goods (items stored before categories
    /// existed read as other).
    #[serde(default)]
    pub category: ItemCategory,
    /// Whether a batch's output lot expires no later than the earliest
    /// expiring lot it consumed (items stored before this setting existed
    /// read as no, as they behaved).
    #[serde(default)]
    pub expiry_capped_by_inputs: bool,
    /// The unit quantities of the item are shown in on request (`convert_qty`):
    /// the unit it was defined in unless it says otherwise. Stock is always
    /// kept and reported in `uom`. `None` for items stored before display
    /// units existed: they show in `uom`.
    #[serde(default)]
    pub display_unit: Option<Unit>,
    /// The item's pack units (`box` = 12 pcs), usable wherever a quantity
    /// of this item is given (`"2 box"`).
    #[serde(default)]
    pub packs: Vec<Pack>,
}

/// A pack unit as the caller defines it: `{"name": "box", "qty": "12 pcs"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPack {
    /// The pack's name: 1 to 16 letters, not a standard unit (`box`, `drum`, `case`).
    pub name: String,
    /// What one pack holds, in any unit of the item's dimension or in one of
    /// its packs defined before (`"4 box"` for a case); above zero.
    pub qty: Qty,
}

impl NewPack {
    /// A pack named `name` holding `qty`.
    pub fn new(name: &str, qty: Qty) -> Self {
        NewPack {
            name: name.into(),
            qty,
        }
    }
}

/// Input to `define_item`. Only `sku`, `name`, `kind` and `uom` are required.
///
/// ```
/// use lotwise::{NewItem, ItemKind, Uom};
/// let wax = NewItem::new("WAX-SOY", "Soy wax", ItemKind::Material, Uom::Kg);
/// assert_eq!(wax.uom, Uom::Kg);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewItem {
    /// Unique stock-keeping unit, e.g. `WAX-SOY`; used as the item's id everywhere.
    pub sku: String,
    /// Human name shown in views and documents.
    pub name: String,
    /// Whether the item is a material, a product or packaging.
    pub kind: ItemKind,
    /// Any unit of the item's dimension; stock is kept in that dimension's base unit.
    pub uom: Uom,
    /// How lots are identified; defaults to [`Tracking::Lot`].
    #[serde(default)]
    pub tracking: Tracking,
    /// Days from receipt or production until a lot expires; `None` means lots never expire unless a receipt gives an expiry.
    #[serde(default)]
    pub shelf_life_days: Option<u32>,
    /// A lot must have at least this many days left to be reserved; `None` means any unexpired lot qualifies.
    #[serde(default)]
    pub min_remaining_shelf_life_days: Option<u32>,
    /// Supplier lead time in days, for bought items; `None` when unknown.
    #[serde(default)]
    pub lead_time_days: Option<u32>,
    /// Stock position below which replenishment suggests buying or making more, in any unit of its dimension; `None` means it is only bought or made to order.
    #[serde(default)]
    pub reorder_point: Option<Qty>,
    /// Smallest quantity to buy or make once below the reorder point, in any unit of its dimension; `None` suggests just the shortfall.
    #[serde(default)]
    pub reorder_qty: Option<Qty>,
    /// Food, cosmetic or other goods; defaults to [`ItemCategory::Other`].
    #[serde(default)]
    pub category: Option<ItemCategory>,
    /// Whether a batch's output lot expires no later than the earliest
    /// expiring lot it consumed (oats that expire in a week make bars that
    /// expire in a week, whatever the bars' own shelf life); `None` means
    /// yes for food and cosmetics, no for other goods.
    #[serde(default)]
    pub expiry_capped_by_inputs: Option<bool>,
    /// Pack units of the item (`[{"name": "box", "qty": "12 pcs"}]`), in
    /// order: a pack may be given in one defined before it.
    #[serde(default)]
    pub packs: Vec<NewPack>,
    /// The unit quantities of the item are shown in on request: a standard
    /// unit of its dimension or one of its packs; `uom` when absent.
    #[serde(default)]
    pub display_unit: Option<Unit>,
}

impl NewItem {
    /// A new item with only the required fields set.
    pub fn new(sku: &str, name: &str, kind: ItemKind, uom: Uom) -> Self {
        NewItem {
            sku: sku.into(),
            name: name.into(),
            kind,
            uom,
            tracking: Tracking::Lot,
            shelf_life_days: None,
            min_remaining_shelf_life_days: None,
            lead_time_days: None,
            reorder_point: None,
            reorder_qty: None,
            category: None,
            expiry_capped_by_inputs: None,
            packs: Vec::new(),
            display_unit: None,
        }
    }

    /// Adds a pack unit (`box` holding `"12 pcs"`).
    pub fn with_pack(mut self, name: &str, qty: Qty) -> Self {
        self.packs.push(NewPack::new(name, qty));
        self
    }

    /// Validates and turns the input into an [`Item`].
    pub fn into_item(self) -> Result<Item> {
        validate_code("sku", &self.sku)?;
        if self.name.trim().is_empty() || self.name.len() > 200 {
            return Err(Error::invalid_input(
                "name",
                &self.name,
                "must be 1 to 200 characters",
            ));
        }
        let base = self.uom.base();
        let mut item = Item {
            sku: self.sku,
            name: self.name,
            kind: self.kind,
            uom: base,
            tracking: self.tracking,
            shelf_life_days: self.shelf_life_days,
            min_remaining_shelf_life_days: self.min_remaining_shelf_life_days,
            lead_time_days: self.lead_time_days,
            reorder_point: None,
            reorder_qty: None,
            category: self.category.unwrap_or_default(),
            expiry_capped_by_inputs: self
                .expiry_capped_by_inputs
                .unwrap_or_else(|| self.category.unwrap_or_default().expires_with_inputs()),
            display_unit: None,
            packs: Vec::new(),
        };
        for (i, pack) in self.packs.into_iter().enumerate() {
            item.define_pack(&format!("packs[{i}]"), pack, false)?;
        }
        let display = self.display_unit.unwrap_or(Unit::Std(self.uom));
        item.display_unit = Some(item.check_unit(display)?);
        if let Some(q) = self.reorder_point {
            item.reorder_point = Some(item.base_qty("reorder_point", q, true)?);
        }
        if let Some(q) = self.reorder_qty {
            item.reorder_qty = Some(item.base_qty("reorder_qty", q, false)?);
        }
        Ok(item)
    }
}

impl Item {
    /// Converts `q` to this item's base unit and checks it: positive (or zero
    /// when `allow_zero`), and whole when counted in pieces. A pack unit of
    /// the item converts by its size; another word is `unknown_unit`.
    ///
    /// Resolution: the base value may be no finer than 0.001 of the base
    /// unit, except that a quantity written in a customary unit (oz, lb,
    /// fl oz, …), a dozen or a pack may have up to 3 decimals *in that
    /// unit*, whose exact base value is then kept (`"16 oz"` is
    /// 453.59237 g, not 453.592 g).
    pub fn base_qty(&self, field: &str, q: Qty, allow_zero: bool) -> Result<Decimal> {
        let (factor, customary) = self.factor_of(q)?;
        let too_big =
            || Error::invalid_qty(field, q, "larger than lotwise keeps (10^9 base units)");
        let v = q.value.checked_mul(factor).ok_or_else(too_big)?.normalize();
        if v.abs() > Decimal::from(MAX_BASE_UNITS) {
            return Err(too_big());
        }
        if v.scale() > 3 {
            if !customary {
                return Err(Error::invalid_qty(
                    field,
                    q,
                    "finer than 0.001 of the base unit",
                ));
            }
            if q.value.normalize().scale() > 3 {
                return Err(Error::invalid_qty(
                    field,
                    q,
                    &format!("finer than 0.001 {}", q.uom),
                ));
            }
        }
        if v < Decimal::ZERO || (v.is_zero() && !allow_zero) {
            return Err(Error::invalid_qty(field, q, "must be greater than zero"));
        }
        if self.uom.dimension() == Dimension::Count && !v.fract().is_zero() {
            return Err(Error::invalid_qty(field, q, "pieces must be whole"));
        }
        Ok(v)
    }

    /// How many base units one unit of `q` is, and whether that unit is
    /// customary (or a pack): `unit_mismatch` for another dimension,
    /// `unknown_unit` for a word that is not one of the item's packs.
    fn factor_of(&self, q: Qty) -> Result<(Decimal, bool)> {
        Ok(match q.uom {
            Unit::Std(u) => {
                if u.dimension() != self.uom.dimension() {
                    return Err(Error::UnitMismatch {
                        expected: format!("{} ({})", self.uom.dimension(), self.uom),
                        got: q.uom.to_string(),
                    });
                }
                (u.base_factor(), !u.is_decimal())
            }
            Unit::Pack(name) => match self.pack(name) {
                Some(pack) => (pack.qty, true),
                None => {
                    return Err(Error::UnknownUnit {
                        unit: name.to_string(),
                        value: q.to_string(),
                        sku: Some(self.sku.clone()),
                    })
                }
            },
        })
    }

    /// `q` in the base unit, exactly, without the checks of a quantity
    /// given to a command (any sign, any number of places): for
    /// converting amounts lotwise already holds.
    pub fn base_value(&self, q: Qty) -> Result<Decimal> {
        let (factor, _) = self.factor_of(q)?;
        q.value
            .checked_mul(factor)
            .map(|v| v.normalize())
            .ok_or_else(|| Error::invalid_qty("qty", q, "too large to convert"))
    }

    /// `value` (in the base unit) as a [`Qty`].
    pub fn qty(&self, value: Decimal) -> Qty {
        Qty::new(value.normalize(), self.uom)
    }

    /// The pack unit called `name` (or whose plural `name` is: `boxes`).
    pub fn pack(&self, name: PackName) -> Option<&Pack> {
        self.packs.iter().find(|p| p.name == name).or_else(|| {
            name.singulars()
                .find_map(|s| self.packs.iter().find(|p| p.name == s))
        })
    }

    /// The unit quantities of the item are shown in: its display unit, or
    /// its base unit for an item stored before display units existed.
    pub fn display_unit(&self) -> Unit {
        self.display_unit.unwrap_or(Unit::Std(self.uom))
    }

    /// `unit` if quantities of this item can be written in it: a standard
    /// unit of its dimension or one of its packs.
    pub fn check_unit(&self, unit: Unit) -> Result<Unit> {
        match unit {
            Unit::Std(u) if u.dimension() != self.uom.dimension() => Err(Error::UnitMismatch {
                expected: format!("{} ({})", self.uom.dimension(), self.uom),
                got: u.to_string(),
            }),
            Unit::Pack(name) => match self.pack(name) {
                Some(p) => Ok(Unit::Pack(p.name)),
                None => Err(Error::UnknownUnit {
                    unit: name.to_string(),
                    value: name.to_string(),
                    sku: Some(self.sku.clone()),
                }),
            },
            u => Ok(u),
        }
    }

    /// `base` (an amount in the base unit) expressed in `unit`: a standard
    /// unit of the item's dimension or one of its packs. Exact when the
    /// quotient terminates, else rounded half-even to
    /// [`crate::domain::quantity::CONVERSION_PLACES`] decimals.
    pub fn in_unit(&self, base: Decimal, unit: Unit) -> Result<Qty> {
        let unit = self.check_unit(unit)?;
        let factor = match unit {
            Unit::Std(u) => u.base_factor(),
            Unit::Pack(name) => self.pack(name).map_or(Decimal::ONE, |p| p.qty),
        };
        let value = divide_exactly_or_round(base, factor)
            .ok_or_else(|| Error::invalid_qty("qty", self.qty(base), "too large to convert"))?;
        Ok(Qty::new(value, unit))
    }

    /// Defines (or, with `replace`, redefines) a pack unit. The pack's size
    /// is validated like any quantity of the item, so a pack of another
    /// dimension is `unit_mismatch` and a pack of pieces is whole.
    pub fn define_pack(&mut self, field: &str, new: NewPack, replace: bool) -> Result<&Pack> {
        let name = PackName::new(&format!("{field}.name"), &new.name)?;
        let qty = self.base_qty(&format!("{field}.qty"), new.qty, false)?;
        let at = self.packs.iter().position(|p| p.name == name);
        match at {
            Some(_) if !replace => Err(Error::invalid_input(
                &format!("{field}.name"),
                &new.name,
                "a pack of that name is already defined",
            )),
            Some(i) => {
                self.packs[i].qty = qty;
                Ok(&self.packs[i])
            }
            None => {
                self.packs.push(Pack { name, qty });
                Ok(&self.packs[self.packs.len() - 1])
            }
        }
    }
}

/// Checks an identifier a person types: a SKU, a location or lot code.
pub fn validate_code(field: &str, code: &str) -> Result<()> {
    if code.is_empty() || code.len() > 64 {
        return Err(Error::invalid_input(
            field,
            code,
            "must be 1 to 64 characters",
        ));
    }
    if code.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid_input(field, code, "must not contain spaces"));
    }
    Ok(())
}
