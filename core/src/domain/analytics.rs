//! Analytics over orders, shipments and manufacturing orders: sales by
//! channel and day, status counts, on-time shipping, lead time, production
//! throughput and top SKUs. Pure: the engine hands in what the store holds.
//!
//! Money is summed per currency and never mixed; every figure is a decimal.
//! The period filters each figure by the day (UTC) its own event happened:
//! orders by the day they were placed, shipping performance by the day goods
//! left, throughput by the day a batch was completed.

mod figures;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

#[cfg(doc)]
use super::money::total_amount;
use super::order::{OrderStatus, SalesOrder};
use super::production::ManufacturingOrder;
use super::quantity::Uom;
use super::shipment::Shipment;
use crate::error::{Error, Result};
use figures::{by_status, lead_time, on_time, sales, throughput, top_skus};

/// What to compute over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AnalyticsQuery {
    /// First day included (UTC); from the beginning when `None`.
    pub from: Option<NaiveDate>,
    /// Last day included (UTC); up to now when `None`.
    pub to: Option<NaiveDate>,
    /// How many SKUs the top lists keep (per currency for revenue), 1 to 1000.
    pub top: usize,
    /// Only the orders of this customer (`CU-000001`).
    pub customer: Option<String>,
    /// Only the orders of the customers this segment holds now: revenue
    /// by segment is the analytics of each segment.
    pub segment: Option<String>,
}

impl Default for AnalyticsQuery {
    fn default() -> Self {
        AnalyticsQuery {
            from: None,
            to: None,
            top: 10,
            customer: None,
            segment: None,
        }
    }
}

impl AnalyticsQuery {
    fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }
}

/// Orders and revenue of one channel on one day in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ChannelDay {
    /// Day placed (UTC).
    pub day: NaiveDate,
    /// Channel.
    pub channel: String,
    /// Currency of the orders' prices; `None` for orders without any price.
    pub currency: Option<String>,
    /// Orders placed, cancelled ones excluded.
    pub orders: u64,
    /// Σ qty × unit price of their lines, in `currency` (zero without one).
    pub revenue: Decimal,
}

/// How many orders are in a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StatusCount {
    /// Status.
    pub status: OrderStatus,
    /// Orders placed in the period that are in it now.
    pub orders: u64,
}

/// Shipping against promised dates. The unit is a shipment of an order line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OnTime {
    /// Shipped lines with a promised or requested date.
    pub evaluated: u64,
    /// Of those, shipped on or before that date.
    pub on_time: u64,
    /// Shipped after it.
    pub late: u64,
    /// Shipped lines with neither date, left out of the rate.
    pub without_date: u64,
    /// `on_time / evaluated`, rounded to 4 places; `None` when nothing was evaluated.
    pub rate: Option<Decimal>,
}

/// Time from placing an order to its last shipment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LeadTime {
    /// Fully shipped orders whose last shipment falls in the period.
    pub orders: u64,
    /// Their mean lead time in hours, rounded to 2 places.
    pub average_hours: Option<Decimal>,
}

/// Good output of a product on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DayOutput {
    /// Completion day (UTC).
    pub day: NaiveDate,
    /// Batches completed.
    pub mos: u64,
    /// Good output, in the product's base unit.
    pub good: Decimal,
}

/// Completed production of one product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProductThroughput {
    /// Product.
    pub product: String,
    /// Batches completed.
    pub mos: u64,
    /// Good output, in the product's base unit.
    pub good: Decimal,
    /// Scrapped output.
    pub scrap: Decimal,
    /// Good output per day of the period, rounded to 4 places. The period is
    /// `from..=to` when both are given, else first to last completion day.
    pub per_day: Decimal,
    /// Output per day with completions, by day.
    pub days: Vec<DayOutput>,
}

/// A SKU by quantity ordered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SkuQty {
    /// Item.
    pub sku: String,
    /// Quantity ordered, in the item's base unit.
    pub qty: Decimal,
    /// That unit.
    pub uom: Uom,
    /// Orders with the SKU.
    pub orders: u64,
}

/// A SKU by revenue in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SkuRevenue {
    /// Currency.
    pub currency: String,
    /// Item.
    pub sku: String,
    /// Σ qty × unit price.
    pub revenue: Decimal,
    /// Quantity sold at a price in this currency.
    pub qty: Decimal,
}

/// Everything the analytics page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Analytics {
    /// The query's period.
    pub from: Option<NaiveDate>,
    /// The query's period.
    pub to: Option<NaiveDate>,
    /// Orders and revenue by day, channel and currency.
    pub sales: Vec<ChannelDay>,
    /// Orders placed in the period by their status now, in status order.
    pub by_status: Vec<StatusCount>,
    /// On-time shipping of lines shipped in the period.
    pub on_time: OnTime,
    /// Lead time of orders completed in the period.
    pub lead_time: LeadTime,
    /// Completed production per product.
    pub throughput: Vec<ProductThroughput>,
    /// Most ordered SKUs by quantity.
    pub top_by_qty: Vec<SkuQty>,
    /// Best-selling SKUs by revenue, per currency (currencies sorted).
    pub top_by_revenue: Vec<SkuRevenue>,
}

/// A money amount for display: trailing zeros dropped, but at least two
/// places. Totals in a currency use [`total_amount`], which rounds to the
/// currency's minor unit; this is for amounts whose currency is not known.
pub fn tidy_amount(amount: Decimal) -> Decimal {
    let mut a = amount.normalize();
    if a.scale() < 2 {
        a.rescale(2);
    }
    a
}

fn round(value: Decimal, places: u32) -> Decimal {
    value
        .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// Computes every figure for the period of `q`.
pub fn compute(
    orders: &[SalesOrder],
    shipments: &[Shipment],
    mos: &[ManufacturingOrder],
    q: &AnalyticsQuery,
) -> Result<Analytics> {
    if q.top == 0 || q.top > 1000 {
        return Err(Error::invalid_input("top", q.top, "must be 1 to 1000"));
    }
    if let (Some(from), Some(to)) = (q.from, q.to) {
        if to < from {
            return Err(Error::invalid_input("to", to, "must not be before from"));
        }
    }
    let placed: Vec<&SalesOrder> = orders
        .iter()
        .filter(|o| q.contains(o.placed_at.date_naive()))
        .collect();
    let selling: Vec<&SalesOrder> = placed
        .iter()
        .copied()
        .filter(|o| o.status != OrderStatus::Cancelled)
        .collect();
    let (top_by_qty, top_by_revenue) = top_skus(&selling, q.top);
    Ok(Analytics {
        from: q.from,
        to: q.to,
        sales: sales(&selling)?,
        by_status: by_status(&placed),
        on_time: on_time(orders, shipments, q),
        lead_time: lead_time(orders, shipments, q),
        throughput: throughput(mos, q),
        top_by_qty,
        top_by_revenue,
    })
}
