//! Storage: an object-safe [`Store`] that opens transactions, and the
//! backends behind it. The engine is the only caller.
//!
//! A [`Tx`] reads and writes whole domain records. Dropping a write
//! transaction without [`Tx::commit`] rolls it back, so a command that fails
//! half-way leaves nothing behind.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use crate::domain::catalog::Item;
use crate::domain::event::Event;
use crate::domain::ledger::{Balance, Movement};
use crate::domain::location::{Location, LocationKind};
use crate::domain::lot::Lot;
use crate::domain::order::{LinePlan, OrderStatus, SalesOrder};
use crate::domain::production::{ManufacturingOrder, MoStatus};
use crate::domain::recipe::Recipe;
use crate::domain::reservation::{Demand, Reservation};
use crate::domain::shipment::Shipment;
use crate::domain::trace::TraceEdge;
use crate::error::Result;

#[cfg(any(test, feature = "testing"))]
pub mod conformance;
pub mod memory;
#[cfg(feature = "postgres")]
pub mod postgres;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
mod sql;
#[cfg(feature = "sqlite")]
pub mod sqlite;

mod free_lot;
pub use free_lot::FreeLot;

/// Reserved quantities summed per (lot, location), in that order.
pub(crate) fn sum_reserved(
    sku: &str,
    held: impl IntoIterator<Item = (String, String, Decimal)>,
) -> Vec<Balance> {
    let mut sums: std::collections::BTreeMap<(String, String), Decimal> = Default::default();
    for (lot, location, qty) in held {
        *sums.entry((lot, location)).or_default() += qty;
    }
    sums.into_iter()
        .map(|((lot, location), qty)| Balance {
            sku: sku.to_string(),
            lot,
            location,
            qty,
        })
        .collect()
}

/// `stock` less `reserved` (both per lot and location), keeping the rows
/// with something free, in the order of `stock`.
pub(crate) fn free_rows(stock: Vec<Balance>, reserved: &[Balance]) -> Vec<Balance> {
    let held: std::collections::HashMap<(&str, &str), Decimal> = reserved
        .iter()
        .map(|r| ((r.lot.as_str(), r.location.as_str()), r.qty))
        .collect();
    let paired: Vec<(Balance, Decimal)> = stock
        .into_iter()
        .map(|b| {
            let reserved = held
                .get(&(b.lot.as_str(), b.location.as_str()))
                .copied()
                .unwrap_or_default();
            (b, reserved)
        })
        .collect();
    less_reserved(paired)
}

/// (on hand, reserved) rows as the free quantity of each, keeping those
/// above zero: what [`Tx::free_stock_of_item`] lists.
pub(crate) fn less_reserved(rows: impl IntoIterator<Item = (Balance, Decimal)>) -> Vec<Balance> {
    rows.into_iter()
        .filter_map(|(mut b, reserved)| {
            b.qty -= reserved;
            (b.qty > Decimal::ZERO).then_some(b)
        })
        .collect()
}

/// The codes of the locations whose kind `keep` accepts.
pub(crate) fn location_codes<T: Tx + ?Sized>(
    tx: &mut T,
    keep: fn(LocationKind) -> bool,
) -> Result<Vec<String>> {
    Ok(tx
        .locations()?
        .into_iter()
        .filter(|l| keep(l.kind))
        .map(|l| l.code)
        .collect())
}

/// The item's non-zero balances at the locations whose kind `keep`
/// accepts: the defaults of [`Tx::stock_of_item`] and
/// [`Tx::held_stock_of_item`], which read every balance the item ever had.
fn balances_where<T: Tx + ?Sized>(
    tx: &mut T,
    sku: &str,
    keep: fn(LocationKind) -> bool,
) -> Result<Vec<Balance>> {
    let kept = location_codes(tx, keep)?;
    Ok(tx
        .balances_of_item(sku)?
        .into_iter()
        .filter(|b| kept.contains(&b.location))
        .collect())
}

