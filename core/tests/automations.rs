//! Automations: rules as data that hold, tag and confirm new orders in the
//! placing transaction, and alert on low stock and expiring lots once per
//! episode.

mod common;

use common::*;
use lotwise::*;
use serde_json::json;

fn shop() -> (Lotwise, std::sync::Arc<FixedClock>) {
    let (lw, clock) = engine();
    lw.define_item(NewItem::new(
        "CANDLE",
        "Fig candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.receive(receipt("CANDLE", "100 pcs", Some("C-1"), None))
        .unwrap();
    (lw, clock)
}

fn hold_big_orders() -> Rule {
    Rule {
        code: "HOLD-BIG".into(),
        name: "Review orders of 500 USD or more".into(),
        priority: 0,
        trigger: Trigger::OrderPlaced,
        conditions: vec![Condition::TotalAtLeast {
            amount: money("500.00 USD"),
        }],
        actions: vec![Action::Hold {
            reason: "500 USD or more: check the address".into(),
        }],
        enabled: true,
    }
}

fn events_of(lw: &Lotwise, kind: &str) -> Vec<Event> {
    lw.events_after(0, 10_000)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind() == kind)
        .collect()
}

#[test]
fn an_order_over_500_usd_is_held_until_released() {
    let (lw, _) = shop();
    lw.define_rule(hold_big_orders()).unwrap();
    // 24 × 25.50 USD = 612.00 USD: held in the placing transaction.
    let big = lw
        .place_order(new_order(
            "shopify",
            Some("1001"),
            "Ada",
            vec![priced("CANDLE", "24 pcs", "25.50 USD")],
        ))
        .unwrap()
        .order;
    let hold = big.hold.clone().expect("held");
    assert_eq!(hold.rule.as_deref(), Some("HOLD-BIG"));
    let fired = events_of(&lw, "rule_fired");
    assert_eq!(fired.len(), 1);
    assert_eq!(
        fired[0].data.to_json(),
        json!({ "rule": "HOLD-BIG", "trigger": "order_placed",
                "why": ["total 612.00 USD ≥ 500.00 USD"], "actions": ["hold"] })
    );
    // Nobody confirms it: a typed error, nothing written.
    let before = lw.snapshot().unwrap();
    let e = lw.confirm_order(&big.id).unwrap_err();
    assert_eq!(e.code(), "order_on_hold");
    assert_eq!(
        e.fields(),
        json!({ "order": big.id, "reason": "500 USD or more: check the address" })
    );
    assert_eq!(lw.snapshot().unwrap(), before);
    // The desk lists it as needing attention and as held.
    let held = lw
        .desk(&DeskQuery {
            held: Some(true),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(held.total, 1);
    // A storefront placing and confirming in one call gets it placed, not confirmed.
    let accepted = lw
        .place_and_confirm_order(new_order(
            "shopify",
            Some("1002"),
            "Bo",
            vec![priced("CANDLE", "20 pcs", "25.00 USD")],
        ))
        .unwrap();
    assert!(accepted.confirmed.is_none());
    assert!(accepted.placed.order.hold.is_some());
    // 600 EUR is not 500 USD: never converted, not held.
    let eur = lw
        .place_and_confirm_order(new_order(
            "etsy",
            None,
            "Cy",
            vec![priced("CANDLE", "20 pcs", "30.00 EUR")],
        ))
        .unwrap();
    assert!(eur.confirmed.is_some());
    // Released, it confirms from stock.
    lw.release_order(&big.id).unwrap();
    assert_eq!(
        lw.confirm_order(&big.id).unwrap().status,
        OrderStatus::ReadyToShip
    );
    assert_eq!(events_of(&lw, "order_released").len(), 1);
    assert_eq!(
        lw.release_order(&big.id).unwrap_err().code(),
        "invalid_transition"
    );
}

#[test]
fn rules_run_in_priority_order_in_one_transaction() {
    let (lw, _) = shop();
    lw.define_rule(Rule {
        code: "B-CONFIRM".into(),
        name: "Confirm Etsy orders".into(),
        priority: 2,
        trigger: Trigger::OrderPlaced,
        conditions: vec![Condition::Channel { is: "etsy".into() }],
        actions: vec![Action::Confirm],
        enabled: true,
    })
    .unwrap();
    lw.define_rule(Rule {
        code: "A-TAG".into(),
        name: "Tag Etsy orders".into(),
        priority: 1,
        trigger: Trigger::OrderPlaced,
        conditions: vec![Condition::Channel { is: "etsy".into() }],
        actions: vec![
            Action::AddTag { tag: "etsy".into() },
            Action::AddNote {
                note: "gift wrap by default".into(),
            },
        ],
        enabled: true,
    })
    .unwrap();
    let placed = lw
        .place_order(new_order(
            "etsy",
            None,
            "Ada",
            vec![line("CANDLE", "2 pcs")],
        ))
        .unwrap()
        .order;
    assert_eq!(placed.tags, vec!["etsy".to_string()]);
    assert_eq!(placed.notes.as_deref(), Some("gift wrap by default"));
    assert_eq!(placed.status, OrderStatus::ReadyToShip);
    let fired: Vec<String> = events_of(&lw, "rule_fired")
        .iter()
        .map(|e| e.data.to_json()["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fired, vec!["A-TAG", "B-CONFIRM"]);
    // Another channel: no rule fires.
    let other = lw
        .place_order(new_order(
            "shopify",
            None,
            "Bo",
            vec![line("CANDLE", "1 pcs")],
        ))
        .unwrap()
        .order;
    assert_eq!(other.status, OrderStatus::Placed);
    assert!(other.tags.is_empty());
}

#[test]
fn low_stock_alerts_once_per_episode() {
    let (lw, _) = engine();
    lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))
        .unwrap();
    lw.receive(receipt("WAX", "6 kg", Some("W-1"), None))
        .unwrap();
    lw.define_rule(Rule {
        code: "LOW-WAX".into(),
        name: "Soy wax under 5 kg".into(),
        priority: 0,
        trigger: Trigger::StockBelow {
            sku: "WAX".into(),
            threshold: qty("5 kg"),
        },
        conditions: vec![],
        actions: vec![Action::Alert {
            message: "order soy wax".into(),
        }],
        enabled: true,
    })
    .unwrap();
    let adjust = |lot: &str, delta: &str| {
        lw.adjust_stock(Adjustment {
            sku: "WAX".into(),
            lot: lot.into(),
            location: None,
            delta: qty(delta),
            reason: "count".into(),
        })
        .unwrap();
    };
    assert!(
        events_of(&lw, "alert_raised").is_empty(),
        "6 kg is not below 5 kg"
    );
    adjust("W-1", "-2 kg"); // 4 kg: below, alert.
    adjust("W-1", "-1 kg"); // 3 kg: still below, no second alert.
    let alerts = events_of(&lw, "alert_raised");
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].subject, "WAX");
    assert_eq!(
        alerts[0].data.to_json(),
        json!({ "rule": "LOW-WAX", "message": "order soy wax" })
    );
    lw.receive(receipt("WAX", "7 kg", Some("W-2"), None))
        .unwrap(); // 10 kg: re-armed.
    adjust("W-2", "-6 kg"); // 4 kg again: a new episode.
    assert_eq!(events_of(&lw, "alert_raised").len(), 2);
    let why = events_of(&lw, "rule_fired")[1].data.to_json()["why"][0].clone();
    assert_eq!(why, json!("Soy wax available 4000 g is below 5000 g"));
}

/// Lavender oil by the millilitre, and a rule alerting for lots that expire
/// within a week.
fn oil_with_expiry_rule() -> (Lotwise, std::sync::Arc<FixedClock>) {
    let (lw, clock) = engine();
    lw.define_item(NewItem::new(
        "OIL",
        "Lavender oil",
        ItemKind::Material,
        Uom::Ml,
    ))
    .unwrap();
    lw.define_rule(Rule {
        code: "EXPIRY".into(),
        name: "Lots expiring within a week".into(),
        priority: 0,
        trigger: Trigger::LotExpiring { within_days: 7 },
        conditions: vec![],
        actions: vec![Action::Alert {
            message: "use or discard".into(),
        }],
        enabled: true,
    })
    .unwrap();
    (lw, clock)
}

#[test]
fn expiring_lots_are_reported_by_check_alerts() {
    let (lw, clock) = oil_with_expiry_rule();
    lw.receive(receipt(
        "OIL",
        "500 ml",
        Some("OIL-SOON"),
        Some("2026-03-09"),
    ))
    .unwrap();
    lw.receive(receipt(
        "OIL",
        "500 ml",
        Some("OIL-LATER"),
        Some("2026-06-01"),
    ))
    .unwrap();
    // 2 Mar + 7 days = 9 Mar: OIL-SOON is within the week, OIL-LATER is not.
    let alerts = lw.check_alerts().unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].subject, "OIL-SOON");
    assert_eq!(
        alerts[0].why,
        "lot OIL-SOON of Lavender oil (500 ml) expires 2026-03-09"
    );
    assert!(lw.check_alerts().unwrap().is_empty(), "once per episode");
    clock.set(instant("2026-05-26T09:00:00Z"));
    let alerts = lw.check_alerts().unwrap();
    assert_eq!(
        alerts
            .iter()
            .map(|a| a.subject.as_str())
            .collect::<Vec<_>>(),
        vec!["OIL-LATER"]
    );
}

