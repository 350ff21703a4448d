//! Invariant checks (core `engine/audit.rs`).

use pyo3::prelude::*;

use crate::engine::Engine;

#[pymethods]
impl Engine {
    /// `check_invariants()` → `[str]`, empty when every invariant holds.
    fn check_invariants(&self, py: Python<'_>) -> PyResult<String> {
        self.json(py, |lw| lw.check_invariants())
    }
}
