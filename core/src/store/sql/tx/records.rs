//! Generic records (`docs`) in a [`SqlTx`]; the kinds that belong to the
//! catalog ([`CATALOG_RECORDS`]) are kept with it, like items.

use super::super::Param::Text;
use super::super::{from_json, to_json, LockSpace, SqlConn, CATALOG_RECORDS};
use crate::domain::customer::records as customer;

/// Record kinds a concurrent transaction may write once it holds a customer
/// identity lock.
const CUSTOMER_RECORDS: [&str; 4] = [
    customer::CUSTOMER,
    customer::BY_EMAIL,
    customer::BY_CHANNEL_ID,
    customer::ORDERS,
];
use super::SqlTx;
use crate::error::Result;

impl<C: SqlConn> SqlTx<C> {
    pub(super) fn read_doc(&mut self, kind: &str, key: &str) -> Result<Option<serde_json::Value>> {
        if CATALOG_RECORDS.contains(&kind) {
            return Ok(self
                .catalog_docs(kind)?
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone()));
        }
        self.flush_docs()?;
        self.one(
            "docs",
            "SELECT data FROM docs WHERE kind = $1 AND key = $2",
            &[Text(kind), Text(key)],
        )
    }

    pub(super) fn write_doc(
        &mut self,
        kind: &str,
        key: &str,
        value: &serde_json::Value,
    ) -> Result<()> {
        // Customer records are written side by side under their identity
        // locks (see `Tx::lock_customer`); every other record needs the
        // exclusive lock.
        // An order's entry in the by-customer index is keyed by the new
        // order's id: nobody else writes it, so it needs no lock.
        let customer_kind = CUSTOMER_RECORDS.contains(&kind);
        let own_entry = kind == customer::ORDERS;
        if !(own_entry || customer_kind && self.guard.holds_any(LockSpace::Customer)) {
            self.guard.exclusive("writing a record")?;
        }
        self.record_changes(kind)?;
        self.hold_doc(kind, key, Some(to_json(value)?))
    }

    pub(super) fn remove_doc(&mut self, kind: &str, key: &str) -> Result<()> {
        self.guard.exclusive("deleting a record")?;
        self.record_changes(kind)?;
        self.hold_doc(kind, key, None)
    }

    /// Keeps a record write (`None`: a delete) until commit, or until a
    /// read of the table: indexes such as an order's entry under its
    /// customer then cost no round trip of their own.
    fn hold_doc(&mut self, kind: &str, key: &str, data: Option<String>) -> Result<()> {
        self.guard.writable()?;
        self.foreseen.forget();
        self.pending_docs
            .insert((kind.to_string(), key.to_string()), data);
        Ok(())
    }

    /// Sends the record writes held back so far, before a query that reads them.
    pub(super) fn flush_docs(&mut self) -> Result<()> {
        if self.pending_docs.is_empty() {
            return Ok(());
        }
        let docs: Vec<_> = std::mem::take(&mut self.pending_docs).into_iter().collect();
        self.conn.write_docs(&docs)
    }

    /// The records of `kind` whose key starts with `prefix`: a seek of the
    /// (kind, key) primary key between `prefix` and the first string after
    /// every key it starts (keys compare as bytes on both backends).
    pub(super) fn read_docs_with_prefix(
        &mut self,
        kind: &str,
        prefix: &str,
    ) -> Result<Vec<(String, serde_json::Value)>> {
        let cached = self.catalog.records.contains_key(kind);
        let Some(end) = prefix_end(prefix).filter(|_| !cached) else {
            let mut docs = self.read_docs(kind)?;
            docs.retain(|(key, _)| key.starts_with(prefix));
            return Ok(docs);
        };
        self.flush_docs()?;
        let rows = self.conn.rows(
            "SELECT key, data FROM docs WHERE kind = $1 AND key >= $2 AND key < $3 ORDER BY key",
            &[Text(kind), Text(prefix), Text(&end)],
            2,
        )?;
        rows.into_iter()
            .map(|row| {
                let (key, data) = split_last(row)?;
                Ok((key.into_iter().next().unwrap_or_default(), data))
            })
            .collect()
    }

    /// [`Tx::indexed_docs`](crate::store::Tx::indexed_docs) in one query:
    /// the index's key range joined to the records its entries name (the
    /// key past the prefix; `length` and `substr` count characters on both
    /// backends).
    pub(super) fn read_indexed_docs(
        &mut self,
        index: &str,
        prefix: &str,
        record_kind: &str,
    ) -> Result<Vec<(String, Option<serde_json::Value>)>> {
        let cached = self.catalog.records.contains_key(index)
            || self.catalog.records.contains_key(record_kind);
        let end = prefix_end(prefix).filter(|_| !cached);
        let Some(end) = end else {
            // A catalog kind (kept in memory) or an unbounded prefix.
            return crate::store::indexed_docs_one_by_one(self, index, prefix, record_kind);
        };
        // Read ahead with an earlier batch, and nothing written since.
        if let Some(found) = self.foreseen.take_result(index, prefix, record_kind) {
            return Ok(found);
        }
        self.flush_docs()?;
        let rows = self.conn.rows(
            INDEXED_DOCS,
            &[Text(index), Text(prefix), Text(&end), Text(record_kind)],
            2,
        )?;
        indexed_rows(prefix, rows)
    }

    pub(super) fn read_docs(&mut self, kind: &str) -> Result<Vec<(String, serde_json::Value)>> {
        if let Some(records) = self.catalog.records.get(kind) {
            return Ok(records.clone());
        }
        self.flush_docs()?;
        let rows = self.conn.rows(
            "SELECT key, data FROM docs WHERE kind = $1 ORDER BY key",
            &[Text(kind)],
            2,
        )?;
        let records = rows
            .into_iter()
            .map(|row| {
                let (key, data) = split_last(row)?;
                Ok((key.into_iter().next().unwrap_or_default(), data))
            })
            .collect::<Result<Vec<_>>>()?;
        if CATALOG_RECORDS.contains(&kind) {
            self.catalog
                .records
                .insert(kind.to_string(), records.clone());
            self.learn(|c| {
                c.records.insert(kind.to_string(), records.clone());
            });
        }
        Ok(records)
    }

    /// A catalog kind's records, from the kept catalog: read whole the
    /// first time (`read_docs` keeps them), so later commands ask the
    /// database nothing.
    fn catalog_docs(&mut self, kind: &str) -> Result<&[(String, serde_json::Value)]> {
        if !self.catalog.records.contains_key(kind) {
            self.read_docs(kind)?;
        }
        Ok(self.catalog.records.get(kind).map_or(&[], Vec::as_slice))
    }

    /// Whether `kind` has any record: from the kept catalog for catalog
    /// kinds, else one row looked up.
    pub(super) fn read_has_docs(&mut self, kind: &str) -> Result<bool> {
        if CATALOG_RECORDS.contains(&kind) {
            return Ok(!self.catalog_docs(kind)?.is_empty());
        }
        self.flush_docs()?;
        let any = self.conn.int(
            "SELECT CAST(1 AS BIGINT) FROM docs WHERE kind = $1 LIMIT 1",
            &[Text(kind)],
        )?;
        Ok(any.is_some())
    }

    pub(super) fn read_all_docs(&mut self) -> Result<Vec<(String, String, serde_json::Value)>> {
        self.flush_docs()?;
        let rows = self.conn.rows(
            "SELECT kind, key, data FROM docs ORDER BY kind, key",
            &[],
            3,
        )?;
        rows.into_iter()
            .map(|row| {
                let (cols, data) = split_last(row)?;
                let mut cols = cols.into_iter();
                let kind = cols.next().unwrap_or_default();
                let key = cols.next().unwrap_or_default();
                Ok((kind, key, data))
            })
            .collect()
    }

    /// Notes that this transaction writes a record of `kind`: for a kind
    /// of the catalog, that it changes the catalog.
    fn record_changes(&mut self, kind: &str) -> Result<()> {
        if CATALOG_RECORDS.contains(&kind) {
            self.catalog_changes()?;
            self.catalog.records.remove(kind);
        }
        Ok(())
    }
}

