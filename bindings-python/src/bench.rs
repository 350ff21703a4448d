//! The Rust column of `bench/overhead.py`: the same queries timed on the
//! same engine without Python, so the binding's per-call overhead is
//! measured in one run, on one store, under the same machine load.

use std::hint::black_box;
use std::time::Instant;

use lotwise::api::Command;
use pyo3::prelude::*;

use crate::convert::from_json;
use crate::engine::Engine;

#[pymethods]
impl Engine {
    /// Seconds taken by `n` runs of the operation `name` with `args` (JSON
    /// text) in Rust alone, through the core's command table, with the GIL
    /// released and results dropped. A measurement aid for
    /// `bench/overhead.py`, not part of the API.
    fn _bench_rust(&self, py: Python<'_>, name: String, args: String, n: u32) -> PyResult<f64> {
        self.plain(py, move |lw| {
            let command = Command::from_parts(&name, from_json("args", &args)?)?;
            let start = Instant::now();
            for _ in 0..n {
                black_box(lw.execute(command.clone())?);
            }
            Ok(start.elapsed().as_secs_f64())
        })
    }
}
