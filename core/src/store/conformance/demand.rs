//! Store-level conformance for the demand side: sales orders, their
//! reservations and manufacturing orders — lookups, sums, and what one
//! transaction reads back after writing them.

use chrono::Duration;

use super::{dec, line_demand, lot, mo, movement, order, read, reservation, t0, write};
use crate::domain::order::{OrderStatus, SalesOrder};
use crate::domain::production::{ManufacturingOrder, MoStatus};
use crate::domain::reservation::{Demand, Reservation};
use crate::store::{Store, Tx, TxMode};

/// Reservations by id, demand, item and order; replaced and deleted by id.
pub fn reservations_by_demand_item_and_order(store: Box<dyn Store>) {
    let store = &*store;
    let mo_demand = Demand::MoInput { mo: "MO-1".into() };
    let mut tx = write(store);
    tx.put_reservation(&reservation(3, "WAX", "W-1", "5", line_demand("SO-1", 1)))
        .unwrap();
    tx.put_reservation(&reservation(1, "WAX", "W-2", "7", mo_demand.clone()))
        .unwrap();
    tx.put_reservation(&reservation(2, "JAR", "J-1", "2", line_demand("SO-1", 2)))
        .unwrap();
    tx.put_reservation(&reservation(4, "JAR", "J-1", "1", line_demand("SO-10", 1)))
        .unwrap();
    tx.put_reservation(&reservation(3, "WAX", "W-1", "4.5", line_demand("SO-1", 1)))
        .unwrap();
    tx.commit().unwrap();

    let ids = |rs: Vec<Reservation>| rs.into_iter().map(|r| r.id).collect::<Vec<_>>();
    let mut tx = read(store);
    assert_eq!(ids(tx.reservations().unwrap()), [1, 2, 3, 4]);
    assert_eq!(tx.reservations().unwrap()[2].qty, dec("4.5"));
    assert_eq!(ids(tx.reservations_of_item("WAX").unwrap()), [1, 3]);
    assert_eq!(ids(tx.reservations_for(&mo_demand).unwrap()), [1]);
    assert_eq!(
        ids(tx.reservations_for(&line_demand("SO-1", 2)).unwrap()),
        [2]
    );
    assert_eq!(ids(tx.reservations_of_order("SO-1").unwrap()), [2, 3]);
    assert_eq!(
        ids(tx.reservations_of_order("SO-").unwrap()),
        Vec::<u64>::new()
    );
    drop(tx);

    let mut tx = write(store);
    tx.delete_reservation(3).unwrap();
    tx.delete_reservation(99).unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(ids(tx.reservations_of_order("SO-1").unwrap()), [2]);
    assert_eq!(ids(tx.reservations_of_item("WAX").unwrap()), [1]);
}

/// A reservation as the schema versions before its own lot, location and
/// quantity columns stored it: everything in `data` (id 1, 2.250 of lot
/// `WAX-R0001` at `MAIN` for `MO-000001`). The upgrade tests of both SQL
/// backends write it into an old database.
pub const LEGACY_RESERVATION: &str = r#"{"id":1,"sku":"WAX","lot":"WAX-R0001","location":"MAIN","qty":"2.250","demand":{"type":"mo_input","mo":"MO-000001"},"at":"2026-03-02T09:00:00Z"}"#;

/// After an upgrade, [`LEGACY_RESERVATION`] is reserved stock, its columns
/// filled from its data exactly.
pub fn check_legacy_reservation_reserved(tx: &mut dyn Tx) {
    let reserved = tx.reserved_of_item("WAX").unwrap();
    assert_eq!(reserved.len(), 1);
    assert_eq!(
        (reserved[0].lot.as_str(), reserved[0].location.as_str()),
        ("WAX-R0001", "MAIN")
    );
    assert_eq!(reserved[0].qty.to_string(), "2.250");
}

