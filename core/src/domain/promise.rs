//! Delivery promises: "when can I ship this, and why then?"
//!
//! A pure, deterministic planner over a [`PlanningData`] snapshot the engine
//! gathers in one read transaction. For every line it takes free stock
//! first, then open batches with unpromised output, then plans a new batch:
//! the recipe is exploded level by level, every input is available now
//! (free stock), at an open purchase order's expected date, after a child
//! batch, or after the supplier's lead time; the batch's operations are
//! then loaded forward on their work centers' calendars around capacity
//! already booked ([`Loader`](crate::domain::capacity::Loader)). Handling days on the shipping calendar and
//! the shipping method's transit days give the delivery date.
//!
//! Every line keeps the *basis* of its date — which material, which work
//! center or plain stock decided it — and says so in words.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::calendar::{NewCalendar, WorkCalendar};
use super::capacity::{CenterLoad, Placement, WorkCenter};
use super::catalog::Item;
use super::recipe::Recipe;
use crate::error::{Error, Result};

mod planner;

pub use planner::{Avail, Planner};

/// Input to `set_planning_settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanningSettings {
    /// Working days between goods being ready and leaving (picking, packing).
    #[serde(default = "one")]
    pub handling_days: i64,
    /// The days the shipping desk works.
    #[serde(default = "shipping_calendar")]
    pub shipping_calendar: NewCalendar,
    /// The shipping method used when a promise names none.
    #[serde(default)]
    pub default_shipping_method: Option<String>,
}

fn one() -> i64 {
    1
}

fn shipping_calendar() -> NewCalendar {
    NewCalendar::mon_to_fri(Decimal::from(8))
}

impl Default for PlanningSettings {
    fn default() -> Self {
        PlanningSettings {
            handling_days: 1,
            shipping_calendar: shipping_calendar(),
            default_shipping_method: None,
        }
    }
}

impl PlanningSettings {
    /// Checks the settings and returns the validated shipping calendar.
    pub fn validate(&self) -> Result<WorkCalendar> {
        if !(0..=365).contains(&self.handling_days) {
            return Err(Error::invalid_input(
                "handling_days",
                self.handling_days,
                "must be 0 to 365",
            ));
        }
        WorkCalendar::new(self.shipping_calendar.clone())
    }
}

/// A way goods travel to the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShippingMethod {
    /// Code, e.g. `USPS-GROUND`.
    pub code: String,
    /// Calendar days from leaving to arriving.
    pub transit_days: i64,
}

impl ShippingMethod {
    /// Checks the method.
    pub fn validate(&self) -> Result<()> {
        super::catalog::validate_code("shipping_method", &self.code)?;
        if !(0..=365).contains(&self.transit_days) {
            return Err(Error::invalid_input(
                "transit_days",
                self.transit_days,
                "must be 0 to 365",
            ));
        }
        Ok(())
    }
}

/// Goods expected from a supplier: an open purchase order line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomingSupply {
    /// Item.
    pub sku: String,
    /// Quantity still to arrive, in the item's base unit.
    pub qty: Decimal,
    /// Expected arrival day.
    pub expected: NaiveDate,
    /// The purchase order, for explanations.
    #[serde(default)]
    pub reference: Option<String>,
}

/// Output of an open, scheduled manufacturing order not yet promised to
/// any order line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OpenOutput {
    /// Manufacturing order.
    pub mo: String,
    /// Product.
    pub product: String,
    /// Unallocated planned output.
    pub free: Decimal,
    /// When its last operation ends.
    pub ready_at: DateTime<Utc>,
    /// What decided that.
    pub basis: Basis,
}

/// Shipping for one promise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shipping {
    /// Method code, if any.
    pub method: Option<String>,
    /// Working days on `calendar` from ready to shipped.
    pub handling_days: u32,
    /// Calendar days from shipped to delivered.
    pub transit_days: u32,
    /// The shipping desk's calendar.
    pub calendar: WorkCalendar,
}

/// Everything a promise reads, gathered by the engine.
#[derive(Debug, Clone)]
pub struct PlanningData {
    /// The instant the promise is made.
    pub now: DateTime<Utc>,
    /// Every item the lines and their recipe trees name.
    pub items: BTreeMap<String, Item>,
    /// The newest recipe of every product in the trees.
    pub recipes: BTreeMap<String, Recipe>,
    /// Free (unreserved, usable) stock per SKU, in base units.
    pub free_stock: BTreeMap<String, Decimal>,
    /// Open purchase order lines; earliest are used first.
    pub incoming: Vec<IncomingSupply>,
    /// Joinable output of open batches, oldest first.
    pub open_output: Vec<OpenOutput>,
    /// Work centers named by the recipes' operations.
    pub centers: BTreeMap<String, WorkCenter>,
    /// Their booked capacity (shared: an engine caches the indexes).
    pub loads: BTreeMap<String, Arc<CenterLoad>>,
    /// How the goods leave.
    pub shipping: Shipping,
}

