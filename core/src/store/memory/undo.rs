//! How a [`MemoryTx`] changes its maps: each change logs how to undo
//! it, so a transaction dropped without commit puts everything back.
//!
//! The log holds values, not closures: the changes a command makes by the
//! hundred (index entries, balances and reserved totals, counters,
//! reservations, records by id) each have an [`Undo`] variant holding the
//! map, the key and the old value, so logging one allocates nothing. The
//! log's buffer is handed back to the store when the transaction ends and
//! reused by the next one. Changes to the maps written rarely (the
//! catalog, documents, cursors) are logged as boxed closures.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::packed::{PackedLot, PackedMo, PackedOrder, PackedReservation};
use super::state::{DemandKey, Docs, Hashed, Records};
use super::{key, Key, MemoryTx, State};
use crate::domain::catalog::Item;
use crate::domain::location::Location;
use crate::domain::order::OrderStatus;
use crate::domain::production::MoStatus;
use crate::domain::recipe::Recipe;
use crate::domain::shipment::Shipment;
use crate::error::Result;

/// A map [`MemoryTx::set`] can change: ordered or hashed.
pub(super) trait KeyedMap<K, V> {
    /// Inserts `value` under `key`, or with `None` removes the key; the
    /// value it held.
    fn replace(&mut self, key: K, value: Option<V>) -> Option<V>;
}

impl KeyedMap<Key2, serde_json::Value> for Docs {
    fn replace(
        &mut self,
        key: Key2,
        value: Option<serde_json::Value>,
    ) -> Option<serde_json::Value> {
        Docs::replace(self, key, value)
    }
}

impl<K: Ord, V> KeyedMap<K, V> for BTreeMap<K, V> {
    fn replace(&mut self, key: K, value: Option<V>) -> Option<V> {
        match value {
            Some(v) => self.insert(key, v),
            None => self.remove(&key),
        }
    }
}

impl<K: std::hash::Hash + Eq, V, S: std::hash::BuildHasher> KeyedMap<K, V> for HashMap<K, V, S> {
    fn replace(&mut self, key: K, value: Option<V>) -> Option<V> {
        match value {
            Some(v) => self.insert(key, v),
            None => self.remove(&key),
        }
    }
}

/// Which map of the [`State`] a change is in.
pub(super) type Pick<M> = fn(&mut State) -> &mut M;

type Key2 = (Key, Key);
type Key3 = (Key, Key, Key);

/// A map whose changes can be logged: how one change is undone.
pub(super) trait Logged<K, V>: KeyedMap<K, V> + Sized {
    /// What puts `old` back under `key` in the map `pick` chooses.
    fn undo(pick: Pick<Self>, key: K, old: Option<V>) -> Undo;
}

