//! What the SQL backends (SQLite and Postgres) share: the [`Tx`] logic over
//! one schema ([`SqlTx`]), and how records and keys become column values.
//! Each backend only runs statements ([`SqlConn`]); both therefore read and
//! write exactly the same way.
//!
//! [`Tx`]: crate::store::Tx
//!
//! Records are stored whole as JSON (`serde_json`, whose decimals are
//! strings, so exact); decimal columns are TEXT written with
//! `Decimal::to_string`, which keeps the scale; timestamps that are ordered
//! by are fixed-width RFC 3339 text in UTC, so text order is time order.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::domain::event::Event;
use crate::domain::order::SalesOrder;
use crate::domain::reservation::{Demand, Reservation};
use crate::error::{Error, Result};
use cache::SharedCatalog;

/// Kinds of records (`docs`) that belong to the catalog: few, read by
/// nearly every command, changed rarely, kept by [`SharedCatalog`] like
/// items (read whole the first time one of them is asked for).
pub(crate) const CATALOG_RECORDS: &[&str] = &[
    crate::engine::planning::records::WORK_CENTER,
    crate::domain::automation::records::RULE,
    crate::domain::costing::records::SETTINGS,
];

/// Demand kind of a sales order line.
pub(crate) const ORDER_LINE: &str = "order_line";
/// Demand kind of a manufacturing order's inputs.
pub(crate) const MO_INPUT: &str = "mo_input";

/// A record as JSON text.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Internal {
        reason: format!("cannot encode a record: {e}"),
    })
}

/// A record from JSON text; a row that does not decode is corrupt storage.
pub(crate) fn from_json<T: DeserializeOwned>(table: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::Storage {
        reason: format!("a row of `{table}` does not decode: {e}"),
    })
}

/// A decimal column's text.
pub(crate) fn dec_text(d: Decimal) -> String {
    d.to_string()
}

/// A decimal column's value.
pub(crate) fn parse_dec(table: &str, text: &str) -> Result<Decimal> {
    text.parse().map_err(|e| Error::Storage {
        reason: format!("a decimal in `{table}` does not parse ({text}): {e}"),
    })
}

/// A timestamp as fixed-width text, ordered like time.
pub(crate) fn ts_text(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.9fZ").to_string()
}

/// A date as `YYYY-MM-DD`.
pub(crate) fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// A sequence number or id as a signed 64-bit column value.
pub(crate) fn to_i64(what: &str, n: u64) -> Result<i64> {
    i64::try_from(n).map_err(|_| Error::invalid_input(what, n, "must be below 2^63"))
}

/// A signed column value back to an unsigned number.
pub(crate) fn to_u64(table: &str, n: i64) -> Result<u64> {
    u64::try_from(n).map_err(|_| Error::Storage {
        reason: format!("a negative number {n} in `{table}`"),
    })
}

/// A position or limit clamped into the signed range SQL uses.
pub(crate) fn clamp_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The indexed columns of a demand: kind, reference and line (0 for MO inputs).
pub(crate) fn demand_cols(demand: &Demand) -> (&'static str, &str, i64) {
    match demand {
        Demand::OrderLine { order, line } => (ORDER_LINE, order.as_str(), i64::from(*line)),
        Demand::MoInput { mo } => (MO_INPUT, mo.as_str(), 0),
    }
}

/// Inserts or replaces an order with its lookup columns.
pub(crate) const UPSERT_ORDER: &str =
    "INSERT INTO orders (id, status, channel, external_ref, placed_at, data)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status,
       channel = excluded.channel, external_ref = excluded.external_ref,
       placed_at = excluded.placed_at, data = excluded.data";

/// The column values of an order's row.
pub(crate) struct OrderRow<'a> {
    pub id: &'a str,
    pub status: &'static str,
    pub channel: &'a str,
    pub external_ref: Option<&'a str>,
    pub placed_at: String,
    pub data: String,
}

impl<'a> OrderRow<'a> {
    pub(crate) fn of(order: &'a SalesOrder) -> Result<Self> {
        Ok(OrderRow {
            id: &order.id,
            status: order.status.as_str(),
            channel: &order.channel,
            external_ref: order.external_ref.as_deref(),
            placed_at: ts_text(order.placed_at),
            data: to_json(order)?,
        })
    }

    /// The parameters of [`UPSERT_ORDER`].
    pub(crate) fn params(&self) -> [Param<'_>; 6] {
        [
            Param::Text(self.id),
            Param::Text(self.status),
            Param::Text(self.channel),
            Param::MaybeText(self.external_ref),
            Param::Text(&self.placed_at),
            Param::Text(&self.data),
        ]
    }
}

