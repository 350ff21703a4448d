//! Manufacturing orders (core `engine/production.rs`).

use pyo3::prelude::*;

use crate::convert::from_json;
use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `start_mo(id)` → `ManufacturingOrder`.
    fn start_mo(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.start_mo(&id))
    }

    /// `complete_mo(id, Completion)` → `ManufacturingOrder`.
    fn complete_mo(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
        completion: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.complete_mo(&id, from_json("completion", &completion)?)
        })
    }

    /// `cancel_mo(id)` → `ManufacturingOrder`.
    fn cancel_mo(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.cancel_mo(&id))
    }

    /// `mo(id)` → `ManufacturingOrder`.
    fn mo(&self, py: Python<'_>, shape: &Bound<'_, Shape>, id: String) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.mo(&id))
    }

    /// `mos()` → `[ManufacturingOrder]`.
    fn mos(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.mos())
    }

    /// `mo_lines(id)` → `[MoLine]`.
    fn mo_lines(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.mo_lines(&id))
    }
}
