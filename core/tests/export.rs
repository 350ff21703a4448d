//! Pictures and files: the trace graph as DOT and Mermaid, the schedule as
//! an SVG Gantt chart, orders and stock as CSV. The SVG is parsed as XML;
//! the DOT is drawn by Graphviz when `dot` is installed.
//!
//! Set `LOTWISE_EXPORT_DIR` to also write `trace.dot` and `gantt.svg` there
//! for a person to look at.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use lotwise::export::{gantt_svg, ScheduleRow};
use lotwise::{
    Completion, Customer, FixedClock, ItemKind, Lotwise, NewItem, NewOrder, NewOrderLine,
    NewRecipe, NewRecipeInput, Receipt, ShipRequest, Uom,
};

const ADA: &str = "Ada \"The Countess\" Lovelace";
const GRACE: &str = "Grace <Hopper> & Co";

/// Wax and jars make one batch of candles, shipped to two customers whose
/// names need escaping in every format.
fn traced() -> Lotwise {
    let clock = Arc::new(FixedClock::at("2026-03-02T09:00:00Z".parse().unwrap()));
    let lw = Lotwise::in_memory_with_clock(clock);
    lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))
        .unwrap();
    lw.define_item(NewItem::new(
        "JAR",
        "Amber jar",
        ItemKind::Packaging,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "CANDLE",
        "Candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: "CANDLE".into(),
        batch_size: "12 pcs".parse().unwrap(),
        inputs: vec![
            NewRecipeInput {
                sku: "WAX".into(),
                qty: "2.4 kg".parse().unwrap(),
                scrap_pct: 0.into(),
            },
            NewRecipeInput {
                sku: "JAR".into(),
                qty: "12 pcs".parse().unwrap(),
                scrap_pct: 0.into(),
            },
        ],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    lw.receive(Receipt::new("WAX", "10 kg".parse().unwrap()))
        .unwrap();
    lw.receive(Receipt::new("JAR", "100 pcs".parse().unwrap()))
        .unwrap();
    let mut ids = Vec::new();
    for (channel, ext, name, email, qty) in [
        ("etsy", Some("3141592"), ADA, Some("ada@example.com"), 3),
        ("shopify", None, GRACE, None, 4),
    ] {
        let placed = lw
            .place_order(NewOrder {
                channel: channel.into(),
                external_ref: ext.map(str::to_string),
                customer: Customer {
                    name: name.into(),
                    email: email.map(str::to_string),
                    ..Default::default()
                },
                ship_to: None,
                lines: vec![NewOrderLine {
                    sku: "CANDLE".into(),
                    qty: format!("{qty} pcs").parse().unwrap(),
                    unit_price: Some("18.00 USD".parse().unwrap()),
                    requested_date: None,
                    lot: None,
                    min_remaining_shelf_life_days: None,
                }],
                tags: vec!["gift".into()],
                notes: Some("=HYPERLINK(\"http://evil\")".into()),
            })
            .unwrap();
        lw.confirm_order(&placed.order.id).unwrap();
        ids.push(placed.order.id);
    }
    lw.start_mo("MO-000001").unwrap();
    lw.complete_mo("MO-000001", Completion::default()).unwrap();
    for id in &ids {
        lw.ship(
            id,
            ShipRequest {
                carrier: "USPS".into(),
                tracking: format!("9400-{id}"),
                ..Default::default()
            },
        )
        .unwrap();
    }
    lw
}

fn export_dir() -> Option<std::path::PathBuf> {
    std::env::var_os("LOTWISE_EXPORT_DIR").map(Into::into)
}

#[test]
fn dot_of_a_material_lot_reaches_the_customers() {
    let lw = traced();
    let dot = lw.trace_dot("WAX-R0001").unwrap();
    for node in [
        r#""lot:WAX-R0001" [label="WAX-R0001\nWAX", "#,
        r#""lot:CANDLE-B000001" [label="CANDLE-B000001\nCANDLE", "#,
        r#""shipment:SH-000001" [label="SH-000001\n2026-03-02", "#,
        r#""order:SO-000001" [label="SO-000001\netsy 3141592", "#,
        r#""customer:Ada \"The Countess\" Lovelace" [label="Ada \"The Countess\" Lovelace\nada@example.com", "#,
        r#""customer:Grace <Hopper> & Co" [label="Grace <Hopper> & Co", "#,
    ] {
        assert!(dot.contains(node), "missing {node} in\n{dot}");
    }
    for edge in [
        r#""lot:WAX-R0001" -> "lot:CANDLE-B000001" [label="2400 g\nMO-000001"];"#,
        r#""lot:CANDLE-B000001" -> "shipment:SH-000001" [label="3 pcs"];"#,
        r#""lot:CANDLE-B000001" -> "shipment:SH-000002" [label="4 pcs"];"#,
        r#""shipment:SH-000002" -> "order:SO-000002";"#,
        r#""order:SO-000001" -> "customer:Ada \"The Countess\" Lovelace";"#,
    ] {
        assert!(dot.contains(edge), "missing {edge} in\n{dot}");
    }
    // The jars did not go into the wax: a forward trace stays forward.
    assert!(!dot.contains("JAR-R0002"));
    // Only the lot asked about is drawn bold.
    assert_eq!(dot.matches("penwidth=2").count(), 1);
    assert_eq!(dot, lw.trace_dot("WAX-R0001").unwrap());
}

#[test]
fn dot_of_a_batch_shows_both_inputs_and_graphviz_draws_it() {
    let lw = traced();
    let dot = lw.trace_dot("CANDLE-B000001").unwrap();
    assert!(dot.contains(r#""lot:JAR-R0002" -> "lot:CANDLE-B000001" [label="12 pcs\nMO-000001"];"#));
    assert!(dot.contains(r#""lot:WAX-R0001" -> "lot:CANDLE-B000001" [label="2400 g\nMO-000001"];"#));
    assert_eq!(dot.matches(" -> ").count(), 2 + 2 + 2 + 2);
    if let Some(dir) = export_dir() {
        std::fs::write(dir.join("trace.dot"), &dot).unwrap();
    }

    let has_dot = Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_dot {
        println!("graphviz `dot` is not installed: skipping the `dot -Tsvg` check");
        return;
    }
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dot rejected the graph: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    // Graphviz writes a DOCTYPE, which the parser refuses unless told.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&svg, options).unwrap();
    // Graphviz titles every node group with the node's id.
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    for id in [
        "lot:CANDLE-B000001",
        "lot:WAX-R0001",
        "lot:JAR-R0002",
        "customer:Ada \"The Countess\" Lovelace",
        "customer:Grace <Hopper> & Co",
    ] {
        assert!(titles.contains(&id), "no node {id} in {titles:?}");
    }
}

#[test]
fn mermaid_escapes_labels_and_links_the_same_graph() {
    let lw = traced();
    let m = lw.trace_mermaid("CANDLE-B000001").unwrap();
    assert!(m.starts_with("flowchart LR\n"));
    // Nodes sort by kind then id: 3 lots, 2 shipments, 2 orders, 2 customers.
    assert!(m.contains("  n0[\"CANDLE-B000001<br/>CANDLE\"]\n"));
    assert!(m.contains("  n1[\"JAR-R0002<br/>JAR\"]\n"));
    assert!(m.contains("  n2[\"WAX-R0001<br/>WAX\"]\n"));
    assert!(m.contains("  n3[/\"SH-000001<br/>2026-03-02\"/]\n"));
    assert!(m.contains("  n7([\"Ada #34;The Countess#34; Lovelace<br/>ada#64;example.com\"])\n"));
    assert!(m.contains("  n8([\"Grace #60;Hopper#62; #38; Co\"])\n"));
    assert!(m.contains("  n2 -->|2400 g MO-000001| n0\n"));
    assert!(m.contains("  n0 -->|3 pcs| n3\n"));
    assert!(m.contains("  n5 --> n7\n"));
    assert!(m.contains("  class n0 root\n"));
    assert_eq!(m.matches("-->").count(), 8);
    // No raw quote, bracket or angle bracket survives inside a customer label.
    for line in m.lines().filter(|l| l.contains("([")) {
        let inner = &line[line.find("([\"").unwrap() + 3..line.rfind("\"])").unwrap()];
        let inner = inner.replace("<br/>", "");
        assert!(!inner.contains(['"', '<', '>', '[', ']']), "{line}");
    }
}

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn schedule() -> Vec<ScheduleRow> {
    let row = |mo: &str, product: &str, wc: &str, start: &str, end: &str| ScheduleRow {
        mo: mo.into(),
        product: product.into(),
        work_center: wc.into(),
        elapsed: None,
        start: t(start),
        end: t(end),
    };
    vec![
        row(
            "MO-000001",
            "CANDLE-LAV",
            "POUR",
            "2026-03-02T08:00:00Z",
            "2026-03-02T12:00:00Z",
        ),
        // Overlaps MO-000001 on POUR: stacked below it.
        row(
            "MO-000002",
            "CANDLE-CED",
            "POUR",
            "2026-03-02T10:00:00Z",
            "2026-03-02T14:00:00Z",
        ),
        row(
            "MO-000001",
            "CANDLE-LAV",
            "CURE <rack> & shelf",
            "2026-03-02T12:00:00Z",
            "2026-03-04T12:00:00Z",
        ),
        row(
            "MO-000003",
            "SOAP-OAT",
            "PACK",
            "2026-03-05T09:00:00Z",
            "2026-03-05T11:00:00Z",
        ),
    ]
}

fn attr(n: roxmltree::Node, name: &str) -> f64 {
    n.attribute(name).unwrap().parse().unwrap()
}

#[test]
fn gantt_svg_parses_and_has_a_row_per_work_center() {
    let now = t("2026-03-03T10:00:00Z");
    let svg = gantt_svg(&schedule(), now).unwrap();
    if let Some(dir) = export_dir() {
        std::fs::write(dir.join("gantt.svg"), &svg).unwrap();
    }
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );

    let centers: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("work-center"))
        .collect();
    let labels: Vec<&str> = centers
        .iter()
        .map(|c| {
            c.children()
                .find(|n| n.has_tag_name("text"))
                .and_then(|n| n.text())
                .unwrap()
        })
        .collect();
    // One row per work center, in name order, the name unescaped intact.
    assert_eq!(labels, ["CURE <rack> & shelf", "PACK", "POUR"]);

    let bars: Vec<(String, f64, f64)> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("bar"))
        .map(|g| {
            let title = g.children().find(|n| n.has_tag_name("title")).unwrap();
            let rect = g.children().find(|n| n.has_tag_name("rect")).unwrap();
            (
                title.text().unwrap().to_string(),
                attr(rect, "x"),
                attr(rect, "y"),
            )
        })
        .collect();
    assert_eq!(bars.len(), 4);
    let bar = |prefix: &str| bars.iter().find(|b| b.0.starts_with(prefix)).unwrap();
    let pour1 = bar("MO-000001 · CANDLE-LAV on POUR");
    let pour2 = bar("MO-000002");
    assert!(pour2.0.contains("2026-03-02 10:00 → 2026-03-02 14:00"));
    // Overlapping bars on one work center sit on different lines.
    assert!(pour2.2 > pour1.2);
    assert!(pour2.1 > pour1.1);
    // Readable labels: a bar wide enough carries MO id and product.
    assert!(svg.contains(">MO-000001 · CANDLE-LAV</text>"));

    // A column per day from Mon 2 to Thu 5, and the today line inside Tue 3.
    let day_lines: Vec<f64> = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("days"))
        .unwrap()
        .children()
        .filter(|n| n.has_tag_name("line"))
        .map(|n| attr(n, "x1"))
        .collect();
    assert_eq!(day_lines.len(), 5);
    for label in ["02 Mar", "03 Mar", "04 Mar", "05 Mar"] {
        assert!(svg.contains(&format!(">{label}</text>")), "{label}");
    }
    let today = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("today"))
        .unwrap();
    let line = today.children().find(|n| n.has_tag_name("line")).unwrap();
    let x = attr(line, "x1");
    assert!(
        day_lines[1] < x && x < day_lines[2],
        "{x} not in {day_lines:?}"
    );
    assert_eq!(
        today
            .children()
            .find(|n| n.has_tag_name("text"))
            .unwrap()
            .text(),
        Some("today")
    );

    // Deterministic, whatever order the rows come in.
    let mut reversed = schedule();
    reversed.reverse();
    assert_eq!(gantt_svg(&reversed, now).unwrap(), svg);
}

