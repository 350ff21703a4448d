//! Costing, hand-computed: a two-level recipe (candle base → candles) with
//! scrap, two FEFO wax lots at different prices, work-center rates and a
//! 10 % overhead give the exact batch costs, output unit costs, cost of
//! goods shipped, margin and valuation; costs are conserved.

mod common;

#[path = "costing/flows.rs"]
mod flows;

use common::*;
use lotwise::*;
use serde_json::json;

pub(crate) const BASE: &str = "BASE-LAV";
pub(crate) const WICKLESS: &str = "CANDLE-TIN";

pub(crate) fn work_center(lw: &Lotwise, code: &str) {
    let wc = serde_json::from_value(json!({
        "code": code, "name": code,
        "calendar": {"working_days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "hours_per_day": "8"}
    }))
    .unwrap();
    lw.define_work_center(wc).unwrap();
}

pub(crate) fn costed(sku: &str, q: &str, cost: &str, lot: &str, expiry: &str) -> Receipt {
    Receipt {
        unit_cost: Some(money(cost)),
        ..receipt(sku, q, Some(lot), Some(expiry))
    }
}

/// Wax (kg), lavender oil (ml), tins (pcs); a candle base made of wax and
/// oil, and tin candles made of the base with 5 % scrap.
///
/// - BASE: 5 kg from 4.5 kg wax + 500 ml oil; MIX 30 min setup.
/// - CANDLE: 10 pcs from 2 kg base (+5 % scrap = 2.1 kg) + 10 tins;
///   POUR 6 min per candle.
/// - MIX costs 24.00 USD an hour, POUR 30.00; overhead 10 %.
pub(crate) fn shop(lw: &Lotwise) {
    lw.set_cost_settings(CostSettings {
        currency: Some("USD".into()),
        overhead_pct: dec("10"),
        overhead_per_batch: None,
    })
    .unwrap();
    lw.define_item(NewItem::new(WAX, "Soy wax", ItemKind::Material, Uom::Kg))
        .unwrap();
    lw.define_item(NewItem::new(
        OIL,
        "Lavender oil",
        ItemKind::Material,
        Uom::L,
    ))
    .unwrap();
    lw.define_item(NewItem::new(JAR, "Tin", ItemKind::Packaging, Uom::Pcs))
        .unwrap();
    lw.define_item(NewItem::new(
        BASE,
        "Candle base",
        ItemKind::Product,
        Uom::Kg,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        WICKLESS,
        "Tin candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    work_center(lw, "MIX");
    work_center(lw, "POUR");
    lw.set_work_center_rate("MIX", money("24.00 USD")).unwrap();
    lw.set_work_center_rate("POUR", money("30.00 USD")).unwrap();
    lw.define_recipe(NewRecipe {
        product: BASE.into(),
        batch_size: qty("5 kg"),
        inputs: vec![exact_input(WAX, "4.5 kg"), exact_input(OIL, "500 ml")],
        yield_pct: None,
        operations: vec![op("MIX", 30, 0)],
    })
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: WICKLESS.into(),
        batch_size: qty("10 pcs"),
        inputs: vec![input(BASE, "2 kg", "5"), exact_input(JAR, "10 pcs")],
        yield_pct: None,
        operations: vec![op("POUR", 0, 6)],
    })
    .unwrap();
    // Two wax lots: the one expiring first is cheaper, and is used first.
    lw.receive(costed(WAX, "3 kg", "2.00 USD", "W1", "2026-06-01"))
        .unwrap();
    lw.receive(costed(WAX, "10 kg", "3.00 USD", "W2", "2026-12-01"))
        .unwrap();
    lw.receive(costed(OIL, "1 l", "20.00 USD", "O1", "2027-01-01"))
        .unwrap();
    lw.receive(costed(JAR, "100 pcs", "0.50 USD", "T1", "2030-01-01"))
        .unwrap();
}

#[test]
fn a_two_level_batch_costs_exactly_what_it_consumed_and_added() {
    let (lw, _) = engine();
    two_level_story(&lw);
}

/// The same story on a SQLite file, reopened before the reports: costs,
/// batch and shipment records survive the store.
#[test]
fn costs_are_kept_by_sqlite_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    let url = path.to_str().unwrap();
    let clock = std::sync::Arc::new(FixedClock::at(instant(T0)));
    {
        let lw = Lotwise::open_with_clock(url, clock.clone()).unwrap();
        two_level_story(&lw);
    }
    let lw = Lotwise::open_with_clock(url, clock).unwrap();
    assert_eq!(lw.batch_cost("MO-000001").unwrap().total, dec("57.26875"));
    assert_eq!(lw.cost_flows(None).unwrap().unaccounted, dec("0"));
    assert_eq!(
        lw.stock_valuation(&ValuationQuery::default())
            .unwrap()
            .value,
        dec("99.1875")
    );
    assert_eq!(
        lw.item(BASE).unwrap().display_unit,
        Some(Unit::Std(Uom::Kg))
    );
}

