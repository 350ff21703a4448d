//! Records as the memory store keeps them: their ids and codes inline
//! ([`Key`]) rather than each in its own heap block.
//!
//! With tens of thousands of orders the store outgrows the CPU's caches,
//! and a record read back is fetched from memory: one fetch for the record,
//! then one more for every string it points to, each waiting on the first.
//! Kept packed, a record is its own few cache lines; reading one builds the
//! domain record from memory just touched.

use rust_decimal::Decimal;

use super::{text, Key};
use crate::domain::money::Money;
use crate::domain::shipment::Shipment;

mod batch;
mod order;
mod stock;

pub(super) use batch::PackedMo;
pub(super) use order::PackedOrder;
pub(super) use stock::{PackedLot, PackedReservation};

/// A record as the store keeps it: the domain's record it stands for,
/// and how that is rebuilt.
pub(super) trait Stored {
    /// The domain's record.
    type Record;
    /// The domain's record, rebuilt from what is stored.
    fn unpack(&self) -> Self::Record;
}

/// Shipments are kept as the domain has them: a command writes one and
/// reads none back.
impl Stored for Shipment {
    type Record = Shipment;

    fn unpack(&self) -> Shipment {
        self.clone()
    }
}

/// [`Money`] packed: a lot's unit cost and an order line's unit price.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PackedMoney {
    amount: Decimal,
    currency: Key,
}

impl PackedMoney {
    fn of(money: &Money) -> Self {
        let Money { amount, currency } = money;
        PackedMoney {
            amount: *amount,
            currency: Key::new(currency),
        }
    }

    fn unpack(&self) -> Money {
        Money {
            amount: self.amount,
            currency: text(&self.currency),
        }
    }
}

/// A timestamp for the round-trip tests.
#[cfg(test)]
fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    s.parse().expect("a timestamp")
}
