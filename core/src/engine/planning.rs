//! Planning commands: work centers with their calendars, shipping settings
//! and delivery promises.
//!
//! A promise runs in one read transaction: it gathers a
//! [`PlanningData`] snapshot (items and recipes of the lines' trees, free
//! stock, open purchase orders, joinable batches, work centers and their
//! booked load) and hands it to the pure planner in
//! [`crate::domain::promise`]. Nothing is written.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::capacity_cache::CachedCenter;
use super::capacity_load;
use super::{Ctx, Lotwise};
use crate::domain::capacity::{CenterLoad, NewWorkCenter, WorkCenter};
use crate::domain::catalog::Item;
use crate::domain::event::{EventData, PromisedLine};
use crate::domain::order::{NewOrderLine, OrderStatus, SalesOrder};
use crate::domain::promise::{
    Commitment, IncomingSupply, OpenOutput, Planner, PlanningData, PlanningSettings, Promise,
    PromiseLine, Shipping, ShippingMethod,
};
use crate::domain::purchasing::{preferred_supplier, records as po_records, PoStatus, Supplier};
use crate::domain::recipe::Recipe;
use crate::domain::reservation::Demand;
use crate::error::{Error, Result};

/// Record kinds planning keeps in the store (`Tx::doc`).
pub mod records {
    /// A [`super::WorkCenter`], keyed by code.
    pub const WORK_CENTER: &str = "work_center";
    /// A [`super::super::schedule::Booking`], keyed by manufacturing order id.
    pub const CAPACITY_BOOKING: &str = "capacity_booking";
    /// Per work center and stretch of working time, the booked intervals
    /// starting in it as a flat list of calendar positions `[from, to, …]`
    /// sorted by `from`, under `"{code} {piece}"`: the index a promise reads
    /// instead of every booking (see `engine/capacity_load.rs`).
    pub const CAPACITY_LOAD: &str = "capacity_load";
    /// Per product, scheduled open manufacturing orders that had output
    /// left for more order lines when last booked or confirmed.
    pub const OPEN_OUTPUT: &str = "open_output";
    /// Per work center, a counter bumped whenever its calendar or load
    /// changes: the version an engine's cache of parsed indexes checks.
    pub const CAPACITY_VERSION: &str = "capacity_version";
    /// The [`super::PlanningSettings`], under the key `default`.
    pub const PLANNING_SETTINGS: &str = "planning_settings";
    /// A [`super::ShippingMethod`], keyed by code.
    pub const SHIPPING_METHOD: &str = "shipping_method";
}

const SETTINGS_KEY: &str = "default";

type Centers = BTreeMap<String, WorkCenter>;
type Loads = BTreeMap<String, Arc<CenterLoad>>;

/// Options of a promise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PromiseOptions {
    /// Shipping method; the settings' default when absent.
    #[serde(default)]
    pub shipping_method: Option<String>,
    /// Extra expected supply on top of the open purchase orders lotwise
    /// knows (e.g. orders placed in another system).
    #[serde(default)]
    pub incoming: Vec<IncomingSupply>,
}

impl Lotwise {
    /// Defines a work center, or replaces its name and calendar. Booked
    /// operations keep their times; the capacity index is rebuilt on the
    /// new calendar.
    ///
    /// ```
    /// use lotwise::{Lotwise, Decimal};
    /// use lotwise::domain::calendar::NewCalendar;
    /// use lotwise::domain::capacity::NewWorkCenter;
    /// let lw = Lotwise::open(":memory:").unwrap();
    /// let pour = NewWorkCenter { code: "POUR".into(), name: "pouring line".into(),
    ///     calendar: NewCalendar::mon_to_fri(Decimal::from(8)), capacity: 1 };
    /// assert_eq!(lw.define_work_center(pour).unwrap().calendar.minutes_per_day(), 480);
    /// let mut never = NewCalendar::mon_to_fri(Decimal::from(8));
    /// never.working_days.clear();
    /// let bad = NewWorkCenter { code: "CURE".into(), name: "curing rack".into(), calendar: never, capacity: 1 };
    /// assert_eq!(lw.define_work_center(bad).unwrap_err().code(), "invalid_input");
    /// ```
    pub fn define_work_center(&self, new: NewWorkCenter) -> Result<WorkCenter> {
        self.write(|ctx| {
            let center = new.into_work_center()?;
            let replaced = ctx.tx.doc(records::WORK_CENTER, &center.code)?.is_some();
            ctx.put_record(records::WORK_CENTER, &center.code, &center)?;
            if replaced {
                ctx.rebuild_load(&center)?;
            }
            ctx.bump_capacity_version(&center.code)?;
            ctx.emit(
                &center.code,
                EventData::WorkCenterDefined {
                    name: center.name.clone(),
                    calendar: center.calendar.clone(),
                    replaced,
                },
            )?;
            Ok(center)
        })
    }

