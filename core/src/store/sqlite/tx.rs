//! A SQLite connection inside one transaction, as the shared SQL layer
//! ([`SqlConn`]) sees it.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::MutexGuard;

use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{params_from_iter, Connection, ToSql};

use super::free::FREE_STOCK_OF_SKU;
use super::{map_err, SqliteStore, WriteLog};
use crate::domain::order::SalesOrder;
use crate::domain::reservation::Reservation;
use crate::error::{Error, Result};
use crate::store::sql::cache::SharedCatalog;
use crate::store::sql::{
    OrderRow, Param, SqlConn, LAST_EVENT_SEQ, TAKE_COUNTER_VALUE, UPSERT_ORDER,
};
use crate::store::TxMode;

/// An order's new status and data, where the row stored under its id has
/// the same lookup columns; one row back when it did. Parameters: status,
/// data, id, channel, external reference, placing time. (SQLite numbers
/// `$N` parameters in the order they first appear, whatever `N` says, so
/// they appear here in order.)
pub(super) const REWRITE_ORDER: &str = "UPDATE orders SET status = $1, data = $2
     WHERE id = $3 AND channel = $4 AND external_ref IS $5 AND placed_at = $6
     RETURNING 1";

/// The connection a transaction runs on.
pub(crate) enum Conn<'a> {
    /// The store's single write connection, held for the whole transaction.
    Writer(&'a SqliteStore, MutexGuard<'a, Connection>),
    /// A pooled read connection, handed back on drop.
    Reader(&'a SqliteStore, Option<Connection>),
}

type Logged = Vec<(&'static str, Vec<Value>)>;

/// One open SQLite transaction; rolled back on drop unless committed.
///
/// A write transaction has the file to itself (`BEGIN IMMEDIATE`), so what
/// it reads of the id counters and the event sequence stays true until it
/// ends: past a counter's first id it counts ids here and writes the
/// counter once, as it commits, instead of one statement per id; it reads
/// the event sequence once.
pub(crate) struct SqliteConn<'a> {
    conn: Conn<'a>,
    open: bool,
    log: Option<(WriteLog, Logged)>,
    /// Per counter used in this transaction: the value stored in the
    /// table, and the last id handed out (written at commit if higher).
    counters: HashMap<String, (i64, i64)>,
    /// The highest event sequence stored, once read (as this transaction
    /// will have stored it).
    last_seq: Option<i64>,
    /// Reservation ids taken in this transaction and not yet written: no
    /// stored row can hold them, so writing one reads nothing first.
    pub(super) fresh_reservations: HashSet<i64>,
    /// (SKU, lot, location) whose balance or reserved total this
    /// transaction changed, to be filed anew in `free_stock` before it is
    /// read or the transaction commits: a command that takes a reservation
    /// and moves the same stock files it once (see `sqlite/free.rs`).
    pub(super) unsettled_free: BTreeSet<(String, String, String)>,
    /// The version of the store's shared catalog this write transaction
    /// reads (`None` for a read transaction, which shares nothing).
    catalog_version: Option<i64>,
}

impl ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self {
            Param::Text(s) => s.to_sql(),
            Param::MaybeText(s) => s.to_sql(),
            Param::Int(n) => n.to_sql(),
        }
    }
}

impl<'a> SqliteConn<'a> {
    pub(crate) fn begin(conn: Conn<'a>, mode: TxMode, log: Option<WriteLog>) -> Result<Self> {
        let mut tx = SqliteConn {
            conn,
            open: false,
            log: log.map(|l| (l, Vec::new())),
            counters: HashMap::new(),
            last_seq: None,
            fresh_reservations: HashSet::new(),
            unsettled_free: BTreeSet::new(),
            catalog_version: None,
        };
        let c = tx.c()?;
        if !c.is_autocommit() {
            // Left inside a transaction by a failed rollback: clear it first.
            let _ = c.execute_batch("ROLLBACK");
        }
        // IMMEDIATE takes the write lock up front (waiting up to the busy
        // timeout), so nothing this command reads can change under it.
        let begin = match mode {
            TxMode::Write | TxMode::Concurrent => "BEGIN IMMEDIATE",
            TxMode::Read => "BEGIN",
        };
        c.execute_batch(begin).map_err(map_err)?;
        tx.open = true;
        if let Conn::Writer(store, writer) = &tx.conn {
            tx.catalog_version = Some(store.catalog_version.at_begin(writer)?);
        }
        Ok(tx)
    }

