//! Workload 2: the same business steps as workload 1, written by hand as
//! the least SQL they need, in a minimal schema of our own (not lotwise's
//! tables or statements), with the same durability: a SQLite file in WAL
//! mode, `synchronous=NORMAL`, one `BEGIN IMMEDIATE` transaction per step.
//!
//! What the baseline keeps, as lotwise does: lots with on-hand and reserved
//! quantity (one location), FEFO reservations for batch inputs and for the
//! order line the batch fills, an append-only movement ledger, trace edges
//! from consumed lots to the output lot, shipments, an event row per step,
//! and order and batch statuses. What it leaves out: units, money, other
//! locations, holds, expiry, joining open batches, capacity booking — so it
//! is a floor, not an equal.

use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};

use rusqlite::hooks::Wal;
use rusqlite::{params, Connection, OptionalExtension};

use crate::config::Config;
use crate::cycles::{median_of, repeats, sized_run, CycleRun, CYCLE_STEPS};
use crate::report::{BResult, Outcome, Target, Verdict};
use crate::stats::{dur, rate, ratio, thousands};
use crate::tables::{print_done, print_steps};
use crate::workload::{Catalog, OrderSpec, Shop, LOTS_PER_MATERIAL};

/// The baseline's own schema (not lotwise's) and its durability settings.
const SCHEMA: &str = include_str!("baseline_schema.sql");

/// Pages the baseline's commits have added to its logs (see [`pages_logged`]).
static PAGES_LOGGED: AtomicU64 = AtomicU64::new(0);
/// The log's length after the baseline's last commit.
static LOG_LAST: AtomicI32 = AtomicI32::new(0);

/// Pages the baseline's commits have added to their write-ahead logs so
/// far in this process, counted as lotwise counts its own
/// (`lotwise::store::sqlite::pages_logged`).
pub fn pages_logged() -> u64 {
    PAGES_LOGGED.load(Ordering::Relaxed)
}

/// The baseline's WAL hook: counts the pages each commit adds, then does
/// what SQLite's own hook, which it replaces, does: a passive checkpoint
/// once the log reaches 1,000 pages, its result ignored.
fn count_log_pages(wal: &Wal, pages: std::ffi::c_int) -> rusqlite::Result<()> {
    let last = LOG_LAST.swap(pages, Ordering::Relaxed);
    // A log shorter than after the last commit has restarted.
    let added = if pages >= last { pages - last } else { pages };
    PAGES_LOGGED.fetch_add(u64::try_from(added).unwrap_or(0), Ordering::Relaxed);
    if pages >= 1_000 {
        let _ = wal.checkpoint();
    }
    Ok(())
}

/// The hand-written baseline on one SQLite file.
pub struct BaselineShop {
    conn: Connection,
    now: i64,
}

impl BaselineShop {
    /// Creates the schema in a new file at `path`, the catalog and the
    /// material lots; the shop and the raw lot ids.
    pub fn open(
        path: &std::path::Path,
        catalog: &Catalog,
        grams: &[u64],
    ) -> BResult<(Self, Vec<String>)> {
        let conn = Connection::open(path)?;
        conn.execute_batch(SCHEMA)?;
        conn.wal_hook(Some(count_log_pages));
        conn.set_prepared_statement_cache_capacity(64);
        let mut shop = BaselineShop { conn, now: 0 };
        let tx = shop.conn.transaction()?;
        for m in &catalog.materials {
            tx.execute("INSERT INTO items VALUES (?1, 'material')", [m])?;
        }
        for p in &catalog.products {
            tx.execute("INSERT INTO items VALUES (?1, 'product')", [&p.sku])?;
            for &(m, g) in &p.inputs {
                tx.execute(
                    "INSERT INTO recipe_inputs VALUES (?1, ?2, ?3)",
                    params![p.sku, catalog.materials[m], g as i64],
                )?;
            }
        }
        let mut lots = Vec::new();
        for l in 0..LOTS_PER_MATERIAL {
            for (m, sku) in catalog.materials.iter().enumerate() {
                tx.execute(
                    "INSERT INTO lots (code, sku, at) VALUES (?1, ?2, 0)",
                    params![format!("{sku}-L{l}"), sku],
                )?;
                let lot = tx.last_insert_rowid();
                tx.execute(
                    "INSERT INTO balances VALUES (?1, ?2, ?3, 0)",
                    params![lot, sku, grams[m] as i64],
                )?;
                lots.push(lot.to_string());
            }
        }
        tx.commit()?;
        Ok((shop, lots))
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction at the next tick.
    fn step<T>(&mut self, f: impl FnOnce(&Connection, i64) -> BResult<T>) -> BResult<T> {
        self.now += 30;
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f(&self.conn, self.now) {
            Ok(v) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(v)
            }
            Err(e) => {
                self.conn.execute_batch("ROLLBACK")?;
                Err(e)
            }
        }
    }
}

