//! Delays raised early: `check_delays` projects every confirmed, open
//! order with a promised date again and marks it `delayed` (with the late
//! lines and why) as soon as its projected delivery passes the promise,
//! emitting `order_delayed` once when it becomes late.
//!
//! A batch's projection is its booking, unless the booking can no longer
//! hold: a batch that has not started by its booked start, or still waits
//! for a material, is replanned from now on its work centers' calendars
//! (around no other booking: the earliest it could still be ready) with
//! the material at its purchase order's expected day (not before now) or
//! after the supplier's lead time. A started batch past its booked end is
//! ready no earlier than now. Reads never emit: a host calls
//! `check_delays` from its scheduler (every hour, each morning).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::planning::PromiseOptions;
use super::schedule::Booking;
use super::{Ctx, Lotwise};
use crate::domain::automation::Trigger;
use crate::domain::calendar::short_date;
use crate::domain::delay::{late_lines, DelayCheck, DelayedLine, OrderDelay};
use crate::domain::event::EventData;
use crate::domain::order::{OrderStatus, SalesOrder};
use crate::domain::production::{ManufacturingOrder, MoStatus};
use crate::domain::promise::{Basis, Planner, PlanningData, Source};
use crate::domain::reservation::Demand;
use crate::error::{Error, Result};

/// Statuses of confirmed orders with something still to make or ship.
const OPEN: [OrderStatus; 5] = [
    OrderStatus::AwaitingMaterials,
    OrderStatus::MaterialsReserved,
    OrderStatus::InProduction,
    OrderStatus::ReadyToShip,
    OrderStatus::PartiallyShipped,
];

impl Lotwise {
    /// Projects every confirmed, open order with a promised date again
    /// and marks the ones now projected to arrive after it as delayed
    /// (`delay` on the order: the late lines, the deciding batch and why),
    /// before the promised date passes. An order that becomes late emits
    /// `order_delayed` once; one back on time loses its mark. Call it from
    /// a scheduler; reads (the desk, `order_view`) show the last result.
    pub fn check_delays(&self) -> Result<DelayCheck> {
        self.write(|ctx| ctx.check_delays())
    }
}

