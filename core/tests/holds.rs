//! Lot holds: a held lot is never reserved, consumed, transferred or
//! shipped; placing a hold re-plans what loses stock; a recall can hold the
//! recalled lot and everything made from it in one command.

mod common;

use common::*;
use lotwise::*;

fn hold(lot: &str, reason: HoldReason) -> HoldLot {
    HoldLot {
        lot: lot.into(),
        reason,
        note: None,
    }
}

fn ship_all() -> ShipRequest {
    ShipRequest {
        carrier: "USPS".into(),
        tracking: "9400".into(),
        ..Default::default()
    }
}

/// Candle catalog with materials for two batches of 12, all wax from one lot.
fn shop() -> Lotwise {
    let (lw, _clock) = engine();
    candle_catalog(&lw);
    lw.receive(receipt(WAX, "5 kg", Some("WAX-BAD"), None))
        .unwrap();
    lw.receive(receipt(OIL, "1 l", Some("OIL-1"), None))
        .unwrap();
    lw.receive(receipt(WICK, "100 pcs", Some("WICK-1"), None))
        .unwrap();
    lw.receive(receipt(JAR, "100 pcs", Some("JAR-1"), None))
        .unwrap();
    lw
}

fn place(lw: &Lotwise, who: &str, lines: Vec<NewOrderLine>) -> String {
    lw.place_order(new_order("manual", None, who, lines))
        .unwrap()
        .order
        .id
}

#[test]
fn a_hold_releases_reservations_and_replans_onto_other_stock() {
    let (lw, _clock) = engine();
    candle_catalog(&lw);
    lw.receive(receipt(CANDLE, "5 pcs", Some("C-OLD"), Some("2026-06-01")))
        .unwrap();
    lw.receive(receipt(CANDLE, "5 pcs", Some("C-NEW"), Some("2026-12-01")))
        .unwrap();
    let so = place(&lw, "Ada", vec![line(CANDLE, "4 pcs")]);
    lw.confirm_order(&so).unwrap();
    let view = lw.order_view(&so).unwrap();
    assert_eq!(view.lines[0].from_stock[0].lot, "C-OLD", "FEFO first");
    let mut cursor = 0;
    new_events(&lw, &mut cursor);

    let report = lw
        .hold_lot(HoldLot {
            note: Some("jar cracks, QA-17".into()),
            ..hold("C-OLD", HoldReason::QaHold)
        })
        .unwrap();
    assert_eq!(
        report.held,
        vec![HeldLot {
            lot: "C-OLD".into(),
            sku: CANDLE.into(),
            on_hand: dec("5"),
            released: dec("4"),
        }]
    );
    assert_eq!(report.replanned_orders, vec![so.clone()]);
    assert!(report.short_orders.is_empty());
    let view = lw.order_view(&so).unwrap();
    assert_eq!(view.status, OrderStatus::ReadyToShip);
    assert_eq!(view.lines[0].from_stock.len(), 1);
    assert_eq!(view.lines[0].from_stock[0].lot, "C-NEW");
    assert_eq!(view.lines[0].from_stock[0].qty, dec("4"));
    let events = new_events(&lw, &mut cursor);
    assert_eq!(kinds(&events), vec!["lot_held", "order_replanned"]);
    assert_eq!(events[0].subject, "C-OLD");
    match &events[0].data {
        EventData::LotHeld {
            reason,
            released,
            orders,
            note,
            ..
        } => {
            assert_eq!(*reason, HoldReason::QaHold);
            assert_eq!(*released, dec("4"));
            assert_eq!(orders, &vec![so.clone()]);
            assert_eq!(note.as_deref(), Some("jar cracks, QA-17"));
        }
        other => panic!("{other:?}"),
    }
    let lot = lw.lot("C-OLD").unwrap();
    assert_eq!(lot.hold.as_ref().unwrap().reason, HoldReason::QaHold);
    let stock = lw.stock(CANDLE).unwrap();
    assert_eq!(
        (stock.on_hand, stock.reserved, stock.held, stock.available),
        (dec("10"), dec("4"), dec("5"), dec("1"))
    );
    assert_invariants(&lw);
}

