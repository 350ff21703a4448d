//! Importing channel orders: place, replay, update and cancel idempotently by
//! (channel, external id), and bulk import with progress.
//!
//! The importers in [`crate::channels`] turn payloads into [`ChannelOrder`]s;
//! this file decides what each one means for the stored order. The whole
//! `ChannelOrder` is kept as a record beside the order (gift messages,
//! personalization and totals live there), so a later delivery can be
//! compared with what was imported.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Ctx, Lotwise};
use crate::channels::{self, Channel, ChannelOrder, SkuMap};
use crate::domain::event::EventData;
use crate::domain::order::{NewOrderLine, OrderStatus, SalesOrder};
use crate::error::{Error, Result};

const RECORD_KIND: &str = "channel_order";

/// What importing one channel order did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// A new order was placed.
    Imported,
    /// A new order was placed, but a person must resolve something first.
    NeedsAttention,
    /// The same or an older version of an order already imported: nothing changed.
    Duplicate,
    /// A newer version was applied to the stored order.
    Updated,
    /// A newer version changed what can no longer change (lines of a
    /// confirmed order, a cancellation after shipping): the order is flagged.
    Flagged,
    /// The channel cancelled the order and so did lotwise.
    Cancelled,
    /// The payload or the order was refused; see `error`.
    Rejected,
}

/// The outcome of one channel order (or one payload that failed to parse).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ImportResult {
    /// Channel.
    pub channel: String,
    /// The channel's order id, when the payload got that far.
    pub external_id: Option<String>,
    /// What happened.
    pub status: ImportStatus,
    /// The lotwise order, when there is one.
    pub order: Option<String>,
    /// Why a person must look at it.
    pub reasons: Vec<String>,
    /// The error code, for `rejected`.
    pub error_code: Option<String>,
    /// The offending field, for `rejected` when the error names one
    /// (`invalid_payload`, `invalid_input`, `invalid_quantity`), e.g.
    /// `line_items[0].price`.
    #[serde(default)]
    pub error_field: Option<String>,
    /// The error text, for `rejected`.
    pub error: Option<String>,
}

impl ImportResult {
    fn rejected(channel: Channel, external_id: Option<String>, e: &Error) -> Self {
        ImportResult {
            channel: channel.as_str().into(),
            external_id,
            status: ImportStatus::Rejected,
            order: None,
            reasons: Vec::new(),
            error_code: Some(e.code().into()),
            error_field: e.fields()["field"].as_str().map(str::to_string),
            error: Some(e.to_string()),
        }
    }
}

/// Progress of a bulk import, reported after every order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportProgress {
    /// Payloads handled so far.
    pub payloads_done: usize,
    /// Payloads in the batch.
    pub payloads_total: usize,
    /// Orders handled so far (a CSV file or an Etsy page holds many).
    pub orders_done: usize,
}

impl Lotwise {
    /// Imports one parsed channel order: places it, ignores a replay, applies
    /// a newer version, or cancels it, in one transaction.
    pub fn import_order(&self, order: &ChannelOrder) -> Result<ImportResult> {
        self.write(|ctx| ctx.import(order))
    }

