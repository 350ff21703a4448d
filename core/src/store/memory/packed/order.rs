//! Sales orders, packed.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::super::{text, Key};
use super::{PackedMoney, Stored};
use crate::domain::automation::OrderHold;
use crate::domain::delay::OrderDelay;
use crate::domain::order::{Address, Customer, OrderLine, OrderStatus, SalesOrder};
use crate::domain::quantity::Qty;

/// A [`SalesOrder`], packed (see `memory/packed.rs`). What every
/// command reads of an order (its id, status, customer's name and e-mail,
/// and its lines) is inline; the rest, often empty, sits in one block of
/// its own, so the record a command fetches is a few cache lines, not the
/// 600 bytes of a `SalesOrder` and the strings it points to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::store::memory) struct PackedOrder {
    pub(in crate::store::memory) id: Key,
    pub(in crate::store::memory) channel: Key,
    pub(in crate::store::memory) external_ref: Option<Key>,
    customer_name: Key,
    customer_email: Option<Key>,
    customer_id: Option<Key>,
    pub(in crate::store::memory) status: OrderStatus,
    pub(in crate::store::memory) placed_at: DateTime<Utc>,
    confirmed_at: Option<DateTime<Utc>>,
    cancelled_at: Option<DateTime<Utc>>,
    lines: Box<[PackedLine]>,
    /// Everything else, when any of it is set.
    rest: Option<Box<OrderRest>>,
}

/// What a [`PackedOrder`] keeps out of line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct OrderRest {
    customer_external_id: Option<String>,
    customer_phone: Option<String>,
    ship_to: Option<Address>,
    tags: Vec<String>,
    notes: Option<String>,
    attention: Vec<String>,
    hold: Option<OrderHold>,
    ship_from: Option<String>,
    delay: Option<OrderDelay>,
}

/// An [`OrderLine`], packed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PackedLine {
    line: u32,
    sku: Key,
    qty: Qty,
    unit_price: Option<PackedMoney>,
    requested_date: Option<NaiveDate>,
    promised_date: Option<NaiveDate>,
    lot: Option<Key>,
    min_remaining_shelf_life_days: Option<u32>,
    shipped: Decimal,
    fulfilled_outside: Decimal,
    cancelled: Decimal,
}

impl PackedOrder {
    /// Packs `order`, taking its parts kept out of line as they are.
    pub(in crate::store::memory) fn of(order: SalesOrder) -> Self {
        let SalesOrder {
            id,
            channel,
            external_ref,
            customer,
            ship_to,
            lines,
            tags,
            notes,
            attention,
            status,
            placed_at,
            confirmed_at,
            cancelled_at,
            hold,
            ship_from,
            delay,
        } = order;
        let Customer {
            name,
            email,
            id: customer_id,
            external_id,
            phone,
        } = customer;
        let rest = OrderRest {
            customer_external_id: external_id,
            customer_phone: phone,
            ship_to,
            tags,
            notes,
            attention,
            hold,
            ship_from,
            delay,
        };
        PackedOrder {
            id: Key::from(id),
            channel: Key::from(channel),
            external_ref: external_ref.map(Key::from),
            customer_name: Key::from(name),
            customer_email: email.map(Key::from),
            customer_id: customer_id.map(Key::from),
            status,
            placed_at,
            confirmed_at,
            cancelled_at,
            lines: lines.iter().map(PackedLine::of).collect(),
            rest: (rest != OrderRest::default()).then(|| Box::new(rest)),
        }
    }

    /// The SKUs the order may wait for (see [`SalesOrder::awaited_skus`]).
    pub(in crate::store::memory) fn awaited_skus(&self) -> BTreeSet<&str> {
        if !SalesOrder::WAITING.contains(&self.status) {
            return BTreeSet::new();
        }
        self.lines.iter().map(|l| l.sku.as_str()).collect()
    }
}

impl Stored for PackedOrder {
    type Record = SalesOrder;

    /// The order.
    fn unpack(&self) -> SalesOrder {
        let rest = self.rest.as_deref();
        let part = |pick: fn(&OrderRest) -> Option<String>| rest.and_then(pick);
        SalesOrder {
            id: text(&self.id),
            channel: text(&self.channel),
            external_ref: self.external_ref.as_ref().map(text),
            customer: Customer {
                name: text(&self.customer_name),
                email: self.customer_email.as_ref().map(text),
                id: self.customer_id.as_ref().map(text),
                external_id: part(|r| r.customer_external_id.clone()),
                phone: part(|r| r.customer_phone.clone()),
            },
            ship_to: rest.and_then(|r| r.ship_to.clone()),
            lines: self.lines.iter().map(PackedLine::unpack).collect(),
            tags: rest.map(|r| r.tags.clone()).unwrap_or_default(),
            notes: part(|r| r.notes.clone()),
            attention: rest.map(|r| r.attention.clone()).unwrap_or_default(),
            status: self.status,
            placed_at: self.placed_at,
            confirmed_at: self.confirmed_at,
            cancelled_at: self.cancelled_at,
            hold: rest.and_then(|r| r.hold.clone()),
            ship_from: part(|r| r.ship_from.clone()),
            delay: rest.and_then(|r| r.delay.clone()),
        }
    }
}

