//! What a workload hands back besides what it printed: how many figures it
//! produced (the short-mode test checks there are some) and the issue-13
//! targets it can judge.

use std::fmt;

/// The harness's error type: lotwise, rusqlite and I/O errors alike.
pub type BResult<T> = Result<T, Box<dyn std::error::Error>>;

/// Whether a target holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Measured at the target's size and within it.
    Met,
    /// Measured and outside it (or already outside it at a smaller size).
    NotMet,
    /// Not measured in this run (skipped, or the size was not reached and
    /// what was reached does not decide it).
    NotMeasured,
    /// Out of reach of any implementation on this machine: what it must
    /// do at the least already costs more than the target allows
    /// (measured in the same run).
    Beyond,
    /// What any implementation must do at the least fits within the
    /// target on this machine: it is a matter of the design.
    WithinReach,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Met => "met",
            Verdict::NotMet => "not met",
            Verdict::NotMeasured => "not measured",
            Verdict::Beyond => "beyond this machine",
            Verdict::WithinReach => "within this machine's reach",
        })
    }
}

impl Verdict {
    /// The verdict on a target of the form "a step costs at 20,000 orders
    /// ≤ 1.5× what it costs at 200", for a growth of `x` from `first` orders
    /// to `last`. Met only when measured at those very sizes on runs the
    /// budget did not cut short (`partial`); a partial `x` is a lower bound,
    /// so it can still fail the target.
    pub fn of_growth(x: f64, partial: bool, first: usize, last: usize) -> Verdict {
        match (x <= 1.5, partial || first != 200 || last < 20_000) {
            (false, _) => Verdict::NotMet,
            (true, false) => Verdict::Met,
            (true, true) => Verdict::NotMeasured,
        }
    }
}

/// One target of issue 13 and what this run measured for it.
#[derive(Debug, Clone)]
pub struct Target {
    /// The target, as the issue states it.
    pub target: String,
    /// The measured figure, with the size it was measured at.
    pub measured: String,
    /// Met or not.
    pub verdict: Verdict,
}

impl Target {
    /// A target whose verdict is `met` when `ok`, `not met` otherwise.
    pub fn judged(target: &str, measured: String, ok: bool) -> Self {
        Target {
            target: target.into(),
            measured,
            verdict: if ok { Verdict::Met } else { Verdict::NotMet },
        }
    }

    /// A target with an explicit verdict.
    pub fn new(target: &str, measured: String, verdict: Verdict) -> Self {
        Target {
            target: target.into(),
            measured,
            verdict,
        }
    }
}

/// A workload's result.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Workload name (as `--only` takes it).
    pub workload: &'static str,
    /// Number of figures it printed.
    pub figures: usize,
    /// The targets it judged.
    pub targets: Vec<Target>,
}

/// Prints the targets of every workload as one Markdown table. Unless
/// `judged` (a full-size release run), verdicts are withheld: short sizes
/// and debug builds say nothing about the targets.
pub fn print_targets(outcomes: &[Outcome], judged: bool) {
    println!("\n## Targets of issue 13\n");
    println!("| target | measured | verdict |");
    println!("|---|---|---|");
    for t in outcomes.iter().flat_map(|o| &o.targets) {
        if judged {
            println!("| {} | {} | **{}** |", t.target, t.measured, t.verdict);
        } else {
            println!(
                "| {} | {} | not judged (short mode or debug build; would say: {}) |",
                t.target, t.measured, t.verdict
            );
        }
    }
}
