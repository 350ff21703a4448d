//! A fixed clock Python can move, for notebooks, tests and scenario replays.

use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, Utc};
use lotwise::{Clock, Error, FixedClock};
use pyo3::prelude::*;

use crate::error::to_pyerr;

/// `lotwise._native.FixedClock`: stands still until `set` or `advance_days`.
#[pyclass(frozen, module = "lotwise._native", name = "FixedClock")]
pub struct PyFixedClock {
    pub(crate) inner: Arc<FixedClock>,
}

#[pymethods]
impl PyFixedClock {
    /// A clock showing `now` (RFC 3339).
    #[new]
    fn new(py: Python<'_>, now: String) -> PyResult<Self> {
        let at = instant(&now).map_err(|e| to_pyerr(py, &e))?;
        Ok(PyFixedClock {
            inner: Arc::new(FixedClock::at(at)),
        })
    }

    /// The time shown, RFC 3339 in UTC.
    fn now(&self) -> String {
        rfc3339(self.inner.now())
    }

    /// Moves the clock to `now` (RFC 3339).
    fn set(&self, py: Python<'_>, now: String) -> PyResult<()> {
        let at = instant(&now).map_err(|e| to_pyerr(py, &e))?;
        self.inner.set(at);
        Ok(())
    }

    /// Moves the clock forward by whole days.
    fn advance_days(&self, days: i64) {
        self.inner.advance_days(days);
    }
}

/// Parses an RFC 3339 instant with any offset into UTC.
pub fn instant(text: &str) -> lotwise::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Error::InvalidInput {
            field: "clock".into(),
            value: text.into(),
            reason: format!("expected an RFC 3339 instant: {e}"),
        })
}

/// The same text form serde gives `DateTime<Utc>`.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}
