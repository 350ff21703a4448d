//! Statements with their values written in, for the simple query protocol,
//! which runs several statements in one round trip (but takes no
//! parameters): the statement whole, or an `EXECUTE` of it prepared. The connection keeps `standard_conforming_strings` on, so
//! a text literal is the text in single quotes with each quote doubled;
//! nothing else needs escaping. A NUL cannot be sent at all (the protocol
//! ends the query string there): it is refused as bad input.

use crate::error::{Error, Result};
use crate::store::sql::Param;

/// A SQL string literal.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// `sql` with each `$n` placeholder replaced by the literal of `params[n-1]`.
/// Placeholders are only looked for outside quoted text and identifiers.
pub(super) fn inline(sql: &str, params: &[Param<'_>]) -> Result<String> {
    let mut out = String::with_capacity(sql.len() + 64);
    let mut chars = sql.char_indices().peekable();
    let mut quote: Option<char> = None;
    while let Some((_, c)) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '$') if chars.peek().is_some_and(|(_, d)| d.is_ascii_digit()) => {
                let mut n = 0usize;
                while let Some((_, d)) = chars.peek().copied().filter(|(_, d)| d.is_ascii_digit()) {
                    n = n * 10 + (d as usize - '0' as usize);
                    chars.next();
                }
                let param = n
                    .checked_sub(1)
                    .and_then(|i| params.get(i))
                    .ok_or_else(|| Error::Internal {
                        reason: format!("statement without a value for ${n}: {sql}"),
                    })?;
                out.push_str(&value(param)?);
                continue;
            }
            (None, _) => {}
        }
        out.push(c);
    }
    Ok(out)
}

/// `EXECUTE name(values…)` of a statement prepared by SQL `PREPARE`.
pub(super) fn execute(name: &str, params: &[Param<'_>]) -> Result<String> {
    if params.is_empty() {
        return Ok(format!("EXECUTE {name}"));
    }
    let values = params.iter().map(value).collect::<Result<Vec<_>>>()?;
    Ok(format!("EXECUTE {name}({})", values.join(", ")))
}

fn value(param: &Param<'_>) -> Result<String> {
    let text = match param {
        Param::Int(n) => return Ok(n.to_string()),
        Param::MaybeText(None) => return Ok("NULL".into()),
        Param::Text(t) | Param::MaybeText(Some(t)) => t,
    };
    if text.contains('\0') {
        return Err(Error::invalid_input(
            "text",
            text.escape_debug(),
            "contains a NUL character",
        ));
    }
    Ok(literal(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_in_as_literals() {
        let sql = inline(
            "SELECT data FROM t WHERE a = $1 AND b = $2 AND c = $3 AND d = $10",
            &[
                Param::Text("it's"),
                Param::Int(-7),
                Param::MaybeText(None),
                Param::Int(0),
                Param::Int(0),
                Param::Int(0),
                Param::Int(0),
                Param::Int(0),
                Param::Int(0),
                Param::Text("ten"),
            ],
        )
        .expect("inline");
        assert_eq!(
            sql,
            "SELECT data FROM t WHERE a = 'it''s' AND b = -7 AND c = NULL AND d = 'ten'"
        );
    }

    #[test]
    fn an_execute_lists_its_values_in_order() {
        let sql = execute(
            "lw_3",
            &[Param::Text("a'b"), Param::Int(2), Param::MaybeText(None)],
        )
        .expect("execute");
        assert_eq!(sql, "EXECUTE lw_3('a''b', 2, NULL)");
        assert_eq!(execute("lw_4", &[]).expect("execute"), "EXECUTE lw_4");
    }

    #[test]
    fn placeholders_inside_quotes_are_left_alone() {
        let sql = inline("SELECT '$1', \"$2\", $1", &[Param::Text("x")]).expect("inline");
        assert_eq!(sql, "SELECT '$1', \"$2\", 'x'");
    }

    #[test]
    fn hostile_text_stays_one_literal() {
        let evil = "'); DROP TABLE orders; -- \\' \u{1F9FC}";
        let sql = inline("SELECT $1", &[Param::Text(evil)]).expect("inline");
        assert_eq!(sql, format!("SELECT '{}'", evil.replace('\'', "''")));
    }

    #[test]
    fn a_nul_or_a_missing_value_is_refused() {
        let nul = inline("SELECT $1", &[Param::Text("a\0b")]).expect_err("nul");
        assert_eq!(nul.code(), "invalid_input");
        assert!(inline("SELECT $2", &[Param::Text("a")]).is_err());
        assert!(inline("SELECT $0", &[Param::Text("a")]).is_err());
    }
}
