//! Workload 6: confirmed orders per second with several OS processes on one
//! Postgres database, lotwise against a hand-written baseline run on the
//! same server in the same run (`postgres/baseline.rs`).
//!
//! Each worker places and confirms orders for 4 SKUs in stock (so every
//! order is reserved from stock and ready to ship), in one of two shapes:
//!
//! - two commands, `place_order` then `confirm_order`: two transactions;
//! - one command, `place_and_confirm_order`: one transaction (a storefront
//!   confirming each order as its webhook arrives).
//!
//! Workers are processes of this binary (`--child=postgres …`), as the
//! shops this serves run many; in the unit test, threads of the test.
//! After each run the store's invariants are checked: nothing oversold.

use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use lotwise::*;

use crate::config::Config;
use crate::report::{BResult, Outcome, Target, Verdict};
use crate::stats::{rate, ratio, thousands};
use crate::workload::{new_order, pcs};

mod baseline;

/// The first argument of a worker process.
pub const CHILD_ARG: &str = "--child=postgres";

/// The SKUs the workers' orders take turns on.
const SKUS: [&str; 4] = ["SOAP", "BALM", "SALT", "OIL"];

/// The target for 8 processes.
const TARGET_PER_S: f64 = 2_000.0;

/// Who does the work: lotwise, or the hand-written SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Worker {
    Lotwise,
    Baseline,
}

impl Worker {
    fn arg(self) -> &'static str {
        match self {
            Worker::Lotwise => "lotwise",
            Worker::Baseline => "baseline",
        }
    }
}

/// What one worker did: wall-clock start and end (ns) and orders confirmed.
type Done = (u128, u128, u64);

fn now_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// In a worker process (`--child=postgres kind url worker orders one`):
/// runs its orders and prints `start end confirmed`.
pub fn child(args: &[String]) -> BResult<()> {
    let [kind, url, worker, orders, one] = args else {
        return Err(format!("a Postgres worker needs 5 arguments, got {args:?}").into());
    };
    let (worker, orders): (u64, u64) = (worker.parse()?, orders.parse()?);
    let one = one == "1";
    let (start, end, confirmed) = match kind.as_str() {
        "lotwise" => lotwise_worker(url, worker, orders, one)?,
        "baseline" => baseline::worker(url, worker, orders, one)?,
        other => return Err(format!("unknown Postgres worker `{other}`").into()),
    };
    println!("{start} {end} {confirmed}");
    Ok(())
}

/// A lotwise worker: places and confirms its orders.
fn lotwise_worker(url: &str, worker: u64, orders: u64, one_command: bool) -> BResult<Done> {
    let lw = Lotwise::open(url)?;
    let start = now_ns();
    let mut confirmed = 0;
    for n in 0..orders {
        let sku = SKUS[(n % 4) as usize];
        let mut new = new_order(
            &format!("P{worker}-{n}"),
            "Bench Customer",
            vec![(sku.into(), 1)],
        );
        // One returning customer known by email, as a storefront sends
        // them (and as the baseline's order records say).
        new.customer.email = Some("bench@example.com".into());
        let status = if one_command {
            lw.place_and_confirm_order(new)?.confirmed.map(|c| c.status)
        } else {
            let id = lw.place_order(new)?.order.id;
            Some(lw.confirm_order(&id)?.status)
        };
        if status == Some(OrderStatus::ReadyToShip) {
            confirmed += 1;
        }
    }
    Ok((start, now_ns(), confirmed))
}