impl PackedLine {
    fn of(line: &OrderLine) -> Self {
        let OrderLine {
            line,
            sku,
            qty,
            unit_price,
            requested_date,
            promised_date,
            lot,
            min_remaining_shelf_life_days,
            shipped,
            fulfilled_outside,
            cancelled,
        } = line;
        PackedLine {
            line: *line,
            sku: Key::new(sku),
            qty: *qty,
            unit_price: unit_price.as_ref().map(PackedMoney::of),
            requested_date: *requested_date,
            promised_date: *promised_date,
            lot: lot.as_deref().map(Key::new),
            min_remaining_shelf_life_days: *min_remaining_shelf_life_days,
            shipped: *shipped,
            fulfilled_outside: *fulfilled_outside,
            cancelled: *cancelled,
        }
    }

    fn unpack(&self) -> OrderLine {
        OrderLine {
            line: self.line,
            sku: text(&self.sku),
            qty: self.qty,
            unit_price: self.unit_price.as_ref().map(PackedMoney::unpack),
            requested_date: self.requested_date,
            promised_date: self.promised_date,
            lot: self.lot.as_ref().map(text),
            min_remaining_shelf_life_days: self.min_remaining_shelf_life_days,
            shipped: self.shipped,
            fulfilled_outside: self.fulfilled_outside,
            cancelled: self.cancelled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::at;
    use super::*;
    use crate::domain::money::Money;
    use crate::store::conformance;

    /// An order with nothing optional set (nothing kept out of line), and
    /// one with everything set, long values included.
    #[test]
    fn an_order_comes_back_as_it_was_stored() {
        let stored = conformance::order("SO-000001", "manual", None, OrderStatus::Placed);
        let bare = SalesOrder {
            customer: Customer {
                name: "Ada".into(),
                ..Customer::default()
            },
            tags: vec![],
            notes: None,
            ..stored.clone()
        };
        let priced = OrderLine {
            unit_price: Some(Money {
                amount: "4.50".parse().expect("a decimal"),
                currency: "EUR".into(),
            }),
            requested_date: NaiveDate::from_ymd_opt(2026, 12, 20),
            promised_date: NaiveDate::from_ymd_opt(2026, 12, 18),
            lot: Some("LOT-2026-12-06-lavender-soap-bars-0001".into()),
            min_remaining_shelf_life_days: Some(90),
            shipped: "1".parse().expect("a decimal"),
            fulfilled_outside: "0.5".parse().expect("a decimal"),
            cancelled: "0.5".parse().expect("a decimal"),
            line: 2,
            sku: "CANDLE-BEESWAX-LARGE-GIFT-SET-2026".into(),
            ..stored.lines[0].clone()
        };
        let delay: OrderDelay = serde_json::from_value(serde_json::json!({
            "since": "2026-12-07T08:00:00Z",
            "lines": [{
                "line": 2, "sku": "CANDLE-BEESWAX-LARGE-GIFT-SET-2026",
                "promised_date": "2026-12-18", "projected_date": "2026-12-22",
                "mo": "MO-000042", "basis": {"type": "stock"}, "reason": "late wax"
            }]
        }))
        .expect("a delay");
        let full = SalesOrder {
            external_ref: Some("#1001".into()),
            customer: Customer {
                name: "Ada Lovelace of the Analytical Engine".into(),
                email: Some("ada.lovelace@analytical-engine.example".into()),
                id: Some("CU-000001".into()),
                external_id: Some("shopify-7".into()),
                phone: Some("+44 20 7946 0000".into()),
            },
            ship_to: Some(Address {
                name: "Ada".into(),
                line1: "12 St James's Square".into(),
                line2: Some("Flat 2".into()),
                city: "London".into(),
                region: Some("Greater London".into()),
                postal_code: "SW1Y 4JH".into(),
                country: "GB".into(),
            }),
            lines: vec![stored.lines[0].clone(), priced],
            tags: vec!["gift".into(), "rush".into()],
            notes: Some("wrap it".into()),
            attention: vec!["check the address".into()],
            status: OrderStatus::PartiallyShipped,
            confirmed_at: Some(at("2026-12-06T10:00:00Z")),
            cancelled_at: Some(at("2026-12-08T10:00:00Z")),
            hold: Some(OrderHold {
                reason: "fraud check".into(),
                rule: Some("big-orders".into()),
                at: at("2026-12-06T09:31:00Z"),
            }),
            ship_from: Some("workshop".into()),
            delay: Some(delay),
            ..bare.clone()
        };
        assert!(PackedOrder::of(bare.clone()).rest.is_none());
        for order in [bare, full] {
            assert_eq!(PackedOrder::of(order.clone()).unpack(), order);
        }
    }
}
