//! Suppliers and purchase orders: defining suppliers, a purchase order from
//! draft to received lots, what it refuses, and its open lines on a SQLite
//! store written before the record indexes existed.

use rust_decimal_macros::dec;

use super::*;

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
