//! Capacity planning and promise dates (core `engine/planning.rs` and
//! `engine/schedule.rs`). Instants cross as RFC 3339 text.

use chrono::{DateTime, Utc};
use lotwise::{NewOrderLine, PromiseOptions};
use pyo3::prelude::*;

use crate::convert::{from_json, from_str_value};
use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `define_work_center(NewWorkCenter)` → `WorkCenter`.
    fn define_work_center(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        new: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.define_work_center(from_json("new_work_center", &new)?)
        })
    }

    /// `work_center(code)` → `WorkCenter`.
    fn work_center(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        code: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.work_center(&code))
    }

    /// `work_centers()` → `[WorkCenter]`.
    fn work_centers(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.work_centers())
    }

    /// `set_planning_settings(PlanningSettings)` → `PlanningSettings`.
    fn set_planning_settings(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        settings: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.set_planning_settings(from_json("settings", &settings)?)
        })
    }

    /// `planning_settings()` → `PlanningSettings`.
    fn planning_settings(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.planning_settings())
    }

    /// `define_shipping_method(ShippingMethod)` → `ShippingMethod`.
    fn define_shipping_method(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        method: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.define_shipping_method(from_json("shipping_method", &method)?)
        })
    }

    /// `promise(order_id, PromiseOptions)` → `Promise`.
    fn promise(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        order_id: String,
        options: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            let options: PromiseOptions = from_json("options", &options)?;
            lw.promise(&order_id, &options)
        })
    }

    /// `promise_lines([NewOrderLine], PromiseOptions)` → `Promise`.
    fn promise_lines(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        lines: String,
        options: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            let lines: Vec<NewOrderLine> = from_json("lines", &lines)?;
            let options: PromiseOptions = from_json("options", &options)?;
            lw.promise_lines(&lines, &options)
        })
    }

    /// `schedule(from, to)` → `[ScheduleRow]`; both RFC 3339 (`from` is a
    /// Python keyword, hence `start` and `end`).
    fn schedule(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        start: String,
        end: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            let from: DateTime<Utc> = from_str_value("from", start)?;
            let to: DateTime<Utc> = from_str_value("to", end)?;
            lw.schedule(from, to)
        })
    }

    /// `booking(mo)` → `Booking` or `null`.
    fn booking(&self, py: Python<'_>, shape: &Bound<'_, Shape>, mo: String) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.booking(&mo))
    }

    /// `reschedule_mo(id, not_before)` → `Booking`; `not_before` RFC 3339.
    fn reschedule_mo(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
        not_before: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            let not_before: DateTime<Utc> = from_str_value("not_before", not_before)?;
            lw.reschedule_mo(&id, not_before)
        })
    }
}
