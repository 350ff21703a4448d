//! Customer returns: against shipped lines, lot by lot, with a disposition;
//! returned ≤ shipped per lot; the ledger, events and recall see them.

use std::collections::BTreeMap;
use std::sync::Arc;

use lotwise::domain::event::EventData;
use lotwise::*;
use proptest::prelude::*;
use rust_decimal_macros::dec;

fn q(text: &str) -> Qty {
    text.parse().unwrap()
}

fn shop() -> Lotwise {
    let clock = Arc::new(FixedClock::at("2026-03-02T09:00:00Z".parse().unwrap()));
    let lw = Lotwise::in_memory_with_clock(clock);
    lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))
        .unwrap();
    lw.define_item(NewItem::new(
        "CANDLE",
        "Lavender candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "SOAP",
        "Oat soap",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: "CANDLE".into(),
        batch_size: q("4 pcs"),
        inputs: vec![NewRecipeInput {
            sku: "WAX".into(),
            qty: q("1 kg"),
            scrap_pct: 0.into(),
        }],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    lw
}

fn receive(lw: &Lotwise, sku: &str, qty: &str, lot: &str) {
    let mut r = Receipt::new(sku, q(qty));
    r.lot = Some(lot.into());
    lw.receive(r).unwrap();
}

fn order(lw: &Lotwise, customer: &str, sku: &str, qty: &str) -> String {
    lw.place_order(NewOrder {
        channel: "etsy".into(),
        external_ref: None,
        customer: Customer {
            name: customer.into(),
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
    .unwrap()
    .order
    .id
}

fn ship_all(lw: &Lotwise, so: &str) -> Shipment {
    lw.ship(
        so,
        ShipRequest {
            carrier: "USPS".into(),
            tracking: "9400".into(),
            ..Default::default()
        },
    )
    .unwrap()
}

fn ret(order: &str, lot: &str, qty: &str, disposition: Disposition) -> NewReturn {
    NewReturn {
        order: order.into(),
        lines: vec![NewReturnLine {
            line: 1,
            lot: lot.into(),
            qty: q(qty),
            reason: "arrived broken".into(),
            disposition,
        }],
        note: Some("RMA-7".into()),
    }
}

/// Ships 5 soaps of lot S1 to Ada; returns the order id.
fn shipped_soap(lw: &Lotwise) -> String {
    receive(lw, "SOAP", "5 pcs", "S1");
    let so = order(lw, "Ada", "SOAP", "5 pcs");
    lw.confirm_order(&so).unwrap();
    ship_all(lw, &so);
    so
}

#[test]
fn a_return_books_each_disposition_from_customer() {
    let lw = shop();
    let so = shipped_soap(&lw);
    let r = lw
        .record_return(NewReturn {
            order: so.clone(),
            lines: vec![
                NewReturnLine {
                    line: 1,
                    lot: "S1".into(),
                    qty: q("2 pcs"),
                    reason: "changed mind".into(),
                    disposition: Disposition::Restock { location: None },
                },
                NewReturnLine {
                    line: 1,
                    lot: "S1".into(),
                    qty: q("1 pcs"),
                    reason: "smells off".into(),
                    disposition: Disposition::Quarantine { location: None },
                },
                NewReturnLine {
                    line: 1,
                    lot: "S1".into(),
                    qty: q("1 pcs"),
                    reason: "crushed".into(),
                    disposition: Disposition::Scrap,
                },
            ],
            note: None,
        })
        .unwrap();
    assert_eq!((r.id.as_str(), r.customer.as_str()), ("RT-000001", "Ada"));
    let moves: Vec<(String, String, Decimal, MovementReason)> = lw
        .movements()
        .unwrap()
        .into_iter()
        .filter(|m| m.doc.as_deref() == Some("RT-000001"))
        .map(|m| (m.from, m.to, m.qty, m.reason))
        .collect();
    assert_eq!(
        moves,
        vec![
            (
                "CUSTOMER".into(),
                "MAIN".into(),
                dec!(2),
                MovementReason::Return
            ),
            (
                "CUSTOMER".into(),
                "QUARANTINE".into(),
                dec!(1),
                MovementReason::Return
            ),
            (
                "CUSTOMER".into(),
                "SCRAP".into(),
                dec!(1),
                MovementReason::Return
            ),
        ]
    );
    assert_eq!(
        lw.stock("SOAP").unwrap().available,
        dec!(2),
        "only restocked goods are sellable"
    );
    assert_eq!(lw.availability("SOAP").unwrap().quarantined, dec!(1));
    let ev = lw
        .events_after(0, 1000)
        .unwrap()
        .into_iter()
        .rev()
        .find(|e| e.kind() == "return_recorded")
        .unwrap();
    let EventData::ReturnRecorded { return_id, .. } = &ev.data else {
        panic!("{ev:?}");
    };
    assert_eq!(
        (ev.subject.as_str(), return_id.as_str()),
        (so.as_str(), "RT-000001")
    );
    assert_eq!(
        lw.order(&so).unwrap().status,
        OrderStatus::Shipped,
        "the order stays shipped"
    );
    assert_eq!(lw.returns_of_order(&so).unwrap(), vec![r]);
    assert_eq!(lw.returned_of_lot("S1").unwrap(), dec!(4));
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn returning_more_than_shipped_is_refused_and_changes_nothing() {
    let lw = shop();
    let so = shipped_soap(&lw);
    receive(&lw, "SOAP", "1 pcs", "OTHER");
    let before = lw.snapshot().unwrap();
    let e = lw
        .record_return(ret(&so, "S1", "6 pcs", Disposition::Scrap))
        .unwrap_err();
    assert_eq!(
        e,
        Error::ReturnExceedsShipped {
            order: so.clone(),
            line: 1,
            lot: "S1".into(),
            requested: dec!(6),
            returnable: dec!(5)
        }
    );
    assert_eq!(e.fields()["returnable"], "5");
    let e = lw
        .record_return(ret(&so, "OTHER", "1 pcs", Disposition::Scrap))
        .unwrap_err();
    assert_eq!(
        (e.code(), e.fields()["returnable"].as_str()),
        ("return_exceeds_shipped", Some("0")),
        "a lot that never shipped on the line"
    );
    let mut two = ret(&so, "S1", "3 pcs", Disposition::Scrap);
    two.lines.push(two.lines[0].clone());
    assert_eq!(
        lw.record_return(two).unwrap_err().code(),
        "return_exceeds_shipped",
        "lines of one return add up"
    );
    let mut bad_line = ret(&so, "S1", "1 pcs", Disposition::Scrap);
    bad_line.lines[0].line = 2;
    assert_eq!(
        lw.record_return(bad_line).unwrap_err().code(),
        "unknown_order_line"
    );
    let mut no_reason = ret(&so, "S1", "1 pcs", Disposition::Scrap);
    no_reason.lines[0].reason = " ".into();
    assert_eq!(
        lw.record_return(no_reason).unwrap_err().code(),
        "invalid_input"
    );
    let to_scrap_as_stock = ret(
        &so,
        "S1",
        "1 pcs",
        Disposition::Restock {
            location: Some("SCRAP".into()),
        },
    );
    assert_eq!(
        lw.record_return(to_scrap_as_stock).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        lw.record_return(ret("SO-000099", "S1", "1 pcs", Disposition::Scrap))
            .unwrap_err()
            .code(),
        "unknown_order"
    );
    assert_eq!(lw.snapshot().unwrap(), before);

    lw.record_return(ret(
        &so,
        "S1",
        "4 pcs",
        Disposition::Restock { location: None },
    ))
    .unwrap();
    let e = lw
        .record_return(ret(&so, "S1", "2 pcs", Disposition::Scrap))
        .unwrap_err();
    assert_eq!(e.fields()["returnable"], "1", "earlier returns count");
    lw.record_return(ret(&so, "S1", "1 pcs", Disposition::Scrap))
        .unwrap();
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn restocked_goods_serve_a_waiting_order() {
    let lw = shop();
    let so = shipped_soap(&lw);
    let waiting = order(&lw, "Bob", "SOAP", "2 pcs");
    assert_eq!(
        lw.confirm_order(&waiting).unwrap().status,
        OrderStatus::AwaitingMaterials
    );
    lw.record_return(ret(
        &so,
        "S1",
        "2 pcs",
        Disposition::Restock { location: None },
    ))
    .unwrap();
    assert_eq!(lw.order(&waiting).unwrap().status, OrderStatus::ReadyToShip);
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn recall_returns_follow_the_lot_into_products() {
    let lw = shop();
    receive(&lw, "WAX", "2 kg", "WAX-1");
    let so = order(&lw, "Ada", "CANDLE", "4 pcs");
    let mo = lw.confirm_order(&so).unwrap().mos[0].clone();
    lw.start_mo(&mo).unwrap();
    lw.complete_mo(&mo, Completion::default()).unwrap();
    let sh = ship_all(&lw, &so);
    let batch = sh.lines[0].lot.clone();
    lw.record_return(ret(
        &so,
        &batch,
        "1 pcs",
        Disposition::Quarantine { location: None },
    ))
    .unwrap();

    let returns = lw.recall_returns("WAX-1").unwrap();
    assert_eq!(returns.len(), 1);
    assert_eq!(
        (
            returns[0].lot.as_str(),
            returns[0].customer.as_str(),
            returns[0].qty,
            returns[0].disposition.as_str(),
            returns[0].location.as_str()
        ),
        (batch.as_str(), "Ada", dec!(1), "quarantine", "QUARANTINE")
    );
    let recall = lw.recall("WAX-1").unwrap();
    let row = recall.lots.iter().find(|l| l.lot == batch).unwrap();
    assert_eq!(
        (row.shipped, row.returned, row.on_hand),
        (dec!(4), dec!(1), dec!(1)),
        "the recall shows what left and what came back"
    );
    assert_eq!(lw.recall_returns("NOPE").unwrap_err().code(), "unknown_lot");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random returns of random lots: returned never exceeds shipped per
    /// (line, lot); a refused return changes nothing; invariants hold.
    #[test]
    fn returned_never_exceeds_shipped(
        lots in prop::collection::vec(1u32..6, 1..4),
        attempts in prop::collection::vec((0usize..4, 1u32..5, 0u8..3), 1..12),
    ) {
        let lw = shop();
        let mut total = 0u32;
        for (i, n) in lots.iter().enumerate() {
            receive(&lw, "SOAP", &format!("{n} pcs"), &format!("L{i}"));
            total += n;
        }
        let so = order(&lw, "Ada", "SOAP", &format!("{total} pcs"));
        lw.confirm_order(&so).unwrap();
        let sh = ship_all(&lw, &so);
        let shipped: BTreeMap<String, Decimal> = sh.lines.iter().map(|l| (l.lot.clone(), l.qty)).collect();
        let mut returned: BTreeMap<String, Decimal> = BTreeMap::new();
        for (lot_i, qty, d) in attempts {
            let lot = format!("L{lot_i}");
            let disposition = match d { 0 => Disposition::Restock { location: None }, 1 => Disposition::Quarantine { location: None }, _ => Disposition::Scrap };
            let before = lw.snapshot().unwrap();
            let room = shipped.get(&lot).copied().unwrap_or_default() - returned.get(&lot).copied().unwrap_or_default();
            let result = if lot_i < lots.len() {
                lw.record_return(ret(&so, &lot, &format!("{qty} pcs"), disposition))
            } else {
                Err(Error::UnknownLot { lot: lot.clone() })
            };
            match result {
                Ok(_) => {
                    prop_assert!(Decimal::from(qty) <= room);
                    *returned.entry(lot).or_default() += Decimal::from(qty);
                }
                Err(e) => {
                    if lot_i < lots.len() {
                        prop_assert_eq!(e.code(), "return_exceeds_shipped");
                        prop_assert!(Decimal::from(qty) > room);
                    }
                    prop_assert_eq!(&lw.snapshot().unwrap(), &before);
                }
            }
            let booked: BTreeMap<String, Decimal> = lw.returns_of_order(&so).unwrap().iter()
                .flat_map(|r| r.lines.clone()).fold(BTreeMap::new(), |mut m, l| { *m.entry(l.lot).or_default() += l.qty; m });
            for (lot, qty) in &booked {
                prop_assert!(*qty <= shipped[lot], "returned {} > shipped {} of {}", qty, shipped[lot], lot);
            }
            prop_assert_eq!(&booked, &returned);
            prop_assert_eq!(lw.check_invariants().unwrap(), Vec::<String>::new());
        }
    }
}

/// A SQLite file written before returns were indexed by order and lot gets
/// the index built when it is opened: the return is found by its order, by
/// its lot and by a recall, as before.
#[test]
fn returns_are_found_in_a_store_written_without_their_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let url = path.to_str().unwrap();
    let clock = Arc::new(FixedClock::at("2026-03-02T09:00:00Z".parse().unwrap()));
    let (so, recorded) = {
        let lw = Lotwise::open_with_clock(url, clock.clone()).unwrap();
        lw.define_item(NewItem::new(
            "SOAP",
            "Oat soap",
            ItemKind::Product,
            Uom::Pcs,
        ))
        .unwrap();
        let so = shipped_soap(&lw);
        let other = order(&lw, "Bo", "SOAP", "1 pcs");
        assert!(lw.returns_of_order(&other).unwrap().is_empty());
        let r = lw
            .record_return(ret(&so, "S1", "2 pcs", Disposition::Scrap))
            .unwrap();
        (so, r)
    };
    let conn = rusqlite::Connection::open(&path).unwrap();
    let dropped = conn
        .execute(
            "DELETE FROM docs WHERE kind LIKE 'index.return%' OR kind = 'meta'",
            [],
        )
        .unwrap();
    assert_eq!(dropped, 3, "by order, by lot, and the version mark");
    drop(conn);

    let lw = Lotwise::open_with_clock(url, clock).unwrap();
    assert_eq!(lw.returns_of_order(&so).unwrap(), vec![recorded]);
    assert_eq!(lw.returned_of_lot("S1").unwrap(), dec!(2));
    assert_eq!(lw.recall_returns("S1").unwrap().len(), 1);
    assert_eq!(lw.returned_of_lot("S2").unwrap(), dec!(0));
}
