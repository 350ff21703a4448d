//! Every event kind round-trips through JSON in the outbox layout.

use std::collections::BTreeSet;

use rust_decimal_macros::dec;
use serde_json::{json, Value};

use super::*;
use crate::domain::calendar::NewCalendar;

fn at() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn pcs(n: Decimal) -> Qty {
    Qty::new(n, Uom::Pcs)
}

/// One payload of every kind, with every optional field filled in once.
fn samples() -> Vec<EventData> {
    let transfer_lines = vec![TransferLine {
        sku: "WAX".into(),
        lot: "WAX-R0001".into(),
        qty: dec!(2.5),
    }];
    vec![
        EventData::ItemDefined {
            name: "Amber candle".into(),
            kind: ItemKind::Product,
            uom: Uom::Pcs,
        },
        EventData::RecipeDefined { version: 2 },
        EventData::LocationDefined {
            name: "In transit".into(),
            kind: LocationKind::Transit,
        },
        EventData::StockReceived {
            lot: "WAX-R0001".into(),
            qty: Qty::new(dec!(25), Uom::Kg),
            location: "MAIN".into(),
            expiry: Some(day("2027-03-02")),
            po: Some("PO-000001".into()),
        },
        EventData::StockAdjusted {
            lot: "JAR-R0001".into(),
            location: "MAIN".into(),
            delta: pcs(dec!(-2)),
            reason: "broken".into(),
        },
        EventData::OrderPlaced {
            channel: "shopify".into(),
            external_ref: Some("#1001".into()),
            customer: "Maya Chen".into(),
            lines: 2,
        },
        EventData::OrderConfirmed {},
        EventData::OrderStatusChanged {
            from: OrderStatus::Placed,
            to: OrderStatus::MaterialsReserved,
        },
        EventData::OrderShipped {
            shipment: "SH-000001".into(),
            carrier: "USPS".into(),
            tracking: "9400111899223344556677".into(),
            customer: "Maya Chen".into(),
            email: Some("maya@example.com".into()),
            lines: vec![ShipmentLine {
                line: 1,
                sku: "CANDLE".into(),
                lot: "CANDLE-M0001".into(),
                location: "MAIN".into(),
                qty: dec!(3),
            }],
        },
        EventData::OrderCancelled {
            detached_mos: vec!["MO-000001".into()],
        },
        EventData::OrderUpdated {
            channel: "etsy".into(),
            lines_changed: true,
            flagged: false,
        },
        EventData::OrderFlagged {
            reason: "lines changed after confirmation".into(),
        },
        EventData::OrderResolved { lines: 1 },
        EventData::OrderReplanned {
            reserved: BTreeMap::from([(1, dec!(2)), (10, dec!(0.5))]),
            mos: vec!["MO-000002".into()],
            shortages: vec![Shortfall {
                sku: "WAX".into(),
                missing: dec!(1.250),
                needed_for: "MO-000002".into(),
            }],
        },
        EventData::MoCreated {
            product: "CANDLE".into(),
            qty: dec!(24),
            parent_mo: Some("MO-000001".into()),
        },
        EventData::MoStatusChanged {
            from: MoStatus::AwaitingMaterials,
            to: MoStatus::InProduction,
        },
        EventData::MoCompleted {
            lot: "CANDLE-M0001".into(),
            good: pcs(dec!(23)),
            scrap: pcs(dec!(1)),
        },
        EventData::WorkCenterDefined {
            name: "Pouring line".into(),
            calendar: WorkCalendar::new(NewCalendar::mon_to_fri(dec!(7.5))).unwrap(),
            replaced: true,
        },
        EventData::MoScheduled {
            operations: vec![ScheduledOperation {
                work_center: "POUR".into(),
                elapsed: None,
                start: at(),
                end: at() + chrono::Duration::minutes(90),
                minutes: 90,
            }],
            ready_at: at() + chrono::Duration::days(2),
            basis: Basis::Supplier {
                sku: "WAX".into(),
                until: day("2026-03-04"),
                source: crate::domain::promise::Source::PurchaseOrder {
                    reference: Some("PO-000001".into()),
                },
            },
        },
        EventData::OrderPromised {
            lines: vec![PromisedLine {
                line: 1,
                promised_date: day("2026-03-06"),
                basis: Basis::Stock,
            }],
        },
        EventData::OrderDelayed {
            lines: vec![crate::domain::delay::DelayedLine {
                line: 1,
                sku: "CANDLE".into(),
                promised_date: day("2026-03-06"),
                projected_date: day("2026-03-09"),
                mo: Some("MO-000001".into()),
                basis: Basis::Stock,
                reason: "promised Fri 6 Mar, now Mon 9 Mar".into(),
            }],
        },
        EventData::SupplierDefined {
            name: "Wax & Co".into(),
            lead_time_days: 5,
            items: vec!["WAX".into(), "WICK".into()],
            replaced: false,
        },
        EventData::PoCreated {
            supplier: "WAXCO".into(),
            expected_date: day("2026-03-09"),
            lines: vec![PoLineOrdered {
                sku: "WAX".into(),
                qty: dec!(25000),
            }],
        },
        EventData::PoStatusChanged {
            from: PoStatus::Draft,
            to: PoStatus::Sent,
        },
        EventData::PoReceived {
            line: 1,
            sku: "WAX".into(),
            lot: "WAX-R0001".into(),
            qty: Qty::new(dec!(25000), Uom::G),
            supplier_lot_ref: Some("B-77".into()),
        },
        EventData::OrderTagged {
            tag: "Fragile".into(),
        },
        EventData::OrderUntagged {
            tag: "fragile".into(),
        },
        EventData::OrderNoteSet {
            note: Some("leave at the door — \"thanks\" ✓".into()),
        },
        EventData::ReturnRecorded {
            return_id: "RT-000001".into(),
            customer: "Maya Chen".into(),
            lines: vec![ReturnLine {
                line: 1,
                sku: "CANDLE".into(),
                lot: "CANDLE-M0001".into(),
                qty: dec!(1),
                reason: "cracked".into(),
                disposition: "quarantine".into(),
                location: "QUARANTINE".into(),
            }],
            note: None,
        },
        EventData::TransferShipped {
            from: "MAIN".into(),
            to: "SHOP".into(),
            lines: transfer_lines.clone(),
        },
        EventData::TransferReceived {
            to: "SHOP".into(),
            lines: transfer_lines,
        },
        EventData::RoutingRuleDefined {
            locations: vec!["SHOP".into(), "MAIN".into()],
            allow_split: true,
        },
        EventData::CustomerCreated {
            name: "Ada Byron".into(),
        },
        EventData::RuleDefined {
            name: "Review big orders".into(),
            trigger: "order_placed".into(),
            enabled: true,
        },
        EventData::RuleFired {
            rule: "HOLD-BIG".into(),
            trigger: "order_placed".into(),
            why: vec!["total 612.00 USD ≥ 500.00 USD".into()],
            actions: vec!["hold".into()],
        },
        EventData::AlertRaised {
            rule: "LOW-WAX".into(),
            message: "order soy wax".into(),
        },
        EventData::OrderHeld {
            reason: "over 500 USD".into(),
            rule: Some("HOLD-BIG".into()),
        },
        EventData::OrderReleased {},
        EventData::RuleChainStopped {
            rule: "NOTE-AGAIN".into(),
            depth: 3,
        },
        EventData::CustomerMerged {
            from: "CU-000002".into(),
            orders: vec!["SO-000003".into()],
        },
        EventData::LotHeld {
            sku: "WAX".into(),
            reason: crate::domain::lot::HoldReason::Recall,
            note: Some("supplier notice".into()),
            recall_of: Some("WAX-R0001".into()),
            on_hand: dec!(2500),
            released: dec!(1200),
            orders: vec!["SO-000001".into()],
            mos: vec!["MO-000001".into()],
        },
        EventData::LotReleased {
            sku: "WAX".into(),
            reason: crate::domain::lot::HoldReason::QaHold,
            note: None,
        },
        EventData::OrderLineCancelled {
            line: 1,
            qty: dec!(4),
            released: dec!(4),
            detached_mos: vec![],
            reason: Some("customer".into()),
        },
        EventData::OrderClosedShort {
            cancelled: BTreeMap::from([(1, dec!(4))]),
            reason: None,
        },
        EventData::OrderEdited {
            changes: vec!["line 1 qty 10 -> 30".into()],
            released: dec!(0),
            reserved: BTreeMap::new(),
            detached_mos: vec![],
            mos: vec!["MO-000001".into()],
            shortages: vec![],
        },
        EventData::OrderFlagCleared {
            reason: "lines changed".into(),
            applied: false,
            note: Some("handled by phone".into()),
        },
    ]
}

