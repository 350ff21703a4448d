//! Units: US customary units convert exactly, pack units of an item work
//! wherever a quantity of it is given, each item keeps a display unit, and
//! bad units are refused with typed errors that write nothing.

mod common;

use common::*;
use lotwise::channels::{Channel, SkuMappings, SkuTarget};
use lotwise::*;

const BAR: &str = "BAR-LAV";
const OLIVE: &str = "OIL-OLIVE";

/// Soy wax defined in pounds, lavender bars sold by the box of 12, olive oil
/// bought by the 25 kg drum.
fn shop(lw: &Lotwise) {
    lw.define_item(NewItem::new(WAX, "Soy wax", ItemKind::Material, Uom::Lb))
        .unwrap();
    let bars = NewItem::new(BAR, "Lavender bar", ItemKind::Product, Uom::Pcs)
        .with_pack("box", qty("12 pcs"))
        .with_pack("case", qty("4 box"));
    lw.define_item(bars).unwrap();
    lw.define_item(
        NewItem::new(OLIVE, "Olive oil", ItemKind::Material, Uom::Kg)
            .with_pack("drum", qty("25 kg")),
    )
    .unwrap();
}

#[test]
fn sixteen_ounces_of_wax_are_exactly_453_59237_grams() {
    let (lw, _) = engine();
    shop(&lw);
    let lot = lw.receive(Receipt::new(WAX, qty("16 oz"))).unwrap();
    // 16 × 28.349523125 g = 453.59237 g, kept exactly (not 453.592).
    assert_eq!(balance(&lw, WAX, &lot.code, "MAIN"), dec("453.59237"));
    lw.receive(Receipt::new(WAX, qty("1 lb"))).unwrap();
    assert_eq!(lw.stock(WAX).unwrap().on_hand, dec("907.18474"));
    // Defined in pounds: stock is in grams, and shown in pounds on request.
    let item = lw.item(WAX).unwrap();
    assert_eq!(item.uom, Uom::G);
    assert_eq!(item.display_unit, Some(Unit::Std(Uom::Lb)));
    let shown = lw.convert_qty(WAX, qty("907.18474 g"), None).unwrap();
    assert_eq!(shown.to_string(), "2 lb");
    let oz = lw
        .convert_qty(WAX, qty("1 kg"), Some(Unit::Std(Uom::Oz)))
        .unwrap();
    // 1000 / 28.349523125 = 35.27396194958… oz, rounded to 12 places.
    assert_eq!(oz.to_string(), "35.27396194958 oz");
    assert_invariants(&lw);
}

#[test]
fn fluid_ounces_and_gallons_are_exact() {
    let (lw, _) = engine();
    lw.define_item(NewItem::new(
        OIL,
        "Lavender oil",
        ItemKind::Material,
        Uom::FlOz,
    ))
    .unwrap();
    let lot = lw.receive(Receipt::new(OIL, qty("1 gal"))).unwrap();
    // 128 × 29.5735295625 ml = 3785.411784 ml.
    assert_eq!(balance(&lw, OIL, &lot.code, "MAIN"), dec("3785.411784"));
    lw.adjust_stock(Adjustment {
        sku: OIL.into(),
        lot: lot.code.clone(),
        location: None,
        delta: qty("-2 fl oz"),
        reason: "spilt".into(),
    })
    .unwrap();
    assert_eq!(
        lw.convert_qty(
            OIL,
            lw.item(OIL).unwrap().qty(lw.stock(OIL).unwrap().on_hand),
            None
        )
        .unwrap()
        .to_string(),
        "126 fl oz"
    );
}

