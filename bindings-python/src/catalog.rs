//! Items, recipes and locations (core `engine/catalog.rs`).

use lotwise::LocationKind;
use pyo3::prelude::*;

use crate::convert::{from_json, from_str_value};
use crate::engine::Engine;

#[pymethods]
impl Engine {
    /// `define_item(NewItem)` → `Item`.
    fn define_item(&self, py: Python<'_>, new: String) -> PyResult<String> {
        self.json(py, move |lw| lw.define_item(from_json("new_item", &new)?))
    }

    /// `define_recipe(NewRecipe)` → `Recipe`.
    fn define_recipe(&self, py: Python<'_>, new: String) -> PyResult<String> {
        self.json(py, move |lw| {
            lw.define_recipe(from_json("new_recipe", &new)?)
        })
    }

    /// `define_location(code, name, kind)` → `Location`.
    fn define_location(
        &self,
        py: Python<'_>,
        code: String,
        name: String,
        kind: String,
    ) -> PyResult<String> {
        self.json(py, move |lw| {
            let kind: LocationKind = from_str_value("kind", kind)?;
            lw.define_location(&code, &name, kind)
        })
    }

    /// `item(sku)` → `Item`.
    fn item(&self, py: Python<'_>, sku: String) -> PyResult<String> {
        self.json(py, move |lw| lw.item(&sku))
    }

    /// `items()` → `[Item]`.
    fn items(&self, py: Python<'_>) -> PyResult<String> {
        self.json(py, |lw| lw.items())
    }

    /// `recipe(product)` → `Recipe`, the newest version.
    fn recipe(&self, py: Python<'_>, product: String) -> PyResult<String> {
        self.json(py, move |lw| lw.recipe(&product))
    }

    /// `locations()` → `[Location]`.
    fn locations(&self, py: Python<'_>) -> PyResult<String> {
        self.json(py, |lw| lw.locations())
    }
}