#[test]
fn gantt_rejects_backwards_rows_and_draws_an_empty_schedule() {
    let mut rows = schedule();
    rows[1].end = t("2026-03-01T00:00:00Z");
    let err = gantt_svg(&rows, t("2026-03-03T10:00:00Z")).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("rows[1].end"));

    let empty = gantt_svg(&[], t("2026-03-03T10:00:00Z")).unwrap();
    let doc = roxmltree::Document::parse(&empty).unwrap();
    assert!(doc
        .descendants()
        .any(|n| n.text() == Some("No scheduled work")));
    assert!(doc
        .descendants()
        .any(|n| n.attribute("id") == Some("today")));
}

#[test]
fn csv_exports_parse_and_keep_formulas_inert() {
    let lw = traced();
    let orders = lw.orders_csv().unwrap();
    let mut reader = csv::Reader::from_reader(orders.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, lotwise::export::csv::ORDER_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("customer")], ADA);
    assert_eq!(&rows[1][col("customer")], GRACE);
    assert_eq!(&rows[0][col("status")], "shipped");
    assert_eq!(&rows[0][col("qty")], "3");
    assert_eq!(&rows[0][col("line_total")], "54.00");
    assert_eq!(&rows[0][col("notes")], "'=HYPERLINK(\"http://evil\")");

    let stock = lw.stock_csv().unwrap();
    let mut reader = csv::Reader::from_reader(stock.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    // By SKU: 12 candles made, 7 shipped; 12 of 100 jars and 2.4 of 10 kg wax used.
    assert_eq!(
        rows,
        vec![
            vec!["CANDLE", "CANDLE-B000001", "MAIN", "", "5", "0", "5", "pcs"],
            vec!["JAR", "JAR-R0002", "MAIN", "", "88", "0", "88", "pcs"],
            vec!["WAX", "WAX-R0001", "MAIN", "", "7600", "0", "7600", "g"],
        ]
    );
}
