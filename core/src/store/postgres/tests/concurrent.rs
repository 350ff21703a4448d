//! Placing and confirming orders side by side (`TxMode::Concurrent`): what
//! runs next to another concurrent command, what waits, and what is handed
//! back to run alone. A transaction held open in one store plays the other
//! command; the engine under test gives up waiting after 200 ms.

use super::TempSchema;
use crate::domain::order::OrderStatus;
use crate::engine::Receipt;
use crate::store::conformance::{candle_order, candle_shop};
use crate::store::{Store, TxMode};
use crate::Lotwise;

/// The schema's engine, with a short lock timeout.
fn impatient(temp: &TempSchema) -> Lotwise {
    Lotwise::open(&temp.url("lock_timeout_ms=200")).unwrap()
}

/// A shop with 5 candles in stock and materials for more.
fn shop(temp: &TempSchema) -> Lotwise {
    let lw = impatient(temp);
    candle_shop(&lw);
    lw.receive(Receipt::new("CANDLE", "5 pcs".parse().unwrap()))
        .unwrap();
    lw
}

#[test]
fn placing_and_confirming_from_stock_run_beside_another_concurrent_command() {
    let Some(temp) = TempSchema::new() else {
        return;
    };
    let lw = shop(&temp);
    let mut other = temp.store().begin(TxMode::Concurrent).unwrap();
    other.reservations_of_item("WAX").unwrap();

    let id = lw
        .place_order(candle_order("A1", "2 pcs"))
        .unwrap()
        .order
        .id;
    let report = lw.confirm_order(&id).unwrap();
    assert_eq!(report.status, OrderStatus::ReadyToShip);
    assert_eq!(id, "SO-000001");

    // A command that moves stock needs the store to itself: it waits for
    // the open concurrent transaction and gives up, changing nothing.
    let before = lw.snapshot().unwrap();
    let err = lw
        .receive(Receipt::new("JAR", "1 pcs".parse().unwrap()))
        .unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
    assert_eq!(lw.snapshot().unwrap(), before);
    drop(other);
    lw.receive(Receipt::new("JAR", "1 pcs".parse().unwrap()))
        .unwrap();
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn a_confirmation_that_needs_a_batch_runs_alone_without_skipping_numbers() {
    let Some(temp) = TempSchema::new() else {
        return;
    };
    let lw = shop(&temp);
    let id = lw
        .place_order(candle_order("B1", "8 pcs"))
        .unwrap()
        .order
        .id;
    let mut other = temp.store().begin(TxMode::Concurrent).unwrap();
    // Its first statement begins it (and takes the store lock, shared).
    assert!(other.order("SO-999999").unwrap().is_none());

    // 5 from stock, 3 to make: creating the batch is handed back to run
    // alone, which waits for `other` and gives up; nothing is left behind.
    let before = lw.snapshot().unwrap();
    let err = lw.confirm_order(&id).unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
    assert_eq!(lw.snapshot().unwrap(), before);

    drop(other);
    let report = lw.confirm_order(&id).unwrap();
    assert_eq!(
        report.mos,
        ["MO-000001"],
        "the batch number was not used up"
    );
    assert_eq!(
        lw.order(&id).unwrap().status,
        OrderStatus::MaterialsReserved
    );
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn a_concurrent_command_holds_nothing_before_its_first_statement() {
    let Some(temp) = TempSchema::new() else {
        return;
    };
    let lw = shop(&temp);
    // Begun, nothing sent yet: a command that runs alone does not wait.
    let idle = temp.store().begin(TxMode::Concurrent).unwrap();
    lw.receive(Receipt::new("JAR", "1 pcs".parse().unwrap()))
        .unwrap();
    idle.commit().unwrap();
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn stock_of_one_sku_is_locked_not_the_others() {
    let Some(temp) = TempSchema::new() else {
        return;
    };
    let lw = shop(&temp);
    lw.receive(Receipt::new("JAR", "10 pcs".parse().unwrap()))
        .unwrap();
    let candles = lw
        .place_order(candle_order("C1", "1 pcs"))
        .unwrap()
        .order
        .id;
    let mut jar_order = candle_order("C2", "3 pcs");
    jar_order.lines[0].sku = "JAR".into();
    let jars = lw.place_order(jar_order).unwrap().order.id;

    // Another command is reserving candles: confirming candles waits for
    // it, confirming jars does not.
    let mut other = temp.store().begin(TxMode::Concurrent).unwrap();
    other.reservations_of_item("CANDLE").unwrap();
    assert_eq!(
        lw.confirm_order(&jars).unwrap().status,
        OrderStatus::ReadyToShip
    );
    let err = lw.confirm_order(&candles).unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
    assert_eq!(lw.order(&candles).unwrap().status, OrderStatus::Placed);

    drop(other);
    assert_eq!(
        lw.confirm_order(&candles).unwrap().status,
        OrderStatus::ReadyToShip
    );
    let seqs: Vec<u64> = lw
        .events_after(0, 1000)
        .unwrap()
        .iter()
        .map(|e| e.seq)
        .collect();
    assert_eq!(seqs, (1..=seqs.len() as u64).collect::<Vec<_>>());
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn the_same_external_reference_placed_twice_at_once_makes_one_order() {
    let Some(temp) = TempSchema::new() else {
        return;
    };
    let lw = shop(&temp);
    let mut other = temp.store().begin(TxMode::Concurrent).unwrap();
    // `other` is checking "etsy D1" for a duplicate: placing it waits.
    other.order_by_external("etsy", "D1").unwrap();
    let err = lw.place_order(candle_order("D1", "1 pcs")).unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
    drop(other);
    let first = lw.place_order(candle_order("D1", "1 pcs")).unwrap();
    let again = lw.place_order(candle_order("D1", "1 pcs")).unwrap();
    assert!(!first.replayed);
    assert!(again.replayed);
    assert_eq!(again.order.id, first.order.id);
    assert_eq!(lw.orders().unwrap().len(), 1);
}

#[test]
fn an_order_being_confirmed_elsewhere_waits() {
    let Some(temp) = TempSchema::new() else {
        return;
    };
    let lw = shop(&temp);
    let id = lw
        .place_order(candle_order("E1", "1 pcs"))
        .unwrap()
        .order
        .id;
    let mut other = temp.store().begin(TxMode::Concurrent).unwrap();
    // `other` has read (and so locked) the order, as confirming does.
    assert!(other.order(&id).unwrap().is_some());
    let before = lw.snapshot().unwrap();
    let err = lw.confirm_order(&id).unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
    assert_eq!(lw.snapshot().unwrap(), before);
    drop(other);
    assert_eq!(
        lw.confirm_order(&id).unwrap().status,
        OrderStatus::ReadyToShip
    );
    let again = lw.confirm_order(&id).unwrap_err();
    assert_eq!(again.code(), "invalid_transition", "{again}");
}

/// A customer lookup read ahead with the channel reference's check
/// (`Tx::foresee_indexed_docs`) answers the lookup that follows, but not
/// once the command has taken a customer lock: what another command filed
/// meanwhile is then seen.
#[test]
fn a_lookup_read_ahead_is_not_used_after_a_lock() {
    let Some(temp) = TempSchema::new() else {
        return;
    };
    let store = temp.store();
    let index = "index.customer_by_email";
    let prefix = "ada@example.com ";
    let filed = |tx: &mut dyn crate::store::Tx| {
        tx.indexed_docs(index, prefix, "customer")
            .unwrap()
            .into_iter()
            .map(|(id, _)| id)
            .collect::<Vec<_>>()
    };

    let mut tx = store.begin(TxMode::Concurrent).unwrap();
    tx.foresee_indexed_docs(index, prefix, "customer");
    assert_eq!(tx.order_by_external("shop", "1001").unwrap(), None);
    // Another concurrent command files the e-mail under its lock.
    let mut other = store.begin(TxMode::Concurrent).unwrap();
    other.lock_customer("email:ada@example.com").unwrap();
    other
        .put_doc(index, "ada@example.com CU-000007", &serde_json::Value::Null)
        .unwrap();
    other.commit().unwrap();
    // Read before the other command committed: the entry is not there.
    assert!(filed(&mut *tx).is_empty(), "the read made ahead");
    drop(tx);

    let mut tx = store.begin(TxMode::Concurrent).unwrap();
    tx.foresee_indexed_docs(index, prefix, "customer");
    assert_eq!(tx.order_by_external("shop", "1002").unwrap(), None);
    // Another concurrent command files the e-mail under its lock.
    let mut other = store.begin(TxMode::Concurrent).unwrap();
    other.lock_customer("email:ada@example.com").unwrap();
    other
        .put_doc(index, "ada@example.com CU-000008", &serde_json::Value::Null)
        .unwrap();
    other.commit().unwrap();
    tx.lock_customer("email:ada@example.com").unwrap();
    assert_eq!(
        filed(&mut *tx),
        ["CU-000007", "CU-000008"],
        "read again under the lock"
    );
}
