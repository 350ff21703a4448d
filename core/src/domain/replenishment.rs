//! Replenishment: what to buy and what to make for stock.
//!
//! Purchase suggestions net confirmed demand (shortages of manufacturing
//! orders awaiting materials, uncovered order lines of bought items) against
//! free stock (on hand − reserved) and open purchase orders, then top up to
//! the reorder point, then round up to the supplier's minimum order quantity.
//! Every shortage is attributed once, in priority order, to exactly one
//! source: stock, open purchase orders, or the suggestion.

use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::quantity::{round_up, Uom};

/// Confirmed demand for a bought item that nothing holds yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Need {
    /// Item.
    pub sku: String,
    /// Quantity short, base unit.
    pub qty: Decimal,
    /// Who needs it: a manufacturing order id or an order line (`SO-000001/2`).
    pub needed_for: String,
}

/// How one [`Need`] is covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NeedCover {
    /// Item.
    pub sku: String,
    /// Who needs it.
    pub needed_for: String,
    /// Quantity short.
    pub qty: Decimal,
    /// Covered by free stock (it may be held back by a shelf-life rule, or
    /// arrived through a path that does not re-serve waiting demand).
    pub from_stock: Decimal,
    /// Covered by open purchase orders.
    pub from_open_pos: Decimal,
    /// Left for the suggestion to buy.
    pub to_buy: Decimal,
}

/// Where a bought item comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Sourcing {
    /// Preferred supplier, if any supplies the item.
    pub supplier: Option<String>,
    /// That supplier's minimum order quantity (0: none).
    pub min_order_qty: Decimal,
    /// That supplier's pack size: orders are whole packs (`None`: any quantity).
    pub pack_size: Option<Decimal>,
    /// Lead time in days (supplier's, else the item's).
    pub lead_time_days: Option<u32>,
}

/// Everything the suggestion for one bought item depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuyInput {
    /// Item.
    pub sku: String,
    /// Base unit (quantities of pieces are rounded up to whole ones).
    pub uom: Uom,
    /// Confirmed shortages, in the order they should be served.
    pub needs: Vec<Need>,
    /// Free stock: on hand − reserved, unexpired, at internal locations.
    pub free: Decimal,
    /// Still to come on open purchase orders.
    pub open_pos: Decimal,
    /// Reorder point.
    pub reorder_point: Option<Decimal>,
    /// Reorder quantity.
    pub reorder_qty: Option<Decimal>,
    /// Supplier terms.
    pub sourcing: Sourcing,
}

/// A suggested purchase of one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PurchaseSuggestion {
    /// Item.
    pub sku: String,
    /// Supplier to order from; `None` when no supplier lists the item.
    pub supplier: Option<String>,
    /// Quantity to order, base unit.
    pub qty: Decimal,
    /// Part of `qty` that covers confirmed shortages.
    pub for_shortages: Decimal,
    /// Part that brings stock back to the reorder point.
    pub for_reorder: Decimal,
    /// Extra from the minimum order quantity, whole packs and rounding.
    pub rounding: Decimal,
    /// How many of the supplier's packs `qty` is, when it sells in packs.
    pub packs: Option<Decimal>,
    /// Lead time used for `expected_date`.
    pub lead_time_days: Option<u32>,
    /// When the goods would arrive if ordered today.
    pub expected_date: Option<NaiveDate>,
    /// The shortages this purchase covers (those with something to buy).
    pub covers: Vec<NeedCover>,
    /// Why, for a person.
    pub explanation: String,
}

/// Purchase suggestions and how every confirmed shortage is covered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PurchasePlan {
    /// Every confirmed shortage of a bought item, exactly once.
    pub needs: Vec<NeedCover>,
    /// At most one suggestion per item.
    pub suggestions: Vec<PurchaseSuggestion>,
}

