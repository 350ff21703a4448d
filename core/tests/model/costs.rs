//! Costs in the model: every receipt carries a unit cost (per item, so more
//! of a lot comes at its cost), batches add a 10 % overhead and a fixed
//! 0.35 USD (so output unit costs round), and after every step the cost is
//! conserved, recomputed here from the snapshot alone:
//!
//! cost received + cost added by operations
//!   = cost of goods shipped + cost scrapped + work in progress + valuation on hand,
//!
//! and each term equals the engine's own `cost_flows`.

use std::collections::BTreeMap;
use std::str::FromStr;

use lotwise::{CostSettings, LocationKind, Lotwise, MoStatus, Money, Qty, Snapshot};
use rust_decimal::Decimal;

/// The shop keeps costs in USD, with 10 % overhead and 0.35 USD a batch.
pub fn setup(lw: &Lotwise) {
    lw.set_cost_settings(CostSettings {
        currency: Some("USD".into()),
        overhead_pct: Decimal::from(10),
        overhead_per_batch: Some("0.35 USD".parse().unwrap()),
    })
    .unwrap();
}

/// What one unit of `qty`'s unit of `sku` costs: a fixed price per base
/// unit (so more of a lot comes at its cost, whatever the unit), with
/// awkward digits.
pub fn receipt_cost(sku: &str, qty: Qty) -> Money {
    let per_base = match sku {
        "WAX" => "0.00333",
        "OIL" => "0.0217",
        "JAR" => "0.47",
        "BASE" => "0.00601",
        _ => "2.99",
    };
    let factor = qty.std_uom().map_or(Decimal::ONE, |u| u.base_factor());
    Money::new(Decimal::from_str(per_base).unwrap() * factor, "USD").unwrap()
}

fn dec(v: &serde_json::Value) -> Decimal {
    v.as_str()
        .and_then(|s| Decimal::from_str(s).ok())
        .unwrap_or_default()
}

/// Checks conservation of cost on the snapshot, and the engine's flows.
pub fn check(snap: &Snapshot, lw: &Lotwise) -> Result<(), String> {
    let cost: BTreeMap<&str, Decimal> = snap
        .lots
        .iter()
        .filter_map(|l| l.unit_cost.as_ref().map(|c| (l.code.as_str(), c.amount)))
        .collect();
    let kind: BTreeMap<&str, LocationKind> = snap
        .locations
        .iter()
        .map(|l| (l.code.as_str(), l.kind))
        .collect();
    let value = |lot: &str, qty: Decimal| cost.get(lot).map_or(Decimal::ZERO, |c| c * qty);
    let mut received = Decimal::ZERO;
    let mut scrapped = Decimal::ZERO;
    for m in &snap.movements {
        match (kind[m.from.as_str()], kind[m.to.as_str()]) {
            (LocationKind::Supplier | LocationKind::Adjustment, _) => {
                received += value(&m.lot, m.qty)
            }
            (_, LocationKind::Adjustment) => scrapped += value(&m.lot, m.qty),
            _ => {}
        }
    }
    let on_hand: Decimal = snap
        .balances
        .iter()
        .filter(|b| kind[b.location.as_str()].holds_stock())
        .map(|b| value(&b.lot, b.qty))
        .sum();
    let wip: Decimal = snap
        .mos
        .iter()
        .filter(|m| m.status == MoStatus::InProduction)
        .flat_map(|m| m.consumed.iter())
        .map(|c| value(&c.lot, c.qty))
        .sum();
    let (mut added, mut shipped) = (Decimal::ZERO, Decimal::ZERO);
    for (doc_kind, _, v) in &snap.docs {
        match doc_kind.as_str() {
            "batch_cost" => {
                added += dec(&v["labour"]) + dec(&v["overhead"]) + dec(&v["rounding"]);
                scrapped += dec(&v["written_off"]);
            }
            "shipment_cost" => shipped += dec(&v["cost_of_goods"]),
            _ => {}
        }
    }
    if received + added != shipped + scrapped + wip + on_hand {
        return Err(format!(
            "cost not conserved: received {received} + added {added} != shipped {shipped} + \
             scrapped {scrapped} + in progress {wip} + on hand {on_hand}"
        ));
    }
    let flows = lw.cost_flows(None).map_err(|e| e.to_string())?;
    let engine = (
        flows.received,
        flows.added_by_operations,
        flows.shipped,
        flows.scrapped,
        flows.work_in_progress,
        flows.on_hand,
    );
    let model = (received, added, shipped, scrapped, wip, on_hand);
    if engine != model || !flows.unaccounted.is_zero() {
        return Err(format!(
            "cost flows: engine {engine:?} (unaccounted {}), model {model:?}",
            flows.unaccounted
        ));
    }
    Ok(())
}
