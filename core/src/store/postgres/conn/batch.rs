//! Several statements in one round trip, a deferred opening first.

use postgres::SimpleQueryMessage;

use super::{could_not_begin, map_err, opening_len, parse_version, sql_head, PgConn};
use crate::error::{Error, Result};
use crate::store::sql::{SqlConn, Stmt};
use crate::store::TxMode;

impl PgConn<'_> {
    /// See [`SqlConn::batch`].
    pub(super) fn send_batch(&mut self, statements: &[Stmt<'_>]) -> Result<Vec<Vec<Vec<String>>>> {
        if statements.len() < 2 && self.deferred.is_none() {
            return statements
                .iter()
                .map(|s| self.rows(s.sql, &s.params, s.cols))
                .collect();
        }
        let sqls: Vec<&'static str> = statements.iter().map(|s| s.sql).collect();
        self.prepare_named(&sqls)?;
        // A deferred opening goes first, in the same round trip: its
        // statements' results (the last: the catalog version) come first.
        let opening = self.deferred.take();
        let skip = if opening.is_some() {
            opening_len(TxMode::Concurrent)
        } else {
            0
        };
        let mut sql = opening.clone().unwrap_or_default();
        for s in statements {
            self.push_execute(&mut sql, s.sql, &s.params)?;
        }
        self.open |= opening.is_some();
        let replies = self.pg()?.client.simple_query(&sql);
        self.failed |= replies.is_err();
        let replies = match replies {
            Ok(replies) => replies,
            Err(e) if opening.is_some() => return Err(could_not_begin(e)),
            Err(e) => return Err(map_err(e)),
        };
        let cols = |k: usize| match k.checked_sub(skip) {
            Some(i) => statements.get(i).map_or(0, |s| s.cols),
            None => usize::from(k + 1 == skip),
        };
        let mut results = Vec::with_capacity(skip + statements.len());
        let mut rows = Vec::new();
        for reply in replies {
            match reply {
                SimpleQueryMessage::Row(row) => {
                    let texts = (0..cols(results.len()))
                        .map(|i| match row.try_get(i) {
                            Ok(Some(text)) => Ok(text.to_string()),
                            Ok(None) => Err(Error::Storage {
                                reason: format!(
                                    "a NULL where text was expected: {}",
                                    sql_head(&sql)
                                ),
                            }),
                            Err(e) => Err(map_err(e)),
                        })
                        .collect::<Result<Vec<_>>>()?;
                    rows.push(texts);
                }
                SimpleQueryMessage::CommandComplete(_) => results.push(std::mem::take(&mut rows)),
                _ => {}
            }
        }
        if results.len() != skip + statements.len() {
            return Err(Error::Internal {
                reason: format!(
                    "{} results for {} statements: {}",
                    results.len(),
                    skip + statements.len(),
                    sql_head(&sql)
                ),
            });
        }
        let statements_results = results.split_off(skip);
        if skip > 0 {
            let version = results
                .last()
                .and_then(|rows| rows.first())
                .and_then(|row| row.first());
            self.opened(parse_version(version.map(String::as_str))?)?;
        }
        Ok(statements_results)
    }
}
