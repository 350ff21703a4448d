//! `EXECUTE`s with their values written in, for the simple query protocol,
//! which runs several statements in one round trip (but takes no
//! parameters); the statements themselves are prepared once per connection
//! by SQL `PREPARE` (`postgres/conn.rs`). The connection keeps
//! `standard_conforming_strings` on, so a text literal is the text in
//! single quotes with each quote doubled; nothing else needs escaping. A
//! NUL cannot be sent at all (the protocol ends the query string there): it
//! is refused as bad input.

use crate::error::{Error, Result};
use crate::store::sql::Param;

/// `EXECUTE name(values…)` of a statement prepared by SQL `PREPARE`.
pub(super) fn execute(name: &str, params: &[Param<'_>]) -> Result<String> {
    if params.is_empty() {
        return Ok(format!("EXECUTE {name}"));
    }
    let values = params.iter().map(value).collect::<Result<Vec<_>>>()?;
    Ok(format!("EXECUTE {name}({})", values.join(", ")))
}

/// A parameter as a SQL literal.
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
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_execute_lists_its_values_in_order() {
        let sql = execute(
            "lw_3",
            &[
                Param::Text("it's"),
                Param::Int(-7),
                Param::MaybeText(None),
                Param::MaybeText(Some("x")),
            ],
        )
        .expect("execute");
        assert_eq!(sql, "EXECUTE lw_3('it''s', -7, NULL, 'x')");
        assert_eq!(execute("lw_4", &[]).expect("execute"), "EXECUTE lw_4");
    }

    #[test]
    fn hostile_text_stays_one_literal() {
        let evil = "'); DROP TABLE orders; -- \\' $1 \u{1F9FC}";
        let sql = execute("lw_1", &[Param::Text(evil)]).expect("execute");
        assert_eq!(sql, format!("EXECUTE lw_1('{}')", evil.replace('\'', "''")));
    }

    #[test]
    fn a_nul_is_refused() {
        let nul = execute("lw_1", &[Param::Text("a\0b")]).expect_err("nul");
        assert_eq!(nul.code(), "invalid_input");
    }
}
