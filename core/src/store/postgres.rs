//! The Postgres backend, for several processes or servers sharing one
//! database: `Lotwise::open("postgres://user@host:5432/db")`.
//!
//! - The same schema as SQLite (`migrations/postgres/`), versioned in the
//!   one-row table `lotwise_schema`; text columns collate `"C"` so every
//!   listing comes back in the same byte order as the other backends.
//! - Every command is one transaction that first takes a store-wide advisory
//!   lock: exclusively for most commands, which then run one at a time and
//!   never read stale stock; shared for placing and confirming orders, which
//!   run side by side and lock what they touch on the way — the order by id,
//!   the SKUs whose stock they reserve — and hand anything else back to be
//!   run exclusively (`store/sql/guard.rs`). Past `lock_timeout_ms` (10 s by
//!   default) a command fails with the retryable [`Error::Conflict`] before
//!   it has done anything. Ids come from sequences (a failed or retried
//!   command may skip one). A command queues its events in the same round
//!   trip as its COMMIT; each read transaction first moves the committed
//!   ones into `events`, numbered after the last (`postgres/conn.rs`), so
//!   the outbox has no gaps, only grows at the end, and no command waits
//!   for another to number its events. Queries run in
//!   `REPEATABLE READ READ ONLY` snapshots and never wait.
//! - Round trips: what a command reads together goes in one — an order with
//!   its reservations and batches; a SKU's lock with its balances, lots and
//!   reserved totals (`reserved_totals`, kept by a trigger) — as `EXECUTE`s
//!   of statements prepared once per connection, and its reservations,
//!   orders, records (`docs`: index entries such as an order's under its
//!   customer) and events are written in the round trip of its COMMIT. A
//!   concurrent command's BEGIN and shared lock go with its first reads; it
//!   starts from the catalog the store last read, and if the version then
//!   read shows the catalog has changed, it runs again alone (as it does
//!   when it fails before asking anything: `Tx::recheck`). Ids come along
//!   with the read before their use: a new order's with the duplicate
//!   lookup (only if none is filed), a reservation's with the SKU's lock.
//!   Reads announced ahead (`Tx::foresee_indexed_docs`) go with the next
//!   batch too: a new order's customer, found through its e-mail or
//!   channel id joined to the record, with the duplicate lookup.
//!   Placing and confirming an order from stock takes 5 round trips as two
//!   commands, 3 as one (`place_and_confirm_order`).
//! - Serialization failures and deadlocks (SQLSTATE 40001, 40P01), and lock
//!   timeouts (55P03), map to [`Error::Conflict`]; everything else to
//!   [`Error::Storage`]. An unreachable server fails within the connect
//!   timeout (5 s unless the URL sets `connect_timeout`).
//!
//! The URL is libpq-style (`postgres://user:password@host:port/db?…`); use
//! `options=-c%20search_path%3Dmyschema` to keep lotwise in its own schema.
//! lotwise adds one option of its own: `lock_timeout_ms=N`.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Duration;

use postgres::error::SqlState;
use postgres::{Client, Config, GenericClient, NoTls, Statement};

use super::sql::cache::SharedCatalog;
use super::sql::{Migration, SqlTx};
use super::{Store, Tx, TxMode};
use crate::error::{Error, Result};

mod conn;
mod inline;

use conn::PgConn;

/// The schema migrations, in order.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("migrations/postgres/001_initial.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("migrations/postgres/002_docs.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("migrations/postgres/003_reserved_stock.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("migrations/postgres/004_concurrency.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("migrations/postgres/005_reserved_totals.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("migrations/postgres/006_free_output.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("migrations/postgres/007_customer_ids.sql"),
    },
    Migration {
        version: 8,
        sql: include_str!("migrations/postgres/008_waiting_demand.sql"),
    },
    Migration {
        version: 9,
        sql: include_str!("migrations/postgres/009_free_stock.sql"),
    },
    Migration {
        version: 10,
        sql: include_str!("migrations/postgres/010_unread_indexes.sql"),
    },
];

/// The schema version this build of lotwise reads and writes.
pub const SCHEMA_VERSION: i64 = 10;

/// Advisory lock key held while migrating ("LotW").
const MIGRATION_LOCK: i64 = 0x4C6F_7457;