/// Attributes `needs` in order to free stock, then to open purchase orders,
/// then to a purchase.
pub fn cover_needs(needs: &[Need], free: Decimal, open_pos: Decimal) -> Vec<NeedCover> {
    let mut free = free.max(Decimal::ZERO);
    let mut open = open_pos.max(Decimal::ZERO);
    needs
        .iter()
        .map(|n| {
            let from_stock = free.min(n.qty);
            free -= from_stock;
            let from_open_pos = open.min(n.qty - from_stock);
            open -= from_open_pos;
            NeedCover {
                sku: n.sku.clone(),
                needed_for: n.needed_for.clone(),
                qty: n.qty,
                from_stock,
                from_open_pos,
                to_buy: n.qty - from_stock - from_open_pos,
            }
        })
        .collect()
}

/// The covers of one item's needs and its suggestion, if anything is to be bought.
pub fn suggest_purchase(
    input: &BuyInput,
    today: NaiveDate,
) -> (Vec<NeedCover>, Option<PurchaseSuggestion>) {
    let covers = cover_needs(&input.needs, input.free, input.open_pos);
    let for_shortages: Decimal = covers.iter().map(|c| c.to_buy).sum();
    let demand: Decimal = input.needs.iter().map(|n| n.qty).sum();
    // The projected position once the shortages are bought: never below zero.
    let position = (input.free.max(Decimal::ZERO) + input.open_pos.max(Decimal::ZERO) - demand)
        .max(Decimal::ZERO);
    let for_reorder = match input.reorder_point {
        Some(point) if position < point => {
            (point - position).max(input.reorder_qty.unwrap_or_default())
        }
        _ => Decimal::ZERO,
    };
    let raw = for_shortages + for_reorder;
    if raw <= Decimal::ZERO {
        return (covers, None);
    }
    let at_least = round_up(raw.max(input.sourcing.min_order_qty), input.uom);
    let (qty, packs) = match input.sourcing.pack_size {
        Some(pack) if pack > Decimal::ZERO => {
            let packs = (at_least / pack).ceil();
            (packs * pack, Some(packs))
        }
        _ => (at_least, None),
    };
    let rounding = qty - raw;
    let lead = input.sourcing.lead_time_days;
    let expected_date = lead.map(|d| today + Duration::days(i64::from(d)));
    let explanation = explain(
        input,
        &covers,
        Amounts {
            for_shortages,
            for_reorder,
            to_minimum: at_least - raw,
            to_packs: packs.map(|p| (p, qty - at_least)),
            position,
        },
    );
    let suggestion = PurchaseSuggestion {
        sku: input.sku.clone(),
        supplier: input.sourcing.supplier.clone(),
        qty,
        for_shortages,
        for_reorder,
        rounding,
        packs,
        lead_time_days: lead,
        expected_date,
        covers: covers
            .iter()
            .filter(|c| c.to_buy > Decimal::ZERO)
            .cloned()
            .collect(),
        explanation,
    };
    (covers, Some(suggestion))
}

/// The figures a suggestion's explanation states.
struct Amounts {
    for_shortages: Decimal,
    for_reorder: Decimal,
    /// Added to reach the minimum order quantity (and the planning scale).
    to_minimum: Decimal,
    /// Whole packs ordered, and what they add beyond the minimum.
    to_packs: Option<(Decimal, Decimal)>,
    position: Decimal,
}

fn explain(input: &BuyInput, covers: &[NeedCover], a: Amounts) -> String {
    let u = input.uom;
    let mut parts = Vec::new();
    if a.for_shortages > Decimal::ZERO {
        let who: Vec<&str> = covers
            .iter()
            .filter(|c| c.to_buy > Decimal::ZERO)
            .map(|c| c.needed_for.as_str())
            .collect();
        parts.push(format!(
            "{} {u} short for {} after {} {u} free and {} {u} on open purchase orders",
            a.for_shortages.normalize(),
            who.join(", "),
            input.free.max(Decimal::ZERO).normalize(),
            input.open_pos.max(Decimal::ZERO).normalize()
        ));
    }
    if a.for_reorder > Decimal::ZERO {
        parts.push(format!(
            "{} {u} to restock: projected {} {u} is below the reorder point {} {u}",
            a.for_reorder.normalize(),
            a.position.normalize(),
            input.reorder_point.unwrap_or_default().normalize()
        ));
    }
    if a.to_minimum > Decimal::ZERO {
        parts.push(format!(
            "{} {u} more to reach the minimum order quantity",
            a.to_minimum.normalize()
        ));
    }
    if let (Some((packs, extra)), Some(pack)) = (a.to_packs, input.sourcing.pack_size) {
        let more = if extra > Decimal::ZERO {
            format!("{} {u} more to make ", extra.normalize())
        } else {
            String::new()
        };
        parts.push(format!(
            "{more}{} whole packs of {} {u}",
            packs.normalize(),
            pack.normalize()
        ));
    }
    match &input.sourcing.supplier {
        Some(s) => parts.push(format!("from {s}")),
        None => parts.push("no supplier lists this item".into()),
    }
    parts.join("; ")
}

