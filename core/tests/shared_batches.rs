//! Intermediate batches shared between the batches that consume them.
//!
//! A soap maker's bars (batch of 24) use 2.7 kg of soap base, made in
//! batches of 10 kg from 10 kg of olive oil. Three orders of 24 bars need
//! 3 × 2.7 = 8.1 kg of base: one base batch, not three.

mod common;

use std::sync::Arc;

use common::*;
use lotwise::*;

const OIL: &str = "OIL-OLIVE";
const BASE: &str = "SOAP-BASE";
const BAR: &str = "BAR-LAV";
const WRAP: &str = "WRAP";

fn soap_shop(lw: &Lotwise) {
    lw.define_item(NewItem::new(OIL, "Olive oil", ItemKind::Material, Uom::Kg))
        .unwrap();
    lw.define_item(NewItem::new(
        WRAP,
        "Paper wrap",
        ItemKind::Packaging,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_item(NewItem::new(BASE, "Soap base", ItemKind::Material, Uom::Kg))
        .unwrap();
    lw.define_item(NewItem::new(
        BAR,
        "Lavender bar",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: BASE.into(),
        batch_size: qty("10 kg"),
        inputs: vec![exact_input(OIL, "10 kg")],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: BAR.into(),
        batch_size: qty("24 pcs"),
        inputs: vec![exact_input(BASE, "2.7 kg"), exact_input(WRAP, "24 pcs")],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    lw.receive(receipt(OIL, "40 kg", Some("OIL-1"), None))
        .unwrap();
    lw.receive(receipt(WRAP, "500 pcs", Some("WRAP-1"), None))
        .unwrap();
}

fn shop() -> (Lotwise, Arc<FixedClock>) {
    let (lw, clock) = engine();
    soap_shop(&lw);
    (lw, clock)
}

fn bars(lw: &Lotwise, customer: &str) -> AcceptedOrder {
    lw.place_and_confirm_order(new_order(
        "manual",
        None,
        customer,
        vec![line(BAR, "24 pcs")],
    ))
    .unwrap()
}

fn batches_of(lw: &Lotwise, product: &str) -> Vec<ManufacturingOrder> {
    lw.mos()
        .unwrap()
        .into_iter()
        .filter(|m| m.product == product)
        .collect()
}

fn reserved(lw: &Lotwise, sku: &str) -> Decimal {
    lw.reservations()
        .unwrap()
        .iter()
        .filter(|r| r.sku == sku)
        .map(|r| r.qty)
        .sum()
}

fn feeds(mo: &ManufacturingOrder) -> Vec<(String, Decimal, Decimal)> {
    mo.feeds
        .iter()
        .map(|f| (f.mo.clone(), f.qty, f.delivered))
        .collect()
}

fn f(mo: &str, q: &str, delivered: &str) -> (String, Decimal, Decimal) {
    (mo.into(), dec(q), dec(delivered))
}

#[test]
fn three_orders_of_24_bars_plan_one_base_batch() {
    let (lw, _) = shop();
    for who in ["Ada", "Grace", "Linus"] {
        bars(&lw, who);
    }
    // MO-1 bars for Ada and MO-2 the base it needed; Grace's MO-3 and
    // Linus's MO-4 join MO-2: 3 × 2700 g = 8100 g of its 10000 g.
    let base = batches_of(&lw, BASE);
    assert_eq!(base.len(), 1, "one base batch: {base:#?}");
    assert_eq!(base[0].id, "MO-000002");
    assert_eq!(base[0].qty, dec("10000"));
    assert_eq!(
        feeds(&base[0]),
        vec![
            f("MO-000001", "2700", "0"),
            f("MO-000003", "2700", "0"),
            f("MO-000004", "2700", "0"),
        ]
    );
    assert_eq!(base[0].unallocated(), dec("1900"));
    assert_eq!(batches_of(&lw, BAR).len(), 3);
    for bar in batches_of(&lw, BAR) {
        assert_eq!(bar.fed_by, vec!["MO-000002".to_string()], "{}", bar.id);
        assert_eq!(bar.status, MoStatus::AwaitingMaterials);
    }
    // One batch of oil reserved: 10 kg, not 30.
    assert_eq!(reserved(&lw, OIL), dec("10000"));
    assert_invariants(&lw);
}

#[test]
fn the_confirm_report_lists_the_joined_base_batch_and_what_the_line_waits_for() {
    let (lw, _) = shop();
    let first = bars(&lw, "Ada").confirmed.unwrap();
    // Ada's confirm created both batches.
    let made: Vec<(&str, bool, &str, Decimal)> = first
        .batches
        .iter()
        .map(|b| (b.mo.as_str(), b.created, b.serves.as_str(), b.share))
        .collect();
    assert_eq!(
        made,
        vec![
            ("MO-000001", true, "SO-000001/1", dec("24")),
            ("MO-000002", true, "MO-000001", dec("2700")),
        ]
    );
    let second = bars(&lw, "Grace").confirmed.unwrap();
    assert_eq!(second.status, OrderStatus::AwaitingMaterials);
    assert_eq!(second.mos, vec!["MO-000003".to_string()]);
    assert!(second.shortages.is_empty(), "{:?}", second.shortages);
    let made: Vec<(&str, bool, &str, Decimal)> = second
        .batches
        .iter()
        .map(|b| (b.mo.as_str(), b.created, b.serves.as_str(), b.share))
        .collect();
    // Grace's bars are new; the base batch is Ada's, joined for 2.7 kg.
    assert_eq!(
        made,
        vec![
            ("MO-000003", true, "SO-000002/1", dec("24")),
            ("MO-000002", false, "MO-000003", dec("2700")),
        ]
    );
    assert_eq!(second.waits.len(), 1);
    let wait = &second.waits[0];
    assert_eq!(wait.line, 1);
    assert_eq!(
        wait.waits_for,
        vec![
            Wait::Batch {
                mo: "MO-000003".into(),
                product: BAR.into(),
                status: MoStatus::AwaitingMaterials,
                ready_at: None,
                reason: None,
            },
            Wait::Batch {
                mo: "MO-000002".into(),
                product: BASE.into(),
                status: MoStatus::MaterialsReserved,
                ready_at: None,
                reason: None,
            },
        ]
    );
    assert_eq!(
        wait.summary,
        "line 1 (24 pcs Lavender bar) waits: MO-000003 (24 pcs Lavender bar, awaiting materials); \
         MO-000002 (10 kg Soap base, materials reserved)"
    );
}

#[test]
fn a_missing_material_is_named_with_its_shortage() {
    let (lw, _) = engine();
    soap_shop(&lw);
    // Take away all but 4 kg of the oil: the base batch is 6 kg short.
    lw.adjust_stock(Adjustment {
        sku: OIL.into(),
        lot: "OIL-1".into(),
        location: None,
        delta: qty("-36 kg"),
        reason: "spilled".into(),
    })
    .unwrap();
    let report = bars(&lw, "Ada").confirmed.unwrap();
    let wait = &report.waits[0];
    assert!(wait.waits_for.contains(&Wait::Material {
        sku: OIL.into(),
        missing: dec("6000"),
        needed_for: "MO-000002".into(),
    }));
    assert!(
        wait.summary
            .ends_with("Olive oil short by 6 kg for MO-000002"),
        "{}",
        wait.summary
    );
}

#[test]
fn a_fourth_order_takes_the_rest_of_the_batch_and_one_more() {
    let (lw, _) = shop();
    for who in ["Ada", "Grace", "Linus", "Mary"] {
        bars(&lw, who);
    }
    // Mary's MO-5 needs 2700 g: 1900 g left in MO-2, 800 g from a new
    // 10 kg batch MO-6 (9200 g of it free for later bars).
    let bar = lw.mo("MO-000005").unwrap();
    assert_eq!(
        bar.fed_by,
        vec!["MO-000002".to_string(), "MO-000006".to_string()]
    );
    let base = batches_of(&lw, BASE);
    assert_eq!(base.len(), 2);
    assert_eq!(base[0].unallocated(), dec("0"));
    assert_eq!(feeds(&base[1]), vec![f("MO-000005", "800", "0")]);
    assert_eq!(base[1].unallocated(), dec("9200"));
    assert_eq!(reserved(&lw, OIL), dec("20000"));
    assert_invariants(&lw);
}

#[test]
fn completing_the_base_delivers_to_every_bar_batch_it_feeds() {
    let (lw, _) = shop();
    for who in ["Ada", "Grace", "Linus", "Mary"] {
        bars(&lw, who);
    }
    lw.start_mo("MO-000002").unwrap();
    lw.complete_mo("MO-000002", Completion::default()).unwrap();
    // 2700 to each of MO-1, MO-3, MO-4; 1900 to MO-5 (it waits for 800
    // more from MO-6); nothing left over.
    for (mo, got) in [
        ("MO-000001", "2700"),
        ("MO-000003", "2700"),
        ("MO-000004", "2700"),
        ("MO-000005", "1900"),
    ] {
        let held: Decimal = lw
            .reservations()
            .unwrap()
            .iter()
            .filter(|r| r.sku == BASE && r.demand == Demand::MoInput { mo: mo.into() })
            .map(|r| r.qty)
            .sum();
        assert_eq!(held, dec(got), "{mo}");
    }
    assert_eq!(
        lw.mo("MO-000001").unwrap().status,
        MoStatus::MaterialsReserved
    );
    assert_eq!(
        lw.mo("MO-000005").unwrap().status,
        MoStatus::AwaitingMaterials
    );
    assert_eq!(
        feeds(&lw.mo("MO-000002").unwrap()),
        vec![
            f("MO-000001", "2700", "2700"),
            f("MO-000003", "2700", "2700"),
            f("MO-000004", "2700", "2700"),
            f("MO-000005", "1900", "1900"),
        ]
    );
    assert_eq!(lw.stock(BASE).unwrap().available, dec("0"));
    assert_invariants(&lw);
}

#[test]
fn a_cancelled_bar_batch_frees_its_share_for_the_next_order() {
    let (lw, _) = shop();
    for who in ["Ada", "Grace"] {
        bars(&lw, who);
    }
    lw.cancel_mo("MO-000003").unwrap();
    let base = lw.mo("MO-000002").unwrap();
    assert_eq!(
        feeds(&base),
        vec![f("MO-000001", "2700", "0"), f("MO-000003", "0", "0")]
    );
    assert_eq!(base.unallocated(), dec("7300"));
    // The next bars join MO-2 again: still one base batch.
    bars(&lw, "Linus");
    assert_eq!(batches_of(&lw, BASE).len(), 1);
    assert_eq!(lw.mo("MO-000002").unwrap().unallocated(), dec("4600"));
    assert_invariants(&lw);
}

#[test]
fn base_received_on_the_shelf_takes_over_from_the_planned_batch() {
    let (lw, _) = shop();
    bars(&lw, "Ada");
    // 2.7 kg of base turns up: Ada's bars take it, and the planned batch
    // no longer owes them anything (no demand covered twice).
    lw.receive(receipt(BASE, "2.7 kg", Some("BASE-OLD"), None))
        .unwrap();
    assert_eq!(
        lw.mo("MO-000001").unwrap().status,
        MoStatus::MaterialsReserved
    );
    let base = lw.mo("MO-000002").unwrap();
    assert_eq!(feeds(&base), vec![f("MO-000001", "0", "0")]);
    assert_eq!(base.unallocated(), dec("10000"));
    assert_invariants(&lw);
}

#[test]
fn a_short_base_batch_is_replanned_into_a_shared_one() {
    let (lw, _) = shop();
    for who in ["Ada", "Grace", "Linus"] {
        bars(&lw, who);
    }
    lw.start_mo("MO-000002").unwrap();
    lw.complete_mo(
        "MO-000002",
        Completion {
            good_qty: Some(qty("5 kg")),
            ..Completion::default()
        },
    )
    .unwrap();
    // 5000 g: 2700 to MO-1, 2300 to MO-3, none to MO-4.
    assert_eq!(
        feeds(&lw.mo("MO-000002").unwrap()),
        vec![
            f("MO-000001", "2700", "2700"),
            f("MO-000003", "2300", "2300"),
            f("MO-000004", "0", "0"),
        ]
    );
    // Re-planning Linus's order plans one new 10 kg batch for MO-4's
    // 2700 g; Grace's then takes its missing 400 g from that batch.
    lw.replan_order("SO-000003").unwrap();
    let report = lw.replan_order("SO-000002").unwrap();
    let base = batches_of(&lw, BASE);
    assert_eq!(base.len(), 2);
    assert_eq!(
        feeds(&base[1]),
        vec![f("MO-000004", "2700", "0"), f("MO-000003", "400", "0")]
    );
    assert!(report
        .batches
        .iter()
        .any(|b| b.mo == base[1].id && !b.created && b.share == dec("400")));
    assert_invariants(&lw);
}

#[test]
fn a_promise_shares_the_base_batch_as_confirming_does() {
    let (lw, _) = shop();
    lw.define_work_center(NewWorkCenter {
        code: "POUR".into(),
        name: "pouring table".into(),
        calendar: NewCalendar::mon_to_fri(Decimal::from(8)),
        capacity: 1,
    })
    .unwrap();
    bars(&lw, "Ada");
    // A draft for 24 more bars: base comes from Ada's batch (1900 g of it
    // is free), so no new base batch is planned.
    let promise = lw
        .promise_lines(&[line(BAR, "24 pcs")], &PromiseOptions::default())
        .unwrap();
    let base_parts: Vec<_> = promise.lines[0]
        .supplies
        .iter()
        .filter(|p| p.sku == BASE)
        .collect();
    assert_eq!(base_parts.len(), 1, "{base_parts:#?}");
    assert_eq!(base_parts[0].qty, dec("2700"));
    assert!(
        matches!(base_parts[0].source, Source::Mo { ref mo } if mo == "MO-000002"),
        "{:?}",
        base_parts[0].source
    );
}

#[test]
fn shared_batches_survive_a_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("soap.db");
    let url = path.to_str().unwrap();
    let clock = Arc::new(FixedClock::at(instant(T0)));
    {
        let lw = Lotwise::open_with_clock(url, clock.clone()).unwrap();
        soap_shop(&lw);
        bars(&lw, "Ada");
        bars(&lw, "Grace");
    }
    let lw = Lotwise::open_with_clock(url, clock).unwrap();
    bars(&lw, "Linus");
    let base = batches_of(&lw, BASE);
    assert_eq!(base.len(), 1);
    assert_eq!(base[0].unallocated(), dec("1900"));
    assert_eq!(
        lw.mo("MO-000004").unwrap().fed_by,
        vec!["MO-000002".to_string()]
    );
    assert_invariants(&lw);
}
