//! Read models for tables (`stock_levels`, `mo_summaries`): each answers
//! what the per-row queries answer, in one read transaction.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::*;
use lotwise::api::{Command, Reply};
use lotwise::store::memory::MemoryStore;
use lotwise::store::{Store, Tx, TxMode};
use lotwise::{
    Completion, Decimal, FixedClock, ItemStock, LocationKind, Lotwise, MoSummary, NewTransfer,
    NewTransferLine,
};
use serde_json::json;

/// A store that counts the transactions it opens, by mode.
#[derive(Default)]
struct Counting {
    inner: MemoryStore,
    reads: Arc<AtomicUsize>,
    writes: Arc<AtomicUsize>,
}

impl Store for Counting {
    fn begin(&self, mode: TxMode) -> lotwise::Result<Box<dyn Tx + '_>> {
        let counter = if mode.writes() {
            &self.writes
        } else {
            &self.reads
        };
        counter.fetch_add(1, Ordering::SeqCst);
        self.inner.begin(mode)
    }

    fn backend(&self) -> &'static str {
        self.inner.backend()
    }

    fn concurrent_writes(&self) -> bool {
        self.inner.concurrent_writes()
    }
}

/// An engine over a counting memory store, and its read counter.
fn counted() -> (Lotwise, Arc<FixedClock>, Arc<AtomicUsize>) {
    let store = Counting::default();
    let reads = store.reads.clone();
    let clock = Arc::new(FixedClock::at(instant(T0)));
    let lw = Lotwise::with_store(Box::new(store), clock.clone()).unwrap();
    (lw, clock, reads)
}

/// A candle maker mid-week: stock in two internal locations and in
/// transit, an expired lot, reservations for an order, one batch done and
/// allocated, one waiting for jars.
fn busy_shop(lw: &Lotwise, clock: &FixedClock) {
    candle_catalog(lw);
    lw.define_location("STORE", "Shop back room", LocationKind::Internal)
        .unwrap();
    lw.receive(receipt(WAX, "20 kg", Some("SW-A"), Some("2027-01-31")))
        .unwrap();
    lw.receive(receipt(OIL, "2 l", Some("FO-OLD"), Some("2026-03-03")))
        .unwrap();
    lw.receive(receipt(OIL, "1 l", Some("FO-NEW"), None))
        .unwrap();
    lw.receive(receipt(WICK, "200 pcs", Some("WK-1"), None))
        .unwrap();
    lw.receive(receipt(JAR, "18 pcs", Some("JAR-1"), None))
        .unwrap();
    lw.receive(receipt(CANDLE, "6 pcs", Some("CL-1"), None))
        .unwrap();
    let moved = lw
        .ship_transfer(NewTransfer {
            from: "MAIN".into(),
            to: "STORE".into(),
            lines: vec![NewTransferLine {
                sku: CANDLE.into(),
                qty: qty("2 pcs"),
                lot: Some("CL-1".into()),
            }],
            note: None,
        })
        .unwrap();
    lw.receive_transfer(&moved.id).unwrap();
    let first = lw
        .place_order(new_order(
            "etsy",
            Some("1"),
            "Ada",
            vec![line(CANDLE, "14 pcs")],
        ))
        .unwrap()
        .order;
    let report = lw.confirm_order(&first.id).unwrap();
    let batch = &report.mos[0];
    lw.start_mo(batch).unwrap();
    lw.complete_mo(batch, Completion::default()).unwrap();
    let second = lw
        .place_order(new_order(
            "etsy",
            Some("2"),
            "Grace",
            vec![line(CANDLE, "12 pcs")],
        ))
        .unwrap()
        .order;
    lw.confirm_order(&second.id).unwrap();
    // The old oil lot expires: it stays on hand but is no longer available.
    clock.advance_days(2);
}

fn per_item_calls(lw: &Lotwise) -> Vec<ItemStock> {
    lw.items()
        .unwrap()
        .into_iter()
        .map(|item| ItemStock {
            level: lw.stock(&item.sku).unwrap(),
            item,
        })
        .collect()
}

#[test]
fn stock_levels_are_what_stock_gives_per_item_in_sku_order() {
    let (lw, clock) = engine();
    busy_shop(&lw, &clock);
    let all = lw.stock_levels(None).unwrap();
    assert_eq!(all, per_item_calls(&lw));
    let skus: Vec<&str> = all.iter().map(|s| s.item.sku.as_str()).collect();
    let mut sorted = skus.clone();
    sorted.sort();
    assert_eq!(skus, sorted);
    assert_eq!(skus.len(), 5);

    // The shop is not trivial: reservations, an expired lot, two locations.
    let oil = all.iter().find(|s| s.item.sku == OIL).unwrap();
    assert!(oil.level.available < oil.level.on_hand - oil.level.reserved);
    let candle = all.iter().find(|s| s.item.sku == CANDLE).unwrap();
    assert!(candle.level.reserved > Decimal::ZERO);
    let places: Vec<&str> = candle
        .level
        .lots
        .iter()
        .map(|l| l.location.as_str())
        .collect();
    assert!(
        places.contains(&"STORE") && places.contains(&"MAIN"),
        "{places:?}"
    );
}

