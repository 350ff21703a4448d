//! Reservations: stock of a lot at a location held for an order line or a
//! manufacturing order's input, picked first-expiry-first-out.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What stock is held for.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Demand {
    /// A sales order line.
    OrderLine {
        /// The sales order id, e.g. `SO-000001`.
        order: String,
        /// The 1-based line number within the order.
        line: u32,
    },
    /// The inputs of a manufacturing order.
    MoInput {
        /// The id of the manufacturing order whose components are held.
        mo: String,
    },
}

impl Demand {
    /// Whether this is line `line` of the order `order`.
    ///
    /// ```
    /// use lotwise::domain::reservation::Demand;
    ///
    /// let d = Demand::OrderLine { order: "SO-000001".into(), line: 2 };
    /// assert!(d.is_line("SO-000001", 2));
    /// assert!(!d.is_line("SO-000001", 1));
    /// assert!(!Demand::MoInput { mo: "MO-000001".into() }.is_line("SO-000001", 2));
    /// ```
    pub fn is_line(&self, order: &str, line: u32) -> bool {
        matches!(self, Demand::OrderLine { order: o, line: l } if o == order && *l == line)
    }
}

/// Stock held for a demand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Reservation {
    /// Unique id.
    pub id: u64,
    /// Item.
    pub sku: String,
    /// Lot.
    pub lot: String,
    /// Location the stock sits at.
    pub location: String,
    /// Quantity held, in the item's base unit.
    pub qty: Decimal,
    /// Who it is held for.
    pub demand: Demand,
    /// When it was made.
    pub at: DateTime<Utc>,
}

/// Free stock of one lot at one location, a candidate for reservation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Lot code.
    pub lot: String,
    /// Location code.
    pub location: String,
    /// Lot expiry.
    pub expiry: Option<NaiveDate>,
    /// When the lot was created (older first among equal expiries).
    pub created_at: DateTime<Utc>,
    /// On hand minus reserved.
    pub free: Decimal,
}

/// Rules for picking lots.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PickRules {
    /// Only lots expiring on or after this day qualify.
    pub min_expiry: Option<NaiveDate>,
    /// Only this lot qualifies.
    pub lot: Option<String>,
}

/// Chooses up to `need` from `candidates`: earliest expiry first (lots without
/// expiry last), then oldest lot, then lot code and location for determinism.
/// Returns `(lot, location, qty)` picks whose sum is `min(need, eligible free)`.
pub fn pick_fefo(
    mut candidates: Vec<Candidate>,
    need: Decimal,
    rules: &PickRules,
) -> Vec<(String, String, Decimal)> {
    candidates.retain(|c| {
        c.free > Decimal::ZERO
            && rules.lot.as_ref().is_none_or(|l| *l == c.lot)
            && match (rules.min_expiry, c.expiry) {
                (Some(min), Some(exp)) => exp >= min,
                _ => true,
            }
    });
    candidates.sort_by(|a, b| {
        let ea = a.expiry.unwrap_or(NaiveDate::MAX);
        let eb = b.expiry.unwrap_or(NaiveDate::MAX);
        ea.cmp(&eb)
            .then(a.created_at.cmp(&b.created_at))
            .then(a.lot.cmp(&b.lot))
            .then(a.location.cmp(&b.location))
    });
    let mut left = need;
    let mut picks = Vec::new();
    for c in candidates {
        if left <= Decimal::ZERO {
            break;
        }
        let take = left.min(c.free);
        picks.push((c.lot, c.location, take));
        left -= take;
    }
    picks
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn cand(lot: &str, expiry: Option<(i32, u32, u32)>, day: u32, free: i64) -> Candidate {
        Candidate {
            lot: lot.into(),
            location: "MAIN".into(),
            expiry: expiry.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
            created_at: Utc.with_ymd_and_hms(2026, 1, day, 0, 0, 0).unwrap(),
            free: Decimal::from(free),
        }
    }

    #[test]
    fn earliest_expiry_first_then_oldest() {
        let picks = pick_fefo(
            vec![
                cand("LATE", Some((2027, 6, 1)), 1, 10),
                cand("NONE", None, 1, 10),
                cand("SOON-NEW", Some((2027, 1, 1)), 5, 3),
                cand("SOON-OLD", Some((2027, 1, 1)), 2, 3),
            ],
            Decimal::from(8),
            &PickRules::default(),
        );
        let lots: Vec<_> = picks.iter().map(|p| (p.0.as_str(), p.2)).collect();
        assert_eq!(
            lots,
            vec![
                ("SOON-OLD", 3.into()),
                ("SOON-NEW", 3.into()),
                ("LATE", 2.into())
            ]
        );
    }

    #[test]
    fn respects_named_lot_and_shelf_life() {
        let c = vec![
            cand("A", Some((2027, 1, 1)), 1, 5),
            cand("B", Some((2027, 3, 1)), 1, 5),
        ];
        let named = PickRules {
            lot: Some("B".into()),
            ..Default::default()
        };
        assert_eq!(
            pick_fefo(c.clone(), 9.into(), &named),
            vec![("B".into(), "MAIN".into(), 5.into())]
        );
        let fresh = PickRules {
            min_expiry: NaiveDate::from_ymd_opt(2027, 2, 1),
            ..Default::default()
        };
        assert_eq!(
            pick_fefo(c, 9.into(), &fresh),
            vec![("B".into(), "MAIN".into(), 5.into())]
        );
    }
}
