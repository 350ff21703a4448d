//! The catalog one store keeps between transactions follows what other
//! processes define: two stores on one schema stand for two processes.

use super::TempSchema;
use crate::domain::catalog::{ItemKind, NewItem};
use crate::domain::location::LocationKind;
use crate::domain::quantity::Uom;
use crate::Lotwise;

#[test]
fn what_another_process_defines_is_seen_at_once() {
    let Some(temp) = TempSchema::new() else {
        return;
    };
    let here = Lotwise::open(&temp.url("lock_timeout_ms=5000")).unwrap();
    let there = Lotwise::open(&temp.url("lock_timeout_ms=5000")).unwrap();

    // `here` reads (and keeps) that SOAP is unknown and which locations exist.
    assert_eq!(here.item("SOAP").unwrap_err().code(), "unknown_sku");
    let before: Vec<String> = here
        .locations()
        .unwrap()
        .into_iter()
        .map(|l| l.code)
        .collect();
    assert!(!before.contains(&"SHELF".to_string()));

    there
        .define_item(NewItem::new("SOAP", "Soap", ItemKind::Product, Uom::Pcs))
        .unwrap();
    there
        .define_location("SHELF", "Back shelf", LocationKind::Internal)
        .unwrap();

    assert_eq!(here.item("SOAP").unwrap().name, "Soap");
    let after: Vec<String> = here
        .locations()
        .unwrap()
        .into_iter()
        .map(|l| l.code)
        .collect();
    assert!(after.contains(&"SHELF".to_string()), "{after:?}");
    // And a command, not only a query, sees it.
    let err = here
        .define_item(NewItem::new("SOAP", "Soap", ItemKind::Product, Uom::Pcs))
        .unwrap_err();
    assert_eq!(err.code(), "duplicate_sku", "{err}");
}

/// A concurrent command (placing an order) starts from the catalog this
/// store last read, before it has asked the database anything; when the
/// catalog has changed since, it must not act on the old one.
#[test]
fn a_concurrent_command_does_not_act_on_a_catalog_that_changed() {
    let Some(temp) = TempSchema::new() else {
        return;
    };
    let here = Lotwise::open(&temp.url("lock_timeout_ms=5000")).unwrap();
    let there = Lotwise::open(&temp.url("lock_timeout_ms=5000")).unwrap();
    // `here` keeps that SOAP is unknown.
    assert_eq!(here.item("SOAP").unwrap_err().code(), "unknown_sku");
    there
        .define_item(NewItem::new("SOAP", "Soap", ItemKind::Product, Uom::Pcs))
        .unwrap();
    let mut order = crate::store::conformance::candle_order("C-1", "2 pcs");
    order.lines[0].sku = "SOAP".into();
    let placed = here.place_order(order).unwrap();
    assert_eq!(placed.order.lines[0].sku, "SOAP");
    assert_eq!(placed.order.id, "SO-000001", "no number skipped");
}

/// Whether any work center exists is asked on every confirm. Once the kind
/// is in the catalog a store keeps, the answer comes from there: a row
/// deleted behind lotwise's back (no catalog version bumped) is not seen,
/// which shows the database was not asked. A kind outside the catalog is
/// asked of the database each time.
#[test]
fn has_docs_of_a_catalog_kind_asks_the_database_once() {
    use crate::store::{Store, TxMode};
    let Some(temp) = TempSchema::new() else {
        return;
    };
    let store = temp.store();
    let mut tx = store.begin(TxMode::Write).unwrap();
    tx.put_doc("work_center", "POUR", &serde_json::json!({}))
        .unwrap();
    tx.put_doc("supplier", "ACME", &serde_json::json!({}))
        .unwrap();
    tx.commit().unwrap();
    let has = |kind: &str| {
        let mut tx = store.begin(TxMode::Write).unwrap();
        let any = tx.has_docs(kind).unwrap();
        tx.commit().unwrap();
        any
    };
    assert!(has("work_center") && has("supplier"));
    let mut raw = postgres::Client::connect(&temp.url(""), postgres::NoTls).unwrap();
    raw.execute(
        "DELETE FROM docs WHERE kind IN ('work_center', 'supplier')",
        &[],
    )
    .unwrap();
    assert!(has("work_center"), "answered from the kept catalog");
    assert!(!has("supplier"), "asked of the database");
}