    /// The work center.
    pub fn work_center(&self, code: &str) -> Result<WorkCenter> {
        self.read(|ctx| ctx.work_center(code))
    }

    /// Every work center, by code.
    pub fn work_centers(&self) -> Result<Vec<WorkCenter>> {
        self.read(|ctx| ctx.records(records::WORK_CENTER))
    }

    /// Sets handling days, the shipping calendar and the default method.
    pub fn set_planning_settings(&self, settings: PlanningSettings) -> Result<PlanningSettings> {
        self.write(|ctx| {
            settings.validate()?;
            if let Some(code) = &settings.default_shipping_method {
                ctx.shipping_method(code)?;
            }
            ctx.put_record(records::PLANNING_SETTINGS, SETTINGS_KEY, &settings)?;
            Ok(settings)
        })
    }

    /// The planning settings (defaults when never set).
    pub fn planning_settings(&self) -> Result<PlanningSettings> {
        self.read(|ctx| ctx.planning_settings())
    }

    /// Defines or replaces a shipping method.
    pub fn define_shipping_method(&self, method: ShippingMethod) -> Result<ShippingMethod> {
        self.write(|ctx| {
            method.validate()?;
            ctx.put_record(records::SHIPPING_METHOD, &method.code, &method)?;
            Ok(method)
        })
    }

    /// When an order can arrive, per line and in total, and why. A placed
    /// order is planned as if confirmed now; a confirmed one counts the stock
    /// and batches already behind it and plans only the rest. Writes nothing.
    pub fn promise(&self, order_id: &str, options: &PromiseOptions) -> Result<Promise> {
        self.read(|ctx| {
            let order = ctx.order(order_id)?;
            ctx.promise_order(&order, options)
        })
    }

    /// When draft lines (not yet an order) could arrive, and why. Writes nothing.
    pub fn promise_lines(
        &self,
        lines: &[NewOrderLine],
        options: &PromiseOptions,
    ) -> Result<Promise> {
        self.read(|ctx| {
            if lines.is_empty() {
                return Err(Error::invalid_input("lines", "[]", "nothing to promise"));
            }
            let mut out = Vec::with_capacity(lines.len());
            for (i, l) in lines.iter().enumerate() {
                let item = ctx.item(&l.sku)?;
                out.push(PromiseLine {
                    line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    sku: item.sku.clone(),
                    qty: item.base_qty(&format!("lines[{i}].qty"), l.qty, false)?,
                    requested_date: l.requested_date,
                    committed: Vec::new(),
                });
            }
            ctx.promise_for(&out, options)
        })
    }
}

