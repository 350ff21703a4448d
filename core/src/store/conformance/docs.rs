//! Store-level conformance of generic records (`docs`): round trips, key
//! prefixes as indexes by owner read them, and index entries read with the
//! records they name.

use serde_json::json;

use super::{read, write};
use crate::store::Store;

/// Generic records by kind and key, JSON kept exactly.
pub fn docs_round_trip(store: Box<dyn Store>) {
    let store = &*store;
    let pour = json!({"name": "Pouring line", "minutes": 480, "rate": 0.1, "tags": ["a", "ü"], "none": null});
    let mut tx = write(store);
    assert_eq!(tx.doc("work_center", "POUR").unwrap(), None);
    tx.put_doc("work_center", "POUR", &json!(1)).unwrap();
    tx.put_doc("work_center", "POUR", &pour).unwrap();
    tx.put_doc("work_center", "CURE", &json!({"minutes": 60}))
        .unwrap();
    tx.put_doc("purchase_order", "PO-1", &json!("text"))
        .unwrap();
    tx.put_doc("purchase_order", "PO-2", &json!([1, 2]))
        .unwrap();
    tx.commit().unwrap();
    let mut tx = write(store);
    tx.delete_doc("purchase_order", "PO-2").unwrap();
    tx.delete_doc("purchase_order", "PO-404").unwrap();
    tx.commit().unwrap();
    let mut tx = read(store);
    assert_eq!(tx.doc("work_center", "POUR").unwrap(), Some(pour.clone()));
    assert_eq!(tx.doc("purchase_order", "PO-2").unwrap(), None);
    let keys: Vec<_> = tx
        .docs("work_center")
        .unwrap()
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(keys, ["CURE", "POUR"]);
    assert!(tx.docs("nothing").unwrap().is_empty());
    assert_eq!(
        tx.all_docs().unwrap(),
        vec![
            ("purchase_order".into(), "PO-1".into(), json!("text")),
            ("work_center".into(), "CURE".into(), json!({"minutes": 60})),
            ("work_center".into(), "POUR".into(), pour),
        ]
    );
}

/// Whether a kind has any record: kinds that sort beside it do not count,
/// and it follows writes and deletes inside the transaction, after commit
/// and after a rollback; also once the kind's records were read (SQL stores
/// keep catalog kinds such as work centers between transactions).
pub fn has_docs_sees_any_record_of_a_kind(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    tx.put_doc("work_cente", "A", &json!(1)).unwrap();
    tx.put_doc("work_center_rate", "POUR", &json!(2)).unwrap();
    tx.commit().unwrap();
    for kind in ["work_center", "supplier"] {
        let mut tx = write(store);
        assert!(!tx.has_docs(kind).unwrap(), "{kind}: none yet");
        assert!(tx.docs(kind).unwrap().is_empty());
        tx.put_doc(kind, "POUR", &json!({"minutes": 480})).unwrap();
        assert!(
            tx.has_docs(kind).unwrap(),
            "{kind}: written in this transaction"
        );
        drop(tx);
        let mut tx = write(store);
        assert!(!tx.has_docs(kind).unwrap(), "{kind}: rolled back");
        tx.put_doc(kind, "POUR", &json!({"minutes": 480})).unwrap();
        tx.commit().unwrap();
        assert!(read(store).has_docs(kind).unwrap(), "{kind}: committed");
        let mut tx = write(store);
        tx.delete_doc(kind, "POUR").unwrap();
        assert!(
            !tx.has_docs(kind).unwrap(),
            "{kind}: deleted in this transaction"
        );
        tx.commit().unwrap();
        assert!(
            !read(store).has_docs(kind).unwrap(),
            "{kind}: deletion committed"
        );
    }
}

