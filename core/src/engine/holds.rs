//! Lot holds: a lot put on hold (QA hold, recall, customer complaint) is
//! never reserved, consumed, transferred or shipped until it is released.
//!
//! Placing a hold releases every reservation on the lot and re-plans what
//! held them: manufacturing orders reserve their inputs again (or plan a
//! batch of a short intermediate), orders reserve other stock, join or
//! create batches. A recall can hold the recalled lot and every lot made
//! from it in one command. The guards that keep held stock still are in
//! [`Ctx::candidates_in`] (no reservation) and [`Ctx::move_stock`] (no
//! consumption, shipment or transfer out).

use std::collections::{BTreeSet, VecDeque};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::orders::Shortage;
use super::{Ctx, Lotwise};
use crate::domain::event::{EventData, Shortfall};
use crate::domain::ledger::MovementReason;
use crate::domain::location::LocationKind;
use crate::domain::lot::{HoldReason, Lot, LotHold};
use crate::domain::order::OrderStatus;
use crate::domain::production::{ManufacturingOrder, MoStatus};
use crate::domain::reservation::Demand;
use crate::domain::trace::RecallReport;
use crate::domain::transfer::TRANSIT;
use crate::error::{Error, Result};
use crate::store::location_codes;

/// Input to `hold_lot`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HoldLot {
    /// The lot to hold.
    pub lot: String,
    /// Why: `qa_hold`, `recall`, `customer_complaint` or `other`.
    pub reason: HoldReason,
    /// Free text for the record (test number, complaint reference).
    #[serde(default)]
    pub note: Option<String>,
}

/// Input to `release_lot`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReleaseLot {
    /// The held lot to release.
    pub lot: String,
    /// Free text for the record (the test result, say).
    #[serde(default)]
    pub note: Option<String>,
}

/// Input to `recall_and_hold`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecallAndHold {
    /// The recalled lot.
    pub lot: String,
    /// Free text for the record (the supplier's notice, say).
    #[serde(default)]
    pub note: Option<String>,
}

/// One lot put on hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HeldLot {
    /// Lot.
    pub lot: String,
    /// Item.
    pub sku: String,
    /// On hand at stock locations (internal, quarantine, transit), base unit.
    pub on_hand: Decimal,
    /// Reserved quantity released, base unit.
    pub released: Decimal,
}

/// What placing holds did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HoldReport {
    /// The lots put on hold now, in the order held.
    pub held: Vec<HeldLot>,
    /// Lots that were already on hold and were left as they were.
    pub already_held: Vec<String>,
    /// Orders whose lines lost reserved stock and were re-planned.
    pub replanned_orders: Vec<String>,
    /// Manufacturing orders whose inputs lost reserved stock and were re-planned.
    pub replanned_mos: Vec<String>,
    /// Orders affected (directly or through their batches) that are now
    /// short: some line has neither stock nor materials behind it.
    pub short_orders: Vec<String>,
    /// What is missing after re-planning.
    pub shortages: Vec<Shortage>,
}

/// What `recall_and_hold` did: the recall report and the holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecallHoldReport {
    /// The recall report, as `recall` answers it after the holds.
    pub recall: RecallReport,
    /// The holds placed and what they re-planned.
    pub hold: HoldReport,
}

impl Lotwise {
    /// Puts a lot on hold. Its reservations are released and the orders and
    /// manufacturing orders that held them re-planned (other stock, open or
    /// new batches); the report and the `lot_held` event say which, and
    /// which orders are now short. Until released, the lot is never
    /// reserved, consumed, transferred or shipped (`lot_on_hold`).
    pub fn hold_lot(&self, request: HoldLot) -> Result<HoldReport> {
        self.write(|ctx| {
            let lot = ctx.known_lot(&request.lot)?;
            if let Some(hold) = &lot.hold {
                return Err(Error::LotOnHold {
                    lot: lot.code,
                    reason: hold.reason.as_str().into(),
                });
            }
            let note = clean_note(request.note.as_deref())?;
            let hold = LotHold {
                reason: request.reason,
                note,
                recall_of: None,
                since: ctx.now,
            };
            ctx.hold_lots(vec![lot], &hold)
        })
    }

    /// Releases a held lot: it serves demand again, and waiting orders and
    /// batches are served from it at once. `lot_not_held` when it is not held.
    pub fn release_lot(&self, request: ReleaseLot) -> Result<Lot> {
        self.write(|ctx| {
            let mut lot = ctx.known_lot(&request.lot)?;
            let Some(hold) = lot.hold.take() else {
                return Err(Error::LotNotHeld { lot: lot.code });
            };
            let note = clean_note(request.note.as_deref())?;
            ctx.tx.put_lot(&lot)?;
            ctx.emit(
                &lot.code,
                EventData::LotReleased {
                    sku: lot.sku.clone(),
                    reason: hold.reason,
                    note,
                },
            )?;
            ctx.fill_waiting(&lot.sku)?;
            Ok(lot)
        })
    }

