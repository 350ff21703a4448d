//! Store-level conformance: every [`Tx`] method, round trips, listing
//! order, rollback and isolation of read transactions.

use rust_decimal::Decimal;

use super::{
    dec, dump, edge, event, item, lot, movement, order, read, shipment, t0, write,
    write_one_of_everything,
};
use crate::domain::event::{Event, EventData};
use crate::domain::ledger::Balance;
use crate::domain::location::{Location, LocationKind};
use crate::domain::lot::{Lot, LotOrigin};
use crate::domain::order::OrderStatus;
use crate::domain::quantity::Uom;
use crate::domain::recipe::{Recipe, RecipeLine};
use crate::domain::shipment::Shipment;
use crate::error::Error;
use crate::store::{Store, TxMode};

/// `next_id` counts from 1 per name; uncommitted increments vanish (memory,
/// SQLite) or are skipped (Postgres sequences).
pub fn counters_start_at_one_and_roll_back(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    assert_eq!(tx.next_id("order").unwrap(), 1);
    assert_eq!(tx.next_id("order").unwrap(), 2);
    assert_eq!(tx.next_id("mo").unwrap(), 1);
    tx.commit().unwrap();
    let mut tx = write(store);
    assert_eq!(tx.next_id("order").unwrap(), 3);
    drop(tx);
    let mut tx = write(store);
    // Postgres hands ids out from sequences so that concurrent commands
    // never wait for each other's: a rolled-back id is skipped, not reused.
    let next = if store.concurrent_writes() { 4 } else { 3 };
    assert_eq!(
        tx.next_id("order").unwrap(),
        next,
        "after a dropped increment"
    );
    assert_eq!(tx.next_id("mo").unwrap(), 2);
}

/// Events and orders keep any text exactly, whatever quoting the backend
/// needs, and events are numbered in the order they were appended, also
/// across commits.
pub fn events_and_orders_keep_any_text(store: Box<dyn Store>) {
    let store = &*store;
    let tricky = [
        "it's \"quoted\" 'twice''",
        "back\\slash \\' and $$dollar$$ and ; COMMIT; --",
        "{\"seq\":0,\"x\":1} \u{0001} tab\t newline\n é 東京 😀",
    ];
    for _ in 0..2 {
        let mut tx = write(store);
        // Inside the transaction the numbers are provisional (Postgres
        // numbers events once their command has committed) but consecutive.
        let first = tx.last_event_seq().unwrap() + 1;
        for (i, text) in (0..).zip(tricky) {
            let seq = tx.last_event_seq().unwrap() + 1;
            assert_eq!(seq, first + i);
            let mut e = event(seq, "note");
            e.subject = text.into();
            e.data = EventData::OrderNoteSet {
                note: Some(format!("{} {text}", i + 1)),
            };
            tx.append_event(&e).unwrap();
        }
        tx.commit().unwrap();
    }
    let mut tx = write(store);
    let mut written = Vec::new();
    for (i, text) in tricky.iter().enumerate() {
        let mut o = order(&format!("SO-{i}"), text, Some(text), OrderStatus::Placed);
        o.notes = Some(text.to_string());
        o.customer.name = text.to_string();
        tx.put_order(&o).unwrap();
        written.push(o);
    }
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(tx.orders().unwrap(), written);
    for o in &written {
        let by_ref = tx.order_by_external(&o.channel, o.external_ref.as_deref().unwrap());
        assert_eq!(by_ref.unwrap().as_ref(), Some(o));
    }
    drop(tx);
    // Concurrent commands read orders and stock in batches of statements.
    let mut tx = store.begin(TxMode::Concurrent).unwrap();
    for o in &written {
        let by_ref = tx.order_by_external(&o.channel, o.external_ref.as_deref().unwrap());
        assert_eq!(by_ref.unwrap().as_ref(), Some(o));
        assert_eq!(tx.order(&o.id).unwrap().as_ref(), Some(o));
        assert!(tx.reserved_of_item(&o.channel).unwrap().is_empty());
    }
    drop(tx);

    let events = read(store).events_after(0, usize::MAX).unwrap();
    assert_eq!(events.len(), 6);
    for (n, e) in (1..).zip(&events) {
        let text = tricky[((n - 1) % 3) as usize];
        assert_eq!(e.seq, n);
        assert_eq!(e.subject, text);
        assert_eq!(
            e.data,
            EventData::OrderNoteSet {
                note: Some(format!("{} {text}", (n - 1) % 3 + 1)),
            }
        );
    }
}

