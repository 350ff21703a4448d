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
    /// Emitted by `define_item` when a new item is created; subject is the SKU.
    pub const ITEM_DEFINED: &str = "item_defined";
    /// Emitted by `define_recipe` for each new recipe version; subject is the product SKU.
    pub const RECIPE_DEFINED: &str = "recipe_defined";
    /// Emitted when a location is defined (`define_location` and the location commands); subject is the location code.
    pub const LOCATION_DEFINED: &str = "location_defined";
    /// Emitted per received lot by `receive` and by purchase-order receipts; subject is the SKU.
    pub const STOCK_RECEIVED: &str = "stock_received";
    /// Emitted by `adjust_stock` after a stock count or correction; subject is the SKU.
    pub const STOCK_ADJUSTED: &str = "stock_adjusted";
    /// Emitted when a new sales order is stored (`place_order` or a channel import); subject is the order id.
    pub const ORDER_PLACED: &str = "order_placed";
    /// Emitted by `confirm_order` before stock is reserved and MOs planned; subject is the order id.
    pub const ORDER_CONFIRMED: &str = "order_confirmed";
    /// Emitted whenever an order's derived status changes (e.g. to `ready` or `partially_shipped`); subject is the order id.
    pub const ORDER_STATUS_CHANGED: &str = "order_status_changed";
    /// Emitted by `ship` for each shipment created; subject is the order id.
    pub const ORDER_SHIPPED: &str = "order_shipped";
    /// Emitted by `cancel_order` after reservations are released and MOs detached; subject is the order id.
    pub const ORDER_CANCELLED: &str = "order_cancelled";
    /// Emitted when a channel re-import changes an existing order; subject is the order id.
    pub const ORDER_UPDATED: &str = "order_updated";
    /// Emitted when a new reason for attention is added to an order (e.g. lines changed on the channel after confirmation); subject is the order id.
    pub const ORDER_FLAGGED: &str = "order_flagged";
    /// Emitted by `resolve_order` when an order needing attention is cleared back to `placed`; subject is the order id.
    pub const ORDER_RESOLVED: &str = "order_resolved";
    /// Emitted by `replan_order` with what was newly reserved, planned and still short; subject is the order id.
    pub const ORDER_REPLANNED: &str = "order_replanned";
    /// Emitted when planning creates a manufacturing order (also for sub-assemblies); subject is the MO id.
    pub const MO_CREATED: &str = "mo_created";
    /// Emitted whenever a manufacturing order's status changes (start, completion, cancellation, readiness); subject is the MO id.
    pub const MO_STATUS_CHANGED: &str = "mo_status_changed";
    /// Emitted by `complete_mo` with the output lot and good/scrap quantities; subject is the MO id.
    pub const MO_COMPLETED: &str = "mo_completed";
}
