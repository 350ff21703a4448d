//! Store-level conformance: every [`Tx`] method, round trips, listing
//! order, rollback and isolation of read transactions.

use rust_decimal::Decimal;

use super::{
    dec, dump, edge, event, item, location, movement, order, read, shipment, t0, write,
    write_one_of_everything,
};
use crate::domain::event::{Event, EventData};
use crate::domain::location::LocationKind;
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
            tx.append_event(e).unwrap();
        }
        tx.commit().unwrap();
    }
    let mut tx = write(store);
    let mut written = Vec::new();
    for (i, text) in tricky.iter().enumerate() {
        let mut o = order(&format!("SO-{i}"), text, Some(text), OrderStatus::Placed);
        o.notes = Some(text.to_string());
        o.customer.name = text.to_string();
        tx.put_order(o.clone()).unwrap();
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
    tx.put_location(&location("SUPPLIER", LocationKind::Supplier))
        .unwrap();
    tx.put_location(&location("MAIN", LocationKind::Internal))
        .unwrap();
    tx.put_location(&location("MAIN", LocationKind::Quarantine))
        .unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(
        tx.location("MAIN").unwrap(),
        Some(location("MAIN", LocationKind::Quarantine))
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

/// Decimals survive storage digit for digit, at full precision.
pub fn decimals_are_exact(store: Box<dyn Store>) {
    let store = &*store;
    let tiny = "0.0000000000000000000000000001";
    let big = "7922816251426433759354395033.5";
    let mut tx = write(store);
    tx.append_movement(movement(1, "OIL", "O-1", "0.1", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(movement(2, "OIL", "O-1", "0.2", "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(movement(3, "OIL", "O-2", tiny, "SUPPLIER", "MAIN"))
        .unwrap();
    tx.append_movement(movement(4, "OIL", "O-3", big, "SUPPLIER", "MAIN"))
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
        tx.append_event(event(seq, "order_placed")).unwrap();
    }
    let gap = tx.append_event(event(7, "gap")).unwrap_err();
    assert_eq!(gap.code(), "internal", "{gap}");
    let repeat = tx.append_event(event(5, "again")).unwrap_err();
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

/// A write transaction that rewrote and deleted committed records, then
/// was dropped, leaves every one as it was (the old values come back, not
/// only the new rows go); the next transaction commits as usual.
pub fn dropped_rewrites_leave_the_committed_values(store: Box<dyn Store>) {
    use super::{line_demand, lot, mo, reservation};
    use crate::domain::production::MoStatus;
    let store = &*store;
    let mut tx = write(store);
    write_one_of_everything(&mut *tx);
    tx.commit().unwrap();
    let committed = dump(&mut *read(store));

    let mut tx = write(store);
    tx.next_id("order").unwrap();
    tx.put_item(&item("WAX", Uom::Kg)).unwrap();
    tx.put_lot(&lot("WAX-R0001", "WAX", Some((2028, 6, 1))))
        .unwrap();
    // All of it leaves the shelf: its balance and index entries go, the
    // customer's come.
    tx.append_movement(movement(2, "WAX", "WAX-R0001", "500", "MAIN", "CUSTOMER"))
        .unwrap();
    tx.put_reservation(&reservation(
        1,
        "WAX",
        "WAX-R0001",
        "20",
        line_demand("SO-2", 1),
    ))
    .unwrap();
    tx.delete_reservation(1).unwrap();
    tx.put_order(order("SO-1", "etsy", Some("E1"), OrderStatus::Shipped))
        .unwrap();
    tx.put_mo(mo("MO-1", MoStatus::Completed, &["SO-2"]))
        .unwrap();
    tx.put_shipment(&shipment("SH-1", "SO-2", &["WAX-R0002"]))
        .unwrap();
    tx.put_trace_edge(&edge("WAX-R0001", "CANDLE-B2", "1"))
        .unwrap();
    let seq = tx.last_event_seq().unwrap() + 1;
    tx.append_event(event(seq, "y")).unwrap();
    tx.set_cursor("c", seq).unwrap();
    tx.put_doc("work_center", "POUR", &serde_json::json!({"minutes": 240}))
        .unwrap();
    tx.delete_doc("work_center", "POUR").unwrap();
    assert_ne!(dump(&mut *tx), committed, "the transaction sees its writes");
    drop(tx);
    assert_eq!(dump(&mut *read(store)), committed);

    let mut tx = write(store);
    tx.put_order(order("SO-1", "etsy", Some("E1"), OrderStatus::Shipped))
        .unwrap();
    tx.commit().unwrap();
    let shipped = read(store).order("SO-1").unwrap().map(|o| o.status);
    assert_eq!(shipped, Some(OrderStatus::Shipped));
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
            tx.put_order(order(&id, "etsy", Some(&ext), OrderStatus::Placed))
                .unwrap();
        }
        tx.put_doc(
            "note",
            &format!("{round}-{i}"),
            &json!({"i": i, "it's": "ü"}),
        )
        .unwrap();
        let seq = tx.last_event_seq().unwrap() + 1;
        tx.append_event(event(seq, &format!("SH-{round}-{i}")))
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
