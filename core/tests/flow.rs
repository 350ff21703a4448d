//! The seven steps of make-to-order through the public API, asserting at
//! every step what a person (and a downstream system) would check: order and
//! line statuses, the ledger's new movements and balances, lots, reservations,
//! the events written, and that every invariant still holds.
//!
//! The story: a candle maker has 5 lavender candles on the shelf and gets a
//! Shopify order for 20. The other 15 are made in a batch of 24 (two recipe
//! batches); jars run short until a delivery arrives.

#[path = "flow/checks.rs"]
mod checks;
mod common;

use checks::{movement, res, reservations, status_change};
use common::*;
use lotwise::domain::event::EventData;
use lotwise::{Decimal, LotOrigin, MoStatus, OrderStatus, ShipRequest};
use serde_json::json;

#[test]
fn seven_steps_of_make_to_order() {
    let (lw, clock) = engine();
    candle_catalog(&lw);
    lw.receive(receipt(WAX, "20 kg", Some("SW-2602-A"), Some("2027-01-31")))
        .unwrap();
    lw.receive(receipt(OIL, "1 l", Some("FO-LAV-0412"), None))
        .unwrap();
    let wick_lot = lw.receive(receipt(WICK, "100 pcs", None, None)).unwrap();
    let jar_lot_1 = lw.receive(receipt(JAR, "12 pcs", None, None)).unwrap();
    assert_eq!(wick_lot.code, "WICK-CD12-R0001");
    assert_eq!(jar_lot_1.code, "JAR-AMBER-8OZ-R0002");
    lw.adjust_stock(lotwise::Adjustment {
        sku: CANDLE.into(),
        lot: "CL8-OPENING".into(),
        location: None,
        delta: qty("5 pcs"),
        reason: "opening count".into(),
    })
    .unwrap();
    assert_invariants(&lw);
    let mut cursor = 0;
    let mut seen = 0;
    new_events(&lw, &mut cursor);
    assert_eq!(new_movements(&lw, &mut seen).len(), 5);

    // ── Step 1: the order is received ────────────────────────────────────
    let mut request = new_order(
        "shopify",
        Some("1001"),
        "Maya Chen",
        vec![priced(CANDLE, "20 pcs", "24.00 USD")],
    );
    request.customer.email = Some("maya@example.com".into());
    let placed = lw.place_order(request).unwrap();
    assert!(!placed.replayed);
    let so = placed.order.id.clone();
    assert_eq!(so, "SO-000001");
    assert_eq!(placed.order.status, OrderStatus::Placed);
    assert_eq!(placed.order.placed_at, instant(T0));
    assert_eq!(placed.order.confirmed_at, None);
    assert_eq!(placed.order.lines[0].qty, qty("20 pcs"));
    assert_eq!(placed.order.lines[0].unit_price, Some(money("24.00 USD")));
    assert_eq!(placed.order.lines[0].shipped, Decimal::ZERO);
    let events = new_events(&lw, &mut cursor);
    // Someone new: a customer record is created for them first.
    assert_eq!(kinds(&events), ["customer_created", "order_placed"]);
    assert_eq!(events[0].subject, "CU-000001");
    assert_eq!(placed.order.customer.id.as_deref(), Some("CU-000001"));
    let events = &events[1..];
    assert_eq!(events[0].subject, so);
    assert_eq!(
        events[0].data.to_json(),
        json!({ "channel": "shopify", "external_ref": "1001", "customer": "Maya Chen", "lines": 1 })
    );
    assert!(new_movements(&lw, &mut seen).is_empty());
    assert!(reservations(&lw).is_empty(), "placing reserves nothing");
    assert_invariants(&lw);

    // ── Step 2: check finished stock ─────────────────────────────────────
    let candles = lw.stock(CANDLE).unwrap();
    assert_eq!(
        (candles.on_hand, candles.reserved, candles.available),
        (dec("5"), dec("0"), dec("5"))
    );
    assert_eq!(candles.lots.len(), 1);
    assert_eq!(candles.lots[0].lot, "CL8-OPENING");
    assert_eq!(candles.lots[0].expiry, Some(date("2027-03-02")));
    let opening = lw.lot("CL8-OPENING").unwrap();
    assert_eq!(opening.origin, LotOrigin::Adjustment);
    assert_eq!(
        opening.expiry,
        Some(date("2027-03-02")),
        "from the 365-day shelf life"
    );
    assert_eq!(balance(&lw, CANDLE, "CL8-OPENING", "MAIN"), dec("5"));
    assert_eq!(balance(&lw, CANDLE, "CL8-OPENING", "ADJUSTMENT"), dec("-5"));
    assert_eq!(lw.order(&so).unwrap().status, OrderStatus::Placed);
    let to_make = dec("20") - candles.available;
    assert_eq!(to_make, dec("15"));
    assert!(
        new_events(&lw, &mut cursor).is_empty(),
        "queries write nothing"
    );

    // ── Step 3: check materials against the recipe ───────────────────────
    let recipe = lw.recipe(CANDLE).unwrap();
    let batch = recipe.batch_quantity(to_make);
    assert_eq!(batch, dec("24"), "15 rounds up to two batches of 12");
    let items = lw
        .items()
        .unwrap()
        .into_iter()
        .map(|i| (i.sku.clone(), i))
        .collect();
    let needs: Vec<(String, Decimal)> = recipe
        .requirements(batch, &items)
        .into_iter()
        .map(|r| (r.sku, r.qty))
        .collect();
    assert_eq!(
        needs,
        [
            (WAX.to_string(), dec("4896")), // 2 × 2400 g + 2 % scrap
            (OIL.to_string(), dec("480")),
            (WICK.to_string(), dec("24")),
            (JAR.to_string(), dec("24")),
        ]
    );
    let short: Vec<(String, Decimal)> = needs
        .iter()
        .map(|(sku, need)| (sku.clone(), *need - lw.stock(sku).unwrap().available))
        .filter(|(_, missing)| *missing > Decimal::ZERO)
        .collect();
    assert_eq!(short, [(JAR.to_string(), dec("12"))]);

    // ── Step 4: confirm: stock reserved, MO linked to the line, materials reserved ──
    let report = lw.confirm_order(&so).unwrap();
    assert_eq!(report.status, OrderStatus::AwaitingMaterials);
    assert_eq!(report.reserved.get(&1), Some(&dec("5")));
    assert_eq!(report.mos, ["MO-000001"]);
    assert_eq!(report.shortages.len(), 1);
    assert_eq!(
        (
            report.shortages[0].sku.as_str(),
            report.shortages[0].missing,
            report.shortages[0].needed_for.as_str()
        ),
        (JAR, dec("12"), "MO-000001"),
        "the shortage confirm reports is the one step 3 computed"
    );
    let mo = lw.mo("MO-000001").unwrap();
    assert_eq!(mo.product, CANDLE);
    assert_eq!(mo.qty, dec("24"));
    assert_eq!(mo.recipe_version, 1);
    assert_eq!(mo.status, MoStatus::AwaitingMaterials);
    let req: Vec<(String, Decimal)> = mo
        .requirements
        .iter()
        .map(|r| (r.sku.clone(), r.qty))
        .collect();
    assert_eq!(req, needs);
    assert_eq!(mo.allocations.len(), 1);
    assert_eq!(
        (
            mo.allocations[0].order.as_str(),
            mo.allocations[0].line,
            mo.allocations[0].qty,
            mo.allocations[0].delivered
        ),
        (so.as_str(), 1, dec("15"), dec("0"))
    );
    assert_eq!(
        reservations(&lw),
        [
            res(CANDLE, "CL8-OPENING", "5", "SO-000001/1"),
            res(OIL, "FO-LAV-0412", "480", "MO-000001"),
            res(JAR, "JAR-AMBER-8OZ-R0002", "12", "MO-000001"),
            res(WAX, "SW-2602-A", "4896", "MO-000001"),
            res(WICK, "WICK-CD12-R0001", "24", "MO-000001"),
        ]
    );
    let view = lw.order_view(&so).unwrap();
    assert_eq!(view.status, OrderStatus::AwaitingMaterials);
    assert!(!view.delayed);
    let l1 = &view.lines[0];
    assert_eq!(
        (l1.ordered, l1.ready, l1.uncovered),
        (dec("20"), dec("5"), dec("0"))
    );
    assert_eq!(l1.status, OrderStatus::AwaitingMaterials);
    assert_eq!(l1.from_stock.len(), 1);
    assert_eq!(
        (l1.from_stock[0].lot.as_str(), l1.from_stock[0].qty),
        ("CL8-OPENING", dec("5"))
    );
    assert_eq!(l1.from_mos.len(), 1);
    assert_eq!(
        (l1.from_mos[0].mo.as_str(), l1.from_mos[0].qty),
        ("MO-000001", dec("15"))
    );
    let events = new_events(&lw, &mut cursor);
    assert_eq!(
        kinds(&events),
        ["order_confirmed", "mo_created", "order_status_changed"]
    );
    assert_eq!(events[1].subject, "MO-000001");
    assert_eq!(
        events[1].data.to_json(),
        json!({ "product": CANDLE, "qty": "24", "parent_mo": null })
    );
    status_change(&events[2], &so, "placed", "awaiting_materials");
    assert!(
        new_movements(&lw, &mut seen).is_empty(),
        "reserving moves no stock"
    );
    assert_invariants(&lw);

    // The jars arrive; the waiting batch takes the 12 it lacks.
    let jar_lot_2 = lw.receive(receipt(JAR, "36 pcs", None, None)).unwrap();
    assert_eq!(jar_lot_2.code, "JAR-AMBER-8OZ-R0003");
    assert_eq!(
        new_movements(&lw, &mut seen)
            .iter()
            .map(mv)
            .collect::<Vec<_>>(),
        [movement(
            JAR,
            "JAR-AMBER-8OZ-R0003",
            "SUPPLIER",
            "MAIN",
            "36",
            "receipt",
            None
        )]
    );
    assert_eq!(
        lw.mo("MO-000001").unwrap().status,
        MoStatus::MaterialsReserved
    );
    assert_eq!(
        lw.order(&so).unwrap().status,
        OrderStatus::MaterialsReserved
    );
    assert!(reservations(&lw).contains(&res(JAR, "JAR-AMBER-8OZ-R0003", "12", "MO-000001")));
    let events = new_events(&lw, &mut cursor);
    assert_eq!(
        kinds(&events),
        [
            "stock_received",
            "mo_status_changed",
            "order_status_changed"
        ]
    );
    assert_eq!(events[0].data.to_json()["lot"], "JAR-AMBER-8OZ-R0003");
    status_change(
        &events[1],
        "MO-000001",
        "awaiting_materials",
        "materials_reserved",
    );
    status_change(&events[2], &so, "awaiting_materials", "materials_reserved");
    assert_invariants(&lw);

    // ── Step 5: produce: start consumes the reserved lots, complete makes the output lot ──
    clock.advance_days(1);
    let started = lw.start_mo("MO-000001").unwrap();
    assert_eq!(started.status, MoStatus::InProduction);
    assert_eq!(started.started_at, Some(instant("2026-03-03T09:00:00Z")));
    let consumed: Vec<(&str, Decimal)> = started
        .consumed
        .iter()
        .map(|c| (c.lot.as_str(), c.qty))
        .collect();
    assert_eq!(
        consumed,
        [
            ("SW-2602-A", dec("4896")),
            ("FO-LAV-0412", dec("480")),
            ("WICK-CD12-R0001", dec("24")),
            ("JAR-AMBER-8OZ-R0002", dec("12")),
            ("JAR-AMBER-8OZ-R0003", dec("12")),
        ]
    );
    let doc = Some("MO-000001");
    assert_eq!(
        new_movements(&lw, &mut seen)
            .iter()
            .map(mv)
            .collect::<Vec<_>>(),
        [
            movement(
                WAX,
                "SW-2602-A",
                "MAIN",
                "PRODUCTION",
                "4896",
                "consumption",
                doc
            ),
            movement(
                OIL,
                "FO-LAV-0412",
                "MAIN",
                "PRODUCTION",
                "480",
                "consumption",
                doc
            ),
            movement(
                WICK,
                "WICK-CD12-R0001",
                "MAIN",
                "PRODUCTION",
                "24",
                "consumption",
                doc
            ),
            movement(
                JAR,
                "JAR-AMBER-8OZ-R0002",
                "MAIN",
                "PRODUCTION",
                "12",
                "consumption",
                doc
            ),
            movement(
                JAR,
                "JAR-AMBER-8OZ-R0003",
                "MAIN",
                "PRODUCTION",
                "12",
                "consumption",
                doc
            ),
        ]
    );
    assert_eq!(balance(&lw, WAX, "SW-2602-A", "MAIN"), dec("15104"));
    assert_eq!(balance(&lw, WAX, "SW-2602-A", "PRODUCTION"), dec("4896"));
    assert_eq!(balance(&lw, WAX, "SW-2602-A", "SUPPLIER"), dec("-20000"));
    assert_eq!(
        balance(&lw, JAR, "JAR-AMBER-8OZ-R0002", "MAIN"),
        Decimal::ZERO
    );
    assert_eq!(
        reservations(&lw),
        [res(CANDLE, "CL8-OPENING", "5", "SO-000001/1")],
        "consumed inputs are no longer reserved"
    );
    assert_eq!(lw.order(&so).unwrap().status, OrderStatus::InProduction);
    let events = new_events(&lw, &mut cursor);
    assert_eq!(
        kinds(&events),
        ["mo_status_changed", "order_status_changed"]
    );
    status_change(
        &events[0],
        "MO-000001",
        "materials_reserved",
        "in_production",
    );
    status_change(&events[1], &so, "materials_reserved", "in_production");
    assert_invariants(&lw);

    clock.advance_days(1);
    let done = lw
        .complete_mo("MO-000001", lotwise::Completion::default())
        .unwrap();
    assert_eq!(done.status, MoStatus::Completed);
    let output = done.output.clone().unwrap();
    let batch_lot = output.lot.clone();
    assert_eq!(batch_lot, "CANDLE-LAV-8OZ-B000001");
    assert_eq!((output.good, output.scrap), (dec("24"), dec("0")));
    assert_eq!(output.expiry, Some(date("2027-03-04")));
    let lot = lw.lot(&batch_lot).unwrap();
    assert_eq!(lot.sku, CANDLE);
    assert_eq!(
        lot.origin,
        LotOrigin::Production {
            mo: "MO-000001".into()
        }
    );
    assert_eq!(
        lot.expiry,
        Some(date("2027-03-04")),
        "365 days from the day it was made"
    );
    assert_eq!(lot.created_at, instant("2026-03-04T09:00:00Z"));
    assert_eq!(
        new_movements(&lw, &mut seen)
            .iter()
            .map(mv)
            .collect::<Vec<_>>(),
        [movement(
            CANDLE,
            &batch_lot,
            "PRODUCTION",
            "MAIN",
            "24",
            "production",
            doc
        )]
    );
    let back = lw.trace_backward(&batch_lot).unwrap();
    let inputs: Vec<(&str, Decimal)> = back
        .edges
        .iter()
        .map(|e| (e.from_lot.as_str(), e.qty))
        .collect();
    assert_eq!(
        inputs, consumed,
        "every consumed lot is linked to the output lot"
    );

    assert_eq!(balance(&lw, CANDLE, &batch_lot, "MAIN"), dec("24"));
    assert_eq!(balance(&lw, CANDLE, &batch_lot, "PRODUCTION"), dec("-24"));
    assert_eq!(
        balance(&lw, WAX, "SW-2602-A", "PRODUCTION"),
        dec("4896"),
        "consumed inputs stay booked at production"
    );

    // ── Step 6: the output is allocated to the linked line ───────────────
    assert_eq!(done.allocations[0].delivered, dec("15"));
    assert_eq!(
        reservations(&lw),
        [
            res(CANDLE, "CANDLE-LAV-8OZ-B000001", "15", "SO-000001/1"),
            res(CANDLE, "CL8-OPENING", "5", "SO-000001/1"),
        ]
    );
    let view = lw.order_view(&so).unwrap();
    assert_eq!(view.status, OrderStatus::ReadyToShip);
    assert_eq!(view.lines[0].status, OrderStatus::ReadyToShip);
    assert_eq!(view.lines[0].ready, dec("20"));
    assert_eq!(view.lines[0].from_mos[0].status, MoStatus::Completed);
    assert_eq!(view.lines[0].from_mos[0].delivered, dec("15"));
    let mo_lines = lw.mo_lines("MO-000001").unwrap();
    assert_eq!(mo_lines.len(), 1);
    assert_eq!(
        (mo_lines[0].customer.as_str(), mo_lines[0].delivered),
        ("Maya Chen", dec("15"))
    );
    let candles = lw.stock(CANDLE).unwrap();
    assert_eq!(
        (candles.on_hand, candles.reserved, candles.available),
        (dec("29"), dec("20"), dec("9")),
        "the 9 not ordered are free stock"
    );
    let events = new_events(&lw, &mut cursor);
    assert_eq!(
        kinds(&events),
        ["mo_status_changed", "mo_completed", "order_status_changed"]
    );
    status_change(&events[0], "MO-000001", "in_production", "completed");
    assert_eq!(
        events[1].data.to_json(),
        json!({ "lot": batch_lot, "good": "24 pcs", "scrap": "0 pcs" })
    );
    status_change(&events[2], &so, "in_production", "ready_to_ship");
    assert_invariants(&lw);

    // ── Step 7: ship with carrier and tracking ───────────────────────────
    let shipment = lw
        .ship(
            &so,
            ShipRequest {
                carrier: "USPS".into(),
                tracking: "9400111899223344556677".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(shipment.id, "SH-000001");
    assert_eq!(shipment.shipped_at, instant("2026-03-04T09:00:00Z"));
    let shipped: Vec<(u32, &str, Decimal)> = shipment
        .lines
        .iter()
        .map(|l| (l.line, l.lot.as_str(), l.qty))
        .collect();
    assert_eq!(
        shipped,
        [
            (1, "CL8-OPENING", dec("5")),
            (1, batch_lot.as_str(), dec("15"))
        ],
        "the earliest-expiring lot leaves first"
    );
    let sh = Some("SH-000001");
    assert_eq!(
        new_movements(&lw, &mut seen)
            .iter()
            .map(mv)
            .collect::<Vec<_>>(),
        [
            movement(
                CANDLE,
                "CL8-OPENING",
                "MAIN",
                "CUSTOMER",
                "5",
                "shipment",
                sh
            ),
            movement(CANDLE, &batch_lot, "MAIN", "CUSTOMER", "15", "shipment", sh),
        ]
    );
    assert_eq!(balance(&lw, CANDLE, &batch_lot, "MAIN"), dec("9"));
    assert_eq!(balance(&lw, CANDLE, &batch_lot, "CUSTOMER"), dec("15"));
    assert_eq!(balance(&lw, CANDLE, "CL8-OPENING", "MAIN"), Decimal::ZERO);
    assert!(reservations(&lw).is_empty());
    let order = lw.order(&so).unwrap();
    assert_eq!(order.status, OrderStatus::Shipped);
    assert_eq!(order.lines[0].shipped, dec("20"));
    let events = new_events(&lw, &mut cursor);
    assert_eq!(kinds(&events), ["order_shipped", "order_status_changed"]);
    let notice = &events[0];
    assert_eq!(notice.subject, so);
    let EventData::OrderShipped {
        shipment,
        carrier,
        tracking,
        customer,
        email,
        lines,
    } = &notice.data
    else {
        panic!("{notice:?}");
    };
    assert_eq!(
        (
            shipment.as_str(),
            carrier.as_str(),
            tracking.as_str(),
            customer.as_str(),
            email.as_deref(),
        ),
        (
            "SH-000001",
            "USPS",
            "9400111899223344556677",
            "Maya Chen",
            Some("maya@example.com"),
        )
    );
    assert_eq!(lines.len(), 2);
    status_change(&events[1], &so, "ready_to_ship", "shipped");
    assert_invariants(&lw);

    // The whole story is traceable from the wax lot to the customer.
    let recall = lw.recall("SW-2602-A").unwrap();
    assert_eq!(recall.customers, ["Maya Chen"]);
    assert_eq!(recall.orders, [so.as_str()]);
    assert_eq!(recall.deliveries.len(), 1);
    assert_eq!(recall.deliveries[0].qty, dec("15"));
    assert!(new_events(&lw, &mut cursor).is_empty());
}
