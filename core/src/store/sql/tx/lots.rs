//! Lots in a [`SqlTx`], kept for the life of the transaction once read or
//! written: a command looks the same few lots up again and again (each
//! reservation weighs the lots in stock by expiry). Only a command with
//! the store to itself writes lots, so no other writes one meanwhile.

use super::super::Param::{MaybeText, Text};
use super::super::{date_text, from_json, to_json, SqlConn};
use super::{prefetch, SqlTx};
use crate::domain::ledger::Balance;
use crate::domain::location::LocationKind;
use crate::domain::lot::Lot;
use crate::error::Result;
use crate::store::location_codes;

impl<C: SqlConn> SqlTx<C> {
    pub(super) fn read_lot(&mut self, code: &str) -> Result<Option<Lot>> {
        if let Some(known) = self.known_lots.get(code) {
            return Ok(known.clone());
        }
        let lot: Option<Lot> = self.one(
            "lots",
            "SELECT data FROM lots WHERE code = $1",
            &[Text(code)],
        )?;
        self.known_lots.insert(code.to_string(), lot.clone());
        Ok(lot)
    }

    /// The item's non-zero balances at the locations whose kind `keep`
    /// accepts (its stock, or all it holds), by lot then location: one
    /// index seek per such location (`balances (sku, location, lot)`), so
    /// the rows every lot the item ever had left at the customer and
    /// production locations are never read. The lots come with them.
    pub(super) fn balances_at_kinds(
        &mut self,
        sku: &str,
        keep: fn(LocationKind) -> bool,
    ) -> Result<Vec<Balance>> {
        let kept = location_codes(self, keep)?;
        let mut out = Vec::new();
        let sql = self.conn.stock_at_location_sql();
        for location in &kept {
            let rows = self.conn.rows(sql, &[Text(sku), Text(location)], 5)?;
            out.extend(self.balances_with_lots(rows)?);
        }
        out.sort_by(|a, b| (&a.lot, &a.location).cmp(&(&b.lot, &b.location)));
        Ok(out)
    }

    /// Balances read with their lots' records (`sku, lot, location, qty,
    /// data`, see [`SqlConn::stock_at_location_sql`]); the lots not known
    /// yet are kept for the transaction.
    pub(super) fn balances_with_lots(&mut self, rows: Vec<Vec<String>>) -> Result<Vec<Balance>> {
        let mut balance_rows = Vec::with_capacity(rows.len());
        for mut row in rows {
            // The record is the last of the five columns; the rest a balance.
            let data = row.pop().unwrap_or_default();
            if let Some(code) = row.get(1).filter(|c| !self.known_lots.contains_key(*c)) {
                if !data.is_empty() {
                    let lot: Lot = from_json("lots", &data)?;
                    self.known_lots.insert(code.clone(), Some(lot));
                }
            }
            balance_rows.push(row);
        }
        prefetch::balance_rows(balance_rows)
    }

    pub(super) fn write_lot(&mut self, lot: &Lot) -> Result<()> {
        self.guard.exclusive("writing a lot")?;
        let expiry = date_text(lot.expiry);
        self.put(
            "INSERT INTO lots (code, sku, expiry, data) VALUES ($1, $2, $3, $4)
             ON CONFLICT (code) DO UPDATE
             SET sku = excluded.sku, expiry = excluded.expiry, data = excluded.data",
            &[
                Text(&lot.code),
                Text(&lot.sku),
                MaybeText(expiry.as_deref()),
                Text(&to_json(lot)?),
            ],
        )?;
        self.known_lots.insert(lot.code.clone(), Some(lot.clone()));
        Ok(())
    }
}