#[test]
fn an_order_of_two_boxes_reserves_24_bars() {
    let (lw, _) = engine();
    shop(&lw);
    lw.receive(Receipt::new(BAR, qty("3 box"))).unwrap();
    assert_eq!(lw.stock(BAR).unwrap().on_hand, dec("36"));
    let placed = lw
        .place_order(new_order(
            "manual",
            None,
            "Ada",
            vec![priced(BAR, "2 box", "30.00 USD")],
        ))
        .unwrap();
    let line = &placed.order.lines[0];
    assert_eq!(line.qty.to_string(), "24 pcs");
    // 30.00 USD a box is 2.50 USD a bar; the line is worth 60.00 USD.
    assert_eq!(line.unit_price.as_ref().unwrap().amount, dec("2.5"));
    lw.confirm_order(&placed.order.id).unwrap();
    let reserved: Decimal = lw.reservations().unwrap().iter().map(|r| r.qty).sum();
    assert_eq!(reserved, dec("24"));
    // A case is 4 boxes of 12; the plural reads as the pack.
    assert_eq!(
        lw.convert_qty(BAR, qty("1 case"), Some("boxes".parse().unwrap()))
            .unwrap()
            .to_string(),
        "4 box"
    );
    assert_eq!(
        lw.convert_qty(BAR, qty("2 boxes"), Some(Unit::Std(Uom::Dozen)))
            .unwrap()
            .to_string(),
        "2 dozen"
    );
    assert_invariants(&lw);
}

#[test]
fn packs_work_in_receipts_purchase_orders_and_recipes() {
    let (lw, _) = engine();
    shop(&lw);
    lw.define_supplier(
        NewSupplier::new("OLIVA", "Oliva", 5).supplying(NewSupplierItem::new(OLIVE)),
    )
    .unwrap();
    let po = lw
        .create_po(NewPurchaseOrder {
            supplier: "OLIVA".into(),
            lines: vec![NewPoLine {
                sku: OLIVE.into(),
                qty: qty("2 drum"),
                unit_cost: None,
            }],
            expected_date: None,
            notes: None,
        })
        .unwrap();
    assert_eq!(po.lines[0].qty, dec("50000"));
    lw.send_po(&po.id).unwrap();
    lw.receive_po(&po.id, vec![PoReceiptLine::new(1, qty("1 drums"))])
        .unwrap();
    assert_eq!(lw.stock(OLIVE).unwrap().on_hand, dec("25000"));
    let recipe = lw
        .define_recipe(NewRecipe {
            product: BAR.into(),
            batch_size: qty("1 case"),
            inputs: vec![exact_input(OLIVE, "0.1 drum")],
            yield_pct: None,
            operations: vec![],
        })
        .unwrap();
    // A case is 48 bars from 2.5 kg of oil.
    assert_eq!(recipe.batch_size, dec("48"));
    assert_eq!(recipe.inputs[0].qty, dec("2500"));
}

#[test]
fn a_sku_map_target_may_be_two_boxes() {
    let (lw, _) = engine();
    shop(&lw);
    let mut mappings = SkuMappings::default();
    mappings.skus.insert(
        "LAV-GIFT".into(),
        SkuTarget::per(BAR, "2 box".parse().unwrap()),
    );
    let csv = "order_ref,customer,sku,quantity,unit_price,currency,requested_date\n\
               WH-1,Bramble,LAV-GIFT,3,48.00,USD,2026-12-01\n";
    let results = lw
        .import_texts(Channel::Csv, &[csv.to_string()], &mappings)
        .unwrap();
    let order = lw.order(results[0].order.as_deref().unwrap()).unwrap();
    // 3 gift sets of 2 boxes of 12 are 72 bars, at 48.00 / 24 = 2.00 USD each.
    assert_eq!(order.lines[0].qty.to_string(), "72 pcs");
    assert_eq!(order.lines[0].unit_price.as_ref().unwrap().amount, dec("2"));
    // "box of 12" is not a quantity: refused when the target is built.
    let e = "box of 12"
        .parse::<lotwise::channels::ChannelUnit>()
        .unwrap_err();
    assert_eq!(e.code(), "unknown_unit");
}

