//! Part of workload 2: what a commit costs on this machine, and the
//! ceiling that puts on any SQLite implementation of the order cycle.
//!
//! A commit in WAL mode copies every page it changed to the log (a frame
//! header and the page, checksummed, two writes each), so a step costs at
//! least a fixed part per commit and a part per page it changed. Both are
//! measured here on a file in the same mode as workloads 1 and 2 (WAL,
//! `synchronous=NORMAL`): transactions that each rewrite `k` rows of a
//! small table holding one row per page, so each changes exactly `k`
//! pages, for several `k`, fitted to `fixed + k × per page`.
//!
//! It is a floor, so it leaves out whatever a real step must also do:
//! no statement reads anything or finds its row through an index, the
//! pages are few and always in the cache, and no checkpoint runs while a
//! series is timed (the log is checkpointed between series). The real
//! durability costs more: its checkpoints copy pages back to the file and
//! sync it.
//!
//! The least pages the business steps write are the baseline's (its WAL
//! pages per step, measured in the same run), so the baseline's pages and
//! commits per order cycle, at those costs, bound the cycles per second
//! any SQLite implementation of these steps can reach on this machine in
//! this mode.

use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};
use std::time::Duration;

use rusqlite::hooks::Wal;
use rusqlite::{params, Connection};

use crate::config::Config;
use crate::cycles::CycleRun;
use crate::report::{Target, Verdict};
use crate::stats::{dur, rate, sig, thousands, Samples};

/// A row this long fills a page of SQLite's default 4,096 bytes (the size
/// lotwise's files and the baseline's have) on its own, two do not fit: a
/// transaction that rewrites `k` rows changes exactly `k` pages, which the
/// table printed checks against the frames the log gained.
const ROW_BYTES: usize = 3_000;

/// Pages changed per transaction, one series each.
const PAGES: [usize; 7] = [1, 2, 4, 8, 16, 32, 64];

/// Rows of the measured table (one page each): few, so they stay cached.
const ROWS: usize = 128;

/// Frames this module's commits added to the log, and the log's length
/// after the last one (see [`count_frames`]).
static FRAMES: AtomicU64 = AtomicU64::new(0);
static FRAMES_LAST: AtomicI32 = AtomicI32::new(0);

/// The measured file's WAL hook: counts the frames each commit adds and,
/// unlike SQLite's default hook it replaces, never checkpoints.
fn count_frames(_: &Wal, frames: std::ffi::c_int) -> rusqlite::Result<()> {
    let last = FRAMES_LAST.swap(frames, Ordering::Relaxed);
    let added = if frames >= last {
        frames - last
    } else {
        frames
    };
    FRAMES.fetch_add(u64::try_from(added).unwrap_or(0), Ordering::Relaxed);
    Ok(())
}

/// What a commit costs here: `fixed + pages × per_page`.
#[derive(Debug, Clone, Copy)]
pub struct CommitCost {
    /// The part of a transaction that does not depend on its pages:
    /// taking the write lock, and marking the commit in the log.
    pub fixed: Duration,
    /// Each page changed: the statement that changes it and its frame in
    /// the log.
    pub per_page: Duration,
}

impl CommitCost {
    /// The least time `commits` transactions writing `pages` pages take.
    pub fn of(&self, commits: f64, pages: f64) -> Duration {
        self.fixed.mul_f64(commits) + self.per_page.mul_f64(pages)
    }

    /// The least an order cycle of `run` costs: its commits and the pages
    /// they wrote, per order, at these costs.
    pub fn cycle_floor(&self, run: &CycleRun) -> Duration {
        self.of(cycle_commits(run), cycle_pages(run))
    }
}

/// Pages written to the log per order cycle by `run`.
pub fn cycle_pages(run: &CycleRun) -> f64 {
    run.cycle_steps()
        .map(|s| s.per_order_ops * s.pages_per_command)
        .sum()
}

/// Commits per order cycle of `run` (one per command).
pub fn cycle_commits(run: &CycleRun) -> f64 {
    run.cycle_steps().map(|s| s.per_order_ops).sum()
}

