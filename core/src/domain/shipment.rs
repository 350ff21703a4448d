//! Shipments: goods leaving for the customer, lot by lot.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::money::Money;
use super::quantity::Qty;

/// One lot of one order line in a shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ShipmentLine {
    /// Order line number.
    pub line: u32,
    /// Item.
    pub sku: String,
    /// Lot shipped.
    pub lot: String,
    /// Location it left from.
    pub location: String,
    /// Quantity, in the item's base unit.
    pub qty: Decimal,
}

/// A shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Shipment {
    /// lotwise id, e.g. `SH-000001`.
    pub id: String,
    /// Sales order.
    pub order: String,
    /// Lines with lots.
    pub lines: Vec<ShipmentLine>,
    /// Carrier.
    pub carrier: String,
    /// Tracking number.
    pub tracking: String,
    /// Label data as the carrier integration gave it (opaque).
    pub label: Option<String>,
    /// When it left.
    pub shipped_at: DateTime<Utc>,
    /// Cost of the goods shipped, from the lots' unit costs, in the shop's
    /// cost currency (per lot: `shipment_cost`); `None` when no cost was
    /// ever recorded. Shipments stored before costs read as `None`.
    #[serde(default)]
    pub cost_of_goods: Option<Money>,
}

/// A line to ship: all that is ready when `qty` is absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShipLine {
    /// Order line number.
    pub line: u32,
    /// How much.
    #[serde(default)]
    pub qty: Option<Qty>,
}

/// Input to `ship`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShipRequest {
    /// Lines; every line's ready quantity when empty.
    #[serde(default)]
    pub lines: Vec<ShipLine>,
    /// Carrier name.
    pub carrier: String,
    /// Tracking number.
    pub tracking: String,
    /// Opaque label data.
    #[serde(default)]
    pub label: Option<String>,
}
