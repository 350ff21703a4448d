//! The in-memory backend: plain ordered maps behind a mutex. It is the
//! reference the other backends are tested against, and the fastest.
//!
//! A write transaction keeps an undo log; dropping it uncommitted (an error,
//! or a panic unwinding through the engine) replays the log backwards.

use std::ops::Bound;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use compact_str::CompactString;
use rust_decimal::Decimal;

#[cfg(test)]
mod audit;
mod index;
mod packed;
mod state;
mod undo;

use index::{balances_in, edges_at, free_of_item, prefix, to_balance};
use packed::Stored;
use state::{DemandKey, Records, State};
use undo::Undo;

use super::{FreeLot, Store, Tx, TxMode};
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
use crate::error::{Error, Result};

/// How the maps key records: ids, SKUs, lot and location codes. Ids up to
/// 24 bytes (every id lotwise makes, and most codes) sit inside the key, so
/// comparing two keys in a B-tree node reads no other memory and copying one
/// allocates nothing: with tens of thousands of orders, a lookup no longer
/// costs a cache miss per key it passes.
type Key = CompactString;

/// Every record of a hashed map, in the order of their keys (what the
/// listings return on every backend).
fn sorted_by_key<V: Stored>(map: &Records<V>) -> Vec<V::Record> {
    let mut all: Vec<(&Key, &Box<V>)> = map.iter().collect();
    all.sort_unstable_by(|a, b| a.0.cmp(b.0));
    all.into_iter().map(|(_, v)| v.unpack()).collect()
}

/// The record stored under `id`.
fn record<V: Stored>(map: &Records<V>, id: &str) -> Option<V::Record> {
    map.get(id).map(|v| v.unpack())
}

/// A key as the domain's `String`. Copied as a `str`: `Key::to_string`
/// goes through the formatting machinery, several times the work.
fn text(key: &Key) -> String {
    key.as_str().to_owned()
}

/// A key from a borrowed string.
fn key(s: &str) -> Key {
    Key::new(s)
}

/// The in-memory store. `Lotwise::open(":memory:")` uses it.
#[derive(Default)]
pub struct MemoryStore {
    state: Mutex<State>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

/// Every store a unit test makes checks, as it goes, that its indexes
/// say what its records say (see `memory/audit.rs`).
#[cfg(test)]
impl Drop for MemoryStore {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
            audit::assert_indexes_match(&state);
        }
    }
}

impl Store for MemoryStore {
    fn begin(&self, mode: TxMode) -> Result<Box<dyn Tx + '_>> {
        // A panic inside a transaction rolls back in `Drop` before the lock is
        // released, so a poisoned lock still guards consistent state.
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // The log's buffer the last transaction handed back.
        let undo = std::mem::take(&mut state.spare_log);
        Ok(Box::new(MemoryTx {
            state,
            undo,
            mode,
            committed: false,
        }))
    }

    fn backend(&self) -> &'static str {
        "memory"
    }

    fn concurrent_writes(&self) -> bool {
        false
    }
}

struct MemoryTx<'a> {
    state: MutexGuard<'a, State>,
    undo: Vec<Undo>,
    mode: TxMode,
    committed: bool,
}

impl Drop for MemoryTx<'_> {
    fn drop(&mut self) {
        self.close_log(self.committed);
    }
}

impl MemoryTx<'_> {
    fn writable(&self) -> Result<()> {
        match self.mode {
            TxMode::Write | TxMode::Concurrent => Ok(()),
            TxMode::Read => Err(Error::Internal {
                reason: "write in a read transaction".into(),
            }),
        }
    }
}

