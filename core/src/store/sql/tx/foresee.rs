//! Reads a command says it will make ([`Tx::foresee_indexed_docs`]), sent
//! along with the next batch of statements rather than in a round trip of
//! their own: placing an order looks its customer up right after checking
//! its channel reference, so on Postgres the lookup rides with that check.
//!
//! A result read ahead answers once, and only while it still says what a
//! read now would: a record write by the transaction, or a lock it takes
//! (what is read under a lock must be read after it), throws it away.
//!
//! [`Tx::foresee_indexed_docs`]: crate::store::Tx::foresee_indexed_docs

use std::collections::HashMap;

use super::super::Param::Text;
use super::super::{SqlConn, Stmt};
use super::records::{indexed_rows, prefix_end, INDEXED_DOCS};
use super::SqlTx;
use crate::error::Result;

/// An index read: index kind, key prefix, record kind.
type IndexRead = (String, String, String);
/// What an index read returns: ids with their records.
type Filed = Vec<(String, Option<serde_json::Value>)>;

/// The reads foreseen and not yet sent, and the results of those sent.
#[derive(Default)]
pub(in crate::store::sql) struct Foreseen {
    wanted: Vec<IndexRead>,
    read: HashMap<IndexRead, Filed>,
}

impl Foreseen {
    /// Notes a read the command will make.
    pub(super) fn want(&mut self, index: &str, prefix: &str, record_kind: &str) {
        let read = (index.into(), prefix.into(), record_kind.into());
        if !self.wanted.contains(&read) && !self.read.contains_key(&read) {
            self.wanted.push(read);
        }
    }

    /// The result of a read sent ahead, once.
    pub(super) fn take_result(
        &mut self,
        index: &str,
        prefix: &str,
        record_kind: &str,
    ) -> Option<Filed> {
        self.read
            .remove(&(index.into(), prefix.into(), record_kind.into()))
    }

    /// Throws away what was read ahead: the transaction wrote records or
    /// took a lock since.
    pub(super) fn forget(&mut self) {
        self.read.clear();
    }
}

impl<C: SqlConn> SqlTx<C> {
    /// Runs `statements` in one round trip, with the foreseen reads after
    /// them; the results of `statements` only (the others are kept).
    /// Reads are foreseen only in a concurrent transaction (Postgres: the
    /// backend that sends batches in one round trip) and only while no
    /// record write is held back (the read would not see it).
    pub(super) fn batch_foreseeing(
        &mut self,
        statements: Vec<Stmt<'_>>,
    ) -> Result<Vec<Vec<Vec<String>>>> {
        let wanted = std::mem::take(&mut self.foreseen.wanted);
        if wanted.is_empty() || !self.guard.concurrent() || !self.pending_docs.is_empty() {
            return self.conn.batch(&statements);
        }
        // The batch may take locks: what was read before them is stale.
        self.foreseen.forget();
        let ends: Vec<Option<String>> = wanted.iter().map(|(_, p, _)| prefix_end(p)).collect();
        let ahead: Vec<(&IndexRead, &String)> = wanted
            .iter()
            .zip(&ends)
            .filter_map(|(read, end)| end.as_ref().map(|e| (read, e)))
            .collect();
        let own = statements.len();
        let mut all = statements;
        for ((index, prefix, kind), end) in &ahead {
            all.push(Stmt::new(
                INDEXED_DOCS,
                &[Text(index), Text(prefix), Text(end), Text(kind)],
                2,
            ));
        }
        let mut results = self.conn.batch(&all)?;
        let extra = results.split_off(own.min(results.len()));
        for (((index, prefix, kind), _), rows) in ahead.into_iter().zip(extra) {
            let filed = indexed_rows(prefix, rows)?;
            self.foreseen
                .read
                .insert((index.clone(), prefix.clone(), kind.clone()), filed);
        }
        Ok(results)
    }
}
