//! Matching a new order to its customer record: by the id it names, the
//! channel's customer id, or its e-mail — never by name — reading each
//! customer index once, and announcing those reads to the store so a
//! backend that batches reads sends them with the ones before.

use serde_json::Value;

use super::indexes::{filed_records, foresee_filed, ids};
use super::records::decode;
use super::Ctx;
use crate::domain::customer::{normalize_email, records, ChannelCustomerId, CustomerRecord};
use crate::domain::order::{Customer, SalesOrder};
use crate::error::{Error, Result};

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

pub(super) fn channel_key(channel: &str, external_id: &str) -> String {
    // Keys hold no whitespace: an id with spaces is filed without them.
    let id: String = external_id.split_whitespace().collect();
    format!("{channel}:{id}")
}

impl Ctx<'_> {
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
