//! Stock with something free, per SKU, lot and location (`free_stock`,
//! schema version 8): the lots reserving reads, so those waiting on the
//! shelf fully reserved for their orders are never walked.
//!
//! Postgres keeps the same table with triggers. SQLite cannot compare the
//! TEXT decimals exactly (its arithmetic goes through floating point), so
//! the rows are filed here: each (SKU, lot, location) whose balance at an
//! internal location or reserved total a transaction changes is filed anew
//! once, before free stock is read and before the transaction commits.

use rusqlite::Connection;

use super::reserved::decimal_column;
use super::tx::SqliteConn;
use crate::error::{Error, Result};
use crate::store::sql::Param::Text;
use crate::store::sql::{parse_dec, SqlConn};

/// What decides whether (SKU `$1`, lot `$2`, location `$3`) is filed: on
/// hand, reserved, the location's kind, and whether it is filed now.
const FREE_STATE: &str = "SELECT
    coalesce((SELECT qty FROM balances WHERE sku = $1 AND lot = $2 AND location = $3), '0'),
    coalesce((SELECT qty FROM reserved_totals WHERE sku = $1 AND lot = $2 AND location = $3), '0'),
    coalesce((SELECT json_extract(data, '$.kind') FROM locations WHERE code = $3), ''),
    CASE WHEN EXISTS (SELECT 1 FROM free_stock WHERE sku = $1 AND lot = $2 AND location = $3)
         THEN 'y' ELSE 'n' END";

/// [`SqlConn::free_stock_sql`].
pub(super) const FREE_STOCK_OF_SKU: &str =
    "SELECT f.sku, f.lot, f.location, b.qty, coalesce(r.qty, '0'), coalesce(l.data, '')
     FROM free_stock f
     JOIN balances b ON b.sku = f.sku AND b.lot = f.lot AND b.location = f.location
     LEFT JOIN reserved_totals r
       ON r.sku = f.sku AND r.lot = f.lot AND r.location = f.location
     LEFT JOIN lots l ON l.code = f.lot
     WHERE f.sku = $1 ORDER BY f.lot, f.location";

const FILE_FREE: &str = "INSERT OR IGNORE INTO free_stock (sku, lot, location) VALUES ($1, $2, $3)";
const UNFILE_FREE: &str = "DELETE FROM free_stock WHERE sku = $1 AND lot = $2 AND location = $3";

impl SqliteConn<'_> {
    /// Files anew every (SKU, lot, location) whose balance or reserved
    /// total changed since the last time.
    pub(super) fn settle_free(&mut self) -> Result<()> {
        for (sku, lot, location) in std::mem::take(&mut self.unsettled_free) {
            self.refile_free(&sku, &lot, &location)?;
        }
        Ok(())
    }

    /// Files (SKU, lot, location) in `free_stock` when it is at an internal
    /// location with more on hand than reserved, and takes it out
    /// otherwise; writes only a change.
    fn refile_free(&mut self, sku: &str, lot: &str, location: &str) -> Result<()> {
        let key = [Text(sku), Text(lot), Text(location)];
        let row = self.rows(FREE_STATE, &key, 4)?.pop();
        let Some([on_hand, reserved, kind, filed]) =
            row.and_then(|r| <[String; 4]>::try_from(r).ok())
        else {
            return Err(Error::Internal {
                reason: "free stock's state without four columns".into(),
            });
        };
        let free = kind == "internal"
            && parse_dec("balances", &on_hand)? > parse_dec("reserved_totals", &reserved)?;
        match (free, filed == "y") {
            (true, false) => self.exec(FILE_FREE, &key).map(|_| ()),
            (false, true) => self.exec(UNFILE_FREE, &key).map(|_| ()),
            _ => Ok(()),
        }
    }
}

/// Fills `free_stock` from the stored balances and reserved totals,
/// compared exactly (the data step of schema version 8).
pub(super) fn backfill(conn: &Connection) -> rusqlite::Result<()> {
    let mut free = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT b.sku, b.lot, b.location, b.qty, coalesce(r.qty, '0')
             FROM balances b
             JOIN locations l ON l.code = b.location
             LEFT JOIN reserved_totals r
               ON r.sku = b.sku AND r.lot = b.lot AND r.location = b.location
             WHERE json_extract(l.data, '$.kind') = 'internal'",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if decimal_column(row, 3)? > decimal_column(row, 4)? {
                let key: (String, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
                free.push(key);
            }
        }
    }
    let mut insert =
        conn.prepare("INSERT INTO free_stock (sku, lot, location) VALUES (?1, ?2, ?3)")?;
    for (sku, lot, location) in free {
        insert.execute([sku, lot, location])?;
    }
    Ok(())
}
