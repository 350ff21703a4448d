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
            let orders = ctx.tx.orders()?;
            let shipments = ctx.tx.shipments()?;
            let mos = ctx.tx.mos()?;
            compute(&orders, &shipments, &mos, query)
        })
    }
}
