//! Bad input, one case per row: each case builds a populated state, takes a
//! full snapshot, runs one bad command, and checks the typed error (its
//! stable code and the offending values) and that the snapshot is unchanged
//! — a refused command writes nothing, not even an event.

mod common;

use std::sync::Arc;

use common::*;
use lotwise::{
    Adjustment, Completion, Customer, FixedClock, ItemKind, LocationKind, Lotwise, NewItem,
    NewRecipe, Qty, Receipt, ShipLine, ShipRequest, Uom,
};
use serde_json::{json, Value};

/// A populated engine: the candle catalog; wax, oil, wicks and only 6 jars;
/// 10 candles of lot `CL-1`; order SO-000001 (3 candles) shipped as
/// SH-000001, SO-000002 (4 candles) ready to ship, SO-000003 (15 candles)
/// placed, not confirmed.
struct Fx {
    lw: Lotwise,
    clock: Arc<FixedClock>,
}

fn populated() -> Fx {
    let (lw, clock) = engine();
    candle_catalog(&lw);
    lw.receive(receipt(WAX, "20 kg", Some("SW-A"), Some("2027-01-31")))
        .unwrap();
    lw.receive(receipt(OIL, "1 l", Some("FO-A"), None)).unwrap();
    lw.receive(receipt(WICK, "100 pcs", Some("WICK-1"), None))
        .unwrap();
    lw.receive(receipt(JAR, "6 pcs", Some("JAR-1"), None))
        .unwrap();
    lw.receive(receipt(CANDLE, "10 pcs", Some("CL-1"), None))
        .unwrap();
    let shipped = place(&lw, "shopify", "1001", "Ada Byron", "3 pcs");
    lw.confirm_order(&shipped).unwrap();
    lw.ship(&shipped, ship_all()).unwrap();
    let ready = place(&lw, "etsy", "5001", "Blaise Pascal", "4 pcs");
    lw.confirm_order(&ready).unwrap();
    place(&lw, "wholesale", "PO-1", "Corner Shop", "15 pcs");
    assert_invariants(&lw);
    Fx { lw, clock }
}

fn place(lw: &Lotwise, channel: &str, ext: &str, customer: &str, q: &str) -> String {
    let order = new_order(
        channel,
        Some(ext),
        customer,
        vec![priced(CANDLE, q, "24.00 USD")],
    );
    lw.place_order(order).unwrap().order.id
}

fn ship_all() -> ShipRequest {
    ShipRequest {
        carrier: "USPS".into(),
        tracking: "9400111899220000000001".into(),
        ..Default::default()
    }
}

// ── Extra preparation some cases need ─────────────────────────────────────

fn nothing(_: &Fx) {}

/// SO-000003 confirmed: 3 candles reserved, MO-000001 (12) awaiting 6 jars.
fn mo_awaiting(fx: &Fx) {
    let report = fx.lw.confirm_order("SO-000003").unwrap();
    assert_eq!(report.mos, ["MO-000001"]);
    assert_eq!(
        fx.lw.mo("MO-000001").unwrap().status.as_str(),
        "awaiting_materials"
    );
}

/// As [`mo_awaiting`], then the jars arrive: MO-000001 has its materials.
fn mo_reserved(fx: &Fx) {
    mo_awaiting(fx);
    fx.lw
        .receive(receipt(JAR, "30 pcs", Some("JAR-2"), None))
        .unwrap();
    assert_eq!(
        fx.lw.mo("MO-000001").unwrap().status.as_str(),
        "materials_reserved"
    );
}

fn mo_started(fx: &Fx) {
    mo_reserved(fx);
    fx.lw.start_mo("MO-000001").unwrap();
}

/// MO-000001 has its materials, and its wax lot SW-A expired yesterday.
fn wax_expired(fx: &Fx) {
    mo_reserved(fx);
    fx.clock.set(instant("2027-02-01T09:00:00Z"));
}

/// The candles reserved for SO-000002 (lot CL-1, expiry 2027-03-02) expired.
fn candles_expired(fx: &Fx) {
    fx.clock.set(instant("2027-03-03T09:00:00Z"));
}

fn order_cancelled(fx: &Fx) {
    fx.lw.cancel_order("SO-000003").unwrap();
}

