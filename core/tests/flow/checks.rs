//! What the story compares at every step: reservations and ledger movements
//! as plain tuples, and the check of a status-change event.

use lotwise::{Decimal, Demand, Event, Lotwise, Reservation};
use serde_json::json;

use super::common::dec;

/// Reservations as `(sku, lot, qty, held for)` with `SO-…/line` or `MO-…`.
pub(super) fn reservations(lw: &Lotwise) -> Vec<(String, String, Decimal, String)> {
    let mut out: Vec<_> = lw
        .reservations()
        .unwrap()
        .into_iter()
        .map(|r: Reservation| {
            let held_for = match r.demand {
                Demand::OrderLine { order, line } => format!("{order}/{line}"),
                Demand::MoInput { mo } => mo,
            };
            (r.sku, r.lot, r.qty, held_for)
        })
        .collect();
    out.sort();
    out
}

pub(super) fn res(
    sku: &str,
    lot: &str,
    q: &str,
    held_for: &str,
) -> (String, String, Decimal, String) {
    (sku.into(), lot.into(), dec(q), held_for.into())
}

pub(super) fn movement(
    sku: &str,
    lot: &str,
    from: &str,
    to: &str,
    q: &str,
    reason: &str,
    doc: Option<&str>,
) -> (
    String,
    String,
    String,
    String,
    Decimal,
    String,
    Option<String>,
) {
    (
        sku.into(),
        lot.into(),
        from.into(),
        to.into(),
        dec(q),
        reason.into(),
        doc.map(str::to_string),
    )
}

pub(super) fn status_change(e: &Event, subject: &str, from: &str, to: &str) {
    assert_eq!(e.subject, subject, "{e:?}");
    assert_eq!(e.data.to_json(), json!({ "from": from, "to": to }), "{e:?}");
}
