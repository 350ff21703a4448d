//! The trace graph as Graphviz DOT.

use std::fmt::Write as _;

use super::{NodeKind, TraceGraph};

/// A DOT double-quoted string: backslashes and quotes escaped, line breaks
/// as `\n`, other control characters dropped. Graphviz reads `\n`, `\l`
/// and friends as escapes in labels, so a literal backslash must be doubled.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn style(kind: NodeKind, root: bool) -> &'static str {
    match (kind, root) {
        (NodeKind::Lot, true) => {
            r##"shape=box, style="rounded,filled,bold", fillcolor="#ffe08a", penwidth=2"##
        }
        (NodeKind::Lot, false) => r##"shape=box, style="rounded,filled", fillcolor="#e8f0fe""##,
        (NodeKind::Shipment, _) => r##"shape=cds, style=filled, fillcolor="#e6f4ea""##,
        (NodeKind::Order, _) => r##"shape=note, style=filled, fillcolor="#fef7e0""##,
        (NodeKind::Customer, _) => r##"shape=ellipse, style=filled, fillcolor="#fce8e6""##,
    }
}

/// Renders `graph` as a DOT digraph, left to right: materials, the lots
/// made from them, shipments, orders, customers. The lot asked about is bold.
///
/// ```
/// use lotwise::export::{dot::trace_dot, TraceGraph};
/// use lotwise::Trace;
/// let trace = Trace { lot: "WAX-R0001".into(), lots: vec![], edges: vec![] };
/// let g = TraceGraph::build("WAX-R0001", &[&trace], None, &Default::default());
/// assert!(trace_dot(&g).starts_with("digraph trace {"));
/// ```
pub fn trace_dot(graph: &TraceGraph) -> String {
    let mut out = String::new();
    out.push_str("digraph trace {\n");
    out.push_str("  rankdir=LR;\n");
    let _ = writeln!(
        out,
        "  label={}; labelloc=t; fontname=\"Helvetica\";",
        quote(&format!("Trace of lot {}", graph.lot))
    );
    out.push_str("  node [fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#5f6368\"];\n");
    for n in &graph.nodes {
        let _ = writeln!(
            out,
            "  {} [label={}, {}];",
            quote(&n.id),
            quote(&n.label.join("\n")),
            style(n.kind, n.root)
        );
    }
    for e in &graph.edges {
        if e.label.is_empty() {
            let _ = writeln!(out, "  {} -> {};", quote(&e.from), quote(&e.to));
        } else {
            let _ = writeln!(
                out,
                "  {} -> {} [label={}];",
                quote(&e.from),
                quote(&e.to),
                quote(&e.label.join("\n"))
            );
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_escape_what_dot_reads() {
        assert_eq!(quote(r#"a "b" \n"#), r#""a \"b\" \\n""#);
        assert_eq!(quote("two\nlines\u{7}"), r#""two\nlines""#);
    }
}
