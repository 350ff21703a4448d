//! Automations: rules as data that act on new orders and watch stock.
//!
//! A rule is a trigger, conditions that must all hold, and actions, e.g.
//! "when an order is placed whose total is at least 500 USD, hold it for
//! review". Rules are stored records, defined and listed through the command
//! layer like everything else, so every binding has them.
//!
//! How rules run (the guarantees a shop can count on):
//! - inside the transaction of the command that triggered them: the order
//!   and what the rules did to it are written together or not at all;
//! - in a defined order: ascending `priority`, then `code`;
//! - deterministically: conditions read only the order, its customer and
//!   the stock at that moment;
//! - every firing leaves a `rule_fired` event naming the rule, its subject
//!   and why;
//! - in bounded chains: actions that change the order (a new tag, a note, a
//!   hold, a route) count as an order update and run the `order_updated`
//!   rules on it, which may change it again, at most [`MAX_CHAIN`] levels
//!   deep. The level past the bound is not run: a `rule_chain_stopped`
//!   event names the rule that would have started it. A `confirm` action is
//!   not an update.
//!
//! Stock rules (`stock_below`) are checked after every command that wrote
//! something, and lot rules (`lot_expiring`) when `check_alerts` runs (time
//! passes without commands; a shop calls it daily). Both alert once when
//! their condition starts to hold and again only after it stopped holding.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::money::Money;
use super::order::SalesOrder;
use super::quantity::Qty;
use crate::error::{Error, Result};

/// How many levels of `order_updated` rules the actions of one command's
/// rules may set off (the first level is the command's own trigger).
pub const MAX_CHAIN: u32 = 3;

/// Record kinds automations keep in the store.
pub mod records {
    /// A [`super::Rule`], keyed by code.
    pub const RULE: &str = "rule";
    /// An alert that fired and still holds: `"{rule} {subject}"`.
    pub const ALERT_STATE: &str = "rule_alert";
}

/// What starts a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "on", rename_all = "snake_case", deny_unknown_fields)]
pub enum Trigger {
    /// An order was placed or imported.
    OrderPlaced,
    /// A channel sent a changed version of an order already placed (or a
    /// rule changed it).
    OrderUpdated,
    /// `check_delays` found the order newly projected to arrive after its
    /// promised date.
    OrderDelayed,
    /// An item's available stock (on hand, not reserved) fell below a level.
    StockBelow {
        /// The item.
        sku: String,
        /// The level, in any unit of the item's dimension.
        threshold: Qty,
    },
    /// A lot with stock on hand expires within some days (checked by
    /// `check_alerts`).
    LotExpiring {
        /// How many days ahead.
        within_days: u32,
    },
}

impl Trigger {
    /// Whether the rule is about one order (and may act on it).
    pub fn is_order(&self) -> bool {
        matches!(
            self,
            Trigger::OrderPlaced | Trigger::OrderUpdated | Trigger::OrderDelayed
        )
    }

    /// The trigger's snake_case name.
    pub fn name(&self) -> &'static str {
        match self {
            Trigger::OrderPlaced => "order_placed",
            Trigger::OrderUpdated => "order_updated",
            Trigger::OrderDelayed => "order_delayed",
            Trigger::StockBelow { .. } => "stock_below",
            Trigger::LotExpiring { .. } => "lot_expiring",
        }
    }
}

/// One condition on an order; a rule's conditions must all hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "check", rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The order came through this channel.
    Channel {
        /// Channel, e.g. `shopify`.
        is: String,
    },
    /// The order has this tag (any case).
    Tag {
        /// Tag.
        has: String,
    },
    /// The order's total is at least this amount. An order in another
    /// currency does not match: amounts are never converted.
    TotalAtLeast {
        /// Amount.
        amount: Money,
    },
    /// The order's total is below this amount (same currency only).
    TotalBelow {
        /// Amount.
        amount: Money,
    },
    /// Some line is of this item.
    Sku {
        /// Item.
        is: String,
    },
    /// The order's customer is in this segment.
    Segment {
        /// Segment code.
        code: String,
    },
    /// The order ships to this ISO country.
    Country {
        /// ISO 3166 alpha-2 code.
        is: String,
    },
    /// The order names no customer e-mail.
    NoEmail,
    /// The channel sent a gift message with the order (Etsy gifts).
    GiftMessage,
}

/// What a rule does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "do", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Adds a tag to the order.
    AddTag {
        /// Tag.
        tag: String,
    },
    /// Appends a line to the order's note.
    AddNote {
        /// Text.
        note: String,
    },
    /// Holds the order for review: nobody can confirm it until it is
    /// released (`release_order`).
    Hold {
        /// Why, for the person reviewing.
        reason: String,
    },
    /// Confirms the order (when it is placed and not held).
    Confirm,
    /// Ships the order from this location (a routing rule for its channel
    /// is not needed): recorded as the order's `ship_from`.
    RouteTo {
        /// Location code.
        location: String,
    },
    /// Raises an alert event (`alert_raised`) for a notifier.
    Alert {
        /// Message.
        message: String,
    },
}