/// Measures [`CommitCost`] on a fresh file in `dir`, printing each series;
/// the cost and the number of figures printed.
pub fn measure(dir: &std::path::Path, cfg: &Config) -> crate::report::BResult<(CommitCost, usize)> {
    let commits = if cfg.short { 40 } else { 1_000 };
    let conn = Connection::open(dir.join("floor.db"))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         CREATE TABLE pages (id INTEGER PRIMARY KEY, body BLOB NOT NULL);",
    )?;
    conn.wal_hook(Some(count_frames));
    // Each write stamps its number on the row: SQLite leaves a page alone
    // when a row is rewritten with the very bytes it holds.
    let mut body = vec![0u8; ROW_BYTES];
    let mut writes = 0u64;
    let tx = conn.unchecked_transaction()?;
    for id in 0..ROWS {
        tx.execute("INSERT INTO pages VALUES (?1, ?2)", params![id, body])?;
    }
    tx.commit()?;

    println!(
        "\n### What a commit costs on this machine\n\nworkload: a fresh file in the same mode \
         (WAL, synchronous=NORMAL); a table of {ROWS} rows of {ROW_BYTES} bytes, one per page; \
         {commits} transactions per series, each `BEGIN IMMEDIATE`, one `UPDATE` by rowid per page it \
         changes (the row rewritten, same length), `COMMIT`; no checkpoint while a series is timed\n"
    );
    println!("| pages changed | WAL pages per commit | mean | p50 | p99 |");
    println!("|---:|---:|---:|---:|---:|");
    let mut update = conn.prepare("UPDATE pages SET body = ?1 WHERE id = ?2")?;
    let mut points = Vec::new();
    let mut next = 0usize;
    for &k in &PAGES {
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        let mut samples = Samples::with_capacity(commits);
        let logged = FRAMES.load(Ordering::Relaxed);
        for _ in 0..commits {
            samples.time(|| -> rusqlite::Result<()> {
                conn.execute_batch("BEGIN IMMEDIATE")?;
                for _ in 0..k {
                    writes += 1;
                    body[..8].copy_from_slice(&writes.to_le_bytes());
                    // The rows in turn: k distinct pages per commit.
                    update.execute(params![body, (next % ROWS) as i64])?;
                    next += 1;
                }
                conn.execute_batch("COMMIT")
            })?;
        }
        let frames = (FRAMES.load(Ordering::Relaxed) - logged) as f64 / commits as f64;
        let s = samples.summary();
        println!(
            "| {k} | {} | {} | {} | {} |",
            sig(frames),
            dur(s.mean),
            dur(s.p50),
            dur(s.p99)
        );
        points.push((frames, s.mean.as_secs_f64()));
    }
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    let cost = fit(&points);
    println!(
        "\nfitted: a commit costs {} plus {} per page it changes",
        dur(cost.fixed),
        dur(cost.per_page)
    );
    Ok((cost, points.len() + 1))
}

/// A fraction as a whole percentage.
fn share(x: f64) -> String {
    format!("{:.0} %", 100.0 * x)
}