/// A lot counts as stock only where the shop keeps stock: written off
/// (its goods now at the adjustment location) it raises no expiry alert,
/// and counted back in later it raises one again.
#[test]
fn expiring_lots_count_only_what_the_shop_still_holds() {
    let (lw, _) = oil_with_expiry_rule();
    lw.receive(receipt(
        "OIL",
        "500 ml",
        Some("OIL-SOON"),
        Some("2026-03-09"),
    ))
    .unwrap();
    let write_off = |delta: &str| Adjustment {
        sku: "OIL".into(),
        lot: "OIL-SOON".into(),
        location: None,
        delta: qty(delta),
        reason: "spilt".into(),
    };
    lw.adjust_stock(write_off("-500 ml")).unwrap();
    assert!(
        lw.check_alerts().unwrap().is_empty(),
        "nothing of OIL-SOON is left to use"
    );
    lw.adjust_stock(write_off("200 ml")).unwrap();
    let alerts = lw.check_alerts().unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(
        alerts[0].why,
        "lot OIL-SOON of Lavender oil (200 ml) expires 2026-03-09"
    );
    // Used up, then found again: a new episode, a new alert.
    lw.adjust_stock(write_off("-200 ml")).unwrap();
    assert!(lw.check_alerts().unwrap().is_empty());
    lw.adjust_stock(write_off("50 ml")).unwrap();
    assert_eq!(lw.check_alerts().unwrap().len(), 1);
}

