//! The auditor: a small reference model kept beside the engine. It books
//! every successful command into its own per-item flows and order/MO
//! lifecycles, replays the event stream, and after every step compares all
//! of it with the engine's state.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use lotwise::domain::event::EventData;
use lotwise::{
    ConfirmReport, Event, Lot, ManufacturingOrder, MoStatus, NewOrder, OrderStatus, PlacedOrder,
    Shipment, Snapshot,
};
use rust_decimal::Decimal;

use super::catalog;

#[path = "state.rs"]
mod state;

/// The locations whose per-item totals the auditor predicts.
const LOCATIONS: [&str; 6] = [
    "MAIN",
    "SUPPLIER",
    "CUSTOMER",
    "PRODUCTION",
    "SCRAP",
    "ADJUSTMENT",
];

/// What a successful command did, as the auditor needs to know it.
// One lives per step and is consumed at once: boxing the MOs buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Effect {
    /// Configuration the auditor does not model (a rule defined, an order
    /// released from a hold): checked by the invariants alone.
    Configured,
    Received {
        sku: String,
        qty: Decimal,
        lot: Lot,
        asked_lot: Option<String>,
        asked_expiry: Option<NaiveDate>,
    },
    Adjusted {
        sku: String,
        delta: Decimal,
    },
    Placed {
        placed: PlacedOrder,
        input: NewOrder,
        replay_of: Option<String>,
    },
    Planned {
        id: String,
        report: ConfirmReport,
    },
    OrderCancelled {
        id: String,
    },
    Shipped {
        order: String,
        shipment: Shipment,
        wanted: BTreeMap<u32, Decimal>,
    },
    Started {
        before: ManufacturingOrder,
        after: ManufacturingOrder,
    },
    Completed {
        before: ManufacturingOrder,
        after: ManufacturingOrder,
        good: Decimal,
        scrap: Decimal,
        named_lot: bool,
    },
    MoCancelled {
        before: ManufacturingOrder,
    },
    Clock,
    /// Lots that must now be held (a hold, a recall).
    Held {
        lots: Vec<String>,
    },
    /// A lot that must no longer be held.
    Released {
        lot: String,
    },
    /// `qty` of line `line` cancelled.
    LineCancelled {
        id: String,
        line: u32,
        qty: Decimal,
    },
    /// The unshipped rest of every line cancelled.
    ClosedShort {
        id: String,
    },
    /// Line `line` now orders `qty`; `added` a new line (sku, qty).
    Edited {
        id: String,
        line: u32,
        qty: Decimal,
        added: Option<(String, Decimal)>,
    },
}

/// The auditor's view of one order.
#[derive(Debug, Clone)]
pub struct OrderModel {
    pub id: String,
    pub input: NewOrder,
    pub ordered: Vec<Decimal>,
    pub shipped: Vec<Decimal>,
    /// Cancelled per line (a cancelled line, a close-short).
    pub closed: Vec<Decimal>,
    /// Item per line, added lines included.
    pub skus: Vec<String>,
    pub confirmed: bool,
    pub cancelled: bool,
    /// Changed by `edit_order` since it was placed: its reference sent
    /// again is a duplicate, even if the edits came back to what was sent.
    pub edited: bool,
}

impl OrderModel {
    /// Nothing left to ship: every line shipped or cancelled.
    pub fn fully_shipped(&self) -> bool {
        (0..self.ordered.len()).all(|i| self.shipped[i] + self.closed[i] >= self.ordered[i])
    }

    /// Still to ship on line `i` (0-based).
    pub fn open(&self, i: usize) -> Decimal {
        (self.ordered[i] - self.shipped[i] - self.closed[i]).max(Decimal::ZERO)
    }

    /// Line `i` cancelled whole before anything of it shipped.
    pub fn line_cancelled(&self, i: usize) -> bool {
        self.closed[i] > Decimal::ZERO
            && self.shipped[i].is_zero()
            && self.closed[i] >= self.ordered[i]
    }

