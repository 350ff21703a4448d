//! What SQL transactions keep of what they read, so a command asks the
//! database once.
//!
//! - [`OrderCache`]: one transaction's orders, their reservations and their
//!   manufacturing orders (confirming reads them before and after
//!   reserving). Writes through the same transaction update it; it dies
//!   with the transaction, since other processes write between them.
//! - [`StockCache`]: the free stock a concurrent transaction read with a
//!   SKU's lock.
//! - [`Catalog`] / [`SharedCatalog`]: items, locations, recipes and work
//!   centers, which change rarely; shared between the transactions of one
//!   store as long as the database's catalog version has not moved.

use std::collections::HashMap;
use std::sync::Mutex;

use rust_decimal::Decimal;

use crate::domain::catalog::Item;
use crate::domain::ledger::Balance;
use crate::domain::location::Location;
use crate::domain::order::SalesOrder;
use crate::domain::production::ManufacturingOrder;
use crate::domain::recipe::Recipe;
use crate::domain::reservation::{Demand, Reservation};
use crate::store::less_reserved;

/// Orders, their reservations and their manufacturing orders, by order id.
#[derive(Default)]
pub(crate) struct OrderCache {
    orders: HashMap<String, Option<SalesOrder>>,
    /// Every reservation of an order's lines, by id.
    reservations: HashMap<String, Vec<Reservation>>,
    mos: HashMap<String, Vec<ManufacturingOrder>>,
}

impl OrderCache {
    pub(crate) fn order(&self, id: &str) -> Option<Option<SalesOrder>> {
        self.orders.get(id).cloned()
    }

    pub(crate) fn keep_order(&mut self, id: &str, order: Option<SalesOrder>) {
        self.orders.insert(id.to_string(), order);
    }

    pub(crate) fn reservations_of_order(&self, order: &str) -> Option<Vec<Reservation>> {
        self.reservations.get(order).cloned()
    }

    pub(crate) fn knows_reservations_of(&self, order: &str) -> bool {
        self.reservations.contains_key(order)
    }

    pub(crate) fn knows_mos_for(&self, order: &str) -> bool {
        self.mos.contains_key(order)
    }

    pub(crate) fn keep_reservations_of_order(&mut self, order: &str, held: Vec<Reservation>) {
        self.reservations.insert(order.to_string(), held);
    }

    /// A reservation inserted or replaced: it leaves whatever order it was
    /// listed under and joins its (new) order's list, kept in id order.
    pub(crate) fn put_reservation(&mut self, r: &Reservation) {
        self.delete_reservation(r.id);
        if let Demand::OrderLine { order, .. } = &r.demand {
            if let Some(held) = self.reservations.get_mut(order) {
                let at = held.partition_point(|h| h.id < r.id);
                held.insert(at, r.clone());
            }
        }
    }

    pub(crate) fn delete_reservation(&mut self, id: u64) {
        for held in self.reservations.values_mut() {
            held.retain(|h| h.id != id);
        }
    }

    pub(crate) fn mos_for_order(&self, order: &str) -> Option<Vec<ManufacturingOrder>> {
        self.mos.get(order).cloned()
    }

    pub(crate) fn keep_mos_for_order(&mut self, order: &str, mos: Vec<ManufacturingOrder>) {
        self.mos.insert(order.to_string(), mos);
    }

    /// A manufacturing order was written: its allocations may have changed
    /// which orders it serves, so every list is read again when asked.
    pub(crate) fn forget_mos(&mut self) {
        self.mos.clear();
    }
}

/// What a concurrent transaction read of the SKUs it locked, in the same
/// round trip as the lock: their stock with something free (on hand and
/// reserved per lot and location, from the `free_stock` index). Balances
/// cannot change while it runs (only exclusive commands move stock, and
/// they wait for it); the reserved sums follow its own reservations, and no
/// other command reserves a SKU it holds.
#[derive(Default)]
pub(crate) struct StockCache {
    /// Per SKU: (on hand, reserved) rows, by lot then location.
    free: HashMap<String, Vec<(Balance, Decimal)>>,
}

impl StockCache {
    pub(crate) fn keep(&mut self, sku: &str, rows: Vec<(Balance, Decimal)>) {
        self.free.insert(sku.to_string(), rows);
    }

