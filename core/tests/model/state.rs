//! The auditor's comparison of its model with the engine's state after a step.

use std::collections::BTreeMap;

use lotwise::{MoStatus, OrderStatus, Snapshot};
use rust_decimal::Decimal;

use super::catalog::{self, SKUS};
use super::{Auditor, LOCATIONS};

impl Auditor {
    /// Compares the auditor's model with the engine's state after a step.
    pub fn check(&mut self, s: &Snapshot, lw: &lotwise::Lotwise) -> Result<(), String> {
        self.check_flows(s, lw)?;
        self.check_orders(s)?;
        self.check_mos(s)?;
        let shipments: Vec<&str> = s.shipments.iter().map(|x| x.id.as_str()).collect();
        let want: Vec<String> = (1..=self.shipments).map(|n| format!("SH-{n:06}")).collect();
        if shipments != want {
            return Err(format!("shipments {shipments:?}, expected {want:?}"));
        }
        Ok(())
    }

    /// Per item and location, the ledger's totals equal the auditor's
    /// bookings: received + adjusted in − adjusted out − shipped − consumed
    /// + produced on hand, and each virtual location the other side.
    fn check_flows(&self, s: &Snapshot, lw: &lotwise::Lotwise) -> Result<(), String> {
        let mut actual: BTreeMap<(String, String), Decimal> = BTreeMap::new();
        for b in &s.balances {
            *actual
                .entry((b.sku.clone(), b.location.clone()))
                .or_default() += b.qty;
        }
        for sku in SKUS {
            for loc in LOCATIONS {
                let key = (sku.to_string(), loc.to_string());
                let want = self.flows.get(&key).copied().unwrap_or_default();
                let got = actual.get(&key).copied().unwrap_or_default();
                if want != got {
                    return Err(format!("{sku} at {loc}: ledger says {got}, auditor {want}"));
                }
            }
            let on_hand = lw.stock(sku).map_err(|e| e.to_string())?.on_hand;
            let want = self
                .flows
                .get(&(sku.to_string(), "MAIN".to_string()))
                .copied()
                .unwrap_or_default();
            if on_hand != want {
                return Err(format!("stock({sku}).on_hand {on_hand}, auditor {want}"));
            }
        }
        Ok(())
    }