/// [`Tx::indexed_docs`] as separate reads: the index's entries, then the
/// record of each.
pub(crate) fn indexed_docs_one_by_one<T: Tx + ?Sized>(
    tx: &mut T,
    index: &str,
    prefix: &str,
    record_kind: &str,
) -> Result<Vec<(String, Option<serde_json::Value>)>> {
    let ids: Vec<String> = tx
        .docs_with_prefix(index, prefix)?
        .into_iter()
        .map(|(key, _)| key[prefix.len()..].to_string())
        .collect();
    ids.into_iter()
        .map(|id| {
            let doc = tx.doc(record_kind, &id)?;
            Ok((id, doc))
        })
        .collect()
}

/// Whether a transaction may write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxMode {
    /// Queries.
    Read,
    /// Commands: exclusive, applied whole or not at all.
    Write,
    /// Commands that touch only what they lock on the way: one order by id,
    /// the stock of the SKUs they reserve, new events and ids (placing and
    /// confirming an order from stock). Backends that let such commands run
    /// side by side ([`Store::concurrent_writes`]) refuse anything else in
    /// this mode with a retryable [`Error::Conflict`], and the engine then
    /// runs the command again in [`TxMode::Write`]; the others treat it as
    /// `Write`.
    ///
    /// [`Error::Conflict`]: crate::Error::Conflict
    Concurrent,
}

impl TxMode {
    /// Whether the transaction may write.
    pub fn writes(self) -> bool {
        matches!(self, TxMode::Write | TxMode::Concurrent)
    }
}

/// A storage backend.
pub trait Store: Send + Sync {
    /// Opens a transaction.
    fn begin(&self, mode: TxMode) -> Result<Box<dyn Tx + '_>>;
    /// A short name for messages: `memory`, `sqlite`, `postgres`.
    fn backend(&self) -> &'static str;
    /// Whether [`TxMode::Concurrent`] transactions run side by side here
    /// (Postgres) rather than one at a time like every write (memory, SQLite).
    fn concurrent_writes(&self) -> bool;
}

/// One transaction. Getters return `None`/empty for what does not exist.
pub trait Tx {
    /// The next value of a named counter (1, 2, …), for ids.
    fn next_id(&mut self, counter: &str) -> Result<u64>;

    /// The item with this SKU.
    fn item(&mut self, sku: &str) -> Result<Option<Item>>;
    /// Inserts the item, or replaces the one with the same SKU.
    fn put_item(&mut self, item: &Item) -> Result<()>;
    /// Every defined item.
    fn items(&mut self) -> Result<Vec<Item>>;

    /// The newest version of a product's recipe.
    fn recipe(&mut self, product: &str) -> Result<Option<Recipe>>;
    /// A given version.
    fn recipe_version(&mut self, product: &str, version: u32) -> Result<Option<Recipe>>;
    /// Stores a recipe version under its product and version number, replacing one with the same pair.
    fn put_recipe(&mut self, recipe: &Recipe) -> Result<()>;
    /// Every version of every recipe.
    fn recipes(&mut self) -> Result<Vec<Recipe>>;

    /// The location with this code.
    fn location(&mut self, code: &str) -> Result<Option<Location>>;
    /// The kind of the location with this code: what a movement or a
    /// reservation asks of a location, without a copy of its record.
    fn location_kind(&mut self, code: &str) -> Result<Option<LocationKind>> {
        Ok(self.location(code)?.map(|l| l.kind))
    }
    /// Inserts the location, or replaces the one with the same code.
    fn put_location(&mut self, location: &Location) -> Result<()>;
    /// Every location, including the default virtual ones.
    fn locations(&mut self) -> Result<Vec<Location>>;

    /// The lot with this code.
    fn lot(&mut self, code: &str) -> Result<Option<Lot>>;
    /// Inserts the lot, or replaces the one with the same code.
    fn put_lot(&mut self, lot: &Lot) -> Result<()>;
    /// Every lot of the item with this SKU, empty or not.
    fn lots_of_item(&mut self, sku: &str) -> Result<Vec<Lot>>;
    /// Every lot of every item.
    fn lots(&mut self) -> Result<Vec<Lot>>;