impl Tx for MemoryTx<'_> {
    fn next_id(&mut self, counter: &str) -> Result<u64> {
        let next = self.state.counters.get(counter).copied().unwrap_or(0) + 1;
        self.set(|s| &mut s.counters, key(counter), Some(next))?;
        Ok(next)
    }

    fn item(&mut self, sku: &str) -> Result<Option<Item>> {
        Ok(self.state.items.get(sku).cloned())
    }
    fn put_item(&mut self, item: &Item) -> Result<()> {
        self.set(|s| &mut s.items, key(&item.sku), Some(item.clone()))
    }
    fn items(&mut self) -> Result<Vec<Item>> {
        Ok(self.state.items.values().cloned().collect())
    }

    fn recipe(&mut self, product: &str) -> Result<Option<Recipe>> {
        let range = (key(product), 0)..=(key(product), u32::MAX);
        Ok(self
            .state
            .recipes
            .range(range)
            .next_back()
            .map(|(_, r)| r.clone()))
    }
    fn recipe_version(&mut self, product: &str, version: u32) -> Result<Option<Recipe>> {
        Ok(self.state.recipes.get(&(key(product), version)).cloned())
    }
    fn put_recipe(&mut self, recipe: &Recipe) -> Result<()> {
        self.set(
            |s| &mut s.recipes,
            (key(&recipe.product), recipe.version),
            Some(recipe.clone()),
        )
    }
    fn recipes(&mut self) -> Result<Vec<Recipe>> {
        Ok(self.state.recipes.values().cloned().collect())
    }

    fn location(&mut self, code: &str) -> Result<Option<Location>> {
        Ok(self.state.locations.get(code).cloned())
    }
    fn location_kind(&mut self, code: &str) -> Result<Option<LocationKind>> {
        Ok(self.state.locations.get(code).map(|l| l.kind))
    }
    fn put_location(&mut self, location: &Location) -> Result<()> {
        self.set(
            |s| &mut s.locations,
            key(&location.code),
            Some(location.clone()),
        )
    }
    fn locations(&mut self) -> Result<Vec<Location>> {
        Ok(self.state.locations.values().cloned().collect())
    }

    fn lot(&mut self, code: &str) -> Result<Option<Lot>> {
        Ok(record(&self.state.lots, code))
    }
    fn put_lot(&mut self, lot: &Lot) -> Result<()> {
        // Rewriting a lot (its cost, a hold) mostly keeps its item: the
        // entry in the index by item then stays as it is.
        let filed_under = self
            .state
            .lots
            .get(lot.code.as_str())
            .map(|old| key(&old.sku));
        if filed_under.as_deref() != Some(lot.sku.as_str()) {
            if let Some(sku) = filed_under {
                self.set(|s| &mut s.lots_by_item, (sku, key(&lot.code)), None)?;
            }
            self.set(
                |s| &mut s.lots_by_item,
                (key(&lot.sku), key(&lot.code)),
                Some(()),
            )?;
        }
        let packed = Box::new(packed::PackedLot::of(lot));
        self.set(|s| &mut s.lots, key(&lot.code), Some(packed))
    }
    fn lots_of_item(&mut self, sku: &str) -> Result<Vec<Lot>> {
        let state = &self.state;
        Ok(prefix(&state.lots_by_item, sku)
            .filter_map(|(_, code)| record(&state.lots, code))
            .collect())
    }
    fn lots(&mut self) -> Result<Vec<Lot>> {
        Ok(sorted_by_key(&self.state.lots))
    }

    fn append_movement(&mut self, m: Movement) -> Result<()> {
        self.add_balance(&m.sku, &m.lot, &m.from, -m.qty)?;
        self.add_balance(&m.sku, &m.lot, &m.to, m.qty)?;
        self.push(
            |s| &mut s.movements,
            |s| {
                s.movements.pop();
            },
            m,
        )
    }
    fn movements(&mut self) -> Result<Vec<Movement>> {
        Ok(self.state.movements.clone())
    }
    fn balance(&mut self, sku: &str, lot: &str, location: &str) -> Result<Decimal> {
        let at = (key(sku), key(lot), key(location));
        Ok(self.state.balances.get(&at).copied().unwrap_or_default())
    }
    fn balances_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        // Every balance the item ever had, at the customer and production
        // locations too: the engine never asks (it reads the stock indexes
        // below), so no ordered index of them is kept up to date on every
        // movement; this walks the balances.
        let mut out: Vec<Balance> = self
            .state
            .balances
            .iter()
            .filter(|((s, _, _), _)| s == sku)
            .map(to_balance)
            .collect();
        out.sort_unstable_by(|a, b| (&a.lot, &a.location).cmp(&(&b.lot, &b.location)));
        Ok(out)
    }
    fn stock_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        Ok(balances_in(&self.state, &self.state.stock_by_item, sku))
    }
    fn held_stock_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        let state = &self.state;
        let mut rows = balances_in(state, &state.stock_by_item, sku);
        rows.extend(balances_in(state, &state.held_aside_by_item, sku));
        rows.sort_by(|a, b| (&a.lot, &a.location).cmp(&(&b.lot, &b.location)));
        Ok(rows)
    }
    fn free_stock_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        Ok(free_of_item(&self.state, sku)
            .map(|(at, free)| to_balance((at, &free)))
            .collect())
    }
    fn free_lots_of_item(&mut self, sku: &str) -> Result<Vec<FreeLot>> {
        let state = &self.state;
        Ok(free_of_item(state, sku)
            .filter_map(|((_, lot, location), free)| {
                let record = state.lots.get(lot).filter(|l| l.sku == sku)?;
                Some(record.free_at(location, free))
            })
            .collect())
    }
    fn balances_of_lot(&mut self, lot: &str) -> Result<Vec<Balance>> {
        let state = &self.state;
        let from = (key(lot), Key::default(), Key::default());
        let mut out: Vec<Balance> = state
            .balances_by_lot
            .range(from..)
            .take_while(|((l, _, _), _)| l == lot)
            .filter_map(|((l, sku, location), _)| {
                let at = (sku.clone(), l.clone(), location.clone());
                state.balances.get_key_value(&at).map(to_balance)
            })
            .collect();
        // The order a scan of `balances` gave: by SKU, then location.
        out.sort_by(|a, b| (&a.sku, &a.location).cmp(&(&b.sku, &b.location)));
        Ok(out)
    }
    fn balances(&mut self) -> Result<Vec<Balance>> {
        let mut out: Vec<Balance> = self.state.balances.iter().map(to_balance).collect();
        out.sort_unstable();
        Ok(out)
    }

    fn put_reservation(&mut self, r: &Reservation) -> Result<()> {
        self.unindex_reservation(r.id)?;
        self.index_reservation(r)?;
        let packed = packed::PackedReservation::of(r);
        self.set(|s| &mut s.reservations, r.id, Some(packed))
    }
    fn delete_reservation(&mut self, id: u64) -> Result<()> {
        self.unindex_reservation(id)?;
        self.set(|s| &mut s.reservations, id, None)
    }
    fn reservations_of_item(&mut self, sku: &str) -> Result<Vec<Reservation>> {
        // The open reservations, walked (see `State::reservations`).
        let state = &self.state;
        let of_item = state.reservations.iter().filter(|(_, r)| r.sku == sku);
        Ok(of_item.map(|(id, r)| r.unpack(*id)).collect())
    }
    fn reserved_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        let from = (key(sku), Key::default(), Key::default());
        Ok(self
            .state
            .reserved_totals
            .range(from..)
            .take_while(|((s, _, _), _)| s == sku)
            .map(to_balance)
            .collect())
    }
    fn reserved_of_lot(&mut self, sku: &str, lot: &str) -> Result<Vec<Balance>> {
        let from = (key(sku), key(lot), Key::default());
        Ok(self
            .state
            .reserved_totals
            .range(from..)
            .take_while(|((s, l, _), _)| s == sku && l == lot)
            .map(to_balance)
            .collect())
    }
    fn reservations_for(&mut self, demand: &Demand) -> Result<Vec<Reservation>> {
        let demand = DemandKey::from(demand);
        let range = (demand.clone(), 0)..=(demand, u64::MAX);
        let ids: Vec<u64> = self
            .state
            .reservations_by_demand
            .range(range)
            .map(|((_, id), _)| *id)
            .collect();
        Ok(self.reservations_by_ids(&ids))
    }
    fn reservations_of_order(&mut self, order: &str) -> Result<Vec<Reservation>> {
        let line = |line| DemandKey::OrderLine(key(order), line);
        let range = (line(0), 0)..=(line(u32::MAX), u64::MAX);
        let mut ids: Vec<u64> = self
            .state
            .reservations_by_demand
            .range(range)
            .map(|((_, id), _)| *id)
            .collect();
        ids.sort_unstable();
        Ok(self.reservations_by_ids(&ids))
    }
    fn reservations(&mut self) -> Result<Vec<Reservation>> {
        let all = self.state.reservations.iter();
        Ok(all.map(|(id, r)| r.unpack(*id)).collect())
    }

    fn order(&mut self, id: &str) -> Result<Option<SalesOrder>> {
        Ok(record(&self.state.orders, id))
    }
    fn order_by_external(
        &mut self,
        channel: &str,
        external_ref: &str,
    ) -> Result<Option<SalesOrder>> {
        let at = (key(channel), key(external_ref));
        Ok(self
            .state
            .external_refs
            .get(&at)
            .and_then(|id| record(&self.state.orders, id)))
    }
    fn put_order(&mut self, order: SalesOrder) -> Result<()> {
        self.index_order(&order)?;
        let packed = Box::new(packed::PackedOrder::of(order));
        self.set(|s| &mut s.orders, packed.id.clone(), Some(packed))
    }
    fn orders_with_status(&mut self, status: OrderStatus) -> Result<Vec<SalesOrder>> {
        let range = (status, Key::default())..(status, key("\u{10FFFF}"));
        let state = &self.state;
        Ok(state
            .orders_by_status
            .range(range)
            .filter_map(|((_, id), _)| record(&state.orders, id))
            .collect())
    }
    fn orders_awaiting(
        &mut self,
        sku: &str,
        after: Option<(DateTime<Utc>, &str)>,
        limit: usize,
    ) -> Result<Vec<SalesOrder>> {
        let sku = key(sku);
        let from = match after {
            Some((at, id)) => Bound::Excluded((sku.clone(), at, key(id))),
            None => Bound::Included((sku.clone(), DateTime::<Utc>::MIN_UTC, Key::default())),
        };
        let state = &self.state;
        Ok(state
            .orders_awaiting
            .range((from, Bound::Unbounded))
            .take_while(|((s, _, _), _)| *s == sku)
            .take(limit)
            .filter_map(|((_, _, id), _)| record(&state.orders, id))
            .collect())
    }
    fn orders(&mut self) -> Result<Vec<SalesOrder>> {
        Ok(sorted_by_key(&self.state.orders))
    }

    fn mo(&mut self, id: &str) -> Result<Option<ManufacturingOrder>> {
        Ok(record(&self.state.mos, id))
    }
    fn put_mo(&mut self, mo: ManufacturingOrder) -> Result<()> {
        self.index_mo(&mo)?;
        let packed = Box::new(packed::PackedMo::of(&mo));
        self.set(|s| &mut s.mos, packed.id.clone(), Some(packed))
    }
    fn mos_with_status(&mut self, status: MoStatus) -> Result<Vec<ManufacturingOrder>> {
        let ids = self
            .state
            .mos_by_status
            .range((status, Key::default())..)
            .take_while(|((s, _), _)| *s == status)
            .map(|((_, id), _)| id);
        Ok(self.mos_by_ids(ids))
    }
    fn mos_with_free_output(&mut self, product: &str) -> Result<Vec<ManufacturingOrder>> {
        let ids = prefix(&self.state.free_output_by_product, product).map(|(_, id)| id);
        Ok(self.mos_by_ids(ids))
    }
    fn mos_awaiting(
        &mut self,
        sku: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ManufacturingOrder>> {
        let sku = key(sku);
        let from = match after {
            Some(id) => Bound::Excluded((sku.clone(), key(id))),
            None => Bound::Included((sku.clone(), Key::default())),
        };
        let ids = self
            .state
            .mos_awaiting
            .range((from, Bound::Unbounded))
            .take_while(|((s, _), _)| *s == sku)
            .take(limit)
            .map(|((_, id), _)| id);
        Ok(self.mos_by_ids(ids))
    }
    fn mos_for_order(&mut self, order: &str) -> Result<Vec<ManufacturingOrder>> {
        Ok(self
            .mos_of_order(order, false)
            .map(|mo| mo.unpack())
            .collect())
    }
    fn open_mos_for_order(&mut self, order: &str) -> Result<Vec<ManufacturingOrder>> {
        Ok(self
            .mos_of_order(order, true)
            .map(|mo| mo.unpack())
            .collect())
    }
    fn open_plans_for_order(&mut self, order: &str) -> Result<Vec<LinePlan>> {
        let open = self.mos_of_order(order, true);
        Ok(open.flat_map(|mo| mo.plans_for(order)).collect())
    }
    fn mos(&mut self) -> Result<Vec<ManufacturingOrder>> {
        Ok(sorted_by_key(&self.state.mos))
    }

    fn put_shipment(&mut self, shipment: &Shipment) -> Result<()> {
        let id = key(&shipment.id);
        if let Some(old) = record(&self.state.shipments, &id) {
            self.set(
                |s| &mut s.shipments_by_order,
                (key(&old.order), id.clone()),
                None,
            )?;
            for line in old.lines {
                self.set(
                    |s| &mut s.shipments_by_lot,
                    (key(&line.lot), id.clone()),
                    None,
                )?;
            }
        }
        self.set(
            |s| &mut s.shipments_by_order,
            (key(&shipment.order), id.clone()),
            Some(()),
        )?;
        for line in &shipment.lines {
            self.set(
                |s| &mut s.shipments_by_lot,
                (key(&line.lot), id.clone()),
                Some(()),
            )?;
        }
        self.set(|s| &mut s.shipments, id, Some(Box::new(shipment.clone())))
    }
    fn shipments_of_order(&mut self, order: &str) -> Result<Vec<Shipment>> {
        let state = &self.state;
        Ok(prefix(&state.shipments_by_order, order)
            .filter_map(|(_, id)| record(&state.shipments, id))
            .collect())
    }
    fn shipments_of_lot(&mut self, lot: &str) -> Result<Vec<Shipment>> {
        let state = &self.state;
        Ok(prefix(&state.shipments_by_lot, lot)
            .filter_map(|(_, id)| record(&state.shipments, id))
            .collect())
    }
    fn shipments(&mut self) -> Result<Vec<Shipment>> {
        Ok(sorted_by_key(&self.state.shipments))
    }

    fn put_trace_edge(&mut self, edge: &TraceEdge) -> Result<()> {
        let at = self.state.edges.len();
        self.file_at(|s| &mut s.edges_from, &edge.from_lot, at)?;
        self.file_at(|s| &mut s.edges_to, &edge.to_lot, at)?;
        self.push(
            |s| &mut s.edges,
            |s| {
                s.edges.pop();
            },
            edge.clone(),
        )
    }
    fn edges_from(&mut self, lot: &str) -> Result<Vec<TraceEdge>> {
        Ok(edges_at(&self.state, &self.state.edges_from, lot))
    }
    fn edges_to(&mut self, lot: &str) -> Result<Vec<TraceEdge>> {
        Ok(edges_at(&self.state, &self.state.edges_to, lot))
    }
    fn trace_edges(&mut self) -> Result<Vec<TraceEdge>> {
        Ok(self.state.edges.clone())
    }

    fn append_event(&mut self, event: Event) -> Result<()> {
        let last = self.state.events.last().map_or(0, |e| e.seq);
        if event.seq != last + 1 {
            return Err(Error::Internal {
                reason: format!("event seq {} after {}", event.seq, last),
            });
        }
        self.push(
            |s| &mut s.events,
            |s| {
                s.events.pop();
            },
            event,
        )
    }
    fn last_event_seq(&mut self) -> Result<u64> {
        Ok(self.state.events.last().map_or(0, |e| e.seq))
    }
    fn events_after(&mut self, after: u64, limit: usize) -> Result<Vec<Event>> {
        // Sequences start at 1 without gaps, so `after` is also an index.
        let start = usize::try_from(after)
            .unwrap_or(usize::MAX)
            .min(self.state.events.len());
        Ok(self.state.events[start..]
            .iter()
            .take(limit)
            .cloned()
            .collect())
    }
    fn cursor(&mut self, consumer: &str) -> Result<u64> {
        Ok(self.state.cursors.get(consumer).copied().unwrap_or(0))
    }
    fn set_cursor(&mut self, consumer: &str, seq: u64) -> Result<()> {
        self.set(|s| &mut s.cursors, key(consumer), Some(seq))
    }

    fn doc(&mut self, kind: &str, name: &str) -> Result<Option<serde_json::Value>> {
        Ok(self.state.docs.get(kind, name).cloned())
    }
    fn put_doc(&mut self, kind: &str, name: &str, value: &serde_json::Value) -> Result<()> {
        self.set(|s| &mut s.docs, (key(kind), key(name)), Some(value.clone()))
    }
    fn delete_doc(&mut self, kind: &str, name: &str) -> Result<()> {
        self.set(|s| &mut s.docs, (key(kind), key(name)), None)
    }
    fn docs(&mut self, kind: &str) -> Result<Vec<(String, serde_json::Value)>> {
        let docs = self.state.docs.of_kind(kind);
        Ok(docs.map(|(k, v)| (text(k), v.clone())).collect())
    }
    fn has_docs(&mut self, kind: &str) -> Result<bool> {
        Ok(self.state.docs.of_kind(kind).next().is_some())
    }
    fn docs_with_prefix(
        &mut self,
        kind: &str,
        prefix: &str,
    ) -> Result<Vec<(String, serde_json::Value)>> {
        let docs = self.state.docs.with_prefix(kind, prefix);
        Ok(docs.map(|(k, v)| (text(k), v.clone())).collect())
    }
    fn all_docs(&mut self) -> Result<Vec<(String, String, serde_json::Value)>> {
        let docs = self.state.docs.iter();
        Ok(docs
            .map(|(kind, k, v)| (text(kind), text(k), v.clone()))
            .collect())
    }

    fn commit(mut self: Box<Self>) -> Result<()> {
        self.committed = true;
        Ok(())
    }
}

#[cfg(test)]
mod conformance {
    crate::store_conformance!(Some(Box::new(super::MemoryStore::new())));
}
