//! Pictures and files for people and other programs: the trace graph of a
//! lot as Graphviz DOT or Mermaid, the production schedule as an SVG Gantt
//! chart, and orders and stock as CSV.
//!
//! The renderers are pure functions of their input and deterministic: the
//! same data gives the same bytes, so outputs can be diffed and cached.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::quantity::Uom;
use crate::domain::trace::{RecallReport, Trace};
use crate::engine::Lotwise;
use crate::error::Result;

pub mod csv;
pub mod dot;
pub mod gantt;
pub mod mermaid;

pub use gantt::{gantt_svg, gantt_svg_with_units, ScheduleRow};

/// What a node of the trace graph stands for.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A lot of material, intermediate or product.
    Lot,
    /// A shipment to a customer.
    Shipment,
    /// A sales order.
    Order,
    /// A customer (by name, as in the recall report).
    Customer,
}

impl NodeKind {
    fn prefix(self) -> &'static str {
        match self {
            NodeKind::Lot => "lot",
            NodeKind::Shipment => "shipment",
            NodeKind::Order => "order",
            NodeKind::Customer => "customer",
        }
    }
}

/// A node of the trace graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TraceNode {
    /// Unique within the graph: `lot:<code>`, `shipment:<id>`, `order:<id>`, `customer:<name>`.
    pub id: String,
    /// What it is.
    pub kind: NodeKind,
    /// Lines of its label: the code or name first, then details.
    pub label: Vec<String>,
    /// The lot the graph was drawn for.
    pub root: bool,
}

/// An edge of the trace graph.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct TraceGraphEdge {
    /// Node id it leaves.
    pub from: String,
    /// Node id it reaches.
    pub to: String,
    /// Lines of its label (quantity, manufacturing order), possibly none.
    pub label: Vec<String>,
}

/// A lot's trace as a graph: lots, the consumption edges between them with
/// quantities, and lot → shipment → order → customer. Nodes and edges are
/// sorted, so renderings are deterministic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TraceGraph {
    /// The lot the graph was drawn for.
    pub lot: String,
    /// Nodes, by kind then id.
    pub nodes: Vec<TraceNode>,
    /// Edges, by source, target and label.
    pub edges: Vec<TraceGraphEdge>,
}

fn node_id(kind: NodeKind, key: &str) -> String {
    format!("{}:{key}", kind.prefix())
}

fn qty_text(qty: Decimal, sku: &str, units: &BTreeMap<String, Uom>) -> String {
    match units.get(sku) {
        Some(u) => format!("{} {u}", qty.normalize()),
        None => qty.normalize().to_string(),
    }
}

impl TraceGraph {
    /// The graph of `lot` from its traces (backward, forward or both) and,
    /// optionally, its recall report for the deliveries. `units` maps SKUs
    /// to their base unit for quantity labels.
    pub fn build(
        lot: &str,
        traces: &[&Trace],
        recall: Option<&RecallReport>,
        units: &BTreeMap<String, Uom>,
    ) -> TraceGraph {
        let mut nodes: BTreeMap<(NodeKind, String), TraceNode> = BTreeMap::new();
        let mut add = |kind: NodeKind, key: &str, label: Vec<String>| {
            let id = node_id(kind, key);
            nodes
                .entry((kind, id.clone()))
                .or_insert_with(|| TraceNode {
                    root: kind == NodeKind::Lot && key == lot,
                    id,
                    kind,
                    label,
                });
        };
        let mut lot_skus: BTreeMap<String, String> = BTreeMap::new();
        for t in traces {
            for l in &t.lots {
                lot_skus.insert(l.lot.clone(), l.sku.clone());
            }
        }
        for l in recall.iter().flat_map(|r| r.lots.iter()) {
            lot_skus.insert(l.lot.clone(), l.sku.clone());
        }
        for (code, sku) in &lot_skus {
            add(NodeKind::Lot, code, vec![code.clone(), sku.clone()]);
        }
        // Backward and forward traces both hold the edges at the root.
        let consumption: BTreeSet<_> = traces.iter().flat_map(|t| t.edges.iter()).collect();
        let mut edges: BTreeSet<TraceGraphEdge> = BTreeSet::new();
        for e in consumption {
            let sku = lot_skus.get(&e.from_lot).map_or("", String::as_str);
            edges.insert(TraceGraphEdge {
                from: node_id(NodeKind::Lot, &e.from_lot),
                to: node_id(NodeKind::Lot, &e.to_lot),
                label: vec![qty_text(e.qty, sku, units), e.mo.clone()],
            });
        }
        let mut shipped: BTreeMap<(String, String, String), Decimal> = BTreeMap::new();
        for d in recall.iter().flat_map(|r| r.deliveries.iter()) {
            *shipped
                .entry((d.lot.clone(), d.shipment.clone(), d.sku.clone()))
                .or_default() += d.qty;
            let day = d.shipped_at.format("%Y-%m-%d").to_string();
            add(
                NodeKind::Shipment,
                &d.shipment,
                vec![d.shipment.clone(), day],
            );
            let order_label = match &d.external_ref {
                Some(ext) => vec![d.order.clone(), format!("{} {ext}", d.channel)],
                None => vec![d.order.clone(), d.channel.clone()],
            };
            add(NodeKind::Order, &d.order, order_label);
            let customer_label = match &d.email {
                Some(email) => vec![d.customer.clone(), email.clone()],
                None => vec![d.customer.clone()],
            };
            add(NodeKind::Customer, &d.customer, customer_label);
            edges.insert(TraceGraphEdge {
                from: node_id(NodeKind::Shipment, &d.shipment),
                to: node_id(NodeKind::Order, &d.order),
                label: vec![],
            });
            edges.insert(TraceGraphEdge {
                from: node_id(NodeKind::Order, &d.order),
                to: node_id(NodeKind::Customer, &d.customer),
                label: vec![],
            });
        }
        for ((lot_code, shipment, sku), qty) in shipped {
            edges.insert(TraceGraphEdge {
                from: node_id(NodeKind::Lot, &lot_code),
                to: node_id(NodeKind::Shipment, &shipment),
                label: vec![qty_text(qty, &sku, units)],
            });
        }
        TraceGraph {
            lot: lot.to_string(),
            nodes: nodes.into_values().collect(),
            edges: edges.into_iter().collect(),
        }
    }
}

