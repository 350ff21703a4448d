//! A test-only check that every secondary index of the memory store says
//! what its records say. The writers keep the indexes in step by hand
//! (each put takes its record's old entries out and files the new ones),
//! so an entry left behind or never filed would otherwise show only as a
//! wrong answer to some later query.
//!
//! Every store a unit test makes is checked when it is dropped (see the
//! `Drop` impl in `memory.rs`): the conformance suite, with its engine
//! flows, and every engine test on `:memory:`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::packed::Stored;
use super::state::Hashed;
use super::{key, Key, State};
use crate::domain::location::LocationKind;

/// Panics, naming the index, when an index differs from the one its
/// records give.
pub(super) fn assert_indexes_match(state: &State) {
    let kind = |location: &Key| state.locations.get(location).map(|l| l.kind);
    let balances = || state.balances.iter().filter(|(_, qty)| !qty.is_zero());
    assert_eq!(
        state.balances.len(),
        balances().count(),
        "balances keeps a zero row"
    );

    let by_lot: BTreeMap<_, ()> = balances()
        .map(|((sku, lot, loc), _)| ((lot.clone(), sku.clone(), loc.clone()), ()))
        .collect();
    assert_eq!(state.balances_by_lot, by_lot, "balances_by_lot");
    let internal = |at: &(Key, Key, Key)| kind(&at.2) == Some(LocationKind::Internal);
    let stock: BTreeMap<_, ()> = balances()
        .filter(|(at, _)| internal(at))
        .map(|(at, _)| (at.clone(), ()))
        .collect();
    assert_eq!(state.stock_by_item, stock, "stock_by_item");
    let held_aside: BTreeMap<_, ()> = balances()
        .filter(|(at, _)| !internal(at) && kind(&at.2).is_some_and(LocationKind::holds_stock))
        .map(|(at, _)| (at.clone(), ()))
        .collect();
    assert_eq!(state.held_aside_by_item, held_aside, "held_aside_by_item");

    let mut reserved: BTreeMap<(Key, Key, Key), Decimal> = BTreeMap::new();
    for r in state.reservations.values() {
        *reserved
            .entry((r.sku.clone(), r.lot.clone(), r.location.clone()))
            .or_default() += r.qty;
    }
    reserved.retain(|_, qty| !qty.is_zero());
    assert_eq!(state.reserved_totals, reserved, "reserved_totals");
    let free: BTreeMap<_, ()> = balances()
        .filter(|(at, on_hand)| {
            internal(at) && **on_hand > reserved.get(*at).copied().unwrap_or_default()
        })
        .map(|(at, _)| (at.clone(), ()))
        .collect();
    assert_eq!(state.free_by_item, free, "free_by_item");
    let by_demand: BTreeMap<_, ()> = (state.reservations.iter())
        .map(|(id, r)| ((r.demand.clone(), *id), ()))
        .collect();
    assert_eq!(
        state.reservations_by_demand, by_demand,
        "reservations_by_demand"
    );

    let orders = || state.orders.iter();
    let by_status: BTreeMap<_, ()> = orders()
        .map(|(id, o)| ((o.status, id.clone()), ()))
        .collect();
    assert_eq!(state.orders_by_status, by_status, "orders_by_status");
    let refs: BTreeMap<_, Key> = orders()
        .filter_map(|(id, o)| {
            let ext = o.external_ref.as_ref()?;
            Some(((key(&o.channel), key(ext)), id.clone()))
        })
        .collect();
    assert_eq!(state.external_refs, refs, "external_refs");
    let awaiting: BTreeMap<_, ()> = orders()
        .flat_map(|(id, o)| {
            let skus = o.awaited_skus().into_iter();
            skus.map(move |sku| ((key(sku), o.placed_at, id.clone()), ()))
        })
        .collect();
    assert_eq!(state.orders_awaiting, awaiting, "orders_awaiting");

    let lots: BTreeMap<_, ()> = (state.lots.iter())
        .map(|(code, lot)| ((key(&lot.sku), code.clone()), ()))
        .collect();
    assert_eq!(state.lots_by_item, lots, "lots_by_item");

    // Unpacked, so what the domain derives from a batch is worked out anew.
    let unpacked: Vec<_> = (state.mos.iter()).map(|(id, m)| (id, m.unpack())).collect();
    let mos = || unpacked.iter().map(|(id, m)| (*id, m));
    let by_status: BTreeMap<_, ()> = mos().map(|(id, m)| ((m.status, id.clone()), ())).collect();
    assert_eq!(state.mos_by_status, by_status, "mos_by_status");
    let by_order: BTreeMap<_, ()> = mos()
        .flat_map(|(id, m)| {
            let orders = m.allocations.iter();
            orders.map(move |a| ((key(&a.order), id.clone()), ()))
        })
        .collect();
    assert_eq!(state.mos_by_order, by_order, "mos_by_order");
    let open_by_order: BTreeMap<_, ()> = (by_order.into_iter())
        .filter(|((_, id), _)| state.mos.get(id).is_some_and(|m| m.status.is_open()))
        .collect();
    assert_eq!(state.open_mos_by_order, open_by_order, "open_mos_by_order");
    let free_output: BTreeMap<_, ()> = mos()
        .filter(|(_, m)| m.has_free_output())
        .map(|(id, m)| ((key(&m.product), id.clone()), ()))
        .collect();
    assert_eq!(
        state.free_output_by_product, free_output,
        "free_output_by_product"
    );
    let awaiting: BTreeMap<_, ()> = mos()
        .flat_map(|(id, m)| {
            let skus = m.awaited_skus().into_iter();
            skus.map(move |sku| ((key(sku), id.clone()), ()))
        })
        .collect();
    assert_eq!(state.mos_awaiting, awaiting, "mos_awaiting");

    let shipments = || state.shipments.iter();
    let by_order: BTreeMap<_, ()> = shipments()
        .map(|(id, s)| ((key(&s.order), id.clone()), ()))
        .collect();
    assert_eq!(state.shipments_by_order, by_order, "shipments_by_order");
    let by_lot: BTreeMap<_, ()> = shipments()
        .flat_map(|(id, s)| s.lines.iter().map(move |l| ((key(&l.lot), id.clone()), ())))
        .collect();
    assert_eq!(state.shipments_by_lot, by_lot, "shipments_by_lot");

    let mut from: Hashed<Key, Vec<usize>> = Hashed::default();
    let mut to: Hashed<Key, Vec<usize>> = Hashed::default();
    for (at, edge) in state.edges.iter().enumerate() {
        from.entry(key(&edge.from_lot)).or_default().push(at);
        to.entry(key(&edge.to_lot)).or_default().push(at);
    }
    assert_eq!(state.edges_from, from, "edges_from");
    assert_eq!(state.edges_to, to, "edges_to");
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::store::memory::MemoryStore;
    use crate::store::{Store, Tx, TxMode};

    /// A memory store the test keeps a handle on while the engine owns it.
    struct Shared(Arc<MemoryStore>);

    impl Store for Shared {
        fn begin(&self, mode: TxMode) -> crate::Result<Box<dyn Tx + '_>> {
            self.0.begin(mode)
        }
        fn backend(&self) -> &'static str {
            self.0.backend()
        }
        fn concurrent_writes(&self) -> bool {
            self.0.concurrent_writes()
        }
    }

    /// What the store holds after the conformance suite's full order cycle
    /// (placed, confirmed, produced, shipped), taken out of it.
    fn state_after_a_cycle() -> State {
        let store = Arc::new(MemoryStore::new());
        crate::store::conformance::engine_full_order_cycle(Box::new(Shared(store.clone())));
        let mut state = store.state.lock().unwrap();
        std::mem::take(&mut *state)
    }

    /// Puts one index out of step (drops an entry, or adds a stray one);
    /// whether it could.
    type Breaker = fn(&mut State) -> bool;

    /// The check finds an index out of step: one entry dropped from each of
    /// a few indexes of a store that has run an order cycle.
    #[test]
    fn a_missing_entry_is_found() {
        assert_indexes_match(&state_after_a_cycle());
        let breakers: [(&str, Breaker); 6] = [
            ("balances_by_lot", |s| {
                s.balances_by_lot.pop_first().is_some()
            }),
            ("orders_by_status", |s| {
                s.orders_by_status.pop_last().is_some()
            }),
            ("mos_by_order", |s| s.mos_by_order.pop_first().is_some()),
            // Every batch is done after the cycle: an entry for one is stray.
            ("open_mos_by_order", |s| {
                let stray = s.mos_by_order.first_key_value().map(|(k, _)| k.clone());
                stray.is_some_and(|k| s.open_mos_by_order.insert(k, ()).is_none())
            }),
            ("lots_by_item", |s| s.lots_by_item.pop_first().is_some()),
            ("shipments_by_lot", |s| {
                s.shipments_by_lot.pop_first().is_some()
            }),
        ];
        for (name, breaker) in breakers {
            let mut broken = state_after_a_cycle();
            assert!(breaker(&mut broken), "{name} was empty");
            // The state keeps the undo log's spare buffer, whose boxed
            // entries are not `UnwindSafe`; nothing here unwinds through it.
            let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                assert_indexes_match(&broken)
            }));
            assert!(
                found.is_err(),
                "an entry missing from {name} went unnoticed"
            );
        }
    }
}
