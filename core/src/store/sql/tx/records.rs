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
        if let Some(records) = self.catalog.records.get(kind) {
            return Ok(records
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone()));
        }
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
        self.put(
            "INSERT INTO docs (kind, key, data) VALUES ($1, $2, $3)
             ON CONFLICT (kind, key) DO UPDATE SET data = excluded.data",
            &[Text(kind), Text(key), Text(&to_json(value)?)],
        )
    }

    pub(super) fn remove_doc(&mut self, kind: &str, key: &str) -> Result<()> {
        self.guard.exclusive("deleting a record")?;
        self.record_changes(kind)?;
        self.put(
            "DELETE FROM docs WHERE kind = $1 AND key = $2",
            &[Text(kind), Text(key)],
        )
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

    pub(super) fn read_docs(&mut self, kind: &str) -> Result<Vec<(String, serde_json::Value)>> {
        if let Some(records) = self.catalog.records.get(kind) {
            return Ok(records.clone());
        }
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

    pub(super) fn read_all_docs(&mut self) -> Result<Vec<(String, String, serde_json::Value)>> {
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

/// A `docs` row: its leading key columns and its record (the last column).
fn split_last(mut row: Vec<String>) -> Result<(Vec<String>, serde_json::Value)> {
    let data = row.pop().unwrap_or_default();
    Ok((row, from_json("docs", &data)?))
}

/// The smallest string greater than every string that starts with
/// `prefix`: the prefix with its last character moved one code point up
/// (`None` for an empty prefix, or one ending in the last code point).
fn prefix_end(prefix: &str) -> Option<String> {
    let last = prefix.chars().next_back()?;
    let next = (u32::from(last) + 1..=u32::from(char::MAX)).find_map(char::from_u32)?;
    let mut end = prefix[..prefix.len() - last.len_utf8()].to_string();
    end.push(next);
    Some(end)
}