/// Declares [`Undo`], with a variant per map shape logged by value, and
/// the [`Logged`] impls that choose them.
macro_rules! logged_by_value {
    ($($(#[$doc:meta])* $variant:ident($map:ty, $k:ty, $v:ty),)*) => {
        /// How to undo one change (see the module's documentation).
        pub(super) enum Undo {
            $($(#[$doc])* $variant(Pick<$map>, $k, Option<$v>),)*
            /// Takes the last element off a list that was appended to.
            Pop(fn(&mut State)),
            /// Takes the last position off what a positions map files under a name.
            Unfile(Pick<Hashed<Key, Vec<usize>>>, Key),
            /// A change of a map written rarely.
            Other(Box<dyn FnOnce(&mut State) + Send>),
        }

        impl Undo {
            /// Puts back what the change replaced.
            pub(super) fn apply(self, state: &mut State) {
                match self {
                    $(Undo::$variant(pick, key, old) => {
                        pick(state).replace(key, old);
                    })*
                    Undo::Pop(pop) => pop(state),
                    Undo::Unfile(pick, name) => {
                        let map = pick(state);
                        if let Some(list) = map.get_mut(&name) {
                            list.pop();
                            if list.is_empty() {
                                map.remove(&name);
                            }
                        }
                    }
                    Undo::Other(undo) => undo(state),
                }
            }
        }

        $(impl Logged<$k, $v> for $map {
            fn undo(pick: Pick<Self>, key: $k, old: Option<$v>) -> Undo {
                Undo::$variant(pick, key, old)
            }
        })*
    };
}

logged_by_value! {
    /// An entry of an index keyed by three ids (balances by item, lot, in stock…).
    Entry3(BTreeMap<Key3, ()>, Key3, ()),
    /// An entry of an index keyed by two ids (lots by item, batches by order…).
    Entry2(BTreeMap<Key2, ()>, Key2, ()),
    /// A reserved total.
    Total(BTreeMap<Key3, Decimal>, Key3, Decimal),
    /// A balance.
    Balance(Hashed<Key3, Decimal>, Key3, Decimal),
    /// A counter or a cursor.
    Counter(BTreeMap<Key, u64>, Key, u64),
    /// A reservation.
    Reservation(BTreeMap<u64, PackedReservation>, u64, PackedReservation),
    /// An entry of the reservations by demand.
    ByDemand(BTreeMap<(DemandKey, u64), ()>, (DemandKey, u64), ()),
    /// An entry of the orders by status.
    OrderStatus(BTreeMap<(OrderStatus, Key), ()>, (OrderStatus, Key), ()),
    /// An entry of the batches by status.
    MoStatus(BTreeMap<(MoStatus, Key), ()>, (MoStatus, Key), ()),
    /// A lot.
    Lot(Records<PackedLot>, Key, Box<PackedLot>),
    /// An order.
    Order(Records<PackedOrder>, Key, Box<PackedOrder>),
    /// A manufacturing order.
    Mo(Records<PackedMo>, Key, Box<PackedMo>),
    /// A shipment.
    Shipment(Records<Shipment>, Key, Box<Shipment>),
}

/// Logs changes of the maps written rarely as boxed closures.
macro_rules! logged_boxed {
    ($($map:ty, $k:ty, $v:ty;)*) => {
        $(impl Logged<$k, $v> for $map {
            fn undo(pick: Pick<Self>, key: $k, old: Option<$v>) -> Undo {
                Undo::Other(Box::new(move |s| {
                    pick(s).replace(key, old);
                }))
            }
        })*
    };
}

logged_boxed! {
    BTreeMap<Key, Item>, Key, Item;
    BTreeMap<(Key, u32), Recipe>, (Key, u32), Recipe;
    BTreeMap<Key, Location>, Key, Location;
    BTreeMap<(Key, DateTime<Utc>, Key), ()>, (Key, DateTime<Utc>, Key), ();
    BTreeMap<Key2, Key>, Key2, Key;
    Docs, Key2, serde_json::Value;
}

/// Transactions whose log grew past this many entries (a large import)
/// do not hand its buffer back: the store would hold it for good.
const KEPT_LOG: usize = 4096;

impl MemoryTx<'_> {
    /// Sets (or with `None` removes) `key` in the map chosen by `pick`
    /// (ordered or hashed), logging how to put the old value back.
    pub(super) fn set<M, K, V>(&mut self, pick: Pick<M>, key: K, value: Option<V>) -> Result<()>
    where
        M: Logged<K, V>,
        K: Clone,
    {
        self.writable()?;
        let old = pick(&mut self.state).replace(key.clone(), value);
        self.undo.push(M::undo(pick, key, old));
        Ok(())
    }

    /// Appends `value` to the list chosen by `pick`; `pop` takes it off
    /// again should the transaction roll back.
    pub(super) fn push<T>(
        &mut self,
        pick: Pick<Vec<T>>,
        pop: fn(&mut State),
        value: T,
    ) -> Result<()> {
        self.writable()?;
        pick(&mut self.state).push(value);
        self.undo.push(Undo::Pop(pop));
        Ok(())
    }

    /// Appends position `at` to what the map chosen by `pick` files under
    /// `name`.
    pub(super) fn file_at(
        &mut self,
        pick: Pick<Hashed<Key, Vec<usize>>>,
        name: &str,
        at: usize,
    ) -> Result<()> {
        self.writable()?;
        pick(&mut self.state).entry(key(name)).or_default().push(at);
        self.undo.push(Undo::Unfile(pick, key(name)));
        Ok(())
    }

    /// Ends the transaction's log: rolled back unless `committed`, then
    /// its buffer handed back to the store for the next transaction.
    pub(super) fn close_log(&mut self, committed: bool) {
        let mut log = std::mem::take(&mut self.undo);
        if committed {
            log.clear();
        } else {
            while let Some(undo) = log.pop() {
                undo.apply(&mut self.state);
            }
        }
        if log.capacity() <= KEPT_LOG {
            self.state.spare_log = log;
        }
    }
}
