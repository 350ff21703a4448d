//! Turning generated commands into engine inputs, and small reads of a
//! snapshot the executor predicts outcomes from.

use chrono::NaiveDate;
use lotwise::{Customer, Lot, NewOrder, NewOrderLine, Qty, Snapshot, Uom};
use rust_decimal::Decimal;

use super::catalog::{self, CUSTOMERS, ORDER_SKUS};
use super::cmd::{LineLot, LineSpec, Pick};

/// The k-th newest of `all`, or of those `ready` accepts when the pick asks
/// for one that can act and there is one.
pub fn newest<T>(all: Vec<&T>, pick: Pick, ready: impl Fn(&T) -> bool) -> Option<&T> {
    let (k, list) = match pick {
        Pick::Ready(k) => {
            let fit: Vec<&T> = all.iter().copied().filter(|x| ready(x)).collect();
            (k, if fit.is_empty() { all } else { fit })
        }
        Pick::Any(k) => (k, all),
        Pick::Missing => return None,
    };
    let n = list.len();
    (n > 0).then(|| list[n - 1 - usize::from(k) % n])
}

pub fn new_order(before: &Snapshot, lines: &[LineSpec], ext: Option<u8>, customer: u8) -> NewOrder {
    let lines = lines
        .iter()
        .map(|l| NewOrderLine {
            sku: ORDER_SKUS[usize::from(l.sku) % ORDER_SKUS.len()].into(),
            qty: catalog::units(ORDER_SKUS[usize::from(l.sku) % ORDER_SKUS.len()], l.qty),
            unit_price: Some("12.50 USD".parse().unwrap()),
            requested_date: None,
            lot: match l.lot {
                LineLot::None => None,
                LineLot::Existing(_) if before.lots.is_empty() => Some("NO-SUCH-LOT".into()),
                LineLot::Existing(n) => {
                    Some(before.lots[usize::from(n) % before.lots.len()].code.clone())
                }
                LineLot::Missing => Some("NO-SUCH-LOT".into()),
            },
            min_remaining_shelf_life_days: l.min_shelf_days,
        })
        .collect();
    NewOrder {
        channel: "shop".into(),
        external_ref: ext.map(|e| format!("EXT-{e}")),
        customer: Customer {
            name: CUSTOMERS[usize::from(customer) % CUSTOMERS.len()].into(),
            email: None,
            ..Default::default()
        },
        ship_to: None,
        lines,
        tags: vec![],
        notes: None,
    }
}

/// Receipt sizes per item, in assorted units.
pub fn receipt_qty(sku: &str, amount: u8) -> Qty {
    let (v, scale, uom) = match (sku, amount % 3) {
        ("WAX", 0) => (5, 1, Uom::Kg),
        ("WAX", 1) => (1, 0, Uom::Kg),
        ("WAX", _) => (2500, 0, Uom::G),
        ("OIL", 0) => (50, 0, Uom::Ml),
        ("OIL", 1) => (2, 1, Uom::L),
        ("OIL", _) => (1, 0, Uom::L),
        ("BASE", 0) => (400, 0, Uom::G),
        ("BASE", 1) => (1, 0, Uom::Kg),
        ("BASE", _) => (25, 2, Uom::Kg),
        ("JAR", a) => ([2, 6, 12][usize::from(a)], 0, Uom::Pcs),
        ("CANDLE", a) => ([1, 2, 5][usize::from(a)], 0, Uom::Pcs),
        (_, a) => ([2, 3, 6][usize::from(a)], 0, Uom::Pcs),
    };
    Qty::new(Decimal::new(v, scale), uom)
}

/// Count-correction sizes per item; amount 3 is zero, an invalid input.
pub fn adjust_qty(sku: &str, amount: u8) -> Qty {
    let (v, scale, uom) = match (sku, amount) {
        (_, 3..) => (
            0,
            0,
            if catalog::is_pieces(sku) {
                Uom::Pcs
            } else if sku == "OIL" {
                Uom::Ml
            } else {
                Uom::G
            },
        ),
        ("WAX" | "BASE", 0) => (10, 0, Uom::G),
        ("WAX" | "BASE", 1) => (100, 0, Uom::G),
        ("WAX" | "BASE", _) => (5, 1, Uom::Kg),
        ("OIL", 0) => (5, 0, Uom::Ml),
        ("OIL", 1) => (50, 0, Uom::Ml),
        ("OIL", _) => (1, 1, Uom::L),
        (_, a) => (i64::from(a) + 1, 0, Uom::Pcs),
    };
    Qty::new(Decimal::new(v, scale), uom)
}

/// A completion quantity: pieces, or kilograms for the intermediate.
pub fn output_qty(pieces: bool, base: Decimal) -> Qty {
    if pieces {
        Qty::new(base, Uom::Pcs)
    } else {
        Qty::new(base / Decimal::from(1000), Uom::Kg)
    }
}

pub fn lot_in<'a>(s: &'a Snapshot, code: &str) -> Option<&'a Lot> {
    s.lots.iter().find(|l| l.code == code)
}

pub fn lot_expired(s: &Snapshot, code: &str, today: NaiveDate) -> bool {
    lot_in(s, code)
        .and_then(|l| l.expiry)
        .is_some_and(|e| e < today)
}

pub fn on_hand(s: &Snapshot, lot: &str, location: &str) -> Decimal {
    s.balances
        .iter()
        .filter(|b| b.lot == lot && b.location == location)
        .map(|b| b.qty)
        .sum()
}

pub fn reserved(s: &Snapshot, lot: &str, location: &str) -> Decimal {
    s.reservations
        .iter()
        .filter(|r| r.lot == lot && r.location == location)
        .map(|r| r.qty)
        .sum()
}

/// Equal apart from the outbox. Destructured so a new snapshot field breaks the build here.
pub fn same_state(a: &Snapshot, b: &Snapshot) -> bool {
    let Snapshot {
        items,
        recipes,
        locations,
        lots,
        movements,
        balances,
        reservations,
        orders,
        mos,
        shipments,
        trace_edges,
        events: _,
        docs,
    } = a;
    *items == b.items
        && *recipes == b.recipes
        && *locations == b.locations
        && *lots == b.lots
        && *movements == b.movements
        && *balances == b.balances
        && *reservations == b.reservations
        && *orders == b.orders
        && *mos == b.mos
        && *shipments == b.shipments
        && *trace_edges == b.trace_edges
        && *docs == b.docs
}

/// Which parts of the state differ, for failure messages.
pub fn diff(a: &Snapshot, b: &Snapshot) -> String {
    let ja = serde_json::to_value(a).unwrap_or_default();
    let jb = serde_json::to_value(b).unwrap_or_default();
    let mut parts = Vec::new();
    if let (Some(ma), Some(mb)) = (ja.as_object(), jb.as_object()) {
        for (k, va) in ma {
            if mb.get(k) != Some(va) {
                parts.push(k.clone());
            }
        }
    }
    format!("differs in {parts:?}")
}
