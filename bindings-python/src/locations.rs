//! Transfers, availability per location and order routing (core
//! `engine/locations.rs`).

use lotwise::RoutingRule;
use pyo3::prelude::*;

use crate::convert::from_json;
use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `ship_transfer(NewTransfer)` → `Transfer`.
    fn ship_transfer(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        new: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.ship_transfer(from_json("new_transfer", &new)?)
        })
    }

    /// `receive_transfer(id)` → `Transfer`.
    fn receive_transfer(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.receive_transfer(&id))
    }

    /// `transfer(id)` → `Transfer`.
    fn transfer(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.transfer(&id))
    }

    /// `transfers()` → `[Transfer]`.
    fn transfers(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.transfers())
    }

    /// `availability(sku)` → `Availability`.
    fn availability(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        sku: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.availability(&sku))
    }

    /// `define_routing_rule(RoutingRule)` → `RoutingRule`.
    fn define_routing_rule(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        rule: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.define_routing_rule(from_json("rule", &rule)?)
        })
    }

    /// `routing_rules()` → `[RoutingRule]`.
    fn routing_rules(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.routing_rules())
    }

    /// `route_order(id)` → `Routing`.
    fn route_order(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.route_order(&id))
    }

    /// `route_order_with(id, RoutingRule)` → `Routing`, with a rule given here.
    fn route_order_with(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
        rule: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            let rule: RoutingRule = from_json("rule", &rule)?;
            lw.route_order_with(&id, &rule)
        })
    }
}
