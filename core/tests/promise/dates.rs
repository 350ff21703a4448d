//! Promised dates computed by hand: from stock, across a weekend and a
//! holiday, around bookings already made, after a supplier, two levels deep.

use super::*;

#[test]
fn from_stock_ships_after_handling_days() {
    let s = shop("2026-03-02T09:00:00Z", &[]);
    receive(&s.lw, "CANDLE", "10 pcs");
    let p = draft(&s.lw, "CANDLE", "3 pcs");
    let l = &p.lines[0];
    assert_eq!(l.basis, Basis::Stock);
    assert_eq!(l.ready_at, at("2026-03-02T09:00:00Z"));
    assert_eq!(l.ship_date, day("2026-03-03"));
    assert_eq!(l.promised_date, day("2026-03-05"));
    assert_eq!(
        l.explanation,
        "ships Tue 3 Mar, arrives Thu 5 Mar: in stock"
    );
    assert_eq!(p.promised_date, day("2026-03-05"));
    assert!(l.operations.is_empty());
}

#[test]
fn production_across_a_weekend_and_a_holiday() {
    // Friday 13:00, Monday 9 March is a holiday: 180 min on Friday, the
    // other 120 on Tuesday 08:00–10:00. Ships Wed 11, arrives Fri 13.
    let s = shop("2026-03-06T13:00:00Z", &["2026-03-09"]);
    stock_materials(&s.lw);
    let p =
        s.lw.promise_lines(
            &[line("CANDLE", "12 pcs", Some("2026-03-12"))],
            &PromiseOptions::default(),
        )
        .unwrap();
    let l = &p.lines[0];
    assert_eq!(l.ready_at, at("2026-03-10T10:00:00Z"));
    assert_eq!(l.ship_date, day("2026-03-11"));
    assert_eq!(l.promised_date, day("2026-03-13"));
    assert_eq!(l.on_time, Some(false));
    assert_eq!(
        l.basis,
        production(
            "POUR",
            "2026-03-06T13:00:00Z",
            "2026-03-10T10:00:00Z",
            false
        )
    );
    assert_eq!(l.operations.len(), 1);
    assert_eq!(l.operations[0].minutes, 300);
    assert!(
        l.explanation.starts_with(
            "ships Wed 11 Mar, arrives Fri 13 Mar (1 day after the requested Thu 12 Mar): made on pouring line Fri 6 Mar to Tue 10 Mar"
        ),
        "{}",
        l.explanation
    );

    // Confirming books exactly that and promises the same date.
    let id = place(&s.lw, vec![line("CANDLE", "12 pcs", Some("2026-03-12"))]);
    assert_eq!(
        s.lw.promise(&id, &PromiseOptions::default()).unwrap().lines,
        p.lines
    );
    let report = s.lw.confirm_order(&id).unwrap();
    assert_eq!(report.mos, vec!["MO-000001".to_string()]);
    assert_eq!(
        s.lw.order(&id).unwrap().lines[0].promised_date,
        Some(day("2026-03-13"))
    );
    let rows =
        s.lw.schedule(at("2026-03-06T00:00:00Z"), at("2026-03-14T00:00:00Z"))
            .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (
            rows[0].mo.as_str(),
            rows[0].work_center.as_str(),
            rows[0].start,
            rows[0].end,
            rows[0].minutes
        ),
        (
            "MO-000001",
            "POUR",
            at("2026-03-06T13:00:00Z"),
            at("2026-03-10T10:00:00Z"),
            300
        )
    );
    // The confirmed order's promise counts the booked batch.
    let again = s.lw.promise(&id, &PromiseOptions::default()).unwrap();
    assert_eq!(again.promised_date, day("2026-03-13"));
    assert_eq!(
        again.lines[0].supplies[0].source,
        Source::Mo {
            mo: "MO-000001".into()
        }
    );
}

#[test]
fn capacity_already_partly_booked() {
    let s = shop("2026-03-06T13:00:00Z", &["2026-03-09"]);
    stock_materials(&s.lw);
    let first = place(&s.lw, vec![line("CANDLE", "12 pcs", None)]);
    s.lw.confirm_order(&first).unwrap(); // POUR: Fri 13:00 – Tue 10 10:00

    // 24 candles = 540 min: Tue 10:00–16:00 (360) and Wed 08:00–11:00 (180).
    let p = draft(&s.lw, "CANDLE", "24 pcs");
    let l = &p.lines[0];
    assert_eq!(
        l.basis,
        production("POUR", "2026-03-10T10:00:00Z", "2026-03-11T11:00:00Z", true)
    );
    assert_eq!(l.ready_at, at("2026-03-11T11:00:00Z"));
    assert_eq!(l.ship_date, day("2026-03-12"));
    assert_eq!(l.promised_date, day("2026-03-14"));
    assert_eq!(
        l.explanation,
        "ships Thu 12 Mar, arrives Sat 14 Mar: pouring line is free Tue 10 Mar"
    );

    // Cancelling the first batch frees its slot: Fri 13:00–16:00 then
    // Tue 08:00–14:00, ready Tuesday, arrives Friday.
    s.lw.cancel_mo("MO-000001").unwrap();
    assert_eq!(s.lw.booking("MO-000001").unwrap(), None);
    let p = draft(&s.lw, "CANDLE", "24 pcs");
    assert_eq!(
        p.lines[0].basis,
        production(
            "POUR",
            "2026-03-06T13:00:00Z",
            "2026-03-10T14:00:00Z",
            false
        )
    );
    assert_eq!(p.promised_date, day("2026-03-13"));
}

