//! Concurrent writers on one database: 8 threads on one SQLite file, and 8
//! OS processes on one SQLite file and on one Postgres database, placing
//! and confirming orders for a few scarce SKUs, producing and shipping.
//! Afterwards nothing is oversold (per lot: reserved + shipped + consumed ≤
//! received), every failed command failed with a typed, expected error, and
//! every invariant holds (the ledger folds to the balances).
//!
//! Child processes are this test binary re-run on the ignored test
//! `concurrency_child`. Postgres cases need `LOTWISE_PG_URL` and are skipped
//! loudly without it.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use lotwise::*;

const WORKERS: u64 = 8;
const CHILD_URL: &str = "LOTWISE_CONC_URL";
const CHILD_WORKER: &str = "LOTWISE_CONC_WORKER";

/// Errors a command may meet when others got there first.
const EXPECTED: &[&str] = &[
    "insufficient_stock",
    "invalid_transition",
    "not_ready_to_ship",
    "conflict",
];

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn q(s: &str) -> Qty {
    s.parse().unwrap()
}

fn iterations() -> u64 {
    std::env::var("LOTWISE_CONC_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40)
}

/// Three products sold from scarce stock, and a candle made to order from
/// scarce wax and jars.
fn setup(lw: &Lotwise) {
    for sku in ["SOAP", "BALM", "SALT"] {
        lw.define_item(NewItem::new(sku, sku, ItemKind::Product, Uom::Pcs))
            .unwrap();
    }
    lw.define_item(NewItem::new("WAX", "Wax", ItemKind::Material, Uom::Kg))
        .unwrap();
    lw.define_item(NewItem::new("JAR", "Jar", ItemKind::Packaging, Uom::Pcs))
        .unwrap();
    lw.define_item(NewItem::new(
        "CANDLE",
        "Candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: "CANDLE".into(),
        batch_size: q("4 pcs"),
        inputs: vec![
            NewRecipeInput {
                sku: "WAX".into(),
                qty: q("0.8 kg"),
                scrap_pct: Decimal::ZERO,
            },
            NewRecipeInput {
                sku: "JAR".into(),
                qty: q("4 pcs"),
                scrap_pct: Decimal::ZERO,
            },
        ],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    for (sku, qty) in [("SOAP", "12 pcs"), ("SOAP", "8 pcs"), ("BALM", "10 pcs")] {
        lw.receive(Receipt::new(sku, q(qty))).unwrap();
    }
    lw.receive(Receipt::new("SALT", q("6 pcs"))).unwrap();
    lw.receive(Receipt::new("WAX", q("4 kg"))).unwrap();
    lw.receive(Receipt::new("JAR", q("24 pcs"))).unwrap();
}

/// Failed commands by error code.
type Failures = BTreeMap<String, u64>;

fn note(failures: &mut Failures, result: Result<()>) {
    if let Err(e) = result {
        assert!(
            EXPECTED.contains(&e.code()),
            "a command failed with an unexpected error: {} ({e})",
            e.code()
        );
        *failures.entry(e.code().to_string()).or_default() += 1;
    }
}

/// One worker's share of the load.
fn work(lw: &Lotwise, worker: u64, iterations: u64) -> (u64, Failures) {
    let mut rng = Rng(worker.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut failures = Failures::new();
    let mut done = 0;
    for i in 0..iterations {
        let result = match rng.below(100) {
            0..=54 => {
                let sku = ["SOAP", "BALM", "SALT", "CANDLE"][rng.below(4) as usize];
                let order = NewOrder {
                    channel: "test".into(),
                    external_ref: Some(format!("w{worker}-{i}")),
                    customer: Customer {
                        name: format!("Worker {worker}"),
                        email: None,
                        ..Default::default()
                    },
                    ship_to: None,
                    lines: vec![NewOrderLine {
                        sku: sku.into(),
                        qty: q(&format!("{} pcs", 1 + rng.below(3))),
                        unit_price: None,
                        requested_date: None,
                        lot: None,
                        min_remaining_shelf_life_days: None,
                    }],
                    tags: vec![],
                    notes: None,
                };
                lw.place_order(order)
                    .and_then(|p| lw.confirm_order(&p.order.id))
                    .map(|_| ())
            }
            55..=69 => {
                let ready: Vec<String> = lw
                    .mos()
                    .unwrap()
                    .into_iter()
                    .filter(|m| m.status == MoStatus::MaterialsReserved)
                    .map(|m| m.id)
                    .collect();
                match ready.get(rng.below(ready.len().max(1) as u64) as usize) {
                    Some(id) => lw
                        .start_mo(id)
                        .and_then(|_| lw.complete_mo(id, Completion::default()))
                        .map(|_| ()),
                    None => Ok(()),
                }
            }
            70..=89 => {
                let ready: Vec<String> = lw
                    .orders()
                    .unwrap()
                    .into_iter()
                    .filter(|o| o.status == OrderStatus::ReadyToShip)
                    .map(|o| o.id)
                    .collect();
                match ready.get(rng.below(ready.len().max(1) as u64) as usize) {
                    Some(id) => {
                        let req = ShipRequest {
                            carrier: "UPS".into(),
                            tracking: format!("{worker}-{i}"),
                            ..Default::default()
                        };
                        lw.ship(id, req).map(|_| ())
                    }
                    None => Ok(()),
                }
            }
            _ => {
                let (sku, qty) = if rng.below(2) == 0 {
                    ("WAX", "0.8 kg")
                } else {
                    ("JAR", "4 pcs")
                };
                lw.receive(Receipt::new(sku, q(qty))).map(|_| ())
            }
        };
        if result.is_ok() {
            done += 1;
        }
        note(&mut failures, result);
    }
    (done, failures)
}

/// Per lot: what came in (receipts, production, counts) against what is
/// held or went out (reservations, shipments, consumption, write-offs).
fn assert_nothing_oversold(lw: &Lotwise) {
    let snapshot = lw.snapshot().unwrap();
    let stock: BTreeMap<&str, bool> = snapshot
        .locations
        .iter()
        .map(|l| (l.code.as_str(), l.kind.holds_stock()))
        .collect();
    let mut came_in: BTreeMap<&str, Decimal> = BTreeMap::new();
    let mut went_out: BTreeMap<&str, Decimal> = BTreeMap::new();
    for m in &snapshot.movements {
        match (stock[m.from.as_str()], stock[m.to.as_str()]) {
            (false, true) => *came_in.entry(&m.lot).or_default() += m.qty,
            (true, false) => *went_out.entry(&m.lot).or_default() += m.qty,
            _ => {}
        }
    }
    for r in &snapshot.reservations {
        *went_out.entry(&r.lot).or_default() += r.qty;
    }
    for (lot, out) in &went_out {
        let received = came_in.get(lot).copied().unwrap_or_default();
        assert!(
            *out <= received,
            "lot {lot} oversold: {out} reserved, shipped or consumed of {received} received"
        );
    }
    assert_eq!(lw.check_invariants().unwrap(), Vec::<String>::new());
    let shipped: Decimal = snapshot
        .movements
        .iter()
        .filter(|m| m.reason == MovementReason::Shipment)
        .map(|m| m.qty)
        .sum();
    let lines_shipped: Decimal = snapshot
        .orders
        .iter()
        .flat_map(|o| &o.lines)
        .map(|l| l.shipped)
        .sum();
    assert_eq!(shipped, lines_shipped, "shipments match order lines");
}

fn summary(label: &str, done: u64, failures: &Failures) {
    println!("{label}: {done} commands succeeded; failures by code: {failures:?}");
}

/// Runs this test binary's `concurrency_child` in `WORKERS` processes.
fn run_processes(url: &str) -> (u64, Failures) {
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..WORKERS)
        .map(|w| {
            Command::new(&exe)
                .args([
                    "concurrency_child",
                    "--exact",
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(CHILD_URL, url)
                .env(CHILD_WORKER, w.to_string())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut done = 0;
    let mut failures = Failures::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "a worker process failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = stdout
            .lines()
            // libtest may print "test concurrency_child ... " before it.
            .find_map(|l| l.split_once("WORKER ").map(|(_, rest)| rest))
            .expect("the worker reports");
        let mut words = line.split_whitespace();
        done += words.next().unwrap().parse::<u64>().unwrap();
        for pair in words {
            let (code, n) = pair.split_once('=').unwrap();
            *failures.entry(code.to_string()).or_default() += n.parse::<u64>().unwrap();
        }
    }
    (done, failures)
}

#[test]
#[ignore = "child process of the multi-process tests, which run it"]
fn concurrency_child() {
    let (Ok(url), Ok(worker)) = (std::env::var(CHILD_URL), std::env::var(CHILD_WORKER)) else {
        return;
    };
    let lw = Lotwise::open(&url).unwrap();
    let (done, failures) = work(&lw, worker.parse().unwrap(), iterations());
    let codes: Vec<String> = failures.iter().map(|(c, n)| format!("{c}={n}")).collect();
    println!("WORKER {done} {}", codes.join(" "));
}

#[test]
fn threads_on_one_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("threads.db");
    let path = path.to_str().unwrap().to_string();
    setup(&Lotwise::open(&path).unwrap());
    let handles: Vec<_> = (0..WORKERS)
        .map(|w| {
            let path = path.clone();
            // Each thread opens its own connection, as separate callers would.
            std::thread::spawn(move || work(&Lotwise::open(&path).unwrap(), w, iterations()))
        })
        .collect();
    let mut done = 0;
    let mut failures = Failures::new();
    for h in handles {
        let (d, f) = h.join().unwrap();
        done += d;
        for (code, n) in f {
            *failures.entry(code).or_default() += n;
        }
    }
    summary("8 threads, SQLite", done, &failures);
    assert!(
        done > WORKERS * iterations() / 2,
        "{done} commands succeeded"
    );
    assert_nothing_oversold(&Lotwise::open(&path).unwrap());
}

#[test]
fn one_engine_shared_by_threads_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let lw = std::sync::Arc::new(Lotwise::open(path.to_str().unwrap()).unwrap());
    setup(&lw);
    let handles: Vec<_> = (0..WORKERS)
        .map(|w| {
            let lw = lw.clone();
            std::thread::spawn(move || work(&lw, w, iterations() / 2))
        })
        .collect();
    let done: u64 = handles.into_iter().map(|h| h.join().unwrap().0).sum();
    assert!(done > 0);
    assert_nothing_oversold(&lw);
}

#[test]
fn processes_on_one_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("processes.db");
    let url = format!("sqlite://{}", path.display());
    setup(&Lotwise::open(&url).unwrap());
    let (done, failures) = run_processes(&url);
    summary("8 processes, SQLite", done, &failures);
    assert!(
        done > WORKERS * iterations() / 2,
        "{done} commands succeeded"
    );
    assert_nothing_oversold(&Lotwise::open(&url).unwrap());
}

/// A fresh schema in the database of `LOTWISE_PG_URL`, as a lotwise URL.
fn pg_schema(tag: &str) -> Option<String> {
    let Some(url) = std::env::var("LOTWISE_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED {tag}: set LOTWISE_PG_URL (scripts/postgres.sh start) ***\n"
        );
        return None;
    };
    let schema = format!("lw_conc_{tag}_{}", std::process::id());
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    Some(format!("{url}{sep}options=-c%20search_path%3D{schema}"))
}

#[test]
fn processes_on_one_postgres_database() {
    let Some(url) = pg_schema("processes") else {
        return;
    };
    setup(&Lotwise::open(&url).unwrap());
    let (done, failures) = run_processes(&url);
    summary("8 processes, Postgres", done, &failures);
    assert!(
        done > WORKERS * iterations() / 2,
        "{done} commands succeeded"
    );
    let lw = Lotwise::open(&url).unwrap();
    assert_eq!(lw.backend(), "postgres");
    assert_nothing_oversold(&lw);
}

#[test]
fn threads_on_one_postgres_database() {
    let Some(url) = pg_schema("threads") else {
        return;
    };
    setup(&Lotwise::open(&url).unwrap());
    let handles: Vec<_> = (0..WORKERS)
        .map(|w| {
            let url = url.clone();
            std::thread::spawn(move || work(&Lotwise::open(&url).unwrap(), w, iterations()))
        })
        .collect();
    let done: u64 = handles.into_iter().map(|h| h.join().unwrap().0).sum();
    assert!(
        done > WORKERS * iterations() / 2,
        "{done} commands succeeded"
    );
    assert_nothing_oversold(&Lotwise::open(&url).unwrap());
}

/// Orders from the same new people placed side by side on Postgres (each
/// creating or finding its customer under identity locks): one customer per
/// e-mail, every order attached to it, nothing lost.
#[test]
fn new_customers_placed_side_by_side_on_postgres_are_created_once() {
    let Some(url) = pg_schema("customers") else {
        return;
    };
    setup(&Lotwise::open(&url).unwrap());
    let handles: Vec<_> = (0..WORKERS)
        .map(|w| {
            let url = url.clone();
            std::thread::spawn(move || {
                let lw = Lotwise::open(&url).unwrap();
                let mut placed = 0u64;
                for i in 0..12u64 {
                    let person = (w + i) % 4;
                    let order = NewOrder {
                        channel: "shopify".into(),
                        external_ref: Some(format!("C-{w}-{i}")),
                        customer: Customer {
                            name: format!("Person {person}"),
                            email: Some(format!("person{person}@example.com")),
                            ..Default::default()
                        },
                        ship_to: None,
                        lines: vec![NewOrderLine {
                            sku: "CANDLE".into(),
                            qty: q("1 pcs"),
                            unit_price: None,
                            requested_date: None,
                            lot: None,
                            min_remaining_shelf_life_days: None,
                        }],
                        tags: vec![],
                        notes: None,
                    };
                    // A conflict (lock timeout under load) is a refusal
                    // that changed nothing; anything else is a failure.
                    match lw.place_order(order) {
                        Ok(_) => placed += 1,
                        Err(e) if e.code() == "conflict" => {}
                        Err(e) => panic!("{e}"),
                    }
                }
                placed
            })
        })
        .collect();
    let placed: u64 = handles.into_iter().map(|h| h.join().unwrap()).sum();
    let lw = Lotwise::open(&url).unwrap();
    let customers = lw.customers().unwrap();
    assert_eq!(customers.len(), 4, "{customers:#?}");
    let orders = lw.orders().unwrap();
    assert_eq!(orders.len() as u64, placed);
    for o in &orders {
        let id = o.customer.id.as_ref().expect("attached");
        let c = lw.customer(id).unwrap();
        assert_eq!(c.emails, vec![o.customer.email.clone().unwrap()]);
    }
    let summed: u32 = customers
        .iter()
        .map(|c| lw.customer_summary(&c.id).unwrap().order_count)
        .sum();
    assert_eq!(u64::from(summed), placed);
}
