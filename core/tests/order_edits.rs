//! Editing a confirmed order in one command, the difference re-planned at
//! once; a flagged channel update applied through the same path or
//! dismissed.

mod common;

use std::sync::Arc;

use common::*;
use lotwise::channels::{shopify, SkuMap};
use lotwise::*;

const SIMPLE: &[u8] = include_bytes!("fixtures/channels/shopify/orders_create_simple.json");
const UPDATED: &[u8] = include_bytes!("fixtures/channels/shopify/orders_updated.json");
const SOAP: &str = "SOAP-OAT";

fn place(lw: &Lotwise, who: &str, lines: Vec<NewOrderLine>) -> String {
    lw.place_order(new_order("manual", None, who, lines))
        .unwrap()
        .order
        .id
}

fn edit(id: &str) -> EditOrder {
    EditOrder {
        id: id.into(),
        ..Default::default()
    }
}

fn set_qty(id: &str, line: u32, q: &str) -> EditOrder {
    EditOrder {
        lines: vec![LineChange {
            line,
            qty: Some(qty(q)),
            requested_date: None,
        }],
        ..edit(id)
    }
}

/// The batches behind a line: (batch, allocated).
fn batches(lw: &Lotwise, id: &str, line: usize) -> Vec<(String, Decimal)> {
    lw.order_view(id).unwrap().lines[line]
        .from_mos
        .iter()
        .map(|m| (m.mo.clone(), m.qty))
        .collect()
}

fn materials(lw: &Lotwise) {
    for (sku, q) in [
        (WAX, "20 kg"),
        (OIL, "2 l"),
        (WICK, "100 pcs"),
        (JAR, "100 pcs"),
    ] {
        lw.receive(receipt(sku, q, None, None)).unwrap();
    }
}

#[test]
fn raising_a_line_from_10_to_30_joins_an_open_batch_and_plans_one_for_the_rest() {
    let (lw, _clock) = engine();
    candle_catalog(&lw);
    materials(&lw);
    // Bob's 8 candles: one batch of 12 (MO-000001), 4 to spare.
    let bob = place(&lw, "Bob", vec![line(CANDLE, "8 pcs")]);
    assert_eq!(lw.confirm_order(&bob).unwrap().mos, vec!["MO-000001"]);
    // Ada's 10: the 4 spare of MO-000001, and MO-000002 (12) for 6, 6 to spare.
    let ada = place(&lw, "Ada", vec![line(CANDLE, "10 pcs")]);
    lw.confirm_order(&ada).unwrap();
    assert_eq!(
        batches(&lw, &ada, 0),
        vec![
            ("MO-000001".into(), dec("4")),
            ("MO-000002".into(), dec("6"))
        ]
    );

    let report = lw.edit_order(set_qty(&ada, 1, "30 pcs")).unwrap();
    // 20 more: the 6 spare of MO-000002, then MO-000003 for 14, rounded up
    // to two batches of 12 = 24 (10 to spare).
    assert_eq!(report.mos, vec!["MO-000002", "MO-000003"]);
    assert_eq!(report.changes, vec!["line 1 qty 10 -> 30"]);
    assert!(report.shortages.is_empty());
    assert_eq!(
        batches(&lw, &ada, 0),
        vec![
            ("MO-000001".into(), dec("4")),
            ("MO-000002".into(), dec("12")),
            ("MO-000003".into(), dec("14")),
        ]
    );
    let mo3 = lw.mo("MO-000003").unwrap();
    assert_eq!((mo3.qty, mo3.unallocated()), (dec("24"), dec("10")));
    assert_eq!(mo3.status, MoStatus::MaterialsReserved);
    assert_eq!(report.order.status, OrderStatus::MaterialsReserved);
    assert_eq!(report.order.lines[0].ordered, dec("30"));
    assert_eq!(report.order.lines[0].uncovered, dec("0"));

    // Down to 12: 18 given back, newest batch first: MO-000003's 14, then 4
    // of MO-000002's 12. No stock was reserved, so none is released.
    let report = lw.edit_order(set_qty(&ada, 1, "12 pcs")).unwrap();
    assert_eq!(report.detached_mos, vec!["MO-000003", "MO-000002"]);
    assert_eq!(report.released, dec("0"));
    assert_eq!(
        batches(&lw, &ada, 0),
        vec![
            ("MO-000001".into(), dec("4")),
            ("MO-000002".into(), dec("8"))
        ]
    );
    assert_eq!(lw.mo("MO-000003").unwrap().unallocated(), dec("24"));
    let mut cursor = 0;
    let edited: Vec<Event> = new_events(&lw, &mut cursor)
        .into_iter()
        .filter(|e| e.kind() == "order_edited")
        .collect();
    assert_eq!(edited.len(), 2);
    assert_invariants(&lw);
}

