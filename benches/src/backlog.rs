//! Workload 8: receipts against a backlog of demand waiting for materials.
//!
//! Whenever some of an item becomes free (a receipt, a completed batch, a
//! cancelled order, …) the engine serves the demand waiting for it, oldest
//! first. This workload asks whether that costs more as the backlog of
//! waiting demand grows, whatever item the waiting demand is for.
//!
//! It confirms a backlog of one-line orders that nothing can serve: half
//! for products made to order, each from a single raw material of its own
//! (one batch per order, awaiting that material), half for an item bought
//! and sold as it is (the order awaits stock). Then three steps, each of
//! receipts timed one by one: a material nothing waits for; exactly
//! the need of the oldest waiting batch of one material, which that batch
//! takes; exactly the pieces of the oldest waiting order of the bought
//! item, which that order takes. After each receipt the served batch or
//! order is checked, and replaced by a newly confirmed one (not timed), so
//! the backlog keeps its size while the receipts run. Counts of waiting batches
//! and orders are checked against the store after the build and after the
//! receipts, so the workload cannot silently time receipts that serve
//! nothing. The three kinds of receipt take turns (see
//! `Backlog::receipts`); each kind is reported as its own step.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use lotwise::*;

mod tables;

use crate::config::Config;
use crate::cycles::StepResult;
use crate::growth::{over_backends, Growth, SizedRun, Timed};
use crate::report::{BResult, Outcome};
use crate::stats::{dur, Budget};
use crate::workload::{kg, new_order, pcs, Rng, RunClock};

/// Products made to order, each from one raw material of its own.
const PRODUCTS: usize = 4;
/// Grams of its raw material per piece of each product.
const GRAMS: [u64; PRODUCTS] = [120, 250, 80, 400];
/// An item bought and sold as it is: no recipe, so its orders wait for stock.
const BOUGHT: &str = "BL-GIFT";
/// A material no recipe uses: receiving it frees stock nothing waits for.
const SPARE: &str = "BL-SPARE";
/// The seed of the order quantities (1–3 pcs).
const SEED: u64 = 8;

/// The kinds of receipt, each its own step, in the order they take turns.
pub const STEPS: [&str; 3] = [
    "receive unrelated",
    "receive fills one batch",
    "receive fills one order",
];

fn raw(p: usize) -> String {
    format!("BL-RAW{p}")
}

fn product(p: usize) -> String {
    format!("BL-PROD{p}")
}

/// The smallest backlog that has a waiting batch of every product and a
/// waiting order of the bought item.
pub const MIN_BACKLOG: usize = 2 * PRODUCTS;

/// A shop whose waiting demand cannot be served, and that demand, oldest
/// first, as the engine serves it.
struct Backlog {
    lw: Lotwise,
    clock: RunClock,
    rng: Rng,
    /// Orders placed so far (for unique references).
    placed: usize,
    /// Waiting batches of each product, oldest first.
    batches: Vec<VecDeque<String>>,
    /// Waiting orders of the bought item and their pieces, oldest first.
    orders: VecDeque<(String, u64)>,
    /// Batches and orders served by the receipts so far.
    served_batches: usize,
    served_orders: usize,
}

impl Backlog {
    /// Opens `url` (`:memory:` or a SQLite path) and defines the catalog;
    /// no stock of anything.
    fn open(url: &str) -> BResult<Self> {
        let (lw, clock) = RunClock::open(url)?;
        for (p, &grams) in GRAMS.iter().enumerate() {
            lw.define_item(NewItem::new(
                &raw(p),
                "Raw material",
                ItemKind::Material,
                Uom::Kg,
            ))?;
            lw.define_item(NewItem::new(
                &product(p),
                "Product",
                ItemKind::Product,
                Uom::Pcs,
            ))?;
            // Batch size 1 pcs: each order gets a batch of exactly its
            // pieces, which no later order can join.
            lw.define_recipe(NewRecipe {
                product: product(p),
                batch_size: pcs(1),
                inputs: vec![NewRecipeInput {
                    sku: raw(p),
                    qty: kg(grams),
                    scrap_pct: Decimal::ZERO,
                }],
                yield_pct: None,
                operations: vec![],
            })?;
        }
        lw.define_item(NewItem::new(
            BOUGHT,
            "Bought and sold as is",
            ItemKind::Product,
            Uom::Pcs,
        ))?;
        lw.define_item(NewItem::new(
            SPARE,
            "Material no recipe uses",
            ItemKind::Material,
            Uom::Kg,
        ))?;
        Ok(Backlog {
            lw,
            clock,
            rng: Rng::new(SEED),
            placed: 0,
            batches: vec![VecDeque::new(); PRODUCTS],
            orders: VecDeque::new(),
            served_batches: 0,
            served_orders: 0,
        })
    }

