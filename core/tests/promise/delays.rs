//! Delays raised early: an order is `delayed` as soon as its projected
//! delivery passes the promise, with the reason, and `order_delayed` is
//! emitted once.
//!
//! The candle shop (see the parent module): 12 candles take 300 minutes on
//! the pouring line (Mon–Fri 08:00–16:00); one handling day, two days of
//! transit. Wax comes from CandleScience on a purchase order expected
//! Thursday 5 March.

use super::*;
use lotwise::domain::order::OrderStatus;

fn delayed_ids(lw: &Lotwise) -> Vec<String> {
    let q = DeskQuery {
        delayed: Some(true),
        ..Default::default()
    };
    lw.desk(&q)
        .unwrap()
        .orders
        .into_iter()
        .map(|r| r.id)
        .collect()
}

fn delay_events(lw: &Lotwise) -> usize {
    lw.events_after(0, 1000)
        .unwrap()
        .iter()
        .filter(|e| e.kind() == "order_delayed")
        .count()
}

/// Confirmed Monday, the wax expected Thursday: pour Thu 08:00–13:00, ship
/// Fri 6 Mar, arrive Sun 8 Mar. On Thursday 13:00 the wax has not come:
/// pouring from now ends Fri 10:00 (180 min Thu + 120 Fri), ships Mon 9,
/// arrives Wed 11 Mar — late, and the desk says so on Thursday, before the
/// Friday ship date.
#[test]
fn an_order_waiting_for_materials_is_delayed_before_its_ship_date() {
    let s = shop("2026-03-02T09:00:00Z", &[]);
    let lw = &s.lw;
    receive(lw, "JAR", "200 pcs");
    lw.define_supplier(
        NewSupplier::new("CS", "CandleScience", 5).supplying(NewSupplierItem::new("WAX")),
    )
    .unwrap();
    let po = lw
        .create_po(NewPurchaseOrder {
            supplier: "CS".into(),
            lines: vec![NewPoLine {
                sku: "WAX".into(),
                qty: "10 kg".parse().unwrap(),
                unit_cost: None,
            }],
            expected_date: Some(day("2026-03-05")),
            notes: None,
        })
        .unwrap();
    lw.send_po(&po.id).unwrap();
    let id = place(lw, vec![line("CANDLE", "12 pcs", None)]);
    let report = lw.confirm_order(&id).unwrap();
    assert_eq!(report.status, OrderStatus::AwaitingMaterials);
    let mo = report.mos[0].clone();
    let booked = lw.booking(&mo).unwrap().unwrap();
    assert_eq!(booked.operations[0].start, at("2026-03-05T08:00:00Z"));
    assert_eq!(booked.ready_at, at("2026-03-05T13:00:00Z"));
    assert_eq!(
        lw.order(&id).unwrap().lines[0].promised_date,
        Some(day("2026-03-08"))
    );

    // Wednesday noon: the wax is still due Thursday, nothing is late.
    s.clock.set(at("2026-03-04T12:00:00Z"));
    let check = lw.check_delays().unwrap();
    assert_eq!(check.checked, 1);
    assert!(check.newly_delayed.is_empty());
    assert!(delayed_ids(lw).is_empty());

    // Thursday 13:00, no wax: late by three days, before Friday.
    s.clock.set(at("2026-03-05T13:00:00Z"));
    assert!(delayed_ids(lw).is_empty(), "reads do not project");
    let check = lw.check_delays().unwrap();
    assert_eq!(check.newly_delayed, vec![id.clone()]);
    assert_eq!(delayed_ids(lw), vec![id.clone()]);
    let order = lw.order(&id).unwrap();
    let delay = order.delay.as_ref().expect("marked late");
    assert_eq!(delay.since, at("2026-03-05T13:00:00Z"));
    let late = &delay.lines[0];
    assert_eq!(late.promised_date, day("2026-03-08"));
    assert_eq!(late.projected_date, day("2026-03-11"));
    assert_eq!(late.mo.as_deref(), Some(mo.as_str()));
    assert_eq!(
        late.reason,
        "promised Sun 8 Mar, now Wed 11 Mar: MO-000001 waits for Soy wax (2400 g short); \
         ships Mon 9 Mar, arrives Wed 11 Mar: made on pouring line Thu 5 Mar to Fri 6 Mar"
    );
    assert!(lw.order_view(&id).unwrap().delayed);
    assert_eq!(delay_events(lw), 1);

    // Checking again (and reading) emits nothing more.
    let again = lw.check_delays().unwrap();
    assert_eq!(again.still_delayed, vec![id.clone()]);
    assert!(again.newly_delayed.is_empty());
    assert_eq!(delay_events(lw), 1);

    // The wax arrives: pouring Thu 13:00 – Fri 10:00 still ships Monday, so
    // the order stays late, and no new event.
    lw.receive_po(
        &po.id,
        vec![PoReceiptLine::new(1, "10 kg".parse().unwrap())],
    )
    .unwrap();
    let after = lw.check_delays().unwrap();
    assert_eq!(after.still_delayed, vec![id.clone()]);
    assert_eq!(delay_events(lw), 1);
    assert!(lw.check_invariants().unwrap().is_empty());
}

