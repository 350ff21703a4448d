//! What a SQL transaction may do in its mode, and the fine-grained locks a
//! [`TxMode::Concurrent`] command takes on the way.
//!
//! Concurrent commands (placing and confirming an order from stock) run side
//! by side, each holding the store-wide lock in shared mode; every other
//! command holds it exclusively and so runs alone. Side by side, a command
//! may only touch what no other concurrent command can change under it
//! without first taking the same lock:
//!
//! - a sales order and its lines' reservations: the order's row, locked as
//!   it is read (`FOR UPDATE`); a new order needs no lock (its id is fresh);
//! - the free stock of a SKU (its reservations): locked by SKU;
//! - a channel's external reference: locked while checking for duplicates;
//! - customer records: their identities (e-mail, channel id, customer id)
//!   locked before they are looked up, created or updated;
//! - new ids and new events, which the backend hands out without blocking.
//!
//! Anything else (stock movements, manufacturing orders, the catalog,
//! listings of every order…) is refused with a retryable
//! [`Error::Conflict`]; the engine rolls back and runs the command again
//! with the exclusive lock. Catalog, lot, balance and manufacturing-order
//! reads need no lock: only exclusive commands write them, and those wait
//! for every concurrent one to finish.

use std::collections::HashSet;

use super::{LockSpace, SqlConn, Stmt};
use crate::error::{Error, Result};
use crate::store::TxMode;

/// The mode of one transaction and the locks it holds.
pub(crate) struct Guard {
    mode: TxMode,
    held: HashSet<(LockSpace, String)>,
}

impl Guard {
    pub(crate) fn new(mode: TxMode) -> Self {
        Guard {
            mode,
            held: HashSet::new(),
        }
    }

    /// Refuses a write in a read transaction.
    pub(crate) fn writable(&self) -> Result<()> {
        if self.mode.writes() {
            Ok(())
        } else {
            Err(Error::Internal {
                reason: "write in a read transaction".into(),
            })
        }
    }

    /// Refuses `what` in a concurrent transaction: it needs the exclusive lock.
    pub(crate) fn exclusive(&self, what: &str) -> Result<()> {
        if self.mode == TxMode::Concurrent {
            return Err(Error::Conflict {
                reason: format!("{what} needs the exclusive write lock"),
            });
        }
        Ok(())
    }

    /// Whether this transaction may write.
    pub(crate) fn writes(&self) -> bool {
        self.mode.writes()
    }

    /// Whether this is a concurrent transaction.
    pub(crate) fn concurrent(&self) -> bool {
        self.mode == TxMode::Concurrent
    }

    /// Whether this transaction holds some lock of `space`.
    pub(crate) fn holds_any(&self, space: LockSpace) -> bool {
        self.held.iter().any(|(s, _)| *s == space)
    }

    /// Records a lock taken by a statement that also read (`FOR UPDATE`).
    pub(crate) fn took(&mut self, space: LockSpace, key: &str) {
        self.held.insert((space, key.to_string()));
    }

    /// The statement locking `key` in `space`, to run first in a batch, if
    /// this transaction must and has not yet; counted as held from here
    /// (if the batch fails, so does the transaction).
    pub(crate) fn lock_first<'k, C: SqlConn>(
        &mut self,
        conn: &C,
        space: LockSpace,
        key: &'k str,
    ) -> Option<Stmt<'k>> {
        if self.mode != TxMode::Concurrent || self.held.contains(&(space, key.to_string())) {
            return None;
        }
        let statement = conn.lock_statement(space, key)?;
        self.held.insert((space, key.to_string()));
        Some(statement)
    }

    /// Locks `key` in `space` once per transaction, in concurrent mode only
    /// (an exclusive command already excludes every other writer).
    pub(crate) fn lock<C: SqlConn>(
        &mut self,
        conn: &mut C,
        space: LockSpace,
        key: &str,
    ) -> Result<()> {
        match self.lock_first(conn, space, key) {
            Some(statement) => conn.batch(&[statement]).map(|_| ()),
            None => Ok(()),
        }
    }
}