    /// Orders: the auditor's ids, shipped quantities and lifecycle; status
    /// events ending at the stored status; final states frozen; no line
    /// over-covered and no stock held for an order not being worked on.
    fn check_orders(&mut self, s: &Snapshot) -> Result<(), String> {
        let ids: Vec<&str> = s.orders.iter().map(|o| o.id.as_str()).collect();
        let want: Vec<&str> = self.orders.iter().map(|o| o.id.as_str()).collect();
        if ids != want {
            return Err(format!("orders {ids:?}, auditor {want:?}"));
        }
        // Reserved and still-planned quantity per order line, in one pass each.
        let mut for_lines: BTreeMap<(String, u32), Decimal> = BTreeMap::new();
        for r in &s.reservations {
            if let lotwise::Demand::OrderLine { order, line } = &r.demand {
                *for_lines.entry((order.clone(), *line)).or_default() += r.qty;
            }
        }
        let mut planned: BTreeMap<(String, u32), Decimal> = BTreeMap::new();
        for mo in s.mos.iter().filter(|m| m.status.is_open()) {
            for a in &mo.allocations {
                *planned.entry((a.order.clone(), a.line)).or_default() += a.qty - a.delivered;
            }
        }
        for (order, model) in s.orders.iter().zip(&self.orders) {
            let shipped: Vec<Decimal> = order.lines.iter().map(|l| l.shipped).collect();
            if shipped != model.shipped {
                return Err(format!(
                    "{} shipped {shipped:?}, auditor {:?}",
                    order.id, model.shipped
                ));
            }
            let status_ok = if model.cancelled {
                order.status == OrderStatus::Cancelled
            } else if !model.confirmed {
                order.status == OrderStatus::Placed
            } else if model.fully_shipped() {
                order.status == OrderStatus::Shipped
            } else if model.any_shipped() {
                order.status == OrderStatus::PartiallyShipped
            } else {
                !matches!(
                    order.status,
                    OrderStatus::Placed
                        | OrderStatus::Cancelled
                        | OrderStatus::Shipped
                        | OrderStatus::PartiallyShipped
                )
            };
            if !status_ok {
                return Err(format!(
                    "{} is {} but the auditor has {model:?}",
                    order.id, order.status
                ));
            }
            if self.order_seen.get(&order.id) != Some(&order.status) {
                return Err(format!(
                    "{} is {} but its events say {:?}",
                    order.id,
                    order.status,
                    self.order_seen.get(&order.id)
                ));
            }
            match self.frozen_orders.get(&order.id) {
                Some(frozen) if frozen != order => {
                    return Err(format!(
                        "{} changed after it became {}",
                        order.id, frozen.status
                    ))
                }
                Some(_) => {}
                None if matches!(order.status, OrderStatus::Shipped | OrderStatus::Cancelled) => {
                    self.frozen_orders.insert(order.id.clone(), order.clone());
                }
                None => {}
            }
            // Nobody holds stock or output for an order that is not being worked on.
            let working = model.confirmed && !model.cancelled && !model.fully_shipped();
            for (i, line) in order.lines.iter().enumerate() {
                let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
                let key = (order.id.clone(), no);
                let reserved = for_lines.get(&key).copied().unwrap_or_default();
                let planned = planned.get(&key).copied().unwrap_or_default();
                if !working && (reserved > Decimal::ZERO || planned > Decimal::ZERO) {
                    return Err(format!(
                        "{} line {no} ({}) holds {reserved} and {planned} planned",
                        order.id, order.status
                    ));
                }
                let closed = line.cancelled + line.fulfilled_outside;
                if closed != model.closed[i] {
                    return Err(format!(
                        "{} line {no} closed {closed}, auditor {}",
                        order.id, model.closed[i]
                    ));
                }
                if line.qty.value != model.ordered[i] {
                    return Err(format!(
                        "{} line {no} orders {}, auditor {}",
                        order.id, line.qty.value, model.ordered[i]
                    ));
                }
                if reserved + planned + line.shipped + closed > line.qty.value {
                    return Err(format!(
                        "{} line {no} over-covered: {reserved} reserved + {planned} planned + {} shipped + {closed} closed > {}",
                        order.id, line.shipped, line.qty.value
                    ));
                }
            }
        }
        Ok(())
    }

    /// MOs: contiguous ids, whole batches, requirements by the recipe, held
    /// inputs never above them, status from the auditor's lifecycle and the
    /// reservations, status events ending at it, final states frozen.
    fn check_mos(&mut self, s: &Snapshot) -> Result<(), String> {
        let mut inputs: BTreeMap<(String, String), Decimal> = BTreeMap::new();
        for r in &s.reservations {
            if let lotwise::Demand::MoInput { mo } = &r.demand {
                *inputs.entry((mo.clone(), r.sku.clone())).or_default() += r.qty;
            }
        }
        for (i, mo) in s.mos.iter().enumerate() {
            let want = format!("MO-{:06}", i + 1);
            if mo.id != want {
                return Err(format!("MO ids not contiguous: {} at {want}", mo.id));
            }
            if !self.needs.contains_key(&mo.id) {
                // Plan and requirements never change: check them once.
                let need = catalog::requirements(&mo.product, mo.qty);
                let recipe =
                    catalog::recipe(&mo.product).ok_or("MO of a product without recipe")?;
                if mo.qty <= Decimal::ZERO || !(mo.qty % Decimal::from(recipe.batch)).is_zero() {
                    return Err(format!(
                        "{} plans {} of {}, not whole batches",
                        mo.id, mo.qty, mo.product
                    ));
                }
                let have: Vec<(String, Decimal)> = mo
                    .requirements
                    .iter()
                    .map(|r| (r.sku.clone(), r.qty))
                    .collect();
                if have != need {
                    return Err(format!("{} requires {have:?}, recipe says {need:?}", mo.id));
                }
                self.needs.insert(mo.id.clone(), need);
            }
            let need = &self.needs[&mo.id];
            check_feeds(mo, s, &inputs)?;
            let mut complete = true;
            for (sku, qty) in need {
                let held = inputs
                    .get(&(mo.id.clone(), sku.clone()))
                    .copied()
                    .unwrap_or_default();
                if held > *qty {
                    return Err(format!("{} holds {held} {sku}, needs {qty}", mo.id));
                }
                complete &= held == *qty;
            }
            let expected = if self.completed.contains(&mo.id) {
                MoStatus::Completed
            } else if self.cancelled_mos.contains(&mo.id) {
                MoStatus::Cancelled
            } else if self.consumed.contains_key(&mo.id) {
                MoStatus::InProduction
            } else if complete {
                MoStatus::MaterialsReserved
            } else {
                MoStatus::AwaitingMaterials
            };
            if mo.status != expected {
                return Err(format!(
                    "{} is {}, auditor expects {expected:?}",
                    mo.id, mo.status
                ));
            }
            let holds_inputs = inputs.keys().any(|(m, _)| *m == mo.id);
            if holds_inputs
                && !matches!(
                    mo.status,
                    MoStatus::AwaitingMaterials | MoStatus::MaterialsReserved
                )
            {
                return Err(format!("{} is {} and still holds inputs", mo.id, mo.status));
            }
            if self.mo_seen.get(&mo.id) != Some(&mo.status) {
                return Err(format!(
                    "{} is {} but its events say {:?}",
                    mo.id,
                    mo.status,
                    self.mo_seen.get(&mo.id)
                ));
            }
            match self.frozen_mos.get(&mo.id) {
                Some(frozen) if frozen != mo => {
                    return Err(format!(
                        "{} changed after it became {}",
                        mo.id, frozen.status
                    ))
                }
                Some(_) => {}
                None if !mo.status.is_open() => {
                    self.frozen_mos.insert(mo.id.clone(), mo.clone());
                }
                None => {}
            }
        }
        Ok(())
    }
}

