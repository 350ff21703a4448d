//! Store-level conformance of stock: lots by code and item, movements and
//! the balances they book, what internal locations hold, and codes of any
//! length.

use rust_decimal::Decimal;

use super::{balance, dec, location, lot, movement, read, write};
use crate::domain::location::LocationKind;
use crate::domain::lot::{Lot, LotOrigin};
use crate::store::Store;

/// Lots by code, and by item in code order.
pub fn lots_round_trip_and_filter_by_item(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    tx.put_lot(&lot("W-2", "WAX", Some((2027, 1, 1)))).unwrap();
    tx.put_lot(&lot("W-1", "WAX", None)).unwrap();
    tx.put_lot(&lot("J-1", "JAR", Some((2026, 12, 31))))
        .unwrap();
    let mut moved = lot("W-1", "WAX", Some((2026, 6, 30)));
    moved.origin = LotOrigin::Production {
        mo: "MO-000001".into(),
    };
    tx.put_lot(&moved).unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(tx.lot("W-1").unwrap(), Some(moved));
    assert_eq!(tx.lot("W-9").unwrap(), None);
    let codes = |lots: Vec<Lot>| lots.into_iter().map(|l| l.code).collect::<Vec<_>>();
    assert_eq!(codes(tx.lots_of_item("WAX").unwrap()), ["W-1", "W-2"]);
    assert_eq!(
        codes(tx.lots_of_item("NONE").unwrap()),
        Vec::<String>::new()
    );
    assert_eq!(codes(tx.lots().unwrap()), ["J-1", "W-1", "W-2"]);
}

/// Codes of any length are found and listed in byte order, also where a
/// backend keeps short keys one way and long ones another (the memory
/// store keeps keys of up to 24 bytes inline): a long code sorts before a
/// short one it is less than, and codes either side of 24 bytes that share
/// a prefix keep their order.
pub fn long_codes_sort_like_short_ones(store: Box<dyn Store>) {
    let store = &*store;
    let sku = "WAX-SOY-CONTAINER-BLEND-464-FLAKES";
    let codes = [
        "W-B",
        "W-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "W-2026-03-02-SUPPLIER-LOT",
        "W-2026-03-02-SUPPLIER-LO",
        "W-2026-03-02-SUPPLIER-L",
    ];
    let shelf = "SHELF-BY-THE-BACK-DOOR-ROW-3";
    let mut tx = write(store);
    for (seq, code) in (1..).zip(codes) {
        tx.put_lot(&lot(code, sku, None)).unwrap();
        tx.append_movement(movement(seq, sku, code, "5", "SUPPLIER", shelf))
            .unwrap();
    }
    tx.commit().unwrap();
    let mut sorted = codes.to_vec();
    sorted.sort_unstable();
    let mut tx = read(store);
    let listed: Vec<String> = tx
        .lots_of_item(sku)
        .unwrap()
        .into_iter()
        .map(|l| l.code)
        .collect();
    assert_eq!(listed, sorted);
    let at_shelf: Vec<String> = tx
        .balances_of_item(sku)
        .unwrap()
        .into_iter()
        .filter(|b| b.location == shelf)
        .map(|b| b.lot)
        .collect();
    assert_eq!(at_shelf, sorted);
    for code in codes {
        assert_eq!(tx.lot(code).unwrap().map(|l| l.code).as_deref(), Some(code));
        assert_eq!(tx.balance(sku, code, shelf).unwrap(), dec("5"));
        assert_eq!(tx.balances_of_lot(code).unwrap().len(), 2, "{code}");
    }
    assert_eq!(tx.lot("W-2026-03-02-SUPPLIER-LOTS").unwrap(), None);
}

