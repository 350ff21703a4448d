//! Workload 9: reserving with goods waiting on the shelf.
//!
//! In a make-to-order shop, goods made or bought for orders wait on the
//! shelf, fully reserved, until they ship, so they pile up. Reserving stock
//! used to walk every lot of the item in stock, reserved or not; the stores
//! now index the stock with something free. This workload asks whether
//! confirming an order from stock, a receipt that fills a waiting order and
//! shipping cost more as the shelf grows.
//!
//! It builds a shelf of one item bought and sold as it is: a lot of 1–3 pcs
//! received and an order for exactly those pieces confirmed, again and
//! again, so every lot is fully reserved and every order ready to ship;
//! nothing ships. Then three steps, one of each kind in turn (see
//! `Shelf::turns`), each command timed alone: confirming an order from a
//! lot just received; the receipt that fills an order confirmed while
//! nothing was free; shipping the oldest order. Each step's order joins the
//! shelf and the oldest ships (not timed), or, after the timed shipment, a
//! new lot and order take its place, so the shelf keeps its size. Every
//! order a step touches is checked against the store, and so are the
//! ready and shipped orders and the free stock after the build and after
//! the steps.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use lotwise::*;

use crate::config::Config;
use crate::cycles::StepResult;
use crate::growth::{self, over_backends, Growth, SizedRun, Timed};
use crate::report::{BResult, Outcome};
use crate::stats::{dur, rate, thousands, Budget};
use crate::workload::{new_order, pcs, ups, Rng, RunClock};

/// The item on the shelf: bought in and sold as it is (no recipe), so an
/// order for it is served from stock or waits for stock.
const SOLD: &str = "SH-CANDLE";
/// The seed of the lot and order quantities (1–3 pcs).
const SEED: u64 = 9;

/// The timed steps, in the order they take turns.
pub const STEPS: [&str; 3] = [
    "confirm from stock",
    "receive fills one order",
    "ship one order",
];

/// The smallest shelf: the step that ships needs an order on it.
pub const MIN_SHELF: usize = 1;

/// What the store holds once the shelf is built, read from it.
#[derive(Debug, Clone)]
pub struct OnShelf {
    /// Orders ready to ship.
    pub ready: usize,
    /// Pieces of the item on hand.
    pub on_hand: Decimal,
    /// Pieces of it free to promise (none, if the shelf is as built).
    pub free: Decimal,
}

/// One run at one shelf size on one backend.
pub type ShelfRun = SizedRun<OnShelf>;

/// A shop whose stock all waits on the shelf, reserved for orders ready to
/// ship, and those orders, oldest first.
struct Shelf {
    lw: Lotwise,
    clock: RunClock,
    rng: Rng,
    /// Orders placed so far (for unique references).
    placed: usize,
    /// Orders ready to ship and their pieces, oldest first.
    ready: VecDeque<(String, u64)>,
    /// Pieces the orders on the shelf hold.
    pieces: u64,
    /// Orders shipped so far.
    shipped: usize,
}

impl Shelf {
    /// Opens `url` (`:memory:` or a SQLite path) and defines the item; no
    /// stock of it.
    fn open(url: &str) -> BResult<Self> {
        let (lw, clock) = RunClock::open(url)?;
        lw.define_item(NewItem {
            // Each receipt is a lot of its own, as a supplier's delivery is.
            tracking: Tracking::Lot,
            ..NewItem::new(SOLD, "Candle, bought in", ItemKind::Product, Uom::Pcs)
        })?;
        Ok(Shelf {
            lw,
            clock,
            rng: Rng::new(SEED),
            placed: 0,
            ready: VecDeque::new(),
            pieces: 0,
            shipped: 0,
        })
    }

    /// 1–3 pieces, from the seed.
    fn draw_pieces(&mut self) -> u64 {
        1 + self.rng.below(3) as u64
    }

    /// Receives a new lot of `pieces` of the item.
    fn receive(&mut self, pieces: u64) -> Result<Lot> {
        self.clock.tick();
        self.lw.receive(Receipt::new(SOLD, pcs(pieces)))
    }

    /// A one-line order of `pieces` of the item, with a reference of its own.
    fn next_order(&mut self, pieces: u64) -> NewOrder {
        self.clock.tick();
        let n = self.placed;
        self.placed += 1;
        new_order(
            &format!("SH-{n:07}"),
            &format!("Customer {}", n % 997),
            vec![(SOLD.to_string(), pieces)],
        )
    }

    /// Places and confirms `order`; its id and what confirming it did.
    fn confirm(&self, order: NewOrder) -> BResult<(String, ConfirmReport)> {
        let accepted = self.lw.place_and_confirm_order(order)?;
        let id = accepted.placed.order.id;
        let report = accepted
            .confirmed
            .ok_or_else(|| format!("{id}: placed but not confirmed"))?;
        Ok((id, report))
    }