/// Inserts or replaces a reservation with its lookup columns.
pub(crate) const UPSERT_RESERVATION: &str = "INSERT INTO reservations
       (id, sku, demand_kind, demand_ref, demand_line, lot, location, qty, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET sku = excluded.sku,
       demand_kind = excluded.demand_kind, demand_ref = excluded.demand_ref,
       demand_line = excluded.demand_line, lot = excluded.lot,
       location = excluded.location, qty = excluded.qty, data = excluded.data";

/// The column values of a reservation's row.
pub(crate) struct ReservationRow<'a> {
    pub id: i64,
    pub sku: &'a str,
    pub demand_kind: &'static str,
    pub demand_ref: &'a str,
    pub demand_line: i64,
    pub lot: &'a str,
    pub location: &'a str,
    pub qty: String,
    pub data: String,
}

impl<'a> ReservationRow<'a> {
    pub(crate) fn of(r: &'a Reservation) -> Result<Self> {
        let (demand_kind, demand_ref, demand_line) = demand_cols(&r.demand);
        Ok(ReservationRow {
            id: to_i64("reservation id", r.id)?,
            sku: &r.sku,
            demand_kind,
            demand_ref,
            demand_line,
            lot: &r.lot,
            location: &r.location,
            qty: dec_text(r.qty),
            data: to_json(r)?,
        })
    }

    /// The parameters of [`UPSERT_RESERVATION`].
    pub(crate) fn params(&self) -> [Param<'_>; 9] {
        [
            Param::Int(self.id),
            Param::Text(self.sku),
            Param::Text(self.demand_kind),
            Param::Text(self.demand_ref),
            Param::Int(self.demand_line),
            Param::Text(self.lot),
            Param::Text(self.location),
            Param::Text(&self.qty),
            Param::Text(&self.data),
        ]
    }
}

/// What a transaction holds back until it commits, in the order it is
/// written then: reservations, orders (each in id order), events.
#[derive(Default)]
pub(crate) struct HeldBack {
    pub reservations: Vec<Reservation>,
    pub orders: Vec<SalesOrder>,
    pub events: Vec<Event>,
    /// Records (`docs` rows) by kind and key: the JSON to store, or `None`
    /// to delete the row.
    pub docs: Vec<HeldDoc>,
}

/// A record write held back until commit: kind, key, and the JSON to store
/// (`None`: delete).
pub(crate) type HeldDoc = ((String, String), Option<String>);

/// Increments the `counters` row named `$1` (created at 1) and returns
/// its new value.
pub(crate) const TAKE_COUNTER_VALUE: &str = "INSERT INTO counters (name, value) VALUES ($1, 1)
     ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value";

/// The highest event sequence stored (0: none).
pub(crate) const LAST_EVENT_SEQ: &str = "SELECT coalesce(max(seq), 0) FROM events";

/// Inserts or replaces a record (`docs` row): kind, key, JSON.
pub(crate) const UPSERT_DOC: &str = "INSERT INTO docs (kind, key, data) VALUES ($1, $2, $3)
     ON CONFLICT (kind, key) DO UPDATE SET data = excluded.data";

/// Deletes a record (`docs` row): kind, key.
pub(crate) const DELETE_DOC: &str = "DELETE FROM docs WHERE kind = $1 AND key = $2";

impl HeldBack {
    // Used by the Postgres backend only; a SQLite-only build (lotwise-ffi) has no caller.
    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    pub(crate) fn is_empty(&self) -> bool {
        self.reservations.is_empty()
            && self.orders.is_empty()
            && self.events.is_empty()
            && self.docs.is_empty()
    }
}

/// One schema migration: the version it brings the database to and its SQL.
pub(crate) struct Migration {
    pub version: i64,
    pub sql: &'static str,
}

