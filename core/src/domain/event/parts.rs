//! The records some event payloads are made of.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::promise::Basis;

/// Something still missing after re-planning an order (`order_replanned`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Shortfall {
    /// Item short.
    pub sku: String,
    /// How much more is needed, in its base unit.
    pub missing: Decimal,
    /// Who needs it: an order line (`SO-000001/1`) or a manufacturing order id.
    pub needed_for: String,
}

/// One booked operation of a manufacturing order (`mo_scheduled`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScheduledOperation {
    /// Work center (empty for an elapsed step).
    pub work_center: String,
    /// The elapsed step's name (`cure`) when the operation is one: it
    /// held no work center. Events stored before it existed read as `null`.
    #[serde(default)]
    pub elapsed: Option<String>,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Working minutes.
    pub minutes: i64,
}

/// A line's promised date (`order_promised`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PromisedLine {
    /// Order line number.
    pub line: u32,
    /// The promised delivery day.
    pub promised_date: NaiveDate,
    /// What decided it.
    pub basis: Basis,
}

/// What a new purchase order line orders (`po_created`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PoLineOrdered {
    /// Item.
    pub sku: String,
    /// Quantity, in the item's base unit.
    pub qty: Decimal,
}
