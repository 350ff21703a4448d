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