    /// The stored lines are still the ones placed (a replay is then a replay).
    pub fn same_content(&self) -> bool {
        self.ordered.len() == self.input.lines.len()
            && self
                .ordered
                .iter()
                .zip(&self.input.lines)
                .all(|(o, l)| *o == catalog::base(l.qty))
    }

    /// Every line cancelled whole and nothing shipped: the order is cancelled.
    fn settle_cancelled(&mut self) {
        if (0..self.ordered.len()).all(|i| self.line_cancelled(i)) {
            self.cancelled = true;
        }
    }

    pub fn any_shipped(&self) -> bool {
        self.shipped.iter().any(|s| *s > Decimal::ZERO)
    }
}

#[derive(Default)]
pub struct Auditor {
    /// Expected total per (sku, location) over all lots.
    flows: BTreeMap<(String, String), Decimal>,
    pub orders: Vec<OrderModel>,
    /// Inputs each started MO consumed, by the auditor's own arithmetic.
    consumed: BTreeMap<String, Vec<(String, Decimal)>>,
    completed: BTreeSet<String>,
    cancelled_mos: BTreeSet<String>,
    shipments: usize,
    generated_lots: u64,
    /// Status per order and MO as the event stream tells it.
    order_seen: BTreeMap<String, OrderStatus>,
    mo_seen: BTreeMap<String, MoStatus>,
    /// Orders and MOs in a final state, as first seen there.
    frozen_orders: BTreeMap<String, lotwise::SalesOrder>,
    frozen_mos: BTreeMap<String, ManufacturingOrder>,
    /// Inputs per MO by the recipe, once its plan was checked.
    needs: BTreeMap<String, Vec<(String, Decimal)>>,
}

fn flow(
    flows: &mut BTreeMap<(String, String), Decimal>,
    sku: &str,
    from: &str,
    to: &str,
    qty: Decimal,
) {
    *flows
        .entry((sku.to_string(), from.to_string()))
        .or_default() -= qty;
    *flows.entry((sku.to_string(), to.to_string())).or_default() += qty;
}

fn mo_number(id: &str) -> &str {
    id.trim_start_matches("MO-")
}

impl Auditor {
    pub fn order(&self, id: &str) -> Option<&OrderModel> {
        self.orders.iter().find(|o| o.id == id)
    }

    fn order_mut(&mut self, id: &str) -> Result<&mut OrderModel, String> {
        self.orders
            .iter_mut()
            .find(|o| o.id == id)
            .ok_or_else(|| format!("auditor knows no order {id}"))
    }

