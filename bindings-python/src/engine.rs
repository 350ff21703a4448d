//! The engine handle. `Lotwise` is `Send + Sync` (its store and clock are),
//! so one frozen handle serves every Python thread; each call releases the
//! GIL while the engine works.

use lotwise::Lotwise;
use pyo3::prelude::*;
use serde::Serialize;

use crate::clock::{rfc3339, PyFixedClock};
use crate::error::call;
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
    /// Opens a store by URL (`":memory:"`, or a backend the core knows).
    #[staticmethod]
    fn open(py: Python<'_>, url: String) -> PyResult<Engine> {
        call(py, move || Lotwise::open(&url)).map(|inner| Engine { inner })
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