/// `append_movement` books both sides; zero balances disappear.
pub fn movements_update_balances(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    tx.append_movement(movement(1, "WAX", "W-1", "1000", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(movement(2, "WAX", "W-1", "400", "MAIN", "PRODUCTION"))
        .unwrap();
    tx.append_movement(movement(3, "JAR", "J-1", "12", "SUPPLIER", "MAIN"))
        .unwrap();
    // Reads inside the transaction see its own writes.
    assert_eq!(tx.balance("WAX", "W-1", "MAIN").unwrap(), dec("600"));
    tx.commit().unwrap();

    let mut tx = write(store);
    tx.append_movement(movement(4, "JAR", "J-1", "12", "MAIN", "CUSTOMER"))
        .unwrap();
    tx.commit().unwrap();

    let mut tx = read(store);
    let seqs: Vec<_> = tx.movements().unwrap().into_iter().map(|m| m.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4]);
    assert_eq!(
        tx.movements().unwrap()[1],
        movement(2, "WAX", "W-1", "400", "MAIN", "PRODUCTION")
    );
    assert_eq!(tx.balance("WAX", "W-1", "MAIN").unwrap(), dec("600"));
    assert_eq!(tx.balance("WAX", "W-1", "SUPPLIER").unwrap(), dec("-1000"));
    assert_eq!(tx.balance("JAR", "J-1", "MAIN").unwrap(), Decimal::ZERO);
    assert_eq!(tx.balance("NONE", "X", "MAIN").unwrap(), Decimal::ZERO);
    let b = balance;
    let jar = vec![
        b("JAR", "J-1", "CUSTOMER", "12"),
        b("JAR", "J-1", "SUPPLIER", "-12"),
    ];
    let wax = vec![
        b("WAX", "W-1", "MAIN", "600"),
        b("WAX", "W-1", "PRODUCTION", "400"),
        b("WAX", "W-1", "SUPPLIER", "-1000"),
    ];
    assert_eq!(tx.balances_of_item("JAR").unwrap(), jar);
    assert_eq!(tx.balances_of_lot("W-1").unwrap(), wax);
    assert_eq!(tx.balances().unwrap(), [jar, wax].concat());
}

/// `stock_of_item` is exactly the item's non-zero balances at internal
/// locations, as movements come and go (and roll back).
pub fn stock_of_item_is_what_internal_locations_hold(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    tx.put_location(&location("SUPPLIER", LocationKind::Supplier))
        .unwrap();
    tx.put_location(&location("CUSTOMER", LocationKind::Customer))
        .unwrap();
    tx.put_location(&location("MAIN", LocationKind::Internal))
        .unwrap();
    tx.put_location(&location("SHOP", LocationKind::Internal))
        .unwrap();
    tx.put_location(&location("QC", LocationKind::Quarantine))
        .unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(
        tx.location_kind("QC").unwrap(),
        Some(LocationKind::Quarantine)
    );
    assert_eq!(
        tx.location_kind("CUSTOMER").unwrap(),
        Some(LocationKind::Customer)
    );
    assert_eq!(tx.location_kind("ATTIC").unwrap(), None);
    drop(tx);

    let mut tx = write(store);
    tx.append_movement(movement(1, "WAX", "W-1", "1000", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(movement(2, "WAX", "W-2", "50", "SUPPLIER", "SHOP"))
        .unwrap();
    tx.append_movement(movement(3, "WAX", "W-2", "5", "SHOP", "QC"))
        .unwrap();
    tx.append_movement(movement(4, "JAR", "J-1", "12", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.commit().unwrap();

    let b = |lot: &str, loc: &str, qty: &str| balance("WAX", lot, loc, qty);
    let mut tx = read(store);
    assert_eq!(
        tx.stock_of_item("WAX").unwrap(),
        [b("W-1", "MAIN", "1000"), b("W-2", "SHOP", "45")]
    );
    drop(tx);

    // All of W-1 leaves: it is no longer in stock. Rolled back, it is again.
    let mut tx = write(store);
    tx.append_movement(movement(5, "WAX", "W-1", "1000", "MAIN", "CUSTOMER"))
        .unwrap();
    assert_eq!(tx.stock_of_item("WAX").unwrap(), [b("W-2", "SHOP", "45")]);
    drop(tx);
    let mut tx = read(store);
    assert_eq!(tx.stock_of_item("WAX").unwrap().len(), 2);
    assert!(tx.stock_of_item("NONE").unwrap().is_empty());
    drop(tx);

    let mut tx = write(store);
    tx.append_movement(movement(5, "WAX", "W-1", "1000", "MAIN", "CUSTOMER"))
        .unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(tx.stock_of_item("WAX").unwrap(), [b("W-2", "SHOP", "45")]);
}

/// `held_stock_of_item` is exactly the item's non-zero balances at the
/// locations that hold stock (internal, quarantine, transit), by lot then
/// location, as stock moves between them and out (and rolls back); what
/// was shipped or consumed is not among them.
pub fn held_stock_is_what_stock_locations_hold(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    for (code, kind) in [
        ("SUPPLIER", LocationKind::Supplier),
        ("CUSTOMER", LocationKind::Customer),
        ("PRODUCTION", LocationKind::Production),
        ("MAIN", LocationKind::Internal),
        ("QC", LocationKind::Quarantine),
        ("TRUCK", LocationKind::Transit),
    ] {
        tx.put_location(&location(code, kind)).unwrap();
    }
    tx.commit().unwrap();

    let mut tx = write(store);
    let moves = [
        ("W-3", "1000", "SUPPLIER", "MAIN"),
        ("W-1", "50", "SUPPLIER", "MAIN"),
        ("W-1", "5", "MAIN", "QC"),
        ("W-1", "10", "MAIN", "TRUCK"),
        ("W-2", "7", "SUPPLIER", "QC"),
        ("W-3", "400", "MAIN", "PRODUCTION"),
        ("W-3", "600", "MAIN", "CUSTOMER"),
    ];
    for (seq, (lot, qty, from, to)) in (1..).zip(moves) {
        tx.append_movement(movement(seq, "WAX", lot, qty, from, to))
            .unwrap();
    }
    tx.append_movement(movement(8, "JAR", "J-1", "12", "SUPPLIER", "QC"))
        .unwrap();
    tx.commit().unwrap();

    let b = |lot: &str, loc: &str, qty: &str| balance("WAX", lot, loc, qty);
    let held = [
        b("W-1", "MAIN", "35"),
        b("W-1", "QC", "5"),
        b("W-1", "TRUCK", "10"),
        b("W-2", "QC", "7"),
    ];
    let mut tx = read(store);
    assert_eq!(tx.held_stock_of_item("WAX").unwrap(), held);
    // W-3 left for good: it is among the balances, not the held stock.
    assert!(tx
        .balances_of_item("WAX")
        .unwrap()
        .iter()
        .any(|r| r.lot == "W-3"));
    assert!(tx.held_stock_of_item("NONE").unwrap().is_empty());
    let jar = tx.held_stock_of_item("JAR").unwrap();
    assert_eq!((jar.len(), jar[0].location.as_str()), (1, "QC"));
    drop(tx);

    // Quarantined stock released, the truck unloaded, the rest shipped:
    // read inside the transaction, rolled back, then committed.
    let settle = |tx: &mut Box<dyn crate::store::Tx + '_>| {
        let moves = [
            ("W-1", "5", "QC", "MAIN"),
            ("W-1", "10", "TRUCK", "MAIN"),
            ("W-2", "7", "QC", "CUSTOMER"),
        ];
        for (seq, (lot, qty, from, to)) in (9..).zip(moves) {
            tx.append_movement(movement(seq, "WAX", lot, qty, from, to))
                .unwrap();
        }
    };
    let mut tx = write(store);
    settle(&mut tx);
    assert_eq!(
        tx.held_stock_of_item("WAX").unwrap(),
        [b("W-1", "MAIN", "50")]
    );
    drop(tx);
    let mut tx = read(store);
    assert_eq!(tx.held_stock_of_item("WAX").unwrap(), held);
    drop(tx);
    let mut tx = write(store);
    settle(&mut tx);
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(
        tx.held_stock_of_item("WAX").unwrap(),
        [b("W-1", "MAIN", "50")]
    );
    assert_eq!(tx.stock_of_item("WAX").unwrap(), [b("W-1", "MAIN", "50")]);
}
