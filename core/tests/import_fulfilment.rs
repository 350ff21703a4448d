//! Fulfilment-aware channel import: what the channel already fulfilled,
//! refunded, or need not ship is kept on the line as `fulfilled_outside`
//! and creates no demand; a POS sale is a walk-in sale; a digital receipt
//! has no ship-to.

use std::sync::Arc;

use lotwise::channels::{etsy, shopify, SkuMap};
use lotwise::{
    Decimal, FixedClock, ImportStatus, ItemKind, Lotwise, NewItem, OrderStatus, Receipt, Uom,
};

const PARTLY_FULFILLED: &[u8] =
    include_bytes!("fixtures/channels/shopify/orders_updated_partly_fulfilled.json");
const REFUNDED: &[u8] = include_bytes!("fixtures/channels/shopify/orders_updated_refunded.json");
const POS: &[u8] = include_bytes!("fixtures/channels/shopify/orders_create_pos.json");
const DIGITAL: &[u8] = include_bytes!("fixtures/channels/etsy/receipt_digital.json");
const COMPLETED_PAGE: &[u8] = include_bytes!("fixtures/channels/etsy/receipts_page1.json");

fn shop() -> (Lotwise, SkuMap) {
    let clock = Arc::new(FixedClock::at("2026-11-05T09:00:00Z".parse().unwrap()));
    let lw = Lotwise::in_memory_with_clock(clock);
    for sku in ["CANDLE-LAV-200", "SOAP-OAT-100", "BALM-LIP-15", "GUIDE-PDF"] {
        lw.define_item(NewItem::new(sku, sku, ItemKind::Product, Uom::Pcs))
            .unwrap();
        lw.receive(Receipt::new(sku, "100 pcs".parse().unwrap()))
            .unwrap();
    }
    let map = SkuMap::from_items(&lw.items().unwrap());
    (lw, map)
}

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

/// (ordered, fulfilled outside, cancelled, ready) per line of the order view.
fn lines(lw: &Lotwise, id: &str) -> Vec<(Decimal, Decimal, Decimal, Decimal)> {
    lw.order_view(id)
        .unwrap()
        .lines
        .iter()
        .map(|l| (l.ordered, l.fulfilled_outside, l.cancelled, l.ready))
        .collect()
}

fn reserved(lw: &Lotwise, sku: &str) -> Decimal {
    lw.stock(sku).unwrap().reserved
}