fn event(seq: u64, data: EventData) -> Event {
    Event {
        seq,
        at: at(),
        subject: format!("S-{seq}"),
        data,
    }
}

#[test]
fn samples_cover_every_kind_once() {
    let kinds: Vec<&str> = samples().iter().map(EventData::kind).collect();
    let unique: BTreeSet<&str> = kinds.iter().copied().collect();
    assert_eq!(unique.len(), kinds.len(), "{kinds:?}");
    assert_eq!(kinds, EventData::KINDS);
    assert_eq!(EventData::kinds().count(), EventData::KINDS.len());
}

#[test]
fn every_kind_round_trips_in_the_outbox_layout() {
    for (seq, data) in (1..).zip(samples()) {
        let kind = data.kind();
        // strum's kind is serde's tag.
        assert_eq!(serde_json::to_value(&data).unwrap()["kind"], kind);
        let e = event(seq, data);
        assert_eq!(e.kind(), kind);
        let text = serde_json::to_string(&e).unwrap();
        // `seq` first (the Postgres outbox rewrites it), `kind` right
        // before its `data`.
        let prefix = format!(
            r#"{{"seq":{seq},"at":"2026-03-02T09:00:00Z","subject":"S-{seq}","kind":"{kind}","data":"#
        );
        assert!(text.starts_with(&prefix), "{text}");
        let value: Value = serde_json::from_str(&text).unwrap();
        let keys: BTreeSet<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            BTreeSet::from(["seq", "at", "kind", "subject", "data"])
        );
        assert!(value["data"].is_object(), "{text}");
        let back: Event = serde_json::from_str(&text).unwrap();
        assert_eq!(back, e, "{text}");
        // Through a JSON value (how bindings and stores may carry it) too.
        let back: Event = serde_json::from_value(value).unwrap();
        assert_eq!(back, e);
        assert_eq!(serde_json::to_string(&back).unwrap(), text);
    }
}

