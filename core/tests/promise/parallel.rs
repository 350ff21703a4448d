//! Elapsed steps (a cure that holds no work center) and work centers with
//! parallel units (two kettles), with hand-computed times.
//!
//! The soap shop: bars of 24 are poured on the pouring line (`POUR`, one
//! unit, Mon–Fri 08:00–16:00, 60 min a batch) and then cure 28 days around
//! the clock; soap base of 10 kg is cooked in `KETTLE` (two kettles, same
//! hours, 120 min a batch). Goods ship one working day after they are
//! ready and travel two calendar days (`GROUND`).
//!
//! March–April 2026: Mon 2 Mar … Mon 30 Mar, Tue 31 Mar, Wed 1 Apr, Thu 2 Apr.

use super::*;
use lotwise::domain::elapsed::ElapsedStep;

fn cure(days: &str) -> Operation {
    Operation {
        work_center: String::new(),
        setup_minutes: Decimal::ZERO,
        run_minutes_per_unit: Decimal::ZERO,
        run_unit: None,
        elapsed: Some(ElapsedStep {
            name: "cure".into(),
            days: days.parse().unwrap(),
            calendar: None,
        }),
    }
}

/// The candle shop plus soap bars (pour, then `after_pour`) and soap base
/// cooked in a work center of `kettles` units.
fn soap_shop(after_pour: Vec<Operation>, kettles: i64) -> Shop {
    soap_shop_on(shop("2026-03-02T09:00:00Z", &[]), after_pour, kettles)
}

fn soap_shop_on(s: Shop, after_pour: Vec<Operation>, kettles: i64) -> Shop {
    let lw = &s.lw;
    lw.define_item(NewItem::new(
        "OIL",
        "Olive oil",
        ItemKind::Material,
        Uom::Kg,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "SOAP",
        "Oat soap bar",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "BASE",
        "Soap base",
        ItemKind::Product,
        Uom::Kg,
    ))
    .unwrap();
    let mut ops = vec![op("POUR", 60, 0)];
    ops.extend(after_pour);
    lw.define_recipe(NewRecipe {
        product: "SOAP".into(),
        batch_size: "24 pcs".parse().unwrap(),
        inputs: vec![input("OIL", "3 kg")],
        yield_pct: None,
        operations: ops,
    })
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: "BASE".into(),
        batch_size: "10 kg".parse().unwrap(),
        inputs: vec![input("OIL", "7 kg")],
        yield_pct: None,
        operations: vec![op("KETTLE", 120, 0)],
    })
    .unwrap();
    lw.define_work_center(NewWorkCenter {
        code: "KETTLE".into(),
        name: "soap kettles".into(),
        calendar: calendar(&[]),
        capacity: kettles,
    })
    .unwrap();
    receive(lw, "OIL", "100 kg");
    s
}

fn confirm(lw: &Lotwise, sku: &str, qty: &str) -> (String, String) {
    let id = place(lw, vec![line(sku, qty, None)]);
    let report = lw.confirm_order(&id).unwrap();
    (id, report.mos[0].clone())
}