impl Lotwise {
    /// The whole trace of a lot as a graph: what went into it, what was
    /// made from it, and who received any of it.
    ///
    /// Reads with four queries (backward, forward, recall, items); a command
    /// committed between them may show in some and not others.
    pub fn trace_graph(&self, lot: &str) -> Result<TraceGraph> {
        let backward = self.trace_backward(lot)?;
        let forward = self.trace_forward(lot)?;
        let recall = self.recall(lot)?;
        let units: BTreeMap<String, Uom> =
            self.items()?.into_iter().map(|i| (i.sku, i.uom)).collect();
        Ok(TraceGraph::build(
            lot,
            &[&backward, &forward],
            Some(&recall),
            &units,
        ))
    }

    /// [`Lotwise::trace_graph`] as Graphviz DOT (`dot -Tsvg` draws it).
    pub fn trace_dot(&self, lot: &str) -> Result<String> {
        Ok(dot::trace_dot(&self.trace_graph(lot)?))
    }

    /// [`Lotwise::trace_graph`] as a Mermaid flowchart.
    pub fn trace_mermaid(&self, lot: &str) -> Result<String> {
        Ok(mermaid::trace_mermaid(&self.trace_graph(lot)?))
    }

    /// The production schedule from `from` to `to` as an SVG Gantt chart
    /// (see [`gantt::gantt_svg`]), with the engine's now marked.
    pub fn schedule_svg(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<String> {
        let rows: Vec<ScheduleRow> = self
            .schedule(from, to)?
            .into_iter()
            .map(|r| ScheduleRow {
                mo: r.mo,
                product: r.product,
                work_center: r.work_center,
                elapsed: r.elapsed,
                start: r.start,
                end: r.end,
            })
            .collect();
        let units = self
            .work_centers()?
            .into_iter()
            .map(|c| (c.code, c.capacity))
            .collect();
        gantt::gantt_svg_with_units(&rows, self.now(), &units)
    }

    /// Every order as CSV, one row per line (see [`csv::orders_csv`]).
    pub fn orders_csv(&self) -> Result<String> {
        csv::orders_csv(&self.orders()?)
    }

    /// Available-to-sell of every product, per location and in total, for
    /// pushing stock levels back to sales channels.
    pub fn available_to_sell(&self) -> Result<Vec<crate::Availability>> {
        let mut out = Vec::new();
        for item in self.items()? {
            if item.kind == crate::ItemKind::Product {
                out.push(self.availability(&item.sku)?);
            }
        }
        Ok(out)
    }

    /// Stock of every item at internal locations as CSV, one row per lot
    /// and location (see [`csv::stock_csv`]).
    pub fn stock_csv(&self) -> Result<String> {
        let items = self.items()?;
        let mut levels = Vec::with_capacity(items.len());
        for item in &items {
            levels.push((self.stock(&item.sku)?, item.uom));
        }
        csv::stock_csv(&levels)
    }
}
