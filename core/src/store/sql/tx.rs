//! Every [`Tx`] method as SQL over the shared schema
//! (`store/migrations/{sqlite,postgres}`), for any [`SqlConn`].

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

mod catalog;
mod foresee;
mod free;
mod lots;
mod mos;
mod prefetch;
mod records;
mod reservations;
mod run;

use super::cache::{Catalog, OrderCache, StockCache};
use super::guard::Guard;
use super::Param::{Int, Text};
use super::{clamp_i64, parse_dec, to_i64, to_json, to_u64, ts_text, HeldBack, LockSpace, SqlConn};
use crate::domain::catalog::Item;
use crate::domain::event::Event;
use crate::domain::ledger::{Balance, Movement};
use crate::domain::location::{Location, LocationKind};
use crate::domain::lot::Lot;
use crate::domain::order::{OrderStatus, SalesOrder};
use crate::domain::production::{ManufacturingOrder, MoStatus};
use crate::domain::recipe::Recipe;
use crate::domain::reservation::{Demand, Reservation};
use crate::domain::shipment::Shipment;
use crate::domain::trace::TraceEdge;
use crate::error::{Error, Result};
use crate::store::{Tx, TxMode};

/// A transaction of a SQL backend: the store logic over a connection that
/// runs statements. Dropped uncommitted, the connection rolls back.
///
/// A command reads the same few catalog rows and the event sequence again
/// and again; they are kept for the life of the transaction (never beyond:
/// other processes write between transactions) and updated by its writes.
///
/// Events are held back until commit and numbered then
/// ([`SqlConn::claim_event_seqs`]), so concurrent commands take the event
/// sequence only for the moment they commit.
pub(crate) struct SqlTx<C: SqlConn> {
    conn: C,
    guard: Guard,
    catalog: Catalog,
    /// This transaction has changed the catalog (so teaches the shared copy nothing).
    catalog_written: bool,
    orders: OrderCache,
    /// What a concurrent transaction read with the SKUs it locked.
    stock: StockCache,
    /// The highest stored event sequence when first asked.
    last_event: Option<u64>,
    /// Events appended by this transaction, numbered provisionally after `last_event`.
    pending_events: Vec<Event>,
    /// Orders written by this transaction and not yet sent, by id.
    pending_orders: BTreeMap<String, SalesOrder>,
    /// Reservations written by this transaction and not yet sent, by id.
    pending_reservations: BTreeMap<u64, Reservation>,
    /// Records written (`Some` JSON) or deleted (`None`) by this transaction
    /// and not yet sent, by kind and key.
    pending_docs: BTreeMap<(String, String), Option<String>>,
    /// Lots read or written by this transaction, by code (`None`: none such).
    known_lots: HashMap<String, Option<Lot>>,
    /// Batches written by this transaction and not yet sent, by id.
    pending_mos: BTreeMap<String, ManufacturingOrder>,
    /// What the link rows of batches this transaction read or wrote hold.
    mo_links: HashMap<String, mos::MoLinks>,
    /// Reads the command said it will make, and those read ahead.
    foreseen: foresee::Foreseen,
    /// Reservation ids this transaction took and has not yet written.
    fresh_reservations: HashSet<u64>,
    /// Ids taken ahead by counter, in the round trip of the read that
    /// precedes their use (see `tx/prefetch.rs`).
    spare_ids: HashMap<&'static str, u64>,
}

impl<C: SqlConn> SqlTx<C> {
    /// A transaction on `conn`, already begun in `mode`.
    pub(crate) fn new(conn: C, mode: TxMode) -> Self {
        SqlTx {
            guard: Guard::new(mode),
            catalog: conn
                .shared_catalog()
                .map(|(shared, version)| shared.seed(version))
                .unwrap_or_default(),
            catalog_written: false,
            orders: OrderCache::default(),
            stock: StockCache::default(),
            last_event: None,
            pending_events: Vec::new(),
            pending_orders: BTreeMap::new(),
            pending_reservations: BTreeMap::new(),
            pending_docs: BTreeMap::new(),
            known_lots: HashMap::new(),
            pending_mos: BTreeMap::new(),
            mo_links: HashMap::new(),
            foreseen: foresee::Foreseen::default(),
            fresh_reservations: HashSet::new(),
            spare_ids: HashMap::new(),
            conn,
        }
    }
}

