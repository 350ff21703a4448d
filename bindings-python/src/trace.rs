//! Lot traceability (core `engine/trace.rs`). Traces walk the whole lot
//! graph, so the GIL is released for them like for every other call.

use pyo3::prelude::*;

use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `trace_backward(lot)` → `Trace`: the lots it was made from.
    fn trace_backward(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        lot: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.trace_backward(&lot))
    }

    /// `trace_forward(lot)` → `Trace`: the lots made from it.
    fn trace_forward(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        lot: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.trace_forward(&lot))
    }

    /// `recall(lot)` → `RecallReport`.
    fn recall(&self, py: Python<'_>, shape: &Bound<'_, Shape>, lot: String) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.recall(&lot))
    }
}
