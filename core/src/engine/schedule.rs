//! The production schedule: booking manufacturing orders' operations on
//! work centers, freeing them when a batch completes or is cancelled,
//! rescheduling, and the schedule query.
//!
//! A booking is stored per manufacturing order (real start and end times);
//! each work center also keeps a compact index of its booked calendar
//! positions, which is what promises read.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::capacity_cache::CachedCenter;
use super::capacity_load;
use super::planning::{records, PromiseOptions};
use super::{Ctx, Lotwise};
use crate::domain::capacity::WorkCenter;
use crate::domain::event::{EventData, ScheduledOperation};
use crate::domain::production::{ManufacturingOrder, MoStatus};

/// A booked operation's start and end.
type Span = (DateTime<Utc>, DateTime<Utc>);
use crate::domain::promise::{Avail, Basis, Planner, PlanningData};
use crate::domain::reservation::Demand;
use crate::error::{Error, Result};

/// One booked operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BookedOperation {
    /// Work center (empty for an elapsed step).
    pub work_center: String,
    /// The elapsed step's name (`cure`) when the operation is one: it
    /// holds no work center.
    #[serde(default)]
    pub elapsed: Option<String>,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Working minutes.
    pub minutes: i64,
}

/// A manufacturing order's place on the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Booking {
    /// Manufacturing order.
    pub mo: String,
    /// Product.
    pub product: String,
    /// Planned output.
    pub qty: Decimal,
    /// Its operations, in order.
    pub operations: Vec<BookedOperation>,
    /// When the output is ready.
    pub ready_at: DateTime<Utc>,
    /// What decided that.
    pub basis: Basis,
    /// The same in words.
    pub explanation: String,
    /// When it was booked.
    pub booked_at: DateTime<Utc>,
}

/// A row of the production schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScheduleRow {
    /// Manufacturing order.
    pub mo: String,
    /// Product.
    pub product: String,
    /// Work center (empty for an elapsed step).
    pub work_center: String,
    /// The elapsed step's name (`cure`) when the row is one: calendar time
    /// the batch waits through without holding a work center.
    #[serde(default)]
    pub elapsed: Option<String>,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Working minutes (of the step's own calendar for an elapsed step).
    pub minutes: i64,
}

impl Lotwise {
    /// The booking of a manufacturing order, if it has one.
    pub fn booking(&self, mo: &str) -> Result<Option<Booking>> {
        self.read(|ctx| {
            ctx.mo(mo)?;
            ctx.booking(mo)
        })
    }

    /// Booked operations overlapping `[from, to)`, by start, work center, MO.
    pub fn schedule(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<ScheduleRow>> {
        self.read(|ctx| {
            let mut rows = Vec::new();
            for b in ctx.records::<Booking>(records::CAPACITY_BOOKING)? {
                for op in &b.operations {
                    if op.minutes > 0 && op.start < to && op.end > from {
                        rows.push(ScheduleRow {
                            mo: b.mo.clone(),
                            product: b.product.clone(),
                            work_center: op.work_center.clone(),
                            elapsed: op.elapsed.clone(),
                            start: op.start,
                            end: op.end,
                            minutes: op.minutes,
                        });
                    }
                }
            }
            rows.sort_by(|a, b| {
                (a.start, &a.work_center, &a.mo).cmp(&(b.start, &b.work_center, &b.mo))
            });
            Ok(rows)
        })
    }

    /// Frees an open manufacturing order's booking and books it again at
    /// the earliest free slots from `not_before` (and no earlier than its
    /// materials allow). Other batches are not moved.
    pub fn reschedule_mo(&self, id: &str, not_before: DateTime<Utc>) -> Result<Booking> {
        self.write(|ctx| {
            let mo = ctx.mo(id)?;
            if !mo.status.is_open() {
                return Err(Error::InvalidTransition {
                    entity: "mo".into(),
                    id: id.into(),
                    from: mo.status.as_str().into(),
                    action: "reschedule".into(),
                });
            }
            if !ctx.planning_enabled()? {
                return Err(Error::invalid_input(
                    "work_center",
                    "",
                    "define a work center before scheduling",
                ));
            }
            ctx.free_capacity(id)?;
            let booked = ctx.book_list(vec![mo], not_before)?;
            ctx.track_open_output(id)?;
            booked.into_iter().next().ok_or_else(|| Error::Internal {
                reason: format!("{id} was not booked"),
            })
        })
    }
}

impl Ctx<'_> {
    /// The stored booking of a manufacturing order.
    pub fn booking(&mut self, mo: &str) -> Result<Option<Booking>> {
        self.record(records::CAPACITY_BOOKING, mo)
    }