#[test]
fn a_held_lot_is_never_reserved_transferred_or_shipped_until_released() {
    let (lw, _clock) = engine();
    candle_catalog(&lw);
    lw.define_location("SHOP", "Shop", LocationKind::Internal)
        .unwrap();
    lw.receive(receipt(CANDLE, "6 pcs", Some("C-1"), None))
        .unwrap();
    lw.hold_lot(hold("C-1", HoldReason::CustomerComplaint))
        .unwrap();

    // Confirming finds nothing to reserve and plans a batch instead.
    let so = place(&lw, "Bob", vec![line(CANDLE, "2 pcs")]);
    let report = lw.confirm_order(&so).unwrap();
    assert!(report.reserved.is_empty());
    assert_eq!(report.mos.len(), 1);
    assert!(lw.reservations().unwrap().iter().all(|r| r.lot != "C-1"));

    // A line naming the held lot reserves nothing and cannot ship.
    let named = place(
        &lw,
        "Cy",
        vec![NewOrderLine {
            lot: Some("C-1".into()),
            ..line(CANDLE, "1 pcs")
        }],
    );
    lw.confirm_order(&named).unwrap();
    let before = lw.snapshot().unwrap();
    let err = lw
        .ship(
            &named,
            ShipRequest {
                lines: vec![ShipLine { line: 1, qty: None }],
                ..ship_all()
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "lot_on_hold");
    assert_eq!(
        err.fields(),
        serde_json::json!({ "lot": "C-1", "reason": "customer_complaint" })
    );

    // Transfers refuse the held lot by name and skip it otherwise.
    let transfer = |lot: Option<&str>| NewTransfer {
        from: "MAIN".into(),
        to: "SHOP".into(),
        lines: vec![NewTransferLine {
            sku: CANDLE.into(),
            lot: lot.map(str::to_string),
            qty: qty("1 pcs"),
        }],
        note: None,
    };
    assert_eq!(
        lw.ship_transfer(transfer(Some("C-1"))).unwrap_err().code(),
        "lot_on_hold"
    );
    assert_eq!(
        lw.ship_transfer(transfer(None)).unwrap_err().code(),
        "insufficient_stock"
    );
    // A second hold is refused; so is releasing a lot that is not held.
    assert_eq!(
        lw.hold_lot(hold("C-1", HoldReason::QaHold))
            .unwrap_err()
            .code(),
        "lot_on_hold"
    );
    assert_eq!(
        lw.hold_lot(hold("NO-SUCH-LOT", HoldReason::QaHold))
            .unwrap_err()
            .code(),
        "unknown_lot"
    );
    lw.receive(receipt(WAX, "1 kg", Some("WAX-1"), None))
        .unwrap();
    let before_release = lw.snapshot().unwrap();
    let err = lw
        .release_lot(ReleaseLot {
            lot: "WAX-1".into(),
            note: None,
        })
        .unwrap_err();
    assert_eq!(err.code(), "lot_not_held");
    assert_eq!(lw.snapshot().unwrap(), before_release, "nothing written");
    let _ = before;

    // Released, it serves the waiting named line at once.
    let lot = lw
        .release_lot(ReleaseLot {
            lot: "C-1".into(),
            note: Some("complaint unfounded".into()),
        })
        .unwrap();
    assert!(lot.hold.is_none());
    let view = lw.order_view(&named).unwrap();
    assert_eq!(view.status, OrderStatus::ReadyToShip);
    assert_eq!(view.lines[0].from_stock[0].lot, "C-1");
    lw.ship(&named, ship_all()).unwrap();
    assert_invariants(&lw);
}

#[test]
fn failed_hold_commands_write_nothing() {
    let lw = shop();
    let before = lw.snapshot().unwrap();
    assert_eq!(
        lw.hold_lot(hold("NOPE", HoldReason::Recall))
            .unwrap_err()
            .code(),
        "unknown_lot"
    );
    assert_eq!(
        lw.release_lot(ReleaseLot {
            lot: "WAX-BAD".into(),
            note: None
        })
        .unwrap_err()
        .code(),
        "lot_not_held"
    );
    assert_eq!(
        lw.recall_and_hold(RecallAndHold {
            lot: "NOPE".into(),
            note: None
        })
        .unwrap_err()
        .code(),
        "unknown_lot"
    );
    assert_eq!(lw.snapshot().unwrap(), before);
}

#[test]
fn recall_and_hold_stops_the_next_confirm_and_lists_the_orders_now_short() {
    let lw = shop();
    // Ada's batch is made from the bad wax and ready to ship.
    let ada = place(&lw, "Ada", vec![line(CANDLE, "12 pcs")]);
    let mo1 = lw.confirm_order(&ada).unwrap().mos[0].clone();
    lw.start_mo(&mo1).unwrap();
    lw.complete_mo(&mo1, Completion::default()).unwrap();
    let batch_lot = lw.mo(&mo1).unwrap().output.unwrap().lot;
    assert_eq!(lw.order(&ada).unwrap().status, OrderStatus::ReadyToShip);
    // Bob's batch has the rest of the bad wax reserved.
    let bob = place(&lw, "Bob", vec![line(CANDLE, "12 pcs")]);
    let mo2 = lw.confirm_order(&bob).unwrap().mos[0].clone();
    assert_eq!(
        lw.order(&bob).unwrap().status,
        OrderStatus::MaterialsReserved
    );
    let mut cursor = 0;
    new_events(&lw, &mut cursor);

    let out = lw
        .recall_and_hold(RecallAndHold {
            lot: "WAX-BAD".into(),
            note: Some("supplier notice 2026-031".into()),
        })
        .unwrap();
    // 5 kg received, 2.448 kg consumed by Ada's batch, 2.448 kg reserved for Bob's.
    assert_eq!(
        out.hold.held,
        vec![
            HeldLot {
                lot: "WAX-BAD".into(),
                sku: WAX.into(),
                on_hand: dec("2552"),
                released: dec("2448"),
            },
            HeldLot {
                lot: batch_lot.clone(),
                sku: CANDLE.into(),
                on_hand: dec("12"),
                released: dec("12"),
            },
        ]
    );
    assert_eq!(out.hold.replanned_mos, vec![mo2.clone()]);
    assert_eq!(out.hold.replanned_orders, vec![ada.clone()]);
    assert_eq!(out.hold.short_orders, vec![ada.clone(), bob.clone()]);
    assert_eq!(out.recall.lot, "WAX-BAD");
    assert_eq!(out.recall.lots.len(), 2);
    assert_eq!(
        lw.order(&ada).unwrap().status,
        OrderStatus::AwaitingMaterials
    );
    assert_eq!(
        lw.order(&bob).unwrap().status,
        OrderStatus::AwaitingMaterials
    );
    assert_eq!(lw.mo(&mo2).unwrap().status, MoStatus::AwaitingMaterials);
    let held_events: Vec<_> = new_events(&lw, &mut cursor)
        .into_iter()
        .filter(|e| e.kind() == "lot_held")
        .map(|e| e.subject)
        .collect();
    assert_eq!(held_events, vec!["WAX-BAD".to_string(), batch_lot.clone()]);

    // The next confirm reserves no affected lot.
    let cy = place(&lw, "Cy", vec![line(CANDLE, "2 pcs")]);
    let report = lw.confirm_order(&cy).unwrap();
    assert!(report.reserved.is_empty());
    assert_eq!(report.status, OrderStatus::AwaitingMaterials);
    let affected = ["WAX-BAD".to_string(), batch_lot.clone()];
    assert!(lw
        .reservations()
        .unwrap()
        .iter()
        .all(|r| !affected.contains(&r.lot)));
    // Good wax arrives: the waiting batches are served from it, not the held lot.
    lw.receive(receipt(WAX, "10 kg", Some("WAX-GOOD"), None))
        .unwrap();
    assert_eq!(lw.mo(&mo2).unwrap().status, MoStatus::MaterialsReserved);
    assert!(lw
        .reservations()
        .unwrap()
        .iter()
        .all(|r| !affected.contains(&r.lot)));
    // Recalling again holds nothing new.
    let again = lw
        .recall_and_hold(RecallAndHold {
            lot: "WAX-BAD".into(),
            note: None,
        })
        .unwrap();
    assert!(again.hold.held.is_empty());
    assert_eq!(again.hold.already_held, affected.to_vec());
    assert_invariants(&lw);
}

#[test]
fn returns_of_a_recalled_lot_come_back_held() {
    let lw = shop();
    let ada = place(&lw, "Ada", vec![line(CANDLE, "12 pcs")]);
    let mo = lw.confirm_order(&ada).unwrap().mos[0].clone();
    lw.start_mo(&mo).unwrap();
    lw.complete_mo(&mo, Completion::default()).unwrap();
    let batch_lot = lw.mo(&mo).unwrap().output.unwrap().lot;
    lw.ship(&ada, ship_all()).unwrap();
    let out = lw
        .recall_and_hold(RecallAndHold {
            lot: "WAX-BAD".into(),
            note: None,
        })
        .unwrap();
    assert_eq!(out.recall.customers, vec!["Ada".to_string()]);
    assert_eq!(out.hold.held[1].on_hand, dec("0"), "all of it left");
    // Bob waits for candles; Ada sends 3 back to the shelf.
    lw.receive(receipt(WAX, "10 kg", Some("WAX-GOOD"), None))
        .unwrap();
    let bob = place(&lw, "Bob", vec![line(CANDLE, "3 pcs")]);
    lw.confirm_order(&bob).unwrap();
    lw.record_return(NewReturn {
        order: ada.clone(),
        lines: vec![NewReturnLine {
            line: 1,
            lot: batch_lot.clone(),
            qty: qty("3 pcs"),
            reason: "recall".into(),
            disposition: Disposition::Restock { location: None },
        }],
        note: None,
    })
    .unwrap();
    let lot = lw.lot(&batch_lot).unwrap();
    assert_eq!(lot.hold.unwrap().recall_of.as_deref(), Some("WAX-BAD"));
    assert_eq!(balance(&lw, CANDLE, &batch_lot, "MAIN"), dec("3"));
    assert!(
        lw.reservations()
            .unwrap()
            .iter()
            .all(|r| r.lot != batch_lot),
        "the returned candles serve nobody"
    );
    assert_eq!(lw.stock(CANDLE).unwrap().held, dec("3"));
    assert_invariants(&lw);
}

#[test]
fn a_batch_that_consumed_a_held_lot_makes_a_held_lot() {
    let lw = shop();
    let ada = place(&lw, "Ada", vec![line(CANDLE, "12 pcs")]);
    let mo = lw.confirm_order(&ada).unwrap().mos[0].clone();
    lw.start_mo(&mo).unwrap();
    // The wax is held while the batch is in the kettle.
    lw.hold_lot(hold("WAX-BAD", HoldReason::QaHold)).unwrap();
    lw.complete_mo(&mo, Completion::default()).unwrap();
    let batch_lot = lw.mo(&mo).unwrap().output.unwrap().lot;
    let hold = lw.lot(&batch_lot).unwrap().hold.unwrap();
    assert_eq!(hold.reason, HoldReason::QaHold);
    assert_eq!(hold.recall_of.as_deref(), Some("WAX-BAD"));
    // The output was not handed to Ada: the order waits for good goods.
    assert_eq!(
        lw.order(&ada).unwrap().status,
        OrderStatus::AwaitingMaterials
    );
    assert_eq!(
        lw.ship(&ada, ship_all()).unwrap_err().code(),
        "not_ready_to_ship"
    );
    assert_invariants(&lw);
}

#[test]
fn holds_run_through_the_command_layer() {
    let lw = shop();
    let out = lw.execute_json(
        r#"{"do": "hold_lot", "args": {"lot": "WAX-BAD", "reason": "qa_hold", "note": "lab"}}"#,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"]["held"][0]["lot"], "WAX-BAD");
    let out = lw.execute_json(r#"{"do": "lot", "args": {"lot": "WAX-BAD"}}"#);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"]["hold"]["reason"], "qa_hold");
    let out = lw.execute_json(r#"{"do": "release_lot", "args": {"lot": "WAX-BAD"}}"#);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["ok"]["hold"].is_null());
    let out = lw.execute_json(r#"{"do": "release_lot", "args": {"lot": "WAX-BAD"}}"#);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"]["code"], "lot_not_held");
}

#[test]
fn holds_and_closed_quantities_survive_a_sqlite_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    let url = path.to_str().unwrap();
    let clock = std::sync::Arc::new(FixedClock::at(instant(T0)));
    {
        let lw = Lotwise::open_with_clock(url, clock.clone()).unwrap();
        candle_catalog(&lw);
        lw.receive(receipt(CANDLE, "10 pcs", Some("C-1"), None))
            .unwrap();
        lw.receive(receipt(CANDLE, "4 pcs", Some("C-2"), None))
            .unwrap();
        let so = place(&lw, "Ada", vec![line(CANDLE, "6 pcs")]);
        lw.confirm_order(&so).unwrap();
        lw.hold_lot(hold("C-1", HoldReason::Recall)).unwrap();
        // C-2's 4 cover what they can; the rest waits for a batch.
        let view = lw.order_view(&so).unwrap();
        assert_eq!(view.lines[0].ready, dec("4"));
        lw.cancel_order_line(CancelOrderLine {
            id: so.clone(),
            line: 1,
            qty: Some(qty("2 pcs")),
            reason: None,
        })
        .unwrap();
        assert_invariants(&lw);
    }
    let lw = Lotwise::open_with_clock(url, clock).unwrap();
    assert_eq!(lw.backend(), "sqlite");
    assert_eq!(
        lw.lot("C-1").unwrap().hold.unwrap().reason,
        HoldReason::Recall
    );
    let order = lw.order("SO-000001").unwrap();
    assert_eq!(order.lines[0].cancelled, dec("2"));
    assert_eq!(
        order.status,
        OrderStatus::ReadyToShip,
        "4 ordered left, 4 ready"
    );
    let so = place(&lw, "Bob", vec![line(CANDLE, "1 pcs")]);
    let report = lw.confirm_order(&so).unwrap();
    assert!(report.reserved.is_empty(), "the held lot serves nobody");
    assert_invariants(&lw);
}