/// A batch booked Monday 09:00–14:00 that has not started by Tuesday
/// 10:00: from now it ends Tue 15:00, ships Wed 4, arrives Fri 6 Mar
/// instead of Thu 5 Mar. A batch started in time is not late.
#[test]
fn a_batch_not_started_on_time_makes_its_order_late() {
    let s = shop("2026-03-02T09:00:00Z", &[]);
    let lw = &s.lw;
    stock_materials(lw);
    let late = place(lw, vec![line("CANDLE", "12 pcs", None)]);
    let mo = lw.confirm_order(&late).unwrap().mos[0].clone();
    assert_eq!(
        lw.order(&late).unwrap().lines[0].promised_date,
        Some(day("2026-03-05"))
    );
    s.clock.set(at("2026-03-03T10:00:00Z"));
    let check = lw.check_delays().unwrap();
    assert_eq!(check.newly_delayed, vec![late.clone()]);
    let delay = lw.order(&late).unwrap().delay.unwrap();
    assert_eq!(delay.lines[0].projected_date, day("2026-03-06"));
    assert!(
        delay.lines[0]
            .reason
            .starts_with("promised Thu 5 Mar, now Fri 6 Mar: MO-000001 has not started (booked to start Mon 2 Mar)"),
        "{}",
        delay.lines[0].reason
    );
    // Started now: a started batch ends as booked or, past that, no
    // earlier than now — Tue 10:00, which still ships Wed: late, and no
    // second event.
    lw.start_mo(&mo).unwrap();
    assert_eq!(lw.check_delays().unwrap().still_delayed, vec![late.clone()]);
    lw.complete_mo(&mo, Completion::default()).unwrap();
    assert_eq!(delay_events(lw), 1);
    assert!(lw.check_invariants().unwrap().is_empty());
}

/// Without work centers nothing is projected: the check is a no-op.
#[test]
fn nothing_to_check_without_planning() {
    let (lw, _clock) = common::engine();
    let check = lw.check_delays().unwrap();
    assert_eq!(check, DelayCheck::default());
}

/// Confirmed Monday 11:00: poured 11:00–16:00, ships Tue 3, arrives Thu 5
/// Mar. At 12:00 it has not started: from now it ends Tue 09:00 (240 min
/// Mon + 60 Tue), ships Wed 4, arrives Fri 6 — late. Started at 12:00 it
/// is projected to end as booked (Mon 16:00): back on time, the mark goes.
#[test]
fn a_late_order_back_on_time_loses_its_mark() {
    let s = shop("2026-03-02T11:00:00Z", &[]);
    let lw = &s.lw;
    stock_materials(lw);
    let id = place(lw, vec![line("CANDLE", "12 pcs", None)]);
    let mo = lw.confirm_order(&id).unwrap().mos[0].clone();
    assert_eq!(
        lw.order(&id).unwrap().lines[0].promised_date,
        Some(day("2026-03-05"))
    );
    s.clock.set(at("2026-03-02T12:00:00Z"));
    assert_eq!(lw.check_delays().unwrap().newly_delayed, vec![id.clone()]);
    let late = lw.order(&id).unwrap().delay.unwrap();
    assert_eq!(late.lines[0].projected_date, day("2026-03-06"));
    lw.start_mo(&mo).unwrap();
    let check = lw.check_delays().unwrap();
    assert_eq!(check.cleared, vec![id.clone()]);
    assert_eq!(lw.order(&id).unwrap().delay, None);
    assert!(delayed_ids(lw).is_empty());
    assert_eq!(delay_events(lw), 1);
}

/// An `order_delayed` rule acts when `check_delays` first finds the order
/// late (tags it, tells a notifier), once: the same setup as above, on
/// Thursday 13:00 without the wax.
#[test]
fn an_order_delayed_rule_tags_the_late_order_once() {
    let s = shop("2026-03-02T09:00:00Z", &[]);
    let lw = &s.lw;
    receive(lw, "JAR", "200 pcs");
    lw.define_rule(Rule {
        code: "LATE".into(),
        name: "Tag and announce late orders".into(),
        priority: 0,
        trigger: Trigger::OrderDelayed,
        conditions: vec![],
        actions: vec![
            Action::AddTag { tag: "late".into() },
            Action::Alert {
                message: "write to the customer".into(),
            },
        ],
        enabled: true,
    })
    .unwrap();
    let id = place(lw, vec![line("CANDLE", "12 pcs", None)]);
    lw.confirm_order(&id).unwrap();
    s.clock.set(at("2026-03-05T13:00:00Z"));
    assert_eq!(lw.check_delays().unwrap().newly_delayed, vec![id.clone()]);
    assert_eq!(lw.order(&id).unwrap().tags, vec!["late".to_string()]);
    lw.check_delays().unwrap();
    let alerts: Vec<String> = lw
        .events_after(0, 1000)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind() == "alert_raised")
        .map(|e| e.subject)
        .collect();
    assert_eq!(alerts, vec![id]);
}
