//! Multi-location commands and queries: transfers through the in-transit
//! location, availability per location, routing rules and order routing.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::stock::StockMove;
use super::{Ctx, Lotwise};
use crate::domain::event::EventData;
use crate::domain::ledger::MovementReason;
use crate::domain::location::{defaults, Location, LocationKind};
use crate::domain::order::OrderStatus;
use crate::domain::reservation::{pick_fefo, Candidate, Demand, PickRules};
use crate::domain::routing::{route, RouteLine, Routing, RoutingRule, Supply, DEFAULT_RULE};
use crate::domain::transfer::{
    records, Availability, LocationStock, NewTransfer, Transfer, TransferLine, TransferStatus,
    TRANSIT,
};
use crate::error::{Error, Result};
use crate::store::location_codes;

impl Lotwise {
    /// Ships a transfer out: each line's lot (named, or unreserved stock
    /// picked first-expiry-first) moves from the source to the in-transit
    /// location. Reserved stock cannot be transferred (`stock_reserved`).
    pub fn ship_transfer(&self, new: NewTransfer) -> Result<Transfer> {
        self.write(|ctx| {
            for code in [&new.from, &new.to] {
                let loc = ctx.location(code)?;
                if !matches!(loc.kind, LocationKind::Internal | LocationKind::Quarantine) {
                    return Err(Error::invalid_input(
                        "location",
                        code,
                        "transfers run between internal or quarantine locations",
                    ));
                }
            }
            if new.from == new.to {
                return Err(Error::invalid_input(
                    "to",
                    &new.to,
                    "must differ from the source",
                ));
            }
            if new.lines.is_empty() {
                return Err(Error::invalid_input(
                    "lines",
                    "[]",
                    "a transfer needs at least one line",
                ));
            }
            ctx.ensure_location(TRANSIT, "In transit", LocationKind::Transit)?;
            let id = ctx.new_id("transfer", "TR")?;
            let mut lines = Vec::new();
            for (i, l) in new.lines.iter().enumerate() {
                let item = ctx.item(&l.sku)?;
                let qty = item.base_qty(&format!("lines[{i}].qty"), l.qty, false)?;
                for (lot, take) in
                    ctx.pick_for_transfer(&item.sku, l.lot.as_deref(), &new.from, qty)?
                {
                    ctx.move_stock(StockMove {
                        sku: &item.sku,
                        lot: &lot,
                        from: &new.from,
                        to: TRANSIT,
                        qty: take,
                        reason: MovementReason::Transfer,
                        doc: Some(&id),
                    })?;
                    lines.push(TransferLine {
                        sku: item.sku.clone(),
                        lot,
                        qty: take,
                    });
                }
            }
            let transfer = Transfer {
                id: id.clone(),
                from: new.from.clone(),
                to: new.to.clone(),
                status: TransferStatus::InTransit,
                lines,
                note: new.note.clone(),
                shipped_at: ctx.now,
                received_at: None,
            };
            ctx.put_record(records::TRANSFER, &id, &transfer)?;
            ctx.emit(
                &id,
                EventData::TransferShipped {
                    from: transfer.from.clone(),
                    to: transfer.to.clone(),
                    lines: transfer.lines.clone(),
                },
            )?;
            Ok(transfer)
        })
    }

    /// Receives a transfer in full at its destination; waiting demand is
    /// then served from it.
    pub fn receive_transfer(&self, id: &str) -> Result<Transfer> {
        self.write(|ctx| {
            let mut transfer = ctx.transfer(id)?;
            if transfer.status != TransferStatus::InTransit {
                return Err(transfer.transition_error("receive"));
            }
            for l in &transfer.lines {
                ctx.move_stock(StockMove {
                    sku: &l.sku,
                    lot: &l.lot,
                    from: TRANSIT,
                    to: &transfer.to,
                    qty: l.qty,
                    reason: MovementReason::Transfer,
                    doc: Some(id),
                })?;
            }
            transfer.status = TransferStatus::Received;
            transfer.received_at = Some(ctx.now);
            ctx.put_record(records::TRANSFER, id, &transfer)?;
            ctx.emit(
                id,
                EventData::TransferReceived {
                    to: transfer.to.clone(),
                    lines: transfer.lines.clone(),
                },
            )?;
            let mut skus: Vec<&String> = transfer.lines.iter().map(|l| &l.sku).collect();
            skus.sort();
            skus.dedup();
            for sku in skus {
                ctx.fill_waiting(sku)?;
            }
            Ok(transfer)
        })
    }

    /// The transfer.
    pub fn transfer(&self, id: &str) -> Result<Transfer> {
        self.read(|ctx| ctx.transfer(id))
    }

    /// Every transfer, by id.
    pub fn transfers(&self) -> Result<Vec<Transfer>> {
        self.read(|ctx| ctx.records(records::TRANSFER))
    }

