//! The event outbox: one row per change, written in the same transaction.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An event in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Monotonic sequence from 1, without gaps.
    pub seq: u64,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// snake_case kind, e.g. `order_shipped`.
    pub kind: String,
    /// The id of the entity it concerns (order, MO, lot, sku).
    pub subject: String,
    /// Details, as JSON.
    pub data: serde_json::Value,
}

/// Event kinds lotwise emits.
pub mod kinds {
    pub const ITEM_DEFINED: &str = "item_defined";
    pub const RECIPE_DEFINED: &str = "recipe_defined";
    pub const LOCATION_DEFINED: &str = "location_defined";
    pub const STOCK_RECEIVED: &str = "stock_received";
    pub const STOCK_ADJUSTED: &str = "stock_adjusted";
    pub const ORDER_PLACED: &str = "order_placed";
    pub const ORDER_CONFIRMED: &str = "order_confirmed";
    pub const ORDER_STATUS_CHANGED: &str = "order_status_changed";
    pub const ORDER_SHIPPED: &str = "order_shipped";
    pub const ORDER_CANCELLED: &str = "order_cancelled";
    pub const ORDER_UPDATED: &str = "order_updated";
    pub const ORDER_FLAGGED: &str = "order_flagged";
    pub const ORDER_RESOLVED: &str = "order_resolved";
    pub const ORDER_REPLANNED: &str = "order_replanned";
    pub const MO_CREATED: &str = "mo_created";
    pub const MO_STATUS_CHANGED: &str = "mo_status_changed";
    pub const MO_COMPLETED: &str = "mo_completed";
}
