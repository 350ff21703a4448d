//! Purchasing and make-to-stock: suppliers, purchase orders received into
//! lots, purchase suggestions from confirmed shortages and reorder points,
//! and stock manufacturing orders.

use std::sync::Arc;

use chrono::NaiveDate;
use lotwise::*;

#[path = "purchasing/make_to_stock.rs"]
mod make_to_stock;
#[path = "purchasing/purchase_orders.rs"]
mod purchase_orders;
#[path = "purchasing/suggestions.rs"]
mod suggestions;

fn q(text: &str) -> Qty {
    text.parse().unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// A candle maker on Monday 2 March 2026: wax (kg), jars (pcs), candles made
/// in batches of 12 from 2.4 kg wax and 12 jars, and matches bought for resale.
fn shop() -> Lotwise {
    let clock = Arc::new(FixedClock::at("2026-03-02T09:00:00Z".parse().unwrap()));
    let lw = Lotwise::in_memory_with_clock(clock);
    lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))
        .unwrap();
    let mut jar = NewItem::new("JAR", "Amber jar", ItemKind::Packaging, Uom::Pcs);
    jar.reorder_point = Some(q("50 pcs"));
    jar.reorder_qty = Some(q("100 pcs"));
    lw.define_item(jar).unwrap();
    lw.define_item(NewItem::new(
        "CANDLE",
        "Lavender candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    let mut matches = NewItem::new("MATCHES", "Matchbox", ItemKind::Product, Uom::Pcs);
    matches.lead_time_days = Some(9);
    lw.define_item(matches).unwrap();
    lw.define_recipe(NewRecipe {
        product: "CANDLE".into(),
        batch_size: q("12 pcs"),
        inputs: vec![
            NewRecipeInput {
                sku: "WAX".into(),
                qty: q("2.4 kg"),
                scrap_pct: 0.into(),
            },
            NewRecipeInput {
                sku: "JAR".into(),
                qty: q("12 pcs"),
                scrap_pct: 0.into(),
            },
        ],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    let mut wax = NewSupplierItem::new("WAX");
    wax.min_order_qty = Some(q("10 kg"));
    wax.supplier_sku = Some("SOY-464".into());
    lw.define_supplier(NewSupplier::new("CS", "CandleScience", 5).supplying(wax))
        .unwrap();
    lw.define_supplier(
        NewSupplier::new("JARCO", "Jar Co", 3).supplying(NewSupplierItem::new("JAR")),
    )
    .unwrap();
    lw
}

fn order(lw: &Lotwise, sku: &str, qty: &str) -> String {
    let placed = lw
        .place_order(NewOrder {
            channel: "manual".into(),
            external_ref: None,
            customer: Customer {
                name: "Ada".into(),
                email: None,
                ..Default::default()
            },
            ship_to: None,
            lines: vec![NewOrderLine {
                sku: sku.into(),
                qty: q(qty),
                unit_price: None,
                requested_date: None,
                lot: None,
                min_remaining_shelf_life_days: None,
            }],
            tags: vec![],
            notes: None,
        })
        .unwrap();
    placed.order.id
}

fn po(lw: &Lotwise, supplier: &str, sku: &str, qty: &str) -> PurchaseOrder {
    lw.create_po(NewPurchaseOrder {
        supplier: supplier.into(),
        lines: vec![NewPoLine {
            sku: sku.into(),
            qty: q(qty),
            unit_cost: None,
        }],
        expected_date: None,
        notes: None,
    })
    .unwrap()
}
