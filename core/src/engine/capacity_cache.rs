//! Parsed work centers and their capacity indexes, kept between commands so
//! confirming and promising do not decode and rebuild every booked interval
//! of a work center each time: that cost grew with the open order book.
//!
//! Every change of a work center or of its load bumps its stored capacity
//! version ([`records::CAPACITY_VERSION`]), and an entry is used only while
//! the version it was made at is the stored one. Two layers:
//!
//! - [`LoadCache`], the engine's, shared by its commands. It holds only
//!   committed content: what a transaction read and had not written itself,
//!   and what a write transaction wrote, once it has committed. Only
//!   commands holding the store's write lock alone write these records
//!   (those running side by side, [`crate::store::TxMode::Concurrent`], may
//!   not, and every other waits for them), so a version names one content.
//! - [`TxLoads`], one transaction's: also what it wrote itself, since its
//!   later steps (the promise after booking) read that back.
//!
//! [`records::CAPACITY_VERSION`]: super::planning::records::CAPACITY_VERSION

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use crate::domain::capacity::{CenterLoad, WorkCenter};

/// A work center as planning reads it, at one capacity version.
#[derive(Clone)]
pub(crate) struct CachedCenter {
    pub version: u64,
    pub center: WorkCenter,
    /// The index the planner searches.
    pub load: Arc<CenterLoad>,
    /// The booked intervals it was built from, sorted (what freeing and
    /// booking edit and store).
    pub pairs: Arc<Vec<(i64, i64)>>,
}

impl CachedCenter {
    pub fn new(version: u64, center: WorkCenter, pairs: Vec<(i64, i64)>) -> Self {
        let load = Arc::new(CenterLoad::with_units(pairs.clone(), center.capacity));
        CachedCenter {
            version,
            center,
            load,
            pairs: Arc::new(pairs),
        }
    }
}

/// The engine's cache of committed work centers and loads, by code.
#[derive(Default)]
pub(crate) struct LoadCache {
    entries: Mutex<BTreeMap<String, CachedCenter>>,
}

impl LoadCache {
    fn get(&self, code: &str, version: u64) -> Option<CachedCenter> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.get(code).filter(|e| e.version == version).cloned()
    }

    fn put(&self, code: &str, entry: &CachedCenter) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.insert(code.to_string(), entry.clone());
    }
}

/// One transaction's view: the engine's cache and what the transaction
/// read or wrote itself.
pub(crate) struct TxLoads<'s> {
    shared: &'s LoadCache,
    mine: BTreeMap<String, CachedCenter>,
    written: BTreeSet<String>,
}

impl<'s> TxLoads<'s> {
    pub fn new(shared: &'s LoadCache) -> Self {
        TxLoads {
            shared,
            mine: BTreeMap::new(),
            written: BTreeSet::new(),
        }
    }

    /// The entry for `code` at the stored `version`, if known.
    pub fn get(&self, code: &str, version: u64) -> Option<CachedCenter> {
        match self.mine.get(code) {
            Some(e) if e.version == version => Some(e.clone()),
            _ => self.shared.get(code, version),
        }
    }

    /// Keeps what was read from the store. Shared only when this
    /// transaction has not written the work center's load: then it is
    /// committed content.
    pub fn read(&mut self, code: &str, entry: CachedCenter) {
        if !self.written.contains(code) {
            self.shared.put(code, &entry);
        }
        self.mine.insert(code.to_string(), entry);
    }

    /// Keeps what this transaction wrote; shared once it commits.
    pub fn wrote(&mut self, code: &str, entry: CachedCenter) {
        self.written.insert(code.to_string());
        self.mine.insert(code.to_string(), entry);
    }

    /// Marks a work center as changed by this transaction without a new
    /// entry (its calendar was redefined): nothing read of it is shared.
    pub fn touched(&mut self, code: &str) {
        self.written.insert(code.to_string());
        self.mine.remove(code);
    }

    /// After the transaction committed: shares what it wrote.
    pub fn publish(self) {
        for code in &self.written {
            if let Some(entry) = self.mine.get(code) {
                self.shared.put(code, entry);
            }
        }
    }
}
