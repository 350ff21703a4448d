//! The store conformance suite: one set of test bodies every backend must
//! pass, so memory, SQLite and Postgres behave the same and fail the same.
//!
//! Each body is a plain `pub fn` taking a fresh, empty store (bodies live
//! here rather than in the macro so failures point at real lines and rustfmt
//! formats them). A backend declares the tests with
//! [`store_conformance!`](crate::store_conformance):
//!
//! ```ignore
//! #[cfg(test)]
//! mod conformance {
//!     lotwise::store_conformance!(Some(Box::new(MyStore::new())));
//! }
//! ```
//!
//! The expression is evaluated once per test and yields
//! `Option<Box<dyn Store>>`; `None` skips the test (a backend whose server is
//! not configured prints why and returns `None`).

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use serde_json::json;

use super::{Store, Tx, TxMode};
use crate::clock::FixedClock;
use crate::domain::catalog::{Item, ItemKind, NewItem, Tracking};
use crate::domain::event::{Event, EventData};
use crate::domain::ledger::{Balance, Movement, MovementReason};
use crate::domain::location::{Location, LocationKind};
use crate::domain::lot::{Lot, LotOrigin};
use crate::domain::order::{Customer, OrderLine, OrderStatus, SalesOrder};
use crate::domain::production::{Allocation, ManufacturingOrder, MoStatus};
use crate::domain::quantity::{Qty, Uom};
use crate::domain::recipe::Requirement;
use crate::domain::reservation::{Demand, Reservation};
use crate::domain::shipment::{Shipment, ShipmentLine};
use crate::domain::trace::TraceEdge;
use crate::Lotwise;

mod demand;
mod docs;
mod engine;
mod free;
mod stock;
mod tx;
mod waiting;
pub use demand::*;
pub use docs::*;
pub use engine::*;
pub use free::*;
pub use stock::*;
pub use tx::*;
pub use waiting::*;

/// Declares one `#[test]` per conformance body, each on a fresh store made
/// by evaluating `$make` (an `Option<Box<dyn Store>>`; `None` skips).
#[macro_export]
macro_rules! store_conformance {
    ($make:expr) => {
        $crate::store_conformance!(@tests $make;
            counters_start_at_one_and_roll_back,
            items_round_trip,
            recipes_keep_every_version,
            locations_round_trip,
            lots_round_trip_and_filter_by_item,
            long_codes_sort_like_short_ones,
            movements_update_balances,
            stock_of_item_is_what_internal_locations_hold,
            held_stock_is_what_stock_locations_hold,
            decimals_are_exact,
            reservations_by_demand_item_and_order,
            reserved_stock_is_summed_per_lot_and_location,
            free_stock_is_on_hand_less_reserved,
            free_lots_carry_what_reserving_weighs,
            concurrent_reservations_count_at_once,
            reads_follow_writes_within_a_transaction,
            orders_by_status_and_external_ref,
            mos_by_status_and_order,
            waiting_demand_by_sku,
            shipments_by_order_and_lot,
            trace_edges_both_ways,
            events_are_sequenced,
            held_back_writes_land_whole,
            events_and_orders_keep_any_text,
            cursors_round_trip,
            docs_round_trip,
            has_docs_sees_any_record_of_a_kind,
            docs_by_key_prefix,
            index_entries_with_their_records,
            dropped_write_transaction_leaves_nothing,
            dropped_rewrites_leave_the_committed_values,
            committed_writes_are_visible_to_new_transactions,
            read_transaction_refuses_writes,
            engine_full_order_cycle,
            engine_place_and_confirm_in_one_command,
            engine_failed_commands_change_nothing,
            engine_same_errors,
            engine_reopen_is_idempotent,
        );
    };
    (@tests $make:expr; $($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let made: ::std::option::Option<::std::boxed::Box<dyn $crate::store::Store>> = $make;
                if let ::std::option::Option::Some(store) = made {
                    $crate::store::conformance::$name(store);
                }
            }
        )*
    };
}

/// A fixed instant the suite's records are stamped with.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fn write(store: &dyn Store) -> Box<dyn Tx + '_> {
    store.begin(TxMode::Write).unwrap()
}

