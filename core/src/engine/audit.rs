//! Invariant checks over a whole state. Tests run them after every step;
//! an operator can run them against a live database.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::queries::Snapshot;
use super::Lotwise;
use crate::domain::ledger::fold;
use crate::domain::order::{derive_status, LineCover, LinePlan};
use crate::domain::production::MoStatus;
use crate::domain::reservation::Demand;
use crate::error::Result;

impl Lotwise {
    /// Checks every invariant lotwise promises and lists the violations
    /// (empty when all hold).
    pub fn check_invariants(&self) -> Result<Vec<String>> {
        Ok(violations(&self.snapshot()?))
    }
}

/// The invariants of a snapshot, as human-readable violations.
pub fn violations(s: &Snapshot) -> Vec<String> {
    let mut out = Vec::new();
    let kinds: BTreeMap<&str, bool> = s
        .locations
        .iter()
        .map(|l| (l.code.as_str(), l.kind.holds_stock()))
        .collect();

    let folded = fold(&s.movements);
    let stored: BTreeMap<_, _> = s
        .balances
        .iter()
        .map(|b| ((b.sku.clone(), b.lot.clone(), b.location.clone()), b.qty))
        .collect();
    if folded != stored {
        out.push("balances differ from the fold of the ledger".to_string());
    }
    let mut per_lot: BTreeMap<(&str, &str), Decimal> = BTreeMap::new();
    for b in &s.balances {
        *per_lot.entry((&b.sku, &b.lot)).or_default() += b.qty;
        if kinds.get(b.location.as_str()).copied().unwrap_or(false) && b.qty < Decimal::ZERO {
            out.push(format!(
                "negative on-hand {} of {}/{} at {}",
                b.qty, b.sku, b.lot, b.location
            ));
        }
    }
    for ((sku, lot), sum) in per_lot {
        if !sum.is_zero() {
            out.push(format!("{sku}/{lot} sums to {sum} over all locations"));
        }
    }
    let held: std::collections::BTreeSet<&str> = s
        .lots
        .iter()
        .filter(|l| l.is_held())
        .map(|l| l.code.as_str())
        .collect();
    let mut reserved: BTreeMap<(&str, &str), Decimal> = BTreeMap::new();
    for r in &s.reservations {
        if held.contains(r.lot.as_str()) {
            out.push(format!(
                "reservation {} holds {} of held lot {}",
                r.id, r.qty, r.lot
            ));
        }
        if r.qty <= Decimal::ZERO {
            out.push(format!("reservation {} holds {}", r.id, r.qty));
        }
        *reserved.entry((&r.lot, &r.location)).or_default() += r.qty;
    }
    for ((lot, location), qty) in reserved {
        let on_hand = stored
            .iter()
            .filter(|((_, l, loc), _)| l == lot && loc == location)
            .map(|(_, q)| *q)
            .sum::<Decimal>();
        if qty > on_hand {
            out.push(format!(
                "reserved {qty} of {lot} at {location} but {on_hand} on hand"
            ));
        }
    }
    for mo in &s.mos {
        if mo.allocated() > mo.qty {
            out.push(format!(
                "{} allocates {} of {} planned",
                mo.id,
                mo.allocated(),
                mo.qty
            ));
        }
        if mo.allocations.iter().any(|a| a.delivered > a.qty) {
            out.push(format!("{} delivered more than allocated", mo.id));
        }
    }
    feed_violations(s, &mut out);
    for order in &s.orders {
        if order.hold.is_some() && order.confirmed_at.is_some() {
            out.push(format!("{} is held but was confirmed", order.id));
        }
        let mut covers = Vec::new();
        // What the batches hold for this order's lines, taken once for all of them.
        let plans = LinePlan::of_batches(&order.id, &s.mos);
        for line in &order.lines {
            if line.shipped + line.closed() > line.qty.value {
                out.push(format!(
                    "{} line {} shipped {} + settled outside {} + cancelled {} of {}",
                    order.id,
                    line.line,
                    line.shipped,
                    line.fulfilled_outside,
                    line.cancelled,
                    line.qty.value
                ));
            }
            let shipped: Decimal = s
                .shipments
                .iter()
                .filter(|sh| sh.order == order.id)
                .flat_map(|sh| sh.lines.iter().filter(|l| l.line == line.line))
                .map(|l| l.qty)
                .sum();
            if shipped != line.shipped {
                out.push(format!(
                    "{} line {}: shipments say {}, line says {}",
                    order.id, line.line, shipped, line.shipped
                ));
            }
            let cover = LineCover::of_plans(order, line, &s.reservations, &plans);
            if cover.reserved + cover.shipped + cover.closed > cover.ordered {
                out.push(format!(
                    "{} line {} reserved {} + shipped {} + closed {} > ordered",
                    order.id, line.line, cover.reserved, cover.shipped, cover.closed
                ));
            }
            covers.push(cover);
        }
        let derived = derive_status(order, &covers);
        if derived != order.status {
            out.push(format!(
                "{} stored status {} but derived {}",
                order.id, order.status, derived
            ));
        }
    }
    for (i, e) in s.events.iter().enumerate() {
        if e.seq != i as u64 + 1 {
            out.push(format!("event #{i} has seq {}", e.seq));
            break;
        }
    }
    out
}

/// Intermediate batches and the batches they feed: an open batch promises
/// no more than it plans, both sides of a feed agree, a batch that will
/// deliver no more owes nothing, and a batch waiting for inputs is never
/// covered twice (held + still owed ≤ required, per input).
fn feed_violations(s: &Snapshot, out: &mut Vec<String>) {
    let by_id: BTreeMap<&str, &crate::domain::production::ManufacturingOrder> =
        s.mos.iter().map(|m| (m.id.as_str(), m)).collect();
    let mut held: BTreeMap<(&str, &str), Decimal> = BTreeMap::new();
    for r in &s.reservations {
        if let Demand::MoInput { mo } = &r.demand {
            *held.entry((mo.as_str(), r.sku.as_str())).or_default() += r.qty;
        }
    }
    for mo in &s.mos {
        let promised = mo.allocated() + mo.fed();
        if mo.status.is_open() && promised > mo.qty {
            out.push(format!(
                "{} promises {promised} of {} planned",
                mo.id, mo.qty
            ));
        }
        for f in &mo.feeds {
            if f.delivered > f.qty {
                out.push(format!("{} delivered more than it fed {}", mo.id, f.mo));
            }
            if !mo.status.is_open() && f.undelivered() > Decimal::ZERO {
                out.push(format!(
                    "{} is {} but owes {} to {}",
                    mo.id,
                    mo.status,
                    f.undelivered(),
                    f.mo
                ));
            }
            if !by_id
                .get(f.mo.as_str())
                .is_some_and(|c| c.fed_by.contains(&mo.id))
            {
                out.push(format!("{} feeds {}, which does not list it", mo.id, f.mo));
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
                .filter_map(|id| by_id.get(id.as_str()))
                .filter(|sup| sup.status.is_open() && sup.product == req.sku)
                .map(|sup| sup.undelivered_to(&mo.id))
                .sum();
            let has = held
                .get(&(mo.id.as_str(), req.sku.as_str()))
                .copied()
                .unwrap_or_default();
            if (!waiting && owed > Decimal::ZERO) || has + owed > req.qty {
                out.push(format!(
                    "{} ({}) covered twice: holds {has} {} and is owed {owed}, needs {}",
                    mo.id, mo.status, req.sku, req.qty
                ));
            }
        }
    }
}
