//! Freeing stock serves the demand waiting for it, oldest first, however
//! long the backlog: more waiting batches and orders than the engine reads
//! at a time, on the memory store and on SQLite.

mod common;

use std::sync::Arc;

use chrono::Duration;
use common::{assert_invariants, instant, line, new_order, qty, T0};
use lotwise::*;

/// More than one page of waiting demand (the engine reads 16 at a time).
const WAITING: usize = 37;

/// Wax by the kilo, a candle poured from one kilo in batches of one, and
/// matches bought in and sold as they are.
fn shop(lw: &Lotwise) {
    lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))
        .unwrap();
    lw.define_item(NewItem::new(
        "CANDLE",
        "Candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "MATCHES",
        "Matchbox",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: "CANDLE".into(),
        batch_size: qty("1 pcs"),
        inputs: vec![common::exact_input("WAX", "1 kg")],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
}

/// Places and confirms `WAITING` candle orders and as many matches orders,
/// alternately, a second apart; none can be served yet.
fn backlog(lw: &Lotwise, clock: &FixedClock) -> (Vec<String>, Vec<String>) {
    let (mut candles, mut matches) = (Vec::new(), Vec::new());
    for n in 0..WAITING {
        for (sku, ids) in [("CANDLE", &mut candles), ("MATCHES", &mut matches)] {
            clock.set(clock.now() + Duration::seconds(1));
            let placed = lw
                .place_order(new_order(
                    "api",
                    None,
                    &format!("{sku} {n}"),
                    vec![line(sku, "1 pcs")],
                ))
                .unwrap();
            let report = lw.confirm_order(&placed.order.id).unwrap();
            assert_eq!(report.status, OrderStatus::AwaitingMaterials);
            ids.push(placed.order.id);
        }
    }
    (candles, matches)
}

/// How many of `orders`, from the first, are no longer awaiting materials,
/// and that every later one still is.
fn served(lw: &Lotwise, orders: &[String]) -> usize {
    let waiting: Vec<bool> = orders
        .iter()
        .map(|id| lw.order(id).unwrap().status == OrderStatus::AwaitingMaterials)
        .collect();
    let first_waiting = waiting.iter().position(|w| *w).unwrap_or(waiting.len());
    assert!(
        waiting[first_waiting..].iter().all(|w| *w),
        "served out of order: {waiting:?}"
    );
    first_waiting
}

fn receipts_serve_the_oldest_first(lw: &Lotwise, clock: &FixedClock) {
    shop(lw);
    let (candles, matches) = backlog(lw, clock);
    // Unrelated stock frees nothing anyone waits for.
    lw.define_item(NewItem::new("JAR", "Jar", ItemKind::Packaging, Uom::Pcs))
        .unwrap();
    lw.receive(Receipt::new("JAR", qty("5 pcs"))).unwrap();
    assert_eq!((served(lw, &candles), served(lw, &matches)), (0, 0));

    lw.receive(Receipt::new("WAX", qty("33 kg"))).unwrap();
    assert_eq!(served(lw, &candles), 33);
    for id in &candles[..33] {
        assert_eq!(lw.order(id).unwrap().status, OrderStatus::MaterialsReserved);
    }
    lw.receive(Receipt::new("MATCHES", qty("20 pcs"))).unwrap();
    assert_eq!(served(lw, &matches), 20);
    for id in &matches[..20] {
        assert_eq!(lw.order(id).unwrap().status, OrderStatus::ReadyToShip);
    }
    assert_invariants(lw);

    // The rest, with some to spare.
    lw.receive(Receipt::new("WAX", qty("10 kg"))).unwrap();
    lw.receive(Receipt::new("MATCHES", qty("30 pcs"))).unwrap();
    assert_eq!(served(lw, &candles), WAITING);
    assert_eq!(served(lw, &matches), WAITING);
    assert_invariants(lw);
}

#[test]
fn receipts_serve_a_long_backlog_oldest_first_in_memory() {
    let clock = Arc::new(FixedClock::at(instant(T0)));
    let lw = Lotwise::in_memory_with_clock(clock.clone());
    receipts_serve_the_oldest_first(&lw, &clock);
}

#[test]
fn receipts_serve_a_long_backlog_oldest_first_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("backlog.db").display());
    let clock = Arc::new(FixedClock::at(instant(T0)));
    let lw = Lotwise::open_with_clock(&url, clock.clone()).unwrap();
    receipts_serve_the_oldest_first(&lw, &clock);
}