    /// The SKU's stock with something free, as [`Tx::free_stock_of_item`]
    /// lists it; `None` when not read here.
    ///
    /// [`Tx::free_stock_of_item`]: crate::store::Tx::free_stock_of_item
    pub(crate) fn free(&self, sku: &str) -> Option<Vec<Balance>> {
        self.free
            .get(sku)
            .map(|rows| less_reserved(rows.iter().cloned()))
    }

    /// This transaction reserved `r`: a new reservation adds to the sum of
    /// its lot and location; one replaced (its old quantity unknown here),
    /// or one of stock not read here, drops the SKU, to be read again.
    pub(crate) fn reserve(&mut self, r: &Reservation, new: bool) {
        let Some(rows) = self.free.get_mut(&r.sku) else {
            return;
        };
        let key = (r.lot.as_str(), r.location.as_str());
        let at = rows.binary_search_by(|(b, _)| (b.lot.as_str(), b.location.as_str()).cmp(&key));
        match at {
            Ok(at) if new => rows[at].1 += r.qty,
            _ => {
                self.free.remove(&r.sku);
            }
        }
    }

    /// A reservation was released: every SKU is read again when asked.
    pub(crate) fn forget_reserved(&mut self) {
        self.free.clear();
    }
}

/// Catalog records a transaction has read (items, locations, recipes), by
/// key; `None` where the database has none.
#[derive(Default, Clone)]
pub(crate) struct Catalog {
    pub items: HashMap<String, Option<Item>>,
    pub locations: HashMap<String, Option<Location>>,
    pub all_locations: Option<Vec<Location>>,
    pub recipes: HashMap<String, Option<Recipe>>,
    /// Records of the kinds that belong to the catalog
    /// ([`CATALOG_RECORDS`](super::CATALOG_RECORDS)), by kind, in key order.
    pub records: HashMap<String, Vec<(String, serde_json::Value)>>,
}

/// The catalog as of one version of the database, shared by the
/// transactions of one store so that a command does not read the same
/// items and locations again for every order. The database keeps the
/// version (`lotwise_catalog`); a transaction reads it as it begins and
/// seeds its own copy only from a shared one of the same version, and a
/// command that changes the catalog raises it. A transaction that has
/// written the catalog teaches the shared copy nothing.
#[derive(Default)]
pub(crate) struct SharedCatalog {
    /// The version the records belong to (`None`: nothing known).
    state: Mutex<(Option<i64>, Catalog)>,
}

impl SharedCatalog {
    /// What is known of the catalog at `version`.
    pub(crate) fn seed(&self, version: i64) -> Catalog {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if state.0 != Some(version) {
            *state = (Some(version), Catalog::default());
        }
        state.1.clone()
    }

    /// The version the shared records belong to, if any.
    // Used by the Postgres backend only; a SQLite-only build (lotwise-ffi) has no caller.
    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    pub(crate) fn version(&self) -> Option<i64> {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).0
    }

    /// Adds what a transaction at `version` read, unless the shared copy
    /// has moved on to another version meanwhile.
    pub(crate) fn learn(&self, version: i64, add: impl FnOnce(&mut Catalog)) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if state.0 == Some(version) {
            add(&mut state.1);
        }
    }

    /// Drops everything: the catalog has changed.
    // Used by the Postgres backend only; a SQLite-only build (lotwise-ffi) has no caller.
    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    pub(crate) fn forget(&self) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        *state = (None, Catalog::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_item(sku: &str) -> impl FnOnce(&mut Catalog) + '_ {
        move |c| {
            c.items.insert(sku.to_string(), None);
        }
    }

    #[test]
    fn the_shared_catalog_only_serves_the_version_it_learnt() {
        let shared = SharedCatalog::default();
        assert!(shared.seed(1).items.is_empty());
        shared.learn(1, with_item("WAX"));
        assert!(shared.seed(1).items.contains_key("WAX"));
        // A transaction at a newer version starts from nothing; a late one
        // at the old version then teaches it nothing.
        assert!(shared.seed(2).items.is_empty());
        shared.learn(1, with_item("OLD"));
        shared.learn(2, with_item("JAR"));
        let seen = shared.seed(2);
        assert!(seen.items.contains_key("JAR") && !seen.items.contains_key("OLD"));
        shared.forget();
        shared.learn(2, with_item("LATE"));
        assert!(shared.seed(2).items.is_empty());
    }
}
