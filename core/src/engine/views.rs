//! Read models for tables: many rows, each as its one-row query gives it,
//! answered in ONE read transaction so the rows agree with each other and
//! a table costs one call from any language, not one per row.
//!
//! A notebook's stock table needs every item with its stock level; a list of
//! batches needs every manufacturing order with how much of it is already
//! promised. Computing those in a binding would be a loop of calls (each its
//! own transaction, so the rows could disagree) and a rule (what "allocated"
//! means) outside the core.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Ctx, Lotwise, StockLevel, StockLot};
use crate::domain::catalog::Item;
use crate::domain::lot::Lot;
use crate::domain::production::ManufacturingOrder;
use crate::error::Result;

/// An item with its stock level: one row of a stock table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ItemStock {
    /// The item as defined (name, kind, base unit the level is kept in, ...).
    pub item: Item,
    /// Its stock at internal locations, in the item's base unit, exactly as
    /// `stock` gives it.
    pub level: StockLevel,
}

/// A manufacturing order with the totals a list of batches shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MoSummary {
    /// The manufacturing order as stored.
    pub mo: ManufacturingOrder,
    /// Planned output promised to order lines: the sum of its allocations,
    /// in the product's base unit.
    pub allocated: Decimal,
    /// Planned output still free for more order lines (it goes to stock
    /// otherwise), in the product's base unit.
    pub unallocated: Decimal,
}

impl MoSummary {
    fn of(mo: ManufacturingOrder) -> Self {
        MoSummary {
            allocated: mo.allocated(),
            unallocated: mo.unallocated(),
            mo,
        }
    }
}

impl Lotwise {
    /// Every item with its stock level, by SKU; or, given `skus`, those items
    /// in that order (an unknown SKU is `unknown_sku`). Each level is what
    /// [`Lotwise::stock`] gives for the item; all of them are read in one
    /// transaction, so they are one consistent picture.
    ///
    /// ```
    /// use lotwise::{ItemKind, Lotwise, NewItem, Receipt, Uom};
    /// let lw = Lotwise::open(":memory:")?;
    /// lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))?;
    /// lw.define_item(NewItem::new("JAR", "Amber jar", ItemKind::Packaging, Uom::Pcs))?;
    /// lw.receive(Receipt::new("WAX", "2.5 kg".parse()?))?;
    ///
    /// let all = lw.stock_levels(None)?;
    /// let skus: Vec<&str> = all.iter().map(|s| s.item.sku.as_str()).collect();
    /// assert_eq!(skus, ["JAR", "WAX"]);
    /// assert_eq!(all[1].level, lw.stock("WAX")?);
    /// assert_eq!(all[1].level.available.to_string(), "2500"); // grams, the base unit
    ///
    /// let some = lw.stock_levels(Some(vec!["WAX".into(), "JAR".into()]))?;
    /// assert_eq!(some[0].item.name, "Soy wax");
    /// assert!(lw.stock_levels(Some(vec!["NOPE".into()])).is_err());
    /// # Ok::<(), lotwise::Error>(())
    /// ```
    pub fn stock_levels(&self, skus: Option<Vec<String>>) -> Result<Vec<ItemStock>> {
        self.read(|ctx| {
            let items = match skus {
                None => ctx.tx.items()?,
                Some(skus) => skus
                    .iter()
                    .map(|sku| ctx.item(sku))
                    .collect::<Result<Vec<Item>>>()?,
            };
            items
                .into_iter()
                .map(|item| {
                    let level = ctx.stock_level(&item.sku)?;
                    Ok(ItemStock { item, level })
                })
                .collect()
        })
    }

    /// Every manufacturing order with how much of its output is promised to
    /// order lines (`allocated`) and how much is still free, by id; or, given
    /// `ids`, those orders in that order (an unknown id is `unknown_mo`). One
    /// read transaction.
    ///
    /// ```
    /// use lotwise::Lotwise;
    /// let lw = Lotwise::open(":memory:")?;
    /// assert!(lw.mo_summaries(None)?.is_empty());
    /// let err = lw.mo_summaries(Some(vec!["MO-000009".into()])).unwrap_err();
    /// assert_eq!(err.code(), "unknown_mo");
    /// # Ok::<(), lotwise::Error>(())
    /// ```
    pub fn mo_summaries(&self, ids: Option<Vec<String>>) -> Result<Vec<MoSummary>> {
        self.read(|ctx| {
            let mos = match ids {
                None => ctx.tx.mos()?,
                Some(ids) => ids
                    .iter()
                    .map(|id| ctx.mo(id))
                    .collect::<Result<Vec<ManufacturingOrder>>>()?,
            };
            Ok(mos.into_iter().map(MoSummary::of).collect())
        })
    }
}

impl Ctx<'_> {
    /// An item's stock at internal locations: on hand, reserved and
    /// available, per lot and location, earliest expiry first: what
    /// [`Lotwise::stock`] answers.
    pub(crate) fn stock_level(&mut self, sku: &str) -> Result<StockLevel> {
        let mut reserved: BTreeMap<(String, String), Decimal> = BTreeMap::new();
        for r in self.tx.reserved_of_item(sku)? {
            *reserved.entry((r.lot, r.location)).or_default() += r.qty;
        }
        // The lots in stock, each looked up once; not every lot the item
        // ever had (one per receipt and batch, so ever growing).
        let balances = self.tx.stock_of_item(sku)?;
        let mut lots: BTreeMap<String, Lot> = BTreeMap::new();
        for b in &balances {
            if !lots.contains_key(&b.lot) {
                if let Some(lot) = self.tx.lot(&b.lot)? {
                    lots.insert(b.lot.clone(), lot);
                }
            }
        }
        let today = self.today();
        let mut out = StockLevel {
            sku: sku.into(),
            on_hand: Decimal::ZERO,
            reserved: Decimal::ZERO,
            available: Decimal::ZERO,
            held: Decimal::ZERO,
            lots: vec![],
        };
        for b in balances {
            let held = reserved
                .get(&(b.lot.clone(), b.location.clone()))
                .copied()
                .unwrap_or_default();
            let lot = lots.get(&b.lot);
            let expired = lot.is_some_and(|l| l.is_expired(today));
            let on_hold = lot.is_some_and(Lot::is_held);
            out.on_hand += b.qty;
            out.reserved += held;
            if on_hold {
                out.held += b.qty;
            } else if !expired {
                out.available += (b.qty - held).max(Decimal::ZERO);
            }
            out.lots.push(StockLot {
                lot: b.lot,
                location: b.location,
                expiry: lot.and_then(|l| l.expiry),
                on_hand: b.qty,
                reserved: held,
            });
        }
        out.lots.sort_by_key(|l| {
            (
                l.expiry.unwrap_or(NaiveDate::MAX),
                l.lot.clone(),
                l.location.clone(),
            )
        });
        Ok(out)
    }
}