/// Everything the make-to-stock suggestion for one product depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MakeInput {
    /// Product.
    pub sku: String,
    /// Free stock.
    pub free: Decimal,
    /// Output of open manufacturing orders not yet promised to any order.
    pub planned: Decimal,
    /// Confirmed order quantities neither in stock nor planned.
    pub uncovered: Decimal,
    /// Reorder point.
    pub reorder_point: Decimal,
    /// Reorder quantity.
    pub reorder_qty: Option<Decimal>,
    /// Good output of one recipe batch.
    pub batch_size: Decimal,
}

/// A suggested manufacturing order for stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProductionSuggestion {
    /// Product.
    pub sku: String,
    /// Quantity to make, whole batches, base unit.
    pub qty: Decimal,
    /// Free stock now.
    pub free: Decimal,
    /// Unpromised output of open manufacturing orders.
    pub planned: Decimal,
    /// Confirmed demand with nothing behind it.
    pub uncovered: Decimal,
    /// Reorder point.
    pub reorder_point: Decimal,
    /// Why, for a person.
    pub explanation: String,
}

/// Suggests a batch when the product's position (free + planned − uncovered)
/// is below its reorder point: at least the reorder quantity, enough to reach
/// the point, in whole batches.
pub fn suggest_production(input: &MakeInput) -> Option<ProductionSuggestion> {
    let position = input.free + input.planned - input.uncovered;
    if position >= input.reorder_point || input.batch_size <= Decimal::ZERO {
        return None;
    }
    let want = (input.reorder_point - position).max(input.reorder_qty.unwrap_or_default());
    let qty = ((want / input.batch_size).ceil() * input.batch_size).normalize();
    Some(ProductionSuggestion {
        sku: input.sku.clone(),
        qty,
        free: input.free,
        planned: input.planned,
        uncovered: input.uncovered,
        reorder_point: input.reorder_point,
        explanation: format!(
            "projected {} (free {} + planned {} − uncovered {}) is below the reorder point {}; {} in batches of {}",
            position.normalize(),
            input.free.normalize(),
            input.planned.normalize(),
            input.uncovered.normalize(),
            input.reorder_point.normalize(),
            qty,
            input.batch_size.normalize()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn need(qty: Decimal, who: &str) -> Need {
        Need {
            sku: "WAX".into(),
            qty,
            needed_for: who.into(),
        }
    }

    fn input(needs: Vec<Need>, free: Decimal, open: Decimal) -> BuyInput {
        BuyInput {
            sku: "WAX".into(),
            uom: Uom::G,
            needs,
            free,
            open_pos: open,
            reorder_point: None,
            reorder_qty: None,
            sourcing: Sourcing {
                supplier: Some("CS".into()),
                min_order_qty: dec!(5000),
                pack_size: None,
                lead_time_days: Some(4),
            },
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    #[test]
    fn needs_take_stock_then_open_pos_then_purchase() {
        let inp = input(
            vec![need(dec!(300), "MO-1"), need(dec!(900), "MO-2")],
            dec!(100),
            dec!(400),
        );
        let (covers, s) = suggest_purchase(&inp, day(2));
        assert_eq!(
            covers
                .iter()
                .map(|c| (c.from_stock, c.from_open_pos, c.to_buy))
                .collect::<Vec<_>>(),
            vec![
                (dec!(100), dec!(200), dec!(0)),
                (dec!(0), dec!(200), dec!(700))
            ]
        );
        let s = s.unwrap();
        assert_eq!(s.for_shortages, dec!(700));
        assert_eq!(s.qty, dec!(5000), "rounded up to the MOQ");
        assert_eq!(s.rounding, dec!(4300));
        assert_eq!(s.expected_date, Some(day(6)));
        assert_eq!(s.covers.len(), 1);
        assert_eq!(s.covers[0].needed_for, "MO-2");
    }

    #[test]
    fn reorder_point_tops_up_after_shortages() {
        let mut inp = input(vec![need(dec!(200), "MO-1")], dec!(0), dec!(0));
        inp.sourcing.min_order_qty = Decimal::ZERO;
        inp.reorder_point = Some(dec!(1000));
        inp.reorder_qty = Some(dec!(400));
        let s = suggest_purchase(&inp, day(2)).1.unwrap();
        // Position after the shortage is 0: 1000 to reach the point (> 400).
        assert_eq!(
            (s.for_shortages, s.for_reorder, s.qty),
            (dec!(200), dec!(1000), dec!(1200))
        );
        inp.needs.clear();
        inp.free = dec!(800);
        let s = suggest_purchase(&inp, day(2)).1.unwrap();
        assert_eq!(s.qty, dec!(400), "reorder quantity when it exceeds the gap");
        inp.free = dec!(1000);
        assert!(
            suggest_purchase(&inp, day(2)).1.is_none(),
            "at the point is not below it"
        );
    }

    #[test]
    fn whole_packs_are_ordered_and_explained() {
        // 6302.635 g of lye short, sold in 1 kg packs: 7 packs, 7000 g.
        let mut inp = input(vec![need(dec!(6302.635), "MO-1")], dec!(0), dec!(0));
        inp.sourcing.min_order_qty = Decimal::ZERO;
        inp.sourcing.pack_size = Some(dec!(1000));
        let s = suggest_purchase(&inp, day(2)).1.unwrap();
        assert_eq!((s.qty, s.packs), (dec!(7000), Some(dec!(7))));
        assert_eq!(s.rounding, dec!(697.365));
        assert!(
            s.explanation
                .contains("697.365 g more to make 7 whole packs of 1000 g"),
            "{}",
            s.explanation
        );
        // A minimum of 10 kg in 3 kg packs: 4 packs, 12 kg.
        inp.sourcing.min_order_qty = dec!(10000);
        inp.sourcing.pack_size = Some(dec!(3000));
        let s = suggest_purchase(&inp, day(2)).1.unwrap();
        assert_eq!((s.qty, s.packs), (dec!(12000), Some(dec!(4))));
        assert_eq!(s.rounding, dec!(5697.365));
        assert!(s
            .explanation
            .contains("3697.365 g more to reach the minimum"));
        assert!(s
            .explanation
            .contains("2000 g more to make 4 whole packs of 3000 g"));
        // Exactly a whole number of packs: nothing added for the packs.
        inp.sourcing.min_order_qty = Decimal::ZERO;
        inp.needs = vec![need(dec!(6000), "MO-1")];
        let s = suggest_purchase(&inp, day(2)).1.unwrap();
        assert_eq!(
            (s.qty, s.packs, s.rounding),
            (dec!(6000), Some(dec!(2)), dec!(0))
        );
        assert!(
            s.explanation.contains("; 2 whole packs of 3000 g"),
            "{}",
            s.explanation
        );
    }

    #[test]
    fn nothing_to_buy_when_covered() {
        let inp = input(vec![need(dec!(300), "MO-1")], dec!(0), dec!(300));
        let (covers, s) = suggest_purchase(&inp, day(2));
        assert!(s.is_none());
        assert_eq!(covers[0].from_open_pos, dec!(300));
    }

    #[test]
    fn production_in_whole_batches() {
        let inp = MakeInput {
            sku: "CANDLE".into(),
            free: dec!(3),
            planned: dec!(0),
            uncovered: dec!(1),
            reorder_point: dec!(10),
            reorder_qty: Some(dec!(5)),
            batch_size: dec!(12),
        };
        let s = suggest_production(&inp).unwrap();
        assert_eq!(s.qty, dec!(12));
        let enough = MakeInput {
            planned: dec!(8),
            ..inp
        };
        assert!(suggest_production(&enough).is_none());
    }
}
