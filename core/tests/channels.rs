//! Channel importers against every fixture (copied byte-exact from the shared
//! fixtures into `tests/fixtures/channels/`), a table of malformed payloads,
//! the SKU map, and the Shopify webhook HMAC.

use chrono::{DateTime, NaiveDate, Utc};
use lotwise::channels::hmac::{
    header, shopify_hmac_base64, verify_shopify_hmac, verify_shopify_webhook,
};
use lotwise::channels::{
    csv, etsy, shopify, Attention, Channel, ChannelOrder, ChannelUnit, FulfillmentStatus,
    LineMapping, OrderTotals, Property, SkuMap, SkuTarget, UnmappedReason,
};
use lotwise::*;
use serde_json::Value;

#[path = "channels/etsy_receipts.rs"]
mod etsy_receipts;
#[path = "channels/malformed.rs"]
mod malformed;
#[path = "channels/shopify_orders.rs"]
mod shopify_orders;
#[path = "channels/sku_mapping.rs"]
mod sku_mapping;
#[path = "channels/webhook_hmac.rs"]
mod webhook_hmac;
#[path = "channels/wholesale_csv.rs"]
mod wholesale_csv;

const SIMPLE: &[u8] = include_bytes!("fixtures/channels/shopify/orders_create_simple.json");
const UPDATED: &[u8] = include_bytes!("fixtures/channels/shopify/orders_updated.json");
const MULTI: &[u8] = include_bytes!("fixtures/channels/shopify/orders_create_multi.json");
const EUR: &[u8] = include_bytes!("fixtures/channels/shopify/orders_create_presentment_eur.json");
const CANCELLED: &[u8] = include_bytes!("fixtures/channels/shopify/orders_cancelled.json");
const NO_SKU: &[u8] = include_bytes!("fixtures/channels/shopify/orders_create_no_sku.json");
const HEADERS: &[u8] = include_bytes!("fixtures/channels/shopify/webhook_headers.json");
const ETSY_PAGE: &[u8] = include_bytes!("fixtures/channels/etsy/receipts_page1.json");
const ETSY_GIFT: &[u8] = include_bytes!("fixtures/channels/etsy/receipt_gift_message.json");
const WHOLESALE: &[u8] = include_bytes!("fixtures/channels/csv/wholesale_orders.csv");

/// The fixtures' README: the webhook secret.
const SECRET: &[u8] = b"lotwise-test-secret";

const SKUS: [&str; 6] = [
    "CANDLE-LAV-200",
    "CANDLE-CED-200",
    "SOAP-OAT-100",
    "SOAP-ROS-100",
    "BALM-LIP-15",
    "BALM-HAND-50",
];

fn catalog() -> SkuMap {
    let mut map = SkuMap::new();
    for sku in SKUS {
        map.add_item(sku, Uom::Pcs);
    }
    map
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn money(s: &str) -> Money {
    s.parse().unwrap()
}

fn line(sku: &str, qty: &str, price: &str, date: Option<&str>) -> NewOrderLine {
    NewOrderLine {
        sku: sku.into(),
        qty: qty.parse().unwrap(),
        unit_price: Some(money(price)),
        requested_date: date.map(day),
        lot: None,
        min_remaining_shelf_life_days: None,
    }
}

fn totals(items: &str, discounts: &str, shipping: &str, tax: &str, total: &str) -> OrderTotals {
    OrderTotals {
        items: money(items),
        discounts: money(discounts),
        shipping: money(shipping),
        tax: money(tax),
        total: money(total),
    }
}

fn address(
    name: &str,
    line1: &str,
    line2: Option<&str>,
    city: &str,
    region: Option<&str>,
    zip: &str,
    country: &str,
) -> Address {
    Address {
        name: name.into(),
        line1: line1.into(),
        line2: line2.map(Into::into),
        city: city.into(),
        region: region.map(Into::into),
        postal_code: zip.into(),
        country: country.into(),
    }
}

fn customer(name: &str, email: Option<&str>) -> Customer {
    Customer {
        name: name.into(),
        email: email.map(Into::into),
        ..Default::default()
    }
}

/// A customer as a channel identifies them: its own customer id and, when
/// it gave one, a phone.
fn known(mut c: Customer, external_id: &str, phone: Option<&str>) -> Customer {
    c.external_id = Some(external_id.into());
    c.phone = phone.map(Into::into);
    c
}

fn simple_order() -> NewOrder {
    NewOrder {
        channel: "shopify".into(),
        external_ref: Some("6418203947821".into()),
        customer: known(
            customer(
                "Marisol Thistlewood",
                Some("marisol.thistlewood@example.com"),
            ),
            "8351127790412",
            Some("+15035550142"),
        ),
        ship_to: Some(address(
            "Marisol Thistlewood",
            "418 Larkspur Row",
            Some("Apt 3"),
            "Portland",
            Some("OR"),
            "97214",
            "US",
        )),
        lines: vec![line("CANDLE-LAV-200", "2 pcs", "24.00 USD", None)],
        tags: vec![],
        notes: None,
    }
}

/// The fixture with `f` applied to its JSON.
fn edit(body: &[u8], f: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(body).unwrap();
    f(&mut v);
    serde_json::to_vec(&v).unwrap()
}

/// The field of an `invalid_payload` error (panics on anything else).
fn field_of<T: std::fmt::Debug>(r: Result<T>) -> String {
    match r {
        Err(Error::InvalidPayload { field, .. }) => field,
        other => panic!("expected invalid_payload, got {other:?}"),
    }
}

fn text(body: &[u8]) -> String {
    String::from_utf8(body.to_vec()).unwrap()
}