    /// Places and confirms a one-line order of 1–3 pcs of `sku`; its id,
    /// pieces and what confirming it did. It must be left waiting.
    fn confirm(&mut self, sku: &str) -> BResult<(String, u64, ConfirmReport)> {
        self.clock.tick();
        let pieces = 1 + self.rng.below(3) as u64;
        let n = self.placed;
        self.placed += 1;
        let order = new_order(
            &format!("BL-{n:07}"),
            &format!("Customer {}", n % 997),
            vec![(sku.to_string(), pieces)],
        );
        let accepted = self.lw.place_and_confirm_order(order)?;
        let id = accepted.placed.order.id;
        let report = accepted
            .confirmed
            .ok_or_else(|| format!("{id}: placed but not confirmed"))?;
        if report.status != OrderStatus::AwaitingMaterials || report.shortages.is_empty() {
            return Err(format!(
                "{id} ({sku}) should wait for materials, is {} with shortages {:?}",
                report.status, report.shortages
            )
            .into());
        }
        Ok((id, pieces, report))
    }

    /// Adds an order of product `p` to the backlog: its batch awaits materials.
    fn add_batch(&mut self, p: usize) -> BResult<()> {
        let (id, _, report) = self.confirm(&product(p))?;
        let [mo] = &report.mos[..] else {
            return Err(format!("{id}: one batch expected, got {:?}", report.mos).into());
        };
        self.batches[p].push_back(mo.clone());
        Ok(())
    }

    /// Adds an order of the bought item to the backlog: it awaits stock.
    fn add_order(&mut self) -> BResult<()> {
        let (id, pieces, report) = self.confirm(BOUGHT)?;
        if !report.mos.is_empty() {
            return Err(format!("{id}: a bought item got batches {:?}", report.mos).into());
        }
        self.orders.push_back((id, pieces));
        Ok(())
    }

    /// Order `i` of the backlog: products and the bought item alternate.
    fn add(&mut self, i: usize) -> BResult<()> {
        if i % 2 == 0 {
            self.add_batch(i / 2 % PRODUCTS)
        } else {
            self.add_order()
        }
    }

    /// Waiting batches and orders in the backlog.
    fn waiting(&self) -> (usize, usize) {
        let batches = self.batches.iter().map(VecDeque::len).sum();
        (batches, self.orders.len())
    }

    /// Checks the store against the backlog: every batch it holds awaits
    /// materials and no other does, every order behind them and every
    /// bought-item order awaits materials and no other does, and what the
    /// receipts served is reserved (batches) or ready to ship (orders).
    fn check(&self, after: &str) -> BResult<()> {
        let (batches, orders) = self.waiting();
        let mos = self.lw.mos()?;
        let count = |s: MoStatus| mos.iter().filter(|m| m.status == s).count();
        let all = self.lw.orders()?;
        let orders_in = |s: OrderStatus| all.iter().filter(|o| o.status == s).count();
        let found = (
            count(MoStatus::AwaitingMaterials),
            count(MoStatus::MaterialsReserved),
            orders_in(OrderStatus::AwaitingMaterials),
            orders_in(OrderStatus::MaterialsReserved),
            orders_in(OrderStatus::ReadyToShip),
        );
        let wanted = (
            batches,
            self.served_batches,
            batches + orders,
            self.served_batches,
            self.served_orders,
        );
        if found != wanted {
            return Err(format!(
                "after {after}: (batches awaiting, reserved; orders awaiting, reserved, ready) \
                 are {found:?}, expected {wanted:?}"
            )
            .into());
        }
        Ok(())
    }

    /// Receives 1 kg of a material nothing waits for.
    fn unrelated(&mut self, s: &mut Timed) -> BResult<()> {
        self.clock.tick();
        s.time(|| self.lw.receive(Receipt::new(SPARE, kg(1_000))))?;
        Ok(())
    }

    /// Receives exactly what the oldest waiting batch of product `p` lacks;
    /// that batch must take it. A new order of `p` takes its place.
    fn fill_batch(&mut self, p: usize, s: &mut Timed) -> BResult<()> {
        let id = self.batches[p]
            .pop_front()
            .ok_or_else(|| format!("no waiting batch of {}", product(p)))?;
        let need: Decimal = self
            .lw
            .mo(&id)?
            .requirements
            .iter()
            .filter(|r| r.sku == raw(p))
            .map(|r| r.qty)
            .sum();
        self.clock.tick();
        // Requirements are in the base unit, grams.
        let receipt = Receipt::new(&raw(p), Qty::new(need, Uom::G));
        s.time(|| self.lw.receive(receipt))?;
        let status = self.lw.mo(&id)?.status;
        if status != MoStatus::MaterialsReserved {
            return Err(format!("{id} should have taken the receipt, is {status:?}").into());
        }
        self.served_batches += 1;
        self.add_batch(p)
    }

