//! The conformance suite on SQLite files, and tests of what only SQLite does:
//! URL options, locking, the shared catalog, checkpoints, order rewrites,
//! and (in `tests/upgrades.rs`) schema upgrades.

use rusqlite::Connection;
use tempfile::TempDir;

use super::*;
use crate::store::{Store, Tx, TxMode};

/// A SQLite store in a temporary directory that disappears with it.
pub(crate) struct TempSqlite {
    store: SqliteStore,
    _dir: TempDir,
}

impl TempSqlite {
    pub(crate) fn new(options: SqliteOptions) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open_with(dir.path().join("lotwise.db"), options).unwrap();
        TempSqlite { store, _dir: dir }
    }
}

/// Every test on a temporary store checks, as it ends, that no statement
/// was parsed and planned again: the conformance suite calls each reader
/// and writer with changing values, which is what makes SQLite re-plan a
/// statement whose plan depends on them.
impl Drop for TempSqlite {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            assert_eq!(
                self.store.statements_replanned(),
                0,
                "a prepared statement was planned again"
            );
        }
    }
}

impl Store for TempSqlite {
    fn begin(&self, mode: TxMode) -> crate::Result<Box<dyn Tx + '_>> {
        self.store.begin(mode)
    }
    fn backend(&self) -> &'static str {
        self.store.backend()
    }
    fn concurrent_writes(&self) -> bool {
        self.store.concurrent_writes()
    }
}

/// Files at older schema versions, upgraded on open.
mod upgrades;

mod file {
    crate::store_conformance!(Some(Box::new(super::TempSqlite::new(
        super::SqliteOptions::default()
    ))));
}

/// The same suite with `synchronous=FULL` and a short busy timeout.
mod full_sync {
    crate::store_conformance!(Some(Box::new(super::TempSqlite::new(
        super::SqliteOptions {
            synchronous: super::Synchronous::Full,
            busy_timeout: std::time::Duration::from_millis(200),
            write_log: None,
        }
    ))));
}

#[test]
fn url_forms_and_options() {
    let (p, o) = SqliteOptions::from_url("sqlite:///tmp/x.db?busy_timeout_ms=250").unwrap();
    assert_eq!(p, PathBuf::from("/tmp/x.db"));
    assert_eq!(o.busy_timeout, Duration::from_millis(250));
    assert_eq!(o.synchronous, Synchronous::Normal);
    let (p, o) = SqliteOptions::from_url("sqlite:rel.db?synchronous=FULL").unwrap();
    assert_eq!(p, PathBuf::from("rel.db"));
    assert_eq!(o.synchronous, Synchronous::Full);
    let (p, _) = SqliteOptions::from_url("odd?name.db").unwrap();
    assert_eq!(p, PathBuf::from("odd?name.db"));
    let err = SqliteOptions::from_url("sqlite://x.db?synchronous=off").unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let err = SqliteOptions::from_url("sqlite://?synchronous=full").unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let err = SqliteOptions::from_url("nosuch://somewhere").unwrap_err();
    assert_eq!(err.code(), "storage");
    assert!(err.to_string().contains("nosuch://"), "{err}");
}

#[test]
fn settings_are_applied_per_connection() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?synchronous=full",
        dir.path().join("s.db").display()
    );
    let store = SqliteStore::open(&url).unwrap();
    let conn = store.lock_writer();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let sync: i64 = conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), sync), ("wal", 2));
    drop(conn);
    let store = SqliteStore::open(dir.path().join("s.db").to_str().unwrap()).unwrap();
    let sync: i64 = store
        .lock_writer()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 1, "NORMAL by default");
}

/// Busy past the timeout is a retryable conflict, and nothing runs.
#[test]
fn busy_writer_gives_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let opts = SqliteOptions {
        busy_timeout: Duration::from_millis(50),
        ..Default::default()
    };
    let a = SqliteStore::open_with(&path, opts.clone()).unwrap();
    let b = SqliteStore::open_with(&path, opts).unwrap();
    let mut held = a.begin(TxMode::Write).unwrap();
    held.next_id("x").unwrap();
    let err = b.begin(TxMode::Write).err().unwrap();
    assert_eq!(err.code(), "conflict", "{err}");
    assert!(err.is_retryable());
    // Readers are not blocked by the writer, and see the last commit.
    let mut reader = b.begin(TxMode::Read).unwrap();
    assert!(reader.items().unwrap().is_empty());
    drop(reader);
    held.commit().unwrap();
    let mut tx = b.begin(TxMode::Write).unwrap();
    assert_eq!(tx.next_id("x").unwrap(), 2);
}

