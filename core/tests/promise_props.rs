//! Property tests of delivery promises and capacity booking over random
//! calendars (working weekdays, day start, hours, holidays), random stock
//! and lead times and random order sequences:
//!
//! * no work center is ever loaded past its calendar: bookings never
//!   overlap, start and end inside working hours, and per day they add up
//!   to at most the day's hours (checked against an independent oracle
//!   computed from the calendar definition, not from lotwise's calendar code);
//! * a promise is deterministic and writes nothing (snapshot equal);
//! * confirming books exactly what the promise planned: the promised dates
//!   stored on the lines equal the promise made just before;
//! * calendars without working time and negative days are typed errors
//!   that change nothing.
//!
//! `PROPTEST_CASES` overrides the number of cases.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use lotwise::domain::calendar::NewCalendar;
use lotwise::domain::capacity::NewWorkCenter;
use lotwise::domain::promise::{PlanningSettings, ShippingMethod};
use lotwise::*;

mod common;
use common::{exact_input as input, op};
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(96);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn base() -> DateTime<Utc> {
    "2026-03-02T00:00:00Z".parse().unwrap()
}

const DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// A random calendar with some working time.
fn calendar() -> impl Strategy<Value = NewCalendar> {
    (
        1u8..128,
        0u32..=12,
        prop_oneof![Just(0u32), Just(30)],
        1u32..=20,
        proptest::collection::vec(0i64..90, 0..8),
    )
        .prop_map(|(mask, hour, minute, half_hours, holidays)| NewCalendar {
            working_days: (0..7)
                .filter(|b| mask & (1 << b) != 0)
                .map(|b| DAYS[b])
                .collect(),
            holidays: holidays
                .into_iter()
                .map(|d| base().date_naive() + Duration::days(d))
                .collect(),
            day_start: NaiveTime::from_hms_opt(hour, minute, 0).unwrap(),
            hours_per_day: Decimal::from(half_hours) / Decimal::from(2),
        })
}

#[derive(Debug, Clone)]
enum Step {
    /// Place an order of `qty` of product 0 (one level) or 1 (two levels),
    /// promise it, confirm it and compare.
    Order {
        product: usize,
        qty: u32,
        lines: usize,
    },
    /// Cancel the n-th open manufacturing order.
    CancelMo(usize),
    /// Move the clock forward by minutes.
    Wait(i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (0usize..2, 1u32..40, 1usize..3).prop_map(|(product, qty, lines)| Step::Order { product, qty, lines }),
        1 => (0usize..8).prop_map(Step::CancelMo),
        1 => (0i64..3000).prop_map(Step::Wait),
    ]
}

#[derive(Debug, Clone)]
struct World {
    pour: NewCalendar,
    mix: NewCalendar,
    start_minutes: i64,
    wax_kg: u32,
    wax_lead: u32,
    candles: u32,
    steps: Vec<Step>,
}

fn world() -> impl Strategy<Value = World> {
    (
        calendar(),
        calendar(),
        0i64..(7 * 1440),
        0u32..30,
        0u32..10,
        0u32..20,
        proptest::collection::vec(step(), 1..10),
    )
        .prop_map(
            |(pour, mix, start_minutes, wax_kg, wax_lead, candles, steps)| World {
                pour,
                mix,
                start_minutes,
                wax_kg,
                wax_lead,
                candles,
                steps,
            },
        )
}

fn line(sku: &str, qty: u32) -> NewOrderLine {
    NewOrderLine {
        sku: sku.into(),
        qty: Qty::new(Decimal::from(qty), Uom::Pcs),
        unit_price: None,
        requested_date: None,
        lot: None,
        min_remaining_shelf_life_days: None,
    }
}

struct Shop {
    lw: Lotwise,
    clock: Arc<FixedClock>,
}

