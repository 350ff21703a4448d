//! Customer returns (core `engine/returns.rs`).

use pyo3::prelude::*;

use crate::convert::from_json;
use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `record_return(NewReturn)` → `Return`.
    fn record_return(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        new: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.record_return(from_json("new_return", &new)?)
        })
    }

    /// `returns_of_order(order)` → `[Return]`.
    fn returns_of_order(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        order: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.returns_of_order(&order))
    }

    /// `returns()` → `[Return]`.
    fn returns(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.returns())
    }

    /// `returned_of_lot(lot)` → the quantity of a lot customers sent back.
    fn returned_of_lot(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        lot: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.returned_of_lot(&lot))
    }

    /// `recall_returns(lot)` → `[RecallReturn]`.
    fn recall_returns(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        lot: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.recall_returns(&lot))
    }
}
