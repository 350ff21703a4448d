//! Shopify webhooks: every fixture, the exact order expected.

use super::*;

#[test]
fn shopify_simple_order() {
    let o = shopify::parse_order(SIMPLE, &catalog()).unwrap();
    assert_eq!(o.new_order, simple_order());
    assert_eq!(o.channel, Channel::Shopify);
    assert_eq!(o.external_id, "6418203947821");
    assert_eq!(o.display_ref, "#1041");
    assert_eq!(o.created_at, Some(utc("2026-11-02T22:07:33Z")));
    assert_eq!(o.updated_at, Some(utc("2026-11-02T22:07:35Z")));
    assert_eq!(o.currency, "USD");
    assert_eq!(o.presentment_currency, None);
    assert_eq!(
        o.totals,
        Some(totals(
            "48.00 USD",
            "0.00 USD",
            "7.95 USD",
            "0.00 USD",
            "55.95 USD"
        ))
    );
    assert_eq!(o.presentment_totals, None);
    assert_eq!(o.shipping_lines.len(), 1);
    assert_eq!(o.shipping_lines[0].title, "Standard Shipping");
    assert_eq!(o.shipping_lines[0].code.as_deref(), Some("STANDARD"));
    assert_eq!(o.shipping_lines[0].price, money("7.95 USD"));
    assert_eq!(o.channel_status.as_deref(), Some("paid"));
    assert_eq!(o.fulfillment.status, FulfillmentStatus::Unfulfilled);
    assert!(o.fulfillment.shipments.is_empty());
    assert!(o.cancellation.is_none());
    assert!(!o.test && !o.customer_is_placeholder && !o.needs_attention());
    let l = &o.lines[0];
    assert_eq!(l.external_id, "15938472630821");
    assert_eq!(l.source, "line_items[0]");
    assert_eq!(
        (l.variant_id, l.product_id),
        (Some(44612930551906), Some(8142337019234))
    );
    assert_eq!(l.title, "Lavender Field Soy Candle");
    assert_eq!(l.variant_title.as_deref(), Some("200 g"));
    assert_eq!(
        (l.quantity, l.current_quantity, l.fulfillable_quantity),
        (2.into(), 2.into(), Some(2.into()))
    );
    assert_eq!(l.discount, None);
    assert_eq!(l.mapping, LineMapping::Mapped { index: 0 });
}

#[test]
fn shopify_update_is_the_same_order_with_new_tags_and_note() {
    let created = shopify::parse_order(SIMPLE, &catalog()).unwrap();
    let updated = shopify::parse_order(UPDATED, &catalog()).unwrap();
    assert_eq!(
        (updated.channel, updated.external_id.as_str()),
        (created.channel, created.external_id.as_str())
    );
    // 16:40:12 at UTC−8 is the next day in UTC.
    assert_eq!(updated.updated_at, Some(utc("2026-11-03T00:40:12Z")));
    assert!(updated.updated_at > created.updated_at);
    let mut expected = simple_order();
    expected.tags = vec!["plastic-free".into(), "priority".into()];
    expected.notes = Some("Customer asked for plastic-free packing (phoned in).".into());
    assert_eq!(updated.new_order, expected);
    assert_eq!(updated.lines[0].external_id, created.lines[0].external_id);
}

