//! Cost reports: what the shelf is worth, where the cost went, what an
//! order earned and what a recipe should cost. Amounts are in the shop's
//! cost currency, exact; `*_total` fields are rounded to its minor unit.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::money::Money;

/// Input to `stock_valuation`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValuationQuery {
    /// The instant to value stock at (stock as the ledger stood then); now when absent.
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
    /// Only this item; every item when absent.
    #[serde(default)]
    pub sku: Option<String>,
    /// Only this location; every location that holds stock when absent.
    #[serde(default)]
    pub location: Option<String>,
}

/// Stock of one lot at one location, valued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ValuedLot {
    /// Item.
    pub sku: String,
    /// Location.
    pub location: String,
    /// Lot.
    pub lot: String,
    /// On hand, base unit.
    pub qty: Decimal,
    /// The lot's cost per base unit; `None` when it has none.
    pub unit_cost: Option<Decimal>,
    /// qty × unit cost (zero without a cost).
    pub value: Decimal,
}

/// Stock of one item at one location, valued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ValuedStock {
    /// Item.
    pub sku: String,
    /// Location.
    pub location: String,
    /// On hand, base unit.
    pub qty: Decimal,
    /// Σ of its lots' values.
    pub value: Decimal,
    /// The value rounded to the currency's minor unit.
    pub value_total: Option<Money>,
}

/// What stock was worth at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Valuation {
    /// The instant.
    pub at: DateTime<Utc>,
    /// The cost currency; `None` when no cost was ever recorded.
    pub currency: Option<String>,
    /// Per lot and location (internal, quarantine and in-transit stock).
    pub lots: Vec<ValuedLot>,
    /// Per item and location.
    pub items: Vec<ValuedStock>,
    /// Σ of every lot's value, exact.
    pub value: Decimal,
    /// The value rounded to the currency's minor unit.
    pub value_total: Option<Money>,
    /// Lots on hand without a cost (valued at zero).
    pub uncosted_lots: Vec<String>,
}

/// Where cost went, from the ledger and the batches' costs, up to an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CostFlows {
    /// The instant.
    pub at: DateTime<Utc>,
    /// The cost currency; `None` when no cost was ever recorded.
    pub currency: Option<String>,
    /// Receipts, and stock found at counts, at their lots' cost.
    pub received: Decimal,
    /// What batches added: labour, overhead and the rounding of output unit costs.
    pub added_by_operations: Decimal,
    /// Cost of goods shipped, less what customers sent back.
    pub shipped: Decimal,
    /// Scrapped: inputs of cancelled batches, batches with no good output,
    /// returns scrapped, stock lost at counts.
    pub scrapped: Decimal,
    /// Inputs of batches started and not yet completed.
    pub work_in_progress: Decimal,
    /// Stock valuation (internal, quarantine and in-transit stock).
    pub on_hand: Decimal,
    /// received + added − shipped − scrapped − work in progress − on hand:
    /// zero, always (costs are conserved).
    pub unaccounted: Decimal,
}

/// Input to `order_margin`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarginQuery {
    /// The sales order.
    pub id: String,
    /// Units of the cost currency per unit of the order's currency, when
    /// they differ; without it such an order's margin is not comparable.
    #[serde(default)]
    pub exchange_rate: Option<Decimal>,
}

/// The margin of one order line, on what has shipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LineMargin {
    /// Line number.
    pub line: u32,
    /// Item.
    pub sku: String,
    /// Shipped, base unit.
    pub shipped: Decimal,
    /// shipped × unit price, in the order's currency; `None` when unpriced.
    pub revenue: Option<Money>,
    /// Cost of the goods shipped on the line, in the cost currency.
    pub cost_of_goods: Option<Money>,
    /// revenue (in the cost currency) − cost of goods; `None` when not comparable.
    pub margin: Option<Money>,
    /// margin ÷ revenue × 100, to two places; `None` when not comparable or no revenue.
    pub margin_pct: Option<Decimal>,
}

/// The margin of an order on what has shipped, in the cost currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrderMargin {
    /// The order.
    pub order: String,
    /// The order's currency (of its prices); `None` when unpriced.
    pub currency: Option<String>,
    /// The cost currency; `None` when no cost was ever recorded.
    pub cost_currency: Option<String>,
    /// Whether revenue and cost are in one currency (the same, or converted
    /// by the rate given). When not, margins are `None`: never mixed.
    pub comparable: bool,
    /// Per line.
    pub lines: Vec<LineMargin>,
    /// Σ revenue, in the order's currency, rounded to its minor unit.
    pub revenue: Option<Money>,
    /// Σ cost of goods, rounded to the cost currency's minor unit.
    pub cost_of_goods: Option<Money>,
    /// revenue − cost of goods, in the cost currency, rounded.
    pub margin: Option<Money>,
    /// margin ÷ revenue × 100, to two places.
    pub margin_pct: Option<Decimal>,
}

/// Input to `estimate_recipe_cost`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EstimateQuery {
    /// The product.
    pub sku: String,
    /// How much to quote; one recipe batch when absent.
    #[serde(default)]
    pub qty: Option<super::quantity::Qty>,
}

/// One input of a recipe estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EstimateLine {
    /// Item.
    pub sku: String,
    /// Quantity needed, base unit (with scrap and yield allowances).
    pub qty: Decimal,
    /// The cost per base unit used; `None` when none is known.
    pub unit_cost: Option<Decimal>,
    /// Where it came from: `stock` (on-hand lots, weighted), `last_lot`,
    /// `supplier_price`, `recipe` (made, estimated from its own recipe) or `none`.
    pub source: String,
    /// qty × unit cost.
    pub cost: Decimal,
}

/// A recipe's estimated cost from current costs, for quoting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecipeEstimate {
    /// The product.
    pub sku: String,
    /// The quantity estimated, base unit.
    pub qty: Decimal,
    /// The cost currency; `None` when no cost was ever recorded.
    pub currency: Option<String>,
    /// Inputs (one level; made inputs are estimated from their recipes).
    pub inputs: Vec<EstimateLine>,
    /// Σ inputs.
    pub materials: Decimal,
    /// Operations at their work centers' rates.
    pub labour: Decimal,
    /// The overhead rule.
    pub overhead: Decimal,
    /// materials + labour + overhead.
    pub total: Decimal,
    /// total ÷ qty, per base unit, to 10 places.
    pub unit_cost: Option<Decimal>,
    /// The total rounded to the currency's minor unit.
    pub total_money: Option<Money>,
    /// Inputs with no known cost (counted as zero).
    pub uncosted: Vec<String>,
}
