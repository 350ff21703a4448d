//! A Postgres connection inside one transaction, as the shared SQL layer
//! ([`SqlConn`]) sees it.

use postgres::types::ToSql;
use postgres::SimpleQueryMessage;

use super::inline::execute;
use super::{map_err, PgClient, PostgresStore};
use crate::error::{Error, Result};
use crate::store::sql::cache::SharedCatalog;
use crate::store::sql::{HeldBack, LockSpace, Param, SqlConn, Stmt, TAKE_COUNTER_VALUE};
use crate::store::TxMode;

mod batch;
mod commit;

pub(super) use commit::Shape as CommitShape;

/// Publishes the queued events: moves committed events from the queue
/// into `events`, numbered after the tail in queue order. Whoever holds the
/// publishing lock does it; a reader that finds it taken skips (the holder
/// is publishing), so readers never wait for each other. One statement,
/// one snapshot: only events whose commands have committed move, the rest
/// stay for the next reader; with none to move, nothing is written.
const PUBLISH_EVENTS: &str = r#"WITH l AS (SELECT pg_try_advisory_xact_lock(hashtextextended('lotwise-events:' || current_schema(), 0)) AS got),
     q AS (DELETE FROM lotwise_event_queue WHERE (SELECT got FROM l) RETURNING id, data),
     n AS (SELECT data, row_number() OVER (ORDER BY id) AS k FROM q),
     t AS (UPDATE lotwise_event_tail SET seq = seq + (SELECT count(*) FROM n)
           WHERE id = 1 AND EXISTS (SELECT 1 FROM n)
           RETURNING seq - (SELECT count(*) FROM n) AS base)
INSERT INTO events (seq, data)
SELECT (SELECT base FROM t) + n.k,
       regexp_replace(n.data, '^\{"seq":[0-9]+,', '{"seq":' || ((SELECT base FROM t) + n.k) || ',')
FROM n"#;

/// The store-wide lock of a command that runs alone. Advisory locks are
/// database-wide: the key is the schema's, so lotwise instances in other
/// schemas of the same database do not wait for each other.
const STORE_LOCK: &str =
    "SELECT pg_advisory_xact_lock(hashtextextended('lotwise:' || current_schema(), 0))";
/// The store-wide lock of a concurrent command (see `store/sql/guard.rs`).
const STORE_LOCK_SHARED: &str =
    "SELECT pg_advisory_xact_lock_shared(hashtextextended('lotwise:' || current_schema(), 0))";
/// The catalog version a transaction reads.
const CATALOG_VERSION: &str = "SELECT version FROM lotwise_catalog WHERE id = 1";