#[test]
fn waiting_for_a_supplier_then_a_busy_line() {
    let s = shop("2026-03-02T09:00:00Z", &[]);
    receive(&s.lw, "JAR", "100 pcs");
    s.lw.define_supplier(
        NewSupplier::new("WAXCO", "Wax Co", 14).supplying(NewSupplierItem::new("WAX")),
    )
    .unwrap();

    // No wax and no purchase order: the supplier's 14 days decide.
    let p = draft(&s.lw, "CANDLE", "12 pcs");
    assert_eq!(
        p.lines[0].basis,
        Basis::Supplier {
            sku: "WAX".into(),
            until: day("2026-03-16"),
            source: Source::LeadTime { days: 14 }
        }
    );
    assert_eq!(p.lines[0].ready_at, at("2026-03-16T13:00:00Z"));

    // A sent purchase order due Monday 9 March.
    let po =
        s.lw.create_po(NewPurchaseOrder {
            supplier: "WAXCO".into(),
            lines: vec![NewPoLine {
                sku: "WAX".into(),
                qty: "10 kg".parse().unwrap(),
                unit_cost: None,
            }],
            expected_date: Some(day("2026-03-09")),
            notes: None,
        })
        .unwrap();
    s.lw.send_po(&po.id).unwrap();
    let p = draft(&s.lw, "CANDLE", "12 pcs");
    let l = &p.lines[0];
    assert_eq!(
        l.basis,
        Basis::Supplier {
            sku: "WAX".into(),
            until: day("2026-03-09"),
            source: Source::PurchaseOrder {
                reference: Some(po.id.clone())
            }
        }
    );
    // Poured Mon 9 08:00–13:00, ships Tue 10, arrives Thu 12.
    assert_eq!(l.ready_at, at("2026-03-09T13:00:00Z"));
    assert_eq!(l.promised_date, day("2026-03-12"));
    assert!(l
        .explanation
        .contains("waiting for Soy wax from the supplier until Mon 9 Mar"));

    // Another product fills the pouring line all Monday 9 March: its wick
    // comes after a 7-day lead time and it takes a whole day to pour.
    let mut wick = NewItem::new("WICK", "Cotton wick", ItemKind::Material, Uom::Pcs);
    wick.lead_time_days = Some(7);
    s.lw.define_item(wick).unwrap();
    s.lw.define_item(NewItem::new(
        "PILLAR",
        "Pillar candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    s.lw.define_recipe(NewRecipe {
        product: "PILLAR".into(),
        batch_size: "1 pcs".parse().unwrap(),
        inputs: vec![input("WICK", "1 pcs")],
        yield_pct: None,
        operations: vec![op("POUR", 480, 0)],
    })
    .unwrap();
    let pillar = place(&s.lw, vec![line("PILLAR", "1 pcs", None)]);
    s.lw.confirm_order(&pillar).unwrap();
    let booked = s.lw.booking("MO-000001").unwrap().unwrap();
    assert_eq!(booked.operations[0].start, at("2026-03-09T08:00:00Z"));
    assert_eq!(
        booked.basis,
        Basis::Supplier {
            sku: "WICK".into(),
            until: day("2026-03-09"),
            source: Source::LeadTime { days: 7 }
        }
    );

    // Now the wax arrives Monday but the line is free only on Tuesday.
    let p = draft(&s.lw, "CANDLE", "12 pcs");
    let l = &p.lines[0];
    assert_eq!(
        l.basis,
        production("POUR", "2026-03-10T08:00:00Z", "2026-03-10T13:00:00Z", true)
    );
    assert_eq!(l.promised_date, day("2026-03-13"));
    assert_eq!(
        l.explanation,
        "ships Wed 11 Mar, arrives Fri 13 Mar: Soy wax arrives Mon 9 Mar, pouring line is free Tue 10 Mar"
    );
}

