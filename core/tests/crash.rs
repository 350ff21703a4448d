//! Crash safety of the SQLite backend: a child process runs random commands
//! on a file and is killed with SIGKILL at random moments; after each kill
//! the file must reopen, satisfy every invariant, and hold every command the
//! child reported as committed.
//!
//! The child is this test binary re-run on the ignored test `crash_child`.
//! Kills: `LOTWISE_CRASH_KILLS` (default 200 when `CI` is set, else 50).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use lotwise::*;

const CHILD_DB: &str = "LOTWISE_CRASH_CHILD_DB";
const CHILD_SEED: &str = "LOTWISE_CRASH_CHILD_SEED";
const REPORT: &str = "COMMITTED";

/// xorshift64*: deterministic per seed, no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        if v.is_empty() {
            None
        } else {
            v.get(self.below(v.len() as u64) as usize)
        }
    }
}

fn q(s: &str) -> Qty {
    s.parse().unwrap()
}

/// Prints one committed command; a whole line is one write to the pipe.
fn report(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{REPORT} {line}");
    let _ = out.flush();
}

/// Fails the child on errors no valid command may produce.
fn expected(e: &Error) {
    let bad = matches!(e.code(), "storage" | "internal" | "conflict");
    assert!(!bad, "unexpected error from a command: {e}");
}

/// Defines the catalog, each step only if missing (a kill may have come
/// between two steps).
fn setup(lw: &Lotwise) {
    for (sku, kind, uom) in [
        ("WAX", ItemKind::Material, Uom::Kg),
        ("JAR", ItemKind::Packaging, Uom::Pcs),
        ("CANDLE", ItemKind::Product, Uom::Pcs),
    ] {
        if lw.item(sku).is_err() {
            lw.define_item(NewItem::new(sku, sku, kind, uom)).unwrap();
            report(&format!("item {sku}"));
        }
    }
    if lw.recipe("CANDLE").is_err() {
        lw.define_recipe(NewRecipe {
            product: "CANDLE".into(),
            batch_size: q("12 pcs"),
            inputs: vec![
                NewRecipeInput {
                    sku: "WAX".into(),
                    qty: q("2.4 kg"),
                    scrap_pct: Decimal::ZERO,
                },
                NewRecipeInput {
                    sku: "JAR".into(),
                    qty: q("12 pcs"),
                    scrap_pct: Decimal::ZERO,
                },
            ],
            yield_pct: None,
            operations: vec![],
        })
        .unwrap();
        report("recipe CANDLE");
    }
}

fn order(external_ref: &str, qty: u64) -> NewOrder {
    NewOrder {
        channel: "crash".into(),
        external_ref: Some(external_ref.into()),
        customer: Customer {
            name: "Crash Test".into(),
            email: None,
            ..Default::default()
        },
        ship_to: None,
        lines: vec![NewOrderLine {
            sku: "CANDLE".into(),
            qty: q(&format!("{qty} pcs")),
            unit_price: None,
            requested_date: None,
            lot: None,
            min_remaining_shelf_life_days: None,
        }],
        tags: vec![],
        notes: None,
    }
}

/// Runs random commands until killed, reporting each one that committed.
#[test]
#[ignore = "child process of `killed_at_random_moments`, which runs it"]
fn crash_child() {
    let (Ok(path), Ok(seed)) = (std::env::var(CHILD_DB), std::env::var(CHILD_SEED)) else {
        return;
    };
    let seed: u64 = seed.parse().unwrap();
    let mut rng = Rng::new(seed);
    let lw = Lotwise::open(&path).unwrap();
    setup(&lw);
    let mut orders: Vec<String> = lw.orders().unwrap().into_iter().map(|o| o.id).collect();
    let mut mos: Vec<String> = lw.mos().unwrap().into_iter().map(|m| m.id).collect();
    for n in 0.. {
        let outcome = match rng.below(100) {
            0..=14 => {
                let r = if rng.below(2) == 0 {
                    Receipt::new("WAX", q("5 kg"))
                } else {
                    Receipt::new("JAR", q("30 pcs"))
                };
                lw.receive(r)
                    .map(|lot| report(&format!("received {}", lot.code)))
            }
            15..=44 => {
                let ext = format!("s{seed}-{n}");
                lw.place_order(order(&ext, 1 + rng.below(8))).map(|p| {
                    report(&format!("placed {ext} {}", p.order.id));
                    orders.push(p.order.id);
                })
            }
            45..=64 => match rng.pick(&orders).cloned() {
                Some(id) => lw.confirm_order(&id).map(|r| {
                    report(&format!("confirmed {id}"));
                    mos.extend(r.mos);
                }),
                None => Ok(()),
            },
            65..=74 => match rng.pick(&mos).cloned() {
                Some(id) => lw.start_mo(&id).map(|_| report(&format!("started {id}"))),
                None => Ok(()),
            },
            75..=84 => match rng.pick(&mos).cloned() {
                Some(id) => lw
                    .complete_mo(&id, Completion::default())
                    .map(|_| report(&format!("completed {id}"))),
                None => Ok(()),
            },
            85..=96 => match rng.pick(&orders).cloned() {
                Some(id) => {
                    let req = ShipRequest {
                        carrier: "UPS".into(),
                        tracking: format!("T{n}"),
                        ..Default::default()
                    };
                    lw.ship(&id, req)
                        .map(|s| report(&format!("shipped {id} {}", s.id)))
                }
                None => Ok(()),
            },
            _ => match rng.pick(&orders).cloned() {
                Some(id) => lw
                    .cancel_order(&id)
                    .map(|_| report(&format!("cancelled {id}"))),
                None => Ok(()),
            },
        };
        if let Err(e) = outcome {
            expected(&e);
        }
    }
}