    /// Stock of an item at every stock location (internal, quarantine,
    /// transit) and in total.
    pub fn availability(&self, sku: &str) -> Result<Availability> {
        self.read(|ctx| ctx.availability(sku))
    }

    /// Defines the routing rule of a channel (or the default rule when
    /// `channel` is `None`), replacing any previous one. Every location must
    /// be internal.
    pub fn define_routing_rule(&self, rule: RoutingRule) -> Result<RoutingRule> {
        self.write(|ctx| {
            ctx.check_rule(&rule)?;
            ctx.put_record(records::ROUTING_RULE, rule.key(), &rule)?;
            ctx.emit(
                rule.key(),
                EventData::RoutingRuleDefined {
                    locations: rule.locations.clone(),
                    allow_split: rule.allow_split,
                },
            )?;
            Ok(rule)
        })
    }

    /// Every routing rule, by key.
    pub fn routing_rules(&self) -> Result<Vec<RoutingRule>> {
        self.read(|ctx| ctx.records(records::ROUTING_RULE))
    }

    /// Where an order's open lines would ship from under its channel's rule
    /// (else the default rule, else every internal location by code with no
    /// splitting), and why. Stock reserved for this order counts at its
    /// location; stock reserved for others does not. Writes nothing.
    pub fn route_order(&self, order_id: &str) -> Result<Routing> {
        self.read(|ctx| {
            let order = ctx.order(order_id)?;
            // Routed by a rule or a person: that location only.
            if let Some(location) = &order.ship_from {
                let only = RoutingRule {
                    channel: None,
                    locations: vec![location.clone()],
                    allow_split: false,
                };
                return ctx.route(order_id, &only);
            }
            let rule = match ctx.record::<RoutingRule>(records::ROUTING_RULE, &order.channel)? {
                Some(r) => r,
                None => match ctx.record::<RoutingRule>(records::ROUTING_RULE, DEFAULT_RULE)? {
                    Some(r) => r,
                    None => ctx.fallback_rule()?,
                },
            };
            ctx.route(order_id, &rule)
        })
    }

    /// Routes an order under the given rule instead of the stored ones.
    pub fn route_order_with(&self, order_id: &str, rule: &RoutingRule) -> Result<Routing> {
        self.read(|ctx| ctx.route(order_id, rule))
    }
}

