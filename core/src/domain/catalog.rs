//! Items: what a maker buys, makes and packs.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::quantity::{Dimension, Qty, Uom};
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
        }
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
        };
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
    /// when `allow_zero`), and whole when counted in pieces.
    pub fn base_qty(&self, field: &str, q: Qty, allow_zero: bool) -> Result<Decimal> {
        if q.uom.dimension() != self.uom.dimension() {
            return Err(Error::UnitMismatch {
                expected: format!("{} ({})", self.uom.dimension(), self.uom),
                got: q.uom.to_string(),
            });
        }
        let too_big =
            || Error::invalid_qty(field, q, "larger than lotwise keeps (10^9 base units)");
        let v = q.checked_base_value().ok_or_else(too_big)?;
        if v.abs() > Decimal::from(MAX_BASE_UNITS) {
            return Err(too_big());
        }
        if v.normalize().scale() > 3 {
            return Err(Error::invalid_qty(
                field,
                q,
                "finer than 0.001 of the base unit",
            ));
        }
        if v < Decimal::ZERO || (v.is_zero() && !allow_zero) {
            return Err(Error::invalid_qty(field, q, "must be greater than zero"));
        }
        if self.uom.dimension() == Dimension::Count && !v.fract().is_zero() {
            return Err(Error::invalid_qty(field, q, "pieces must be whole"));
        }
        Ok(v)
    }

    /// `value` (in the base unit) as a [`Qty`].
    pub fn qty(&self, value: Decimal) -> Qty {
        Qty::new(value.normalize(), self.uom)
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
