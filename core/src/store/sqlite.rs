//! The SQLite backend: the embedded default. `Lotwise::open("shop.db")`.
//!
//! - One file in WAL mode: readers never block the writer, and a process
//!   killed at any moment leaves every committed command and nothing else.
//! - `synchronous=NORMAL` by default (a power cut may lose the last commits,
//!   never consistency); `FULL` on request, see [`Synchronous`].
//! - Every command is one `BEGIN IMMEDIATE` transaction, so writers queue for
//!   the file's write lock before reading anything: a command's reads cannot go
//!   stale, which is what keeps concurrent processes from overselling.
//!   Waiting is bounded by the busy timeout; past it the command fails with
//!   the retryable [`Error::Conflict`] having done nothing.
//! - The log is copied back into the file (checkpointed) on a thread of the
//!   store, not inside the commit that happens to fill it; see
//!   `sqlite/checkpoint.rs`.
//! - The schema is versioned with `PRAGMA user_version` and the file marked as
//!   lotwise's with `PRAGMA application_id`; see `migrations/NOTES.md`.
//!
//! URL forms: a plain path (`shop.db`), `sqlite:shop.db`, `sqlite://shop.db`,
//! `sqlite:///abs/shop.db`; options as a query on the `sqlite:` forms:
//! `sqlite://shop.db?synchronous=full&busy_timeout_ms=10000`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::sql::cache::SharedCatalog;
use super::sql::{Migration, SqlTx};
use super::{Store, Tx, TxMode};
use crate::error::{Error, Result};

mod catalog;
mod checkpoint;
mod free;
mod reserved;
mod tx;

use catalog::CatalogVersion;
#[doc(hidden)]
pub use checkpoint::pages_logged;
use checkpoint::Checkpointer;
use tx::{Conn, SqliteConn};

/// Marks a SQLite file as a lotwise database (`PRAGMA application_id`):
/// the bytes of "LotW".
pub const APPLICATION_ID: i64 = 0x4C6F_7457;

/// The schema migrations, in order; the last version is the one this build writes.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("migrations/sqlite/001_initial.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("migrations/sqlite/002_docs.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("migrations/sqlite/003_reserved_stock.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("migrations/sqlite/004_free_output.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("migrations/sqlite/005_reserved_totals.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("migrations/sqlite/006_stock_by_location.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("migrations/sqlite/007_waiting_demand.sql"),
    },
    Migration {
        version: 8,
        sql: include_str!("migrations/sqlite/008_free_stock.sql"),
    },
    Migration {
        version: 9,
        sql: include_str!("migrations/sqlite/009_fewer_btrees.sql"),
    },
    Migration {
        version: 10,
        sql: include_str!("migrations/sqlite/010_fewer_indexes.sql"),
    },
];

/// Steps of a migration that SQL cannot do, run after its SQL in the same
/// transaction: summing and comparing TEXT decimals exactly.
const DATA_STEPS: &[(i64, DataStep)] = &[(5, reserved::backfill), (8, free::backfill)];

/// A data step: runs on the connection inside the migration's transaction.
type DataStep = fn(&Connection) -> rusqlite::Result<()>;

/// The schema version this build of lotwise reads and writes.
pub const SCHEMA_VERSION: i64 = 10;

/// How hard SQLite pushes commits to disk (`PRAGMA synchronous`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Synchronous {
    /// Durable against a crash of the process; a power cut or OS crash may
    /// lose the most recent commits (never consistency). The WAL default.
    #[default]
    Normal,
    /// Every commit is fsynced before it returns: durable against power loss,
    /// at a cost per command.
    Full,
}

