//! What the memory store holds: every record in an ordered or hashed map,
//! and the secondary indexes the writers keep in step with them.

use std::collections::{BTreeMap, HashMap};

use foldhash::fast::RandomState;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::packed::{PackedLot, PackedMo, PackedOrder, PackedReservation};
use super::{text, Key};
use crate::domain::catalog::Item;
use crate::domain::event::Event;
use crate::domain::ledger::Movement;
use crate::domain::location::Location;
use crate::domain::order::OrderStatus;
use crate::domain::production::MoStatus;
use crate::domain::recipe::Recipe;
use crate::domain::reservation::Demand;
use crate::domain::shipment::Shipment;
use crate::domain::trace::TraceEdge;

/// A hashed map of the store. Its keys are short ids, codes and SKUs, which
/// foldhash hashes in a few instructions where the standard library's
/// SipHash spends several rounds on each; its seed is still drawn per
/// process, so the layout of one shop's maps is not predictable from
/// outside.
pub(super) type Hashed<K, V> = HashMap<K, V, RandomState>;

/// Records of one kind by id (see [`State::lots`]).
pub(super) type Records<V> = Hashed<Key, Box<V>>;

/// A [`Demand`] as `reservations_by_demand` files it: the order or batch id
/// inline, ordered as `Demand` is. A `Demand` keeps its id on the heap, so
/// every key a search compared in that index was a fetch from another
/// block of memory.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum DemandKey {
    /// A sales order line: the order's id and the line number.
    OrderLine(Key, u32),
    /// The inputs of a manufacturing order: its id.
    MoInput(Key),
}

impl From<&DemandKey> for Demand {
    fn from(demand: &DemandKey) -> Self {
        match demand {
            DemandKey::OrderLine(order, line) => Demand::OrderLine {
                order: text(order),
                line: *line,
            },
            DemandKey::MoInput(mo) => Demand::MoInput { mo: text(mo) },
        }
    }
}

impl From<&Demand> for DemandKey {
    fn from(demand: &Demand) -> Self {
        match demand {
            Demand::OrderLine { order, line } => DemandKey::OrderLine(Key::new(order), *line),
            Demand::MoInput { mo } => DemandKey::MoInput(Key::new(mo)),
        }
    }
}

