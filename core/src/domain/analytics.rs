//! Analytics over orders, shipments and manufacturing orders: sales by
//! channel and day, status counts, on-time shipping, lead time, production
//! throughput and top SKUs. Pure: the engine hands in what the store holds.
//!
//! Money is summed per currency and never mixed; every figure is a decimal.
//! The period filters each figure by the day (UTC) its own event happened:
//! orders by the day they were placed, shipping performance by the day goods
//! left, throughput by the day a batch was completed.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::money::total_amount;
use super::order::{OrderStatus, SalesOrder};
use super::production::{ManufacturingOrder, MoStatus};
use super::quantity::Uom;
use super::shipment::Shipment;
use crate::error::{Error, Result};

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

/// The currency of an order's prices and its revenue in it.
fn revenue(order: &SalesOrder) -> Result<(Option<String>, Decimal)> {
    let mut currency: Option<&str> = None;
    let mut sum = Decimal::ZERO;
    for line in &order.lines {
        if let Some(price) = &line.unit_price {
            match currency {
                Some(c) if c != price.currency => {
                    return Err(Error::CurrencyMismatch {
                        expected: c.to_string(),
                        got: price.currency.clone(),
                    })
                }
                _ => currency = Some(&price.currency),
            }
            sum += line.qty.value * price.amount;
        }
    }
    Ok((currency.map(str::to_string), sum))
}

fn sales(orders: &[&SalesOrder]) -> Result<Vec<ChannelDay>> {
    let mut buckets: BTreeMap<(NaiveDate, String, Option<String>), (u64, Decimal)> =
        BTreeMap::new();
    for o in orders {
        let (currency, amount) = revenue(o)?;
        let b = buckets
            .entry((o.placed_at.date_naive(), o.channel.clone(), currency))
            .or_default();
        b.0 += 1;
        b.1 += amount;
    }
    Ok(buckets
        .into_iter()
        .map(|((day, channel, currency), (n, amount))| ChannelDay {
            day,
            channel,
            revenue: match &currency {
                Some(c) => total_amount(amount, c),
                None => Decimal::ZERO,
            },
            currency,
            orders: n,
        })
        .collect())
}

fn by_status(orders: &[&SalesOrder]) -> Vec<StatusCount> {
    let mut counts: BTreeMap<OrderStatus, u64> = BTreeMap::new();
    for o in orders {
        *counts.entry(o.status).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(status, orders)| StatusCount { status, orders })
        .collect()
}

fn on_time(orders: &[SalesOrder], shipments: &[Shipment], q: &AnalyticsQuery) -> OnTime {
    let by_id: BTreeMap<&str, &SalesOrder> = orders.iter().map(|o| (o.id.as_str(), o)).collect();
    let mut out = OnTime::default();
    for s in shipments {
        let day = s.shipped_at.date_naive();
        if !q.contains(day) {
            continue;
        }
        let Some(order) = by_id.get(s.order.as_str()) else {
            continue;
        };
        // A line shipped from several lots in one shipment counts once.
        let lines: BTreeSet<u32> = s.lines.iter().map(|l| l.line).collect();
        for n in lines {
            let due = order
                .lines
                .iter()
                .find(|l| l.line == n)
                .and_then(|l| l.promised_date.or(l.requested_date));
            match due {
                None => out.without_date += 1,
                Some(d) if day <= d => out.on_time += 1,
                Some(_) => out.late += 1,
            }
        }
    }
    out.evaluated = out.on_time + out.late;
    if out.evaluated > 0 {
        out.rate = Some(round(
            Decimal::from(out.on_time) / Decimal::from(out.evaluated),
            4,
        ));
    }
    out
}

fn lead_time(orders: &[SalesOrder], shipments: &[Shipment], q: &AnalyticsQuery) -> LeadTime {
    let mut last: BTreeMap<&str, DateTime<Utc>> = BTreeMap::new();
    for s in shipments {
        let at = last.entry(s.order.as_str()).or_insert(s.shipped_at);
        *at = (*at).max(s.shipped_at);
    }
    let mut n = 0u64;
    let mut seconds = Decimal::ZERO;
    for o in orders.iter().filter(|o| o.status == OrderStatus::Shipped) {
        let Some(done) = last.get(o.id.as_str()) else {
            continue;
        };
        if !q.contains(done.date_naive()) {
            continue;
        }
        n += 1;
        seconds += Decimal::from((*done - o.placed_at).num_seconds());
    }
    LeadTime {
        orders: n,
        average_hours: (n > 0).then(|| round(seconds / Decimal::from(n) / Decimal::from(3600), 2)),
    }
}