#[test]
fn shopify_multi_line_order() {
    let o = shopify::parse_order(MULTI, &catalog()).unwrap();
    assert_eq!(
        o.new_order,
        NewOrder {
            channel: "shopify".into(),
            external_ref: Some("6418219833405".into()),
            customer: known(customer("Oskar Brambleby", Some("oskar.brambleby@example.net")), "8351190233660", Some("+19165550117")),
            // The shipping address, not the billing one with the company.
            ship_to: Some(address("Oskar Brambleby", "2717 Hawthorn Lane", None, "Sacramento", Some("CA"), "95816", "US")),
            lines: vec![
                line("CANDLE-LAV-200", "1 pcs", "24.00 USD", None),
                line("SOAP-OAT-100", "3 pcs", "9.50 USD", None),
                line("BALM-LIP-15", "4 pcs", "6.00 USD", None),
            ],
            tags: vec!["gift".into(), "repeat customer".into(), "VIP".into()],
            notes: Some("Please keep the lip balms out of direct sunlight — leave the parcel at the side door.".into()),
        }
    );
    assert_eq!(o.display_ref, "#1042");
    assert_eq!(o.created_at, Some(utc("2026-11-03T17:21:48Z")));
    let discounts: Vec<_> = o.lines.iter().map(|l| l.discount.clone()).collect();
    assert_eq!(
        discounts,
        vec![
            Some(money("2.40 USD")),
            Some(money("2.85 USD")),
            Some(money("2.40 USD"))
        ]
    );
    let props = &o.lines[0].properties;
    assert_eq!(
        props,
        &vec![
            Property {
                name: "Gift message".into(),
                value: "Happy housewarming, Wren!".into()
            },
            Property {
                name: "_gift_wrap".into(),
                value: "kraft-paper".into()
            },
        ]
    );
    assert_eq!(
        props.iter().map(Property::is_hidden).collect::<Vec<_>>(),
        vec![false, true]
    );
    assert_eq!(o.lines[2].variant_title.as_deref(), Some("Peppermint"));
    let shipping: Vec<_> = o
        .shipping_lines
        .iter()
        .map(|s| (s.title.as_str(), s.price.to_string()))
        .collect();
    assert_eq!(
        shipping,
        vec![
            ("Standard Shipping", "7.95 USD".into()),
            ("Letter Mail (lip balms)", "3.50 USD".into())
        ]
    );
    assert_eq!(
        o.totals,
        Some(totals(
            "76.50 USD",
            "7.65 USD",
            "11.45 USD",
            "5.00 USD",
            "85.30 USD"
        ))
    );
    assert_eq!(
        o.attributes,
        vec![
            Property {
                name: "Delivery window".into(),
                value: "Weekday mornings".into()
            },
            Property {
                name: "How did you hear about us?".into(),
                value: "Farmers market".into()
            },
        ]
    );
    assert!(!o.needs_attention());
}

#[test]
fn shopify_presentment_currency_keeps_shop_money_for_the_order() {
    let o = shopify::parse_order(EUR, &catalog()).unwrap();
    assert_eq!(
        o.new_order,
        NewOrder {
            channel: "shopify".into(),
            external_ref: Some("6418256310589".into()),
            customer: known(
                customer("Ines Caraway", Some("ines.caraway@example.org")),
                "8351238840380",
                None
            ),
            // province and province_code are null: no region.
            ship_to: Some(address(
                "Ines Caraway",
                "Kaneelsteeg 7",
                None,
                "Utrecht",
                None,
                "3512 JE",
                "NL"
            )),
            lines: vec![
                line("CANDLE-CED-200", "1 pcs", "23.91 USD", None),
                line("SOAP-ROS-100", "2 pcs", "9.51 USD", None),
            ],
            tags: vec![],
            notes: None,
        }
    );
    assert_eq!(o.currency, "USD");
    assert_eq!(o.presentment_currency.as_deref(), Some("EUR"));
    let presentment: Vec<_> = o
        .lines
        .iter()
        .map(|l| l.presentment_unit_price.clone())
        .collect();
    assert_eq!(
        presentment,
        vec![Some(money("22.00 EUR")), Some(money("8.75 EUR"))]
    );
    assert_eq!(
        o.totals,
        Some(totals(
            "42.93 USD",
            "0.00 USD",
            "15.22 USD",
            "0.00 USD",
            "58.15 USD"
        ))
    );
    assert_eq!(
        o.presentment_totals,
        Some(totals(
            "39.50 EUR",
            "0.00 EUR",
            "14.00 EUR",
            "0.00 EUR",
            "53.50 EUR"
        ))
    );
    assert_eq!(
        o.shipping_lines[0].presentment_price,
        Some(money("14.00 EUR"))
    );
}

