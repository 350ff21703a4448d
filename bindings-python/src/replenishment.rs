//! What to buy and what to make for stock (core `engine/replenishment.rs`).

use lotwise::Qty;
use pyo3::prelude::*;

use crate::convert::from_str_value;
use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `purchase_suggestions()` → `PurchasePlan`.
    fn purchase_suggestions(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.purchase_suggestions())
    }

    /// `suggest_production()` → `[ProductionSuggestion]`.
    fn suggest_production(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.suggest_production())
    }

    /// `create_stock_mo(sku, qty)` → `StockMo`.
    fn create_stock_mo(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        sku: String,
        qty: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            let qty: Qty = from_str_value("qty", qty)?;
            lw.create_stock_mo(&sku, qty)
        })
    }
}
