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
