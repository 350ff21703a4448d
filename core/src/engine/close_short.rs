//! Cancelling what is left of a line, and closing a partially shipped
//! order short.
//!
//! What a line no longer needs is given back: batch allocations not yet
//! delivered are detached first (the batch's output then goes to stock),
//! then reserved stock is released; waiting demand is then served from it.
//! The cancelled quantity stays on the line (`cancelled`) for the record.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Ctx, Lotwise, OrderView};
use crate::domain::event::EventData;
use crate::domain::order::{OrderStatus, SalesOrder};
use crate::domain::production::MoStatus;
use crate::domain::quantity::Qty;
use crate::domain::reservation::Demand;
use crate::error::{Error, Result};

/// Input to `cancel_order_line`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelOrderLine {
    /// The sales order id.
    pub id: String,
    /// The line number.
    pub line: u32,
    /// How much of the line's unshipped quantity to cancel; all of it when absent.
    #[serde(default)]
    pub qty: Option<Qty>,
    /// Why, for the record.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Input to `close_short`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseShort {
    /// The sales order id.
    pub id: String,
    /// Why, for the record.
    #[serde(default)]
    pub reason: Option<String>,
}

/// What giving back part of a line's cover released.
#[derive(Debug, Default)]
pub(crate) struct Trimmed {
    /// Reserved stock released, base unit.
    pub released: Decimal,
    /// Manufacturing orders detached from.
    pub detached_mos: Vec<String>,
}

impl Lotwise {
    /// Cancels all or part of the unshipped quantity of one line of an
    /// order: its reservations are released and its batch allocations
    /// detached as far as the line no longer needs them (those batches'
    /// output then goes to stock). A line cancelled whole shows as
    /// `cancelled`; an order whose every line is cancelled and nothing
    /// shipped is cancelled. Refused on a line with nothing left to cancel.
    pub fn cancel_order_line(&self, request: CancelOrderLine) -> Result<OrderView> {
        self.write(|ctx| {
            let order = ctx.order(&request.id)?;
            check_open(&order, "cancel_line")?;
            if order.confirmed_at.is_none() {
                // Not planned yet: edit the order instead.
                return Err(Error::InvalidTransition {
                    entity: "order".into(),
                    id: order.id.clone(),
                    from: order.status.as_str().into(),
                    action: "cancel_line".into(),
                });
            }
            let reason = clean_reason(request.reason.as_deref())?;
            let line = order.line(request.line)?.clone();
            let open = line.open();
            if open.is_zero() {
                return Err(Error::InvalidTransition {
                    entity: "order_line".into(),
                    id: format!("{}/{}", order.id, line.line),
                    from: if line.cancelled > Decimal::ZERO {
                        "cancelled".into()
                    } else {
                        "shipped".into()
                    },
                    action: "cancel".into(),
                });
            }
            let qty = match request.qty {
                None => open,
                Some(q) => {
                    let item = ctx.item(&line.sku)?;
                    let qty = item.base_qty("qty", q, false)?;
                    if qty > open {
                        return Err(Error::invalid_qty(
                            "qty",
                            q,
                            &format!("only {open} of line {} is left to cancel", line.line),
                        ));
                    }
                    qty
                }
            };
            ctx.cancel_line_qty(&order.id, line.line, qty, reason)?;
            let mut order = ctx.order(&request.id)?;
            if order.lines.iter().all(|l| l.is_cancelled()) && order.cancelled_at.is_none() {
                // Nothing shipped and nothing left: the order is cancelled.
                order.cancelled_at = Some(ctx.now);
                order.hold = None;
                ctx.tx.put_order(order.clone())?;
                ctx.emit(
                    &order.id,
                    EventData::OrderCancelled {
                        detached_mos: Vec::new(),
                    },
                )?;
            }
            ctx.refresh_order(&order.id)?;
            ctx.fill_waiting(&line.sku)?;
            let order = ctx.order(&request.id)?;
            ctx.order_view(order)
        })
    }

    /// Closes a partially shipped order short: the unshipped rest of every
    /// line is cancelled (reservations released, batch allocations detached)
    /// and the order ends `shipped` with the cancelled quantities recorded on
    /// its lines. Refused unless the order is partially shipped (a second
    /// close-short finds it shipped).
    pub fn close_short(&self, request: CloseShort) -> Result<OrderView> {
        self.write(|ctx| {
            let order = ctx.order(&request.id)?;
            if order.status != OrderStatus::PartiallyShipped {
                return Err(Error::InvalidTransition {
                    entity: "order".into(),
                    id: order.id.clone(),
                    from: order.status.as_str().into(),
                    action: "close_short".into(),
                });
            }
            let reason = clean_reason(request.reason.as_deref())?;
            let mut cancelled = BTreeMap::new();
            let mut skus = Vec::new();
            for line in &order.lines {
                let open = line.open();
                if open > Decimal::ZERO {
                    ctx.cancel_line_qty(&order.id, line.line, open, reason.clone())?;
                    cancelled.insert(line.line, open);
                    skus.push(line.sku.clone());
                }
            }
            ctx.emit(&order.id, EventData::OrderClosedShort { cancelled, reason })?;
            ctx.refresh_order(&order.id)?;
            skus.sort();
            skus.dedup();
            for sku in skus {
                ctx.fill_waiting(&sku)?;
            }
            let order = ctx.order(&request.id)?;
            ctx.order_view(order)
        })
    }
}

