//! Promise latency with 10,000 open manufacturing orders on 20 work centers.
//!
//! Workload: 20 work centers (Mon–Fri, 8 h, a few holidays), 20 products
//! each poured on one work center and finished on another (2 operations),
//! from a shared material and one of four materials with lead times of 0,
//! 3, 7 and 14 days and no stock, so batches wait for suppliers and leave
//! gaps on the calendars. 10,000 one-line orders are confirmed through the
//! engine, which books 20,000 operations (about 1,000 per work center).
//! Then `promise_lines` (a draft of 1–3 lines of random products) and
//! `promise(order)` for a placed order are timed.
//!
//! Criterion reports the mean; the bench also times N single promises
//! itself and prints p50/p90/p99/max. Run with `cargo bench -p lotwise
//! --bench promise`; `PROMISE_BENCH_MOS` changes the number of orders.
//! The setup takes minutes: confirming an order reads every open
//! manufacturing order (to join open batches), so building 10,000 of them
//! through the engine is quadratic. The promise itself is not.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use lotwise::domain::calendar::NewCalendar;
use lotwise::domain::capacity::NewWorkCenter;
use lotwise::domain::promise::{PlanningSettings, ShippingMethod};
use lotwise::*;

const CENTERS: usize = 20;
const PRODUCTS: usize = 20;