#[test]
fn an_edit_below_what_has_shipped_is_refused_and_changes_nothing() {
    let (lw, _clock) = engine();
    lw.define_item(NewItem::new(SOAP, "Oat soap", ItemKind::Product, Uom::Pcs))
        .unwrap();
    lw.receive(receipt(SOAP, "20 pcs", Some("S-1"), None))
        .unwrap();
    let ada = place(&lw, "Ada", vec![line(SOAP, "10 pcs")]);
    lw.confirm_order(&ada).unwrap();
    lw.ship(
        &ada,
        ShipRequest {
            lines: vec![ShipLine {
                line: 1,
                qty: Some(qty("6 pcs")),
            }],
            carrier: "UPS".into(),
            tracking: "1Z1".into(),
            label: None,
        },
    )
    .unwrap();
    let before = lw.snapshot().unwrap();

    let err = lw.edit_order(set_qty(&ada, 1, "5 pcs")).unwrap_err();
    assert_eq!(err.code(), "below_shipped");
    assert_eq!(
        err.fields(),
        serde_json::json!({ "order": ada, "line": 1, "requested": "5", "shipped": "6" })
    );
    let err = lw
        .edit_order(EditOrder {
            remove: vec![1],
            ..edit(&ada)
        })
        .unwrap_err();
    assert_eq!(err.code(), "below_shipped");
    // Together with a valid change, the whole edit is refused.
    let err = lw
        .edit_order(EditOrder {
            add: vec![line(SOAP, "1 pcs")],
            ..set_qty(&ada, 1, "5 pcs")
        })
        .unwrap_err();
    assert_eq!(err.code(), "below_shipped");
    assert_eq!(
        lw.edit_order(edit(&ada)).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(lw.snapshot().unwrap(), before, "nothing written");

    // Exactly what shipped is allowed: the 4 reserved are released.
    let report = lw.edit_order(set_qty(&ada, 1, "6 pcs")).unwrap();
    assert_eq!(report.released, dec("4"));
    assert_eq!(report.order.status, OrderStatus::Shipped);
    assert_eq!(lw.stock(SOAP).unwrap().reserved, dec("0"));
    // A shipped order cannot be edited any more.
    assert_eq!(
        lw.edit_order(set_qty(&ada, 1, "8 pcs")).unwrap_err().code(),
        "invalid_transition"
    );
    assert_invariants(&lw);
}

#[test]
fn lines_added_and_removed_dates_and_ship_to_changed_in_one_edit() {
    let (lw, _clock) = engine();
    lw.define_item(NewItem::new(SOAP, "Oat soap", ItemKind::Product, Uom::Pcs))
        .unwrap();
    lw.define_item(NewItem::new(
        "BALM",
        "Lip balm",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.receive(receipt(SOAP, "20 pcs", Some("S-1"), None))
        .unwrap();
    lw.receive(receipt("BALM", "5 pcs", Some("B-1"), None))
        .unwrap();
    let ada = place(&lw, "Ada", vec![line(SOAP, "4 pcs"), line("BALM", "2 pcs")]);
    lw.confirm_order(&ada).unwrap();
    let report = lw
        .edit_order(EditOrder {
            add: vec![line(SOAP, "3 pcs")],
            remove: vec![2],
            requested_date: Some(date("2026-03-20")),
            ship_to: Some(Address {
                name: "Ada Lovelace".into(),
                line1: "12 St James's Square".into(),
                city: "London".into(),
                postal_code: "SW1Y 4JH".into(),
                country: "GB".into(),
                ..Default::default()
            }),
            reason: Some("customer called".into()),
            ..edit(&ada)
        })
        .unwrap();
    assert_eq!(
        report.changes,
        vec![
            "line 2 removed",
            "line 3 added: 3 pcs SOAP-OAT",
            "requested 2026-03-20",
            "ship-to",
            "reason: customer called"
        ]
    );
    // The balm's 2 are released; 3 more soap reserved for the new line 3.
    assert_eq!(report.released, dec("2"));
    assert_eq!(report.reserved.get(&3), Some(&dec("3")));
    assert_eq!(lw.stock("BALM").unwrap().reserved, dec("0"));
    assert_eq!(lw.stock(SOAP).unwrap().reserved, dec("7"));
    let order = lw.order(&ada).unwrap();
    assert_eq!(order.lines.len(), 3);
    assert_eq!(order.lines[1].cancelled, dec("2"));
    assert_eq!(order.lines[0].requested_date, Some(date("2026-03-20")));
    assert_eq!(
        order.lines[1].requested_date, None,
        "a removed line keeps its date"
    );
    assert_eq!(order.ship_to.unwrap().city, "London");
    assert_eq!(report.order.lines[1].status, OrderStatus::Cancelled);
    assert_eq!(report.order.status, OrderStatus::ReadyToShip);
    // The removed line cannot be edited again.
    let err = lw.edit_order(set_qty(&ada, 2, "1 pcs")).unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    assert_eq!(err.fields()["id"], format!("{ada}/2"));
    assert_invariants(&lw);
}

fn channel_shop() -> (Lotwise, SkuMap, String) {
    let clock = Arc::new(FixedClock::at(instant("2026-11-05T09:00:00Z")));
    let lw = Lotwise::in_memory_with_clock(clock);
    lw.define_item(NewItem::new(
        "CANDLE-LAV-200",
        "Lavender candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.receive(receipt("CANDLE-LAV-200", "100 pcs", None, None))
        .unwrap();
    let map = SkuMap::from_items(&lw.items().unwrap());
    let id = lw
        .import_order(&shopify::parse_order(SIMPLE, &map).unwrap())
        .unwrap()
        .order
        .unwrap();
    lw.confirm_order(&id).unwrap();
    // Raised from 2 to 5 on Shopify after lotwise confirmed it: flagged.
    let mut changed: serde_json::Value = serde_json::from_slice(UPDATED).unwrap();
    for key in ["quantity", "current_quantity", "fulfillable_quantity"] {
        changed["line_items"][0][key] = 5.into();
    }
    let body = serde_json::to_vec(&changed).unwrap();
    let result = lw
        .import_order(&shopify::parse_order(&body, &map).unwrap())
        .unwrap();
    assert_eq!(result.status, ImportStatus::Flagged);
    (lw, map, id)
}

fn needs_attention(lw: &Lotwise) -> usize {
    lw.desk(&DeskQuery {
        needs_attention: Some(true),
        ..Default::default()
    })
    .unwrap()
    .orders
    .len()
}

#[test]
fn a_flagged_channel_update_is_applied_through_the_edit_path() {
    let (lw, _map, id) = channel_shop();
    assert_eq!(needs_attention(&lw), 1);
    let report = lw.apply_channel_update(&id).unwrap();
    assert_eq!(report.changes[0], "line 1 qty 2 -> 5");
    assert_eq!(
        report.reserved.get(&1),
        Some(&dec("3")),
        "2 held before, 3 more"
    );
    assert_eq!(lw.stock("CANDLE-LAV-200").unwrap().reserved, dec("5"));
    let order = lw.order(&id).unwrap();
    assert!(order.attention.is_empty());
    assert_eq!(order.status, OrderStatus::ReadyToShip);
    assert_eq!(needs_attention(&lw), 0);
    let mut cursor = 0;
    let cleared: Vec<Event> = new_events(&lw, &mut cursor)
        .into_iter()
        .filter(|e| e.kind() == "order_flag_cleared")
        .collect();
    assert_eq!(cleared.len(), 1);
    assert!(matches!(
        cleared[0].data,
        EventData::OrderFlagCleared { applied: true, .. }
    ));
    // Nothing left to apply.
    assert_eq!(
        lw.apply_channel_update(&id).unwrap_err().code(),
        "invalid_transition"
    );
    assert_invariants(&lw);
}

#[test]
fn a_flagged_channel_update_can_be_dismissed_with_a_reason() {
    let (lw, _map, id) = channel_shop();
    let before = lw.snapshot().unwrap();
    let err = lw
        .dismiss_order_flag(DismissOrderFlag {
            id: id.clone(),
            reason: "  ".into(),
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(lw.snapshot().unwrap(), before);
    let order = lw
        .dismiss_order_flag(DismissOrderFlag {
            id: id.clone(),
            reason: "the buyer changed it back by mail".into(),
        })
        .unwrap();
    assert!(order.attention.is_empty());
    assert_eq!(
        order.lines[0].qty,
        qty("2 pcs"),
        "the order stays as it was"
    );
    assert_eq!(needs_attention(&lw), 0);
    let mut cursor = 0;
    let cleared: Vec<Event> = new_events(&lw, &mut cursor)
        .into_iter()
        .filter(|e| e.kind() == "order_flag_cleared")
        .collect();
    match &cleared[0].data {
        EventData::OrderFlagCleared { applied, note, .. } => {
            assert!(!applied);
            assert_eq!(note.as_deref(), Some("the buyer changed it back by mail"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        lw.dismiss_order_flag(DismissOrderFlag {
            id,
            reason: "again".into()
        })
        .unwrap_err()
        .code(),
        "invalid_transition"
    );
}

/// An order edited after it was placed is no longer what its channel
/// sent: the same reference sent again is a duplicate, whether it carries
/// the original lines or the edited ones. Before the edit it is a replay.
#[test]
fn a_reference_sent_again_after_an_edit_is_a_duplicate_not_a_replay() {
    let (lw, _clock) = engine();
    candle_catalog(&lw);
    let sent = |q: &str| new_order("web", Some("W-1001"), "Ada", vec![line(CANDLE, q)]);
    let placed = lw.place_order(sent("10 pcs")).unwrap();
    let id = placed.order.id.clone();
    let again = lw.place_order(sent("10 pcs")).unwrap();
    assert!(again.replayed, "unchanged: a replay");
    assert_eq!(again.order.id, id);

    lw.edit_order(set_qty(&id, 1, "5 pcs")).unwrap();
    for q in ["5 pcs", "10 pcs"] {
        let before = lw.snapshot().unwrap();
        let err = lw.place_order(sent(q)).unwrap_err();
        assert_eq!(err.code(), "duplicate_external_order", "{q}: {err}");
        assert_eq!(lw.snapshot().unwrap(), before, "{q}: nothing written");
    }

    // Edited back to what the channel sent, it is still an edited order:
    // whether a resend is a replay does not depend on the edit history
    // happening to come full circle.
    lw.edit_order(set_qty(&id, 1, "10 pcs")).unwrap();
    let err = lw.place_order(sent("10 pcs")).unwrap_err();
    assert_eq!(err.code(), "duplicate_external_order", "{err}");
}
