//! The memory store's secondary indexes, kept in step with the records by
//! the writers (every change undo-logged like the data), so a lookup by
//! item, lot, status, order or product costs what it finds, not the history.
//! The helpers at the end read them.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use rust_decimal::Decimal;

use super::packed::PackedMo;
use super::state::{DemandKey, Hashed};
use super::undo::Logged;
use super::{key, record, text, Key, MemoryTx, State};
use crate::domain::ledger::Balance;
use crate::domain::location::LocationKind;
use crate::domain::order::SalesOrder;
use crate::domain::production::{ManufacturingOrder, MoStatus};
use crate::domain::reservation::Reservation;
use crate::domain::trace::TraceEdge;
use crate::error::Result;

impl MemoryTx<'_> {
    /// Adds a reservation about to be stored to the indexes: by demand,
    /// and the reserved total of its (SKU, lot, location).
    pub(super) fn index_reservation(&mut self, r: &Reservation) -> Result<()> {
        self.set(
            |s| &mut s.reservations_by_demand,
            (DemandKey::from(&r.demand), r.id),
            Some(()),
        )?;
        self.add_reserved(&r.sku, &r.lot, &r.location, r.qty)
    }

    /// Takes the stored reservation with this id (if any) out of the indexes.
    pub(super) fn unindex_reservation(&mut self, id: u64) -> Result<()> {
        // What the indexes file it under, not a copy of the whole record.
        let Some(old) = self.state.reservations.get(&id) else {
            return Ok(());
        };
        let (sku, lot, location) = (old.sku.clone(), old.lot.clone(), old.location.clone());
        let (qty, demand) = (old.qty, old.demand.clone());
        self.add_reserved(&sku, &lot, &location, -qty)?;
        self.set(|s| &mut s.reservations_by_demand, (demand, id), None)
    }

    /// Keeps `reserved_totals` summed as reservations come and go, so free
    /// stock costs one row per lot and location rather than one per
    /// reservation (an open batch holds one per material).
    fn add_reserved(&mut self, sku: &str, lot: &str, location: &str, delta: Decimal) -> Result<()> {
        let at = (key(sku), key(lot), key(location));
        let now = self
            .state
            .reserved_totals
            .get(&at)
            .copied()
            .unwrap_or_default()
            + delta;
        let value = if now.is_zero() { None } else { Some(now) };
        self.set(|s| &mut s.reserved_totals, at.clone(), value)?;
        let internal = self.location_kind(location) == Some(LocationKind::Internal);
        self.refile_free(at, internal)
    }

    /// The kind of `location` (`None`: not defined).
    fn location_kind(&self, location: &str) -> Option<LocationKind> {
        self.state.locations.get(location).map(|l| l.kind)
    }

    /// Files (SKU, lot, location) in `free_by_item` when it is at an
    /// internal location with more on hand than reserved, and takes it out
    /// otherwise; writes (and undo-logs) only a change.
    fn refile_free(&mut self, at: (Key, Key, Key), internal: bool) -> Result<()> {
        let state = &self.state;
        let reserved = state.reserved_totals.get(&at).copied().unwrap_or_default();
        let free = internal
            && state
                .balances
                .get(&at)
                .is_some_and(|on_hand| *on_hand > reserved);
        if free != state.free_by_item.contains_key(&at) {
            self.set(|s| &mut s.free_by_item, at, free.then_some(()))?;
        }
        Ok(())
    }

    /// Manufacturing orders by id, in the order given.
    pub(super) fn mos_by_ids<'k>(
        &self,
        ids: impl Iterator<Item = &'k Key>,
    ) -> Vec<ManufacturingOrder> {
        ids.filter_map(|id| record(&self.state.mos, id)).collect()
    }

    /// The batches allocated to `order` (only the open ones with `open`),
    /// by id, each once (one may fill several lines), where they are.
    pub(super) fn mos_of_order(&self, order: &str, open: bool) -> impl Iterator<Item = &PackedMo> {
        let index = if open {
            &self.state.open_mos_by_order
        } else {
            &self.state.mos_by_order
        };
        let ids: BTreeSet<&Key> = prefix(index, order).map(|(_, id)| id).collect();
        ids.into_iter()
            .filter_map(|id| self.state.mos.get(id))
            .map(|mo| &**mo)
    }

    /// Reservations by id, in the order given.
    pub(super) fn reservations_by_ids(&self, ids: &[u64]) -> Vec<Reservation> {
        ids.iter()
            .filter_map(|id| Some(self.state.reservations.get(id)?.unpack(*id)))
            .collect()
    }

    pub(super) fn add_balance(
        &mut self,
        sku: &str,
        lot: &str,
        location: &str,
        delta: Decimal,
    ) -> Result<()> {
        let at = (key(sku), key(lot), key(location));
        let was = self.state.balances.get(&at).copied();
        let now = was.unwrap_or_default() + delta;
        let by_lot = (at.1.clone(), at.0.clone(), at.2.clone());
        let kind = self.location_kind(location);
        let internal = kind == Some(LocationKind::Internal);
        let held_aside = !internal && kind.is_some_and(LocationKind::holds_stock);
        match (was.is_some(), now.is_zero()) {
            (false, false) => {
                self.set(|s| &mut s.balances_by_lot, by_lot, Some(()))?;
                if internal {
                    self.set(|s| &mut s.stock_by_item, at.clone(), Some(()))?;
                }
                if held_aside {
                    self.set(|s| &mut s.held_aside_by_item, at.clone(), Some(()))?;
                }
            }
            (true, true) => {
                self.set(|s| &mut s.balances_by_lot, by_lot, None)?;
                if internal {
                    self.set(|s| &mut s.stock_by_item, at.clone(), None)?;
                }
                if held_aside {
                    self.set(|s| &mut s.held_aside_by_item, at.clone(), None)?;
                }
            }
            _ => {}
        }
        self.set(
            |s| &mut s.balances,
            at.clone(),
            if now.is_zero() { None } else { Some(now) },
        )?;
        if internal {
            self.refile_free(at, true)?;
        }
        Ok(())
    }

    /// Moves an order's index entries (status, external reference, waiting
    /// demand) from its stored version (if any) to `order`. Entries both
    /// versions file stay where they are: most writes keep the status, and
    /// every untouched entry is a B-tree search and an undo record saved.
    pub(super) fn index_order(&mut self, order: &SalesOrder) -> Result<()> {
        let id = key(&order.id);
        let mut filed_status = None;
        if let Some(old) = self.state.orders.get(&id) {
            filed_status = Some(old.status);
            // Filed under another reference before: that one no longer finds it.
            let moved = old.channel != order.channel
                || old.external_ref.as_deref() != order.external_ref.as_deref();
            let old_ref = (old.external_ref.as_ref())
                .filter(|_| moved)
                .map(|ext| (key(&old.channel), key(ext)));
            if old.status != order.status {
                self.set(|s| &mut s.orders_by_status, (old.status, id.clone()), None)?;
            }
            if let Some(at) = old_ref {
                if self.state.external_refs.get(&at) == Some(&id) {
                    self.set(|s| &mut s.external_refs, at, None)?;
                }
            }
        }
        if filed_status != Some(order.status) {
            self.set(
                |s| &mut s.orders_by_status,
                (order.status, id.clone()),
                Some(()),
            )?;
        }
        self.index_waiting_order(order)?;
        if let Some(ext) = &order.external_ref {
            let at = (key(&order.channel), key(ext));
            if self.state.external_refs.get(&at) != Some(&id) {
                self.set(|s| &mut s.external_refs, at, Some(id))?;
            }
        }
        Ok(())
    }

    /// Moves a manufacturing order's index entries from its stored version
    /// (if any) to `mo`, touching only the entries that differ (see
    /// [`MemoryTx::index_order`]): a batch is written several times as it
    /// is planned, reserved and refreshed, mostly without a change to its
    /// status, product or orders.
    pub(super) fn index_mo(&mut self, mo: &ManufacturingOrder) -> Result<()> {
        let id = key(&mo.id);
        let free_output = mo.has_free_output().then(|| key(&mo.product));
        let (filed_status, filed_free, filed_orders) = match self.state.mos.get(&id) {
            Some(old) => (
                Some(old.status),
                old.free_output.then(|| old.product.clone()),
                old.orders(),
            ),
            None => (None, None, BTreeSet::new()),
        };
        let open = |status: Option<MoStatus>, orders: &BTreeSet<Key>| match status {
            Some(s) if s.is_open() => orders.clone(),
            _ => BTreeSet::new(),
        };
        let filed_open = open(filed_status, &filed_orders);
        self.index_waiting_mo(mo)?;
        if filed_status != Some(mo.status) {
            if let Some(status) = filed_status {
                self.set(|s| &mut s.mos_by_status, (status, id.clone()), None)?;
            }
            self.set(|s| &mut s.mos_by_status, (mo.status, id.clone()), Some(()))?;
        }
        if filed_free != free_output {
            if let Some(product) = filed_free {
                let at = (product, id.clone());
                self.set(|s| &mut s.free_output_by_product, at, None)?;
            }
            if let Some(product) = free_output {
                let at = (product, id.clone());
                self.set(|s| &mut s.free_output_by_product, at, Some(()))?;
            }
        }
        let now_orders: BTreeSet<Key> = mo.allocations.iter().map(|a| key(&a.order)).collect();
        let now_open = open(Some(mo.status), &now_orders);
        let pair = |order: Key| (order, id.clone());
        if filed_open != now_open {
            self.refile(
                |s| &mut s.open_mos_by_order,
                filed_open.into_iter().map(pair).collect(),
                now_open.into_iter().map(pair).collect(),
            )?;
        }
        if filed_orders != now_orders {
            self.refile(
                |s| &mut s.mos_by_order,
                filed_orders.into_iter().map(pair).collect(),
                now_orders.into_iter().map(pair).collect(),
            )?;
        }
        Ok(())
    }
}

