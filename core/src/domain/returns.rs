//! Customer returns: goods coming back against shipped order lines, lot by
//! lot, with a reason and a disposition (restock, quarantine, scrap).
//!
//! A lot can come back at most as often as it left: per order line and lot,
//! returned ≤ shipped, over every return of the order.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::quantity::Qty;
use super::shipment::Shipment;
use crate::error::{Error, Result};

/// Record kind under which returns are stored (`Tx::doc`), keyed by id.
pub const RECORD: &str = "return";

/// Code of the quarantine location used when a disposition names none.
pub const QUARANTINE: &str = "QUARANTINE";

/// What happens to returned goods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Disposition {
    /// Back to sellable stock at an internal location (`MAIN` when absent).
    Restock {
        /// The internal location to restock at; `None` means `MAIN`.
        #[serde(default)]
        location: Option<String>,
    },
    /// Held for inspection at a quarantine location (`QUARANTINE` when absent).
    Quarantine {
        /// The location to hold the goods at; `None` means [`QUARANTINE`].
        #[serde(default)]
        location: Option<String>,
    },
    /// Written off.
    Scrap,
}

impl Disposition {
    /// snake_case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Disposition::Restock { .. } => "restock",
            Disposition::Quarantine { .. } => "quarantine",
            Disposition::Scrap => "scrap",
        }
    }
}

/// One returned lot as the caller gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReturnLine {
    /// Order line number.
    pub line: u32,
    /// Lot that came back; it must have shipped on that line.
    pub lot: String,
    /// Quantity, any unit of the item's dimension.
    pub qty: Qty,
    /// Why the customer sent it back.
    pub reason: String,
    /// What to do with it.
    pub disposition: Disposition,
}

/// Input to `record_return`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReturn {
    /// Sales order.
    pub order: String,
    /// Lines, at least one.
    pub lines: Vec<NewReturnLine>,
    /// Free-text note (an RMA number, say).
    #[serde(default)]
    pub note: Option<String>,
}

/// One booked return line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReturnLine {
    /// Order line number.
    pub line: u32,
    /// Item.
    pub sku: String,
    /// Lot.
    pub lot: String,
    /// Quantity, base unit.
    pub qty: Decimal,
    /// Why.
    pub reason: String,
    /// Restock, quarantine or scrap (`restock` …).
    pub disposition: String,
    /// The location the goods went to.
    pub location: String,
}

/// A booked return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Return {
    /// lotwise id, e.g. `RT-000001`.
    pub id: String,
    /// Sales order.
    pub order: String,
    /// Customer name, for recall reports.
    pub customer: String,
    /// Lines.
    pub lines: Vec<ReturnLine>,
    /// Note.
    pub note: Option<String>,
    /// When it was booked.
    pub returned_at: DateTime<Utc>,
}

/// Per (order line, lot): shipped minus already returned.
pub fn returnable(shipments: &[Shipment], returns: &[Return]) -> BTreeMap<(u32, String), Decimal> {
    let mut out: BTreeMap<(u32, String), Decimal> = BTreeMap::new();
    for s in shipments {
        for l in &s.lines {
            *out.entry((l.line, l.lot.clone())).or_default() += l.qty;
        }
    }
    for r in returns {
        for l in &r.lines {
            *out.entry((l.line, l.lot.clone())).or_default() -= l.qty;
        }
    }
    out
}

/// Takes `qty` of (`line`, `lot`) out of `left`, or `return_exceeds_shipped`
/// with what may still come back.
pub fn take_returnable(
    left: &mut BTreeMap<(u32, String), Decimal>,
    order: &str,
    line: u32,
    lot: &str,
    qty: Decimal,
) -> Result<()> {
    let room = left.entry((line, lot.to_string())).or_default();
    if qty > *room {
        return Err(Error::ReturnExceedsShipped {
            order: order.into(),
            line,
            lot: lot.into(),
            requested: qty,
            returnable: (*room).max(Decimal::ZERO),
        });
    }
    *room -= qty;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shipment::ShipmentLine;

    fn shipment(lines: &[(u32, &str, i64)]) -> Shipment {
        Shipment {
            id: "SH-1".into(),
            order: "SO-1".into(),
            lines: lines
                .iter()
                .map(|(line, lot, q)| ShipmentLine {
                    line: *line,
                    sku: "C".into(),
                    lot: lot.to_string(),
                    location: "MAIN".into(),
                    qty: (*q).into(),
                })
                .collect(),
            carrier: "x".into(),
            tracking: "y".into(),
            label: None,
            shipped_at: DateTime::<Utc>::MIN_UTC,
            cost_of_goods: None,
        }
    }

    #[test]
    fn returned_never_exceeds_shipped_per_line_and_lot() {
        let sh = [
            shipment(&[(1, "A", 3), (1, "B", 2)]),
            shipment(&[(1, "A", 1)]),
        ];
        let mut left = returnable(&sh, &[]);
        take_returnable(&mut left, "SO-1", 1, "A", 4.into()).unwrap();
        let e = take_returnable(&mut left, "SO-1", 1, "A", 1.into()).unwrap_err();
        assert_eq!(
            e,
            Error::ReturnExceedsShipped {
                order: "SO-1".into(),
                line: 1,
                lot: "A".into(),
                requested: 1.into(),
                returnable: 0.into()
            }
        );
        let e = take_returnable(&mut left, "SO-1", 2, "B", 1.into()).unwrap_err();
        assert_eq!(
            e.code(),
            "return_exceeds_shipped",
            "lot B shipped on line 1, not 2"
        );
    }
}