fn read(store: &dyn Store) -> Box<dyn Tx + '_> {
    store.begin(TxMode::Read).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// An item record.
pub fn item(sku: &str, uom: Uom) -> Item {
    let mut new = NewItem::new(sku, &format!("Item {sku}"), ItemKind::Material, uom);
    new.shelf_life_days = Some(365);
    new.tracking = Tracking::Lot;
    new.into_item().unwrap()
}

/// A location record named after its code.
pub fn location(code: &str, kind: LocationKind) -> Location {
    Location {
        code: code.into(),
        name: format!("Loc {code}"),
        kind,
    }
}

/// A balance row (on hand, or a free or reserved quantity, by use).
pub fn balance(sku: &str, lot: &str, location: &str, qty: &str) -> Balance {
    Balance {
        sku: sku.into(),
        lot: lot.into(),
        location: location.into(),
        qty: dec(qty),
    }
}

/// A lot record.
pub fn lot(code: &str, sku: &str, expiry: Option<(i32, u32, u32)>) -> Lot {
    Lot {
        unit_cost: None,
        code: code.into(),
        sku: sku.into(),
        expiry: expiry.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
        origin: LotOrigin::Receipt,
        supplier_lot_ref: Some(format!("SUP-{code}")),
        created_at: t0(),
        hold: None,
    }
}

/// A movement record.
pub fn movement(seq: u64, sku: &str, lot: &str, qty: &str, from: &str, to: &str) -> Movement {
    Movement {
        seq,
        at: t0() + Duration::seconds(seq as i64),
        sku: sku.into(),
        lot: lot.into(),
        qty: dec(qty),
        from: from.into(),
        to: to.into(),
        reason: MovementReason::Receipt,
        doc: Some(format!("DOC-{seq}")),
    }
}

fn reservation(id: u64, sku: &str, lot: &str, qty: &str, demand: Demand) -> Reservation {
    Reservation {
        id,
        sku: sku.into(),
        lot: lot.into(),
        location: "MAIN".into(),
        qty: dec(qty),
        demand,
        at: t0(),
    }
}

fn line_demand(order: &str, line: u32) -> Demand {
    Demand::OrderLine {
        order: order.into(),
        line,
    }
}

/// An order record with one line of `qty` pieces.
pub fn order(id: &str, channel: &str, ext: Option<&str>, status: OrderStatus) -> SalesOrder {
    SalesOrder {
        id: id.into(),
        channel: channel.into(),
        external_ref: ext.map(Into::into),
        customer: Customer {
            name: "Ada Lovelace — Zoë".into(),
            email: Some("ada@example.com".into()),
            ..Default::default()
        },
        ship_to: None,
        lines: vec![OrderLine {
            line: 1,
            sku: "CANDLE".into(),
            qty: Qty::new(Decimal::from(3), Uom::Pcs),
            unit_price: Some("18.00 USD".parse().unwrap()),
            requested_date: NaiveDate::from_ymd_opt(2026, 4, 1),
            promised_date: None,
            lot: None,
            min_remaining_shelf_life_days: None,
            shipped: Decimal::ZERO,
            fulfilled_outside: Decimal::ZERO,
            cancelled: Decimal::ZERO,
        }],
        tags: vec!["gift".into()],
        attention: vec![],
        notes: Some("with a \"quote\" and 'apostrophe'".into()),
        status,
        placed_at: t0(),
        confirmed_at: None,
        cancelled_at: None,
        hold: None,
        ship_from: None,
        delay: None,
    }
}

/// A batch of 12 `CANDLE` from 2,400 g `WAX`, 3 of it allocated to line 1
/// of each of `orders`.
pub fn mo(id: &str, status: MoStatus, orders: &[&str]) -> ManufacturingOrder {
    ManufacturingOrder {
        id: id.into(),
        product: "CANDLE".into(),
        qty: Decimal::from(12),
        recipe_version: 1,
        status,
        parent_mo: None,
        requirements: vec![Requirement {
            sku: "WAX".into(),
            qty: dec("2400"),
        }],
        allocations: orders
            .iter()
            .map(|o| Allocation {
                order: (*o).into(),
                line: 1,
                qty: Decimal::from(3),
                delivered: Decimal::ZERO,
            })
            .collect(),
        feeds: vec![],
        fed_by: vec![],
        consumed: vec![],
        output: None,
        created_at: t0(),
        started_at: None,
        finished_at: None,
    }
}

