//! Stock with something free in a [`SqlTx`]: read from the backend's
//! `free_stock` index, so the lots waiting on the shelf fully reserved for
//! their orders are never read.

use rust_decimal::Decimal;

use super::super::Param::Text;
use super::super::{parse_dec, SqlConn};
use super::SqlTx;
use crate::domain::ledger::Balance;
use crate::error::{Error, Result};
use crate::store::{free_rows, Tx};

impl<C: SqlConn> SqlTx<C> {
    /// [`Tx::free_stock_of_item`]: what a concurrent command read with the
    /// SKU's lock, else the `free_stock` rows with their balances, reserved
    /// totals and lots (this transaction's reservations written first).
    pub(super) fn read_free_stock_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        self.lock_stock(sku)?;
        let sql = match self.conn.free_stock_sql() {
            Some(sql) if self.stock.balances(sku).is_none() => sql,
            _ => {
                let reserved = self.reserved_of_item(sku)?;
                return Ok(free_rows(self.stock_of_item(sku)?, &reserved));
            }
        };
        self.flush_reservations()?;
        self.conn.settle_free_stock()?;
        let mut rows = self.conn.rows(sql, &[Text(sku)], 6)?;
        // The lot records come along, as with stock read per location: the
        // caller weighs each lot's expiry and hold next.
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
        Ok(on_hand
            .into_iter()
            .zip(reserved)
            .filter_map(|(mut b, held): (Balance, Decimal)| {
                b.qty -= held;
                (b.qty > Decimal::ZERO).then_some(b)
            })
            .collect())
    }
}