#[test]
fn shopify_cancelled_order_keeps_what_was_ordered() {
    let o = shopify::parse_order(CANCELLED, &catalog()).unwrap();
    assert!(o.is_cancelled());
    let c = o.cancellation.clone().unwrap();
    assert_eq!(c.at, Some(utc("2026-11-04T18:15:02Z")));
    assert_eq!(c.reason.as_deref(), Some("customer"));
    assert_eq!(o.created_at, Some(utc("2026-11-04T01:55:02Z")));
    assert_eq!(o.updated_at, Some(utc("2026-11-04T18:15:04Z")));
    assert_eq!(o.channel_status.as_deref(), Some("refunded"));
    assert_eq!(
        o.new_order,
        NewOrder {
            channel: "shopify".into(),
            external_ref: Some("6418231176509".into()),
            customer: known(
                customer("Priya Lanternfield", Some("priya.lanternfield@example.com")),
                "8351204478012",
                Some("+15125550166")
            ),
            ship_to: Some(address(
                "Priya Lanternfield",
                "930 Sotol Bend",
                None,
                "Austin",
                Some("TX"),
                "78704",
                "US"
            )),
            lines: vec![
                line("CANDLE-CED-200", "2 pcs", "24.00 USD", None),
                line("BALM-HAND-50", "1 pcs", "16.00 USD", None),
            ],
            tags: vec![],
            notes: None,
        }
    );
    assert_eq!(o.lines[0].current_quantity, 0.into());
    assert_eq!(o.lines[0].fulfillable_quantity, Some(0.into()));
    // total_price stays 68.00 on a cancelled order.
    assert_eq!(
        o.totals,
        Some(totals(
            "64.00 USD",
            "0.00 USD",
            "0.00 USD",
            "4.00 USD",
            "68.00 USD"
        ))
    );
}

#[test]
fn shopify_refunded_line_is_kept_for_the_record_with_nothing_to_ship() {
    // Both candles refunded on an open order: current_quantity 0.
    let body = edit(SIMPLE, |v| {
        v["line_items"][0]["current_quantity"] = 0.into();
        v["line_items"][0]["fulfillable_quantity"] = 0.into();
    });
    let o = shopify::parse_order(&body, &catalog()).unwrap();
    assert_eq!(o.lines[0].mapping, LineMapping::Mapped { index: 0 });
    assert_eq!(o.new_order.lines[0].qty.to_string(), "2 pcs");
    assert_eq!(o.lines[0].fulfilled_outside, 2.into());
    assert!(!o.needs_attention());
    // The same line unknown to the catalog is simply removed: nothing to supply.
    let o = shopify::parse_order(&body, &SkuMap::new()).unwrap();
    assert_eq!(o.lines[0].mapping, LineMapping::Removed);
    assert!(o.new_order.lines.is_empty());
    assert!(!o.needs_attention());
}

#[test]
fn shopify_lines_without_sku_need_attention_and_are_never_dropped() {
    let o = shopify::parse_order(NO_SKU, &catalog()).unwrap();
    assert_eq!(
        o.new_order.lines,
        vec![line("SOAP-OAT-100", "2 pcs", "9.50 USD", None)]
    );
    assert_eq!(
        o.new_order.tags,
        vec!["draft".to_string(), "invoice-sent".to_string()]
    );
    assert_eq!(o.channel_status.as_deref(), Some("pending"));
    assert_eq!(o.lines.len(), 3);
    assert_eq!(o.lines[1].sku, None, "an empty sku is no sku");
    assert_eq!(o.lines[1].variant_id, Some(44612938219362));
    assert_eq!(o.lines[2].variant_id, None);
    assert!(!o.lines[2].requires_shipping);
    assert!(o.needs_attention());
    let attention = o.attention();
    assert_eq!(
        attention,
        vec![Attention::UnmappedLine {
            line: 1,
            source: "line_items[1]".into(),
            title: "Seasonal Mystery Wax Melt".into(),
            reason: UnmappedReason::MissingSku,
        },]
    );
    // The consultation needs no shipping: nothing to supply, nobody to ask.
    assert_eq!(o.lines[2].mapping, LineMapping::Removed);
    assert_eq!(attention[0].code(), "unmapped_line");
    assert_eq!(
        attention[0].to_string(),
        "line_items[1] (Seasonal Mystery Wax Melt): no SKU, and none of the line's channel ids is mapped"
    );
    // A mapping for the variant resolves the line; the custom item stays flagged.
    let mut map = catalog();
    map.add_item("MELT-SEASONAL", Uom::Pcs)
        .map_shopify_variant(44612938219362, SkuTarget::pieces("MELT-SEASONAL"));
    let o = shopify::parse_order(NO_SKU, &map).unwrap();
    assert_eq!(
        o.new_order.lines[1],
        line("MELT-SEASONAL", "1 pcs", "7.00 USD", None)
    );
    assert_eq!(o.lines[1].mapping, LineMapping::Mapped { index: 1 });
    assert!(!o.needs_attention());
}

