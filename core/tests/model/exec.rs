//! The executor: runs commands on the engine, predicts from the state before
//! each command which outcome it must have (success or a given error code),
//! and checks after every step the engine's invariants, that failures
//! changed nothing, that changes left events, and the auditor's model.

use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use lotwise::{
    Adjustment, Clock, Completion, Demand, Error, FixedClock, Lot, Lotwise, ManufacturingOrder,
    MoStatus, Qty, Receipt, Snapshot,
};
use rust_decimal::Decimal;

use super::audit::{Auditor, Effect, OrderModel};
use super::automations;
use super::catalog::{self, SKUS};
use super::cmd::{AdjLot, Cmd, Good, LotPick, Pick};
use super::costs;
use super::inputs::{
    adjust_qty, diff, lot_expired, lot_in, new_order, newest, on_hand, output_qty, receipt_qty,
    reserved, same_state,
};
use super::rules;

#[path = "changes.rs"]
mod changes;
#[path = "place_and_ship.rs"]
mod place_and_ship;

/// Ids that never exist, for commands issued before anything was created.
const NO_ORDER: &str = "SO-999999";
const NO_MO: &str = "MO-999999";

/// One command as run: its result, the outcomes the state allowed, and the
/// event a success must leave.
struct Run {
    result: Result<Effect, Error>,
    /// "ok" or the error code the state before calls for.
    expect: &'static str,
    /// A success must append an event of this kind about this subject.
    event: Option<(&'static str, String)>,
}

impl Run {
    fn new(
        result: Result<Effect, Error>,
        expect: &'static str,
        event: Option<(&'static str, String)>,
    ) -> Self {
        Run {
            result,
            expect,
            event,
        }
    }
}

/// An engine, its clock, the state after the last step and the auditor.
pub struct Harness {
    clock: Arc<FixedClock>,
    lw: Lotwise,
    snap: Snapshot,
    audit: Auditor,
    /// Per step: "ok", "skip" or the error code.
    outcomes: Vec<String>,
}

impl Harness {
    fn new() -> Self {
        let (lw, clock) = catalog::engine();
        costs::setup(&lw);
        let snap = lw.snapshot().unwrap();
        let mut audit = Auditor::default();
        audit.observe_events(&snap.events, clock.now()).unwrap();
        Harness {
            clock,
            lw,
            snap,
            audit,
            outcomes: Vec::new(),
        }
    }

    /// Runs `cmds` from a fresh catalog; the outcome of every step, or the
    /// first broken check.
    pub fn run(cmds: &[Cmd]) -> Result<Vec<String>, String> {
        Self::run_engine(cmds).map(|(outcomes, _)| outcomes)
    }

    /// As `run`, and hands back the engine for further questions.
    pub fn run_engine(cmds: &[Cmd]) -> Result<(Vec<String>, Lotwise), String> {
        let mut h = Harness::new();
        for (i, cmd) in cmds.iter().enumerate() {
            h.step(cmd).map_err(|e| format!("step {i} {cmd:?}: {e}"))?;
        }
        Ok((h.outcomes, h.lw))
    }

