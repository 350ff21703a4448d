//! What confirming books, what completing frees and rescheduling moves,
//! and the same on SQLite and in a shop without work centers.

use super::*;

#[test]
fn completing_frees_and_rescheduling_moves_a_booking() {
    let s = shop("2026-03-06T13:00:00Z", &["2026-03-09"]);
    stock_materials(&s.lw);
    let id = place(&s.lw, vec![line("CANDLE", "12 pcs", None)]);
    s.lw.confirm_order(&id).unwrap();

    // Moved to Tuesday noon: 240 min Tuesday, 60 Wednesday.
    let b =
        s.lw.reschedule_mo("MO-000001", at("2026-03-10T12:00:00Z"))
            .unwrap();
    assert_eq!(b.operations[0].start, at("2026-03-10T12:00:00Z"));
    assert_eq!(b.ready_at, at("2026-03-11T09:00:00Z"));
    // Friday is free again: 12 more fit Fri 13:00 – Tue 10:00, before it.
    let p = draft(&s.lw, "CANDLE", "12 pcs");
    assert_eq!(p.lines[0].ready_at, at("2026-03-10T10:00:00Z"));
    // The confirmed order's promise follows its batch.
    let mine = s.lw.promise(&id, &PromiseOptions::default()).unwrap();
    assert_eq!(mine.lines[0].ready_at, at("2026-03-11T09:00:00Z"));

    s.lw.start_mo("MO-000001").unwrap();
    s.lw.complete_mo("MO-000001", Completion::default())
        .unwrap();
    assert_eq!(s.lw.booking("MO-000001").unwrap(), None);
    assert!(s
        .lw
        .schedule(at("2026-03-01T00:00:00Z"), at("2026-04-01T00:00:00Z"))
        .unwrap()
        .is_empty());
    assert_eq!(
        s.lw.reschedule_mo("MO-000001", s.clock.now())
            .unwrap_err()
            .code(),
        "invalid_transition"
    );
    assert!(s.lw.check_invariants().unwrap().is_empty());
}

#[test]
fn sqlite_books_and_promises_like_memory() {
    let dir = tempfile::tempdir().unwrap();
    let now = "2026-03-06T13:00:00Z";
    let clock = Arc::new(FixedClock::at(at(now)));
    let store =
        lotwise::store::sqlite::SqliteStore::open(dir.path().join("plan.db").to_str().unwrap())
            .unwrap();
    let on_disk = shop_on(
        Lotwise::with_store(Box::new(store), clock.clone()).unwrap(),
        clock,
        &["2026-03-09"],
    );
    let in_memory = shop(now, &["2026-03-09"]);
    let mut results = Vec::new();
    for s in [&on_disk, &in_memory] {
        stock_materials(&s.lw);
        let id = place(&s.lw, vec![line("CANDLE", "12 pcs", None)]);
        s.lw.confirm_order(&id).unwrap();
        let promise = draft(&s.lw, "CANDLE", "24 pcs");
        let rows =
            s.lw.schedule(at("2026-03-01T00:00:00Z"), at("2026-04-01T00:00:00Z"))
                .unwrap();
        results.push((
            s.lw.order(&id).unwrap().lines[0].promised_date,
            promise,
            rows,
        ));
    }
    assert_eq!(results[0], results[1]);
    assert_eq!(results[0].1.promised_date, day("2026-03-14"));
}

#[test]
fn shops_without_work_centers_are_unchanged_by_confirming() {
    let clock = Arc::new(FixedClock::at(at("2026-03-02T09:00:00Z")));
    let lw = Lotwise::in_memory_with_clock(clock);
    lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))
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
        batch_size: "12 pcs".parse().unwrap(),
        inputs: vec![input("WAX", "2.4 kg")],
        yield_pct: None,
        operations: vec![op("POUR", 60, 20)],
    })
    .unwrap();
    let id = place(&lw, vec![line("CANDLE", "12 pcs", None)]);
    lw.confirm_order(&id).unwrap();
    assert_eq!(lw.order(&id).unwrap().lines[0].promised_date, None);
    assert_eq!(lw.booking("MO-000001").unwrap(), None);
    let planning_kinds = ["capacity_booking", "capacity_load", "open_output"];
    assert!(!lw
        .snapshot()
        .unwrap()
        .docs
        .iter()
        .any(|(kind, _, _)| planning_kinds.contains(&kind.as_str())));
}

