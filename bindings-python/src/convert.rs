//! The JSON bridge for inputs: they arrive as the serde JSON of the core's
//! input structs (the facade builds them from typed Python values), with
//! decimals as JSON strings so amounts never pass through a float. Results
//! leave as Python objects built by `pyser`.

use lotwise::{Error, Money, Qty, Uom};
use pyo3::prelude::*;
use serde::de::DeserializeOwned;

use crate::error::to_pyerr;

/// Deserialises `text` into a core input type. A mismatch is an
/// `invalid_input` error whose field is the JSON path inside `what`.
pub fn from_json<T: DeserializeOwned>(what: &str, text: &str) -> lotwise::Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            what.to_string()
        } else {
            format!("{what}.{path}")
        };
        Error::InvalidInput {
            field,
            value: String::new(),
            reason: e.into_inner().to_string(),
        }
    })
}

/// Deserialises one string, e.g. an enum given by its snake_case name.
pub fn from_str_value<T: DeserializeOwned>(what: &str, value: String) -> lotwise::Result<T> {
    serde_json::from_value(serde_json::Value::String(value.clone())).map_err(|e| {
        Error::InvalidInput {
            field: what.to_string(),
            value,
            reason: e.to_string(),
        }
    })
}

/// Parses `"2.5 kg"` with the core's parser: `(value, unit)` as text, or the
/// core's `invalid_quantity` / `unknown_unit` error.
#[pyfunction]
pub fn parse_qty(py: Python<'_>, text: String) -> PyResult<(String, String)> {
    text.parse::<Qty>()
        .map(|q| (q.value.to_string(), q.uom.symbol().to_string()))
        .map_err(|e| to_pyerr(py, &e))
}

/// The canonical text of a unit: a standard unit's symbol (`"each"` →
/// `"pcs"`, `"fl_oz"` → `"fl oz"`) or a pack unit's name in lower case
/// (`"Box"` → `"box"`), which the item a quantity is for resolves; else
/// `unknown_unit`.
#[pyfunction]
pub fn parse_unit(py: Python<'_>, text: String) -> PyResult<String> {
    text.parse::<lotwise::Unit>()
        .map(|u| u.symbol().to_string())
        .map_err(|e| to_pyerr(py, &e))
}

/// Parses `"18.00 USD"` with the core's parser: `(amount, currency)`.
#[pyfunction]
pub fn parse_money(py: Python<'_>, text: String) -> PyResult<(String, String)> {
    text.parse::<Money>()
        .map(|m| (m.amount.to_string(), m.currency))
        .map_err(|e| to_pyerr(py, &e))
}

/// The canonical symbol of a unit (`"each"` → `"pcs"`), or `unknown_unit`.
#[pyfunction]
pub fn parse_uom(py: Python<'_>, text: String) -> PyResult<&'static str> {
    text.parse::<Uom>()
        .map(Uom::symbol)
        .map_err(|e| to_pyerr(py, &e))
}

/// `Qty::convert_to`: the quantity `text` in `uom`, or `unit_mismatch`.
#[pyfunction]
pub fn convert_qty(py: Python<'_>, text: String, uom: String) -> PyResult<(String, String)> {
    text.parse::<Qty>()
        .and_then(|q| q.convert_to(uom.parse()?))
        .map(|q| (q.value.to_string(), q.uom.symbol().to_string()))
        .map_err(|e| to_pyerr(py, &e))
}