/// A statement parameter, the same for every SQL backend.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Param<'a> {
    /// TEXT.
    Text(&'a str),
    /// TEXT or NULL.
    MaybeText(Option<&'a str>),
    /// INTEGER / BIGINT.
    Int(i64),
}

/// What a SQL backend's transaction offers the shared [`SqlTx`]. Statements
/// use `$1, $2, …` placeholders numbered in order of first appearance (SQLite
/// reads them as named parameters bound by position, Postgres natively).
///
/// Dropping the connection without [`SqlConn::commit`] must roll back.
pub(crate) trait SqlConn {
    /// Runs a write statement; the first column of its first row (for
    /// `RETURNING`), if any.
    fn exec(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<Option<i64>>;
    /// Runs a query whose `cols` columns are all TEXT.
    fn rows(
        &mut self,
        sql: &'static str,
        params: &[Param<'_>],
        cols: usize,
    ) -> Result<Vec<Vec<String>>>;
    /// Runs a query with one integer column; its first row.
    fn int(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<Option<i64>>;
    /// Commits.
    fn commit(&mut self) -> Result<()>;

    /// See [`Tx::recheck`](crate::store::Tx::recheck).
    fn recheck(&mut self) -> Result<()> {
        Ok(())
    }

    /// The next value of a named id counter. Here a row of `counters`,
    /// incremented in the transaction (so a rollback gives the number back).
    fn next_id(&mut self, counter: &str) -> Result<i64> {
        let n = self.exec(TAKE_COUNTER_VALUE, &[Param::Text(counter)])?;
        Ok(n.unwrap_or(0))
    }

    /// A statement (one integer column) taking the next value of a named
    /// id counter without writing, to run in a [`SqlConn::batch`]; `None`
    /// where ids are counted in the transaction.
    fn next_id_statement(&self, counter: &str) -> Option<&'static str> {
        let _ = counter;
        None
    }

    /// A statement (parameters: channel, external reference; one integer
    /// column) taking the next order id unless an order is filed under that
    /// reference, to run right after looking the reference up; `None`
    /// where ids are counted in the transaction.
    fn next_order_id_statement(&self) -> Option<&'static str> {
        None
    }

    /// The highest event sequence stored (0: none).
    fn last_stored_event(&mut self) -> Result<i64> {
        Ok(self.int(LAST_EVENT_SEQ, &[])?.unwrap_or(0))
    }

    /// Claims `n` event sequence numbers for this transaction's events,
    /// just before it commits; the last sequence before them. Here the
    /// highest stored one: every writer runs alone.
    fn claim_event_seqs(&mut self, n: u64) -> Result<i64> {
        let _ = n;
        self.last_stored_event()
    }

    /// Inserts or replaces these orders, one statement each.
    fn upsert_orders(&mut self, orders: &[SalesOrder]) -> Result<()> {
        for order in orders {
            let row = OrderRow::of(order)?;
            self.exec(UPSERT_ORDER, &row.params())?;
        }
        Ok(())
    }

    /// Numbers `events` after the last stored one (their own `seq` is
    /// provisional) and inserts them, one statement each; the last number.
    fn insert_events(&mut self, events: &[Event]) -> Result<u64> {
        let count = u64::try_from(events.len()).unwrap_or(u64::MAX);
        let before = to_u64("events", self.claim_event_seqs(count)?)?;
        for (n, event) in (1..).zip(events) {
            let seq = before + n;
            let data = to_json(&Event {
                seq,
                ..event.clone()
            })?;
            self.exec(
                "INSERT INTO events (seq, data) VALUES ($1, $2)",
                &[Param::Int(to_i64("seq", seq)?), Param::Text(&data)],
            )?;
        }
        Ok(before + count)
    }

    /// Inserts or replaces these reservations, one statement each.
    fn upsert_reservations(&mut self, reservations: &[Reservation]) -> Result<()> {
        for r in reservations {
            let row = ReservationRow::of(r)?;
            self.exec(UPSERT_RESERVATION, &row.params())?;
        }
        Ok(())
    }

    /// Writes these records (`docs` rows) or deletes them, one statement each.
    fn write_docs(&mut self, docs: &[HeldDoc]) -> Result<()> {
        for ((kind, key), data) in docs {
            match data {
                Some(data) => {
                    self.exec(
                        UPSERT_DOC,
                        &[Param::Text(kind), Param::Text(key), Param::Text(data)],
                    )?;
                }
                None => {
                    self.exec(DELETE_DOC, &[Param::Text(kind), Param::Text(key)])?;
                }
            }
        }
        Ok(())
    }

    /// Deletes the reservation with this id (nothing when there is none).
    fn delete_reservation(&mut self, id: i64) -> Result<()> {
        self.exec("DELETE FROM reservations WHERE id = $1", &[Param::Int(id)])?;
        Ok(())
    }

    /// Writes what the transaction held back (numbering its events after
    /// the stored ones) and commits. Here: one statement per record.
    fn commit_with(&mut self, held: &HeldBack) -> Result<()> {
        self.upsert_reservations(&held.reservations)?;
        self.upsert_orders(&held.orders)?;
        self.write_docs(&held.docs)?;
        if !held.events.is_empty() {
            self.insert_events(&held.events)?;
        }
        self.commit()
    }

    /// One statement for the order filed under a channel reference (`$1`,
    /// `$2`) and, when none is, the next order id (as
    /// [`SqlConn::next_order_id_statement`]): `'id', n` or `'order', record`
    /// rows; `None` to use two statements.
    fn order_or_next_id_sql(&self) -> Option<&'static str> {
        None
    }

    /// The query behind [`Tx::reserved_of_item`](crate::store::Tx::reserved_of_item):
    /// `lot, location, qty` of the reservations of SKU `$1`, one row per
    /// reservation or already summed per lot and location.
    fn reserved_sql(&self) -> &'static str {
        "SELECT lot, location, qty FROM reservations WHERE sku = $1"
    }

    /// The balances of SKU `$1` at location `$2`, in lot order, each with
    /// its lot's record (`sku, lot, location, qty, data`; `data` empty for
    /// a lot with no record): stock on hand, read per location. The lots
    /// come along because whoever reads stock weighs its lots next.
    fn stock_at_location_sql(&self) -> &'static str {
        "SELECT b.sku, b.lot, b.location, b.qty, coalesce(l.data, '') FROM balances b
         LEFT JOIN lots l ON l.code = b.lot
         WHERE b.sku = $1 AND b.location = $2 ORDER BY b.lot"
    }

    /// A balance at an internal location was written (or deleted): a
    /// backend that files free stock itself (SQLite) files this one anew
    /// by [`SqlConn::settle_free_stock`]; one that does it with triggers
    /// (Postgres) does nothing.
    fn balance_written(&mut self, _sku: &str, _lot: &str, _location: &str) -> Result<()> {
        Ok(())
    }

    /// Brings the `free_stock` index up to date with this transaction's
    /// writes before it is read (SQLite files it at the latest moment).
    fn settle_free_stock(&mut self) -> Result<()> {
        Ok(())
    }

    /// The stock of SKU `$1` with something free, from the backend's
    /// `free_stock` index: `sku, lot, location, on hand, reserved, lot
    /// record` (the reserved total `'0'` and the record empty where none),
    /// by lot then location.
    fn free_stock_sql(&self) -> &'static str;

    /// [`SqlConn::reserved_sql`] for one lot: SKU `$1`, lot `$2`.
    fn reserved_lot_sql(&self) -> &'static str {
        "SELECT lot, location, qty FROM reservations WHERE sku = $1 AND lot = $2"
    }

    /// Whether committed events are numbered later (by
    /// [`SqlConn::commit_with`] and readers), so a transaction's own
    /// numbers are provisional and need not start after the stored ones.
    fn numbers_events_later(&self) -> bool {
        false
    }

    /// The catalog this connection's store shares between transactions, and
    /// the catalog version this transaction reads; `None` where nothing is
    /// shared (SQLite: other processes may change the file unseen).
    fn shared_catalog(&self) -> Option<(&SharedCatalog, i64)> {
        None
    }

    /// Records, before commit, that this transaction changed the catalog.
    fn catalog_changed(&mut self) -> Result<()> {
        Ok(())
    }

    /// Runs `statements` in order, in one round trip where the backend can
    /// (each still sees what the ones before it did, and waits for the
    /// locks they took); the TEXT rows of each. Here: one at a time.
    fn batch(&mut self, statements: &[Stmt<'_>]) -> Result<Vec<Vec<Vec<String>>>> {
        statements
            .iter()
            .map(|s| self.rows(s.sql, &s.params, s.cols))
            .collect()
    }

    /// The statement that locks `key` in `space` until the transaction
    /// ends; `None` where the backend does not lock. Only
    /// [`TxMode::Concurrent`](crate::store::TxMode::Concurrent) transactions
    /// lock (`sql/guard.rs`), and only on backends that run them side by side.
    fn lock_statement<'k>(&self, space: LockSpace, key: &'k str) -> Option<Stmt<'k>> {
        let _ = (space, key);
        None
    }
}

