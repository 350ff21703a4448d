//! SQLite storage throughput: full order cycles per second (place, confirm,
//! start the batch, complete it, ship: five commands, five transactions),
//! against raw rusqlite replaying the very same statements with the same
//! values in the same transactions (recorded from an identical run), so the
//! ratio is lotwise's own cost on top of its SQL. Target: within 2x of raw.
//!
//! Postgres with 8 processes is workload 6 of the benchmark harness
//! (`cargo run --release -p lotwise-bench -- --only=postgres`).
//!
//! `cargo bench -p lotwise --bench storage`. Size: `LOTWISE_BENCH_CYCLES`
//! (default 400).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lotwise::store::sqlite::{SqliteOptions, SqliteStore, WriteLog};
use lotwise::*;
use rusqlite::params_from_iter;

/// One committed transaction's statements and their values.
type Recorded = Vec<(&'static str, Vec<rusqlite::types::Value>)>;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn q(s: &str) -> Qty {
    s.parse().expect("quantity")
}

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::at(
        "2026-03-02T09:00:00Z".parse().expect("time"),
    ))
}

fn order(channel: &str, external_ref: String, sku: &str, qty: &str) -> NewOrder {
    NewOrder {
        channel: channel.into(),
        external_ref: Some(external_ref),
        customer: Customer {
            name: "Bench Customer".into(),
            email: Some("bench@example.com".into()),
            ..Default::default()
        },
        ship_to: None,
        lines: vec![NewOrderLine {
            sku: sku.into(),
            qty: q(qty),
            unit_price: Some("18.00 USD".parse().expect("money")),
            requested_date: None,
            lot: None,
            min_remaining_shelf_life_days: None,
        }],
        tags: vec![],
        notes: None,
    }
}

/// A candle made to order from wax and jars, with stock for every cycle.
fn candle_shop(lw: &Lotwise) -> Result<()> {
    lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))?;
    lw.define_item(NewItem::new("JAR", "Jar", ItemKind::Packaging, Uom::Pcs))?;
    lw.define_item(NewItem::new(
        "CANDLE",
        "Candle",
        ItemKind::Product,
        Uom::Pcs,
    ))?;
    lw.define_recipe(NewRecipe {
        product: "CANDLE".into(),
        batch_size: q("2 pcs"),
        inputs: vec![
            NewRecipeInput {
                sku: "WAX".into(),
                qty: q("0.4 kg"),
                scrap_pct: Decimal::ZERO,
            },
            NewRecipeInput {
                sku: "JAR".into(),
                qty: q("2 pcs"),
                scrap_pct: Decimal::ZERO,
            },
        ],
        yield_pct: None,
        operations: vec![],
    })?;
    lw.receive(Receipt::new("WAX", q("100000 kg")))?;
    lw.receive(Receipt::new("JAR", q("1000000 pcs")))?;
    Ok(())
}

/// One full cycle: five commands.
fn cycle(lw: &Lotwise, n: u64) -> Result<()> {
    let id = lw
        .place_order(order("bench", format!("B-{n}"), "CANDLE", "2 pcs"))?
        .order
        .id;
    let report = lw.confirm_order(&id)?;
    for mo in &report.mos {
        lw.start_mo(mo)?;
        lw.complete_mo(mo, Completion::default())?;
    }
    lw.ship(
        &id,
        ShipRequest {
            carrier: "UPS".into(),
            tracking: format!("1Z{n}"),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// Runs `cycles` cycles on a fresh file; returns the time they took and,
/// when recording, the transactions they committed.
fn lotwise_sqlite(
    dir: &std::path::Path,
    name: &str,
    cycles: u64,
    record: bool,
) -> Result<(Duration, Vec<Recorded>)> {
    let log: Option<WriteLog> = record.then(|| Arc::new(Mutex::new(Vec::new())));
    let options = SqliteOptions {
        write_log: log.clone(),
        ..Default::default()
    };
    let store = SqliteStore::open_with(dir.join(name), options)?;
    let lw = Lotwise::with_store(Box::new(store), clock())?;
    candle_shop(&lw)?;
    let setup_txs = log.as_ref().map_or(0, |l| l.lock().map_or(0, |l| l.len()));
    let start = Instant::now();
    for n in 0..cycles {
        cycle(&lw, n)?;
    }
    let took = start.elapsed();
    let problems = lw.check_invariants()?;
    assert!(problems.is_empty(), "{problems:?}");
    let txs = match log {
        Some(l) => l
            .lock()
            .map(|mut l| l.split_off(setup_txs))
            .unwrap_or_default(),
        None => Vec::new(),
    };
    Ok((took, txs))
}

/// Replays recorded transactions with plain rusqlite on a database set up
/// the same way (schema, catalog and stock from lotwise itself).
fn raw_sqlite(dir: &std::path::Path, txs: &[Recorded]) -> Result<Duration> {
    let path = dir.join("raw.db");
    {
        let store = SqliteStore::open_with(&path, SqliteOptions::default())?;
        candle_shop(&Lotwise::with_store(Box::new(store), clock())?)?;
    }
    let conn = rusqlite::Connection::open(&path).expect("open raw");
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
        .expect("pragmas");
    conn.set_prepared_statement_cache_capacity(128);
    let start = Instant::now();
    for tx in txs {
        conn.execute_batch("BEGIN IMMEDIATE").expect("begin");
        for (sql, values) in tx {
            let mut stmt = conn.prepare_cached(sql).expect("prepare");
            let mut rows = stmt.query(params_from_iter(values)).expect("run");
            while rows.next().expect("row").is_some() {}
        }
        conn.execute_batch("COMMIT").expect("commit");
    }
    Ok(start.elapsed())
}

fn sqlite_bench() -> Result<()> {
    let cycles = env_or("LOTWISE_BENCH_CYCLES", 400);
    let dir = tempfile::tempdir().expect("temp dir");
    // Warm-up, then the timed run, then an identical run that records.
    lotwise_sqlite(dir.path(), "warm.db", cycles / 10 + 1, false)?;
    let (took, _) = lotwise_sqlite(dir.path(), "lotwise.db", cycles, false)?;
    let (_, txs) = lotwise_sqlite(dir.path(), "recorded.db", cycles, true)?;
    let raw = raw_sqlite(dir.path(), &txs)?;
    let statements: usize = txs.iter().map(Vec::len).sum();
    let per_s = cycles as f64 / took.as_secs_f64();
    let raw_per_s = cycles as f64 / raw.as_secs_f64();
    println!("SQLite (file, WAL, synchronous=NORMAL)");
    println!(
        "  workload: {cycles} full order cycles = place + confirm (MO, FEFO reservations) + start + \
         complete + ship; {} transactions, {statements} write statements",
        txs.len()
    );
    println!(
        "  lotwise:        {per_s:>9.1} cycles/s  ({:.3} ms/cycle)",
        1e3 / per_s
    );
    println!("  raw rusqlite:   {raw_per_s:>9.1} cycles/s  (same statements, same transactions)");
    println!(
        "  ratio lotwise/raw: {:.2}x  (target <= 2x)",
        took.as_secs_f64() / raw.as_secs_f64()
    );
    Ok(())
}

fn main() -> Result<()> {
    // `cargo bench` passes `--bench`; `cargo test --benches` must not run it.
    if !std::env::args().any(|a| a == "--bench") {
        return Ok(());
    }
    sqlite_bench()
}