/// Three batches poured the same Monday cure side by side: each is ready
/// 28 × 24 h after its pour ends and all three promise the same day.
/// Modelled as a one-slot 24/7 "CURE" work center instead (as before
/// elapsed steps existed), they queue a month apart.
#[test]
fn batches_poured_the_same_day_cure_in_parallel() {
    let s = soap_shop(vec![cure("28")], 2);
    let mut orders = Vec::new();
    for _ in 0..3 {
        orders.push(confirm(&s.lw, "SOAP", "24 pcs"));
    }
    // Pours 09–10, 10–11, 11–12 on Mon 2 Mar; + 40,320 minutes (28 days).
    let expected = [
        (
            "2026-03-02T09:00:00Z",
            "2026-03-02T10:00:00Z",
            "2026-03-30T10:00:00Z",
        ),
        (
            "2026-03-02T10:00:00Z",
            "2026-03-02T11:00:00Z",
            "2026-03-30T11:00:00Z",
        ),
        (
            "2026-03-02T11:00:00Z",
            "2026-03-02T12:00:00Z",
            "2026-03-30T12:00:00Z",
        ),
    ];
    for ((order, mo), (pour, poured, cured)) in orders.iter().zip(expected) {
        let b = s.lw.booking(mo).unwrap().unwrap();
        assert_eq!(b.operations.len(), 2);
        assert_eq!(b.operations[0].work_center, "POUR");
        assert_eq!(
            (b.operations[0].start, b.operations[0].end),
            (at(pour), at(poured))
        );
        let c = &b.operations[1];
        assert_eq!(c.elapsed.as_deref(), Some("cure"));
        assert_eq!(c.work_center, "");
        assert_eq!((c.start, c.end, c.minutes), (at(poured), at(cured), 40_320));
        assert_eq!(b.ready_at, at(cured));
        // Ready Mon 30 Mar, ships Tue 31 Mar, arrives Thu 2 Apr: the same
        // date for all three.
        let o = s.lw.order(order).unwrap();
        assert_eq!(o.lines[0].promised_date, Some(day("2026-04-02")));
    }
    // The first batch waited for nothing: the cure decided its date.
    let first =
        s.lw.promise(&orders[0].0, &PromiseOptions::default())
            .unwrap();
    assert_eq!(
        first.basis,
        Basis::Elapsed {
            step: "cure".into(),
            start: at("2026-03-02T10:00:00Z"),
            end: at("2026-03-30T10:00:00Z"),
        }
    );
    assert_eq!(
        first.explanation,
        "line 1 (SOAP) decides: ships Tue 31 Mar, arrives Thu 2 Apr: cure from Mon 2 Mar until Mon 30 Mar"
    );
    // The cure holds no capacity: only the pours are on the pouring line,
    // and the schedule lists the cures as elapsed rows.
    let rows =
        s.lw.schedule(at("2026-03-01T00:00:00Z"), at("2026-05-01T00:00:00Z"))
            .unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows.iter().filter(|r| r.elapsed.is_some()).count(), 3);
    assert!(s.lw.check_invariants().unwrap().is_empty());

    // The same cure as a one-slot 24/7 work center queues: ready 30 Mar,
    // 27 Apr and 25 May, so promised 2 Apr, 30 Apr and 28 May.
    let queued = soap_shop(vec![op("CURE", 28 * 24 * 60, 0)], 2);
    queued
        .lw
        .define_work_center(NewWorkCenter {
            code: "CURE".into(),
            name: "curing rack".into(),
            calendar: lotwise::domain::elapsed::around_the_clock(),
            capacity: 1,
        })
        .unwrap();
    let dates: Vec<_> = (0..3)
        .map(|_| {
            let (id, _) = confirm(&queued.lw, "SOAP", "24 pcs");
            queued.lw.order(&id).unwrap().lines[0]
                .promised_date
                .unwrap()
        })
        .collect();
    assert_eq!(
        dates,
        [day("2026-04-02"), day("2026-04-30"), day("2026-05-28")]
    );
}

/// A promise (writes nothing) plans the cure the same way, and a cure on
/// a working-day calendar counts only its working days.
#[test]
fn a_promise_waits_through_the_cure_on_its_own_calendar() {
    let mut lab = cure("3");
    if let Some(step) = lab.elapsed.as_mut() {
        step.name = "quarantine until tested".into();
        step.calendar = Some(calendar(&[]));
    }
    let s = soap_shop(vec![lab], 1);
    let p = draft(&s.lw, "SOAP", "24 pcs");
    // Poured Mon 09–10; 3 lab days of 480 minutes from Mon 10:00 end Thu
    // 10:00; ships Fri 6 Mar, arrives Sun 8 Mar.
    assert_eq!(p.lines[0].ready_at, at("2026-03-05T10:00:00Z"));
    assert_eq!(p.promised_date, day("2026-03-08"));
    let ops = &p.lines[0].operations;
    assert_eq!(ops[1].elapsed.as_deref(), Some("quarantine until tested"));
    assert_eq!(ops[1].minutes, 3 * 480);
}