    /// Parses and imports a batch of payloads of one channel (Shopify order
    /// bodies, Etsy receipts or receipt pages, wholesale CSV files). Each
    /// order is its own transaction, so one bad order does not undo the
    /// others; every order (or unparseable payload) gets a result.
    pub fn import_payloads(
        &self,
        channel: Channel,
        payloads: &[Vec<u8>],
        map: &SkuMap,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Vec<ImportResult> {
        let mut results = Vec::new();
        let total = payloads.len();
        for (i, body) in payloads.iter().enumerate() {
            let parsed: Vec<Result<ChannelOrder>> = match channel {
                Channel::Shopify => vec![channels::shopify::parse_order(body, map)],
                Channel::Csv => match channels::csv::parse_csv(body, map) {
                    Ok(orders) => orders.into_iter().map(Ok).collect(),
                    Err(e) => vec![Err(e)],
                },
                Channel::Etsy => {
                    // A page has `results`; a bare receipt does not.
                    match channels::etsy::parse_receipts_page(body, map) {
                        Ok(page) => page.orders,
                        Err(_) => vec![channels::etsy::parse_receipt(body, map)],
                    }
                }
            };
            for order in parsed {
                let result = match order {
                    Ok(o) => self.import_order(&o).unwrap_or_else(|e| {
                        ImportResult::rejected(channel, Some(o.external_id.clone()), &e)
                    }),
                    Err(e) => ImportResult::rejected(channel, None, &e),
                };
                results.push(result);
                progress(ImportProgress {
                    payloads_done: i,
                    payloads_total: total,
                    orders_done: results.len(),
                });
            }
            progress(ImportProgress {
                payloads_done: i + 1,
                payloads_total: total,
                orders_done: results.len(),
            });
        }
        results
    }

    /// The channel order as last imported, for an order placed by import.
    pub fn channel_order(&self, order_id: &str) -> Result<Option<ChannelOrder>> {
        self.read(|ctx| {
            let order = ctx.order(order_id)?;
            ctx.stored_channel_order(&order)
        })
    }

    /// Resolves an order that needs attention: replaces its lines (when
    /// given) and clears the reasons, so it becomes `placed` and can be
    /// confirmed. Only for orders not yet confirmed.
    pub fn resolve_order(&self, id: &str, lines: Option<Vec<NewOrderLine>>) -> Result<SalesOrder> {
        self.write(|ctx| {
            let mut order = ctx.order(id)?;
            if order.status != OrderStatus::NeedsAttention {
                return Err(Error::InvalidTransition {
                    entity: "order".into(),
                    id: id.into(),
                    from: order.status.as_str().into(),
                    action: "resolve".into(),
                });
            }
            if let Some(lines) = lines {
                order.lines = ctx.order_lines(&lines)?;
            }
            if order.lines.is_empty() {
                return Err(Error::invalid_input(
                    "lines",
                    "[]",
                    "an order needs at least one line",
                ));
            }
            order.attention.clear();
            ctx.tx.put_order(order.clone())?;
            ctx.emit(
                id,
                EventData::OrderResolved {
                    lines: order.lines.len(),
                },
            )?;
            ctx.refresh_order(id)?;
            ctx.order(id)
        })
    }
}

fn record_key(channel: Channel, external_id: &str) -> String {
    format!("{}:{}", channel.as_str(), external_id)
}

fn reasons(order: &ChannelOrder) -> Vec<String> {
    order.attention().iter().map(ToString::to_string).collect()
}

/// Lines as they matter for an update: what, how much (ordered, and still
/// ordered after refunds and removals), at what price. What the channel
/// fulfilled is left out: lotwise may have shipped it itself.
fn line_key(order: &ChannelOrder) -> Vec<(String, String, Option<String>, Decimal)> {
    order
        .lines
        .iter()
        .filter_map(|cl| match cl.mapping {
            channels::LineMapping::Mapped { index } => order.new_order.lines.get(index).map(|l| {
                (
                    l.sku.clone(),
                    l.qty.to_string(),
                    l.unit_price.as_ref().map(ToString::to_string),
                    cl.current_quantity,
                )
            }),
            _ => None,
        })
        .collect()
}

impl Ctx<'_> {
    pub(super) fn stored_channel_order(
        &mut self,
        order: &SalesOrder,
    ) -> Result<Option<ChannelOrder>> {
        let (Ok(channel), Some(ext)) = (
            serde_json::from_value::<Channel>(json!(order.channel)),
            order.external_ref.as_deref(),
        ) else {
            return Ok(None);
        };
        match self.tx.doc(RECORD_KIND, &record_key(channel, ext))? {
            Some(v) => serde_json::from_value(v)
                .map(Some)
                .map_err(|e| Error::Storage {
                    reason: format!("stored channel order: {e}"),
                }),
            None => Ok(None),
        }
    }

    fn store_channel_order(&mut self, order: &ChannelOrder) -> Result<()> {
        let value = serde_json::to_value(order).map_err(|e| Error::Internal {
            reason: e.to_string(),
        })?;
        self.tx.put_doc(
            RECORD_KIND,
            &record_key(order.channel, &order.external_id),
            &value,
        )
    }

