//! Cost reports: stock valuation at any instant, cost flows (conservation),
//! order margins and recipe estimates. They read; they never write.
//!
//! Valuing stock *now* reads the balances (of one item when asked for one);
//! valuing it at an earlier instant and the cost flows fold the ledger up to
//! that instant, as a report over the shop's history does.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::{Ctx, Lotwise};
use crate::domain::capacity::operation_minutes;
use crate::domain::costing::{records, BatchCost, ShipmentCost, WorkCenterRate};
use crate::domain::ledger::Balance;
use crate::domain::location::LocationKind;
use crate::domain::money::{round_places, Money, COST_PLACES};
use crate::domain::purchasing::{preferred_supplier, records as purchasing, Supplier};
use crate::domain::valuation::{
    CostFlows, EstimateLine, EstimateQuery, LineMargin, MarginQuery, OrderMargin, RecipeEstimate,
    Valuation, ValuationQuery, ValuedLot, ValuedStock,
};
use crate::error::{Error, Result};

impl Lotwise {
    /// What stock was worth at an instant (now when not given), per lot,
    /// per item and location, and in total: on hand × each lot's unit cost.
    pub fn stock_valuation(&self, query: &ValuationQuery) -> Result<Valuation> {
        self.read(|ctx| ctx.valuation(query))
    }

    /// Where cost went up to an instant (now when not given): received,
    /// added by operations, shipped, scrapped, in progress and on hand.
    /// `unaccounted` is zero: costs are conserved.
    pub fn cost_flows(&self, at: Option<DateTime<Utc>>) -> Result<CostFlows> {
        self.read(|ctx| ctx.cost_flows(at.unwrap_or(ctx.now)))
    }

    /// An order's margin on what has shipped, per line and in total, in the
    /// cost currency. An order priced in another currency is not comparable
    /// unless an exchange rate is given: its margins are then `None`.
    pub fn order_margin(&self, query: &MarginQuery) -> Result<OrderMargin> {
        self.read(|ctx| ctx.order_margin(query))
    }

    /// A product's estimated cost from current costs (lots on hand, else the
    /// last lot's cost, else the supplier's price; made inputs from their own
    /// recipes), its operations at their rates and the overhead rule.
    pub fn estimate_recipe_cost(&self, query: &EstimateQuery) -> Result<RecipeEstimate> {
        self.read(|ctx| {
            let product = ctx.item(&query.sku)?;
            let qty = match query.qty {
                Some(q) => Some(product.base_qty("qty", q, false)?),
                None => None,
            };
            ctx.estimate(&query.sku, qty, 0)
        })
    }
}

/// The cost per base unit of a lot, by code, read once.
pub(super) struct LotCosts(pub(super) BTreeMap<String, Option<Decimal>>);

impl LotCosts {
    pub(super) fn get(&mut self, ctx: &mut Ctx<'_>, lot: &str) -> Result<Option<Decimal>> {
        if let Some(c) = self.0.get(lot) {
            return Ok(*c);
        }
        let cost = ctx.tx.lot(lot)?.and_then(|l| l.unit_cost).map(|m| m.amount);
        self.0.insert(lot.to_string(), cost);
        Ok(cost)
    }
}

fn money(amount: Decimal, currency: &Option<String>) -> Option<Money> {
    currency.as_ref().map(|c| {
        Money {
            amount,
            currency: c.clone(),
        }
        .total()
    })
}

