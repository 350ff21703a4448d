//! Lots: identified quantities of one item, with expiry and origin.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::money::Money;

/// Where a lot came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LotOrigin {
    /// Received from a supplier.
    Receipt,
    /// Produced by a manufacturing order.
    Production {
        /// The id of the manufacturing order that made the lot, e.g. `MO-000001`.
        mo: String,
    },
    /// Found during a count.
    Adjustment,
}

/// A lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Lot {
    /// Unique lot code.
    pub code: String,
    /// The item this lot is of.
    pub sku: String,
    /// Last day the lot may be used or sold.
    pub expiry: Option<NaiveDate>,
    /// Receipt, production or adjustment.
    pub origin: LotOrigin,
    /// The supplier's own lot number, for recalls upstream.
    pub supplier_lot_ref: Option<String>,
    /// When the lot came into being.
    pub created_at: DateTime<Utc>,
    /// What one base unit (g, ml, pcs) of the lot cost, in the shop's cost
    /// currency: from its receipt, or its batch's cost ÷ good output.
    /// `None` when no cost was given (it counts as zero in valuations, and
    /// reports list it as uncosted).
    #[serde(default)]
    pub unit_cost: Option<Money>,
}

impl Lot {
    /// Expired on `today` (the expiry day itself is still usable).
    pub fn is_expired(&self, today: NaiveDate) -> bool {
        self.expiry.is_some_and(|e| e < today)
    }
}
