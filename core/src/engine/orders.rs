//! Sales order commands and the derived views a person reads.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::plan_report::{LineWait, PlannedBatch};
use super::{Ctx, Lotwise};
use crate::domain::event::{EventData, Shortfall};
use crate::domain::order::{derive_status, LineCover, LinePlan, NewOrder, OrderStatus, SalesOrder};
use crate::domain::production::MoStatus;
use crate::domain::reservation::{Demand, Reservation};
use crate::error::{Error, Result};

/// What `place_order` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PlacedOrder {
    /// The order.
    pub order: SalesOrder,
    /// True when the same (channel, external ref) was placed before with the
    /// same content: nothing changed.
    pub replayed: bool,
}

/// An order placed and confirmed by one command
/// ([`Lotwise::place_and_confirm_order`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AcceptedOrder {
    /// The order as placed, or as found again (`replayed`).
    pub placed: PlacedOrder,
    /// What confirming it did; `None` when this call did not confirm it: it
    /// was found again no longer `placed` (confirmed before, cancelled…).
    pub confirmed: Option<ConfirmReport>,
}

/// Something missing for an order line or a manufacturing order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Shortage {
    /// Item short.
    pub sku: String,
    /// How much more is needed, in its base unit.
    pub missing: Decimal,
    /// Who needs it: an order line (`SO-000001/1`) or a manufacturing order id.
    pub needed_for: String,
}

/// What confirming (or re-planning) an order did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConfirmReport {
    /// The order's status after the command.
    pub status: OrderStatus,
    /// Finished stock reserved, per line.
    pub reserved: BTreeMap<u32, Decimal>,
    /// Manufacturing orders created or joined for the lines.
    pub mos: Vec<String>,
    /// What is still missing.
    pub shortages: Vec<Shortage>,
    /// Every open batch behind the order, at every level: the line's
    /// batches and the intermediate batches feeding them, created or joined.
    #[serde(default)]
    pub batches: Vec<PlannedBatch>,
    /// Per line not yet ready, what it waits for, as data and in words.
    #[serde(default)]
    pub waits: Vec<LineWait>,
}

/// Finished stock of one lot held for a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LinePart {
    /// Lot.
    pub lot: String,
    /// Location.
    pub location: String,
    /// Quantity.
    pub qty: Decimal,
}

/// A manufacturing order's share in a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MoPart {
    /// Manufacturing order.
    pub mo: String,
    /// Its status.
    pub status: MoStatus,
    /// Allocated.
    pub qty: Decimal,
    /// Handed over at completion.
    pub delivered: Decimal,
}

/// One line as a person sees it: how it is covered and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LineView {
    /// Line number.
    pub line: u32,
    /// Item.
    pub sku: String,
    /// Ordered (base unit).
    pub ordered: Decimal,
    /// Shipped.
    pub shipped: Decimal,
    /// Settled by the sales channel outside lotwise (fulfilled, refunded or
    /// needing no shipping): kept for the record, no demand.
    pub fulfilled_outside: Decimal,
    /// Cancelled after confirmation (a cancelled line, an order closed short).
    pub cancelled: Decimal,
    /// Reserved from finished stock, ready to ship.
    pub ready: Decimal,
    /// Neither in stock nor planned.
    pub uncovered: Decimal,
    /// Line status.
    pub status: OrderStatus,
    /// Reserved lots.
    pub from_stock: Vec<LinePart>,
    /// Manufacturing orders behind it (including completed ones).
    pub from_mos: Vec<MoPart>,
}

/// An order with its derived status and per-line coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrderView {
    /// The order.
    pub order: SalesOrder,
    /// Derived status.
    pub status: OrderStatus,
    /// Promised or requested date passed with goods unshipped.
    pub delayed: bool,
    /// Lines.
    pub lines: Vec<LineView>,
}

impl Lotwise {
    /// Places an order (status `placed`). Idempotent by (channel, external
    /// ref): the same order again returns the stored one untouched; other
    /// content under the same reference is `duplicate_external_order`, and
    /// so is anything sent again under it once the order has been edited.
    pub fn place_order(&self, new: NewOrder) -> Result<PlacedOrder> {
        self.write_concurrent(|ctx| ctx.place(&new, Vec::new(), false))
    }

    /// Confirms a placed order: reserves finished stock (FEFO), joins open
    /// manufacturing orders with free output, creates new ones for the rest
    /// (reserving their materials) and reports what is missing.
    pub fn confirm_order(&self, id: &str) -> Result<ConfirmReport> {
        self.write_concurrent(|ctx| ctx.confirm(id))
    }

