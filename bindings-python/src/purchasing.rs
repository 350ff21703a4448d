//! Suppliers and purchase orders (core `engine/purchasing.rs`).

use lotwise::PoReceiptLine;
use pyo3::prelude::*;

use crate::convert::from_json;
use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `define_supplier(NewSupplier)` → `Supplier`.
    fn define_supplier(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        new: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.define_supplier(from_json("new_supplier", &new)?)
        })
    }

    /// `supplier(code)` → `Supplier`.
    fn supplier(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        code: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.supplier(&code))
    }

    /// `suppliers()` → `[Supplier]`.
    fn suppliers(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.suppliers())
    }

    /// `create_po(NewPurchaseOrder)` → `PurchaseOrder` (draft).
    fn create_po(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        new: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.create_po(from_json("new_purchase_order", &new)?)
        })
    }

    /// `send_po(id)` → `PurchaseOrder`.
    fn send_po(&self, py: Python<'_>, shape: &Bound<'_, Shape>, id: String) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.send_po(&id))
    }

    /// `cancel_po(id)` → `PurchaseOrder`.
    fn cancel_po(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.cancel_po(&id))
    }

    /// `receive_po(id, [PoReceiptLine])` → `PoReceived`.
    fn receive_po(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
        lines: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            let lines: Vec<PoReceiptLine> = from_json("lines", &lines)?;
            lw.receive_po(&id, lines)
        })
    }

    /// `purchase_order(id)` → `PurchaseOrder`.
    fn purchase_order(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.purchase_order(&id))
    }

    /// `purchase_orders()` → `[PurchaseOrder]`.
    fn purchase_orders(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.purchase_orders())
    }

    /// `open_po_lines()` → `[OpenPoLine]`.
    fn open_po_lines(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.open_po_lines())
    }
}
