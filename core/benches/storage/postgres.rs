//! Postgres: confirmed orders per second with several OS processes on one
//! database, lotwise against a hand-written baseline run in the same
//! process tree on the same server.
//!
//! Each worker places and confirms orders for 4 SKUs in stock (so every
//! order is reserved from stock and ready to ship), in one of two shapes:
//!
//! - two commands, `place_order` then `confirm_order`: two transactions;
//! - one command, `place_and_confirm_order`: one transaction (a storefront
//!   confirming each order as its webhook arrives).
//!
//! The baseline does the least SQL the same transactions need in lotwise's
//! own tables — insert the order and queue its event; lock the order and
//! the SKU, read the SKU's balances and how much is reserved (counted by
//! the server), insert the reservation, update the order, queue the event —
//! with prepared statements, one round trip each: 13 per order in two
//! transactions, 9 in one. It shows what this machine can do at all for
//! the workload; the ratio shows what lotwise costs on top.

use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use lotwise::*;

use super::{env_or, order, q};

const CHILD: &str = "LOTWISE_BENCH_PG_CHILD";
const RAW_CHILD: &str = "LOTWISE_BENCH_PG_RAW_CHILD";
/// Set to 1 in a worker: one command (one transaction) per order.
const ONE_COMMAND: &str = "LOTWISE_BENCH_PG_ONE_COMMAND";
const SKUS: [&str; 4] = ["SOAP", "BALM", "SALT", "OIL"];

fn now_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// In a worker process: runs it and returns its outcome.
pub fn child() -> Option<Result<()>> {
    if let Ok(url) = std::env::var(CHILD) {
        return Some(lotwise_child(&url));
    }
    if let Ok(url) = std::env::var(RAW_CHILD) {
        raw_child(&url);
        return Some(Ok(()));
    }
    None
}

/// A lotwise worker: place and confirm its orders, then print
/// `start end confirmed` (wall-clock nanoseconds).
fn lotwise_child(url: &str) -> Result<()> {
    let worker = env_or("LOTWISE_BENCH_WORKER", 0);
    let orders = env_or("LOTWISE_BENCH_PG_ORDERS", 250);
    let one_command = env_or(ONE_COMMAND, 0) == 1;
    let lw = Lotwise::open(url)?;
    let start = now_ns();
    let mut confirmed = 0;
    for n in 0..orders {
        let sku = SKUS[(n % 4) as usize];
        let new = order("pg", format!("P{worker}-{n}"), sku, "1 pcs");
        let status = if one_command {
            let accepted = lw.place_and_confirm_order(new)?;
            accepted.confirmed.map(|c| c.status)
        } else {
            let id = lw.place_order(new)?.order.id;
            Some(lw.confirm_order(&id)?.status)
        };
        if status == Some(OrderStatus::ReadyToShip) {
            confirmed += 1;
        }
    }
    println!("{start} {} {confirmed}", now_ns());
    Ok(())
}

