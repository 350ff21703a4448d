//! Indexes over the generic records (`Tx::doc`), kept by the commands that
//! write the records, so a lookup by owner costs what it finds instead of
//! reading every record the shop ever kept:
//!
//! - open purchase orders (planning and purchase suggestions read them on
//!   every promise);
//! - returns by order and by lot (a recall asks for the returns of the lots
//!   it reaches).
//!
//! An index entry is an empty record under the key `"{owner} {id}"` (codes
//! hold no whitespace, so an owner's entries are exactly the keys starting
//! with `"{owner} "`). A store written before the indexes existed gets them
//! built once, when it is opened ([`build_if_missing`]).

use std::collections::BTreeSet;

use serde_json::Value;

use super::records::decode;
use super::Ctx;
use crate::domain::purchasing::{records, PurchaseOrder};
use crate::domain::returns::{Return, RECORD as RETURN};
use crate::error::Result;
use crate::store::Tx;

/// Open purchase orders, by id (owner: none).
pub const OPEN_PURCHASE_ORDERS: &str = "index.open_purchase_order";
/// Returns by the order they came back from.
pub const RETURNS_BY_ORDER: &str = "index.return_by_order";
/// Returns by the lots their lines name.
pub const RETURNS_BY_LOT: &str = "index.return_by_lot";
/// Orders edited since they were placed, by id: no longer what their
/// channel sent, so their reference sent again is never a replay.
pub const EDITED_ORDERS: &str = "index.order_edited";

/// Where the version of the indexes a store holds is kept.
const META: (&str, &str) = ("meta", "record_indexes");
/// Bumped when an index is added, so opening an older store builds it.
/// Version 2 links intermediate batches to the batches they feed
/// ([`super::feeds::link_legacy_intermediates`]); version 3 stores work
/// centers' loads in pieces ([`super::capacity_load::split_whole_loads`]).
const VERSION: u64 = 3;

fn entry(owner: &str, id: &str) -> String {
    format!("{owner} {id}")
}

/// The ids filed under `owner` in `index`, in id order.
pub fn ids(tx: &mut dyn Tx, index: &str, owner: &str) -> Result<Vec<String>> {
    let prefix = entry(owner, "");
    Ok(tx
        .docs_with_prefix(index, &prefix)?
        .into_iter()
        .map(|(key, _)| key[prefix.len()..].to_string())
        .collect())
}

/// The ids filed under `owner` in `index`, in id order, each with its
/// record of `kind` (`None` when there is none), read together.
pub fn filed_records(
    tx: &mut dyn Tx,
    index: &str,
    owner: &str,
    kind: &str,
) -> Result<Vec<(String, Option<Value>)>> {
    tx.indexed_docs(index, &entry(owner, ""), kind)
}

/// Tells the store that [`filed_records`] will be read with these arguments.
pub fn foresee_filed(tx: &mut dyn Tx, index: &str, owner: &str, kind: &str) {
    tx.foresee_indexed_docs(index, &entry(owner, ""), kind);
}

/// Files a purchase order as open, or takes it off, as its status says.
pub fn file_purchase_order(tx: &mut dyn Tx, po: &PurchaseOrder) -> Result<()> {
    if po.status.is_open() {
        tx.put_doc(OPEN_PURCHASE_ORDERS, &po.id, &Value::Null)
    } else {
        tx.delete_doc(OPEN_PURCHASE_ORDERS, &po.id)
    }
}

/// Files a return under its order and under every lot it names.
pub fn file_return(tx: &mut dyn Tx, ret: &Return) -> Result<()> {
    tx.put_doc(RETURNS_BY_ORDER, &entry(&ret.order, &ret.id), &Value::Null)?;
    let lots: BTreeSet<&str> = ret.lines.iter().map(|l| l.lot.as_str()).collect();
    for lot in lots {
        tx.put_doc(RETURNS_BY_LOT, &entry(lot, &ret.id), &Value::Null)?;
    }
    Ok(())
}

/// Builds the indexes from the stored records when the store has none of
/// this version yet (a store written by an older lotwise, or a new one).
pub fn build_if_missing(tx: &mut dyn Tx) -> Result<()> {
    let built = tx.doc(META.0, META.1)?.and_then(|v| v.as_u64());
    if built.is_some_and(|v| v >= VERSION) {
        return Ok(());
    }
    for (key, value) in tx.docs(records::PURCHASE_ORDER)? {
        let po: PurchaseOrder = decode(records::PURCHASE_ORDER, &key, value)?;
        file_purchase_order(tx, &po)?;
    }
    for (key, value) in tx.docs(RETURN)? {
        let ret: Return = decode(RETURN, &key, value)?;
        file_return(tx, &ret)?;
    }
    if built.is_some_and(|v| v < 2) {
        super::feeds::link_legacy_intermediates(tx)?;
    }
    super::capacity_load::split_whole_loads(tx)?;
    tx.put_doc(META.0, META.1, &Value::from(VERSION))
}

impl Ctx<'_> {
    /// The records of `kind` filed under `owner` in `index`, in id order.
    pub fn indexed_records<T: serde::de::DeserializeOwned>(
        &mut self,
        index: &str,
        owner: &str,
        kind: &str,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        for id in ids(&mut *self.tx, index, owner)? {
            if let Some(record) = self.record(kind, &id)? {
                out.push(record);
            }
        }
        Ok(out)
    }
}
