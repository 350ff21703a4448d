//! Fixtures shared by the integration tests: a fixed-clock engine, a small
//! candle maker's catalog, input builders and readers for what a command
//! wrote (new events, new ledger movements, invariants).

// Each test crate uses its own subset of these helpers.
#![allow(dead_code)]

use std::str::FromStr;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use lotwise::{
    Customer, Decimal, Event, FixedClock, ItemKind, Lotwise, Money, Movement, NewItem, NewOrder,
    NewOrderLine, NewRecipe, NewRecipeInput, Operation, Qty, Receipt, Uom,
};

pub const WAX: &str = "WAX-SOY";
pub const OIL: &str = "FO-LAVENDER";
pub const WICK: &str = "WICK-CD12";
pub const JAR: &str = "JAR-AMBER-8OZ";
pub const CANDLE: &str = "CANDLE-LAV-8OZ";

/// The instant every test starts at.
pub const T0: &str = "2026-03-02T09:00:00Z";

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn qty(s: &str) -> Qty {
    s.parse().unwrap()
}

pub fn money(s: &str) -> Money {
    s.parse().unwrap()
}

pub fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn instant(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// An in-memory engine whose clock stands at [`T0`] until moved.
pub fn engine() -> (Lotwise, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::at(instant(T0)));
    (Lotwise::in_memory_with_clock(clock.clone()), clock)
}

/// A candle maker's catalog: soy wax (kg, 2-year shelf life), lavender oil
/// (ml), wicks, amber jars and the lavender candle (1-year shelf life) with
/// its recipe: 12 candles from 2.4 kg wax (+2 % scrap), 240 ml oil, 12 wicks
/// and 12 jars.
pub fn candle_catalog(lw: &Lotwise) {
    let mut wax = NewItem::new(WAX, "Golden Wax 464 soy wax", ItemKind::Material, Uom::Kg);
    wax.shelf_life_days = Some(730);
    lw.define_item(wax).unwrap();
    let mut oil = NewItem::new(OIL, "Lavender fragrance oil", ItemKind::Material, Uom::Ml);
    oil.shelf_life_days = Some(365);
    lw.define_item(oil).unwrap();
    lw.define_item(NewItem::new(
        WICK,
        "CD-12 cotton wick",
        ItemKind::Material,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        JAR,
        "Amber jar 8 oz",
        ItemKind::Packaging,
        Uom::Pcs,
    ))
    .unwrap();
    let mut candle = NewItem::new(
        CANDLE,
        "Lavender soy candle 8 oz",
        ItemKind::Product,
        Uom::Pcs,
    );
    candle.shelf_life_days = Some(365);
    lw.define_item(candle).unwrap();
    lw.define_recipe(NewRecipe {
        product: CANDLE.into(),
        batch_size: qty("12 pcs"),
        inputs: vec![
            input(WAX, "2.4 kg", "2"),
            input(OIL, "240 ml", "0"),
            input(WICK, "12 pcs", "0"),
            input(JAR, "12 pcs", "0"),
        ],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
}

pub fn input(sku: &str, q: &str, scrap_pct: &str) -> NewRecipeInput {
    NewRecipeInput {
        sku: sku.into(),
        qty: qty(q),
        scrap_pct: dec(scrap_pct),
    }
}

/// A recipe input with no scrap allowance.
pub fn exact_input(sku: &str, q: &str) -> NewRecipeInput {
    input(sku, q, "0")
}

/// A recipe operation on work center `wc`: setup minutes, then run minutes per unit.
pub fn op(wc: &str, setup: i64, run: i64) -> Operation {
    Operation {
        work_center: wc.into(),
        setup_minutes: Decimal::from(setup),
        run_minutes_per_unit: Decimal::from(run),
        run_unit: None,
        elapsed: None,
    }
}

/// A receipt into `MAIN`, with a named lot and expiry when given.
pub fn receipt(sku: &str, q: &str, lot: Option<&str>, expiry: Option<&str>) -> Receipt {
    Receipt {
        lot: lot.map(str::to_string),
        expiry: expiry.map(date),
        ..Receipt::new(sku, qty(q))
    }
}

pub fn line(sku: &str, q: &str) -> NewOrderLine {
    NewOrderLine {
        sku: sku.into(),
        qty: qty(q),
        unit_price: None,
        requested_date: None,
        lot: None,
        min_remaining_shelf_life_days: None,
    }
}

pub fn priced(sku: &str, q: &str, price: &str) -> NewOrderLine {
    NewOrderLine {
        unit_price: Some(money(price)),
        ..line(sku, q)
    }
}

pub fn new_order(
    channel: &str,
    external_ref: Option<&str>,
    customer: &str,
    lines: Vec<NewOrderLine>,
) -> NewOrder {
    NewOrder {
        channel: channel.into(),
        external_ref: external_ref.map(str::to_string),
        customer: Customer {
            name: customer.into(),
            email: None,
            ..Default::default()
        },
        ship_to: None,
        lines,
        tags: vec![],
        notes: None,
    }
}

/// Events written since `cursor`, moving the cursor past them.
pub fn new_events(lw: &Lotwise, cursor: &mut u64) -> Vec<Event> {
    let events = lw.events_after(*cursor, usize::MAX).unwrap();
    if let Some(last) = events.last() {
        *cursor = last.seq;
    }
    events
}

pub fn kinds(events: &[Event]) -> Vec<&str> {
    events.iter().map(Event::kind).collect()
}

/// Ledger movements booked since the first `seen`, moving `seen` past them.
pub fn new_movements(lw: &Lotwise, seen: &mut usize) -> Vec<Movement> {
    let all = lw.movements().unwrap();
    let fresh = all[*seen..].to_vec();
    *seen = all.len();
    fresh
}

/// A movement as `(sku, lot, from, to, qty, reason, doc)` text, for compact asserts.
pub fn mv(
    m: &Movement,
) -> (
    String,
    String,
    String,
    String,
    Decimal,
    String,
    Option<String>,
) {
    (
        m.sku.clone(),
        m.lot.clone(),
        m.from.clone(),
        m.to.clone(),
        m.qty,
        serde_json::to_value(m.reason)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string(),
        m.doc.clone(),
    )
}

/// On hand of a lot at a location per the stored balances (zero when none).
pub fn balance(lw: &Lotwise, sku: &str, lot: &str, location: &str) -> Decimal {
    lw.balances()
        .unwrap()
        .iter()
        .find(|b| b.sku == sku && b.lot == lot && b.location == location)
        .map_or(Decimal::ZERO, |b| b.qty)
}

pub fn assert_invariants(lw: &Lotwise) {
    let broken = lw.check_invariants().unwrap();
    assert!(broken.is_empty(), "invariants violated: {broken:?}");
}