    /// Books every open, unbooked manufacturing order among `roots` and
    /// their intermediate batches (children before parents), in the order a
    /// promise plans them, so the dates match what was promised.
    pub fn book_mos(&mut self, roots: &[String]) -> Result<Vec<Booking>> {
        let mut todo = Vec::new();
        let mut seen = BTreeSet::new();
        for id in roots {
            if !seen.insert(id.clone()) || self.booking(id)?.is_some() {
                continue;
            }
            let mo = self.mo(id)?;
            if mo.status.is_open() {
                todo.push(mo);
            }
        }
        let mut order = Vec::new();
        for mo in todo {
            self.post_order(mo, &mut seen, &mut order)?;
        }
        let booked = self.book_list(order, self.now)?;
        let mut touched: Vec<String> = roots.to_vec();
        touched.extend(booked.iter().map(|b| b.mo.clone()));
        touched.sort();
        touched.dedup();
        for id in touched {
            self.track_open_output(&id)?;
        }
        Ok(booked)
    }

    /// Appends `mo` to `out` after the unbooked open batches feeding it,
    /// depth first: suppliers are booked before the batches they feed.
    fn post_order(
        &mut self,
        mo: ManufacturingOrder,
        seen: &mut BTreeSet<String>,
        out: &mut Vec<ManufacturingOrder>,
    ) -> Result<()> {
        for supplier in self.suppliers_of(&mo)? {
            if seen.insert(supplier.id.clone()) && self.booking(&supplier.id)?.is_none() {
                self.post_order(supplier, seen, out)?;
            }
        }
        out.push(mo);
        Ok(())
    }

    /// Plans and stores bookings for `list` (children before parents).
    fn book_list(
        &mut self,
        list: Vec<ManufacturingOrder>,
        not_before: DateTime<Utc>,
    ) -> Result<Vec<Booking>> {
        struct Job {
            mo: ManufacturingOrder,
            ops: Vec<crate::domain::recipe::Operation>,
            short: Vec<(String, Decimal)>,
            children: Vec<String>,
        }
        let mut jobs = Vec::with_capacity(list.len());
        let mut skus = BTreeSet::new();
        let mut codes = BTreeSet::new();
        for mo in list {
            let recipe = match self.tx.recipe_version(&mo.product, mo.recipe_version)? {
                Some(r) => r,
                None => self
                    .tx
                    .recipe(&mo.product)?
                    .ok_or_else(|| Error::NoRecipe {
                        sku: mo.product.clone(),
                    })?,
            };
            let kids = self.suppliers_of(&mo)?;
            let made: BTreeSet<&str> = kids.iter().map(|k| k.product.as_str()).collect();
            let mut short = Vec::new();
            if mo.status != MoStatus::InProduction {
                let held = self
                    .tx
                    .reservations_for(&Demand::MoInput { mo: mo.id.clone() })?;
                for req in &mo.requirements {
                    let have: Decimal = held
                        .iter()
                        .filter(|r| r.sku == req.sku)
                        .map(|r| r.qty)
                        .sum();
                    if req.qty > have && !made.contains(req.sku.as_str()) {
                        short.push((req.sku.clone(), req.qty - have));
                    }
                }
            }
            skus.insert(mo.product.clone());
            skus.extend(short.iter().map(|(s, _)| s.clone()));
            codes.extend(
                recipe
                    .operations
                    .iter()
                    .filter(|o| o.elapsed.is_none())
                    .map(|o| o.work_center.clone()),
            );
            jobs.push(Job {
                children: kids.iter().map(|k| k.id.clone()).collect(),
                mo,
                ops: recipe.operations,
                short,
            });
        }
        let mut items = BTreeMap::new();
        for sku in skus {
            let item = self.item(&sku)?;
            items.insert(sku, item);
        }
        self.apply_supplier_lead_times(&mut items)?;
        let (centers, loads) = self.centers_and_loads(codes)?;
        let options = PromiseOptions::default();
        let data = PlanningData {
            now: self.now,
            items,
            recipes: BTreeMap::new(),
            free_stock: BTreeMap::new(),
            incoming: self.incoming_supply(&options)?,
            open_output: Vec::new(),
            centers,
            loads,
            shipping: self.shipping(&options)?,
        };
        let mut prior: BTreeMap<String, Avail> = BTreeMap::new();
        for job in &jobs {
            for child in &job.children {
                if let Some(b) = self.booking(child)? {
                    prior.insert(child.clone(), (b.ready_at, Some(b.basis)));
                }
            }
        }
        let mut planner = Planner::new(&data);
        let mut bookings = Vec::with_capacity(jobs.len());
        for job in &jobs {
            let kids: Vec<Avail> = job
                .children
                .iter()
                .filter_map(|c| prior.get(c).cloned())
                .collect();
            let plan = planner.schedule_mo(&job.ops, job.mo.qty, &job.short, &kids, not_before)?;
            prior.insert(job.mo.id.clone(), (plan.ready_at, Some(plan.basis.clone())));
            bookings.push(Booking {
                mo: job.mo.id.clone(),
                product: job.mo.product.clone(),
                qty: job.mo.qty,
                operations: plan
                    .operations
                    .iter()
                    .map(|p| BookedOperation {
                        work_center: p.work_center.clone(),
                        elapsed: p.elapsed.clone(),
                        start: p.start,
                        end: p.end,
                        minutes: p.minutes,
                    })
                    .collect(),
                ready_at: plan.ready_at,
                basis: plan.basis,
                explanation: plan.explanation,
                booked_at: self.now,
            });
        }
        for (code, pairs) in planner.tentative() {
            // The planner placed operations only on work centers it knew.
            let Some(entry) = self.center_and_load(code)? else {
                continue;
            };
            let touched = capacity_load::pieces_of(pairs);
            let mut all = Vec::with_capacity(entry.pairs.len() + pairs.len());
            all.extend_from_slice(&entry.pairs);
            all.extend_from_slice(pairs);
            all.sort_unstable();
            self.write_load(entry.center, all, &touched)?;
        }
        for b in &bookings {
            self.put_record(records::CAPACITY_BOOKING, &b.mo, b)?;
            self.emit(
                &b.mo,
                EventData::MoScheduled {
                    operations: b
                        .operations
                        .iter()
                        .map(|o| ScheduledOperation {
                            work_center: o.work_center.clone(),
                            elapsed: o.elapsed.clone(),
                            start: o.start,
                            end: o.end,
                            minutes: o.minutes,
                        })
                        .collect(),
                    ready_at: b.ready_at,
                    basis: b.basis.clone(),
                },
            )?;
        }
        Ok(bookings)
    }

