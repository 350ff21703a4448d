//! Free stock as reserving reads it: per lot and location, with what
//! reserving weighs of the lot ([`Tx::free_lots_of_item`]).
//!
//! [`Tx::free_lots_of_item`]: super::Tx::free_lots_of_item

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::domain::ledger::Balance;
use crate::domain::lot::{expired_by, Lot};
use crate::domain::reservation::Candidate;

/// Free stock of one lot at one location, with what reserving weighs of
/// the lot ([`Tx::free_lots_of_item`](super::Tx::free_lots_of_item)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeLot {
    /// The lot, the location, what is free there (above zero), and the
    /// lot's expiry and making.
    pub stock: Candidate,
    /// The lot is on hold: none of it may be reserved.
    pub held: bool,
}

impl FreeLot {
    /// A row of free stock (`qty` is what is free) of `lot`.
    pub fn of(row: Balance, lot: &Lot) -> Self {
        Self::at(row.location, row.qty, lot)
    }

    /// `free` of `lot` free at `location`.
    pub fn at(location: String, free: Decimal, lot: &Lot) -> Self {
        let (code, made) = (lot.code.clone(), lot.created_at);
        Self::new(code, location, free, lot.expiry, made, lot.is_held())
    }

    /// `free` of the lot `code` free at `location`, with the lot's expiry,
    /// when it was made, and whether it is held.
    pub(crate) fn new(
        code: String,
        location: String,
        free: Decimal,
        expiry: Option<NaiveDate>,
        created_at: DateTime<Utc>,
        held: bool,
    ) -> Self {
        FreeLot {
            stock: Candidate {
                lot: code,
                location,
                expiry,
                created_at,
                free,
            },
            held,
        }
    }

    /// What may be reserved on `today`: the stock, unless the lot is held
    /// or has expired.
    pub fn usable(self, today: NaiveDate) -> Option<Candidate> {
        let expired = expired_by(self.stock.expiry, today);
        (!self.held && !expired).then_some(self.stock)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::FreeLot;
    use crate::domain::ledger::Balance;
    use crate::domain::lot::{HoldReason, LotHold};
    use crate::store::conformance::{lot, t0};

    /// A free row may be reserved up to and including its lot's expiry
    /// day, and never while the lot is held.
    #[test]
    fn free_lots_are_usable_unless_expired_or_held() {
        let row = Balance {
            sku: "WAX".into(),
            lot: "W-1".into(),
            location: "MAIN".into(),
            qty: 4.into(),
        };
        let mut record = lot("W-1", "WAX", Some((2027, 1, 31)));
        let day = |d| NaiveDate::from_ymd_opt(2027, 1, d).unwrap();
        let free = FreeLot::of(row.clone(), &record);
        let usable = free.clone().usable(day(31)).map(|c| c.free);
        assert_eq!(usable, Some(4.into()));
        assert_eq!(
            free.usable(NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()),
            None
        );
        record.hold = Some(LotHold {
            reason: HoldReason::Recall,
            note: None,
            recall_of: None,
            since: t0(),
        });
        assert_eq!(FreeLot::of(row, &record).usable(day(1)), None);
    }
}
