//! The native half of the Python binding: `lotwise._native`.
//!
//! This module is private. Python code imports `lotwise`, a typed facade
//! (`python/lotwise/`) that converts Python values, declares the record
//! classes and raises the exception classes. The native side stays thin on
//! purpose: it takes ids and JSON inputs, calls the engine with the GIL
//! released, and builds the result as the `Shape` the facade passed with
//! the call says: the facade's frozen dataclasses, `Decimal`s, dates and
//! tuples, made straight from the core's serde output without JSON text in
//! between. Decimals cross as strings (the core serialises `Decimal` as
//! text), so no amount ever passes through a float.
//!
//! Files mirror the core's engine modules: `catalog.rs`, `stock.rs`,
//! `orders.rs`, `production.rs`, `shipping.rs`, `trace.rs`, `queries.rs`,
//! `audit.rs`; `engine.rs` holds the handle, `error.rs` the one mapping from
//! `lotwise::Error` to Python exceptions, `convert.rs` the JSON bridge for
//! inputs, `shape.rs` and `pyser/` the way results become Python objects.

#![forbid(unsafe_code)]

use pyo3::prelude::*;

mod audit;
mod bench;
mod catalog;
mod channels;
mod clock;
mod convert;
mod desk;
mod engine;
mod error;
mod locations;
mod orders;
mod planning;
mod production;
mod purchasing;
mod pyser;
mod queries;
mod replenishment;
mod returns;
mod shape;
mod shipping;
mod stock;
mod trace;

pub use clock::PyFixedClock;
pub use engine::Engine;
pub use shape::Shape;

/// `lotwise._native`: the engine handle, the fixed clock and the parsers.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_class::<PyFixedClock>()?;
    m.add_class::<Shape>()?;
    m.add_function(wrap_pyfunction!(convert::parse_qty, m)?)?;
    m.add_function(wrap_pyfunction!(convert::parse_money, m)?)?;
    m.add_function(wrap_pyfunction!(convert::parse_uom, m)?)?;
    m.add_function(wrap_pyfunction!(convert::parse_unit, m)?)?;
    m.add_function(wrap_pyfunction!(convert::convert_qty, m)?)?;
    m.add_function(wrap_pyfunction!(error::_raise_panic, m)?)?;
    m.add_function(wrap_pyfunction!(channels::verify_shopify_webhook, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
