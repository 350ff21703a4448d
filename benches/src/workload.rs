//! The order-cycle workload of issue 13, generated from a seed: 20 raw
//! materials received as 5 lots each, 10 products with 3–5-input recipes
//! (batch size 1 pcs, so every order line gets its own batch), orders of
//! 1–3 lines of 1–5 pcs. [`Shop`] is what a backend must do with it;
//! [`LotwiseShop`] does it through lotwise's public API.

use std::sync::Arc;

use chrono::{DateTime, Duration as Days, Utc};
use lotwise::*;

use crate::report::BResult;

/// Raw materials in the catalog.
pub const MATERIALS: usize = 20;
/// Lots received per raw material.
pub const LOTS_PER_MATERIAL: usize = 5;
/// Products made to order.
pub const PRODUCTS: usize = 10;

/// xorshift64*: small, fast, deterministic.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a non-zero seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        ((x >> 32) as usize) % n.max(1)
    }
}

/// One product: its recipe inputs as (material index, grams per piece).
#[derive(Debug, Clone)]
pub struct Product {
    /// SKU.
    pub sku: String,
    /// (material index, grams per piece).
    pub inputs: Vec<(usize, u64)>,
}

/// The catalog: material SKUs and products.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// Material SKUs, `RAW00`…
    pub materials: Vec<String>,
    /// Products, `PROD0`…
    pub products: Vec<Product>,
}

/// One generated order.
#[derive(Debug, Clone)]
pub struct OrderSpec {
    /// External reference (unique).
    pub ext: String,
    /// Customer name.
    pub customer: String,
    /// (product index, pieces).
    pub lines: Vec<(usize, u64)>,
}

/// The catalog and `n` orders, from `seed`.
pub fn generate(seed: u64, n: usize) -> (Catalog, Vec<OrderSpec>) {
    let mut rng = Rng::new(seed);
    let materials = (0..MATERIALS).map(|m| format!("RAW{m:02}")).collect();
    let products = (0..PRODUCTS)
        .map(|p| {
            let k = 3 + rng.below(3);
            let mut inputs: Vec<(usize, u64)> = Vec::with_capacity(k);
            while inputs.len() < k {
                let m = rng.below(MATERIALS);
                if inputs.iter().all(|(x, _)| *x != m) {
                    inputs.push((m, 50 + 10 * rng.below(46) as u64));
                }
            }
            Product {
                sku: format!("PROD{p}"),
                inputs,
            }
        })
        .collect();
    let orders = (0..n)
        .map(|i| OrderSpec {
            ext: format!("W-{i:07}"),
            customer: format!("Customer {}", i % 997),
            lines: (0..1 + rng.below(3))
                .map(|_| (rng.below(PRODUCTS), 1 + rng.below(5) as u64))
                .collect(),
        })
        .collect();
    (
        Catalog {
            materials,
            products,
        },
        orders,
    )
}

/// Grams per lot of each material: its whole demand over `orders`, plus a
/// fifth, in [`LOTS_PER_MATERIAL`] lots (so FEFO moves on to later lots).
pub fn lot_grams(catalog: &Catalog, orders: &[OrderSpec]) -> Vec<u64> {
    let mut need = vec![0u64; catalog.materials.len()];
    for o in orders {
        for &(p, pcs) in &o.lines {
            for &(m, g) in &catalog.products[p].inputs {
                need[m] += g * pcs;
            }
        }
    }
    need.iter()
        .map(|n| (n * 6 / 5 / LOTS_PER_MATERIAL as u64).max(1_000))
        .collect()
}

/// Lines (= batches) per order over `orders`.
pub fn lines_per_order(orders: &[OrderSpec]) -> f64 {
    let lines: usize = orders.iter().map(|o| o.lines.len()).sum();
    lines as f64 / orders.len().max(1) as f64
}