/// Least-squares line through `(pages, seconds)`.
fn fit(points: &[(f64, f64)]) -> CommitCost {
    let n = points.len() as f64;
    let (sx, sy) = points
        .iter()
        .fold((0.0, 0.0), |(sx, sy), (x, y)| (sx + x, sy + y));
    let (mx, my) = (sx / n, sy / n);
    let sxy: f64 = points.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let sxx: f64 = points.iter().map(|(x, _)| (x - mx) * (x - mx)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    let fixed = my - slope * mx;
    CommitCost {
        fixed: Duration::from_secs_f64(fixed.max(0.0)),
        per_page: Duration::from_secs_f64(slope.max(0.0)),
    }
}

/// Prints, per size, what the commits and pages of an order cycle cost at
/// `cost` for the baseline and for lotwise, against what each measured;
/// the number of figures printed.
pub fn print_ceilings(cost: &CommitCost, lotwise: &[CycleRun], baseline: &[CycleRun]) -> usize {
    println!(
        "\n### The ceiling: an order cycle's commits and pages at those costs\n\n\
         | orders | run | commits per cycle | WAL pages per cycle | their floor | ceiling | measured | floor's share of measured |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|");
    let mut figures = 0;
    for (l, b) in lotwise.iter().zip(baseline) {
        for (who, run) in [("baseline", b), ("lotwise", l)] {
            let floor = cost.cycle_floor(run);
            println!(
                "| {} | {who} | {} | {} | {} | {} | {} | {} |",
                thousands(run.orders as u64),
                sig(cycle_commits(run)),
                sig(cycle_pages(run)),
                dur(floor),
                rate(per_second(floor)),
                rate(run.cycles_per_sec()),
                share(floor.as_secs_f64() / run.cycle_cost().as_secs_f64().max(1e-12)),
            );
            figures += 1;
        }
    }
    figures
}

/// The cycles per second a cycle costing `d` allows.
fn per_second(d: Duration) -> f64 {
    1.0 / d.as_secs_f64().max(1e-12)
}

/// Cycles per second the SQLite target asks for.
const TARGET_CYCLES: f64 = 5_000.0;

/// The second row of the "≥ 5k full cycles/s" target: whether the
/// baseline's commits and pages (the least the steps write) at `cost`
/// leave room for 5k cycles/s on this machine.
pub fn ceiling_target(cost: &CommitCost, baseline: &CycleRun) -> Target {
    let ceiling = per_second(cost.cycle_floor(baseline));
    let verdict = if ceiling < TARGET_CYCLES {
        Verdict::Beyond
    } else {
        Verdict::WithinReach
    };
    let commits = cycle_commits(baseline);
    // The pages a cycle of as many commits could write within the target.
    let budget = 1.0 / TARGET_CYCLES - cost.of(commits, 0.0).as_secs_f64();
    let allowed = budget / cost.per_page.as_secs_f64().max(1e-12);
    Target::new(
        "SQLite: ≥ 5k full cycles/s (default durability): this machine's ceiling",
        format!(
            "the baseline's {} commits and {} WAL pages per cycle at {} orders cost at least {} here \
             ({} per commit + {} per page, no checkpoints): at most {}; 5k/s leaves room for {} pages \
             per cycle",
            sig(commits),
            sig(cycle_pages(baseline)),
            thousands(baseline.orders as u64),
            dur(cost.cycle_floor(baseline)),
            dur(cost.fixed),
            dur(cost.per_page),
            rate(ceiling),
            sig(allowed.max(0.0))
        ),
        verdict,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::cycles::StepResult;
    use crate::stats::Summary;

    /// A run whose cycle steps ran `ops` commands per order, each logging
    /// `pages` pages.
    fn run(steps: &[(&'static str, f64, f64)]) -> CycleRun {
        let steps = steps
            .iter()
            .map(|&(step, ops, pages)| StepResult {
                step,
                summary: Summary::default(),
                wanted: 0,
                per_order_ops: ops,
                pages_per_command: pages,
                note: String::new(),
            })
            .collect();
        CycleRun {
            orders: 200,
            steps,
            wall: Duration::ZERO,
        }
    }

    /// The cycle steps of a baseline-like run: 7 commits and 59 pages per
    /// order, with `extra` steps after them.
    fn cycle(extra: &[(&'static str, f64, f64)]) -> CycleRun {
        let mut steps = vec![
            ("place", 1.0, 4.0),
            ("confirm", 1.0, 8.0),
            ("start", 2.0, 8.0),
            ("complete", 2.0, 12.0),
            ("ship", 1.0, 7.0),
        ];
        steps.extend_from_slice(extra);
        run(&steps)
    }

    #[test]
    fn a_cycle_is_priced_by_its_commits_and_pages() {
        // Not a cycle step: left out.
        let r = cycle(&[("trace_back", 1.0, 100.0)]);
        assert_eq!(cycle_commits(&r), 7.0);
        assert_eq!(cycle_pages(&r), 4.0 + 8.0 + 16.0 + 24.0 + 7.0);
        let cost = CommitCost {
            fixed: Duration::from_micros(5),
            per_page: Duration::from_micros(4),
        };
        assert_eq!(cost.cycle_floor(&r), Duration::from_micros(7 * 5 + 59 * 4));
    }

    #[test]
    fn the_ceiling_row_says_whether_5k_fits() {
        let least = cycle(&[]);
        // 7 × 5 µs + 59 × 4 µs = 271 µs: at most 3,690 cycles/s.
        let dear = CommitCost {
            fixed: Duration::from_micros(5),
            per_page: Duration::from_micros(4),
        };
        assert_eq!(ceiling_target(&dear, &least).verdict, Verdict::Beyond);
        // 7 × 1 µs + 59 × 2 µs = 125 µs: 8,000 cycles/s would fit.
        let cheap = CommitCost {
            fixed: Duration::from_micros(1),
            per_page: Duration::from_micros(2),
        };
        assert_eq!(ceiling_target(&cheap, &least).verdict, Verdict::WithinReach);
    }

    #[test]
    fn a_line_through_exact_points_is_found() {
        let points: Vec<(f64, f64)> = PAGES
            .iter()
            .map(|&k| (k as f64, 10e-6 + k as f64 * 3e-6))
            .collect();
        let cost = fit(&points);
        assert!((cost.fixed.as_secs_f64() - 10e-6).abs() < 1e-9);
        assert!((cost.per_page.as_secs_f64() - 3e-6).abs() < 1e-9);
        assert_eq!(cost.of(2.0, 4.0), Duration::from_micros(32));
    }
}
