//! Lot traceability: which lots went into which, and who received them.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Input lot `from` went into output lot `to` through manufacturing order `mo`.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct TraceEdge {
    /// Input lot.
    pub from_lot: String,
    /// Output lot.
    pub to_lot: String,
    /// Manufacturing order.
    pub mo: String,
    /// Quantity of the input lot consumed, in its item's base unit.
    pub qty: Decimal,
}

/// A lot in a trace, with how far it is from the lot asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TraceLot {
    /// Lot code.
    pub lot: String,
    /// Item.
    pub sku: String,
    /// Steps from the starting lot (0 for itself).
    pub depth: u32,
}

/// Lots reachable from a lot, and the edges between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Trace {
    /// The lot asked about.
    pub lot: String,
    /// Every lot reached, the starting one first.
    pub lots: Vec<TraceLot>,
    /// Every edge followed.
    pub edges: Vec<TraceEdge>,
}

/// One delivery of an affected lot to a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecallDelivery {
    /// Sales order.
    pub order: String,
    /// Channel and external ref, for finding it in the shop.
    pub channel: String,
    /// Channel's order id.
    pub external_ref: Option<String>,
    /// Customer name.
    pub customer: String,
    /// Customer e-mail.
    pub email: Option<String>,
    /// The lotwise customer id, when the order is attached to one.
    #[serde(default)]
    pub customer_id: Option<String>,
    /// Shipment.
    pub shipment: String,
    /// Lot shipped.
    pub lot: String,
    /// Item.
    pub sku: String,
    /// Quantity.
    pub qty: Decimal,
    /// When it shipped.
    pub shipped_at: DateTime<Utc>,
}

/// One affected lot in a recall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecallLot {
    /// Lot.
    pub lot: String,
    /// Item.
    pub sku: String,
    /// Still on hand in internal locations (to pull from shelves).
    pub on_hand: Decimal,
    /// Shipped to customers (everything that left, returns not netted).
    pub shipped: Decimal,
    /// Sent back by customers.
    pub returned: Decimal,
    /// Consumed into other lots.
    pub consumed: Decimal,
}

/// Everything a recall of a lot must reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecallReport {
    /// The recalled lot.
    pub lot: String,
    /// It and every lot made from it.
    pub lots: Vec<RecallLot>,
    /// Every shipment of an affected lot.
    pub deliveries: Vec<RecallDelivery>,
    /// Distinct customer names reached, sorted (two people of one name
    /// appear once here: `contacts` tells them apart).
    pub customers: Vec<String>,
    /// Distinct orders reached, sorted.
    pub orders: Vec<String>,
    /// Every person reached, by customer id, with how to contact them and
    /// what each received: the list a recall notice goes to.
    #[serde(default)]
    pub contacts: Vec<RecallContact>,
}

/// One person a recall reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecallContact {
    /// Customer id; `None` for orders attached to no customer (walk-in
    /// sales, orders stored before customers existed), grouped by name and
    /// e-mail.
    pub customer: Option<String>,
    /// Name.
    pub name: String,
    /// Every e-mail known for them.
    pub emails: Vec<String>,
    /// Every phone known for them.
    pub phones: Vec<String>,
    /// What they received of the affected lots.
    pub received: Vec<RecallReceived>,
}

/// Part of an affected lot a customer received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecallReceived {
    /// Order.
    pub order: String,
    /// Shipment.
    pub shipment: String,
    /// Lot.
    pub lot: String,
    /// Item.
    pub sku: String,
    /// Quantity, in the item's base unit.
    pub qty: Decimal,
}
