//! Customer commands: records with stable ids, matching orders to them,
//! merging, history and segments (see [`crate::domain::customer`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::indexes::{filed_records, foresee_filed, ids};
use super::records::decode;
use super::{Ctx, Lotwise};
use crate::domain::catalog::validate_code;
use crate::domain::customer::{
    normalize_email, records, summarize, validate_email, validate_name, ChannelCustomerId,
    CustomerRecord, CustomerSummary, CustomerUpdate, NewCustomer, Segment,
};
use crate::domain::event::EventData;
use crate::domain::money::Money;
use crate::domain::order::{Customer, SalesOrder};
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
                ctx.tx.put_order(&order)?;
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

/// Who the customer indexes file an order's channel id and e-mail under,
/// as read while looking the customer up (`None`: not read).
#[derive(Default)]
struct Owners {
    channel: Option<Vec<String>>,
    email: Option<Vec<String>>,
}

/// The identities an order's customer is known by: the channel's customer
/// id and the e-mail, normalized, when given.
fn identities(c: &Customer, channel: &str) -> (Option<ChannelCustomerId>, Option<String>) {
    let email = c
        .email
        .as_deref()
        .map(normalize_email)
        .filter(|e| !e.is_empty());
    let channel_id = c
        .external_id
        .as_deref()
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|x| ChannelCustomerId {
            channel: channel.to_string(),
            id: x.to_string(),
        });
    (channel_id, email)
}

