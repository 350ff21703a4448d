//! The pure domain: no storage, no clock, no I/O. One file per concept.

pub mod catalog;
pub mod event;
pub mod ledger;
pub mod location;
pub mod lot;
pub mod money;
pub mod order;
pub mod production;
pub mod quantity;
pub mod recipe;
pub mod reservation;
pub mod shipment;
pub mod trace;
