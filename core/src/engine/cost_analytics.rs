//! Cost analytics: margins per product, channel and month from the
//! shipments' costs, and stock value at the end of each day from the ledger.
//! A report over the span asked for: it reads every shipment cost and the
//! ledger up to the last day.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;

use super::valuation::LotCosts;
use super::{Ctx, Lotwise};
use crate::domain::cost_analytics::{
    group, CostAnalytics, CostAnalyticsQuery, InventoryValue, ShippedFact,
};
use crate::domain::costing::{records, ShipmentCost};
use crate::domain::money::total_amount;
use crate::domain::order::SalesOrder;
use crate::error::{Error, Result};

impl Lotwise {
    /// Margin per product, channel and month on what shipped between two
    /// days, and the value of stock at the end of each of them.
    pub fn cost_analytics(&self, query: &CostAnalyticsQuery) -> Result<CostAnalytics> {
        self.read(|ctx| ctx.cost_analytics(query))
    }
}

impl Ctx<'_> {
    fn cost_analytics(&mut self, q: &CostAnalyticsQuery) -> Result<CostAnalytics> {
        if q.to < q.from || q.to - q.from > Duration::days(366) {
            return Err(Error::invalid_input(
                "to",
                q.to,
                "must be on or after `from`, at most 366 days later",
            ));
        }
        let cost_currency = self.cost_settings()?.currency;
        let mut orders: BTreeMap<String, SalesOrder> = BTreeMap::new();
        let mut facts = Vec::new();
        for (key, value) in self.tx.docs(records::SHIPMENT)? {
            let cost: ShipmentCost = super::records::decode(records::SHIPMENT, &key, value)?;
            let day = cost.at.date_naive();
            if day < q.from || day > q.to {
                continue;
            }
            if !orders.contains_key(&cost.order) {
                let order = self.order(&cost.order)?;
                orders.insert(cost.order.clone(), order);
            }
            let order = &orders[&cost.order];
            for l in &cost.lines {
                let price = order
                    .lines
                    .iter()
                    .find(|ol| ol.line == l.line)
                    .and_then(|ol| ol.unit_price.clone());
                facts.push(ShippedFact {
                    month: format!("{:04}-{:02}", day.year(), day.month()),
                    channel: order.channel.clone(),
                    sku: l.sku.clone(),
                    currency: price.as_ref().map(|p| p.currency.clone()),
                    qty: l.qty,
                    revenue: price.map_or(Decimal::ZERO, |p| p.amount * l.qty),
                    cost: l.cost,
                });
            }
        }
        let cc = &cost_currency;
        Ok(CostAnalytics {
            margins: group(&facts, cc, |f| {
                (
                    Some(f.month.clone()),
                    Some(f.channel.clone()),
                    Some(f.sku.clone()),
                    f.currency.clone(),
                )
            }),
            by_product: group(&facts, cc, |f| {
                (None, None, Some(f.sku.clone()), f.currency.clone())
            }),
            by_channel: group(&facts, cc, |f| {
                (None, Some(f.channel.clone()), None, f.currency.clone())
            }),
            by_month: group(&facts, cc, |f| {
                (Some(f.month.clone()), None, None, f.currency.clone())
            }),
            inventory: self.inventory_by_day(q.from, q.to, cc)?,
            cost_currency,
        })
    }

    /// Stock value (internal, quarantine and in-transit stock × lot costs)
    /// at the end of each day from `from` to `to`, folding the ledger once.
    fn inventory_by_day(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        currency: &Option<String>,
    ) -> Result<Vec<InventoryValue>> {
        let kinds = self.location_kinds()?;
        let mut costs = LotCosts(BTreeMap::new());
        let holds = |loc: &str| kinds.get(loc).is_some_and(|k| k.holds_stock());
        let cur = currency.as_deref().unwrap_or("USD");
        let mut out = Vec::new();
        let mut value = Decimal::ZERO;
        let mut day = from;
        for m in self.tx.movements()? {
            let at = m.at.date_naive();
            if at > to {
                break;
            }
            while at > day && day <= to {
                if day >= from {
                    out.push(InventoryValue {
                        day,
                        value: total_amount(value, cur),
                    });
                }
                day += Duration::days(1);
            }
            let v = costs
                .get(self, &m.lot)?
                .map_or(Decimal::ZERO, |c| c * m.qty);
            if holds(&m.from) {
                value -= v;
            }
            if holds(&m.to) {
                value += v;
            }
        }
        while day <= to {
            out.push(InventoryValue {
                day,
                value: total_amount(value, cur),
            });
            day += Duration::days(1);
        }
        Ok(out)
    }
}