fn shipment(id: &str, order: &str, lots: &[&str]) -> Shipment {
    Shipment {
        id: id.into(),
        order: order.into(),
        lines: lots
            .iter()
            .map(|l| ShipmentLine {
                line: 1,
                sku: "CANDLE".into(),
                lot: (*l).into(),
                location: "MAIN".into(),
                qty: Decimal::ONE,
            })
            .collect(),
        carrier: "USPS".into(),
        tracking: format!("TRK-{id}"),
        label: None,
        shipped_at: t0(),
        cost_of_goods: None,
    }
}

fn edge(from: &str, to: &str, qty: &str) -> TraceEdge {
    TraceEdge {
        from_lot: from.into(),
        to_lot: to.into(),
        mo: "MO-000001".into(),
        qty: dec(qty),
    }
}

/// An event with a nested payload (a list of records, decimals, a null);
/// `shipment` tells events apart.
fn event(seq: u64, shipment: &str) -> Event {
    Event {
        seq,
        at: t0() + Duration::milliseconds(seq as i64 * 1500),
        subject: format!("S-{seq}"),
        data: EventData::OrderShipped {
            shipment: shipment.into(),
            carrier: "USPS".into(),
            tracking: format!("T{seq}"),
            customer: "Ada".into(),
            email: None,
            lines: vec![ShipmentLine {
                line: 1,
                sku: "CANDLE".into(),
                lot: "CANDLE-B1".into(),
                location: "MAIN".into(),
                qty: dec("2.5"),
            }],
        },
    }
}

/// Everything a transaction can list, as one comparable text.
pub fn dump(tx: &mut dyn Tx) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        tx.items().unwrap(),
        tx.recipes().unwrap(),
        tx.locations().unwrap(),
        tx.lots().unwrap(),
        tx.movements().unwrap(),
        tx.balances().unwrap(),
        tx.reservations().unwrap(),
        tx.orders().unwrap(),
        tx.mos().unwrap(),
        tx.shipments().unwrap(),
        tx.trace_edges().unwrap(),
        tx.events_after(0, usize::MAX).unwrap(),
        tx.all_docs().unwrap(),
        (tx.cursor("c").unwrap(), tx.last_event_seq().unwrap()),
    )
}

/// Writes one record of every kind.
pub fn write_one_of_everything(tx: &mut dyn Tx) {
    tx.next_id("order").unwrap();
    tx.put_item(&item("WAX", Uom::G)).unwrap();
    tx.put_location(&Location {
        code: "SHELF".into(),
        name: "Shelf".into(),
        kind: LocationKind::Internal,
    })
    .unwrap();
    tx.put_lot(&lot("WAX-R0001", "WAX", Some((2027, 1, 1))))
        .unwrap();
    tx.append_movement(movement(1, "WAX", "WAX-R0001", "500", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.put_reservation(&reservation(
        1,
        "WAX",
        "WAX-R0001",
        "10",
        line_demand("SO-1", 1),
    ))
    .unwrap();
    tx.put_order(order("SO-1", "etsy", Some("E1"), OrderStatus::Placed))
        .unwrap();
    tx.put_mo(mo("MO-1", MoStatus::AwaitingMaterials, &["SO-1"]))
        .unwrap();
    tx.put_shipment(&shipment("SH-1", "SO-1", &["WAX-R0001"]))
        .unwrap();
    tx.put_trace_edge(&edge("WAX-R0001", "CANDLE-B1", "5"))
        .unwrap();
    let seq = tx.last_event_seq().unwrap() + 1;
    tx.append_event(event(seq, "x")).unwrap();
    tx.set_cursor("c", seq).unwrap();
    tx.put_doc("work_center", "POUR", &json!({"minutes": 480}))
        .unwrap();
}

/// An engine on `store` with a fixed clock.
pub fn engine(store: Box<dyn Store>) -> (Lotwise, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::at(t0()));
    let lw = Lotwise::with_store(store, clock.clone()).unwrap();
    (lw, clock)
}