    /// Places an order and confirms it in one command, for a shop that
    /// confirms every order as it arrives (a storefront's order webhook):
    /// both happen or neither does. Idempotent like [`Lotwise::place_order`]:
    /// the same order again is confirmed only if it is still `placed`.
    ///
    /// ```
    /// # use lotwise::*;
    /// # fn main() -> Result<()> {
    /// let lw = Lotwise::open(":memory:")?;
    /// lw.define_item(NewItem::new("SOAP", "Lavender soap", ItemKind::Product, Uom::Pcs))?;
    /// lw.receive(Receipt::new("SOAP", "10 pcs".parse()?))?;
    /// let order = NewOrder {
    ///     channel: "shopify".into(),
    ///     external_ref: Some("1001".into()),
    ///     customer: Customer { name: "Ada Lovelace".into(), email: None, ..Default::default() },
    ///     ship_to: None,
    ///     lines: vec![NewOrderLine {
    ///         sku: "SOAP".into(), qty: "2 pcs".parse()?, unit_price: None,
    ///         requested_date: None, lot: None, min_remaining_shelf_life_days: None,
    ///     }],
    ///     tags: vec![], notes: None,
    /// };
    /// let accepted = lw.place_and_confirm_order(order.clone())?;
    /// let report = accepted.confirmed.expect("confirmed now");
    /// assert_eq!(report.status, OrderStatus::ReadyToShip);
    /// // The webhook again: the same order, already confirmed.
    /// let again = lw.place_and_confirm_order(order)?;
    /// assert!(again.placed.replayed && again.confirmed.is_none());
    /// # Ok(())
    /// # }
    /// ```
    pub fn place_and_confirm_order(&self, new: NewOrder) -> Result<AcceptedOrder> {
        self.write_concurrent(|ctx| {
            let placed = ctx.place(&new, Vec::new(), false)?;
            // A rule may have held it (or confirmed it already).
            let confirmed =
                if placed.order.status == OrderStatus::Placed && placed.order.hold.is_none() {
                    Some(ctx.confirm(&placed.order.id)?)
                } else {
                    None
                };
            Ok(AcceptedOrder { placed, confirmed })
        })
    }

    /// Plans what a confirmed order still lacks (after a short batch, a
    /// cancelled manufacturing order or a stock correction), as confirm does.
    pub fn replan_order(&self, id: &str) -> Result<ConfirmReport> {
        self.write(|ctx| {
            let order = ctx.order(id)?;
            if order.confirmed_at.is_none()
                || matches!(order.status, OrderStatus::Cancelled | OrderStatus::Shipped)
            {
                return Err(transition(&order, "replan"));
            }
            let mut report = ctx.plan_order(&order)?;
            ctx.book_and_promise(id, &report.mos)?;
            ctx.explain_plan(id, &mut report)?;
            // Re-planning can release expired lots, reserve others and join
            // batches without the status moving: the event records that it ran.
            ctx.emit(
                id,
                EventData::OrderReplanned {
                    reserved: report.reserved.clone(),
                    mos: report.mos.clone(),
                    shortages: report
                        .shortages
                        .iter()
                        .map(|s| Shortfall {
                            sku: s.sku.clone(),
                            missing: s.missing,
                            needed_for: s.needed_for.clone(),
                        })
                        .collect(),
                },
            )?;
            Ok(report)
        })
    }

    /// Cancels an order that has shipped nothing: releases its reservations
    /// and detaches its allocations; those batches' output then goes to stock.
    pub fn cancel_order(&self, id: &str) -> Result<SalesOrder> {
        self.write(|ctx| ctx.cancel(id))
    }

    /// The order.
    pub fn order(&self, id: &str) -> Result<SalesOrder> {
        self.read(|ctx| ctx.order(id))
    }

    /// The order by channel and external reference.
    pub fn order_by_external(
        &self,
        channel: &str,
        external_ref: &str,
    ) -> Result<Option<SalesOrder>> {
        self.read(|ctx| ctx.tx.order_by_external(channel, external_ref))
    }

    /// Every order, by id.
    pub fn orders(&self) -> Result<Vec<SalesOrder>> {
        self.read(|ctx| ctx.tx.orders())
    }

