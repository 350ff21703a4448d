//! What the workloads that ask "does this command cost more as the shop's
//! history grows?" share (8, the waiting backlog; 9, the shelf): each
//! builds a fresh store to several sizes, then times a few kinds of command
//! in turns on it, each kind its own step. Their runs, the timing of one
//! command with its page faults, the median over repeated small runs, the
//! step and growth tables, and the verdict on the target.

use std::time::Duration;

use crate::config::Config;
use crate::cycles::{median_steps, repeats, store_url, StepResult, BACKENDS};
use crate::report::{BResult, Outcome, Target, Verdict};
use crate::stats::{added, dur, minor_faults, rate, ratio, sig, thousands, Samples};
use crate::tables::{print_progress, unmeasured_cells};

/// One run at one size on one backend.
#[derive(Debug, Clone)]
pub struct SizedRun<D> {
    /// Orders the build should have made.
    pub wanted: usize,
    /// Orders it made (fewer when the budget stopped the build).
    pub built: usize,
    /// What the store holds once built, as the workload reports it.
    pub detail: D,
    /// The build, wall clock.
    pub build: Duration,
    /// The timed steps, in order.
    pub steps: Vec<StepResult>,
    /// The whole run, wall clock.
    pub wall: Duration,
}

impl<D> SizedRun<D> {
    /// Whether the budget cut the build or a step short.
    pub fn partial(&self) -> bool {
        self.built < self.wanted || self.steps.iter().any(StepResult::partial)
    }

    /// The step named `name`.
    pub fn step(&self, name: &str) -> Option<&StepResult> {
        self.steps.iter().find(|s| s.step == name)
    }

    /// The size of the run as a table cell, with how far the build got
    /// when the budget cut it short.
    pub fn size_cell(&self) -> String {
        if self.built < self.wanted {
            format!(
                "{} of {} (PARTIAL: budget)",
                thousands(self.built as u64),
                thousands(self.wanted as u64)
            )
        } else {
            thousands(self.built as u64)
        }
    }
}

/// The durations of one kind of command and the page faults they took.
#[derive(Default)]
pub struct Timed {
    samples: Samples,
    faults: u64,
}

impl Timed {
    /// Runs `f` and records how long it took and the page faults it took.
    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let before = minor_faults();
        let out = self.samples.time(f);
        if let (Some(a), Some(b)) = (before, minor_faults()) {
            self.faults += b.saturating_sub(a);
        }
        out
    }

    /// The step `name` of `wanted` commands, with its page faults per command.
    pub fn step(&self, name: &'static str, wanted: usize) -> StepResult {
        let summary = self.samples.summary();
        StepResult {
            step: name,
            summary,
            wanted,
            per_order_ops: 1.0,
            pages_per_command: 0.0,
            note: format!(
                "{} page faults per command",
                sig(self.faults as f64 / summary.n.max(1) as f64)
            ),
        }
    }
}

/// Runs `once` `reps` times; each step's median (by mean) over the runs.
fn median_of<D: Clone>(
    reps: usize,
    mut once: impl FnMut(usize) -> BResult<SizedRun<D>>,
) -> BResult<SizedRun<D>> {
    let runs = (0..reps.max(1))
        .map(&mut once)
        .collect::<BResult<Vec<_>>>()?;
    let mut merged = runs[0].clone();
    merged.wall = runs.iter().map(|r| r.wall).sum();
    let steps: Vec<&[StepResult]> = runs.iter().map(|r| r.steps.as_slice()).collect();
    merged.steps = median_steps(&steps, |s| s.summary.mean);
    Ok(merged)
}

/// Every size of `sizes` on one backend, each in a fresh store (a fresh
/// file on SQLite; `sqlite`), after a warm-up at 20 orders that is not
/// reported. `once(url, size, turns)` is one run of `turns` turns; sizes
/// under 2,000 are repeated and keep each step's median (see
/// [`repeats`]). `name` names the files and the progress lines
/// (`backlog of 200 orders`).
fn runs_at_sizes<D: Clone>(
    cfg: &Config,
    sqlite: bool,
    name: &str,
    sizes: &[usize],
    turns: usize,
    once: impl Fn(&str, usize, usize) -> BResult<SizedRun<D>>,
) -> BResult<Vec<SizedRun<D>>> {
    let dir = tempfile::tempdir()?;
    let url = |file: &str| store_url(dir.path(), sqlite, file);
    once(&url("warm.db"), 20, turns.min(20))?; // warm-up, not reported
    let mut out = Vec::new();
    for &n in sizes {
        let reps = repeats(n, cfg);
        let r = median_of(reps, |i| {
            once(&url(&format!("{name}-{n}-{i}.db")), n, turns)
        })?;
        let what = format!("{name} of {} orders", thousands(r.built as u64));
        print_progress(&what, r.wall, reps, r.partial());
        out.push(r);
    }
    Ok(out)
}