/// Records read by key prefix, as indexes by owner are: only keys that
/// start with the prefix, of that kind, in key order, inside a transaction
/// and after it commits; keys that merely sort near the prefix stay out.
pub fn docs_by_key_prefix(store: Box<dyn Store>) {
    let store = &*store;
    let keys = |docs: Vec<(String, serde_json::Value)>| {
        docs.into_iter().map(|(k, _)| k).collect::<Vec<_>>()
    };
    let mut tx = write(store);
    for key in [
        "SO-1 RT-2",
        "SO-1 RT-1",
        "SO-10 RT-3",
        "SO-1",
        "SO-1!",
        "SO-2 RT-4",
        "SO-1 ü",
    ] {
        tx.put_doc("index.return_by_order", key, &json!(null))
            .unwrap();
    }
    tx.put_doc("other", "SO-1 RT-9", &json!(null)).unwrap();
    let expected = ["SO-1 RT-1", "SO-1 RT-2", "SO-1 ü"];
    let found = tx
        .docs_with_prefix("index.return_by_order", "SO-1 ")
        .unwrap();
    assert_eq!(keys(found), expected, "inside the transaction");
    tx.commit().unwrap();
    let mut tx = read(store);
    let found = tx
        .docs_with_prefix("index.return_by_order", "SO-1 ")
        .unwrap();
    assert_eq!(keys(found), expected);
    assert_eq!(
        keys(
            tx.docs_with_prefix("index.return_by_order", "SO-10 ")
                .unwrap()
        ),
        ["SO-10 RT-3"]
    );
    assert!(tx
        .docs_with_prefix("index.return_by_order", "SO-3 ")
        .unwrap()
        .is_empty());
    assert!(tx.docs_with_prefix("nothing", "SO-1 ").unwrap().is_empty());
    assert_eq!(
        keys(tx.docs_with_prefix("other", "").unwrap()),
        ["SO-1 RT-9"]
    );
}

/// An index read with the records its entries name (`indexed_docs`):
/// entries in key order, each with its record or `None`, keys with
/// characters of several bytes, and what the transaction itself wrote or
/// deleted, before and after it commits.
pub fn index_entries_with_their_records(store: Box<dyn Store>) {
    let store = &*store;
    let mut tx = write(store);
    for key in [
        "zoë@example.com CU-2",
        "zoë@example.com CU-1",
        "zoë@example.com CU-9",
        "zoë@example.co CU-3",
        "zoë@example.com! CU-4",
    ] {
        tx.put_doc("index.customer_by_email", key, &json!(null))
            .unwrap();
    }
    tx.put_doc("customer", "CU-1", &json!({"id": "CU-1", "name": "Zoë"}))
        .unwrap();
    tx.put_doc("customer", "CU-2", &json!({"id": "CU-2"}))
        .unwrap();
    tx.put_doc("customer", "CU-3", &json!({"id": "CU-3"}))
        .unwrap();
    tx.put_doc("other", "CU-9", &json!({"not": "a customer"}))
        .unwrap();
    let expected = vec![
        (
            "CU-1".to_string(),
            Some(json!({"id": "CU-1", "name": "Zoë"})),
        ),
        ("CU-2".to_string(), Some(json!({"id": "CU-2"}))),
        ("CU-9".to_string(), None),
    ];
    let filed = |tx: &mut dyn crate::store::Tx| {
        tx.indexed_docs("index.customer_by_email", "zoë@example.com ", "customer")
            .unwrap()
    };
    assert_eq!(filed(&mut *tx), expected, "inside the transaction");
    tx.commit().unwrap();
    assert_eq!(filed(&mut *read(store)), expected, "after commit");

    let mut tx = write(store);
    tx.delete_doc("customer", "CU-2").unwrap();
    tx.delete_doc("index.customer_by_email", "zoë@example.com CU-1")
        .unwrap();
    tx.put_doc("customer", "CU-9", &json!({"id": "CU-9"}))
        .unwrap();
    let expected = vec![
        ("CU-2".to_string(), None),
        ("CU-9".to_string(), Some(json!({"id": "CU-9"}))),
    ];
    assert_eq!(filed(&mut *tx), expected, "its own writes and deletes");
    tx.commit().unwrap();
    assert_eq!(filed(&mut *read(store)), expected);
    assert!(read(store)
        .indexed_docs("index.customer_by_email", "nobody@example.com ", "customer")
        .unwrap()
        .is_empty());
}