/// The business steps of the cycle, on one backend. Ids are the backend's own.
pub trait Shop {
    /// Places an order; its id.
    fn place(&mut self, order: &OrderSpec) -> BResult<String>;
    /// Confirms it: one batch per line, materials reserved (FEFO); the batch ids.
    fn confirm(&mut self, order: &str) -> BResult<Vec<String>>;
    /// Starts a batch: its reserved lots are consumed.
    fn start(&mut self, mo: &str) -> BResult<()>;
    /// Completes a batch: the output lot, allocated to its order line.
    fn complete(&mut self, mo: &str) -> BResult<String>;
    /// Ships an order with everything it holds.
    fn ship(&mut self, order: &str, tracking: &str) -> BResult<()>;
    /// Traces a lot back to its materials; the number of lots reached.
    fn trace_back(&mut self, lot: &str) -> BResult<usize>;
    /// Traces a lot forward to what was made of it; the number of lots reached.
    fn trace_fwd(&mut self, lot: &str) -> BResult<usize>;
    /// Stock of an item per location that holds it (what a storefront asks
    /// before promising); the number of locations listed, or `None` where
    /// the backend has no such query (the baseline: one location, no
    /// availability of its own).
    fn availability(&mut self, _sku: &str) -> BResult<Option<usize>> {
        Ok(None)
    }
    /// The first page (25 rows) of the order desk's open orders, every
    /// status before shipped; the number of open orders, or `None` where
    /// the backend has no desk (the baseline).
    fn open_orders_page(&mut self) -> BResult<Option<usize>> {
        Ok(None)
    }
    /// What to buy (`purchase_suggestions`); the number of shortages it
    /// lists, or `None` where the backend does not plan (the baseline).
    fn purchase_suggestions(&mut self) -> BResult<Option<usize>> {
        Ok(None)
    }
    /// What to make for stock (`suggest_production`); the number of
    /// suggestions, or `None` where the backend does not plan.
    fn suggest_production(&mut self) -> BResult<Option<usize>> {
        Ok(None)
    }
}

impl Catalog {
    /// Every SKU: the materials, then the products.
    pub fn skus(&self) -> Vec<String> {
        let products = self.products.iter().map(|p| p.sku.clone());
        self.materials.iter().cloned().chain(products).collect()
    }
}

/// The start of every run's clock.
pub fn epoch() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

/// The clock of a run: fixed at [`epoch`] and moved 30 seconds on before
/// each command, so dates move as the run goes and orders placed one after
/// the other are told apart (the engine serves the oldest first).
pub struct RunClock {
    fixed: Arc<FixedClock>,
    ticks: i64,
}

impl RunClock {
    /// Opens `url` (`:memory:` or a SQLite path) on a new run clock.
    pub fn open(url: &str) -> BResult<(Lotwise, Self)> {
        let fixed = Arc::new(FixedClock::at(epoch()));
        let lw = Lotwise::open_with_clock(url, fixed.clone())?;
        Ok((lw, RunClock { fixed, ticks: 0 }))
    }

    /// Moves the clock 30 seconds on.
    pub fn tick(&mut self) {
        self.ticks += 1;
        self.fixed.set(epoch() + Days::seconds(30 * self.ticks));
    }
}

/// lotwise through its public API, on any store.
pub struct LotwiseShop {
    /// The engine.
    pub lw: Lotwise,
    clock: RunClock,
    catalog: Catalog,
}

impl LotwiseShop {
    /// Opens `url` (`:memory:` or a SQLite path), defines the catalog and
    /// receives the material lots; the shop and the raw lot codes.
    pub fn open(url: &str, catalog: &Catalog, grams: &[u64]) -> BResult<(Self, Vec<String>)> {
        let (lw, clock) = RunClock::open(url)?;
        for m in &catalog.materials {
            lw.define_item(NewItem::new(m, "Raw material", ItemKind::Material, Uom::Kg))?;
        }
        for p in &catalog.products {
            lw.define_item(NewItem::new(&p.sku, "Product", ItemKind::Product, Uom::Pcs))?;
            lw.define_recipe(NewRecipe {
                product: p.sku.clone(),
                batch_size: Qty::new(Decimal::ONE, Uom::Pcs),
                inputs: p
                    .inputs
                    .iter()
                    .map(|&(m, g)| NewRecipeInput {
                        sku: catalog.materials[m].clone(),
                        qty: kg(g),
                        scrap_pct: Decimal::ZERO,
                    })
                    .collect(),
                yield_pct: None,
                operations: vec![],
            })?;
        }
        let mut lots = Vec::new();
        for _ in 0..LOTS_PER_MATERIAL {
            for (m, sku) in catalog.materials.iter().enumerate() {
                lots.push(lw.receive(Receipt::new(sku, kg(grams[m])))?.code);
            }
        }
        let shop = LotwiseShop {
            lw,
            clock,
            catalog: catalog.clone(),
        };
        Ok((shop, lots))
    }
}