#[test]
fn a_segment_condition_tags_regular_customers() {
    let (lw, _) = shop();
    lw.define_segment(Segment {
        code: "REGULARS".into(),
        name: "Two orders or more".into(),
        filter: SegmentFilter {
            min_orders: Some(2),
            ..Default::default()
        },
    })
    .unwrap();
    lw.define_rule(Rule {
        code: "TAG-REGULARS".into(),
        name: "Tag regulars".into(),
        priority: 0,
        trigger: Trigger::OrderPlaced,
        conditions: vec![Condition::Segment {
            code: "REGULARS".into(),
        }],
        actions: vec![Action::AddTag {
            tag: "regular".into(),
        }],
        enabled: true,
    })
    .unwrap();
    let mut order = new_order("shopify", None, "Ada", vec![line("CANDLE", "1 pcs")]);
    order.customer.email = Some("ada@example.com".into());
    // The first order makes one order: not yet a regular. The second counts
    // itself (it is placed when the rules run): two orders.
    assert!(lw.place_order(order.clone()).unwrap().order.tags.is_empty());
    assert_eq!(
        lw.place_order(order).unwrap().order.tags,
        vec!["regular".to_string()]
    );
}

#[test]
fn bad_rules_are_refused_with_typed_errors() {
    let (lw, _) = shop();
    // A condition naming an unknown field.
    let out = lw.execute_json(
        r#"{"do": "define_rule", "args": {"code": "X", "name": "x", "trigger": {"on": "order_placed"},
            "conditions": [{"check": "colour", "is": "red"}], "actions": [{"do": "confirm"}]}}"#,
    );
    let out: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(out["error"]["code"], "invalid_input", "{out}");
    // Money of two currencies in one rule.
    let mut two = hold_big_orders();
    two.conditions.push(Condition::TotalBelow {
        amount: money("900.00 EUR"),
    });
    let e = lw.define_rule(two).unwrap_err();
    assert_eq!(
        (e.code(), e.fields()),
        (
            "currency_mismatch",
            json!({ "expected": "USD", "got": "EUR" })
        )
    );
    // An action that does not fit the trigger: a stock rule has no order.
    let e = lw
        .define_rule(Rule {
            code: "BAD".into(),
            name: "confirm on low stock".into(),
            priority: 0,
            trigger: Trigger::StockBelow {
                sku: "CANDLE".into(),
                threshold: qty("5 pcs"),
            },
            conditions: vec![],
            actions: vec![Action::Confirm],
            enabled: true,
        })
        .unwrap_err();
    assert_eq!(
        (e.code(), e.fields()["field"].clone()),
        ("invalid_input", json!("actions"))
    );
    // A threshold in another dimension than the item's.
    let e = lw
        .define_rule(Rule {
            code: "BAD".into(),
            name: "kg of candles".into(),
            priority: 0,
            trigger: Trigger::StockBelow {
                sku: "CANDLE".into(),
                threshold: qty("5 kg"),
            },
            conditions: vec![],
            actions: vec![Action::Alert {
                message: "x".into(),
            }],
            enabled: true,
        })
        .unwrap_err();
    assert_eq!(e.code(), "unit_mismatch");
    assert!(lw.rules().unwrap().is_empty(), "nothing was stored");
}