/// An event row this version cannot decode (a kind it does not know, or a
/// payload that does not fit its kind) is a storage error naming the
/// event's sequence and kind: nothing panics, the row stays as it is and
/// the events before it still read.
#[test]
fn undecodable_events_are_storage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store =
        SqliteStore::open_with(dir.path().join("events.db"), SqliteOptions::default()).unwrap();
    let rows = [
        r#"{"seq":1,"at":"2026-03-02T09:00:00Z","kind":"order_tagged","subject":"SO-000001","data":{"tag":"gift"}}"#,
        r#"{"seq":2,"at":"2026-03-02T09:00:00Z","kind":"order_teleported","subject":"SO-000001","data":{}}"#,
        r#"{"seq":3,"at":"2026-03-02T09:00:00Z","kind":"order_tagged","subject":"SO-000001","data":{"tag":7}}"#,
    ];
    {
        let conn = store.lock_writer();
        for (seq, row) in (1_i64..).zip(rows) {
            conn.execute(
                "INSERT INTO events (seq, data) VALUES (?1, ?2)",
                rusqlite::params![seq, row],
            )
            .unwrap();
        }
    }
    let mut tx = store.begin(TxMode::Read).unwrap();
    let first = tx.events_after(0, 1).unwrap();
    assert_eq!((first[0].seq, first[0].kind()), (1, "order_tagged"));
    for (after, kind) in [(1, "order_teleported"), (2, "order_tagged")] {
        let err = tx.events_after(after, 1).unwrap_err();
        assert_eq!(err.code(), "storage", "{err}");
        let named = format!("event {} of kind `{kind}`", after + 1);
        assert!(err.to_string().contains(&named), "{err}");
    }
    assert_eq!(tx.last_event_seq().unwrap(), 3);
}

/// Two stores on one new file, as two processes would open it.
fn two_stores_on_one_file() -> (tempfile::TempDir, SqliteStore, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let a = SqliteStore::open_with(&path, SqliteOptions::default()).unwrap();
    let b = SqliteStore::open_with(&path, SqliteOptions::default()).unwrap();
    (dir, a, b)
}

/// Write transactions share what they read of the catalog, but never serve
/// it once it has changed: not after another store (another process) on
/// the same file changed it, not after this store changed it, and a change
/// rolled back leaves it as it was. Run for one catalog value, which `read`
/// gives and `write` sets to each of `values` in turn (committed or not).
fn shared_catalog_follows_every_change(
    read: impl Fn(&SqliteStore) -> Option<String>,
    write: impl Fn(&SqliteStore, &str, bool),
    values: [&str; 4],
) {
    let (_dir, a, b) = two_stores_on_one_file();
    let [first, second, third, never] = values;
    // Not there yet, as `a` learns it; then set by `b`.
    assert_eq!(read(&a), None);
    write(&b, first, true);
    assert_eq!(read(&a).as_deref(), Some(first));
    assert_eq!(read(&a).as_deref(), Some(first));
    // Changed by the other store while `a` holds it.
    write(&b, second, true);
    assert_eq!(read(&a).as_deref(), Some(second));
    // Changed by `a` itself, then a change of `a` rolled back.
    write(&a, third, true);
    assert_eq!(read(&a).as_deref(), Some(third));
    assert_eq!(read(&b).as_deref(), Some(third));
    write(&a, never, false);
    assert_eq!(read(&a).as_deref(), Some(third));
    // Writes that leave the catalog alone keep it shared, and correct.
    let mut tx = a.begin(TxMode::Write).unwrap();
    tx.next_id("order").unwrap();
    tx.commit().unwrap();
    assert_eq!(read(&a).as_deref(), Some(third));
}

/// An item, shared and followed through every change.
#[test]
fn shared_catalog_never_serves_a_changed_item() {
    use crate::domain::quantity::Uom;
    use crate::store::conformance::item;

    let named = |store: &SqliteStore| {
        let mut tx = store.begin(TxMode::Write).unwrap();
        let name = tx.item("WAX").unwrap().map(|i| i.name);
        tx.commit().unwrap();
        name
    };
    let rename = |store: &SqliteStore, name: &str, commit: bool| {
        let mut wax = item("WAX", Uom::G);
        wax.name = name.into();
        let mut tx = store.begin(TxMode::Write).unwrap();
        tx.put_item(&wax).unwrap();
        if commit {
            tx.commit().unwrap();
        }
    };
    shared_catalog_follows_every_change(
        named,
        rename,
        ["Soy wax", "Coconut wax", "Rapeseed wax", "Never stored"],
    );
}

