//! Typed payloads against the untyped `json!` payloads they replaced: the
//! same bytes, and the same shapes for the fields readers rely on.

use rust_decimal_macros::dec;
use serde_json::json;

use super::*;

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
