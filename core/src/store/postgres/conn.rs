//! A Postgres connection inside one transaction, as the shared SQL layer
//! ([`SqlConn`]) sees it.

use postgres::types::ToSql;
use postgres::SimpleQueryMessage;

use super::{map_err, PgClient, PostgresStore};
use crate::domain::event::Event;
use crate::domain::order::SalesOrder;
use crate::error::{Error, Result};
use crate::store::sql::cache::SharedCatalog;
use crate::store::sql::{to_json, LockSpace, OrderRow, Param, SqlConn};
use crate::store::TxMode;

/// What a read transaction sends first, in one round trip: publish the
/// queued events, then begin the snapshot.
///
/// Publishing moves committed events from the queue into `events`, numbered
/// after the tail in queue order, as its own short transaction. Whoever
/// holds the publishing lock does it; a reader that finds it taken skips
/// (the holder is publishing), so readers never wait for each other. One
/// statement, one snapshot: only events whose commands have committed move,
/// the rest stay for the next reader; with none to move, nothing is written.
const READ_BEGIN: &str = concat!(
    r#"BEGIN ISOLATION LEVEL READ COMMITTED;
WITH l AS (SELECT pg_try_advisory_xact_lock(hashtextextended('lotwise-events:' || current_schema(), 0)) AS got),
     q AS (DELETE FROM lotwise_event_queue WHERE (SELECT got FROM l) RETURNING id, data),
     n AS (SELECT data, row_number() OVER (ORDER BY id) AS k FROM q),
     t AS (UPDATE lotwise_event_tail SET seq = seq + (SELECT count(*) FROM n)
           WHERE id = 1 AND EXISTS (SELECT 1 FROM n)
           RETURNING seq - (SELECT count(*) FROM n) AS base)
INSERT INTO events (seq, data)
SELECT (SELECT base FROM t) + n.k,
       regexp_replace(n.data, '^\{"seq":[0-9]+,', '{"seq":' || ((SELECT base FROM t) + n.k) || ',')
FROM n;
COMMIT;"#,
    "\nBEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;",
    "\nSELECT version FROM lotwise_catalog WHERE id = 1"
);

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
        };
        // One round trip. Every command first takes the store-wide lock:
        // exclusively (it then runs alone and sees every earlier command's
        // writes) or, for a concurrent command, shared with the other
        // concurrent ones (see `store/sql/guard.rs`). Advisory locks are
        // database-wide: the key is the schema's, so lotwise instances in
        // other schemas of the same database do not wait for each other.
        let begin = match mode {
            // The catalog version is read once the lock is held: no command
            // can change the catalog until this one ends.
            TxMode::Write => {
                "BEGIN ISOLATION LEVEL READ COMMITTED;
                 SELECT pg_advisory_xact_lock(hashtextextended('lotwise:' || current_schema(), 0));
                 SELECT version FROM lotwise_catalog WHERE id = 1"
            }
            TxMode::Concurrent => {
                "BEGIN ISOLATION LEVEL READ COMMITTED;
                 SELECT pg_advisory_xact_lock_shared(hashtextextended('lotwise:' || current_schema(), 0));
                 SELECT version FROM lotwise_catalog WHERE id = 1"
            }
            // Queued events are numbered first, in the same round trip.
            TxMode::Read => READ_BEGIN,
        };
        conn.open = true;
        let replies = conn.pg()?.client.simple_query(begin).map_err(map_err)?;
        // The last row is the catalog version.
        let version = replies.iter().rev().find_map(|m| match m {
            SimpleQueryMessage::Row(row) => row.get(0).and_then(|v| v.parse::<i64>().ok()),
            _ => None,
        });
        conn.catalog_version = version.ok_or_else(|| Error::Storage {
            reason: "the catalog version row (lotwise_catalog) is missing".into(),
        })?;
        Ok(conn)
    }

    fn pg(&mut self) -> Result<&mut PgClient> {
        self.client.as_mut().ok_or_else(|| Error::Internal {
            reason: "postgres transaction without a connection".into(),
        })
    }

    /// Runs a statement, preparing it once per connection.
    fn query(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<Vec<postgres::Row>> {
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
        let sql = match counter {
            "order" => "SELECT nextval('lotwise_id_order')",
            "reservation" => "SELECT nextval('lotwise_id_reservation')",
            "movement" => "SELECT nextval('lotwise_id_movement')",
            "lot" => "SELECT nextval('lotwise_id_lot')",
            "mo" => "SELECT nextval('lotwise_id_mo')",
            "shipment" => "SELECT nextval('lotwise_id_shipment')",
            "purchase_order" => "SELECT nextval('lotwise_id_purchase_order')",
            "return" => "SELECT nextval('lotwise_id_return')",
            "transfer" => "SELECT nextval('lotwise_id_transfer')",
            // A counter without a sequence: a row of `counters`, which
            // concurrent commands (only ever using the names above) never touch.
            other => {
                let n = self.exec(
                    "INSERT INTO counters (name, value) VALUES ($1, 1)
                     ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
                    &[Param::Text(other)],
                )?;
                return Ok(n.unwrap_or(0));
            }
        };
        Ok(self.int(sql, &[])?.unwrap_or(0))
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

    /// One round trip: writes the held-back orders, queues the events and
    /// commits. No lock is taken for the events: a later read numbers them
    /// ([`READ_BEGIN`]). Values go in as literals (the connection keeps
    /// `standard_conforming_strings` on, so doubling `'` is the whole
    /// escaping; Rust strings and JSON text hold no NUL).
    fn commit_with(&mut self, orders: &[SalesOrder], events: &[Event]) -> Result<()> {
        if orders.is_empty() && events.is_empty() {
            return self.commit();
        }
        if self.failed {
            return Err(failed_commit());
        }
        let mut sql = String::new();
        if !orders.is_empty() {
            sql.push_str(
                "INSERT INTO orders (id, status, channel, external_ref, placed_at, data) VALUES ",
            );
            for (i, order) in orders.iter().enumerate() {
                let row = OrderRow::of(order)?;
                let external = row.external_ref.map_or("NULL".into(), literal);
                sql.push_str(&format!(
                    "{}({}, {}, {}, {external}, {}, {})",
                    if i > 0 { ", " } else { "" },
                    literal(row.id),
                    literal(row.status),
                    literal(row.channel),
                    literal(&row.placed_at),
                    literal(&row.data),
                ));
            }
            sql.push_str(
                " ON CONFLICT (id) DO UPDATE SET status = excluded.status, \
                 channel = excluded.channel, external_ref = excluded.external_ref, \
                 placed_at = excluded.placed_at, data = excluded.data; ",
            );
        }
        if !events.is_empty() {
            sql.push_str("INSERT INTO lotwise_event_queue (data) VALUES ");
            for (i, event) in events.iter().enumerate() {
                let json = to_json(event)?;
                sql.push_str(&format!(
                    "{}({})",
                    if i > 0 { ", " } else { "" },
                    literal(&json)
                ));
            }
            sql.push_str("; ");
        }
        sql.push_str("COMMIT");
        let done = self.pg()?.client.batch_execute(&sql).map_err(map_err);
        self.failed |= done.is_err();
        done?;
        self.open = false;
        self.committed();
        Ok(())
    }

    /// Summed by the server: a few rows cross the network, not one per reservation.
    fn reserved_sql(&self) -> &'static str {
        "SELECT lot, location, sum(qty::numeric)::text FROM reservations WHERE sku = $1
         GROUP BY lot, location"
    }

    fn numbers_events_later(&self) -> bool {
        true
    }

    fn shared_catalog(&self) -> Option<(&SharedCatalog, i64)> {
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

    fn lock(&mut self, space: LockSpace, key: &str) -> Result<()> {
        if space == LockSpace::Order {
            // The row itself, as `order` locks it when it reads it.
            return self
                .query(
                    "SELECT 1 FROM orders WHERE id = $1 FOR UPDATE",
                    &[Param::Text(key)],
                )
                .map(|_| ());
        }
        self.query(
            // Two 32-bit keys, a space apart from the single 64-bit key of
            // the store-wide lock: this schema and kind of thing, then the key.
            "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':' || $1), hashtext($2))",
            &[Param::Text(space.name()), Param::Text(key)],
        )
        .map(|_| ())
    }

    fn commit(&mut self) -> Result<()> {
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
    /// After COMMIT: a changed catalog drops what this store kept of it
    /// (again: another transaction may have learnt the old one meanwhile).
    fn committed(&mut self) {
        if self.catalog_changed {
            self.store.catalog.forget();
        }
    }
}

/// A SQL string literal (with `standard_conforming_strings` on).
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
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