/// `invalid_transition` unless the order may still change.
pub(crate) fn check_open(order: &SalesOrder, action: &str) -> Result<()> {
    if matches!(
        order.status,
        OrderStatus::Cancelled | OrderStatus::Shipped | OrderStatus::NeedsAttention
    ) {
        return Err(Error::InvalidTransition {
            entity: "order".into(),
            id: order.id.clone(),
            from: order.status.as_str().into(),
            action: action.into(),
        });
    }
    Ok(())
}

/// A reason trimmed, `None` when empty; refused past 500 characters.
pub(crate) fn clean_reason(reason: Option<&str>) -> Result<Option<String>> {
    match reason.map(str::trim) {
        None | Some("") => Ok(None),
        Some(r) if r.chars().count() > 500 => Err(Error::invalid_input(
            "reason",
            r,
            "must be at most 500 characters",
        )),
        Some(r) => Ok(Some(r.to_string())),
    }
}

impl Ctx<'_> {
    /// Cancels `qty` of a line's open quantity: records it, gives back the
    /// cover the line no longer needs and emits `order_line_cancelled`.
    fn cancel_line_qty(
        &mut self,
        order_id: &str,
        line_no: u32,
        qty: Decimal,
        reason: Option<String>,
    ) -> Result<()> {
        let mut order = self.order(order_id)?;
        let Some(line) = order.lines.iter_mut().find(|l| l.line == line_no) else {
            return Err(Error::UnknownOrderLine {
                order: order_id.into(),
                line: line_no,
            });
        };
        line.cancelled += qty;
        self.tx.put_order(order)?;
        let trimmed = self.trim_cover(order_id, line_no)?;
        self.emit(
            order_id,
            EventData::OrderLineCancelled {
                line: line_no,
                qty,
                released: trimmed.released,
                detached_mos: trimmed.detached_mos,
                reason,
            },
        )
    }

    /// Gives back what covers a line beyond its open quantity: undelivered
    /// batch allocations first (batches not started before those in
    /// production, newest first), then reserved stock (newest first).
    pub(crate) fn trim_cover(&mut self, order_id: &str, line_no: u32) -> Result<Trimmed> {
        let order = self.order(order_id)?;
        let line = order.line(line_no)?.clone();
        let covers = self.line_covers(&order)?;
        let Some(cover) = order
            .lines
            .iter()
            .zip(&covers)
            .find(|(l, _)| l.line == line_no)
            .map(|(_, c)| c.clone())
        else {
            return Ok(Trimmed::default());
        };
        let covered = cover.reserved
            + cover.planned_awaiting
            + cover.planned_reserved
            + cover.planned_in_production;
        let mut excess = covered - line.open();
        let mut out = Trimmed::default();
        if excess <= Decimal::ZERO {
            return Ok(out);
        }
        let mut mos = self.tx.mos_for_order(order_id)?;
        let stage = |s: MoStatus| match s {
            MoStatus::AwaitingMaterials => 0,
            MoStatus::MaterialsReserved => 1,
            _ => 2,
        };
        mos.retain(|m| m.status.is_open());
        mos.sort_by(|a, b| {
            stage(a.status)
                .cmp(&stage(b.status))
                .then(b.created_at.cmp(&a.created_at))
                .then(b.id.cmp(&a.id))
        });
        for mut mo in mos {
            if excess <= Decimal::ZERO {
                break;
            }
            let mut changed = false;
            for a in mo
                .allocations
                .iter_mut()
                .filter(|a| a.order == order_id && a.line == line_no)
            {
                let take = (a.qty - a.delivered).min(excess);
                if take > Decimal::ZERO {
                    a.qty -= take;
                    excess -= take;
                    changed = true;
                }
            }
            if changed {
                mo.allocations.retain(|a| a.qty > Decimal::ZERO);
                let id = mo.id.clone();
                self.tx.put_mo(mo)?;
                self.track_open_output(&id)?;
                out.detached_mos.push(id);
            }
        }
        let mut held = self.tx.reservations_for(&Demand::OrderLine {
            order: order_id.into(),
            line: line_no,
        })?;
        held.sort_by_key(|r| std::cmp::Reverse(r.id));
        for mut r in held {
            if excess <= Decimal::ZERO {
                break;
            }
            let take = r.qty.min(excess);
            if take == r.qty {
                self.tx.delete_reservation(r.id)?;
            } else {
                r.qty -= take;
                self.tx.put_reservation(&r)?;
            }
            out.released += take;
            excess -= take;
        }
        Ok(out)
    }
}
