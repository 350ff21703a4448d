//! Customers: who bought what, so a recall notice reaches every person and
//! a shop can see its regulars.
//!
//! An order carries the customer as the channel gave it (a name, maybe an
//! e-mail, the channel's own customer id). lotwise attaches every order to a
//! customer record with a stable id (`CU-000001`): by the channel's customer
//! id first, then by e-mail (compared case-insensitively), never by name
//! alone — two different people called "Ada Byron" stay two customers. An
//! order that names no one (a walk-in sale, a placeholder name) is attached
//! to no customer.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::money::Money;
use super::order::{Address, OrderStatus, SalesOrder};
use crate::error::{Error, Result};

/// Record kinds customers keep in the store.
pub mod records {
    /// A [`super::CustomerRecord`], keyed by id.
    pub const CUSTOMER: &str = "customer";
    /// A [`super::Segment`], keyed by code.
    pub const SEGMENT: &str = "segment";
    /// Index: customers by lower-cased e-mail (`"{email} {id}"`).
    pub const BY_EMAIL: &str = "index.customer_by_email";
    /// Index: customers by channel customer id (`"{channel}:{external_id} {id}"`).
    pub const BY_CHANNEL_ID: &str = "index.customer_by_channel_id";
    /// Index: orders by customer (`"{customer} {order}"`).
    pub const ORDERS: &str = "index.order_by_customer";
}

/// A channel's own id for a customer (Shopify customer id, Etsy buyer id).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct ChannelCustomerId {
    /// Channel, e.g. `shopify`.
    pub channel: String,
    /// The channel's id for the customer.
    pub id: String,
}

/// A customer: one person or business, however many names, addresses and
/// e-mails they used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CustomerRecord {
    /// Stable id, e.g. `CU-000001`.
    pub id: String,
    /// Names used, the first one the display name.
    pub names: Vec<String>,
    /// E-mail addresses, lower-cased.
    pub emails: Vec<String>,
    /// Phone numbers as given.
    pub phones: Vec<String>,
    /// Ship-to addresses used.
    pub addresses: Vec<Address>,
    /// Ids the channels know the customer by.
    pub channel_ids: Vec<ChannelCustomerId>,
    /// Tags, e.g. `wholesale`.
    pub tags: Vec<String>,
    /// Free notes.
    pub notes: Option<String>,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// Set when this record was merged into another: its orders moved there.
    pub merged_into: Option<String>,
}

impl CustomerRecord {
    /// The name shown for the customer.
    pub fn display_name(&self) -> &str {
        self.names.first().map_or("", String::as_str)
    }

    /// Adds what an order says about the customer that the record lacks.
    /// True when something was added.
    pub fn learn(
        &mut self,
        name: &str,
        email: Option<&str>,
        phone: Option<&str>,
        channel_id: Option<ChannelCustomerId>,
        address: Option<&Address>,
    ) -> bool {
        let before = self.clone();
        push_new(&mut self.names, name.trim().to_string());
        if let Some(e) = email.map(normalize_email).filter(|e| !e.is_empty()) {
            push_new(&mut self.emails, e);
        }
        if let Some(p) = phone.map(str::trim).filter(|p| !p.is_empty()) {
            push_new(&mut self.phones, p.to_string());
        }
        if let Some(c) = channel_id {
            push_new(&mut self.channel_ids, c);
        }
        if let Some(a) = address.filter(|a| !a.line1.is_empty() || !a.city.is_empty()) {
            push_new(&mut self.addresses, a.clone());
        }
        *self != before
    }
}

fn push_new<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// An e-mail as lotwise compares it: trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Input to `define_customer`: a customer entered by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCustomer {
    /// Name.
    pub name: String,
    /// E-mail addresses.
    #[serde(default)]
    pub emails: Vec<String>,
    /// Phone numbers.
    #[serde(default)]
    pub phones: Vec<String>,
    /// Addresses.
    #[serde(default)]
    pub addresses: Vec<Address>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
}