    /// Frees a manufacturing order's booked capacity (completion,
    /// cancellation, rescheduling). Nothing happens when it has none.
    pub fn free_capacity(&mut self, mo: &str) -> Result<()> {
        let Some(booking) = self.booking(mo)? else {
            return Ok(());
        };
        let mut by_center: BTreeMap<String, Vec<Span>> = BTreeMap::new();
        let held = booking.operations.iter();
        for op in held.filter(|o| o.minutes > 0 && o.elapsed.is_none()) {
            by_center
                .entry(op.work_center.clone())
                .or_default()
                .push((op.start, op.end));
        }
        for (code, spans) in by_center {
            let Some(entry) = self.center_and_load(&code)? else {
                continue;
            };
            let cal = &entry.center.calendar;
            let mut pairs: Vec<(i64, i64)> = entry.pairs.to_vec();
            let mut touched = BTreeSet::new();
            for (start, end) in spans {
                let key = (cal.position(start), cal.position(end));
                if let Some(i) = pairs.iter().position(|p| *p == key) {
                    pairs.remove(i);
                    touched.insert(capacity_load::piece_of(key.0));
                }
            }
            self.write_load(entry.center, pairs, &touched)?;
        }
        self.tx.delete_doc(records::CAPACITY_BOOKING, mo)?;
        self.track_open_output(mo)
    }

    /// Recomputes a work center's index from its bookings, after its
    /// calendar changed.
    pub fn rebuild_load(&mut self, center: &WorkCenter) -> Result<()> {
        let mut pairs = Vec::new();
        for b in self.records::<Booking>(records::CAPACITY_BOOKING)? {
            for op in &b.operations {
                if op.work_center == center.code && op.minutes > 0 && op.elapsed.is_none() {
                    let cal = &center.calendar;
                    pairs.push((cal.position(op.start), cal.position(op.end)));
                }
            }
        }
        pairs.sort_unstable();
        // The calendar changed: every position moves, so every piece the
        // old intervals or the new ones fall in is written again.
        let old = capacity_load::read_load(&mut *self.tx, &center.code)?;
        let mut touched = capacity_load::pieces_of(&old);
        touched.extend(capacity_load::pieces_of(&pairs));
        self.write_load(center.clone(), pairs, &touched)
    }

    /// Stores a work center's booked intervals (all of them, sorted) under
    /// a new capacity version, writing only the `touched` pieces, and keeps
    /// them parsed for the rest of the transaction and, once it commits,
    /// for the commands after it.
    fn write_load(
        &mut self,
        center: WorkCenter,
        pairs: Vec<(i64, i64)>,
        touched: &BTreeSet<i64>,
    ) -> Result<()> {
        let code = center.code.clone();
        let version = self.bump_capacity_version(&code)?;
        capacity_load::write_pieces(&mut *self.tx, &code, &pairs, touched)?;
        self.loads
            .wrote(&code, CachedCenter::new(version, center, pairs));
        Ok(())
    }
}