#[test]
fn named_items_come_in_the_order_asked_and_an_unknown_one_is_refused() {
    let (lw, clock) = engine();
    busy_shop(&lw, &clock);
    let some = lw
        .stock_levels(Some(vec![WAX.into(), JAR.into(), WAX.into()]))
        .unwrap();
    let skus: Vec<&str> = some.iter().map(|s| s.item.sku.as_str()).collect();
    assert_eq!(skus, [WAX, JAR, WAX]);
    assert_eq!(some[0].item, lw.item(WAX).unwrap());
    assert_eq!(some[1].level, lw.stock(JAR).unwrap());
    assert!(lw.stock_levels(Some(vec![])).unwrap().is_empty());

    let err = lw
        .stock_levels(Some(vec![WAX.into(), "NOPE".into()]))
        .unwrap_err();
    assert_eq!(err.code(), "unknown_sku");
    assert_eq!(err.fields()["sku"], "NOPE");
}

#[test]
fn mo_summaries_total_the_allocations_of_every_mo() {
    let (lw, clock) = engine();
    busy_shop(&lw, &clock);
    let mos = lw.mos().unwrap();
    assert_eq!(mos.len(), 2, "one batch done, one waiting");
    let summaries = lw.mo_summaries(None).unwrap();
    let expected: Vec<MoSummary> = mos
        .iter()
        .map(|mo| MoSummary {
            mo: mo.clone(),
            allocated: mo.allocations.iter().map(|a| a.qty).sum(),
            unallocated: mo.unallocated(),
        })
        .collect();
    assert_eq!(summaries, expected);
    // Ada's 14: 6 from stock (4 here, 2 in the shop), the batch of 12 fills
    // 8 and puts 4 in stock. Grace's 12: those 4, and 8 of a new batch.
    assert_eq!(summaries[0].allocated, dec("8"));
    assert_eq!(summaries[0].unallocated, dec("4"));
    assert_eq!(summaries[1].allocated, dec("8"));
    assert_eq!(summaries[1].unallocated, dec("4"));

    let named = lw
        .mo_summaries(Some(vec![mos[1].id.clone(), mos[0].id.clone()]))
        .unwrap();
    assert_eq!(named, vec![expected[1].clone(), expected[0].clone()]);
    let err = lw.mo_summaries(Some(vec!["MO-999999".into()])).unwrap_err();
    assert_eq!(err.code(), "unknown_mo");
}

#[test]
fn each_read_model_is_one_read_transaction() {
    let (lw, clock, reads) = counted();
    busy_shop(&lw, &clock);
    let items = lw.items().unwrap().len();

    let before = reads.load(Ordering::SeqCst);
    let all = lw.stock_levels(None).unwrap();
    assert_eq!(reads.load(Ordering::SeqCst) - before, 1);

    // The same answer the old way costs a transaction per item and one more.
    let before = reads.load(Ordering::SeqCst);
    assert_eq!(per_item_calls(&lw), all);
    assert_eq!(reads.load(Ordering::SeqCst) - before, 1 + items);

    let before = reads.load(Ordering::SeqCst);
    lw.stock_levels(Some(vec![WAX.into(), JAR.into()])).unwrap();
    lw.mo_summaries(None).unwrap();
    lw.mo_summaries(Some(vec!["MO-000001".into()])).unwrap();
    assert_eq!(reads.load(Ordering::SeqCst) - before, 3);
}

#[test]
fn the_read_models_answer_the_same_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    let clock = Arc::new(FixedClock::at(instant(T0)));
    let lw = Lotwise::open_with_clock(path.to_str().unwrap(), clock.clone()).unwrap();
    busy_shop(&lw, &clock);
    assert_eq!(lw.stock_levels(None).unwrap(), per_item_calls(&lw));
    let summaries = lw.mo_summaries(None).unwrap();
    let mos: Vec<_> = summaries.iter().map(|s| s.mo.clone()).collect();
    assert_eq!(mos, lw.mos().unwrap());
    assert_eq!(summaries[0].allocated, dec("8"));
}

#[test]
fn the_command_layer_runs_them_with_or_without_names() {
    let (lw, clock) = engine();
    busy_shop(&lw, &clock);
    let cmd = Command::from_parts("stock_levels", json!({"skus": [JAR]})).unwrap();
    let Reply::StockLevels(rows) = lw.execute(cmd).unwrap() else {
        unreachable!()
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].level, lw.stock(JAR).unwrap());

    let answer: serde_json::Value =
        serde_json::from_str(&lw.execute_json(r#"{"do": "stock_levels"}"#)).unwrap();
    let rows = answer["ok"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0]["item"]["sku"], CANDLE);
    assert_eq!(rows[0]["level"]["sku"], CANDLE);

    let answer: serde_json::Value = serde_json::from_str(
        &lw.execute_json(r#"{"do": "mo_summaries", "args": {"ids": ["MO-000001"]}}"#),
    )
    .unwrap();
    assert_eq!(answer["ok"][0]["mo"]["id"], "MO-000001");
    assert_eq!(answer["ok"][0]["allocated"], "8");

    let refused: serde_json::Value = serde_json::from_str(
        &lw.execute_json(r#"{"do": "stock_levels", "args": {"skus": ["NOPE"]}}"#),
    )
    .unwrap();
    assert_eq!(refused["error"]["code"], "unknown_sku");
}