/// Tables whose presence without `lotwise_schema` means another application.
const OUR_TABLES: &str = "'items','orders','lots','movements','balances','reservations','events'";

/// A lotwise database in Postgres.
pub struct PostgresStore {
    config: Config,
    location: String,
    lock_timeout: Duration,
    idle: Mutex<Vec<PgClient>>,
    /// Items, locations and recipes as of the database's catalog version.
    catalog: SharedCatalog,
}

/// A connection and the statements prepared on it.
pub(crate) struct PgClient {
    client: Client,
    /// Statements prepared for the extended protocol (one per round trip).
    statements: HashMap<&'static str, Statement>,
    /// Statements prepared by SQL `PREPARE`, by name, for batches of
    /// `EXECUTE`s in one simple query (`postgres/conn.rs`).
    named: HashMap<&'static str, String>,
    /// Commit statements prepared by SQL `PREPARE`, by shape
    /// (`postgres/conn/commit.rs`), with their names.
    commits: HashMap<conn::CommitShape, String>,
    /// How many names have been handed out on this connection.
    names: u64,
}

impl PgClient {
    /// A name for a statement about to be prepared: never one used before
    /// on this connection (a `PREPARE` outlives a rollback).
    fn fresh_name(&mut self) -> String {
        self.names += 1;
        format!("lw_{}", self.names)
    }
}

impl PostgresStore {
    /// Connects, creates or upgrades the schema, and keeps the connection
    /// for the first command.
    pub fn open(url: &str) -> Result<PostgresStore> {
        let (url, lock_timeout) = split_options(url)?;
        let mut config = Config::from_str(&url).map_err(|e| Error::InvalidInput {
            field: "url".into(),
            value: redact(&url),
            reason: describe(&e),
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(5));
        }
        let store = PostgresStore {
            location: location_of(&config),
            config,
            lock_timeout,
            idle: Mutex::new(Vec::new()),
            catalog: SharedCatalog::default(),
        };
        let mut first = store.connect()?;
        migrate(&mut first.client, &store.location, MIGRATIONS)?;
        store.give_back(first);
        Ok(store)
    }

    fn connect(&self) -> Result<PgClient> {
        let mut client = self.config.connect(NoTls).map_err(|e| Error::Storage {
            reason: format!(
                "cannot connect to Postgres at {}: {}",
                self.location,
                describe(&e)
            ),
        })?;
        client
            .batch_execute(&format!(
                // Batches send values as literals, escaped for this setting.
                "SET standard_conforming_strings = on; SET lock_timeout = {}",
                self.lock_timeout.as_millis()
            ))
            .map_err(map_err)?;
        Ok(PgClient {
            client,
            statements: HashMap::new(),
            named: HashMap::new(),
            commits: HashMap::new(),
            names: 0,
        })
    }

    /// An idle connection (`true`) or a new one (`false`).
    fn take(&self) -> Result<(PgClient, bool)> {
        let idle = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        match idle {
            Some(c) if !c.client.is_closed() => Ok((c, true)),
            _ => Ok((self.connect()?, false)),
        }
    }

    pub(crate) fn give_back(&self, client: PgClient) {
        if client.client.is_closed() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < 16 {
            idle.push(client);
        }
    }
}

impl Store for PostgresStore {
    fn begin(&self, mode: TxMode) -> Result<Box<dyn Tx + '_>> {
        let (client, reused) = self.take()?;
        let conn = match PgConn::begin(self, client, mode) {
            Ok(conn) => conn,
            // A pooled connection the server has since dropped (restart,
            // idle timeout) fails here before anything ran: use a new one.
            Err(e) if reused && !e.is_retryable() => PgConn::begin(self, self.connect()?, mode)?,
            Err(e) => return Err(e),
        };
        Ok(Box::new(SqlTx::new(conn, mode)))
    }

    fn backend(&self) -> &'static str {
        "postgres"
    }

    fn concurrent_writes(&self) -> bool {
        true
    }
}

/// Takes lotwise's own options out of the URL's query.
fn split_options(url: &str) -> Result<(String, Duration)> {
    let mut lock_timeout = Duration::from_secs(10);
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_string(), lock_timeout));
    };
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("lock_timeout_ms", ms)) => {
                let ms: u64 = ms.parse().map_err(|_| {
                    Error::invalid_input("lock_timeout_ms", ms, "must be milliseconds")
                })?;
                lock_timeout = Duration::from_millis(ms.max(1));
            }
            _ => kept.push(pair),
        }
    }
    let url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    Ok((url, lock_timeout))
}

