//! The conformance suite on Postgres, each test in a fresh schema of the
//! database named by `LOTWISE_PG_URL`; skipped loudly when it is unset.

use std::io::Write;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;

use super::*;
use crate::store::{Store, Tx, TxMode};

mod catalog;
mod concurrent;

/// A Postgres store in a schema of its own, dropped afterwards.
pub(crate) struct TempSchema {
    store: Option<PostgresStore>,
    admin_url: String,
    schema: String,
}

impl TempSchema {
    /// A fresh schema, or `None` (with a loud note) without `LOTWISE_PG_URL`.
    pub(crate) fn new() -> Option<TempSchema> {
        let Some(url) = std::env::var("LOTWISE_PG_URL")
            .ok()
            .filter(|u| !u.is_empty())
        else {
            static NOTE: Once = Once::new();
            NOTE.call_once(|| {
                // Straight to stderr: the test harness captures `eprintln!`.
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** SKIPPED Postgres tests: set LOTWISE_PG_URL (scripts/postgres.sh start) ***\n"
                );
            });
            return None;
        };
        static N: AtomicU32 = AtomicU32::new(0);
        let schema = format!(
            "lw_unit_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = Client::connect(&url, NoTls).unwrap();
        admin
            .batch_execute(&format!("CREATE SCHEMA {schema}"))
            .unwrap();
        let sep = if url.contains('?') { '&' } else { '?' };
        let store =
            PostgresStore::open(&format!("{url}{sep}options=-c%20search_path%3D{schema}")).unwrap();
        Some(TempSchema {
            store: Some(store),
            admin_url: url,
            schema,
        })
    }

    fn store(&self) -> &PostgresStore {
        self.store.as_ref().unwrap()
    }

    /// A URL to this schema, with extra query options (`a=b&c=d`).
    fn url(&self, extra: &str) -> String {
        let sep = if self.admin_url.contains('?') {
            '&'
        } else {
            '?'
        };
        format!(
            "{}{sep}options=-c%20search_path%3D{}&{extra}",
            self.admin_url, self.schema
        )
    }
}

impl Drop for TempSchema {
    fn drop(&mut self) {
        drop(self.store.take());
        if let Ok(mut admin) = Client::connect(&self.admin_url, NoTls) {
            let _ = admin.batch_execute(&format!("DROP SCHEMA {} CASCADE", self.schema));
        }
    }
}

impl Store for TempSchema {
    fn begin(&self, mode: TxMode) -> crate::Result<Box<dyn Tx + '_>> {
        self.store().begin(mode)
    }
    fn backend(&self) -> &'static str {
        "postgres"
    }
    fn concurrent_writes(&self) -> bool {
        self.store().concurrent_writes()
    }
}

mod suite {
    crate::store_conformance!(
        super::TempSchema::new().map(|s| Box::new(s) as Box<dyn crate::store::Store>)
    );
}

#[test]
fn lotwise_options_are_taken_out_of_the_url() {
    let (url, timeout) =
        split_options("postgres://u:secret@127.0.0.1:5/db?lock_timeout_ms=250&sslmode=disable")
            .unwrap();
    assert_eq!(url, "postgres://u:secret@127.0.0.1:5/db?sslmode=disable");
    assert_eq!(timeout, Duration::from_millis(250));
    assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
    let err = split_options("postgres://h/db?lock_timeout_ms=soon").unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}

/// A writer waiting for the lock past `lock_timeout_ms` gets a retryable
/// conflict; readers never wait.
#[test]
fn lock_timeout_gives_conflict() {
    let Some(temp) = TempSchema::new() else {
        return;
    };
    let url = format!(
        "{}{}options=-c%20search_path%3D{}&lock_timeout_ms=100",
        temp.admin_url,
        if temp.admin_url.contains('?') {
            '&'
        } else {
            '?'
        },
        temp.schema
    );
    let other = PostgresStore::open(&url).unwrap();
    let mut held = temp.store().begin(TxMode::Write).unwrap();
    held.next_id("x").unwrap();
    let err = other.begin(TxMode::Write).err().unwrap();
    assert_eq!(err.code(), "conflict", "{err}");
    let mut reader = other.begin(TxMode::Read).unwrap();
    assert!(reader.items().unwrap().is_empty());
    drop(reader);
    held.commit().unwrap();
    assert_eq!(other.begin(TxMode::Write).unwrap().next_id("x").unwrap(), 2);
}

