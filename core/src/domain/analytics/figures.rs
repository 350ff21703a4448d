//! How each figure of [`Analytics`] is computed from the orders, shipments
//! and manufacturing orders that [`compute`](super::compute) hands in.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

#[cfg(doc)]
use super::Analytics;
use super::{
    round, AnalyticsQuery, ChannelDay, DayOutput, LeadTime, OnTime, ProductThroughput, SkuQty,
    SkuRevenue, StatusCount,
};
use crate::domain::money::total_amount;
use crate::domain::order::{OrderStatus, SalesOrder};
use crate::domain::production::{ManufacturingOrder, MoStatus};
use crate::domain::quantity::Uom;
use crate::domain::shipment::Shipment;
use crate::error::{Error, Result};

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

pub(super) fn sales(orders: &[&SalesOrder]) -> Result<Vec<ChannelDay>> {
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

pub(super) fn by_status(orders: &[&SalesOrder]) -> Vec<StatusCount> {
    let mut counts: BTreeMap<OrderStatus, u64> = BTreeMap::new();
    for o in orders {
        *counts.entry(o.status).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(status, orders)| StatusCount { status, orders })
        .collect()
}

pub(super) fn on_time(orders: &[SalesOrder], shipments: &[Shipment], q: &AnalyticsQuery) -> OnTime {
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

pub(super) fn lead_time(
    orders: &[SalesOrder],
    shipments: &[Shipment],
    q: &AnalyticsQuery,
) -> LeadTime {
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

pub(super) fn throughput(mos: &[ManufacturingOrder], q: &AnalyticsQuery) -> Vec<ProductThroughput> {
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

pub(super) fn top_skus(orders: &[&SalesOrder], top: usize) -> (Vec<SkuQty>, Vec<SkuRevenue>) {
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