    /// Receives exactly the pieces of the oldest waiting order of the
    /// bought item; that order must take them. A new order takes its place.
    fn fill_order(&mut self, s: &mut Timed) -> BResult<()> {
        let (id, pieces) = self
            .orders
            .pop_front()
            .ok_or("no waiting order of the bought item")?;
        self.clock.tick();
        s.time(|| self.lw.receive(Receipt::new(BOUGHT, pcs(pieces))))?;
        let status = self.lw.order(&id)?.status;
        if status != OrderStatus::ReadyToShip {
            return Err(format!("{id} should have taken the receipt, is {status}").into());
        }
        self.served_orders += 1;
        self.add_order()
    }

    /// `k` receipts of each kind, one of each in turn, each kind its own
    /// step. Taking turns puts every kind in the same store state and the
    /// same caches. Run one kind after the other, the receipts of a
    /// material nothing needs cost half as much again on SQLite with 20,000
    /// waiting when they ran first, right after the build, as when they
    /// ran after the receipts that fill batches (120 against 78 ms, with
    /// several times the page reads): an effect of where in the run a step
    /// falls, not of the backlog, and one that would blur a before/after
    /// comparison.
    fn receipts(&mut self, k: usize, budget: Option<Duration>) -> BResult<Vec<StepResult>> {
        let b = Budget::start(budget);
        let mut timed: [Timed; 3] = Default::default();
        for j in (0..k).take_while(|_| !b.spent()) {
            self.unrelated(&mut timed[0])?;
            self.fill_batch(j % PRODUCTS, &mut timed[1])?;
            self.fill_order(&mut timed[2])?;
        }
        self.check("the receipts")?;
        Ok(STEPS
            .iter()
            .zip(&timed)
            .map(|(name, t)| t.step(name, k))
            .collect())
    }
}

/// One run at one backlog size on one backend; its detail is the waiting
/// batches and bought-item orders once built.
pub type BacklogRun = SizedRun<(usize, usize)>;

/// One run: a backlog of `n` orders on `url`, then `receipts` turns of
/// every step.
fn run(url: &str, n: usize, receipts: usize, cfg: &Config) -> BResult<BacklogRun> {
    let started = Instant::now();
    let mut shop = Backlog::open(url)?;
    let b = Budget::start(cfg.budget);
    for i in (0..n).take_while(|_| !b.spent()) {
        shop.add(i)?;
    }
    let build = started.elapsed();
    let built = shop.placed;
    shop.check("the build")?;
    let detail = shop.waiting();
    let steps = shop.receipts(receipts, cfg.budget)?;
    Ok(BacklogRun {
        wanted: n,
        built,
        detail,
        build,
        steps,
        wall: started.elapsed(),
    })
}

/// Workload 8 on memory and SQLite.
pub fn workload(cfg: &Config) -> BResult<Outcome> {
    println!("\n## 8. Receipts against a waiting backlog\n");
    println!(
        "workload: a backlog of one-line orders of 1–3 pcs that nothing can serve, confirmed \
         one by one (place_and_confirm_order), alternately for {PRODUCTS} products made to order \
         (recipe of a single raw material each, batch size 1 pcs: one batch per order, awaiting \
         materials) and for a bought item with no recipe (the order awaits stock); no stock of \
         anything. Then {k} receipts of each of three kinds, one of each in turn, each timed and \
         reported as its own step: `{}` (1 kg of a material no recipe \
         uses: stock becomes free, nothing waits for it), `{}` (exactly what the oldest waiting \
         batch of one raw material lacks, the materials in turn; that batch must become \
         materials_reserved), `{}` (exactly the pieces of the oldest waiting bought-item order; \
         it must become ready_to_ship). Each served batch or order is replaced by a new confirmed \
         one (not timed), so the backlog keeps its size; waiting counts are checked against the \
         store after the build and after the receipts. Backlogs of {:?} orders; FixedClock +30 s \
         per command; budget per phase (the build, the receipts): {}",
        STEPS[0],
        STEPS[1],
        STEPS[2],
        cfg.backlog,
        cfg.budget.map_or("none".into(), dur),
        k = cfg.backlog_receipts,
    );
    let growth = Growth {
        workload: "backlog",
        sizes: &cfg.backlog,
        turns: cfg.backlog_receipts,
        orders_are: "orders waiting",
        target: "receipts against a waiting backlog: mean at 20,000 waiting orders ≤ 1.5× at 200",
    };
    over_backends(
        cfg,
        &growth,
        |url, n, k| run(url, n, k, cfg),
        tables::print_steps,
    )
}
