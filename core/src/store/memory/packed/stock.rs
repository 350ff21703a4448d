//! Reservations and lots, packed.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::super::state::DemandKey;
use super::super::{text, Key};
use super::{PackedMoney, Stored};
use crate::domain::lot::{Lot, LotHold, LotOrigin};
use crate::domain::reservation::{Demand, Reservation};
use crate::store::FreeLot;

/// A [`Reservation`], packed (see `memory/packed.rs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::store::memory) struct PackedReservation {
    pub(in crate::store::memory) sku: Key,
    pub(in crate::store::memory) lot: Key,
    pub(in crate::store::memory) location: Key,
    pub(in crate::store::memory) qty: Decimal,
    pub(in crate::store::memory) demand: DemandKey,
    pub(in crate::store::memory) at: DateTime<Utc>,
}

impl PackedReservation {
    /// Packs `r` (its id is the key it is stored under).
    pub(in crate::store::memory) fn of(r: &Reservation) -> Self {
        let Reservation {
            id: _,
            sku,
            lot,
            location,
            qty,
            demand,
            at,
        } = r;
        PackedReservation {
            sku: Key::new(sku),
            lot: Key::new(lot),
            location: Key::new(location),
            qty: *qty,
            demand: DemandKey::from(demand),
            at: *at,
        }
    }

    /// The reservation stored under `id`.
    pub(in crate::store::memory) fn unpack(&self, id: u64) -> Reservation {
        Reservation {
            id,
            sku: text(&self.sku),
            lot: text(&self.lot),
            location: text(&self.location),
            qty: self.qty,
            demand: Demand::from(&self.demand),
            at: self.at,
        }
    }
}

/// Where a [`PackedLot`] came from ([`LotOrigin`], its batch id inline).
#[derive(Clone, Debug, PartialEq, Eq)]
enum PackedOrigin {
    Receipt,
    Production(Key),
    Adjustment,
}

/// A [`Lot`], packed (see `memory/packed.rs`). A hold keeps its
/// notes as they are: few lots are ever held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::store::memory) struct PackedLot {
    pub(in crate::store::memory) code: Key,
    pub(in crate::store::memory) sku: Key,
    expiry: Option<NaiveDate>,
    origin: PackedOrigin,
    supplier_lot_ref: Option<Key>,
    created_at: DateTime<Utc>,
    unit_cost: Option<PackedMoney>,
    hold: Option<LotHold>,
}

impl PackedLot {
    /// Packs `lot`.
    pub(in crate::store::memory) fn of(lot: &Lot) -> Self {
        let Lot {
            code,
            sku,
            expiry,
            origin,
            supplier_lot_ref,
            created_at,
            unit_cost,
            hold,
        } = lot;
        PackedLot {
            code: Key::new(code),
            sku: Key::new(sku),
            expiry: *expiry,
            origin: match origin {
                LotOrigin::Receipt => PackedOrigin::Receipt,
                LotOrigin::Production { mo } => PackedOrigin::Production(Key::new(mo)),
                LotOrigin::Adjustment => PackedOrigin::Adjustment,
            },
            supplier_lot_ref: supplier_lot_ref.as_deref().map(Key::new),
            created_at: *created_at,
            unit_cost: unit_cost.as_ref().map(PackedMoney::of),
            hold: hold.clone(),
        }
    }

    /// `free` of the lot free at `location`, as reserving reads it.
    pub(in crate::store::memory) fn free_at(&self, location: &str, free: Decimal) -> FreeLot {
        FreeLot::new(
            text(&self.code),
            location.to_string(),
            free,
            self.expiry,
            self.created_at,
            self.hold.is_some(),
        )
    }
}

impl Stored for PackedLot {
    type Record = Lot;

    /// The lot.
    fn unpack(&self) -> Lot {
        Lot {
            code: text(&self.code),
            sku: text(&self.sku),
            expiry: self.expiry,
            origin: match &self.origin {
                PackedOrigin::Receipt => LotOrigin::Receipt,
                PackedOrigin::Production(mo) => LotOrigin::Production { mo: text(mo) },
                PackedOrigin::Adjustment => LotOrigin::Adjustment,
            },
            supplier_lot_ref: self.supplier_lot_ref.as_ref().map(text),
            created_at: self.created_at,
            unit_cost: self.unit_cost.as_ref().map(PackedMoney::unpack),
            hold: self.hold.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::at;
    use super::*;
    use crate::domain::lot::HoldReason;
    use crate::domain::money::Money;

    /// Every field survives packing, the optional ones set and unset, and
    /// codes longer than a key holds inline too.
    #[test]
    fn a_lot_comes_back_as_it_was_stored() {
        let full = Lot {
            code: "LOT-2026-12-06-lavender-soap-bars-0001".into(),
            sku: "SOAP-LAV".into(),
            expiry: NaiveDate::from_ymd_opt(2027, 6, 1),
            origin: LotOrigin::Production {
                mo: "MO-000042".into(),
            },
            supplier_lot_ref: Some("SUP-7".into()),
            created_at: at("2026-12-06T09:30:00Z"),
            unit_cost: Some(Money {
                amount: "1.2345".parse().expect("a decimal"),
                currency: "EUR".into(),
            }),
            hold: Some(LotHold {
                reason: HoldReason::Recall,
                note: Some("complaint 12".into()),
                recall_of: Some("OIL-1".into()),
                since: at("2026-12-07T10:00:00Z"),
            }),
        };
        let bare = Lot {
            code: "OIL-1".into(),
            sku: "OIL".into(),
            expiry: None,
            origin: LotOrigin::Receipt,
            supplier_lot_ref: None,
            created_at: at("2026-12-01T08:00:00Z"),
            unit_cost: None,
            hold: None,
        };
        let counted = Lot {
            origin: LotOrigin::Adjustment,
            ..bare.clone()
        };
        for lot in [full, bare, counted] {
            assert_eq!(PackedLot::of(&lot).unpack(), lot);
        }
    }

    #[test]
    fn a_reservation_comes_back_as_it_was_stored() {
        let for_line = Reservation {
            id: 7,
            sku: "SOAP-LAV".into(),
            lot: "LOT-2026-12-06-lavender-soap-bars-0001".into(),
            location: "shelf".into(),
            qty: "2.5".parse().expect("a decimal"),
            demand: Demand::OrderLine {
                order: "SO-000001".into(),
                line: 2,
            },
            at: at("2026-12-06T09:30:00Z"),
        };
        let for_batch = Reservation {
            id: 8,
            demand: Demand::MoInput {
                mo: "MO-000042".into(),
            },
            ..for_line.clone()
        };
        for r in [for_line, for_batch] {
            assert_eq!(PackedReservation::of(&r).unpack(r.id), r);
        }
    }

    /// The index orders demands as `Demand` does, so ranges over it find
    /// what they found before.
    #[test]
    fn demand_keys_sort_as_demands_do() {
        let line = |order: &str, line| Demand::OrderLine {
            order: order.into(),
            line,
        };
        let mo = |id: &str| Demand::MoInput { mo: id.into() };
        let demands = [
            line("SO-000002", 1),
            mo("MO-000001"),
            line("SO-000001", 3),
            line("SO-000001", 1),
            mo("MO-000000"),
            line("SO-0000010", 1),
        ];
        let mut by_demand = demands.to_vec();
        by_demand.sort();
        let mut by_key: Vec<DemandKey> = demands.iter().map(DemandKey::from).collect();
        by_key.sort();
        let back: Vec<Demand> = by_key.iter().map(Demand::from).collect();
        assert_eq!(back, by_demand);
    }
}