fn mailer_acked(fx: &Fx) {
    fx.lw.ack_events("mailer", 10).unwrap();
}

/// A gift set made of candles: WAX <- CANDLE <- GIFT-SET.
fn gift_set(fx: &Fx) {
    fx.lw
        .define_item(NewItem::new(
            "GIFT-SET",
            "Candle trio",
            ItemKind::Product,
            Uom::Pcs,
        ))
        .unwrap();
    fx.lw
        .define_recipe(recipe("GIFT-SET", "1 pcs", &[(CANDLE, "3 pcs")]))
        .unwrap();
}

// ── Input builders for the bad commands ───────────────────────────────────

fn recipe(product: &str, batch: &str, inputs: &[(&str, &str)]) -> NewRecipe {
    NewRecipe {
        product: product.into(),
        batch_size: qty(batch),
        inputs: inputs.iter().map(|(s, q)| input(s, q, "0")).collect(),
        yield_pct: None,
        operations: vec![],
    }
}

fn place_lines(fx: &Fx, lines: Vec<lotwise::NewOrderLine>) -> lotwise::Result<()> {
    fx.lw
        .place_order(new_order("manual", None, "Dana Scully", lines))
        .map(drop)
}

fn adjust(fx: &Fx, lot: &str, delta: &str, reason: &str) -> lotwise::Result<()> {
    fx.lw
        .adjust_stock(Adjustment {
            sku: CANDLE.into(),
            lot: lot.into(),
            location: None,
            delta: qty(delta),
            reason: reason.into(),
        })
        .map(drop)
}

fn ship(
    fx: &Fx,
    order: &str,
    carrier: &str,
    tracking: &str,
    lines: Vec<ShipLine>,
) -> lotwise::Result<()> {
    let request = ShipRequest {
        lines,
        carrier: carrier.into(),
        tracking: tracking.into(),
        label: None,
    };
    fx.lw.ship(order, request).map(drop)
}

fn define_recipe(fx: &Fx, r: NewRecipe) -> lotwise::Result<()> {
    fx.lw.define_recipe(r).map(drop)
}

fn complete(fx: &Fx, c: Completion) -> lotwise::Result<()> {
    fx.lw.complete_mo("MO-000001", c).map(drop)
}

fn receive(fx: &Fx, r: Receipt) -> lotwise::Result<()> {
    fx.lw.receive(r).map(drop)
}

// ── The table ─────────────────────────────────────────────────────────────

struct Case {
    name: &'static str,
    setup: fn(&Fx),
    run: fn(&Fx) -> lotwise::Result<()>,
    code: &'static str,
    fields: Value,
}

fn case(
    name: &'static str,
    run: fn(&Fx) -> lotwise::Result<()>,
    code: &'static str,
    fields: Value,
) -> Case {
    Case {
        name,
        setup: nothing,
        run,
        code,
        fields,
    }
}

fn after(setup: fn(&Fx), c: Case) -> Case {
    Case { setup, ..c }
}