/// `host:port/db` for messages, without credentials.
fn location_of(config: &Config) -> String {
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config.get_dbname().or(config.get_user()).unwrap_or("");
    format!("{host}:{port}/{db}")
}

/// A URL with any password replaced, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// The error and its cause (the driver's Display leaves the cause out).
fn describe(e: &postgres::Error) -> String {
    match std::error::Error::source(e) {
        Some(cause) => format!("{e}: {cause}"),
        None => e.to_string(),
    }
}

/// Maps a driver error: lock and serialization conflicts are retryable
/// [`Error::Conflict`]s, the rest [`Error::Storage`].
pub(crate) fn map_err(e: postgres::Error) -> Error {
    let conflict = [
        SqlState::T_R_SERIALIZATION_FAILURE,
        SqlState::T_R_DEADLOCK_DETECTED,
        SqlState::LOCK_NOT_AVAILABLE,
    ];
    match e.code() {
        Some(code) if conflict.contains(code) => Error::Conflict {
            reason: describe(&e),
        },
        _ => Error::Storage {
            reason: describe(&e),
        },
    }
}

/// The stored schema version, `None` when lotwise has not set this database up.
fn stored_version(client: &mut impl GenericClient) -> Result<Option<i64>> {
    let exists: bool = client
        .query_one("SELECT to_regclass('lotwise_schema') IS NOT NULL", &[])
        .and_then(|r| r.try_get(0))
        .map_err(map_err)?;
    if !exists {
        return Ok(None);
    }
    let row = client
        .query_opt("SELECT version FROM lotwise_schema WHERE id = 1", &[])
        .map_err(map_err)?;
    match row {
        Some(r) => r.try_get(0).map(Some).map_err(map_err),
        None => Ok(Some(0)),
    }
}

/// The schema version of a database lotwise may use (0 when empty).
fn usable_version(client: &mut impl GenericClient, location: &str) -> Result<i64> {
    match stored_version(client)? {
        Some(v) if v > SCHEMA_VERSION => Err(Error::UnsupportedSchemaVersion {
            found: v,
            supported: SCHEMA_VERSION,
        }),
        Some(v) => Ok(v),
        None => {
            let foreign: i64 = client
                .query_one(
                    &format!(
                        "SELECT count(*) FROM information_schema.tables
                         WHERE table_schema = current_schema() AND table_name IN ({OUR_TABLES})"
                    ),
                    &[],
                )
                .and_then(|r| r.try_get(0))
                .map_err(map_err)?;
            if foreign > 0 {
                return Err(Error::UnrecognizedDatabase {
                    location: location.into(),
                    reason: "its schema has tables named like lotwise's but no lotwise_schema; \
                             give lotwise its own schema (options=-c search_path=…)"
                        .into(),
                });
            }
            Ok(0)
        }
    }
}

/// Creates or upgrades the schema in one transaction; refuses a newer
/// schema or another application's tables without touching them.
fn migrate(client: &mut Client, location: &str, migrations: &[Migration]) -> Result<()> {
    if usable_version(client, location)? >= SCHEMA_VERSION {
        return Ok(());
    }
    let mut tx = client.transaction().map_err(map_err)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(map_err)?;
    // Another process may have migrated while this one waited for the lock.
    let current = usable_version(&mut tx, location)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS lotwise_schema (
             id INT PRIMARY KEY CHECK (id = 1),
             version BIGINT NOT NULL
         )",
    )
    .map_err(map_err)?;
    for m in migrations.iter().filter(|m| m.version > current) {
        tx.batch_execute(m.sql).map_err(|e| Error::Storage {
            reason: format!(
                "migrating {location} to schema version {}: {}",
                m.version,
                describe(&e)
            ),
        })?;
        tx.execute(
            "INSERT INTO lotwise_schema (id, version) VALUES (1, $1)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version",
            &[&m.version],
        )
        .map_err(map_err)?;
    }
    tx.commit().map_err(map_err)
}

#[cfg(test)]
mod tests;
