//! The order desk: the list query, tags and notes, and bulk actions.

use std::collections::{BTreeMap, BTreeSet};

use super::{Ctx, Lotwise};
use crate::domain::desk::{
    has_tag, normalize_note, normalize_tag, run_query, validate, BulkOutcome, BulkResult, DeskPage,
    DeskQuery,
};
use crate::domain::event::EventData;
use crate::domain::order::{OrderStatus, SalesOrder};
use crate::domain::reservation::Demand;
use crate::error::Result;

impl Lotwise {
    /// One page of the order desk: every order matching the query's
    /// filters, in its sort order, starting after its cursor.
    ///
    /// ```
    /// use lotwise::{DeskQuery, Lotwise};
    /// let lw = Lotwise::open(":memory:").unwrap();
    /// let page = lw.desk(&DeskQuery { limit: Some(25), ..Default::default() }).unwrap();
    /// assert!(page.orders.is_empty() && page.next_cursor.is_none());
    /// ```
    pub fn desk(&self, query: &DeskQuery) -> Result<DeskPage> {
        validate(query)?;
        self.read(|ctx| {
            // With statuses asked for (the open orders, what is ready to
            // ship), only orders in them are read, from the status index:
            // the desk then costs what is open, not the years of shipped
            // orders beside it. Where stock is reserved or was shipped
            // from is read for every candidate only to filter by location;
            // otherwise just for the rows of the page returned.
            let by_location = query.location.is_some();
            let mut orders = if query.statuses.is_empty() {
                ctx.tx.orders()?
            } else {
                let statuses: BTreeSet<OrderStatus> = query.statuses.iter().copied().collect();
                let mut orders = Vec::new();
                for status in statuses {
                    orders.extend(ctx.tx.orders_with_status(status)?);
                }
                orders
            };
            if let Some(code) = &query.segment {
                let segment = ctx.segment(code)?;
                let members: std::collections::BTreeSet<String> = ctx
                    .segment_members(&segment)?
                    .into_iter()
                    .map(|m| m.customer.id)
                    .collect();
                orders.retain(|o| o.customer.id.as_ref().is_some_and(|c| members.contains(c)));
            }
            let locations = match (by_location, query.statuses.is_empty()) {
                (false, _) => BTreeMap::new(),
                (true, true) => ctx.order_locations()?,
                (true, false) => {
                    let mut out = BTreeMap::new();
                    for o in &orders {
                        out.insert(o.id.clone(), ctx.locations_of_order(&o.id)?);
                    }
                    out
                }
            };
            let mut page = run_query(&orders, &locations, ctx.today(), query)?;
            if !by_location {
                for row in &mut page.orders {
                    row.locations = ctx.locations_of_order(&row.id)?.into_iter().collect();
                }
            }
            Ok(page)
        })
    }

    /// Adds a tag to an order (trimmed; compared ignoring case). Tagging
    /// with a tag it already has changes nothing and emits nothing.
    pub fn tag_order(&self, id: &str, tag: &str) -> Result<SalesOrder> {
        let tag = normalize_tag(tag)?;
        self.write(|ctx| {
            let mut order = ctx.order(id)?;
            if has_tag(&order.tags, &tag) {
                return Ok(order);
            }
            order.tags.push(tag.clone());
            ctx.tx.put_order(order.clone())?;
            ctx.emit(id, EventData::OrderTagged { tag: tag.clone() })?;
            Ok(order)
        })
    }

    /// Removes a tag (ignoring case) from an order; a tag it does not carry
    /// changes nothing and emits nothing.
    pub fn untag_order(&self, id: &str, tag: &str) -> Result<SalesOrder> {
        let tag = normalize_tag(tag)?;
        self.write(|ctx| {
            let mut order = ctx.order(id)?;
            if !has_tag(&order.tags, &tag) {
                return Ok(order);
            }
            let lower = tag.to_lowercase();
            order.tags.retain(|t| t.to_lowercase() != lower);
            ctx.tx.put_order(order.clone())?;
            ctx.emit(id, EventData::OrderUntagged { tag: tag.clone() })?;
            Ok(order)
        })
    }

    /// Sets an order's note; `None` or a blank note clears it.
    pub fn set_order_note(&self, id: &str, note: Option<&str>) -> Result<SalesOrder> {
        let note = normalize_note(note)?;
        self.write(|ctx| {
            let mut order = ctx.order(id)?;
            if order.notes == note {
                return Ok(order);
            }
            order.notes = note;
            ctx.tx.put_order(order.clone())?;
            ctx.emit(
                id,
                EventData::OrderNoteSet {
                    note: order.notes.clone(),
                },
            )?;
            Ok(order)
        })
    }

    /// Confirms each order in its own transaction, so one failure does not
    /// undo the others. One result per distinct id, in the order given.
    pub fn bulk_confirm(&self, ids: &[String]) -> Vec<BulkResult> {
        bulk(ids, |id| self.confirm_order(id).map(|r| r.status))
    }

    /// Tags each order in its own transaction.
    pub fn bulk_tag(&self, ids: &[String], tag: &str) -> Vec<BulkResult> {
        bulk(ids, |id| self.tag_order(id, tag).map(|o| o.status))
    }

    /// Cancels each order in its own transaction.
    pub fn bulk_cancel(&self, ids: &[String]) -> Vec<BulkResult> {
        bulk(ids, |id| self.cancel_order(id).map(|o| o.status))
    }
}

/// Runs `f` once per distinct id and records each outcome.
fn bulk(ids: &[String], f: impl Fn(&str) -> Result<OrderStatus>) -> Vec<BulkResult> {
    let mut seen = BTreeSet::new();
    ids.iter()
        .filter(|id| seen.insert(id.as_str()))
        .map(|id| BulkResult {
            order: id.clone(),
            outcome: BulkOutcome::of(&f(id)),
        })
        .collect()
}

impl Ctx<'_> {
    /// The locations one order's stock is reserved at or was shipped
    /// from, looked up by its id.
    fn locations_of_order(&mut self, order: &str) -> Result<BTreeSet<String>> {
        let mut at: BTreeSet<String> = BTreeSet::new();
        for r in self.tx.reservations_of_order(order)? {
            at.insert(r.location);
        }
        for s in self.tx.shipments_of_order(order)? {
            at.extend(s.lines.into_iter().map(|l| l.location));
        }
        Ok(at)
    }

    /// Per order, the locations its stock is reserved at or was shipped from.
    fn order_locations(&mut self) -> Result<BTreeMap<String, BTreeSet<String>>> {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for r in self.tx.reservations()? {
            if let Demand::OrderLine { order, .. } = r.demand {
                out.entry(order).or_default().insert(r.location);
            }
        }
        for s in self.tx.shipments()? {
            let entry = out.entry(s.order).or_default();
            entry.extend(s.lines.into_iter().map(|l| l.location));
        }
        Ok(out)
    }
}
