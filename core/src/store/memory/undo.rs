//! How a [`MemoryTx`] changes its maps: each change logs how to undo
//! it, so a transaction dropped without commit puts everything back.

use std::collections::{BTreeMap, HashMap};

use super::{key, Key, MemoryTx, State};
use crate::error::Result;

/// A map [`MemoryTx::set`] can change: ordered or hashed.
pub(super) trait KeyedMap<K, V> {
    /// Inserts `value` under `key`, or with `None` removes the key; the
    /// value it held.
    fn replace(&mut self, key: K, value: Option<V>) -> Option<V>;
}

impl<K: Ord, V> KeyedMap<K, V> for BTreeMap<K, V> {
    fn replace(&mut self, key: K, value: Option<V>) -> Option<V> {
        match value {
            Some(v) => self.insert(key, v),
            None => self.remove(&key),
        }
    }
}

impl<K: std::hash::Hash + Eq, V> KeyedMap<K, V> for HashMap<K, V> {
    fn replace(&mut self, key: K, value: Option<V>) -> Option<V> {
        match value {
            Some(v) => self.insert(key, v),
            None => self.remove(&key),
        }
    }
}

impl MemoryTx<'_> {
    /// Sets (or with `None` removes) `key` in the map chosen by `pick`
    /// (ordered or hashed), logging how to put the old value back.
    pub(super) fn set<M, K, V>(
        &mut self,
        pick: fn(&mut State) -> &mut M,
        key: K,
        value: Option<V>,
    ) -> Result<()>
    where
        M: KeyedMap<K, V> + 'static,
        K: Clone + Send + 'static,
        V: Send + 'static,
    {
        self.writable()?;
        let old = pick(&mut self.state).replace(key.clone(), value);
        self.undo.push(Box::new(move |s| {
            pick(s).replace(key, old);
        }));
        Ok(())
    }

    pub(super) fn push<T: Send + 'static>(
        &mut self,
        pick: fn(&mut State) -> &mut Vec<T>,
        value: T,
    ) -> Result<()> {
        self.writable()?;
        pick(&mut self.state).push(value);
        self.undo.push(Box::new(move |s| {
            pick(s).pop();
        }));
        Ok(())
    }

    /// Appends position `at` to what the map chosen by `pick` files under
    /// `name`.
    pub(super) fn file_at(
        &mut self,
        pick: fn(&mut State) -> &mut HashMap<Key, Vec<usize>>,
        name: &str,
        at: usize,
    ) -> Result<()> {
        self.writable()?;
        pick(&mut self.state).entry(key(name)).or_default().push(at);
        let filed = key(name);
        self.undo.push(Box::new(move |s| {
            let map = pick(s);
            if let Some(list) = map.get_mut(&filed) {
                list.pop();
                if list.is_empty() {
                    map.remove(&filed);
                }
            }
        }));
        Ok(())
    }
}
