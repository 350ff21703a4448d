//! Typed access to the store's generic records (`Tx::doc`), for entities
//! without a table of their own: suppliers, purchase orders, transfers,
//! returns, routing rules.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::Ctx;
use crate::error::{Error, Result};
use crate::store::Tx;

impl Ctx<'_> {
    /// The record `kind`/`key`, decoded.
    pub fn record<T: DeserializeOwned>(&mut self, kind: &str, key: &str) -> Result<Option<T>> {
        match self.tx.doc(kind, key)? {
            Some(v) => decode(kind, key, v).map(Some),
            None => Ok(None),
        }
    }

    /// Stores `value` as the record `kind`/`key`.
    pub fn put_record<T: Serialize>(&mut self, kind: &str, key: &str, value: &T) -> Result<()> {
        store_record(&mut *self.tx, kind, key, value)
    }

    /// Every record of `kind`, decoded, ordered by key.
    pub fn records<T: DeserializeOwned>(&mut self, kind: &str) -> Result<Vec<T>> {
        self.tx
            .docs(kind)?
            .into_iter()
            .map(|(key, v)| decode(kind, &key, v))
            .collect()
    }
}

/// Stores `value` as the record `kind`/`key` in `tx` ([`Ctx::put_record`]
/// for code that holds a transaction but no command context).
pub(super) fn store_record<T: Serialize>(
    tx: &mut dyn Tx,
    kind: &str,
    key: &str,
    value: &T,
) -> Result<()> {
    let v = serde_json::to_value(value).map_err(|e| Error::Internal {
        reason: format!("cannot encode {kind} {key}: {e}"),
    })?;
    tx.put_doc(kind, key, &v)
}

/// A stored record decoded, or a storage error naming it.
pub(super) fn decode<T: DeserializeOwned>(
    kind: &str,
    key: &str,
    v: serde_json::Value,
) -> Result<T> {
    serde_json::from_value(v).map_err(|e| Error::Storage {
        reason: format!("stored {kind} `{key}` cannot be read: {e}"),
    })
}
