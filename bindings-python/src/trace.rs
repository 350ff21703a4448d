//! Lot traceability (core `engine/trace.rs`). Traces walk the whole lot
//! graph, so the GIL is released for them like for every other call.

use pyo3::prelude::*;

use crate::engine::Engine;

#[pymethods]
impl Engine {
    /// `trace_backward(lot)` → `Trace`: the lots it was made from.
    fn trace_backward(&self, py: Python<'_>, lot: String) -> PyResult<String> {
        self.json(py, move |lw| lw.trace_backward(&lot))
    }

    /// `trace_forward(lot)` → `Trace`: the lots made from it.
    fn trace_forward(&self, py: Python<'_>, lot: String) -> PyResult<String> {
        self.json(py, move |lw| lw.trace_forward(&lot))
    }

    /// `recall(lot)` → `RecallReport`.
    fn recall(&self, py: Python<'_>, lot: String) -> PyResult<String> {
        self.json(py, move |lw| lw.recall(&lot))
    }
}