/// The engine keeps work centers and their loads parsed between commands,
/// checked against a version every change bumps. Whatever changes a load
/// (booking, another engine booking on the same file, rescheduling, a
/// command that fails, completing, a redefined calendar), the engine that
/// kept them promises what an engine opened fresh on the file does.
#[test]
fn a_warm_engine_plans_like_a_fresh_one_on_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.db");
    let clock = Arc::new(FixedClock::at(at("2026-03-06T13:00:00Z")));
    let open = || {
        let store = lotwise::store::sqlite::SqliteStore::open(path.to_str().unwrap()).unwrap();
        Lotwise::with_store(Box::new(store), clock.clone()).unwrap()
    };
    let warm = shop_on(open(), clock.clone(), &["2026-03-09"]);
    stock_materials(&warm.lw);
    let mut seen = Vec::new();
    let mut check = |step: &str| {
        let fresh = open();
        for qty in ["12 pcs", "36 pcs"] {
            let kept = draft(&warm.lw, "CANDLE", qty);
            assert_eq!(kept, draft(&fresh, "CANDLE", qty), "{step}, {qty}");
            seen.push(kept.lines[0].ready_at);
        }
    };
    check("nothing booked");
    let a = place(&warm.lw, vec![line("CANDLE", "12 pcs", None)]);
    warm.lw.confirm_order(&a).unwrap();
    check("one batch booked");
    let other = open();
    let b = place(&other, vec![line("CANDLE", "24 pcs", None)]);
    other.confirm_order(&b).unwrap();
    check("a batch booked by another engine");
    warm.lw
        .reschedule_mo("MO-000001", at("2026-03-10T12:00:00Z"))
        .unwrap();
    check("rescheduled");
    let unknown = warm
        .lw
        .reschedule_mo("MO-000404", at("2026-03-11T08:00:00Z"));
    assert_eq!(unknown.unwrap_err().code(), "unknown_mo");
    check("a reschedule refused");
    warm.lw.start_mo("MO-000002").unwrap();
    warm.lw
        .complete_mo("MO-000002", Completion::default())
        .unwrap();
    check("completed: its capacity freed");
    warm.lw
        .define_work_center(NewWorkCenter {
            code: "POUR".into(),
            name: "pouring line".into(),
            calendar: calendar(&["2026-03-09", "2026-03-12"]),
            capacity: 2,
        })
        .unwrap();
    check("calendar and units redefined");
    let c = place(&warm.lw, vec![line("CANDLE", "36 pcs", None)]);
    warm.lw.confirm_order(&c).unwrap();
    check("booked on the new calendar");
    seen.dedup();
    assert!(seen.len() > 4, "the steps moved the promise: {seen:?}");
}

/// A file written when each work center's load was one record (keyed by
/// its code) is rewritten in pieces when opened, and plans as before.
#[test]
fn a_file_with_whole_loads_plans_the_same_once_opened() {
    use lotwise::store::{Store, TxMode};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.db");
    let clock = Arc::new(FixedClock::at(at("2026-03-06T13:00:00Z")));
    let open_store = || lotwise::store::sqlite::SqliteStore::open(path.to_str().unwrap()).unwrap();
    let open = || Lotwise::with_store(Box::new(open_store()), clock.clone()).unwrap();
    let shop = shop_on(open(), clock.clone(), &["2026-03-09"]);
    stock_materials(&shop.lw);
    for qty in ["12 pcs", "36 pcs", "24 pcs"] {
        let id = place(&shop.lw, vec![line("CANDLE", qty, None)]);
        shop.lw.confirm_order(&id).unwrap();
    }
    let before = [
        draft(&shop.lw, "CANDLE", "12 pcs"),
        draft(&shop.lw, "CANDLE", "60 pcs"),
    ];
    drop(shop);

    // Back to the older layout: one record per work center, indexes at 2.
    let store = open_store();
    let mut tx = store.begin(TxMode::Write).unwrap();
    let mut whole: std::collections::BTreeMap<String, Vec<i64>> = Default::default();
    for (key, value) in tx.docs("capacity_load").unwrap() {
        let (code, _) = key.split_once(' ').unwrap();
        let flat: Vec<i64> = serde_json::from_value(value).unwrap();
        whole.entry(code.to_string()).or_default().extend(flat);
        tx.delete_doc("capacity_load", &key).unwrap();
    }
    assert_eq!(whole.keys().collect::<Vec<_>>(), ["POUR"]);
    for (code, flat) in &whole {
        tx.put_doc("capacity_load", code, &serde_json::json!(flat))
            .unwrap();
    }
    tx.put_doc("meta", "record_indexes", &serde_json::json!(2))
        .unwrap();
    tx.commit().unwrap();
    drop(store);

    let lw = open();
    let keys: Vec<String> = {
        let store = open_store();
        let mut tx = store.begin(TxMode::Read).unwrap();
        tx.docs("capacity_load")
            .unwrap()
            .into_iter()
            .map(|(k, _)| k)
            .collect()
    };
    assert!(
        !keys.is_empty() && keys.iter().all(|k| k.starts_with("POUR ")),
        "{keys:?}"
    );
    assert_eq!(
        [
            draft(&lw, "CANDLE", "12 pcs"),
            draft(&lw, "CANDLE", "60 pcs")
        ],
        before
    );
    // Booking and completing go on from the pieces.
    let id = place(&lw, vec![line("CANDLE", "12 pcs", None)]);
    lw.confirm_order(&id).unwrap();
    lw.start_mo("MO-000001").unwrap();
    lw.complete_mo("MO-000001", Completion::default()).unwrap();
    let fresh = open();
    assert_eq!(
        draft(&lw, "CANDLE", "36 pcs"),
        draft(&fresh, "CANDLE", "36 pcs")
    );
}
