//! Schema upgrades: a database left at each older version opens, keeps its
//! data and gets what the new version indexes.

use super::*;

/// A new database file left at schema `version`, as an older lotwise left
/// it, filled by `fill` on a connection of its own (closed before the
/// store opens the file).
fn file_at_version(version: usize, fill: impl FnOnce(&Connection)) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("v{version}.db");
    let path = dir.path().join(&name);
    let conn = Connection::open(&path).unwrap();
    migrate(&conn, &name, &MIGRATIONS[..version]).unwrap();
    fill(&conn);
    (dir, path)
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
            [crate::store::conformance::LEGACY_RESERVATION],
        )
        .unwrap();
    }
    let store = SqliteStore::open_with(&path, SqliteOptions::default()).unwrap();
    let mut tx = store.begin(TxMode::Write).unwrap();
    crate::store::conformance::check_legacy_reservation_reserved(&mut *tx);
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
    use crate::domain::production::MoStatus;
    use rust_decimal::Decimal;
    // A batch of 12 for line 1 of SO-1, `allocated` of it promised.
    let batch = |id: &str, status: MoStatus, allocated: i64| {
        let mut mo = crate::store::conformance::mo(id, status, &["SO-1"]);
        mo.allocations[0].qty = Decimal::from(allocated);
        mo
    };
    let (_dir, path) = file_at_version(3, |conn| {
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
    });
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
    tx.put_mo(batch("MO-2", MoStatus::InProduction, 12))
        .unwrap();
    tx.put_mo(batch("MO-1", MoStatus::MaterialsReserved, 12))
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
    let (_dir, path) = file_at_version(6, |conn| {
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
    });
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
    let (_dir, path) = file_at_version(7, |conn| {
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
    });
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
    let (locations, balances, reserved) = free_before_upgrade();
    let (_dir, path) = file_at_version(8, |conn| {
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
        crate::store::sqlite::free::backfill(conn).unwrap();
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
    });
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

/// A version 9 database, from before three indexes no command needs were
/// dropped: they are gone, and a SKU's reservations (now read without an
/// index) and a demand's read back as before.
#[test]
fn version_9_database_drops_the_indexes_no_command_needs() {
    use crate::domain::reservation::{Demand, Reservation};
    use crate::store::sql::to_json;
    use chrono::TimeZone;
    let held = |id: u64, sku: &str, mo: &str| Reservation {
        id,
        sku: sku.into(),
        lot: format!("{sku}-1"),
        location: "MAIN".into(),
        qty: rust_decimal::Decimal::new(15, 1),
        demand: Demand::MoInput { mo: mo.into() },
        at: chrono::Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap(),
    };
    let stored = [
        held(3, "WAX", "MO-1"),
        held(4, "JAR", "MO-1"),
        held(7, "WAX", "MO-2"),
    ];
    let (_dir, path) = file_at_version(9, |conn| {
        for r in &stored {
            conn.execute(
                "INSERT INTO reservations
                 (id, sku, demand_kind, demand_ref, demand_line, lot, location, qty, data)
                 VALUES (?1, ?2, 'mo_input', ?3, 0, ?4, ?5, ?6, ?7)",
                rusqlite::params![
                    r.id as i64,
                    r.sku,
                    match &r.demand {
                        Demand::MoInput { mo } => mo.clone(),
                        Demand::OrderLine { order, .. } => order.clone(),
                    },
                    r.lot,
                    r.location,
                    r.qty.to_string(),
                    to_json(r).unwrap()
                ],
            )
            .unwrap();
        }
    });
    let store = SqliteStore::open_with(&path, SqliteOptions::default()).unwrap();
    let mut tx = store.begin(TxMode::Read).unwrap();
    assert_eq!(
        tx.reservations_of_item("WAX").unwrap(),
        [stored[0].clone(), stored[2].clone()]
    );
    assert_eq!(
        tx.reservations_for(&Demand::MoInput { mo: "MO-1".into() })
            .unwrap(),
        [stored[0].clone(), stored[1].clone()]
    );
    drop(tx);
    let conn = store.lock_writer();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 10);
    let objects: Vec<String> = column(
        &conn,
        "SELECT name FROM sqlite_master WHERE name IN
         ('reservations_by_sku', 'movements_by_lot', 'orders_by_placed_at')",
        [],
        0,
    );
    assert!(objects.is_empty(), "{objects:?}");
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