impl<C: SqlConn> Tx for SqlTx<C> {
    fn next_id(&mut self, counter: &str) -> Result<u64> {
        self.guard.writable()?;
        if !matches!(counter, "order" | "reservation" | "customer") {
            // Before taking the id, so a command run again alone does not
            // leave a visible gap in MO, lot or shipment numbers. (A new
            // order's customer is created beside other orders; a retry
            // reuses the ids its first attempt took.)
            self.guard.exclusive(&format!("a new {counter} id"))?;
        }
        let n = match self.spare_ids.remove(counter) {
            Some(n) => n,
            None => to_u64("counters", self.conn.next_id(counter)?)?,
        };
        if counter == "reservation" {
            self.fresh_reservations.insert(n);
        }
        Ok(n)
    }

    fn item(&mut self, sku: &str) -> Result<Option<Item>> {
        self.read_item(sku)
    }
    fn put_item(&mut self, item: &Item) -> Result<()> {
        self.write_item(item)
    }
    fn items(&mut self) -> Result<Vec<Item>> {
        self.read_items()
    }

    fn recipe(&mut self, product: &str) -> Result<Option<Recipe>> {
        self.read_recipe(product)
    }
    fn recipe_version(&mut self, product: &str, version: u32) -> Result<Option<Recipe>> {
        self.read_recipe_version(product, version)
    }
    fn put_recipe(&mut self, recipe: &Recipe) -> Result<()> {
        self.write_recipe(recipe)
    }
    fn recipes(&mut self) -> Result<Vec<Recipe>> {
        self.read_recipes()
    }

    fn location(&mut self, code: &str) -> Result<Option<Location>> {
        self.read_location(code)
    }
    fn put_location(&mut self, location: &Location) -> Result<()> {
        self.write_location(location)
    }
    fn locations(&mut self) -> Result<Vec<Location>> {
        self.read_locations()
    }

    fn lot(&mut self, code: &str) -> Result<Option<Lot>> {
        self.read_lot(code)
    }
    fn put_lot(&mut self, lot: &Lot) -> Result<()> {
        self.write_lot(lot)
    }
    fn lots_of_item(&mut self, sku: &str) -> Result<Vec<Lot>> {
        self.many(
            "lots",
            "SELECT data FROM lots WHERE sku = $1 ORDER BY code",
            &[Text(sku)],
        )
    }
    fn lots(&mut self) -> Result<Vec<Lot>> {
        self.many("lots", "SELECT data FROM lots ORDER BY code", &[])
    }