/// An index's entries with the records they name: index kind `$1`, key
/// range `$2`..`$3` (the prefix and [`prefix_end`] of it), record kind `$4`.
/// Parameters first appear in their order: SQLite numbers `$n` names as
/// they come. `COALESCE`: a row per entry, its record or the empty string
/// (rows are read as text, NULL refused).
pub(super) const INDEXED_DOCS: &str =
    "WITH i AS (SELECT key FROM docs WHERE kind = $1 AND key >= $2 AND key < $3)
     SELECT i.key, COALESCE(r.data, '') FROM i
     LEFT JOIN docs r ON r.kind = $4 AND r.key = substr(i.key, length($2) + 1)
     ORDER BY i.key";

/// The rows of [`INDEXED_DOCS`] as (id past `prefix`, record).
pub(super) fn indexed_rows(
    prefix: &str,
    rows: Vec<Vec<String>>,
) -> Result<Vec<(String, Option<serde_json::Value>)>> {
    rows.into_iter()
        .map(|mut row| {
            let data = row.pop().unwrap_or_default();
            let key = row.pop().unwrap_or_default();
            let id = key.get(prefix.len()..).unwrap_or_default().to_string();
            let doc = if data.is_empty() {
                None
            } else {
                Some(from_json("docs", &data)?)
            };
            Ok((id, doc))
        })
        .collect()
}

/// A `docs` row: its leading key columns and its record (the last column).
fn split_last(mut row: Vec<String>) -> Result<(Vec<String>, serde_json::Value)> {
    let data = row.pop().unwrap_or_default();
    Ok((row, from_json("docs", &data)?))
}

/// The smallest string greater than every string that starts with
/// `prefix`: the prefix with its last character moved one code point up
/// (`None` for an empty prefix, or one ending in the last code point).
pub(super) fn prefix_end(prefix: &str) -> Option<String> {
    let last = prefix.chars().next_back()?;
    let next = (u32::from(last) + 1..=u32::from(char::MAX)).find_map(char::from_u32)?;
    let mut end = prefix[..prefix.len() - last.len_utf8()].to_string();
    end.push(next);
    Some(end)
}