fn build(w: &World) -> Shop {
    let clock = Arc::new(FixedClock::at(base() + Duration::minutes(w.start_minutes)));
    let lw = Lotwise::in_memory_with_clock(clock.clone());
    let mut wax = NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg);
    wax.lead_time_days = Some(w.wax_lead);
    lw.define_item(wax).unwrap();
    lw.define_item(NewItem::new(
        "OIL",
        "Lavender oil",
        ItemKind::Material,
        Uom::Ml,
    ))
    .unwrap();
    lw.define_item(NewItem::new("JAR", "Jar", ItemKind::Packaging, Uom::Pcs))
        .unwrap();
    lw.define_item(NewItem::new(
        "BLEND",
        "Scented wax",
        ItemKind::Product,
        Uom::Kg,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "CANDLE",
        "Candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "JARC",
        "Blend candle",
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
    lw.define_recipe(NewRecipe {
        product: "BLEND".into(),
        batch_size: "2.4 kg".parse().unwrap(),
        inputs: vec![input("WAX", "2.3 kg"), input("OIL", "100 ml")],
        yield_pct: None,
        operations: vec![op("MIX", 120, 0)],
    })
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: "JARC".into(),
        batch_size: "6 pcs".parse().unwrap(),
        inputs: vec![input("BLEND", "1.2 kg"), input("JAR", "6 pcs")],
        yield_pct: None,
        operations: vec![op("MIX", 15, 0), op("POUR", 30, 25)],
    })
    .unwrap();
    for (code, cal) in [("POUR", &w.pour), ("MIX", &w.mix)] {
        lw.define_work_center(NewWorkCenter {
            code: code.into(),
            name: code.to_lowercase(),
            calendar: cal.clone(),
            capacity: 1,
        })
        .unwrap();
    }
    lw.define_shipping_method(ShippingMethod {
        code: "POST".into(),
        transit_days: 3,
    })
    .unwrap();
    lw.set_planning_settings(PlanningSettings {
        handling_days: 1,
        shipping_calendar: w.pour.clone(),
        default_shipping_method: Some("POST".into()),
    })
    .unwrap();
    lw.receive(Receipt::new("JAR", "1000 pcs".parse().unwrap()))
        .unwrap();
    lw.receive(Receipt::new("OIL", "5 l".parse().unwrap()))
        .unwrap();
    if w.wax_kg > 0 {
        lw.receive(Receipt::new(
            "WAX",
            Qty::new(Decimal::from(w.wax_kg), Uom::Kg),
        ))
        .unwrap();
    }
    if w.candles > 0 {
        lw.receive(Receipt::new(
            "CANDLE",
            Qty::new(Decimal::from(w.candles), Uom::Pcs),
        ))
        .unwrap();
    }
    Shop { lw, clock }
}

/// Runs the steps; checks that every confirm stores the dates its promise gave.
fn run(w: &World) -> Result<Shop, TestCaseError> {
    let shop = build(w);
    let lw = &shop.lw;
    for step in &w.steps {
        match step {
            Step::Order {
                product,
                qty,
                lines,
            } => {
                let sku = ["CANDLE", "JARC"][*product];
                let order_lines: Vec<NewOrderLine> = (0..*lines)
                    .map(|i| line(if i == 0 { sku } else { "CANDLE" }, qty + i as u32))
                    .collect();
                let id = lw
                    .place_order(NewOrder {
                        channel: "manual".into(),
                        external_ref: None,
                        customer: Customer {
                            name: "Ada".into(),
                            email: None,
                            ..Default::default()
                        },
                        ship_to: None,
                        lines: order_lines,
                        tags: vec![],
                        notes: None,
                    })
                    .unwrap()
                    .order
                    .id;
                let promise = lw.promise(&id, &PromiseOptions::default()).unwrap();
                lw.confirm_order(&id).unwrap();
                let order = lw.order(&id).unwrap();
                for lp in &promise.lines {
                    let stored = order.lines.iter().find(|l| l.line == lp.line).unwrap();
                    prop_assert_eq!(
                        stored.promised_date,
                        Some(lp.promised_date),
                        "line {} of {}: promised {} ({}) but confirm stored {:?}",
                        lp.line,
                        id,
                        lp.promised_date,
                        lp.explanation,
                        stored.promised_date
                    );
                }
            }
            Step::CancelMo(n) => {
                let open: Vec<ManufacturingOrder> = lw
                    .mos()
                    .unwrap()
                    .into_iter()
                    .filter(|m| m.status.is_open())
                    .collect();
                if let Some(mo) = open.get(*n) {
                    lw.cancel_mo(&mo.id).unwrap();
                    prop_assert_eq!(lw.booking(&mo.id).unwrap(), None);
                }
            }
            Step::Wait(minutes) => shop
                .clock
                .set(shop.clock.now() + Duration::minutes(*minutes)),
        }
    }
    prop_assert!(lw.check_invariants().unwrap().is_empty());
    Ok(shop)
}

/// Working minutes of `[from, to)` on day `d` per the definition alone.
fn oracle_minutes(cal: &NewCalendar, d: NaiveDate, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    let works = cal.working_days.contains(&d.weekday()) && !cal.holidays.contains(&d);
    if !works {
        return 0;
    }
    let open = d.and_time(cal.day_start).and_utc();
    let hours = cal.hours_per_day * Decimal::from(60);
    let close = open + Duration::minutes(hours.to_i64().unwrap());
    let (a, b) = (from.max(open), to.min(close));
    if b > a {
        (b - a).num_minutes()
    } else {
        0
    }
}