/// Items are stored whole, replaced by key and listed by SKU.
pub fn items_round_trip(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    assert_eq!(tx.item("WAX").unwrap(), None);
    let mut wax = item("WAX", Uom::Kg);
    tx.put_item(&item("JAR", Uom::Pcs)).unwrap();
    tx.put_item(&wax).unwrap();
    wax.reorder_point = Some(dec("1500.125"));
    wax.name = "Soy wax, 'natural' \"C3\"".into();
    tx.put_item(&wax).unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(tx.item("WAX").unwrap(), Some(wax.clone()));
    let skus: Vec<_> = tx.items().unwrap().into_iter().map(|i| i.sku).collect();
    assert_eq!(skus, ["JAR", "WAX"]);
}

/// `recipe` gives the newest version; every version stays readable.
pub fn recipes_keep_every_version(store: Box<dyn Store>) {
    let store = &*store;
    let recipe = |product: &str, version: u32, wax: &str| Recipe {
        product: product.into(),
        version,
        batch_size: Decimal::from(12),
        inputs: vec![RecipeLine {
            sku: "WAX".into(),
            qty: dec(wax),
            scrap_pct: dec("2.5"),
        }],
        yield_pct: Decimal::ONE_HUNDRED,
        operations: vec![],
        created_at: t0(),
    };
    let mut tx = write(store);
    for v in [1, 2, 10] {
        tx.put_recipe(&recipe("CANDLE", v, &format!("{v}00")))
            .unwrap();
    }
    tx.put_recipe(&recipe("BAR", 1, "50")).unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(tx.recipe("CANDLE").unwrap().unwrap().version, 10);
    assert_eq!(
        tx.recipe_version("CANDLE", 2).unwrap(),
        Some(recipe("CANDLE", 2, "200"))
    );
    assert_eq!(tx.recipe_version("CANDLE", 3).unwrap(), None);
    assert_eq!(tx.recipe("SOAP").unwrap(), None);
    let keys: Vec<_> = tx
        .recipes()
        .unwrap()
        .into_iter()
        .map(|r| (r.product, r.version))
        .collect();
    let expected = [("BAR", 1), ("CANDLE", 1), ("CANDLE", 2), ("CANDLE", 10)];
    assert_eq!(keys, expected.map(|(p, v)| (p.to_string(), v)));
}

