//! The tables workload 8 prints: the backlog built at each size, every
//! timed step, and each step's growth against the smallest backlog.

use super::BacklogRun;
use crate::stats::{dur, rate, ratio, thousands};

/// The backlog size of a run, with how far the build got when it was cut short.
fn size(r: &BacklogRun) -> String {
    if r.built < r.wanted {
        format!(
            "{} of {} (PARTIAL: budget)",
            thousands(r.built as u64),
            thousands(r.wanted as u64)
        )
    } else {
        thousands(r.built as u64)
    }
}

/// Prints the build and step tables of `runs`; the number of figures printed.
pub(super) fn print_steps(runs: &[BacklogRun]) -> usize {
    let mut figures = 0;
    println!("\n| backlog (orders) | waiting batches | waiting bought-item orders | build (place + confirm) | orders/s |");
    println!("|---:|---:|---:|---:|---:|");
    for r in runs {
        println!(
            "| {} | {} | {} | {} | {} |",
            size(r),
            thousands(r.waiting.0 as u64),
            thousands(r.waiting.1 as u64),
            dur(r.build),
            rate(r.built as f64 / r.build.as_secs_f64().max(1e-9)),
        );
        figures += 2;
    }
    println!("\n| backlog | step | commands | mean | p50 | p99 | commands/s | |");
    println!("|---:|---|---:|---:|---:|---:|---:|---|");
    for r in runs {
        for s in &r.steps {
            let done = s.commands_cell();
            println!(
                "| {} | {} | {done} | {} | {} | {} | {} | {} |",
                thousands(r.built as u64),
                s.step,
                dur(s.summary.mean),
                dur(s.summary.p50),
                dur(s.summary.p99),
                rate(s.summary.per_sec()),
                s.note
            );
            figures += 4;
        }
    }
    figures
}

/// Each step's mean at every size over its mean at the smallest size.
/// Prints the table; the step that grows most to the largest size, its
/// ratio, and whether a run behind it was partial (then it is a lower
/// bound: a smaller backlog was measured than wanted).
pub(super) fn print_growth(runs: &[BacklogRun]) -> Option<(&'static str, f64, bool)> {
    let (base, rest) = runs.split_first()?;
    let mut head = format!("\n| step | mean at {} |", thousands(base.built as u64));
    let mut rule = String::from("|---|---:|");
    for r in rest {
        head += &format!(
            " {} / {} |",
            thousands(r.built as u64),
            thousands(base.built as u64)
        );
        rule += "---:|";
    }
    println!("{head}\n{rule}");
    let mut worst: Option<(&'static str, f64, bool)> = None;
    for s in &base.steps {
        let mut row = format!("| {} | {} |", s.step, dur(s.summary.mean));
        for (i, r) in rest.iter().enumerate() {
            let Some(t) = r.step(s.step) else { continue };
            let x = t.summary.mean.as_secs_f64() / s.summary.mean.as_secs_f64().max(1e-12);
            let partial = r.partial() || base.partial();
            row += &format!(" {}{} |", if partial { "≥ " } else { "" }, ratio(x));
            if i + 1 == rest.len() && worst.is_none_or(|(_, w, _)| x > w) {
                worst = Some((s.step, x, partial));
            }
        }
        println!("{row}");
    }
    worst
}
