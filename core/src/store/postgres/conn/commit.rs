//! A command's held-back writes as one statement: every upsert and delete
//! a data-modifying `WITH` part, the events queued by the statement itself.
//!
//! On a busy two-core server what a command costs is mostly per statement
//! (each `EXECUTE` is parsed, run through the utility path and given its own
//! snapshot and portal), not per row; a command that writes a reservation,
//! its order, a record and three events sent four statements, now one.
//! The parts touch different rows (the writes are held back by key, one per
//! row) and nothing reads them within the statement, so running them under
//! one snapshot changes nothing; AFTER triggers (`reserved_totals`) fire at
//! the statement's end as before.
//!
//! A statement is prepared once per connection for each *shape* (how many
//! writes of each kind); a command that writes more than [`MAX_PARTS`] rows
//! sends one statement per row (and per [`MAX_EVENTS`] events) instead,
//! each the statement of a one-write shape.

use super::{map_err, PgConn};
use crate::error::Result;
use crate::store::postgres::inline::execute;
use crate::store::sql::{
    to_json, HeldBack, HeldDoc, OrderRow, Param, ReservationRow, DELETE_DOC, UPSERT_DOC,
    UPSERT_ORDER, UPSERT_RESERVATION,
};

/// Most writes (rows plus the event insert) folded into one statement.
/// Bounds the number of shapes a connection prepares and the size of one
/// plan; a command past it (a big import, a replan of many lines) sends one
/// statement per write.
pub(super) const MAX_PARTS: usize = 12;

/// Most events queued by one statement.
pub(super) const MAX_EVENTS: usize = 4 * MAX_PARTS;

/// How many writes of each kind a commit holds: names its statement.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Shape {
    pub reservations: usize,
    pub orders: usize,
    pub doc_upserts: usize,
    pub doc_deletes: usize,
    pub events: usize,
}

impl Shape {
    /// Whether one statement holds it.
    pub(super) fn fits(&self) -> bool {
        let parts = self.reservations
            + self.orders
            + self.doc_upserts
            + self.doc_deletes
            + usize::from(self.events > 0);
        parts <= MAX_PARTS && self.events <= MAX_EVENTS
    }

    /// The statement: parameters in the order reservations (9 each),
    /// orders (6 each), records to store (3 each), records to delete
    /// (2 each), then one per event.
    pub(super) fn sql(&self) -> String {
        let mut parts = Vec::new();
        let mut next = 0;
        let mut part = |prefix: &str, count: usize, sql: &str, params: usize| {
            for i in 0..count {
                parts.push(format!("{prefix}{i} AS ({})", renumber(sql, next)));
                next += params;
            }
        };
        part("r", self.reservations, UPSERT_RESERVATION, 9);
        part("o", self.orders, UPSERT_ORDER, 6);
        part("u", self.doc_upserts, UPSERT_DOC, 3);
        part("d", self.doc_deletes, DELETE_DOC, 2);
        let main = if self.events == 0 {
            "SELECT 1".to_string()
        } else {
            let values: Vec<String> = (1..=self.events)
                .map(|k| format!("(${})", next + k))
                .collect();
            format!(
                "INSERT INTO lotwise_event_queue (data) VALUES {}",
                values.join(", ")
            )
        };
        if parts.is_empty() {
            main
        } else {
            format!("WITH {}\n{main}", parts.join(",\n"))
        }
    }
}

/// The parameters of [`UPSERT_DOC`] for a record to store.
fn store_params(((kind, key), data): &HeldDoc) -> [Param<'_>; 3] {
    let data = data.as_deref().unwrap_or_default();
    [Param::Text(kind), Param::Text(key), Param::Text(data)]
}

/// The parameters of [`DELETE_DOC`] for a record to delete.
fn delete_params(((kind, key), _): &HeldDoc) -> [Param<'_>; 2] {
    [Param::Text(kind), Param::Text(key)]
}

/// `sql` with every placeholder `$n` made `$(n + offset)`.
fn renumber(sql: &str, offset: usize) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '$' {
            continue;
        }
        let mut digits = String::new();
        while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
            digits.push(d);
            chars.next();
        }
        match digits.parse::<usize>() {
            Ok(n) => out.push_str(&(n + offset).to_string()),
            Err(_) => out.push_str(&digits),
        }
    }
    out
}