/// After a failed statement Postgres has aborted the transaction; commit
/// says so instead of silently rolling back.
#[test]
fn commit_after_failed_statement_is_refused() {
    let Some(temp) = TempSchema::new() else {
        return;
    };
    let mut tx = temp.store().begin(TxMode::Write).unwrap();
    tx.put_doc("k", "a", &serde_json::json!(1)).unwrap();
    let m = crate::store::conformance::movement(1, "S", "L", "1", "A", "B");
    tx.append_movement(m.clone()).unwrap();
    let dup = tx.append_movement(m).unwrap_err();
    assert_eq!(dup.code(), "storage", "{dup}");
    let err = tx.commit().unwrap_err();
    assert_eq!(err.code(), "internal", "{err}");
    assert_eq!(
        temp.store()
            .begin(TxMode::Read)
            .unwrap()
            .doc("k", "a")
            .unwrap(),
        None
    );
}

/// A pooled connection the server dropped is replaced, not reported.
#[test]
fn dropped_pooled_connection_is_replaced() {
    let Some(temp) = TempSchema::new() else {
        return;
    };
    let name = format!("lw_drop_{}", std::process::id());
    let url = format!(
        "{}{}options=-c%20search_path%3D{}&application_name={name}",
        temp.admin_url,
        if temp.admin_url.contains('?') {
            '&'
        } else {
            '?'
        },
        temp.schema
    );
    let store = PostgresStore::open(&url).unwrap();
    let mut tx = store.begin(TxMode::Write).unwrap();
    tx.next_id("x").unwrap();
    tx.commit().unwrap();
    let killed = terminate(&temp.admin_url, &name);
    assert_eq!(killed, 1, "the pooled connection was terminated");
    let mut tx = store.begin(TxMode::Write).unwrap();
    assert_eq!(tx.next_id("x").unwrap(), 2);
    tx.commit().unwrap();

    // A concurrent command sends nothing until its first statements (and a
    // failure there runs it again alone): it too ends up on a new
    // connection instead of failing.
    drop(store);
    let lw = crate::Lotwise::open(&url).unwrap();
    crate::store::conformance::candle_shop(&lw);
    assert_eq!(terminate(&temp.admin_url, &name), 1);
    let placed = lw
        .place_order(crate::store::conformance::candle_order("P-1", "1 pcs"))
        .unwrap();
    assert_eq!(placed.order.id, "SO-000001");
}

/// Terminates the server processes of connections named `name`; how many.
fn terminate(admin_url: &str, name: &str) -> i64 {
    let mut admin = Client::connect(admin_url, NoTls).unwrap();
    admin
        .query_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
             WHERE application_name = $1",
            &[&name],
        )
        .unwrap()
        .get(0)
}

