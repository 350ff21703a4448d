//! Purchasing and make-to-stock: suppliers, purchase orders received into
//! lots, purchase suggestions from confirmed shortages and reorder points,
//! and stock manufacturing orders.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use lotwise::*;
use proptest::prelude::*;
use rust_decimal_macros::dec;

fn q(text: &str) -> Qty {
    text.parse().unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// A candle maker on Monday 2 March 2026: wax (kg), jars (pcs), candles made
/// in batches of 12 from 2.4 kg wax and 12 jars, and matches bought for resale.
fn shop() -> Lotwise {
    let clock = Arc::new(FixedClock::at("2026-03-02T09:00:00Z".parse().unwrap()));
    let lw = Lotwise::in_memory_with_clock(clock);
    lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))
        .unwrap();
    let mut jar = NewItem::new("JAR", "Amber jar", ItemKind::Packaging, Uom::Pcs);
    jar.reorder_point = Some(q("50 pcs"));
    jar.reorder_qty = Some(q("100 pcs"));
    lw.define_item(jar).unwrap();
    lw.define_item(NewItem::new(
        "CANDLE",
        "Lavender candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    let mut matches = NewItem::new("MATCHES", "Matchbox", ItemKind::Product, Uom::Pcs);
    matches.lead_time_days = Some(9);
    lw.define_item(matches).unwrap();
    lw.define_recipe(NewRecipe {
        product: "CANDLE".into(),
        batch_size: q("12 pcs"),
        inputs: vec![
            NewRecipeInput {
                sku: "WAX".into(),
                qty: q("2.4 kg"),
                scrap_pct: 0.into(),
            },
            NewRecipeInput {
                sku: "JAR".into(),
                qty: q("12 pcs"),
                scrap_pct: 0.into(),
            },
        ],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    let mut wax = NewSupplierItem::new("WAX");
    wax.min_order_qty = Some(q("10 kg"));
    wax.supplier_sku = Some("SOY-464".into());
    lw.define_supplier(NewSupplier::new("CS", "CandleScience", 5).supplying(wax))
        .unwrap();
    lw.define_supplier(
        NewSupplier::new("JARCO", "Jar Co", 3).supplying(NewSupplierItem::new("JAR")),
    )
    .unwrap();
    lw
}

fn order(lw: &Lotwise, sku: &str, qty: &str) -> String {
    let placed = lw
        .place_order(NewOrder {
            channel: "manual".into(),
            external_ref: None,
            customer: Customer {
                name: "Ada".into(),
                email: None,
                ..Default::default()
            },
            ship_to: None,
            lines: vec![NewOrderLine {
                sku: sku.into(),
                qty: q(qty),
                unit_price: None,
                requested_date: None,
                lot: None,
                min_remaining_shelf_life_days: None,
            }],
            tags: vec![],
            notes: None,
        })
        .unwrap();
    placed.order.id
}

fn po(lw: &Lotwise, supplier: &str, sku: &str, qty: &str) -> PurchaseOrder {
    lw.create_po(NewPurchaseOrder {
        supplier: supplier.into(),
        lines: vec![NewPoLine {
            sku: sku.into(),
            qty: q(qty),
            unit_cost: None,
        }],
        expected_date: None,
        notes: None,
    })
    .unwrap()
}

#[test]
fn purchase_order_lifecycle_creates_lots_with_expiry_and_supplier_ref() {
    let lw = shop();
    let p = po(&lw, "CS", "WAX", "20 kg");
    assert_eq!((p.id.as_str(), p.status), ("PO-000001", PoStatus::Draft));
    assert_eq!(p.expected_date, day(3, 7), "today + 5 days of lead time");
    assert_eq!(p.lines[0].qty, dec!(20000));

    let before = lw.snapshot().unwrap();
    let e = lw
        .receive_po(&p.id, vec![PoReceiptLine::new(1, q("1 kg"))])
        .unwrap_err();
    assert_eq!(
        (e.code(), e.fields()["from"].as_str()),
        ("invalid_transition", Some("draft"))
    );
    assert_eq!(lw.snapshot().unwrap(), before);

    assert_eq!(lw.send_po(&p.id).unwrap().status, PoStatus::Sent);
    let mut first = PoReceiptLine::new(1, q("8 kg"));
    first.lot = Some("WX-0042".into());
    first.expiry = Some(day(9, 30));
    first.supplier_lot_ref = Some("CS-778".into());
    let got = lw.receive_po(&p.id, vec![first]).unwrap();
    assert_eq!(got.po.status, PoStatus::PartiallyReceived);
    assert_eq!(got.po.lines[0].received, dec!(8000));
    let lot = lw.lot("WX-0042").unwrap();
    assert_eq!(lot.supplier_lot_ref.as_deref(), Some("CS-778"));
    assert_eq!(lot.expiry, Some(day(9, 30)));
    assert_eq!(lw.stock("WAX").unwrap().available, dec!(8000));
    let m = lw.movements().unwrap().pop().unwrap();
    assert_eq!(
        (m.from.as_str(), m.to.as_str(), m.reason, m.doc.as_deref()),
        (
            "SUPPLIER",
            "MAIN",
            MovementReason::Receipt,
            Some("PO-000001")
        )
    );

    let before = lw.snapshot().unwrap();
    let e = lw
        .receive_po(&p.id, vec![PoReceiptLine::new(1, q("12.5 kg"))])
        .unwrap_err();
    assert_eq!(e.code(), "invalid_quantity", "over-receipt is refused");
    let e = lw
        .receive_po(&p.id, vec![PoReceiptLine::new(2, q("1 kg"))])
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input", "no line 2");
    assert_eq!(lw.snapshot().unwrap(), before);

    let done = lw
        .receive_po(&p.id, vec![PoReceiptLine::new(1, q("12 kg"))])
        .unwrap();
    assert_eq!(done.po.status, PoStatus::Received);
    assert!(done.po.closed_at.is_some());
    assert_eq!(done.po.lines[0].receipts.len(), 2);
    assert_eq!(done.lots[0].code, "WAX-R0001", "generated lot code");
    assert_eq!(lw.stock("WAX").unwrap().on_hand, dec!(20000));
    assert_eq!(
        lw.cancel_po(&p.id).unwrap_err().code(),
        "invalid_transition"
    );
    assert!(lw.open_po_lines().unwrap().is_empty());

    let kinds: Vec<String> = lw
        .events_after(0, 1000)
        .unwrap()
        .into_iter()
        .map(|e| e.kind().to_string())
        .collect();
    for k in [
        "po_created",
        "po_status_changed",
        "po_received",
        "stock_received",
    ] {
        assert!(kinds.iter().any(|x| x == k), "missing event {k}");
    }
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn negative_lead_times_are_typed_errors_and_change_nothing() {
    let lw = shop();
    let before = lw.snapshot().unwrap();
    let e = lw
        .define_supplier(NewSupplier::new("BAD", "Bad", -1))
        .unwrap_err();
    assert_eq!(e.code(), "negative_lead_time");
    assert_eq!(e.fields()["days"], -1);
    let mut item = NewSupplierItem::new("WAX");
    item.lead_time_days = Some(-7);
    let e = lw
        .define_supplier(NewSupplier::new("BAD", "Bad", 2).supplying(item))
        .unwrap_err();
    assert_eq!(
        e,
        Error::NegativeLeadTime {
            supplier: "BAD".into(),
            sku: Some("WAX".into()),
            days: -7
        }
    );
    let e = lw
        .define_supplier(NewSupplier::new("BAD", "Bad", 2).supplying(NewSupplierItem::new("NOPE")))
        .unwrap_err();
    assert_eq!(e.code(), "unknown_sku");
    assert_eq!(lw.snapshot().unwrap(), before);
    assert_eq!(lw.supplier("BAD").unwrap_err().code(), "unknown_supplier");
}

#[test]
fn purchase_orders_only_for_supplied_items_and_known_suppliers() {
    let lw = shop();
    let before = lw.snapshot().unwrap();
    let bad = NewPurchaseOrder {
        supplier: "CS".into(),
        lines: vec![NewPoLine {
            sku: "JAR".into(),
            qty: q("5 pcs"),
            unit_cost: None,
        }],
        expected_date: None,
        notes: None,
    };
    assert_eq!(
        lw.create_po(bad.clone()).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        lw.create_po(NewPurchaseOrder {
            supplier: "NOPE".into(),
            ..bad
        })
        .unwrap_err()
        .code(),
        "unknown_supplier"
    );
    assert_eq!(
        lw.purchase_order("PO-000009").unwrap_err().code(),
        "unknown_purchase_order"
    );
    assert_eq!(lw.snapshot().unwrap(), before);
}

#[test]
fn receiving_a_po_serves_the_waiting_manufacturing_order() {
    let lw = shop();
    lw.receive(Receipt::new("JAR", q("12 pcs"))).unwrap();
    let so = order(&lw, "CANDLE", "12 pcs");
    let report = lw.confirm_order(&so).unwrap();
    assert_eq!(report.status, OrderStatus::AwaitingMaterials);
    let p = po(&lw, "CS", "WAX", "10 kg");
    lw.send_po(&p.id).unwrap();
    lw.receive_po(&p.id, vec![PoReceiptLine::new(1, q("10 kg"))])
        .unwrap();
    assert_eq!(
        lw.mo(&report.mos[0]).unwrap().status,
        MoStatus::MaterialsReserved
    );
    assert_eq!(
        lw.order(&so).unwrap().status,
        OrderStatus::MaterialsReserved
    );
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn suggestions_net_shortages_against_stock_and_open_pos_then_round_to_moq() {
    let lw = shop();
    lw.receive(Receipt::new("WAX", q("1 kg"))).unwrap();
    let so1 = order(&lw, "CANDLE", "20 pcs"); // one MO of 24: 4.8 kg wax, 24 jars
    let report = lw.confirm_order(&so1).unwrap();
    let mo = report.mos[0].clone();
    let so2 = order(&lw, "MATCHES", "5 pcs"); // bought for resale, none in stock
    lw.confirm_order(&so2).unwrap();
    let draft = po(&lw, "CS", "WAX", "1 kg"); // a draft counts as planned supply

    let plan = lw.purchase_suggestions().unwrap();
    let needs: Vec<(&str, &str, Decimal, Decimal)> = plan
        .needs
        .iter()
        .map(|n| {
            (
                n.sku.as_str(),
                n.needed_for.as_str(),
                n.from_open_pos,
                n.to_buy,
            )
        })
        .collect();
    let so2_line = format!("{so2}/1");
    assert_eq!(
        needs,
        vec![
            ("JAR", mo.as_str(), dec!(0), dec!(24)),
            ("MATCHES", so2_line.as_str(), dec!(0), dec!(5)),
            ("WAX", mo.as_str(), dec!(1000), dec!(2800)),
        ]
    );
    let by_sku: BTreeMap<&str, &PurchaseSuggestion> = plan
        .suggestions
        .iter()
        .map(|s| (s.sku.as_str(), s))
        .collect();
    let wax = by_sku["WAX"];
    assert_eq!(
        (wax.for_shortages, wax.rounding, wax.qty),
        (dec!(2800), dec!(7200), dec!(10000))
    );
    assert_eq!(
        (wax.supplier.as_deref(), wax.expected_date),
        (Some("CS"), Some(day(3, 7)))
    );
    let jar = by_sku["JAR"];
    // 24 short; the position after buying them is 0, under the point of 50: the reorder quantity of 100.
    assert_eq!(
        (jar.for_shortages, jar.for_reorder, jar.qty),
        (dec!(24), dec!(100), dec!(124))
    );
    assert_eq!(jar.expected_date, Some(day(3, 5)));
    let matches = by_sku["MATCHES"];
    assert_eq!(
        (
            matches.supplier.as_deref(),
            matches.lead_time_days,
            matches.qty
        ),
        (None, Some(9), dec!(5))
    );
    assert!(
        matches.explanation.contains("no supplier"),
        "{}",
        matches.explanation
    );

    let with_supplier: Vec<PurchaseSuggestion> = plan
        .suggestions
        .iter()
        .filter(|s| s.supplier.is_some())
        .cloned()
        .collect();
    let before = lw.snapshot().unwrap();
    assert_eq!(
        lw.create_pos_from_suggestions(&plan.suggestions)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(lw.snapshot().unwrap(), before);
    let pos = lw.create_pos_from_suggestions(&with_supplier).unwrap();
    assert_eq!(
        pos.iter().map(|p| p.supplier.as_str()).collect::<Vec<_>>(),
        vec!["CS", "JARCO"]
    );

    // Covered once: the new purchase orders now cover the shortages, nothing is suggested twice.
    let again = lw.purchase_suggestions().unwrap();
    assert_eq!(
        again
            .suggestions
            .iter()
            .map(|s| s.sku.as_str())
            .collect::<Vec<_>>(),
        vec!["MATCHES"]
    );
    let open: Vec<(String, Decimal, NaiveDate)> = lw
        .open_po_lines()
        .unwrap()
        .into_iter()
        .map(|l| (l.sku, l.qty, l.expected_date))
        .collect();
    assert_eq!(
        open,
        vec![
            ("JAR".to_string(), dec!(124), day(3, 5)),
            ("WAX".to_string(), dec!(1000), day(3, 7)),
            ("WAX".to_string(), dec!(10000), day(3, 7)),
        ]
    );
    lw.cancel_po(&draft.id).unwrap();
    let after_cancel = lw.purchase_suggestions().unwrap();
    assert!(
        after_cancel.suggestions.iter().all(|s| s.sku != "WAX"),
        "10 kg still cover 3.8 kg"
    );
}

#[test]
fn make_to_stock_suggests_and_creates_unallocated_batches() {
    let lw = shop();
    let mut soap = NewItem::new("SOAP", "Oat soap", ItemKind::Product, Uom::Pcs);
    soap.reorder_point = Some(q("10 pcs"));
    soap.reorder_qty = Some(q("20 pcs"));
    lw.define_item(soap).unwrap();
    lw.define_recipe(NewRecipe {
        product: "SOAP".into(),
        batch_size: q("12 pcs"),
        inputs: vec![NewRecipeInput {
            sku: "WAX".into(),
            qty: q("1 kg"),
            scrap_pct: 0.into(),
        }],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    lw.receive(Receipt::new("WAX", q("5 kg"))).unwrap();
    lw.receive(Receipt::new("SOAP", q("4 pcs"))).unwrap();

    let s = lw.suggest_production().unwrap();
    assert_eq!(s.len(), 1);
    // free 4 < 10: at least 20, in batches of 12 → 24.
    assert_eq!(
        (s[0].sku.as_str(), s[0].qty, s[0].free),
        ("SOAP", dec!(24), dec!(4))
    );

    let before = lw.snapshot().unwrap();
    assert_eq!(
        lw.create_stock_mo("WAX", q("1 kg")).unwrap_err().code(),
        "no_recipe"
    );
    assert_eq!(
        lw.create_stock_mo("SOAP", q("0 pcs")).unwrap_err().code(),
        "invalid_quantity"
    );
    assert_eq!(lw.snapshot().unwrap(), before);

    let made = lw.create_stock_mo("SOAP", q("20 pcs")).unwrap();
    assert_eq!(made.mo.qty, dec!(24));
    assert!(made.mo.allocations.is_empty());
    assert_eq!(made.mo.status, MoStatus::MaterialsReserved);
    assert!(made.shortages.is_empty());
    assert!(
        lw.suggest_production().unwrap().is_empty(),
        "the open batch is planned supply"
    );

    lw.start_mo(&made.mo.id).unwrap();
    lw.complete_mo(&made.mo.id, Completion::default()).unwrap();
    assert_eq!(
        lw.stock("SOAP").unwrap().available,
        dec!(28),
        "unallocated output goes to stock"
    );
    let so = order(&lw, "SOAP", "6 pcs");
    assert_eq!(
        lw.confirm_order(&so).unwrap().status,
        OrderStatus::ReadyToShip
    );
    assert!(lw.check_invariants().unwrap().is_empty());
}

/// The shortages as a reader of the public API sees them: inputs of MOs
/// awaiting materials not yet reserved, and uncovered lines of bought items.
fn expected_needs(lw: &Lotwise) -> BTreeMap<(String, String), Decimal> {
    let mut out = BTreeMap::new();
    let reservations = lw.reservations().unwrap();
    for mo in lw
        .mos()
        .unwrap()
        .into_iter()
        .filter(|m| m.status == MoStatus::AwaitingMaterials)
    {
        for req in &mo.requirements {
            let have: Decimal = reservations
                .iter()
                .filter(|r| r.sku == req.sku && r.demand == Demand::MoInput { mo: mo.id.clone() })
                .map(|r| r.qty)
                .sum();
            if req.qty > have {
                out.insert((req.sku.clone(), mo.id.clone()), req.qty - have);
            }
        }
    }
    for o in lw.orders().unwrap() {
        for l in lw.order_view(&o.id).unwrap().lines {
            if l.uncovered > Decimal::ZERO && l.sku != "CANDLE" && o.confirmed_at.is_some() {
                out.insert((l.sku.clone(), format!("{}/{}", o.id, l.line)), l.uncovered);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Every confirmed shortage appears exactly once in the plan, its
    /// sources add up, suggestions respect the MOQ; and once the suggested
    /// purchases arrive, no shortage is left.
    #[test]
    fn suggestions_cover_every_confirmed_shortage_exactly_once(
        wax_g in 0u32..12_000,
        jars in 0u32..60,
        open_wax_g in 0u32..6_000,
        orders in prop::collection::vec((any::<bool>(), 1u32..40), 1..6),
    ) {
        let lw = shop();
        if wax_g > 0 { lw.receive(Receipt::new("WAX", Qty::new(wax_g.into(), Uom::G))).unwrap(); }
        if jars > 0 { lw.receive(Receipt::new("JAR", Qty::new(jars.into(), Uom::Pcs))).unwrap(); }
        if open_wax_g > 0 {
            let p = po(&lw, "CS", "WAX", &format!("{open_wax_g} g"));
            lw.send_po(&p.id).unwrap();
        }
        for (candle, n) in &orders {
            let sku = if *candle { "CANDLE" } else { "JAR" };
            let so = order(&lw, sku, &format!("{n} pcs"));
            lw.confirm_order(&so).unwrap();
        }
        let plan = lw.purchase_suggestions().unwrap();
        let expected = expected_needs(&lw);
        let mut seen: BTreeMap<(String, String), Decimal> = BTreeMap::new();
        for n in &plan.needs {
            prop_assert!(seen.insert((n.sku.clone(), n.needed_for.clone()), n.qty).is_none(), "need listed twice: {:?}", n);
            prop_assert_eq!(n.from_stock + n.from_open_pos + n.to_buy, n.qty);
            prop_assert!(n.from_stock >= Decimal::ZERO && n.from_open_pos >= Decimal::ZERO && n.to_buy >= Decimal::ZERO);
        }
        prop_assert_eq!(&seen, &expected);
        let mut skus: Vec<&str> = plan.suggestions.iter().map(|s| s.sku.as_str()).collect();
        skus.dedup();
        prop_assert_eq!(skus.len(), plan.suggestions.len(), "one suggestion per item");
        let open_wax = Decimal::from(open_wax_g);
        let wax_from_pos: Decimal = plan.needs.iter().filter(|n| n.sku == "WAX").map(|n| n.from_open_pos).sum();
        prop_assert!(wax_from_pos <= open_wax);
        for s in &plan.suggestions {
            let to_buy: Decimal = plan.needs.iter().filter(|n| n.sku == s.sku).map(|n| n.to_buy).sum();
            prop_assert_eq!(s.for_shortages, to_buy);
            prop_assert_eq!(s.covers.iter().map(|c| c.to_buy).sum::<Decimal>(), to_buy);
            prop_assert_eq!(s.qty, s.for_shortages + s.for_reorder + s.rounding);
            if s.sku == "WAX" { prop_assert!(s.qty >= dec!(10000), "MOQ 10 kg"); }
        }
        for n in plan.needs.iter().filter(|n| n.to_buy > Decimal::ZERO) {
            prop_assert!(plan.suggestions.iter().any(|s| s.sku == n.sku), "shortage without suggestion");
        }

        // Buying what was suggested covers everything: nothing is suggested twice…
        lw.create_pos_from_suggestions(&plan.suggestions).unwrap();
        let again = lw.purchase_suggestions().unwrap();
        prop_assert!(again.needs.iter().all(|n| n.to_buy.is_zero()), "suggested twice: {:?}", again.needs);
        // …and receiving it (and the earlier open order) fills every shortage.
        for p in lw.purchase_orders().unwrap() {
            if p.status == PoStatus::Draft { lw.send_po(&p.id).unwrap(); }
            let lines = p.lines.iter().map(|l| {
                let uom = if l.sku == "WAX" { Uom::G } else { Uom::Pcs };
                PoReceiptLine::new(l.line, Qty::new(l.open(), uom))
            }).collect();
            lw.receive_po(&p.id, lines).unwrap();
        }
        prop_assert!(lw.purchase_suggestions().unwrap().needs.is_empty());
        prop_assert!(expected_needs(&lw).is_empty());
        prop_assert_eq!(lw.check_invariants().unwrap(), Vec::<String>::new());
    }
}

#[test]
fn suggestions_buy_whole_packs_and_bad_pack_sizes_are_refused() {
    let lw = shop();
    let mut jars = NewSupplierItem::new("JAR");
    jars.pack_size = Some(q("24 pcs"));
    lw.define_supplier(NewSupplier::new("BOXES", "Jar boxes", 1).supplying(jars))
        .unwrap();
    let id = order(&lw, "CANDLE", "5 pcs");
    lw.confirm_order(&id).unwrap();
    // 12 jars short for the batch; the reorder point of 50 then asks for
    // its reorder quantity, 100: 112 jars, in boxes of 24 that is 5 boxes.
    let plan = lw.purchase_suggestions().unwrap();
    let jar = plan.suggestions.iter().find(|s| s.sku == "JAR").unwrap();
    assert_eq!(jar.supplier.as_deref(), Some("BOXES"));
    assert_eq!(
        (
            jar.for_shortages,
            jar.for_reorder,
            jar.qty,
            jar.packs,
            jar.rounding
        ),
        (dec!(12), dec!(100), dec!(120), Some(dec!(5)), dec!(8))
    );
    assert!(jar
        .explanation
        .contains("8 pcs more to make 5 whole packs of 24 pcs"));
    assert_eq!(
        lw.supplier("BOXES").unwrap().items[0].pack_size,
        Some(dec!(24))
    );

    let before = lw.snapshot().unwrap();
    for (pack, code) in [
        ("0 pcs", "invalid_quantity"),
        ("1 kg", "unit_mismatch"),
        ("2.5 pcs", "invalid_quantity"),
    ] {
        let mut item = NewSupplierItem::new("JAR");
        item.pack_size = Some(q(pack));
        let e = lw
            .define_supplier(NewSupplier::new("BAD", "Bad", 1).supplying(item))
            .unwrap_err();
        assert_eq!(e.code(), code, "pack size {pack}");
        if code == "invalid_quantity" {
            assert_eq!(e.fields()["field"], "items[0].pack_size");
        }
    }
    assert_eq!(lw.snapshot().unwrap(), before);
}

/// A SQLite file written before the record indexes existed (no index
/// entries, no version mark) gets them built when it is opened: its open
/// purchase order counts as supply again, and a received one does not.
#[test]
fn indexes_are_built_for_a_store_written_without_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let url = path.to_str().unwrap();
    let clock = Arc::new(FixedClock::at("2026-03-02T09:00:00Z".parse().unwrap()));
    {
        let lw = Lotwise::open_with_clock(url, clock.clone()).unwrap();
        lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))
            .unwrap();
        let mut wax = NewSupplierItem::new("WAX");
        wax.min_order_qty = Some(q("10 kg"));
        lw.define_supplier(NewSupplier::new("CS", "CandleScience", 5).supplying(wax))
            .unwrap();
        po(&lw, "CS", "WAX", "12 kg");
        let done = po(&lw, "CS", "WAX", "3 kg");
        lw.send_po(&done.id).unwrap();
        lw.receive_po(
            &done.id,
            vec![PoReceiptLine {
                line: 1,
                qty: q("3 kg"),
                lot: None,
                expiry: None,
                supplier_lot_ref: None,
                location: None,
                unit_cost: None,
            }],
        )
        .unwrap();
        assert_eq!(lw.open_po_lines().unwrap().len(), 1);
    }
    // What an older lotwise left: the records, no index entries.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let dropped = conn
        .execute(
            "DELETE FROM docs WHERE kind LIKE 'index.%' OR kind = 'meta'",
            [],
        )
        .unwrap();
    assert_eq!(
        dropped, 2,
        "one open purchase order entry and the version mark"
    );
    drop(conn);

    let lw = Lotwise::open_with_clock(url, clock).unwrap();
    let open = lw.open_po_lines().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].po.as_str(), open[0].qty),
        ("PO-000001", dec!(12000))
    );
}
