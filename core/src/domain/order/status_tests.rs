//! What an order's status says about its lines: the planning queries read
//! orders by status and rely on it.

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::{derive_status, Customer, LineCover, OrderStatus, SalesOrder};

fn confirmed_order() -> SalesOrder {
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    SalesOrder {
        id: "SO-000001".into(),
        channel: "shopify".into(),
        external_ref: None,
        customer: Customer::default(),
        ship_to: None,
        lines: Vec::new(),
        tags: Vec::new(),
        notes: None,
        attention: Vec::new(),
        status: OrderStatus::Placed,
        placed_at: at,
        confirmed_at: Some(at),
        cancelled_at: None,
        hold: None,
        ship_from: None,
        delay: None,
    }
}

/// A line of up to 6 pieces split at random between shipped, closed,
/// reserved and the three kinds of planned batch (any part may be short).
fn line_cover() -> impl Strategy<Value = LineCover> {
    (1u32..=6, prop::collection::vec(0u32..=3, 6), any::<bool>()).prop_map(
        |(ordered, parts, cancelled)| {
            let d = |i: usize| Decimal::from(parts[i]);
            let ordered = Decimal::from(ordered);
            let shipped = d(0).min(ordered);
            // A line cancelled whole shipped nothing and is closed.
            let cancelled = cancelled && shipped.is_zero();
            LineCover {
                ordered,
                shipped,
                closed: if cancelled {
                    ordered
                } else {
                    d(1).min(ordered - shipped)
                },
                cancelled,
                reserved: d(2),
                planned_awaiting: d(3),
                planned_reserved: d(4),
                planned_in_production: d(5),
            }
        },
    )
}

proptest! {
    /// A confirmed order with a line that has something uncovered is
    /// awaiting materials, or partially shipped once anything has shipped:
    /// what `uncovered_order_demand` reads, and nothing else.
    #[test]
    fn an_uncovered_line_leaves_its_order_awaiting_or_partially_shipped(
        covers in prop::collection::vec(line_cover(), 1..5),
    ) {
        let status = derive_status(&confirmed_order(), &covers);
        let uncovered = covers.iter().any(|c| !c.cancelled && c.uncovered() > Decimal::ZERO);
        if uncovered {
            prop_assert!(
                matches!(status, OrderStatus::AwaitingMaterials | OrderStatus::PartiallyShipped),
                "{status:?} for {covers:?}"
            );
        }
    }
}