/// `grams` as a quantity in kg.
pub fn kg(grams: u64) -> Qty {
    Qty::new(Decimal::new(grams as i64, 3), Uom::Kg)
}

/// `n` pieces.
pub fn pcs(n: u64) -> Qty {
    Qty::new(Decimal::from(n), Uom::Pcs)
}

/// A shipment by UPS under `tracking`, the way every workload ships.
pub fn ups(tracking: &str) -> ShipRequest {
    ShipRequest {
        carrier: "UPS".into(),
        tracking: tracking.into(),
        ..Default::default()
    }
}

/// A lotwise order of `lines` (SKU, pieces) for `customer`.
pub fn new_order(ext: &str, customer: &str, lines: Vec<(String, u64)>) -> NewOrder {
    NewOrder {
        channel: "bench".into(),
        external_ref: Some(ext.into()),
        customer: Customer {
            name: customer.into(),
            email: None,
            ..Default::default()
        },
        ship_to: None,
        lines: lines
            .into_iter()
            .map(|(sku, n)| NewOrderLine {
                sku,
                qty: pcs(n),
                unit_price: Money::new(Decimal::new(1800, 2), "USD").ok(),
                requested_date: None,
                lot: None,
                min_remaining_shelf_life_days: None,
            })
            .collect(),
        tags: vec![],
        notes: None,
    }
}

impl Shop for LotwiseShop {
    fn place(&mut self, order: &OrderSpec) -> BResult<String> {
        self.clock.tick();
        let lines = order
            .lines
            .iter()
            .map(|&(p, n)| (self.catalog.products[p].sku.clone(), n))
            .collect();
        let new = new_order(&order.ext, &order.customer, lines);
        Ok(self.lw.place_order(new)?.order.id)
    }

    fn confirm(&mut self, order: &str) -> BResult<Vec<String>> {
        self.clock.tick();
        let report = self.lw.confirm_order(order)?;
        if !report.shortages.is_empty() {
            return Err(format!("{order}: short of {:?}", report.shortages).into());
        }
        Ok(report.mos)
    }

    fn start(&mut self, mo: &str) -> BResult<()> {
        self.clock.tick();
        self.lw.start_mo(mo)?;
        Ok(())
    }

    fn complete(&mut self, mo: &str) -> BResult<String> {
        self.clock.tick();
        let done = self.lw.complete_mo(mo, Completion::default())?;
        Ok(done.output.map(|o| o.lot).unwrap_or_default())
    }

    fn ship(&mut self, order: &str, tracking: &str) -> BResult<()> {
        self.clock.tick();
        self.lw.ship(order, ups(tracking))?;
        Ok(())
    }

    fn trace_back(&mut self, lot: &str) -> BResult<usize> {
        Ok(self.lw.trace_backward(lot)?.lots.len())
    }

    fn trace_fwd(&mut self, lot: &str) -> BResult<usize> {
        Ok(self.lw.trace_forward(lot)?.lots.len())
    }

    fn availability(&mut self, sku: &str) -> BResult<Option<usize>> {
        Ok(Some(self.lw.availability(sku)?.locations.len()))
    }

    fn open_orders_page(&mut self) -> BResult<Option<usize>> {
        use lotwise::OrderStatus::*;
        let query = lotwise::DeskQuery {
            statuses: vec![
                NeedsAttention,
                Placed,
                AwaitingMaterials,
                MaterialsReserved,
                InProduction,
                ReadyToShip,
                PartiallyShipped,
            ],
            limit: Some(25),
            ..Default::default()
        };
        Ok(Some(self.lw.desk(&query)?.total))
    }

    fn purchase_suggestions(&mut self) -> BResult<Option<usize>> {
        Ok(Some(self.lw.purchase_suggestions()?.needs.len()))
    }

    fn suggest_production(&mut self) -> BResult<Option<usize>> {
        Ok(Some(self.lw.suggest_production()?.len()))
    }
}