// One row per case reads as a table; rustfmt would spread each over six lines.
#[rustfmt::skip]
fn cases() -> Vec<Case> {
    vec![
        case("unknown sku",
            |fx| place_lines(fx, vec![line("CANDLE-ROSE", "2 pcs")]),
            "unknown_sku", json!({ "sku": "CANDLE-ROSE" })),
        case("zero quantity",
            |fx| receive(fx, receipt(WAX, "0 kg", None, None)),
            "invalid_quantity", json!({ "field": "qty", "value": "0 kg", "reason": "must be greater than zero" })),
        case("negative quantity",
            |fx| place_lines(fx, vec![line(CANDLE, "-2 pcs")]),
            "invalid_quantity", json!({ "field": "lines[0].qty", "value": "-2 pcs", "reason": "must be greater than zero" })),
        case("fractional pieces",
            |fx| receive(fx, receipt(JAR, "2.5 pcs", None, None)),
            "invalid_quantity", json!({ "field": "qty", "value": "2.5 pcs", "reason": "pieces must be whole" })),
        case("unit of another dimension",
            |fx| receive(fx, receipt(WAX, "2 l", None, None)),
            "unit_mismatch", json!({ "expected": "mass (g)", "got": "l" })),
        case("unknown unit in parse",
            |fx| receive(fx, Receipt::new(WAX, "3 furlongs".parse::<Qty>()?)),
            "unknown_unit", json!({ "unit": "furlongs" })),
        case("exponent in a quantity",
            |fx| receive(fx, Receipt::new(WAX, "1e3 g".parse::<Qty>()?)),
            "invalid_quantity", json!({ "value": "1e3", "reason": "not a decimal number" })),
        case("recipe cycle, direct",
            |fx| define_recipe(fx, recipe(CANDLE, "12 pcs", &[(CANDLE, "1 pcs")])),
            "recipe_cycle", json!({ "path": [CANDLE, CANDLE] })),
        case("recipe cycle, through the candle",
            |fx| define_recipe(fx, recipe(WAX, "1 kg", &[(CANDLE, "1 pcs")])),
            "recipe_cycle", json!({ "path": [WAX, CANDLE, WAX] })),
        after(gift_set, case("recipe cycle, two levels deep",
            |fx| define_recipe(fx, recipe(WAX, "1 kg", &[("GIFT-SET", "1 pcs")])),
            "recipe_cycle", json!({ "path": [WAX, "GIFT-SET", CANDLE, WAX] }))),
        case("recipe with an unknown input",
            |fx| define_recipe(fx, recipe(CANDLE, "12 pcs", &[("ROSE-OIL", "1 ml")])),
            "unknown_sku", json!({ "sku": "ROSE-OIL" })),
        case("recipe with a 100 % scrap allowance",
            |fx| {
                let mut r = recipe(CANDLE, "12 pcs", &[(WAX, "2.4 kg")]);
                r.inputs[0].scrap_pct = dec("100");
                define_recipe(fx, r)
            },
            "invalid_input", json!({ "field": "scrap_pct", "value": "100" })),
        case("duplicate sku",
            |fx| fx.lw.define_item(NewItem::new(WAX, "Soy wax again", ItemKind::Material, Uom::G)).map(drop),
            "duplicate_sku", json!({ "sku": WAX })),
        case("sku with a space",
            |fx| fx.lw.define_item(NewItem::new("ROSE OIL", "Rose oil", ItemKind::Material, Uom::Ml)).map(drop),
            "invalid_input", json!({ "field": "sku", "value": "ROSE OIL" })),
        case("duplicate location",
            |fx| fx.lw.define_location("MAIN", "Another main", LocationKind::Internal).map(drop),
            "duplicate_location", json!({ "location": "MAIN" })),
        case("ship more than ready",
            |fx| ship(fx, "SO-000002", "USPS", "9400", vec![ShipLine { line: 1, qty: Some(qty("5 pcs")) }]),
            "not_ready_to_ship", json!({ "order": "SO-000002", "line": 1, "requested": "5", "ready": "4" })),
        case("ship an unknown line",
            |fx| ship(fx, "SO-000002", "USPS", "9400", vec![ShipLine { line: 9, qty: None }]),
            "unknown_order_line", json!({ "order": "SO-000002", "line": 9 })),
        case("ship an order that is not confirmed",
            |fx| ship(fx, "SO-000003", "USPS", "9400", vec![]),
            "invalid_transition", json!({ "entity": "order", "id": "SO-000003", "from": "placed", "action": "ship" })),
        after(order_cancelled, case("ship a cancelled order",
            |fx| ship(fx, "SO-000003", "USPS", "9400", vec![]),
            "invalid_transition", json!({ "entity": "order", "id": "SO-000003", "from": "cancelled", "action": "ship" }))),
        case("empty carrier",
            |fx| ship(fx, "SO-000002", "", "9400", vec![]),
            "invalid_input", json!({ "field": "carrier", "value": "" })),
        case("blank tracking number",
            |fx| ship(fx, "SO-000002", "USPS", "   ", vec![]),
            "invalid_input", json!({ "field": "tracking", "value": "   " })),
        case("confirm twice",
            |fx| fx.lw.confirm_order("SO-000002").map(drop),
            "invalid_transition", json!({ "entity": "order", "id": "SO-000002", "from": "ready_to_ship", "action": "confirm" })),
        case("re-plan an order that is not confirmed",
            |fx| fx.lw.replan_order("SO-000003").map(drop),
            "invalid_transition", json!({ "entity": "order", "id": "SO-000003", "from": "placed", "action": "replan" })),
        case("cancel a shipped order",
            |fx| fx.lw.cancel_order("SO-000001").map(drop),
            "invalid_transition", json!({ "entity": "order", "id": "SO-000001", "from": "shipped", "action": "cancel" })),
        after(mo_awaiting, case("start an MO awaiting materials",
            |fx| fx.lw.start_mo("MO-000001").map(drop),
            "invalid_transition", json!({ "entity": "mo", "id": "MO-000001", "from": "awaiting_materials", "action": "start" }))),
        after(mo_reserved, case("complete an MO not started",
            |fx| complete(fx, Completion::default()),
            "invalid_transition", json!({ "entity": "mo", "id": "MO-000001", "from": "materials_reserved", "action": "complete" }))),
        after(mo_started, case("complete into another item's lot code",
            |fx| complete(fx, Completion { lot: Some("SW-A".into()), ..Default::default() }),
            "duplicate_lot", json!({ "lot": "SW-A" }))),
        after(mo_started, case("complete with output in kilograms",
            |fx| complete(fx, Completion { good_qty: Some(qty("2 kg")), ..Default::default() }),
            "unit_mismatch", json!({ "expected": "count (pcs)", "got": "kg" }))),
        after(wax_expired, case("consume an expired lot",
            |fx| fx.lw.start_mo("MO-000001").map(drop),
            "lot_expired", json!({ "lot": "SW-A", "expiry": "2027-01-31" }))),
        after(candles_expired, case("ship an expired lot",
            |fx| ship(fx, "SO-000002", "USPS", "9400", vec![]),
            "lot_expired", json!({ "lot": "CL-1", "expiry": "2027-03-02" }))),
        case("duplicate external order ref with other content",
            |fx| {
                let order = new_order("shopify", Some("1001"), "Ada Byron", vec![priced(CANDLE, "4 pcs", "24.00 USD")]);
                fx.lw.place_order(order).map(drop)
            },
            "duplicate_external_order", json!({ "channel": "shopify", "external_ref": "1001" })),
        case("order with no lines",
            |fx| place_lines(fx, vec![]),
            "invalid_input", json!({ "field": "lines", "value": "[]" })),
        case("empty customer name",
            |fx| {
                let mut order = new_order("manual", None, "", vec![line(CANDLE, "1 pcs")]);
                order.customer = Customer { name: " ".into(), email: None, ..Default::default() };
                fx.lw.place_order(order).map(drop)
            },
            "invalid_input", json!({ "field": "customer.name", "value": " " })),
        case("mixed currencies across lines",
            |fx| place_lines(fx, vec![priced(CANDLE, "1 pcs", "24.00 USD"), priced(CANDLE, "1 pcs", "22.00 EUR")]),
            "currency_mismatch", json!({ "expected": "USD", "got": "EUR" })),
        case("negative price",
            |fx| place_lines(fx, vec![priced(CANDLE, "1 pcs", "-5.00 USD")]),
            "invalid_input", json!({ "field": "lines[0].unit_price", "value": "-5.00 USD" })),
        case("order line naming an unknown lot",
            |fx| {
                let mut l = line(CANDLE, "1 pcs");
                l.lot = Some("CL-NOPE".into());
                place_lines(fx, vec![l])
            },
            "unknown_lot", json!({ "lot": "CL-NOPE" })),
        case("adjust below reserved",
            |fx| adjust(fx, "CL-1", "-5 pcs", "dropped a box"),
            "insufficient_stock", json!({ "sku": CANDLE, "requested": "5", "available": "3" })),
        case("adjust without a reason",
            |fx| adjust(fx, "CL-1", "-1 pcs", "  "),
            "invalid_input", json!({ "field": "reason" })),
        case("receive into a virtual location",
            |fx| receive(fx, Receipt { location: Some("CUSTOMER".into()), ..receipt(WAX, "1 kg", None, None) }),
            "invalid_input", json!({ "field": "location", "value": "CUSTOMER" })),
        case("receive into an unknown location",
            |fx| receive(fx, Receipt { location: Some("BACKROOM".into()), ..receipt(WAX, "1 kg", None, None) }),
            "unknown_location", json!({ "location": "BACKROOM" })),
        case("lot code of another sku",
            |fx| receive(fx, receipt(JAR, "6 pcs", Some("SW-A"), None)),
            "duplicate_lot", json!({ "lot": "SW-A", "sku": WAX })),
        case("unknown order",
            |fx| fx.lw.confirm_order("SO-000099").map(drop),
            "unknown_order", json!({ "order": "SO-000099" })),
        case("unknown manufacturing order",
            |fx| fx.lw.start_mo("MO-000099").map(drop),
            "unknown_mo", json!({ "mo": "MO-000099" })),
        case("unknown lot",
            |fx| adjust(fx, "CL-NOPE", "-1 pcs", "count"),
            "unknown_lot", json!({ "lot": "CL-NOPE" })),
        after(mailer_acked, case("ack events backwards",
            |fx| fx.lw.ack_events("mailer", 4),
            "invalid_input", json!({ "field": "seq", "value": "4" }))),
        case("quantity beyond Decimal's range",
            |fx| receive(fx, receipt(WAX, "79228162514264337593543950335 kg", None, None)),
            "invalid_quantity", json!({ "field": "qty", "reason": "larger than lotwise keeps (10^9 base units)" })),
        case("order quantity beyond the limit",
            |fx| place_lines(fx, vec![line(CANDLE, "1000000001 pcs")]),
            "invalid_quantity", json!({ "field": "lines[0].qty", "value": "1000000001 pcs" })),
        case("quantity finer than a milligram",
            |fx| receive(fx, receipt(WAX, "0.0000001 kg", None, None)),
            "invalid_quantity", json!({ "field": "qty", "reason": "finer than 0.001 of the base unit" })),
        case("receive into a lot with another expiry",
            |fx| receive(fx, receipt(WAX, "1 kg", Some("SW-A"), Some("2027-06-30"))),
            "invalid_input", json!({ "field": "expiry", "value": "2027-06-30" })),
        case("ack events past the last one",
            |fx| fx.lw.ack_events("mailer", 10_000),
            "invalid_input", json!({ "field": "seq", "value": "10000" })),
    ]
}