    /// Follows the new events: every status change must start where the
    /// previous one ended and be a legal transition.
    pub fn observe_events(&mut self, events: &[Event], now: DateTime<Utc>) -> Result<(), String> {
        for e in events {
            if e.at != now {
                return Err(format!("event {} stamped {} at clock {now}", e.seq, e.at));
            }
            match &e.data {
                EventData::OrderPlaced { .. } => {
                    let again = self
                        .order_seen
                        .insert(e.subject.clone(), OrderStatus::Placed);
                    if again.is_some() {
                        return Err(format!("{} placed twice", e.subject));
                    }
                }
                &EventData::OrderStatusChanged { from, to } => {
                    let seen = self.order_seen.get(&e.subject).copied();
                    if seen != Some(from) {
                        return Err(format!(
                            "{} changed from {from} but was {seen:?}",
                            e.subject
                        ));
                    }
                    if from == to || !from.can_become(to) {
                        return Err(format!("{} moved {from} -> {to}", e.subject));
                    }
                    self.order_seen.insert(e.subject.clone(), to);
                }
                EventData::MoCreated { .. } => {
                    let again = self
                        .mo_seen
                        .insert(e.subject.clone(), MoStatus::AwaitingMaterials);
                    if again.is_some() {
                        return Err(format!("{} created twice", e.subject));
                    }
                }
                &EventData::MoStatusChanged { from, to } => {
                    let seen = self.mo_seen.get(&e.subject).copied();
                    if seen != Some(from) {
                        return Err(format!(
                            "{} changed from {from} but was {seen:?}",
                            e.subject
                        ));
                    }
                    if from == to || !from.can_become(to) {
                        return Err(format!("{} moved {from} -> {to}", e.subject));
                    }
                    self.mo_seen.insert(e.subject.clone(), to);
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Books a successful command and checks what it returned.
    pub fn apply(
        &mut self,
        effect: Effect,
        before: &Snapshot,
        now: &Snapshot,
        today: NaiveDate,
    ) -> Result<(), String> {
        match effect {
            Effect::Received {
                sku,
                qty,
                lot,
                asked_lot,
                asked_expiry,
            } => {
                flow(&mut self.flows, &sku, "SUPPLIER", "MAIN", qty);
                match &asked_lot {
                    Some(code) if lot.code != *code => {
                        return Err(format!("received into {} not {code}", lot.code))
                    }
                    Some(_) => {}
                    None => {
                        self.generated_lots += 1;
                        let want = format!("{sku}-R{:04}", self.generated_lots);
                        if lot.code != want {
                            return Err(format!("generated lot {} but expected {want}", lot.code));
                        }
                    }
                }
                let expiry = match before.lots.iter().find(|l| l.code == lot.code) {
                    Some(old) => old.expiry,
                    None => asked_expiry.or_else(|| {
                        catalog::shelf_life(&sku).map(|d| today + Duration::days(i64::from(d)))
                    }),
                };
                if lot.expiry != expiry {
                    return Err(format!(
                        "lot {} expires {:?}, expected {expiry:?}",
                        lot.code, lot.expiry
                    ));
                }
            }
            Effect::Adjusted { sku, delta } => {
                if delta > Decimal::ZERO {
                    flow(&mut self.flows, &sku, "ADJUSTMENT", "MAIN", delta);
                } else {
                    flow(&mut self.flows, &sku, "MAIN", "ADJUSTMENT", -delta);
                }
            }
            Effect::Placed {
                placed,
                input,
                replay_of,
            } => match replay_of {
                Some(id) => {
                    if !placed.replayed || placed.order.id != id {
                        return Err(format!(
                            "expected a replay of {id}, got {} (replayed {})",
                            placed.order.id, placed.replayed
                        ));
                    }
                }
                None => {
                    let want = format!("SO-{:06}", self.orders.len() + 1);
                    if placed.replayed || placed.order.id != want {
                        return Err(format!(
                            "expected new order {want}, got {} (replayed {})",
                            placed.order.id, placed.replayed
                        ));
                    }
                    let ordered: Vec<Decimal> =
                        input.lines.iter().map(|l| catalog::base(l.qty)).collect();
                    self.orders.push(OrderModel {
                        id: want,
                        shipped: vec![Decimal::ZERO; ordered.len()],
                        closed: vec![Decimal::ZERO; ordered.len()],
                        skus: input.lines.iter().map(|l| l.sku.clone()).collect(),
                        ordered,
                        input,
                        confirmed: false,
                        cancelled: false,
                        edited: false,
                    });
                }
            },
            Effect::Planned { id, report } => {
                self.order_mut(&id)?.confirmed = true;
                if report.reserved.values().any(|q| *q <= Decimal::ZERO) {
                    return Err(format!("report reserves nothing: {:?}", report.reserved));
                }
                let stored = now.orders.iter().find(|o| o.id == id).map(|o| o.status);
                if stored != Some(report.status) {
                    return Err(format!("report says {}, {id} is {stored:?}", report.status));
                }
                let unknown = report
                    .mos
                    .iter()
                    .find(|m| !now.mos.iter().any(|x| x.id == **m));
                if let Some(mo) = unknown {
                    return Err(format!("report names unknown {mo}"));
                }
            }
            Effect::OrderCancelled { id } => self.order_mut(&id)?.cancelled = true,
            Effect::Shipped {
                order,
                shipment,
                wanted,
            } => {
                self.shipments += 1;
                let want = format!("SH-{:06}", self.shipments);
                if shipment.id != want || shipment.order != order {
                    return Err(format!(
                        "shipment {} of {}, expected {want} of {order}",
                        shipment.id, shipment.order
                    ));
                }
                let mut per_line: BTreeMap<u32, Decimal> = BTreeMap::new();
                for l in &shipment.lines {
                    *per_line.entry(l.line).or_default() += l.qty;
                    let lot = before
                        .lots
                        .iter()
                        .find(|x| x.code == l.lot)
                        .ok_or("shipped an unknown lot")?;
                    if lot.expiry.is_some_and(|e| e < today) {
                        return Err(format!("shipped expired lot {}", l.lot));
                    }
                    let was_reserved = before.reservations.iter().any(|r| {
                        r.lot == l.lot
                            && r.demand
                                == lotwise::Demand::OrderLine {
                                    order: order.clone(),
                                    line: l.line,
                                }
                    });
                    if !was_reserved || l.location != "MAIN" || l.qty <= Decimal::ZERO {
                        return Err(format!(
                            "shipped {} of {} not reserved for line {}",
                            l.qty, l.lot, l.line
                        ));
                    }
                    flow(&mut self.flows, &l.sku, "MAIN", "CUSTOMER", l.qty);
                }
                if per_line != wanted {
                    return Err(format!("shipped {per_line:?}, asked for {wanted:?}"));
                }
                let model = self.order_mut(&order)?;
                for (line, qty) in per_line {
                    model.shipped[line as usize - 1] += qty;
                }
            }
            Effect::Started { before: mo, after } => {
                let need = catalog::requirements(&mo.product, mo.qty);
                for (sku, qty) in &need {
                    let took: Decimal = after
                        .consumed
                        .iter()
                        .filter(|c| c.sku == *sku)
                        .map(|c| c.qty)
                        .sum();
                    if took != *qty {
                        return Err(format!(
                            "{} consumed {took} {sku}, recipe says {qty}",
                            mo.id
                        ));
                    }
                    flow(&mut self.flows, sku, "MAIN", "PRODUCTION", *qty);
                }
                for c in &after.consumed {
                    let lot = before
                        .lots
                        .iter()
                        .find(|l| l.code == c.lot)
                        .ok_or("consumed an unknown lot")?;
                    if lot.expiry.is_some_and(|e| e < today) {
                        return Err(format!("{} consumed expired lot {}", mo.id, c.lot));
                    }
                }
                self.consumed.insert(mo.id.clone(), need);
            }
            Effect::Completed {
                before: mo,
                after,
                good,
                scrap,
                named_lot,
            } => {
                flow(&mut self.flows, &mo.product, "PRODUCTION", "MAIN", good);
                flow(&mut self.flows, &mo.product, "PRODUCTION", "SCRAP", scrap);
                let out = after.output.as_ref().ok_or("completed without output")?;
                if out.good != good || out.scrap != scrap {
                    return Err(format!(
                        "output {}/{} but reported {good}/{scrap}",
                        out.good, out.scrap
                    ));
                }
                let want_lot = format!("{}-B{}", mo.product, mo_number(&mo.id));
                if !named_lot && out.lot != want_lot {
                    return Err(format!("output lot {} expected {want_lot}", out.lot));
                }
                let want_expiry =
                    catalog::shelf_life(&mo.product).map(|d| today + Duration::days(i64::from(d)));
                if out.expiry != want_expiry {
                    return Err(format!(
                        "output expiry {:?}, expected {want_expiry:?}",
                        out.expiry
                    ));
                }
                // Every consumed lot is linked to the output lot, with its quantity.
                let mut edges: Vec<(String, String, String, Decimal)> = now
                    .trace_edges
                    .get(before.trace_edges.len()..)
                    .unwrap_or_default()
                    .iter()
                    .map(|e| (e.from_lot.clone(), e.to_lot.clone(), e.mo.clone(), e.qty))
                    .collect();
                let mut want: Vec<(String, String, String, Decimal)> = after
                    .consumed
                    .iter()
                    .map(|c| (c.lot.clone(), out.lot.clone(), mo.id.clone(), c.qty))
                    .collect();
                edges.sort();
                want.sort();
                if edges != want {
                    return Err(format!(
                        "{} trace edges {edges:?}, consumed {want:?}",
                        mo.id
                    ));
                }
                let handed: Decimal = after
                    .allocations
                    .iter()
                    .map(|a| a.delivered)
                    .sum::<Decimal>()
                    - mo.allocations.iter().map(|a| a.delivered).sum::<Decimal>();
                if handed > good {
                    return Err(format!("{} handed over {handed} of {good} good", mo.id));
                }
                self.completed.insert(mo.id);
            }
            Effect::MoCancelled { before: mo } => {
                if let Some(used) = self.consumed.get(&mo.id) {
                    for (sku, qty) in used {
                        flow(&mut self.flows, sku, "PRODUCTION", "SCRAP", *qty);
                    }
                }
                self.cancelled_mos.insert(mo.id);
            }
            Effect::Clock | Effect::Configured => {}
            Effect::Held { lots } => {
                for code in lots {
                    let held = now.lots.iter().any(|l| l.code == code && l.hold.is_some());
                    if !held {
                        return Err(format!("lot {code} is not held"));
                    }
                }
            }
            Effect::Released { lot } => {
                if now.lots.iter().any(|l| l.code == lot && l.hold.is_some()) {
                    return Err(format!("lot {lot} is still held"));
                }
            }
            Effect::LineCancelled { id, line, qty } => {
                let model = self.order_mut(&id)?;
                model.closed[line as usize - 1] += qty;
                model.settle_cancelled();
            }
            Effect::ClosedShort { id } => {
                let model = self.order_mut(&id)?;
                for i in 0..model.ordered.len() {
                    let open = model.open(i);
                    model.closed[i] += open;
                }
            }
            Effect::Edited {
                id,
                line,
                qty,
                added,
            } => {
                let model = self.order_mut(&id)?;
                model.edited = true;
                model.ordered[line as usize - 1] = qty;
                if let Some((sku, qty)) = added {
                    model.ordered.push(qty);
                    model.shipped.push(Decimal::ZERO);
                    model.closed.push(Decimal::ZERO);
                    model.skus.push(sku);
                }
                // An edit down to what was already cancelled, on every
                // line, with nothing shipped, cancels the order.
                model.settle_cancelled();
            }
        }
        // Whatever the command, nothing held is reserved, and nothing held
        // was consumed or shipped by it.
        let held: BTreeSet<&str> = before
            .lots
            .iter()
            .filter(|l| l.hold.is_some())
            .map(|l| l.code.as_str())
            .collect();
        if let Some(r) = now
            .reservations
            .iter()
            .find(|r| now.lots.iter().any(|l| l.code == r.lot && l.hold.is_some()))
        {
            return Err(format!("reservation {} holds held lot {}", r.id, r.lot));
        }
        let moved = now
            .movements
            .get(before.movements.len()..)
            .unwrap_or_default();
        if let Some(m) = moved.iter().find(|m| {
            held.contains(m.lot.as_str())
                && matches!(
                    m.reason,
                    lotwise::MovementReason::Consumption | lotwise::MovementReason::Shipment
                )
        }) {
            return Err(format!("held lot {} moved for {:?}", m.lot, m.reason));
        }
        Ok(())
    }
}
