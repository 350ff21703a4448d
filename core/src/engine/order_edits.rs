//! Editing an order after it was confirmed, in one command: quantities,
//! lines added or removed, requested dates, ship-to. The difference is
//! re-planned at once: what a line no longer needs is given back (batch
//! allocations detached, reservations released), what it needs more is
//! reserved, joined onto open batches or planned as new ones, and the
//! promise is made again. A flagged channel update is applied through the
//! same path, or dismissed with a reason.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::close_short::{check_open, clean_reason};
use super::orders::Shortage;
use super::{Ctx, Lotwise, OrderView};
use crate::domain::event::EventData;
use crate::domain::order::{Address, NewOrderLine, SalesOrder};
use crate::domain::quantity::Qty;
use crate::error::{Error, Result};

/// A change to one existing line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LineChange {
    /// The line number.
    pub line: u32,
    /// The new ordered quantity (never below what has shipped, was settled
    /// outside lotwise or was cancelled).
    #[serde(default)]
    pub qty: Option<Qty>,
    /// The new requested delivery day.
    #[serde(default)]
    pub requested_date: Option<NaiveDate>,
}

/// Input to `edit_order`. Every part is optional; at least one must change
/// something.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EditOrder {
    /// The sales order id.
    pub id: String,
    /// Changes to existing lines.
    #[serde(default)]
    pub lines: Vec<LineChange>,
    /// New lines, numbered after the last one.
    #[serde(default)]
    pub add: Vec<NewOrderLine>,
    /// Lines to remove: their unshipped quantity is cancelled (a line that
    /// shipped anything cannot be removed; lower its quantity instead).
    #[serde(default)]
    pub remove: Vec<u32>,
    /// A new requested delivery day for every line still open.
    #[serde(default)]
    pub requested_date: Option<NaiveDate>,
    /// A new ship-to address.
    #[serde(default)]
    pub ship_to: Option<Address>,
    /// Why, for the record.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Input to `dismiss_order_flag`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DismissOrderFlag {
    /// The sales order id.
    pub id: String,
    /// Why the flag needs no change to the order.
    pub reason: String,
}

/// What an edit did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EditReport {
    /// The order after the edit, line by line.
    pub order: OrderView,
    /// What changed, one entry per change (`line 1 qty 10 -> 30`, …).
    pub changes: Vec<String>,
    /// Reserved stock released, base units.
    pub released: Decimal,
    /// Finished stock newly reserved, per line number.
    pub reserved: BTreeMap<u32, Decimal>,
    /// Manufacturing orders whose allocations were reduced or removed.
    pub detached_mos: Vec<String>,
    /// Manufacturing orders created or joined.
    pub mos: Vec<String>,
    /// What is still missing.
    pub shortages: Vec<Shortage>,
}

impl Lotwise {
    /// Edits an order in one command: line quantities, added and removed
    /// lines, requested dates, ship-to. On a confirmed order the difference
    /// is re-planned at once (reservations released or added, batch
    /// allocations detached or joined, new batches planned, the promise made
    /// again). A quantity below what has shipped is refused with
    /// `below_shipped` and changes nothing.
    pub fn edit_order(&self, edit: EditOrder) -> Result<EditReport> {
        self.write(|ctx| ctx.edit(&edit, &BTreeMap::new()))
    }

    /// Applies the channel's latest version of a confirmed order that was
    /// flagged because its lines changed on the channel: the order's lines
    /// become the channel's through the edit path (a cancellation on the
    /// channel closes the unshipped rest), and the flag is cleared.
    pub fn apply_channel_update(&self, id: &str) -> Result<EditReport> {
        self.write(|ctx| {
            let order = flagged(ctx, id, "apply_channel_update")?;
            let Some(channel) = ctx.stored_channel_order(&order)? else {
                return Err(Error::invalid_input(
                    "id",
                    id,
                    "the order did not come from a channel import",
                ));
            };
            let mut edit = EditOrder {
                id: id.into(),
                reason: Some(format!("update from {}", channel.channel)),
                ..Default::default()
            };
            let mut outside = BTreeMap::new();
            if channel.is_cancelled() {
                edit.remove = order
                    .lines
                    .iter()
                    .filter(|l| l.shipped.is_zero() && !l.open().is_zero())
                    .map(|l| l.line)
                    .collect();
                for l in order.lines.iter().filter(|l| l.shipped > Decimal::ZERO) {
                    edit.lines.push(LineChange {
                        line: l.line,
                        qty: Some(Qty::new(l.shipped + l.closed(), l.qty.uom)),
                        requested_date: None,
                    });
                }
            } else {
                let mut seen = BTreeSet::new();
                for cl in &channel.lines {
                    let crate::channels::LineMapping::Mapped { index } = cl.mapping else {
                        continue;
                    };
                    let Some(new) = channel.new_order.lines.get(index) else {
                        continue;
                    };
                    let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
                    match order.lines.iter().find(|l| l.line == number) {
                        Some(l) if l.sku == new.sku => {
                            seen.insert(number);
                            let item = ctx.item(&l.sku)?;
                            let qty = item.base_qty("qty", new.qty, false)?;
                            if qty != l.qty.value {
                                edit.lines.push(LineChange {
                                    line: number,
                                    qty: Some(new.qty),
                                    requested_date: None,
                                });
                            }
                            // The channel counts lotwise's own shipments as
                            // fulfilled there too.
                            let settled = item.base_qty(
                                "fulfilled_outside",
                                Qty::new(cl.fulfilled_outside, new.qty.uom),
                                true,
                            )?;
                            outside.insert(number, (settled - l.shipped).max(Decimal::ZERO));
                        }
                        _ => edit.add.push(new.clone()),
                    }
                }
                edit.remove = order
                    .lines
                    .iter()
                    .filter(|l| !seen.contains(&l.line) && !l.open().is_zero())
                    .map(|l| l.line)
                    .collect();
            }
            let report = ctx.edit(&edit, &outside)?;
            ctx.clear_flags(id, true, None)?;
            let order = ctx.order(id)?;
            Ok(EditReport {
                order: ctx.order_view(order)?,
                ..report
            })
        })
    }

