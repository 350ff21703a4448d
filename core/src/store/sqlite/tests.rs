//! The conformance suite on SQLite files, and tests of what only SQLite does:
//! URL options and schema upgrades.

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

/// A database left at schema version 1 (before the generic records table
/// and the reservation columns) opens, keeps its data and is upgraded.
#[test]
fn version_1_database_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA journal_mode = WAL").unwrap();
        migrate(&conn, "old.db", &MIGRATIONS[..1]).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 1);
        conn.execute(
            "INSERT INTO counters (name, value) VALUES ('order', 41)",
            [],
        )
        .unwrap();
        let missing = conn.execute("SELECT 1 FROM docs", []).unwrap_err();
        assert!(missing.to_string().contains("no such table"), "{missing}");
        // A reservation from before its lot, location and qty had columns.
        conn.execute(
            "INSERT INTO reservations (id, sku, demand_kind, demand_ref, demand_line, data)
             VALUES (1, 'WAX', 'mo_input', 'MO-000001', 0, ?1)",
            [
                r#"{"id":1,"sku":"WAX","lot":"WAX-R0001","location":"MAIN","qty":"2.250",
                "demand":{"type":"mo_input","mo":"MO-000001"},"at":"2026-03-02T09:00:00Z"}"#,
            ],
        )
        .unwrap();
    }
    let store = SqliteStore::open_with(&path, SqliteOptions::default()).unwrap();
    let mut tx = store.begin(TxMode::Write).unwrap();
    let reserved = tx.reserved_of_item("WAX").unwrap();
    assert_eq!(reserved.len(), 1);
    assert_eq!(
        (reserved[0].lot.as_str(), reserved[0].location.as_str()),
        ("WAX-R0001", "MAIN")
    );
    assert_eq!(reserved[0].qty.to_string(), "2.250");
    assert_eq!(tx.next_id("order").unwrap(), 42);
    tx.put_doc("k", "a", &serde_json::json!(1)).unwrap();
    tx.commit().unwrap();
    let version: i64 = store
        .lock_writer()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
}

