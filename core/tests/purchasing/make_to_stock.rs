//! Make-to-stock: production suggested from reorder points, and stock
//! manufacturing orders whose output goes to free stock.

use rust_decimal_macros::dec;

use super::*;

#[test]
fn make_to_stock_suggests_and_creates_unallocated_batches() {
    let lw = shop();
    let mut soap = NewItem::new("SOAP", "Oat soap", ItemKind::Product, Uom::Pcs);
    soap.reorder_point = Some(q("10 pcs"));
    soap.reorder_qty = Some(q("20 pcs"));
    lw.define_item(soap).unwrap();
    lw.define_recipe(NewRecipe {
        product: "SOAP".into(),
        batch_size: q("12 pcs"),
        inputs: vec![NewRecipeInput {
            sku: "WAX".into(),
            qty: q("1 kg"),
            scrap_pct: 0.into(),
        }],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    lw.receive(Receipt::new("WAX", q("5 kg"))).unwrap();
    lw.receive(Receipt::new("SOAP", q("4 pcs"))).unwrap();

    let s = lw.suggest_production().unwrap();
    assert_eq!(s.len(), 1);
    // free 4 < 10: at least 20, in batches of 12 → 24.
    assert_eq!(
        (s[0].sku.as_str(), s[0].qty, s[0].free),
        ("SOAP", dec!(24), dec!(4))
    );

    let before = lw.snapshot().unwrap();
    assert_eq!(
        lw.create_stock_mo("WAX", q("1 kg")).unwrap_err().code(),
        "no_recipe"
    );
    assert_eq!(
        lw.create_stock_mo("SOAP", q("0 pcs")).unwrap_err().code(),
        "invalid_quantity"
    );
    assert_eq!(lw.snapshot().unwrap(), before);

    let made = lw.create_stock_mo("SOAP", q("20 pcs")).unwrap();
    assert_eq!(made.mo.qty, dec!(24));
    assert!(made.mo.allocations.is_empty());
    assert_eq!(made.mo.status, MoStatus::MaterialsReserved);
    assert!(made.shortages.is_empty());
    assert!(
        lw.suggest_production().unwrap().is_empty(),
        "the open batch is planned supply"
    );

    lw.start_mo(&made.mo.id).unwrap();
    lw.complete_mo(&made.mo.id, Completion::default()).unwrap();
    assert_eq!(
        lw.stock("SOAP").unwrap().available,
        dec!(28),
        "unallocated output goes to stock"
    );
    let so = order(&lw, "SOAP", "6 pcs");
    assert_eq!(
        lw.confirm_order(&so).unwrap().status,
        OrderStatus::ReadyToShip
    );
    assert!(lw.check_invariants().unwrap().is_empty());
}