fn throughput(mos: &[ManufacturingOrder], q: &AnalyticsQuery) -> Vec<ProductThroughput> {
    let done: Vec<(&ManufacturingOrder, NaiveDate)> = mos
        .iter()
        .filter(|m| m.status == MoStatus::Completed)
        .filter_map(|m| Some((m, m.finished_at?.date_naive())))
        .filter(|(_, day)| q.contains(*day))
        .collect();
    let period_days = match (q.from, q.to) {
        (Some(f), Some(t)) => (t - f).num_days() + 1,
        _ => {
            let first = done.iter().map(|(_, d)| *d).min();
            let last = done.iter().map(|(_, d)| *d).max();
            match (first, last) {
                (Some(f), Some(l)) => (l - f).num_days() + 1,
                _ => 1,
            }
        }
    };
    let mut per: BTreeMap<&str, ProductThroughput> = BTreeMap::new();
    let mut days: BTreeMap<(&str, NaiveDate), DayOutput> = BTreeMap::new();
    for (mo, day) in &done {
        let (good, scrap) = mo
            .output
            .as_ref()
            .map_or((Decimal::ZERO, Decimal::ZERO), |o| (o.good, o.scrap));
        let p = per
            .entry(mo.product.as_str())
            .or_insert_with(|| ProductThroughput {
                product: mo.product.clone(),
                mos: 0,
                good: Decimal::ZERO,
                scrap: Decimal::ZERO,
                per_day: Decimal::ZERO,
                days: Vec::new(),
            });
        p.mos += 1;
        p.good += good;
        p.scrap += scrap;
        let d = days
            .entry((mo.product.as_str(), *day))
            .or_insert(DayOutput {
                day: *day,
                mos: 0,
                good: Decimal::ZERO,
            });
        d.mos += 1;
        d.good += good;
    }
    for ((product, _), d) in days {
        if let Some(p) = per.get_mut(product) {
            p.days.push(d);
        }
    }
    per.into_values()
        .map(|mut p| {
            p.per_day = round(p.good / Decimal::from(period_days.max(1)), 4);
            p
        })
        .collect()
}

