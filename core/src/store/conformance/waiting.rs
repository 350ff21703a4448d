//! The demand waiting for stock, filed by SKU: batches awaiting materials
//! under each input they need, orders awaiting materials or partly shipped
//! under each SKU they order, listed in the order a freeing of stock serves
//! them and a page at a time.

use chrono::{DateTime, Duration, Utc};

use super::{mo, order, read, t0, write};
use crate::domain::order::{OrderStatus, SalesOrder};
use crate::domain::production::{ManufacturingOrder, MoStatus};
use crate::domain::recipe::Requirement;
use crate::store::{Store, Tx};

/// An order of `skus` (one line each) in `status`, placed at `placed_at`.
fn waiting_order(
    id: &str,
    status: OrderStatus,
    placed_at: DateTime<Utc>,
    skus: &[&str],
) -> SalesOrder {
    let mut o = order(id, "manual", None, status);
    let line = o.lines[0].clone();
    o.lines = (1..)
        .zip(skus)
        .map(|(n, sku)| {
            let mut l = line.clone();
            l.line = n;
            l.sku = (*sku).into();
            l
        })
        .collect();
    o.placed_at = placed_at;
    o
}

/// A batch in `status` needing `inputs`.
fn batch(id: &str, status: MoStatus, inputs: &[&str]) -> ManufacturingOrder {
    let mut m = mo(id, status, &[]);
    m.requirements = inputs
        .iter()
        .map(|sku| Requirement {
            sku: (*sku).into(),
            qty: 1.into(),
        })
        .collect();
    m
}

fn order_ids(
    tx: &mut dyn Tx,
    sku: &str,
    after: Option<(DateTime<Utc>, &str)>,
    limit: usize,
) -> Vec<String> {
    let orders = tx.orders_awaiting(sku, after, limit).unwrap();
    orders.into_iter().map(|o| o.id).collect()
}

fn mo_ids(tx: &mut dyn Tx, sku: &str, after: Option<&str>, limit: usize) -> Vec<String> {
    let mos = tx.mos_awaiting(sku, after, limit).unwrap();
    mos.into_iter().map(|m| m.id).collect()
}

/// Waiting orders and batches are listed by SKU, oldest first, a page at a
/// time; a change of status or of lines moves them in or out, within the
/// transaction that makes it, after commit, and not at all when it is
/// rolled back.
pub fn waiting_demand_by_sku(store: Box<dyn Store>) {
    use MoStatus as M;
    use OrderStatus as S;
    let store = &*store;
    // Placed a millisecond apart or at the same instant (then by id).
    let at = |ms: i64| t0() + Duration::milliseconds(ms);
    let mut tx = write(store);
    for o in [
        waiting_order("SO-1", S::AwaitingMaterials, at(2_000), &["CANDLE", "WICK"]),
        waiting_order("SO-2", S::PartiallyShipped, at(1_001), &["CANDLE"]),
        waiting_order("SO-3", S::Placed, at(0), &["CANDLE"]),
        waiting_order("SO-4", S::AwaitingMaterials, at(2_000), &["CANDLE"]),
        waiting_order("SO-5", S::ReadyToShip, at(5), &["CANDLE", "WICK"]),
    ] {
        tx.put_order(o).unwrap();
    }
    for m in [
        batch("MO-1", M::AwaitingMaterials, &["WAX", "WICK"]),
        batch("MO-2", M::AwaitingMaterials, &["WAX"]),
        batch("MO-3", M::MaterialsReserved, &["WAX"]),
        batch("MO-4", M::InProduction, &["WICK"]),
    ] {
        tx.put_mo(m).unwrap();
    }
    tx.commit().unwrap();

    let mut reader = read(store);
    let tx = &mut *reader;
    assert_eq!(order_ids(tx, "CANDLE", None, 10), ["SO-2", "SO-1", "SO-4"]);
    assert_eq!(order_ids(tx, "CANDLE", None, 2), ["SO-2", "SO-1"]);
    assert_eq!(
        order_ids(tx, "CANDLE", Some((at(2_000), "SO-1")), 2),
        ["SO-4"]
    );
    assert_eq!(
        order_ids(tx, "CANDLE", Some((at(1_001), "SO-2")), 1),
        ["SO-1"]
    );
    assert!(order_ids(tx, "CANDLE", Some((at(2_000), "SO-4")), 5).is_empty());
    assert_eq!(order_ids(tx, "WICK", None, 10), ["SO-1"]);
    assert!(order_ids(tx, "WAX", None, 10).is_empty());
    assert_eq!(mo_ids(tx, "WAX", None, 10), ["MO-1", "MO-2"]);
    assert_eq!(mo_ids(tx, "WAX", None, 1), ["MO-1"]);
    assert_eq!(mo_ids(tx, "WAX", Some("MO-1"), 10), ["MO-2"]);
    assert_eq!(mo_ids(tx, "WICK", None, 10), ["MO-1"]);
    assert!(mo_ids(tx, "CANDLE", None, 10).is_empty());
    drop(reader);

    // Orders and batches leave, join and move between SKUs.
    let changes = |tx: &mut dyn Tx| {
        for o in [
            waiting_order("SO-1", S::ReadyToShip, at(2_000), &["CANDLE", "WICK"]),
            waiting_order("SO-3", S::AwaitingMaterials, at(0), &["CANDLE"]),
            waiting_order("SO-4", S::AwaitingMaterials, at(2_000), &["SOAP"]),
        ] {
            tx.put_order(o).unwrap();
        }
        for m in [
            batch("MO-1", M::AwaitingMaterials, &["WAX"]),
            batch("MO-2", M::MaterialsReserved, &["WAX"]),
            batch("MO-3", M::AwaitingMaterials, &["WAX", "WICK"]),
        ] {
            tx.put_mo(m).unwrap();
        }
    };
    let after_changes = |tx: &mut dyn Tx| {
        assert_eq!(order_ids(tx, "CANDLE", None, 10), ["SO-3", "SO-2"]);
        assert_eq!(order_ids(tx, "SOAP", None, 10), ["SO-4"]);
        assert!(order_ids(tx, "WICK", None, 10).is_empty());
        assert_eq!(mo_ids(tx, "WAX", None, 10), ["MO-1", "MO-3"]);
        assert_eq!(mo_ids(tx, "WICK", None, 10), ["MO-3"]);
    };
    let mut rolled_back = write(store);
    changes(&mut *rolled_back);
    after_changes(&mut *rolled_back);
    drop(rolled_back);
    let mut tx = read(store);
    assert_eq!(
        order_ids(&mut *tx, "CANDLE", None, 10),
        ["SO-2", "SO-1", "SO-4"]
    );
    assert_eq!(mo_ids(&mut *tx, "WAX", None, 10), ["MO-1", "MO-2"]);
    drop(tx);

    let mut tx = write(store);
    changes(&mut *tx);
    tx.commit().unwrap();
    after_changes(&mut *read(store));

    // Shipped in full, or cancelled, an order waits no more; a batch that
    // starts no longer awaits anything.
    let mut tx = write(store);
    tx.put_order(waiting_order("SO-2", S::Shipped, at(1_001), &["CANDLE"]))
        .unwrap();
    tx.put_order(waiting_order("SO-3", S::Cancelled, at(0), &["CANDLE"]))
        .unwrap();
    tx.put_mo(batch("MO-3", M::InProduction, &["WAX", "WICK"]))
        .unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert!(order_ids(&mut *tx, "CANDLE", None, 10).is_empty());
    assert_eq!(mo_ids(&mut *tx, "WAX", None, 10), ["MO-1"]);
    assert!(mo_ids(&mut *tx, "WICK", None, 10).is_empty());
}