/// A baseline worker: the same orders in hand-written SQL.
fn raw_child(url: &str) {
    let worker = env_or("LOTWISE_BENCH_WORKER", 0);
    let orders = env_or("LOTWISE_BENCH_PG_ORDERS", 250);
    let mut c = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    let mut prep = |sql: &str| c.prepare(sql).expect("prepare");
    let next_order = prep("SELECT nextval('lotwise_id_order')");
    let next_reservation = prep("SELECT nextval('lotwise_id_reservation')");
    let insert_order = prep(
        "INSERT INTO orders (id, status, channel, external_ref, placed_at, data)
         VALUES ($1, 'placed', 'raw', $2, $3, $4)",
    );
    let lock_order = prep("SELECT data FROM orders WHERE id = $1 FOR UPDATE");
    let lock_sku = prep("SELECT pg_advisory_xact_lock(hashtext($1))");
    let balances = prep("SELECT lot, location, qty FROM balances WHERE sku = $1");
    let reserved = prep("SELECT count(*) FROM reservations WHERE sku = $1");
    let insert_reservation = prep(
        "INSERT INTO reservations (id, sku, demand_kind, demand_ref, demand_line, data)
         VALUES ($1, $2, 'order_line', $3, 1, $4)",
    );
    let update_order = prep("UPDATE orders SET status = 'ready_to_ship', data = $2 WHERE id = $1");
    let insert_confirmed = prep(
        "INSERT INTO orders (id, status, channel, external_ref, placed_at, data)
         VALUES ($1, 'ready_to_ship', 'raw', $2, $3, $4)",
    );
    let one_command = env_or(ONE_COMMAND, 0) == 1;
    let start = now_ns();
    let mut confirmed = 0u64;
    for n in 0..orders {
        let sku = SKUS[(n % 4) as usize];
        let external = format!("R{worker}-{n}");
        let placed_at = "2026-03-02T09:00:00.000000000Z";
        if one_command {
            // One transaction: the order goes in already confirmed.
            c.batch_execute("BEGIN").expect("begin");
            let number: i64 = c.query_one(&next_order, &[]).expect("id").get(0);
            let id = format!("SO-{number:06}");
            c.execute(&lock_sku, &[&sku]).expect("lock sku");
            let on_hand = c.query(&balances, &[&sku]).expect("balances");
            let held: i64 = c.query_one(&reserved, &[&sku]).expect("reserved").get(0);
            assert!(!on_hand.is_empty() && held < 1_000_000, "stock left");
            let rid: i64 = c.query_one(&next_reservation, &[]).expect("id").get(0);
            let data = order_json(&id, &external, sku, "ready_to_ship");
            c.execute(&insert_confirmed, &[&id, &external, &placed_at, &data])
                .expect("order");
            c.execute(
                &insert_reservation,
                &[&rid, &sku, &id, &reservation_json(rid, sku, &id)],
            )
            .expect("reservation");
            commit_with_event(&mut c, "order_confirmed", &id);
            confirmed += 1;
            continue;
        }
        c.batch_execute("BEGIN").expect("begin");
        let number: i64 = c.query_one(&next_order, &[]).expect("id").get(0);
        let id = format!("SO-{number:06}");
        let data = order_json(&id, &external, sku, "placed");
        c.execute(&insert_order, &[&id, &external, &placed_at, &data])
            .expect("order");
        commit_with_event(&mut c, "order_placed", &id);

        c.batch_execute("BEGIN").expect("begin");
        c.query_one(&lock_order, &[&id]).expect("lock order");
        c.execute(&lock_sku, &[&sku]).expect("lock sku");
        let on_hand = c.query(&balances, &[&sku]).expect("balances");
        let held: i64 = c.query_one(&reserved, &[&sku]).expect("reserved").get(0);
        assert!(!on_hand.is_empty() && held < 1_000_000, "stock left");
        let rid: i64 = c.query_one(&next_reservation, &[]).expect("id").get(0);
        c.execute(
            &insert_reservation,
            &[&rid, &sku, &id, &reservation_json(rid, sku, &id)],
        )
        .expect("reservation");
        c.execute(
            &update_order,
            &[&id, &order_json(&id, &external, sku, "ready_to_ship")],
        )
        .expect("update order");
        commit_with_event(&mut c, "order_confirmed", &id);
        confirmed += 1;
    }
    println!("{start} {} {confirmed}", now_ns());
}

/// A reservation record the size of lotwise's.
fn reservation_json(rid: i64, sku: &str, order: &str) -> String {
    format!(
        r#"{{"id":{rid},"sku":"{sku}","lot":"{sku}-R0001","location":"MAIN","qty":"1","demand":{{"order_line":{{"order":"{order}","line":1}}}}}}"#
    )
}

/// An order record the size of lotwise's.
fn order_json(id: &str, external: &str, sku: &str, status: &str) -> String {
    format!(
        r#"{{"id":"{id}","channel":"raw","external_ref":"{external}","customer":{{"name":"Bench Customer","email":"bench@example.com"}},"ship_to":null,"lines":[{{"line":1,"sku":"{sku}","qty":"1 pcs","unit_price":"18.00 USD","requested_date":null,"promised_date":null,"lot":null,"min_remaining_shelf_life_days":null,"shipped":"0"}}],"tags":[],"notes":null,"attention":[],"status":"{status}","placed_at":"2026-03-02T09:00:00Z","confirmed_at":null,"cancelled_at":null}}"#
    )
}

