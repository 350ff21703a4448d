//! Read-only queries and the event outbox (core `engine/queries.rs`).

use pyo3::prelude::*;

use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `stock(sku)` → `StockLevel`.
    fn stock(&self, py: Python<'_>, shape: &Bound<'_, Shape>, sku: String) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.stock(&sku))
    }

    /// `lot(code)` → `Lot`.
    fn lot(&self, py: Python<'_>, shape: &Bound<'_, Shape>, code: String) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.lot(&code))
    }

    /// `lots_of_item(sku)` → `[Lot]`.
    fn lots_of_item(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        sku: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.lots_of_item(&sku))
    }

    /// `movements()` → `[Movement]`, the whole ledger.
    fn movements(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.movements())
    }

    /// `balances()` → `[Balance]`.
    fn balances(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.balances())
    }

    /// `reservations()` → `[Reservation]`.
    fn reservations(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.reservations())
    }

    /// `events_after(after, limit)` → `[Event]`.
    fn events_after(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        after: u64,
        limit: usize,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.events_after(after, limit))
    }

    /// `pending_events(consumer, limit)` → `[Event]`.
    fn pending_events(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        consumer: String,
        limit: usize,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.pending_events(&consumer, limit))
    }

    /// `ack_events(consumer, seq)`.
    fn ack_events(&self, py: Python<'_>, consumer: String, seq: u64) -> PyResult<()> {
        self.plain(py, move |lw| lw.ack_events(&consumer, seq))
    }

    /// `event_cursor(consumer)` → the last acknowledged sequence.
    fn event_cursor(&self, py: Python<'_>, consumer: String) -> PyResult<u64> {
        self.plain(py, move |lw| lw.event_cursor(&consumer))
    }

    /// `snapshot()` → `Snapshot`, the whole state.
    fn snapshot(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.snapshot())
    }
}
