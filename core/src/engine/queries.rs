//! Read-only queries: stock levels, lots, the ledger, the event outbox and
//! a full snapshot of the state.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Lotwise;
use crate::domain::catalog::Item;
use crate::domain::event::Event;
use crate::domain::ledger::{Balance, Movement};
use crate::domain::location::Location;
use crate::domain::lot::Lot;
use crate::domain::order::SalesOrder;
use crate::domain::production::ManufacturingOrder;
use crate::domain::recipe::Recipe;
use crate::domain::reservation::Reservation;
use crate::domain::shipment::Shipment;
use crate::domain::trace::TraceEdge;
use crate::error::{Error, Result};

/// Stock of one lot at one internal location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StockLot {
    /// Lot.
    pub lot: String,
    /// Location.
    pub location: String,
    /// Expiry.
    pub expiry: Option<NaiveDate>,
    /// On hand.
    pub on_hand: Decimal,
    /// Reserved.
    pub reserved: Decimal,
}

/// Stock of an item at internal (sellable) locations, in its base unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StockLevel {
    /// Item.
    pub sku: String,
    /// On hand.
    pub on_hand: Decimal,
    /// Held for orders and manufacturing orders.
    pub reserved: Decimal,
    /// Free to promise: on hand − reserved − expired − held.
    pub available: Decimal,
    /// On hand in lots on hold (QA hold, recall, complaint).
    #[serde(default)]
    pub held: Decimal,
    /// Per lot and location, earliest expiry first.
    pub lots: Vec<StockLot>,
}

/// Everything in the store, in a stable order. Two equal snapshots mean
/// equal states; tests use it to prove a failed command changed nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Snapshot {
    /// Every item definition.
    pub items: Vec<Item>,
    /// Every version of every recipe.
    pub recipes: Vec<Recipe>,
    /// Every location, the default ones included.
    pub locations: Vec<Location>,
    /// Every lot of every item, empty ones included.
    pub lots: Vec<Lot>,
    /// The whole stock ledger, in booking order.
    pub movements: Vec<Movement>,
    /// Every non-zero on-hand balance per SKU, lot and location, in base units.
    pub balances: Vec<Balance>,
    /// Every open reservation of stock.
    pub reservations: Vec<Reservation>,
    /// Every sales order, whatever its status.
    pub orders: Vec<SalesOrder>,
    /// Every manufacturing order, whatever its status.
    pub mos: Vec<ManufacturingOrder>,
    /// Every shipment made.
    pub shipments: Vec<Shipment>,
    /// Every lot genealogy edge (input lot consumed into output lot by an MO).
    pub trace_edges: Vec<TraceEdge>,
    /// The whole event outbox, acknowledged or not, by sequence.
    pub events: Vec<Event>,
    /// Generic records as (kind, key, value).
    pub docs: Vec<(String, String, serde_json::Value)>,
}

impl Lotwise {
    /// Stock of an item at internal locations.
    pub fn stock(&self, sku: &str) -> Result<StockLevel> {
        self.read(|ctx| {
            ctx.item(sku)?;
            ctx.stock_level(sku)
        })
    }

    /// The lot.
    pub fn lot(&self, code: &str) -> Result<Lot> {
        self.read(|ctx| {
            ctx.tx
                .lot(code)?
                .ok_or_else(|| Error::UnknownLot { lot: code.into() })
        })
    }

    /// Every lot of an item.
    pub fn lots_of_item(&self, sku: &str) -> Result<Vec<Lot>> {
        self.read(|ctx| {
            ctx.item(sku)?;
            ctx.tx.lots_of_item(sku)
        })
    }

    /// The whole ledger, in order.
    pub fn movements(&self) -> Result<Vec<Movement>> {
        self.read(|ctx| ctx.tx.movements())
    }

    /// Every non-zero balance, virtual locations included.
    pub fn balances(&self) -> Result<Vec<Balance>> {
        self.read(|ctx| ctx.tx.balances())
    }

    /// Every reservation.
    pub fn reservations(&self) -> Result<Vec<Reservation>> {
        self.read(|ctx| ctx.tx.reservations())
    }

    /// Up to `limit` events after sequence `after`.
    pub fn events_after(&self, after: u64, limit: usize) -> Result<Vec<Event>> {
        self.read(|ctx| ctx.tx.events_after(after, limit))
    }

    /// Up to `limit` events a consumer has not acknowledged yet.
    pub fn pending_events(&self, consumer: &str, limit: usize) -> Result<Vec<Event>> {
        self.read(|ctx| {
            let cursor = ctx.tx.cursor(consumer)?;
            ctx.tx.events_after(cursor, limit)
        })
    }

    /// Records that `consumer` has handled every event up to `seq`.
    /// Acknowledging backwards or past the last event is an error.
    pub fn ack_events(&self, consumer: &str, seq: u64) -> Result<()> {
        self.write(|ctx| {
            if consumer.trim().is_empty() {
                return Err(Error::invalid_input(
                    "consumer",
                    consumer,
                    "must not be empty",
                ));
            }
            let cursor = ctx.tx.cursor(consumer)?;
            let last = ctx.tx.last_event_seq()?;
            if seq < cursor || seq > last {
                return Err(Error::invalid_input(
                    "seq",
                    seq,
                    &format!("must be between {cursor} and {last}"),
                ));
            }
            ctx.tx.set_cursor(consumer, seq)
        })
    }

    /// A consumer's acknowledged position.
    pub fn event_cursor(&self, consumer: &str) -> Result<u64> {
        self.read(|ctx| ctx.tx.cursor(consumer))
    }

    /// The whole state, in a stable order.
    pub fn snapshot(&self) -> Result<Snapshot> {
        self.read(|ctx| {
            let tx = &mut ctx.tx;
            Ok(Snapshot {
                items: tx.items()?,
                recipes: tx.recipes()?,
                locations: tx.locations()?,
                lots: tx.lots()?,
                movements: tx.movements()?,
                balances: tx.balances()?,
                reservations: tx.reservations()?,
                orders: tx.orders()?,
                mos: tx.mos()?,
                shipments: tx.shipments()?,
                trace_edges: tx.trace_edges()?,
                events: tx.events_after(0, usize::MAX)?,
                docs: tx.all_docs()?,
            })
        })
    }
}