/// Statements a write transaction ran, with their parameters, per committed
/// transaction. Benchmarks replay them with raw rusqlite as a baseline.
#[doc(hidden)]
pub type WriteLog = Arc<Mutex<Vec<Vec<(&'static str, Vec<rusqlite::types::Value>)>>>>;

/// Options of a SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteOptions {
    /// Durability of commits; [`Synchronous::Normal`] by default.
    pub synchronous: Synchronous,
    /// How long a command waits for another writer before failing with
    /// [`Error::Conflict`]; 5 seconds by default.
    pub busy_timeout: Duration,
    /// Records every committed write statement when set (benchmarks only).
    #[doc(hidden)]
    pub write_log: Option<WriteLog>,
}

impl Default for SqliteOptions {
    fn default() -> Self {
        SqliteOptions {
            synchronous: Synchronous::Normal,
            busy_timeout: Duration::from_secs(5),
            write_log: None,
        }
    }
}

impl SqliteOptions {
    /// Splits a URL or path into the file path and its options.
    ///
    /// ```
    /// use lotwise::store::sqlite::{SqliteOptions, Synchronous};
    /// let (path, opts) = SqliteOptions::from_url("sqlite://shop.db?synchronous=full").unwrap();
    /// assert_eq!(path.to_str(), Some("shop.db"));
    /// assert_eq!(opts.synchronous, Synchronous::Full);
    /// let (path, _) = SqliteOptions::from_url("data/shop.db").unwrap();
    /// assert_eq!(path.to_str(), Some("data/shop.db"));
    /// ```
    pub fn from_url(url: &str) -> Result<(PathBuf, SqliteOptions)> {
        let mut options = SqliteOptions::default();
        let Some(rest) = url.strip_prefix("sqlite:") else {
            if let Some((scheme, _)) = url.split_once("://") {
                if !scheme.is_empty()
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                {
                    return Err(Error::Storage {
                        reason: format!(
                            "no backend for `{scheme}://` URLs: use a file path, sqlite://, postgres:// or :memory:"
                        ),
                    });
                }
            }
            // A bare path: no query, since `?` may be part of a file name.
            return Ok((PathBuf::from(url), options));
        };
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match (key, value.to_ascii_lowercase().as_str()) {
                ("synchronous", "normal") => options.synchronous = Synchronous::Normal,
                ("synchronous", "full") => options.synchronous = Synchronous::Full,
                ("busy_timeout_ms", ms) => {
                    let ms: u64 = ms.parse().map_err(|_| {
                        Error::invalid_input("busy_timeout_ms", value, "must be milliseconds")
                    })?;
                    options.busy_timeout = Duration::from_millis(ms);
                }
                _ => {
                    return Err(Error::invalid_input(
                        "url",
                        pair,
                        "known options: synchronous=normal|full, busy_timeout_ms=N",
                    ))
                }
            }
        }
        if path.is_empty() {
            return Err(Error::invalid_input("url", url, "the file path is missing"));
        }
        Ok((PathBuf::from(path), options))
    }
}

/// A lotwise database in a SQLite file.
pub struct SqliteStore {
    path: PathBuf,
    options: SqliteOptions,
    /// Runs the writer's checkpoints on a thread of its own (see
    /// `sqlite/checkpoint.rs`); dropped, and its thread joined, first.
    checkpoints: Checkpointer,
    /// The one connection commands write through; SQLite has one writer anyway.
    writer: Mutex<Connection>,
    /// Idle connections for queries, which run beside the writer under WAL.
    readers: Mutex<Vec<Connection>>,
    /// The catalog write transactions share, and its version (see `sqlite/catalog.rs`).
    catalog: SharedCatalog,
    catalog_version: CatalogVersion,
    /// How many times SQLite parsed and planned a cached statement again:
    /// never, as lotwise's statements are written, which the tests check
    /// (`count_replans` keeps it).
    replanned: AtomicU64,
}

impl SqliteStore {
    /// Opens (or creates) the database at a URL or path; see the module docs.
    pub fn open(url: &str) -> Result<SqliteStore> {
        let (path, options) = SqliteOptions::from_url(url)?;
        Self::open_with(path, options)
    }

