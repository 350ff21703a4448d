//! What is reserved per SKU, lot and location, kept in `reserved_totals`
//! (schema version 5) as reservations are written and deleted, so free
//! stock reads a few rows instead of one per open reservation.
//!
//! Postgres keeps the same table with a trigger. SQLite cannot: its
//! arithmetic on the TEXT decimals would go through floating point. The
//! sums are made here, exactly, with the reservation writes and in the same
//! transaction.

use std::collections::BTreeMap;

use rusqlite::Connection;
use rust_decimal::Decimal;

use super::tx::SqliteConn;
use crate::domain::reservation::Reservation;
use crate::error::{Error, Result};
use crate::store::sql::Param::{Int, Text};
use crate::store::sql::{parse_dec, ReservationRow, SqlConn, UPSERT_RESERVATION};

/// Reserved-quantity changes per (SKU, lot, location).
type Deltas = BTreeMap<(String, String, String), Decimal>;

const HELD_BY_ID: &str = "SELECT sku, lot, location, qty FROM reservations WHERE id = $1";

impl SqliteConn<'_> {
    /// Inserts or replaces `reservations`, moving the totals from what each
    /// replaced reservation held to what it holds now.
    pub(super) fn upsert_reservations_with_totals(
        &mut self,
        reservations: &[Reservation],
    ) -> Result<()> {
        let mut deltas = Deltas::new();
        for r in reservations {
            self.forget_held(r.id as i64, &mut deltas)?;
            let row = ReservationRow::of(r)?;
            self.exec(UPSERT_RESERVATION, &row.params())?;
            *deltas
                .entry((r.sku.clone(), r.lot.clone(), r.location.clone()))
                .or_default() += r.qty;
        }
        self.apply(deltas)
    }

    /// Deletes the reservation with this id, taking it off the totals.
    pub(super) fn delete_reservation_with_totals(&mut self, id: i64) -> Result<()> {
        let mut deltas = Deltas::new();
        self.forget_held(id, &mut deltas)?;
        self.exec("DELETE FROM reservations WHERE id = $1", &[Int(id)])?;
        self.apply(deltas)
    }

    /// Subtracts what the stored reservation `id` holds (if any) in `deltas`.
    fn forget_held(&mut self, id: i64, deltas: &mut Deltas) -> Result<()> {
        if self.fresh_reservations.remove(&id) {
            return Ok(());
        }
        for row in self.rows(HELD_BY_ID, &[Int(id)], 4)? {
            let [sku, lot, location, qty] =
                <[String; 4]>::try_from(row).map_err(|_| Error::Internal {
                    reason: "a reservation row without four columns".into(),
                })?;
            let qty = parse_dec("reservations", &qty)?;
            *deltas.entry((sku, lot, location)).or_default() -= qty;
        }
        Ok(())
    }

    /// Adds `deltas` to the stored totals; a total that reaches zero goes.
    fn apply(&mut self, deltas: Deltas) -> Result<()> {
        for ((sku, lot, location), delta) in deltas {
            if delta.is_zero() {
                continue;
            }
            let key = [Text(&sku), Text(&lot), Text(&location)];
            let was = match self
                .rows(
                    "SELECT qty FROM reserved_totals WHERE sku = $1 AND lot = $2 AND location = $3",
                    &key,
                    1,
                )?
                .pop()
                .and_then(|row| row.into_iter().next())
            {
                Some(text) => parse_dec("reserved_totals", &text)?,
                None => Decimal::ZERO,
            };
            let now = was + delta;
            if now.is_zero() {
                self.exec(
                    "DELETE FROM reserved_totals WHERE sku = $1 AND lot = $2 AND location = $3",
                    &key,
                )?;
            } else {
                let qty = now.to_string();
                self.exec(
                    "INSERT INTO reserved_totals (sku, lot, location, qty) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (sku, lot, location) DO UPDATE SET qty = excluded.qty",
                    &[Text(&sku), Text(&lot), Text(&location), Text(&qty)],
                )?;
            }
            self.unsettled_free.insert((sku, lot, location));
        }
        Ok(())
    }
}

/// Fills `reserved_totals` from the stored reservations, summed exactly
/// (the data step of schema version 5).
pub(super) fn backfill(conn: &Connection) -> rusqlite::Result<()> {
    let mut sums = Deltas::new();
    {
        let mut stmt = conn.prepare("SELECT sku, lot, location, qty FROM reservations")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let qty = decimal_column(row, 3)?;
            *sums
                .entry((row.get(0)?, row.get(1)?, row.get(2)?))
                .or_default() += qty;
        }
    }
    let mut insert = conn
        .prepare("INSERT INTO reserved_totals (sku, lot, location, qty) VALUES (?1, ?2, ?3, ?4)")?;
    for ((sku, lot, location), qty) in sums {
        if !qty.is_zero() {
            insert.execute([sku, lot, location, qty.to_string()])?;
        }
    }
    Ok(())
}

/// Column `i` of a migration's row, a TEXT decimal, parsed exactly: a data
/// step's one way to read the quantities SQLite cannot add or compare.
pub(super) fn decimal_column(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Decimal> {
    let text: String = row.get(i)?;
    text.parse().map_err(|e: rust_decimal::Error| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}