/// Checks that one reported command is in the reopened database.
fn present(lw: &Lotwise, snapshot: &Snapshot, line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["item", sku] => lw.item(sku).is_ok(),
        ["recipe", sku] => lw.recipe(sku).is_ok(),
        ["received", lot] => lw.lot(lot).is_ok(),
        ["placed", ext, id] => lw
            .order(id)
            .is_ok_and(|o| o.external_ref.as_deref() == Some(*ext)),
        ["confirmed", id] => lw.order(id).is_ok_and(|o| o.confirmed_at.is_some()),
        ["started", id] => lw.mo(id).is_ok_and(|m| m.started_at.is_some()),
        ["completed", id] => lw.mo(id).is_ok_and(|m| m.output.is_some()),
        ["shipped", order, shipment] => snapshot
            .shipments
            .iter()
            .any(|s| s.id == *shipment && s.order == *order),
        ["cancelled", id] => lw.order(id).is_ok_and(|o| o.cancelled_at.is_some()),
        _ => panic!("unknown report `{line}`"),
    }
}

fn kills() -> u64 {
    match std::env::var("LOTWISE_CRASH_KILLS") {
        Ok(n) => n.parse().unwrap(),
        Err(_) if std::env::var_os("CI").is_some() => 200,
        Err(_) => 50,
    }
}

#[test]
fn killed_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let path = path.to_str().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut rng = Rng::new(0x5EED);
    let mut reported: Vec<String> = Vec::new();
    let kills = kills();
    let mut killed_mid_run = 0;
    for round in 0..kills {
        let mut child = Command::new(&exe)
            .args([
                "crash_child",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DB, path)
            .env(CHILD_SEED, round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Collect the child's lines as they come, so the kill can be timed
        // from its first report rather than from a slow start.
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut lines = Vec::new();
            for line in stdout.lines().map_while(Result::ok) {
                // libtest may print "test crash_child ... " before the first.
                if let Some((_, l)) = line.split_once(REPORT) {
                    let _ = tx.send(());
                    lines.push(l.trim().to_string());
                }
            }
            lines
        });
        if round % 5 == 0 {
            // Now and then during start-up: open, migration, catalog setup.
            std::thread::sleep(Duration::from_millis(rng.below(40)));
        } else {
            let _ = rx.recv_timeout(Duration::from_secs(60));
            std::thread::sleep(Duration::from_millis(rng.below(60)));
        }
        let still_running = child.try_wait().unwrap().is_none();
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let lines = reader.join().unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert!(
            still_running,
            "round {round}: the child stopped by itself:\n{err}"
        );
        if !lines.is_empty() {
            killed_mid_run += 1;
        }
        reported.extend(lines);

        let lw = Lotwise::open(path).unwrap_or_else(|e| panic!("round {round}: reopen: {e}"));
        assert_eq!(
            lw.check_invariants().unwrap(),
            Vec::<String>::new(),
            "round {round}"
        );
        let snapshot = lw.snapshot().unwrap();
        for line in &reported {
            assert!(
                present(&lw, &snapshot, line),
                "round {round}: lost `{line}`"
            );
        }
    }
    let lw = Lotwise::open(path).unwrap();
    let snapshot = lw.snapshot().unwrap();
    println!(
        "{kills} kills, {killed_mid_run} after commands had run; {} commands reported, \
         {} orders, {} shipments, {} events survived",
        reported.len(),
        snapshot.orders.len(),
        snapshot.shipments.len(),
        snapshot.events.len()
    );
    assert!(
        killed_mid_run * 2 >= kills,
        "most kills should land while commands run ({killed_mid_run} of {kills})"
    );
    assert!(reported.iter().any(|l| l.starts_with("completed")));
    assert!(reported.iter().any(|l| l.starts_with("shipped")));
}
