//! The append-only, double-entry stock ledger.
//!
//! Every change of stock is a [`Movement`] of a positive quantity of one lot
//! from one location to another. A balance is the fold of the movements, so
//! per item and lot the balances over all locations always sum to zero:
//! virtual locations (supplier, customer, production, …) carry the other side.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Why stock moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MovementReason {
    /// Goods received from a supplier.
    Receipt,
    /// A count correction.
    Adjustment,
    /// An input consumed by a manufacturing order.
    Consumption,
    /// Output of a manufacturing order.
    Production,
    /// Output or consumed input written off.
    Scrap,
    /// Goods sent to a customer.
    Shipment,
    /// Goods moved between internal locations.
    Transfer,
    /// Goods a customer sent back.
    Return,
}

/// One immutable ledger entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Movement {
    /// Position in the ledger, from 1.
    pub seq: u64,
    /// When it was booked.
    pub at: DateTime<Utc>,
    /// Item.
    pub sku: String,
    /// Lot.
    pub lot: String,
    /// Always positive, in the item's base unit.
    pub qty: Decimal,
    /// Source location.
    pub from: String,
    /// Destination location.
    pub to: String,
    /// Why.
    pub reason: MovementReason,
    /// The document behind it (order, MO, shipment id), if any.
    pub doc: Option<String>,
}

/// Stock of one lot at one location.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Balance {
    /// Item.
    pub sku: String,
    /// Lot.
    pub lot: String,
    /// Location.
    pub location: String,
    /// On hand, in the item's base unit; negative only at virtual locations.
    pub qty: Decimal,
}

/// Key of a balance: (sku, lot, location).
pub type BalanceKey = (String, String, String);

/// Folds movements into balances; zero balances are left out.
pub fn fold(movements: &[Movement]) -> BTreeMap<BalanceKey, Decimal> {
    let mut out: BTreeMap<BalanceKey, Decimal> = BTreeMap::new();
    for m in movements {
        *out.entry((m.sku.clone(), m.lot.clone(), m.from.clone()))
            .or_default() -= m.qty;
        *out.entry((m.sku.clone(), m.lot.clone(), m.to.clone()))
            .or_default() += m.qty;
    }
    out.retain(|_, v| !v.is_zero());
    out
}