/// A statement of a transaction's first round trip.
enum Opening {
    /// Sent as it is (transaction control).
    Plain(&'static str),
    /// Prepared once per connection, then executed.
    Prepared(&'static str),
}

/// What a transaction sends first, in one round trip, by mode; the last
/// row is the catalog version.
fn opening(mode: TxMode) -> &'static [Opening] {
    use Opening::{Plain, Prepared};
    match mode {
        // The catalog version is read once the lock is held: no command
        // can change the catalog until this one ends.
        TxMode::Write => &[
            Plain("BEGIN ISOLATION LEVEL READ COMMITTED"),
            Prepared(STORE_LOCK),
            Prepared(CATALOG_VERSION),
        ],
        TxMode::Concurrent => &[
            Plain("BEGIN ISOLATION LEVEL READ COMMITTED"),
            Prepared(STORE_LOCK_SHARED),
            Prepared(CATALOG_VERSION),
        ],
        // Queued events are published first, as their own transaction.
        TxMode::Read => &[
            Plain("BEGIN ISOLATION LEVEL READ COMMITTED"),
            Prepared(PUBLISH_EVENTS),
            Plain("COMMIT"),
            Plain("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
            Prepared(CATALOG_VERSION),
        ],
    }
}

/// One open transaction on a pooled connection; rolled back on drop unless
/// committed, then the connection goes back to the pool.
pub(crate) struct PgConn<'a> {
    store: &'a PostgresStore,
    client: Option<PgClient>,
    open: bool,
    /// A statement failed: Postgres has aborted the transaction, and a
    /// COMMIT would silently roll back, so commit must refuse instead.
    failed: bool,
    /// The catalog version this transaction reads (read as it began).
    catalog_version: i64,
    /// This transaction raised the catalog version.
    catalog_changed: bool,
    /// A concurrent command's opening, not yet sent: it goes with the
    /// command's first statements, in their round trip.
    deferred: Option<String>,
    /// The catalog version a deferred transaction's catalog was seeded at
    /// (`None`: nothing was known, so it started empty).
    assumed_version: Option<i64>,
}

impl<'a> PgConn<'a> {
    pub(crate) fn begin(store: &'a PostgresStore, client: PgClient, mode: TxMode) -> Result<Self> {
        let mut conn = PgConn {
            store,
            client: Some(client),
            open: false,
            failed: false,
            catalog_version: 0,
            catalog_changed: false,
            deferred: None,
            assumed_version: None,
        };
        // Every command first takes the store-wide lock: exclusively (it
        // then runs alone and sees every earlier command's writes) or, for a
        // concurrent command, shared with the other concurrent ones (see
        // `store/sql/guard.rs`).
        let parts = opening(mode);
        let prepared: Vec<&'static str> = parts
            .iter()
            .filter_map(|p| match p {
                Opening::Prepared(sql) => Some(*sql),
                Opening::Plain(_) => None,
            })
            .collect();
        conn.prepare_named(&prepared)?;
        let mut begin = String::new();
        for part in parts {
            match part {
                Opening::Plain(sql) => {
                    begin.push_str(sql);
                    begin.push_str(";\n");
                }
                Opening::Prepared(sql) => conn.push_execute(&mut begin, sql, &[])?,
            }
        }
        if mode == TxMode::Concurrent {
            // Sent with the first statements. Until then the command works
            // from the catalog as this store last knew it, and the version
            // read then says whether that still held (see `opened`).
            conn.assumed_version = store.catalog.version();
            conn.catalog_version = conn.assumed_version.unwrap_or(0);
            conn.deferred = Some(begin);
            return Ok(conn);
        }
        conn.open = true;
        let replies = conn.pg()?.client.simple_query(&begin).map_err(map_err)?;
        // The last row is the catalog version.
        let version = replies.iter().rev().find_map(|m| match m {
            SimpleQueryMessage::Row(row) => row.get(0),
            _ => None,
        });
        conn.catalog_version = parse_version(version)?;
        Ok(conn)
    }

    /// Sends a deferred opening on its own, before a statement that cannot
    /// go in its round trip.
    fn open_now(&mut self) -> Result<()> {
        let Some(begin) = self.deferred.take() else {
            return Ok(());
        };
        self.open = true;
        let replies = self.pg()?.client.simple_query(&begin);
        self.failed |= replies.is_err();
        let replies = replies.map_err(could_not_begin)?;
        let version = replies.iter().rev().find_map(|m| match m {
            SimpleQueryMessage::Row(row) => row.get(0),
            _ => None,
        });
        self.opened(parse_version(version)?)
    }

    /// The deferred opening has run and read catalog version `actual`. If
    /// the catalog moved since this store last read it, what the command
    /// has used of it may be stale: it fails as a conflict and runs again
    /// alone (reading the catalog afresh).
    fn opened(&mut self, actual: i64) -> Result<()> {
        if let Some(assumed) = self.assumed_version {
            if assumed != actual {
                self.store.catalog.forget();
                self.failed = true;
                return Err(Error::Conflict {
                    reason: "the catalog changed while the command ran".into(),
                });
            }
        }
        self.catalog_version = actual;
        self.assumed_version = Some(actual);
        Ok(())
    }

    fn pg(&mut self) -> Result<&mut PgClient> {
        self.client.as_mut().ok_or_else(|| Error::Internal {
            reason: "postgres transaction without a connection".into(),
        })
    }

