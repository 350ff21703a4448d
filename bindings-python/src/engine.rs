//! The engine handle. `Lotwise` is `Send + Sync` (its store and clock are),
//! so one frozen handle serves every Python thread; each call releases the
//! GIL while the engine works.

use std::sync::Arc;

use lotwise::api::Command;
use lotwise::{Clock, Lotwise, SystemClock};
use pyo3::prelude::*;
use serde::Serialize;

use crate::clock::{rfc3339, PyFixedClock};
use crate::error::{call, to_pyerr};
use crate::shape::Shape;

/// `lotwise._native.Engine`: one `lotwise::Lotwise`.
#[pyclass(frozen, module = "lotwise._native", name = "Engine")]
pub struct Engine {
    inner: Lotwise,
}

impl Engine {
    /// Runs `f` on the engine with the GIL released, then builds its result
    /// as `shape` says (records, decimals, tuples: see [`crate::pyser`]);
    /// errors become the matching `LotwiseError` subclass.
    pub(crate) fn typed<T, F>(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        f: F,
    ) -> PyResult<Py<PyAny>>
    where
        T: Serialize + Send,
        F: FnOnce(&Lotwise) -> lotwise::Result<T> + Send,
    {
        let lw = &self.inner;
        let value = call(py, move || f(lw))?;
        shape.get().build(py, &value)
    }

    /// Runs `f` with the GIL released, for results Python takes as they are.
    pub(crate) fn plain<T, F>(&self, py: Python<'_>, f: F) -> PyResult<T>
    where
        T: Send,
        F: FnOnce(&Lotwise) -> lotwise::Result<T> + Send,
    {
        let lw = &self.inner;
        call(py, move || f(lw))
    }
}

#[pymethods]
impl Engine {
    /// Opens a store by URL (`":memory:"`, or a backend the core knows),
    /// reading time from `clock` when one is given.
    #[staticmethod]
    #[pyo3(signature = (url, clock=None))]
    fn open(
        py: Python<'_>,
        url: String,
        clock: Option<&Bound<'_, PyFixedClock>>,
    ) -> PyResult<Engine> {
        let clock: Arc<dyn Clock> = match clock {
            Some(c) => c.get().inner.clone(),
            None => Arc::new(SystemClock),
        };
        call(py, move || Lotwise::open_with_clock(&url, clock)).map(|inner| Engine { inner })
    }

    /// Runs one operation of the core's table by name, with its `args` as
    /// JSON-like Python values (a dict of str, int, bool, None, lists and
    /// dicts), and builds the answer as `shape` says: the one generic door
    /// every generated method goes through. The args are read straight
    /// into the operation's input type, no JSON text in between.
    fn execute(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        name: &str,
        args: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let mut de = pythonize::Depythonizer::from_object(args);
        let command = Command::from_deserializer(name, &mut de, || {
            args.repr().map(|r| r.to_string()).unwrap_or_default()
        })
        .map_err(|e| to_pyerr(py, &e))?;
        self.typed(py, shape, move |lw| lw.execute(command))
    }

    /// `{"do": ..., "args": ...}` JSON text in, `{"ok": ...}` or
    /// `{"error": {...}}` JSON text out, as `Lotwise::execute_json`.
    fn execute_json(&self, py: Python<'_>, command: String) -> PyResult<String> {
        self.plain(py, move |lw| Ok(lw.execute_json(&command)))
    }

    /// An in-memory engine reading time from `clock`.
    #[staticmethod]
    fn in_memory_with_clock(clock: &Bound<'_, PyFixedClock>) -> Engine {
        Engine {
            inner: Lotwise::in_memory_with_clock(clock.get().inner.clone()),
        }
    }

    /// `memory`, `sqlite` or `postgres`.
    fn backend(&self) -> &'static str {
        self.inner.backend()
    }

    /// The engine's clock, RFC 3339 in UTC.
    fn now(&self) -> String {
        rfc3339(self.inner.now())
    }

    fn __repr__(&self) -> String {
        format!("<lotwise._native.Engine backend={}>", self.inner.backend())
    }
}
