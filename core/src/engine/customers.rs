//! Customer commands: records with stable ids, matching orders to them,
//! merging, history and segments (see [`crate::domain::customer`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::customer_matching::channel_key;
use super::indexes::ids;
use super::{Ctx, Lotwise};
use crate::domain::catalog::validate_code;
use crate::domain::customer::{
    normalize_email, records, summarize, validate_email, validate_name, CustomerRecord,
    CustomerSummary, CustomerUpdate, NewCustomer, Segment,
};
use crate::domain::event::EventData;
use crate::domain::money::Money;
use crate::domain::order::SalesOrder;
use crate::domain::quantity::Dimension;
use crate::error::{Error, Result};

/// Input to `find_customers`: any one of the keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerQuery {
    /// An e-mail (any case).
    #[serde(default)]
    pub email: Option<String>,
    /// A channel's customer id, with `channel`.
    #[serde(default)]
    pub external_id: Option<String>,
    /// The channel of `external_id`.
    #[serde(default)]
    pub channel: Option<String>,
    /// Part of a name, any case (for people looking; orders are never
    /// matched by name).
    #[serde(default)]
    pub name: Option<String>,
}

/// The customers of a segment, with what they bought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SegmentReport {
    /// The segment.
    pub segment: Segment,
    /// Its customers now, by id.
    pub customers: Vec<CustomerSummary>,
    /// Their lifetime value added up, one amount per currency.
    pub revenue: Vec<Money>,
}

impl Lotwise {
    /// Creates a customer by hand.
    pub fn define_customer(&self, new: NewCustomer) -> Result<CustomerRecord> {
        self.write(|ctx| {
            validate_name("name", &new.name)?;
            for (i, e) in new.emails.iter().enumerate() {
                validate_email(&format!("emails[{i}]"), e)?;
            }
            let mut record = ctx.new_customer(&new.name)?;
            for e in &new.emails {
                ctx.claim_email(&record.id, e)?;
                record.learn(&new.name, Some(e), None, None, None);
            }
            for p in &new.phones {
                record.learn(&new.name, None, Some(p), None, None);
            }
            for a in &new.addresses {
                record.learn(&new.name, None, None, None, Some(a));
            }
            record.tags = new.tags.clone();
            record.notes = new.notes.clone();
            ctx.put_customer(&record)?;
            Ok(record)
        })
    }

    /// Adds names, e-mails, phones and tags to a customer, or changes its
    /// notes.
    pub fn update_customer(&self, id: &str, update: CustomerUpdate) -> Result<CustomerRecord> {
        self.write(|ctx| {
            let mut record = ctx.customer(id)?;
            if let Some(name) = &update.name {
                validate_name("name", name)?;
                record.names.retain(|n| n != name);
                if update.rename {
                    record.names.insert(0, name.clone());
                } else {
                    record.names.push(name.clone());
                }
            }
            for (i, e) in update.add_emails.iter().enumerate() {
                validate_email(&format!("add_emails[{i}]"), e)?;
                ctx.claim_email(&record.id, e)?;
                let name = record.display_name().to_string();
                record.learn(&name, Some(e), None, None, None);
            }
            for p in &update.add_phones {
                let name = record.display_name().to_string();
                record.learn(&name, None, Some(p), None, None);
            }
            for t in &update.add_tags {
                if !record.tags.contains(t) {
                    record.tags.push(t.clone());
                }
            }
            record.tags.retain(|t| !update.remove_tags.contains(t));
            if update.notes.is_some() {
                record.notes = update.notes.clone();
            }
            ctx.put_customer(&record)?;
            Ok(record)
        })
    }

    /// The customer. A customer merged into another answers as the one it
    /// was merged into.
    pub fn customer(&self, id: &str) -> Result<CustomerRecord> {
        self.read(|ctx| ctx.customer(id))
    }

    /// Every customer record, by id (merged ones included, with `merged_into`).
    pub fn customers(&self) -> Result<Vec<CustomerRecord>> {
        self.read(|ctx| ctx.records(records::CUSTOMER))
    }

