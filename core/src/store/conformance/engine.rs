//! Engine-level conformance: whole commands on a backend behave as on the
//! in-memory reference, fail with the same errors and change nothing when
//! they fail.

use rust_decimal::Decimal;

use super::engine as new_engine;
use crate::domain::catalog::{ItemKind, NewItem};
use crate::domain::location::{default_locations, Location, LocationKind};
use crate::domain::order::{Customer, NewOrder, NewOrderLine, OrderStatus};
use crate::domain::production::{Completion, MoStatus};
use crate::domain::quantity::Uom;
use crate::domain::recipe::{NewRecipe, NewRecipeInput};
use crate::domain::shipment::ShipRequest;
use crate::engine::{Adjustment, Receipt};
use crate::error::Error;
use crate::store::{Store, TxMode};
use crate::Lotwise;

/// Defines wax, jars and a candle made of them, receives stock and returns
/// the wax and jar lot codes.
pub fn candle_shop(lw: &Lotwise) -> (String, String) {
    lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))
        .unwrap();
    lw.define_item(NewItem::new("JAR", "Jar", ItemKind::Packaging, Uom::Pcs))
        .unwrap();
    lw.define_item(NewItem::new(
        "CANDLE",
        "Candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: "CANDLE".into(),
        batch_size: "12 pcs".parse().unwrap(),
        inputs: vec![
            NewRecipeInput {
                sku: "WAX".into(),
                qty: "2.4 kg".parse().unwrap(),
                scrap_pct: Decimal::ZERO,
            },
            NewRecipeInput {
                sku: "JAR".into(),
                qty: "12 pcs".parse().unwrap(),
                scrap_pct: Decimal::ZERO,
            },
        ],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    let wax = lw
        .receive(Receipt::new("WAX", "10 kg".parse().unwrap()))
        .unwrap();
    let jar = lw
        .receive(Receipt::new("JAR", "100 pcs".parse().unwrap()))
        .unwrap();
    (wax.code, jar.code)
}

/// A one-line order for `qty` candles.
pub fn candle_order(external_ref: &str, qty: &str) -> NewOrder {
    NewOrder {
        channel: "etsy".into(),
        external_ref: Some(external_ref.into()),
        customer: Customer {
            name: "Grace Hopper".into(),
            email: None,
            ..Default::default()
        },
        ship_to: None,
        lines: vec![NewOrderLine {
            sku: "CANDLE".into(),
            qty: qty.parse().unwrap(),
            unit_price: Some("18.00 USD".parse().unwrap()),
            requested_date: None,
            lot: None,
            min_remaining_shelf_life_days: None,
        }],
        tags: vec![],
        notes: None,
    }
}

fn ship_request() -> ShipRequest {
    ShipRequest {
        carrier: "USPS".into(),
        tracking: "9400".into(),
        ..Default::default()
    }
}

/// Place, confirm, make, ship and trace one order.
pub fn engine_full_order_cycle(store: Box<dyn Store>) {
    let (lw, _clock) = new_engine(store);
    let (wax_lot, jar_lot) = candle_shop(&lw);
    let placed = lw.place_order(candle_order("3141592", "3 pcs")).unwrap();
    assert!(!placed.replayed);
    let id = placed.order.id;
    assert_eq!(id, "SO-000001");
    let again = lw.place_order(candle_order("3141592", "3 pcs")).unwrap();
    assert!(again.replayed, "same external ref replays");
    let report = lw.confirm_order(&id).unwrap();
    assert_eq!(report.status, OrderStatus::MaterialsReserved);
    assert_eq!(report.mos, ["MO-000001"]);
    let mo = &report.mos[0];
    assert_eq!(lw.stock("WAX").unwrap().reserved, Decimal::from(2400));
    lw.start_mo(mo).unwrap();
    assert_eq!(lw.mo(mo).unwrap().status, MoStatus::InProduction);
    lw.complete_mo(mo, Completion::default()).unwrap();
    assert_eq!(lw.order(&id).unwrap().status, OrderStatus::ReadyToShip);
    let shipment = lw.ship(&id, ship_request()).unwrap();
    assert_eq!(shipment.id, "SH-000001");
    assert_eq!(lw.order(&id).unwrap().status, OrderStatus::Shipped);

    let batch = lw.mo(mo).unwrap().output.unwrap().lot;
    assert_eq!(batch, "CANDLE-B000001");
    assert_eq!(lw.stock("CANDLE").unwrap().on_hand, Decimal::from(9));
    assert_eq!(lw.stock("WAX").unwrap().on_hand, Decimal::from(7600));
    let back = lw.trace_backward(&batch).unwrap();
    let mut lots: Vec<_> = back.lots.iter().map(|l| l.lot.clone()).collect();
    lots.sort();
    let mut expected = vec![batch.clone(), jar_lot, wax_lot.clone()];
    expected.sort();
    assert_eq!(lots, expected);
    let recall = lw.recall(&wax_lot).unwrap();
    assert_eq!(recall.customers, ["Grace Hopper"]);
    assert_eq!(lw.check_invariants().unwrap(), Vec::<String>::new());

    let events = lw.events_after(0, usize::MAX).unwrap();
    assert!(events.len() > 8, "{} events", events.len());
    assert_eq!(lw.pending_events("mailer", 3).unwrap(), events[..3]);
    lw.ack_events("mailer", 3).unwrap();
    assert_eq!(lw.event_cursor("mailer").unwrap(), 3);
    assert_eq!(lw.pending_events("mailer", 1).unwrap(), events[3..4]);
}

/// Placing and confirming in one command leaves exactly what the two
/// commands leave (same ids, records and events), replays like placing,
/// and confirms an order found again only while it is still placed.
pub fn engine_place_and_confirm_in_one_command(store: Box<dyn Store>) {
    let (lw, clock) = new_engine(store);
    let reference = Lotwise::in_memory_with_clock(clock);
    candle_shop(&lw);
    candle_shop(&reference);

    let accepted = lw
        .place_and_confirm_order(candle_order("A-1", "3 pcs"))
        .unwrap();
    assert!(!accepted.placed.replayed);
    let report = accepted.confirmed.expect("confirmed by the call");
    assert_eq!(report.status, OrderStatus::MaterialsReserved);
    assert_eq!(report.mos, ["MO-000001"]);
    let id = reference
        .place_order(candle_order("A-1", "3 pcs"))
        .unwrap()
        .order
        .id;
    assert_eq!(reference.confirm_order(&id).unwrap(), report);
    // Reservation ids are internal and may skip on Postgres (sequences):
    // compared by rank.
    let ranked = |mut s: crate::Snapshot| {
        for (r, n) in s.reservations.iter_mut().zip(1..) {
            r.id = n;
        }
        s
    };
    assert_eq!(
        ranked(lw.snapshot().unwrap()),
        ranked(reference.snapshot().unwrap())
    );

    // The webhook again: found, already confirmed, nothing written.
    let before = lw.snapshot().unwrap();
    let again = lw
        .place_and_confirm_order(candle_order("A-1", "3 pcs"))
        .unwrap();
    assert!(again.placed.replayed && again.confirmed.is_none());
    assert_eq!(again.placed.order.id, id);
    assert_eq!(lw.snapshot().unwrap(), before);
    // Other content under the same reference: refused, nothing written.
    let err = lw
        .place_and_confirm_order(candle_order("A-1", "4 pcs"))
        .unwrap_err();
    assert_eq!(err.code(), "duplicate_external_order");
    assert_eq!(lw.snapshot().unwrap(), before);

    // Placed earlier but not confirmed: the call confirms it.
    let placed = lw.place_order(candle_order("A-2", "1 pcs")).unwrap();
    assert_eq!(placed.order.id, "SO-000002", "replays took no number");
    let later = lw
        .place_and_confirm_order(candle_order("A-2", "1 pcs"))
        .unwrap();
    assert!(later.placed.replayed);
    assert_eq!(later.placed.order.id, placed.order.id);
    assert!(later.confirmed.is_some());
    assert_eq!(
        lw.order(&placed.order.id).unwrap().status,
        OrderStatus::MaterialsReserved
    );
    assert_eq!(lw.check_invariants().unwrap(), Vec::<String>::new());
}

/// Commands that fail leave the snapshot exactly as it was.
pub fn engine_failed_commands_change_nothing(store: Box<dyn Store>) {
    let (lw, _clock) = new_engine(store);
    let (wax_lot, _) = candle_shop(&lw);
    let id = lw
        .place_order(candle_order("A-1", "3 pcs"))
        .unwrap()
        .order
        .id;
    let before = lw.snapshot().unwrap();

    let mut failures: Vec<Error> = vec![
        lw.confirm_order("SO-999999").unwrap_err(),
        lw.ship(&id, ship_request()).unwrap_err(),
    ];
    failures.push(
        lw.define_item(NewItem::new("WAX", "Again", ItemKind::Material, Uom::G))
            .unwrap_err(),
    );
    failures.push(
        lw.receive(Receipt::new("WAX", "3 pcs".parse().unwrap()))
            .unwrap_err(),
    );
    let mut two_lines = candle_order("A-2", "1 pcs");
    let mut bad_line = two_lines.lines[0].clone();
    bad_line.sku = "NOPE".into();
    two_lines.lines.push(bad_line);
    failures.push(lw.place_order(two_lines).unwrap_err());
    failures.push(lw.place_order(candle_order("A-1", "4 pcs")).unwrap_err());
    failures.push(
        lw.adjust_stock(Adjustment {
            sku: "WAX".into(),
            lot: wax_lot,
            location: None,
            delta: "-11 kg".parse().unwrap(),
            reason: "spilled".into(),
        })
        .unwrap_err(),
    );
    failures.push(lw.start_mo("MO-000404").unwrap_err());
    failures.push(lw.ack_events("mailer", 10_000).unwrap_err());

    let codes: Vec<_> = failures.iter().map(Error::code).collect();
    assert_eq!(
        codes,
        [
            "unknown_order",
            "invalid_transition",
            "duplicate_sku",
            "unit_mismatch",
            "unknown_sku",
            "duplicate_external_order",
            "insufficient_stock",
            "unknown_mo",
            "invalid_input",
        ]
    );
    assert_eq!(lw.snapshot().unwrap(), before);
    assert_eq!(lw.check_invariants().unwrap(), Vec::<String>::new());
}

/// Errors carry the same data on every backend.
pub fn engine_same_errors(store: Box<dyn Store>) {
    let (lw, _clock) = new_engine(store);
    let (_, jar_lot) = candle_shop(&lw);
    let err = lw
        .adjust_stock(Adjustment {
            sku: "JAR".into(),
            lot: jar_lot,
            location: None,
            delta: "-101 pcs".parse().unwrap(),
            reason: "count".into(),
        })
        .unwrap_err();
    assert_eq!(
        err,
        Error::InsufficientStock {
            sku: "JAR".into(),
            requested: Decimal::from(101),
            available: Decimal::from(100),
        }
    );
    assert_eq!(
        lw.lot("NOPE").unwrap_err(),
        Error::UnknownLot { lot: "NOPE".into() }
    );
    let id = lw
        .place_order(candle_order("B-1", "2 pcs"))
        .unwrap()
        .order
        .id;
    lw.cancel_order(&id).unwrap();
    let err = lw.confirm_order(&id).unwrap_err();
    assert_eq!(err.code(), "invalid_transition", "{err}");
    assert_eq!(lw.order(&id).unwrap().status, OrderStatus::Cancelled);
}

/// An engine on a store that already holds data keeps it: bootstrap only
/// adds missing default locations, and ids continue from stored counters.
pub fn engine_reopen_is_idempotent(store: Box<dyn Store>) {
    let mut tx = store.begin(TxMode::Write).unwrap();
    tx.put_location(&Location {
        code: "MAIN".into(),
        name: "Back room".into(),
        kind: LocationKind::Internal,
    })
    .unwrap();
    assert_eq!(tx.next_id("order").unwrap(), 1);
    tx.commit().unwrap();
    let (lw, _clock) = new_engine(store);
    let locations = lw.snapshot().unwrap().locations;
    let main = locations.iter().find(|l| l.code == "MAIN").unwrap();
    assert_eq!(main.name, "Back room");
    assert_eq!(locations.len(), default_locations().len());
    candle_shop(&lw);
    let next = lw.place_order(candle_order("C-2", "1 pcs")).unwrap();
    assert_eq!(next.order.id, "SO-000002");
}
