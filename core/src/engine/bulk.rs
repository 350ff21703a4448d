//! Placing many orders in one call: each order is its own transaction and
//! gets its own result, so one bad order neither stops nor undoes the rest.

use serde::Serialize;

use super::Lotwise;
use crate::domain::order::NewOrder;
use crate::error::ErrorReport;
use crate::PlacedOrder;

/// What became of one order of [`Lotwise::place_orders`]: placed (or found
/// again, for a replayed channel reference), or refused with its error.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PlaceResult {
    /// The order's position in the request, from 0.
    pub index: usize,
    /// The order as placed, when it was.
    pub placed: Option<PlacedOrder>,
    /// Why it was refused (`{code, message, ...fields}`), when it was.
    pub error: Option<ErrorReport>,
}

impl Lotwise {
    /// Places every order, each in its own transaction, and answers for each:
    /// a refused order changes nothing and the others are placed all the same.
    ///
    /// ```
    /// use lotwise::*;
    /// let lw = Lotwise::open(":memory:")?;
    /// lw.define_item(NewItem::new("SOAP", "Oat soap", ItemKind::Product, Uom::Pcs))?;
    /// let order = |sku: &str| NewOrder {
    ///     channel: "csv".into(), external_ref: None,
    ///     customer: Customer { name: "Ada".into(), email: None, ..Default::default() }, ship_to: None,
    ///     lines: vec![NewOrderLine { sku: sku.into(), qty: "2 pcs".parse().unwrap(), unit_price: None,
    ///         requested_date: None, lot: None, min_remaining_shelf_life_days: None }],
    ///     tags: vec![], notes: None,
    /// };
    /// let results = lw.place_orders(vec![order("SOAP"), order("NOPE"), order("SOAP")]);
    /// assert!(results[0].placed.is_some() && results[2].placed.is_some());
    /// assert_eq!(results[1].error.as_ref().map(|e| e.0.code()), Some("unknown_sku"));
    /// # Ok::<(), lotwise::Error>(())
    /// ```
    pub fn place_orders(&self, orders: Vec<NewOrder>) -> Vec<PlaceResult> {
        orders
            .into_iter()
            .enumerate()
            .map(|(index, order)| match self.place_order(order) {
                Ok(placed) => PlaceResult {
                    index,
                    placed: Some(placed),
                    error: None,
                },
                Err(error) => PlaceResult {
                    index,
                    placed: None,
                    error: Some(ErrorReport(error)),
                },
            })
            .collect()
    }
}

impl Lotwise {
    /// Parses and imports channel payloads given as text (Shopify order
    /// bodies, Etsy receipts or pages, wholesale CSV files), mapping SKUs by
    /// the catalog plus `mappings`. Each order is its own transaction and
    /// gets a result, as in [`Lotwise::import_payloads`].
    pub fn import_texts(
        &self,
        channel: crate::channels::Channel,
        payloads: &[String],
        mappings: &crate::channels::SkuMappings,
    ) -> crate::Result<Vec<crate::ImportResult>> {
        let mut map = crate::channels::SkuMap::from_items(&self.items()?);
        mappings.apply(channel, &mut map);
        let bodies: Vec<Vec<u8>> = payloads.iter().map(|p| p.as_bytes().to_vec()).collect();
        Ok(self.import_payloads(channel, &bodies, &map, &mut |_| {}))
    }
}
