//! Manufacturing order commands: plan, reserve inputs, start, complete, cancel.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::orders::Shortage;
use super::stock::StockMove;
use super::{Ctx, Lotwise};
use crate::domain::catalog::Item;
use crate::domain::event::EventData;
use crate::domain::ledger::MovementReason;
use crate::domain::location::defaults;
use crate::domain::lot::LotOrigin;
use crate::domain::order::{OrderLine, SalesOrder};
use crate::domain::production::{
    Allocation, Completion, Consumption, ManufacturingOrder, MoStatus, Output,
};
use crate::domain::reservation::{Demand, PickRules};
use crate::domain::trace::TraceEdge;
use crate::error::{Error, Result};

/// One order line a manufacturing order covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MoLine {
    /// Sales order.
    pub order: String,
    /// Line number.
    pub line: u32,
    /// Customer.
    pub customer: String,
    /// Allocated.
    pub qty: Decimal,
    /// Handed over at completion.
    pub delivered: Decimal,
}

impl Lotwise {
    /// Starts production: consumes the reserved input lots (they move to
    /// the production location). Refuses expired lots.
    pub fn start_mo(&self, id: &str) -> Result<ManufacturingOrder> {
        self.write(|ctx| {
            let mut mo = ctx.mo(id)?;
            if mo.status != MoStatus::MaterialsReserved {
                return Err(mo_transition(&mo, "start"));
            }
            let today = ctx.today();
            let mut reservations = ctx
                .tx
                .reservations_for(&Demand::MoInput { mo: id.into() })?;
            reservations.sort_by_key(|r| r.id);
            for r in reservations {
                let lot = ctx.lot_of(&r.lot, &r.sku)?;
                if lot.is_expired(today) {
                    return Err(Error::LotExpired {
                        lot: lot.code,
                        expiry: lot.expiry.unwrap_or(today),
                    });
                }
                ctx.tx.delete_reservation(r.id)?;
                ctx.move_stock(StockMove {
                    sku: &r.sku,
                    lot: &r.lot,
                    from: &r.location,
                    to: defaults::PRODUCTION,
                    qty: r.qty,
                    reason: MovementReason::Consumption,
                    doc: Some(id),
                })?;
                match mo.consumed.iter_mut().find(|c| c.lot == r.lot) {
                    Some(c) => c.qty += r.qty,
                    None => mo.consumed.push(Consumption {
                        sku: r.sku,
                        lot: r.lot,
                        qty: r.qty,
                    }),
                }
            }
            mo.started_at = Some(ctx.now);
            ctx.set_mo_status(&mut mo, MoStatus::InProduction)?;
            ctx.refresh_orders_of(&mo)?;
            // Its inputs are all in: what feeding batches still owe it is
            // free for other batches.
            ctx.trim_feeds(&mo)?;
            Ok(mo)
        })
    }

