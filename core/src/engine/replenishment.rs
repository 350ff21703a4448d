//! Replenishment queries and commands: purchase suggestions from confirmed
//! shortages and reorder points, make-to-stock suggestions, and the
//! commands that act on them.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::orders::Shortage;
use super::{Ctx, Lotwise};
use crate::domain::catalog::Item;
use crate::domain::order::OrderStatus;
use crate::domain::production::{ManufacturingOrder, MoStatus};
use crate::domain::purchasing::{
    preferred_supplier, records, NewPoLine, NewPurchaseOrder, PurchaseOrder, Supplier,
};
use crate::domain::quantity::Qty;
use crate::domain::replenishment::{
    suggest_production, suggest_purchase, BuyInput, MakeInput, Need, ProductionSuggestion,
    PurchasePlan, PurchaseSuggestion, Sourcing,
};
use crate::domain::reservation::Demand;
use crate::error::{Error, Result};

/// What `create_stock_mo` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StockMo {
    /// The new manufacturing order (no allocations: its output goes to stock).
    pub mo: ManufacturingOrder,
    /// Inputs that could not be reserved.
    pub shortages: Vec<Shortage>,
}

impl Lotwise {
    /// What to buy: confirmed shortages of bought items (inputs of
    /// manufacturing orders awaiting materials, uncovered order lines) net of
    /// free stock and open purchase orders, plus top-ups to reorder points,
    /// rounded up to the preferred supplier's minimum order quantity and to
    /// whole packs when it sells in packs. Each
    /// shortage is covered exactly once; see [`PurchasePlan::needs`].
    pub fn purchase_suggestions(&self) -> Result<PurchasePlan> {
        self.read(|ctx| ctx.purchase_plan())
    }

    /// Turns suggestions into draft purchase orders, one per supplier (in
    /// supplier order). A suggestion without a supplier is refused.
    pub fn create_pos_from_suggestions(
        &self,
        suggestions: &[PurchaseSuggestion],
    ) -> Result<Vec<PurchaseOrder>> {
        self.write(|ctx| {
            let mut per_supplier: BTreeMap<String, Vec<NewPoLine>> = BTreeMap::new();
            for s in suggestions {
                let supplier = s.supplier.clone().ok_or_else(|| {
                    Error::invalid_input("supplier", &s.sku, "no supplier lists this item")
                })?;
                let item = ctx.item(&s.sku)?;
                per_supplier.entry(supplier).or_default().push(NewPoLine {
                    sku: s.sku.clone(),
                    qty: item.qty(s.qty),
                    unit_cost: None,
                });
            }
            let mut out = Vec::new();
            for (supplier, lines) in per_supplier {
                out.push(ctx.create_po(NewPurchaseOrder {
                    supplier,
                    lines,
                    expected_date: None,
                    notes: Some("from purchase suggestions".into()),
                })?);
            }
            Ok(out)
        })
    }

    /// Products below their reorder point, with a batch to make for stock.
    /// The position counts free stock plus unpromised output of open
    /// manufacturing orders, minus confirmed demand nothing covers.
    pub fn suggest_production(&self) -> Result<Vec<ProductionSuggestion>> {
        self.read(|ctx| {
            let uncovered = ctx.uncovered_order_demand()?;
            let open = ctx.open_mos()?;
            let mut out = Vec::new();
            for item in ctx.tx.items()? {
                let Some(point) = item.reorder_point else {
                    continue;
                };
                let Some(recipe) = ctx.tx.recipe(&item.sku)? else {
                    continue;
                };
                let planned = open
                    .iter()
                    .filter(|m| m.product == item.sku)
                    .map(ManufacturingOrder::unallocated)
                    .sum();
                let input = MakeInput {
                    sku: item.sku.clone(),
                    free: ctx.free_stock(&item.sku)?,
                    planned,
                    uncovered: uncovered
                        .get(&item.sku)
                        .map_or(Decimal::ZERO, |needs| needs.iter().map(|n| n.qty).sum()),
                    reorder_point: point,
                    reorder_qty: item.reorder_qty,
                    batch_size: recipe.batch_size,
                };
                out.extend(suggest_production(&input));
            }
            Ok(out)
        })
    }

    /// Creates a manufacturing order for stock: `qty` rounded up to whole
    /// recipe batches, no allocations, inputs reserved now (short
    /// intermediates get their own orders). Its output goes to stock.
    pub fn create_stock_mo(&self, sku: &str, qty: Qty) -> Result<StockMo> {
        self.write(|ctx| {
            let item = ctx.item(sku)?;
            let want = item.base_qty("qty", qty, false)?;
            let recipe = ctx
                .tx
                .recipe(sku)?
                .ok_or_else(|| Error::NoRecipe { sku: sku.into() })?;
            let (mo, shortages) = ctx.create_mo(sku, recipe.batch_quantity(want))?;
            Ok(StockMo { mo, shortages })
        })
    }
}