/// A catalog record read by key (the cost settings) is read with its whole
/// kind once and then served from the shared catalog, and followed through
/// every change like an item.
#[test]
fn shared_catalog_never_serves_a_changed_record() {
    use crate::domain::costing::records::{SETTINGS, SETTINGS_KEY};

    let currency = |store: &SqliteStore| {
        let mut tx = store.begin(TxMode::Write).unwrap();
        let doc = tx.doc(SETTINGS, SETTINGS_KEY).unwrap();
        tx.commit().unwrap();
        doc.map(|d| d["currency"].as_str().unwrap_or_default().to_string())
    };
    let set = |store: &SqliteStore, code: &str, commit: bool| {
        let mut tx = store.begin(TxMode::Write).unwrap();
        tx.put_doc(
            SETTINGS,
            SETTINGS_KEY,
            &serde_json::json!({ "currency": code }),
        )
        .unwrap();
        if commit {
            tx.commit().unwrap();
        }
    };
    shared_catalog_follows_every_change(currency, set, ["EUR", "GBP", "USD", "JPY"]);
}

/// The writer's commits are checkpointed by the store's own thread while
/// commands go on, and the log never grows past the length at which the
/// writer copies it itself (see `sqlite/checkpoint.rs`).
#[test]
fn checkpoints_run_beside_the_writer_and_the_log_stays_bounded() {
    use super::checkpoint::INLINE_AT;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.db");
    let store = SqliteStore::open_with(&path, SqliteOptions::default()).unwrap();
    let wal = dir.path().join("log.db-wal");
    // About five pages per commit: 15,000 pages in all, several times the limit.
    let doc = serde_json::json!({ "text": "x".repeat(3 * 4096) });
    let mut longest = 0;
    let logged_before = pages_logged();
    for i in 0..3_000 {
        let mut tx = store.begin(TxMode::Write).unwrap();
        tx.put_doc("probe", &format!("{i:05}"), &doc).unwrap();
        tx.commit().unwrap();
        longest = longest.max(std::fs::metadata(&wal).unwrap().len());
    }
    let page: u64 = store
        .lock_writer()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    // The log file is reused from its start, never shrunk: its size is
    // the longest the log has been (a header, then frames of a page each).
    let bound = 32 + (u64::try_from(INLINE_AT).unwrap() + 20) * (page + 24);
    assert!(
        longest <= bound,
        "log reached {longest} bytes, bound {bound}"
    );
    assert!(longest > 0);
    // Every commit's pages are counted, across the log's restarts: at least
    // the three overflow pages and the leaf of each document. (Tests beside
    // this one only add to the count.)
    let logged = pages_logged() - logged_before;
    assert!(logged >= 4 * 3_000, "{logged} pages counted");
    // The thread ran: it was woken every thousand pages.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while store.checkpoints.done() == 0 {
        assert!(std::time::Instant::now() < deadline, "no checkpoint ran");
        std::thread::sleep(Duration::from_millis(10));
    }
    // Everything committed reads back, from the file and the log alike.
    let mut tx = store.begin(TxMode::Read).unwrap();
    assert_eq!(tx.docs("probe").unwrap().len(), 3_000);
}

/// An order rewritten under the lookup columns it was stored with sets its
/// status and data only; one re-filed under others takes the full upsert.
#[test]
fn order_rewrites_leave_unchanged_lookups_alone() {
    use crate::domain::order::OrderStatus;
    use crate::store::conformance::order;
    use crate::store::sql::UPSERT_ORDER;
    use tx::REWRITE_ORDER;
    let log = WriteLog::default();
    let store = TempSqlite::new(SqliteOptions {
        write_log: Some(log.clone()),
        ..Default::default()
    });
    let statements = |o: &crate::domain::order::SalesOrder| {
        let mut tx = store.begin(TxMode::Write).unwrap();
        tx.put_order(o.clone()).unwrap();
        tx.commit().unwrap();
        let logged = log.lock().unwrap().pop().unwrap();
        logged
            .iter()
            .filter(|(sql, _)| [REWRITE_ORDER, UPSERT_ORDER].contains(sql))
            .map(|(sql, _)| {
                if *sql == REWRITE_ORDER {
                    "rewrite"
                } else {
                    "upsert"
                }
            })
            .collect::<Vec<_>>()
    };
    let mut o = order("SO-1", "etsy", Some("E-1"), OrderStatus::Placed);
    assert_eq!(statements(&o), ["rewrite", "upsert"], "a new order");
    o.status = OrderStatus::InProduction;
    assert_eq!(statements(&o), ["rewrite"], "the same lookups");
    o.external_ref = None;
    assert_eq!(statements(&o), ["rewrite", "upsert"], "a reference dropped");
    o.status = OrderStatus::ReadyToShip;
    assert_eq!(statements(&o), ["rewrite"], "no reference, as stored");
    let mut tx = store.begin(TxMode::Read).unwrap();
    assert_eq!(tx.order("SO-1").unwrap(), Some(o));
    assert_eq!(tx.order_by_external("etsy", "E-1").unwrap(), None);
}
