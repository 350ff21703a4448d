//! Costing beyond the main story: valuation by date, estimates, refused
//! costs, currencies, purchase orders, cancelled batches, returns and
//! transfers.

use super::common::*;
use super::{costed, shop, BASE, WICKLESS};
use lotwise::*;

#[test]
fn valuation_per_item_location_and_date() {
    let (lw, clock) = engine();
    shop(&lw);
    clock.advance_days(1);
    lw.adjust_stock(Adjustment {
        sku: WAX.into(),
        lot: "W2".into(),
        location: None,
        delta: qty("-1 kg"),
        reason: "spilt".into(),
    })
    .unwrap();
    let now = lw
        .stock_valuation(&ValuationQuery {
            sku: Some(WAX.into()),
            ..Default::default()
        })
        .unwrap();
    // W1 3000 × 0.002 + W2 9000 × 0.003 = 6 + 27 = 33.
    assert_eq!(now.value, dec("33"));
    assert_eq!(now.items.len(), 1);
    assert_eq!(now.items[0].location, "MAIN");
    let yesterday = lw
        .stock_valuation(&ValuationQuery {
            at: Some(instant(T0)),
            sku: Some(WAX.into()),
            location: Some("MAIN".into()),
        })
        .unwrap();
    assert_eq!(yesterday.value, dec("36"));
    // The spilt kilogram is scrapped cost.
    let flows = lw.cost_flows(None).unwrap();
    assert_eq!(flows.scrapped, dec("3"));
    assert_eq!(flows.unaccounted, dec("0"));
}

#[test]
fn a_recipe_is_estimated_from_current_costs() {
    let (lw, _) = engine();
    shop(&lw);
    let est = lw
        .estimate_recipe_cost(&EstimateQuery {
            sku: BASE.into(),
            qty: None,
        })
        .unwrap();
    // Wax on hand: (3000 × 0.002 + 10000 × 0.003) / 13000 = 36 / 13000 per g,
    // rounded to 10 places = 0.0027692308; × 4500 = 12.4615386.
    assert_eq!(est.inputs[0].source, "stock");
    assert_eq!(est.inputs[0].unit_cost, Some(dec("0.0027692308")));
    assert_eq!(est.inputs[0].cost, dec("12.4615386"));
    // Oil 500 × 0.02 = 10; MIX 12; overhead 10 % of 34.4615386 = 3.44615386.
    assert_eq!(est.total, dec("37.90769246"));
    assert_eq!(est.total_money, Some(money("37.91 USD")));
    // The candles: base from its own recipe (no base in stock).
    let est = lw
        .estimate_recipe_cost(&EstimateQuery {
            sku: WICKLESS.into(),
            qty: Some(qty("20 pcs")),
        })
        .unwrap();
    assert_eq!(est.inputs[0].source, "recipe");
    assert_eq!(est.inputs[1].cost, dec("10"));
}

