//! Cost analytics: margin per product, channel and month on what shipped,
//! and the value of stock at the end of each day.
//!
//! Revenue is in each order's currency; cost of goods in the shop's cost
//! currency. A margin is given only where the two are the same currency:
//! rows of orders priced in another currency have `margin: None` (not
//! comparable), never a sum across currencies.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::money::total_amount;

/// Input to `cost_analytics`: the days to report, both included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostAnalyticsQuery {
    /// First day (UTC).
    pub from: NaiveDate,
    /// Last day (UTC), at most 366 days after `from`.
    pub to: NaiveDate,
}

/// Margin of one group of shipped goods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MarginRow {
    /// Month shipped, `YYYY-MM`; `None` in the per-product and per-channel sums.
    pub month: Option<String>,
    /// Sales channel; `None` in the per-product and per-month sums.
    pub channel: Option<String>,
    /// Product; `None` in the per-channel and per-month sums.
    pub sku: Option<String>,
    /// The orders' currency; `None` for unpriced lines.
    pub currency: Option<String>,
    /// Quantity shipped, base unit (summed only within one SKU, else zero).
    pub qty: Decimal,
    /// Revenue in `currency`, rounded to its minor unit.
    pub revenue: Decimal,
    /// Cost of goods in the cost currency, rounded to its minor unit.
    pub cost_of_goods: Decimal,
    /// revenue − cost, rounded; `None` when `currency` is not the cost currency.
    pub margin: Option<Decimal>,
}

/// Stock value at the end of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct InventoryValue {
    /// The day.
    pub day: NaiveDate,
    /// On hand × lot costs at the end of the day, rounded to the cost currency's minor unit.
    pub value: Decimal,
}

/// Margins and inventory value over a span of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CostAnalytics {
    /// The cost currency; `None` when no cost was ever recorded.
    pub cost_currency: Option<String>,
    /// Per month, channel, product and currency.
    pub margins: Vec<MarginRow>,
    /// Per product and currency, over the span.
    pub by_product: Vec<MarginRow>,
    /// Per channel and currency, over the span.
    pub by_channel: Vec<MarginRow>,
    /// Per month and currency.
    pub by_month: Vec<MarginRow>,
    /// Stock value at the end of each day.
    pub inventory: Vec<InventoryValue>,
}

/// One shipped lot of an order line, with what it earned and cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShippedFact {
    /// `YYYY-MM` shipped.
    pub month: String,
    /// Channel of the order.
    pub channel: String,
    /// Product.
    pub sku: String,
    /// Currency of the order's price, if priced.
    pub currency: Option<String>,
    /// Base-unit quantity.
    pub qty: Decimal,
    /// qty × unit price (zero when unpriced).
    pub revenue: Decimal,
    /// qty × lot cost.
    pub cost: Decimal,
}

type Key = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Groups facts by the key `key` picks, summing exactly and rounding once.
pub fn group(
    facts: &[ShippedFact],
    cost_currency: &Option<String>,
    key: impl Fn(&ShippedFact) -> Key,
) -> Vec<MarginRow> {
    let mut sums: BTreeMap<Key, (Decimal, Decimal, Decimal)> = BTreeMap::new();
    for f in facts {
        let e = sums.entry(key(f)).or_default();
        e.0 += f.qty;
        e.1 += f.revenue;
        e.2 += f.cost;
    }
    sums.into_iter()
        .map(|((month, channel, sku, currency), (qty, revenue, cost))| {
            let cost_cur = cost_currency.as_deref().unwrap_or("USD");
            let comparable = currency.is_some() && currency == *cost_currency;
            MarginRow {
                qty: if sku.is_some() { qty } else { Decimal::ZERO },
                revenue: currency
                    .as_deref()
                    .map_or(Decimal::ZERO, |c| total_amount(revenue, c)),
                cost_of_goods: total_amount(cost, cost_cur),
                margin: comparable.then(|| total_amount(revenue - cost, cost_cur)),
                month,
                channel,
                sku,
                currency,
            }
        })
        .collect()
}
