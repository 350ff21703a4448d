//! The catalog (items, locations, recipes, catalog records) shared by a
//! SQLite store's write transactions, so a command does not read the same
//! items again for every order.
//!
//! What the shared copy holds is true for one *version* of the file, a
//! number kept here. It moves on when:
//!
//! - another connection has committed to the file since this store last
//!   looked — another process, or another store on the same file. SQLite's
//!   `PRAGMA data_version` on the write connection tells: it changes with
//!   every commit made through any other connection, and never with the
//!   connection's own;
//! - one of this store's own transactions changes the catalog.
//!
//! Only write transactions share it: they run one at a time on the one
//! write connection, and with `BEGIN IMMEDIATE` nobody else commits while
//! one runs, so the version read as it begins holds until it ends. Reads
//! run on pooled connections and keep a copy of their own.

use std::sync::Mutex;

use rusqlite::Connection;

use super::map_err;
use crate::error::Result;

/// The version of the shared catalog and what it was worked out from.
#[derive(Default)]
pub(crate) struct CatalogVersion {
    /// The write connection's `data_version` when last read, and the version.
    seen: Mutex<(Option<i64>, i64)>,
}

impl CatalogVersion {
    /// The version a write transaction on `writer`, just begun, reads the
    /// catalog at.
    pub(crate) fn at_begin(&self, writer: &Connection) -> Result<i64> {
        let data_version: i64 = writer
            .prepare_cached("PRAGMA data_version")
            .and_then(|mut stmt| stmt.query_row([], |row| row.get(0)))
            .map_err(map_err)?;
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.0 != Some(data_version) {
            *seen = (Some(data_version), seen.1 + 1);
        }
        Ok(seen.1)
    }

    /// A transaction of this store changes the catalog: what was shared
    /// no longer holds (if it rolls back, the catalog is only read afresh).
    pub(crate) fn changed(&self) -> i64 {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        seen.1 += 1;
        seen.1
    }
}
