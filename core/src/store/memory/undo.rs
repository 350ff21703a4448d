//! How a [`MemoryTx`] changes its maps: each change logs how to undo
//! it, so a transaction dropped without commit puts everything back.

use std::collections::{BTreeMap, HashMap};

use super::{MemoryTx, State};
use crate::error::Result;

impl MemoryTx<'_> {
    /// Sets (or with `None` removes) `key` in the map chosen by `pick`,
    /// logging how to put the old value back.
    pub(super) fn set<K, V>(
        &mut self,
        pick: fn(&mut State) -> &mut BTreeMap<K, V>,
        key: K,
        value: Option<V>,
    ) -> Result<()>
    where
        K: Ord + Clone + Send + 'static,
        V: Send + 'static,
    {
        self.writable()?;
        let map = pick(&mut self.state);
        let old = match value {
            Some(v) => map.insert(key.clone(), v),
            None => map.remove(&key),
        };
        self.undo.push(Box::new(move |s| {
            let map = pick(s);
            match old {
                Some(o) => map.insert(key, o),
                None => map.remove(&key),
            };
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

    /// [`MemoryTx::set`] for a hashed map.
    pub(super) fn set_hashed<K, V>(
        &mut self,
        pick: fn(&mut State) -> &mut HashMap<K, V>,
        key: K,
        value: Option<V>,
    ) -> Result<()>
    where
        K: std::hash::Hash + Eq + Clone + Send + 'static,
        V: Send + 'static,
    {
        self.writable()?;
        let map = pick(&mut self.state);
        let old = match value {
            Some(v) => map.insert(key.clone(), v),
            None => map.remove(&key),
        };
        self.undo.push(Box::new(move |s| {
            let map = pick(s);
            match old {
                Some(o) => map.insert(key, o),
                None => map.remove(&key),
            };
        }));
        Ok(())
    }

    /// Appends position `at` to what the map chosen by `pick` files under
    /// `key`.
    pub(super) fn file_at(
        &mut self,
        pick: fn(&mut State) -> &mut HashMap<String, Vec<usize>>,
        key: &str,
        at: usize,
    ) -> Result<()> {
        self.writable()?;
        pick(&mut self.state)
            .entry(key.to_string())
            .or_default()
            .push(at);
        let key = key.to_string();
        self.undo.push(Box::new(move |s| {
            let map = pick(s);
            if let Some(list) = map.get_mut(&key) {
                list.pop();
                if list.is_empty() {
                    map.remove(&key);
                }
            }
        }));
        Ok(())
    }
}