#[test]
fn extra_incoming_supply_counts_like_a_purchase_order() {
    let s = shop("2026-03-02T09:00:00Z", &[]);
    receive(&s.lw, "JAR", "100 pcs");
    let options = PromiseOptions {
        shipping_method: None,
        incoming: vec![IncomingSupply {
            sku: "WAX".into(),
            qty: Decimal::from(5000),
            expected: day("2026-03-04"),
            reference: Some("EXT-7".into()),
        }],
    };
    let p =
        s.lw.promise_lines(&[line("CANDLE", "12 pcs", None)], &options)
            .unwrap();
    // Poured Wed 4 08:00–13:00, ships Thu 5, arrives Sat 7.
    assert_eq!(p.lines[0].ready_at, at("2026-03-04T13:00:00Z"));
    assert_eq!(p.promised_date, day("2026-03-07"));
    assert!(p.explanation.contains("on EXT-7"), "{}", p.explanation);
}

/// A two-level shop: candles poured from a fragrance blend mixed in the kettle.
fn two_level(s: &Shop) {
    let lw = &s.lw;
    lw.define_item(NewItem::new(
        "OIL",
        "Lavender oil",
        ItemKind::Material,
        Uom::Ml,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "BLEND",
        "Scented wax",
        ItemKind::Product,
        Uom::Kg,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "JARC",
        "Blend candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: "BLEND".into(),
        batch_size: "2.4 kg".parse().unwrap(),
        inputs: vec![input("WAX", "2.3 kg"), input("OIL", "100 ml")],
        yield_pct: None,
        operations: vec![op("MIX", 120, 0)],
    })
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: "JARC".into(),
        batch_size: "12 pcs".parse().unwrap(),
        inputs: vec![input("BLEND", "2.4 kg"), input("JAR", "12 pcs")],
        yield_pct: None,
        operations: vec![op("POUR", 60, 20)],
    })
    .unwrap();
    stock_materials(lw);
    receive(lw, "OIL", "1 l");
}

#[test]
fn two_level_recipe_mixes_then_pours() {
    let s = shop("2026-03-02T09:00:00Z", &[]);
    two_level(&s);
    // Mix Mon 09:00–11:00, pour Mon 11:00–16:00, ships Tue 3, arrives Thu 5.
    let p = draft(&s.lw, "JARC", "12 pcs");
    let l = &p.lines[0];
    let ops: Vec<(&str, &str, DateTime<Utc>, DateTime<Utc>)> = l
        .operations
        .iter()
        .map(|o| (o.job.as_str(), o.work_center.as_str(), o.start, o.end))
        .collect();
    assert_eq!(
        ops,
        vec![
            (
                "new-2",
                "MIX",
                at("2026-03-02T09:00:00Z"),
                at("2026-03-02T11:00:00Z")
            ),
            (
                "new-1",
                "POUR",
                at("2026-03-02T11:00:00Z"),
                at("2026-03-02T16:00:00Z")
            ),
        ]
    );
    assert_eq!(
        l.basis,
        production(
            "POUR",
            "2026-03-02T11:00:00Z",
            "2026-03-02T16:00:00Z",
            false
        )
    );
    assert_eq!(l.promised_date, day("2026-03-05"));

    let id = place(&s.lw, vec![line("JARC", "12 pcs", None)]);
    s.lw.confirm_order(&id).unwrap();
    assert_eq!(
        s.lw.order(&id).unwrap().lines[0].promised_date,
        Some(day("2026-03-05"))
    );
    let rows: Vec<(String, String, DateTime<Utc>, DateTime<Utc>)> =
        s.lw.schedule(at("2026-03-01T00:00:00Z"), at("2026-03-31T00:00:00Z"))
            .unwrap()
            .into_iter()
            .map(|r| (r.mo, r.work_center, r.start, r.end))
            .collect();
    assert_eq!(
        rows,
        vec![
            (
                "MO-000002".into(),
                "MIX".into(),
                at("2026-03-02T09:00:00Z"),
                at("2026-03-02T11:00:00Z")
            ),
            (
                "MO-000001".into(),
                "POUR".into(),
                at("2026-03-02T11:00:00Z"),
                at("2026-03-02T16:00:00Z")
            ),
        ]
    );
    assert_eq!(
        s.lw.mo("MO-000002").unwrap().parent_mo.as_deref(),
        Some("MO-000001")
    );

    // A second batch mixes right after the first (11:00–13:00) but the
    // pouring line is busy until Monday 16:00: poured Tue 08:00–13:00,
    // ships Wed 4, arrives Fri 6.
    let p = draft(&s.lw, "JARC", "12 pcs");
    let l = &p.lines[0];
    assert_eq!(l.operations[0].start, at("2026-03-02T11:00:00Z"));
    assert_eq!(
        l.basis,
        production("POUR", "2026-03-03T08:00:00Z", "2026-03-03T13:00:00Z", true)
    );
    assert_eq!(l.promised_date, day("2026-03-06"));
    assert_eq!(
        l.explanation,
        "ships Wed 4 Mar, arrives Fri 6 Mar: Scented wax is made by Mon 2 Mar, pouring line is free Tue 3 Mar"
    );
    assert!(l
        .supplies
        .iter()
        .any(|p| p.sku == "BLEND" && matches!(p.source, Source::NewBatch { .. })));
}
