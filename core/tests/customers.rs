//! Customers: orders from every channel attached to one record by the
//! channel's customer id and by e-mail, never by name; history, lifetime
//! value, segments, merging, and a recall that reaches people, not names.

mod common;

use common::*;
use lotwise::channels::{Channel, SkuMappings};
use lotwise::*;

const SHOPIFY_SIMPLE: &str = include_str!("fixtures/channels/shopify/orders_create_simple.json");

fn shop() -> Lotwise {
    let (lw, _) = engine();
    for sku in ["CANDLE-LAV-200", "SOAP-OAT-100", "BALM-LIP-15"] {
        lw.define_item(NewItem::new(sku, sku, ItemKind::Product, Uom::Pcs))
            .unwrap();
        lw.receive(receipt(sku, "100 pcs", Some(&format!("{sku}-L1")), None))
            .unwrap();
    }
    lw
}

fn who(name: &str, email: Option<&str>, external_id: Option<&str>) -> Customer {
    Customer {
        name: name.into(),
        email: email.map(Into::into),
        external_id: external_id.map(Into::into),
        ..Default::default()
    }
}

fn place(lw: &Lotwise, channel: &str, customer: Customer, lines: Vec<NewOrderLine>) -> SalesOrder {
    let mut order = new_order(channel, None, "x", lines);
    order.customer = customer;
    lw.place_order(order).unwrap().order
}

