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
//! writes of each kind); commands that write more than [`MAX_PARTS`] rows
//! send one statement per write, as before.

use super::{map_err, PgConn, QUEUE_EVENTS};
use crate::error::Result;
use crate::store::postgres::inline::execute;
use crate::store::sql::{
    to_json, HeldBack, OrderRow, Param, ReservationRow, DELETE_DOC, UPSERT_DOC, UPSERT_ORDER,
    UPSERT_RESERVATION,
};

/// Most writes (rows plus the event insert) folded into one statement.
/// Bounds the number of shapes a connection prepares and the size of one
/// plan; a command past it (a big import, a replan of many lines) sends one
/// statement per write.
pub(super) const MAX_PARTS: usize = 12;

/// How many writes of each kind a commit holds: names its statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shape {
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
        parts <= MAX_PARTS && self.events <= 4 * MAX_PARTS
    }

    /// The key the statement is prepared under on a connection.
    pub(super) fn key(&self) -> String {
        format!(
            "commit r{} o{} u{} d{} e{}",
            self.reservations, self.orders, self.doc_upserts, self.doc_deletes, self.events
        )
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
        let shape = Shape {
            reservations: reservations.len(),
            orders: orders.len(),
            doc_upserts: held.docs.iter().filter(|(_, d)| d.is_some()).count(),
            doc_deletes: held.docs.iter().filter(|(_, d)| d.is_none()).count(),
            events: events.len(),
        };
        let mut sql = String::new();
        if shape.fits() {
            // Parameters in the order `Shape::sql` numbers them.
            let mut params: Vec<Param<'_>> = Vec::new();
            for row in &reservations {
                params.extend(row.params());
            }
            for row in &orders {
                params.extend(row.params());
            }
            for ((kind, key), data) in &held.docs {
                if let Some(data) = data {
                    params.extend([Param::Text(kind), Param::Text(key), Param::Text(data)]);
                }
            }
            for ((kind, key), data) in &held.docs {
                if data.is_none() {
                    params.extend([Param::Text(kind), Param::Text(key)]);
                }
            }
            params.extend(events.iter().map(|e| Param::Text(e)));
            let name = self.prepare_commit(&shape)?;
            sql.push_str(&execute(&name, &params)?);
            sql.push_str(";\n");
        } else {
            self.prepare_named(&[
                UPSERT_RESERVATION,
                UPSERT_ORDER,
                QUEUE_EVENTS[0],
                QUEUE_EVENTS[1],
                QUEUE_EVENTS[2],
                QUEUE_EVENTS[3],
                UPSERT_DOC,
                DELETE_DOC,
            ])?;
            for row in &reservations {
                self.push_execute(&mut sql, UPSERT_RESERVATION, &row.params())?;
            }
            for row in &orders {
                self.push_execute(&mut sql, UPSERT_ORDER, &row.params())?;
            }
            for ((kind, key), data) in &held.docs {
                match data {
                    Some(data) => self.push_execute(
                        &mut sql,
                        UPSERT_DOC,
                        &[Param::Text(kind), Param::Text(key), Param::Text(data)],
                    )?,
                    None => self.push_execute(
                        &mut sql,
                        DELETE_DOC,
                        &[Param::Text(kind), Param::Text(key)],
                    )?,
                }
            }
            for chunk in events.chunks(QUEUE_EVENTS.len()) {
                let params: Vec<Param<'_>> = chunk.iter().map(|e| Param::Text(e)).collect();
                self.push_execute(&mut sql, QUEUE_EVENTS[chunk.len() - 1], &params)?;
            }
        }
        Ok(sql)
    }

    /// The name of the commit statement of `shape` on this connection,
    /// prepared (by SQL `PREPARE`, one round trip) the first time.
    fn prepare_commit(&mut self, shape: &Shape) -> Result<String> {
        let key = shape.key();
        let pg = self.pg()?;
        if let Some(name) = pg.commits.get(&key) {
            return Ok(name.clone());
        }
        pg.names += 1;
        let name = format!("lw_{}", pg.names);
        let done = pg
            .client
            .batch_execute(&format!("PREPARE {name} AS {}", shape.sql()));
        if done.is_ok() {
            pg.commits.insert(key, name.clone());
        }
        self.failed |= done.is_err();
        done.map_err(map_err)?;
        Ok(name)
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
        assert!(!shape(0, 0, 0, 0, 4 * MAX_PARTS + 1).fits());
        assert_ne!(shape(1, 1, 0, 0, 2).key(), shape(1, 1, 0, 0, 3).key());
    }
}
