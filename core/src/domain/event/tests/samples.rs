//! One payload of every event kind, the samples the other tests run over.

use rust_decimal_macros::dec;

use super::*;
use crate::domain::calendar::NewCalendar;

/// One payload of every kind, with every optional field filled in once.
pub(super) fn samples() -> Vec<EventData> {
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
