//! Stock with something free: per lot and location in stock, what is on
//! hand beyond what is reserved, as movements and reservations come, go,
//! replace each other and roll back.

use super::{balance, line_demand, location, movement, read, reservation, write};
use crate::domain::ledger::Balance;
use crate::domain::location::{Location, LocationKind};
use crate::domain::reservation::{Demand, Reservation};
use crate::store::{Store, Tx};

fn free(tx: &mut dyn Tx, sku: &str) -> Vec<String> {
    tx.free_stock_of_item(sku)
        .unwrap()
        .into_iter()
        .map(|b: Balance| format!("{} {} {}", b.lot, b.location, b.qty))
        .collect()
}

fn at(location: &str, mut r: Reservation) -> Reservation {
    r.location = location.into();
    r
}

/// `free_stock_of_item` is on hand at internal locations less what is
/// reserved there, listing only what is above zero, exactly.
pub fn free_stock_is_on_hand_less_reserved(store: Box<dyn Store>) {
    let store = &*store;
    let mo = Demand::MoInput { mo: "MO-1".into() };
    let mut tx = write(store);
    for (code, kind) in [
        ("SUPPLIER", LocationKind::Supplier),
        ("CUSTOMER", LocationKind::Customer),
        ("MAIN", LocationKind::Internal),
        ("SHOP", LocationKind::Internal),
        ("QC", LocationKind::Quarantine),
    ] {
        tx.put_location(&location(code, kind)).unwrap();
    }
    tx.append_movement(movement(1, "WAX", "W-1", "1000", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(movement(2, "WAX", "W-2", "50", "SUPPLIER", "SHOP"))
        .unwrap();
    tx.append_movement(movement(3, "WAX", "W-2", "5", "SHOP", "QC"))
        .unwrap();
    tx.append_movement(movement(4, "WAX", "W-3", "10", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(movement(5, "JAR", "J-1", "12", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.put_reservation(&reservation(1, "WAX", "W-1", "400", mo.clone()))
        .unwrap();
    // W-3 is all reserved: it is in stock, but nothing of it is free.
    tx.put_reservation(&reservation(2, "WAX", "W-3", "10", line_demand("SO-1", 1)))
        .unwrap();
    // Read inside the writing transaction, and after it.
    assert_eq!(free(&mut *tx, "WAX"), ["W-1 MAIN 600", "W-2 SHOP 45"]);
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(free(&mut *tx, "WAX"), ["W-1 MAIN 600", "W-2 SHOP 45"]);
    assert_eq!(free(&mut *tx, "JAR"), ["J-1 MAIN 12"]);
    assert!(free(&mut *tx, "NONE").is_empty());
    drop(tx);

    // Reserving the rest of W-2 and replacing W-1's reservation with one for
    // all of it leaves nothing free; rolled back, all is as it was.
    let mut tx = write(store);
    let rest = reservation(3, "WAX", "W-2", "45", line_demand("SO-2", 1));
    tx.put_reservation(&at("SHOP", rest)).unwrap();
    tx.put_reservation(&reservation(1, "WAX", "W-1", "1000", mo.clone()))
        .unwrap();
    assert!(free(&mut *tx, "WAX").is_empty());
    drop(tx);
    let mut tx = read(store);
    assert_eq!(free(&mut *tx, "WAX"), ["W-1 MAIN 600", "W-2 SHOP 45"]);
    drop(tx);

    // Releasing W-3 frees it; W-1 shipping its free 600 leaves it with
    // as much as is reserved; a new receipt is free at once.
    let mut tx = write(store);
    tx.delete_reservation(2).unwrap();
    tx.append_movement(movement(6, "WAX", "W-1", "600", "MAIN", "CUSTOMER"))
        .unwrap();
    tx.append_movement(movement(7, "WAX", "W-4", "2", "SUPPLIER", "MAIN"))
        .unwrap();
    assert_eq!(
        free(&mut *tx, "WAX"),
        ["W-2 SHOP 45", "W-3 MAIN 10", "W-4 MAIN 2"]
    );
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(
        free(&mut *tx, "WAX"),
        ["W-2 SHOP 45", "W-3 MAIN 10", "W-4 MAIN 2"]
    );
    drop(tx);

    // Less on hand than reserved is not free (nor below zero); a smaller
    // reservation, or stock coming back, makes the rest free. A sliver
    // beyond the reservation counts exactly, and stock at a location that
    // is not internal never does.
    let mut tx = write(store);
    tx.append_movement(movement(8, "WAX", "W-1", "50", "MAIN", "CUSTOMER"))
        .unwrap();
    assert_eq!(
        free(&mut *tx, "WAX"),
        ["W-2 SHOP 45", "W-3 MAIN 10", "W-4 MAIN 2"]
    );
    tx.put_reservation(&reservation(1, "WAX", "W-1", "300", mo.clone()))
        .unwrap();
    assert_eq!(
        free(&mut *tx, "WAX"),
        ["W-1 MAIN 50", "W-2 SHOP 45", "W-3 MAIN 10", "W-4 MAIN 2"]
    );
    tx.append_movement(movement(9, "WAX", "W-1", "75", "CUSTOMER", "MAIN"))
        .unwrap();
    tx.append_movement(movement(
        10,
        "WAX",
        "W-5",
        "1.0000000000000000001",
        "SUPPLIER",
        "MAIN",
    ))
    .unwrap();
    tx.put_reservation(&reservation(4, "WAX", "W-5", "1", line_demand("SO-3", 1)))
        .unwrap();
    let quarantined = reservation(5, "WAX", "W-2", "1", line_demand("SO-4", 1));
    tx.put_reservation(&at("QC", quarantined)).unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(
        free(&mut *tx, "WAX"),
        [
            "W-1 MAIN 125",
            "W-2 SHOP 45",
            "W-3 MAIN 10",
            "W-4 MAIN 2",
            "W-5 MAIN 0.0000000000000000001",
        ]
    );
    drop(tx);

    // Everything leaves stock, and nothing is free.
    let mut tx = write(store);
    for (seq, lot, location, qty) in [
        (11, "W-1", "MAIN", "425"),
        (12, "W-2", "SHOP", "45"),
        (13, "W-3", "MAIN", "10"),
        (14, "W-4", "MAIN", "2"),
        (15, "W-5", "MAIN", "1.0000000000000000001"),
    ] {
        tx.append_movement(movement(seq, "WAX", lot, qty, location, "CUSTOMER"))
            .unwrap();
    }
    tx.commit().unwrap();
    let mut tx = read(store);
    assert!(free(&mut *tx, "WAX").is_empty());
    assert_eq!(free(&mut *tx, "JAR"), ["J-1 MAIN 12"]);
}

/// `free_lots_of_item` is `free_stock_of_item` with each lot's expiry,
/// making and hold, leaving out rows whose lot has no record of this item;
/// a hold placed in the transaction shows at once.
pub fn free_lots_carry_what_reserving_weighs(store: Box<dyn Store>) {
    use super::{lot, t0};
    use crate::domain::lot::{HoldReason, LotHold};
    let store = &*store;
    let mut tx = write(store);
    for (code, kind) in [
        ("SUPPLIER", LocationKind::Supplier),
        ("MAIN", LocationKind::Internal),
        ("SHOP", LocationKind::Internal),
    ] {
        tx.put_location(&location(code, kind)).unwrap();
    }
    tx.put_lot(&lot("W-1", "WAX", Some((2027, 1, 31)))).unwrap();
    tx.put_lot(&lot("W-2", "WAX", None)).unwrap();
    // A lot code another item's record holds, and a lot with no record.
    tx.put_lot(&lot("W-3", "JAR", None)).unwrap();
    for (seq, code, to, qty) in [
        (1, "W-1", "MAIN", "10"),
        (2, "W-1", "SHOP", "4"),
        (3, "W-2", "MAIN", "7"),
        (4, "W-3", "MAIN", "5"),
        (5, "W-4", "MAIN", "6"),
    ] {
        tx.append_movement(movement(seq, "WAX", code, qty, "SUPPLIER", to))
            .unwrap();
    }
    tx.put_reservation(&reservation(1, "WAX", "W-1", "3", line_demand("SO-1", 1)))
        .unwrap();
    tx.commit().unwrap();

    let rows = |tx: &mut dyn Tx| -> Vec<String> {
        tx.free_lots_of_item("WAX")
            .unwrap()
            .into_iter()
            .map(|f| {
                let s = f.stock;
                let expiry = s.expiry.map_or("-".into(), |d| d.to_string());
                assert_eq!(s.created_at, t0());
                format!("{} {} {} {expiry} {}", s.lot, s.location, s.free, f.held)
            })
            .collect()
    };
    let mut tx = read(store);
    assert_eq!(
        rows(&mut *tx),
        [
            "W-1 MAIN 7 2027-01-31 false",
            "W-1 SHOP 4 2027-01-31 false",
            "W-2 MAIN 7 - false"
        ]
    );
    assert!(tx.free_lots_of_item("JAR").unwrap().is_empty());
    drop(tx);

    let mut tx = write(store);
    let mut held = lot("W-2", "WAX", None);
    held.hold = Some(LotHold {
        reason: HoldReason::QaHold,
        note: None,
        recall_of: None,
        since: t0(),
    });
    tx.put_lot(&held).unwrap();
    assert_eq!(
        rows(&mut *tx),
        [
            "W-1 MAIN 7 2027-01-31 false",
            "W-1 SHOP 4 2027-01-31 false",
            "W-2 MAIN 7 - true"
        ]
    );
}

/// What a database from before the free-stock index holds, for the
/// upgrade tests: locations, balances and reserved totals.
pub fn free_before_upgrade() -> (Vec<Location>, Vec<Balance>, Vec<Balance>) {
    let row = |lot: &str, location: &str, qty: &str| balance("WAX", lot, location, qty);
    let locations = vec![
        location("SUPPLIER", LocationKind::Supplier),
        location("CUSTOMER", LocationKind::Customer),
        location("MAIN", LocationKind::Internal),
        location("QC", LocationKind::Quarantine),
    ];
    let balances = vec![
        row("W-1", "MAIN", "10"),
        row("W-2", "MAIN", "5"),
        row("W-2", "CUSTOMER", "3"),
        row("W-3", "QC", "4"),
        row("W-4", "MAIN", "1.0000000000000000001"),
    ];
    let reserved = vec![
        row("W-1", "MAIN", "4"),
        row("W-2", "MAIN", "5"),
        row("W-4", "MAIN", "1"),
    ];
    (locations, balances, reserved)
}

/// After the upgrade, the stock of [`free_before_upgrade`] with something
/// free is listed, and the index follows the next movement.
pub fn check_free_after_upgrade(store: &dyn Store) {
    let mut tx = read(store);
    assert_eq!(
        free(&mut *tx, "WAX"),
        ["W-1 MAIN 6", "W-4 MAIN 0.0000000000000000001"]
    );
    drop(tx);
    let mut tx = write(store);
    tx.append_movement(movement(1, "WAX", "W-2", "1", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(movement(2, "WAX", "W-1", "6", "MAIN", "CUSTOMER"))
        .unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(
        free(&mut *tx, "WAX"),
        ["W-2 MAIN 1", "W-4 MAIN 0.0000000000000000001"]
    );
}