fn channel_key(channel: &str, external_id: &str) -> String {
    // Keys hold no whitespace: an id with spaces is filed without them.
    let id: String = external_id.split_whitespace().collect();
    format!("{channel}:{id}")
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

    fn new_customer(&mut self, name: &str) -> Result<CustomerRecord> {
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

    /// The live customer an order names by id, else by channel customer id,
    /// else by e-mail; `None` for someone new. The index entries read on
    /// the way are kept in `found`, so attaching reads each index once.
    fn find_customer(
        &mut self,
        id: Option<&str>,
        channel_id: Option<&ChannelCustomerId>,
        email: Option<&str>,
        found: &mut Owners,
    ) -> Result<Option<CustomerRecord>> {
        if let Some(id) = id {
            return self.customer(id).map(Some);
        }
        if let Some(cid) = channel_id {
            let key = channel_key(&cid.channel, &cid.id);
            let filed = filed_records(
                &mut *self.tx,
                records::BY_CHANNEL_ID,
                &key,
                records::CUSTOMER,
            )?;
            if let Some(record) = self.first_filed(filed, &mut found.channel)? {
                return Ok(Some(record));
            }
        }
        if let Some(e) = email {
            let filed = filed_records(&mut *self.tx, records::BY_EMAIL, e, records::CUSTOMER)?;
            if let Some(record) = self.first_filed(filed, &mut found.email)? {
                return Ok(Some(record));
            }
        }
        Ok(None)
    }

    /// The live customer of the first entry an index files under an
    /// identity (read with its record), keeping who they all are in `owners`.
    fn first_filed(
        &mut self,
        filed: Vec<(String, Option<Value>)>,
        owners: &mut Option<Vec<String>>,
    ) -> Result<Option<CustomerRecord>> {
        let first = filed.first().cloned();
        *owners = Some(filed.into_iter().map(|(id, _)| id).collect());
        let Some((id, doc)) = first else {
            return Ok(None);
        };
        let record: CustomerRecord = match doc {
            Some(v) => decode(records::CUSTOMER, &id, v)?,
            None => return Err(Error::UnknownCustomer { customer: id }),
        };
        match record.merged_into {
            Some(_) => self.customer(&record.id).map(Some),
            None => Ok(Some(record)),
        }
    }

    /// Stores a customer and files it under its e-mails and channel ids.
    fn put_customer(&mut self, record: &CustomerRecord) -> Result<()> {
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

    /// Tells the store which customer indexes attaching an order for `c`
    /// will read (see [`Tx::foresee_indexed_docs`]), before the reads that
    /// precede it.
    ///
    /// [`Tx::foresee_indexed_docs`]: crate::store::Tx::foresee_indexed_docs
    pub fn foresee_customer(&mut self, c: &Customer, channel: &str) {
        if c.id.is_some() {
            return;
        }
        let (channel_id, email) = identities(c, channel);
        if let Some(cid) = channel_id {
            let owner = channel_key(&cid.channel, &cid.id);
            foresee_filed(
                &mut *self.tx,
                records::BY_CHANNEL_ID,
                &owner,
                records::CUSTOMER,
            );
        }
        if let Some(e) = email {
            foresee_filed(&mut *self.tx, records::BY_EMAIL, &e, records::CUSTOMER);
        }
    }

    /// Attaches a new order to its customer: the id it names, else the
    /// customer the channel's customer id was seen with, else the one with
    /// its e-mail, else a new customer. An `anonymous` order (a walk-in or
    /// placeholder name, no e-mail, no ids) is attached to no one. What
    /// the order says that the record lacks is added to it.
    pub fn attach_customer(&mut self, order: &mut SalesOrder, anonymous: bool) -> Result<()> {
        let c = order.customer.clone();
        let (channel_id, email) = identities(&c, &order.channel);
        // A known customer is found without locks, so the orders of one
        // customer placed side by side do not queue behind each other; only
        // creating one, or adding to what it knows, takes its locks.
        let mut found = Owners::default();
        let mut record = self.find_customer(
            c.id.as_deref(),
            channel_id.as_ref(),
            email.as_deref(),
            &mut found,
        )?;
        if record.is_none() {
            if anonymous && email.is_none() && channel_id.is_none() {
                return Ok(());
            }
            // Identities in one fixed order (channel id, e-mail), then look
            // again: two orders of one new customer create it once.
            if let Some(cid) = &channel_id {
                self.tx
                    .lock_customer(&format!("channel:{}", channel_key(&cid.channel, &cid.id)))?;
            }
            if let Some(e) = &email {
                self.tx.lock_customer(&format!("email:{e}"))?;
            }
            found = Owners::default();
            record = self.find_customer(None, channel_id.as_ref(), email.as_deref(), &mut found)?;
        }
        let (mut record, created) = match record {
            Some(r) => (r, false),
            None => (self.new_customer(&c.name)?, true),
        };
        // A channel id or e-mail already filed under another customer stays
        // there: the order's own match above decided who this is.
        let email = match &email {
            Some(e) => {
                let owners = match found.email.take() {
                    Some(owners) => owners,
                    None => ids(&mut *self.tx, records::BY_EMAIL, e)?,
                };
                owners
                    .iter()
                    .all(|o| *o == record.id)
                    .then_some(e.to_string())
            }
            None => None,
        };
        let channel_id = match channel_id {
            Some(cid) => {
                let owners = match found.channel.take() {
                    Some(owners) => owners,
                    None => {
                        let key = channel_key(&cid.channel, &cid.id);
                        ids(&mut *self.tx, records::BY_CHANNEL_ID, &key)?
                    }
                };
                owners.iter().all(|o| *o == record.id).then_some(cid)
            }
            None => None,
        };
        let learn = |r: &mut CustomerRecord| {
            r.learn(
                &c.name,
                email.as_deref(),
                c.phone.as_deref(),
                channel_id.clone(),
                order.ship_to.as_ref(),
            )
        };
        if created || learn(&mut record.clone()) {
            self.tx.lock_customer(&format!("id:{}", record.id))?;
            // Read again under the lock: another order may have just updated it.
            if let Some(fresh) = self.record::<CustomerRecord>(records::CUSTOMER, &record.id)? {
                record = fresh;
            }
            learn(&mut record);
            self.put_customer(&record)?;
        }
        order.customer.id = Some(record.id.clone());
        self.tx.put_doc(
            records::ORDERS,
            &format!("{} {}", record.id, order.id),
            &Value::Null,
        )?;
        Ok(())
    }
}
