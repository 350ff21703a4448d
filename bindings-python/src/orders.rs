//! Sales orders (core `engine/orders.rs`).

use pyo3::prelude::*;

use crate::convert::from_json;
use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `place_order(NewOrder)` → `PlacedOrder`.
    fn place_order(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        new: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.place_order(from_json("new_order", &new)?)
        })
    }

    /// `place_and_confirm_order(NewOrder)` → `AcceptedOrder`: both in one
    /// transaction, idempotent like `place_order`.
    fn place_and_confirm_order(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        new: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.place_and_confirm_order(from_json("new_order", &new)?)
        })
    }

    /// `confirm_order(id)` → `ConfirmReport`.
    fn confirm_order(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.confirm_order(&id))
    }

    /// `replan_order(id)` → `ConfirmReport`.
    fn replan_order(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.replan_order(&id))
    }

    /// `cancel_order(id)` → `SalesOrder`.
    fn cancel_order(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.cancel_order(&id))
    }

    /// `order(id)` → `SalesOrder`.
    fn order(&self, py: Python<'_>, shape: &Bound<'_, Shape>, id: String) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.order(&id))
    }

    /// `order_by_external(channel, external_ref)` → `SalesOrder` or `null`.
    fn order_by_external(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        channel: String,
        external_ref: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.order_by_external(&channel, &external_ref)
        })
    }

    /// `orders()` → `[SalesOrder]`.
    fn orders(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.orders())
    }

    /// `order_view(id)` → `OrderView`.
    fn order_view(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.order_view(&id))
    }
}