    /// Records the batch's output: creates the output lot (with expiry from
    /// the product's shelf life unless given), links every consumed lot to it,
    /// and hands the output to the allocated order lines in allocation order;
    /// what is left goes to stock.
    pub fn complete_mo(&self, id: &str, completion: Completion) -> Result<ManufacturingOrder> {
        self.write(|ctx| {
            let mut mo = ctx.mo(id)?;
            if mo.status != MoStatus::InProduction {
                return Err(mo_transition(&mo, "complete"));
            }
            let product = ctx.item(&mo.product)?;
            let good = match completion.good_qty {
                Some(q) => product.base_qty("good_qty", q, true)?,
                None => mo.qty,
            };
            let scrap = match completion.scrap_qty {
                Some(q) => product.base_qty("scrap_qty", q, true)?,
                None => Decimal::ZERO,
            };
            let code = match completion.lot.clone() {
                Some(c) => {
                    if ctx.tx.lot(&c)?.is_some() {
                        return Err(Error::DuplicateLot {
                            lot: c,
                            sku: product.sku.clone(),
                        });
                    }
                    Some(c)
                }
                None => Some(format!("{}-B{}", product.sku, id.trim_start_matches("MO-"))),
            };
            let expiry = match completion.expiry {
                Some(given) => Some(given),
                None => ctx.output_expiry(&product, &mo)?,
            };
            let origin = LotOrigin::Production { mo: id.into() };
            let lot = ctx.lot_for_receipt(&product, code.as_deref(), expiry, None, origin)?;
            ctx.hold_if_made_from_held(&mo, &lot.code)?;
            if good > Decimal::ZERO {
                ctx.move_stock(StockMove {
                    sku: &product.sku,
                    lot: &lot.code,
                    from: defaults::PRODUCTION,
                    to: defaults::MAIN,
                    qty: good,
                    reason: MovementReason::Production,
                    doc: Some(id),
                })?;
            }
            if scrap > Decimal::ZERO {
                ctx.move_stock(StockMove {
                    sku: &product.sku,
                    lot: &lot.code,
                    from: defaults::PRODUCTION,
                    to: defaults::SCRAP,
                    qty: scrap,
                    reason: MovementReason::Scrap,
                    doc: Some(id),
                })?;
            }
            for c in &mo.consumed {
                let edge = TraceEdge {
                    from_lot: c.lot.clone(),
                    to_lot: lot.code.clone(),
                    mo: id.into(),
                    qty: c.qty,
                };
                ctx.tx.put_trace_edge(&edge)?;
            }
            mo.output = Some(Output {
                lot: lot.code.clone(),
                good,
                scrap,
                expiry: lot.expiry,
            });
            mo.finished_at = Some(ctx.now);
            ctx.cost_batch(&mo, Some(&lot.code), good, scrap)?;
            ctx.deliver_output(&mut mo, &lot.code, good)?;
            ctx.set_mo_status(&mut mo, MoStatus::Completed)?;
            ctx.emit(
                id,
                EventData::MoCompleted {
                    lot: lot.code.clone(),
                    good: product.qty(good),
                    scrap: product.qty(scrap),
                },
            )?;
            ctx.refresh_orders_of(&mo)?;
            ctx.fill_waiting(&product.sku)?;
            ctx.free_capacity(id)?;
            Ok(mo)
        })
    }

    /// Cancels a manufacturing order. Reserved inputs are released; inputs
    /// already consumed are written off to scrap. Its order lines become
    /// uncovered (see `replan_order`).
    pub fn cancel_mo(&self, id: &str) -> Result<ManufacturingOrder> {
        self.write(|ctx| {
            let mut mo = ctx.mo(id)?;
            if !mo.status.is_open() {
                return Err(mo_transition(&mo, "cancel"));
            }
            for r in ctx
                .tx
                .reservations_for(&Demand::MoInput { mo: id.into() })?
            {
                ctx.tx.delete_reservation(r.id)?;
            }
            for c in mo.consumed.clone() {
                ctx.move_stock(StockMove {
                    sku: &c.sku,
                    lot: &c.lot,
                    from: defaults::PRODUCTION,
                    to: defaults::SCRAP,
                    qty: c.qty,
                    reason: MovementReason::Scrap,
                    doc: Some(id),
                })?;
            }
            mo.finished_at = Some(ctx.now);
            ctx.cost_batch(&mo, None, Decimal::ZERO, Decimal::ZERO)?;
            // The batches it fed keep what they were given; the rest of
            // their needs is re-planned when their orders are.
            ctx.close_feeds(&mut mo);
            ctx.set_mo_status(&mut mo, MoStatus::Cancelled)?;
            ctx.trim_feeds(&mo)?;
            ctx.refresh_orders_of(&mo)?;
            let skus: Vec<String> = mo.requirements.iter().map(|r| r.sku.clone()).collect();
            for sku in skus {
                ctx.fill_waiting(&sku)?;
            }
            ctx.free_capacity(id)?;
            Ok(mo)
        })
    }

    /// The manufacturing order.
    pub fn mo(&self, id: &str) -> Result<ManufacturingOrder> {
        self.read(|ctx| ctx.mo(id))
    }

