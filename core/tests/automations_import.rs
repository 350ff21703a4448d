//! The four rules a small shop asks for first, each through a channel
//! import (the channels' own payloads): hold Shopify orders over 500 USD,
//! tag Etsy orders with a gift message, confirm wholesale orders on import,
//! alert when soy wax available falls under 5 kg. And a rule chain that
//! would loop stops at the documented bound with an event.

mod common;

use common::*;
use lotwise::channels::{Channel, SkuMappings};
use lotwise::*;
use serde_json::{json, Value};

const SHOPIFY_MULTI: &str = include_str!("fixtures/channels/shopify/orders_create_multi.json");
const ETSY_GIFT: &str = include_str!("fixtures/channels/etsy/receipt_gift_message.json");
const WHOLESALE: &str = include_str!("fixtures/channels/csv/wholesale_orders.csv");

const PRODUCTS: [&str; 6] = [
    "CANDLE-LAV-200",
    "CANDLE-CED-200",
    "SOAP-OAT-100",
    "SOAP-ROS-100",
    "BALM-LIP-15",
    "BALM-HAND-50",
];

/// Every fixture product in stock (200 each) except the lavender candle,
/// made in batches of 12 from 2.4 kg of soy wax; 8 kg of wax on the shelf.
fn shop() -> Lotwise {
    let (lw, _) = engine();
    for sku in PRODUCTS {
        lw.define_item(NewItem::new(sku, sku, ItemKind::Product, Uom::Pcs))
            .unwrap();
        if sku != "CANDLE-LAV-200" {
            lw.receive(receipt(sku, "200 pcs", None, None)).unwrap();
        }
    }
    lw.define_item(NewItem::new(
        "WAX-SOY",
        "Soy wax",
        ItemKind::Material,
        Uom::Kg,
    ))
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: "CANDLE-LAV-200".into(),
        batch_size: qty("12 pcs"),
        inputs: vec![exact_input("WAX-SOY", "2.4 kg")],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    lw.receive(receipt("WAX-SOY", "8 kg", Some("SW-1"), None))
        .unwrap();
    lw
}

fn rule(code: &str, trigger: Trigger, conditions: Vec<Condition>, actions: Vec<Action>) -> Rule {
    Rule {
        code: code.into(),
        name: code.to_lowercase().replace('-', " "),
        priority: 0,
        trigger,
        conditions,
        actions,
        enabled: true,
    }
}

fn the_four_rules(lw: &Lotwise) {
    lw.define_rule(rule(
        "HOLD-BIG-SHOPIFY",
        Trigger::OrderPlaced,
        vec![
            Condition::Channel {
                is: "shopify".into(),
            },
            Condition::TotalAtLeast {
                amount: money("500.00 USD"),
            },
        ],
        vec![Action::Hold {
            reason: "Shopify order of 500 USD or more".into(),
        }],
    ))
    .unwrap();
    lw.define_rule(rule(
        "TAG-ETSY-GIFTS",
        Trigger::OrderPlaced,
        vec![
            Condition::Channel { is: "etsy".into() },
            Condition::GiftMessage,
        ],
        vec![Action::AddTag { tag: "gift".into() }],
    ))
    .unwrap();
    lw.define_rule(rule(
        "CONFIRM-WHOLESALE",
        Trigger::OrderPlaced,
        vec![Condition::Channel { is: "csv".into() }],
        vec![Action::Confirm],
    ))
    .unwrap();
    lw.define_rule(rule(
        "LOW-SOY-WAX",
        Trigger::StockBelow {
            sku: "WAX-SOY".into(),
            threshold: qty("5 kg"),
        },
        vec![],
        vec![Action::Alert {
            message: "soy wax under 5 kg: reorder".into(),
        }],
    ))
    .unwrap();
}

fn import(lw: &Lotwise, channel: Channel, payload: &str) -> SalesOrder {
    let results = lw
        .import_texts(channel, &[payload.into()], &SkuMappings::default())
        .unwrap();
    lw.order(results[0].order.as_ref().expect("imported"))
        .unwrap()
}

fn fired(lw: &Lotwise) -> Vec<(String, String)> {
    lw.events_after(0, 10_000)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind() == "rule_fired")
        .map(|e| {
            (
                e.data.to_json()["rule"].as_str().unwrap().to_string(),
                e.subject,
            )
        })
        .collect()
}

