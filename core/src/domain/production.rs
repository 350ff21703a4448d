//! Manufacturing orders: batches of a product, with many-to-many allocations
//! to sales order lines.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::quantity::Qty;
use super::recipe::Requirement;

/// Where a manufacturing order stands.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MoStatus {
    /// Some inputs are not yet reserved.
    AwaitingMaterials,
    /// Every input is reserved.
    MaterialsReserved,
    /// Inputs consumed; output not yet recorded.
    InProduction,
    /// Output recorded.
    Completed,
    /// Cancelled.
    Cancelled,
}

impl MoStatus {
    /// The statuses of a batch still to be made, which new demand may join.
    pub const OPEN: [MoStatus; 3] = [
        MoStatus::AwaitingMaterials,
        MoStatus::MaterialsReserved,
        MoStatus::InProduction,
    ];
}

impl MoStatus {
    /// snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            MoStatus::AwaitingMaterials => "awaiting_materials",
            MoStatus::MaterialsReserved => "materials_reserved",
            MoStatus::InProduction => "in_production",
            MoStatus::Completed => "completed",
            MoStatus::Cancelled => "cancelled",
        }
    }

    /// Output still to come: the order can take more allocations.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            MoStatus::AwaitingMaterials | MoStatus::MaterialsReserved | MoStatus::InProduction
        )
    }

    /// Legal transitions of the state machine.
    pub fn can_become(self, to: MoStatus) -> bool {
        use MoStatus::*;
        matches!(
            (self, to),
            (AwaitingMaterials, MaterialsReserved)
                | (MaterialsReserved, AwaitingMaterials)
                | (AwaitingMaterials, Cancelled)
                | (MaterialsReserved, Cancelled)
                | (MaterialsReserved, InProduction)
                | (InProduction, Completed)
                | (InProduction, Cancelled)
        ) || self == to
    }
}

impl std::fmt::Display for MoStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Part of a manufacturing order's output promised to one order line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Allocation {
    /// Sales order id.
    pub order: String,
    /// Line number.
    pub line: u32,
    /// Quantity allocated, in the product's base unit.
    pub qty: Decimal,
    /// Quantity actually handed over at completion.
    pub delivered: Decimal,
}

/// Part of an intermediate batch's output promised to a batch that consumes
/// it (a soap-base batch feeding bar batches). One base batch may feed many
/// bar batches, and a bar batch may be fed by several base batches
/// ([`ManufacturingOrder::fed_by`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Feed {
    /// The consuming manufacturing order.
    pub mo: String,
    /// Quantity promised to it, in the product's base unit. Lowered to what
    /// was delivered when the consumer no longer needs the rest (it was
    /// cancelled, started, or covered from stock) or this batch completed.
    pub qty: Decimal,
    /// Quantity reserved for it at this batch's completion.
    pub delivered: Decimal,
}

impl Feed {
    /// Promised and not yet delivered.
    pub fn undelivered(&self) -> Decimal {
        (self.qty - self.delivered).max(Decimal::ZERO)
    }
}

/// An input lot consumed when production started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Consumption {
    /// Input item.
    pub sku: String,
    /// Lot consumed.
    pub lot: String,
    /// Quantity consumed.
    pub qty: Decimal,
}

/// What a batch produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Output {
    /// Output lot.
    pub lot: String,
    /// Good quantity put to stock.
    pub good: Decimal,
    /// Quantity scrapped.
    pub scrap: Decimal,
    /// Output lot expiry.
    pub expiry: Option<NaiveDate>,
}

/// A manufacturing order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ManufacturingOrder {
    /// lotwise id, e.g. `MO-000001`.
    pub id: String,
    /// Product made.
    pub product: String,
    /// Planned output in the product's base unit.
    pub qty: Decimal,
    /// Recipe version used.
    pub recipe_version: u32,
    /// Status.
    pub status: MoStatus,
    /// For an intermediate batch, the manufacturing order it was first
    /// planned for. Which batches it feeds is [`Self::feeds`].
    pub parent_mo: Option<String>,
    /// Inputs needed for the planned output.
    pub requirements: Vec<Requirement>,
    /// Output promised to order lines.
    pub allocations: Vec<Allocation>,
    /// Output promised to batches that consume it (intermediates).
    #[serde(default)]
    pub feeds: Vec<Feed>,
    /// The intermediate batches planned to feed this one, oldest first.
    #[serde(default)]
    pub fed_by: Vec<String>,
    /// Input lots consumed at start.
    pub consumed: Vec<Consumption>,
    /// Output at completion.
    pub output: Option<Output>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Started.
    pub started_at: Option<DateTime<Utc>>,
    /// Completed or cancelled.
    pub finished_at: Option<DateTime<Utc>>,
}

impl ManufacturingOrder {
    /// Planned output already promised to order lines and not yet delivered.
    pub fn allocated(&self) -> Decimal {
        self.allocations.iter().map(|a| a.qty).sum()
    }

    /// Planned output promised to consuming batches.
    pub fn fed(&self) -> Decimal {
        self.feeds.iter().map(|f| f.qty).sum()
    }

    /// Planned output still free for more order lines or consuming batches.
    pub fn unallocated(&self) -> Decimal {
        (self.qty - self.allocated() - self.fed()).max(Decimal::ZERO)
    }

    /// What this batch still owes `consumer` at completion.
    pub fn undelivered_to(&self, consumer: &str) -> Decimal {
        self.feeds
            .iter()
            .filter(|f| f.mo == consumer)
            .map(Feed::undelivered)
            .sum()
    }

    /// The inputs this batch may be waiting for: its requirements' SKUs
    /// while it awaits materials, none otherwise. Stores file waiting
    /// batches under them (`Tx::mos_awaiting`).
    pub(crate) fn awaited_skus(&self) -> std::collections::BTreeSet<&str> {
        if self.status != MoStatus::AwaitingMaterials {
            return std::collections::BTreeSet::new();
        }
        self.requirements.iter().map(|r| r.sku.as_str()).collect()
    }

    /// Whether the batch is open and some of its output is not allocated
    /// yet: whether a new order line may join it.
    pub fn has_free_output(&self) -> bool {
        MoStatus::OPEN.contains(&self.status) && self.unallocated() > Decimal::ZERO
    }
}

/// Input to `complete_mo`: what came out of the batch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    /// Output lot code; generated from the MO id when absent.
    #[serde(default)]
    pub lot: Option<String>,
    /// Good output; the planned quantity when absent.
    #[serde(default)]
    pub good_qty: Option<Qty>,
    /// Output scrapped.
    #[serde(default)]
    pub scrap_qty: Option<Qty>,
    /// Expiry; from the product's shelf life when absent.
    #[serde(default)]
    pub expiry: Option<NaiveDate>,
}
