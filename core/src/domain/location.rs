//! Locations: where stock is, physical or virtual.

use serde::{Deserialize, Serialize};

/// What a location stands for. Virtual locations are the other side of the
/// ledger's double entry and may run negative; internal ones may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    /// A warehouse, store room or bin that holds sellable stock.
    Internal,
    /// Held stock, not available to reserve.
    Quarantine,
    /// Between two internal locations.
    Transit,
    /// Virtual: where bought goods come from.
    Supplier,
    /// Virtual: where shipped goods go.
    Customer,
    /// Virtual: where inputs are consumed and outputs appear.
    Production,
    /// Virtual: written-off stock.
    Scrap,
    /// Virtual: counting corrections.
    Adjustment,
}

impl LocationKind {
    /// Physical stock: its on-hand may never go below zero.
    pub fn holds_stock(self) -> bool {
        matches!(
            self,
            LocationKind::Internal | LocationKind::Quarantine | LocationKind::Transit
        )
    }
}

/// A place in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Location {
    /// Short unique code such as `MAIN`.
    pub code: String,
    /// Human name.
    pub name: String,
    /// Internal or one of the virtual kinds.
    pub kind: LocationKind,
}

/// Codes of the locations every lotwise database starts with.
pub mod defaults {
    /// The default warehouse.
    pub const MAIN: &str = "MAIN";
    /// Virtual supplier.
    pub const SUPPLIER: &str = "SUPPLIER";
    /// Virtual customer.
    pub const CUSTOMER: &str = "CUSTOMER";
    /// Virtual production.
    pub const PRODUCTION: &str = "PRODUCTION";
    /// Virtual scrap.
    pub const SCRAP: &str = "SCRAP";
    /// Virtual inventory adjustment.
    pub const ADJUSTMENT: &str = "ADJUSTMENT";
}

/// The locations a new database gets.
pub fn default_locations() -> Vec<Location> {
    use LocationKind::*;
    [
        (defaults::MAIN, "Main warehouse", Internal),
        (defaults::SUPPLIER, "Suppliers", Supplier),
        (defaults::CUSTOMER, "Customers", Customer),
        (defaults::PRODUCTION, "Production", Production),
        (defaults::SCRAP, "Scrap", Scrap),
        (defaults::ADJUSTMENT, "Inventory adjustments", Adjustment),
    ]
    .into_iter()
    .map(|(code, name, kind)| Location {
        code: code.into(),
        name: name.into(),
        kind,
    })
    .collect()
}
