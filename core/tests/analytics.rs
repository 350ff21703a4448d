//! Analytics on a small week of business, every figure worked out by hand
//! in the comments.

use std::sync::Arc;

use chrono::NaiveDate;
use lotwise::{
    AnalyticsQuery, ChannelDay, Completion, Customer, DayOutput, FixedClock, ItemKind, Lotwise,
    NewItem, NewOrder, NewOrderLine, NewRecipe, NewRecipeInput, OnTime, OrderStatus, Receipt,
    ShipRequest, SkuQty, SkuRevenue, StatusCount, Uom,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

struct Week {
    lw: Lotwise,
    clock: Arc<FixedClock>,
}

impl Week {
    fn at(&self, d: u32, hour: u32) {
        self.clock
            .set(day(d).and_hms_opt(hour, 0, 0).unwrap().and_utc());
    }

    /// Places an order of `(sku, qty, price)` lines requested for `requested`.
    fn order(
        &self,
        channel: &str,
        lines: &[(&str, u32, Option<&str>)],
        requested: Option<u32>,
    ) -> String {
        self.lw
            .place_order(NewOrder {
                channel: channel.into(),
                external_ref: None,
                customer: Customer {
                    name: format!("{channel} buyer"),
                    email: None,
                    ..Default::default()
                },
                ship_to: None,
                lines: lines
                    .iter()
                    .map(|(sku, qty, price)| NewOrderLine {
                        sku: (*sku).into(),
                        qty: format!("{qty} pcs").parse().unwrap(),
                        unit_price: price.map(|p| p.parse().unwrap()),
                        requested_date: requested.map(day),
                        lot: None,
                        min_remaining_shelf_life_days: None,
                    })
                    .collect(),
                tags: vec![],
                notes: None,
            })
            .unwrap()
            .order
            .id
    }

    fn ship(&self, id: &str) {
        self.lw
            .ship(
                id,
                ShipRequest {
                    carrier: "UPS".into(),
                    tracking: format!("1Z-{id}"),
                    ..Default::default()
                },
            )
            .unwrap();
    }
}

/// The week:
///
/// | order | placed      | channel   | lines                          | requested | shipped      |
/// |-------|-------------|-----------|--------------------------------|-----------|--------------|
/// | O1    | Mon 2 09:00 | etsy      | 3 CANDLE @ 18.00 USD           | 4th       | Wed 4 16:00  |
/// | O2    | Mon 2 09:00 | shopify   | 2 SOAP @ 6.50 + 1 CANDLE @ 18 USD | 3rd    | Tue 3 14:00  |
/// | O3    | Mon 2 09:00 | shopify   | 4 SOAP @ 5.00 EUR              | —         | Wed 4 16:00  |
/// | O4    | Mon 2 10:00 | etsy      | 1 SOAP @ 7.00 USD              | —         | cancelled    |
/// | O5    | Mon 2 10:00 | wholesale | 12 SOAP, no price              | 5th       | Fri 6 09:00  |
/// | O6    | Wed 4 09:00 | etsy      | 12 CANDLE @ 17.00 USD          | 8th       | Thu 5 15:00  |
///
/// Candles are made in batches of 10: MO-000001 (for O1 and O2) completes
/// Tue 3 with 10 good; its 6 spare go to stock, which O6 takes before
/// MO-000002 makes the rest, completing Thu 5 with 9 good and 1 scrapped.
fn week() -> Week {
    let clock = Arc::new(FixedClock::at("2026-03-02T08:00:00Z".parse().unwrap()));
    let w = Week {
        lw: Lotwise::in_memory_with_clock(clock.clone()),
        clock,
    };
    let lw = &w.lw;
    lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))
        .unwrap();
    lw.define_item(NewItem::new(
        "CANDLE",
        "Candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "SOAP",
        "Soap bar",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: "CANDLE".into(),
        batch_size: "10 pcs".parse().unwrap(),
        inputs: vec![NewRecipeInput {
            sku: "WAX".into(),
            qty: "2 kg".parse().unwrap(),
            scrap_pct: 0.into(),
        }],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    lw.receive(Receipt::new("WAX", "100 kg".parse().unwrap()))
        .unwrap();
    lw.receive(Receipt::new("SOAP", "100 pcs".parse().unwrap()))
        .unwrap();

    w.at(2, 9);
    let o1 = w.order("etsy", &[("CANDLE", 3, Some("18.00 USD"))], Some(4));
    let o2 = w.order(
        "shopify",
        &[
            ("SOAP", 2, Some("6.50 USD")),
            ("CANDLE", 1, Some("18.00 USD")),
        ],
        Some(3),
    );
    let o3 = w.order("shopify", &[("SOAP", 4, Some("5.00 EUR"))], None);
    w.at(2, 10);
    let o4 = w.order("etsy", &[("SOAP", 1, Some("7.00 USD"))], None);
    let o5 = w.order("wholesale", &[("SOAP", 12, None)], Some(5));
    for id in [&o1, &o2, &o3, &o4, &o5] {
        lw.confirm_order(id).unwrap();
    }
    lw.cancel_order(&o4).unwrap();
    assert_eq!(lw.mos().unwrap().len(), 1);

    w.at(3, 8);
    lw.start_mo("MO-000001").unwrap();
    w.at(3, 12);
    lw.complete_mo("MO-000001", Completion::default()).unwrap();
    w.at(3, 14);
    w.ship(&o2);

    w.at(4, 9);
    let o6 = w.order("etsy", &[("CANDLE", 12, Some("17.00 USD"))], Some(8));
    let report = lw.confirm_order(&o6).unwrap();
    assert_eq!(report.reserved.get(&1), Some(&Decimal::from(6)));
    assert_eq!(report.mos, vec!["MO-000002".to_string()]);
    w.at(4, 16);
    w.ship(&o1);
    w.ship(&o3);

    w.at(5, 8);
    lw.start_mo("MO-000002").unwrap();
    w.at(5, 11);
    lw.complete_mo(
        "MO-000002",
        Completion {
            good_qty: Some("9 pcs".parse().unwrap()),
            scrap_qty: Some("1 pcs".parse().unwrap()),
            ..Default::default()
        },
    )
    .unwrap();
    w.at(5, 15);
    w.ship(&o6);

    w.at(6, 9);
    w.ship(&o5);
    w.at(7, 12);
    assert!(lw.check_invariants().unwrap().is_empty());
    w
}

fn sales_row(
    d: u32,
    channel: &str,
    currency: Option<&str>,
    orders: u64,
    revenue: Decimal,
) -> ChannelDay {
    ChannelDay {
        day: day(d),
        channel: channel.into(),
        currency: currency.map(str::to_string),
        orders,
        revenue,
    }
}

#[test]
fn the_whole_week() {
    let w = week();
    let a = w.lw.analytics(&AnalyticsQuery::default()).unwrap();

    // Revenue per channel, day and currency; the cancelled O4 is left out,
    // and O3's euros never meet the dollars.
    assert_eq!(
        a.sales,
        vec![
            sales_row(2, "etsy", Some("USD"), 1, dec!(54.00)), // O1: 3 × 18
            sales_row(2, "shopify", Some("EUR"), 1, dec!(20.00)), // O3: 4 × 5
            sales_row(2, "shopify", Some("USD"), 1, dec!(31.00)), // O2: 2 × 6.50 + 18
            sales_row(2, "wholesale", None, 1, dec!(0)),       // O5: no prices
            sales_row(4, "etsy", Some("USD"), 1, dec!(204.00)), // O6: 12 × 17
        ]
    );
    assert_eq!(a.sales[0].revenue.to_string(), "54.00");

    assert_eq!(
        a.by_status,
        vec![
            StatusCount {
                status: OrderStatus::Shipped,
                orders: 5
            },
            StatusCount {
                status: OrderStatus::Cancelled,
                orders: 1
            },
        ]
    );

    // Shipped lines: O2's two on the 3rd (due 3rd) on time, O1 on the 4th
    // (due 4th) on time, O6 on the 5th (due 8th) on time, O5 on the 6th
    // (due 5th) late; O3 had no date.
    assert_eq!(
        a.on_time,
        OnTime {
            evaluated: 5,
            on_time: 4,
            late: 1,
            without_date: 1,
            rate: Some(dec!(0.8)),
        }
    );

    // Hours from placing to last shipment: O1 55, O2 29, O3 55, O5 95,
    // O6 30; (55 + 29 + 55 + 95 + 30) / 5 = 52.8.
    assert_eq!(a.lead_time.orders, 5);
    assert_eq!(a.lead_time.average_hours, Some(dec!(52.8)));

    // Candles: 10 good on the 3rd, 9 good + 1 scrap on the 5th; the
    // completions span 3 days, so 19 / 3 per day.
    assert_eq!(a.throughput.len(), 1);
    let t = &a.throughput[0];
    assert_eq!((t.product.as_str(), t.mos), ("CANDLE", 2));
    assert_eq!((t.good, t.scrap), (dec!(19), dec!(1)));
    assert_eq!(t.per_day, dec!(6.3333));
    assert_eq!(
        t.days,
        vec![
            DayOutput {
                day: day(3),
                mos: 1,
                good: dec!(10)
            },
            DayOutput {
                day: day(5),
                mos: 1,
                good: dec!(9)
            },
        ]
    );

    // Soap 2 + 4 + 12 = 18 beats candles 3 + 1 + 12 = 16 (O4's soap is cancelled).
    assert_eq!(
        a.top_by_qty,
        vec![
            SkuQty {
                sku: "SOAP".into(),
                qty: dec!(18),
                uom: Uom::Pcs,
                orders: 3
            },
            SkuQty {
                sku: "CANDLE".into(),
                qty: dec!(16),
                uom: Uom::Pcs,
                orders: 3
            },
        ]
    );
    // Per currency: EUR soap 20; USD candles 54 + 18 + 204 = 276, soap 13.
    assert_eq!(
        a.top_by_revenue,
        vec![
            SkuRevenue {
                currency: "EUR".into(),
                sku: "SOAP".into(),
                revenue: dec!(20.00),
                qty: dec!(4)
            },
            SkuRevenue {
                currency: "USD".into(),
                sku: "CANDLE".into(),
                revenue: dec!(276.00),
                qty: dec!(16)
            },
            SkuRevenue {
                currency: "USD".into(),
                sku: "SOAP".into(),
                revenue: dec!(13.00),
                qty: dec!(2)
            },
        ]
    );
}

#[test]
fn a_period_counts_each_figure_by_its_own_day() {
    let w = week();
    let q = AnalyticsQuery {
        from: Some(day(4)),
        to: Some(day(5)),
        top: 1,
        ..Default::default()
    };
    let a = w.lw.analytics(&q).unwrap();
    // Placed in the period: O6 only.
    assert_eq!(
        a.sales,
        vec![sales_row(4, "etsy", Some("USD"), 1, dec!(204.00))]
    );
    assert_eq!(
        a.by_status,
        vec![StatusCount {
            status: OrderStatus::Shipped,
            orders: 1
        }]
    );
    // Shipped in the period: O1 (on time), O3 (no date), O6 (on time).
    assert_eq!(
        a.on_time,
        OnTime {
            evaluated: 2,
            on_time: 2,
            late: 0,
            without_date: 1,
            rate: Some(dec!(1)),
        }
    );
    // Completed in the period: O1 55 h, O3 55 h, O6 30 h; 140 / 3 = 46.67.
    assert_eq!(a.lead_time.orders, 3);
    assert_eq!(a.lead_time.average_hours, Some(dec!(46.67)));
    // MO-000002 only, over a two-day period: 9 / 2.
    assert_eq!(a.throughput[0].good, dec!(9));
    assert_eq!(a.throughput[0].per_day, dec!(4.5));
    // Top 1 per list.
    assert_eq!(a.top_by_qty.len(), 1);
    assert_eq!(a.top_by_qty[0].sku, "CANDLE");
    assert_eq!(a.top_by_revenue.len(), 1);
    assert_eq!(a.top_by_revenue[0].revenue, dec!(204));
}

#[test]
fn bad_queries_are_rejected() {
    let w = week();
    let reversed = AnalyticsQuery {
        from: Some(day(5)),
        to: Some(day(4)),
        ..Default::default()
    };
    assert_eq!(
        w.lw.analytics(&reversed).unwrap_err().code(),
        "invalid_input"
    );
    let none = AnalyticsQuery {
        top: 0,
        ..Default::default()
    };
    assert_eq!(w.lw.analytics(&none).unwrap_err().code(), "invalid_input");
}