    fn store(&self) -> &'a SqliteStore {
        match &self.conn {
            Conn::Writer(store, _) | Conn::Reader(store, _) => store,
        }
    }

    fn c(&self) -> Result<&Connection> {
        match &self.conn {
            Conn::Writer(_, guard) => Ok(guard),
            Conn::Reader(_, Some(conn)) => Ok(conn),
            Conn::Reader(_, None) => Err(Error::Internal {
                reason: "sqlite transaction without a connection".into(),
            }),
        }
    }
}

impl SqlConn for SqliteConn<'_> {
    fn exec(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<Option<i64>> {
        if let Some((_, logged)) = &mut self.log {
            let values = params
                .iter()
                .map(|p| match p {
                    Param::Text(s) => Value::Text((*s).to_string()),
                    Param::MaybeText(s) => s.map_or(Value::Null, |s| Value::Text(s.to_string())),
                    Param::Int(n) => Value::Integer(*n),
                })
                .collect();
            logged.push((sql, values));
        }
        let mut stmt = self.c()?.prepare_cached(sql).map_err(map_err)?;
        let mut rows = stmt.query(params_from_iter(params)).map_err(map_err)?;
        let first = match rows.next().map_err(map_err)? {
            Some(row) => row.get::<_, i64>(0).ok(),
            None => None,
        };
        while rows.next().map_err(map_err)?.is_some() {}
        drop(rows);
        self.store().count_replans(&stmt);
        Ok(first)
    }

    fn rows(
        &mut self,
        sql: &'static str,
        params: &[Param<'_>],
        cols: usize,
    ) -> Result<Vec<Vec<String>>> {
        let mut stmt = self.c()?.prepare_cached(sql).map_err(map_err)?;
        let rows = stmt
            .query_map(params_from_iter(params), |r| {
                (0..cols).map(|i| r.get::<_, String>(i)).collect()
            })
            .map_err(map_err)?
            .collect::<rusqlite::Result<Vec<Vec<String>>>>()
            .map_err(map_err)?;
        self.store().count_replans(&stmt);
        Ok(rows)
    }

    fn int(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<Option<i64>> {
        let mut stmt = self.c()?.prepare_cached(sql).map_err(map_err)?;
        let mut rows = stmt.query(params_from_iter(params)).map_err(map_err)?;
        let value = match rows.next().map_err(map_err)? {
            Some(row) => row.get(0).map(Some).map_err(map_err)?,
            None => None,
        };
        drop(rows);
        self.store().count_replans(&stmt);
        Ok(value)
    }

    /// The first id of a counter in this transaction is taken in the
    /// table (one statement, as without counting); the next ones are
    /// counted here and the counter written once, at commit.
    fn next_id(&mut self, counter: &str) -> Result<i64> {
        let next = match self.counters.get_mut(counter) {
            Some((_, last)) => {
                *last += 1;
                *last
            }
            None => {
                let first = self
                    .exec(TAKE_COUNTER_VALUE, &[Param::Text(counter)])?
                    .unwrap_or(0);
                self.counters.insert(counter.to_string(), (first, first));
                first
            }
        };
        if counter == "reservation" {
            self.fresh_reservations.insert(next);
        }
        Ok(next)
    }

    fn last_stored_event(&mut self) -> Result<i64> {
        if let Some(last) = self.last_seq {
            return Ok(last);
        }
        let last = self.int(LAST_EVENT_SEQ, &[])?.unwrap_or(0);
        self.last_seq = Some(last);
        Ok(last)
    }

    /// After the highest stored sequence, as read once per transaction.
    fn claim_event_seqs(&mut self, n: u64) -> Result<i64> {
        let before = self.last_stored_event()?;
        self.last_seq = Some(before + i64::try_from(n).unwrap_or(i64::MAX));
        Ok(before)
    }

    /// Rewrites an order already stored by setting only its status and
    /// data: SQLite rewrites an index entry whenever its column is set,
    /// equal or not, and an order's channel, reference and placing time
    /// (two of its three indexes) do not change once it is placed. Anything
    /// else (a new order, or one whose lookup columns differ) takes the
    /// full upsert.
    fn upsert_orders(&mut self, orders: &[SalesOrder]) -> Result<()> {
        for order in orders {
            let row = OrderRow::of(order)?;
            let [id, status, channel, external_ref, placed_at, data] = row.params();
            let rewrite = [status, data, id, channel, external_ref, placed_at];
            if self.exec(REWRITE_ORDER, &rewrite)?.is_none() {
                self.exec(UPSERT_ORDER, &row.params())?;
            }
        }
        Ok(())
    }

    /// Keeps `reserved_totals` in step (see `sqlite/reserved.rs`).
    fn upsert_reservations(&mut self, reservations: &[Reservation]) -> Result<()> {
        self.upsert_reservations_with_totals(reservations)
    }

    fn delete_reservation(&mut self, id: i64) -> Result<()> {
        self.delete_reservation_with_totals(id)
    }

    /// Keeps `free_stock` in step (see `sqlite/free.rs`).
    fn balance_written(&mut self, sku: &str, lot: &str, location: &str) -> Result<()> {
        self.unsettled_free
            .insert((sku.to_string(), lot.to_string(), location.to_string()));
        Ok(())
    }

    fn settle_free_stock(&mut self) -> Result<()> {
        self.settle_free()
    }

    fn free_stock_sql(&self) -> &'static str {
        FREE_STOCK_OF_SKU
    }

    fn reserved_sql(&self) -> &'static str {
        "SELECT lot, location, qty FROM reserved_totals WHERE sku = $1"
    }

    /// Write transactions share the store's catalog (see `sqlite/catalog.rs`).
    fn shared_catalog(&self) -> Option<(&SharedCatalog, i64)> {
        match (&self.conn, self.catalog_version) {
            (Conn::Writer(store, _), Some(version)) => Some((&store.catalog, version)),
            _ => None,
        }
    }

    /// Moves the shared catalog's version on, so no transaction serves
    /// what this one is changing.
    fn catalog_changed(&mut self) -> Result<()> {
        if let Conn::Writer(store, _) = &self.conn {
            self.catalog_version = Some(store.catalog_version.changed());
        }
        Ok(())
    }

    fn reserved_lot_sql(&self) -> &'static str {
        "SELECT lot, location, qty FROM reserved_totals WHERE sku = $1 AND lot = $2"
    }

    fn commit(&mut self) -> Result<()> {
        self.settle_free()?;
        for (name, (stored, last)) in std::mem::take(&mut self.counters) {
            if last > stored {
                self.exec(
                    "UPDATE counters SET value = $1 WHERE name = $2",
                    &[Param::Int(last), Param::Text(&name)],
                )?;
            }
        }
        self.c()?.execute_batch("COMMIT").map_err(map_err)?;
        self.open = false;
        if let Conn::Writer(store, writer) = &self.conn {
            store.checkpoints.committed(writer, || store.connect().ok());
        }
        if let Some((shared, logged)) = self.log.take() {
            shared
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(logged);
        }
        Ok(())
    }
}

impl Drop for SqliteConn<'_> {
    fn drop(&mut self) {
        if self.open {
            if let Ok(c) = self.c() {
                let _ = c.execute_batch("ROLLBACK");
            }
        }
        if let Conn::Reader(store, conn) = &mut self.conn {
            if let Some(conn) = conn.take() {
                store.return_reader(conn);
            }
        }
    }
}
