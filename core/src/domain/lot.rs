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
    /// Set while the lot is held (QA hold, recall, customer complaint): a
    /// held lot is never reserved, consumed, transferred or shipped.
    /// `null` when the lot is free to use.
    #[serde(default)]
    pub hold: Option<LotHold>,
}

/// Why a lot is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HoldReason {
    /// Quality assurance: waiting for a test result or an inspection.
    QaHold,
    /// A recall reaches the lot.
    Recall,
    /// A customer complained about the lot.
    CustomerComplaint,
    /// Any other reason, told in the note.
    Other,
}

impl HoldReason {
    /// snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            HoldReason::QaHold => "qa_hold",
            HoldReason::Recall => "recall",
            HoldReason::CustomerComplaint => "customer_complaint",
            HoldReason::Other => "other",
        }
    }
}

impl std::fmt::Display for HoldReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A hold on a lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LotHold {
    /// Why.
    pub reason: HoldReason,
    /// Free text for the record (test number, complaint reference).
    #[serde(default)]
    pub note: Option<String>,
    /// The recalled lot this hold comes from, for holds placed by a recall
    /// (and for the output of a batch that consumed a held lot).
    #[serde(default)]
    pub recall_of: Option<String>,
    /// When the hold was placed.
    pub since: DateTime<Utc>,
}

impl Lot {
    /// Expired on `today` (the expiry day itself is still usable).
    pub fn is_expired(&self, today: NaiveDate) -> bool {
        expired_by(self.expiry, today)
    }

    /// Held: not to be reserved, consumed, transferred or shipped.
    pub fn is_held(&self) -> bool {
        self.hold.is_some()
    }
}

/// Whether a lot expiring on `expiry` (never, with `None`) has expired by
/// `today`: it may be used up to and including its expiry date.
///
/// ```
/// use chrono::NaiveDate;
/// use lotwise::domain::lot::expired_by;
///
/// let day = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
/// assert!(!expired_by(Some(day), day));
/// assert!(expired_by(Some(day), day.succ_opt().unwrap()));
/// assert!(!expired_by(None, day));
/// ```
pub fn expired_by(expiry: Option<NaiveDate>, today: NaiveDate) -> bool {
    expiry.is_some_and(|e| e < today)
}
