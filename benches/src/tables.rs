//! The tables of workloads 1 and 2: per-step figures, per-size growth, and
//! the progress line of each run.

use crate::cycles::{CycleRun, CYCLE_STEPS};
use std::time::Duration;

use crate::stats::{added, dur, rate, ratio, thousands};

/// Says a run is done, how long it took and whether it is partial.
pub fn print_done(run: &CycleRun, reps: usize) {
    let what = format!("{} orders", thousands(run.orders as u64));
    print_progress(&what, run.wall, reps, run.partial());
}

/// The progress line of a run of `what`: its wall clock, how many runs its
/// medians come from, and whether the budget cut it short.
pub fn print_progress(what: &str, wall: Duration, reps: usize, partial: bool) {
    println!(
        "  ({what} done in {}{}{})",
        dur(wall),
        if reps > 1 {
            format!(", {reps} runs, median per step")
        } else {
            String::new()
        },
        if partial { ", PARTIAL" } else { "" }
    );
}

/// Prints the per-step table of `runs`; the number of figures printed.
pub fn print_steps(runs: &[CycleRun]) -> usize {
    println!("\n| orders | step | commands | mean | p50 | p99 | commands/s | per order | |");
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---|");
    let mut figures = 0;
    for r in runs {
        for s in &r.steps {
            let done = s.commands_cell();
            println!(
                "| {} | {} | {done} | {} | {} | {} | {} | {} | {} |",
                thousands(r.orders as u64),
                s.step,
                dur(s.summary.mean),
                dur(s.summary.p50),
                dur(s.summary.p99),
                rate(s.summary.per_sec()),
                dur(s.per_order()),
                s.note
            );
            figures += 5;
        }
    }
    for r in runs {
        println!(
            "\n{} orders: full cycles/s = {} ({} per cycle = place + confirm + start + complete + ship per order){}",
            thousands(r.orders as u64),
            rate(r.cycles_per_sec()),
            dur(r.cycle_cost()),
            if r.partial() { " — PARTIAL run: an upper bound" } else { "" }
        );
        figures += 1;
    }
    figures
}

/// The cells of a growth-table row for a size at which the step was not
/// measured: its ratio, and the added time too at the largest size, so the
/// columns stay in place.
pub fn unmeasured_cells(largest: bool) -> &'static str {
    if largest {
        " – | – |"
    } else {
        " – |"
    }
}

/// Per-order cost of each step at every size over the smallest size.
/// Prints the table; the worst cycle step and its ratio, and whether any
/// run behind it was partial.
pub fn print_growth(runs: &[CycleRun]) -> Option<(&'static str, f64, bool)> {
    let (base, rest) = runs.split_first()?;
    let mut head = format!("\n| step | per order at {} |", base.orders);
    let mut rule = String::from("|---|---:|");
    for r in rest {
        head += &format!(" {} / {} |", r.orders, base.orders);
        rule += "---:|";
    }
    if let Some(last) = rest.last() {
        head += &format!(" added at {} |", last.orders);
        rule += "---:|";
    }
    println!("{head}\n{rule}");
    let mut worst: Option<(&'static str, f64, bool)> = None;
    for s in &base.steps {
        let mut row = format!("| {} | {} |", s.step, dur(s.per_order()));
        for (i, r) in rest.iter().enumerate() {
            let Some(t) = r.step(s.step) else {
                row += unmeasured_cells(i + 1 == rest.len());
                continue;
            };
            let x = t.per_order().as_secs_f64() / s.per_order().as_secs_f64().max(1e-12);
            let partial = t.partial() || s.partial();
            row += &format!(" {}{} |", if partial { "≥ " } else { "" }, ratio(x));
            let largest = i + 1 == rest.len();
            if largest {
                row += &format!(" {} |", added(s.per_order(), t.per_order()));
            }
            if largest && CYCLE_STEPS.contains(&s.step) && worst.is_none_or(|(_, w, _)| x > w) {
                worst = Some((s.step, x, partial));
            }
        }
        println!("{row}");
    }
    worst
}