#[test]
fn bad_costs_are_refused_and_write_nothing() {
    let (lw, _) = engine();
    shop(&lw);
    let before = lw.snapshot().unwrap();
    let e = lw
        .receive(costed(WAX, "1 kg", "-1.00 USD", "W9", "2027-01-01"))
        .unwrap_err();
    assert_eq!(e.code(), "negative_cost");
    let e = lw
        .receive(costed(WAX, "1 kg", "2.00 EUR", "W9", "2027-01-01"))
        .unwrap_err();
    assert_eq!(
        e,
        Error::CurrencyMismatch {
            expected: "USD".into(),
            got: "EUR".into()
        }
    );
    let e = lw
        .receive(costed(WAX, "1 kg", "4.0123456789 USD", "W9", "2027-01-01"))
        .unwrap_err();
    assert_eq!(
        e,
        Error::MoneyPrecision {
            field: "unit_cost".into(),
            value: "4.0123456789 USD".into(),
            max_places: 6
        }
    );
    // More of a lot at another cost: one lot, one cost.
    let e = lw
        .receive(costed(WAX, "1 kg", "9.00 USD", "W1", "2026-06-01"))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let e = lw
        .set_cost_settings(CostSettings {
            currency: Some("EUR".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(e.code(), "currency_mismatch");
    assert_eq!(before, lw.snapshot().unwrap());
    // With a rate, a EUR price is a USD cost: 2.00 EUR × 1.10 = 2.20 USD a kg.
    let lot = lw
        .receive(Receipt {
            exchange_rate: Some(dec("1.10")),
            ..costed(WAX, "1 kg", "2.00 EUR", "W9", "2027-01-01")
        })
        .unwrap();
    assert_eq!(lot.unit_cost, Some(money("0.0022 USD")));
}

#[test]
fn an_order_in_another_currency_is_not_comparable_without_a_rate() {
    let (lw, _) = engine();
    shop(&lw);
    lw.receive(costed(WICKLESS, "5 pcs", "4.00 USD", "C1", "2027-01-01"))
        .unwrap();
    let order = lw
        .place_order(new_order(
            "shopify",
            Some("9"),
            "Bo",
            vec![priced(WICKLESS, "2 pcs", "10.00 EUR")],
        ))
        .unwrap()
        .order;
    lw.confirm_order(&order.id).unwrap();
    lw.ship(
        &order.id,
        ShipRequest {
            carrier: "DHL".into(),
            tracking: "2".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let m = lw
        .order_margin(&MarginQuery {
            id: order.id.clone(),
            exchange_rate: None,
        })
        .unwrap();
    assert!(!m.comparable);
    assert_eq!(m.revenue, Some(money("20.00 EUR")));
    assert_eq!(m.cost_of_goods, Some(money("8.00 USD")));
    assert_eq!(m.margin, None);
    // 20.00 EUR × 1.10 = 22.00 USD − 8.00 = 14.00 USD.
    let m = lw
        .order_margin(&MarginQuery {
            id: order.id,
            exchange_rate: Some(dec("1.10")),
        })
        .unwrap();
    assert!(m.comparable);
    assert_eq!(m.margin, Some(money("14.00 USD")));
    // In analytics the EUR row has revenue and cost but no margin: never mixed.
    let report = lw
        .cost_analytics(&CostAnalyticsQuery {
            from: date("2026-03-02"),
            to: date("2026-03-02"),
        })
        .unwrap();
    assert_eq!(report.by_product[0].currency.as_deref(), Some("EUR"));
    assert_eq!(report.by_product[0].revenue, dec("20.00"));
    assert_eq!(report.by_product[0].margin, None);
}

#[test]
fn purchase_orders_cost_their_lots_from_the_line_or_the_price_list() {
    let (lw, _) = engine();
    shop(&lw);
    let mut wax = NewSupplierItem::new(WAX);
    wax.price = Some(money("45.00 USD"));
    wax.price_per = Some(qty("25 kg"));
    lw.define_supplier(
        NewSupplier::new("CS", "CandleScience", 3)
            .supplying(wax)
            .supplying(NewSupplierItem::new(OIL)),
    )
    .unwrap();
    let po = lw
        .create_po(NewPurchaseOrder {
            supplier: "CS".into(),
            lines: vec![
                NewPoLine {
                    sku: WAX.into(),
                    qty: qty("50 kg"),
                    unit_cost: None,
                },
                NewPoLine {
                    sku: OIL.into(),
                    qty: qty("2 l"),
                    unit_cost: Some(money("18.00 USD")),
                },
            ],
            expected_date: None,
            notes: None,
        })
        .unwrap();
    // 45.00 per 25 kg = 0.0018 a gram; 18.00 a litre = 0.018 a millilitre.
    assert_eq!(po.lines[0].unit_cost, Some(money("0.0018 USD")));
    assert_eq!(po.lines[1].unit_cost, Some(money("0.018 USD")));
    lw.send_po(&po.id).unwrap();
    let invoiced = PoReceiptLine {
        unit_cost: Some(money("19.00 USD")),
        ..PoReceiptLine::new(2, qty("1 l"))
    };
    let got = lw
        .receive_po(
            &po.id,
            vec![
                PoReceiptLine::new(1, qty("50 kg")),
                PoReceiptLine::new(2, qty("1 l")),
                invoiced,
            ],
        )
        .unwrap();
    assert_eq!(got.lots[0].unit_cost, Some(money("0.0018 USD")));
    assert_eq!(got.lots[1].unit_cost, Some(money("0.018 USD")));
    // The second litre was invoiced at 19.00: its lot costs 0.019 a millilitre.
    assert_eq!(got.lots[2].unit_cost, Some(money("0.019 USD")));
}

#[test]
fn a_cancelled_batch_writes_off_what_it_consumed() {
    let (lw, _) = engine();
    shop(&lw);
    let stock_mo = lw.create_stock_mo(BASE, qty("5 kg")).unwrap();
    lw.start_mo(&stock_mo.mo.id).unwrap();
    let flows = lw.cost_flows(None).unwrap();
    // In progress: 6.00 + 4.50 + 10.00 = 20.50.
    assert_eq!(flows.work_in_progress, dec("20.5"));
    assert_eq!(flows.unaccounted, dec("0"));
    lw.cancel_mo(&stock_mo.mo.id).unwrap();
    let flows = lw.cost_flows(None).unwrap();
    assert_eq!(flows.work_in_progress, dec("0"));
    assert_eq!(flows.scrapped, dec("20.5"));
    assert_eq!(flows.unaccounted, dec("0"));
    assert_eq!(
        lw.batch_cost(&stock_mo.mo.id).unwrap().written_off,
        dec("20.5")
    );
}

#[test]
fn returns_and_transfers_keep_cost_conserved() {
    let (lw, _) = engine();
    shop(&lw);
    lw.receive(costed(WICKLESS, "5 pcs", "4.00 USD", "C1", "2027-01-01"))
        .unwrap();
    let order = lw
        .place_order(new_order(
            "etsy",
            Some("7"),
            "Cy",
            vec![priced(WICKLESS, "3 pcs", "12.00 USD")],
        ))
        .unwrap()
        .order;
    lw.confirm_order(&order.id).unwrap();
    lw.ship(
        &order.id,
        ShipRequest {
            carrier: "USPS".into(),
            tracking: "3".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let ret = |disposition: Disposition| NewReturnLine {
        line: 1,
        lot: "C1".into(),
        qty: qty("1 pcs"),
        reason: "dented".into(),
        disposition,
    };
    lw.record_return(NewReturn {
        order: order.id.clone(),
        lines: vec![
            ret(Disposition::Restock { location: None }),
            ret(Disposition::Scrap),
        ],
        note: None,
    })
    .unwrap();
    // Shipped 3 × 4.00 = 12.00, 2 came back: 4.00 net; one restocked, one scrapped.
    let flows = lw.cost_flows(None).unwrap();
    assert_eq!(flows.shipped, dec("4"));
    assert_eq!(flows.scrapped, dec("4"));
    assert_eq!(flows.unaccounted, dec("0"));
    lw.define_location("SHOP", "Shop", LocationKind::Internal)
        .unwrap();
    lw.ship_transfer(NewTransfer {
        from: "MAIN".into(),
        to: "SHOP".into(),
        lines: vec![NewTransferLine {
            sku: WICKLESS.into(),
            lot: Some("C1".into()),
            qty: qty("2 pcs"),
        }],
        note: None,
    })
    .unwrap();
    // In transit the candles are still on hand, at their cost.
    let flows = lw.cost_flows(None).unwrap();
    assert_eq!(flows.unaccounted, dec("0"));
    let candles = lw
        .stock_valuation(&ValuationQuery {
            sku: Some(WICKLESS.into()),
            ..Default::default()
        })
        .unwrap();
    // 3 on hand (2 left + 1 restocked) × 4.00.
    assert_eq!(candles.value, dec("12"));
    assert_eq!(candles.items.len(), 2);
}
