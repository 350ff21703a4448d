//! Keyset cursors: the sort key and id of the last row shown, opaque to
//! callers (base64url of a small JSON), checked against the query's sort.

use std::cmp::Ordering;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{due_date, DeskSort};
use crate::domain::order::{OrderStatus, SalesOrder};
use crate::error::{Error, Result};

/// The value a row is sorted by, as stored in a cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "k", content = "v", rename_all = "snake_case")]
pub(super) enum SortKey {
    At(DateTime<Utc>),
    Status(OrderStatus),
    Text(String),
    Date(Option<NaiveDate>),
}

pub(super) fn sort_key(sort: DeskSort, order: &SalesOrder) -> SortKey {
    match sort {
        DeskSort::PlacedAtAsc | DeskSort::PlacedAtDesc => SortKey::At(order.placed_at),
        DeskSort::Status => SortKey::Status(order.status),
        DeskSort::Customer => SortKey::Text(order.customer.name.to_lowercase()),
        DeskSort::PromisedDate => SortKey::Date(due_date(order)),
    }
}

/// The total order of a sort over (key, id). Keys of another kind than the
/// sort's never occur: cursors are checked when decoded.
pub(super) fn compare(sort: DeskSort, a: (&SortKey, &str), b: (&SortKey, &str)) -> Ordering {
    let by_key = match (a.0, b.0) {
        (SortKey::At(x), SortKey::At(y)) => x.cmp(y),
        (SortKey::Status(x), SortKey::Status(y)) => x.cmp(y),
        (SortKey::Text(x), SortKey::Text(y)) => x.cmp(y),
        // Orders without a date go last.
        (SortKey::Date(x), SortKey::Date(y)) => (x.is_none(), x).cmp(&(y.is_none(), y)),
        _ => Ordering::Equal,
    };
    let ordering = by_key.then_with(|| a.1.cmp(b.1));
    if sort == DeskSort::PlacedAtDesc {
        ordering.reverse()
    } else {
        ordering
    }
}

/// What a cursor holds: the sort it belongs to and the last row's position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub(super) struct Cursor {
    pub sort: DeskSort,
    pub key: SortKey,
    pub id: String,
}

pub(super) fn encode_cursor(cursor: &Cursor) -> Result<String> {
    let json = serde_json::to_vec(cursor).map_err(|e| Error::Internal {
        reason: format!("desk cursor: {e}"),
    })?;
    Ok(URL_SAFE_NO_PAD.encode(json))
}

pub(super) fn decode_cursor(text: &str, sort: DeskSort) -> Result<Cursor> {
    let bad = |reason: &str| Error::invalid_input("cursor", text, reason);
    let bytes = URL_SAFE_NO_PAD
        .decode(text.trim())
        .map_err(|_| bad("not a desk cursor"))?;
    let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| bad("not a desk cursor"))?;
    let key_fits = matches!(
        (sort, &cursor.key),
        (
            DeskSort::PlacedAtAsc | DeskSort::PlacedAtDesc,
            SortKey::At(_)
        ) | (DeskSort::Status, SortKey::Status(_))
            | (DeskSort::Customer, SortKey::Text(_))
            | (DeskSort::PromisedDate, SortKey::Date(_))
    );
    if cursor.sort != sort || !key_fits {
        return Err(bad("belongs to a query with another sort"));
    }
    Ok(cursor)
}