/// A fresh schema migrated to `version` only, for upgrade tests: the schema
/// (dropped with it), its URL and a plain client on it to put old rows in;
/// `None` without `LOTWISE_PG_URL`.
fn database_at_version(version: usize) -> Option<(TempSchema, String, Client)> {
    let url = std::env::var("LOTWISE_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())?;
    let temp = TempSchema {
        store: None,
        admin_url: url.clone(),
        schema: format!("lw_unit_{}_v{version}", std::process::id()),
    };
    let mut admin = Client::connect(&url, NoTls).unwrap();
    admin
        .batch_execute(&format!("CREATE SCHEMA {}", temp.schema))
        .unwrap();
    let schema_url = temp.url("lock_timeout_ms=5000");
    let (pg_url, _) = split_options(&schema_url).unwrap();
    let mut old = Client::connect(&pg_url, NoTls).unwrap();
    migrate(&mut old, "old", &MIGRATIONS[..version]).unwrap();
    Some((temp, schema_url, old))
}

/// A database left at schema version 2 (ids in `counters`, events numbered
/// from `max(seq)`, reservations without their own columns) is upgraded:
/// ids continue after the counters, events after the last stored one, and
/// reserved stock is summed from the backfilled columns.
#[test]
fn version_2_database_is_upgraded() {
    let Some((_temp, schema_url, mut old)) = database_at_version(2) else {
        return;
    };
    // An event as that version wrote it: the whole event as JSON text.
    let event = r#"{"seq":1,"at":"2026-03-02T09:00:00Z","kind":"order_placed","subject":"SO-000007","data":{"channel":"api","customer":"Ada","external_ref":"U0","lines":1}}"#;
    old.execute("INSERT INTO events (seq, data) VALUES (1, $1)", &[&event])
        .unwrap();
    old.batch_execute("INSERT INTO counters (name, value) VALUES ('order', 7), ('mo', 3)")
        .unwrap();
    // A reservation from before its lot, location and qty had columns.
    old.execute(
        "INSERT INTO reservations (id, sku, demand_kind, demand_ref, demand_line, data)
         VALUES (1, 'WAX', 'mo_input', 'MO-000001', 0, $1)",
        &[&crate::store::conformance::LEGACY_RESERVATION],
    )
    .unwrap();
    drop(old);

    let lw = crate::Lotwise::open(&schema_url).unwrap();
    lw.define_item(crate::NewItem::new(
        "SOAP",
        "Soap",
        crate::ItemKind::Product,
        crate::Uom::Pcs,
    ))
    .unwrap();
    let mut order = crate::store::conformance::candle_order("U1", "1 pcs");
    order.lines[0].sku = "SOAP".into();
    let placed = lw.place_order(order).unwrap();
    assert_eq!(placed.order.id, "SO-000008");
    let seqs: Vec<u64> = lw
        .events_after(0, 10)
        .unwrap()
        .iter()
        .map(|e| e.seq)
        .collect();
    // Placing the order created its customer first.
    assert_eq!(seqs, [1, 2, 3, 4], "{seqs:?}");
    let store = PostgresStore::open(&schema_url).unwrap();
    let mut tx = store.begin(TxMode::Write).unwrap();
    assert_eq!(tx.next_id("mo").unwrap(), 4);
    crate::store::conformance::check_legacy_reservation_reserved(&mut *tx);
}

/// A database at schema version 7 gets the index of demand waiting for
/// stock: the waiting orders and batches it holds are filed by SKU, and
/// leave the index when they stop waiting.
#[test]
fn version_7_database_files_waiting_demand() {
    use crate::store::conformance::{check_waiting_after_upgrade, waiting_before_upgrade};
    use crate::store::sql::{to_json, ts_text};
    let Some((_temp, schema_url, mut old)) = database_at_version(7) else {
        return;
    };
    let (orders, mos) = waiting_before_upgrade();
    for o in &orders {
        old.execute(
            "INSERT INTO orders (id, status, channel, external_ref, placed_at, data)
             VALUES ($1, $2, $3, NULL, $4, $5)",
            &[
                &o.id,
                &o.status.as_str(),
                &o.channel,
                &ts_text(o.placed_at),
                &to_json(o).unwrap(),
            ],
        )
        .unwrap();
    }
    for mo in &mos {
        old.execute(
            "INSERT INTO mos (id, status, data) VALUES ($1, $2, $3)",
            &[&mo.id, &mo.status.as_str(), &to_json(mo).unwrap()],
        )
        .unwrap();
    }
    drop(old);
    let store = PostgresStore::open(&schema_url).unwrap();
    check_waiting_after_upgrade(&store);
}

/// A database at schema version 8 gets the index of stock with something
/// free: the upgrade files what is free of the stock it holds, and the
/// triggers follow the movements after it.
#[test]
fn version_8_database_files_free_stock() {
    use crate::store::conformance::{check_free_after_upgrade, free_before_upgrade};
    use crate::store::sql::to_json;
    let Some((_temp, schema_url, mut old)) = database_at_version(8) else {
        return;
    };
    let (locations, balances, reserved) = free_before_upgrade();
    for l in &locations {
        old.execute(
            "INSERT INTO locations (code, data) VALUES ($1, $2)
             ON CONFLICT (code) DO UPDATE SET data = excluded.data",
            &[&l.code, &to_json(l).unwrap()],
        )
        .unwrap();
    }
    for b in &balances {
        old.execute(
            "INSERT INTO balances (sku, lot, location, qty) VALUES ($1, $2, $3, $4)",
            &[&b.sku, &b.lot, &b.location, &b.qty.to_string()],
        )
        .unwrap();
    }
    for b in &reserved {
        old.execute(
            "INSERT INTO reserved_totals (sku, lot, location, qty)
             VALUES ($1, $2, $3, $4::text::numeric)",
            &[&b.sku, &b.lot, &b.location, &b.qty.to_string()],
        )
        .unwrap();
    }
    drop(old);
    let store = PostgresStore::open(&schema_url).unwrap();
    check_free_after_upgrade(&store);
}

/// A database at schema version 9 loses the two indexes no query reads,
/// and keeps the one that holding a lot reads.
#[test]
fn version_9_database_drops_the_indexes_no_query_reads() {
    let Some((_temp, schema_url, old)) = database_at_version(9) else {
        return;
    };
    drop(old);
    let store = PostgresStore::open(&schema_url).unwrap();
    drop(store);
    let (pg_url, _) = split_options(&schema_url).unwrap();
    let mut client = Client::connect(&pg_url, NoTls).unwrap();
    let names: Vec<String> = client
        .query(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()
             AND indexname IN ('movements_by_lot', 'orders_by_placed_at', 'reservations_by_sku')",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(names, ["reservations_by_sku"]);
}
