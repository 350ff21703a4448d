//! Importing channel orders through the engine: placed once, replays change
//! nothing, newer versions update what may still change, cancellations cancel,
//! unmapped SKUs hold the order for a person, and bulk import reports every
//! order with progress.

use std::sync::Arc;

use lotwise::channels::{shopify, Channel, SkuMap};
use lotwise::{FixedClock, ImportStatus, ItemKind, Lotwise, NewItem, NewOrderLine, Receipt, Uom};

const SIMPLE: &[u8] = include_bytes!("fixtures/channels/shopify/orders_create_simple.json");
const UPDATED: &[u8] = include_bytes!("fixtures/channels/shopify/orders_updated.json");
const MULTI: &[u8] = include_bytes!("fixtures/channels/shopify/orders_create_multi.json");
const CANCELLED: &[u8] = include_bytes!("fixtures/channels/shopify/orders_cancelled.json");
const NO_SKU: &[u8] = include_bytes!("fixtures/channels/shopify/orders_create_no_sku.json");
const ETSY_PAGE: &[u8] = include_bytes!("fixtures/channels/etsy/receipts_page1.json");
const WHOLESALE: &[u8] = include_bytes!("fixtures/channels/csv/wholesale_orders.csv");

const SKUS: [&str; 6] = [
    "CANDLE-LAV-200",
    "CANDLE-CED-200",
    "SOAP-OAT-100",
    "SOAP-ROS-100",
    "BALM-LIP-15",
    "BALM-HAND-50",
];

fn shop() -> (Lotwise, SkuMap) {
    let clock = Arc::new(FixedClock::at("2026-11-05T09:00:00Z".parse().unwrap()));
    let lw = Lotwise::in_memory_with_clock(clock);
    for sku in SKUS {
        lw.define_item(NewItem::new(sku, sku, ItemKind::Product, Uom::Pcs))
            .unwrap();
        lw.receive(Receipt::new(sku, "100 pcs".parse().unwrap()))
            .unwrap();
    }
    let map = SkuMap::from_items(&lw.items().unwrap());
    (lw, map)
}

fn import(lw: &Lotwise, map: &SkuMap, body: &[u8]) -> lotwise::ImportResult {
    lw.import_order(&shopify::parse_order(body, map).unwrap())
        .unwrap()
}

#[test]
fn a_replayed_webhook_changes_nothing() {
    let (lw, map) = shop();
    let first = import(&lw, &map, SIMPLE);
    assert_eq!(first.status, ImportStatus::Imported);
    let id = first.order.clone().unwrap();
    assert_eq!(
        lw.order(&id).unwrap().external_ref.as_deref(),
        Some("6418203947821")
    );
    let before = lw.snapshot().unwrap();
    let again = import(&lw, &map, SIMPLE);
    assert_eq!(again.status, ImportStatus::Duplicate);
    assert_eq!(again.order, first.order);
    assert!(lw.snapshot().unwrap() == before, "a replay wrote something");
    assert_eq!(lw.orders().unwrap().len(), 1);
}

#[test]
fn a_newer_version_updates_tags_and_note() {
    let (lw, map) = shop();
    let id = import(&lw, &map, SIMPLE).order.unwrap();
    let updated = import(&lw, &map, UPDATED);
    assert_eq!(updated.status, ImportStatus::Updated);
    let order = lw.order(&id).unwrap();
    assert_eq!(order.tags, ["plastic-free", "priority"]);
    assert!(order.notes.is_some());
    assert_eq!(lw.orders().unwrap().len(), 1);
    // The older delivery arriving late is stale: nothing changes.
    let before = lw.snapshot().unwrap();
    assert_eq!(import(&lw, &map, SIMPLE).status, ImportStatus::Duplicate);
    assert!(lw.snapshot().unwrap() == before);
    let stored = lw.channel_order(&id).unwrap().unwrap();
    assert_eq!(stored.new_order.tags, ["plastic-free", "priority"]);
}

