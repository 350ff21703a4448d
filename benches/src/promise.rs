//! Workload 4: delivery-promise latency with many open batches.
//!
//! 20 work centers (Mon–Fri, 8 h, three holidays), 20
//! products each made on two work centers from a shared material and one of
//! four materials with lead times of 0, 3, 7 and 14 days and no stock, so
//! batches wait for suppliers and leave gaps on the calendars. One-line
//! orders are confirmed until the wanted number of batches is open (or the
//! budget is spent), then `promise_lines` of random 1–3-line drafts and
//! `promise(order)` of a placed 2-line order are timed one by one.

use std::sync::Arc;
use std::time::{Duration, Instant};

use lotwise::*;

use crate::config::Config;
use crate::report::{BResult, Outcome, Target, Verdict};
use crate::stats::{dur, rate, thousands, Budget, Samples};
use crate::workload::{epoch, new_order, Rng};

const CENTERS: usize = 20;
const PRODUCTS: usize = 20;

fn shop(lw: &Lotwise) -> BResult<()> {
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
            capacity: 1,
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
                    elapsed: None,
                },
                Operation {
                    work_center: format!("WC{:02}", (p + 7) % CENTERS),
                    setup_minutes: Decimal::from(5),
                    run_minutes_per_unit: Decimal::from(2),
                    run_unit: None,
                    elapsed: None,
                },
            ],
        })?;
    }
    Ok(())
}

fn draft(rng: &mut Rng) -> Vec<(String, u64)> {
    (0..1 + rng.below(3))
        .map(|_| {
            (
                format!("P{:02}", rng.below(PRODUCTS)),
                1 + rng.below(12) as u64,
            )
        })
        .collect()
}

/// Workload 4.
pub fn workload(cfg: &Config) -> BResult<Outcome> {
    println!("\n## 4. Delivery promise with open batches\n");
    let lw = Lotwise::in_memory_with_clock(Arc::new(FixedClock::at(epoch())));
    shop(&lw)?;
    let wanted = cfg.open_batches;
    let budget = Budget::start(cfg.budget);
    let started = Instant::now();
    let mut rng = Rng::new(42);
    let mut confirmed = 0;
    // When each quarter of the set-up ended: confirming must not slow down
    // as the open batches and their bookings pile up.
    let quarter = (wanted / 4).max(1);
    let mut marks = vec![started];
    while confirmed < wanted && !budget.spent() {
        let p = rng.below(PRODUCTS);
        let order = new_order(
            &format!("PR-{confirmed:06}"),
            "Bench",
            vec![(format!("P{p:02}"), 4)],
        );
        lw.place_and_confirm_order(order)?;
        confirmed += 1;
        if confirmed % quarter == 0 {
            marks.push(Instant::now());
        }
    }
    let setup = started.elapsed();
    let open = lw.mos()?.len();
    let booked = lw
        .schedule(
            chrono::DateTime::<chrono::Utc>::MIN_UTC,
            chrono::DateTime::<chrono::Utc>::MAX_UTC,
        )?
        .len();
    println!(
        "workload: {} open batches from {} confirmed one-line orders (4 pcs of one of {PRODUCTS} products), \
         {} booked operations on {CENTERS} work centers; set-up {} ({}){}",
        thousands(open as u64),
        thousands(confirmed as u64),
        thousands(booked as u64),
        dur(setup),
        rate(confirmed as f64 / setup.as_secs_f64().max(1e-9)),
        if confirmed < wanted {
            format!(" — STOPPED by the budget at {} of {} batches", thousands(open as u64), thousands(wanted as u64))
        } else {
            String::new()
        }
    );
    if let Some(line) = quarters(&marks, quarter) {
        println!("\n{line}");
    }
    let placed = lw
        .place_order(new_order(
            "PR-PROBE",
            "Probe",
            vec![("P03".into(), 6), ("P11".into(), 9)],
        ))?
        .order
        .id;
    let options = PromiseOptions::default();
    let n = cfg.promise_samples;
    let mut rng = Rng::new(7);
    let drafts: Vec<Vec<NewOrderLine>> = (0..n)
        .map(|i| new_order(&format!("D{i}"), "Draft", draft(&mut rng)).lines)
        .collect();
    for d in drafts.iter().take(n / 10) {
        lw.promise_lines(d, &options)?; // warm-up
    }
    let mut lines = Samples::with_capacity(n);
    for d in &drafts {
        lines.time(|| lw.promise_lines(d, &options))?;
    }
    let mut order = Samples::with_capacity(n);
    for _ in 0..n {
        order.time(|| lw.promise(&placed, &options))?;
    }
    println!("\n| query | samples | mean | p50 | p99 | max |\n|---|---:|---:|---:|---:|---:|");
    let mut worst = Duration::ZERO;
    for (name, s) in [
        ("promise_lines (draft of 1–3 lines)", &lines),
        ("promise(order, 2 lines)", &order),
    ] {
        let sum = s.summary();
        worst = worst.max(sum.p99);
        println!(
            "| {name} | {} | {} | {} | {} | {} |",
            sum.n,
            dur(sum.mean),
            dur(sum.p50),
            dur(sum.p99),
            dur(sum.max)
        );
    }
    let limit = Duration::from_micros(100);
    let verdict = if worst >= limit {
        Verdict::NotMet
    } else if open < 10_000 {
        Verdict::NotMeasured
    } else {
        Verdict::Met
    };
    let target = Target::new(
        "promise p99 < 100 µs with 10k open batches",
        format!(
            "worst p99 {} with {} open batches",
            dur(worst),
            thousands(open as u64)
        ),
        verdict,
    );
    Ok(Outcome {
        workload: "promise",
        figures: 9,
        targets: vec![target],
    })
}

/// The set-up's rate per quarter and the last quarter's cost per order
/// against the first's; `None` with fewer than two quarters done.
fn quarters(marks: &[Instant], per_quarter: usize) -> Option<String> {
    let spans: Vec<Duration> = marks.windows(2).map(|w| w[1] - w[0]).collect();
    let (first, last) = (spans.first()?, spans.last()?);
    if spans.len() < 2 {
        return None;
    }
    let rates: Vec<String> = spans
        .iter()
        .map(|d| rate(per_quarter as f64 / d.as_secs_f64().max(1e-9)))
        .collect();
    Some(format!(
        "set-up by quarter ({} orders each): {}; last quarter's cost per order ÷ the first's: {:.2}×",
        thousands(per_quarter as u64),
        rates.join(" / "),
        last.as_secs_f64() / first.as_secs_f64().max(1e-9)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_compare_the_last_with_the_first() {
        let t0 = Instant::now();
        let marks = [
            t0,
            t0 + Duration::from_millis(100),
            t0 + Duration::from_millis(200),
            t0 + Duration::from_millis(350),
        ];
        let line = quarters(&marks, 1000).unwrap();
        assert!(line.contains("(1,000 orders each)"), "{line}");
        assert!(line.ends_with("1.50×"), "{line}");
        assert_eq!(quarters(&marks[..2], 1000), None);
    }
}
