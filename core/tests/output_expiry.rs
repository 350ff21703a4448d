//! A batch's output lot expires no later than the inputs it was made from,
//! when the product is food or a cosmetic (or says so), unless the product
//! opts out or the completion names a date.
//! Figures are worked by hand from the clock (2026-03-02) and shelf lives.

mod common;

use common::{date, engine, qty};
use lotwise::{
    Completion, ItemCategory, ItemKind, Lotwise, NewItem, NewRecipe, NewRecipeInput, Receipt, Uom,
};

const OATS: &str = "OATS-ROLLED";
const HONEY: &str = "HONEY-RAW";
const BAR: &str = "BAR-OAT";

/// Oats (kg) and honey (kg), and an oat bar (food) of 150 g oats + 50 g
/// honey with a shelf life of `bar_days` (none when `None`).
fn oat_bar(lw: &Lotwise, bar_days: Option<u32>, capped: Option<bool>) {
    oat_bar_as(lw, ItemCategory::Food, bar_days, capped);
}

fn oat_bar_as(lw: &Lotwise, category: ItemCategory, bar_days: Option<u32>, capped: Option<bool>) {
    for sku in [OATS, HONEY] {
        lw.define_item(NewItem::new(sku, sku, ItemKind::Material, Uom::Kg))
            .unwrap();
    }
    let mut bar = NewItem::new(BAR, "Oat bar", ItemKind::Product, Uom::Pcs);
    bar.shelf_life_days = bar_days;
    bar.expiry_capped_by_inputs = capped;
    bar.category = Some(category);
    lw.define_item(bar).unwrap();
    let input = |sku: &str, q: &str| NewRecipeInput {
        sku: sku.into(),
        qty: qty(q),
        scrap_pct: 0.into(),
    };
    lw.define_recipe(NewRecipe {
        product: BAR.into(),
        batch_size: qty("1 pcs"),
        inputs: vec![input(OATS, "150 g"), input(HONEY, "50 g")],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
}

/// Receives oats expiring `oats` and honey expiring `honey`, then makes
/// 10 bars and returns the output lot's expiry.
fn make_ten(
    lw: &Lotwise,
    oats: Option<&str>,
    honey: Option<&str>,
    given: Option<&str>,
) -> Option<chrono::NaiveDate> {
    for (sku, expiry) in [(OATS, oats), (HONEY, honey)] {
        let mut receipt = Receipt::new(sku, qty("5 kg"));
        receipt.expiry = expiry.map(date);
        lw.receive(receipt).unwrap();
    }
    let mo = lw.create_stock_mo(BAR, qty("10 pcs")).unwrap().mo;
    lw.start_mo(&mo.id).unwrap();
    let completion = Completion {
        expiry: given.map(date),
        ..Completion::default()
    };
    let done = lw.complete_mo(&mo.id, completion).unwrap();
    let output = done.output.expect("a completed batch has an output lot");
    let lot = lw.lot(&output.lot).unwrap();
    assert_eq!(lot.expiry, output.expiry, "the batch and the lot agree");
    lot.expiry
}

#[test]
fn oats_expiring_first_cap_the_bars() {
    let (lw, _) = engine();
    // 180 days from 2026-03-02 is 2026-08-29; the oats go on 2026-05-27.
    oat_bar(&lw, Some(180), None);
    let expiry = make_ten(&lw, Some("2026-05-27"), Some("2027-03-02"), None);
    assert_eq!(expiry, Some(date("2026-05-27")));
    assert!(
        lw.item(BAR).unwrap().expiry_capped_by_inputs,
        "on by default"
    );
}

#[test]
fn the_products_own_shelf_life_wins_when_shorter() {
    let (lw, _) = engine();
    // 30 days from 2026-03-02 is 2026-04-01, before both inputs.
    oat_bar(&lw, Some(30), None);
    let expiry = make_ten(&lw, Some("2026-05-27"), Some("2027-03-02"), None);
    assert_eq!(expiry, Some(date("2026-04-01")));
}

#[test]
fn a_product_without_shelf_life_expires_with_its_inputs() {
    let (lw, _) = engine();
    oat_bar(&lw, None, None);
    assert_eq!(
        make_ten(&lw, None, Some("2026-12-31"), None),
        Some(date("2026-12-31"))
    );
}

#[test]
fn nothing_expires_when_nothing_does() {
    let (lw, _) = engine();
    oat_bar(&lw, None, None);
    assert_eq!(make_ten(&lw, None, None, None), None);
}

#[test]
fn a_product_may_opt_out_of_the_cap() {
    let (lw, _) = engine();
    oat_bar(&lw, Some(180), Some(false));
    assert!(!lw.item(BAR).unwrap().expiry_capped_by_inputs);
    assert_eq!(
        make_ten(&lw, Some("2026-05-27"), None, None),
        Some(date("2026-08-29"))
    );
}

#[test]
fn an_expiry_given_at_completion_is_kept() {
    let (lw, _) = engine();
    oat_bar(&lw, Some(180), None);
    assert_eq!(
        make_ten(&lw, Some("2026-05-27"), None, Some("2026-04-15")),
        Some(date("2026-04-15"))
    );
}