#[test]
fn every_bad_command_is_refused_and_changes_nothing() {
    let table = cases();
    assert!(table.len() >= 25, "only {} cases", table.len());
    let mut names: Vec<&str> = table.iter().map(|c| c.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), table.len(), "case names must be unique");

    for c in &table {
        let fx = populated();
        (c.setup)(&fx);
        let before = fx.lw.snapshot().unwrap();
        let cursor = fx.lw.event_cursor("mailer").unwrap();
        let err = match (c.run)(&fx) {
            Ok(()) => panic!("{}: the command succeeded", c.name),
            Err(e) => e,
        };
        assert_eq!(err.code(), c.code, "{}: {err}", c.name);
        let fields = err.fields();
        for (key, want) in c.fields.as_object().unwrap() {
            assert_eq!(
                fields.get(key),
                Some(want),
                "{}: field `{key}` of {fields}",
                c.name
            );
        }
        assert!(!err.to_string().is_empty());
        assert!(
            fx.lw.snapshot().unwrap() == before,
            "{}: the refused command changed the state",
            c.name
        );
        assert_eq!(fx.lw.event_cursor("mailer").unwrap(), cursor, "{}", c.name);
        assert_invariants(&fx.lw);
    }
}

/// A line whose reserved lot expires while it waits is not stuck: `ship`
/// refuses the expired lot, and `replan_order` releases it and reserves
/// fresh stock instead.
#[test]
fn replan_replaces_an_expired_reservation() {
    let fx = populated();
    fx.lw
        .receive(receipt(
            CANDLE,
            "10 pcs",
            Some("CL-FRESH"),
            Some("2030-01-01"),
        ))
        .unwrap();
    candles_expired(&fx);
    let err = fx.lw.ship("SO-000002", ship_all()).unwrap_err();
    assert_eq!(err.code(), "lot_expired");
    fx.lw.replan_order("SO-000002").unwrap();
    let view = fx.lw.order_view("SO-000002").unwrap();
    assert_eq!(view.status.as_str(), "ready_to_ship");
    let lots: Vec<&str> = view.lines[0]
        .from_stock
        .iter()
        .map(|p| p.lot.as_str())
        .collect();
    assert_eq!(lots, ["CL-FRESH"]);
    fx.lw.ship("SO-000002", ship_all()).unwrap();
    assert_invariants(&fx.lw);
}