#[test]
fn bad_units_are_typed_errors_that_write_nothing() {
    let (lw, _) = engine();
    shop(&lw);
    lw.define_item(NewItem::new(CANDLE, "Candle", ItemKind::Product, Uom::Pcs))
        .unwrap();
    let before = lw.snapshot().unwrap();
    // A word that is neither a unit nor a pack of the item: the value is kept.
    let e = lw
        .receive(Receipt::new(WAX, qty("3 furlongs")))
        .unwrap_err();
    assert_eq!(
        e,
        Error::UnknownUnit {
            unit: "furlongs".into(),
            value: "3 furlongs".into(),
            sku: Some(WAX.into())
        }
    );
    // The bars' box given for candles, which have none.
    let e = lw
        .place_order(new_order(
            "manual",
            None,
            "Ada",
            vec![line(CANDLE, "2 box")],
        ))
        .unwrap_err();
    assert_eq!(
        e,
        Error::PackUnitMismatch {
            unit: "box".into(),
            value: "2 box".into(),
            sku: CANDLE.into(),
            pack_of: vec![BAR.into()]
        }
    );
    // A pack of another dimension than the item's.
    let e = lw
        .define_pack(OLIVE, NewPack::new("jug", qty("5 l")))
        .unwrap_err();
    assert_eq!(e.code(), "unit_mismatch");
    let e = lw
        .define_item(
            NewItem::new("JAR", "Jar", ItemKind::Packaging, Uom::Pcs)
                .with_pack("tray", qty("2.5 kg")),
        )
        .unwrap_err();
    assert_eq!(e.code(), "unit_mismatch");
    // A pack may not be named like a standard unit, nor hold part of a piece.
    assert_eq!(
        lw.define_pack(BAR, NewPack::new("oz", qty("2 pcs")))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(
        lw.define_pack(BAR, NewPack::new("half", qty("0.5 pcs")))
            .unwrap_err()
            .code(),
        "invalid_quantity"
    );
    // Finer than a thousandth of an ounce.
    assert_eq!(
        lw.receive(Receipt::new(WAX, qty("0.0001 oz")))
            .unwrap_err()
            .code(),
        "invalid_quantity"
    );
    // A display unit of another dimension.
    assert_eq!(
        lw.set_display_unit(WAX, Unit::Std(Uom::Gal))
            .unwrap_err()
            .code(),
        "unit_mismatch"
    );
    let after = lw.snapshot().unwrap();
    assert_eq!(before, after);
}

#[test]
fn packs_can_be_resized_and_the_past_keeps_its_amounts() {
    let (lw, _) = engine();
    shop(&lw);
    lw.receive(Receipt::new(BAR, qty("1 box"))).unwrap();
    let item = lw
        .define_pack(BAR, NewPack::new("box", qty("10 pcs")))
        .unwrap();
    assert_eq!(
        item.pack(PackName::parse("box").unwrap()).unwrap().qty,
        dec("10")
    );
    lw.receive(Receipt::new(BAR, qty("1 box"))).unwrap();
    assert_eq!(lw.stock(BAR).unwrap().on_hand, dec("22"));
    let item = lw.set_display_unit(BAR, "box".parse().unwrap()).unwrap();
    assert_eq!(item.display_unit(), "box".parse::<Unit>().unwrap());
    assert_eq!(
        lw.convert_qty(BAR, qty("22 pcs"), None)
            .unwrap()
            .to_string(),
        "2.2 box"
    );
}

#[test]
fn parse_qty_takes_standard_units_and_the_command_layer_takes_packs() {
    let lw = Lotwise::open(":memory:").unwrap();
    let answer =
        |text: &str| -> serde_json::Value { serde_json::from_str(&lw.execute_json(text)).unwrap() };
    assert_eq!(
        answer(r#"{"do": "parse_qty", "args": {"text": "16 fl_oz"}}"#)["ok"],
        "16 fl oz"
    );
    let e = answer(r#"{"do": "parse_qty", "args": {"text": "2 box"}}"#);
    assert_eq!(e["error"]["code"], "unknown_unit");
    answer(
        r#"{"do": "define_item", "args": {"sku": "BAR", "name": "Bar", "kind": "product", "uom": "pcs", "packs": [{"name": "box", "qty": "12 pcs"}], "display_unit": "box"}}"#,
    );
    let got = answer(r#"{"do": "convert_qty", "args": {"sku": "BAR", "qty": "36 pcs"}}"#);
    assert_eq!(got["ok"], "3 box");
    let got = answer(
        r#"{"do": "define_item", "args": {"sku": "OIL", "name": "Oil", "kind": "material", "uom": "fl oz"}}"#,
    );
    assert_eq!(got["ok"]["uom"], "ml");
    assert_eq!(got["ok"]["display_unit"], "fl oz");
}