/// Intermediate batches shared between consumers: a batch never promises
/// more output than it plans (orders plus consuming batches), both sides of
/// a feed agree, a closed batch owes nothing, and no consuming batch is
/// covered twice (what it holds plus what open batches still owe it never
/// exceeds what its recipe needs; a batch no longer waiting is owed nothing).
fn check_feeds(
    mo: &lotwise::ManufacturingOrder,
    s: &Snapshot,
    inputs: &BTreeMap<(String, String), Decimal>,
) -> Result<(), String> {
    let by_id = |id: &str| s.mos.iter().find(|m| m.id == id);
    let promised = mo.allocated() + mo.fed();
    if mo.status.is_open() && promised > mo.qty {
        return Err(format!(
            "{} plans {} but promises {promised} (orders {}, batches {})",
            mo.id,
            mo.qty,
            mo.allocated(),
            mo.fed()
        ));
    }
    for f in &mo.feeds {
        if f.delivered > f.qty || f.delivered < Decimal::ZERO {
            return Err(format!(
                "{} feeds {} {} but delivered {}",
                mo.id, f.mo, f.qty, f.delivered
            ));
        }
        if !mo.status.is_open() && f.qty != f.delivered {
            return Err(format!(
                "{} is {} and still owes {} to {}",
                mo.id,
                mo.status,
                f.undelivered(),
                f.mo
            ));
        }
        let consumer = by_id(&f.mo).ok_or_else(|| format!("{} feeds unknown {}", mo.id, f.mo))?;
        if !consumer.fed_by.contains(&mo.id) {
            return Err(format!("{} feeds {} which does not list it", mo.id, f.mo));
        }
        if !consumer.requirements.iter().any(|r| r.sku == mo.product) {
            return Err(format!(
                "{} feeds {} which needs no {}",
                mo.id, f.mo, mo.product
            ));
        }
    }
    let waiting = matches!(
        mo.status,
        MoStatus::AwaitingMaterials | MoStatus::MaterialsReserved
    );
    for req in &mo.requirements {
        let owed: Decimal = mo
            .fed_by
            .iter()
            .filter_map(|id| by_id(id))
            .filter(|sup| sup.status.is_open() && sup.product == req.sku)
            .map(|sup| sup.undelivered_to(&mo.id))
            .sum();
        if !waiting && owed > Decimal::ZERO {
            return Err(format!(
                "{} is {} but is still owed {owed} {}",
                mo.id, mo.status, req.sku
            ));
        }
        let held = inputs
            .get(&(mo.id.clone(), req.sku.clone()))
            .copied()
            .unwrap_or_default();
        if waiting && held + owed > req.qty {
            return Err(format!(
                "{} covered twice: holds {held} and is owed {owed} {}, needs {}",
                mo.id, req.sku, req.qty
            ));
        }
    }
    Ok(())
}