/// Prints every step of `runs`, one row per size and step, the size under
/// the column `size`; the number of figures printed.
pub fn print_steps<D>(runs: &[SizedRun<D>], size: &str) -> usize {
    let mut figures = 0;
    println!("\n| {size} | step | commands | mean | p50 | p99 | commands/s | |");
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
/// bound: a smaller store was measured than wanted).
fn print_growth<D>(runs: &[SizedRun<D>]) -> Option<(&'static str, f64, bool)> {
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
    if let Some(last) = rest.last() {
        head += &format!(" added at {} |", thousands(last.built as u64));
        rule += "---:|";
    }
    println!("{head}\n{rule}");
    let mut worst: Option<(&'static str, f64, bool)> = None;
    for s in &base.steps {
        let mut row = format!("| {} | {} |", s.step, dur(s.summary.mean));
        for (i, r) in rest.iter().enumerate() {
            let Some(t) = r.step(s.step) else {
                row += unmeasured_cells(i + 1 == rest.len());
                continue;
            };
            let x = t.summary.mean.as_secs_f64() / s.summary.mean.as_secs_f64().max(1e-12);
            let partial = r.partial() || base.partial();
            row += &format!(" {}{} |", if partial { "≥ " } else { "" }, ratio(x));
            if i + 1 == rest.len() {
                row += &format!(" {} |", added(s.summary.mean, t.summary.mean));
                if worst.is_none_or(|(_, w, _)| x > w) {
                    worst = Some((s.step, x, partial));
                }
            }
        }
        println!("{row}");
    }
    worst
}

/// Prints the growth table of `runs` and the step that grows most ("costs
/// 1.09× as much with 20,000 {orders_are} as with 200"), and judges
/// `target` (every step's mean at 20,000 orders ≤ 1.5× its mean at 200) by
/// it. `None` when there is a single size: nothing grew.
fn judge_growth<D>(runs: &[SizedRun<D>], orders_are: &str, target: &str) -> Option<Target> {
    let (step, x, partial) = print_growth(runs)?;
    let (first, last) = (runs[0].built, runs[runs.len() - 1].built);
    let at_least = if partial { "≥ " } else { "" };
    println!(
        "\nsteepest growth: `{step}` costs {at_least}{} as much with {} {orders_are} as with {}",
        ratio(x),
        thousands(last as u64),
        thousands(first as u64)
    );
    Some(Target::new(
        target,
        format!(
            "worst `{step}`: {at_least}{} ({} vs {} orders)",
            ratio(x),
            thousands(last as u64),
            thousands(first as u64)
        ),
        Verdict::of_growth(x, partial, first, last),
    ))
}

/// What a growth workload is, for [`over_backends`].
pub struct Growth<'a> {
    /// The workload's name, as `--only` takes it (also names the files).
    pub workload: &'static str,
    /// The sizes it is built to, smallest first.
    pub sizes: &'a [usize],
    /// Commands timed per step.
    pub turns: usize,
    /// What its orders are, for the steepest-growth line ("orders waiting").
    pub orders_are: &'a str,
    /// The target after the backend's name ("receipts against …: mean at
    /// 20,000 … ≤ 1.5× at 200").
    pub target: &'a str,
}

/// Runs a growth workload on memory and on SQLite: `once` at every size,
/// its steps printed by `print` (which returns how many figures it
/// printed), then the growth judged against the target.
pub fn over_backends<D: Clone>(
    cfg: &Config,
    growth: &Growth<'_>,
    once: impl Fn(&str, usize, usize) -> BResult<SizedRun<D>>,
    print: impl Fn(&[SizedRun<D>]) -> usize,
) -> BResult<Outcome> {
    let mut figures = 0;
    let mut targets = Vec::new();
    for (label, sqlite) in BACKENDS {
        println!("\n### {label}\n");
        let runs = runs_at_sizes(
            cfg,
            sqlite,
            growth.workload,
            growth.sizes,
            growth.turns,
            &once,
        )?;
        figures += print(&runs);
        let backend = if sqlite { "SQLite" } else { "memory" };
        let target = format!("{backend}: {}", growth.target);
        if let Some(t) = judge_growth(&runs, growth.orders_are, &target) {
            figures += 1;
            targets.push(t);
        }
    }
    Ok(Outcome {
        workload: growth.workload,
        figures,
        targets,
    })
}
