//! Every event kind round-trips through JSON in the outbox layout.

use std::collections::BTreeSet;

use serde_json::Value;

use super::*;

mod samples;
mod untyped;

use samples::samples;

fn at() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn pcs(n: Decimal) -> Qty {
    Qty::new(n, Uom::Pcs)
}

fn event(seq: u64, data: EventData) -> Event {
    Event {
        seq,
        at: at(),
        subject: format!("S-{seq}"),
        data,
    }
}

#[test]
fn samples_cover_every_kind_once() {
    let kinds: Vec<&str> = samples().iter().map(EventData::kind).collect();
    let unique: BTreeSet<&str> = kinds.iter().copied().collect();
    assert_eq!(unique.len(), kinds.len(), "{kinds:?}");
    assert_eq!(kinds, EventData::KINDS);
    assert_eq!(EventData::kinds().count(), EventData::KINDS.len());
}

#[test]
fn every_kind_round_trips_in_the_outbox_layout() {
    for (seq, data) in (1..).zip(samples()) {
        let kind = data.kind();
        // strum's kind is serde's tag.
        assert_eq!(serde_json::to_value(&data).unwrap()["kind"], kind);
        let e = event(seq, data);
        assert_eq!(e.kind(), kind);
        let text = serde_json::to_string(&e).unwrap();
        // `seq` first (the Postgres outbox rewrites it), `kind` right
        // before its `data`.
        let prefix = format!(
            r#"{{"seq":{seq},"at":"2026-03-02T09:00:00Z","subject":"S-{seq}","kind":"{kind}","data":"#
        );
        assert!(text.starts_with(&prefix), "{text}");
        let value: Value = serde_json::from_str(&text).unwrap();
        let keys: BTreeSet<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            BTreeSet::from(["seq", "at", "kind", "subject", "data"])
        );
        assert!(value["data"].is_object(), "{text}");
        let back: Event = serde_json::from_str(&text).unwrap();
        assert_eq!(back, e, "{text}");
        // Through a JSON value (how bindings and stores may carry it) too.
        let back: Event = serde_json::from_value(value).unwrap();
        assert_eq!(back, e);
        assert_eq!(serde_json::to_string(&back).unwrap(), text);
    }
}

#[test]
fn events_stored_by_earlier_versions_decode() {
    let stored = r#"{"seq":3,"at":"2026-03-02T09:00:00Z","kind":"order_placed","subject":"SO-000001","data":{"channel":"api","customer":"Grace Hopper","external_ref":null,"lines":1}}"#;
    let e: Event = serde_json::from_str(stored).unwrap();
    assert_eq!(
        e.data,
        EventData::OrderPlaced {
            channel: "api".into(),
            external_ref: None,
            customer: "Grace Hopper".into(),
            lines: 1,
        }
    );
    // Written again, it is the same JSON (key order inside `data` follows
    // serde_json's `preserve_order` setting, as it always did).
    let again: Value = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    assert_eq!(again, serde_json::from_str::<Value>(stored).unwrap());
    assert!(serde_json::to_string(&e)
        .unwrap()
        .starts_with(r#"{"seq":3,"at":"#));
}

#[test]
fn an_event_that_does_not_decode_names_its_kind() {
    let unknown = r#"{"seq":4,"at":"2026-03-02T09:00:00Z","kind":"order_teleported","subject":"SO-1","data":{}}"#;
    let err = serde_json::from_str::<Event>(unknown)
        .unwrap_err()
        .to_string();
    assert!(err.contains("event 4 of kind `order_teleported`"), "{err}");
    assert!(err.contains("unknown event kind"), "{err}");
    let misfit = r#"{"seq":5,"at":"2026-03-02T09:00:00Z","kind":"order_tagged","subject":"SO-1","data":{"tag":7}}"#;
    let err = serde_json::from_str::<Event>(misfit)
        .unwrap_err()
        .to_string();
    assert!(err.contains("event 5 of kind `order_tagged`"), "{err}");
    let missing = r#"{"seq":6,"at":"2026-03-02T09:00:00Z","kind":"order_tagged","subject":"SO-1"}"#;
    assert!(serde_json::from_str::<Event>(missing).is_err());
}

#[test]
fn the_schema_lists_every_kind() {
    let schema = serde_json::to_string(&schemars::schema_for!(Event)).unwrap();
    for kind in EventData::KINDS {
        assert!(schema.contains(&format!("\"{kind}\"")), "{kind} missing");
    }
}