    fn step(&mut self, cmd: &Cmd) -> Result<(), String> {
        let today = self.clock.now().date_naive();
        let Some(run) = self.dispatch(cmd, &self.snap, today) else {
            self.outcomes.push("skip".into());
            return Ok(());
        };
        let after = self.lw.snapshot().map_err(|e| e.to_string())?;
        let before = std::mem::replace(&mut self.snap, after);
        let after = &self.snap;
        let got = match &run.result {
            Ok(_) => "ok",
            Err(e) => e.code(),
        };
        if matches!(got, "internal" | "storage" | "conflict") || run.expect != got {
            return Err(format!(
                "expected {}, got {:?}",
                run.expect,
                run.result.as_ref().map(|_| "ok")
            ));
        }
        let violations = self.lw.check_invariants().map_err(|e| e.to_string())?;
        if !violations.is_empty() {
            return Err(format!("invariants: {violations:?}"));
        }
        let new_events = after.events.get(before.events.len()..).unwrap_or_default();
        let unchanged = match &run.result {
            Err(_) | Ok(Effect::Clock) => true,
            Ok(Effect::Placed { placed, .. }) => placed.replayed,
            Ok(_) => false,
        };
        if unchanged && *after != before {
            return Err(format!(
                "a {got} command changed the state: {}",
                diff(&before, after)
            ));
        }
        if !unchanged && new_events.is_empty() && !same_state(&before, after) {
            return Err(format!(
                "state changed without an event: {}",
                diff(&before, after)
            ));
        }
        if let (Ok(_), Some((kind, subject))) = (&run.result, &run.event) {
            if !new_events
                .iter()
                .any(|e| e.kind() == *kind && e.subject == *subject)
            {
                let kinds: Vec<_> = new_events.iter().map(|e| (e.kind(), &e.subject)).collect();
                return Err(format!("no {kind} event about {subject}; got {kinds:?}"));
            }
        }
        self.audit.observe_events(new_events, self.clock.now())?;
        if let Ok(effect) = run.result {
            let forced = match &effect {
                Effect::Completed { after, .. } => after.output.as_ref().map(|o| o.lot.clone()),
                _ => None,
            };
            rules::check_new_reservations(&before, &self.snap, today, forced.as_deref())?;
            self.audit.apply(effect, &before, &self.snap, today)?;
        }
        self.audit.check(&self.snap, &self.lw)?;
        costs::check(&self.snap, &self.lw)?;
        rules::check_waiting_mos(&self.snap, self.clock.now().date_naive())?;
        self.outcomes.push(got.to_string());
        Ok(())
    }

    /// The order `pick` names among those `ready` accepts (or all).
    pub(crate) fn order_id(&self, pick: Pick, ready: impl Fn(&OrderModel) -> bool) -> String {
        let all: Vec<&OrderModel> = self.audit.orders.iter().collect();
        newest(all, pick, |m| ready(m)).map_or(NO_ORDER.to_string(), |m| m.id.clone())
    }

    /// The MO `pick` names among those `ready` accepts (or all).
    fn mo_pick(
        before: &Snapshot,
        pick: Pick,
        ready: impl Fn(&ManufacturingOrder) -> bool,
    ) -> Option<&ManufacturingOrder> {
        newest(before.mos.iter().collect(), pick, |m| ready(m))
    }