    /// Runs a statement, preparing it once per connection.
    fn query(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<Vec<postgres::Row>> {
        self.open_now()?;
        let values: Vec<&(dyn ToSql + Sync)> = params
            .iter()
            .map(|p| match p {
                Param::Text(s) => s as &(dyn ToSql + Sync),
                Param::MaybeText(s) => s as &(dyn ToSql + Sync),
                Param::Int(n) => n as &(dyn ToSql + Sync),
            })
            .collect();
        let pg = self.client.as_mut().ok_or_else(|| Error::Internal {
            reason: "postgres transaction without a connection".into(),
        })?;
        let rows = run(pg, sql, &values);
        self.failed |= rows.is_err();
        rows.map_err(map_err)
    }
}

/// Prepares `sql` once per connection and runs it.
fn run(
    pg: &mut PgClient,
    sql: &'static str,
    values: &[&(dyn ToSql + Sync)],
) -> std::result::Result<Vec<postgres::Row>, postgres::Error> {
    let statement = match pg.statements.get(sql) {
        Some(s) => s.clone(),
        None => {
            let s = pg.client.prepare(sql)?;
            pg.statements.insert(sql, s.clone());
            s
        }
    };
    pg.client.query(&statement, values)
}

impl SqlConn for PgConn<'_> {
    fn exec(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<Option<i64>> {
        let rows = self.query(sql, params)?;
        Ok(rows.first().and_then(|r| r.try_get::<_, i64>(0).ok()))
    }

    fn rows(
        &mut self,
        sql: &'static str,
        params: &[Param<'_>],
        cols: usize,
    ) -> Result<Vec<Vec<String>>> {
        self.query(sql, params)?
            .iter()
            .map(|r| (0..cols).map(|i| r.try_get(i).map_err(map_err)).collect())
            .collect()
    }

    fn int(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<Option<i64>> {
        match self.query(sql, params)?.first() {
            Some(r) => r.try_get(0).map(Some).map_err(map_err),
            None => Ok(None),
        }
    }

    /// Ids come from sequences: they never block a concurrent command, and
    /// an id taken by a command that then fails or is retried is skipped.
    fn next_id(&mut self, counter: &str) -> Result<i64> {
        match id_sequence(counter) {
            Some(sql) => Ok(self.int(sql, &[])?.unwrap_or(0)),
            // A counter without a sequence: a row of `counters`, which
            // concurrent commands (only ever using the names above) never touch.
            None => {
                let n = self.exec(TAKE_COUNTER_VALUE, &[Param::Text(counter)])?;
                Ok(n.unwrap_or(0))
            }
        }
    }

    fn next_id_statement(&self, counter: &str) -> Option<&'static str> {
        id_sequence(counter)
    }

    /// The sequence is only advanced when no order is filed under the
    /// reference, so a replayed order (a retried webhook) skips no number.
    fn next_order_id_statement(&self) -> Option<&'static str> {
        Some(
            "SELECT nextval('lotwise_id_order') WHERE NOT EXISTS
               (SELECT 1 FROM orders WHERE channel = $1 AND external_ref = $2)",
        )
    }

    fn order_or_next_id_sql(&self) -> Option<&'static str> {
        Some(
            "SELECT 'order', o.data FROM (SELECT data FROM orders
               WHERE channel = $1 AND external_ref = $2 ORDER BY id LIMIT 1) o
             UNION ALL SELECT 'id', nextval('lotwise_id_order')::text WHERE NOT EXISTS
               (SELECT 1 FROM orders WHERE channel = $1 AND external_ref = $2)",
        )
    }

    /// Locks the one-row event tail until commit: commands number their
    /// events one at a time, in commit order, so readers never see a gap.
    fn claim_event_seqs(&mut self, n: u64) -> Result<i64> {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        let after = self.int(
            "UPDATE lotwise_event_tail SET seq = seq + $1 WHERE id = 1 RETURNING seq",
            &[Param::Int(n)],
        )?;
        match after {
            Some(after) => Ok(after - n),
            None => Err(Error::Storage {
                reason: "the event tail row (lotwise_event_tail) is missing".into(),
            }),
        }
    }

