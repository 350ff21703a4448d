//! Cancelling a line or part of one, and closing a partially shipped order
//! short: what the line no longer needs is given back and recorded.

mod common;

use common::*;
use lotwise::*;

const SOAP: &str = "SOAP-OAT";

fn place(lw: &Lotwise, who: &str, lines: Vec<NewOrderLine>) -> String {
    lw.place_order(new_order("manual", None, who, lines))
        .unwrap()
        .order
        .id
}

fn ship(lw: &Lotwise, id: &str, lines: Vec<ShipLine>) -> Shipment {
    lw.ship(
        id,
        ShipRequest {
            lines,
            carrier: "UPS".into(),
            tracking: "1Z999".into(),
            label: None,
        },
    )
    .unwrap()
}

/// Ten soap bars received and an order of Ada's for all ten, confirmed, so
/// it holds them ready to ship; the order's id. Soap bars are bought in,
/// not made: what is free serves waiting orders.
fn ada_takes_the_ten_soap_bars(lw: &Lotwise) -> String {
    lw.define_item(NewItem::new(
        SOAP,
        "Oat soap bar",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.receive(receipt(SOAP, "10 pcs", Some("S-1"), None))
        .unwrap();
    let ada = place(lw, "Ada", vec![line(SOAP, "10 pcs")]);
    lw.confirm_order(&ada).unwrap();
    ada
}

fn close(lw: &Lotwise, id: &str) -> Result<OrderView> {
    lw.close_short(CloseShort {
        id: id.into(),
        reason: Some("customer took 6".into()),
    })
}

#[test]
fn close_short_after_6_of_10_shipped_releases_4() {
    let (lw, _clock) = engine();
    let ada = ada_takes_the_ten_soap_bars(&lw);
    ship(
        &lw,
        &ada,
        vec![ShipLine {
            line: 1,
            qty: Some(qty("6 pcs")),
        }],
    );
    assert_eq!(
        lw.order(&ada).unwrap().status,
        OrderStatus::PartiallyShipped
    );
    // Bob waits for 3 soap bars the shelf does not have free.
    let bob = place(&lw, "Bob", vec![line(SOAP, "3 pcs")]);
    lw.confirm_order(&bob).unwrap();
    assert_eq!(lw.stock(SOAP).unwrap().reserved, dec("4"));
    let mut cursor = 0;
    new_events(&lw, &mut cursor);

    let view = close(&lw, &ada).unwrap();
    assert_eq!(view.status, OrderStatus::Shipped);
    let l = &view.lines[0];
    // 10 ordered = 6 shipped + 4 cancelled; nothing left reserved.
    assert_eq!(
        (l.ordered, l.shipped, l.cancelled, l.ready, l.uncovered),
        (dec("10"), dec("6"), dec("4"), dec("0"), dec("0"))
    );
    assert_eq!(l.status, OrderStatus::Shipped);
    assert_eq!(lw.order(&ada).unwrap().lines[0].cancelled, dec("4"));
    let events = new_events(&lw, &mut cursor);
    let mine: Vec<&Event> = events.iter().filter(|e| e.subject == ada).collect();
    assert_eq!(
        kinds(&mine.iter().map(|e| (*e).clone()).collect::<Vec<_>>()),
        vec![
            "order_line_cancelled",
            "order_closed_short",
            "order_status_changed"
        ]
    );
    match &mine[0].data {
        EventData::OrderLineCancelled {
            line,
            qty,
            released,
            reason,
            ..
        } => {
            assert_eq!((*line, *qty, *released), (1, dec("4"), dec("4")));
            assert_eq!(reason.as_deref(), Some("customer took 6"));
        }
        other => panic!("{other:?}"),
    }
    // The 4 released bars went straight to Bob: 3 reserved, 1 free.
    assert_eq!(lw.order(&bob).unwrap().status, OrderStatus::ReadyToShip);
    let stock = lw.stock(SOAP).unwrap();
    assert_eq!(
        (stock.on_hand, stock.reserved, stock.available),
        (dec("4"), dec("3"), dec("1"))
    );

    // A second close-short, and cancelling the closed line, are refused.
    let before = lw.snapshot().unwrap();
    let err = close(&lw, &ada).unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    assert_eq!(err.fields()["from"], "shipped");
    let err = lw
        .cancel_order_line(CancelOrderLine {
            id: ada.clone(),
            line: 1,
            qty: None,
            reason: None,
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    assert_eq!(lw.snapshot().unwrap(), before, "nothing written");
    assert_invariants(&lw);
}

/// A shipment that leaves the order's status as it was still records what
/// it shipped: shipping writes the order once, with its quantities and the
/// status they give, whether or not that status moved.
#[test]
fn a_second_partial_shipment_records_its_quantity_without_a_status_change() {
    let (lw, _clock) = engine();
    let ada = ada_takes_the_ten_soap_bars(&lw);
    let mut cursor = 0;
    new_events(&lw, &mut cursor);
    let part = |q: &str| {
        vec![ShipLine {
            line: 1,
            qty: Some(qty(q)),
        }]
    };

    ship(&lw, &ada, part("6 pcs"));
    assert_eq!(
        kinds(&new_events(&lw, &mut cursor)),
        ["order_shipped", "order_status_changed"]
    );
    ship(&lw, &ada, part("3 pcs"));
    assert_eq!(kinds(&new_events(&lw, &mut cursor)), ["order_shipped"]);
    let order = lw.order(&ada).unwrap();
    assert_eq!(order.status, OrderStatus::PartiallyShipped);
    assert_eq!(order.lines[0].shipped, dec("9"));
    assert_eq!(lw.stock(SOAP).unwrap().reserved, dec("1"));

    ship(&lw, &ada, part("1 pcs"));
    let order = lw.order(&ada).unwrap();
    assert_eq!(order.status, OrderStatus::Shipped);
    assert_eq!(order.lines[0].shipped, dec("10"));
    assert_invariants(&lw);
}

#[test]
fn close_short_needs_a_partially_shipped_order() {
    let (lw, _clock) = engine();
    candle_catalog(&lw);
    lw.receive(receipt(CANDLE, "10 pcs", Some("C-1"), None))
        .unwrap();
    let ada = place(&lw, "Ada", vec![line(CANDLE, "2 pcs")]);
    lw.confirm_order(&ada).unwrap();
    let err = close(&lw, &ada).unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    assert_eq!(err.fields()["from"], "ready_to_ship");
    assert_eq!(close(&lw, "SO-999999").unwrap_err().code(), "unknown_order");
}

#[test]
fn cancelling_part_of_a_line_detaches_the_batch_allocation() {
    let (lw, _clock) = engine();
    candle_catalog(&lw);
    for (sku, q) in [
        (WAX, "10 kg"),
        (OIL, "1 l"),
        (WICK, "50 pcs"),
        (JAR, "50 pcs"),
    ] {
        lw.receive(receipt(sku, q, None, None)).unwrap();
    }
    let ada = place(
        &lw,
        "Ada",
        vec![line(CANDLE, "10 pcs"), line(WICK, "2 pcs")],
    );
    let report = lw.confirm_order(&ada).unwrap();
    let mo = report.mos[0].clone();
    // One batch of 12 for 10 candles: 2 free.
    assert_eq!(lw.mo(&mo).unwrap().unallocated(), dec("2"));

    let view = lw
        .cancel_order_line(CancelOrderLine {
            id: ada.clone(),
            line: 1,
            qty: Some(qty("4 pcs")),
            reason: None,
        })
        .unwrap();
    let l = &view.lines[0];
    assert_eq!((l.ordered, l.cancelled), (dec("10"), dec("4")));
    assert_eq!(l.from_mos[0].qty, dec("6"), "10 − 4 still on the batch");
    assert_eq!(lw.mo(&mo).unwrap().unallocated(), dec("6"));
    // More than is left to cancel is refused.
    let err = lw
        .cancel_order_line(CancelOrderLine {
            id: ada.clone(),
            line: 1,
            qty: Some(qty("7 pcs")),
            reason: None,
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid_quantity");

    // The rest of the line: it shows cancelled, the batch keeps no share of
    // it, the order goes on with its other line.
    let view = lw
        .cancel_order_line(CancelOrderLine {
            id: ada.clone(),
            line: 1,
            qty: None,
            reason: Some("out of season".into()),
        })
        .unwrap();
    assert_eq!(view.lines[0].status, OrderStatus::Cancelled);
    assert_eq!(view.lines[0].cancelled, dec("10"));
    assert!(view.lines[0].from_mos.is_empty());
    assert_eq!(lw.mo(&mo).unwrap().allocations, vec![]);
    assert_eq!(view.status, OrderStatus::ReadyToShip, "the wicks are ready");
    // Cancelling the cancelled line again is refused, naming it.
    let err = lw
        .cancel_order_line(CancelOrderLine {
            id: ada.clone(),
            line: 1,
            qty: None,
            reason: None,
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    assert_eq!(err.fields()["id"], format!("{ada}/1"));
    assert_eq!(err.fields()["from"], "cancelled");
    // The last line cancelled too: nothing shipped, so the order is cancelled.
    let view = lw
        .cancel_order_line(CancelOrderLine {
            id: ada.clone(),
            line: 2,
            qty: None,
            reason: None,
        })
        .unwrap();
    assert_eq!(view.status, OrderStatus::Cancelled);
    assert_eq!(
        lw.stock(WICK).unwrap().reserved,
        dec("12"),
        "only the batch's wicks"
    );
    assert_invariants(&lw);
}
