//! Receiving and counting stock (core `engine/stock.rs`).

use pyo3::prelude::*;

use crate::convert::from_json;
use crate::engine::Engine;

#[pymethods]
impl Engine {
    /// `receive(Receipt)` → `Lot`.
    fn receive(&self, py: Python<'_>, receipt: String) -> PyResult<String> {
        self.json(py, move |lw| lw.receive(from_json("receipt", &receipt)?))
    }

    /// `adjust_stock(Adjustment)` → `Movement`.
    fn adjust_stock(&self, py: Python<'_>, adjustment: String) -> PyResult<String> {
        self.json(py, move |lw| {
            lw.adjust_stock(from_json("adjustment", &adjustment)?)
        })
    }
}