impl Ctx<'_> {
    fn check_delays(&mut self) -> Result<DelayCheck> {
        let mut out = DelayCheck::default();
        if !self.planning_enabled()? {
            return Ok(out);
        }
        for status in OPEN {
            for order in self.tx.orders_with_status(status)? {
                if order.lines.iter().all(|l| l.promised_date.is_none()) {
                    continue;
                }
                out.checked += 1;
                self.check_order(order, &mut out)?;
            }
        }
        Ok(out)
    }

    fn check_order(&mut self, mut order: SalesOrder, out: &mut DelayCheck) -> Result<()> {
        let late = self.late_lines(&order)?;
        let id = order.id.clone();
        match (order.delay.take(), late.is_empty()) {
            (None, true) => return Ok(()),
            (Some(_), true) => {
                out.cleared.push(id);
                order.delay = None;
            }
            (Some(old), false) => {
                out.still_delayed.push(id);
                if old.lines == late {
                    return Ok(());
                }
                order.delay = Some(OrderDelay {
                    since: old.since,
                    lines: late,
                });
            }
            (None, false) => {
                self.emit(
                    &id,
                    EventData::OrderDelayed {
                        lines: late.clone(),
                    },
                )?;
                out.newly_delayed.push(id.clone());
                order.delay = Some(OrderDelay {
                    since: self.now,
                    lines: late,
                });
                self.tx.put_order(order)?;
                // The `order_delayed` rules act on it (tag it, tell someone).
                return self.run_order_rules(&Trigger::OrderDelayed, &id);
            }
        }
        self.tx.put_order(order)
    }

    /// The lines of `order` projected to arrive after their promised date.
    fn late_lines(&mut self, order: &SalesOrder) -> Result<Vec<DelayedLine>> {
        let options = PromiseOptions::default();
        let projected = match self.promise_order_as(order, &options, true) {
            Ok(p) => p,
            // Nothing left to promise (every line shipped): nothing is late.
            Err(Error::InvalidTransition { .. }) => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        // Per line, the open batch whose projected output comes last, and
        // what it still waits for.
        let mut deciding: BTreeMap<u32, (String, String)> = BTreeMap::new();
        for lp in &projected.lines {
            let last = lp
                .supplies
                .iter()
                .filter_map(|p| match &p.source {
                    Source::Mo { mo } => Some((p.available_at, mo)),
                    _ => None,
                })
                .max();
            if let Some((_, mo)) = last {
                let waits = self.waits_of(mo)?;
                deciding.insert(lp.line, (mo.clone(), waits));
            }
        }
        Ok(late_lines(order, &projected, &|line| {
            deciding.get(&line).cloned()
        }))
    }

    /// What an open batch still waits for, in words: the materials it is
    /// short of, or its booked start that passed.
    fn waits_of(&mut self, mo_id: &str) -> Result<String> {
        let Some(mo) = self.tx.mo(mo_id)? else {
            return Ok(String::new());
        };
        let short = self.short_materials(&mo)?;
        if !short.is_empty() {
            let mut names = Vec::new();
            for (sku, qty) in &short {
                let item = self.item(sku)?;
                names.push(format!(
                    "{} ({} {} short)",
                    item.name,
                    qty.normalize(),
                    item.uom
                ));
            }
            return Ok(format!("waits for {}", names.join(", ")));
        }
        if mo.status == MoStatus::InProduction {
            return Ok("is still in production".into());
        }
        let booked = self.booking(mo_id)?;
        match booked.as_ref().and_then(|b| b.operations.first()) {
            Some(op) if op.start < self.now => Ok(format!(
                "has not started (booked to start {})",
                short_date(op.start.date_naive())
            )),
            _ => Ok(String::new()),
        }
    }

    /// Inputs of a batch not yet started that are neither reserved for it
    /// nor made by an intermediate batch (items with a recipe).
    fn short_materials(&mut self, mo: &ManufacturingOrder) -> Result<Vec<(String, Decimal)>> {
        if mo.status == MoStatus::InProduction || !mo.status.is_open() {
            return Ok(Vec::new());
        }
        let held = self
            .tx
            .reservations_for(&Demand::MoInput { mo: mo.id.clone() })?;
        let mut short = Vec::new();
        for req in &mo.requirements {
            let have: Decimal = held
                .iter()
                .filter(|r| r.sku == req.sku)
                .map(|r| r.qty)
                .sum();
            if req.qty > have && self.tx.recipe(&req.sku)?.is_none() {
                short.push((req.sku.clone(), req.qty - have));
            }
        }
        Ok(short)
    }

    /// When a batch's output is ready and why: its booking's date, or with
    /// `project`, its projection (see the module). A batch without a
    /// booking is ready now.
    pub(crate) fn mo_ready(
        &mut self,
        mo: &ManufacturingOrder,
        project: bool,
    ) -> Result<(DateTime<Utc>, Basis)> {
        let now = self.now;
        let Some(booking) = self.booking(&mo.id)? else {
            return Ok((
                now,
                Basis::Production {
                    work_center: None,
                    start: now,
                    end: now,
                    waited: false,
                },
            ));
        };
        if !project {
            return Ok((booking.ready_at, booking.basis));
        }
        self.projected_ready(mo, booking)
    }

    fn projected_ready(
        &mut self,
        mo: &ManufacturingOrder,
        booking: Booking,
    ) -> Result<(DateTime<Utc>, Basis)> {
        let now = self.now;
        if mo.status == MoStatus::InProduction || mo.started_at.is_some() {
            return Ok((booking.ready_at.max(now), booking.basis));
        }
        let short = self.short_materials(mo)?;
        let first_start = booking
            .operations
            .first()
            .map_or(booking.ready_at, |o| o.start);
        if short.is_empty() && first_start >= now {
            return Ok((booking.ready_at, booking.basis));
        }
        let recipe = match self.tx.recipe_version(&mo.product, mo.recipe_version)? {
            Some(r) => r,
            None => self
                .tx
                .recipe(&mo.product)?
                .ok_or_else(|| Error::NoRecipe {
                    sku: mo.product.clone(),
                })?,
        };
        let mut items = BTreeMap::new();
        for sku in short.iter().map(|(s, _)| s).chain([&mo.product]) {
            items.insert(sku.clone(), self.item(sku)?);
        }
        self.apply_supplier_lead_times(&mut items)?;
        let codes = recipe
            .operations
            .iter()
            .filter(|o| o.elapsed.is_none())
            .map(|o| o.work_center.clone())
            .collect();
        let (centers, _booked) = self.centers_and_loads(codes)?;
        let options = PromiseOptions::default();
        let data = PlanningData {
            now,
            items,
            recipes: BTreeMap::new(),
            free_stock: BTreeMap::new(),
            incoming: self.incoming_supply(&options)?,
            open_output: Vec::new(),
            centers,
            // Around no other booking: the earliest the batch can be ready.
            loads: BTreeMap::new(),
            shipping: self.shipping(&options)?,
        };
        let plan = Planner::new(&data).schedule_mo(&recipe.operations, mo.qty, &short, &[], now)?;
        if plan.ready_at > booking.ready_at {
            Ok((plan.ready_at, plan.basis))
        } else {
            Ok((booking.ready_at, booking.basis))
        }
    }
}