/// Queues the event and commits, one round trip, as lotwise does (readers
/// number queued events).
fn commit_with_event(c: &mut postgres::Client, kind: &str, subject: &str) {
    c.batch_execute(&format!(
        "INSERT INTO lotwise_event_queue (data) VALUES ('{{\"seq\":1,\"at\":\"2026-03-02T09:00:00Z\",\
         \"kind\":\"{kind}\",\"subject\":\"{subject}\",\"data\":{{}}}}'); COMMIT"
    ))
    .expect("commit");
}

/// Starts `processes` workers of one kind on `url`; their confirmed orders
/// per second, from the first start to the last end.
fn workers(kind: &str, url: &str, one: bool, processes: u64, per_process: u64) -> (u64, f64) {
    let exe = std::env::current_exe().expect("exe");
    let children: Vec<_> = (0..processes)
        .map(|w| {
            Command::new(&exe)
                .env(kind, url)
                .env("LOTWISE_BENCH_WORKER", w.to_string())
                .env("LOTWISE_BENCH_PG_ORDERS", per_process.to_string())
                .env(ONE_COMMAND, if one { "1" } else { "0" })
                .stdout(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let (mut first, mut last, mut confirmed) = (u128::MAX, 0u128, 0u64);
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "a worker failed");
        let text = String::from_utf8_lossy(&out.stdout);
        let f: Vec<u128> = text
            .split_whitespace()
            .map(|w| w.parse().expect("number"))
            .collect();
        first = first.min(f[0]);
        last = last.max(f[1]);
        confirmed += f[2] as u64;
    }
    let secs = (last - first) as f64 / 1e9;
    (confirmed, confirmed as f64 / secs)
}

/// A fresh schema with lotwise's tables and the 4 SKUs in stock; its URL.
fn schema(admin: &mut postgres::Client, url: &str, name: &str, settings: &str) -> Result<String> {
    admin
        .batch_execute(&format!("CREATE SCHEMA {name}"))
        .expect("schema");
    let sep = if url.contains('?') { '&' } else { '?' };
    let lw_url = format!("{url}{sep}options=-c%20search_path%3D{name}{settings}");
    let lw = Lotwise::open(&lw_url)?;
    for sku in SKUS {
        lw.define_item(NewItem::new(sku, sku, ItemKind::Product, Uom::Pcs))?;
        lw.receive(Receipt::new(sku, q("1000000 pcs")))?;
    }
    Ok(lw_url)
}

/// One Postgres run; `settings` are extra `-c name=value` session settings.
pub fn run(url: &str, label: &str, settings: &str) -> Result<()> {
    let mut admin = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    let per_process = env_or("LOTWISE_BENCH_PG_ORDERS", 250);
    let processes = env_or("LOTWISE_BENCH_PG_PROCESSES", 8);
    println!("Postgres, {label}");
    println!(
        "  workload: {processes} processes x {per_process} orders, each placed and confirmed \
         (reserved from stock, ready to ship); target >= 2000 confirmed orders/s"
    );
    for (n, (one, shape)) in [
        (false, "two commands: place_order, then confirm_order"),
        (true, "one command: place_and_confirm_order"),
    ]
    .into_iter()
    .enumerate()
    {
        let base = format!("lw_bench_{}_{}_{n}", std::process::id(), label.len());
        let lw_url = schema(&mut admin, url, &base, settings)?;
        let raw_url = schema(&mut admin, url, &format!("{base}_raw"), settings)?;
        let (confirmed, per_s) = workers(CHILD, &lw_url, one, processes, per_process);
        let (raw_confirmed, raw_per_s) = workers(RAW_CHILD, &raw_url, one, processes, per_process);
        let lw = Lotwise::open(&lw_url)?;
        let problems = lw.check_invariants()?;
        assert!(problems.is_empty(), "{problems:?}");
        drop(lw);
        for name in [base.clone(), format!("{base}_raw")] {
            let _ = admin.batch_execute(&format!("DROP SCHEMA {name} CASCADE"));
        }
        println!("  {shape}");
        println!("    lotwise:   {per_s:>9.1} confirmed orders/s  ({confirmed} confirmed)");
        println!(
            "    baseline:  {raw_per_s:>9.1} confirmed orders/s  ({raw_confirmed} confirmed; the \
             least SQL, hand-written, same server)"
        );
        println!("    ratio baseline/lotwise: {:.2}x", raw_per_s / per_s);
    }
    Ok(())
}