/// Input to `update_customer`: what to add or change; absent fields stay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerUpdate {
    /// A name to add (it becomes the display name when `rename` is set).
    #[serde(default)]
    pub name: Option<String>,
    /// Make `name` the display name.
    #[serde(default)]
    pub rename: bool,
    /// E-mails to add.
    #[serde(default)]
    pub add_emails: Vec<String>,
    /// Phones to add.
    #[serde(default)]
    pub add_phones: Vec<String>,
    /// Tags to add.
    #[serde(default)]
    pub add_tags: Vec<String>,
    /// Tags to remove.
    #[serde(default)]
    pub remove_tags: Vec<String>,
    /// New notes (replacing the old).
    #[serde(default)]
    pub notes: Option<String>,
}

/// Checks a customer name.
pub fn validate_name(field: &str, name: &str) -> Result<()> {
    if name.trim().is_empty() || name.chars().count() > 200 {
        return Err(Error::invalid_input(
            field,
            name,
            "must be 1 to 200 characters",
        ));
    }
    Ok(())
}

/// Checks an e-mail address: something@something, no spaces.
pub fn validate_email(field: &str, email: &str) -> Result<()> {
    let e = email.trim();
    let ok = e.len() <= 254
        && !e.contains(char::is_whitespace)
        && e.split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid_input(field, email, "not an e-mail address"))
    }
}

/// What a customer bought, over every order attached to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CustomerSummary {
    /// The customer.
    pub customer: CustomerRecord,
    /// Their orders, oldest first (cancelled ones included, marked by status).
    pub orders: Vec<CustomerOrder>,
    /// Orders not cancelled.
    pub order_count: u32,
    /// Pieces ordered (lines counted in pieces; weight and volume lines are
    /// not pieces and are left out).
    pub units: Decimal,
    /// Ordered value of orders not cancelled, one amount per currency,
    /// never added across currencies.
    pub lifetime_value: Vec<Money>,
    /// When their first order not cancelled was placed.
    pub first_order_at: Option<DateTime<Utc>>,
    /// When their last order not cancelled was placed.
    pub last_order_at: Option<DateTime<Utc>>,
    /// Average days between consecutive orders (two decimals), when they
    /// ordered at least twice.
    pub average_days_between_orders: Option<Decimal>,
}

/// One order in a customer's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CustomerOrder {
    /// Order id.
    pub order: String,
    /// Channel.
    pub channel: String,
    /// Status.
    pub status: OrderStatus,
    /// Placed.
    pub placed_at: DateTime<Utc>,
    /// Ordered value, when the lines are priced.
    pub total: Option<Money>,
}

/// A customer's history from their orders; `is_piece` says which items
/// are counted in pieces.
pub fn summarize(
    customer: CustomerRecord,
    mut orders: Vec<SalesOrder>,
    is_piece: impl Fn(&str) -> bool,
) -> CustomerSummary {
    orders.sort_by(|a, b| a.placed_at.cmp(&b.placed_at).then(a.id.cmp(&b.id)));
    let mut value: BTreeMap<String, Decimal> = BTreeMap::new();
    let mut units = Decimal::ZERO;
    let mut history = Vec::with_capacity(orders.len());
    let mut placed = Vec::new();
    for o in &orders {
        let total = super::desk::order_total(o);
        history.push(CustomerOrder {
            order: o.id.clone(),
            channel: o.channel.clone(),
            status: o.status,
            placed_at: o.placed_at,
            total: total.clone(),
        });
        if o.status == OrderStatus::Cancelled {
            continue;
        }
        placed.push(o.placed_at);
        if let Some(t) = total {
            *value.entry(t.currency).or_default() += t.amount;
        }
        units += o
            .lines
            .iter()
            .filter(|l| is_piece(&l.sku))
            .map(|l| l.qty.value)
            .sum::<Decimal>();
    }
    let average = match (placed.first(), placed.last()) {
        (Some(first), Some(last)) if placed.len() >= 2 => {
            let seconds = Decimal::from((*last - *first).num_seconds());
            let gaps = Decimal::from(placed.len() - 1);
            Some((seconds / Decimal::from(86_400) / gaps).round_dp(2))
        }
        _ => None,
    };
    CustomerSummary {
        order_count: u32::try_from(placed.len()).unwrap_or(u32::MAX),
        units,
        lifetime_value: value
            .into_iter()
            .map(|(currency, amount)| Money { amount, currency })
            .collect(),
        first_order_at: placed.first().copied(),
        last_order_at: placed.last().copied(),
        average_days_between_orders: average,
        orders: history,
        customer,
    }
}