    /// The order with its status and, per line, which lots and which
    /// manufacturing orders fill it.
    pub fn order_view(&self, id: &str) -> Result<OrderView> {
        self.read(|ctx| {
            let order = ctx.order(id)?;
            ctx.order_view(order)
        })
    }
}

fn transition(order: &SalesOrder, action: &str) -> Error {
    Error::InvalidTransition {
        entity: "order".into(),
        id: order.id.clone(),
        from: order.status.as_str().into(),
        action: action.into(),
    }
}

/// How each line of `order` is covered by its reservations and batches.
fn covers_of(
    order: &SalesOrder,
    reservations: &[Reservation],
    plans: &[LinePlan],
) -> Vec<LineCover> {
    order
        .lines
        .iter()
        .map(|line| LineCover::of_plans(order, line, reservations, plans))
        .collect()
}

impl Ctx<'_> {
    /// Confirms a placed order (see [`Lotwise::confirm_order`]).
    pub fn confirm(&mut self, id: &str) -> Result<ConfirmReport> {
        let mut order = self.order(id)?;
        if order.status != OrderStatus::Placed {
            return Err(transition(&order, "confirm"));
        }
        if let Some(hold) = &order.hold {
            return Err(Error::OrderOnHold {
                order: id.into(),
                reason: hold.reason.clone(),
            });
        }
        order.confirmed_at = Some(self.now);
        self.tx.put_order(order.clone())?;
        self.emit(id, EventData::OrderConfirmed {})?;
        let mut report = self.plan_order(&order)?;
        self.book_and_promise(id, &report.mos)?;
        self.explain_plan(id, &mut report)?;
        Ok(report)
    }

    /// Cancels an order that has shipped nothing (see `Lotwise::cancel_order`).
    pub fn cancel(&mut self, id: &str) -> Result<SalesOrder> {
        let ctx = self;
        let mut order = ctx.order(id)?;
        if order.cancelled_at.is_some() || order.lines.iter().any(|l| l.shipped > Decimal::ZERO) {
            return Err(transition(&order, "cancel"));
        }
        for r in ctx.tx.reservations_of_order(id)? {
            ctx.tx.delete_reservation(r.id)?;
        }
        let mut touched_mos = Vec::new();
        for mut mo in ctx.tx.mos_for_order(id)? {
            if mo.status.is_open() {
                mo.allocations.retain(|a| a.order != id);
                touched_mos.push(mo.id.clone());
                ctx.tx.put_mo(mo)?;
            }
        }
        order.cancelled_at = Some(ctx.now);
        // Nothing is left to review on a cancelled order.
        order.hold = None;
        let mut skus: Vec<String> = order.lines.iter().map(|l| l.sku.clone()).collect();
        ctx.tx.put_order(order)?;
        ctx.emit(
            id,
            EventData::OrderCancelled {
                detached_mos: touched_mos,
            },
        )?;
        ctx.refresh_order(id)?;
        skus.dedup();
        for sku in skus {
            ctx.fill_waiting(&sku)?;
        }
        ctx.order(id)
    }

    /// The order, or `unknown_order`.
    pub fn order(&mut self, id: &str) -> Result<SalesOrder> {
        self.tx
            .order(id)?
            .ok_or_else(|| Error::UnknownOrder { order: id.into() })
    }

    /// Covers every line's open quantity: stock, then open batches, then new batches.
    pub(crate) fn plan_order(&mut self, order: &SalesOrder) -> Result<ConfirmReport> {
        let mut report = ConfirmReport {
            status: order.status,
            reserved: BTreeMap::new(),
            mos: Vec::new(),
            shortages: Vec::new(),
            batches: Vec::new(),
            waits: Vec::new(),
        };
        // Stock that expired while held no longer covers anything: release it
        // (for the lines and for the inputs of their batches not yet started)
        // and plan again from fresh stock.
        for line in &order.lines {
            self.release_expired(&Demand::OrderLine {
                order: order.id.clone(),
                line: line.line,
            })?;
        }
        for mo in self.tx.mos_for_order(&order.id)? {
            report.shortages.extend(self.replan_mo_tree(&mo.id)?);
        }
        let covers = self.line_covers(order)?;
        for (line, cover) in order.lines.iter().zip(covers) {
            let mut need = cover.uncovered();
            if need <= Decimal::ZERO {
                continue;
            }
            let item = self.item(&line.sku)?;
            let demand = Demand::OrderLine {
                order: order.id.clone(),
                line: line.line,
            };
            let rules =
                self.pick_rules(&item, line.min_remaining_shelf_life_days, line.lot.clone());
            let got = self.reserve(&demand, &line.sku, need, &rules)?;
            if got > Decimal::ZERO {
                report.reserved.insert(line.line, got);
            }
            need -= got;
            // A named lot cannot be produced anew; a product without recipe is bought.
            if need > Decimal::ZERO && line.lot.is_none() && self.tx.recipe(&line.sku)?.is_some() {
                let (mos, shortages) = self.produce_for_line(order, line, need)?;
                report.mos.extend(mos);
                report.shortages.extend(shortages);
                need = Decimal::ZERO;
            }
            if need > Decimal::ZERO {
                report.shortages.push(Shortage {
                    sku: line.sku.clone(),
                    missing: need,
                    needed_for: format!("{}/{}", order.id, line.line),
                });
            }
        }
        report.status = self.refresh_order(&order.id)?;
        Ok(report)
    }

    /// How each line of `order` is covered now.
    pub fn line_covers(&mut self, order: &SalesOrder) -> Result<Vec<LineCover>> {
        let reservations = self.tx.reservations_of_order(&order.id)?;
        // Done batches cover nothing any more (`LineCover::of_plans`).
        let plans = self.tx.open_plans_for_order(&order.id)?;
        Ok(covers_of(order, &reservations, &plans))
    }

    /// Re-derives and stores an order's status, emitting the change.
    pub fn refresh_order(&mut self, id: &str) -> Result<OrderStatus> {
        let order = self.order(id)?;
        self.settle_order(order, false)
    }

    /// Writes `order`, which the command has changed and not written yet,
    /// with the status its lines now give it: one write of the order
    /// instead of a write and then a [`Ctx::refresh_order`].
    pub fn put_settled_order(&mut self, order: SalesOrder) -> Result<OrderStatus> {
        self.settle_order(order, true)
    }

    /// Derives `order`'s status from its lines, announces a change, and
    /// writes the order when the status moved or `changed` says the
    /// command changed it otherwise.
    fn settle_order(&mut self, mut order: SalesOrder, changed: bool) -> Result<OrderStatus> {
        let covers = self.line_covers(&order)?;
        let status = derive_status(&order, &covers);
        let moved = status != order.status;
        if moved {
            if !order.status.can_become(status) {
                return Err(Error::Internal {
                    reason: format!(
                        "order {} would move from {} to {status}",
                        order.id, order.status
                    ),
                });
            }
            let from = order.status;
            order.status = status;
            self.emit(
                &order.id,
                EventData::OrderStatusChanged { from, to: status },
            )?;
        }
        if moved || changed {
            self.tx.put_order(order)?;
        }
        Ok(status)
    }

    pub fn order_view(&mut self, order: SalesOrder) -> Result<OrderView> {
        let reservations = self.tx.reservations_of_order(&order.id)?;
        let mos = self.tx.mos_for_order(&order.id)?;
        let covers = covers_of(
            &order,
            &reservations,
            &LinePlan::of_batches(&order.id, &mos),
        );
        let lines = order
            .lines
            .iter()
            .zip(&covers)
            .map(|(line, cover)| LineView {
                line: line.line,
                sku: line.sku.clone(),
                ordered: line.qty.value,
                shipped: line.shipped,
                fulfilled_outside: line.fulfilled_outside,
                cancelled: line.cancelled,
                ready: cover.reserved,
                uncovered: cover.uncovered(),
                status: if order.cancelled_at.is_some() || cover.cancelled {
                    OrderStatus::Cancelled
                } else if order.confirmed_at.is_none() {
                    OrderStatus::Placed
                } else {
                    cover.status()
                },
                from_stock: reservations
                    .iter()
                    .filter(|r| matches!(&r.demand, Demand::OrderLine { line: l, .. } if *l == line.line))
                    .map(|r| LinePart { lot: r.lot.clone(), location: r.location.clone(), qty: r.qty })
                    .collect(),
                from_mos: mos
                    .iter()
                    .flat_map(|mo| {
                        mo.allocations
                            .iter()
                            .filter(|a| a.order == order.id && a.line == line.line)
                            .map(|a| MoPart { mo: mo.id.clone(), status: mo.status, qty: a.qty, delivered: a.delivered })
                    })
                    .collect(),
            })
            .collect();
        let status = derive_status(&order, &covers);
        let delayed = order.is_delayed(self.today());
        Ok(OrderView {
            order,
            status,
            delayed,
            lines,
        })
    }
}