    fn dispatch(&self, cmd: &Cmd, before: &Snapshot, today: NaiveDate) -> Option<Run> {
        let lw = &self.lw;
        Some(match cmd {
            Cmd::Receive {
                sku,
                amount,
                lot,
                expiry_in_days,
            } => {
                let sku = SKUS[usize::from(*sku) % SKUS.len()];
                let qty = receipt_qty(sku, *amount);
                let code = match lot {
                    LotPick::Generated => None,
                    LotPick::Own(n) => Some(format!("{sku}-N{}", n % 3)),
                    LotPick::Shared(n) => Some(format!("SHARED-{}", n % 2)),
                };
                let expiry = expiry_in_days.map(|d| today + Duration::days(d));
                // One lot has one expiry: naming another date for it is refused.
                let expect = match code.as_deref().and_then(|c| lot_in(before, c)) {
                    Some(l) if l.sku != sku => "duplicate_lot",
                    Some(l) if expiry.is_some() && l.expiry != expiry => "invalid_input",
                    // A lot a count found has no cost: one lot, one cost.
                    Some(l) if l.unit_cost.is_none() => "invalid_input",
                    _ => "ok",
                };
                let receipt = Receipt {
                    lot: code.clone(),
                    expiry,
                    unit_cost: Some(costs::receipt_cost(sku, qty)),
                    ..Receipt::new(sku, qty)
                };
                let result = lw.receive(receipt).map(|lot| Effect::Received {
                    sku: sku.into(),
                    qty: catalog::base(qty),
                    lot,
                    asked_lot: code,
                    asked_expiry: expiry,
                });
                Run::new(result, expect, Some(("stock_received", sku.into())))
            }
            Cmd::Adjust {
                sku,
                lot,
                amount,
                negative,
            } => {
                let sku = SKUS[usize::from(*sku) % SKUS.len()];
                let magnitude = adjust_qty(sku, *amount);
                let own: Vec<&Lot> = before.lots.iter().filter(|l| l.sku == sku).collect();
                let code = match lot {
                    AdjLot::Own(n) if own.is_empty() => format!("{sku}-C{n}"),
                    AdjLot::Own(n) => own[usize::from(*n) % own.len()].code.clone(),
                    AdjLot::Any(n) if before.lots.is_empty() => format!("{sku}-C{n}"),
                    AdjLot::Any(n) => before.lots[usize::from(*n) % before.lots.len()]
                        .code
                        .clone(),
                    AdjLot::Missing => "STRAY-LOT".into(),
                };
                let base = catalog::base(magnitude);
                let existing = lot_in(before, &code);
                let expect = if base.is_zero() {
                    "invalid_quantity"
                } else if existing.is_some_and(|l| l.sku != sku) {
                    "duplicate_lot"
                } else if *negative && existing.is_none() {
                    "unknown_lot"
                } else if *negative
                    && on_hand(before, &code, "MAIN") - base < reserved(before, &code, "MAIN")
                {
                    "insufficient_stock"
                } else {
                    "ok"
                };
                let delta = if *negative {
                    Qty::new(-magnitude.value, magnitude.uom)
                } else {
                    magnitude
                };
                let adj = Adjustment {
                    sku: sku.into(),
                    lot: code,
                    location: None,
                    delta,
                    reason: "cycle count".into(),
                };
                let signed = if *negative { -base } else { base };
                let result = lw.adjust_stock(adj).map(|_| Effect::Adjusted {
                    sku: sku.into(),
                    delta: signed,
                });
                Run::new(result, expect, Some(("stock_adjusted", sku.into())))
            }
            Cmd::Place {
                lines,
                ext,
                customer,
            } => {
                let input = new_order(before, lines, *ext, *customer);
                self.place(input, before)
            }
            Cmd::Replay(pick) => {
                let all: Vec<&OrderModel> = self.audit.orders.iter().collect();
                let input = newest(all, *pick, |m| m.input.external_ref.is_some())?
                    .input
                    .clone();
                self.place(input, before)
            }
            Cmd::Confirm(pick) => {
                let id = self.order_id(*pick, |m| !m.confirmed && !m.cancelled);
                let held = before.orders.iter().any(|o| o.id == id && o.hold.is_some());
                let expect = match self.audit.order(&id) {
                    None => "unknown_order",
                    Some(m) if m.confirmed || m.cancelled => "invalid_transition",
                    Some(_) if held => "order_on_hold",
                    Some(_) => "ok",
                };
                let result = lw.confirm_order(&id).map(|report| Effect::Planned {
                    id: id.clone(),
                    report,
                });
                Run::new(result, expect, Some(("order_confirmed", id)))
            }
            Cmd::Replan(pick) => {
                let id =
                    self.order_id(*pick, |m| m.confirmed && !m.cancelled && !m.fully_shipped());
                let expect = match self.audit.order(&id) {
                    None => "unknown_order",
                    Some(m) if !m.confirmed || m.cancelled || m.fully_shipped() => {
                        "invalid_transition"
                    }
                    Some(_) => "ok",
                };
                let result = lw.replan_order(&id).map(|report| Effect::Planned {
                    id: id.clone(),
                    report,
                });
                Run::new(result, expect, Some(("order_replanned", id)))
            }
            Cmd::CancelOrder(pick) => {
                let id = self.order_id(*pick, |m| !m.cancelled && !m.any_shipped());
                let expect = match self.audit.order(&id) {
                    None => "unknown_order",
                    Some(m) if m.cancelled || m.any_shipped() => "invalid_transition",
                    Some(_) => "ok",
                };
                let result = lw
                    .cancel_order(&id)
                    .map(|_| Effect::OrderCancelled { id: id.clone() });
                Run::new(result, expect, Some(("order_cancelled", id)))
            }
            Cmd::Ship { order, mode } => {
                let held = |m: &OrderModel| {
                    before.reservations.iter().any(
                        |r| matches!(&r.demand, Demand::OrderLine { order, .. } if *order == m.id),
                    )
                };
                self.ship(&self.order_id(*order, held), *mode, before, today)
            }
            Cmd::StartMo(pick) => {
                let mo = Self::mo_pick(before, *pick, |m| m.status == MoStatus::MaterialsReserved);
                let id = mo.map_or(NO_MO.to_string(), |m| m.id.clone());
                let expect = match mo {
                    None => "unknown_mo",
                    Some(m) if m.status != MoStatus::MaterialsReserved => "invalid_transition",
                    Some(m) => {
                        let demand = Demand::MoInput { mo: m.id.clone() };
                        let expired = before
                            .reservations
                            .iter()
                            .any(|r| r.demand == demand && lot_expired(before, &r.lot, today));
                        if expired {
                            "lot_expired"
                        } else {
                            "ok"
                        }
                    }
                };
                let result = lw.start_mo(&id).map(|after| Effect::Started {
                    before: mo.cloned().unwrap(),
                    after,
                });
                Run::new(result, expect, Some(("mo_status_changed", id)))
            }
            Cmd::CompleteMo {
                mo,
                good,
                scrap,
                dup_lot,
            } => {
                let mo = Self::mo_pick(before, *mo, |m| m.status == MoStatus::InProduction);
                let id = mo.map_or(NO_MO.to_string(), |m| m.id.clone());
                let product = mo.map_or("CANDLE", |m| m.product.as_str());
                let planned = mo.map_or(Decimal::ZERO, |m| m.qty);
                let pieces = catalog::is_pieces(product);
                let good_base = match good {
                    Good::Planned => planned,
                    Good::Pct(p) => (planned * Decimal::from(*p) / Decimal::ONE_HUNDRED).floor(),
                    Good::Fraction => Decimal::new(5, 1),
                };
                let scrap_base =
                    Decimal::from(*scrap) * if pieces { Decimal::ONE } else { Decimal::TEN };
                let lot = dup_lot.and_then(|n| {
                    before
                        .lots
                        .get(usize::from(n) % before.lots.len().max(1))
                        .map(|l| l.code.clone())
                });
                let expect = match mo {
                    None => "unknown_mo",
                    Some(m) if m.status != MoStatus::InProduction => "invalid_transition",
                    Some(_) if pieces && matches!(good, Good::Fraction) => "invalid_quantity",
                    Some(_) if lot.is_some() => "duplicate_lot",
                    Some(_) => "ok",
                };
                let completion = Completion {
                    lot,
                    good_qty: (*good != Good::Planned).then(|| output_qty(pieces, good_base)),
                    scrap_qty: (*scrap > 0).then(|| output_qty(pieces, scrap_base)),
                    expiry: None,
                };
                let named_lot = completion.lot.is_some();
                let result = lw
                    .complete_mo(&id, completion)
                    .map(|after| Effect::Completed {
                        before: mo.cloned().unwrap(),
                        after,
                        good: good_base,
                        scrap: scrap_base,
                        named_lot,
                    });
                Run::new(result, expect, Some(("mo_completed", id)))
            }
            Cmd::CancelMo(pick) => {
                let mo = Self::mo_pick(before, *pick, |m| m.status.is_open());
                let id = mo.map_or(NO_MO.to_string(), |m| m.id.clone());
                let expect = match mo {
                    None => "unknown_mo",
                    Some(m) if !m.status.is_open() => "invalid_transition",
                    Some(_) => "ok",
                };
                let result = lw.cancel_mo(&id).map(|_| Effect::MoCancelled {
                    before: mo.cloned().unwrap(),
                });
                Run::new(result, expect, Some(("mo_status_changed", id)))
            }
            Cmd::Advance(days) => {
                self.clock.advance_days(i64::from(*days));
                Run::new(Ok(Effect::Clock), "ok", None)
            }
            Cmd::Hold(r) => self.hold(*r, before),
            Cmd::Release(r) => self.release(*r, before),
            Cmd::RecallHold(r) => self.recall_hold(*r, before),
            Cmd::CancelLine { order, line, qty } => self.cancel_line(*order, *line, *qty),
            Cmd::CloseShort(pick) => self.close_short(*pick),
            Cmd::DefineRule(n) => {
                let rule = automations::nth(*n);
                let code = rule.code.clone();
                let result = lw.define_rule(rule).map(|_| Effect::Configured);
                Run::new(result, "ok", Some(("rule_defined", code)))
            }
            Cmd::ReleaseOrder(pick) => {
                let held = |id: &str| before.orders.iter().any(|o| o.id == id && o.hold.is_some());
                let id = self.order_id(*pick, |m| held(&m.id));
                let expect = match self.audit.order(&id) {
                    None => "unknown_order",
                    Some(_) if held(&id) => "ok",
                    Some(_) => "invalid_transition",
                };
                let result = lw.release_order(&id).map(|_| Effect::Configured);
                Run::new(result, expect, Some(("order_released", id)))
            }
            Cmd::Edit {
                order,
                line,
                qty,
                add,
            } => self.edit(*order, *line, *qty, add.as_ref()),
        })
    }
}
