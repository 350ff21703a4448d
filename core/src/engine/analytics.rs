//! Analytics over the whole store, computed in one read transaction.

use super::Lotwise;
use crate::domain::analytics::{compute, Analytics, AnalyticsQuery};
use crate::error::Result;

impl Lotwise {
    /// Sales by channel and day (per currency), status counts, on-time
    /// shipping, lead time, production throughput and top SKUs for the
    /// query's period. See [`Analytics`] for what each figure counts.
    ///
    /// ```
    /// use lotwise::{AnalyticsQuery, Lotwise};
    /// let lw = Lotwise::open(":memory:").unwrap();
    /// let a = lw.analytics(&AnalyticsQuery::default()).unwrap();
    /// assert!(a.sales.is_empty() && a.on_time.rate.is_none());
    /// ```
    pub fn analytics(&self, query: &AnalyticsQuery) -> Result<Analytics> {
        self.read(|ctx| {
            let mut orders = ctx.tx.orders()?;
            let mut shipments = ctx.tx.shipments()?;
            if query.customer.is_some() || query.segment.is_some() {
                let mut allowed: Option<std::collections::BTreeSet<String>> = None;
                if let Some(code) = &query.segment {
                    let segment = ctx.segment(code)?;
                    let members = ctx.segment_members(&segment)?;
                    allowed = Some(members.into_iter().map(|m| m.customer.id).collect());
                }
                if let Some(id) = &query.customer {
                    let id = ctx.customer(id)?.id;
                    allowed = Some(match allowed {
                        Some(set) => set.into_iter().filter(|c| *c == id).collect(),
                        None => [id].into(),
                    });
                }
                let allowed = allowed.unwrap_or_default();
                orders.retain(|o| o.customer.id.as_ref().is_some_and(|c| allowed.contains(c)));
                let kept: std::collections::BTreeSet<&str> =
                    orders.iter().map(|o| o.id.as_str()).collect();
                shipments.retain(|s| kept.contains(s.order.as_str()));
            }
            let mos = ctx.tx.mos()?;
            compute(&orders, &shipments, &mos, query)
        })
    }
}
