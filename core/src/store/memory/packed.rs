//! Records as the memory store keeps them: their ids and codes inline
//! ([`Key`](super::Key)) rather than each in its own heap block.
//!
//! With tens of thousands of orders the store outgrows the CPU's caches,
//! and a record read back is fetched from memory: one fetch for the record,
//! then one more for every string it points to, each waiting on the first.
//! Kept packed, a record is its own few cache lines; reading one builds the
//! domain record from memory just touched.

mod batch;
mod order;
mod stock;

pub(super) use batch::PackedMo;
pub(super) use order::PackedOrder;
pub(super) use stock::{PackedLot, PackedReservation};

/// A timestamp for the round-trip tests.
#[cfg(test)]
fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    s.parse().expect("a timestamp")
}
