//! The executor's part for orders and lots that change: holds, releases,
//! recalls with holds, cancelled lines, close-short and edits, each with the
//! outcome the state before calls for.

use lotwise::{
    CancelOrderLine, CloseShort, EditOrder, HoldLot, HoldReason, LineChange, Lot, RecallAndHold,
    ReleaseLot, Snapshot,
};
use rust_decimal::Decimal;

use super::super::audit::{Effect, OrderModel};
use super::super::catalog::{self, ORDER_SKUS};
use super::super::cmd::{LineSpec, LotRef, Pick};
use super::super::inputs::lot_in;
use super::{Harness, Run};

/// The lot a command names, or a code no lot has.
fn lot_code(before: &Snapshot, r: LotRef) -> String {
    let held: Vec<&Lot> = before.lots.iter().filter(|l| l.hold.is_some()).collect();
    let (n, list) = match r {
        LotRef::Missing => return "NO-SUCH-LOT".into(),
        LotRef::Held(n) if !held.is_empty() => (n, held),
        LotRef::Held(n) | LotRef::Any(n) => (n, before.lots.iter().collect()),
    };
    if list.is_empty() {
        return "NO-SUCH-LOT".into();
    }
    list[usize::from(n) % list.len()].code.clone()
}

/// `lot` and every lot made from it, from the trace edges.
fn made_from(before: &Snapshot, lot: &str) -> Vec<String> {
    let mut out = vec![lot.to_string()];
    let mut i = 0;
    while i < out.len() {
        let at = out[i].clone();
        for e in before.trace_edges.iter().filter(|e| e.from_lot == at) {
            if !out.contains(&e.to_lot) {
                out.push(e.to_lot.clone());
            }
        }
        i += 1;
    }
    out
}

impl Harness {
    pub(super) fn hold(&self, r: LotRef, before: &Snapshot) -> Run {
        let code = lot_code(before, r);
        let expect = match lot_in(before, &code) {
            None => "unknown_lot",
            Some(l) if l.hold.is_some() => "lot_on_hold",
            Some(_) => "ok",
        };
        let request = HoldLot {
            lot: code.clone(),
            reason: HoldReason::QaHold,
            note: None,
        };
        let result = self.lw.hold_lot(request).map(|_| Effect::Held {
            lots: vec![code.clone()],
        });
        Run::new(result, expect, Some(("lot_held", code)))
    }

    pub(super) fn release(&self, r: LotRef, before: &Snapshot) -> Run {
        let code = lot_code(before, r);
        let expect = match lot_in(before, &code) {
            None => "unknown_lot",
            Some(l) if l.hold.is_none() => "lot_not_held",
            Some(_) => "ok",
        };
        let request = ReleaseLot {
            lot: code.clone(),
            note: None,
        };
        let result = self
            .lw
            .release_lot(request)
            .map(|_| Effect::Released { lot: code.clone() });
        Run::new(result, expect, Some(("lot_released", code)))
    }

    pub(super) fn recall_hold(&self, r: LotRef, before: &Snapshot) -> Run {
        let code = lot_code(before, r);
        let (expect, event) = match lot_in(before, &code) {
            None => ("unknown_lot", None),
            // Held already: it is left as it is (made-from lots may still be held).
            Some(l) if l.hold.is_some() => ("ok", None),
            Some(_) => ("ok", Some(("lot_held", code.clone()))),
        };
        let lots = made_from(before, &code);
        let request = RecallAndHold {
            lot: code.clone(),
            note: None,
        };
        let result = self
            .lw
            .recall_and_hold(request)
            .map(|_| Effect::Held { lots });
        Run::new(result, expect, event)
    }

    /// The units of line `line` (1-based) of a model order, as the engine takes them.
    fn line_qty(m: Option<&OrderModel>, line: u32, units: u32) -> lotwise::Qty {
        let sku = m
            .and_then(|m| m.skus.get((line as usize).wrapping_sub(1)))
            .map_or("CANDLE", String::as_str);
        catalog::units(sku, units)
    }