impl Ctx<'_> {
    /// Open manufacturing orders, oldest first.
    fn open_mos(&mut self) -> Result<Vec<ManufacturingOrder>> {
        let mut open = Vec::new();
        for status in [
            MoStatus::AwaitingMaterials,
            MoStatus::MaterialsReserved,
            MoStatus::InProduction,
        ] {
            open.extend(self.tx.mos_with_status(status)?);
        }
        open.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
        Ok(open)
    }

    /// Uncovered quantities of confirmed, open order lines, per SKU, oldest
    /// order first.
    ///
    /// Only orders awaiting materials or partially shipped are read: a line
    /// with something uncovered is itself awaiting materials, which makes
    /// its order awaiting materials, or partially shipped once any of it has
    /// shipped (`derive_status`). So the plan costs the orders still waiting,
    /// not the years of shipped ones beside them.
    fn uncovered_order_demand(&mut self) -> Result<BTreeMap<String, Vec<Need>>> {
        let mut orders = self.tx.orders_with_status(OrderStatus::AwaitingMaterials)?;
        orders.extend(self.tx.orders_with_status(OrderStatus::PartiallyShipped)?);
        orders.retain(|o| o.confirmed_at.is_some() && o.cancelled_at.is_none());
        orders.sort_by(|a, b| a.placed_at.cmp(&b.placed_at).then(a.id.cmp(&b.id)));
        let mut out: BTreeMap<String, Vec<Need>> = BTreeMap::new();
        for order in orders {
            let covers = self.line_covers(&order)?;
            for (line, cover) in order.lines.iter().zip(covers) {
                let open = cover.uncovered();
                if open > Decimal::ZERO {
                    out.entry(line.sku.clone()).or_default().push(Need {
                        sku: line.sku.clone(),
                        qty: open,
                        needed_for: format!("{}/{}", order.id, line.line),
                    });
                }
            }
        }
        Ok(out)
    }

    /// Confirmed shortages of bought items (no recipe): manufacturing orders
    /// awaiting materials first, then order lines, as `fill_waiting` serves them.
    pub fn purchase_needs(&mut self) -> Result<BTreeMap<String, Vec<Need>>> {
        let mut bought: BTreeMap<String, bool> = BTreeMap::new();
        let mut is_bought = |ctx: &mut Ctx<'_>, sku: &str| -> Result<bool> {
            if let Some(b) = bought.get(sku) {
                return Ok(*b);
            }
            let b = ctx.tx.recipe(sku)?.is_none();
            bought.insert(sku.to_string(), b);
            Ok(b)
        };
        let mut out: BTreeMap<String, Vec<Need>> = BTreeMap::new();
        for mo in self.tx.mos_with_status(MoStatus::AwaitingMaterials)? {
            let held = self
                .tx
                .reservations_for(&Demand::MoInput { mo: mo.id.clone() })?;
            for req in &mo.requirements {
                if !is_bought(self, &req.sku)? {
                    continue;
                }
                let have: Decimal = held
                    .iter()
                    .filter(|r| r.sku == req.sku)
                    .map(|r| r.qty)
                    .sum();
                if req.qty > have {
                    out.entry(req.sku.clone()).or_default().push(Need {
                        sku: req.sku.clone(),
                        qty: req.qty - have,
                        needed_for: mo.id.clone(),
                    });
                }
            }
        }
        for (sku, needs) in self.uncovered_order_demand()? {
            if is_bought(self, &sku)? {
                out.entry(sku).or_default().extend(needs);
            }
        }
        Ok(out)
    }

    /// The purchase plan over every bought item with shortages or a reorder point.
    pub fn purchase_plan(&mut self) -> Result<PurchasePlan> {
        let mut needs = self.purchase_needs()?;
        let suppliers: Vec<Supplier> = self.records(records::SUPPLIER)?;
        let mut open_pos: BTreeMap<String, Decimal> = BTreeMap::new();
        for l in self.open_po_lines()? {
            *open_pos.entry(l.sku).or_default() += l.qty;
        }
        let items: Vec<Item> = self.tx.items()?;
        let today = self.today();
        let mut plan = PurchasePlan::default();
        for item in items {
            let sku_needs = needs.remove(&item.sku).unwrap_or_default();
            if sku_needs.is_empty() && item.reorder_point.is_none() {
                continue;
            }
            if self.tx.recipe(&item.sku)?.is_some() {
                continue;
            }
            let sourcing = match preferred_supplier(&suppliers, &item.sku) {
                Some(s) => Sourcing {
                    supplier: Some(s.code.clone()),
                    min_order_qty: s.item(&item.sku).map_or(Decimal::ZERO, |i| i.min_order_qty),
                    pack_size: s.item(&item.sku).and_then(|i| i.pack_size),
                    lead_time_days: Some(s.lead_time_for(&item.sku)),
                },
                None => Sourcing {
                    supplier: None,
                    min_order_qty: Decimal::ZERO,
                    pack_size: None,
                    lead_time_days: item.lead_time_days,
                },
            };
            let input = BuyInput {
                sku: item.sku.clone(),
                uom: item.uom,
                needs: sku_needs,
                free: self.free_stock(&item.sku)?,
                open_pos: open_pos.get(&item.sku).copied().unwrap_or_default(),
                reorder_point: item.reorder_point,
                reorder_qty: item.reorder_qty,
                sourcing,
            };
            let (covers, suggestion) = suggest_purchase(&input, today);
            plan.needs.extend(covers);
            plan.suggestions.extend(suggestion);
        }
        Ok(plan)
    }
}
