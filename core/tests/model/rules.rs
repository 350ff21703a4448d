//! Picking rules, checked on every reservation a successful command made:
//! only unexpired stock at the warehouse, the line's named lot and minimum
//! remaining shelf life, and first-expiry-first-out.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use lotwise::{Demand, Lot, Snapshot};
use rust_decimal::Decimal;

use super::catalog;

/// The earliest expiry a lot may have to serve `demand` today, and the lot it
/// must be when the line names one.
fn rules(
    after: &Snapshot,
    demand: &Demand,
    sku: &str,
    today: NaiveDate,
) -> Result<(Option<NaiveDate>, Option<String>), String> {
    let (days, named) = match demand {
        Demand::OrderLine { order, line } => {
            let o = after
                .orders
                .iter()
                .find(|o| o.id == *order)
                .ok_or("reservation for an unknown order")?;
            let l = o
                .lines
                .iter()
                .find(|l| l.line == *line)
                .ok_or("reservation for an unknown line")?;
            (
                l.min_remaining_shelf_life_days
                    .or(catalog::min_remaining(sku)),
                l.lot.clone(),
            )
        }
        Demand::MoInput { .. } => (catalog::min_remaining(sku), None),
    };
    Ok((days.map(|d| today + Duration::days(i64::from(d))), named))
}

/// Checks the reservations that are new in `after`. Those on `forced_lot`
/// (a batch handed to the lines and parent it was made for) skip FEFO.
pub fn check_new_reservations(
    before: &Snapshot,
    after: &Snapshot,
    today: NaiveDate,
    forced_lot: Option<&str>,
) -> Result<(), String> {
    let old: BTreeSet<u64> = before.reservations.iter().map(|r| r.id).collect();
    let lots: BTreeMap<&str, &Lot> = after.lots.iter().map(|l| (l.code.as_str(), l)).collect();
    let expired = |l: &Lot| l.expiry.is_some_and(|e| e < today);
    // Free stock per lot at the warehouse after the command.
    let mut free: BTreeMap<&str, Decimal> = BTreeMap::new();
    for b in after.balances.iter().filter(|b| b.location == "MAIN") {
        *free.entry(b.lot.as_str()).or_default() += b.qty;
    }
    for r in &after.reservations {
        *free.entry(r.lot.as_str()).or_default() -= r.qty;
    }
    for r in after.reservations.iter().filter(|r| !old.contains(&r.id)) {
        let lot = lots
            .get(r.lot.as_str())
            .ok_or_else(|| format!("reservation {} on unknown lot {}", r.id, r.lot))?;
        if lot.sku != r.sku || r.location != "MAIN" {
            return Err(format!(
                "reservation {} holds {} of {} at {}",
                r.id, r.sku, r.lot, r.location
            ));
        }
        if expired(lot) {
            return Err(format!("reservation {} holds expired lot {}", r.id, r.lot));
        }
        if lot.hold.is_some() {
            return Err(format!("reservation {} holds held lot {}", r.id, r.lot));
        }
        if forced_lot == Some(r.lot.as_str()) {
            continue;
        }
        let (min_expiry, named) = rules(after, &r.demand, &r.sku, today)?;
        let fresh_enough = |l: &Lot| match (min_expiry, l.expiry) {
            (Some(min), Some(e)) => e >= min,
            _ => true,
        };
        if named.as_ref().is_some_and(|n| *n != r.lot) || !fresh_enough(lot) {
            return Err(format!(
                "reservation {} of {} for {:?} breaks the line's lot rules",
                r.id, r.lot, r.demand
            ));
        }
        if named.is_some() {
            continue;
        }
        let rank = |l: &Lot| l.expiry.unwrap_or(NaiveDate::MAX);
        let skipped = after.lots.iter().find(|l| {
            l.sku == r.sku
                && rank(l) < rank(lot)
                && !expired(l)
                && l.hold.is_none()
                && fresh_enough(l)
                && free
                    .get(l.code.as_str())
                    .is_some_and(|f| *f > Decimal::ZERO)
        });
        if let Some(l) = skipped {
            return Err(format!(
                "reservation {} took {} (expires {:?}) while {} (expires {:?}) was free: not FEFO",
                r.id, r.lot, lot.expiry, l.code, l.expiry
            ));
        }
    }
    Ok(())
}

/// No batch waits for an input that is free in the warehouse: whatever makes
/// stock free (a receipt, a count, a cancellation, a batch) serves waiting
/// batches in the same command.
pub fn check_waiting_mos(s: &Snapshot, today: NaiveDate) -> Result<(), String> {
    let lots: BTreeMap<&str, &Lot> = s.lots.iter().map(|l| (l.code.as_str(), l)).collect();
    let mut free: BTreeMap<&str, Decimal> = BTreeMap::new();
    for b in s.balances.iter().filter(|b| b.location == "MAIN") {
        if lots
            .get(b.lot.as_str())
            .is_some_and(|l| l.expiry.is_none_or(|e| e >= today) && l.hold.is_none())
        {
            *free.entry(b.lot.as_str()).or_default() += b.qty;
        }
    }
    for r in &s.reservations {
        if let Some(f) = free.get_mut(r.lot.as_str()) {
            *f -= r.qty;
        }
    }
    for mo in s
        .mos
        .iter()
        .filter(|m| m.status == lotwise::MoStatus::AwaitingMaterials)
    {
        let demand = Demand::MoInput { mo: mo.id.clone() };
        for req in &mo.requirements {
            let held: Decimal = s
                .reservations
                .iter()
                .filter(|r| r.demand == demand && r.sku == req.sku)
                .map(|r| r.qty)
                .sum();
            let spare = free.iter().find(|(lot, f)| {
                **f > Decimal::ZERO && lots.get(**lot).is_some_and(|l| l.sku == req.sku)
            });
            if held < req.qty {
                if let Some((lot, f)) = spare {
                    return Err(format!(
                        "{} waits for {} {} while {f} of lot {lot} is free",
                        mo.id,
                        req.qty - held,
                        req.sku
                    ));
                }
            }
        }
    }
    Ok(())
}