/// An elapsed step of negative length, or one that also names a work
/// center, is refused and nothing is written.
#[test]
fn a_negative_or_occupying_elapsed_step_is_refused() {
    let s = soap_shop(vec![], 1);
    let before = s.lw.snapshot().unwrap();
    let recipe = |ops: Vec<Operation>| NewRecipe {
        product: "SOAP".into(),
        batch_size: "24 pcs".parse().unwrap(),
        inputs: vec![input("OIL", "3 kg")],
        yield_pct: None,
        operations: ops,
    };
    let e =
        s.lw.define_recipe(recipe(vec![op("POUR", 60, 0), cure("-1")]))
            .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert_eq!(e.fields()["field"], "operations[1].elapsed.days");
    assert_eq!(e.fields()["value"], "-1");
    let mut on_rack = cure("28");
    on_rack.work_center = "RACK".into();
    let e = s.lw.define_recipe(recipe(vec![on_rack])).unwrap_err();
    assert_eq!(e.fields()["field"], "operations[0].work_center");
    let mut timed = cure("28");
    timed.setup_minutes = Decimal::from(5);
    assert_eq!(
        s.lw.define_recipe(recipe(vec![timed])).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(s.lw.snapshot().unwrap(), before, "nothing written");
    assert_eq!(s.lw.recipe("SOAP").unwrap().version, 1);
}

/// Two kettles cook two batches at once; the third waits for the first
/// kettle to free up. Bookings (confirmed orders) and a promise's own new
/// batches count against the same two units.
#[test]
fn two_kettles_run_two_batches_at_once_and_the_third_waits() {
    let s = soap_shop(vec![], 2);
    let mos: Vec<String> = (0..3).map(|_| confirm(&s.lw, "BASE", "10 kg").1).collect();
    let spans: Vec<_> = mos
        .iter()
        .map(|mo| {
            let b = s.lw.booking(mo).unwrap().unwrap();
            (
                b.operations[0].start,
                b.operations[0].end,
                b.operations[0].minutes,
            )
        })
        .collect();
    // Both kettles 09:00–11:00; the third batch 11:00–13:00.
    assert_eq!(
        spans,
        [
            (at("2026-03-02T09:00:00Z"), at("2026-03-02T11:00:00Z"), 120),
            (at("2026-03-02T09:00:00Z"), at("2026-03-02T11:00:00Z"), 120),
            (at("2026-03-02T11:00:00Z"), at("2026-03-02T13:00:00Z"), 120),
        ]
    );
    let third = s.lw.booking(&mos[2]).unwrap().unwrap();
    assert_eq!(
        third.basis,
        production(
            "KETTLE",
            "2026-03-02T11:00:00Z",
            "2026-03-02T13:00:00Z",
            true
        )
    );

    // A draft of three more batches: one kettle is free 11:00–13:00 (the
    // other cooks the third batch), both from 13:00. new-1 11–13, new-2
    // 13–15 beside new-3 13–15.
    let p =
        s.lw.promise_lines(
            &[
                line("BASE", "10 kg", None),
                line("BASE", "10 kg", None),
                line("BASE", "10 kg", None),
            ],
            &PromiseOptions::default(),
        )
        .unwrap();
    let starts: Vec<_> = p
        .lines
        .iter()
        .map(|l| (l.operations[0].start, l.operations[0].end))
        .collect();
    assert_eq!(
        starts,
        [
            (at("2026-03-02T11:00:00Z"), at("2026-03-02T13:00:00Z")),
            (at("2026-03-02T13:00:00Z"), at("2026-03-02T15:00:00Z")),
            (at("2026-03-02T13:00:00Z"), at("2026-03-02T15:00:00Z")),
        ]
    );

    // Completing a batch frees its kettle: the draft's first batch now
    // starts at 09:00 beside the one still booked there.
    s.lw.start_mo(&mos[0]).unwrap();
    s.lw.complete_mo(&mos[0], Completion::default()).unwrap();
    let p = draft(&s.lw, "BASE", "10 kg");
    assert_eq!(p.lines[0].operations[0].start, at("2026-03-02T09:00:00Z"));
    assert!(s.lw.check_invariants().unwrap().is_empty());
}

/// One kettle (the default) runs one batch at a time, as before.
#[test]
fn one_unit_is_the_default_and_runs_one_batch_at_a_time() {
    let s = soap_shop(vec![], 1);
    let mos: Vec<String> = (0..2).map(|_| confirm(&s.lw, "BASE", "10 kg").1).collect();
    let second = s.lw.booking(&mos[1]).unwrap().unwrap();
    assert_eq!(second.operations[0].start, at("2026-03-02T11:00:00Z"));
    let stored: NewWorkCenter = serde_json::from_value(serde_json::json!({
        "code": "MIX", "name": "mixer",
        "calendar": { "working_days": ["Mon"], "hours_per_day": "8" }
    }))
    .unwrap();
    assert_eq!(stored.capacity, 1);
    assert_eq!(s.lw.define_work_center(stored).unwrap().capacity, 1);
}

/// A capacity of 0 or below is refused and nothing is written.
#[test]
fn a_capacity_below_one_is_refused() {
    let s = soap_shop(vec![], 2);
    let before = s.lw.snapshot().unwrap();
    for units in [0, -2] {
        let e =
            s.lw.define_work_center(NewWorkCenter {
                code: "KETTLE".into(),
                name: "soap kettles".into(),
                calendar: calendar(&[]),
                capacity: units,
            })
            .unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert_eq!(e.fields()["field"], "capacity");
        assert_eq!(e.fields()["value"], units.to_string());
    }
    assert_eq!(s.lw.snapshot().unwrap(), before, "nothing written");
    assert_eq!(s.lw.work_center("KETTLE").unwrap().capacity, 2);
}

/// On SQLite, reopened: the capacity, the elapsed steps of bookings and an
/// order's delay mark are stored and read back as they were written, and
/// the kettles and cures plan as in memory.
#[test]
fn sqlite_keeps_units_cures_and_delays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("soap.db");
    let open = |clock: Arc<FixedClock>| {
        let store = lotwise::store::sqlite::SqliteStore::open(path.to_str().unwrap()).unwrap();
        Lotwise::with_store(Box::new(store), clock).unwrap()
    };
    let clock = Arc::new(FixedClock::at(at("2026-03-02T09:00:00Z")));
    let s = soap_shop_on(
        shop_on(open(clock.clone()), clock.clone(), &[]),
        vec![cure("28")],
        2,
    );
    let bars = confirm(&s.lw, "SOAP", "24 pcs");
    let base: Vec<(String, String)> = (0..3).map(|_| confirm(&s.lw, "BASE", "10 kg")).collect();
    // Tuesday 10:00: the third base batch (booked Mon 11:00–13:00) has not
    // started; from now it ends Tue 12:00, ships Wed 4, arrives Fri 6 Mar
    // instead of Thu 5 Mar.
    clock.set(at("2026-03-03T10:00:00Z"));
    let check = s.lw.check_delays().unwrap();
    assert!(check.newly_delayed.contains(&base[2].0), "{check:?}");
    drop(s);

    let lw = open(clock);
    assert_eq!(lw.work_center("KETTLE").unwrap().capacity, 2);
    let cure = lw.booking(&bars.1).unwrap().unwrap();
    assert_eq!(cure.operations[1].elapsed.as_deref(), Some("cure"));
    assert_eq!(cure.ready_at, at("2026-03-30T10:00:00Z"));
    let third = lw.booking(&base[2].1).unwrap().unwrap();
    assert_eq!(third.operations[0].start, at("2026-03-02T11:00:00Z"));
    let late = lw.order(&base[2].0).unwrap().delay.unwrap();
    assert_eq!(late.lines[0].projected_date, day("2026-03-06"));
    assert!(lw.order_view(&base[2].0).unwrap().delayed);
    assert_eq!(
        lw.check_delays().unwrap().newly_delayed,
        Vec::<String>::new(),
        "stored: not raised twice"
    );
}