    /// Appends a movement and updates the two balances it touches. The
    /// movement is handed over: a backend that keeps it keeps it as is.
    fn append_movement(&mut self, movement: Movement) -> Result<()>;
    /// The whole stock ledger, in the order the movements were appended.
    fn movements(&mut self) -> Result<Vec<Movement>>;
    /// On hand of a lot at a location (zero when unknown).
    fn balance(&mut self, sku: &str, lot: &str, location: &str) -> Result<Decimal>;
    /// Non-zero balances of an item.
    fn balances_of_item(&mut self, sku: &str) -> Result<Vec<Balance>>;
    /// Non-zero balances of an item at internal locations: its stock on
    /// hand, by lot and location. Confirming, reserving and showing stock
    /// read this, so a backend should answer it from what is in stock now,
    /// not from every lot the item ever had (whose balances stay at the
    /// customer and production locations): the default filters
    /// [`Tx::balances_of_item`], which grows with the item's history.
    fn stock_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        balances_where(self, sku, |k| k == LocationKind::Internal)
    }
    /// Non-zero balances of an item at every location that holds stock
    /// (internal, quarantine and transit: [`LocationKind::holds_stock`]),
    /// by lot then location: what availability shows, and what a transfer
    /// out of quarantine or transit picks from. Like [`Tx::stock_of_item`],
    /// a backend should answer from what is held now, not from every lot
    /// the item ever had; the default filters [`Tx::balances_of_item`].
    fn held_stock_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        balances_where(self, sku, LocationKind::holds_stock)
    }
    /// Stock of an item with something free: per lot and location at an
    /// internal location, on hand less what is reserved there, only where
    /// that is above zero, by lot then location (as [`Balance`] rows whose
    /// `qty` is the free quantity). Reserving reads this, so a backend
    /// should answer from an index of the lots with something free, kept
    /// as balances and reservations change: goods made or bought for orders
    /// wait on the shelf fully reserved until they ship, and can outnumber
    /// the free lots many times over. The default subtracts
    /// [`Tx::reserved_of_item`] from [`Tx::stock_of_item`].
    fn free_stock_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        let reserved = self.reserved_of_item(sku)?;
        Ok(free_rows(self.stock_of_item(sku)?, &reserved))
    }
    /// [`Tx::free_stock_of_item`] with what reserving weighs of each lot
    /// (its expiry, when it was made, whether it is held), by lot then
    /// location. Rows of a lot with no record, or a record of another
    /// item, are left out: they serve no demand. The default reads each
    /// lot once after the free stock; a backend holding its lots in memory
    /// answers without copying them.
    fn free_lots_of_item(&mut self, sku: &str) -> Result<Vec<FreeLot>> {
        let rows = self.free_stock_of_item(sku)?;
        let mut out = Vec::with_capacity(rows.len());
        // A lot's rows are adjacent: only the lot read last is asked again.
        let mut last: Option<Lot> = None;
        for row in rows {
            if last.as_ref().is_none_or(|l| l.code != row.lot) {
                last = self.lot(&row.lot)?;
            }
            if let Some(lot) = last.as_ref().filter(|l| l.code == row.lot && l.sku == sku) {
                out.push(FreeLot::of(row, lot));
            }
        }
        Ok(out)
    }
    /// Non-zero balances of a lot.
    fn balances_of_lot(&mut self, lot: &str) -> Result<Vec<Balance>>;
    /// Every non-zero balance (SKU, lot, location, on-hand quantity in base units).
    fn balances(&mut self) -> Result<Vec<Balance>>;

    /// Inserts the reservation, or replaces the one with the same id.
    fn put_reservation(&mut self, reservation: &Reservation) -> Result<()>;
    /// Removes the reservation with this id (a no-op when there is none).
    fn delete_reservation(&mut self, id: u64) -> Result<()>;
    /// Every reservation holding stock of the item with this SKU. The
    /// memory store and a SQLite file read every open reservation for it
    /// (they file reservations by demand only, so that taking or releasing
    /// one touches one index less), so a command asks
    /// [`Tx::reserved_of_lot`] or [`Tx::reserved_of_item`] first whether
    /// anything is reserved at all.
    fn reservations_of_item(&mut self, sku: &str) -> Result<Vec<Reservation>>;
    /// What is reserved of the item with this SKU, summed per lot and
    /// location (as [`Balance`] rows whose `qty` is the reserved quantity),
    /// ordered by lot then location: what free stock is computed from.
    fn reserved_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        let held = self.reservations_of_item(sku)?;
        Ok(sum_reserved(
            sku,
            held.into_iter().map(|r| (r.lot, r.location, r.qty)),
        ))
    }
    /// What is reserved of one lot of an item, per location (rows as in
    /// [`Tx::reserved_of_item`]): what delivering a batch's output lot, or
    /// reserving a named lot, looks at. The default filters
    /// [`Tx::reserved_of_item`]; a backend should seek the lot.
    fn reserved_of_lot(&mut self, sku: &str, lot: &str) -> Result<Vec<Balance>> {
        let mut rows = self.reserved_of_item(sku)?;
        rows.retain(|b| b.lot == lot);
        Ok(rows)
    }
    /// The reservations made for one demand (an order line or an MO component).
    fn reservations_for(&mut self, demand: &Demand) -> Result<Vec<Reservation>>;
    /// Reservations of every line of an order.
    fn reservations_of_order(&mut self, order: &str) -> Result<Vec<Reservation>>;
    /// Every reservation.
    fn reservations(&mut self) -> Result<Vec<Reservation>>;

    /// The sales order with this id.
    fn order(&mut self, id: &str) -> Result<Option<SalesOrder>>;
    /// The sales order imported from `channel` with this external reference.
    fn order_by_external(
        &mut self,
        channel: &str,
        external_ref: &str,
    ) -> Result<Option<SalesOrder>>;
    /// Inserts the order, or replaces the one with the same id, and indexes its channel and external reference.
    fn put_order(&mut self, order: SalesOrder) -> Result<()>;
    /// Inserts an order this transaction has just created, under an id
    /// fresh from [`Tx::next_id`]: nothing is reserved or made for it yet,
    /// and no other transaction can know it, so a backend need not look.
    fn put_new_order(&mut self, order: SalesOrder) -> Result<()> {
        self.put_order(order)
    }
    /// Every sales order currently in `status`.
    fn orders_with_status(&mut self, status: OrderStatus) -> Result<Vec<SalesOrder>>;
    /// The sales orders that may be waiting for `sku` (a line of it, and
    /// [`OrderStatus::AwaitingMaterials`] or [`OrderStatus::PartiallyShipped`]),
    /// oldest first (placed, then id),
    /// only those after `after` (the placing time and id of the last order
    /// of the page before), at most `limit`: the orders a freeing of `sku`
    /// may serve, a page at a time. The default filters every waiting
    /// order; a backend should answer from an index kept by
    /// [`Tx::put_order`], so serving a receipt costs the orders it reaches,
    /// not the backlog.
    fn orders_awaiting(
        &mut self,
        sku: &str,
        after: Option<(DateTime<Utc>, &str)>,
        limit: usize,
    ) -> Result<Vec<SalesOrder>> {
        let mut out = Vec::new();
        for status in SalesOrder::WAITING {
            out.extend(
                self.orders_with_status(status)?
                    .into_iter()
                    .filter(|o| o.awaited_skus().contains(sku)),
            );
        }
        out.sort_by(|a, b| a.placed_at.cmp(&b.placed_at).then(a.id.cmp(&b.id)));
        out.retain(|o| after.is_none_or(|(at, id)| (o.placed_at, o.id.as_str()) > (at, id)));
        out.truncate(limit);
        Ok(out)
    }
    /// Every sales order.
    fn orders(&mut self) -> Result<Vec<SalesOrder>>;

    /// The manufacturing order with this id.
    fn mo(&mut self, id: &str) -> Result<Option<ManufacturingOrder>>;
    /// Inserts the manufacturing order, or replaces the one with the same id.
    fn put_mo(&mut self, mo: ManufacturingOrder) -> Result<()>;
    /// Every manufacturing order currently in `status`.
    fn mos_with_status(&mut self, status: MoStatus) -> Result<Vec<ManufacturingOrder>>;
    /// The open manufacturing orders of `product` (awaiting materials,
    /// materials reserved or in production) with output no order has
    /// claimed yet ([`ManufacturingOrder::unallocated`] above zero), by id:
    /// the batches a new order line may join. The default filters every
    /// open MO of every product; a backend should answer from an index
    /// kept by [`Tx::put_mo`], so the cost follows the batches that can
    /// still take orders, not every batch in the shop.
    fn mos_with_free_output(&mut self, product: &str) -> Result<Vec<ManufacturingOrder>> {
        let mut out = Vec::new();
        for status in MoStatus::OPEN {
            out.extend(
                self.mos_with_status(status)?
                    .into_iter()
                    .filter(|m| m.product == product && m.has_free_output()),
            );
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(out)
    }
    /// The manufacturing orders awaiting materials that need `sku`
    /// ([`MoStatus::AwaitingMaterials`], a requirement for it), by id, only
    /// those after the id `after`, at most `limit`: the batches a freeing of
    /// `sku` may serve, a page at a time. The default filters every batch
    /// awaiting materials; a backend should answer from an index kept by
    /// [`Tx::put_mo`], so serving a receipt costs the batches it reaches,
    /// not the backlog.
    fn mos_awaiting(
        &mut self,
        sku: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ManufacturingOrder>> {
        let mut out: Vec<ManufacturingOrder> = self
            .mos_with_status(MoStatus::AwaitingMaterials)?
            .into_iter()
            .filter(|m| m.awaited_skus().contains(sku))
            .filter(|m| after.is_none_or(|id| m.id.as_str() > id))
            .collect();
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out.truncate(limit);
        Ok(out)
    }
    /// Manufacturing orders with an allocation to any line of `order`.
    fn mos_for_order(&mut self, order: &str) -> Result<Vec<ManufacturingOrder>>;
    /// The open ones of [`Tx::mos_for_order`] (awaiting materials, materials
    /// reserved, in production): all an order's status is derived from.
    /// Once its batches are done an order keeps them for good, and a store
    /// need not copy them out to say that none is open.
    fn open_mos_for_order(&mut self, order: &str) -> Result<Vec<ManufacturingOrder>> {
        let mut mos = self.mos_for_order(order)?;
        mos.retain(|m| m.status.is_open());
        Ok(mos)
    }
    /// What the open batches serving an order ([`Tx::open_mos_for_order`])
    /// hold for its lines: how the order's lines are covered counts only
    /// this. The default takes it from the batches; a backend holding them
    /// in memory reads it without copying them.
    fn open_plans_for_order(&mut self, order: &str) -> Result<Vec<LinePlan>> {
        Ok(LinePlan::of_batches(
            order,
            &self.open_mos_for_order(order)?,
        ))
    }
    /// Every manufacturing order.
    fn mos(&mut self) -> Result<Vec<ManufacturingOrder>>;

    /// Inserts the shipment, or replaces the one with the same id.
    fn put_shipment(&mut self, shipment: &Shipment) -> Result<()>;
    /// Every shipment made for this sales order.
    fn shipments_of_order(&mut self, order: &str) -> Result<Vec<Shipment>>;
    /// Every shipment with at least one line from this lot.
    fn shipments_of_lot(&mut self, lot: &str) -> Result<Vec<Shipment>>;
    /// Every shipment.
    fn shipments(&mut self) -> Result<Vec<Shipment>>;

    /// Appends a genealogy edge: an MO consumed `from_lot` to make `to_lot`.
    fn put_trace_edge(&mut self, edge: &TraceEdge) -> Result<()>;
    /// The edges whose input is this lot (what it went into).
    fn edges_from(&mut self, lot: &str) -> Result<Vec<TraceEdge>>;
    /// The edges whose output is this lot (what it was made from).
    fn edges_to(&mut self, lot: &str) -> Result<Vec<TraceEdge>>;
    /// Every genealogy edge, in the order they were appended.
    fn trace_edges(&mut self) -> Result<Vec<TraceEdge>>;

    /// Appends an event; its `seq` must be the last one plus one. The
    /// event is handed over: a backend that keeps it keeps it as is.
    fn append_event(&mut self, event: Event) -> Result<()>;
    /// The highest event sequence (0 when none).
    fn last_event_seq(&mut self) -> Result<u64>;
    /// The `seq` to give the next event this transaction appends. A backend
    /// that numbers events once their command has committed (Postgres)
    /// answers a provisional number without asking the database.
    fn next_event_seq(&mut self) -> Result<u64> {
        Ok(self.last_event_seq()? + 1)
    }
    /// Up to `limit` events with `seq > after`, in order.
    fn events_after(&mut self, after: u64, limit: usize) -> Result<Vec<Event>>;
    /// A consumer's acknowledged position (0 when new).
    fn cursor(&mut self, consumer: &str) -> Result<u64>;
    /// Stores a consumer's acknowledged position (the last event seq it processed).
    fn set_cursor(&mut self, consumer: &str, seq: u64) -> Result<()>;

    /// A generic record of `kind` (e.g. `work_center`, `purchase_order`) by
    /// key, for entities without a table of their own.
    fn doc(&mut self, kind: &str, key: &str) -> Result<Option<serde_json::Value>>;
    /// Inserts the record of `kind` under `key`, or replaces it.
    fn put_doc(&mut self, kind: &str, key: &str, value: &serde_json::Value) -> Result<()>;
    /// Removes the record of `kind` under `key` (a no-op when there is none).
    fn delete_doc(&mut self, kind: &str, key: &str) -> Result<()>;
    /// Every record of a kind, ordered by key.
    fn docs(&mut self, kind: &str) -> Result<Vec<(String, serde_json::Value)>>;
    /// Whether any record of a kind exists, without copying them out
    /// (planning asks on every confirm whether any work center is defined).
    fn has_docs(&mut self, kind: &str) -> Result<bool> {
        Ok(!self.docs(kind)?.is_empty())
    }
    /// The records of a kind whose key starts with `prefix`, ordered by
    /// key: what an index of records by owner (`"{owner} {id}"` keys) is
    /// read with. The default filters [`Tx::docs`]; a backend should seek
    /// the prefix's key range.
    fn docs_with_prefix(
        &mut self,
        kind: &str,
        prefix: &str,
    ) -> Result<Vec<(String, serde_json::Value)>> {
        let mut docs = self.docs(kind)?;
        docs.retain(|(key, _)| key.starts_with(prefix));
        Ok(docs)
    }

    /// What an index of records by owner files under `prefix` (keys
    /// `"{owner} {id}"`, the prefix being `"{owner} "`), ordered by key:
    /// each entry's id and the record of `record_kind` under that id, if
    /// there is one. The default reads the entries, then each record; a
    /// backend should join the two in one query.
    fn indexed_docs(
        &mut self,
        index: &str,
        prefix: &str,
        record_kind: &str,
    ) -> Result<Vec<(String, Option<serde_json::Value>)>> {
        indexed_docs_one_by_one(self, index, prefix, record_kind)
    }

    /// Says the transaction will soon call [`Tx::indexed_docs`] with these
    /// arguments, so a backend that sends reads in batches may send this
    /// one with its next batch instead of in a round trip of its own. Only
    /// a hint: every read answers the same with it or without it.
    fn foresee_indexed_docs(&mut self, index: &str, prefix: &str, record_kind: &str) {
        let _ = (index, prefix, record_kind);
    }

    /// Locks one customer identity (`"email:…"`, `"channel:…"`, `"id:…"`)
    /// until the transaction ends, so commands placing orders side by side
    /// neither create one customer twice nor lose each other's updates to a
    /// record. Holding such a lock lets a [`TxMode::Concurrent`]
    /// transaction write customer records. A backend whose writers run one
    /// at a time has nothing to lock.
    fn lock_customer(&mut self, key: &str) -> Result<()> {
        let _ = key;
        Ok(())
    }
    /// Every record of every kind as (kind, key, value), ordered.
    fn all_docs(&mut self) -> Result<Vec<(String, String, serde_json::Value)>>;

    /// Makes the transaction's writes permanent.
    fn commit(self: Box<Self>) -> Result<()>;

    /// Called before a command reports an error it reached from this
    /// transaction's reads: a retryable [`Error::Conflict`](crate::Error::Conflict) if those reads
    /// may have been stale (a backend that began from what it last knew,
    /// before asking the database), so the command runs again instead.
    fn recheck(&mut self) -> Result<()> {
        Ok(())
    }
}