/// The payload as the untyped emit sites built it, `json!` by `json!`
/// (keys in the same order), from the typed fields.
fn untyped(data: &EventData) -> Value {
    use EventData::*;
    match data {
        ItemDefined { name, kind, uom } => json!({ "name": name, "kind": kind, "uom": uom }),
        RecipeDefined { version } => json!({ "version": version }),
        LocationDefined { name, kind } => json!({ "name": name, "kind": kind }),
        StockReceived {
            lot,
            qty,
            location,
            expiry,
            po,
        } => {
            json!({ "lot": lot, "qty": qty, "location": location, "expiry": expiry, "po": po })
        }
        StockAdjusted {
            lot,
            location,
            delta,
            reason,
        } => {
            json!({ "lot": lot, "location": location, "delta": delta, "reason": reason })
        }
        OrderPlaced {
            channel,
            external_ref,
            customer,
            lines,
        } => {
            json!({ "channel": channel, "external_ref": external_ref, "customer": customer, "lines": lines })
        }
        OrderConfirmed {} => json!({}),
        OrderStatusChanged { from, to } => json!({ "from": from, "to": to }),
        OrderShipped {
            shipment,
            carrier,
            tracking,
            customer,
            email,
            lines,
        } => json!({
            "shipment": shipment,
            "carrier": carrier,
            "tracking": tracking,
            "customer": customer,
            "email": email,
            "lines": lines,
        }),
        OrderCancelled { detached_mos } => json!({ "detached_mos": detached_mos }),
        OrderUpdated {
            channel,
            lines_changed,
            flagged,
        } => {
            json!({ "channel": channel, "lines_changed": lines_changed, "flagged": flagged })
        }
        OrderFlagged { reason } => json!({ "reason": reason }),
        OrderResolved { lines } => json!({ "lines": lines }),
        OrderReplanned {
            reserved,
            mos,
            shortages,
        } => {
            json!({ "reserved": reserved, "mos": mos, "shortages": shortages })
        }
        MoCreated {
            product,
            qty,
            parent_mo,
        } => {
            json!({ "product": product, "qty": qty, "parent_mo": parent_mo })
        }
        MoStatusChanged { from, to } => json!({ "from": from, "to": to }),
        MoCompleted { lot, good, scrap } => json!({ "lot": lot, "good": good, "scrap": scrap }),
        WorkCenterDefined {
            name,
            calendar,
            replaced,
        } => {
            json!({ "name": name, "calendar": calendar, "replaced": replaced })
        }
        MoScheduled {
            operations,
            ready_at,
            basis,
        } => {
            json!({ "operations": operations, "ready_at": ready_at, "basis": basis })
        }
        OrderPromised { lines } => {
            let dates: Vec<Value> = lines
                .iter()
                .map(|l| json!({ "line": l.line, "promised_date": l.promised_date, "basis": l.basis }))
                .collect();
            json!({ "lines": dates })
        }
        OrderDelayed { lines } => json!({ "lines": lines }),
        SupplierDefined {
            name,
            lead_time_days,
            items,
            replaced,
        } => json!({
            "name": name,
            "lead_time_days": lead_time_days,
            "items": items,
            "replaced": replaced,
        }),
        PoCreated {
            supplier,
            expected_date,
            lines,
        } => json!({
            "supplier": supplier,
            "expected_date": expected_date,
            "lines": lines.iter().map(|l| json!({ "sku": l.sku, "qty": l.qty })).collect::<Vec<_>>(),
        }),
        PoStatusChanged { from, to } => json!({ "from": from, "to": to }),
        PoReceived {
            line,
            sku,
            lot,
            qty,
            supplier_lot_ref,
        } => {
            json!({ "line": line, "sku": sku, "lot": lot, "qty": qty, "supplier_lot_ref": supplier_lot_ref })
        }
        OrderTagged { tag } => json!({ "tag": tag }),
        OrderUntagged { tag } => json!({ "tag": tag }),
        OrderNoteSet { note } => json!({ "note": note }),
        ReturnRecorded {
            return_id,
            customer,
            lines,
            note,
        } => {
            json!({ "return": return_id, "customer": customer, "lines": lines, "note": note })
        }
        TransferShipped { from, to, lines } => json!({ "from": from, "to": to, "lines": lines }),
        TransferReceived { to, lines } => json!({ "to": to, "lines": lines }),
        RoutingRuleDefined {
            locations,
            allow_split,
        } => {
            json!({ "locations": locations, "allow_split": allow_split })
        }
        RuleDefined {
            name,
            trigger,
            enabled,
        } => json!({ "name": name, "trigger": trigger, "enabled": enabled }),
        RuleFired {
            rule,
            trigger,
            why,
            actions,
        } => json!({ "rule": rule, "trigger": trigger, "why": why, "actions": actions }),
        AlertRaised { rule, message } => json!({ "rule": rule, "message": message }),
        OrderHeld { reason, rule } => json!({ "reason": reason, "rule": rule }),
        OrderReleased {} => json!({}),
        RuleChainStopped { rule, depth } => json!({ "rule": rule, "depth": depth }),
        CustomerCreated { name } => json!({ "name": name }),
        CustomerMerged { from, orders } => json!({ "from": from, "orders": orders }),
        LotHeld {
            sku,
            reason,
            note,
            recall_of,
            on_hand,
            released,
            orders,
            mos,
        } => json!({ "sku": sku, "reason": reason, "note": note, "recall_of": recall_of,
            "on_hand": on_hand, "released": released, "orders": orders, "mos": mos }),
        LotReleased { sku, reason, note } => {
            json!({ "sku": sku, "reason": reason, "note": note })
        }
        OrderLineCancelled {
            line,
            qty,
            released,
            detached_mos,
            reason,
        } => json!({ "line": line, "qty": qty, "released": released,
            "detached_mos": detached_mos, "reason": reason }),
        OrderClosedShort { cancelled, reason } => {
            json!({ "cancelled": cancelled, "reason": reason })
        }
        OrderEdited {
            changes,
            released,
            reserved,
            detached_mos,
            mos,
            shortages,
        } => json!({ "changes": changes, "released": released, "reserved": reserved,
            "detached_mos": detached_mos, "mos": mos, "shortages": shortages }),
        OrderFlagCleared {
            reason,
            applied,
            note,
        } => json!({ "reason": reason, "applied": applied, "note": note }),
    }
}