/// The store's maps. Records are kept whole: orders, batches, lots and
/// reservations packed (`memory/packed.rs`), the others as the domain has
/// them. The
/// indexes map keys to `()`
/// (or a position, or a total) and are kept by the writers in
/// `memory.rs` and `memory/index.rs`, undo-logged like the data.
#[derive(Default)]
pub(super) struct State {
    pub(super) counters: BTreeMap<Key, u64>,
    pub(super) items: BTreeMap<Key, Item>,
    pub(super) recipes: BTreeMap<(Key, u32), Recipe>,
    pub(super) locations: BTreeMap<Key, Location>,
    /// Records by id are hashed: a command looks up the same few records
    /// many times, and in an ordered map each lookup compares its key with
    /// a dozen others once the shop has thousands. Listings sort. Boxed, so
    /// growing a table moves pointers, not records.
    pub(super) lots: Records<PackedLot>,
    pub(super) movements: Vec<Movement>,
    /// On hand per (SKU, lot, location), zero rows dropped. Hashed: every
    /// movement updates two, and a point lookup must not get dearer with
    /// every lot ever made. Only what is in stock is indexed by item
    /// (`stock_by_item`, `held_aside_by_item`): balances at the customer
    /// and production locations pile up with every order, and no command
    /// lists them by item.
    pub(super) balances: Hashed<(Key, Key, Key), Decimal>,
    /// Open reservations only: consuming, shipping or releasing stock
    /// deletes them. Nothing indexes them by SKU: what is reserved of a SKU
    /// is `reserved_totals`, and the one reader of a SKU's reservations
    /// (holding a lot) walks these.
    pub(super) reservations: BTreeMap<u64, PackedReservation>,
    // Secondary indexes, kept in step with `reservations` and `orders` by
    // the writers, so the hot lookups do not scan everything.
    pub(super) reservations_by_demand: BTreeMap<(DemandKey, u64), ()>,
    /// Reserved quantity per (SKU, lot, location), zero rows dropped.
    pub(super) reserved_totals: BTreeMap<(Key, Key, Key), Decimal>,
    pub(super) orders_by_status: BTreeMap<(OrderStatus, Key), ()>,
    // Kept in step with `balances`, `lots` and `mos` the same way: a lookup
    // by lot, item, status or order costs what it finds, not the history.
    pub(super) balances_by_lot: BTreeMap<(Key, Key, Key), ()>,
    /// Balances at internal locations: what is in stock now. A location's
    /// kind is fixed once it holds stock (the engine never redefines one).
    pub(super) stock_by_item: BTreeMap<(Key, Key, Key), ()>,
    /// Balances at the other locations that hold stock (quarantine,
    /// transit): with `stock_by_item`, what the item holds now
    /// (`held_stock_of_item`), without the lots shipped long ago.
    pub(super) held_aside_by_item: BTreeMap<(Key, Key, Key), ()>,
    /// The rows of `stock_by_item` with more on hand than reserved: what
    /// reserving reads (`free_stock_of_item`), so lots waiting on the shelf
    /// fully reserved for their orders are never walked.
    pub(super) free_by_item: BTreeMap<(Key, Key, Key), ()>,
    pub(super) lots_by_item: BTreeMap<(Key, Key), ()>,
    pub(super) mos_by_status: BTreeMap<(MoStatus, Key), ()>,
    pub(super) mos_by_order: BTreeMap<(Key, Key), ()>,
    /// The entries of `mos_by_order` whose batch is still open: an order's
    /// status follows its open batches only, and once its batches are done
    /// (every order that ships) reading them back from `mos` would touch
    /// records long out of the CPU's caches for nothing.
    pub(super) open_mos_by_order: BTreeMap<(Key, Key), ()>,
    /// Open MOs with unallocated output, by product (`mos_with_free_output`).
    pub(super) free_output_by_product: BTreeMap<(Key, Key), ()>,
    /// Batches awaiting materials by (input SKU, id), and orders that may
    /// wait for stock by (SKU, placed, id): what a freeing of a SKU serves,
    /// in the order it serves them (`mos_awaiting`, `orders_awaiting`).
    pub(super) mos_awaiting: BTreeMap<(Key, Key), ()>,
    pub(super) orders_awaiting: BTreeMap<(Key, DateTime<Utc>, Key), ()>,
    pub(super) shipments_by_order: BTreeMap<(Key, Key), ()>,
    pub(super) shipments_by_lot: BTreeMap<(Key, Key), ()>,
    /// Positions in `edges` by input lot and by output lot, in the order
    /// appended. Hashed: filing an edge must not get dearer as the
    /// genealogy grows, and no range of lots is ever read.
    pub(super) edges_from: Hashed<Key, Vec<usize>>,
    pub(super) edges_to: Hashed<Key, Vec<usize>>,
    pub(super) orders: Records<PackedOrder>,
    pub(super) external_refs: BTreeMap<(Key, Key), Key>,
    pub(super) mos: Records<PackedMo>,
    pub(super) shipments: Records<Shipment>,
    pub(super) edges: Vec<TraceEdge>,
    pub(super) events: Vec<Event>,
    pub(super) cursors: BTreeMap<Key, u64>,
    pub(super) docs: Docs,
    /// The undo log's buffer between transactions (see `memory/undo.rs`).
    pub(super) spare_log: Vec<super::undo::Undo>,
}

/// Documents by kind, then by key. Customers and their lookup entries are
/// documents, and so is the cost of every batch and shipment in a shop that
/// records costs: one map of (kind, key) would grow with the order book, and
/// the commands that read a kind of few documents (the rules checked after
/// every change of stock) would search that whole map to find them.
#[derive(Default)]
pub(super) struct Docs(BTreeMap<Key, BTreeMap<Key, serde_json::Value>>);

impl Docs {
    /// The document `name` of `kind`.
    pub(super) fn get(&self, kind: &str, name: &str) -> Option<&serde_json::Value> {
        self.0.get(kind)?.get(name)
    }

    /// The documents of `kind`, by key.
    pub(super) fn of_kind(&self, kind: &str) -> impl Iterator<Item = (&Key, &serde_json::Value)> {
        self.0.get(kind).into_iter().flatten()
    }

    /// The documents of `kind` whose keys start with `prefix`, by key.
    pub(super) fn with_prefix<'d>(
        &'d self,
        kind: &str,
        prefix: &'d str,
    ) -> impl Iterator<Item = (&'d Key, &'d serde_json::Value)> + 'd {
        let docs = self.0.get(kind).into_iter();
        docs.flat_map(move |d| d.range(Key::new(prefix)..))
            .take_while(move |(k, _)| k.starts_with(prefix))
    }

    /// Every document as (kind, key, document), by kind and key.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&Key, &Key, &serde_json::Value)> {
        (self.0.iter()).flat_map(|(kind, docs)| docs.iter().map(move |(k, v)| (kind, k, v)))
    }

    /// Files `value` as `kind`/`name`, or with `None` removes it (and the
    /// kind, once it has no documents left); the document it replaced.
    pub(super) fn replace(
        &mut self,
        (kind, name): (Key, Key),
        value: Option<serde_json::Value>,
    ) -> Option<serde_json::Value> {
        match value {
            Some(v) => self.0.entry(kind).or_default().insert(name, v),
            None => {
                let docs = self.0.get_mut(&kind)?;
                let old = docs.remove(&name);
                if docs.is_empty() {
                    self.0.remove(&kind);
                }
                old
            }
        }
    }
}
