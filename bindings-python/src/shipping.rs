//! Shipping (core `engine/shipping.rs`).

use pyo3::prelude::*;

use crate::convert::from_json;
use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `ship(order_id, ShipRequest)` → `Shipment`.
    fn ship(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        order_id: String,
        request: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.ship(&order_id, from_json("ship_request", &request)?)
        })
    }

    /// `shipments_of_order(order)` → `[Shipment]`.
    fn shipments_of_order(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        order: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.shipments_of_order(&order))
    }
}