#[test]
fn shopify_customer_falls_back_to_address_then_email_then_placeholder() {
    let guest = edit(SIMPLE, |v| v["customer"] = Value::Null);
    let o = shopify::parse_order(&guest, &catalog()).unwrap();
    assert_eq!(
        o.new_order.customer,
        customer(
            "Marisol Thistlewood",
            Some("marisol.thistlewood@example.com")
        )
    );
    assert!(!o.customer_is_placeholder);

    let email_only = edit(&guest, |v| {
        v["shipping_address"] = Value::Null;
        v["billing_address"] = Value::Null;
    });
    let o = shopify::parse_order(&email_only, &catalog()).unwrap();
    assert_eq!(o.new_order.customer.name, "marisol.thistlewood@example.com");
    assert_eq!(o.new_order.ship_to, None);
    assert!(!o.needs_attention());

    let nobody = edit(&email_only, |v| {
        v["email"] = Value::Null;
        v["contact_email"] = Value::Null;
    });
    let o = shopify::parse_order(&nobody, &catalog()).unwrap();
    assert_eq!(
        o.new_order.customer,
        customer("Unknown Shopify customer (order 6418203947821)", None)
    );
    assert!(o.customer_is_placeholder);
    assert_eq!(o.attention(), vec![Attention::PlaceholderCustomer]);
    assert_eq!(o.new_order.lines.len(), 1, "the order is still complete");
}

#[test]
fn shopify_ids_beyond_2_pow_53_are_exact() {
    // Shopify's own samples use 18-digit ids, which an f64 would change.
    let body = br#"{"id": 820982911946154508, "currency": "USD", "customer": {"id": 115310627314723954, "first_name": "Bob"},
        "line_items": [{"id": 18446744073709551615, "variant_id": 9007199254740993, "sku": "CANDLE-LAV-200",
                        "title": "Candle", "quantity": 1, "price": "24.00"}]}"#;
    let o = shopify::parse_order(body, &catalog()).unwrap();
    assert_eq!(o.external_id, "820982911946154508");
    assert_eq!(
        o.new_order.external_ref.as_deref(),
        Some("820982911946154508")
    );
    assert_eq!(o.display_ref, "#820982911946154508");
    assert_eq!(o.lines[0].external_id, u64::MAX.to_string());
    assert_eq!(o.lines[0].variant_id, Some(9_007_199_254_740_993));
    // Ids as strings are accepted too.
    let as_string = edit(body, |v| v["id"] = "820982911946154508".into());
    assert_eq!(
        shopify::parse_order(&as_string, &catalog())
            .unwrap()
            .external_id,
        "820982911946154508"
    );
    // Beyond 64 bits serde_json falls back to f64: refused, never rounded.
    let too_big = String::from_utf8(body.to_vec())
        .unwrap()
        .replace("820982911946154508", "18446744073709551616");
    assert_eq!(
        field_of(shopify::parse_order(too_big.as_bytes(), &catalog())),
        "id"
    );
}

#[test]
fn shopify_topics() {
    assert_eq!(
        shopify::Topic::from_header("orders/cancelled"),
        Some(shopify::Topic::OrdersCancelled)
    );
    assert_eq!(
        shopify::Topic::from_header("orders/create").map(|t| t.as_str()),
        Some("orders/create")
    );
    assert_eq!(shopify::Topic::from_header("products/update"), None);
}