    /// Checks, reading the store, that order `id` has `wanted` status.
    fn expect(&self, id: &str, wanted: OrderStatus, after: &str) -> BResult<()> {
        let status = self.lw.order(id)?.status;
        if status != wanted {
            return Err(format!("{id} should be {wanted} after {after}, is {status}").into());
        }
        Ok(())
    }

    /// Puts order `id` of `pieces`, ready to ship, on the shelf.
    fn shelve(&mut self, id: String, pieces: u64) {
        self.ready.push_back((id, pieces));
        self.pieces += pieces;
    }

    /// Puts a new lot on the shelf, fully reserved by a new order ready to
    /// ship (as confirming it reports).
    fn stock_up(&mut self) -> BResult<()> {
        let pieces = self.draw_pieces();
        self.receive(pieces)?;
        let order = self.next_order(pieces);
        let (id, report) = self.confirm(order)?;
        if report.status != OrderStatus::ReadyToShip {
            return Err(format!(
                "{id} should be ready to ship from the lot just received, is {} with shortages {:?}",
                report.status, report.shortages
            )
            .into());
        }
        self.shelve(id, pieces);
        Ok(())
    }

    /// Ships the oldest order on the shelf, timed by `timed` when given;
    /// the store must have it shipped.
    fn ship_oldest(&mut self, timed: Option<&mut Timed>) -> BResult<()> {
        let (id, pieces) = self.ready.pop_front().ok_or("nothing on the shelf")?;
        self.clock.tick();
        let request = ups(&format!("1S{:08}", self.shipped));
        match timed {
            Some(t) => t.time(|| self.lw.ship(&id, request))?,
            None => self.lw.ship(&id, request)?,
        };
        self.expect(&id, OrderStatus::Shipped, "shipping")?;
        self.pieces -= pieces;
        self.shipped += 1;
        Ok(())
    }

    /// Step 1: receives a lot (not timed) and confirms an order for its
    /// pieces (timed), which must be ready to ship. It joins the shelf and
    /// the oldest order ships (not timed).
    fn confirm_from_stock(&mut self, timed: &mut Timed) -> BResult<()> {
        let pieces = self.draw_pieces();
        self.receive(pieces)?;
        let order = self.next_order(pieces);
        let (id, _) = timed.time(|| self.confirm(order))?;
        self.expect(&id, OrderStatus::ReadyToShip, "confirming from stock")?;
        self.shelve(id, pieces);
        self.ship_oldest(None)
    }

    /// Step 2: confirms an order while nothing is free (not timed), which
    /// must await stock, then receives its pieces (timed), after which it
    /// must be ready to ship. It joins the shelf and the oldest order ships
    /// (not timed).
    fn receive_fills_order(&mut self, timed: &mut Timed) -> BResult<()> {
        let pieces = self.draw_pieces();
        let order = self.next_order(pieces);
        let (id, report) = self.confirm(order)?;
        if report.status != OrderStatus::AwaitingMaterials || report.shortages.is_empty() {
            return Err(format!(
                "{id} should await stock, nothing being free; is {} with shortages {:?}",
                report.status, report.shortages
            )
            .into());
        }
        self.clock.tick();
        timed.time(|| self.lw.receive(Receipt::new(SOLD, pcs(pieces))))?;
        self.expect(&id, OrderStatus::ReadyToShip, "the receipt of its pieces")?;
        self.shelve(id, pieces);
        self.ship_oldest(None)
    }

    /// Step 3: ships the oldest order on the shelf (timed); a new lot and
    /// order take its place (not timed).
    fn ship_one(&mut self, timed: &mut Timed) -> BResult<()> {
        self.ship_oldest(Some(timed))?;
        self.stock_up()
    }

    /// One command of each step, in turn, timed into `timed`.
    fn turn(&mut self, timed: &mut [Timed; 3]) -> BResult<()> {
        self.confirm_from_stock(&mut timed[0])?;
        self.receive_fills_order(&mut timed[1])?;
        self.ship_one(&mut timed[2])
    }

    /// `k` turns of every step, each its own step: taking turns, each
    /// meets the same store and caches, as the backlog's receipts do
    /// (`backlog::Backlog::receipts` says why that matters).
    fn turns(&mut self, k: usize, budget: Option<Duration>) -> BResult<Vec<StepResult>> {
        // A turn first that is not reported. The check before it read every
        // order and dropped them all; on the memory store the first
        // confirmation after that took 1.7 ms at 20,000 orders against
        // 18 µs for the next ones, which alone made that step's mean 1.5×
        // its p50. That is the check's cost, not the shelf's.
        self.turn(&mut Default::default())?;
        let b = Budget::start(budget);
        let mut timed: [Timed; 3] = Default::default();
        for _ in (0..k).take_while(|_| !b.spent()) {
            self.turn(&mut timed)?;
        }
        self.check("the steps")?;
        Ok(STEPS
            .iter()
            .zip(&timed)
            .map(|(name, t)| t.step(name, k))
            .collect())
    }