fn top_skus(orders: &[&SalesOrder], top: usize) -> (Vec<SkuQty>, Vec<SkuRevenue>) {
    let mut qty: BTreeMap<&str, SkuQty> = BTreeMap::new();
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut money: BTreeMap<(&str, &str), (Decimal, Decimal)> = BTreeMap::new();
    for o in orders {
        for line in &o.lines {
            let entry = qty.entry(line.sku.as_str()).or_insert_with(|| SkuQty {
                sku: line.sku.clone(),
                qty: Decimal::ZERO,
                uom: line.qty.std_uom().unwrap_or(Uom::Pcs),
                orders: 0,
            });
            entry.qty += line.qty.value;
            if seen.insert((o.id.as_str(), line.sku.as_str())) {
                entry.orders += 1;
            }
            if let Some(price) = &line.unit_price {
                let m = money
                    .entry((price.currency.as_str(), line.sku.as_str()))
                    .or_default();
                m.0 += line.qty.value * price.amount;
                m.1 += line.qty.value;
            }
        }
    }
    let mut by_qty: Vec<SkuQty> = qty.into_values().collect();
    by_qty.sort_by(|a, b| b.qty.cmp(&a.qty).then_with(|| a.sku.cmp(&b.sku)));
    by_qty.truncate(top);
    let mut per_currency: BTreeMap<&str, Vec<SkuRevenue>> = BTreeMap::new();
    for ((currency, sku), (revenue, q)) in money {
        per_currency.entry(currency).or_default().push(SkuRevenue {
            currency: currency.to_string(),
            sku: sku.to_string(),
            revenue: total_amount(revenue, currency),
            qty: q,
        });
    }
    let by_revenue = per_currency
        .into_values()
        .flat_map(|mut list| {
            list.sort_by(|a, b| b.revenue.cmp(&a.revenue).then_with(|| a.sku.cmp(&b.sku)));
            list.truncate(top);
            list
        })
        .collect();
    (by_qty, by_revenue)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::{Customer, OrderLine};
    use crate::domain::shipment::ShipmentLine;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn line(n: u32, promised: Option<u32>, requested: Option<u32>) -> OrderLine {
        OrderLine {
            line: n,
            sku: "SOAP".into(),
            qty: "1 pcs".parse().unwrap(),
            unit_price: None,
            requested_date: requested.map(day),
            promised_date: promised.map(day),
            lot: None,
            min_remaining_shelf_life_days: None,
            shipped: 1.into(),
            fulfilled_outside: 0.into(),
            cancelled: 0.into(),
        }
    }

    fn shipped_order(lines: Vec<OrderLine>) -> SalesOrder {
        SalesOrder {
            id: "SO-000001".into(),
            channel: "etsy".into(),
            external_ref: None,
            customer: Customer::default(),
            ship_to: None,
            lines,
            tags: vec![],
            notes: None,
            attention: vec![],
            status: OrderStatus::Shipped,
            placed_at: at(1, 8),
            confirmed_at: Some(at(1, 8)),
            cancelled_at: None,
            hold: None,
            ship_from: None,
            delay: None,
        }
    }

    fn shipment(id: &str, at: DateTime<Utc>, lines: &[u32]) -> Shipment {
        Shipment {
            id: id.into(),
            order: "SO-000001".into(),
            lines: lines
                .iter()
                .map(|n| ShipmentLine {
                    line: *n,
                    sku: "SOAP".into(),
                    lot: "L".into(),
                    location: "MAIN".into(),
                    qty: 1.into(),
                })
                .collect(),
            carrier: "UPS".into(),
            tracking: "1".into(),
            label: None,
            shipped_at: at,
            cost_of_goods: None,
        }
    }

    #[test]
    fn promised_date_wins_over_requested_and_undated_lines_are_counted_apart() {
        // Line 1 promised the 3rd (requested the 10th): shipped the 4th, late.
        // Line 2 only requested the 5th: shipped the 4th, on time.
        // Line 3 promised the 4th: shipped the 4th, on time (same day).
        // Line 4 has no date.
        let order = shipped_order(vec![
            line(1, Some(3), Some(10)),
            line(2, None, Some(5)),
            line(3, Some(4), None),
            line(4, None, None),
        ]);
        // Line 1 leaves from two lots in one shipment: still one shipped line.
        let mut s = shipment("SH-000001", at(4, 23), &[1, 1, 2, 3, 4]);
        s.lines[1].lot = "L2".into();
        let a = compute(&[order], &[s], &[], &AnalyticsQuery::default()).unwrap();
        assert_eq!(
            a.on_time,
            OnTime {
                evaluated: 3,
                on_time: 2,
                late: 1,
                without_date: 1,
                rate: Some(Decimal::new(6667, 4)),
            }
        );
        // Placed the 1st 08:00, last shipment the 4th 23:00: 87 hours.
        assert_eq!(a.lead_time.average_hours, Some(Decimal::from(87)));
    }

    #[test]
    fn period_filters_shipments_by_the_day_they_left() {
        let order = shipped_order(vec![line(1, Some(3), None)]);
        let ships = [shipment("SH-000001", at(2, 9), &[1])];
        let q = AnalyticsQuery {
            from: Some(day(3)),
            ..Default::default()
        };
        let a = compute(std::slice::from_ref(&order), &ships, &[], &q).unwrap();
        assert_eq!(a.on_time.evaluated, 0);
        assert_eq!(a.on_time.rate, None);
        assert_eq!(a.lead_time.orders, 0);
        // Placed on the 1st, before the period: not counted by status either.
        assert!(a.by_status.is_empty());
    }

    #[test]
    fn rejects_bad_bounds() {
        let q = AnalyticsQuery {
            top: 0,
            ..Default::default()
        };
        assert_eq!(
            compute(&[], &[], &[], &q).unwrap_err().code(),
            "invalid_input"
        );
        let q = AnalyticsQuery {
            from: Some(day(5)),
            to: Some(day(4)),
            ..Default::default()
        };
        assert_eq!(
            compute(&[], &[], &[], &q).unwrap_err().code(),
            "invalid_input"
        );
    }

    #[test]
    fn tidy_keeps_two_places_at_least() {
        assert_eq!(tidy_amount(Decimal::new(27_00000, 5)).to_string(), "27.00");
        assert_eq!(tidy_amount(Decimal::new(125, 3)).to_string(), "0.125");
    }
}
