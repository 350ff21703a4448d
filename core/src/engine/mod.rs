//! The engine: every public command is one transaction that loads what it
//! needs, asks the pure domain, applies the effects and writes its events.
//! An error anywhere drops the transaction, which rolls everything back.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use crate::clock::{Clock, SystemClock};
use crate::domain::event::{Event, EventData};
use crate::domain::location::default_locations;
use crate::error::Result;
use crate::store::memory::MemoryStore;
use crate::store::{Store, Tx, TxMode};

mod analytics;
mod audit;
mod automations;
mod bulk;
mod capacity_cache;
mod capacity_load;
mod catalog;
mod close_short;
mod cost_analytics;
mod costing;
mod customer_matching;
mod customers;
mod delays;
mod desk;
mod feeds;
mod holds;
mod import;
mod indexes;
mod locations;
mod order_edits;
mod orders;
mod placing;
mod plan_report;
pub(crate) mod planning;
mod production;
mod purchasing;
mod queries;
mod records;
mod replenishment;
mod returns;
mod schedule;
mod shipping;
mod stock;
mod time;
mod trace;
mod units;
mod valuation;
mod views;
mod webhook;

pub use crate::domain::analytics::{
    Analytics, AnalyticsQuery, ChannelDay, DayOutput, LeadTime, OnTime, ProductThroughput, SkuQty,
    SkuRevenue, StatusCount,
};
pub use crate::domain::desk::{BulkOutcome, BulkResult, DeskPage, DeskQuery, DeskRow, DeskSort};
pub use audit::violations;
pub use automations::Alert;
pub use bulk::PlaceResult;
pub use close_short::{CancelOrderLine, CloseShort};
pub use customers::{CustomerQuery, SegmentReport};
pub use holds::{HeldLot, HoldLot, HoldReport, RecallAndHold, RecallHoldReport, ReleaseLot};
pub use import::{ImportProgress, ImportResult, ImportStatus};
pub use order_edits::{DismissOrderFlag, EditOrder, EditReport, LineChange};
pub use orders::{
    AcceptedOrder, ConfirmReport, LinePart, LineView, MoPart, OrderView, PlacedOrder, Shortage,
};
pub use plan_report::{LineWait, PlannedBatch, Wait};
pub use planning::PromiseOptions;
pub use production::MoLine;
pub use purchasing::PoReceived;
pub use queries::{Snapshot, StockLevel, StockLot};
pub use replenishment::StockMo;
pub use returns::RecallReturn;
pub use schedule::{BookedOperation, Booking, ScheduleRow};
pub use stock::{Adjustment, Receipt};
pub use views::{ItemStock, MoSummary};
pub use webhook::{
    ShopifyDelivery, WebhookReceipt, SHOPIFY_TOPIC_HEADER, SHOPIFY_WEBHOOK_ID_HEADER,
};

/// The lotwise engine over one store.
///
/// ```
/// use lotwise::{Lotwise, NewItem, ItemKind, Uom, Receipt};
/// let lw = Lotwise::open(":memory:").unwrap();
/// lw.define_item(NewItem::new("WAX-SOY", "Soy wax", ItemKind::Material, Uom::Kg)).unwrap();
/// let lot = lw.receive(Receipt::new("WAX-SOY", "20 kg".parse().unwrap())).unwrap();
/// assert_eq!(lw.stock("WAX-SOY").unwrap().available.to_string(), "20000");
/// # let _ = lot;
/// ```
pub struct Lotwise {
    store: Box<dyn Store>,
    clock: Arc<dyn Clock>,
    planning: capacity_cache::LoadCache,
}

impl Lotwise {
    /// Opens a store by URL: `":memory:"` for the in-memory store.
    ///
    /// - `":memory:"`: in memory, gone when dropped;
    /// - `"postgres://…"` / `"postgresql://…"`: a Postgres database
    ///   ([`crate::store::postgres`]);
    /// - anything else is a SQLite file: `"shop.db"`, `"sqlite://shop.db?synchronous=full"`
    ///   ([`crate::store::sqlite`]).
    pub fn open(url: &str) -> Result<Self> {
        Self::open_with_clock(url, Arc::new(SystemClock))
    }