    /// Customers by e-mail, by channel customer id or by part of a name.
    pub fn find_customers(&self, query: CustomerQuery) -> Result<Vec<CustomerRecord>> {
        self.read(|ctx| {
            let mut found: Vec<String> = Vec::new();
            if let Some(e) = &query.email {
                found.extend(ids(&mut *ctx.tx, records::BY_EMAIL, &normalize_email(e))?);
            }
            if let Some(x) = &query.external_id {
                let channel = query.channel.clone().unwrap_or_default();
                let key = channel_key(&channel, x);
                found.extend(ids(&mut *ctx.tx, records::BY_CHANNEL_ID, &key)?);
            }
            let mut out: Vec<CustomerRecord> = Vec::new();
            for id in found {
                let c = ctx.customer(&id)?;
                if !out.iter().any(|o| o.id == c.id) {
                    out.push(c);
                }
            }
            if let Some(part) = &query.name {
                let part = part.to_lowercase();
                for c in ctx.records::<CustomerRecord>(records::CUSTOMER)? {
                    let hit = c.names.iter().any(|n| n.to_lowercase().contains(&part));
                    if hit && c.merged_into.is_none() && !out.iter().any(|o| o.id == c.id) {
                        out.push(c);
                    }
                }
            }
            out.sort_by(|a, b| a.id.cmp(&b.id));
            Ok(out)
        })
    }

    /// Merges customer `from` into `into`: its orders move to `into`, its
    /// names, e-mails, phones, addresses, channel ids and tags are added to
    /// `into`, and `from` stays as a record pointing at `into` (history
    /// kept). An event records the merge.
    pub fn merge_customers(&self, from: &str, into: &str) -> Result<CustomerRecord> {
        self.write(|ctx| {
            let source = ctx.stored_customer(from)?;
            let mut target = ctx.customer(into)?;
            if source.merged_into.is_some() || source.id == target.id {
                return Err(Error::invalid_input(
                    "into",
                    into,
                    &format!("{from} cannot be merged into itself or merged twice"),
                ));
            }
            let name = target.display_name().to_string();
            for n in &source.names {
                if !target.names.contains(n) {
                    target.names.push(n.clone());
                }
            }
            for e in &source.emails {
                target.learn(&name, Some(e), None, None, None);
            }
            for p in &source.phones {
                target.learn(&name, None, Some(p), None, None);
            }
            for c in &source.channel_ids {
                target.learn(&name, None, None, Some(c.clone()), None);
            }
            for a in &source.addresses {
                target.learn(&name, None, None, None, Some(a));
            }
            for t in &source.tags {
                if !target.tags.contains(t) {
                    target.tags.push(t.clone());
                }
            }
            let mut moved = Vec::new();
            for order_id in ids(&mut *ctx.tx, records::ORDERS, &source.id)? {
                let mut order = ctx.order(&order_id)?;
                order.customer.id = Some(target.id.clone());
                ctx.tx.put_order(order)?;
                ctx.tx
                    .delete_doc(records::ORDERS, &format!("{} {order_id}", source.id))?;
                ctx.tx.put_doc(
                    records::ORDERS,
                    &format!("{} {order_id}", target.id),
                    &Value::Null,
                )?;
                moved.push(order_id);
            }
            let mut source = source;
            source.merged_into = Some(target.id.clone());
            ctx.put_record(records::CUSTOMER, &source.id, &source)?;
            ctx.put_customer(&target)?;
            ctx.emit(
                &target.id,
                EventData::CustomerMerged {
                    from: source.id.clone(),
                    orders: moved,
                },
            )?;
            Ok(target)
        })
    }

    /// A customer's orders, counts, lifetime value per currency, first and
    /// last order and the average days between orders.
    pub fn customer_summary(&self, id: &str) -> Result<CustomerSummary> {
        self.read(|ctx| ctx.customer_summary(id))
    }

    /// Defines or replaces a customer segment.
    pub fn define_segment(&self, segment: Segment) -> Result<Segment> {
        self.write(|ctx| {
            validate_code("segment", &segment.code)?;
            validate_name("name", &segment.name)?;
            segment.filter.validate()?;
            ctx.put_record(records::SEGMENT, &segment.code, &segment)?;
            Ok(segment)
        })
    }

    /// Every segment, by code.
    pub fn segments(&self) -> Result<Vec<Segment>> {
        self.read(|ctx| ctx.records(records::SEGMENT))
    }

    /// The customers a segment holds now and their revenue per currency.
    pub fn segment_customers(&self, code: &str) -> Result<SegmentReport> {
        self.read(|ctx| {
            let segment = ctx.segment(code)?;
            let members = ctx.segment_members(&segment)?;
            let mut revenue: Vec<Money> = Vec::new();
            for m in &members {
                for v in &m.lifetime_value {
                    match revenue.iter_mut().find(|r| r.currency == v.currency) {
                        Some(r) => r.amount += v.amount,
                        None => revenue.push(v.clone()),
                    }
                }
            }
            revenue.sort_by(|a, b| a.currency.cmp(&b.currency));
            Ok(SegmentReport {
                segment,
                customers: members,
                revenue,
            })
        })
    }
}