    /// One round trip: writes the held-back reservations, orders and
    /// records, queues the events and commits — in one statement where the
    /// commit's shape allows (`conn/commit.rs`). No lock is taken for
    /// the events: a later read numbers them ([`PUBLISH_EVENTS`]). Values
    /// go in as literals (`postgres/inline.rs`).
    fn commit_with(&mut self, held: &HeldBack) -> Result<()> {
        if held.is_empty() {
            return self.commit();
        }
        self.open_now()?;
        if self.failed {
            return Err(failed_commit());
        }
        let mut sql = self.commit_statements(held)?;
        sql.push_str("COMMIT");
        let done = self.pg()?.client.batch_execute(&sql).map_err(map_err);
        self.failed |= done.is_err();
        done?;
        self.open = false;
        self.committed();
        Ok(())
    }

    /// Kept summed by the server (`reserved_totals`, schema 5): a few rows
    /// are read, not one per open reservation.
    fn reserved_sql(&self) -> &'static str {
        "SELECT lot, location, qty::text FROM reserved_totals WHERE sku = $1"
    }

    /// `free_stock` is kept by triggers (schema 9).
    fn free_stock_sql(&self) -> &'static str {
        "SELECT f.sku, f.lot, f.location, b.qty, coalesce(r.qty::text, '0'), coalesce(l.data, '')
             FROM free_stock f
             JOIN balances b ON b.sku = f.sku AND b.lot = f.lot AND b.location = f.location
             LEFT JOIN reserved_totals r
               ON r.sku = f.sku AND r.lot = f.lot AND r.location = f.location
             LEFT JOIN lots l ON l.code = f.lot
             WHERE f.sku = $1 ORDER BY f.lot, f.location"
    }

    fn reserved_lot_sql(&self) -> &'static str {
        "SELECT lot, location, qty::text FROM reserved_totals WHERE sku = $1 AND lot = $2"
    }

    fn numbers_events_later(&self) -> bool {
        true
    }

    fn shared_catalog(&self) -> Option<(&SharedCatalog, i64)> {
        // A deferred transaction that knows no version starts empty.
        if self.deferred.is_some() && self.assumed_version.is_none() {
            return None;
        }
        Some((&self.store.catalog, self.catalog_version))
    }

    /// Raises the version, so every store (this process's and others')
    /// reads the catalog afresh once this commits.
    fn catalog_changed(&mut self) -> Result<()> {
        self.exec(
            "UPDATE lotwise_catalog SET version = version + 1 WHERE id = 1",
            &[],
        )?;
        self.catalog_changed = true;
        self.store.catalog.forget();
        Ok(())
    }

    fn lock_statement<'k>(&self, space: LockSpace, key: &'k str) -> Option<Stmt<'k>> {
        Some(if space == LockSpace::Order {
            // The row itself, as `order` locks it when it reads it.
            Stmt::new(
                "SELECT 1 FROM orders WHERE id = $1 FOR UPDATE",
                &[Param::Text(key)],
                0,
            )
        } else {
            Stmt::new(
                // Two 32-bit keys, a space apart from the single 64-bit key of
                // the store-wide lock: this schema and kind of thing, then the key.
                "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':' || $1), hashtext($2))",
                &[Param::Text(space.name()), Param::Text(key)],
                0,
            )
        })
    }

    /// One round trip (the simple query protocol, values written in). In
    /// READ COMMITTED each statement takes its own snapshot as it starts,
    /// so one that follows a lock sees what the lock's last holder wrote.
    fn batch(&mut self, statements: &[Stmt<'_>]) -> Result<Vec<Vec<Vec<String>>>> {
        self.send_batch(statements)
    }

    /// A command that fails before its first statement has only used the
    /// catalog as this store last knew it: the opening is sent now to see
    /// whether that still held.
    fn recheck(&mut self) -> Result<()> {
        self.open_now()
    }

    fn commit(&mut self) -> Result<()> {
        if self.deferred.take().is_some() {
            // Nothing was sent: there is no transaction to end.
            return Ok(());
        }
        if self.failed {
            return Err(failed_commit());
        }
        self.pg()?.client.batch_execute("COMMIT").map_err(map_err)?;
        self.open = false;
        self.committed();
        Ok(())
    }
}