impl Ctx<'_> {
    pub(super) fn location_kinds(&mut self) -> Result<BTreeMap<String, LocationKind>> {
        Ok(self
            .tx
            .locations()?
            .into_iter()
            .map(|l| (l.code, l.kind))
            .collect())
    }

    /// Non-zero balances as they stood at `at`, of one item or all: the
    /// stock held now (not what was shipped or consumed, which is not
    /// valued) when `at` is now or later, else every balance replayed from
    /// the ledger.
    fn balances_at(&mut self, at: DateTime<Utc>, sku: Option<&str>) -> Result<Vec<Balance>> {
        if at >= self.now {
            let skus = match sku {
                Some(s) => vec![s.to_string()],
                None => self.tx.items()?.into_iter().map(|i| i.sku).collect(),
            };
            let mut held = Vec::new();
            for s in &skus {
                held.extend(self.tx.held_stock_of_item(s)?);
            }
            return Ok(held);
        }
        let mut moved: BTreeMap<(String, String, String), Decimal> = BTreeMap::new();
        for m in self.tx.movements()? {
            if m.at > at || sku.is_some_and(|s| s != m.sku) {
                continue;
            }
            *moved
                .entry((m.sku.clone(), m.lot.clone(), m.from.clone()))
                .or_default() -= m.qty;
            *moved.entry((m.sku, m.lot, m.to)).or_default() += m.qty;
        }
        Ok(moved
            .into_iter()
            .filter(|(_, q)| !q.is_zero())
            .map(|((sku, lot, location), qty)| Balance {
                sku,
                lot,
                location,
                qty,
            })
            .collect())
    }

    pub fn valuation(&mut self, query: &ValuationQuery) -> Result<Valuation> {
        if let Some(sku) = &query.sku {
            self.item(sku)?;
        }
        if let Some(loc) = &query.location {
            self.location(loc)?;
        }
        let at = query.at.unwrap_or(self.now);
        let kinds = self.location_kinds()?;
        let mut costs = LotCosts(BTreeMap::new());
        let mut lots = Vec::new();
        for b in self.balances_at(at, query.sku.as_deref())? {
            let holds = kinds.get(&b.location).is_some_and(|k| k.holds_stock());
            if !holds || query.location.as_ref().is_some_and(|l| *l != b.location) {
                continue;
            }
            let unit_cost = costs.get(self, &b.lot)?;
            lots.push(ValuedLot {
                value: unit_cost.map_or(Decimal::ZERO, |c| c * b.qty),
                sku: b.sku,
                location: b.location,
                lot: b.lot,
                qty: b.qty,
                unit_cost,
            });
        }
        let currency = self.cost_settings()?.currency;
        let mut items: BTreeMap<(String, String), (Decimal, Decimal)> = BTreeMap::new();
        for l in &lots {
            let e = items
                .entry((l.sku.clone(), l.location.clone()))
                .or_default();
            e.0 += l.qty;
            e.1 += l.value;
        }
        let value: Decimal = lots.iter().map(|l| l.value).sum();
        let mut uncosted_lots: Vec<String> = lots
            .iter()
            .filter(|l| l.unit_cost.is_none())
            .map(|l| l.lot.clone())
            .collect();
        uncosted_lots.dedup();
        Ok(Valuation {
            at,
            items: items
                .into_iter()
                .map(|((sku, location), (qty, value))| ValuedStock {
                    sku,
                    location,
                    qty,
                    value,
                    value_total: money(value, &currency),
                })
                .collect(),
            lots,
            value,
            value_total: money(value, &currency),
            currency,
            uncosted_lots,
        })
    }

    pub fn cost_flows(&mut self, at: DateTime<Utc>) -> Result<CostFlows> {
        use LocationKind as K;
        let kinds = self.location_kinds()?;
        let mut costs = LotCosts(BTreeMap::new());
        let (mut received, mut added, mut shipped, mut scrapped, mut wip) = (
            Decimal::ZERO,
            Decimal::ZERO,
            Decimal::ZERO,
            Decimal::ZERO,
            Decimal::ZERO,
        );
        for m in self.tx.movements()? {
            if m.at > at {
                continue;
            }
            let from = kinds.get(&m.from).copied();
            let to = kinds.get(&m.to).copied();
            // What leaves production is the batches' business (below).
            if from == Some(K::Production) {
                continue;
            }
            let v = costs
                .get(self, &m.lot)?
                .map_or(Decimal::ZERO, |c| c * m.qty);
            match (from, to) {
                (Some(K::Supplier | K::Adjustment), _) => received += v,
                (_, Some(K::Adjustment)) => scrapped += v,
                (_, Some(K::Production)) => wip += v,
                (Some(K::Customer), Some(K::Scrap)) => {
                    shipped -= v;
                    scrapped += v;
                }
                (Some(K::Customer), _) => shipped -= v,
                (_, Some(K::Customer)) => shipped += v,
                (_, Some(K::Scrap)) => scrapped += v,
                _ => {}
            }
        }
        for (key, value) in self.tx.docs(records::BATCH)? {
            let batch: BatchCost = super::records::decode(records::BATCH, &key, value)?;
            if batch.at > at {
                continue;
            }
            wip -= batch.materials;
            added += batch.added();
            scrapped += batch.written_off;
        }
        let on_hand = self
            .valuation(&ValuationQuery {
                at: Some(at),
                ..Default::default()
            })?
            .value;
        Ok(CostFlows {
            at,
            currency: self.cost_settings()?.currency,
            unaccounted: received + added - shipped - scrapped - wip - on_hand,
            received,
            added_by_operations: added,
            shipped,
            scrapped,
            work_in_progress: wip,
            on_hand,
        })
    }

    pub fn order_margin(&mut self, query: &MarginQuery) -> Result<OrderMargin> {
        let order = self.order(&query.id)?;
        let cost_currency = self.cost_settings()?.currency;
        let mut cost_by_line: BTreeMap<u32, Decimal> = BTreeMap::new();
        for s in self.tx.shipments_of_order(&order.id)? {
            let Some(cost) = self.record::<ShipmentCost>(records::SHIPMENT, &s.id)? else {
                continue;
            };
            for l in cost.lines {
                *cost_by_line.entry(l.line).or_default() += l.cost;
            }
        }
        let currency = order
            .lines
            .iter()
            .find_map(|l| l.unit_price.as_ref().map(|p| p.currency.clone()));
        let rate = match (&currency, &cost_currency) {
            (Some(c), Some(k)) if c == k => Some(Decimal::ONE),
            (Some(_), Some(_)) => query.exchange_rate.filter(|r| *r > Decimal::ZERO),
            _ => None,
        };
        let comparable = rate.is_some();
        let pct = |margin: Decimal, revenue: Decimal| {
            (!revenue.is_zero()).then(|| round_places(margin / revenue * Decimal::ONE_HUNDRED, 2))
        };
        let (mut revenue_sum, mut cost_sum) = (Decimal::ZERO, Decimal::ZERO);
        let mut lines = Vec::with_capacity(order.lines.len());
        for l in &order.lines {
            let revenue = l.unit_price.as_ref().map(|p| p.amount * l.shipped);
            let cost = cost_by_line.get(&l.line).copied().unwrap_or_default();
            revenue_sum += revenue.unwrap_or_default();
            cost_sum += cost;
            let margin = match (revenue, rate) {
                (Some(r), Some(x)) => Some(r * x - cost),
                _ => None,
            };
            lines.push(LineMargin {
                line: l.line,
                sku: l.sku.clone(),
                shipped: l.shipped,
                revenue: revenue.and_then(|r| money(r, &currency)),
                cost_of_goods: money(cost, &cost_currency),
                margin: margin.and_then(|m| money(m, &cost_currency)),
                margin_pct: match (margin, revenue, rate) {
                    (Some(m), Some(r), Some(x)) => pct(m, r * x),
                    _ => None,
                },
            });
        }
        let margin = rate.map(|x| revenue_sum * x - cost_sum);
        Ok(OrderMargin {
            order: order.id.clone(),
            revenue: money(revenue_sum, &currency),
            cost_of_goods: money(cost_sum, &cost_currency),
            margin: margin.and_then(|m| money(m, &cost_currency)),
            margin_pct: match (margin, rate) {
                (Some(m), Some(x)) => pct(m, revenue_sum * x),
                _ => None,
            },
            currency,
            cost_currency,
            comparable,
            lines,
        })
    }

    /// The current cost per base unit of an item and where it came from.
    fn current_cost(&mut self, sku: &str, depth: u32) -> Result<(Option<Decimal>, &'static str)> {
        let mut costs = LotCosts(BTreeMap::new());
        let (mut qty, mut value) = (Decimal::ZERO, Decimal::ZERO);
        for b in self.tx.stock_of_item(sku)? {
            if let Some(c) = costs.get(self, &b.lot)? {
                qty += b.qty;
                value += b.qty * c;
            }
        }
        if qty > Decimal::ZERO {
            return Ok((Some(round_places(value / qty, COST_PLACES)), "stock"));
        }
        let mut lots = self.tx.lots_of_item(sku)?;
        lots.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.code.cmp(&a.code)));
        if let Some(c) = lots.iter().find_map(|l| l.unit_cost.as_ref()) {
            return Ok((Some(c.amount), "last_lot"));
        }
        let suppliers: Vec<Supplier> = self.records(purchasing::SUPPLIER)?;
        let priced: Vec<Supplier> = suppliers
            .into_iter()
            .filter(|s| s.item(sku).is_some_and(|i| i.price.is_some()))
            .collect();
        if let Some(s) = preferred_supplier(&priced, sku) {
            if let Some(i) = s.item(sku) {
                if let Some(p) = &i.price {
                    let currency = self.cost_settings()?.currency.unwrap_or(p.currency.clone());
                    if p.currency == currency {
                        let per = i.price_per.unwrap_or(Decimal::ONE);
                        return Ok((
                            Some(round_places(p.amount / per, COST_PLACES)),
                            "supplier_price",
                        ));
                    }
                }
            }
        }
        if depth < 16 && self.tx.recipe(sku)?.is_some() {
            let est = self.estimate(sku, None, depth + 1)?;
            return Ok((est.unit_cost, "recipe"));
        }
        Ok((None, "none"))
    }

    fn estimate(&mut self, sku: &str, qty: Option<Decimal>, depth: u32) -> Result<RecipeEstimate> {
        let recipe = self
            .tx
            .recipe(sku)?
            .ok_or_else(|| Error::NoRecipe { sku: sku.into() })?;
        let qty = qty.unwrap_or(recipe.batch_size);
        let mut items = BTreeMap::new();
        for input in &recipe.inputs {
            items.insert(input.sku.clone(), self.item(&input.sku)?);
        }
        let mut inputs = Vec::new();
        for req in recipe.requirements(qty, &items) {
            let (unit_cost, source) = self.current_cost(&req.sku, depth)?;
            inputs.push(EstimateLine {
                cost: unit_cost.map_or(Decimal::ZERO, |c| c * req.qty),
                sku: req.sku,
                qty: req.qty,
                unit_cost,
                source: source.into(),
            });
        }
        let mut labour = Decimal::ZERO;
        for op in &recipe.operations {
            let minutes = operation_minutes(op, qty)?;
            if let Some(rate) = self.record::<WorkCenterRate>(records::RATE, &op.work_center)? {
                labour += round_places(
                    rate.rate_per_hour.amount * Decimal::from(minutes) / Decimal::from(60),
                    COST_PLACES,
                );
            }
        }
        let settings = self.cost_settings()?;
        let materials: Decimal = inputs.iter().map(|l| l.cost).sum();
        let mut overhead = (materials + labour) * settings.overhead_pct / Decimal::ONE_HUNDRED;
        if let Some(fixed) = &settings.overhead_per_batch {
            // One fixed amount per batch the quantity needs.
            let batches = (qty / recipe.batch_size).ceil();
            overhead += fixed.amount * batches;
        }
        let overhead = round_places(overhead, COST_PLACES);
        let total = materials + labour + overhead;
        let uncosted = inputs
            .iter()
            .filter(|l| l.unit_cost.is_none())
            .map(|l| l.sku.clone())
            .collect();
        Ok(RecipeEstimate {
            sku: sku.into(),
            qty,
            inputs,
            materials,
            labour,
            overhead,
            total,
            unit_cost: (qty > Decimal::ZERO).then(|| round_places(total / qty, COST_PLACES)),
            total_money: money(total, &settings.currency),
            currency: settings.currency,
            uncosted,
        })
    }
}
