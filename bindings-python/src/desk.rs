//! The order desk (core `engine/desk.rs`), analytics (core
//! `engine/analytics.rs`) and the exports (core `export/mod.rs`).

use lotwise::{AnalyticsQuery, DeskQuery};
use pyo3::prelude::*;

use crate::convert::from_json;
use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `desk(DeskQuery)` → `DeskPage`.
    fn desk(&self, py: Python<'_>, shape: &Bound<'_, Shape>, query: String) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            let query: DeskQuery = from_json("query", &query)?;
            lw.desk(&query)
        })
    }

    /// `tag_order(id, tag)` → `SalesOrder`.
    fn tag_order(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
        tag: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.tag_order(&id, &tag))
    }

    /// `untag_order(id, tag)` → `SalesOrder`.
    fn untag_order(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
        tag: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.untag_order(&id, &tag))
    }

    /// `set_order_note(id, note)` → `SalesOrder`; `None` clears the note.
    #[pyo3(signature = (shape, id, note=None))]
    fn set_order_note(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
        note: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.set_order_note(&id, note.as_deref()))
    }

    /// `bulk_confirm(ids)` → `[BulkResult]`.
    fn bulk_confirm(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        ids: Vec<String>,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| Ok(lw.bulk_confirm(&ids)))
    }

    /// `bulk_tag(ids, tag)` → `[BulkResult]`.
    fn bulk_tag(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        ids: Vec<String>,
        tag: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| Ok(lw.bulk_tag(&ids, &tag)))
    }

    /// `bulk_cancel(ids)` → `[BulkResult]`.
    fn bulk_cancel(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        ids: Vec<String>,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| Ok(lw.bulk_cancel(&ids)))
    }

    /// `analytics(AnalyticsQuery)` → `Analytics`.
    fn analytics(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        query: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            let query: AnalyticsQuery = from_json("query", &query)?;
            lw.analytics(&query)
        })
    }

    /// `trace_dot(lot)` → Graphviz DOT text.
    fn trace_dot(&self, py: Python<'_>, lot: String) -> PyResult<String> {
        self.plain(py, move |lw| lw.trace_dot(&lot))
    }

    /// `trace_mermaid(lot)` → Mermaid flowchart text.
    fn trace_mermaid(&self, py: Python<'_>, lot: String) -> PyResult<String> {
        self.plain(py, move |lw| lw.trace_mermaid(&lot))
    }

    /// `orders_csv()` → CSV text.
    fn orders_csv(&self, py: Python<'_>) -> PyResult<String> {
        self.plain(py, |lw| lw.orders_csv())
    }

    /// `stock_csv()` → CSV text.
    fn stock_csv(&self, py: Python<'_>) -> PyResult<String> {
        self.plain(py, |lw| lw.stock_csv())
    }
}
