//! Invariant checks (core `engine/audit.rs`).

use pyo3::prelude::*;

use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `check_invariants()` → `[str]`, empty when every invariant holds.
    fn check_invariants(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.check_invariants())
    }
}