    /// Recalls a lot and holds, in one command, the lot and every lot made
    /// from it at every level: each is held with reason `recall`, its
    /// reservations are released and what held them re-planned. Answers the
    /// recall report with what was held and which orders are now short.
    /// Goods of these lots that customers return later come back held.
    pub fn recall_and_hold(&self, request: RecallAndHold) -> Result<RecallHoldReport> {
        self.write(|ctx| {
            let note = clean_note(request.note.as_deref())?;
            let first = ctx.known_lot(&request.lot)?;
            let mut lots = vec![first];
            let mut seen = BTreeSet::from([request.lot.clone()]);
            let mut queue = VecDeque::from([request.lot.clone()]);
            while let Some(at) = queue.pop_front() {
                for e in ctx.tx.edges_from(&at)? {
                    if seen.insert(e.to_lot.clone()) {
                        lots.push(ctx.known_lot(&e.to_lot)?);
                        queue.push_back(e.to_lot);
                    }
                }
            }
            let hold = LotHold {
                reason: HoldReason::Recall,
                note,
                recall_of: Some(request.lot.clone()),
                since: ctx.now,
            };
            let report = ctx.hold_lots(lots, &hold)?;
            let recall = ctx.recall_report(&request.lot)?;
            Ok(RecallHoldReport {
                recall,
                hold: report,
            })
        })
    }
}

/// A note trimmed, `None` when empty; refused past 500 characters.
fn clean_note(note: Option<&str>) -> Result<Option<String>> {
    match note.map(str::trim) {
        None | Some("") => Ok(None),
        Some(n) if n.chars().count() > 500 => Err(Error::invalid_input(
            "note",
            n,
            "must be at most 500 characters",
        )),
        Some(n) => Ok(Some(n.to_string())),
    }
}