impl Ctx<'_> {
    /// The transfer, or `unknown_transfer`.
    pub fn transfer(&mut self, id: &str) -> Result<Transfer> {
        self.record(records::TRANSFER, id)?
            .ok_or_else(|| Error::UnknownTransfer {
                transfer: id.into(),
            })
    }

    /// Creates a location this module relies on when it does not exist yet.
    pub fn ensure_location(
        &mut self,
        code: &str,
        name: &str,
        kind: LocationKind,
    ) -> Result<Location> {
        if let Some(loc) = self.tx.location(code)? {
            if loc.kind != kind {
                return Err(Error::invalid_input(
                    "location",
                    code,
                    &format!("is reserved for a {kind:?} location"),
                ));
            }
            return Ok(loc);
        }
        let loc = Location {
            code: code.into(),
            name: name.into(),
            kind,
        };
        self.tx.put_location(&loc)?;
        self.emit(
            code,
            EventData::LocationDefined {
                name: name.into(),
                kind,
            },
        )?;
        Ok(loc)
    }

    /// Unreserved stock of `sku` at `location` to move: the named lot, or
    /// first-expiry-first over the location's lots. Distinguishes stock that
    /// is there but reserved (`stock_reserved`) from stock that is not there.
    fn pick_for_transfer(
        &mut self,
        sku: &str,
        lot: Option<&str>,
        location: &str,
        qty: Decimal,
    ) -> Result<Vec<(String, Decimal)>> {
        if let Some(code) = lot {
            self.lot_of(code, sku)?;
            self.refuse_held_lot(code)?;
        }
        // Read what the source holds from the narrowest index: the named
        // lot's rows, the SKU's stock in hand when the source is an
        // internal location, else all it holds (quarantine and transit
        // included) — never the balances shipped lots leave behind.
        let (held, stock) = match lot {
            Some(code) => {
                let mut rows = self.tx.balances_of_lot(code)?;
                rows.retain(|b| b.sku == sku);
                (self.tx.reserved_of_lot(sku, code)?, rows)
            }
            None if self.location_kind(location)? == LocationKind::Internal => {
                (self.tx.reserved_of_item(sku)?, self.tx.stock_of_item(sku)?)
            }
            None => (
                self.tx.reserved_of_item(sku)?,
                self.tx.held_stock_of_item(sku)?,
            ),
        };
        let mut reserved: BTreeMap<String, Decimal> = BTreeMap::new();
        for r in held {
            if r.location == location {
                *reserved.entry(r.lot).or_default() += r.qty;
            }
        }
        let mut candidates = Vec::new();
        let mut on_hand = Decimal::ZERO;
        for b in stock {
            if b.location != location || lot.is_some_and(|l| l != b.lot) {
                continue;
            }
            let l = self.lot_of(&b.lot, sku)?;
            if l.is_held() {
                // Held stock stays where it is.
                continue;
            }
            on_hand += b.qty;
            candidates.push(Candidate {
                free: b.qty - reserved.get(&b.lot).copied().unwrap_or_default(),
                lot: b.lot,
                location: b.location,
                expiry: l.expiry,
                created_at: l.created_at,
            });
        }
        let unreserved: Decimal = candidates.iter().map(|c| c.free.max(Decimal::ZERO)).sum();
        if unreserved < qty {
            if on_hand >= qty {
                return Err(Error::StockReserved {
                    sku: sku.into(),
                    lot: lot.map(str::to_string),
                    location: location.into(),
                    requested: qty,
                    unreserved,
                });
            }
            return Err(Error::InsufficientStock {
                sku: sku.into(),
                requested: qty,
                available: unreserved,
            });
        }
        Ok(pick_fefo(candidates, qty, &PickRules::default())
            .into_iter()
            .map(|(lot, _, q)| (lot, q))
            .collect())
    }

    /// Stock of `sku` per stock location and in total.
    pub fn availability(&mut self, sku: &str) -> Result<Availability> {
        self.item(sku)?;
        let kinds: BTreeMap<String, LocationKind> = self
            .tx
            .locations()?
            .into_iter()
            .filter(|l| l.kind.holds_stock())
            .map(|l| (l.code, l.kind))
            .collect();
        let mut per: BTreeMap<String, LocationStock> = BTreeMap::new();
        for b in self.tx.held_stock_of_item(sku)? {
            let Some(kind) = kinds.get(&b.location) else {
                continue;
            };
            let s = per
                .entry(b.location.clone())
                .or_insert_with(|| LocationStock {
                    location: b.location.clone(),
                    kind: *kind,
                    on_hand: Decimal::ZERO,
                    reserved: Decimal::ZERO,
                    available: Decimal::ZERO,
                });
            s.on_hand += b.qty;
        }
        for r in self.tx.reserved_of_item(sku)? {
            if let Some(s) = per.get_mut(&r.location) {
                s.reserved += r.qty;
            }
        }
        for c in self.candidates(sku)? {
            if let Some(s) = per.get_mut(&c.location) {
                s.available += c.free.max(Decimal::ZERO);
            }
        }
        Ok(Availability::from_locations(
            sku,
            per.into_values().collect(),
        ))
    }

    fn check_rule(&mut self, rule: &RoutingRule) -> Result<()> {
        rule.validate()?;
        for code in &rule.locations {
            if self.location_kind(code)? != LocationKind::Internal {
                return Err(Error::invalid_input(
                    "locations",
                    code,
                    "orders ship from internal locations only",
                ));
            }
        }
        Ok(())
    }

    /// Every internal location, `MAIN` first, no splitting.
    fn fallback_rule(&mut self) -> Result<RoutingRule> {
        let mut locations = location_codes(&mut *self.tx, |k| k == LocationKind::Internal)?;
        locations.sort_by_key(|c| (c != defaults::MAIN, c.clone()));
        Ok(RoutingRule {
            channel: None,
            locations,
            allow_split: false,
        })
    }

    fn route(&mut self, order_id: &str, rule: &RoutingRule) -> Result<Routing> {
        self.check_rule(rule)?;
        let order = self.order(order_id)?;
        if matches!(order.status, OrderStatus::Shipped | OrderStatus::Cancelled) {
            return Err(Error::InvalidTransition {
                entity: "order".into(),
                id: order.id.clone(),
                from: order.status.as_str().into(),
                action: "route".into(),
            });
        }
        let lines: Vec<RouteLine> = order
            .lines
            .iter()
            .map(|l| RouteLine {
                line: l.line,
                sku: l.sku.clone(),
                qty: l.open(),
            })
            .collect();
        let mut supply: Supply = BTreeMap::new();
        let mut skus: Vec<&String> = order.lines.iter().map(|l| &l.sku).collect();
        skus.sort();
        skus.dedup();
        for sku in skus {
            for c in self.candidates(sku)? {
                *supply.entry((c.location, sku.clone())).or_default() += c.free.max(Decimal::ZERO);
            }
        }
        for r in self.tx.reservations_of_order(order_id)? {
            if matches!(r.demand, Demand::OrderLine { .. }) {
                *supply.entry((r.location, r.sku)).or_default() += r.qty;
            }
        }
        route(order_id, &lines, rule, &supply)
    }
}