impl PgConn<'_> {
    /// Prepares by SQL `PREPARE`, in one round trip, those of `sqls` this
    /// connection has not prepared yet. Once prepared, a statement runs by
    /// `EXECUTE` inside a batch without being parsed and planned again.
    /// `PREPARE` outlives a rollback; a name is never reused, so a failed
    /// attempt (of which some may have taken) costs a name, not an error.
    fn prepare_named(&mut self, sqls: &[&'static str]) -> Result<()> {
        let pg = self.pg()?;
        let mut missing: Vec<(&'static str, String)> = Vec::new();
        let mut text = String::new();
        for &sql in sqls {
            if pg.named.contains_key(sql) || missing.iter().any(|(s, _)| *s == sql) {
                continue;
            }
            let name = pg.fresh_name();
            text.push_str(&format!("PREPARE {name} AS {sql};\n"));
            missing.push((sql, name));
        }
        if missing.is_empty() {
            return Ok(());
        }
        let done = pg.client.batch_execute(&text);
        if done.is_ok() {
            pg.named.extend(missing);
        }
        self.failed |= done.is_err();
        done.map_err(map_err)
    }

    /// Appends `EXECUTE` of `sql` (prepared by [`PgConn::prepare_named`])
    /// with these values, and the statement's end, to `batch`.
    fn push_execute(
        &mut self,
        batch: &mut String,
        sql: &'static str,
        params: &[Param<'_>],
    ) -> Result<()> {
        let name = self.pg()?.named.get(sql).ok_or_else(|| Error::Internal {
            reason: format!(
                "a statement not prepared on this connection: {}",
                sql_head(sql)
            ),
        })?;
        batch.push_str(&execute(name, params)?);
        batch.push_str(";\n");
        Ok(())
    }

    /// After COMMIT: a changed catalog drops what this store kept of it
    /// (again: another transaction may have learnt the old one meanwhile).
    fn committed(&mut self) {
        if self.catalog_changed {
            self.store.catalog.forget();
        }
    }
}

/// How many statements a transaction's opening has.
fn opening_len(mode: TxMode) -> usize {
    opening(mode).len()
}

/// The catalog version from its row's text.
fn parse_version(text: Option<&str>) -> Result<i64> {
    text.and_then(|v| v.parse::<i64>().ok())
        .ok_or_else(|| Error::Storage {
            reason: "the catalog version row (lotwise_catalog) is missing".into(),
        })
}

/// A request carrying a deferred opening failed. Nothing has run, so the
/// command can run again alone — on another connection if this pooled one
/// turns out closed (the server restarted, an idle timeout): a retryable
/// conflict, whatever the cause.
fn could_not_begin(e: postgres::Error) -> Error {
    match map_err(e) {
        retryable @ Error::Conflict { .. } => retryable,
        other => Error::Conflict {
            reason: format!("the command could not begin: {other}"),
        },
    }
}

/// The statement taking the next value of a counter's sequence.
fn id_sequence(counter: &str) -> Option<&'static str> {
    Some(match counter {
        "order" => "SELECT nextval('lotwise_id_order')",
        "reservation" => "SELECT nextval('lotwise_id_reservation')",
        "movement" => "SELECT nextval('lotwise_id_movement')",
        "lot" => "SELECT nextval('lotwise_id_lot')",
        "mo" => "SELECT nextval('lotwise_id_mo')",
        "shipment" => "SELECT nextval('lotwise_id_shipment')",
        "purchase_order" => "SELECT nextval('lotwise_id_purchase_order')",
        "return" => "SELECT nextval('lotwise_id_return')",
        "transfer" => "SELECT nextval('lotwise_id_transfer')",
        "customer" => "SELECT nextval('lotwise_id_customer')",
        _ => return None,
    })
}

/// The start of a statement, for an error message.
fn sql_head(sql: &str) -> String {
    sql.chars().take(120).collect()
}

/// Commit after a failed statement: Postgres has aborted the transaction.
fn failed_commit() -> Error {
    Error::Internal {
        reason: "commit after a failed statement; the transaction was rolled back".into(),
    }
}

impl Drop for PgConn<'_> {
    fn drop(&mut self) {
        let Some(mut pg) = self.client.take() else {
            return;
        };
        if self.open && pg.client.batch_execute("ROLLBACK").is_err() {
            // A connection that cannot roll back is not reused.
            return;
        }
        self.store.give_back(pg);
    }
}
