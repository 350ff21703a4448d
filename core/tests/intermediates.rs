//! Two-level recipes: a candle made from a wax base that is itself made.
//! When the base batch falls short or its inputs expire while held,
//! re-planning the order fixes the whole tree instead of leaving it stuck.

use std::sync::Arc;

use lotwise::*;

fn shop() -> (Lotwise, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::at("2026-03-02T09:00:00Z".parse().unwrap()));
    let lw = Lotwise::in_memory_with_clock(clock.clone());
    let mut oil = NewItem::new("OIL", "Fragrance oil", ItemKind::Material, Uom::Ml);
    oil.shelf_life_days = Some(10);
    lw.define_item(oil).unwrap();
    lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))
        .unwrap();
    lw.define_item(NewItem::new("JAR", "Jar", ItemKind::Packaging, Uom::Pcs))
        .unwrap();
    lw.define_item(NewItem::new(
        "BASE",
        "Scented base",
        ItemKind::Material,
        Uom::Kg,
    ))
    .unwrap();
    lw.define_item(NewItem::new(
        "CANDLE",
        "Candle",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    let input = |sku: &str, q: &str| NewRecipeInput {
        sku: sku.into(),
        qty: q.parse().unwrap(),
        scrap_pct: 0.into(),
    };
    lw.define_recipe(NewRecipe {
        product: "BASE".into(),
        batch_size: "2 kg".parse().unwrap(),
        inputs: vec![input("WAX", "1.8 kg"), input("OIL", "200 ml")],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    lw.define_recipe(NewRecipe {
        product: "CANDLE".into(),
        batch_size: "10 pcs".parse().unwrap(),
        inputs: vec![input("BASE", "2 kg"), input("JAR", "10 pcs")],
        yield_pct: None,
        operations: vec![],
    })
    .unwrap();
    for (sku, q) in [("WAX", "10 kg"), ("OIL", "1 l"), ("JAR", "50 pcs")] {
        lw.receive(Receipt::new(sku, q.parse().unwrap())).unwrap();
    }
    (lw, clock)
}

fn order(lw: &Lotwise) -> String {
    lw.place_order(NewOrder {
        channel: "manual".into(),
        external_ref: None,
        customer: Customer {
            name: "Corner Shop".into(),
            email: None,
            ..Default::default()
        },
        ship_to: None,
        lines: vec![NewOrderLine {
            sku: "CANDLE".into(),
            qty: "10 pcs".parse().unwrap(),
            unit_price: None,
            requested_date: None,
            lot: None,
            min_remaining_shelf_life_days: None,
        }],
        tags: vec![],
        notes: None,
    })
    .unwrap()
    .order
    .id
}

#[test]
fn a_short_base_batch_gets_a_new_batch_on_replan() {
    let (lw, _) = shop();
    let id = order(&lw);
    let plan = lw.confirm_order(&id).unwrap();
    assert_eq!(plan.mos, ["MO-000001"]);
    let base = lw.mo("MO-000002").unwrap();
    assert_eq!(base.parent_mo.as_deref(), Some("MO-000001"));
    lw.start_mo("MO-000002").unwrap();
    lw.complete_mo(
        "MO-000002",
        Completion {
            good_qty: Some("1 kg".parse().unwrap()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        lw.mo("MO-000001").unwrap().status,
        MoStatus::AwaitingMaterials
    );
    // Re-planning again must not stack batches: one new base batch for the missing kilo.
    lw.replan_order(&id).unwrap();
    lw.replan_order(&id).unwrap();
    let children: Vec<_> = lw
        .mos()
        .unwrap()
        .into_iter()
        .filter(|m| m.parent_mo.as_deref() == Some("MO-000001") && m.status.is_open())
        .collect();
    assert_eq!(children.len(), 1, "{children:?}");
    let next = &children[0].id;
    lw.start_mo(next).unwrap();
    lw.complete_mo(next, Completion::default()).unwrap();
    assert_eq!(
        lw.mo("MO-000001").unwrap().status,
        MoStatus::MaterialsReserved
    );
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn an_expired_input_of_the_base_batch_is_replaced_on_replan() {
    let (lw, clock) = shop();
    let id = order(&lw);
    lw.confirm_order(&id).unwrap();
    clock.advance_days(13);
    assert_eq!(lw.start_mo("MO-000002").unwrap_err().code(), "lot_expired");
    lw.receive(Receipt::new("OIL", "500 ml".parse().unwrap()))
        .unwrap();
    lw.replan_order(&id).unwrap();
    let started = lw.start_mo("MO-000002").unwrap();
    assert!(
        started.consumed.iter().all(|c| c.lot != "OIL-R0002"),
        "{:?}",
        started.consumed
    );
    assert!(lw.check_invariants().unwrap().is_empty());
}