/// A named, declarative filter over customers: every condition given must
/// hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// Code, e.g. `LAPSED-REGULARS`.
    pub code: String,
    /// Human name.
    pub name: String,
    /// The conditions.
    pub filter: SegmentFilter,
}

/// Conditions on a customer's summary; absent ones are not checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SegmentFilter {
    /// At least this many orders (not cancelled).
    #[serde(default)]
    pub min_orders: Option<u32>,
    /// At most this many orders.
    #[serde(default)]
    pub max_orders: Option<u32>,
    /// The last order was placed more than this many days ago.
    #[serde(default)]
    pub last_order_more_than_days_ago: Option<u32>,
    /// The last order was placed at most this many days ago.
    #[serde(default)]
    pub last_order_within_days: Option<u32>,
    /// Lifetime value in this amount's currency is at least this amount.
    #[serde(default)]
    pub min_lifetime_value: Option<Money>,
    /// Has this tag.
    #[serde(default)]
    pub tag: Option<String>,
    /// Ordered through this channel at least once.
    #[serde(default)]
    pub channel: Option<String>,
    /// Has an address in this ISO country.
    #[serde(default)]
    pub country: Option<String>,
}

impl SegmentFilter {
    /// Refuses a filter that can match no one by construction.
    pub fn validate(&self) -> Result<()> {
        if let (Some(min), Some(max)) = (self.min_orders, self.max_orders) {
            if min > max {
                return Err(Error::invalid_input(
                    "filter.min_orders",
                    min.to_string(),
                    "is above max_orders",
                ));
            }
        }
        if let Some(m) = &self.min_lifetime_value {
            if m.amount < Decimal::ZERO {
                return Err(Error::invalid_input(
                    "filter.min_lifetime_value",
                    m.to_string(),
                    "must not be negative",
                ));
            }
        }
        Ok(())
    }

    /// Whether the customer matches at `now`.
    pub fn matches(&self, s: &CustomerSummary, now: DateTime<Utc>) -> bool {
        let days_since_last = s.last_order_at.map(|t| (now - t).num_days());
        self.min_orders.is_none_or(|m| s.order_count >= m)
            && self.max_orders.is_none_or(|m| s.order_count <= m)
            && self
                .last_order_more_than_days_ago
                .is_none_or(|d| days_since_last.is_some_and(|n| n > i64::from(d)))
            && self
                .last_order_within_days
                .is_none_or(|d| days_since_last.is_some_and(|n| n <= i64::from(d)))
            && self.min_lifetime_value.as_ref().is_none_or(|min| {
                s.lifetime_value
                    .iter()
                    .any(|v| v.currency == min.currency && v.amount >= min.amount)
            })
            && self
                .tag
                .as_ref()
                .is_none_or(|t| s.customer.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
            && self
                .channel
                .as_ref()
                .is_none_or(|c| s.orders.iter().any(|o| &o.channel == c))
            && self.country.as_ref().is_none_or(|c| {
                s.customer
                    .addresses
                    .iter()
                    .any(|a| a.country.eq_ignore_ascii_case(c))
            })
    }
}
