//! The pure domain: no storage, no clock, no I/O. One file per concept.

pub mod analytics;
pub mod calendar;
pub mod capacity;
pub mod catalog;
pub mod costing;
pub mod desk;
pub mod event;
pub mod ledger;
pub mod location;
pub mod lot;
pub mod money;
pub mod order;
pub mod production;
pub mod promise;
pub mod purchasing;
pub mod quantity;
pub mod recipe;
pub mod replenishment;
pub mod reservation;
pub mod returns;
pub mod routing;
pub mod shipment;
pub mod trace;
pub mod transfer;
pub mod units;
pub mod valuation;