impl MemoryTx<'_> {
    /// Moves a batch's entries in `mos_awaiting` from its stored version
    /// (if any) to `mo`; most writes change neither, and log nothing.
    fn index_waiting_mo(&mut self, mo: &ManufacturingOrder) -> Result<()> {
        let id = key(&mo.id);
        let filed = |skus: BTreeSet<&str>| -> BTreeSet<(Key, Key)> {
            (skus.into_iter())
                .map(|sku| (key(sku), id.clone()))
                .collect()
        };
        let stored = self.state.mos.get(&id);
        let before = stored.map_or_else(BTreeSet::new, |m| filed(m.awaited_skus()));
        let now = filed(mo.awaited_skus());
        self.refile(|s| &mut s.mos_awaiting, before, now)
    }

    /// Moves an order's entries in `orders_awaiting` from its stored
    /// version (if any) to `order`, the same way.
    fn index_waiting_order(&mut self, order: &SalesOrder) -> Result<()> {
        let id = key(&order.id);
        let filed = |skus: BTreeSet<&str>, placed_at| -> BTreeSet<(Key, DateTime<Utc>, Key)> {
            (skus.into_iter())
                .map(|sku| (key(sku), placed_at, id.clone()))
                .collect()
        };
        let stored = self.state.orders.get(&id);
        let before = stored.map_or_else(BTreeSet::new, |o| filed(o.awaited_skus(), o.placed_at));
        let now = filed(order.awaited_skus(), order.placed_at);
        self.refile(|s| &mut s.orders_awaiting, before, now)
    }

    /// Takes the entries only `before` has out of the index chosen by
    /// `pick` and puts in those only `now` has, undo-logged; entries in
    /// both stay untouched.
    fn refile<K: Ord + Clone>(
        &mut self,
        pick: fn(&mut State) -> &mut BTreeMap<K, ()>,
        before: BTreeSet<K>,
        now: BTreeSet<K>,
    ) -> Result<()>
    where
        BTreeMap<K, ()>: Logged<K, ()>,
    {
        for entry in before.difference(&now) {
            self.set(pick, entry.clone(), None)?;
        }
        for entry in now.difference(&before) {
            self.set(pick, entry.clone(), Some(()))?;
        }
        Ok(())
    }
}