    /// Opens a store by URL, as [`Lotwise::open`], reading time from `clock`
    /// (a [`crate::FixedClock`] for replays, tests and simulations on any
    /// backend).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use lotwise::{FixedClock, Lotwise};
    /// let clock = Arc::new(FixedClock::at("2026-03-02T09:00:00Z".parse().unwrap()));
    /// let lw = Lotwise::open_with_clock(":memory:", clock).unwrap();
    /// assert_eq!(lw.now().to_rfc3339(), "2026-03-02T09:00:00+00:00");
    /// ```
    pub fn open_with_clock(url: &str, clock: Arc<dyn Clock>) -> Result<Self> {
        let store: Box<dyn Store> = match url {
            ":memory:" | "memory:" | "memory://" => Box::new(MemoryStore::new()),
            #[cfg(feature = "postgres")]
            u if u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                Box::new(crate::store::postgres::PostgresStore::open(u)?)
            }
            #[cfg(feature = "sqlite")]
            u => Box::new(crate::store::sqlite::SqliteStore::open(u)?),
            #[cfg(not(feature = "sqlite"))]
            other => {
                return Err(crate::error::Error::Storage {
                    reason: format!(
                        "no backend can open `{other}` (is the `sqlite` or `postgres` feature on?)"
                    ),
                })
            }
        };
        Self::with_store(store, clock)
    }

    /// An engine over `store` reading time from `clock`. Creates the default
    /// locations in a new database.
    pub fn with_store(store: Box<dyn Store>, clock: Arc<dyn Clock>) -> Result<Self> {
        let engine = Lotwise {
            store,
            clock,
            planning: Default::default(),
        };
        engine.bootstrap()?;
        Ok(engine)
    }

    /// An in-memory engine with the given clock, for tests and scenarios.
    pub fn in_memory_with_clock(clock: Arc<dyn Clock>) -> Self {
        // The memory store cannot fail to bootstrap.
        let store: Box<dyn Store> = Box::new(MemoryStore::new());
        let engine = Lotwise {
            store,
            clock,
            planning: Default::default(),
        };
        let _ = engine.bootstrap();
        engine
    }

    /// The backend name: `memory`, `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        self.store.backend()
    }

    /// The engine's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    fn bootstrap(&self) -> Result<()> {
        let mut tx = self.store.begin(TxMode::Write)?;
        for loc in default_locations() {
            if tx.location(&loc.code)?.is_none() {
                tx.put_location(&loc)?;
            }
        }
        indexes::build_if_missing(&mut *tx)?;
        tx.commit()
    }

    /// Runs a command in one write transaction.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut Ctx<'_>) -> Result<T>) -> Result<T> {
        self.run(TxMode::Write, f)
    }

    /// Runs a command that usually touches only one order and the stock it
    /// reserves (placing, confirming) side by side with others like it where
    /// the backend allows ([`TxMode::Concurrent`]). When it needs more (it
    /// creates a manufacturing order, say) or meets a deadlock, its
    /// transaction is rolled back and it runs again alone.
    pub(crate) fn write_concurrent<T>(&self, f: impl Fn(&mut Ctx<'_>) -> Result<T>) -> Result<T> {
        let mut carried = Vec::new();
        if self.store.concurrent_writes() {
            match self.run_carrying(TxMode::Concurrent, Vec::new(), &f) {
                (Err(e), taken) if e.is_retryable() => carried = taken,
                (done, _) => return done,
            }
        }
        // The rolled-back attempt's document ids (an order number) are
        // used again, so running alone does not leave a gap in them.
        self.run_carrying(TxMode::Write, carried, f).0
    }

    fn run<T>(&self, mode: TxMode, f: impl FnOnce(&mut Ctx<'_>) -> Result<T>) -> Result<T> {
        self.run_carrying(mode, Vec::new(), f).0
    }

    /// Runs a command in one transaction, using the `carried` ids first;
    /// its outcome and the ids it took.
    fn run_carrying<T>(
        &self,
        mode: TxMode,
        carried: Vec<(String, u64)>,
        f: impl FnOnce(&mut Ctx<'_>) -> Result<T>,
    ) -> (Result<T>, Vec<(String, u64)>) {
        let tx = match self.store.begin(mode) {
            Ok(tx) => tx,
            Err(e) => return (Err(e), carried),
        };
        let mut ctx = Ctx::new(tx, self.clock.now(), carried, &self.planning);
        let out = match f(&mut ctx).map_err(|e| units::explain(&mut *ctx.tx, e)) {
            // An error reached from stale reads is a conflict: run again.
            Err(e) if !e.is_retryable() => match ctx.tx.recheck() {
                Err(stale) if stale.is_retryable() => Err(stale),
                _ => Err(e),
            },
            Err(e) => Err(e),
            // Stock rules watch every command that wrote: in its transaction.
            Ok(out) => match ctx.check_stock_rules() {
                Ok(_) => ctx.tx.commit().map(|()| {
                    ctx.loads.publish();
                    out
                }),
                Err(e) => Err(e),
            },
        };
        (out, ctx.taken)
    }

    /// Runs a query in one read transaction.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&mut Ctx<'_>) -> Result<T>) -> Result<T> {
        let tx = self.store.begin(TxMode::Read)?;
        let mut ctx = Ctx::new(tx, self.clock.now(), Vec::new(), &self.planning);
        f(&mut ctx).map_err(|e| units::explain(&mut *ctx.tx, e))
    }
}

/// What a command works with: its transaction and the time it runs at.
pub(crate) struct Ctx<'s> {
    pub tx: Box<dyn Tx + 's>,
    pub now: DateTime<Utc>,
    /// Ids taken by a rolled-back attempt of this command, by counter, to
    /// use before taking new ones.
    carried: Vec<(String, u64)>,
    /// Ids this attempt took through [`Ctx::new_id`].
    taken: Vec<(String, u64)>,
    /// Work centers and loads this transaction read or wrote, over the
    /// engine's cache of committed ones.
    pub(crate) loads: capacity_cache::TxLoads<'s>,
}

impl<'s> Ctx<'s> {
    fn new(
        tx: Box<dyn Tx + 's>,
        now: DateTime<Utc>,
        carried: Vec<(String, u64)>,
        loads: &'s capacity_cache::LoadCache,
    ) -> Self {
        Ctx {
            tx,
            now,
            carried,
            taken: Vec::new(),
            loads: capacity_cache::TxLoads::new(loads),
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// Appends an event to the outbox in this transaction.
    pub fn emit(&mut self, subject: &str, data: EventData) -> Result<()> {
        let seq = self.tx.next_event_seq()?;
        let event = Event {
            seq,
            at: self.now,
            subject: subject.to_string(),
            data,
        };
        self.tx.append_event(event)
    }

    /// A new id such as `SO-000042` from a named counter.
    pub fn new_id(&mut self, counter: &str, prefix: &str) -> Result<String> {
        let n = match self.carried.iter().position(|(c, _)| c == counter) {
            Some(i) => self.carried.remove(i).1,
            None => self.tx.next_id(counter)?,
        };
        self.taken.push((counter.to_string(), n));
        Ok(format!("{prefix}-{n:06}"))
    }
}
