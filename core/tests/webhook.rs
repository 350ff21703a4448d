//! Receiving Shopify order webhooks: the signature is checked over the raw
//! body before it is read, a delivery is imported once per webhook id (and
//! once per order by its external reference), and a refused delivery writes
//! nothing.

use std::sync::Arc;

use lotwise::channels::hmac::shopify_hmac_base64;
use lotwise::channels::SkuMap;
use lotwise::{
    FixedClock, ImportStatus, ItemKind, Lotwise, NewItem, Receipt, ShopifyDelivery, Uom,
};
use serde_json::{json, Value};

const SIMPLE: &[u8] = include_bytes!("fixtures/channels/shopify/orders_create_simple.json");
const UPDATED: &[u8] = include_bytes!("fixtures/channels/shopify/orders_updated.json");
const HEADERS: &str = include_str!("fixtures/channels/shopify/webhook_headers.json");
const SECRET: &[u8] = b"lotwise-test-secret";

fn shop() -> (Lotwise, SkuMap) {
    let clock = Arc::new(FixedClock::at("2026-11-05T09:00:00Z".parse().unwrap()));
    let lw = Lotwise::in_memory_with_clock(clock);
    lw.define_item(NewItem::new(
        "CANDLE-LAV-200",
        "Lavender candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.receive(Receipt::new("CANDLE-LAV-200", "10 pcs".parse().unwrap()))
        .unwrap();
    let map = SkuMap::from_items(&lw.items().unwrap());
    (lw, map)
}

/// The fixture's headers (as Shopify sent them with the simple order).
/// Request headers, name and value.
type Headers = Vec<(String, String)>;

fn fixture_headers() -> Headers {
    let map: serde_json::Map<String, Value> = serde_json::from_str(HEADERS).unwrap();
    map.into_iter()
        .map(|(k, v)| (k, v.as_str().unwrap().to_string()))
        .collect()
}

fn with(headers: &[(String, String)], name: &str, value: Option<&str>) -> Headers {
    let mut out: Headers = headers
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case(name))
        .cloned()
        .collect();
    if let Some(v) = value {
        out.push((name.to_string(), v.to_string()));
    }
    out
}

fn deliver(
    lw: &Lotwise,
    map: &SkuMap,
    headers: &[(String, String)],
    body: &[u8],
) -> lotwise::Result<lotwise::WebhookReceipt> {
    let pairs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    lw.receive_shopify_webhook(
        ShopifyDelivery {
            secret: SECRET,
            headers: &pairs,
            body,
            confirm: true,
        },
        map,
    )
}

#[test]
fn a_signed_delivery_is_imported_and_confirmed_once_per_webhook_id() {
    let (lw, map) = shop();
    let headers = fixture_headers();
    let first = deliver(&lw, &map, &headers, SIMPLE).unwrap();
    assert!(!first.replayed);
    assert_eq!(first.topic.as_deref(), Some("orders/create"));
    assert_eq!(
        first.webhook_id.as_deref(),
        Some("3f6d0c2e-8b1a-4f7e-9a52-6c1d2e7b9a40")
    );
    assert_eq!(first.import.status, ImportStatus::Imported);
    let id = first.import.order.clone().unwrap();
    let confirmed = first.confirmed.clone().expect("a new order is confirmed");
    assert_eq!(confirmed.status.as_str(), "ready_to_ship");
    assert_eq!(
        lw.stock("CANDLE-LAV-200").unwrap().reserved.to_string(),
        "2"
    );

    // Shopify retries with the same webhook id: the first answer, nothing written.
    let before = lw.snapshot().unwrap();
    let again = deliver(&lw, &map, &headers, SIMPLE).unwrap();
    assert!(again.replayed);
    assert_eq!(again.import, first.import);
    assert_eq!(again.confirmed, first.confirmed);
    assert!(
        lw.snapshot().unwrap() == before,
        "a replayed delivery wrote"
    );
    assert_eq!(lw.orders().unwrap().len(), 1);

    // Another delivery of the same order: deduplicated by its external reference.
    let other = with(&headers, "X-Shopify-Webhook-Id", Some("another-delivery"));
    let dup = deliver(&lw, &map, &other, SIMPLE).unwrap();
    assert!(!dup.replayed);
    assert_eq!(dup.import.status, ImportStatus::Duplicate);
    assert_eq!(dup.import.order.as_deref(), Some(id.as_str()));
    assert_eq!(dup.confirmed, None);
    assert_eq!(lw.orders().unwrap().len(), 1);
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn an_update_is_applied_under_a_new_webhook_id() {
    let (lw, map) = shop();
    let headers = fixture_headers();
    deliver(&lw, &map, &headers, SIMPLE).unwrap();
    let signature = shopify_hmac_base64(SECRET, UPDATED);
    let update = with(
        &with(&headers, "X-Shopify-Hmac-Sha256", Some(&signature)),
        "X-Shopify-Webhook-Id",
        Some("update-1"),
    );
    let receipt = deliver(&lw, &map, &update, UPDATED).unwrap();
    assert_eq!(receipt.import.status, ImportStatus::Updated);
    let order = lw.order(receipt.import.order.as_deref().unwrap()).unwrap();
    assert_eq!(order.tags, ["plastic-free", "priority"]);
}

#[test]
fn a_bad_or_missing_signature_is_refused_before_the_body_is_read() {
    let (lw, map) = shop();
    let headers = fixture_headers();
    let before = lw.snapshot().unwrap();
    let wrong = with(
        &headers,
        "X-Shopify-Hmac-Sha256",
        Some("+8OivDub+/TWUquoMMcyP5LtvWK0uBEM6CLEAwEqKjA="),
    );
    let missing = with(&headers, "x-shopify-hmac-sha256", None);
    let cases: [(&Headers, &[u8], &str); 4] = [
        (&wrong, SIMPLE, "the signature does not match the body"),
        (&missing, SIMPLE, "missing"),
        // The right signature over other bytes: one byte more.
        (&headers, b"{}", "the signature does not match the body"),
        // Not even JSON, badly signed: the signature is what fails.
        (&wrong, b"not json", "the signature does not match the body"),
    ];
    for (headers, body, reason) in cases {
        let e = deliver(&lw, &map, headers, body).unwrap_err();
        assert_eq!(e.code(), "invalid_signature");
        assert_eq!(
            e.fields(),
            json!({"channel": "shopify", "header": "X-Shopify-Hmac-Sha256", "reason": reason})
        );
    }
    let empty_secret = lw
        .receive_shopify_webhook(
            ShopifyDelivery {
                secret: b"",
                headers: &[("X-Shopify-Hmac-Sha256", "")],
                body: SIMPLE,
                confirm: false,
            },
            &map,
        )
        .unwrap_err();
    assert_eq!(
        empty_secret.fields()["reason"],
        "no webhook secret is configured"
    );
    assert!(lw.snapshot().unwrap() == before, "a refused delivery wrote");
}

#[test]
fn a_signed_malformed_body_is_invalid_payload_and_writes_nothing() {
    let (lw, map) = shop();
    let before = lw.snapshot().unwrap();
    let body = br#"{"id": 1, "line_items": "#;
    let signature = shopify_hmac_base64(SECRET, body);
    let headers = with(
        &fixture_headers(),
        "X-Shopify-Hmac-Sha256",
        Some(&signature),
    );
    let e = deliver(&lw, &map, &headers, body).unwrap_err();
    assert_eq!(e.code(), "invalid_payload");
    assert!(lw.snapshot().unwrap() == before);
    // Its webhook id was not recorded: the fixed delivery still goes through.
    let ok = deliver(&lw, &map, &fixture_headers(), SIMPLE).unwrap();
    assert!(!ok.replayed);
}

#[test]
fn the_command_layer_takes_a_delivery_as_json() {
    let (lw, _) = shop();
    let headers: Value = serde_json::from_str(HEADERS).unwrap();
    let command = json!({
        "do": "receive_shopify_webhook",
        "args": {
            "secret": "lotwise-test-secret",
            "headers": headers,
            "body": std::str::from_utf8(SIMPLE).unwrap(),
        }
    });
    let answer: Value = serde_json::from_str(&lw.execute_json(&command.to_string())).unwrap();
    assert_eq!(answer["ok"]["import"]["status"], "imported", "{answer}");
    assert_eq!(answer["ok"]["confirmed"], Value::Null);
    let again: Value = serde_json::from_str(&lw.execute_json(&command.to_string())).unwrap();
    assert_eq!(again["ok"]["replayed"], true);

    let mut bad = command.clone();
    bad["args"]["secret"] = json!("another-secret");
    let refused: Value = serde_json::from_str(&lw.execute_json(&bad.to_string())).unwrap();
    assert_eq!(refused["error"]["code"], "invalid_signature");
    assert_eq!(refused["error"]["header"], "X-Shopify-Hmac-Sha256");
}

#[test]
fn the_command_layer_maps_lines_by_the_items_they_name_and_the_mappings() {
    let (lw, _) = shop();
    lw.define_item(NewItem::new(
        "CANDLE-LAVENDER",
        "Lavender candle, our SKU",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    let deliver = |body: &[u8], id: &str, mappings: Value| -> Value {
        let command = json!({
            "do": "receive_shopify_webhook",
            "args": {
                "secret": "lotwise-test-secret",
                "headers": {
                    "X-Shopify-Hmac-Sha256": shopify_hmac_base64(SECRET, body),
                    "X-Shopify-Webhook-Id": id,
                },
                "body": std::str::from_utf8(body).unwrap(),
                "mappings": mappings,
            }
        });
        serde_json::from_str(&lw.execute_json(&command.to_string())).unwrap()
    };
    // The variant id maps to another item than the line's own SKU names.
    let mapped = deliver(
        SIMPLE,
        "m-1",
        json!({"ids": {"44612930551906": {"sku": "CANDLE-LAVENDER"}}}),
    );
    assert_eq!(mapped["ok"]["import"]["status"], "imported", "{mapped}");
    let id = mapped["ok"]["import"]["order"].as_str().unwrap();
    assert_eq!(lw.order(id).unwrap().lines[0].sku, "CANDLE-LAVENDER");
    // Lines without a SKU, or naming no item, hold the order for a person.
    let no_sku: &[u8] = include_bytes!("fixtures/channels/shopify/orders_create_no_sku.json");
    let held = deliver(no_sku, "m-2", json!({}));
    assert_eq!(held["ok"]["import"]["status"], "needs_attention", "{held}");
    assert!(!held["ok"]["import"]["reasons"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(lw.check_invariants().unwrap().is_empty());
}
