//! Delays raised early: an order is late as soon as its projected delivery
//! passes the date it was promised, not only once that date has passed.
//!
//! The engine projects each confirmed order again (its batches replanned
//! from now when they have not started on time or still wait for
//! materials) and compares, line by line, with the promised dates; this
//! module holds what it found and the pure comparison.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::calendar::short_date;
use super::order::SalesOrder;
use super::promise::{Basis, Promise};

/// Why an order is late, kept on the order while it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrderDelay {
    /// When lotwise first saw the order would be late.
    pub since: DateTime<Utc>,
    /// The late lines.
    pub lines: Vec<DelayedLine>,
}

/// One line whose projected delivery is after its promised date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DelayedLine {
    /// Order line number.
    pub line: u32,
    /// Item.
    pub sku: String,
    /// The day promised to the customer.
    pub promised_date: NaiveDate,
    /// The day it can arrive now, as projected.
    pub projected_date: NaiveDate,
    /// The batch that decides, if one does.
    pub mo: Option<String>,
    /// What decides the projected date (a material, a work center, a cure).
    pub basis: Basis,
    /// The same in words a person reads.
    pub reason: String,
}

/// What `check_delays` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DelayCheck {
    /// Orders projected (confirmed, open, with a promised date).
    pub checked: usize,
    /// Orders that became late now: each got one `order_delayed` event.
    pub newly_delayed: Vec<String>,
    /// Orders already known to be late and still late (no new event).
    pub still_delayed: Vec<String>,
    /// Orders that were late and are back on time.
    pub cleared: Vec<String>,
}

/// The lines of `order` whose projected delivery in `projected` falls
/// after their promised date. `batch` names the batch deciding a line
/// (from its projected supplies), `why` adds what it waits for.
pub fn late_lines(
    order: &SalesOrder,
    projected: &Promise,
    batch: &dyn Fn(u32) -> Option<(String, String)>,
) -> Vec<DelayedLine> {
    let mut out = Vec::new();
    for lp in &projected.lines {
        let Ok(line) = order.line(lp.line) else {
            continue;
        };
        let Some(promised) = line.promised_date else {
            continue;
        };
        if line.shipped >= line.qty.value || lp.promised_date <= promised {
            continue;
        }
        let (mo, waits) = match batch(lp.line) {
            Some((mo, waits)) => (Some(mo), waits),
            None => (None, String::new()),
        };
        let head = format!(
            "promised {}, now {}",
            short_date(promised),
            short_date(lp.promised_date)
        );
        let reason = match (&mo, waits.is_empty()) {
            (Some(mo), false) => format!("{head}: {mo} {waits}; {}", lp.explanation),
            (Some(mo), true) => format!("{head} ({mo}): {}", lp.explanation),
            (None, _) => format!("{head}: {}", lp.explanation),
        };
        out.push(DelayedLine {
            line: lp.line,
            sku: lp.sku.clone(),
            promised_date: promised,
            projected_date: lp.promised_date,
            mo,
            basis: lp.basis.clone(),
            reason,
        });
    }
    out
}
