//! Shared results of pure converters, keyed by text.
//!
//! Building a `Decimal` from text is the single largest cost of a typed
//! result (argument parsing, a context lookup, the parse itself), and the
//! same few texts come back call after call: `"0"` for what is not reserved
//! or shipped yet, the same stock levels, the same expiry days. `Decimal`
//! and `date` objects are immutable, so equal texts can share one object,
//! as CPython shares small ints. The table is bounded: it holds short texts
//! only and starts over when full.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

/// Texts longer than this are converted every time (they rarely repeat).
const MAX_TEXT: usize = 40;
/// Entries before the table starts over.
const CAPACITY: usize = 4096;

/// text → (converter, its result). The converter is kept so an entry only
/// answers for the converter that made it.
type Table = HashMap<Box<str>, (Py<PyAny>, Py<PyAny>)>;

static TABLE: PyOnceLock<Mutex<Table>> = PyOnceLock::new();

/// `convert(text)`, shared with earlier calls for the same converter and text.
/// `convert` must be pure and return immutable objects.
pub(crate) fn convert<'py>(
    py: Python<'py>,
    convert: &Py<PyAny>,
    text: &str,
) -> PyResult<Bound<'py, PyAny>> {
    if text.len() > MAX_TEXT {
        return convert.bind(py).call1((text,));
    }
    let table = TABLE.get_or_init(py, Default::default);
    // No Python code runs while the lock is held (the GIL is held
    // throughout, so it is never contended either).
    let hit = table
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(text)
        .filter(|(f, _)| f.is(convert))
        .map(|(_, value)| value.clone_ref(py));
    if let Some(value) = hit {
        return Ok(value.into_bound(py));
    }
    let value = convert.bind(py).call1((text,))?;
    let (replaced, dropped) = {
        let mut map = table.lock().unwrap_or_else(PoisonError::into_inner);
        let dropped = (map.len() >= CAPACITY).then(|| std::mem::take(&mut *map));
        let entry = (convert.clone_ref(py), value.clone().unbind());
        (map.insert(text.into(), entry), dropped)
    };
    // Released after the lock: freeing an object may run Python code,
    // which could come back here.
    drop((replaced, dropped));
    Ok(value)
}