impl Ctx<'_> {
    /// The lot, or `unknown_lot`.
    fn known_lot(&mut self, code: &str) -> Result<Lot> {
        self.tx
            .lot(code)?
            .ok_or_else(|| Error::UnknownLot { lot: code.into() })
    }

    /// Refuses to consume, ship or transfer out a held lot (stock in
    /// transit may still arrive; returns, adjustments and scrap still book).
    pub(crate) fn refuse_held_movement(
        &mut self,
        sku: &str,
        lot: &str,
        from: &str,
        reason: MovementReason,
    ) -> Result<()> {
        let guarded = match reason {
            MovementReason::Consumption | MovementReason::Shipment => true,
            MovementReason::Transfer => from != TRANSIT,
            _ => false,
        };
        if !guarded {
            return Ok(());
        }
        match self.tx.lot(lot)? {
            Some(l) if l.sku == sku => match l.hold {
                Some(hold) => Err(Error::LotOnHold {
                    lot: l.code,
                    reason: hold.reason.as_str().into(),
                }),
                None => Ok(()),
            },
            _ => Ok(()),
        }
    }

    /// `lot_on_hold` when the named lot is held.
    pub(crate) fn refuse_held_lot(&mut self, code: &str) -> Result<()> {
        if let Some(lot) = self.tx.lot(code)? {
            if let Some(hold) = lot.hold {
                return Err(Error::LotOnHold {
                    lot: lot.code,
                    reason: hold.reason.as_str().into(),
                });
            }
        }
        Ok(())
    }

    /// A batch that consumed a held lot makes a held lot: the output of a
    /// recalled input is recalled too. Called when the output lot is made.
    pub(crate) fn hold_if_made_from_held(
        &mut self,
        mo: &ManufacturingOrder,
        output: &str,
    ) -> Result<()> {
        let mut inherited = None;
        for c in &mo.consumed {
            if let Some(hold) = self.tx.lot(&c.lot)?.and_then(|l| l.hold) {
                inherited = Some((c.lot.clone(), hold));
                break;
            }
        }
        let Some((input, hold)) = inherited else {
            return Ok(());
        };
        let lot = self.known_lot(output)?;
        let hold = LotHold {
            reason: hold.reason,
            note: Some(format!("made from held lot {input}")),
            recall_of: hold.recall_of.or(Some(input)),
            since: self.now,
        };
        self.hold_lots(vec![lot], &hold)?;
        Ok(())
    }

    /// Holds `lots` (those not held yet), releases their reservations and
    /// re-plans the batches and orders that lose stock.
    pub(crate) fn hold_lots(&mut self, lots: Vec<Lot>, hold: &LotHold) -> Result<HoldReport> {
        let mut report = HoldReport::default();
        let mut orders: BTreeSet<String> = BTreeSet::new();
        let mut mos: BTreeSet<String> = BTreeSet::new();
        let stock_locations: BTreeSet<String> =
            location_codes(&mut *self.tx, LocationKind::holds_stock)?
                .into_iter()
                .collect();
        for mut lot in lots {
            if lot.is_held() {
                report.already_held.push(lot.code.clone());
                continue;
            }
            lot.hold = Some(hold.clone());
            self.tx.put_lot(&lot)?;
            let on_hand: Decimal = self
                .tx
                .balances_of_lot(&lot.code)?
                .iter()
                .filter(|b| b.sku == lot.sku && stock_locations.contains(&b.location))
                .map(|b| b.qty)
                .sum();
            let mut released = Decimal::ZERO;
            let mut lot_orders = BTreeSet::new();
            let mut lot_mos = BTreeSet::new();
            // A SKU's reservations are read only when some of the lot is
            // reserved: on SQLite that read walks every open reservation
            // (they are filed by demand only), and most lots put on hold
            // are not reserved at all.
            let reserved = self
                .tx
                .reserved_of_lot(&lot.sku, &lot.code)?
                .iter()
                .any(|b| !b.qty.is_zero());
            let mut held: Vec<_> = if reserved {
                self.tx
                    .reservations_of_item(&lot.sku)?
                    .into_iter()
                    .filter(|r| r.lot == lot.code)
                    .collect()
            } else {
                Vec::new()
            };
            held.sort_by_key(|r| r.id);
            for r in held {
                self.tx.delete_reservation(r.id)?;
                released += r.qty;
                match r.demand {
                    Demand::OrderLine { order, .. } => {
                        lot_orders.insert(order);
                    }
                    Demand::MoInput { mo } => {
                        lot_mos.insert(mo);
                    }
                }
            }
            self.emit(
                &lot.code,
                EventData::LotHeld {
                    sku: lot.sku.clone(),
                    reason: hold.reason,
                    note: hold.note.clone(),
                    recall_of: hold.recall_of.clone(),
                    on_hand,
                    released,
                    orders: lot_orders.iter().cloned().collect(),
                    mos: lot_mos.iter().cloned().collect(),
                },
            )?;
            report.held.push(HeldLot {
                lot: lot.code.clone(),
                sku: lot.sku.clone(),
                on_hand,
                released,
            });
            orders.extend(lot_orders);
            mos.extend(lot_mos);
        }
        // Batches first: they reserve their inputs again (or plan a batch
        // of a short intermediate) and their orders' statuses follow.
        let mut affected: BTreeSet<String> = orders.clone();
        for id in &mos {
            let mo = self.mo(id)?;
            if !matches!(
                mo.status,
                MoStatus::AwaitingMaterials | MoStatus::MaterialsReserved
            ) {
                continue;
            }
            report.shortages.extend(self.reserve_mo_inputs(id, true)?);
            report.replanned_mos.push(id.clone());
            affected.extend(self.orders_behind(&mo)?);
        }
        for id in &orders {
            let order = self.order(id)?;
            if order.confirmed_at.is_none()
                || matches!(order.status, OrderStatus::Cancelled | OrderStatus::Shipped)
            {
                continue;
            }
            let plan = self.replan_confirmed(id)?;
            report.shortages.extend(plan.shortages);
            report.replanned_orders.push(id.clone());
        }
        for id in affected {
            let order = self.order(&id)?;
            if matches!(order.status, OrderStatus::Cancelled | OrderStatus::Shipped) {
                continue;
            }
            let covers = self.line_covers(&order)?;
            if covers
                .iter()
                .any(|c| c.status() == OrderStatus::AwaitingMaterials)
            {
                report.short_orders.push(id);
            }
        }
        Ok(report)
    }

    /// The orders a batch (or the batch it feeds, up the tree) is allocated to.
    fn orders_behind(&mut self, mo: &ManufacturingOrder) -> Result<BTreeSet<String>> {
        let mut out = BTreeSet::new();
        let mut at = Some(mo.clone());
        let mut guard = 0;
        while let Some(m) = at {
            out.extend(m.allocations.iter().map(|a| a.order.clone()));
            guard += 1;
            at = match (&m.parent_mo, guard < 64) {
                (Some(p), true) => self.tx.mo(p)?,
                _ => None,
            };
        }
        Ok(out)
    }

    /// Re-plans a confirmed order as `replan_order` does: reserves and plans
    /// what it lacks, books and promises, and records `order_replanned`.
    pub(crate) fn replan_confirmed(&mut self, id: &str) -> Result<super::ConfirmReport> {
        let order = self.order(id)?;
        let report = self.plan_order(&order)?;
        self.book_and_promise(id, &report.mos)?;
        self.emit(
            id,
            EventData::OrderReplanned {
                reserved: report.reserved.clone(),
                mos: report.mos.clone(),
                shortages: shortfalls(&report.shortages),
            },
        )?;
        Ok(report)
    }
}

/// Shortages as the events carry them.
pub(crate) fn shortfalls(shortages: &[Shortage]) -> Vec<Shortfall> {
    shortages
        .iter()
        .map(|s| Shortfall {
            sku: s.sku.clone(),
            missing: s.missing,
            needed_for: s.needed_for.clone(),
        })
        .collect()
}
