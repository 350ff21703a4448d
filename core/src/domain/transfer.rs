//! Transfers between stock locations, through an in-transit location, and
//! stock availability per location.
//!
//! A transfer is two ledger steps: shipping it out moves each lot from the
//! source to the transit location (where it is neither available nor
//! reservable), receiving it moves the same quantities on to the destination.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::location::LocationKind;
use super::quantity::Qty;
use crate::error::Error;

/// Record kinds under which multi-location data is stored (`Tx::doc`).
pub mod records {
    /// A [`super::Transfer`], keyed by its id.
    pub const TRANSFER: &str = "transfer";
    /// A routing rule, keyed by channel (`*` for the default rule).
    pub const ROUTING_RULE: &str = "routing_rule";
}

/// Code of the in-transit location, created on the first transfer.
pub const TRANSIT: &str = "TRANSIT";

/// Where a transfer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TransferStatus {
    /// Shipped out, not yet received.
    InTransit,
    /// Received at the destination.
    Received,
}

impl TransferStatus {
    /// snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            TransferStatus::InTransit => "in_transit",
            TransferStatus::Received => "received",
        }
    }
}

/// One lot moved by a transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TransferLine {
    /// Item.
    pub sku: String,
    /// Lot.
    pub lot: String,
    /// Quantity, base unit.
    pub qty: Decimal,
}

/// A transfer between two stock locations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Transfer {
    /// lotwise id, e.g. `TR-000001`.
    pub id: String,
    /// Source location.
    pub from: String,
    /// Destination location.
    pub to: String,
    /// Status.
    pub status: TransferStatus,
    /// Lots moved, as picked at shipping.
    pub lines: Vec<TransferLine>,
    /// Free-text note.
    pub note: Option<String>,
    /// When it left.
    pub shipped_at: DateTime<Utc>,
    /// When it arrived.
    pub received_at: Option<DateTime<Utc>>,
}

impl Transfer {
    /// The error for `action` in the current status.
    pub fn transition_error(&self, action: &str) -> Error {
        Error::InvalidTransition {
            entity: "transfer".into(),
            id: self.id.clone(),
            from: self.status.as_str().into(),
            action: action.into(),
        }
    }
}

/// A line of a new transfer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTransferLine {
    /// Item.
    pub sku: String,
    /// Quantity, any unit of the item's dimension.
    pub qty: Qty,
    /// Lot; unreserved stock is picked first-expiry-first when absent.
    #[serde(default)]
    pub lot: Option<String>,
}

/// Input to `ship_transfer`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTransfer {
    /// Source: an internal or quarantine location.
    pub from: String,
    /// Destination: an internal or quarantine location.
    pub to: String,
    /// Lines, at least one.
    pub lines: Vec<NewTransferLine>,
    /// Free-text note.
    #[serde(default)]
    pub note: Option<String>,
}

/// Stock of an item at one location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LocationStock {
    /// Location.
    pub location: String,
    /// Its kind: internal, quarantine or transit.
    pub kind: LocationKind,
    /// On hand.
    pub on_hand: Decimal,
    /// Reserved.
    pub reserved: Decimal,
    /// Free to promise (internal locations only; unexpired, unreserved).
    pub available: Decimal,
}

/// Stock of an item per location and in total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Availability {
    /// Item.
    pub sku: String,
    /// Every stock location holding some, by code.
    pub locations: Vec<LocationStock>,
    /// On hand at internal locations.
    pub on_hand: Decimal,
    /// Reserved at internal locations.
    pub reserved: Decimal,
    /// Free to promise over all internal locations.
    pub available: Decimal,
    /// Between locations.
    pub in_transit: Decimal,
    /// Held in quarantine.
    pub quarantined: Decimal,
}

impl Availability {
    /// Sums per-location stock into totals.
    pub fn from_locations(sku: &str, mut locations: Vec<LocationStock>) -> Availability {
        locations.sort_by(|a, b| a.location.cmp(&b.location));
        let sum = |kind: LocationKind, f: fn(&LocationStock) -> Decimal| -> Decimal {
            locations.iter().filter(|l| l.kind == kind).map(f).sum()
        };
        Availability {
            sku: sku.into(),
            on_hand: sum(LocationKind::Internal, |l| l.on_hand),
            reserved: sum(LocationKind::Internal, |l| l.reserved),
            available: sum(LocationKind::Internal, |l| l.available),
            in_transit: sum(LocationKind::Transit, |l| l.on_hand),
            quarantined: sum(LocationKind::Quarantine, |l| l.on_hand),
            locations,
        }
    }
}
