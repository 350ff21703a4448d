//! Delivery promises with hand-computed dates on a fixed calendar.
//!
//! The shop: a pouring line (`POUR`, "pouring line") and a mixing kettle
//! (`MIX`) work Monday to Friday 08:00–16:00 UTC. A candle batch of 12 takes
//! 60 min setup + 20 min per candle on the pouring line (12 → 300 min,
//! 24 → 540 min). Goods ship one working day after they are ready and
//! travel two calendar days (`GROUND`).
//!
//! March 2026: Mon 2, Tue 3, Wed 4, Thu 5, Fri 6, Sat 7, Sun 8, Mon 9,
//! Tue 10, Wed 11, Thu 12, Fri 13, Sat 14.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use lotwise::domain::calendar::NewCalendar;
use lotwise::domain::capacity::NewWorkCenter;
use lotwise::domain::promise::{Basis, IncomingSupply, PlanningSettings, ShippingMethod, Source};
use lotwise::*;

#[path = "promise/bookings.rs"]
mod bookings;
mod common;
#[path = "promise/dates.rs"]
mod dates;
#[path = "promise/delays.rs"]
mod delays;
#[path = "promise/parallel.rs"]
mod parallel;
#[path = "promise/refusals.rs"]
mod refusals;
use common::{date as day, exact_input as input, instant as at, op};

fn calendar(holidays: &[&str]) -> NewCalendar {
    let mut c = NewCalendar::mon_to_fri(Decimal::from(8));
    c.holidays = holidays.iter().map(|h| day(h)).collect();
    c
}

struct Shop {
    lw: Lotwise,
    clock: Arc<FixedClock>,
}

/// The candle shop at `now`, with `holidays` on every calendar.
fn shop(now: &str, holidays: &[&str]) -> Shop {
    let clock = Arc::new(FixedClock::at(at(now)));
    shop_on(
        Lotwise::in_memory_with_clock(clock.clone()),
        clock,
        holidays,
    )
}

fn shop_on(lw: Lotwise, clock: Arc<FixedClock>, holidays: &[&str]) -> Shop {
    lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))
        .unwrap();
    lw.define_item(NewItem::new(
        "JAR",
        "Amber jar",
        ItemKind::Packaging,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "CANDLE",
        "Lavender candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: "CANDLE".into(),
        batch_size: "12 pcs".parse().unwrap(),
        inputs: vec![input("WAX", "2.4 kg"), input("JAR", "12 pcs")],
        yield_pct: None,
        operations: vec![op("POUR", 60, 20)],
    })
    .unwrap();
    for (code, name) in [("POUR", "pouring line"), ("MIX", "mixing kettle")] {
        lw.define_work_center(NewWorkCenter {
            code: code.into(),
            name: name.into(),
            calendar: calendar(holidays),
            capacity: 1,
        })
        .unwrap();
    }
    lw.define_shipping_method(ShippingMethod {
        code: "GROUND".into(),
        transit_days: 2,
    })
    .unwrap();
    lw.set_planning_settings(PlanningSettings {
        handling_days: 1,
        shipping_calendar: calendar(holidays),
        default_shipping_method: Some("GROUND".into()),
    })
    .unwrap();
    Shop { lw, clock }
}

fn line(sku: &str, qty: &str, requested: Option<&str>) -> NewOrderLine {
    NewOrderLine {
        sku: sku.into(),
        qty: qty.parse().unwrap(),
        unit_price: None,
        requested_date: requested.map(day),
        lot: None,
        min_remaining_shelf_life_days: None,
    }
}

fn place(lw: &Lotwise, lines: Vec<NewOrderLine>) -> String {
    lw.place_order(NewOrder {
        channel: "manual".into(),
        external_ref: None,
        customer: Customer {
            name: "Ada".into(),
            email: None,
            ..Default::default()
        },
        ship_to: None,
        lines,
        tags: vec![],
        notes: None,
    })
    .unwrap()
    .order
    .id
}

fn receive(lw: &Lotwise, sku: &str, qty: &str) {
    lw.receive(Receipt::new(sku, qty.parse().unwrap())).unwrap();
}

fn stock_materials(lw: &Lotwise) {
    receive(lw, "WAX", "20 kg");
    receive(lw, "JAR", "200 pcs");
}

fn production(wc: &str, start: &str, end: &str, waited: bool) -> Basis {
    Basis::Production {
        work_center: Some(wc.into()),
        start: at(start),
        end: at(end),
        waited,
    }
}

fn draft(lw: &Lotwise, sku: &str, qty: &str) -> lotwise::domain::promise::Promise {
    lw.promise_lines(&[line(sku, qty, None)], &PromiseOptions::default())
        .unwrap()
}

/// Run time counts per the unit the recipe was written in: 1.5 minutes per
/// kg of a 10 kg soap base batch books 15 minutes (not 15,000: per gram);
/// a run unit of another dimension than the product's is refused.
#[test]
fn run_time_counts_per_the_recipes_unit() {
    let s = shop("2026-03-02T08:00:00Z", &[]);
    let lw = &s.lw;
    lw.define_item(NewItem::new(
        "OIL",
        "Olive oil",
        ItemKind::Material,
        Uom::Kg,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "BASE",
        "Soap base",
        ItemKind::Product,
        Uom::Kg,
    ))
    .unwrap();
    let mix = |unit: Option<Uom>| Operation {
        work_center: "MIX".into(),
        setup_minutes: Decimal::from(10),
        run_minutes_per_unit: "1.5".parse().unwrap(),
        run_unit: unit,
        elapsed: None,
    };
    let recipe = |unit: Option<Uom>| NewRecipe {
        product: "BASE".into(),
        batch_size: "10 kg".parse().unwrap(),
        inputs: vec![input("OIL", "7 kg")],
        yield_pct: None,
        operations: vec![mix(unit)],
    };
    let before = lw.snapshot().unwrap();
    let e = lw.define_recipe(recipe(Some(Uom::Pcs))).unwrap_err();
    assert_eq!(e.code(), "unit_mismatch");
    assert_eq!(lw.snapshot().unwrap(), before, "nothing written");

    let stored = lw.define_recipe(recipe(None)).unwrap();
    assert_eq!(
        stored.operations[0].run_unit,
        Some(Uom::Kg),
        "the batch size's unit"
    );
    lw.receive(Receipt::new("OIL", "14 kg".parse().unwrap()))
        .unwrap();
    let made = lw
        .confirm_order(&place(lw, vec![line("BASE", "10 kg", None)]))
        .unwrap();
    let booking = lw
        .booking(&made.mos[0])
        .unwrap()
        .expect("a confirmed batch is booked");
    // 10 minutes of setup + 1.5 × 10 kg.
    assert_eq!(booking.operations[0].minutes, 25);

    // Stated per gram, the same batch takes 10 + 1.5 × 10000 minutes.
    lw.define_recipe(recipe(Some(Uom::G))).unwrap();
    let made = lw
        .confirm_order(&place(lw, vec![line("BASE", "10 kg", None)]))
        .unwrap();
    let booking = lw.booking(&made.mos[0]).unwrap().unwrap();
    assert_eq!(booking.operations[0].minutes, 15_010);
}