/// One statement of a [`SqlConn::batch`].
#[derive(Debug, Clone)]
pub(crate) struct Stmt<'a> {
    pub sql: &'static str,
    pub params: Vec<Param<'a>>,
    /// How many TEXT columns each row has (0: rows are not read).
    pub cols: usize,
}

impl<'a> Stmt<'a> {
    pub(crate) fn new(sql: &'static str, params: &[Param<'a>], cols: usize) -> Self {
        Stmt {
            sql,
            params: params.to_vec(),
            cols,
        }
    }
}

/// What a concurrent command locks before reading or writing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum LockSpace {
    /// The free stock of a SKU (its reservations).
    Sku,
    /// One sales order and its lines' reservations.
    Order,
    /// A channel's external order reference (duplicate detection).
    ExternalRef,
    /// A customer identity: an e-mail, a channel customer id or a
    /// customer id ([`crate::store::Tx::lock_customer`]).
    Customer,
}

impl LockSpace {
    /// A stable name, part of the lock key.
    // Used by the Postgres backend only; a SQLite-only build (lotwise-ffi) has no caller.
    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    pub(crate) fn name(self) -> &'static str {
        match self {
            LockSpace::Sku => "sku",
            LockSpace::Order => "order",
            LockSpace::ExternalRef => "external_ref",
            LockSpace::Customer => "customer",
        }
    }
}

pub(crate) mod cache;
mod guard;
mod tx;
pub(crate) use tx::SqlTx;