#[test]
fn lines_changed_after_confirmation_flag_the_order() {
    let (lw, map) = shop();
    let id = import(&lw, &map, SIMPLE).order.unwrap();
    lw.confirm_order(&id).unwrap();
    let mut changed: serde_json::Value = serde_json::from_slice(UPDATED).unwrap();
    changed["line_items"][0]["quantity"] = 5.into();
    changed["line_items"][0]["current_quantity"] = 5.into();
    changed["line_items"][0]["fulfillable_quantity"] = 5.into();
    let body = serde_json::to_vec(&changed).unwrap();
    let result = import(&lw, &map, &body);
    assert_eq!(result.status, ImportStatus::Flagged);
    let order = lw.order(&id).unwrap();
    assert_eq!(
        order.status.as_str(),
        "ready_to_ship",
        "a flag does not change the status"
    );
    assert_eq!(
        order.lines[0].qty.to_string(),
        "2 pcs",
        "confirmed lines are not rewritten"
    );
    assert!(
        order.attention[0].contains("lines changed on shopify"),
        "{:?}",
        order.attention
    );
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn a_cancellation_cancels_and_releases() {
    let (lw, map) = shop();
    let mut open: serde_json::Value = serde_json::from_slice(CANCELLED).unwrap();
    for key in ["cancelled_at", "cancel_reason"] {
        open[key] = serde_json::Value::Null;
    }
    open["updated_at"] = "2026-11-04T09:00:00-08:00".into();
    for line in open["line_items"].as_array_mut().unwrap() {
        line["current_quantity"] = line["quantity"].clone();
        line["fulfillable_quantity"] = line["quantity"].clone();
    }
    let id = import(&lw, &map, &serde_json::to_vec(&open).unwrap())
        .order
        .unwrap();
    lw.confirm_order(&id).unwrap();
    assert!(lw.stock("CANDLE-CED-200").unwrap().reserved > 0.into());
    let result = import(&lw, &map, CANCELLED);
    assert_eq!(result.status, ImportStatus::Cancelled);
    assert_eq!(lw.order(&id).unwrap().status.as_str(), "cancelled");
    assert_eq!(lw.stock("CANDLE-CED-200").unwrap().reserved, 0.into());
    assert_eq!(import(&lw, &map, CANCELLED).status, ImportStatus::Duplicate);
}

#[test]
fn unmapped_skus_hold_the_order_until_a_person_resolves_it() {
    let (lw, map) = shop();
    let result = import(&lw, &map, NO_SKU);
    assert_eq!(result.status, ImportStatus::NeedsAttention);
    // The wax melt without SKU; the consultation needs no shipping and so
    // nothing from lotwise.
    assert_eq!(result.reasons.len(), 1, "{:?}", result.reasons);
    let id = result.order.unwrap();
    let order = lw.order(&id).unwrap();
    assert_eq!(order.status.as_str(), "needs_attention");
    assert_eq!(
        order.lines.len(),
        1,
        "only the mapped line is an order line"
    );
    let err = lw.confirm_order(&id).unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    let lines = ["SOAP-OAT-100", "BALM-LIP-15", "BALM-HAND-50"]
        .iter()
        .map(|sku| NewOrderLine {
            sku: (*sku).into(),
            qty: "1 pcs".parse().unwrap(),
            unit_price: None,
            requested_date: None,
            lot: None,
            min_remaining_shelf_life_days: None,
        })
        .collect();
    let resolved = lw.resolve_order(&id, Some(lines)).unwrap();
    assert_eq!(resolved.status.as_str(), "placed");
    assert!(resolved.attention.is_empty());
    assert_eq!(
        lw.confirm_order(&id).unwrap().status.as_str(),
        "ready_to_ship"
    );
}

#[test]
fn bulk_import_reports_every_order_with_progress() {
    let (lw, map) = shop();
    let truncated = SIMPLE[..SIMPLE.len() / 2].to_vec();
    let payloads = vec![SIMPLE.to_vec(), MULTI.to_vec(), truncated, SIMPLE.to_vec()];
    let mut seen = Vec::new();
    let results = lw.import_payloads(Channel::Shopify, &payloads, &map, &mut |p| seen.push(p));
    let statuses: Vec<ImportStatus> = results.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            ImportStatus::Imported,
            ImportStatus::Imported,
            ImportStatus::Rejected,
            ImportStatus::Duplicate
        ]
    );
    assert_eq!(results[2].error_code.as_deref(), Some("invalid_payload"));
    assert_eq!(lw.orders().unwrap().len(), 2);
    let last = seen.last().unwrap();
    assert_eq!(
        (last.payloads_done, last.payloads_total, last.orders_done),
        (4, 4, 4)
    );
    assert!(seen
        .windows(2)
        .all(|w| w[0].orders_done <= w[1].orders_done));

    let etsy = lw.import_payloads(Channel::Etsy, &[ETSY_PAGE.to_vec()], &map, &mut |_| {});
    assert!(etsy.len() >= 2, "a page holds several receipts");
    assert!(
        etsy.iter().all(|r| r.status != ImportStatus::Rejected),
        "{etsy:?}"
    );
    let csv = lw.import_payloads(Channel::Csv, &[WHOLESALE.to_vec()], &map, &mut |_| {});
    assert!(!csv.is_empty());
    let again = lw.import_payloads(Channel::Csv, &[WHOLESALE.to_vec()], &map, &mut |_| {});
    assert!(
        again.iter().all(|r| r.status == ImportStatus::Duplicate),
        "{again:?}"
    );
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn available_to_sell_follows_reservations() {
    let (lw, map) = shop();
    let id = import(&lw, &map, SIMPLE).order.unwrap();
    lw.confirm_order(&id).unwrap();
    let ats = lw.available_to_sell().unwrap();
    assert_eq!(ats.len(), SKUS.len());
    let lav = ats.iter().find(|a| a.sku == "CANDLE-LAV-200").unwrap();
    assert_eq!(
        (lav.on_hand, lav.reserved, lav.available),
        (100.into(), 2.into(), 98.into())
    );
    assert_eq!(lav.locations.len(), 1);
    assert_eq!(lav.locations[0].location, "MAIN");
}