/// Reserved stock is summed per lot and location, exactly, and follows
/// replaced and deleted reservations.
pub fn reserved_stock_is_summed_per_lot_and_location(store: Box<dyn Store>) {
    let store = &*store;
    let sums = |tx: &mut dyn Tx, sku: &str| {
        tx.reserved_of_item(sku)
            .unwrap()
            .into_iter()
            .map(|b| (b.sku, b.lot, b.location, b.qty.to_string()))
            .collect::<Vec<_>>()
    };
    let row = |lot: &str, location: &str, qty: &str| {
        (
            "WAX".to_string(),
            lot.to_string(),
            location.to_string(),
            qty.to_string(),
        )
    };
    let mut tx = write(store);
    assert!(sums(&mut *tx, "WAX").is_empty());
    tx.put_reservation(&reservation(
        1,
        "WAX",
        "W-2",
        "0.125",
        line_demand("SO-1", 1),
    ))
    .unwrap();
    tx.put_reservation(&reservation(2, "WAX", "W-1", "1.5", line_demand("SO-2", 1)))
        .unwrap();
    tx.put_reservation(&reservation(
        3,
        "WAX",
        "W-2",
        "2.000",
        line_demand("SO-3", 1),
    ))
    .unwrap();
    let mut shelf = reservation(4, "WAX", "W-2", "7", Demand::MoInput { mo: "MO-1".into() });
    shelf.location = "SHELF".into();
    tx.put_reservation(&shelf).unwrap();
    tx.put_reservation(&reservation(5, "JAR", "J-1", "9", line_demand("SO-1", 2)))
        .unwrap();
    let expected = [
        row("W-1", "MAIN", "1.5"),
        row("W-2", "MAIN", "2.125"),
        row("W-2", "SHELF", "7"),
    ];
    assert_eq!(sums(&mut *tx, "WAX"), expected, "inside the transaction");
    tx.commit().unwrap();
    assert_eq!(sums(&mut *read(store), "WAX"), expected);

    let mut tx = write(store);
    tx.put_reservation(&reservation(1, "WAX", "W-2", "1", line_demand("SO-1", 1)))
        .unwrap();
    tx.delete_reservation(2).unwrap();
    tx.commit().unwrap();
    let after = [row("W-2", "MAIN", "3.000"), row("W-2", "SHELF", "7")];
    assert_eq!(sums(&mut *read(store), "WAX"), after);
    let of_lot = |tx: &mut dyn Tx, lot: &str| {
        tx.reserved_of_lot("WAX", lot)
            .unwrap()
            .into_iter()
            .map(|b| (b.sku, b.lot, b.location, b.qty.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(of_lot(&mut *read(store), "W-2"), after);
    assert!(of_lot(&mut *read(store), "W-1").is_empty());
    assert!(of_lot(&mut *read(store), "W-").is_empty());

    // A rolled-back transaction leaves the sums as they were.
    let mut tx = write(store);
    tx.put_reservation(&reservation(6, "WAX", "W-1", "4", line_demand("SO-4", 1)))
        .unwrap();
    tx.delete_reservation(4).unwrap();
    tx.put_reservation(&reservation(1, "WAX", "W-2", "5", line_demand("SO-1", 1)))
        .unwrap();
    assert_eq!(
        sums(&mut *tx, "WAX"),
        [row("W-1", "MAIN", "4"), row("W-2", "MAIN", "7.000")]
    );
    assert_eq!(of_lot(&mut *tx, "W-1"), [row("W-1", "MAIN", "4")]);
    drop(tx);
    assert_eq!(sums(&mut *read(store), "WAX"), after);

    // Read first, then moved to another lot and released: the sums follow
    // what each row held as read, and as this transaction rewrote it.
    let mut tx = write(store);
    let seen: Vec<u64> = tx
        .reservations_of_item("WAX")
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(seen, [1, 3, 4]);
    tx.put_reservation(&reservation(3, "WAX", "W-1", "0.5", line_demand("SO-3", 1)))
        .unwrap();
    assert_eq!(
        sums(&mut *tx, "WAX"),
        [
            row("W-1", "MAIN", "0.5"),
            row("W-2", "MAIN", "1.000"),
            row("W-2", "SHELF", "7")
        ]
    );
    tx.delete_reservation(3).unwrap();
    tx.delete_reservation(4).unwrap();
    tx.commit().unwrap();
    assert_eq!(
        sums(&mut *read(store), "WAX"),
        [row("W-2", "MAIN", "1.000")]
    );
}

/// A concurrent command (placing or confirming an order) reads a SKU's
/// stock as it locks it: what it then reserves counts at once, a
/// reservation it replaces counts with its new quantity, and balances and
/// lots read as in any other transaction.
pub fn concurrent_reservations_count_at_once(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    tx.put_lot(&lot("W-1", "WAX", Some((2027, 1, 1)))).unwrap();
    tx.put_lot(&lot("W-2", "WAX", None)).unwrap();
    tx.append_movement(movement(1, "WAX", "W-1", "10", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(movement(2, "WAX", "W-2", "5.5", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.put_reservation(&reservation(100, "WAX", "W-1", "2", line_demand("SO-1", 1)))
        .unwrap();
    tx.commit().unwrap();
    let mut before = read(store);
    let balances = before.balances_of_item("WAX").unwrap();
    let lots = [before.lot("W-1").unwrap(), before.lot("W-2").unwrap()];
    drop(before);
    let sums = |tx: &mut dyn Tx| {
        tx.reserved_of_item("WAX")
            .unwrap()
            .into_iter()
            .map(|b| format!("{} {}", b.lot, b.qty))
            .collect::<Vec<_>>()
    };

    let mut tx = store.begin(TxMode::Concurrent).unwrap();
    assert_eq!(sums(&mut *tx), ["W-1 2"]);
    assert_eq!(tx.balances_of_item("WAX").unwrap(), balances);
    assert_eq!([tx.lot("W-1").unwrap(), tx.lot("W-2").unwrap()], lots);
    let id = tx.next_id("reservation").unwrap();
    tx.put_reservation(&reservation(
        id,
        "WAX",
        "W-2",
        "1.5",
        line_demand("SO-2", 1),
    ))
    .unwrap();
    assert_eq!(sums(&mut *tx), ["W-1 2", "W-2 1.5"]);
    tx.put_reservation(&reservation(
        id,
        "WAX",
        "W-2",
        "0.5",
        line_demand("SO-2", 1),
    ))
    .unwrap();
    assert_eq!(sums(&mut *tx), ["W-1 2", "W-2 0.5"], "replaced");
    let next = tx.next_id("reservation").unwrap();
    assert!(next > id);
    tx.put_reservation(&reservation(
        next,
        "WAX",
        "W-1",
        "1",
        line_demand("SO-2", 2),
    ))
    .unwrap();
    assert_eq!(sums(&mut *tx), ["W-1 3", "W-2 0.5"]);
    let ids = |rs: Vec<Reservation>| rs.into_iter().map(|r| r.id).collect::<Vec<_>>();
    let mut all = vec![100, id, next];
    all.sort_unstable();
    assert_eq!(ids(tx.reservations_of_item("WAX").unwrap()), all);
    assert_eq!(ids(tx.reservations_of_order("SO-2").unwrap()), [id, next]);
    tx.commit().unwrap();

    let mut tx = read(store);
    assert_eq!(sums(&mut *tx), ["W-1 3", "W-2 0.5"]);
    assert_eq!(ids(tx.reservations_of_order("SO-2").unwrap()), [id, next]);
    assert_eq!(tx.balances_of_item("WAX").unwrap(), balances);
}

/// Within one transaction, an order, its reservations and its manufacturing
/// orders read back as last written, however often they are read, and the
/// next transaction reads the same.
pub fn reads_follow_writes_within_a_transaction(store: Box<dyn Store>) {
    let store = &*store;
    let ids = |rs: Vec<Reservation>| rs.into_iter().map(|r| r.id).collect::<Vec<_>>();
    let mo_ids = |ms: Vec<ManufacturingOrder>| ms.into_iter().map(|m| m.id).collect::<Vec<_>>();
    let mut tx = write(store);
    assert_eq!(tx.order("SO-1").unwrap(), None);
    let mut so1 = order("SO-1", "etsy", Some("E-1"), OrderStatus::Placed);
    tx.put_order(so1.clone()).unwrap();
    assert_eq!(tx.order("SO-1").unwrap().as_ref(), Some(&so1));
    so1.notes = Some("gift wrap".into());
    so1.status = OrderStatus::MaterialsReserved;
    tx.put_order(so1.clone()).unwrap();
    assert_eq!(tx.order("SO-1").unwrap().as_ref(), Some(&so1));

    assert!(tx.reservations_of_order("SO-1").unwrap().is_empty());
    assert!(tx
        .reservations_for(&line_demand("SO-1", 1))
        .unwrap()
        .is_empty());
    tx.put_reservation(&reservation(5, "WAX", "W-1", "1", line_demand("SO-1", 1)))
        .unwrap();
    tx.put_reservation(&reservation(3, "WAX", "W-1", "2", line_demand("SO-1", 2)))
        .unwrap();
    tx.put_reservation(&reservation(4, "JAR", "J-1", "3", line_demand("SO-1", 1)))
        .unwrap();
    assert_eq!(ids(tx.reservations_of_order("SO-1").unwrap()), [3, 4, 5]);
    assert_eq!(
        ids(tx.reservations_for(&line_demand("SO-1", 1)).unwrap()),
        [4, 5]
    );
    assert_eq!(
        ids(tx.reservations_for(&line_demand("SO-1", 2)).unwrap()),
        [3]
    );
    // Replaced under another order, then released.
    tx.put_reservation(&reservation(5, "WAX", "W-1", "1.5", line_demand("SO-2", 1)))
        .unwrap();
    assert_eq!(ids(tx.reservations_of_order("SO-1").unwrap()), [3, 4]);
    assert_eq!(tx.reservations_of_order("SO-2").unwrap()[0].qty, dec("1.5"));
    tx.delete_reservation(4).unwrap();
    assert_eq!(
        ids(tx.reservations_for(&line_demand("SO-1", 1)).unwrap()),
        Vec::<u64>::new()
    );

    assert!(tx.mos_for_order("SO-1").unwrap().is_empty());
    tx.put_mo(mo("MO-1", MoStatus::MaterialsReserved, &["SO-1"]))
        .unwrap();
    assert_eq!(mo_ids(tx.mos_for_order("SO-1").unwrap()), ["MO-1"]);
    tx.put_mo(mo("MO-1", MoStatus::MaterialsReserved, &["SO-2"]))
        .unwrap();
    assert!(tx.mos_for_order("SO-1").unwrap().is_empty());
    assert_eq!(mo_ids(tx.mos_for_order("SO-2").unwrap()), ["MO-1"]);
    // Only the open ones take part in an order's status; a batch that
    // completes leaves them.
    for (id, status) in [
        ("MO-2", MoStatus::InProduction),
        ("MO-3", MoStatus::Completed),
        ("MO-4", MoStatus::AwaitingMaterials),
        ("MO-5", MoStatus::Cancelled),
    ] {
        tx.put_mo(mo(id, status, &["SO-2"])).unwrap();
    }
    tx.put_mo(mo("MO-4", MoStatus::Completed, &["SO-2"]))
        .unwrap();
    let all = ["MO-1", "MO-2", "MO-3", "MO-4", "MO-5"];
    assert_eq!(mo_ids(tx.mos_for_order("SO-2").unwrap()), all);
    assert_eq!(
        mo_ids(tx.open_mos_for_order("SO-2").unwrap()),
        ["MO-1", "MO-2"]
    );
    assert!(tx.open_mos_for_order("SO-1").unwrap().is_empty());
    // What they hold for the order's lines, one plan per allocation to it.
    let mut shared = mo("MO-6", MoStatus::MaterialsReserved, &["SO-2", "SO-3"]);
    shared.allocations[0].line = 2;
    shared.allocations[0].delivered = dec("1");
    tx.put_mo(shared).unwrap();
    let mut plans: Vec<String> = tx
        .open_plans_for_order("SO-2")
        .unwrap()
        .into_iter()
        .map(|p| format!("{} {} {} {}", p.status, p.line, p.qty, p.delivered))
        .collect();
    plans.sort();
    assert_eq!(
        plans,
        [
            "in_production 1 3 0",
            "materials_reserved 1 3 0",
            "materials_reserved 2 3 1"
        ]
    );
    assert_eq!(tx.open_plans_for_order("SO-3").unwrap().len(), 1);
    assert!(tx.open_plans_for_order("SO-1").unwrap().is_empty());
    // It moves to another order's line alone (out of this test's way).
    tx.put_mo(mo("MO-6", MoStatus::Cancelled, &["SO-3"]))
        .unwrap();
    assert!(tx.open_plans_for_order("SO-3").unwrap().is_empty());
    tx.commit().unwrap();

    let mut tx = read(store);
    assert_eq!(tx.order("SO-1").unwrap().as_ref(), Some(&so1));
    assert_eq!(ids(tx.reservations_of_order("SO-1").unwrap()), [3]);
    assert_eq!(ids(tx.reservations_of_order("SO-2").unwrap()), [5]);
    assert!(tx.mos_for_order("SO-1").unwrap().is_empty());
    assert_eq!(mo_ids(tx.mos_for_order("SO-2").unwrap()), all);
    assert_eq!(
        mo_ids(tx.open_mos_for_order("SO-2").unwrap()),
        ["MO-1", "MO-2"]
    );
}

/// Orders by id, status and (channel, external ref).
pub fn orders_by_status_and_external_ref(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    let mut so2 = order("SO-2", "etsy", Some("E-77"), OrderStatus::Placed);
    tx.put_order(so2.clone()).unwrap();
    tx.put_order(order("SO-1", "shopify", Some("E-77"), OrderStatus::Placed))
        .unwrap();
    tx.put_order(order("SO-3", "manual", None, OrderStatus::Shipped))
        .unwrap();
    tx.commit().unwrap();

    let mut tx = write(store);
    so2.status = OrderStatus::ReadyToShip;
    so2.confirmed_at = Some(t0() + Duration::hours(1));
    so2.lines[0].shipped = dec("1");
    tx.put_order(so2.clone()).unwrap();
    tx.commit().unwrap();

    let ids = |os: Vec<SalesOrder>| os.into_iter().map(|o| o.id).collect::<Vec<_>>();
    let mut tx = read(store);
    assert_eq!(tx.order("SO-2").unwrap(), Some(so2.clone()));
    assert_eq!(tx.order("SO-9").unwrap(), None);
    assert_eq!(tx.order_by_external("etsy", "E-77").unwrap(), Some(so2));
    let shopify = tx.order_by_external("shopify", "E-77").unwrap().unwrap();
    assert_eq!(shopify.id, "SO-1");
    assert_eq!(tx.order_by_external("etsy", "E-78").unwrap(), None);
    assert_eq!(tx.order_by_external("manual", "").unwrap(), None);
    assert_eq!(ids(tx.orders().unwrap()), ["SO-1", "SO-2", "SO-3"]);
    assert_eq!(
        ids(tx.orders_with_status(OrderStatus::Placed).unwrap()),
        ["SO-1"]
    );
    assert_eq!(
        ids(tx.orders_with_status(OrderStatus::ReadyToShip).unwrap()),
        ["SO-2"]
    );
    assert!(tx
        .orders_with_status(OrderStatus::Cancelled)
        .unwrap()
        .is_empty());
    drop(tx);

    // Rewritten under other lookup columns, an order is found by its new
    // ones only: a backend may skip rewriting lookups that did not change,
    // never ones that did.
    let mut tx = write(store);
    let mut so1 = order("SO-1", "etsy", Some("E-90"), OrderStatus::InProduction);
    so1.placed_at = t0() + Duration::hours(2);
    tx.put_order(so1.clone()).unwrap();
    let so3 = order("SO-3", "manual", Some("M-1"), OrderStatus::Shipped);
    tx.put_order(so3.clone()).unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(tx.order_by_external("shopify", "E-77").unwrap(), None);
    assert_eq!(
        tx.order_by_external("etsy", "E-90").unwrap(),
        Some(so1.clone())
    );
    assert_eq!(tx.order_by_external("manual", "M-1").unwrap(), Some(so3));
    assert_eq!(tx.order("SO-1").unwrap(), Some(so1));
    assert!(tx
        .orders_with_status(OrderStatus::Placed)
        .unwrap()
        .is_empty());
    assert_eq!(
        ids(tx.orders_with_status(OrderStatus::InProduction).unwrap()),
        ["SO-1"]
    );
}

/// Manufacturing orders by id, status and the orders they serve.
pub fn mos_by_status_and_order(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    tx.put_mo(mo("MO-2", MoStatus::AwaitingMaterials, &["SO-1", "SO-2"]))
        .unwrap();
    tx.put_mo(mo("MO-1", MoStatus::InProduction, &["SO-1"]))
        .unwrap();
    tx.put_mo(mo("MO-3", MoStatus::AwaitingMaterials, &[]))
        .unwrap();
    tx.commit().unwrap();
    // Re-allocating drops MO-2 from SO-1's list.
    let mut tx = write(store);
    let moved = mo("MO-2", MoStatus::MaterialsReserved, &["SO-2"]);
    tx.put_mo(moved.clone()).unwrap();
    tx.commit().unwrap();

    let ids = |ms: Vec<ManufacturingOrder>| ms.into_iter().map(|m| m.id).collect::<Vec<_>>();
    let mut tx = read(store);
    assert_eq!(tx.mo("MO-2").unwrap(), Some(moved));
    assert_eq!(tx.mo("MO-9").unwrap(), None);
    assert_eq!(ids(tx.mos().unwrap()), ["MO-1", "MO-2", "MO-3"]);
    assert_eq!(
        ids(tx.mos_with_status(MoStatus::AwaitingMaterials).unwrap()),
        ["MO-3"]
    );
    assert_eq!(
        ids(tx.mos_with_status(MoStatus::MaterialsReserved).unwrap()),
        ["MO-2"]
    );
    assert_eq!(ids(tx.mos_for_order("SO-1").unwrap()), ["MO-1"]);
    assert_eq!(ids(tx.mos_for_order("SO-2").unwrap()), ["MO-2"]);
    assert!(tx.mos_for_order("SO-3").unwrap().is_empty());
    assert_eq!(
        ids(tx.mos_with_free_output("CANDLE").unwrap()),
        ["MO-1", "MO-2", "MO-3"]
    );
    assert!(tx.mos_with_free_output("SOAP").unwrap().is_empty());
    drop(tx);

    // A finished batch, a batch whose output is all allocated, or one of
    // another product, has no free output for CANDLE.
    let mut tx = write(store);
    tx.put_mo(mo("MO-1", MoStatus::Completed, &["SO-1"]))
        .unwrap();
    let mut soap = mo("MO-4", MoStatus::AwaitingMaterials, &[]);
    soap.product = "SOAP".into();
    tx.put_mo(soap).unwrap();
    let full = mo(
        "MO-5",
        MoStatus::MaterialsReserved,
        &["SO-1", "SO-2", "SO-3", "SO-4"],
    );
    tx.put_mo(full).unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(
        ids(tx.mos_with_free_output("CANDLE").unwrap()),
        ["MO-2", "MO-3"]
    );
    assert_eq!(ids(tx.mos_with_free_output("SOAP").unwrap()), ["MO-4"]);
    drop(tx);

    // An order leaving the full batch frees output again; a rollback
    // leaves the list as it was.
    let mut tx = write(store);
    tx.put_mo(mo("MO-5", MoStatus::MaterialsReserved, &["SO-1"]))
        .unwrap();
    tx.put_mo(mo("MO-3", MoStatus::Cancelled, &[])).unwrap();
    assert_eq!(
        ids(tx.mos_with_free_output("CANDLE").unwrap()),
        ["MO-2", "MO-5"]
    );
    drop(tx);
    assert_eq!(
        ids(read(store).mos_with_free_output("CANDLE").unwrap()),
        ["MO-2", "MO-3"]
    );
    let mut tx = write(store);
    tx.put_mo(mo("MO-5", MoStatus::MaterialsReserved, &["SO-1"]))
        .unwrap();
    tx.commit().unwrap();
    assert_eq!(
        ids(read(store).mos_with_free_output("CANDLE").unwrap()),
        ["MO-2", "MO-3", "MO-5"]
    );
}
