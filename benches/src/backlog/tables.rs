//! The tables workload 8 prints: the backlog built at each size and every
//! timed step (the growth table is [`crate::growth`]'s).

use super::BacklogRun;
use crate::growth;
use crate::stats::{dur, rate, thousands};

/// Prints the build and step tables of `runs`; the number of figures printed.
pub(super) fn print_steps(runs: &[BacklogRun]) -> usize {
    let mut figures = 0;
    println!("\n| backlog (orders) | waiting batches | waiting bought-item orders | build (place + confirm) | orders/s |");
    println!("|---:|---:|---:|---:|---:|");
    for r in runs {
        println!(
            "| {} | {} | {} | {} | {} |",
            r.size_cell(),
            thousands(r.detail.0 as u64),
            thousands(r.detail.1 as u64),
            dur(r.build),
            rate(r.built as f64 / r.build.as_secs_f64().max(1e-9)),
        );
        figures += 2;
    }
    figures + growth::print_steps(runs, "backlog")
}
