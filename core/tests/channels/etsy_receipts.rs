//! Etsy receipts: the page and the single gift receipt.

use super::*;

#[test]
fn etsy_page_of_receipts() {
    let page = etsy::parse_receipts_page(ETSY_PAGE, &catalog()).unwrap();
    assert_eq!(page.count, 2);
    assert_eq!(page.orders.len(), 2);
    let first = page.orders[0].clone().unwrap();
    assert_eq!(
        first.new_order,
        NewOrder {
            channel: "etsy".into(),
            external_ref: Some("3498127765".into()),
            // `&#39;` decoded.
            customer: known(
                customer("Hollis O'Quinlan", Some("hollis.oquinlan@example.org")),
                "604418273",
                None
            ),
            ship_to: Some(address(
                "Hollis O'Quinlan",
                "77 Wrenfield Ave",
                None,
                "Burlington",
                Some("VT"),
                "05401",
                "US"
            )),
            lines: vec![
                line("CANDLE-LAV-200", "2 pcs", "24.00 USD", Some("2026-11-09")),
                line("BALM-LIP-15", "3 pcs", "6.00 USD", Some("2026-11-09")),
            ],
            tags: vec![],
            notes: None,
        }
    );
    assert_eq!(first.display_ref, "3498127765");
    assert_eq!(first.created_at, Some(utc("2026-11-05T18:32:10Z")));
    assert_eq!(first.updated_at, Some(utc("2026-11-05T18:32:41Z")));
    assert_eq!(first.channel_status.as_deref(), Some("paid"));
    assert!(first.cancellation.is_none());
    assert_eq!(
        first.totals,
        Some(totals(
            "66.00 USD",
            "0.00 USD",
            "5.95 USD",
            "3.96 USD",
            "75.91 USD"
        ))
    );
    let candle = &first.lines[0];
    assert_eq!(candle.external_id, "4811390217");
    assert_eq!(candle.source, "results[0].transactions[0]");
    assert_eq!(candle.listing_id, Some(1583346621));
    assert_eq!(candle.ship_by, Some(day("2026-11-09")));
    let chosen: Vec<_> = candle
        .variations
        .iter()
        .map(|v| (v.property_id, v.value_id, v.name.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(
        chosen,
        vec![
            (Some(513), Some(1273829145520), "Size", "200 g"),
            (Some(514), Some(1273829145611), "Wick", "Wooden (crackling)")
        ]
    );
    assert!(candle.properties.is_empty());
    // Personalization: property 54, value_id null, the seller's label.
    let balm = &first.lines[1];
    assert_eq!(
        balm.properties,
        vec![Property {
            name: "Label text".into(),
            value: "For Dad".into()
        }]
    );
    assert!(balm.variations[0].is_personalization() && balm.variations[0].value_id.is_none());

    let second = page.orders[1].clone().unwrap();
    assert_eq!(
        second.new_order,
        NewOrder {
            channel: "etsy".into(),
            external_ref: Some("3498201134".into()),
            customer: known(customer("Tamsin Orrery", None), "587730416", None),
            ship_to: Some(address(
                "Tamsin Orrery",
                "2210 Maplewood Crescent",
                Some("Unit 4"),
                "Halifax",
                Some("NS"),
                "B3H 1A1",
                "CA"
            )),
            lines: vec![line(
                "SOAP-OAT-100",
                "1 pcs",
                "9.50 USD",
                Some("2026-10-31")
            )],
            tags: vec![],
            notes: None,
        }
    );
    assert_eq!(
        second.lines[0].title,
        "Oat & Honey Cold-Process Soap – 100 g bar"
    );
    assert_eq!(
        second.lines[0].shipped_at,
        Some(utc("2026-10-30T16:20:00Z"))
    );
    assert_eq!(second.channel_status.as_deref(), Some("completed"));
    assert_eq!(
        second.totals,
        Some(totals(
            "9.50 USD",
            "0.95 USD",
            "12.50 USD",
            "3.16 USD",
            "24.21 USD"
        ))
    );
    assert_eq!(second.fulfillment.status, FulfillmentStatus::Fulfilled);
    let s = &second.fulfillment.shipments[0];
    assert_eq!(
        (s.carrier.as_deref(), s.tracking.as_deref(), s.at),
        (
            Some("usps"),
            Some("LZ604417825US"),
            Some(utc("2026-10-30T16:20:05Z"))
        )
    );
}

#[test]
fn etsy_gift_receipt_customer_is_the_buyer_and_ships_to_the_recipient() {
    let o = etsy::parse_receipt(ETSY_GIFT, &catalog()).unwrap();
    assert_eq!(
        o.new_order,
        NewOrder {
            channel: "etsy".into(),
            external_ref: Some("3498377760".into()),
            customer: known(
                customer("Rowan", Some("rowan.fairweather@example.net")),
                "611209834",
                None
            ),
            ship_to: Some(address(
                "Juniper Ashgrove",
                "12 Sorrel Court",
                None,
                "Asheville",
                Some("NC"),
                "28801",
                "US"
            )),
            lines: vec![
                line("CANDLE-LAV-200", "1 pcs", "24.00 USD", Some("2026-11-10")),
                line("BALM-LIP-15", "1 pcs", "6.00 USD", Some("2026-11-10")),
            ],
            tags: vec![],
            notes: Some(
                "Could you leave the price off the packing slip? It’s a gift — thank you!".into()
            ),
        }
    );
    let gift = o.gift.clone().unwrap();
    assert_eq!(
        gift.message.as_deref(),
        Some("Happy birthday, Juniper! Light this one on a rainy evening. Love, R.")
    );
    assert_eq!(gift.sender.as_deref(), Some("Rowan"));
    assert_eq!(
        o.totals,
        Some(totals(
            "30.00 USD",
            "0.00 USD",
            "5.95 USD",
            "2.10 USD",
            "38.05 USD"
        ))
    );
    assert_eq!(o.created_at, Some(utc("2026-11-06T21:14:03Z")));
    assert!(!o.needs_attention());
}

#[test]
fn etsy_status_is_case_insensitive_and_canceled_cancels() {
    for status in ["Canceled", "canceled", "CANCELED"] {
        let body = edit(ETSY_GIFT, |v| v["status"] = status.into());
        let o = etsy::parse_receipt(&body, &catalog()).unwrap();
        assert!(o.is_cancelled(), "{status}");
        assert_eq!(
            o.new_order.lines.len(),
            2,
            "a cancelled receipt keeps its lines"
        );
    }
    let refunded = edit(ETSY_GIFT, |v| v["status"] = "Fully Refunded".into());
    assert!(!etsy::parse_receipt(&refunded, &catalog())
        .unwrap()
        .is_cancelled());
}

#[test]
fn etsy_money_divisor_is_not_assumed() {
    let body = edit(ETSY_GIFT, |v| {
        v["transactions"][0]["price"] =
            serde_json::json!({"amount": 24000, "divisor": 1000, "currency_code": "USD"});
        v["transactions"][1]["price"] =
            serde_json::json!({"amount": 12, "divisor": 2, "currency_code": "USD"});
        v["discount_amt"] = serde_json::json!({"amount": 1, "divisor": 8, "currency_code": "USD"});
    });
    let o = etsy::parse_receipt(&body, &catalog()).unwrap();
    assert_eq!(o.new_order.lines[0].unit_price, Some(money("24.000 USD")));
    assert_eq!(o.new_order.lines[1].unit_price, Some(money("6 USD")));
    assert_eq!(o.totals.unwrap().discounts, money("0.125 USD"));
    let inexact = edit(ETSY_GIFT, |v| {
        v["transactions"][0]["price"]["divisor"] = 7.into()
    });
    assert_eq!(
        field_of(etsy::parse_receipt(&inexact, &catalog())),
        "transactions[0].price.divisor"
    );
}

#[test]
fn etsy_receipt_without_name_or_email_gets_a_flagged_placeholder() {
    let body = edit(ETSY_PAGE, |v| v["results"][1]["name"] = "".into());
    let page = etsy::parse_receipts_page(&body, &catalog()).unwrap();
    let o = page.orders[1].clone().unwrap();
    assert_eq!(
        o.new_order.customer,
        customer("Unknown Etsy buyer (receipt 3498201134)", None)
    );
    assert_eq!(o.attention(), vec![Attention::PlaceholderCustomer]);
}

#[test]
fn a_bad_receipt_on_a_page_does_not_hold_back_the_others() {
    let body = edit(ETSY_PAGE, |v| {
        v["results"][1]["transactions"][0]["quantity"] = 1.5.into()
    });
    let page = etsy::parse_receipts_page(&body, &catalog()).unwrap();
    assert!(page.orders[0].is_ok());
    let err = page.orders[1].clone().unwrap_err();
    assert_eq!(err.code(), "invalid_payload");
    assert_eq!(
        field_of(Err::<(), _>(err)),
        "results[1].transactions[0].quantity"
    );
}
