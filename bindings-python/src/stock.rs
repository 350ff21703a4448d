//! Receiving and counting stock (core `engine/stock.rs`).

use pyo3::prelude::*;

use crate::convert::from_json;
use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `receive(Receipt)` → `Lot`.
    fn receive(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        receipt: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.receive(from_json("receipt", &receipt)?)
        })
    }

    /// `adjust_stock(Adjustment)` → `Movement`.
    fn adjust_stock(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        adjustment: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.adjust_stock(from_json("adjustment", &adjustment)?)
        })
    }
}