impl PgConn<'_> {
    /// The statements (each ended) that write what `held` holds back.
    pub(super) fn commit_statements(&mut self, held: &HeldBack) -> Result<String> {
        let events = held
            .events
            .iter()
            .map(to_json)
            .collect::<Result<Vec<_>>>()?;
        let reservations = held
            .reservations
            .iter()
            .map(ReservationRow::of)
            .collect::<Result<Vec<_>>>()?;
        let orders = held
            .orders
            .iter()
            .map(OrderRow::of)
            .collect::<Result<Vec<_>>>()?;
        let (stores, deletes): (Vec<_>, Vec<_>) = held.docs.iter().partition(|(_, d)| d.is_some());
        let shape = Shape {
            reservations: reservations.len(),
            orders: orders.len(),
            doc_upserts: stores.len(),
            doc_deletes: deletes.len(),
            events: events.len(),
        };
        let mut sql = String::new();
        if shape.fits() {
            // Parameters in the order `Shape::sql` numbers them.
            let mut params: Vec<Param<'_>> = Vec::new();
            params.extend(reservations.iter().flat_map(|r| r.params()));
            params.extend(orders.iter().flat_map(|o| o.params()));
            params.extend(stores.iter().flat_map(|d| store_params(d)));
            params.extend(deletes.iter().flat_map(|d| delete_params(d)));
            params.extend(events.iter().map(|e| Param::Text(e)));
            return self.push_commit(sql, shape, &params);
        }
        // Past one statement's bounds: one statement per write, each the
        // statement of a one-write shape.
        let none = Shape::default();
        let (reservation, order) = (
            Shape {
                reservations: 1,
                ..none
            },
            Shape { orders: 1, ..none },
        );
        let (store, delete) = (
            Shape {
                doc_upserts: 1,
                ..none
            },
            Shape {
                doc_deletes: 1,
                ..none
            },
        );
        for row in &reservations {
            sql = self.push_commit(sql, reservation, &row.params())?;
        }
        for row in &orders {
            sql = self.push_commit(sql, order, &row.params())?;
        }
        for doc in &stores {
            sql = self.push_commit(sql, store, &store_params(doc))?;
        }
        for doc in &deletes {
            sql = self.push_commit(sql, delete, &delete_params(doc))?;
        }
        for chunk in events.chunks(MAX_EVENTS) {
            let params: Vec<Param<'_>> = chunk.iter().map(|e| Param::Text(e)).collect();
            let queue = Shape {
                events: chunk.len(),
                ..none
            };
            sql = self.push_commit(sql, queue, &params)?;
        }
        Ok(sql)
    }

    /// `sql` with the `EXECUTE` of the statement of `shape` appended, the
    /// statement prepared (by SQL `PREPARE`, one round trip) the first time
    /// this connection needs it.
    fn push_commit(
        &mut self,
        mut sql: String,
        shape: Shape,
        params: &[Param<'_>],
    ) -> Result<String> {
        let pg = self.pg()?;
        let name = match pg.commits.get(&shape) {
            Some(name) => name.clone(),
            None => {
                let name = pg.fresh_name();
                let done = pg
                    .client
                    .batch_execute(&format!("PREPARE {name} AS {}", shape.sql()));
                if done.is_ok() {
                    pg.commits.insert(shape, name.clone());
                }
                self.failed |= done.is_err();
                done.map_err(map_err)?;
                name
            }
        };
        sql.push_str(&execute(&name, params)?);
        sql.push_str(";\n");
        Ok(sql)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(r: usize, o: usize, u: usize, d: usize, e: usize) -> Shape {
        Shape {
            reservations: r,
            orders: o,
            doc_upserts: u,
            doc_deletes: d,
            events: e,
        }
    }

    /// The numbers of the `$n` placeholders in `sql`, in order.
    fn placeholders(sql: &str) -> Vec<usize> {
        sql.split('$')
            .skip(1)
            .filter_map(|rest| {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                digits.parse().ok()
            })
            .collect()
    }

    #[test]
    fn placeholders_move_past_the_parts_before_them() {
        assert_eq!(renumber("($1, $2, $10) $x $", 9), "($10, $11, $19) $x $");
        let sql = shape(1, 1, 0, 1, 2).sql();
        // 9 reservation, 6 order, 2 delete parameters, then the events.
        assert!(
            sql.contains("VALUES ($10, $11, $12, $13, $14, $15)"),
            "{sql}"
        );
        assert!(sql.contains("WHERE kind = $16 AND key = $17"), "{sql}");
        assert!(sql.ends_with("VALUES ($18), ($19)"), "{sql}");
        // Every parameter appears once, none past the last.
        let mut used = placeholders(&sql);
        used.sort_unstable();
        assert_eq!(used, (1..=19).collect::<Vec<_>>(), "{sql}");
    }

    #[test]
    fn a_commit_without_events_still_runs_its_writes() {
        let sql = shape(0, 1, 1, 0, 0).sql();
        assert!(sql.starts_with("WITH o0 AS (INSERT INTO orders"), "{sql}");
        assert!(sql.ends_with("SELECT 1"), "{sql}");
        assert_eq!(
            shape(0, 0, 0, 0, 3).sql(),
            "INSERT INTO lotwise_event_queue (data) VALUES ($1), ($2), ($3)"
        );
    }

    #[test]
    fn big_commits_do_not_fit() {
        assert!(shape(4, 1, 2, 0, 3).fits());
        assert!(!shape(MAX_PARTS, 1, 0, 0, 0).fits());
        assert!(!shape(0, 0, 0, 0, MAX_EVENTS + 1).fits());
    }
}