// Reading the indexes.

/// The second halves of the `(first, second)` keys whose first half is `first`.
pub(super) fn prefix<'m>(
    map: &'m BTreeMap<(Key, Key), ()>,
    first: &str,
) -> impl Iterator<Item = (&'m Key, &'m Key)> + 'm {
    let first = key(first);
    map.range((first.clone(), Key::default())..)
        .map(|((a, b), _)| (a, b))
        .take_while(move |(a, _)| **a == first)
}

/// The edges an index lists for `lot`, in the order they were appended.
pub(super) fn edges_at(
    state: &State,
    index: &Hashed<Key, Vec<usize>>,
    lot: &str,
) -> Vec<TraceEdge> {
    index
        .get(lot)
        .into_iter()
        .flatten()
        .filter_map(|at| state.edges.get(*at).cloned())
        .collect()
}

/// The (SKU, lot, location) of `sku` with more on hand than reserved, by
/// lot then location, each with what is free there.
pub(super) fn free_of_item<'s>(
    state: &'s State,
    sku: &'s str,
) -> impl Iterator<Item = (&'s (Key, Key, Key), Decimal)> + 's {
    let from = (key(sku), Key::default(), Key::default());
    state
        .free_by_item
        .range(from..)
        .take_while(move |((s, _, _), _)| s == sku)
        .filter_map(|(at, _)| {
            let on_hand = state.balances.get(at)?;
            let reserved = state.reserved_totals.get(at).copied().unwrap_or_default();
            Some((at, on_hand - reserved))
        })
}

/// The balances an index by (SKU, lot, location) lists for `sku`, by lot
/// then location.
pub(super) fn balances_in(
    state: &State,
    index: &BTreeMap<(Key, Key, Key), ()>,
    sku: &str,
) -> Vec<Balance> {
    let from = (key(sku), Key::default(), Key::default());
    index
        .range(from..)
        .take_while(|((s, _, _), _)| s == sku)
        .filter_map(|(at, _)| state.balances.get_key_value(at).map(to_balance))
        .collect()
}

pub(super) fn to_balance(((sku, lot, location), qty): (&(Key, Key, Key), &Decimal)) -> Balance {
    Balance {
        sku: text(sku),
        lot: text(lot),
        location: text(location),
        qty: *qty,
    }
}
