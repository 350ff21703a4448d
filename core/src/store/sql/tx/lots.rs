//! Lots in a [`SqlTx`], kept for the life of the transaction once read or
//! written: a command looks the same few lots up again and again (each
//! reservation weighs the lots in stock by expiry). Only a command with
//! the store to itself writes lots, so no other writes one meanwhile.

use super::super::Param::{MaybeText, Text};
use super::super::{date_text, to_json, SqlConn};
use super::SqlTx;
use crate::domain::lot::Lot;
use crate::error::Result;

impl<C: SqlConn> SqlTx<C> {
    pub(super) fn read_lot(&mut self, code: &str) -> Result<Option<Lot>> {
        if let Some(lot) = self.stock.lot(code) {
            return Ok(Some(lot));
        }
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