fn check_loads(shop: &Shop, w: &World) -> Result<(), TestCaseError> {
    let far = base() + Duration::days(4000);
    let rows = shop.lw.schedule(base() - Duration::days(1), far).unwrap();
    let mut per_day: BTreeMap<(String, NaiveDate), i64> = BTreeMap::new();
    for (code, cal) in [("POUR", &w.pour), ("MIX", &w.mix)] {
        let mine: Vec<&ScheduleRow> = rows.iter().filter(|r| r.work_center == code).collect();
        for pair in mine.windows(2) {
            prop_assert!(
                pair[0].end <= pair[1].start,
                "{code}: {} ends {} after {} starts {}",
                pair[0].mo,
                pair[0].end,
                pair[1].mo,
                pair[1].start
            );
        }
        let daily = (cal.hours_per_day * Decimal::from(60)).to_i64().unwrap();
        for r in mine {
            let mut worked = 0;
            let mut d = r.start.date_naive();
            while d <= r.end.date_naive() {
                let m = oracle_minutes(cal, d, r.start, r.end);
                *per_day.entry((code.to_string(), d)).or_default() += m;
                worked += m;
                d += Duration::days(1);
            }
            prop_assert_eq!(
                worked,
                r.minutes,
                "{} on {} from {} to {}: working time off the calendar",
                r.mo,
                code,
                r.start,
                r.end
            );
            prop_assert!(
                oracle_minutes(
                    cal,
                    r.start.date_naive(),
                    r.start,
                    r.start + Duration::minutes(1)
                ) == 1,
                "{} starts outside working hours at {}",
                r.mo,
                r.start
            );
        }
        for ((c, d), m) in &per_day {
            if c == code {
                prop_assert!(
                    *m <= daily,
                    "{code} loaded {m} min on {d}, calendar allows {daily}"
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_work_center_is_loaded_past_its_calendar(w in world()) {
        let shop = run(&w)?;
        check_loads(&shop, &w)?;
    }

    #[test]
    fn promise_is_deterministic_and_writes_nothing(w in world(), product in 0usize..2, qty in 1u32..60) {
        let shop = run(&w)?;
        let lw = &shop.lw;
        let before = lw.snapshot().unwrap();
        let lines = vec![line(["CANDLE", "JARC"][product], qty), line("CANDLE", qty / 2 + 1)];
        let a = lw.promise_lines(&lines, &PromiseOptions::default()).unwrap();
        let b = lw.promise_lines(&lines, &PromiseOptions::default()).unwrap();
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(a.promised_date, a.lines.iter().map(|l| l.promised_date).max().unwrap());
        prop_assert!(a.lines.iter().all(|l| l.promised_date >= l.ship_date && l.ready_at >= lw.now()));
        for order in lw.orders().unwrap() {
            let x = lw.promise(&order.id, &PromiseOptions::default());
            let y = lw.promise(&order.id, &PromiseOptions::default());
            prop_assert_eq!(&x, &y);
        }
        prop_assert_eq!(lw.snapshot().unwrap(), before);
    }

    #[test]
    fn calendars_without_working_time_are_refused(
        mut cal in calendar(),
        empty_days in any::<bool>(),
        hours in -16i64..=0,
        transit in -400i64..0,
        handling in -400i64..0,
    ) {
        let shop = build(&World {
            pour: NewCalendar::mon_to_fri(Decimal::from(8)),
            mix: NewCalendar::mon_to_fri(Decimal::from(8)),
            start_minutes: 0,
            wax_kg: 1,
            wax_lead: 0,
            candles: 0,
            steps: vec![],
        });
        let before = shop.lw.snapshot().unwrap();
        if empty_days {
            cal.working_days.clear();
        } else {
            cal.hours_per_day = Decimal::from(hours);
        }
        let err = shop.lw.define_work_center(NewWorkCenter {
            code: "POUR".into(),
            name: "pour".into(),
            calendar: cal.clone(), capacity: 1,
        }).unwrap_err();
        prop_assert_eq!(err.code(), "invalid_input");
        let err = shop.lw.set_planning_settings(PlanningSettings {
            handling_days: 1,
            shipping_calendar: cal,
            default_shipping_method: None,
        }).unwrap_err();
        prop_assert_eq!(err.code(), "invalid_input");
        let err = shop.lw.define_shipping_method(ShippingMethod { code: "SLOW".into(), transit_days: transit }).unwrap_err();
        prop_assert_eq!(err.code(), "invalid_input");
        let err = shop.lw.set_planning_settings(PlanningSettings {
            handling_days: handling,
            ..PlanningSettings::default()
        }).unwrap_err();
        prop_assert_eq!(err.code(), "invalid_input");
        prop_assert_eq!(shop.lw.snapshot().unwrap(), before);
    }
}
