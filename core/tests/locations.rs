//! Multi-location stock: transfers through the in-transit location,
//! availability per location and in total, and order routing.

use std::sync::Arc;

use lotwise::*;
use proptest::prelude::*;
use rust_decimal_macros::dec;

fn q(text: &str) -> Qty {
    text.parse().unwrap()
}

/// A soap shop with a second, internal location (a shop's back room).
fn shop() -> Lotwise {
    let clock = Arc::new(FixedClock::at("2026-03-02T09:00:00Z".parse().unwrap()));
    let lw = Lotwise::in_memory_with_clock(clock);
    lw.define_item(NewItem::new(
        "SOAP",
        "Oat soap",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "BALM",
        "Lip balm",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_location("STORE", "Shop back room", LocationKind::Internal)
        .unwrap();
    lw
}

fn receive(lw: &Lotwise, sku: &str, qty: &str, lot: &str, location: &str) {
    let mut r = Receipt::new(sku, q(qty));
    r.lot = Some(lot.into());
    r.location = Some(location.into());
    lw.receive(r).unwrap();
}

fn order(lw: &Lotwise, channel: &str, lines: &[(&str, &str)]) -> String {
    lw.place_order(NewOrder {
        channel: channel.into(),
        external_ref: None,
        customer: Customer {
            name: "Grace".into(),
            email: None,
            ..Default::default()
        },
        ship_to: None,
        lines: lines
            .iter()
            .map(|(sku, qty)| NewOrderLine {
                sku: sku.to_string(),
                qty: q(qty),
                unit_price: None,
                requested_date: None,
                lot: None,
                min_remaining_shelf_life_days: None,
            })
            .collect(),
        tags: vec![],
        notes: None,
    })
    .unwrap()
    .order
    .id
}

fn transfer(from: &str, to: &str, sku: &str, qty: &str, lot: Option<&str>) -> NewTransfer {
    NewTransfer {
        from: from.into(),
        to: to.into(),
        lines: vec![NewTransferLine {
            sku: sku.into(),
            qty: q(qty),
            lot: lot.map(str::to_string),
        }],
        note: None,
    }
}

fn at(a: &Availability, location: &str) -> (Decimal, Decimal) {
    a.locations
        .iter()
        .find(|l| l.location == location)
        .map_or((dec!(0), dec!(0)), |l| (l.on_hand, l.available))
}

#[test]
fn transfer_ships_out_through_transit_then_receives_in() {
    let lw = shop();
    receive(&lw, "SOAP", "10 pcs", "S1", "MAIN");
    let t = lw
        .ship_transfer(transfer("MAIN", "STORE", "SOAP", "4 pcs", None))
        .unwrap();
    assert_eq!(
        (t.id.as_str(), t.status),
        ("TR-000001", TransferStatus::InTransit)
    );
    assert_eq!(
        t.lines,
        vec![TransferLine {
            sku: "SOAP".into(),
            lot: "S1".into(),
            qty: dec!(4)
        }]
    );
    assert_eq!(
        lw.locations()
            .unwrap()
            .iter()
            .find(|l| l.code == "TRANSIT")
            .unwrap()
            .kind,
        LocationKind::Transit
    );

    let a = lw.availability("SOAP").unwrap();
    assert_eq!(at(&a, "MAIN"), (dec!(6), dec!(6)));
    assert_eq!(at(&a, "TRANSIT"), (dec!(4), dec!(0)));
    assert_eq!(
        (a.on_hand, a.available, a.in_transit),
        (dec!(6), dec!(6), dec!(4))
    );
    assert_eq!(
        lw.stock("SOAP").unwrap().available,
        dec!(6),
        "in transit is not sellable"
    );

    let t = lw.receive_transfer(&t.id).unwrap();
    assert_eq!(t.status, TransferStatus::Received);
    let a = lw.availability("SOAP").unwrap();
    assert_eq!(at(&a, "STORE"), (dec!(4), dec!(4)));
    assert_eq!(
        (a.on_hand, a.available, a.in_transit),
        (dec!(10), dec!(10), dec!(0))
    );
    let moves: Vec<(String, String, MovementReason)> = lw
        .movements()
        .unwrap()
        .into_iter()
        .filter(|m| m.doc.as_deref() == Some("TR-000001"))
        .map(|m| (m.from, m.to, m.reason))
        .collect();
    assert_eq!(
        moves,
        vec![
            ("MAIN".into(), "TRANSIT".into(), MovementReason::Transfer),
            ("TRANSIT".into(), "STORE".into(), MovementReason::Transfer)
        ]
    );
    let before = lw.snapshot().unwrap();
    assert_eq!(
        lw.receive_transfer(&t.id).unwrap_err().code(),
        "invalid_transition"
    );
    assert_eq!(
        lw.receive_transfer("TR-000099").unwrap_err().code(),
        "unknown_transfer"
    );
    assert_eq!(lw.snapshot().unwrap(), before);
    let kinds: Vec<String> = lw
        .events_after(0, 100)
        .unwrap()
        .into_iter()
        .map(|e| e.kind().to_string())
        .collect();
    assert!(
        kinds.contains(&"transfer_shipped".to_string())
            && kinds.contains(&"transfer_received".to_string())
    );
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn transferring_reserved_stock_is_a_typed_error_and_changes_nothing() {
    let lw = shop();
    receive(&lw, "SOAP", "10 pcs", "S1", "MAIN");
    let so = order(&lw, "etsy", &[("SOAP", "8 pcs")]);
    lw.confirm_order(&so).unwrap();
    let before = lw.snapshot().unwrap();
    let e = lw
        .ship_transfer(transfer("MAIN", "STORE", "SOAP", "3 pcs", None))
        .unwrap_err();
    assert_eq!(
        e,
        Error::StockReserved {
            sku: "SOAP".into(),
            lot: None,
            location: "MAIN".into(),
            requested: dec!(3),
            unreserved: dec!(2)
        }
    );
    let e = lw
        .ship_transfer(transfer("MAIN", "STORE", "SOAP", "3 pcs", Some("S1")))
        .unwrap_err();
    assert_eq!(
        (e.code(), e.fields()["lot"].as_str()),
        ("stock_reserved", Some("S1"))
    );
    let e = lw
        .ship_transfer(transfer("MAIN", "STORE", "SOAP", "11 pcs", None))
        .unwrap_err();
    assert_eq!(
        e.code(),
        "insufficient_stock",
        "not there at all is another error"
    );
    assert_eq!(
        lw.ship_transfer(transfer("MAIN", "MAIN", "SOAP", "1 pcs", None))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(
        lw.ship_transfer(transfer("MAIN", "CUSTOMER", "SOAP", "1 pcs", None))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(
        lw.ship_transfer(transfer("MAIN", "NOWHERE", "SOAP", "1 pcs", None))
            .unwrap_err()
            .code(),
        "unknown_location"
    );
    assert_eq!(lw.snapshot().unwrap(), before);
    lw.ship_transfer(transfer("MAIN", "STORE", "SOAP", "2 pcs", None))
        .unwrap();
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn transfer_picks_unreserved_lots_first_expiry_first() {
    let lw = shop();
    let mut late = Receipt::new("SOAP", q("5 pcs"));
    late.lot = Some("LATE".into());
    late.expiry = Some("2027-01-01".parse().unwrap());
    lw.receive(late).unwrap();
    let mut soon = Receipt::new("SOAP", q("5 pcs"));
    soon.lot = Some("SOON".into());
    soon.expiry = Some("2026-06-01".parse().unwrap());
    lw.receive(soon).unwrap();
    let so = order(&lw, "etsy", &[("SOAP", "3 pcs")]);
    lw.confirm_order(&so).unwrap(); // holds 3 of SOON
    let t = lw
        .ship_transfer(transfer("MAIN", "STORE", "SOAP", "4 pcs", None))
        .unwrap();
    let picked: Vec<(&str, Decimal)> = t.lines.iter().map(|l| (l.lot.as_str(), l.qty)).collect();
    assert_eq!(picked, vec![("SOON", dec!(2)), ("LATE", dec!(2))]);
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn routing_prefers_one_location_in_priority_order_and_splits_only_when_allowed() {
    let lw = shop();
    receive(&lw, "SOAP", "3 pcs", "S1", "MAIN");
    receive(&lw, "SOAP", "10 pcs", "S2", "STORE");
    receive(&lw, "BALM", "5 pcs", "B1", "MAIN");
    let rule = RoutingRule {
        channel: None,
        locations: vec!["MAIN".into(), "STORE".into()],
        allow_split: false,
    };
    lw.define_routing_rule(rule.clone()).unwrap();

    let so = order(&lw, "shopify", &[("SOAP", "5 pcs")]);
    let r = lw.route_order(&so).unwrap();
    assert_eq!(
        (
            r.rule.as_str(),
            r.legs.len(),
            r.legs[0].location.as_str(),
            r.split
        ),
        ("*", 1, "STORE", false)
    );
    assert_eq!(
        r.legs[0].lines,
        vec![RouteLine {
            line: 1,
            sku: "SOAP".into(),
            qty: dec!(5)
        }]
    );
    assert!(
        r.explanation.contains("MAIN lacks 2 SOAP"),
        "{}",
        r.explanation
    );
    assert_eq!(
        r.checks.iter().map(|c| c.can_ship_all).collect::<Vec<_>>(),
        vec![false, true]
    );

    // A two-line order neither location can ship whole.
    let both = order(&lw, "shopify", &[("SOAP", "5 pcs"), ("BALM", "2 pcs")]);
    let before = lw.snapshot().unwrap();
    let e = lw.route_order(&both).unwrap_err();
    assert_eq!(e.code(), "no_shipping_location");
    assert_eq!(e.fields()["order"], both.as_str());
    assert_eq!(lw.snapshot().unwrap(), before);
    let split = RoutingRule {
        allow_split: true,
        ..rule.clone()
    };
    let r = lw.route_order_with(&both, &split).unwrap();
    assert!(r.split);
    let legs: Vec<(&str, Vec<(u32, Decimal)>)> = r
        .legs
        .iter()
        .map(|l| {
            (
                l.location.as_str(),
                l.lines.iter().map(|x| (x.line, x.qty)).collect(),
            )
        })
        .collect();
    assert_eq!(
        legs,
        vec![
            ("MAIN", vec![(1, dec!(3)), (2, dec!(2))]),
            ("STORE", vec![(1, dec!(2))])
        ]
    );

    // A channel rule wins over the default one.
    lw.define_routing_rule(RoutingRule {
        channel: Some("shopify".into()),
        locations: vec!["STORE".into(), "MAIN".into()],
        allow_split: true,
    })
    .unwrap();
    let r = lw.route_order(&both).unwrap();
    assert_eq!(r.rule, "shopify");
    assert_eq!(
        r.legs
            .iter()
            .map(|l| l.location.as_str())
            .collect::<Vec<_>>(),
        vec!["STORE", "MAIN"]
    );
    assert_eq!(lw.routing_rules().unwrap().len(), 2);

    // Nothing can ship 20 even split: a typed error.
    let big = order(&lw, "shopify", &[("SOAP", "20 pcs")]);
    let e = lw.route_order(&big).unwrap_err();
    assert!(
        matches!(e, Error::NoShippingLocation { ref reason, .. } if reason.contains("7 SOAP")),
        "{e}"
    );

    // Rules name internal locations that exist.
    let before = lw.snapshot().unwrap();
    let bad = RoutingRule {
        channel: None,
        locations: vec!["NOWHERE".into()],
        allow_split: false,
    };
    assert_eq!(
        lw.define_routing_rule(bad).unwrap_err().code(),
        "unknown_location"
    );
    let bad = RoutingRule {
        channel: None,
        locations: vec!["SCRAP".into()],
        allow_split: false,
    };
    assert_eq!(
        lw.define_routing_rule(bad).unwrap_err().code(),
        "invalid_input"
    );
    let bad = RoutingRule {
        channel: None,
        locations: vec![],
        allow_split: false,
    };
    assert_eq!(
        lw.define_routing_rule(bad).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(lw.snapshot().unwrap(), before);
}

#[test]
fn routing_counts_the_orders_own_reservations() {
    let lw = shop();
    receive(&lw, "SOAP", "6 pcs", "S1", "MAIN");
    let first = order(&lw, "etsy", &[("SOAP", "6 pcs")]);
    lw.confirm_order(&first).unwrap();
    let r = lw.route_order(&first).unwrap();
    assert_eq!(
        r.legs[0].location, "MAIN",
        "its own reservation counts for it"
    );
    let second = order(&lw, "etsy", &[("SOAP", "1 pcs")]);
    assert_eq!(
        lw.route_order(&second).unwrap_err().code(),
        "no_shipping_location",
        "others' reservations do not"
    );
    lw.ship(
        &first,
        ShipRequest {
            carrier: "USPS".into(),
            tracking: "1".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        lw.route_order(&first).unwrap_err().code(),
        "invalid_transition"
    );
}

fn first_shipment(lw: &Lotwise) -> Option<Shipment> {
    let o = lw
        .orders()
        .unwrap()
        .into_iter()
        .find(|o| o.lines[0].shipped > Decimal::ZERO)?;
    lw.shipments_of_order(&o.id).unwrap().into_iter().next()
}

#[derive(Debug, Clone)]
enum Op {
    Ship { from: usize, to: usize, qty: u32 },
    ReceiveOldest,
    Order { qty: u32 },
    ShipOrder,
    Return { qty: u32, disposition: u8 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..3, 0usize..3, 1u32..8).prop_map(|(from, to, qty)| Op::Ship { from, to, qty }),
        Just(Op::ReceiveOldest),
        (1u32..6).prop_map(|qty| Op::Order { qty }),
        Just(Op::ShipOrder),
        (1u32..4, 0u8..3).prop_map(|(qty, disposition)| Op::Return { qty, disposition }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random transfers, orders, shipments and returns: every invariant
    /// holds after each step, a refused step changes nothing, and the stock
    /// at stock locations is always received − shipped + returned (not scrapped).
    #[test]
    fn stock_is_conserved_through_transfers_and_returns(ops in prop::collection::vec(op(), 1..25)) {
        let lw = shop();
        lw.define_location("QC", "Quality check", LocationKind::Quarantine).unwrap();
        receive(&lw, "SOAP", "12 pcs", "S1", "MAIN");
        receive(&lw, "SOAP", "6 pcs", "S2", "STORE");
        let places = ["MAIN", "STORE", "QC"];
        let mut expected_stock = dec!(18);
        for op in ops {
            let before = lw.snapshot().unwrap();
            let result: Result<Decimal> = match &op {
                Op::Ship { from, to, qty } => lw
                    .ship_transfer(transfer(places[*from], places[*to], "SOAP", &format!("{qty} pcs"), None))
                    .map(|_| Decimal::ZERO),
                Op::ReceiveOldest => match lw.transfers().unwrap().into_iter().find(|t| t.status == TransferStatus::InTransit) {
                    Some(t) => lw.receive_transfer(&t.id).map(|_| Decimal::ZERO),
                    None => Ok(Decimal::ZERO),
                },
                Op::Order { qty } => {
                    let so = order(&lw, "etsy", &[("SOAP", &format!("{qty} pcs"))]);
                    lw.confirm_order(&so).map(|_| Decimal::ZERO)
                }
                Op::ShipOrder => match lw.orders().unwrap().into_iter().find(|o| o.status == OrderStatus::ReadyToShip) {
                    Some(o) => lw
                        .ship(&o.id, ShipRequest { carrier: "UPS".into(), tracking: "1".into(), ..Default::default() })
                        .map(|s| -s.lines.iter().map(|l| l.qty).sum::<Decimal>()),
                    None => Ok(Decimal::ZERO),
                },
                Op::Return { qty, disposition } => match first_shipment(&lw) {
                    Some(sh) => {
                        let l = &sh.lines[0];
                        let disposition = match disposition {
                            0 => Disposition::Restock { location: Some("STORE".into()) },
                            1 => Disposition::Quarantine { location: Some("QC".into()) },
                            _ => Disposition::Scrap,
                        };
                        let scrap = disposition == Disposition::Scrap;
                        lw.record_return(NewReturn {
                            order: sh.order.clone(),
                            lines: vec![NewReturnLine { line: l.line, lot: l.lot.clone(), qty: Qty::new((*qty).into(), Uom::Pcs), reason: "damaged".into(), disposition }],
                            note: None,
                        })
                        .map(|_| if scrap { Decimal::ZERO } else { Decimal::from(*qty) })
                    }
                    None => Ok(Decimal::ZERO),
                },
            };
            match result {
                Ok(delta) => expected_stock += delta,
                Err(e) => {
                    prop_assert!(
                        matches!(e.code(), "stock_reserved" | "insufficient_stock" | "invalid_input" | "return_exceeds_shipped" | "not_ready_to_ship"),
                        "unexpected error {} after {:?}", e, op
                    );
                    prop_assert_eq!(&lw.snapshot().unwrap(), &before, "refused {:?} changed the state", op);
                }
            }
            prop_assert_eq!(lw.check_invariants().unwrap(), Vec::<String>::new());
            let held: Decimal = lw.balances().unwrap().iter()
                .filter(|b| ["MAIN", "STORE", "QC", "TRANSIT"].contains(&b.location.as_str()))
                .map(|b| b.qty).sum();
            prop_assert_eq!(held, expected_stock);
        }
    }
}