impl Action {
    /// The action's snake_case name.
    pub fn name(&self) -> &'static str {
        match self {
            Action::AddTag { .. } => "add_tag",
            Action::AddNote { .. } => "add_note",
            Action::Hold { .. } => "hold",
            Action::Confirm => "confirm",
            Action::RouteTo { .. } => "route_to",
            Action::Alert { .. } => "alert",
        }
    }
}

/// A rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Code, e.g. `HOLD-BIG-ORDERS`.
    pub code: String,
    /// Human name.
    pub name: String,
    /// Rules run by ascending priority, then by code.
    #[serde(default)]
    pub priority: i32,
    /// What starts it.
    pub trigger: Trigger,
    /// What must hold (all of it); none means always.
    #[serde(default)]
    pub conditions: Vec<Condition>,
    /// What it does, in order.
    pub actions: Vec<Action>,
    /// A disabled rule is kept but never runs.
    #[serde(default = "enabled")]
    pub enabled: bool,
}

fn enabled() -> bool {
    true
}

impl Rule {
    /// Refuses a rule that cannot work: no action, an order condition or
    /// action on a stock or lot trigger, money conditions in two currencies.
    pub fn validate(&self) -> Result<()> {
        if self.actions.is_empty() {
            return Err(Error::invalid_input(
                "actions",
                "[]",
                "a rule needs an action",
            ));
        }
        if !self.trigger.is_order() {
            if let Some(c) = self.conditions.first() {
                return Err(Error::invalid_input(
                    "conditions",
                    format!("{c:?}"),
                    &format!("a {} rule has no order to check", self.trigger.name()),
                ));
            }
            if let Some(a) = self
                .actions
                .iter()
                .find(|a| !matches!(a, Action::Alert { .. }))
            {
                return Err(Error::invalid_input(
                    "actions",
                    a.name(),
                    &format!(
                        "a {} rule can only alert: it has no order to act on",
                        self.trigger.name()
                    ),
                ));
            }
        }
        let mut currency: Option<&str> = None;
        for c in &self.conditions {
            if let Condition::TotalAtLeast { amount } | Condition::TotalBelow { amount } = c {
                if amount.amount.is_sign_negative() {
                    return Err(Error::invalid_input(
                        "conditions",
                        amount.to_string(),
                        "an amount must not be negative",
                    ));
                }
                match currency {
                    Some(cur) if cur != amount.currency => {
                        return Err(Error::CurrencyMismatch {
                            expected: cur.to_string(),
                            got: amount.currency.clone(),
                        })
                    }
                    _ => currency = Some(&amount.currency),
                }
            }
        }
        Ok(())
    }
}

/// What an order condition needs besides the order.
pub struct OrderFacts<'a> {
    /// The order.
    pub order: &'a SalesOrder,
    /// Its total, when priced.
    pub total: Option<Money>,
    /// The segments its customer is in.
    pub segments: &'a [String],
    /// Whether the channel sent a gift message with it.
    pub gift_message: bool,
}

impl Condition {
    /// Whether the condition holds for the order, and why in words.
    pub fn check(&self, f: &OrderFacts<'_>) -> (bool, String) {
        let o = f.order;
        match self {
            Condition::Channel { is } => (o.channel == *is, format!("channel is {}", o.channel)),
            Condition::Tag { has } => (
                o.tags.iter().any(|t| t.eq_ignore_ascii_case(has)),
                format!("tagged {has}"),
            ),
            Condition::TotalAtLeast { amount } => match &f.total {
                Some(t) if t.currency == amount.currency => {
                    (t.amount >= amount.amount, format!("total {t} ≥ {amount}"))
                }
                _ => (false, format!("total not in {}", amount.currency)),
            },
            Condition::TotalBelow { amount } => match &f.total {
                Some(t) if t.currency == amount.currency => {
                    (t.amount < amount.amount, format!("total {t} < {amount}"))
                }
                _ => (false, format!("total not in {}", amount.currency)),
            },
            Condition::Sku { is } => (
                o.lines.iter().any(|l| l.sku == *is),
                format!("has a line of {is}"),
            ),
            Condition::Segment { code } => (
                f.segments.contains(code),
                format!("customer in segment {code}"),
            ),
            Condition::Country { is } => {
                let country = o.ship_to.as_ref().map(|a| a.country.as_str());
                (
                    country.is_some_and(|c| c.eq_ignore_ascii_case(is)),
                    format!("ships to {}", country.unwrap_or("nowhere")),
                )
            }
            Condition::NoEmail => (o.customer.email.is_none(), "no customer e-mail".into()),
            Condition::GiftMessage => (f.gift_message, "comes with a gift message".into()),
        }
    }
}

/// A hold on an order: nobody confirms it until it is released.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrderHold {
    /// Why.
    pub reason: String,
    /// The rule that placed it, if a rule did.
    pub rule: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
}