/// Locations by code.
pub fn locations_round_trip(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    let loc = |code: &str, kind| Location {
        code: code.into(),
        name: format!("Loc {code}"),
        kind,
    };
    tx.put_location(&loc("SUPPLIER", LocationKind::Supplier))
        .unwrap();
    tx.put_location(&loc("MAIN", LocationKind::Internal))
        .unwrap();
    tx.put_location(&loc("MAIN", LocationKind::Quarantine))
        .unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(
        tx.location("MAIN").unwrap(),
        Some(loc("MAIN", LocationKind::Quarantine))
    );
    assert_eq!(tx.location("NOPE").unwrap(), None);
    let codes: Vec<_> = tx
        .locations()
        .unwrap()
        .into_iter()
        .map(|l| l.code)
        .collect();
    assert_eq!(codes, ["MAIN", "SUPPLIER"]);
}

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
        tx.append_movement(&movement(seq, sku, code, "5", "SUPPLIER", shelf))
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
    tx.append_movement(&movement(1, "WAX", "W-1", "1000", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(&movement(2, "WAX", "W-1", "400", "MAIN", "PRODUCTION"))
        .unwrap();
    tx.append_movement(&movement(3, "JAR", "J-1", "12", "SUPPLIER", "MAIN"))
        .unwrap();
    // Reads inside the transaction see its own writes.
    assert_eq!(tx.balance("WAX", "W-1", "MAIN").unwrap(), dec("600"));
    tx.commit().unwrap();

    let mut tx = write(store);
    tx.append_movement(&movement(4, "JAR", "J-1", "12", "MAIN", "CUSTOMER"))
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
    let b = |sku: &str, lot: &str, loc: &str, qty: &str| Balance {
        sku: sku.into(),
        lot: lot.into(),
        location: loc.into(),
        qty: dec(qty),
    };
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
    let loc = |code: &str, kind| Location {
        code: code.into(),
        name: format!("Loc {code}"),
        kind,
    };
    let mut tx = write(store);
    tx.put_location(&loc("SUPPLIER", LocationKind::Supplier))
        .unwrap();
    tx.put_location(&loc("CUSTOMER", LocationKind::Customer))
        .unwrap();
    tx.put_location(&loc("MAIN", LocationKind::Internal))
        .unwrap();
    tx.put_location(&loc("SHOP", LocationKind::Internal))
        .unwrap();
    tx.put_location(&loc("QC", LocationKind::Quarantine))
        .unwrap();
    tx.commit().unwrap();

    let mut tx = write(store);
    tx.append_movement(&movement(1, "WAX", "W-1", "1000", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(&movement(2, "WAX", "W-2", "50", "SUPPLIER", "SHOP"))
        .unwrap();
    tx.append_movement(&movement(3, "WAX", "W-2", "5", "SHOP", "QC"))
        .unwrap();
    tx.append_movement(&movement(4, "JAR", "J-1", "12", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.commit().unwrap();

    let b = |lot: &str, loc: &str, qty: &str| Balance {
        sku: "WAX".into(),
        lot: lot.into(),
        location: loc.into(),
        qty: dec(qty),
    };
    let mut tx = read(store);
    assert_eq!(
        tx.stock_of_item("WAX").unwrap(),
        [b("W-1", "MAIN", "1000"), b("W-2", "SHOP", "45")]
    );
    drop(tx);

    // All of W-1 leaves: it is no longer in stock. Rolled back, it is again.
    let mut tx = write(store);
    tx.append_movement(&movement(5, "WAX", "W-1", "1000", "MAIN", "CUSTOMER"))
        .unwrap();
    assert_eq!(tx.stock_of_item("WAX").unwrap(), [b("W-2", "SHOP", "45")]);
    drop(tx);
    let mut tx = read(store);
    assert_eq!(tx.stock_of_item("WAX").unwrap().len(), 2);
    assert!(tx.stock_of_item("NONE").unwrap().is_empty());
    drop(tx);

    let mut tx = write(store);
    tx.append_movement(&movement(5, "WAX", "W-1", "1000", "MAIN", "CUSTOMER"))
        .unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(tx.stock_of_item("WAX").unwrap(), [b("W-2", "SHOP", "45")]);
}

/// Decimals survive storage digit for digit, at full precision.
pub fn decimals_are_exact(store: Box<dyn Store>) {
    let store = &*store;
    let tiny = "0.0000000000000000000000000001";
    let big = "7922816251426433759354395033.5";
    let mut tx = write(store);
    tx.append_movement(&movement(1, "OIL", "O-1", "0.1", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(&movement(2, "OIL", "O-1", "0.2", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(&movement(3, "OIL", "O-2", tiny, "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(&movement(4, "OIL", "O-3", big, "SUPPLIER", "MAIN"))
        .unwrap();
    let mut rich = item("OIL", Uom::Ml);
    rich.reorder_qty = Some(dec("1.50"));
    tx.put_item(&rich).unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    let main = tx.balance("OIL", "O-1", "MAIN").unwrap();
    assert_eq!(main.to_string(), "0.3");
    assert_eq!(tx.balance("OIL", "O-2", "MAIN").unwrap().to_string(), tiny);
    assert_eq!(tx.balance("OIL", "O-3", "MAIN").unwrap().to_string(), big);
    assert_eq!(tx.movements().unwrap()[3].qty.to_string(), big);
    let stored = tx.item("OIL").unwrap().unwrap().reorder_qty.unwrap();
    assert_eq!(stored.to_string(), "1.50", "scale is kept");
}

/// Shipments by id, order and lot.
pub fn shipments_by_order_and_lot(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    tx.put_shipment(&shipment("SH-2", "SO-1", &["L-1", "L-2"]))
        .unwrap();
    tx.put_shipment(&shipment("SH-1", "SO-1", &["L-2"]))
        .unwrap();
    tx.put_shipment(&shipment("SH-3", "SO-2", &["L-3"]))
        .unwrap();
    tx.commit().unwrap();
    let ids = |ss: Vec<Shipment>| ss.into_iter().map(|s| s.id).collect::<Vec<_>>();
    let mut tx = read(store);
    assert_eq!(ids(tx.shipments().unwrap()), ["SH-1", "SH-2", "SH-3"]);
    assert_eq!(
        ids(tx.shipments_of_order("SO-1").unwrap()),
        ["SH-1", "SH-2"]
    );
    assert_eq!(ids(tx.shipments_of_lot("L-2").unwrap()), ["SH-1", "SH-2"]);
    assert_eq!(ids(tx.shipments_of_lot("L-3").unwrap()), ["SH-3"]);
    assert!(tx.shipments_of_lot("L-9").unwrap().is_empty());
    assert_eq!(
        tx.shipments_of_order("SO-2").unwrap(),
        [shipment("SH-3", "SO-2", &["L-3"])]
    );
}

/// Trace edges in insertion order, followed either way.
pub fn trace_edges_both_ways(store: Box<dyn Store>) {
    let store = &*store;
    let edges = [
        edge("WAX-1", "CANDLE-1", "2400"),
        edge("JAR-1", "CANDLE-1", "12"),
        edge("WAX-1", "CANDLE-2", "100.5"),
        edge("WAX-1", "CANDLE-2", "100.5"),
    ];
    let mut tx = write(store);
    for e in &edges {
        tx.put_trace_edge(e).unwrap();
    }
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(tx.trace_edges().unwrap(), edges);
    assert_eq!(
        tx.edges_from("WAX-1").unwrap(),
        [edges[0].clone(), edges[2].clone(), edges[3].clone()]
    );
    assert_eq!(
        tx.edges_to("CANDLE-1").unwrap(),
        [edges[0].clone(), edges[1].clone()]
    );
    assert!(tx.edges_to("WAX-1").unwrap().is_empty());
}

/// Events append at last + 1 only and page in order.
pub fn events_are_sequenced(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    assert_eq!(tx.last_event_seq().unwrap(), 0);
    for seq in 1..=5 {
        tx.append_event(&event(seq, "order_placed")).unwrap();
    }
    let gap = tx.append_event(&event(7, "gap")).unwrap_err();
    assert_eq!(gap.code(), "internal", "{gap}");
    let repeat = tx.append_event(&event(5, "again")).unwrap_err();
    assert_eq!(repeat.code(), "internal", "{repeat}");
    assert_eq!(tx.last_event_seq().unwrap(), 5);
    tx.commit().unwrap();
    let mut tx = read(store);
    let seqs = |es: Vec<Event>| es.into_iter().map(|e| e.seq).collect::<Vec<_>>();
    assert_eq!(
        seqs(tx.events_after(0, usize::MAX).unwrap()),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(seqs(tx.events_after(2, 2).unwrap()), [3, 4]);
    assert_eq!(seqs(tx.events_after(4, 10).unwrap()), [5]);
    assert!(tx.events_after(5, 10).unwrap().is_empty());
    assert!(tx.events_after(99, 10).unwrap().is_empty());
    assert!(tx.events_after(0, 0).unwrap().is_empty());
    assert_eq!(tx.events_after(2, 1).unwrap(), [event(3, "order_placed")]);
}

/// Consumer cursors start at 0.
pub fn cursors_round_trip(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    assert_eq!(tx.cursor("mailer").unwrap(), 0);
    tx.set_cursor("mailer", 3).unwrap();
    tx.set_cursor("mailer", 4).unwrap();
    tx.set_cursor("erp", 1).unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(tx.cursor("mailer").unwrap(), 4);
    assert_eq!(tx.cursor("erp").unwrap(), 1);
    assert_eq!(tx.cursor("other").unwrap(), 0);
}

/// A write transaction dropped without commit leaves no trace.
pub fn dropped_write_transaction_leaves_nothing(store: Box<dyn Store>) {
    let store = &*store;
    let before = dump(&mut *read(store));
    let mut tx = write(store);
    write_one_of_everything(&mut *tx);
    assert_ne!(dump(&mut *tx), before, "the transaction sees its writes");
    drop(tx);
    assert_eq!(dump(&mut *read(store)), before);
    let mut tx = write(store);
    // Skipped, not reused, where ids come from sequences (Postgres).
    let next = if store.concurrent_writes() { 2 } else { 1 };
    assert_eq!(tx.next_id("order").unwrap(), next);
}

/// What one transaction commits, the next one sees whole.
pub fn committed_writes_are_visible_to_new_transactions(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    write_one_of_everything(&mut *tx);
    let inside = dump(&mut *tx);
    tx.commit().unwrap();
    assert_eq!(dump(&mut *read(store)), inside);
    assert_eq!(dump(&mut *write(store)), inside);
}

/// A read transaction cannot write.
pub fn read_transaction_refuses_writes(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = read(store);
    let err = tx.put_item(&item("WAX", Uom::G)).unwrap_err();
    assert!(
        matches!(err, Error::Internal { .. } | Error::Storage { .. }),
        "{err}"
    );
    drop(tx);
    assert_eq!(read(store).item("WAX").unwrap(), None);
}

/// The writes of one transaction: reservations, orders, records stored and
/// deleted, events; `round` tells the rounds' rows apart.
fn write_a_batch(tx: &mut dyn crate::store::Tx, round: u64, rows: u64) {
    use serde_json::json;
    for i in 0..rows {
        let id = round * 100 + i + 1;
        tx.put_reservation(&super::reservation(
            id,
            "WAX",
            &format!("WAX-R{round}"),
            "1.5",
            super::line_demand(&format!("SO-{round}-{}", i % 3), 1),
        ))
        .unwrap();
        if i % 3 == 0 {
            let id = format!("SO-{round}-{i}");
            let ext = format!("E{round}-{i}");
            tx.put_order(&order(&id, "etsy", Some(&ext), OrderStatus::Placed))
                .unwrap();
        }
        tx.put_doc(
            "note",
            &format!("{round}-{i}"),
            &json!({"i": i, "it's": "ü"}),
        )
        .unwrap();
        let seq = tx.last_event_seq().unwrap() + 1;
        tx.append_event(&event(seq, &format!("SH-{round}-{i}")))
            .unwrap();
    }
    if round > 1 {
        tx.delete_doc("note", &format!("{}-0", round - 1)).unwrap();
    }
}

/// What one transaction holds back until it commits (reservations,
/// orders, records, events) lands whole, whether it is a few rows or many:
/// the store ends as the memory store does after the same writes.
pub fn held_back_writes_land_whole(store: Box<dyn Store>) {
    let store = &*store;
    let memory = crate::store::memory::MemoryStore::new();
    for (round, rows) in [(1, 2), (2, 4), (3, 15), (4, 1)] {
        for s in [store, &memory as &dyn Store] {
            let mut tx = write(s);
            write_a_batch(&mut *tx, round, rows);
            tx.commit().unwrap();
        }
        let expected = dump(&mut *read(&memory));
        assert_eq!(dump(&mut *read(store)), expected, "after round {round}");
    }
}