/// Records a database from before the waiting-demand index holds, for the
/// migration tests: orders waiting, partly shipped and ready; batches
/// awaiting materials and with materials reserved.
pub fn waiting_before_upgrade() -> (Vec<SalesOrder>, Vec<ManufacturingOrder>) {
    use MoStatus as M;
    use OrderStatus as S;
    let at = |s: i64| t0() + Duration::seconds(s);
    let orders = vec![
        waiting_order("SO-1", S::AwaitingMaterials, at(2), &["CANDLE", "WICK"]),
        waiting_order("SO-2", S::PartiallyShipped, at(1), &["CANDLE"]),
        waiting_order("SO-3", S::ReadyToShip, at(0), &["CANDLE"]),
    ];
    let mos = vec![
        batch("MO-1", M::AwaitingMaterials, &["WAX", "WICK"]),
        batch("MO-2", M::MaterialsReserved, &["WAX"]),
    ];
    (orders, mos)
}

/// After an upgrade from a database holding [`waiting_before_upgrade`]:
/// the waiting records are filed, and leave the index when they stop
/// waiting.
pub fn check_waiting_after_upgrade(store: &dyn Store) {
    let mut tx = read(store);
    assert_eq!(order_ids(&mut *tx, "CANDLE", None, 10), ["SO-2", "SO-1"]);
    assert_eq!(order_ids(&mut *tx, "WICK", None, 10), ["SO-1"]);
    assert_eq!(mo_ids(&mut *tx, "WAX", None, 10), ["MO-1"]);
    assert_eq!(mo_ids(&mut *tx, "WICK", None, 10), ["MO-1"]);
    drop(tx);
    let (orders, mos) = waiting_before_upgrade();
    let mut tx = write(store);
    let mut ready = orders[0].clone();
    ready.status = OrderStatus::ReadyToShip;
    tx.put_order(ready).unwrap();
    let mut reserved = mos[0].clone();
    reserved.status = MoStatus::MaterialsReserved;
    tx.put_mo(reserved).unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(order_ids(&mut *tx, "CANDLE", None, 10), ["SO-2"]);
    assert!(order_ids(&mut *tx, "WICK", None, 10).is_empty());
    assert!(mo_ids(&mut *tx, "WAX", None, 10).is_empty());
    assert!(mo_ids(&mut *tx, "WICK", None, 10).is_empty());
}