/// Part of a line already covered (a confirmed order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Commitment {
    /// Reserved finished stock.
    Stock {
        /// Quantity reserved for the line, in base units.
        qty: Decimal,
    },
    /// Output allocated from a manufacturing order.
    Mo {
        /// The id of the manufacturing order, e.g. `MO-000001`.
        mo: String,
        /// Output allocated to the line and not yet delivered, in base units.
        qty: Decimal,
        /// When the MO's output is expected, from its capacity booking (now when it has none).
        ready_at: DateTime<Utc>,
        /// What decided `ready_at`.
        basis: Basis,
    },
}

/// A line to promise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseLine {
    /// Line number.
    pub line: u32,
    /// Item.
    pub sku: String,
    /// Quantity still to cover, in base units.
    pub qty: Decimal,
    /// The day the customer asked for.
    pub requested_date: Option<NaiveDate>,
    /// What already covers part of the line.
    pub committed: Vec<Commitment>,
}

/// What decided a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Basis {
    /// Everything is in stock.
    Stock,
    /// Production on a work center: it was busy until `start` (`waited`),
    /// or, when nothing waited, the longest operation.
    Production {
        /// Code of the work center that decided; `None` when the product has no operations or no booking.
        work_center: Option<String>,
        /// When the deciding operation starts.
        start: DateTime<Utc>,
        /// When the deciding operation ends.
        end: DateTime<Utc>,
        /// Whether the operation had to wait for earlier bookings on the work center.
        waited: bool,
    },
    /// An elapsed step (a cure, drying, quarantine) that holds no work
    /// center: the batch is ready when it is over.
    Elapsed {
        /// The step's name, e.g. `cure`.
        step: String,
        /// When the step starts (the step before it ended).
        start: DateTime<Utc>,
        /// When it is over.
        end: DateTime<Utc>,
    },
    /// Waiting for a material from its supplier.
    Supplier {
        /// The SKU of the material being waited for.
        sku: String,
        /// The day the material is expected to arrive.
        until: NaiveDate,
        /// Whether it comes from an open purchase order or from ordering now.
        source: Source,
    },
}

/// Where one part of a line or input comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Source {
    /// Free or reserved stock.
    Stock,
    /// An open purchase order.
    PurchaseOrder {
        /// The purchase order's reference, if it has one.
        reference: Option<String>,
    },
    /// Ordered now from the supplier.
    LeadTime {
        /// The item's supplier lead time in days (0 when unknown).
        days: u32,
    },
    /// A batch this promise plans.
    NewBatch {
        /// The planned batch's job name, e.g. `new-1` (see [`PlannedOperation::job`]).
        job: String,
    },
    /// An existing manufacturing order.
    Mo {
        /// The id of the manufacturing order, e.g. `MO-000001`.
        mo: String,
    },
}

/// One supply part behind a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SupplyPart {
    /// Item.
    pub sku: String,
    /// Quantity, base units.
    pub qty: Decimal,
    /// When it is there.
    pub available_at: DateTime<Utc>,
    /// From where.
    pub source: Source,
}

/// An operation a promise would book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PlannedOperation {
    /// The batch: `new-1`, … in a promise, or a manufacturing order id.
    pub job: String,
    /// Product.
    pub product: String,
    /// Batch quantity.
    pub qty: Decimal,
    /// Work center (empty for an elapsed step).
    pub work_center: String,
    /// The elapsed step's name (`cure`) when the operation is one.
    #[serde(default)]
    pub elapsed: Option<String>,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Working minutes (of the step's own calendar for an elapsed step).
    pub minutes: i64,
    /// Whether it waited for earlier bookings.
    pub waited: bool,
}

/// The promise for one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LinePromise {
    /// Line number.
    pub line: u32,
    /// Item.
    pub sku: String,
    /// Quantity promised, base units.
    pub qty: Decimal,
    /// Asked-for delivery day.
    pub requested_date: Option<NaiveDate>,
    /// When the goods are ready to pack.
    pub ready_at: DateTime<Utc>,
    /// When they leave.
    pub ship_date: NaiveDate,
    /// When they arrive: the promised date.
    pub promised_date: NaiveDate,
    /// Whether that meets the requested date (`None` when none was asked).
    pub on_time: Option<bool>,
    /// What decided the date.
    pub basis: Basis,
    /// The date and its reason in words.
    pub explanation: String,
    /// Supplies behind the line, every level.
    pub supplies: Vec<SupplyPart>,
    /// Operations the line's new batches would book.
    pub operations: Vec<PlannedOperation>,
}

/// A promise for an order or draft lines: the order's date is its latest line's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Promise {
    /// When it was made.
    pub at: DateTime<Utc>,
    /// Shipping method used.
    pub shipping_method: Option<String>,
    /// Per line.
    pub lines: Vec<LinePromise>,
    /// Ship date of the whole order.
    pub ship_date: NaiveDate,
    /// Delivery date of the whole order.
    pub promised_date: NaiveDate,
    /// Latest requested date over the lines.
    pub requested_date: Option<NaiveDate>,
    /// The deciding line's basis.
    pub basis: Basis,
    /// The deciding line and its reason.
    pub explanation: String,
}

/// A manufacturing order's operations placed on the calendars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoPlan {
    /// Where each operation landed.
    pub operations: Vec<Placement>,
    /// When the output is ready.
    pub ready_at: DateTime<Utc>,
    /// What decided that.
    pub basis: Basis,
    /// The same in words.
    pub explanation: String,
}