fn event(c: &Connection, subject: i64, kind: &str, at: i64) -> BResult<()> {
    c.prepare_cached("INSERT INTO events (subject, kind, at) VALUES (?1, ?2, ?3)")?
        .execute(params![subject, kind, at])?;
    Ok(())
}

/// Takes `qty` of a lot out of stock (and out of its reservation) with a ledger row.
fn take(
    c: &Connection,
    lot: i64,
    qty: i64,
    reason: &str,
    mo: Option<i64>,
    order: Option<i64>,
    at: i64,
) -> BResult<()> {
    c.prepare_cached(
        "UPDATE balances SET on_hand = on_hand - ?2, reserved = reserved - ?2 WHERE lot = ?1",
    )?
    .execute(params![lot, qty])?;
    c.prepare_cached("INSERT INTO movements (lot, qty, reason, mo, order_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![lot, -qty, reason, mo, order, at])?;
    Ok(())
}

fn id(s: &str) -> BResult<i64> {
    Ok(s.parse()?)
}

impl Shop for BaselineShop {
    fn place(&mut self, order: &OrderSpec) -> BResult<String> {
        self.step(|c, at| {
            c.prepare_cached(
                "INSERT INTO orders (ext, customer, status, at) VALUES (?1, ?2, 'placed', ?3)",
            )?
            .execute(params![order.ext, order.customer, at])?;
            let id = c.last_insert_rowid();
            let mut line = c.prepare_cached("INSERT INTO order_lines VALUES (?1, ?2, ?3, ?4)")?;
            for (n, &(p, pcs)) in order.lines.iter().enumerate() {
                line.execute(params![id, n as i64 + 1, format!("PROD{p}"), pcs as i64])?;
            }
            event(c, id, "order_placed", at)?;
            Ok(id.to_string())
        })
    }

    fn confirm(&mut self, order: &str) -> BResult<Vec<String>> {
        let order = id(order)?;
        self.step(|c, at| {
            let lines: Vec<(i64, String, i64)> = c
                .prepare_cached("SELECT line, sku, qty FROM order_lines WHERE order_id = ?1 ORDER BY line")?
                .query_map([order], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            let mut mos = Vec::with_capacity(lines.len());
            for (line, sku, pcs) in lines {
                c.prepare_cached("INSERT INTO mos (order_id, line, product, qty, status) VALUES (?1, ?2, ?3, ?4, 'reserved')")?
                    .execute(params![order, line, sku, pcs])?;
                let mo = c.last_insert_rowid();
                let inputs: Vec<(String, i64)> = c
                    .prepare_cached("SELECT input, qty FROM recipe_inputs WHERE product = ?1")?
                    .query_map([&sku], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<Result<_, _>>()?;
                for (input, per_piece) in inputs {
                    let mut need = per_piece * pcs;
                    while need > 0 {
                        let (lot, free): (i64, i64) = c
                            .prepare_cached(
                                "SELECT lot, on_hand - reserved FROM balances \
                                 WHERE sku = ?1 AND on_hand > reserved ORDER BY lot LIMIT 1",
                            )?
                            .query_row([&input], |r| Ok((r.get(0)?, r.get(1)?)))
                            .optional()?
                            .ok_or_else(|| format!("baseline: out of {input}"))?;
                        let qty = free.min(need);
                        c.prepare_cached("INSERT INTO reservations (lot, qty, mo) VALUES (?1, ?2, ?3)")?
                            .execute(params![lot, qty, mo])?;
                        c.prepare_cached("UPDATE balances SET reserved = reserved + ?2 WHERE lot = ?1")?
                            .execute(params![lot, qty])?;
                        need -= qty;
                    }
                }
                mos.push(mo.to_string());
            }
            c.prepare_cached("UPDATE orders SET status = 'materials_reserved' WHERE id = ?1")?
                .execute([order])?;
            event(c, order, "order_confirmed", at)?;
            Ok(mos)
        })
    }

    fn start(&mut self, mo: &str) -> BResult<()> {
        let mo = id(mo)?;
        self.step(|c, at| {
            let order: i64 = c
                .prepare_cached("SELECT order_id FROM mos WHERE id = ?1 AND status = 'reserved'")?
                .query_row([mo], |r| r.get(0))?;
            let held: Vec<(i64, i64)> = c
                .prepare_cached("SELECT lot, qty FROM reservations WHERE mo = ?1")?
                .query_map([mo], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            for (lot, qty) in held {
                take(c, lot, qty, "consume", Some(mo), None, at)?;
            }
            c.prepare_cached("DELETE FROM reservations WHERE mo = ?1")?
                .execute([mo])?;
            c.prepare_cached("UPDATE mos SET status = 'in_production' WHERE id = ?1")?
                .execute([mo])?;
            c.prepare_cached("UPDATE orders SET status = 'in_production' WHERE id = ?1")?
                .execute([order])?;
            event(c, mo, "mo_started", at)
        })
    }

    fn complete(&mut self, mo: &str) -> BResult<String> {
        let mo = id(mo)?;
        self.step(|c, at| {
            let (order, product, qty): (i64, String, i64) = c
                .prepare_cached("SELECT order_id, product, qty FROM mos WHERE id = ?1 AND status = 'in_production'")?
                .query_row([mo], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            c.prepare_cached("INSERT INTO lots (code, sku, mo, at) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![format!("{product}-B{mo}"), product, mo, at])?;
            let lot = c.last_insert_rowid();
            c.prepare_cached("INSERT INTO balances VALUES (?1, ?2, ?3, ?3)")?
                .execute(params![lot, product, qty])?;
            c.prepare_cached("INSERT INTO movements (lot, qty, reason, mo, at) VALUES (?1, ?2, 'produce', ?3, ?4)")?
                .execute(params![lot, qty, mo, at])?;
            c.prepare_cached(
                "INSERT INTO trace_edges SELECT lot, ?1, -qty FROM movements WHERE mo = ?2 AND reason = 'consume'",
            )?
            .execute(params![lot, mo])?;
            c.prepare_cached("INSERT INTO reservations (lot, qty, order_id) VALUES (?1, ?2, ?3)")?
                .execute(params![lot, qty, order])?;
            c.prepare_cached("UPDATE mos SET status = 'done', output_lot = ?2 WHERE id = ?1")?
                .execute(params![mo, lot])?;
            c.prepare_cached(
                "UPDATE orders SET status = 'ready_to_ship' WHERE id = ?1 \
                 AND NOT EXISTS (SELECT 1 FROM mos WHERE order_id = ?1 AND status <> 'done')",
            )?
            .execute([order])?;
            event(c, mo, "mo_completed", at)?;
            Ok(lot.to_string())
        })
    }

    fn ship(&mut self, order: &str, tracking: &str) -> BResult<()> {
        let order = id(order)?;
        self.step(|c, at| {
            let status: String = c
                .prepare_cached("SELECT status FROM orders WHERE id = ?1")?
                .query_row([order], |r| r.get(0))?;
            if status != "ready_to_ship" {
                return Err(format!("baseline: order {order} is {status}").into());
            }
            c.prepare_cached("INSERT INTO shipments (order_id, carrier, tracking, at) VALUES (?1, 'UPS', ?2, ?3)")?
                .execute(params![order, tracking, at])?;
            let held: Vec<(i64, i64)> = c
                .prepare_cached("SELECT lot, qty FROM reservations WHERE order_id = ?1")?
                .query_map([order], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            for (lot, qty) in held {
                take(c, lot, qty, "ship", None, Some(order), at)?;
            }
            c.prepare_cached("DELETE FROM reservations WHERE order_id = ?1")?.execute([order])?;
            c.prepare_cached("UPDATE orders SET status = 'shipped' WHERE id = ?1")?.execute([order])?;
            event(c, order, "order_shipped", at)
        })
    }

    fn trace_back(&mut self, lot: &str) -> BResult<usize> {
        let sql = "WITH RECURSIVE up(lot) AS (SELECT ?1 UNION SELECT e.from_lot FROM trace_edges e JOIN up ON e.to_lot = up.lot) \
                   SELECT l.code, l.sku FROM up JOIN lots l ON l.id = up.lot";
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id(lot)?], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?.len())
    }

    fn trace_fwd(&mut self, lot: &str) -> BResult<usize> {
        let sql = "WITH RECURSIVE down(lot) AS (SELECT ?1 UNION SELECT e.to_lot FROM trace_edges e JOIN down ON e.from_lot = down.lot) \
                   SELECT l.code, l.sku FROM down JOIN lots l ON l.id = down.lot";
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id(lot)?], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?.len())
    }
}

/// The baseline at `orders` orders in a new file in `dir`.
pub fn baseline_run(
    dir: &std::path::Path,
    orders: usize,
    rep: usize,
    cfg: &Config,
) -> BResult<CycleRun> {
    let path = dir.join(format!("baseline-{orders}-{rep}.db"));
    sized_run(orders, cfg, |catalog, grams| {
        BaselineShop::open(&path, catalog, grams)
    })
}

/// Workload 2: the baseline at every configured size, against lotwise's
/// SQLite runs of workload 1 (run here if workload 1 did not run).
pub fn workload(cfg: &Config, lotwise: Option<Vec<CycleRun>>) -> BResult<Outcome> {
    println!("\n## 2. SQLite: lotwise against a hand-written baseline\n");
    println!(
        "workload: the orders of workload 1 (same seed, same phases), on a SQLite file in WAL mode with \
         synchronous=NORMAL for both; the baseline is the least SQL each step needs in a schema of its own \
         (items, recipe_inputs, lots, balances, movements, orders, order_lines, mos, reservations, trace_edges, \
         shipments, events), one BEGIN IMMEDIATE transaction per step"
    );
    let lotwise = match lotwise {
        Some(runs) => runs,
        None => {
            println!("(workload 1 did not run: lotwise on SQLite runs now)");
            crate::cycles::lotwise_runs(cfg, true)?
        }
    };
    let dir = tempfile::tempdir()?;
    baseline_run(dir.path(), 20, 0, cfg)?; // warm-up, not reported
    let mut runs = Vec::new();
    for &n in &cfg.orders {
        let reps = repeats(n, cfg);
        let run = median_of(reps, |i| baseline_run(dir.path(), n, i, cfg))?;
        print_done(&run, reps);
        runs.push(run);
    }
    println!("\n### baseline (hand-written SQL)");
    let mut figures = print_steps(&runs);
    println!("\n### lotwise / baseline, per order and per step\n");
    println!("| orders | step | lotwise | baseline | lotwise / baseline |");
    println!("|---:|---|---:|---:|---:|");
    let mut worst: Option<(usize, f64, bool)> = None;
    for (l, b) in lotwise.iter().zip(&runs) {
        for s in &b.steps {
            let Some(t) = l.step(s.step) else { continue };
            let x = t.per_order().as_secs_f64() / s.per_order().as_secs_f64().max(1e-12);
            let ge = if t.partial() { "≥ " } else { "" };
            println!(
                "| {} | {} | {} | {} | {ge}{} |",
                thousands(l.orders as u64),
                s.step,
                dur(t.per_order()),
                dur(s.per_order()),
                ratio(x)
            );
            figures += 1;
        }
        let x = b.cycles_per_sec() / l.cycles_per_sec();
        println!(
            "| {} | **full cycle** | {} ({}) | {} ({}) | {}{} |",
            thousands(l.orders as u64),
            rate(l.cycles_per_sec()),
            dur(l.cycle_cost()),
            rate(b.cycles_per_sec()),
            dur(b.cycle_cost()),
            if l.partial() { "≥ " } else { "" },
            ratio(x)
        );
        figures += 1;
        if worst.is_none_or(|(_, w, _)| x > w) {
            worst = Some((l.orders, x, l.partial()));
        }
    }
    let (cost, printed) = crate::floor::measure(dir.path(), cfg)?;
    figures += printed + crate::floor::print_ceilings(&cost, &lotwise, &runs);
    let mut targets = Vec::new();
    if let Some(largest) = runs.last() {
        targets.push(crate::floor::ceiling_target(&cost, largest));
    }
    if let Some((n, x, partial)) = worst {
        let verdict = if x > 2.0 {
            Verdict::NotMet
        } else if partial {
            Verdict::NotMeasured
        } else {
            Verdict::Met
        };
        targets.push(Target::new(
            "SQLite: full cycle ≤ 2× the hand-written baseline",
            format!(
                "worst {}{} at {} orders (steps: {})",
                if partial { "≥ " } else { "" },
                ratio(x),
                thousands(n as u64),
                CYCLE_STEPS.join(", ")
            ),
            verdict,
        ));
    }
    Ok(Outcome {
        workload: "baseline",
        figures,
        targets,
    })
}