    pub(super) fn cancel_line(&self, pick: Pick, line: u32, qty: Option<u32>) -> Run {
        let id = self.order_id(pick, |m| m.confirmed && !m.cancelled && !m.fully_shipped());
        let model = self.audit.order(&id);
        let asked = qty.map(|q| Self::line_qty(model, line, q));
        let mut cancelled = Decimal::ZERO;
        let expect = match model {
            None => "unknown_order",
            // Cancelled, shipped, or not confirmed yet (edit it instead).
            Some(m) if m.cancelled || !m.confirmed || m.fully_shipped() => "invalid_transition",
            Some(m) if line == 0 || line as usize > m.ordered.len() => "unknown_order_line",
            Some(m) => {
                let open = m.open(line as usize - 1);
                match asked.map(catalog::base) {
                    _ if open.is_zero() => "invalid_transition",
                    Some(q) if q.is_zero() || q > open => "invalid_quantity",
                    Some(q) => {
                        cancelled = q;
                        "ok"
                    }
                    None => {
                        cancelled = open;
                        "ok"
                    }
                }
            }
        };
        let request = CancelOrderLine {
            id: id.clone(),
            line,
            qty: asked,
            reason: None,
        };
        let result = self
            .lw
            .cancel_order_line(request)
            .map(|_| Effect::LineCancelled {
                id: id.clone(),
                line,
                qty: cancelled,
            });
        Run::new(result, expect, Some(("order_line_cancelled", id)))
    }

    pub(super) fn close_short(&self, pick: Pick) -> Run {
        let ready =
            |m: &OrderModel| m.confirmed && !m.cancelled && m.any_shipped() && !m.fully_shipped();
        let id = self.order_id(pick, ready);
        let expect = match self.audit.order(&id) {
            None => "unknown_order",
            Some(m) if ready(m) => "ok",
            Some(_) => "invalid_transition",
        };
        let result = self
            .lw
            .close_short(CloseShort {
                id: id.clone(),
                reason: None,
            })
            .map(|_| Effect::ClosedShort { id: id.clone() });
        Run::new(result, expect, Some(("order_closed_short", id)))
    }

    pub(super) fn edit(&self, pick: Pick, line: u32, units: u32, add: Option<&LineSpec>) -> Run {
        // Neither cancelled nor shipped (an order not confirmed has shipped nothing).
        let open = |m: &OrderModel| !(m.cancelled || m.confirmed && m.fully_shipped());
        let id = self.order_id(pick, open);
        let model = self.audit.order(&id);
        let asked = Self::line_qty(model, line, units);
        let qty = catalog::base(asked);
        let added = add.map(|spec| {
            let sku = ORDER_SKUS[usize::from(spec.sku) % ORDER_SKUS.len()];
            (sku.to_string(), catalog::units(sku, spec.qty))
        });
        let expect = match model {
            None => "unknown_order",
            Some(m) if !open(m) => "invalid_transition",
            Some(m) if line == 0 || line as usize > m.ordered.len() => "unknown_order_line",
            Some(m) if m.line_cancelled(line as usize - 1) => "invalid_transition",
            Some(_) if qty.is_zero() => "invalid_quantity",
            Some(m) => {
                let i = line as usize - 1;
                if qty < m.shipped[i] + m.closed[i] {
                    "below_shipped"
                } else if qty == m.ordered[i] && added.is_none() {
                    "invalid_input"
                } else {
                    "ok"
                }
            }
        };
        let request = EditOrder {
            id: id.clone(),
            lines: vec![LineChange {
                line,
                qty: Some(asked),
                requested_date: None,
            }],
            add: added
                .iter()
                .map(|(sku, q)| lotwise::NewOrderLine {
                    sku: sku.clone(),
                    qty: *q,
                    unit_price: Some("12.50 USD".parse().unwrap()),
                    requested_date: None,
                    lot: None,
                    min_remaining_shelf_life_days: None,
                })
                .collect(),
            ..Default::default()
        };
        let result = self.lw.edit_order(request).map(|_| Effect::Edited {
            id: id.clone(),
            line,
            qty,
            added: added.map(|(sku, q)| (sku, catalog::base(q))),
        });
        Run::new(result, expect, Some(("order_edited", id)))
    }
}