fn mos_wanted() -> usize {
    std::env::var("PROMISE_BENCH_MOS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
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

fn order(lines: Vec<NewOrderLine>) -> NewOrder {
    NewOrder {
        channel: "bench".into(),
        external_ref: None,
        customer: Customer {
            name: "Bench".into(),
            email: None,
        },
        ship_to: None,
        lines,
        tags: vec![],
        notes: None,
    }
}

/// A small deterministic generator, so every run measures the same work.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

fn shop(orders: usize) -> Result<(Lotwise, Duration)> {
    let now: DateTime<Utc> = "2026-03-02T09:00:00Z"
        .parse()
        .map_err(|_| Error::Internal {
            reason: "clock".into(),
        })?;
    let lw = Lotwise::in_memory_with_clock(Arc::new(FixedClock::at(now)));
    let started = Instant::now();
    for c in 0..CENTERS {
        let mut cal = NewCalendar::mon_to_fri(Decimal::from(8));
        cal.holidays = ["2026-04-03", "2026-05-25", "2026-12-25"]
            .iter()
            .filter_map(|d| d.parse().ok())
            .collect();
        lw.define_work_center(NewWorkCenter {
            code: format!("WC{c:02}"),
            name: format!("work center {c}"),
            calendar: cal,
        })?;
    }
    lw.define_shipping_method(ShippingMethod {
        code: "GROUND".into(),
        transit_days: 2,
    })?;
    lw.set_planning_settings(PlanningSettings {
        default_shipping_method: Some("GROUND".into()),
        ..PlanningSettings::default()
    })?;
    lw.define_item(NewItem::new(
        "BASE",
        "Base wax",
        ItemKind::Material,
        Uom::Kg,
    ))?;
    for (m, lead) in [0u32, 3, 7, 14].iter().enumerate() {
        let mut item = NewItem::new(&format!("MAT{m}"), "Material", ItemKind::Material, Uom::Pcs);
        item.lead_time_days = Some(*lead);
        lw.define_item(item)?;
    }
    for p in 0..PRODUCTS {
        let sku = format!("P{p:02}");
        lw.define_item(NewItem::new(&sku, "Product", ItemKind::Product, Uom::Pcs))?;
        lw.define_recipe(NewRecipe {
            product: sku,
            batch_size: Qty::new(Decimal::from(4), Uom::Pcs),
            inputs: vec![
                NewRecipeInput {
                    sku: "BASE".into(),
                    qty: "1 kg".parse()?,
                    scrap_pct: Decimal::ZERO,
                },
                NewRecipeInput {
                    sku: format!("MAT{}", p % 4),
                    qty: Qty::new(Decimal::from(4), Uom::Pcs),
                    scrap_pct: Decimal::ZERO,
                },
            ],
            yield_pct: None,
            operations: vec![
                Operation {
                    work_center: format!("WC{p:02}"),
                    setup_minutes: Decimal::from(10 + p as i64),
                    run_minutes_per_unit: Decimal::from(3),
                    run_unit: None,
                },
                Operation {
                    work_center: format!("WC{:02}", (p + 7) % CENTERS),
                    setup_minutes: Decimal::from(5),
                    run_minutes_per_unit: Decimal::from(2),
                    run_unit: None,
                },
            ],
        })?;
    }
    let mut rng = Lcg(42);
    for _ in 0..orders {
        let p = rng.next(PRODUCTS);
        let id = lw
            .place_order(order(vec![line(&format!("P{p:02}"), 4)]))?
            .order
            .id;
        lw.confirm_order(&id)?;
    }
    Ok((lw, started.elapsed()))
}

fn draft(rng: &mut Lcg) -> Vec<NewOrderLine> {
    let n = 1 + rng.next(3);
    (0..n)
        .map(|_| {
            line(
                &format!("P{:02}", rng.next(PRODUCTS)),
                1 + rng.next(12) as u32,
            )
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    // Nearest-rank percentile over the sorted samples.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort_unstable();
    let total: Duration = samples.iter().sum();
    println!(
        "{name}: n={} mean={:?} p50={:?} p90={:?} p99={:?} max={:?} (target p99 < 100µs: {})",
        samples.len(),
        total / samples.len() as u32,
        percentile(&samples, 50.0),
        percentile(&samples, 90.0),
        percentile(&samples, 99.0),
        samples[samples.len() - 1],
        if percentile(&samples, 99.0) < Duration::from_micros(100) {
            "met"
        } else {
            "MISSED"
        },
    );
}

fn bench(c: &mut Criterion) {
    let orders = mos_wanted();
    let (lw, setup) = match shop(orders) {
        Ok(s) => s,
        Err(e) => panic!("bench setup failed: {e}"),
    };
    let mos = lw.mos().map(|m| m.len()).unwrap_or(0);
    let rows = lw
        .schedule(DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC)
        .map(|r| r.len())
        .unwrap_or(0);
    println!(
        "workload: {mos} open MOs from {orders} confirmed orders, {rows} booked operations on {CENTERS} work centers, {PRODUCTS} products (2 operations each); setup {setup:?}"
    );
    let placed = match lw.place_order(order(vec![line("P03", 6), line("P11", 9)])) {
        Ok(p) => p.order.id,
        Err(e) => panic!("placing the probe order failed: {e}"),
    };
    let options = PromiseOptions::default();

    let n = 10_000;
    let mut rng = Lcg(7);
    let drafts: Vec<Vec<NewOrderLine>> = (0..n).map(|_| draft(&mut rng)).collect();
    for d in drafts.iter().take(200) {
        black_box(lw.promise_lines(d, &options).ok());
    }
    let mut samples = Vec::with_capacity(n);
    for d in &drafts {
        let t = Instant::now();
        let p = lw.promise_lines(d, &options);
        samples.push(t.elapsed());
        assert!(p.is_ok(), "promise failed: {p:?}");
    }
    report("promise_lines (1-3 lines)", samples);
    let mut samples = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let p = lw.promise(&placed, &options);
        samples.push(t.elapsed());
        assert!(p.is_ok(), "promise failed: {p:?}");
    }
    report("promise(order, 2 lines)", samples);

    let mut i = 0;
    c.bench_function("promise_lines/10k_open_mos", |b| {
        b.iter(|| {
            i = (i + 1) % drafts.len();
            black_box(lw.promise_lines(&drafts[i], &options).ok())
        })
    });
    c.bench_function("promise_order/10k_open_mos", |b| {
        b.iter(|| black_box(lw.promise(&placed, &options).ok()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