    /// Opens (or creates) the database file at `path`, upgrading an older
    /// schema. A file that is not a lotwise database, is corrupt, has a newer
    /// schema or is read-only is refused with a typed error and left as it was.
    pub fn open_with(path: impl AsRef<Path>, options: SqliteOptions) -> Result<SqliteStore> {
        let path = path.as_ref().to_path_buf();
        let location = path.display().to_string();
        if let Ok(meta) = std::fs::metadata(&path) {
            // Root ignores permission bits; lotwise honours them so a file
            // marked read-only is never written, whoever opens it.
            if meta.permissions().readonly() {
                return Err(Error::Storage {
                    reason: format!("`{location}` is read-only; lotwise needs to write it"),
                });
            }
        }
        let conn = connect(&path, &options)?;
        // Look before writing anything (WAL mode itself writes the header).
        check_identity(&conn, &location)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| open_err(&location, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Storage {
                reason: format!("`{location}` cannot use WAL mode (got `{mode}`)"),
            });
        }
        migrate(&conn, &location, MIGRATIONS)?;
        Checkpointer::take_over(&conn);
        Ok(SqliteStore {
            checkpoints: Checkpointer::default(),
            path,
            options,
            writer: Mutex::new(conn),
            readers: Mutex::new(Vec::new()),
            catalog: SharedCatalog::default(),
            catalog_version: CatalogVersion::default(),
            replanned: AtomicU64::new(0),
        })
    }

    /// How many times a statement lotwise keeps prepared was parsed and
    /// planned again since the store opened. SQLite does that when the
    /// schema changed or when a value bound to it can change its plan;
    /// lotwise's statements are written so neither happens, and the
    /// tests hold them to it: a re-plan costs as much as the statement.
    #[cfg(test)]
    pub(crate) fn statements_replanned(&self) -> u64 {
        self.replanned.load(Ordering::Relaxed)
    }

    /// Counts the re-plans of `stmt` since it last ran.
    pub(crate) fn count_replans(&self, stmt: &rusqlite::Statement<'_>) {
        let n = stmt.reset_status(rusqlite::StatementStatus::RePrepare);
        if n > 0 {
            self.replanned
                .fetch_add(u64::try_from(n).unwrap_or(0), Ordering::Relaxed);
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock_writer(&self) -> MutexGuard<'_, Connection> {
        // A panic inside a transaction rolls back in `Drop` before the guard
        // is released, so a poisoned lock still guards a clean connection.
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A new connection to the store's file, with its settings: for a
    /// reader, or the checkpoint thread.
    fn connect(&self) -> Result<Connection> {
        connect(&self.path, &self.options)
    }

    pub(crate) fn return_reader(&self, conn: Connection) {
        let mut idle = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < 8 {
            idle.push(conn);
        }
    }
}

impl Store for SqliteStore {
    fn begin(&self, mode: TxMode) -> Result<Box<dyn Tx + '_>> {
        match mode {
            // One writer at a time: a concurrent command runs alone too.
            TxMode::Write | TxMode::Concurrent => {
                let conn = self.lock_writer();
                let conn = SqliteConn::begin(
                    Conn::Writer(self, conn),
                    TxMode::Write,
                    self.options.write_log.clone(),
                )?;
                Ok(Box::new(SqlTx::new(conn, TxMode::Write)))
            }
            TxMode::Read => {
                let idle = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
                let conn = match idle {
                    Some(c) => c,
                    None => self.connect()?,
                };
                let conn = SqliteConn::begin(Conn::Reader(self, Some(conn)), mode, None)?;
                Ok(Box::new(SqlTx::new(conn, mode)))
            }
        }
    }

    fn backend(&self) -> &'static str {
        "sqlite"
    }

    fn concurrent_writes(&self) -> bool {
        false
    }
}

