//! The SKU map, and the engine accepting what the importers produce.

use super::*;

#[test]
fn sku_map_resolution_order() {
    let mut map = catalog();
    map.add_item("WAX-MELT", Uom::G);
    // A Shopify variant mapping overrides the line's SKU.
    map.add_item("CANDLE-LAV-200-GIFT", Uom::Pcs)
        .map_shopify_variant(44612930551906, SkuTarget::pieces("CANDLE-LAV-200-GIFT"));
    let o = shopify::parse_order(SIMPLE, &map).unwrap();
    assert_eq!(o.new_order.lines[0].sku, "CANDLE-LAV-200-GIFT");
    // A mapping to an item that is not (or no longer) in the catalog flags
    // the line; it does not fail the order at placement.
    map.map_shopify_variant(44612930551906, SkuTarget::pieces("CANDLE-RETIRED"));
    let o = shopify::parse_order(SIMPLE, &map).unwrap();
    let reason = UnmappedReason::UnknownTarget {
        sku: "CANDLE-RETIRED".into(),
    };
    assert_eq!(
        o.lines[0].mapping,
        LineMapping::Unmapped {
            reason: reason.clone()
        }
    );
    assert_eq!(reason.code(), "unknown_target");
    assert_eq!(
        reason.to_string(),
        "mapped to `CANDLE-RETIRED`, which is not in the catalog"
    );
    // So does a unit of another dimension than the item's.
    let kilos = SkuTarget {
        sku: "CANDLE-LAV-200".into(),
        uom: ChannelUnit::one(Uom::Kg),
    };
    map.map_shopify_variant(44612930551906, kilos);
    let o = shopify::parse_order(SIMPLE, &map).unwrap();
    assert_eq!(
        o.lines[0].mapping,
        LineMapping::Unmapped {
            reason: UnmappedReason::UnitNeeded {
                sku: "CANDLE-LAV-200".into(),
                uom: Uom::Pcs
            }
        }
    );

    // A channel SKU alias, per channel.
    let mut map = catalog();
    map.map_sku(
        Channel::Shopify,
        "LAV-CANDLE",
        SkuTarget::pieces("CANDLE-LAV-200"),
    );
    let aliased = edit(SIMPLE, |v| v["line_items"][0]["sku"] = "LAV-CANDLE".into());
    assert_eq!(
        shopify::parse_order(&aliased, &map)
            .unwrap()
            .new_order
            .lines[0]
            .sku,
        "CANDLE-LAV-200"
    );
    map.map_sku(
        Channel::Etsy,
        "ETSY-ONLY",
        SkuTarget::pieces("CANDLE-LAV-200"),
    );
    let etsy_alias = edit(SIMPLE, |v| v["line_items"][0]["sku"] = "ETSY-ONLY".into());
    let o = shopify::parse_order(&etsy_alias, &map).unwrap();
    assert_eq!(
        o.lines[0].mapping,
        LineMapping::Unmapped {
            reason: UnmappedReason::UnknownSku {
                sku: "ETSY-ONLY".into()
            }
        }
    );

    // An item kept in grams is not one channel unit: only an explicit mapping says what is.
    let mut map = catalog();
    map.add_item("WAX-MELT", Uom::Kg);
    let grams = edit(SIMPLE, |v| v["line_items"][0]["sku"] = "WAX-MELT".into());
    let o = shopify::parse_order(&grams, &map).unwrap();
    assert_eq!(
        o.lines[0].mapping,
        LineMapping::Unmapped {
            reason: UnmappedReason::UnitNeeded {
                sku: "WAX-MELT".into(),
                uom: Uom::G
            }
        }
    );
    map.map_sku(
        Channel::Shopify,
        "WAX-MELT",
        SkuTarget {
            sku: "WAX-MELT".into(),
            uom: ChannelUnit::one(Uom::Kg),
        },
    );
    assert_eq!(
        shopify::parse_order(&grams, &map).unwrap().new_order.lines[0]
            .qty
            .to_string(),
        "2 kg"
    );
    // The CSV's quantities are in the base unit, so the catalog is enough there.
    let csv_body = b"order_ref,customer,sku,quantity,unit_price,currency,requested_date\nW1,Shop,WAX-MELT,2500,0.02,USD,2026-12-01\n";
    assert_eq!(
        csv::parse_csv(csv_body, &map).unwrap()[0].new_order.lines[0]
            .qty
            .to_string(),
        "2500 g"
    );

    // Etsy: listing + chosen variation values (personalization ignored), then the listing alone.
    let mut map = SkuMap::new();
    map.add_item("CANDLE-LAV-200-WOOD", Uom::Pcs)
        .add_item("BALM-LIP-15", Uom::Pcs);
    map.map_etsy_listing(
        1583346621,
        &[1273829145611, 1273829145520],
        SkuTarget::pieces("CANDLE-LAV-200-WOOD"),
    );
    map.map_etsy_listing(1583351907, &[], SkuTarget::pieces("BALM-LIP-15"));
    let page = etsy::parse_receipts_page(ETSY_PAGE, &map).unwrap();
    let o = page.orders[0].clone().unwrap();
    let skus: Vec<_> = o.new_order.lines.iter().map(|l| l.sku.as_str()).collect();
    assert_eq!(skus, vec!["CANDLE-LAV-200-WOOD", "BALM-LIP-15"]);
    // The gift receipt's candle has the cotton wick: that variation is not mapped.
    let gift = etsy::parse_receipt(ETSY_GIFT, &map).unwrap();
    assert_eq!(
        gift.lines[0].mapping,
        LineMapping::Unmapped {
            reason: UnmappedReason::UnknownSku {
                sku: "CANDLE-LAV-200".into()
            }
        }
    );
}

#[test]
fn every_fixture_order_is_accepted_by_the_engine_and_replays() {
    let lw = Lotwise::open(":memory:").unwrap();
    for sku in SKUS {
        lw.define_item(NewItem::new(sku, sku, ItemKind::Product, Uom::Pcs))
            .unwrap();
    }
    let map = SkuMap::from_items(&lw.items().unwrap());
    let mut orders: Vec<ChannelOrder> = Vec::new();
    for body in [SIMPLE, MULTI, EUR, NO_SKU] {
        orders.push(shopify::parse_order(body, &map).unwrap());
    }
    orders.extend(
        etsy::parse_receipts_page(ETSY_PAGE, &map)
            .unwrap()
            .orders
            .into_iter()
            .map(Result::unwrap),
    );
    orders.push(etsy::parse_receipt(ETSY_GIFT, &map).unwrap());
    orders.extend(csv::parse_csv(WHOLESALE, &map).unwrap());
    assert_eq!(orders.len(), 9);
    for o in &orders {
        let placed = lw.place_order(o.new_order.clone()).unwrap();
        assert!(!placed.replayed);
        assert_eq!(
            placed.order.external_ref.as_deref(),
            Some(o.external_id.as_str())
        );
        let again = lw.place_order(o.new_order.clone()).unwrap();
        assert!(again.replayed, "{} replays", o.external_id);
        assert_eq!(again.order.id, placed.order.id);
    }
    assert_eq!(lw.orders().unwrap().len(), 9);
}
