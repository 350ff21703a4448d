//! The Rust column of `bench/overhead.py`: the same queries timed on the
//! same engine without Python, so the binding's per-call overhead is
//! measured in one run, on one store, under the same machine load.

use std::hint::black_box;
use std::time::Instant;

use lotwise::{Error, Lotwise};
use pyo3::prelude::*;

use crate::engine::Engine;

/// One query with its argument, results dropped as Python would drop them.
type Query = Box<dyn Fn(&Lotwise) -> lotwise::Result<()> + Send>;

fn query(call: &str, arg: String) -> lotwise::Result<Query> {
    fn keep<T>(value: T) {
        black_box(value);
    }
    Ok(match call {
        "stock" => Box::new(move |lw| lw.stock(&arg).map(keep)),
        "lot" => Box::new(move |lw| lw.lot(&arg).map(keep)),
        "lots_of_item" => Box::new(move |lw| lw.lots_of_item(&arg).map(keep)),
        "order" => Box::new(move |lw| lw.order(&arg).map(keep)),
        "order_view" => Box::new(move |lw| lw.order_view(&arg).map(keep)),
        "orders" => Box::new(|lw| lw.orders().map(keep)),
        "mo" => Box::new(move |lw| lw.mo(&arg).map(keep)),
        "reservations" => Box::new(|lw| lw.reservations().map(keep)),
        "events_after" => {
            let limit = arg.parse().map_err(|_| invalid("arg", &arg))?;
            Box::new(move |lw| lw.events_after(0, limit).map(keep))
        }
        "event_cursor" => Box::new(move |lw| lw.event_cursor(&arg).map(keep)),
        other => return Err(invalid("call", other)),
    })
}

fn invalid(field: &str, value: &str) -> Error {
    Error::InvalidInput {
        field: field.into(),
        value: value.into(),
        reason: "not a query _bench_rust knows".into(),
    }
}

#[pymethods]
impl Engine {
    /// Seconds taken by `n` calls of the query `call` (`"stock"`, `"lot"`,
    /// `"order"`, `"order_view"`, `"events_after"` with `arg` the page
    /// size, ...) in Rust alone, with the GIL released. A measurement aid
    /// for `bench/overhead.py`, not part of the API.
    fn _bench_rust(&self, py: Python<'_>, call: String, arg: String, n: u32) -> PyResult<f64> {
        self.plain(py, move |lw| {
            let run = query(&call, arg)?;
            let start = Instant::now();
            for _ in 0..n {
                run(lw)?;
            }
            Ok(start.elapsed().as_secs_f64())
        })
    }
}