    fn append_movement(&mut self, m: Movement) -> Result<()> {
        self.guard.exclusive("moving stock")?;
        self.put(
            "INSERT INTO movements (seq, sku, lot, data) VALUES ($1, $2, $3, $4)",
            &[
                Int(to_i64("seq", m.seq)?),
                Text(&m.sku),
                Text(&m.lot),
                Text(&to_json(&m)?),
            ],
        )?;
        self.add_balance(&m.sku, &m.lot, &m.from, -m.qty)?;
        self.add_balance(&m.sku, &m.lot, &m.to, m.qty)
    }
    fn movements(&mut self) -> Result<Vec<Movement>> {
        self.many("movements", "SELECT data FROM movements ORDER BY seq", &[])
    }
    fn balance(&mut self, sku: &str, lot: &str, location: &str) -> Result<Decimal> {
        let rows = self.conn.rows(
            "SELECT qty FROM balances WHERE sku = $1 AND lot = $2 AND location = $3",
            &[Text(sku), Text(lot), Text(location)],
            1,
        )?;
        match rows.into_iter().next().and_then(|r| r.into_iter().next()) {
            Some(qty) => parse_dec("balances", &qty),
            None => Ok(Decimal::ZERO),
        }
    }
    fn balances_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        self.balance_rows(prefetch::BALANCES_OF_ITEM, &[Text(sku)])
    }
    fn stock_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        self.balances_at_kinds(sku, |k| k == LocationKind::Internal)
    }
    fn held_stock_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        self.balances_at_kinds(sku, LocationKind::holds_stock)
    }
    fn free_stock_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        self.read_free_stock_of_item(sku)
    }
    fn balances_of_lot(&mut self, lot: &str) -> Result<Vec<Balance>> {
        self.balance_rows(
            "SELECT sku, lot, location, qty FROM balances WHERE lot = $1
             ORDER BY sku, lot, location",
            &[Text(lot)],
        )
    }
    fn balances(&mut self) -> Result<Vec<Balance>> {
        self.balance_rows(
            "SELECT sku, lot, location, qty FROM balances ORDER BY sku, lot, location",
            &[],
        )
    }

    fn put_reservation(&mut self, r: &Reservation) -> Result<()> {
        self.hold_reservation(r)
    }
    fn delete_reservation(&mut self, id: u64) -> Result<()> {
        self.release_reservation(id)
    }
    fn reservations_of_item(&mut self, sku: &str) -> Result<Vec<Reservation>> {
        self.read_reservations_of_item(sku)
    }
    fn reserved_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        self.read_reserved_of_item(sku)
    }
    fn reserved_of_lot(&mut self, sku: &str, lot: &str) -> Result<Vec<Balance>> {
        self.read_reserved_of_lot(sku, lot)
    }
    fn reservations_for(&mut self, demand: &Demand) -> Result<Vec<Reservation>> {
        self.read_reservations_for(demand)
    }
    fn reservations_of_order(&mut self, order: &str) -> Result<Vec<Reservation>> {
        self.read_reservations_of_order(order)
    }
    fn reservations(&mut self) -> Result<Vec<Reservation>> {
        self.read_all_reservations()
    }

    fn order(&mut self, id: &str) -> Result<Option<SalesOrder>> {
        if let Some(order) = self.orders.order(id) {
            return Ok(order);
        }
        self.read_order(id)
    }
    fn order_by_external(
        &mut self,
        channel: &str,
        external_ref: &str,
    ) -> Result<Option<SalesOrder>> {
        self.read_order_by_external(channel, external_ref)
    }
    fn put_order(&mut self, order: SalesOrder) -> Result<()> {
        // No lock here: a concurrent command writes only an order it read
        // (and so locked, see `order`) or a new one, whose id is fresh from
        // a sequence; the upsert itself locks an existing row. The write is
        // held back to commit (a command often writes its order twice), and
        // made before any query that could read it from the table.
        self.guard.writable()?;
        self.orders.keep_order(&order.id, Some(order.clone()));
        self.pending_orders.insert(order.id.clone(), order);
        Ok(())
    }
    fn put_new_order(&mut self, order: SalesOrder) -> Result<()> {
        let id = order.id.clone();
        self.put_order(order)?;
        self.orders.keep_reservations_of_order(&id, Vec::new());
        self.orders.keep_mos_for_order(&id, Vec::new());
        self.guard.took(LockSpace::Order, &id);
        Ok(())
    }
    fn orders_with_status(&mut self, status: OrderStatus) -> Result<Vec<SalesOrder>> {
        self.guard.exclusive("listing orders by status")?;
        self.flush_orders()?;
        self.many(
            "orders",
            "SELECT data FROM orders WHERE status = $1 ORDER BY id",
            &[Text(status.as_str())],
        )
    }
    fn orders_awaiting(
        &mut self,
        sku: &str,
        after: Option<(DateTime<Utc>, &str)>,
        limit: usize,
    ) -> Result<Vec<SalesOrder>> {
        self.guard.exclusive("listing orders waiting for stock")?;
        self.flush_orders()?;
        // `order_waiting` is kept by triggers on `orders` (schema 7 on
        // SQLite, 8 on Postgres); placing times are fixed-width text, so
        // they sort as times.
        let (at, id) = after.map_or((String::new(), ""), |(at, id)| (ts_text(at), id));
        // Every bound LIMIT here is cast: SQLite plans a bare `LIMIT $n`
        // with the value bound, so it would parse and plan the statement
        // again on each call; behind a cast it keeps one plan.
        self.many(
            "orders",
            "SELECT o.data FROM order_waiting w JOIN orders o ON o.id = w.order_id
             WHERE w.sku = $1 AND (w.placed_at > $2 OR (w.placed_at = $2 AND w.order_id > $3))
             ORDER BY w.placed_at, w.order_id LIMIT CAST($4 AS BIGINT)",
            &[Text(sku), Text(&at), Text(id), Int(clamp_i64(limit as u64))],
        )
    }
    fn orders(&mut self) -> Result<Vec<SalesOrder>> {
        self.guard.exclusive("listing every order")?;
        self.flush_orders()?;
        self.many("orders", "SELECT data FROM orders ORDER BY id", &[])
    }

    fn mo(&mut self, id: &str) -> Result<Option<ManufacturingOrder>> {
        self.read_mo(id)
    }
    fn put_mo(&mut self, mo: ManufacturingOrder) -> Result<()> {
        self.hold_mo(mo)
    }
    fn mos_with_status(&mut self, status: MoStatus) -> Result<Vec<ManufacturingOrder>> {
        self.flush_mos()?;
        let mos = self.many(
            "mos",
            "SELECT data FROM mos WHERE status = $1 ORDER BY id",
            &[Text(status.as_str())],
        )?;
        self.saw_stored_mos(&mos, false);
        Ok(mos)
    }
    fn mos_awaiting(
        &mut self,
        sku: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ManufacturingOrder>> {
        self.flush_mos()?;
        // `mo_waiting` is kept by triggers on `mos`.
        let mos = self.many(
            "mos",
            "SELECT m.data FROM mo_waiting w JOIN mos m ON m.id = w.mo
             WHERE w.sku = $1 AND w.mo > $2 ORDER BY w.mo LIMIT CAST($3 AS BIGINT)",
            &[
                Text(sku),
                Text(after.unwrap_or("")),
                Int(clamp_i64(limit as u64)),
            ],
        )?;
        self.saw_stored_mos(&mos, false);
        Ok(mos)
    }
    fn mos_with_free_output(&mut self, product: &str) -> Result<Vec<ManufacturingOrder>> {
        self.flush_mos()?;
        let mut mos: Vec<ManufacturingOrder> = self.many(
            "mos",
            "SELECT m.data FROM mo_free_output f JOIN mos m ON m.id = f.mo
             WHERE f.product = $1 ORDER BY m.id",
            &[Text(product)],
        )?;
        self.saw_stored_mos(&mos, true);
        // Rows backfilled by the migration may name a batch that is full.
        mos.retain(ManufacturingOrder::has_free_output);
        Ok(mos)
    }
    fn mos_for_order(&mut self, order: &str) -> Result<Vec<ManufacturingOrder>> {
        if let Some(mos) = self.orders.mos_for_order(order) {
            return Ok(mos);
        }
        self.flush_mos()?;
        let mos: Vec<ManufacturingOrder> =
            self.many("mos", prefetch::MOS_FOR_ORDER, &[Text(order)])?;
        self.saw_stored_mos(&mos, false);
        self.orders.keep_mos_for_order(order, mos.clone());
        Ok(mos)
    }
    fn mos(&mut self) -> Result<Vec<ManufacturingOrder>> {
        self.flush_mos()?;
        let mos = self.many("mos", "SELECT data FROM mos ORDER BY id", &[])?;
        self.saw_stored_mos(&mos, false);
        Ok(mos)
    }

    fn put_shipment(&mut self, shipment: &Shipment) -> Result<()> {
        self.guard.exclusive("shipping")?;
        self.put(
            "INSERT INTO shipments (id, order_id, data) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET order_id = excluded.order_id, data = excluded.data",
            &[
                Text(&shipment.id),
                Text(&shipment.order),
                Text(&to_json(shipment)?),
            ],
        )?;
        self.put(
            "DELETE FROM shipment_lots WHERE shipment = $1",
            &[Text(&shipment.id)],
        )?;
        for line in &shipment.lines {
            self.put(
                "INSERT INTO shipment_lots (lot, shipment) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[Text(&line.lot), Text(&shipment.id)],
            )?;
        }
        Ok(())
    }
    fn shipments_of_order(&mut self, order: &str) -> Result<Vec<Shipment>> {
        self.many(
            "shipments",
            "SELECT data FROM shipments WHERE order_id = $1 ORDER BY id",
            &[Text(order)],
        )
    }
    fn shipments_of_lot(&mut self, lot: &str) -> Result<Vec<Shipment>> {
        self.many(
            "shipments",
            "SELECT s.data FROM shipment_lots l JOIN shipments s ON s.id = l.shipment
             WHERE l.lot = $1 ORDER BY s.id",
            &[Text(lot)],
        )
    }
    fn shipments(&mut self) -> Result<Vec<Shipment>> {
        self.many("shipments", "SELECT data FROM shipments ORDER BY id", &[])
    }

    fn put_trace_edge(&mut self, edge: &TraceEdge) -> Result<()> {
        self.guard.exclusive("recording genealogy")?;
        self.put(
            "INSERT INTO trace_edges (from_lot, to_lot, data) VALUES ($1, $2, $3)",
            &[
                Text(&edge.from_lot),
                Text(&edge.to_lot),
                Text(&to_json(edge)?),
            ],
        )
    }
    fn edges_from(&mut self, lot: &str) -> Result<Vec<TraceEdge>> {
        self.many(
            "trace_edges",
            "SELECT data FROM trace_edges WHERE from_lot = $1 ORDER BY id",
            &[Text(lot)],
        )
    }
    fn edges_to(&mut self, lot: &str) -> Result<Vec<TraceEdge>> {
        self.many(
            "trace_edges",
            "SELECT data FROM trace_edges WHERE to_lot = $1 ORDER BY id",
            &[Text(lot)],
        )
    }
    fn trace_edges(&mut self) -> Result<Vec<TraceEdge>> {
        self.many(
            "trace_edges",
            "SELECT data FROM trace_edges ORDER BY id",
            &[],
        )
    }

    fn append_event(&mut self, event: Event) -> Result<()> {
        self.guard.writable()?;
        let last = self.provisional_last_event()?;
        if event.seq != last + 1 {
            return Err(Error::Internal {
                reason: format!("event seq {} after {}", event.seq, last),
            });
        }
        self.pending_events.push(event);
        Ok(())
    }
    fn last_event_seq(&mut self) -> Result<u64> {
        let pending = u64::try_from(self.pending_events.len()).unwrap_or(u64::MAX);
        if let Some(last) = self.last_event {
            return Ok(last + pending);
        }
        let last = to_u64("events", self.conn.last_stored_event()?)?;
        self.last_event = Some(last);
        Ok(last + pending)
    }
    fn next_event_seq(&mut self) -> Result<u64> {
        Ok(self.provisional_last_event()? + 1)
    }
    fn events_after(&mut self, after: u64, limit: usize) -> Result<Vec<Event>> {
        // This transaction's own events are part of what it reads.
        self.flush_events()?;
        let limit = clamp_i64(u64::try_from(limit).unwrap_or(u64::MAX));
        self.many(
            "events",
            "SELECT data FROM events WHERE seq > $1 ORDER BY seq LIMIT CAST($2 AS BIGINT)",
            &[Int(clamp_i64(after)), Int(limit)],
        )
    }
    fn cursor(&mut self, consumer: &str) -> Result<u64> {
        let seq = self.conn.int(
            "SELECT seq FROM cursors WHERE consumer = $1",
            &[Text(consumer)],
        )?;
        to_u64("cursors", seq.unwrap_or(0))
    }
    fn set_cursor(&mut self, consumer: &str, seq: u64) -> Result<()> {
        self.guard.exclusive("acknowledging events")?;
        self.put(
            "INSERT INTO cursors (consumer, seq) VALUES ($1, $2)
             ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq",
            &[Text(consumer), Int(to_i64("seq", seq)?)],
        )
    }

    fn doc(&mut self, kind: &str, key: &str) -> Result<Option<serde_json::Value>> {
        self.read_doc(kind, key)
    }
    fn put_doc(&mut self, kind: &str, key: &str, value: &serde_json::Value) -> Result<()> {
        self.write_doc(kind, key, value)
    }
    fn delete_doc(&mut self, kind: &str, key: &str) -> Result<()> {
        self.remove_doc(kind, key)
    }
    fn docs(&mut self, kind: &str) -> Result<Vec<(String, serde_json::Value)>> {
        self.read_docs(kind)
    }
    fn has_docs(&mut self, kind: &str) -> Result<bool> {
        self.read_has_docs(kind)
    }
    fn docs_with_prefix(
        &mut self,
        kind: &str,
        prefix: &str,
    ) -> Result<Vec<(String, serde_json::Value)>> {
        self.read_docs_with_prefix(kind, prefix)
    }
    fn indexed_docs(
        &mut self,
        index: &str,
        prefix: &str,
        record_kind: &str,
    ) -> Result<Vec<(String, Option<serde_json::Value>)>> {
        self.read_indexed_docs(index, prefix, record_kind)
    }
    fn foresee_indexed_docs(&mut self, index: &str, prefix: &str, record_kind: &str) {
        self.foreseen.want(index, prefix, record_kind);
    }
    fn lock_customer(&mut self, key: &str) -> Result<()> {
        self.foreseen.forget();
        self.guard.lock(&mut self.conn, LockSpace::Customer, key)
    }
    fn all_docs(&mut self) -> Result<Vec<(String, String, serde_json::Value)>> {
        self.read_all_docs()
    }

    fn recheck(&mut self) -> Result<()> {
        self.conn.recheck()
    }
    fn commit(mut self: Box<Self>) -> Result<()> {
        self.flush_mos()?;
        let held = HeldBack {
            reservations: self.take_pending_reservations(),
            orders: self.take_pending_orders(),
            events: std::mem::take(&mut self.pending_events),
            docs: std::mem::take(&mut self.pending_docs).into_iter().collect(),
        };
        self.conn.commit_with(&held)
    }
}