    pub(super) fn import(&mut self, incoming: &ChannelOrder) -> Result<ImportResult> {
        let channel = incoming.channel;
        let mut result = ImportResult {
            channel: channel.as_str().into(),
            external_id: Some(incoming.external_id.clone()),
            status: ImportStatus::Imported,
            order: None,
            reasons: reasons(incoming),
            error_code: None,
            error_field: None,
            error: None,
        };
        let existing = self
            .tx
            .order_by_external(channel.as_str(), &incoming.external_id)?;
        let Some(existing) = existing else {
            if incoming.new_order.lines.is_empty() && result.reasons.is_empty() {
                // E.g. an open Shopify order whose lines were all removed.
                result
                    .reasons
                    .push(format!("{} sent no line to fill", channel.as_str()));
            }
            let placed = self.place_quiet(
                &incoming.new_order,
                result.reasons.clone(),
                incoming.names_no_one(),
            )?;
            let id = placed.order.id.clone();
            let mut order = placed.order;
            self.apply_outside(&mut order, incoming)?;
            self.tx.put_order(order.clone())?;
            self.store_channel_order(incoming)?;
            result.order = Some(id.clone());
            result.status = if result.reasons.is_empty() {
                ImportStatus::Imported
            } else {
                ImportStatus::NeedsAttention
            };
            if incoming.is_cancelled() {
                self.cancel(&id)?;
                result.status = ImportStatus::Cancelled;
            } else if result.reasons.is_empty()
                && !order.lines.is_empty()
                && order.lines.iter().all(|l| l.open().is_zero())
            {
                // Settled on the channel already (a sale at the till, a
                // digital download, a parcel shipped from there): nothing is
                // left for lotwise to plan, reserve or promise, so it is
                // confirmed and so recorded as shipped.
                order.confirmed_at = Some(self.now);
                self.tx.put_order(order)?;
                self.emit(&id, EventData::OrderConfirmed {})?;
                self.refresh_order(&id)?;
            }
            if result.status != ImportStatus::Cancelled {
                // Rules see the whole imported order, as the channel sent it.
                self.run_order_rules(&crate::domain::automation::Trigger::OrderPlaced, &id)?;
            }
            return Ok(result);
        };
        result.order = Some(existing.id.clone());
        let stored = self.stored_channel_order(&existing)?;
        let newer = match (&stored, incoming.updated_at) {
            (Some(s), Some(at)) => s.updated_at.is_none_or(|prev| at > prev),
            (Some(s), None) => s != incoming,
            (None, _) => true,
        };
        if !newer || stored.as_ref() == Some(incoming) {
            result.status = ImportStatus::Duplicate;
            result.reasons = existing.attention.clone();
            return Ok(result);
        }
        self.store_channel_order(incoming)?;
        if incoming.is_cancelled() {
            if existing.cancelled_at.is_some() {
                result.status = ImportStatus::Duplicate;
                return Ok(result);
            }
            if existing.lines.iter().any(|l| l.shipped > Decimal::ZERO) {
                let reason = format!(
                    "cancelled on {} after lotwise shipped goods",
                    channel.as_str()
                );
                result.reasons = self.flag(&existing.id, reason)?;
                result.status = ImportStatus::Flagged;
                return Ok(result);
            }
            self.cancel(&existing.id)?;
            result.status = ImportStatus::Cancelled;
            return Ok(result);
        }
        let mut order = existing.clone();
        order.tags = incoming.new_order.tags.clone();
        order.notes = incoming.new_order.notes.clone();
        let lines_changed = stored
            .as_ref()
            .is_none_or(|s| line_key(s) != line_key(incoming));
        if !lines_changed
            && matches!(
                order.status,
                OrderStatus::Placed | OrderStatus::NeedsAttention
            )
        {
            // Shipped on the channel since: not lotwise's to ship any more.
            self.apply_outside(&mut order, incoming)?;
        }
        result.status = ImportStatus::Updated;
        if lines_changed {
            if matches!(
                order.status,
                OrderStatus::Placed | OrderStatus::NeedsAttention
            ) {
                // Not confirmed yet: the channel's version simply replaces ours.
                order.lines = self.order_lines(&incoming.new_order.lines)?;
                self.apply_outside(&mut order, incoming)?;
                order.customer = incoming.new_order.customer.clone();
                order.ship_to = incoming.new_order.ship_to.clone();
                order.attention = reasons(incoming);
                if order.lines.is_empty() && order.attention.is_empty() {
                    order
                        .attention
                        .push("every line was removed on the channel".into());
                }
            } else {
                order.attention.push(format!(
                    "lines changed on {} after the order was confirmed; review and re-plan",
                    channel.as_str()
                ));
                result.status = ImportStatus::Flagged;
            }
        }
        self.tx.put_order(order.clone())?;
        self.emit(
            &order.id,
            EventData::OrderUpdated {
                channel: channel.as_str().into(),
                lines_changed,
                flagged: result.status == ImportStatus::Flagged,
            },
        )?;
        self.refresh_order(&order.id)?;
        self.run_order_rules(&crate::domain::automation::Trigger::OrderUpdated, &order.id)?;
        result.reasons = self.order(&order.id)?.attention;
        Ok(result)
    }

    /// Sets each placed line's `fulfilled_outside` from the channel line it
    /// came from (what the channel fulfilled, refunded or need not ship), in
    /// the item's base unit.
    fn apply_outside(&mut self, order: &mut SalesOrder, incoming: &ChannelOrder) -> Result<()> {
        for cl in &incoming.lines {
            let channels::LineMapping::Mapped { index } = cl.mapping else {
                continue;
            };
            let (Some(new), Some(line)) = (
                incoming.new_order.lines.get(index),
                order.lines.get_mut(index),
            ) else {
                continue;
            };
            let item = self.item(&line.sku)?;
            let outside = crate::domain::quantity::Qty::new(cl.fulfilled_outside, new.qty.uom);
            line.fulfilled_outside = item
                .base_qty(&format!("{}.fulfilled_outside", cl.source), outside, true)?
                .min(line.qty.value);
        }
        Ok(())
    }

    /// Adds a reason for attention to an order without changing its status.
    fn flag(&mut self, id: &str, reason: String) -> Result<Vec<String>> {
        let mut order = self.order(id)?;
        if !order.attention.contains(&reason) {
            order.attention.push(reason.clone());
            self.tx.put_order(order.clone())?;
            self.emit(id, EventData::OrderFlagged { reason })?;
        }
        Ok(order.attention)
    }
}