    /// Every manufacturing order, by id.
    pub fn mos(&self) -> Result<Vec<ManufacturingOrder>> {
        self.read(|ctx| ctx.tx.mos())
    }

    /// The order lines a manufacturing order covers, with their customers.
    pub fn mo_lines(&self, id: &str) -> Result<Vec<MoLine>> {
        self.read(|ctx| {
            let mo = ctx.mo(id)?;
            let mut out = Vec::new();
            for a in &mo.allocations {
                let order = ctx.order(&a.order)?;
                out.push(MoLine {
                    order: a.order.clone(),
                    line: a.line,
                    customer: order.customer.name.clone(),
                    qty: a.qty,
                    delivered: a.delivered,
                });
            }
            Ok(out)
        })
    }
}

fn mo_transition(mo: &ManufacturingOrder, action: &str) -> Error {
    Error::InvalidTransition {
        entity: "mo".into(),
        id: mo.id.clone(),
        from: mo.status.as_str().into(),
        action: action.into(),
    }
}

impl Ctx<'_> {
    /// The expiry of a batch's output lot when the completion gives none:
    /// the product's shelf life from today, capped (unless the product says
    /// otherwise) by the earliest expiry among the lots the batch consumed.
    /// A product without a shelf life made from expiring inputs expires
    /// with them.
    pub fn output_expiry(
        &mut self,
        product: &Item,
        mo: &ManufacturingOrder,
    ) -> Result<Option<NaiveDate>> {
        let own = self.expiry_from_shelf_life(product);
        if !product.expiry_capped_by_inputs {
            return Ok(own);
        }
        let mut earliest: Option<NaiveDate> = None;
        for c in &mo.consumed {
            if let Some(expiry) = self.tx.lot(&c.lot)?.and_then(|l| l.expiry) {
                earliest = Some(earliest.map_or(expiry, |e| e.min(expiry)));
            }
        }
        Ok(match (own, earliest) {
            (Some(own), Some(input)) => Some(own.min(input)),
            (own, input) => own.or(input),
        })
    }

    /// The manufacturing order, or `unknown_mo`.
    pub fn mo(&mut self, id: &str) -> Result<ManufacturingOrder> {
        self.tx
            .mo(id)?
            .ok_or_else(|| Error::UnknownMo { mo: id.into() })
    }

    /// Covers `need` of a line by production: joins open batches of the
    /// product with free output (oldest first), then creates one new batch
    /// rounded up to whole recipe batches, so later orders can join it.
    pub fn produce_for_line(
        &mut self,
        order: &SalesOrder,
        line: &OrderLine,
        mut need: Decimal,
    ) -> Result<(Vec<String>, Vec<Shortage>)> {
        let mut mos = Vec::new();
        let mut shortages = Vec::new();
        let mut open = self.tx.mos_with_free_output(&line.sku)?;
        open.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
        for mut mo in open {
            if need <= Decimal::ZERO {
                break;
            }
            let take = mo.unallocated().min(need);
            if take <= Decimal::ZERO {
                continue;
            }
            allocate(&mut mo, order, line, take);
            mos.push(mo.id.clone());
            self.tx.put_mo(mo)?;
            need -= take;
        }
        if need > Decimal::ZERO {
            let recipe = self.tx.recipe(&line.sku)?.ok_or_else(|| Error::NoRecipe {
                sku: line.sku.clone(),
            })?;
            let qty = recipe.batch_quantity(need);
            let (mut mo, short) = self.create_mo(&line.sku, qty)?;
            allocate(&mut mo, order, line, need);
            mos.push(mo.id.clone());
            self.tx.put_mo(mo)?;
            shortages.extend(short);
        }
        Ok((mos, shortages))
    }

    /// Creates a manufacturing order for `qty` of `product` with the newest
    /// recipe and reserves its inputs; intermediates that are short are
    /// covered by open batches of them or get their own manufacturing orders.
    pub fn create_mo(
        &mut self,
        product: &str,
        qty: Decimal,
    ) -> Result<(ManufacturingOrder, Vec<Shortage>)> {
        let id = self.new_mo(product, qty, None)?;
        let shortages = self.reserve_mo_inputs(&id, true)?;
        Ok((self.mo(&id)?, shortages))
    }

    /// Creates a batch of intermediate `product` of `qty` of which `feed`
    /// goes to batch `consumer` (the rest is free for later demand), and
    /// reserves its inputs. Its id and shortages.
    pub fn create_fed_mo(
        &mut self,
        product: &str,
        qty: Decimal,
        consumer: &str,
        feed: Decimal,
    ) -> Result<(String, Vec<Shortage>)> {
        let id = self.new_mo(product, qty, Some(consumer))?;
        let mut mo = self.mo(&id)?;
        self.link_feed(&mut mo, consumer, feed)?;
        let shortages = self.reserve_mo_inputs(&id, true)?;
        Ok((id, shortages))
    }

    /// Stores a new manufacturing order with the newest recipe's
    /// requirements and announces it.
    fn new_mo(&mut self, product: &str, qty: Decimal, parent: Option<&str>) -> Result<String> {
        let recipe = self.tx.recipe(product)?.ok_or_else(|| Error::NoRecipe {
            sku: product.into(),
        })?;
        let mut items: BTreeMap<String, Item> = BTreeMap::new();
        for input in &recipe.inputs {
            items.insert(input.sku.clone(), self.item(&input.sku)?);
        }
        let id = self.new_id("mo", "MO")?;
        let mo = ManufacturingOrder {
            id: id.clone(),
            product: product.into(),
            qty,
            recipe_version: recipe.version,
            status: MoStatus::AwaitingMaterials,
            parent_mo: parent.map(str::to_string),
            requirements: recipe.requirements(qty, &items),
            allocations: Vec::new(),
            feeds: Vec::new(),
            fed_by: Vec::new(),
            consumed: Vec::new(),
            output: None,
            created_at: self.now,
            started_at: None,
            finished_at: None,
        };
        self.tx.put_mo(mo)?;
        self.emit(
            &id,
            EventData::MoCreated {
                product: product.into(),
                qty,
                parent_mo: parent.map(str::to_string),
            },
        )?;
        Ok(id)
    }

    /// Reserves what a manufacturing order's inputs still lack. With
    /// `plan_children`, a short intermediate gets its own manufacturing order.
    pub fn reserve_mo_inputs(&mut self, id: &str, plan_children: bool) -> Result<Vec<Shortage>> {
        let mo = self.mo(id)?;
        let demand = Demand::MoInput { mo: id.into() };
        let held = self.tx.reservations_for(&demand)?;
        let mut shortages = Vec::new();
        for req in &mo.requirements {
            let have: Decimal = held
                .iter()
                .filter(|r| r.sku == req.sku)
                .map(|r| r.qty)
                .sum();
            let need = req.qty - have;
            if need <= Decimal::ZERO {
                continue;
            }
            let item = self.item(&req.sku)?;
            let rules = self.pick_rules(&item, None, None);
            let got = self.reserve(&demand, &req.sku, need, &rules)?;
            let short = need - got;
            if short <= Decimal::ZERO {
                continue;
            }
            let planned = self.planned_feed(&mo, &req.sku)?;
            let rest = short - planned;
            if rest <= Decimal::ZERO {
                continue;
            }
            if plan_children && self.tx.recipe(&req.sku)?.is_some() {
                let (_, child_short) = self.feed_from_batches(id, &req.sku, rest)?;
                shortages.extend(child_short);
            } else {
                shortages.push(Shortage {
                    sku: req.sku.clone(),
                    missing: rest,
                    needed_for: id.into(),
                });
            }
        }
        self.refresh_mo(id)?;
        Ok(shortages)
    }

    /// Re-plans the inputs of a batch not yet started, and of the batches
    /// making its intermediates: inputs that expired while held are released
    /// and reserved again, and an intermediate that is short (its batch was
    /// cancelled or yielded less) gets a new batch.
    pub fn replan_mo_tree(&mut self, id: &str) -> Result<Vec<Shortage>> {
        let mo = self.mo(id)?;
        if !matches!(
            mo.status,
            MoStatus::AwaitingMaterials | MoStatus::MaterialsReserved
        ) {
            return Ok(Vec::new());
        }
        self.release_expired(&Demand::MoInput { mo: id.into() })?;
        let mut shortages = Vec::new();
        for supplier in self.suppliers_of(&mo)? {
            shortages.extend(self.replan_mo_tree(&supplier.id)?);
        }
        shortages.extend(self.reserve_mo_inputs(id, true)?);
        Ok(shortages)
    }

    /// Moves an MO between awaiting and reserved materials as its reservations say.
    /// Feeding batches that now promise more than it lacks give the excess
    /// back (see [`Ctx::trim_feeds`]).
    pub fn refresh_mo(&mut self, id: &str) -> Result<()> {
        let mut mo = self.mo(id)?;
        self.trim_feeds(&mo)?;
        if !matches!(
            mo.status,
            MoStatus::AwaitingMaterials | MoStatus::MaterialsReserved
        ) {
            return Ok(());
        }
        let held = self
            .tx
            .reservations_for(&Demand::MoInput { mo: id.into() })?;
        let complete = mo.requirements.iter().all(|req| {
            held.iter()
                .filter(|r| r.sku == req.sku)
                .map(|r| r.qty)
                .sum::<Decimal>()
                >= req.qty
        });
        let status = if complete {
            MoStatus::MaterialsReserved
        } else {
            MoStatus::AwaitingMaterials
        };
        if status != mo.status {
            self.set_mo_status(&mut mo, status)?;
            self.refresh_orders_of(&mo)?;
        }
        Ok(())
    }

    /// Stores a status change and its event.
    pub fn set_mo_status(&mut self, mo: &mut ManufacturingOrder, status: MoStatus) -> Result<()> {
        if !mo.status.can_become(status) {
            return Err(mo_transition(mo, status.as_str()));
        }
        let from = mo.status;
        mo.status = status;
        self.tx.put_mo(mo.clone())?;
        if from != status {
            self.emit(&mo.id, EventData::MoStatusChanged { from, to: status })?;
        }
        Ok(())
    }

    /// Re-derives the status of every order the MO is allocated to.
    pub fn refresh_orders_of(&mut self, mo: &ManufacturingOrder) -> Result<()> {
        let mut ids: Vec<&String> = mo.allocations.iter().map(|a| &a.order).collect();
        ids.sort();
        ids.dedup();
        for id in ids {
            self.refresh_order(id)?;
        }
        Ok(())
    }

    /// Hands a completed batch's good output over: first to the batches it
    /// feeds, then to allocated lines in allocation order.
    fn deliver_output(
        &mut self,
        mo: &mut ManufacturingOrder,
        lot: &str,
        good: Decimal,
    ) -> Result<()> {
        let mut left = self.deliver_to_consumers(mo, lot, good)?;
        let only_this_lot = PickRules {
            min_expiry: None,
            lot: Some(lot.into()),
        };
        for a in mo.allocations.iter_mut() {
            let give = (a.qty - a.delivered).min(left);
            if give <= Decimal::ZERO {
                continue;
            }
            let demand = Demand::OrderLine {
                order: a.order.clone(),
                line: a.line,
            };
            let got = self.reserve(&demand, &mo.product, give, &only_this_lot)?;
            a.delivered += got;
            left -= got;
        }
        Ok(())
    }
}

fn allocate(mo: &mut ManufacturingOrder, order: &SalesOrder, line: &OrderLine, qty: Decimal) {
    match mo
        .allocations
        .iter_mut()
        .find(|a| a.order == order.id && a.line == line.line)
    {
        Some(a) => a.qty += qty,
        None => mo.allocations.push(Allocation {
            order: order.id.clone(),
            line: line.line,
            qty,
            delivered: Decimal::ZERO,
        }),
    }
}