impl Ctx<'_> {
    /// The work center, or `invalid_input` naming it.
    pub fn work_center(&mut self, code: &str) -> Result<WorkCenter> {
        self.record(records::WORK_CENTER, code)?.ok_or_else(|| {
            Error::invalid_input(
                "work_center",
                code,
                "no work center is defined with this code",
            )
        })
    }

    fn shipping_method(&mut self, code: &str) -> Result<ShippingMethod> {
        self.record(records::SHIPPING_METHOD, code)?.ok_or_else(|| {
            Error::invalid_input(
                "shipping_method",
                code,
                "no shipping method is defined with this code",
            )
        })
    }

    pub fn planning_settings(&mut self) -> Result<PlanningSettings> {
        Ok(self
            .record(records::PLANNING_SETTINGS, SETTINGS_KEY)?
            .unwrap_or_default())
    }

    /// Whether capacity planning is in use: some work center is defined.
    /// Without one, confirming books nothing and promises no dates, so a
    /// make-to-order shop that does not plan sees no change.
    pub fn planning_enabled(&mut self) -> Result<bool> {
        self.tx.has_docs(records::WORK_CENTER)
    }

    /// The promise for a stored order.
    pub(crate) fn promise_order(
        &mut self,
        order: &SalesOrder,
        options: &PromiseOptions,
    ) -> Result<Promise> {
        self.promise_order_as(order, options, false)
    }

    /// [`Ctx::promise_order`]; with `project`, a batch behind the order is
    /// ready when it can be now (see [`Ctx::mo_ready`]), not when booked.
    pub(crate) fn promise_order_as(
        &mut self,
        order: &SalesOrder,
        options: &PromiseOptions,
        project: bool,
    ) -> Result<Promise> {
        if matches!(order.status, OrderStatus::Cancelled | OrderStatus::Shipped) {
            return Err(Error::InvalidTransition {
                entity: "order".into(),
                id: order.id.clone(),
                from: order.status.as_str().into(),
                action: "promise".into(),
            });
        }
        let confirmed = order.confirmed_at.is_some();
        let (reservations, mos) = if confirmed {
            (
                self.tx.reservations_of_order(&order.id)?,
                self.tx.mos_for_order(&order.id)?,
            )
        } else {
            (Vec::new(), Vec::new())
        };
        let mut lines = Vec::new();
        for line in &order.lines {
            let mut open = line.open();
            if open <= Decimal::ZERO {
                continue;
            }
            let mut committed = Vec::new();
            let reserved: Decimal = reservations
                .iter()
                .filter(
                    |r| matches!(&r.demand, Demand::OrderLine { line: l, .. } if *l == line.line),
                )
                .map(|r| r.qty)
                .sum();
            if reserved > Decimal::ZERO {
                committed.push(Commitment::Stock { qty: reserved });
                open -= reserved;
            }
            for mo in mos.iter().filter(|m| m.status.is_open()) {
                for a in &mo.allocations {
                    let qty = a.qty - a.delivered;
                    if a.order != order.id || a.line != line.line || qty <= Decimal::ZERO {
                        continue;
                    }
                    let (ready_at, basis) = self.mo_ready(mo, project)?;
                    committed.push(Commitment::Mo {
                        mo: mo.id.clone(),
                        qty,
                        ready_at,
                        basis,
                    });
                    open -= qty;
                }
            }
            lines.push(PromiseLine {
                line: line.line,
                sku: line.sku.clone(),
                qty: open.max(Decimal::ZERO),
                requested_date: line.requested_date,
                committed,
            });
        }
        if lines.is_empty() {
            return Err(Error::InvalidTransition {
                entity: "order".into(),
                id: order.id.clone(),
                from: order.status.as_str().into(),
                action: "promise".into(),
            });
        }
        self.promise_for(&lines, options)
    }

    fn promise_for(&mut self, lines: &[PromiseLine], options: &PromiseOptions) -> Result<Promise> {
        let roots: Vec<String> = lines.iter().map(|l| l.sku.clone()).collect();
        let data = self.planning_data(&roots, options)?;
        Planner::new(&data).promise(lines)
    }

    /// Gathers what the planner needs for the recipe trees under `roots`,
    /// including open batches of the roots with output to spare (a new line
    /// may join them, as confirming would).
    fn planning_data(
        &mut self,
        roots: &[String],
        options: &PromiseOptions,
    ) -> Result<PlanningData> {
        let mut items: BTreeMap<String, Item> = BTreeMap::new();
        let mut recipes: BTreeMap<String, Recipe> = BTreeMap::new();
        let mut queue: Vec<String> = roots.to_vec();
        while let Some(sku) = queue.pop() {
            if items.contains_key(&sku) {
                continue;
            }
            items.insert(sku.clone(), self.item(&sku)?);
            if let Some(r) = self.tx.recipe(&sku)? {
                queue.extend(r.inputs.iter().map(|i| i.sku.clone()));
                recipes.insert(sku, r);
            }
        }
        let mut free_stock = BTreeMap::new();
        for item in items.values() {
            free_stock.insert(item.sku.clone(), self.usable_stock(item)?);
        }
        // Every product of the trees: a new batch may join an open batch of
        // an intermediate as well as of the finished product.
        let mut open_output = Vec::new();
        let products: Vec<String> = recipes.keys().cloned().collect();
        for product in &products {
            open_output.extend(self.open_output(product)?);
        }
        let ops = recipes.values().flat_map(|r| r.operations.iter());
        let codes: BTreeSet<String> = ops
            .filter(|o| o.elapsed.is_none())
            .map(|o| o.work_center.clone())
            .collect();
        let (centers, loads) = self.centers_and_loads(codes)?;
        let incoming = self.incoming_supply(options)?;
        self.apply_supplier_lead_times(&mut items)?;
        let shipping = self.shipping(options)?;
        Ok(PlanningData {
            now: self.now,
            items,
            recipes,
            free_stock,
            incoming,
            open_output,
            centers,
            loads,
            shipping,
        })
    }

    /// Free stock of an item a new demand could reserve: unexpired,
    /// unreserved, with the item's own minimum remaining shelf life.
    fn usable_stock(&mut self, item: &Item) -> Result<Decimal> {
        let rules = self.pick_rules(item, None, None);
        Ok(self
            .candidates(&item.sku)?
            .iter()
            .filter(|c| match (rules.min_expiry, c.expiry) {
                (Some(min), Some(exp)) => exp >= min,
                _ => true,
            })
            .map(|c| c.free.max(Decimal::ZERO))
            .sum())
    }

    /// Scheduled open batches of `product` with output to spare, oldest first.
    fn open_output(&mut self, product: &str) -> Result<Vec<OpenOutput>> {
        let ids: Vec<String> = self
            .record(records::OPEN_OUTPUT, product)?
            .unwrap_or_default();
        let mut mos = Vec::new();
        for id in ids {
            let Some(mo) = self.tx.mo(&id)? else { continue };
            if !mo.status.is_open() || mo.unallocated() <= Decimal::ZERO {
                continue;
            }
            if let Some(b) = self.booking(&id)? {
                mos.push((
                    mo.created_at,
                    OpenOutput {
                        mo: id,
                        product: product.into(),
                        free: mo.unallocated(),
                        ready_at: b.ready_at,
                        basis: b.basis,
                    },
                ));
            }
        }
        mos.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.mo.cmp(&b.1.mo)));
        Ok(mos.into_iter().map(|(_, o)| o).collect())
    }

    /// The work centers named and their loads. An unknown code is left out;
    /// the planner names it if an operation needs it.
    pub(crate) fn centers_and_loads(
        &mut self,
        codes: BTreeSet<String>,
    ) -> Result<(Centers, Loads)> {
        let mut centers = BTreeMap::new();
        let mut loads = BTreeMap::new();
        for code in codes {
            if let Some(entry) = self.center_and_load(&code)? {
                loads.insert(code.clone(), entry.load);
                centers.insert(code, entry.center);
            }
        }
        Ok((centers, loads))
    }

    /// A work center with its load, from the caches while its capacity
    /// version is the stored one, else read, built and kept there.
    pub(crate) fn center_and_load(&mut self, code: &str) -> Result<Option<CachedCenter>> {
        let version: u64 = self.record(records::CAPACITY_VERSION, code)?.unwrap_or(0);
        if let Some(hit) = self.loads.get(code, version) {
            return Ok(Some(hit));
        }
        let Some(center) = self.record::<WorkCenter>(records::WORK_CENTER, code)? else {
            return Ok(None);
        };
        let pairs = capacity_load::read_load(&mut *self.tx, code)?;
        let entry = CachedCenter::new(version, center, pairs);
        self.loads.read(code, entry.clone());
        Ok(Some(entry))
    }

    /// Marks a work center's calendar or load as changed; its new version.
    pub fn bump_capacity_version(&mut self, code: &str) -> Result<u64> {
        let version: u64 = self.record(records::CAPACITY_VERSION, code)?.unwrap_or(0);
        self.put_record(records::CAPACITY_VERSION, code, &(version + 1))?;
        self.loads.touched(code);
        Ok(version + 1)
    }

    /// Open purchase order lines (sent or partly received; drafts are not
    /// commitments yet) plus the caller's extra supply.
    pub fn incoming_supply(&mut self, options: &PromiseOptions) -> Result<Vec<IncomingSupply>> {
        let mut out = Vec::new();
        for (i, s) in options.incoming.iter().enumerate() {
            self.item(&s.sku)?;
            if s.qty <= Decimal::ZERO {
                return Err(Error::invalid_qty(
                    &format!("incoming[{i}].qty"),
                    s.qty,
                    "must be greater than zero",
                ));
            }
            out.push(s.clone());
        }
        for l in self.open_po_lines()? {
            if matches!(l.status, PoStatus::Sent | PoStatus::PartiallyReceived) {
                out.push(IncomingSupply {
                    sku: l.sku,
                    qty: l.qty,
                    expected: l.expected_date,
                    reference: Some(l.po),
                });
            }
        }
        Ok(out)
    }

    /// A bought item's lead time is its preferred supplier's when one
    /// supplies it, else the item's own.
    pub fn apply_supplier_lead_times(&mut self, items: &mut BTreeMap<String, Item>) -> Result<()> {
        let suppliers: Vec<Supplier> = self.records(po_records::SUPPLIER)?;
        for item in items.values_mut() {
            if let Some(s) = preferred_supplier(&suppliers, &item.sku) {
                item.lead_time_days = Some(s.lead_time_for(&item.sku));
            }
        }
        Ok(())
    }

    pub fn shipping(&mut self, options: &PromiseOptions) -> Result<Shipping> {
        let settings = self.planning_settings()?;
        let calendar = settings.validate()?;
        let method = options
            .shipping_method
            .clone()
            .or(settings.default_shipping_method.clone());
        let transit = match &method {
            Some(code) => self.shipping_method(code)?.transit_days,
            None => 0,
        };
        Ok(Shipping {
            method,
            handling_days: u32::try_from(settings.handling_days).unwrap_or(0),
            transit_days: u32::try_from(transit).unwrap_or(0),
            calendar,
        })
    }

    /// After confirming: books the new batches' operations and sets every
    /// line's promised date. Does nothing unless planning is in use.
    pub fn book_and_promise(&mut self, order_id: &str, mos: &[String]) -> Result<()> {
        if !self.planning_enabled()? {
            return Ok(());
        }
        self.book_mos(mos)?;
        let mut order = self.order(order_id)?;
        let promise = self.promise_order(&order, &PromiseOptions::default())?;
        // The new promise is what the plan can do now: not late.
        order.delay = None;
        let mut dates = Vec::new();
        for lp in &promise.lines {
            if let Some(line) = order.lines.iter_mut().find(|l| l.line == lp.line) {
                line.promised_date = Some(lp.promised_date);
                dates.push(PromisedLine {
                    line: lp.line,
                    promised_date: lp.promised_date,
                    basis: lp.basis.clone(),
                });
            }
        }
        self.tx.put_order(order)?;
        self.emit(order_id, EventData::OrderPromised { lines: dates })
    }

    /// Keeps the per-product list of scheduled batches with output to spare.
    pub fn track_open_output(&mut self, mo_id: &str) -> Result<()> {
        let Some(mo) = self.tx.mo(mo_id)? else {
            return Ok(());
        };
        let mut ids: Vec<String> = self
            .record(records::OPEN_OUTPUT, &mo.product)?
            .unwrap_or_default();
        let had = ids.iter().any(|i| i == mo_id);
        let keep = mo.status.is_open()
            && mo.unallocated() > Decimal::ZERO
            && self.tx.doc(records::CAPACITY_BOOKING, mo_id)?.is_some();
        if had == keep {
            return Ok(());
        }
        if keep {
            ids.push(mo_id.to_string());
            ids.sort();
        } else {
            ids.retain(|i| i != mo_id);
        }
        if ids.is_empty() {
            self.tx.delete_doc(records::OPEN_OUTPUT, &mo.product)
        } else {
            self.put_record(records::OPEN_OUTPUT, &mo.product, &ids)
        }
    }
}
