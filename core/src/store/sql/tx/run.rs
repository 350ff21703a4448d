//! How a [`SqlTx`] runs statements, takes its locks and keeps the writes
//! it holds back until commit (orders, events).

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

use super::super::cache::Catalog;
use super::super::Param::Text;
use super::super::{dec_text, LockSpace, Param, SqlConn};
use super::{prefetch, SqlTx};
use crate::domain::ledger::Balance;
use crate::domain::location::LocationKind;
use crate::domain::order::SalesOrder;
use crate::error::Result;
use crate::store::Tx;

impl<C: SqlConn> SqlTx<C> {
    pub(super) fn exec(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<Option<i64>> {
        self.guard.writable()?;
        self.conn.exec(sql, params)
    }

    /// Teaches the store's shared catalog what this transaction read.
    pub(super) fn learn(&self, add: impl FnOnce(&mut Catalog)) {
        if self.catalog_written {
            return;
        }
        if let Some((shared, version)) = self.conn.shared_catalog() {
            shared.learn(version, add);
        }
    }

    /// Notes (once) that this transaction changes the catalog.
    pub(super) fn catalog_changes(&mut self) -> Result<()> {
        self.guard.writable()?;
        if !self.catalog_written {
            self.conn.catalog_changed()?;
            self.catalog_written = true;
        }
        Ok(())
    }

    /// Takes a concurrent command's lock on `key` (see [`Guard`](super::super::guard::Guard)).
    pub(super) fn lock(&mut self, space: LockSpace, key: &str) -> Result<()> {
        self.foreseen.forget();
        self.guard.lock(&mut self.conn, space, key)
    }

    /// The seq of this transaction's last appended event, as numbered here:
    /// after the stored ones, or from 0 where the backend renumbers them
    /// once committed (no need to ask the database then).
    pub(super) fn provisional_last_event(&mut self) -> Result<u64> {
        let pending = u64::try_from(self.pending_events.len()).unwrap_or(u64::MAX);
        match self.last_event {
            Some(last) => Ok(last + pending),
            None if self.conn.numbers_events_later() => Ok(pending),
            None => self.last_event_seq(),
        }
    }

    /// Sends the orders held back so far, before a query that reads the table.
    pub(super) fn flush_orders(&mut self) -> Result<()> {
        if self.pending_orders.is_empty() {
            return Ok(());
        }
        // Held back only by a transaction that may write (`put_order`).
        let orders = self.take_pending_orders();
        self.conn.upsert_orders(&orders)
    }

    /// The orders held back so far, in id order, no longer held.
    pub(super) fn take_pending_orders(&mut self) -> Vec<SalesOrder> {
        std::mem::take(&mut self.pending_orders)
            .into_values()
            .collect()
    }

    /// Numbers and stores the events held back so far.
    pub(super) fn flush_events(&mut self) -> Result<()> {
        if self.pending_events.is_empty() {
            return Ok(());
        }
        // Held back only by a transaction that may write (`append_event`).
        let events = std::mem::take(&mut self.pending_events);
        self.last_event = Some(self.conn.insert_events(&events)?);
        Ok(())
    }

    pub(super) fn put(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<()> {
        self.exec(sql, params).map(|_| ())
    }

    /// The JSON record in the first column of the first row, if any.
    pub(super) fn one<T: DeserializeOwned>(
        &mut self,
        table: &str,
        sql: &'static str,
        params: &[Param<'_>],
    ) -> Result<Option<T>> {
        let mut rows = self.conn.rows(sql, params, 1)?;
        rows.truncate(1);
        Ok(prefetch::decoded(table, Some(rows))?.into_iter().next())
    }

    /// The JSON records in the first column of every row.
    pub(super) fn many<T: DeserializeOwned>(
        &mut self,
        table: &str,
        sql: &'static str,
        params: &[Param<'_>],
    ) -> Result<Vec<T>> {
        prefetch::decoded(table, Some(self.conn.rows(sql, params, 1)?))
    }

    pub(super) fn balance_rows(
        &mut self,
        sql: &'static str,
        params: &[Param<'_>],
    ) -> Result<Vec<Balance>> {
        prefetch::balance_rows(self.conn.rows(sql, params, 4)?)
    }

    pub(super) fn add_balance(
        &mut self,
        sku: &str,
        lot: &str,
        location: &str,
        delta: Decimal,
    ) -> Result<()> {
        let now = self.balance(sku, lot, location)? + delta;
        if now.is_zero() {
            self.put(
                "DELETE FROM balances WHERE sku = $1 AND lot = $2 AND location = $3",
                &[Text(sku), Text(lot), Text(location)],
            )?;
        } else {
            self.put(
                "INSERT INTO balances (sku, lot, location, qty) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (sku, lot, location) DO UPDATE SET qty = excluded.qty",
                &[Text(sku), Text(lot), Text(location), Text(&dec_text(now))],
            )?;
        }
        // Only stock at internal locations can be free (see `free_stock`).
        if Tx::location(self, location)?.is_some_and(|l| l.kind == LocationKind::Internal) {
            self.conn.balance_written(sku, lot, location)?;
        }
        Ok(())
    }
}