    /// Dismisses the flags of a confirmed order (a channel update that
    /// needs no change here, say) with a reason; the order stays as it is.
    pub fn dismiss_order_flag(&self, request: DismissOrderFlag) -> Result<SalesOrder> {
        self.write(|ctx| {
            flagged(ctx, &request.id, "dismiss_flag")?;
            let Some(reason) = clean_reason(Some(&request.reason))? else {
                return Err(Error::invalid_input(
                    "reason",
                    &request.reason,
                    "say why the flag needs no change",
                ));
            };
            ctx.clear_flags(&request.id, false, Some(reason))?;
            ctx.order(&request.id)
        })
    }
}

/// The confirmed order with flags, or `invalid_transition`.
fn flagged(ctx: &mut Ctx<'_>, id: &str, action: &str) -> Result<SalesOrder> {
    let order = ctx.order(id)?;
    if order.confirmed_at.is_none() || order.attention.is_empty() {
        return Err(Error::InvalidTransition {
            entity: "order".into(),
            id: id.into(),
            from: if order.attention.is_empty() {
                "unflagged".into()
            } else {
                order.status.as_str().into()
            },
            action: action.into(),
        });
    }
    Ok(order)
}

impl Ctx<'_> {
    /// Applies an edit (see [`Lotwise::edit_order`]); `outside` sets lines'
    /// quantities settled on the channel (applying a channel update).
    fn edit(&mut self, edit: &EditOrder, outside: &BTreeMap<u32, Decimal>) -> Result<EditReport> {
        let mut order = self.order(&edit.id)?;
        check_open(&order, "edit")?;
        let reason = clean_reason(edit.reason.as_deref())?;
        let mut changes = Vec::new();
        let mut shrunk: Vec<u32> = Vec::new();
        let mut skus: BTreeSet<String> = BTreeSet::new();
        for (i, change) in edit.lines.iter().enumerate() {
            let number = change.line;
            let idx = line_index(&order, number)?;
            refuse_cancelled(&order, number)?;
            let line = &mut order.lines[idx];
            if let Some(q) = change.qty {
                let item = self.item(&line.sku)?;
                let qty = item.base_qty(&format!("lines[{i}].qty"), q, false)?;
                let floor = line.shipped + line.closed();
                if qty < floor {
                    return Err(Error::BelowShipped {
                        order: edit.id.clone(),
                        line: number,
                        requested: qty,
                        shipped: floor,
                    });
                }
                if qty != line.qty.value {
                    changes.push(format!("line {number} qty {} -> {qty}", line.qty.value));
                    if qty < line.qty.value {
                        shrunk.push(number);
                    }
                    line.qty = item.qty(qty);
                    skus.insert(line.sku.clone());
                }
            }
            if let Some(day) = change.requested_date {
                if line.requested_date != Some(day) {
                    changes.push(format!("line {number} requested {day}"));
                    line.requested_date = Some(day);
                }
            }
        }
        for (&number, &settled) in outside {
            let idx = line_index(&order, number)?;
            let line = &mut order.lines[idx];
            let settled = settled.min(line.qty.value - line.shipped - line.cancelled);
            if settled != line.fulfilled_outside {
                changes.push(format!(
                    "line {number} settled outside {} -> {settled}",
                    line.fulfilled_outside
                ));
                if settled > line.fulfilled_outside {
                    shrunk.push(number);
                }
                line.fulfilled_outside = settled.max(Decimal::ZERO);
                skus.insert(line.sku.clone());
            }
        }
        for &number in &edit.remove {
            let idx = line_index(&order, number)?;
            refuse_cancelled(&order, number)?;
            let line = &mut order.lines[idx];
            if line.shipped > Decimal::ZERO || line.fulfilled_outside > Decimal::ZERO {
                return Err(Error::BelowShipped {
                    order: edit.id.clone(),
                    line: number,
                    requested: Decimal::ZERO,
                    shipped: line.shipped + line.closed(),
                });
            }
            let open = line.open();
            line.cancelled += open;
            changes.push(format!("line {number} removed"));
            shrunk.push(number);
            skus.insert(line.sku.clone());
        }
        if !edit.add.is_empty() {
            let mut added = self.order_lines(&edit.add)?;
            let currency = |l: &crate::domain::order::OrderLine| {
                l.unit_price.as_ref().map(|p| p.currency.clone())
            };
            let ours = order.lines.iter().find_map(currency);
            if let (Some(ours), Some(theirs)) = (&ours, added.iter().find_map(currency)) {
                if *ours != theirs {
                    return Err(Error::CurrencyMismatch {
                        expected: ours.clone(),
                        got: theirs,
                    });
                }
            }
            let mut next = order.lines.iter().map(|l| l.line).max().unwrap_or(0);
            for l in &mut added {
                next += 1;
                l.line = next;
                changes.push(format!("line {next} added: {} {}", l.qty, l.sku));
            }
            order.lines.extend(added);
        }
        if let Some(day) = edit.requested_date {
            let mut any = false;
            for l in order.lines.iter_mut().filter(|l| !l.open().is_zero()) {
                any |= l.requested_date != Some(day);
                l.requested_date = Some(day);
            }
            if any {
                changes.push(format!("requested {day}"));
            }
        }
        if let Some(addr) = &edit.ship_to {
            if order.ship_to.as_ref() != Some(addr) {
                if addr.name.trim().is_empty() {
                    return Err(Error::invalid_input(
                        "ship_to.name",
                        &addr.name,
                        "a ship-to needs a name",
                    ));
                }
                order.ship_to = Some(addr.clone());
                changes.push("ship-to".into());
            }
        }
        if changes.is_empty() {
            return Err(Error::invalid_input(
                "id",
                &edit.id,
                "the edit changes nothing",
            ));
        }
        if reason.is_some() {
            // Kept with the changes, for the record.
            changes.push(format!("reason: {}", reason.unwrap_or_default()));
        }
        self.tx.put_order(order.clone())?;
        self.tx.put_doc(
            super::indexes::EDITED_ORDERS,
            &order.id,
            &serde_json::Value::Null,
        )?;

        let mut report = EditReport {
            order: self.order_view(order.clone())?,
            changes,
            released: Decimal::ZERO,
            reserved: BTreeMap::new(),
            detached_mos: Vec::new(),
            mos: Vec::new(),
            shortages: Vec::new(),
        };
        if order.confirmed_at.is_some() {
            shrunk.sort_unstable();
            shrunk.dedup();
            for number in shrunk {
                let trimmed = self.trim_cover(&order.id, number)?;
                report.released += trimmed.released;
                for mo in trimmed.detached_mos {
                    if !report.detached_mos.contains(&mo) {
                        report.detached_mos.push(mo);
                    }
                }
            }
            if order.lines.iter().all(|l| l.is_cancelled()) {
                // Nothing shipped and nothing left: the edit cancels it.
                order.cancelled_at = Some(self.now);
                order.hold = None;
                self.tx.put_order(order.clone())?;
            } else {
                let plan = self.plan_order(&order)?;
                report.reserved = plan.reserved;
                report.mos = plan.mos;
                report.shortages = plan.shortages;
                if order.lines.iter().any(|l| !l.open().is_zero()) {
                    self.book_and_promise(&order.id, &report.mos)?;
                }
            }
        }
        self.emit(
            &order.id,
            EventData::OrderEdited {
                changes: report.changes.clone(),
                released: report.released,
                reserved: report.reserved.clone(),
                detached_mos: report.detached_mos.clone(),
                mos: report.mos.clone(),
                shortages: super::holds::shortfalls(&report.shortages),
            },
        )?;
        self.refresh_order(&order.id)?;
        for sku in skus {
            self.fill_waiting(&sku)?;
        }
        let order = self.order(&order.id)?;
        report.order = self.order_view(order)?;
        Ok(report)
    }

    /// Clears every reason for attention of an order, one event each.
    fn clear_flags(&mut self, id: &str, applied: bool, note: Option<String>) -> Result<()> {
        let mut order = self.order(id)?;
        let reasons = std::mem::take(&mut order.attention);
        self.tx.put_order(order)?;
        for reason in reasons {
            self.emit(
                id,
                EventData::OrderFlagCleared {
                    reason,
                    applied,
                    note: note.clone(),
                },
            )?;
        }
        Ok(())
    }
}

/// Where line `number` is in the order, or `unknown_order_line`.
fn line_index(order: &SalesOrder, number: u32) -> Result<usize> {
    order
        .lines
        .iter()
        .position(|l| l.line == number)
        .ok_or_else(|| Error::UnknownOrderLine {
            order: order.id.clone(),
            line: number,
        })
}

/// `invalid_transition` for a line cancelled whole.
fn refuse_cancelled(order: &SalesOrder, number: u32) -> Result<()> {
    let idx = line_index(order, number)?;
    if order.lines[idx].is_cancelled() {
        return Err(Error::InvalidTransition {
            entity: "order_line".into(),
            id: format!("{}/{number}", order.id),
            from: "cancelled".into(),
            action: "edit".into(),
        });
    }
    Ok(())
}