#[test]
fn one_customer_across_shopify_etsy_and_csv_by_id_and_email() {
    let lw = shop();
    // Shopify's own fixture: customer 8351127790412, Marisol's e-mail.
    let results = lw
        .import_texts(
            Channel::Shopify,
            &[SHOPIFY_SIMPLE.into()],
            &SkuMappings::default(),
        )
        .unwrap();
    let first = lw.order(results[0].order.as_ref().unwrap()).unwrap();
    let id = first.customer.id.clone().unwrap();
    assert_eq!(id, "CU-000001");
    let record = lw.customer(&id).unwrap();
    assert_eq!(
        record.emails,
        vec!["marisol.thistlewood@example.com".to_string()]
    );
    assert_eq!(record.phones, vec!["+15035550142".to_string()]);
    assert_eq!(
        record.channel_ids,
        vec![ChannelCustomerId {
            channel: "shopify".into(),
            id: "8351127790412".into()
        }]
    );
    // Same Shopify customer id, another e-mail: same customer, e-mail learned.
    let again = place(
        &lw,
        "shopify",
        who(
            "M. Thistlewood",
            Some("marisol@work.example"),
            Some("8351127790412"),
        ),
        vec![line("SOAP-OAT-100", "2 pcs")],
    );
    assert_eq!(again.customer.id.as_deref(), Some("CU-000001"));
    // Etsy, by e-mail in another case (Etsy's buyer id is new to us).
    let etsy = place(
        &lw,
        "etsy",
        who(
            "Marisol T",
            Some("Marisol.Thistlewood@Example.com"),
            Some("604418273"),
        ),
        vec![line("BALM-LIP-15", "1 pcs")],
    );
    assert_eq!(etsy.customer.id.as_deref(), Some("CU-000001"));
    // The wholesale CSV with its optional e-mail column.
    let csv = "order_ref,customer,sku,quantity,unit_price,currency,requested_date,email\n\
               WH-1,Thistlewood Candles,CANDLE-LAV-200,24,12.00,USD,2026-12-01,marisol@work.example\n";
    let results = lw
        .import_texts(Channel::Csv, &[csv.into()], &SkuMappings::default())
        .unwrap();
    let wholesale = lw.order(results[0].order.as_ref().unwrap()).unwrap();
    assert_eq!(wholesale.customer.id.as_deref(), Some("CU-000001"));
    let record = lw.customer("CU-000001").unwrap();
    assert_eq!(
        record.names,
        vec![
            "Marisol Thistlewood",
            "M. Thistlewood",
            "Marisol T",
            "Thistlewood Candles"
        ]
    );
    assert_eq!(
        record.emails,
        vec!["marisol.thistlewood@example.com", "marisol@work.example"]
    );
    assert_eq!(record.channel_ids.len(), 2, "{:?}", record.channel_ids);
    assert_eq!(lw.customers().unwrap().len(), 1);
    let found = lw
        .find_customers(CustomerQuery {
            external_id: Some("604418273".into()),
            channel: Some("etsy".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, "CU-000001");
}

#[test]
fn two_people_with_one_name_stay_two_customers_also_in_a_recall() {
    let lw = shop();
    let a = place(
        &lw,
        "manual",
        who("Ada Byron", Some("ada@one.example"), None),
        vec![line("SOAP-OAT-100", "2 pcs")],
    );
    let b = place(
        &lw,
        "manual",
        who("Ada Byron", Some("ada@two.example"), None),
        vec![line("SOAP-OAT-100", "3 pcs")],
    );
    // A name alone never matches: a third Ada without e-mail is someone new.
    let c = place(
        &lw,
        "manual",
        who("Ada Byron", None, None),
        vec![line("SOAP-OAT-100", "1 pcs")],
    );
    let ids = [&a, &b, &c].map(|o| o.customer.id.clone().unwrap());
    assert_eq!(ids, ["CU-000001", "CU-000002", "CU-000003"]);
    for o in [&a, &b, &c] {
        lw.confirm_order(&o.id).unwrap();
        let request = ShipRequest {
            lines: vec![],
            carrier: "UPS".into(),
            tracking: format!("1Z{}", o.id),
            label: None,
        };
        lw.ship(&o.id, request).unwrap();
    }
    let recall = lw.recall("SOAP-OAT-100-L1").unwrap();
    assert_eq!(
        recall.customers,
        vec!["Ada Byron".to_string()],
        "names merge…"
    );
    let contacts: Vec<(Option<String>, Vec<String>, Decimal)> = recall
        .contacts
        .iter()
        .map(|c| {
            (
                c.customer.clone(),
                c.emails.clone(),
                c.received.iter().map(|r| r.qty).sum(),
            )
        })
        .collect();
    // …the contacts do not: three people, each with what they received.
    assert_eq!(
        contacts,
        vec![
            (
                Some("CU-000001".into()),
                vec!["ada@one.example".into()],
                dec("2")
            ),
            (
                Some("CU-000002".into()),
                vec!["ada@two.example".into()],
                dec("3")
            ),
            (Some("CU-000003".into()), vec![], dec("1")),
        ]
    );
}

#[test]
fn lifetime_value_history_and_segments_by_hand() {
    let (lw, clock) = engine();
    for sku in ["CANDLE", "WAX"] {
        let uom = if sku == "WAX" { Uom::Kg } else { Uom::Pcs };
        lw.define_item(NewItem::new(sku, sku, ItemKind::Product, uom))
            .unwrap();
        lw.receive(receipt(sku, "100 kg", None, None)).ok();
        lw.receive(receipt(sku, "100 pcs", None, None)).ok();
    }
    let ada = who("Ada", Some("ada@example.com"), None);
    // Day 0: 2 candles at 24.00 USD = 48.00 USD.
    place(
        &lw,
        "shopify",
        ada.clone(),
        vec![priced("CANDLE", "2 pcs", "24.00 USD")],
    );
    // Day 10: 3 candles at 20.00 EUR = 60.00 EUR, and 1 kg of wax at
    // 8.00 EUR per kg (not pieces: not counted in units).
    clock.advance_days(10);
    place(
        &lw,
        "etsy",
        ada.clone(),
        vec![
            priced("CANDLE", "3 pcs", "20.00 EUR"),
            priced("WAX", "1 kg", "8.00 EUR"),
        ],
    );
    // Day 25: 1 candle at 24.00 USD, then cancelled: not counted.
    clock.advance_days(15);
    let cancelled = place(
        &lw,
        "shopify",
        ada.clone(),
        vec![priced("CANDLE", "1 pcs", "24.00 USD")],
    );
    lw.cancel_order(&cancelled.id).unwrap();
    // Day 31: 5 candles at 22.00 USD = 110.00 USD.
    clock.advance_days(6);
    place(
        &lw,
        "shopify",
        ada,
        vec![priced("CANDLE", "5 pcs", "22.00 USD")],
    );
    let s = lw.customer_summary("CU-000001").unwrap();
    assert_eq!(s.orders.len(), 4);
    assert_eq!(s.order_count, 3);
    // 2 + 3 + 5 candles; the kilogram of wax is not pieces.
    assert_eq!(s.units, dec("10"));
    // 60.00 EUR + 8.00 EUR; 48.00 USD + 110.00 USD: never added together.
    let ltv: Vec<String> = s.lifetime_value.iter().map(|m| m.to_string()).collect();
    assert_eq!(ltv, vec!["68.00 EUR", "158.00 USD"]);
    assert_eq!(s.first_order_at, Some(instant(T0)));
    // Orders on days 0, 10 and 31: (31 − 0) / 2 gaps = 15.5 days.
    assert_eq!(s.average_days_between_orders, Some(dec("15.5")));

    // A second customer, who ordered once on day 0 for 10.00 USD.
    clock.set("2026-03-02T10:00:00Z".parse().unwrap());
    place(
        &lw,
        "manual",
        who("Bo", Some("bo@example.com"), None),
        vec![priced("CANDLE", "1 pcs", "10.00 USD")],
    );
    clock.set("2026-06-30T09:00:00Z".parse().unwrap());
    lw.define_segment(Segment {
        code: "REGULARS".into(),
        name: "Ordered twice or more".into(),
        filter: SegmentFilter {
            min_orders: Some(2),
            ..Default::default()
        },
    })
    .unwrap();
    lw.define_segment(Segment {
        code: "LAPSED".into(),
        name: "Nothing for 90 days".into(),
        filter: SegmentFilter {
            last_order_more_than_days_ago: Some(90),
            ..Default::default()
        },
    })
    .unwrap();
    lw.define_segment(Segment {
        code: "BIG-USD".into(),
        name: "Over 100 USD".into(),
        filter: SegmentFilter {
            min_lifetime_value: Some(money("100.00 USD")),
            ..Default::default()
        },
    })
    .unwrap();
    let members = |code: &str| -> Vec<String> {
        lw.segment_customers(code)
            .unwrap()
            .customers
            .iter()
            .map(|c| c.customer.id.clone())
            .collect()
    };
    assert_eq!(members("REGULARS"), vec!["CU-000001"]);
    // On 30 Jun, Ada's last order (2 Apr) is 89 days old, Bo's (2 Mar) 120.
    assert_eq!(members("LAPSED"), vec!["CU-000002"]);
    assert_eq!(members("BIG-USD"), vec!["CU-000001"]);
    // Analytics of a segment: only its customers' orders (Ada's 4, one of
    // them cancelled), not Bo's.
    let by_segment = lw
        .analytics(&AnalyticsQuery {
            segment: Some("REGULARS".into()),
            ..Default::default()
        })
        .unwrap();
    let counted: u64 = by_segment.by_status.iter().map(|s| s.orders).sum();
    assert_eq!(counted, 4);
    let of_bo = lw
        .analytics(&AnalyticsQuery {
            customer: Some("CU-000002".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(of_bo.by_status.iter().map(|s| s.orders).sum::<u64>(), 1);
    let report = lw.segment_customers("REGULARS").unwrap();
    let revenue: Vec<String> = report.revenue.iter().map(|m| m.to_string()).collect();
    assert_eq!(revenue, vec!["68.00 EUR", "158.00 USD"]);
}

#[test]
fn merging_moves_orders_and_keeps_history() {
    let lw = shop();
    let a = place(
        &lw,
        "shopify",
        who("Ada", Some("ada@home.example"), Some("111")),
        vec![line("SOAP-OAT-100", "1 pcs")],
    );
    let b = place(
        &lw,
        "etsy",
        who("Ada B.", Some("ada@work.example"), None),
        vec![line("SOAP-OAT-100", "2 pcs")],
    );
    assert_ne!(a.customer.id, b.customer.id);
    let merged = lw.merge_customers("CU-000002", "CU-000001").unwrap();
    assert_eq!(merged.id, "CU-000001");
    assert_eq!(merged.emails, vec!["ada@home.example", "ada@work.example"]);
    assert_eq!(merged.names, vec!["Ada", "Ada B."]);
    assert_eq!(
        lw.order(&b.id).unwrap().customer.id.as_deref(),
        Some("CU-000001")
    );
    let s = lw.customer_summary("CU-000001").unwrap();
    assert_eq!(s.order_count, 2);
    // The merged record stays, pointing at the kept one; asking for it
    // answers with the kept customer.
    let all = lw.customers().unwrap();
    assert_eq!(all[1].merged_into.as_deref(), Some("CU-000001"));
    assert_eq!(lw.customer("CU-000002").unwrap().id, "CU-000001");
    let merge_events: Vec<Event> = lw
        .events_after(0, 1000)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind() == "customer_merged")
        .collect();
    assert_eq!(merge_events.len(), 1);
    assert_eq!(merge_events[0].subject, "CU-000001");
    // A new order by the merged-away e-mail lands on the kept customer.
    let c = place(
        &lw,
        "manual",
        who("Ada", Some("ADA@work.example"), None),
        vec![line("SOAP-OAT-100", "1 pcs")],
    );
    assert_eq!(c.customer.id.as_deref(), Some("CU-000001"));
}

#[test]
fn bad_customer_input_is_refused_and_writes_nothing() {
    let lw = shop();
    let before = lw.snapshot().unwrap();
    let mut order = new_order("manual", None, "Ghost", vec![line("SOAP-OAT-100", "1 pcs")]);
    order.customer.id = Some("CU-000042".into());
    let e = lw.place_order(order).unwrap_err();
    assert_eq!(e.code(), "unknown_customer");
    assert_eq!(e.fields(), serde_json::json!({ "customer": "CU-000042" }));
    assert_eq!(lw.snapshot().unwrap(), before);
    let ada = lw
        .define_customer(NewCustomer {
            name: "Ada".into(),
            emails: vec!["ada@example.com".into()],
            ..Default::default()
        })
        .unwrap();
    let e = lw.merge_customers(&ada.id, &ada.id).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let e = lw
        .define_customer(NewCustomer {
            name: "Other Ada".into(),
            emails: vec!["ADA@example.com".into()],
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(
        (e.code(), e.fields()["field"].as_str()),
        ("invalid_input", Some("email"))
    );
    let e = lw
        .define_customer(NewCustomer {
            name: "Bad".into(),
            emails: vec!["not an e-mail".into()],
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert_eq!(lw.customers().unwrap().len(), 1);
    assert_eq!(
        lw.segment_customers("NOPE").unwrap_err().code(),
        "unknown_segment"
    );
    // An order naming a known customer is attached to it whatever it says.
    let mut order = new_order(
        "manual",
        None,
        "Ada at the market",
        vec![line("SOAP-OAT-100", "1 pcs")],
    );
    order.customer.id = Some(ada.id.clone());
    let placed = lw.place_order(order).unwrap().order;
    assert_eq!(placed.customer.id, Some(ada.id));
}
