//! Customer returns (core `engine/returns.rs`).

use pyo3::prelude::*;

use crate::convert::from_json;
use crate::engine::Engine;

#[pymethods]
impl Engine {
    /// `record_return(NewReturn)` → `Return`.
    fn record_return(&self, py: Python<'_>, new: String) -> PyResult<String> {
        self.json(py, move |lw| {
            lw.record_return(from_json("new_return", &new)?)
        })
    }

    /// `returns_of_order(order)` → `[Return]`.
    fn returns_of_order(&self, py: Python<'_>, order: String) -> PyResult<String> {
        self.json(py, move |lw| lw.returns_of_order(&order))
    }

    /// `returns()` → `[Return]`.
    fn returns(&self, py: Python<'_>) -> PyResult<String> {
        self.json(py, |lw| lw.returns())
    }

    /// `returned_of_lot(lot)` → the quantity of a lot customers sent back.
    fn returned_of_lot(&self, py: Python<'_>, lot: String) -> PyResult<String> {
        self.json(py, move |lw| lw.returned_of_lot(&lot))
    }

    /// `recall_returns(lot)` → `[RecallReturn]`.
    fn recall_returns(&self, py: Python<'_>, lot: String) -> PyResult<String> {
        self.json(py, move |lw| lw.recall_returns(&lot))
    }
}