    /// Checks the store against the shelf: the orders on it are ready to
    /// ship and no other is, the shipped ones shipped, none waits, and the
    /// item's stock is exactly what they hold, all of it reserved. What
    /// the store holds, as read.
    fn check(&self, after: &str) -> BResult<OnShelf> {
        let orders = self.lw.orders()?;
        let count = |s: OrderStatus| orders.iter().filter(|o| o.status == s).count();
        let found = (
            count(OrderStatus::ReadyToShip),
            count(OrderStatus::Shipped),
            count(OrderStatus::AwaitingMaterials),
        );
        let wanted = (self.ready.len(), self.shipped, 0);
        if found != wanted {
            return Err(format!(
                "after {after}: (orders ready, shipped, awaiting) are {found:?}, expected {wanted:?}"
            )
            .into());
        }
        let stock = self.lw.stock(SOLD)?;
        let held = Decimal::from(self.pieces);
        if stock.on_hand != held || stock.reserved != held || !stock.available.is_zero() {
            return Err(format!(
                "after {after}: {SOLD} has {} on hand, {} reserved, {} free; expected {held} on \
                 hand, all reserved",
                stock.on_hand, stock.reserved, stock.available
            )
            .into());
        }
        Ok(OnShelf {
            ready: found.0,
            on_hand: stock.on_hand,
            free: stock.available,
        })
    }
}

/// One run: a shelf of `n` orders on `url`, then `turns` turns of every step.
fn run(url: &str, n: usize, turns: usize, cfg: &Config) -> BResult<ShelfRun> {
    let started = Instant::now();
    let mut shop = Shelf::open(url)?;
    let b = Budget::start(cfg.budget);
    for _ in (0..n).take_while(|_| !b.spent()) {
        shop.stock_up()?;
    }
    let build = started.elapsed();
    let built = shop.ready.len();
    let detail = shop.check("the build")?;
    let steps = shop.turns(turns, cfg.budget)?;
    Ok(ShelfRun {
        wanted: n,
        built,
        detail,
        build,
        steps,
        wall: started.elapsed(),
    })
}

/// A count of pieces with thousands separators, or as it is if not whole.
fn pieces_cell(d: Decimal) -> String {
    match u64::try_from(d) {
        Ok(n) if d.fract().is_zero() => thousands(n),
        _ => d.normalize().to_string(),
    }
}

/// Prints the build and step tables of `runs`; the number of figures printed.
fn print_steps(runs: &[ShelfRun]) -> usize {
    let mut figures = 0;
    println!(
        "\n| shelf (orders) | ready to ship | pieces on hand | pieces free | build (receive + place + confirm) | orders/s |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    for r in runs {
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            r.size_cell(),
            thousands(r.detail.ready as u64),
            pieces_cell(r.detail.on_hand),
            pieces_cell(r.detail.free),
            dur(r.build),
            rate(r.built as f64 / r.build.as_secs_f64().max(1e-9)),
        );
        figures += 2;
    }
    figures + growth::print_steps(runs, "shelf")
}

/// Workload 9 on memory and SQLite.
pub fn workload(cfg: &Config) -> BResult<Outcome> {
    println!("\n## 9. Reserving with goods waiting on the shelf\n");
    println!(
        "workload: one item bought and sold as it is (lot-tracked, no recipe). The shelf: again \
         and again a lot of 1–3 pcs received and an order for exactly those pieces confirmed \
         (place_and_confirm_order), so every lot is fully reserved and every order \
         ready_to_ship; nothing ships. Then {k} turns of three steps, each command timed alone \
         and each step reported as its own: `{}` (a lot of 1–3 pcs received, not timed; an \
         order for its pieces confirmed, which must be ready_to_ship), `{}` (an order of 1–3 pcs \
         confirmed while nothing is free, not timed, which must await stock; the receipt of its \
         pieces, after which it must be ready_to_ship), `{}` (the oldest order on the shelf \
         shipped; a new lot and order put on the shelf, not timed). The orders of the first two \
         join the shelf and the oldest order ships, not timed, so the shelf keeps its size; \
         ready and shipped orders and free stock are checked against the store after the build \
         and after the steps. Shelves of {:?} orders; FixedClock +30 s per command; budget per \
         phase (the build, the steps): {}",
        STEPS[0],
        STEPS[1],
        STEPS[2],
        cfg.shelf,
        cfg.budget.map_or("none".into(), dur),
        k = cfg.shelf_samples,
    );
    let growth = Growth {
        workload: "shelf",
        sizes: &cfg.shelf,
        turns: cfg.shelf_samples,
        orders_are: "orders on the shelf",
        target: "reserving with goods waiting on the shelf: mean at 20,000 orders on the shelf ≤ 1.5× at 200",
    };
    over_backends(cfg, &growth, |url, n, k| run(url, n, k, cfg), print_steps)
}
