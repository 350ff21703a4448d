//! The small catalog every model run starts from, and the arithmetic the
//! auditor does on its own (unit factors, recipe requirements) so that it
//! does not trust the engine's versions of them.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use lotwise::{Clock, FixedClock, ItemKind, Lotwise, NewItem, NewRecipe, NewRecipeInput, Qty, Uom};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Every SKU of the catalog, indexed by the generator.
pub const SKUS: [&str; 6] = ["WAX", "OIL", "JAR", "BASE", "CANDLE", "MELT"];

/// What an order line may ask for: two made products, a bought jar, and
/// the intermediate sold as is (competing with the batches that need it).
pub const ORDER_SKUS: [&str; 4] = ["CANDLE", "MELT", "JAR", "BASE"];

/// Customers orders come from.
pub const CUSTOMERS: [&str; 3] = ["Ada Lovelace", "Grace Hopper", "Linus Pauling"];

/// Where every run starts: a Monday morning.
pub const START: &str = "2026-03-02T09:00:00Z";

struct ItemSpec {
    sku: &'static str,
    kind: ItemKind,
    uom: Uom,
    shelf_life_days: Option<u32>,
    min_remaining_days: Option<u32>,
}

const ITEMS: [ItemSpec; 6] = [
    ItemSpec {
        sku: "WAX",
        kind: ItemKind::Material,
        uom: Uom::Kg,
        shelf_life_days: Some(40),
        min_remaining_days: None,
    },
    ItemSpec {
        sku: "OIL",
        kind: ItemKind::Material,
        uom: Uom::L,
        shelf_life_days: Some(12),
        min_remaining_days: None,
    },
    ItemSpec {
        sku: "JAR",
        kind: ItemKind::Packaging,
        uom: Uom::Pcs,
        shelf_life_days: None,
        min_remaining_days: None,
    },
    // The intermediate: poured into candles, kept in grams.
    ItemSpec {
        sku: "BASE",
        kind: ItemKind::Product,
        uom: Uom::Kg,
        shelf_life_days: Some(20),
        min_remaining_days: None,
    },
    ItemSpec {
        sku: "CANDLE",
        kind: ItemKind::Product,
        uom: Uom::Pcs,
        shelf_life_days: Some(90),
        min_remaining_days: None,
    },
    ItemSpec {
        sku: "MELT",
        kind: ItemKind::Product,
        uom: Uom::Pcs,
        shelf_life_days: Some(30),
        min_remaining_days: Some(3),
    },
];

/// A recipe in base units: (input sku, quantity per batch, scrap %).
pub struct RecipeSpec {
    pub product: &'static str,
    pub batch: i64,
    pub inputs: &'static [(&'static str, i64, i64)],
    pub yield_pct: i64,
}

/// CANDLE is two-level (BASE is made from WAX and OIL); MELT has scrap and a
/// 90 % yield so its requirements need rounding.
pub const RECIPES: [RecipeSpec; 3] = [
    RecipeSpec {
        product: "BASE",
        batch: 1000,
        inputs: &[("WAX", 900, 0), ("OIL", 100, 0)],
        yield_pct: 100,
    },
    RecipeSpec {
        product: "CANDLE",
        batch: 4,
        inputs: &[("BASE", 800, 2), ("JAR", 4, 0)],
        yield_pct: 100,
    },
    RecipeSpec {
        product: "MELT",
        batch: 6,
        inputs: &[("WAX", 300, 5), ("OIL", 30, 0)],
        yield_pct: 90,
    },
];

/// The recipes as the engine is given them, in assorted units on purpose.
fn new_recipes() -> Vec<NewRecipe> {
    let input = |sku: &str, qty: &str, scrap: i64| NewRecipeInput {
        sku: sku.into(),
        qty: qty.parse().unwrap(),
        scrap_pct: Decimal::from(scrap),
    };
    vec![
        NewRecipe {
            product: "BASE".into(),
            batch_size: "1 kg".parse().unwrap(),
            inputs: vec![input("WAX", "0.9 kg", 0), input("OIL", "100 ml", 0)],
            yield_pct: None,
            operations: vec![],
        },
        NewRecipe {
            product: "CANDLE".into(),
            batch_size: "4 pcs".parse().unwrap(),
            inputs: vec![input("BASE", "800 g", 2), input("JAR", "4 pcs", 0)],
            yield_pct: None,
            operations: vec![],
        },
        NewRecipe {
            product: "MELT".into(),
            batch_size: "6 pcs".parse().unwrap(),
            inputs: vec![input("WAX", "300 g", 5), input("OIL", "0.03 l", 0)],
            yield_pct: Some(Decimal::from(90)),
            operations: vec![],
        },
    ]
}