impl Ctx<'_> {
    /// The stored record, merged or not, or `unknown_customer`.
    fn stored_customer(&mut self, id: &str) -> Result<CustomerRecord> {
        self.record(records::CUSTOMER, id)?
            .ok_or_else(|| Error::UnknownCustomer {
                customer: id.into(),
            })
    }

    /// The live customer: a merged record answers as its target.
    pub fn customer(&mut self, id: &str) -> Result<CustomerRecord> {
        let mut record = self.stored_customer(id)?;
        let mut hops = 0;
        while let Some(next) = record.merged_into.clone() {
            hops += 1;
            if hops > 16 {
                return Err(Error::Internal {
                    reason: format!("customer {id} merges in a loop"),
                });
            }
            record = self.stored_customer(&next)?;
        }
        Ok(record)
    }

    pub fn segment(&mut self, code: &str) -> Result<Segment> {
        self.record(records::SEGMENT, code)?
            .ok_or_else(|| Error::UnknownSegment {
                segment: code.into(),
            })
    }

    /// The live customers a segment holds now, by id.
    pub fn segment_members(&mut self, segment: &Segment) -> Result<Vec<CustomerSummary>> {
        let mut out = Vec::new();
        for c in self.records::<CustomerRecord>(records::CUSTOMER)? {
            if c.merged_into.is_some() {
                continue;
            }
            let summary = self.customer_summary(&c.id)?;
            if segment.filter.matches(&summary, self.now) {
                out.push(summary);
            }
        }
        Ok(out)
    }

    pub fn customer_summary(&mut self, id: &str) -> Result<CustomerSummary> {
        let customer = self.customer(id)?;
        let orders = self.orders_of_customer(&customer.id)?;
        let mut pieces = std::collections::BTreeMap::new();
        for o in &orders {
            for l in &o.lines {
                if !pieces.contains_key(&l.sku) {
                    let item = self.item(&l.sku)?;
                    pieces.insert(l.sku.clone(), item.uom.dimension() == Dimension::Count);
                }
            }
        }
        Ok(summarize(customer, orders, |sku| {
            pieces.get(sku).copied().unwrap_or(false)
        }))
    }

    /// The orders attached to a customer.
    pub fn orders_of_customer(&mut self, id: &str) -> Result<Vec<SalesOrder>> {
        let mut out = Vec::new();
        for order_id in ids(&mut *self.tx, records::ORDERS, id)? {
            out.push(self.order(&order_id)?);
        }
        Ok(out)
    }

    pub(super) fn new_customer(&mut self, name: &str) -> Result<CustomerRecord> {
        let id = self.new_id("customer", "CU")?;
        let record = CustomerRecord {
            id: id.clone(),
            names: vec![name.trim().to_string()],
            emails: Vec::new(),
            phones: Vec::new(),
            addresses: Vec::new(),
            channel_ids: Vec::new(),
            tags: Vec::new(),
            notes: None,
            created_at: self.now,
            merged_into: None,
        };
        self.emit(
            &id,
            EventData::CustomerCreated {
                name: name.trim().to_string(),
            },
        )?;
        Ok(record)
    }

    /// Refuses an e-mail another live customer already has: e-mails identify
    /// customers, so two records with one e-mail would be one person twice
    /// (merge them instead).
    fn claim_email(&mut self, id: &str, email: &str) -> Result<()> {
        for other in ids(&mut *self.tx, records::BY_EMAIL, &normalize_email(email))? {
            let owner = self.customer(&other)?;
            if owner.id != id {
                return Err(Error::invalid_input(
                    "email",
                    email,
                    &format!(
                        "already belongs to customer {}; merge the two instead",
                        owner.id
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Stores a customer and files it under its e-mails and channel ids.
    pub(super) fn put_customer(&mut self, record: &CustomerRecord) -> Result<()> {
        self.put_record(records::CUSTOMER, &record.id, record)?;
        for e in &record.emails {
            let key = format!("{e} {}", record.id);
            self.tx.put_doc(records::BY_EMAIL, &key, &Value::Null)?;
        }
        for c in &record.channel_ids {
            let key = format!("{} {}", channel_key(&c.channel, &c.id), record.id);
            self.tx
                .put_doc(records::BY_CHANNEL_ID, &key, &Value::Null)?;
        }
        Ok(())
    }
}
