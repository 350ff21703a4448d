//! Items, recipes and locations (core `engine/catalog.rs`).

use lotwise::LocationKind;
use pyo3::prelude::*;

use crate::convert::{from_json, from_str_value};
use crate::engine::Engine;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `define_item(NewItem)` → `Item`.
    fn define_item(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        new: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.define_item(from_json("new_item", &new)?)
        })
    }

    /// `define_recipe(NewRecipe)` → `Recipe`.
    fn define_recipe(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        new: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            lw.define_recipe(from_json("new_recipe", &new)?)
        })
    }

    /// `define_location(code, name, kind)` → `Location`.
    fn define_location(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        code: String,
        name: String,
        kind: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            let kind: LocationKind = from_str_value("kind", kind)?;
            lw.define_location(&code, &name, kind)
        })
    }

    /// `item(sku)` → `Item`.
    fn item(&self, py: Python<'_>, shape: &Bound<'_, Shape>, sku: String) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.item(&sku))
    }

    /// `items()` → `[Item]`.
    fn items(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.items())
    }

    /// `recipe(product)` → `Recipe`, the newest version.
    fn recipe(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        product: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.recipe(&product))
    }

    /// `locations()` → `[Location]`.
    fn locations(&self, py: Python<'_>, shape: &Bound<'_, Shape>) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, |lw| lw.locations())
    }
}
