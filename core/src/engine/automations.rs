//! Automation commands and the engine's side of running rules (see
//! [`crate::domain::automation`] for what a rule is and the guarantees).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Ctx;
use super::Lotwise;
use crate::domain::automation::{
    records, Action, Condition, OrderFacts, OrderHold, Rule, Trigger, MAX_CHAIN,
};
use crate::domain::catalog::validate_code;
use crate::domain::customer::records as customer_records;
use crate::domain::customer::Segment;
use crate::domain::desk::order_total;
use crate::domain::event::EventData;
use crate::domain::order::{OrderStatus, SalesOrder};
use crate::error::{Error, Result};

/// An alert `check_alerts` raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Alert {
    /// The rule.
    pub rule: String,
    /// What it is about: an item (stock) or a lot (expiry).
    pub subject: String,
    /// The rule's message.
    pub message: String,
    /// Why, in words.
    pub why: String,
}

impl Lotwise {
    /// Defines or replaces an automation rule.
    pub fn define_rule(&self, rule: Rule) -> Result<Rule> {
        self.write(|ctx| {
            validate_code("rule", &rule.code)?;
            crate::domain::customer::validate_name("name", &rule.name)?;
            rule.validate()?;
            if let Trigger::StockBelow { sku, threshold } = &rule.trigger {
                let item = ctx.item(sku)?;
                item.base_qty("trigger.threshold", *threshold, true)?;
            }
            for c in &rule.conditions {
                match c {
                    Condition::Segment { code } => {
                        ctx.segment(code)?;
                    }
                    Condition::Sku { is } => {
                        ctx.item(is)?;
                    }
                    _ => {}
                }
            }
            for a in &rule.actions {
                if let Action::RouteTo { location } = a {
                    let loc = ctx.location(location)?;
                    if !loc.kind.holds_stock() {
                        return Err(Error::invalid_input(
                            "actions",
                            location,
                            "orders ship from a location that holds stock",
                        ));
                    }
                }
            }
            ctx.put_record(records::RULE, &rule.code, &rule)?;
            ctx.emit(
                &rule.code,
                EventData::RuleDefined {
                    name: rule.name.clone(),
                    trigger: rule.trigger.name().into(),
                    enabled: rule.enabled,
                },
            )?;
            Ok(rule)
        })
    }

    /// Every rule, in the order they run.
    pub fn rules(&self) -> Result<Vec<Rule>> {
        self.read(|ctx| ctx.rules())
    }

    /// Holds an order not yet confirmed for review: nobody can confirm it
    /// until it is released.
    pub fn hold_order(&self, id: &str, reason: &str) -> Result<SalesOrder> {
        self.write(|ctx| {
            if reason.trim().is_empty() {
                return Err(Error::invalid_input("reason", reason, "say why"));
            }
            ctx.hold(id, reason, None)?;
            ctx.order(id)
        })
    }

    /// Releases a held order; it can be confirmed again.
    pub fn release_order(&self, id: &str) -> Result<SalesOrder> {
        self.write(|ctx| {
            let mut order = ctx.order(id)?;
            if order.hold.is_none() {
                return Err(Error::InvalidTransition {
                    entity: "order".into(),
                    id: id.into(),
                    from: "not_held".into(),
                    action: "release".into(),
                });
            }
            order.hold = None;
            ctx.tx.put_order(order.clone())?;
            ctx.emit(id, EventData::OrderReleased {})?;
            Ok(order)
        })
    }

    /// Checks the stock and lot rules now and raises the alerts that start
    /// to hold (time passes without commands: call it daily). Returns them.
    pub fn check_alerts(&self) -> Result<Vec<Alert>> {
        self.write(|ctx| {
            let mut alerts = ctx.check_stock_rules()?;
            alerts.extend(ctx.check_lot_rules()?);
            Ok(alerts)
        })
    }
}