fn two_level_story(lw: &Lotwise) {
    shop(lw);
    // Received: 3 kg × 2.00 + 10 kg × 3.00 + 1 l × 20.00 + 100 × 0.50 = 106.00.
    assert_eq!(lw.lot("W1").unwrap().unit_cost, Some(money("0.002 USD")));
    assert_eq!(lw.lot("O1").unwrap().unit_cost, Some(money("0.02 USD")));
    let before = lw.stock_valuation(&ValuationQuery::default()).unwrap();
    assert_eq!(before.value, dec("106"));

    let order = lw
        .place_order(new_order(
            "etsy",
            Some("1"),
            "Ada",
            vec![priced(WICKLESS, "10 pcs", "12.00 USD")],
        ))
        .unwrap()
        .order;
    let plan = lw.confirm_order(&order.id).unwrap();
    // MO-000001 makes the candles; MO-000002 the 5 kg of base they need.
    assert_eq!(plan.mos, vec!["MO-000001".to_string()]);
    let base_mo = "MO-000002";
    lw.start_mo(base_mo).unwrap();
    // The base batch yields 4.4 kg; 0.6 kg is scrapped and absorbed.
    lw.complete_mo(
        base_mo,
        Completion {
            good_qty: Some(qty("4.4 kg")),
            scrap_qty: Some(qty("0.6 kg")),
            ..Default::default()
        },
    )
    .unwrap();
    let base = lw.batch_cost(base_mo).unwrap();
    // Wax FEFO: 3000 g of W1 at 0.002 = 6.00, then 1500 g of W2 at 0.003 = 4.50;
    // oil 500 ml at 0.02 = 10.00. Materials 20.50.
    let lots: Vec<(&str, Decimal, Decimal)> = base
        .inputs
        .iter()
        .map(|l| (l.lot.as_str(), l.qty, l.cost))
        .collect();
    assert_eq!(
        lots,
        vec![
            ("W1", dec("3000"), dec("6")),
            ("W2", dec("1500"), dec("4.5")),
            ("O1", dec("500"), dec("10")),
        ]
    );
    assert_eq!(base.materials, dec("20.5"));
    // MIX: 30 min at 24.00 an hour = 12.00; overhead 10 % of 32.50 = 3.25.
    assert_eq!(base.labour, dec("12"));
    assert_eq!(base.overhead, dec("3.25"));
    assert_eq!(base.total, dec("35.75"));
    // 35.75 ÷ 4400 g = 0.008125 a gram (8.125 a kilogram), exactly.
    assert_eq!(base.unit_cost, Some(dec("0.008125")));
    assert_eq!(base.rounding, dec("0"));
    let base_lot = base.output_lot.clone().unwrap();
    assert_eq!(
        lw.lot(&base_lot).unwrap().unit_cost,
        Some(money("0.008125 USD"))
    );

    lw.start_mo("MO-000001").unwrap();
    lw.complete_mo("MO-000001", Completion::default()).unwrap();
    let candles = lw.batch_cost("MO-000001").unwrap();
    // Base 2100 g × 0.008125 = 17.0625, tins 10 × 0.50 = 5.00: 22.0625;
    // POUR 6 min × 10 = 60 min at 30.00 = 30.00; overhead 10 % of
    // 52.0625 = 5.20625; total 57.26875; per candle 5.726875.
    assert_eq!(candles.materials, dec("22.0625"));
    assert_eq!(candles.labour, dec("30"));
    assert_eq!(candles.overhead, dec("5.20625"));
    assert_eq!(candles.total, dec("57.26875"));
    assert_eq!(candles.unit_cost, Some(dec("5.726875")));
    assert_eq!(candles.total_money().to_string(), "57.27 USD");

    let shipment = lw
        .ship(
            &order.id,
            ShipRequest {
                carrier: "USPS".into(),
                tracking: "1".into(),
                ..Default::default()
            },
        )
        .unwrap();
    // Cost of goods: 10 × 5.726875 = 57.26875, shown 57.27 USD.
    assert_eq!(shipment.cost_of_goods, Some(money("57.27 USD")));
    assert_eq!(
        lw.shipment_cost(&shipment.id).unwrap().cost_of_goods,
        dec("57.26875")
    );
    let margin = lw
        .order_margin(&MarginQuery {
            id: order.id.clone(),
            exchange_rate: None,
        })
        .unwrap();
    // Revenue 10 × 12.00 = 120.00; margin 120 − 57.26875 = 62.73125 → 62.73;
    // 62.73125 ÷ 120 = 52.28 %.
    assert!(margin.comparable);
    assert_eq!(margin.revenue, Some(money("120.00 USD")));
    assert_eq!(margin.cost_of_goods, Some(money("57.27 USD")));
    assert_eq!(margin.margin, Some(money("62.73 USD")));
    assert_eq!(margin.margin_pct, Some(dec("52.28")));
    assert_eq!(margin.lines[0].margin, Some(money("62.73 USD")));

    // On hand: W2 8500 g × 0.003 = 25.50, oil 500 ml × 0.02 = 10.00, tins
    // 90 × 0.50 = 45.00, base 2300 g × 0.008125 = 18.6875: 99.1875.
    let after = lw.stock_valuation(&ValuationQuery::default()).unwrap();
    assert_eq!(after.value, dec("99.1875"));
    assert_eq!(after.value_total, Some(money("99.19 USD")));
    let sum: Decimal = after
        .lots
        .iter()
        .map(|l| l.qty * l.unit_cost.unwrap())
        .sum();
    assert_eq!(sum, after.value);
    // 106.00 received + 15.25 + 35.20625 added = 57.26875 shipped + 99.1875 on hand.
    let flows = lw.cost_flows(None).unwrap();
    assert_eq!(flows.received, dec("106"));
    assert_eq!(flows.added_by_operations, dec("50.45625"));
    assert_eq!(flows.shipped, dec("57.26875"));
    assert_eq!(flows.scrapped, dec("0"));
    assert_eq!(flows.work_in_progress, dec("0"));
    assert_eq!(flows.on_hand, dec("99.1875"));
    assert_eq!(flows.unaccounted, dec("0"));
    // Valued at the start of the day (before anything was received): nothing.
    let earlier = lw
        .stock_valuation(&ValuationQuery {
            at: Some(instant("2026-03-01T00:00:00Z")),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(earlier.value, dec("0"));

    // Analytics: one row for March, etsy, the tin candle; stock value per day.
    let report = lw
        .cost_analytics(&CostAnalyticsQuery {
            from: date("2026-03-01"),
            to: date("2026-03-03"),
        })
        .unwrap();
    assert_eq!(report.margins.len(), 1);
    let row = &report.margins[0];
    assert_eq!(row.month.as_deref(), Some("2026-03"));
    assert_eq!(row.channel.as_deref(), Some("etsy"));
    assert_eq!(row.sku.as_deref(), Some(WICKLESS));
    assert_eq!(row.qty, dec("10"));
    assert_eq!(row.revenue.to_string(), "120.00");
    assert_eq!(row.cost_of_goods.to_string(), "57.27");
    assert_eq!(row.margin.map(|m| m.to_string()), Some("62.73".into()));
    assert_eq!(report.by_channel[0].margin, Some(dec("62.73")));
    let values: Vec<String> = report
        .inventory
        .iter()
        .map(|p| p.value.to_string())
        .collect();
    assert_eq!(values, vec!["0.00", "99.19", "99.19"]);
    assert_invariants(lw);
}