/// A fresh engine on the in-memory store with the catalog defined.
pub fn engine() -> (Lotwise, Arc<FixedClock>) {
    let start: DateTime<Utc> = START.parse().unwrap();
    let clock = Arc::new(FixedClock::at(start));
    let shared: Arc<dyn Clock> = clock.clone();
    let lw = Lotwise::in_memory_with_clock(shared);
    for spec in &ITEMS {
        let mut item = NewItem::new(spec.sku, spec.sku, spec.kind, spec.uom);
        item.shelf_life_days = spec.shelf_life_days;
        item.min_remaining_shelf_life_days = spec.min_remaining_days;
        lw.define_item(item).unwrap();
    }
    for recipe in new_recipes() {
        lw.define_recipe(recipe).unwrap();
    }
    (lw, clock)
}

/// Days a new lot of `sku` keeps, from the catalog.
pub fn shelf_life(sku: &str) -> Option<u32> {
    ITEMS
        .iter()
        .find(|i| i.sku == sku)
        .and_then(|i| i.shelf_life_days)
}

/// Minimum remaining shelf life the catalog asks of a reserved lot of `sku`.
pub fn min_remaining(sku: &str) -> Option<u32> {
    ITEMS
        .iter()
        .find(|i| i.sku == sku)
        .and_then(|i| i.min_remaining_days)
}

/// Whether `sku` is counted in whole pieces.
pub fn is_pieces(sku: &str) -> bool {
    ITEMS.iter().any(|i| i.sku == sku && i.uom == Uom::Pcs)
}

/// The recipe of `product`, if it is made.
pub fn recipe(product: &str) -> Option<&'static RecipeSpec> {
    RECIPES.iter().find(|r| r.product == product)
}

/// `n` units of an order line or shipment of `sku`: pieces, or hundreds of
/// grams for the intermediate.
pub fn units(sku: &str, n: u32) -> Qty {
    if is_pieces(sku) {
        Qty::new(Decimal::from(n), Uom::Pcs)
    } else {
        Qty::new(Decimal::from(n) * Decimal::ONE_HUNDRED, Uom::G)
    }
}

/// `q` in its base unit, by the auditor's own factor table.
pub fn base(q: Qty) -> Decimal {
    let factor = match q.std_uom() {
        Some(Uom::Kg | Uom::L) => Decimal::from(1000),
        Some(Uom::Mg) => Decimal::new(1, 3),
        Some(Uom::G | Uom::Ml | Uom::Pcs) => Decimal::ONE,
        other => panic!("the model writes no quantity in {other:?}"),
    };
    q.value * factor
}

/// What making `qty` (base unit) of `product` needs, computed exactly with
/// integers: per batch × qty / batch × (100 + scrap) / 100 × 100 / yield,
/// rounded up to whole pieces or to thousandths of a gram or millilitre.
pub fn requirements(product: &str, qty: Decimal) -> Vec<(String, Decimal)> {
    let Some(r) = recipe(product) else {
        return Vec::new();
    };
    // qty is whole in base units for every MO this catalog can produce.
    assert!(qty.fract().is_zero(), "planned quantity {qty} is not whole");
    let q = qty.to_i128().unwrap();
    r.inputs
        .iter()
        .map(|(sku, per_batch, scrap)| {
            let num = i128::from(*per_batch) * q * i128::from(100 + scrap) * 100;
            let den = i128::from(r.batch) * 100 * i128::from(r.yield_pct);
            let dp = if is_pieces(sku) { 0 } else { 3 };
            let scaled = num * 10i128.pow(dp);
            let ceil = (scaled + den - 1) / den;
            let value = Decimal::from_i128_with_scale(ceil, dp).normalize();
            (sku.to_string(), value)
        })
        .collect()
}