#[test]
fn payloads_are_byte_for_byte_what_the_untyped_events_were() {
    let plain_receipt = EventData::StockReceived {
        lot: "L".into(),
        qty: pcs(dec!(1)),
        location: "MAIN".into(),
        expiry: None,
        po: None,
    };
    for data in samples().into_iter().chain([plain_receipt]) {
        let old = serde_json::to_string(&untyped(&data)).unwrap();
        assert_eq!(serde_json::to_string(&data.to_json()).unwrap(), old);
        let text = serde_json::to_string(&event(1, data.clone())).unwrap();
        assert!(text.ends_with(&format!(r#","data":{old}}}"#)), "{text}");
    }
}

#[test]
fn payloads_keep_the_untyped_shapes() {
    let samples = samples();
    let find = |kind: &str| samples.iter().find(|d| d.kind() == kind).unwrap().to_json();
    assert_eq!(EventData::OrderConfirmed {}.to_json(), json!({}));
    assert_eq!(
        find("stock_received"),
        json!({ "lot": "WAX-R0001", "qty": "25 kg", "location": "MAIN", "expiry": "2027-03-02", "po": "PO-000001" })
    );
    // A plain receipt's `po` is null, like a missing expiry: every field is
    // always there, the same in every language.
    let plain = EventData::StockReceived {
        lot: "L".into(),
        qty: pcs(dec!(1)),
        location: "MAIN".into(),
        expiry: None,
        po: None,
    };
    assert_eq!(
        plain.to_json(),
        json!({ "lot": "L", "qty": "1 pcs", "location": "MAIN", "expiry": null, "po": null })
    );
    assert_eq!(
        find("order_replanned"),
        json!({
            "reserved": { "1": "2", "10": "0.5" },
            "mos": ["MO-000002"],
            "shortages": [{ "sku": "WAX", "missing": "1.250", "needed_for": "MO-000002" }],
        })
    );
    let returned = find("return_recorded");
    assert_eq!(returned["return"], "RT-000001");
    assert_eq!(returned["note"], Value::Null);
    assert_eq!(
        find("order_status_changed"),
        json!({ "from": "placed", "to": "materials_reserved" })
    );
}

#[test]
fn events_stored_by_earlier_versions_decode() {
    let stored = r#"{"seq":3,"at":"2026-03-02T09:00:00Z","kind":"order_placed","subject":"SO-000001","data":{"channel":"api","customer":"Grace Hopper","external_ref":null,"lines":1}}"#;
    let e: Event = serde_json::from_str(stored).unwrap();
    assert_eq!(
        e.data,
        EventData::OrderPlaced {
            channel: "api".into(),
            external_ref: None,
            customer: "Grace Hopper".into(),
            lines: 1,
        }
    );
    // Written again, it is the same JSON (key order inside `data` follows
    // serde_json's `preserve_order` setting, as it always did).
    let again: Value = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    assert_eq!(again, serde_json::from_str::<Value>(stored).unwrap());
    assert!(serde_json::to_string(&e)
        .unwrap()
        .starts_with(r#"{"seq":3,"at":"#));
}

#[test]
fn an_event_that_does_not_decode_names_its_kind() {
    let unknown = r#"{"seq":4,"at":"2026-03-02T09:00:00Z","kind":"order_teleported","subject":"SO-1","data":{}}"#;
    let err = serde_json::from_str::<Event>(unknown)
        .unwrap_err()
        .to_string();
    assert!(err.contains("event 4 of kind `order_teleported`"), "{err}");
    assert!(err.contains("unknown event kind"), "{err}");
    let misfit = r#"{"seq":5,"at":"2026-03-02T09:00:00Z","kind":"order_tagged","subject":"SO-1","data":{"tag":7}}"#;
    let err = serde_json::from_str::<Event>(misfit)
        .unwrap_err()
        .to_string();
    assert!(err.contains("event 5 of kind `order_tagged`"), "{err}");
    let missing = r#"{"seq":6,"at":"2026-03-02T09:00:00Z","kind":"order_tagged","subject":"SO-1"}"#;
    assert!(serde_json::from_str::<Event>(missing).is_err());
}

#[test]
fn the_schema_lists_every_kind() {
    let schema = serde_json::to_string(&schemars::schema_for!(Event)).unwrap();
    for kind in EventData::KINDS {
        assert!(schema.contains(&format!("\"{kind}\"")), "{kind} missing");
    }
}