#[test]
fn a_line_fulfilled_on_shopify_is_kept_for_the_record_and_reserves_nothing() {
    let (lw, map) = shop();
    let parsed = shopify::parse_order(PARTLY_FULFILLED, &map).unwrap();
    assert_eq!(
        parsed
            .lines
            .iter()
            .map(|l| l.fulfilled_outside)
            .collect::<Vec<_>>(),
        vec![d(1), d(1), d(0)]
    );
    let result = lw.import_order(&parsed).unwrap();
    assert_eq!(result.status, ImportStatus::Imported);
    let id = result.order.unwrap();
    let report = lw.confirm_order(&id).unwrap();
    // Candle 1 − 1 fulfilled = 0 to ship; soap 3 − 1 = 2; balm 4.
    assert_eq!(
        report.reserved.into_iter().collect::<Vec<_>>(),
        vec![(2, d(2)), (3, d(4))]
    );
    assert_eq!(report.status, OrderStatus::ReadyToShip);
    assert_eq!(reserved(&lw, "CANDLE-LAV-200"), d(0));
    assert_eq!(reserved(&lw, "SOAP-OAT-100"), d(2));
    assert_eq!(
        lines(&lw, &id),
        vec![
            (d(1), d(1), d(0), d(0)),
            (d(3), d(1), d(0), d(2)),
            (d(4), d(0), d(0), d(4)),
        ]
    );
    let view = lw.order_view(&id).unwrap();
    assert_eq!(view.lines[0].status, OrderStatus::Shipped);
    assert_eq!(view.lines[0].uncovered, d(0));
    // Shipping what lotwise holds ships the order: 2 soaps and 4 balms.
    let shipment = lw
        .ship(
            &id,
            lotwise::ShipRequest {
                carrier: "USPS".into(),
                tracking: "9400".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let shipped: Decimal = shipment.lines.iter().map(|l| l.qty).sum();
    assert_eq!(shipped, d(6));
    assert_eq!(lw.order(&id).unwrap().status, OrderStatus::Shipped);
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn a_refunded_line_stays_on_the_order_with_no_demand() {
    let (lw, map) = shop();
    let result = lw
        .import_order(&shopify::parse_order(REFUNDED, &map).unwrap())
        .unwrap();
    assert_eq!(result.status, ImportStatus::Imported);
    let id = result.order.unwrap();
    let report = lw.confirm_order(&id).unwrap();
    // Candle 1; soap 3 − 1 refunded = 2; balm 4 − 4 refunded = 0.
    assert_eq!(
        report.reserved.into_iter().collect::<Vec<_>>(),
        vec![(1, d(1)), (2, d(2))]
    );
    assert_eq!(reserved(&lw, "BALM-LIP-15"), d(0));
    assert_eq!(
        lines(&lw, &id),
        vec![
            (d(1), d(0), d(0), d(1)),
            (d(3), d(1), d(0), d(2)),
            (d(4), d(4), d(0), d(0)),
        ]
    );
    assert_eq!(lw.order(&id).unwrap().status, OrderStatus::ReadyToShip);
}

#[test]
fn a_pos_sale_imports_as_a_walk_in_sale_already_complete() {
    let (lw, map) = shop();
    let parsed = shopify::parse_order(POS, &map).unwrap();
    assert!(!parsed.needs_attention());
    assert_eq!(parsed.new_order.customer.name, shopify::WALK_IN);
    assert_eq!(parsed.new_order.ship_to, None);
    let result = lw.import_order(&parsed).unwrap();
    assert_eq!(result.status, ImportStatus::Imported);
    assert!(result.reasons.is_empty());
    let id = result.order.unwrap();
    let order = lw.order(&id).unwrap();
    assert!(order.attention.is_empty());
    // A walk-in is nobody's order: no customer record is made for it.
    assert!(parsed.names_no_one());
    assert_eq!(order.customer.id, None);
    assert!(lw.customers().unwrap().is_empty());
    // Everything left at the till: nothing for lotwise to do.
    assert_eq!(order.status, OrderStatus::Shipped);
    assert_eq!(
        lines(&lw, &id),
        vec![
            (d(2), d(2), d(0), d(0)),
            (d(1), d(1), d(0), d(0)),
            (d(1), d(1), d(0), d(0)),
        ]
    );
    for sku in ["CANDLE-LAV-200", "SOAP-OAT-100", "BALM-LIP-15"] {
        assert_eq!(reserved(&lw, sku), d(0), "{sku}");
        assert_eq!(lw.stock(sku).unwrap().on_hand, d(100), "{sku}");
    }
    assert!(lw.check_invariants().unwrap().is_empty());
}

#[test]
fn a_digital_receipt_has_no_ship_to_and_no_demand() {
    let (lw, map) = shop();
    let parsed = etsy::parse_receipt(DIGITAL, &map).unwrap();
    assert_eq!(parsed.new_order.ship_to, None, "no empty address");
    assert!(!parsed.lines[0].requires_shipping);
    assert_eq!(parsed.lines[0].fulfilled_outside, d(1));
    let result = lw.import_order(&parsed).unwrap();
    assert_eq!(result.status, ImportStatus::Imported);
    let id = result.order.unwrap();
    let order = lw.order(&id).unwrap();
    assert_eq!(order.ship_to, None);
    assert_eq!(order.customer.name, "Colette Marchand");
    assert_eq!(order.status, OrderStatus::Shipped);
    assert_eq!(lines(&lw, &id), vec![(d(1), d(1), d(0), d(0))]);
    assert_eq!(reserved(&lw, "GUIDE-PDF"), d(0));
}

#[test]
fn an_etsy_receipt_shipped_on_etsy_creates_no_demand() {
    let (lw, map) = shop();
    let page = etsy::parse_receipts_page(COMPLETED_PAGE, &map).unwrap();
    // Receipt 3498201134 is `Completed` and shipped: 1 oat soap.
    let completed = page
        .orders
        .into_iter()
        .map(Result::unwrap)
        .find(|o| o.external_id == "3498201134")
        .unwrap();
    assert_eq!(completed.lines[0].fulfilled_outside, d(1));
    let id = lw.import_order(&completed).unwrap().order.unwrap();
    assert_eq!(lw.order(&id).unwrap().status, OrderStatus::Shipped);
    assert_eq!(reserved(&lw, "SOAP-OAT-100"), d(0));
}

#[test]
fn a_settled_order_imports_as_shipped_with_planning_in_use() {
    let (lw, map) = shop();
    // A work center turns capacity planning and promises on.
    lw.define_work_center(lotwise::domain::capacity::NewWorkCenter {
        code: "POUR".into(),
        name: "pouring line".into(),
        calendar: lotwise::domain::calendar::NewCalendar::mon_to_fri(d(8)),
        capacity: 1,
    })
    .unwrap();
    let id = lw
        .import_order(&shopify::parse_order(POS, &map).unwrap())
        .unwrap()
        .order
        .unwrap();
    assert_eq!(lw.order(&id).unwrap().status, OrderStatus::Shipped);
    let kinds: Vec<String> = lw
        .events_after(0, usize::MAX)
        .unwrap()
        .into_iter()
        .filter(|e| e.subject == id)
        .map(|e| e.kind().to_string())
        .collect();
    assert_eq!(
        kinds,
        vec!["order_placed", "order_confirmed", "order_status_changed"]
    );
}

#[test]
fn without_fulfillable_quantity_the_fulfillments_say_what_is_left() {
    let (_lw, map) = shop();
    let mut body: serde_json::Value = serde_json::from_slice(PARTLY_FULFILLED).unwrap();
    for line in body["line_items"].as_array_mut().unwrap() {
        line.as_object_mut().unwrap().remove("fulfillable_quantity");
    }
    let parsed = shopify::parse_order(&serde_json::to_vec(&body).unwrap(), &map).unwrap();
    // The one fulfillment shipped 1 candle and 1 of 3 soaps.
    assert_eq!(
        parsed
            .lines
            .iter()
            .map(|l| (l.fulfillable_quantity, l.fulfilled_outside))
            .collect::<Vec<_>>(),
        vec![(Some(d(0)), d(1)), (Some(d(2)), d(1)), (None, d(0)),]
    );
    // A cancelled fulfillment ships nothing.
    body["fulfillments"][0]["status"] = "cancelled".into();
    let parsed = shopify::parse_order(&serde_json::to_vec(&body).unwrap(), &map).unwrap();
    assert!(parsed.lines.iter().all(|l| l.fulfilled_outside.is_zero()));
}
