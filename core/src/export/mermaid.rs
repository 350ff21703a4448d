//! The trace graph as a Mermaid flowchart, for Markdown pages and issues.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{NodeKind, TraceGraph};

/// Mermaid label text: ASCII letters, digits, spaces and `. , : / -` pass;
/// everything else becomes an entity code such as `#64;`, which Mermaid
/// renders as the character. Labels then cannot break the syntax (quotes,
/// brackets, pipes, `@`) nor start markup (`<`, `*`, `` ` ``).
/// Line breaks become `<br/>`; other control characters are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("<br/>"),
            c if c.is_control() => {}
            c if c.is_alphanumeric() && c.is_ascii() => out.push(c),
            ' ' | '.' | ',' | ':' | '/' | '-' => out.push(c),
            c => {
                let _ = write!(out, "#{};", u32::from(c));
            }
        }
    }
    out
}

fn shape(kind: NodeKind, label: &str) -> String {
    match kind {
        NodeKind::Lot => format!("[\"{label}\"]"),
        NodeKind::Shipment => format!("[/\"{label}\"/]"),
        NodeKind::Order => format!("[[\"{label}\"]]"),
        NodeKind::Customer => format!("([\"{label}\"])"),
    }
}

/// Renders `graph` as a left-to-right Mermaid flowchart. Node ids are `n0`,
/// `n1`, … in the graph's node order; the lot asked about gets class `root`.
///
/// ```
/// use lotwise::export::{mermaid::trace_mermaid, TraceGraph};
/// use lotwise::Trace;
/// let trace = Trace { lot: "WAX-R0001".into(), lots: vec![], edges: vec![] };
/// let g = TraceGraph::build("WAX-R0001", &[&trace], None, &Default::default());
/// assert!(trace_mermaid(&g).starts_with("flowchart LR"));
/// ```
pub fn trace_mermaid(graph: &TraceGraph) -> String {
    let ids: BTreeMap<&str, String> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), format!("n{i}")))
        .collect();
    let mut out = String::from("flowchart LR\n");
    for n in &graph.nodes {
        let label = n
            .label
            .iter()
            .map(|l| escape(l))
            .collect::<Vec<_>>()
            .join("<br/>");
        let _ = writeln!(out, "  {}{}", ids[n.id.as_str()], shape(n.kind, &label));
    }
    for e in &graph.edges {
        let (Some(from), Some(to)) = (ids.get(e.from.as_str()), ids.get(e.to.as_str())) else {
            continue;
        };
        if e.label.is_empty() {
            let _ = writeln!(out, "  {from} --> {to}");
        } else {
            let label = e
                .label
                .iter()
                .map(|l| escape(l))
                .collect::<Vec<_>>()
                .join(" ");
            let _ = writeln!(out, "  {from} -->|{label}| {to}");
        }
    }
    out.push_str("  classDef root stroke-width:3px,fill:#ffe08a\n");
    for n in graph.nodes.iter().filter(|n| n.root) {
        let _ = writeln!(out, "  class {} root", ids[n.id.as_str()]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_syntax_characters() {
        assert_eq!(escape("SO-000001"), "SO-000001");
        assert_eq!(escape("a \"b\" [c] | d"), "a #34;b#34; #91;c#93; #124; d");
        assert_eq!(escape("<script>"), "#60;script#62;");
        assert_eq!(escape("José"), "Jos#233;");
        assert_eq!(escape("x\ny"), "x<br/>y");
        assert_eq!(escape("a@b.c (x)"), "a#64;b.c #40;x#41;");
    }
}