#[test]
fn a_big_shopify_order_is_held_on_import() {
    let lw = shop();
    the_four_rules(&lw);
    // The multi-line fixture is 24.00 + 3 × 9.50 + 4 × 6.00 = 76.50 USD:
    // not held. With 100 lip balms instead of 4 it is 24.00 + 28.50 + 600.00
    // = 652.50 USD: held.
    let small = import(&lw, Channel::Shopify, SHOPIFY_MULTI);
    assert!(small.hold.is_none());
    let mut big: Value = serde_json::from_str(SHOPIFY_MULTI).unwrap();
    big["id"] = json!(6418203947999_u64);
    big["name"] = json!("#1999");
    for key in ["quantity", "current_quantity", "fulfillable_quantity"] {
        big["line_items"][2][key] = json!(100);
    }
    let held = import(&lw, Channel::Shopify, &big.to_string());
    let hold = held.hold.clone().expect("held");
    assert_eq!(hold.rule.as_deref(), Some("HOLD-BIG-SHOPIFY"));
    assert_eq!(held.status, OrderStatus::Placed);
    assert_eq!(
        lw.confirm_order(&held.id).unwrap_err().code(),
        "order_on_hold"
    );
    assert_eq!(
        fired(&lw),
        vec![("HOLD-BIG-SHOPIFY".into(), held.id.clone())]
    );
}

#[test]
fn an_etsy_gift_is_tagged_on_import() {
    let lw = shop();
    the_four_rules(&lw);
    let gift = import(&lw, Channel::Etsy, ETSY_GIFT);
    assert_eq!(gift.tags, vec!["gift".to_string()]);
    // The same receipt without its gift message is not tagged.
    let mut plain: Value = serde_json::from_str(ETSY_GIFT).unwrap();
    plain["receipt_id"] = json!(3498209999_u64);
    plain["is_gift"] = json!(false);
    plain["gift_message"] = json!("");
    let plain = import(&lw, Channel::Etsy, &plain.to_string());
    assert!(plain.tags.is_empty(), "{:?}", plain.tags);
}

#[test]
fn wholesale_orders_are_confirmed_on_import_and_low_wax_alerts() {
    let lw = shop();
    the_four_rules(&lw);
    let results = lw
        .import_texts(Channel::Csv, &[WHOLESALE.into()], &SkuMappings::default())
        .unwrap();
    // Every wholesale order is confirmed in its import transaction.
    for r in &results {
        let order = lw.order(r.order.as_ref().unwrap()).unwrap();
        assert!(order.confirmed_at.is_some(), "{} not confirmed", order.id);
    }
    // WH-2026-0117 asks 24 lavender candles: two batches of 12 reserve
    // 2 × 2.4 kg = 4.8 kg of the 8 kg of wax, leaving 3.2 kg: under 5 kg.
    assert_eq!(lw.stock("WAX-SOY").unwrap().available, dec("3200"));
    let alerts: Vec<Event> = lw
        .events_after(0, 10_000)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind() == "alert_raised")
        .collect();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].subject, "WAX-SOY");
    assert_eq!(
        alerts[0].data.to_json(),
        json!({ "rule": "LOW-SOY-WAX", "message": "soy wax under 5 kg: reorder" })
    );
}

#[test]
fn a_rule_chain_that_would_loop_stops_at_the_bound() {
    let lw = shop();
    // Every update adds a note (after the buyer's own), and a note is an
    // update: without a bound
    // this never ends. The placed rule is level 1; level 2 and 3 are the
    // updated rule; the change at level 3 is not passed on.
    lw.define_rule(rule(
        "NOTE-ON-PLACE",
        Trigger::OrderPlaced,
        vec![],
        vec![Action::AddNote {
            note: "checked".into(),
        }],
    ))
    .unwrap();
    lw.define_rule(rule(
        "NOTE-AGAIN",
        Trigger::OrderUpdated,
        vec![],
        vec![Action::AddNote {
            note: "checked again".into(),
        }],
    ))
    .unwrap();
    let order = import(&lw, Channel::Shopify, SHOPIFY_MULTI);
    assert_eq!(
        order.notes.as_deref().unwrap().lines().collect::<Vec<_>>(),
        vec![
            "Please keep the lip balms out of direct sunlight — leave the parcel at the side door.",
            "checked",
            "checked again",
            "checked again"
        ]
    );
    let stopped: Vec<Value> = lw
        .events_after(0, 10_000)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind() == "rule_chain_stopped")
        .map(|e| e.data.to_json())
        .collect();
    assert_eq!(stopped, vec![json!({ "rule": "NOTE-AGAIN", "depth": 3 })]);
}
