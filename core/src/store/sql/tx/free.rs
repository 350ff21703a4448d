//! Stock with something free in a [`SqlTx`]: read from the backend's
//! `free_stock` index, so the lots waiting on the shelf fully reserved for
//! their orders are never read.

use rust_decimal::Decimal;

use super::super::Param::Text;
use super::super::{parse_dec, SqlConn};
use super::SqlTx;
use crate::domain::ledger::Balance;
use crate::error::{Error, Result};
use crate::store::less_reserved;

impl<C: SqlConn> SqlTx<C> {
    /// [`Tx::free_stock_of_item`](crate::store::Tx::free_stock_of_item):
    /// what a concurrent command read with the SKU's lock, else the
    /// `free_stock` rows with their balances, reserved totals and lots
    /// (this transaction's writes settled first).
    pub(super) fn read_free_stock_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        self.lock_stock(sku)?;
        if let Some(free) = self.stock.free(sku) {
            return Ok(free);
        }
        self.flush_reservations()?;
        self.conn.settle_free_stock()?;
        let rows = self
            .conn
            .rows(self.conn.free_stock_sql(), &[Text(sku)], 6)?;
        Ok(less_reserved(self.free_rows_with_lots(rows)?))
    }

    /// The rows of [`SqlConn::free_stock_sql`] as (on hand, reserved) per
    /// lot and location. The lots' records come along, as with stock read
    /// per location, and are kept: the caller weighs each lot's expiry and
    /// hold next.
    pub(super) fn free_rows_with_lots(
        &mut self,
        mut rows: Vec<Vec<String>>,
    ) -> Result<Vec<(Balance, Decimal)>> {
        let mut reserved = Vec::with_capacity(rows.len());
        for row in &mut rows {
            let lot = row.pop().unwrap_or_default();
            let held = row.pop().ok_or_else(|| Error::Internal {
                reason: "a free-stock row without its reserved total".into(),
            })?;
            reserved.push(parse_dec("reserved_totals", &held)?);
            row.push(lot);
        }
        let on_hand = self.balances_with_lots(rows)?;
        Ok(on_hand.into_iter().zip(reserved).collect())
    }
}
