//! The benchmark harness of issue 13: every workload in one run, each with
//! its parameters, its figures (throughput, p50/p99 per step) and its ratio
//! to a baseline measured in the same run, then the targets, met or
//! not.
//!
//! `cargo run --release -p lotwise-bench` (full sizes), `-- --short` (or
//! `LOTWISE_BENCH_SHORT=1`) for the small sizes the tests run,
//! `-- --only=cycles,trace` for some workloads. Sizes and the per-phase
//! time budget come from `LOTWISE_BENCH_*` variables (see README.md).

#![warn(missing_docs)]

mod backlog;
mod baseline_sql;
mod bindings;
mod config;
mod cycles;
mod floor;
mod growth;
mod memory;
mod postgres;
mod promise;
mod report;
mod shelf;
mod stats;
mod tables;
mod trace;
mod workload;

use std::time::Instant;

use config::Config;
use report::{print_targets, BResult, Outcome};
use stats::dur;

/// The first `model name` of /proc/cpuinfo.
fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn mem_total() -> String {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal"))
                .map(|l| l.trim_start_matches("MemTotal:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn git(args: &[&str]) -> Option<String> {
    std::process::Command::new("git")
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
}

/// The commit, and the tracked files changed on top of it (or what
/// `LOTWISE_BENCH_SOURCE` says, for a run from an exported tree).
fn git_head() -> String {
    if let Ok(source) = std::env::var("LOTWISE_BENCH_SOURCE") {
        return source;
    }
    let head =
        git(&["rev-parse", "--short", "HEAD"]).map_or("unknown".into(), |s| s.trim().to_string());
    let changed: Vec<String> = git(&["status", "--porcelain", "--untracked-files=no"])
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.get(3..).map(str::to_string))
        .collect();
    if changed.is_empty() {
        head
    } else {
        format!("{head} plus uncommitted changes to {}", changed.join(", "))
    }
}

/// `/proc/loadavg`'s three averages: other work on the machine skews figures.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

fn header(cfg: &Config, args: &[String]) {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("# lotwise benchmark harness (issue 13)\n");
    println!(
        "- command: `cargo run{} -p lotwise-bench{}{}`",
        if cfg!(debug_assertions) {
            ""
        } else {
            " --release"
        },
        if args.is_empty() { "" } else { " --" },
        args.iter().map(|a| format!(" {a}")).collect::<String>()
    );
    println!(
        "- build: {}",
        if cfg!(debug_assertions) {
            "debug (figures are not comparable with release)"
        } else {
            "release"
        }
    );
    println!(
        "- machine: {cpus} CPUs (nproc), {}, {} RAM",
        cpu_model(),
        mem_total()
    );
    println!("- commit: {}", git_head());
    println!(
        "- started: {}, load average {}",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
        load_average()
    );
    println!(
        "- mode: {}; orders {:?}; lots memory {} / SQLite {}; open batches {}; waiting backlog {:?}; shelf {:?}; budget per phase {}, per genealogy build {}",
        if cfg.short { "SHORT" } else { "full" },
        cfg.orders,
        cfg.lots_memory,
        cfg.lots_sqlite,
        cfg.open_batches,
        cfg.backlog,
        cfg.shelf,
        cfg.budget.map_or("none".into(), dur),
        cfg.build_budget.map_or("none".into(), dur)
    );
}

fn python(cfg: &Config) -> Outcome {
    let t = Instant::now();
    let outcome = bindings::workload(cfg);
    println!("\n(workload 5 took {})", dur(t.elapsed()));
    outcome
}

/// Runs every selected workload in order; their outcomes.
pub fn run(cfg: &Config) -> BResult<Vec<Outcome>> {
    let mut out = Vec::new();
    let mut sqlite_runs = None;
    let timed =
        |name: &str, started: Instant| println!("\n({name} took {})", dur(started.elapsed()));
    if cfg.runs("cycles") {
        let t = Instant::now();
        let (o, runs) = cycles::workload(cfg)?;
        out.push(o);
        sqlite_runs = Some(runs);
        timed("workload 1", t);
    }
    if cfg.runs("baseline") {
        let t = Instant::now();
        out.push(baseline_sql::workload(cfg, sqlite_runs)?);
        timed("workload 2", t);
    }
    if cfg.runs("trace") {
        let t = Instant::now();
        out.push(trace::workload(cfg)?);
        timed("workload 3", t);
    }
    if cfg.runs("promise") {
        let t = Instant::now();
        out.push(promise::workload(cfg)?);
        timed("workload 4", t);
    }
    if cfg.runs("python") {
        out.push(python(cfg));
    }
    if cfg.runs("postgres") {
        let t = Instant::now();
        out.push(postgres::workload(cfg)?);
        timed("workload 6", t);
    }
    if cfg.runs("memory") {
        let t = Instant::now();
        out.push(memory::workload(cfg)?);
        timed("workload 7", t);
    }
    if cfg.runs("backlog") {
        let t = Instant::now();
        out.push(backlog::workload(cfg)?);
        timed("workload 8", t);
    }
    if cfg.runs("shelf") {
        let t = Instant::now();
        out.push(shelf::workload(cfg)?);
        timed("workload 9", t);
    }
    print_targets(&out, !cfg.short && !cfg!(debug_assertions));
    Ok(out)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("usage: lotwise-bench [--short] [--only=cycles,baseline,trace,promise,python,postgres,memory,backlog,shelf]");
        println!("sizes: LOTWISE_BENCH_ORDERS, _LOTS, _SQLITE_LOTS, _OPEN_BATCHES, _BACKLOG, _SHELF, _BUDGET_S, … (benches/README.md)");
        return;
    }
    if args.first().map(String::as_str) == Some(postgres::CHILD_ARG) {
        if let Err(e) = postgres::child(&args[1..]) {
            eprintln!("lotwise-bench (Postgres worker): {e}");
            std::process::exit(1);
        }
        return;
    }
    if args.first().map(String::as_str) == Some(memory::CHILD_ARG) {
        let run = Config::from_env(&args[1..]).map_err(|e| e.into());
        if let Err(e) = run.and_then(|cfg| memory::in_process(&cfg)) {
            eprintln!("lotwise-bench (memory): {e}");
            std::process::exit(1);
        }
        return;
    }
    let cfg = match Config::from_env(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("lotwise-bench: {e}");
            std::process::exit(2);
        }
    };
    header(&cfg, &args);
    let started = Instant::now();
    match run(&cfg) {
        Ok(_) => println!(
            "\n(whole run: {}; load average at the end {})",
            dur(started.elapsed()),
            load_average()
        ),
        Err(e) => {
            eprintln!("lotwise-bench: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short mode runs every workload and each produces figures, but
    /// for Postgres without a server (`LOTWISE_PG_URL` unset: the test
    /// command sets it) and for the bindings' scripts, which it does not
    /// run. Nothing about time is asserted.
    #[test]
    fn short_mode_produces_figures_for_every_workload() {
        let cfg = Config::short();
        let outcomes = run(&cfg).expect("short run");
        let pg = std::env::var("LOTWISE_PG_URL").is_ok_and(|u| !u.is_empty());
        for name in config::WORKLOADS {
            let o = outcomes.iter().find(|o| o.workload == name);
            let o = o.unwrap_or_else(|| panic!("workload {name} did not run"));
            if name == "postgres" && !pg {
                assert_eq!(o.figures, 0, "Postgres measured without a server");
                continue;
            }
            if name == "python" {
                // The short mode runs none of the bindings' scripts
                // (bindings.rs says why; its own tests cover the relaying).
                assert_eq!(o.figures, 0, "the short mode ran a binding script");
                continue;
            }
            assert!(o.figures > 0, "workload {name} produced no figures");
        }
    }
}