impl Ctx<'_> {
    /// Every enabled rule in running order.
    pub fn rules(&mut self) -> Result<Vec<Rule>> {
        let mut rules: Vec<Rule> = self.records(records::RULE)?;
        rules.sort_by(|a, b| a.priority.cmp(&b.priority).then(a.code.cmp(&b.code)));
        Ok(rules)
    }

    /// Whether the order can be confirmed now: placed and not held.
    pub fn confirmable(&mut self, id: &str) -> Result<bool> {
        let order = self.order(id)?;
        Ok(order.status == OrderStatus::Placed && order.hold.is_none())
    }

    /// Places a hold on an order not yet confirmed.
    fn hold(&mut self, id: &str, reason: &str, rule: Option<&str>) -> Result<()> {
        let mut order = self.order(id)?;
        if order.confirmed_at.is_some() || order.cancelled_at.is_some() {
            return Err(Error::InvalidTransition {
                entity: "order".into(),
                id: id.into(),
                from: order.status.as_str().into(),
                action: "hold".into(),
            });
        }
        order.hold = Some(OrderHold {
            reason: reason.to_string(),
            rule: rule.map(str::to_string),
            at: self.now,
        });
        self.tx.put_order(order)?;
        self.emit(
            id,
            EventData::OrderHeld {
                reason: reason.to_string(),
                rule: rule.map(str::to_string),
            },
        )
    }

    /// Runs the rules of an order trigger on one order, in order; each
    /// rule whose conditions all hold fires once. Actions that change the
    /// order run the `order_updated` rules, up to [`MAX_CHAIN`] levels.
    pub fn run_order_rules(&mut self, trigger: &Trigger, order_id: &str) -> Result<()> {
        self.run_order_rules_at(trigger, order_id, 1)
    }

    fn run_order_rules_at(&mut self, trigger: &Trigger, order_id: &str, depth: u32) -> Result<()> {
        let rules: Vec<Rule> = self
            .rules()?
            .into_iter()
            .filter(|r| r.enabled && r.trigger == *trigger)
            .collect();
        for rule in rules {
            let order = self.order(order_id)?;
            let segments = self.segments_of(&order, &rule)?;
            let gift_message = match rule.conditions.contains(&Condition::GiftMessage) {
                true => self
                    .stored_channel_order(&order)?
                    .and_then(|c| c.gift)
                    .is_some_and(|g| g.message.is_some()),
                false => false,
            };
            let facts = OrderFacts {
                order: &order,
                total: order_total(&order),
                segments: &segments,
                gift_message,
            };
            let mut why = Vec::new();
            let mut holds = true;
            for c in &rule.conditions {
                let (ok, words) = c.check(&facts);
                holds &= ok;
                why.push(words);
            }
            if !holds {
                continue;
            }
            self.emit(
                order_id,
                EventData::RuleFired {
                    rule: rule.code.clone(),
                    trigger: trigger.name().into(),
                    why: why.clone(),
                    actions: rule.actions.iter().map(|a| a.name().to_string()).collect(),
                },
            )?;
            let mut changed = false;
            for action in &rule.actions {
                changed |= self.apply(action, &rule, order_id)?;
            }
            if !changed {
                continue;
            }
            if depth >= MAX_CHAIN {
                self.emit(
                    order_id,
                    EventData::RuleChainStopped {
                        rule: rule.code.clone(),
                        depth,
                    },
                )?;
                continue;
            }
            self.run_order_rules_at(&Trigger::OrderUpdated, order_id, depth + 1)?;
        }
        Ok(())
    }

    /// The segments (named by the rule's conditions) the order's customer is in.
    fn segments_of(&mut self, order: &SalesOrder, rule: &Rule) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let Some(customer) = order.customer.id.clone() else {
            return Ok(out);
        };
        for c in &rule.conditions {
            if let Condition::Segment { code } = c {
                let segment: Option<Segment> = self.record(customer_records::SEGMENT, code)?;
                if let Some(segment) = segment {
                    let summary = self.customer_summary(&customer)?;
                    if segment.filter.matches(&summary, self.now) {
                        out.push(code.clone());
                    }
                }
            }
        }
        Ok(out)
    }

    /// Runs one action; whether it changed the order (an update).
    fn apply(&mut self, action: &Action, rule: &Rule, order_id: &str) -> Result<bool> {
        let mut order = self.order(order_id)?;
        match action {
            Action::AddTag { tag } => {
                if order.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                    return Ok(false);
                }
                order.tags.push(tag.trim().to_string());
                self.tx.put_order(order)?;
                Ok(true)
            }
            Action::AddNote { note } => {
                order.notes = Some(match order.notes.take() {
                    Some(n) if !n.is_empty() => format!("{n}\n{note}"),
                    _ => note.clone(),
                });
                self.tx.put_order(order)?;
                Ok(true)
            }
            Action::Hold { reason } => {
                if order.confirmed_at.is_some() || order.hold.is_some() {
                    return Ok(false);
                }
                self.hold(order_id, reason, Some(&rule.code))?;
                Ok(true)
            }
            Action::Confirm => {
                if order.status == OrderStatus::Placed && order.hold.is_none() {
                    self.confirm(order_id)?;
                }
                Ok(false)
            }
            Action::RouteTo { location } => {
                if order.ship_from.as_ref() == Some(location) {
                    return Ok(false);
                }
                order.ship_from = Some(location.clone());
                self.tx.put_order(order)?;
                Ok(true)
            }
            Action::Alert { message } => {
                self.emit(
                    order_id,
                    EventData::AlertRaised {
                        rule: rule.code.clone(),
                        message: message.clone(),
                    },
                )?;
                Ok(false)
            }
        }
    }

    /// Stock rules: alerts for items whose available stock is below the
    /// rule's level and was not the last time it was checked.
    pub fn check_stock_rules(&mut self) -> Result<Vec<Alert>> {
        let mut out = Vec::new();
        for rule in self.rules()? {
            let Trigger::StockBelow { sku, threshold } = &rule.trigger else {
                continue;
            };
            if !rule.enabled {
                continue;
            }
            let item = self.item(sku)?;
            let level = item.base_qty("threshold", *threshold, true)?;
            let available = self.free_stock(sku)?;
            let below = available < level;
            let why = format!(
                "{} available {} is below {}",
                item.name,
                item.qty(available),
                item.qty(level)
            );
            if let Some(alert) = self.edge(&rule, sku, below, why)? {
                out.push(alert);
            }
        }
        Ok(out)
    }

    /// Lot rules: alerts for lots with stock that expire within the rule's
    /// days. Stock is what the shop can use: on hand at its internal
    /// locations, not goods shipped, written off or scrapped (whose
    /// balances stay at those locations), nor in quarantine or in transit
    /// (counted once they arrive). It is read from the index of lots in
    /// stock rather than every lot each item ever had. A lot alerted
    /// before and no longer in stock is re-armed, so it alerts again if it
    /// comes back.
    fn check_lot_rules(&mut self) -> Result<Vec<Alert>> {
        let mut rules = Vec::new();
        for rule in self.rules()? {
            if let Trigger::LotExpiring { within_days } = rule.trigger {
                if rule.enabled {
                    rules.push((rule, within_days));
                }
            }
        }
        if rules.is_empty() {
            return Ok(Vec::new());
        }
        // The dated lots in stock, read once for every rule: code, expiry,
        // and the alert's reason.
        let mut dated: Vec<(String, NaiveDate, String)> = Vec::new();
        for item in self.tx.items()? {
            let mut on_hand: BTreeMap<String, Decimal> = BTreeMap::new();
            for b in self.tx.stock_of_item(&item.sku)? {
                if b.qty > Decimal::ZERO {
                    *on_hand.entry(b.lot).or_default() += b.qty;
                }
            }
            for (code, qty) in on_hand {
                let Some(expiry) = self.tx.lot(&code)?.and_then(|l| l.expiry) else {
                    continue;
                };
                let why = format!(
                    "lot {code} of {} ({}) expires {expiry}",
                    item.name,
                    item.qty(qty)
                );
                dated.push((code, expiry, why));
            }
        }
        let in_stock: BTreeSet<&str> = dated.iter().map(|(code, _, _)| code.as_str()).collect();
        let today = self.today();
        let mut out = Vec::new();
        for (rule, within_days) in rules {
            let horizon = today + chrono::Duration::days(i64::from(within_days));
            for (code, expiry, why) in &dated {
                if let Some(alert) = self.edge(&rule, code, *expiry <= horizon, why.clone())? {
                    out.push(alert);
                }
            }
            let raised = format!("{} ", rule.code);
            for (key, _) in self.tx.docs_with_prefix(records::ALERT_STATE, &raised)? {
                let lot = &key[raised.len()..];
                if !in_stock.contains(lot) {
                    self.edge(&rule, lot, false, String::new())?;
                }
            }
        }
        Ok(out)
    }

    /// Raises an alert when `holds` starts to hold for `subject`, and
    /// re-arms once it stops: one alert per episode.
    fn edge(
        &mut self,
        rule: &Rule,
        subject: &str,
        holds: bool,
        why: String,
    ) -> Result<Option<Alert>> {
        let key = format!("{} {subject}", rule.code);
        let raised = self.tx.doc(records::ALERT_STATE, &key)?.is_some();
        match (holds, raised) {
            (true, false) => {
                self.tx.put_doc(records::ALERT_STATE, &key, &Value::Null)?;
                let message = rule
                    .actions
                    .iter()
                    .find_map(|a| match a {
                        Action::Alert { message } => Some(message.clone()),
                        _ => None,
                    })
                    .unwrap_or_default();
                self.emit(
                    subject,
                    EventData::RuleFired {
                        rule: rule.code.clone(),
                        trigger: rule.trigger.name().into(),
                        why: vec![why.clone()],
                        actions: rule.actions.iter().map(|a| a.name().to_string()).collect(),
                    },
                )?;
                self.emit(
                    subject,
                    EventData::AlertRaised {
                        rule: rule.code.clone(),
                        message: message.clone(),
                    },
                )?;
                Ok(Some(Alert {
                    rule: rule.code.clone(),
                    subject: subject.to_string(),
                    message,
                    why,
                }))
            }
            (false, true) => {
                self.tx.delete_doc(records::ALERT_STATE, &key)?;
                Ok(None)
            }
            _ => Ok(None),
        }
    }
}