/// Opens a connection with lotwise's per-connection settings.
fn connect(path: &Path, options: &SqliteOptions) -> Result<Connection> {
    let location = path.display().to_string();
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| open_err(&location, e))?;
    conn.busy_timeout(options.busy_timeout)
        .map_err(|e| open_err(&location, e))?;
    // Room for every statement of the Tx methods, prepared once per connection.
    conn.set_prepared_statement_cache_capacity(128);
    let sync = match options.synchronous {
        Synchronous::Normal => "PRAGMA synchronous = NORMAL",
        Synchronous::Full => "PRAGMA synchronous = FULL",
    };
    conn.execute_batch(sync)
        .map_err(|e| open_err(&location, e))?;
    Ok(conn)
}

/// What a file holds, read without writing: (application id, schema version,
/// number of schema objects).
fn identify(conn: &Connection, location: &str) -> Result<(i64, i64, i64)> {
    let read = || -> rusqlite::Result<(i64, i64, i64)> {
        let app = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let objects = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        Ok((app, version, objects))
    };
    read().map_err(|e| open_err(location, e))
}

/// Refuses a file that is not a lotwise database or is newer than this build.
fn check_identity(conn: &Connection, location: &str) -> Result<i64> {
    let (app, version, objects) = identify(conn, location)?;
    if app == 0 && version == 0 && objects == 0 {
        return Ok(0);
    }
    if app != APPLICATION_ID {
        return Err(Error::UnrecognizedDatabase {
            location: location.into(),
            reason: format!(
                "it is a SQLite database of another application (application_id {app:#x}, user_version {version})"
            ),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::UnsupportedSchemaVersion {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(version)
}

/// Brings the schema up to the last of `migrations` in one transaction.
/// Two processes opening a new file at once queue on `BEGIN IMMEDIATE`; the
/// second finds the work done.
fn migrate(conn: &Connection, location: &str, migrations: &[Migration]) -> Result<()> {
    let current = check_identity(conn, location)?;
    if migrations.iter().all(|m| m.version <= current) {
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE")
        .map_err(|e| open_err(location, e))?;
    let run = || -> Result<()> {
        let current = check_identity(conn, location)?;
        for m in migrations.iter().filter(|m| m.version > current) {
            conn.execute_batch(m.sql)
                .and_then(|()| {
                    DATA_STEPS
                        .iter()
                        .filter(|(version, _)| *version == m.version)
                        .try_for_each(|(_, step)| step(conn))
                })
                .and_then(|()| {
                    conn.execute_batch(&format!(
                        "PRAGMA user_version = {}; PRAGMA application_id = {APPLICATION_ID};",
                        m.version
                    ))
                })
                .map_err(|e| Error::Storage {
                    reason: format!(
                        "migrating `{location}` to schema version {}: {e}",
                        m.version
                    ),
                })?;
        }
        Ok(())
    };
    match run() {
        Ok(()) => conn
            .execute_batch("COMMIT")
            .map_err(|e| open_err(location, e)),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// Maps an error met while opening: files that are not databases get their
/// own error, the rest go through [`map_err`].
fn open_err(location: &str, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
            Error::UnrecognizedDatabase {
                location: location.into(),
                reason: format!("it is not a SQLite database or it is corrupt ({e})"),
            }
        }
        _ => match map_err(e) {
            Error::Storage { reason } => Error::Storage {
                reason: format!("opening `{location}`: {reason}"),
            },
            other => other,
        },
    }
}

/// Maps a SQLite error: lock contention past the busy timeout is a retryable
/// [`Error::Conflict`]; anything else is [`Error::Storage`].
pub(crate) fn map_err(e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Conflict {
            reason: format!(
                "the database stayed locked by another writer past the busy timeout ({e})"
            ),
        },
        Some(ErrorCode::ReadOnly) => Error::Storage {
            reason: format!("the database is read-only ({e})"),
        },
        _ => Error::Storage {
            reason: e.to_string(),
        },
    }
}

#[cfg(test)]
mod tests;