/// Runs `processes` workers of one kind on `url`; their confirmed orders
/// and orders per second, from the first start to the last end.
fn workers(
    kind: Worker,
    url: &str,
    one: bool,
    processes: usize,
    orders: usize,
) -> BResult<(u64, f64)> {
    let done: Vec<Done> = if cfg!(test) {
        // The test binary cannot be a worker process: threads instead.
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..processes as u64)
                .map(|w| {
                    s.spawn(move || {
                        let done = match kind {
                            Worker::Lotwise => lotwise_worker(url, w, orders as u64, one),
                            Worker::Baseline => baseline::worker(url, w, orders as u64, one),
                        };
                        // The harness's errors do not cross threads: their text does.
                        done.map_err(|e| e.to_string())
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| match h.join() {
                    Ok(done) => done.map_err(Into::into),
                    Err(_) => Err("a worker thread panicked".into()),
                })
                .collect::<BResult<Vec<_>>>()
        })?
    } else {
        let exe = std::env::current_exe()?;
        let children = (0..processes)
            .map(|w| {
                Command::new(&exe)
                    .args([CHILD_ARG, kind.arg(), url])
                    .args([w.to_string(), orders.to_string()])
                    .arg(if one { "1" } else { "0" })
                    .stdout(Stdio::piped())
                    .spawn()
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut done = Vec::with_capacity(processes);
        for child in children {
            let out = child.wait_with_output()?;
            if !out.status.success() {
                return Err(format!("a {} worker failed: {}", kind.arg(), out.status).into());
            }
            let text = String::from_utf8_lossy(&out.stdout);
            let f: Vec<u128> = text
                .split_whitespace()
                .map(str::parse)
                .collect::<Result<_, _>>()?;
            let [start, end, confirmed] = f[..] else {
                return Err(format!("a worker printed `{text}`").into());
            };
            done.push((start, end, confirmed as u64));
        }
        done
    };
    let first = done.iter().map(|d| d.0).min().unwrap_or(0);
    let last = done.iter().map(|d| d.1).max().unwrap_or(0);
    let confirmed: u64 = done.iter().map(|d| d.2).sum();
    let secs = (last.saturating_sub(first)) as f64 / 1e9;
    Ok((
        confirmed,
        if secs > 0.0 {
            confirmed as f64 / secs
        } else {
            0.0
        },
    ))
}

/// A fresh schema with lotwise's tables and the 4 SKUs in stock; its URL.
fn schema(admin: &mut postgres::Client, url: &str, name: &str, settings: &str) -> BResult<String> {
    admin.batch_execute(&format!("CREATE SCHEMA {name}"))?;
    let sep = if url.contains('?') { '&' } else { '?' };
    let lw_url = format!("{url}{sep}options=-c%20search_path%3D{name}{settings}");
    let lw = Lotwise::open(&lw_url)?;
    for sku in SKUS {
        lw.define_item(NewItem::new(sku, sku, ItemKind::Product, Uom::Pcs))?;
        lw.receive(Receipt::new(sku, pcs(1_000_000)))?;
    }
    Ok(lw_url)
}

/// One measured row: lotwise and the baseline, one commit setting, one shape.
struct Row {
    commits: &'static str,
    shape: &'static str,
    one_command: bool,
    confirmed: u64,
    per_s: f64,
    baseline_per_s: f64,
    oversold: usize,
}

/// The workload: skipped loudly without `LOTWISE_PG_URL`.
pub fn workload(cfg: &Config) -> BResult<Outcome> {
    println!(
        "\n## 6. Postgres, {} processes, contended SKUs\n",
        cfg.pg_processes
    );
    let Some(url) = std::env::var("LOTWISE_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        println!(
            "*** SKIPPED: LOTWISE_PG_URL is not set. Start a throwaway server and run again: ***"
        );
        println!("\n    export LOTWISE_PG_URL=$(scripts/postgres.sh start)");
        return Ok(Outcome {
            workload: "postgres",
            figures: 0,
            targets: vec![Target::new(
                "Postgres, 8 processes: ≥ 2k confirmed orders/s, 0 oversold",
                "skipped: LOTWISE_PG_URL not set".into(),
                Verdict::NotMeasured,
            )],
        });
    };
    println!(
        "workload: {} processes × {} orders each, every order placed and confirmed from stock \
         (4 SKUs, 1 pcs each, reserved and ready to ship), as two commands (place_order, then \
         confirm_order) and as one (place_and_confirm_order); each against the hand-written \
         baseline (the least SQL the same transactions need, prepared, in lotwise's tables), on \
         the same server in the same run; each in a fresh schema; invariants checked after each \
         lotwise run\n",
        cfg.pg_processes, cfg.pg_orders
    );
    let mut admin = postgres::Client::connect(&url, postgres::NoTls)?;
    let mut rows = Vec::new();
    for (commits, settings) in [
        ("durable (default)", ""),
        ("synchronous_commit=off", "%20-c%20synchronous_commit%3Doff"),
    ] {
        for (n, (one_command, shape)) in [
            (false, "place_order + confirm_order"),
            (true, "place_and_confirm_order"),
        ]
        .into_iter()
        .enumerate()
        {
            let base = format!("lw_bench_{}_{}_{n}", std::process::id(), settings.len());
            let lw_url = schema(&mut admin, &url, &base, settings)?;
            let raw_url = schema(&mut admin, &url, &format!("{base}_raw"), settings)?;
            let measured = (|| -> BResult<Row> {
                let (p, o) = (cfg.pg_processes, cfg.pg_orders);
                let (confirmed, per_s) = workers(Worker::Lotwise, &lw_url, one_command, p, o)?;
                let (_, baseline_per_s) = workers(Worker::Baseline, &raw_url, one_command, p, o)?;
                let oversold = Lotwise::open(&lw_url)?.check_invariants()?.len();
                Ok(Row {
                    commits,
                    shape,
                    one_command,
                    confirmed,
                    per_s,
                    baseline_per_s,
                    oversold,
                })
            })();
            for name in [base.clone(), format!("{base}_raw")] {
                let _ = admin.batch_execute(&format!("DROP SCHEMA {name} CASCADE"));
            }
            rows.push(measured?);
        }
    }
    println!(
        "| commits | shape | confirmed | lotwise | baseline | baseline / lotwise | invariants |"
    );
    println!("|---|---|---:|---:|---:|---:|---|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            r.commits,
            r.shape,
            thousands(r.confirmed),
            rate(r.per_s),
            rate(r.baseline_per_s),
            ratio(r.baseline_per_s / r.per_s),
            if r.oversold == 0 {
                "hold".to_string()
            } else {
                format!("{} broken", r.oversold)
            }
        );
    }
    let durable = rows
        .iter()
        .find(|r| r.one_command && r.commits.starts_with("durable"));
    let targets = durable
        .map(|r| {
            let measured = format!(
                "`place_and_confirm_order` {} with {} processes (baseline {}), {} oversold",
                rate(r.per_s),
                cfg.pg_processes,
                rate(r.baseline_per_s),
                r.oversold
            );
            let verdict = match (
                r.per_s >= TARGET_PER_S && r.oversold == 0,
                cfg.pg_processes == 8,
            ) {
                (_, false) => Verdict::NotMeasured,
                (true, true) => Verdict::Met,
                (false, true) => Verdict::NotMet,
            };
            Target::new(
                "Postgres, 8 processes: ≥ 2k confirmed orders/s, 0 oversold",
                measured,
                verdict,
            )
        })
        .into_iter()
        .collect();
    Ok(Outcome {
        workload: "postgres",
        figures: rows.len() * 2,
        targets,
    })
}
