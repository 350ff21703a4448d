//! The one place where lotwise errors become Python exceptions, and where a
//! Rust panic is stopped before it reaches Python.
//!
//! The exception classes live in Python (`lotwise/errors.py`) so they carry
//! typed fields, pickle, and show up in stubs; Rust builds them through
//! `lotwise.errors._from_native(code, message, fields_json)`, the way lancedb
//! instantiates its Python-side exceptions by import.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use lotwise::Error;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

/// `lotwise.errors._from_native`, imported once per interpreter.
static FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The Python exception for `err`: the subclass of `LotwiseError` named by
/// its code, with the same fields as [`Error::fields`].
pub fn to_pyerr(py: Python<'_>, err: &Error) -> PyErr {
    let built = FACTORY
        .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py
                .import("lotwise.errors")?
                .getattr("_from_native")?
                .unbind())
        })
        .and_then(|factory| {
            factory
                .bind(py)
                .call1((err.code(), err.to_string(), err.fields().to_string()))
        });
    match built {
        Ok(exception) => PyErr::from_value(exception),
        // Only reachable when `_native` is imported without its package;
        // the message still carries the code.
        Err(import_error) => {
            let fallback = PyRuntimeError::new_err(format!("[{}] {err}", err.code()));
            fallback.set_cause(py, Some(import_error));
            fallback
        }
    }
}

/// Runs `f` with the GIL released. A panic inside becomes
/// `Error::Internal` (raised as `lotwise.InternalError`), so a bug in
/// lotwise can never take the Python process down or surface as PyO3's
/// `PanicException`.
pub fn call<R, F>(py: Python<'_>, f: F) -> PyResult<R>
where
    R: Send,
    F: FnOnce() -> lotwise::Result<R> + Send,
{
    py.detach(|| guard(f)).map_err(|e| to_pyerr(py, &e))
}

/// Runs `f`, turning a panic into `Error::Internal`.
pub fn guard<R>(f: impl FnOnce() -> lotwise::Result<R>) -> lotwise::Result<R> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        Err(Error::Internal {
            reason: format!("panic: {}", panic_text(payload.as_ref())),
        })
    })
}

pub(crate) fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_string()
    }
}

/// Panics inside the boundary guard. Exists only so the tests can prove a
/// panic surfaces as `lotwise.InternalError`; the facade never calls it.
#[pyfunction]
pub fn _raise_panic(py: Python<'_>, message: String) -> PyResult<()> {
    call(py, move || -> lotwise::Result<()> {
        std::panic::panic_any(message)
    })
}