/// A database at schema version 3 gets the index of batches with free
/// output: every open batch is listed, a full one is filtered out when
/// read, and the next write of a batch corrects its row.
#[test]
fn version_3_database_lists_batches_with_free_output() {
    use crate::domain::production::{Allocation, ManufacturingOrder, MoStatus};
    use rust_decimal::Decimal;
    let batch = |id: &str, status: MoStatus, allocated: i64| ManufacturingOrder {
        id: id.into(),
        product: "CANDLE".into(),
        qty: Decimal::from(12),
        recipe_version: 1,
        status,
        parent_mo: None,
        requirements: vec![],
        allocations: vec![Allocation {
            order: "SO-1".into(),
            line: 1,
            qty: Decimal::from(allocated),
            delivered: Decimal::ZERO,
        }],
        feeds: vec![],
        fed_by: vec![],
        consumed: vec![],
        output: None,
        created_at: chrono::Utc::now(),
        started_at: None,
        finished_at: None,
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    {
        let conn = Connection::open(&path).unwrap();
        migrate(&conn, "v3.db", &MIGRATIONS[..3]).unwrap();
        for mo in [
            batch("MO-1", MoStatus::MaterialsReserved, 5),
            batch("MO-2", MoStatus::InProduction, 12),
            batch("MO-3", MoStatus::Completed, 5),
        ] {
            conn.execute(
                "INSERT INTO mos (id, status, data) VALUES (?1, ?2, ?3)",
                [
                    mo.id.clone(),
                    mo.status.as_str().to_string(),
                    serde_json::to_string(&mo).unwrap(),
                ],
            )
            .unwrap();
        }
    }
    let store = SqliteStore::open_with(&path, SqliteOptions::default()).unwrap();
    let listed = |path: &std::path::Path| -> i64 {
        let conn = Connection::open(path).unwrap();
        conn.query_row("SELECT count(*) FROM mo_free_output", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(listed(&path), 2, "the backfill lists both open batches");
    let ids = |tx: &mut dyn Tx| -> Vec<String> {
        let mos = tx.mos_with_free_output("CANDLE").unwrap();
        mos.into_iter().map(|m| m.id).collect()
    };
    let mut tx = store.begin(TxMode::Write).unwrap();
    assert_eq!(ids(&mut *tx), ["MO-1"]);
    tx.put_mo(&batch("MO-2", MoStatus::InProduction, 12))
        .unwrap();
    tx.put_mo(&batch("MO-1", MoStatus::MaterialsReserved, 12))
        .unwrap();
    assert!(ids(&mut *tx).is_empty());
    tx.commit().unwrap();
    drop(store);
    assert_eq!(listed(&path), 0, "rewritten batches drop their stale rows");
}

/// A database at schema version 6 gets the index of demand waiting for
/// stock: the waiting orders and batches it holds are filed by SKU, and
/// leave the index when they stop waiting.
#[test]
fn version_6_database_files_waiting_demand() {
    use crate::store::conformance::{check_waiting_after_upgrade, waiting_before_upgrade};
    use crate::store::sql::{to_json, ts_text};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6.db");
    {
        let conn = Connection::open(&path).unwrap();
        migrate(&conn, "v6.db", &MIGRATIONS[..6]).unwrap();
        let (orders, mos) = waiting_before_upgrade();
        for o in &orders {
            conn.execute(
                "INSERT INTO orders (id, status, channel, external_ref, placed_at, data)
                 VALUES (?1, ?2, ?3, NULL, ?4, ?5)",
                [
                    o.id.clone(),
                    o.status.as_str().to_string(),
                    o.channel.clone(),
                    ts_text(o.placed_at),
                    to_json(o).unwrap(),
                ],
            )
            .unwrap();
        }
        for mo in &mos {
            conn.execute(
                "INSERT INTO mos (id, status, data) VALUES (?1, ?2, ?3)",
                [
                    mo.id.clone(),
                    mo.status.as_str().to_string(),
                    to_json(mo).unwrap(),
                ],
            )
            .unwrap();
        }
    }
    let store = SqliteStore::open_with(&path, SqliteOptions::default()).unwrap();
    check_waiting_after_upgrade(&store);
}

/// A version 7 database, from before stock with something free was
/// indexed: the upgrade files what is free of the stock it holds, compared
/// exactly, and the index follows the movements after it.
#[test]
fn version_7_database_files_free_stock() {
    use crate::store::conformance::{check_free_after_upgrade, free_before_upgrade};
    use crate::store::sql::to_json;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v7.db");
    {
        let conn = Connection::open(&path).unwrap();
        migrate(&conn, "v7.db", &MIGRATIONS[..7]).unwrap();
        let (locations, balances, reserved) = free_before_upgrade();
        for l in &locations {
            conn.execute(
                "INSERT OR REPLACE INTO locations (code, data) VALUES (?1, ?2)",
                [l.code.clone(), to_json(l).unwrap()],
            )
            .unwrap();
        }
        for (table, rows) in [("balances", balances), ("reserved_totals", reserved)] {
            for b in rows {
                conn.execute(
                    &format!(
                        "INSERT INTO {table} (sku, lot, location, qty) VALUES (?1, ?2, ?3, ?4)"
                    ),
                    [b.sku, b.lot, b.location, b.qty.to_string()],
                )
                .unwrap();
            }
        }
    }
    let store = SqliteStore::open_with(&path, SqliteOptions::default()).unwrap();
    check_free_after_upgrade(&store);
}

/// A version 8 database, from before balances were keyed by location and
/// trace edges numbered without AUTOINCREMENT: its balances and edges read
/// back the same, stock at a location is read from the table's own key, and
/// new edges are numbered after the old ones.
#[test]
fn version_8_database_keys_balances_by_location() {
    use crate::domain::ledger::Balance;
    use crate::domain::trace::TraceEdge;
    use crate::store::conformance::{check_free_after_upgrade, free_before_upgrade};
    use crate::store::sql::to_json;
    use rust_decimal::Decimal;
    let edge = |from: &str, to: &str, mo: &str| TraceEdge {
        from_lot: from.into(),
        to_lot: to.into(),
        mo: mo.into(),
        qty: Decimal::new(25, 1),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v8.db");
    let (locations, balances, reserved) = free_before_upgrade();
    {
        let conn = Connection::open(&path).unwrap();
        migrate(&conn, "v8.db", &MIGRATIONS[..8]).unwrap();
        for l in &locations {
            conn.execute(
                "INSERT INTO locations (code, data) VALUES (?1, ?2)",
                [l.code.clone(), to_json(l).unwrap()],
            )
            .unwrap();
        }
        for (table, rows) in [("balances", &balances), ("reserved_totals", &reserved)] {
            for b in rows.clone() {
                conn.execute(
                    &format!(
                        "INSERT INTO {table} (sku, lot, location, qty) VALUES (?1, ?2, ?3, ?4)"
                    ),
                    [b.sku, b.lot, b.location, b.qty.to_string()],
                )
                .unwrap();
            }
        }
        crate::store::sqlite::free::backfill(&conn).unwrap();
        // Ids with a gap, as AUTOINCREMENT may leave them.
        for (id, e) in [
            (1, edge("W-1", "C-1", "MO-1")),
            (5, edge("W-2", "C-1", "MO-1")),
        ] {
            conn.execute(
                "INSERT INTO trace_edges (id, from_lot, to_lot, data) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![id, e.from_lot, e.to_lot, to_json(&e).unwrap()],
            )
            .unwrap();
        }
    }
    let store = SqliteStore::open_with(&path, SqliteOptions::default()).unwrap();
    let mut tx = store.begin(TxMode::Read).unwrap();
    let key = |b: &Balance| (b.sku.clone(), b.lot.clone(), b.location.clone());
    let mut all = tx.balances().unwrap();
    all.sort_by_key(key);
    let mut expected = balances.clone();
    expected.sort_by_key(key);
    assert_eq!(all, expected);
    assert_eq!(
        tx.balances_of_lot("W-2").unwrap(),
        expected
            .iter()
            .filter(|b| b.lot == "W-2")
            .cloned()
            .collect::<Vec<_>>()
    );
    assert_eq!(
        tx.edges_to("C-1").unwrap(),
        [edge("W-1", "C-1", "MO-1"), edge("W-2", "C-1", "MO-1")]
    );
    drop(tx);
    let mut tx = store.begin(TxMode::Write).unwrap();
    tx.put_trace_edge(&edge("W-4", "C-1", "MO-2")).unwrap();
    tx.commit().unwrap();
    let stock_at_location = {
        use crate::store::sql::SqlConn;
        let writer = tx::Conn::Writer(&store, store.lock_writer());
        SqliteConn::begin(writer, TxMode::Write, None)
            .unwrap()
            .stock_at_location_sql()
    };
    let conn = store.lock_writer();
    let ids: Vec<i64> = column(&conn, "SELECT id FROM trace_edges ORDER BY id", [], 0);
    assert_eq!(ids, [1, 5, 6]);
    let objects: Vec<String> = column(
        &conn,
        "SELECT name FROM sqlite_master WHERE name = 'balances_by_sku_location'",
        [],
        0,
    );
    assert!(objects.is_empty(), "{objects:?}");
    // No counter of AUTOINCREMENT is written any more.
    let counted: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_sequence", [], |r| r.get(0))
        .unwrap();
    assert_eq!(counted, 0);
    // Stock at one location is a range of the key, not a walk of the SKU.
    let plan_sql = format!("EXPLAIN QUERY PLAN {stock_at_location}");
    let plan: Vec<String> = column(&conn, &plan_sql, ["WAX", "MAIN"], 3);
    assert!(
        plan.iter()
            .any(|p| p.contains("PRIMARY KEY (sku=? AND location=?)")),
        "{plan:?}"
    );
    drop(conn);
    check_free_after_upgrade(&store);
}

/// One column of every row a statement returns.
fn column<T: rusqlite::types::FromSql>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    at: usize,
) -> Vec<T> {
    conn.prepare(sql)
        .unwrap()
        .query_map(params, |r| r.get(at))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
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

/// Write transactions share what they read of the catalog, but never serve
/// it once it has changed: not after another store (another process) on
/// the same file changed an item, not after this store changed it, and a
/// change rolled back leaves the stored item as it was.
#[test]
fn shared_catalog_never_serves_a_changed_item() {
    use crate::domain::quantity::Uom;
    use crate::store::conformance::item;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.db");
    let a = SqliteStore::open_with(&path, SqliteOptions::default()).unwrap();
    let b = SqliteStore::open_with(&path, SqliteOptions::default()).unwrap();
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

    // Not there yet, as `a` learns it; then defined by `b`.
    assert_eq!(named(&a), None);
    rename(&b, "Soy wax", true);
    assert_eq!(named(&a).as_deref(), Some("Soy wax"));
    assert_eq!(named(&a).as_deref(), Some("Soy wax"));
    // Changed by the other store while `a` holds it.
    rename(&b, "Coconut wax", true);
    assert_eq!(named(&a).as_deref(), Some("Coconut wax"));
    // Changed by `a` itself, then a change of `a` rolled back.
    rename(&a, "Rapeseed wax", true);
    assert_eq!(named(&a).as_deref(), Some("Rapeseed wax"));
    assert_eq!(named(&b).as_deref(), Some("Rapeseed wax"));
    rename(&a, "Never stored", false);
    assert_eq!(named(&a).as_deref(), Some("Rapeseed wax"));
    // Writes that leave the catalog alone keep it shared, and correct.
    let mut tx = a.begin(TxMode::Write).unwrap();
    tx.next_id("order").unwrap();
    tx.commit().unwrap();
    assert_eq!(named(&a).as_deref(), Some("Rapeseed wax"));
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
        tx.put_order(o).unwrap();
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
