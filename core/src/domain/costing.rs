//! Costing: what a lot cost, what a batch cost, what was shipped and what
//! the shelf is worth, in the shop's one cost currency.
//!
//! * A **lot** carries its unit cost per base unit (per gram, millilitre or
//!   piece) in the cost currency ([`crate::Lot::unit_cost`]): from its
//!   receipt (`unit_cost` per unit of the quantity received, or the purchase
//!   order line's, or the supplier's price) or, for a batch's output, the
//!   batch's cost ÷ its good quantity.
//! * A **batch** costs the actual cost of the lots it consumed + its
//!   operations' booked minutes × the work center's rate per hour + the
//!   overhead rule ([`CostSettings`]: a percentage of materials and labour
//!   plus a fixed amount per batch). Its output lot's unit cost is that ÷ the
//!   good quantity, rounded to [`COST_PLACES`]; scrap is absorbed by the good
//!   units. The rounding (good × unit cost − batch cost, below one unit of
//!   the 10th decimal per unit) is booked with the batch, so costs are
//!   conserved exactly.
//! * **Conservation**: cost received + cost added by operations = cost of
//!   goods shipped + cost scrapped + stock valuation + work in progress
//!   (inputs of batches started and not completed). Stock found or lost at a
//!   count counts as received or scrapped at its lot's cost; goods returned
//!   reduce the cost shipped.
//!
//! Amounts here are exact decimals; totals shown to people are rounded to
//! the currency's minor unit ([`Money::total`]).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::money::{round_places, Money, COST_PLACES};
use crate::error::{Error, Result};

/// Record kinds under which costing data is stored (`Tx::doc`).
pub mod records {
    /// The one [`super::CostSettings`], under [`SETTINGS_KEY`].
    pub const SETTINGS: &str = "cost_settings";
    /// The key of the settings record.
    pub const SETTINGS_KEY: &str = "shop";
    /// A [`super::BatchCost`], keyed by manufacturing order id.
    pub const BATCH: &str = "batch_cost";
    /// A [`super::ShipmentCost`], keyed by shipment id.
    pub const SHIPMENT: &str = "shipment_cost";
    /// A work center's rate per hour ([`super::WorkCenterRate`]), keyed by its code.
    pub const RATE: &str = "work_center_rate";
}

/// How costs are kept: the shop's cost currency and its overhead rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostSettings {
    /// The currency every cost is kept in (ISO 4217). Until set, the first
    /// cost recorded sets it.
    #[serde(default)]
    pub currency: Option<String>,
    /// Overhead added to every batch, in percent of its materials and
    /// labour (`"10"` for 10 %); zero when absent.
    #[serde(default)]
    pub overhead_pct: Decimal,
    /// A fixed overhead added to every completed batch, in the cost
    /// currency; none when absent.
    #[serde(default)]
    pub overhead_per_batch: Option<Money>,
}

impl CostSettings {
    /// Validates new settings.
    pub fn check(&self) -> Result<()> {
        if let Some(c) = &self.currency {
            Money::new(Decimal::ZERO, c)?;
        }
        if self.overhead_pct < Decimal::ZERO || self.overhead_pct > Decimal::from(1000) {
            return Err(Error::invalid_input(
                "overhead_pct",
                self.overhead_pct,
                "must be 0 to 1000",
            ));
        }
        if let Some(m) = &self.overhead_per_batch {
            check_cost("overhead_per_batch", m)?;
            m.check_amount("overhead_per_batch")?;
            if let Some(c) = &self.currency {
                if m.currency != c.to_ascii_uppercase() {
                    return Err(Error::CurrencyMismatch {
                        expected: c.to_ascii_uppercase(),
                        got: m.currency.clone(),
                    });
                }
            }
        }
        Ok(())
    }
}

/// A work center's cost per hour of booked time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WorkCenterRate {
    /// The work center's code.
    pub work_center: String,
    /// Cost per hour, in the cost currency.
    pub rate_per_hour: Money,
}

/// Refuses a negative cost with `negative_cost`, and more places than a unit
/// cost takes with `money_precision`.
pub fn check_cost(field: &str, cost: &Money) -> Result<()> {
    if cost.amount < Decimal::ZERO {
        return Err(Error::NegativeCost {
            field: field.to_string(),
            value: cost.to_string(),
        });
    }
    cost.check_price(field)
}

/// A supplier price list entry's `price_per` in the item's base unit (one
/// base unit when not given), after checking the price; `None` without a price.
pub fn price_per(
    item: &crate::domain::catalog::Item,
    i: usize,
    price: Option<&Money>,
    per: Option<crate::domain::quantity::Qty>,
) -> Result<Option<Decimal>> {
    let Some(price) = price else {
        return Ok(None);
    };
    check_cost(&format!("items[{i}].price"), price)?;
    match per {
        Some(q) => item
            .base_qty(&format!("items[{i}].price_per"), q, false)
            .map(Some),
        None => Ok(Some(Decimal::ONE)),
    }
}

/// `price` (per `per_base` base units, e.g. 1000 for a price per kg) as a
/// cost per base unit in `currency`: converted by `rate` (cost currency per
/// unit of the price's currency) when the currencies differ — without a
/// rate that is `currency_mismatch` — and rounded to [`COST_PLACES`].
pub fn cost_per_base(
    field: &str,
    price: &Money,
    per_base: Decimal,
    rate: Option<Decimal>,
    currency: &str,
) -> Result<Money> {
    check_cost(field, price)?;
    let amount = if price.currency == currency {
        price.amount
    } else {
        match rate {
            Some(r) if r > Decimal::ZERO => price.amount * r,
            Some(r) => {
                return Err(Error::invalid_input(
                    "exchange_rate",
                    r,
                    "must be greater than zero",
                ))
            }
            None => {
                return Err(Error::CurrencyMismatch {
                    expected: currency.to_string(),
                    got: price.currency.clone(),
                })
            }
        }
    };
    if per_base <= Decimal::ZERO {
        return Err(Error::Internal {
            reason: format!("a price per {per_base} base units"),
        });
    }
    Ok(Money {
        amount: round_places(amount / per_base, COST_PLACES),
        currency: currency.to_string(),
    })
}

/// One consumed lot in a batch's cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CostLine {
    /// Item.
    pub sku: String,
    /// Lot.
    pub lot: String,
    /// Quantity, in the item's base unit.
    pub qty: Decimal,
    /// The lot's cost per base unit; `None` when the lot has no cost.
    pub unit_cost: Option<Decimal>,
    /// qty × unit cost (zero for a lot without cost).
    pub cost: Decimal,
}

/// One operation in a batch's cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OperationCost {
    /// Work center.
    pub work_center: String,
    /// Minutes booked (setup + run time for the batch's quantity, as planned).
    pub minutes: i64,
    /// The work center's rate per hour; `None` when it has none (costs zero).
    pub rate_per_hour: Option<Decimal>,
    /// minutes × rate ÷ 60.
    pub cost: Decimal,
}

/// What a completed (or cancelled) batch cost. Amounts in `currency`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BatchCost {
    /// The manufacturing order.
    pub mo: String,
    /// The product made.
    pub product: String,
    /// The cost currency.
    pub currency: String,
    /// The lots consumed, at their actual cost.
    pub inputs: Vec<CostLine>,
    /// The operations, at their work centers' rates.
    pub operations: Vec<OperationCost>,
    /// Σ inputs' cost.
    pub materials: Decimal,
    /// Σ operations' cost.
    pub labour: Decimal,
    /// overhead_pct × (materials + labour) + overhead per batch.
    pub overhead: Decimal,
    /// materials + labour + overhead.
    pub total: Decimal,
    /// Good output, in the product's base unit.
    pub good: Decimal,
    /// Output scrapped, absorbed by the good units.
    pub scrap: Decimal,
    /// The output lot; `None` for a cancelled batch.
    pub output_lot: Option<String>,
    /// total ÷ good, rounded to 10 places: the output lot's cost per base
    /// unit; `None` when nothing good came out.
    pub unit_cost: Option<Decimal>,
    /// good × unit cost − total: what rounding the unit cost added (booked
    /// with the batch so costs are conserved exactly).
    pub rounding: Decimal,
    /// The cost written off: the whole total when nothing good came out or
    /// the batch was cancelled (its consumed inputs), else zero.
    pub written_off: Decimal,
    /// Consumed lots that had no cost (counted as zero).
    pub uncosted_lots: Vec<String>,
    /// When the cost was booked.
    pub at: DateTime<Utc>,
}

impl BatchCost {
    /// What the batch added to the value of stock beyond its inputs:
    /// labour + overhead + rounding.
    pub fn added(&self) -> Decimal {
        self.labour + self.overhead + self.rounding
    }

    /// The batch's totals as money, rounded to the currency's minor unit.
    pub fn total_money(&self) -> Money {
        Money {
            amount: self.total,
            currency: self.currency.clone(),
        }
        .total()
    }
}

/// Builds a batch's cost from what it consumed and its operations.
#[allow(clippy::too_many_arguments)]
pub fn batch_cost(
    mo: &str,
    product: &str,
    settings: &CostSettings,
    currency: &str,
    inputs: Vec<CostLine>,
    operations: Vec<OperationCost>,
    good: Decimal,
    scrap: Decimal,
    output_lot: Option<String>,
    at: DateTime<Utc>,
) -> BatchCost {
    let materials: Decimal = inputs.iter().map(|l| l.cost).sum();
    let labour: Decimal = operations.iter().map(|o| o.cost).sum();
    let mut overhead = (materials + labour) * settings.overhead_pct / Decimal::ONE_HUNDRED;
    if let Some(fixed) = &settings.overhead_per_batch {
        overhead += fixed.amount;
    }
    overhead = round_places(overhead, COST_PLACES);
    let total = materials + labour + overhead;
    let (unit_cost, rounding, written_off) = if good > Decimal::ZERO && output_lot.is_some() {
        let unit = round_places(total / good, COST_PLACES);
        (Some(unit), good * unit - total, Decimal::ZERO)
    } else {
        (None, Decimal::ZERO, total)
    };
    let uncosted_lots = inputs
        .iter()
        .filter(|l| l.unit_cost.is_none())
        .map(|l| l.lot.clone())
        .collect();
    BatchCost {
        mo: mo.to_string(),
        product: product.to_string(),
        currency: currency.to_string(),
        inputs,
        operations,
        materials,
        labour,
        overhead,
        total,
        good,
        scrap,
        output_lot,
        unit_cost,
        rounding,
        written_off,
        uncosted_lots,
        at,
    }
}

/// One lot of one order line in a shipment's cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ShippedCost {
    /// Order line number.
    pub line: u32,
    /// Item.
    pub sku: String,
    /// Lot shipped.
    pub lot: String,
    /// Quantity, base unit.
    pub qty: Decimal,
    /// The lot's cost per base unit; `None` when it has none.
    pub unit_cost: Option<Decimal>,
    /// qty × unit cost.
    pub cost: Decimal,
}

/// The cost of goods of one shipment, from the lots it shipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ShipmentCost {
    /// The shipment.
    pub shipment: String,
    /// Its order.
    pub order: String,
    /// The cost currency; `None` when no cost was ever recorded.
    pub currency: Option<String>,
    /// Per lot shipped.
    pub lines: Vec<ShippedCost>,
    /// Σ lines' cost.
    pub cost_of_goods: Decimal,
    /// When it shipped.
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(s: &str) -> Money {
        format!("{s} USD").parse().unwrap()
    }

    #[test]
    fn a_price_per_kilogram_is_a_cost_per_gram() {
        let c = cost_per_base("unit_cost", &usd("2.50"), Decimal::from(1000), None, "USD").unwrap();
        assert_eq!(c.amount, Decimal::new(25, 4));
        // 4.00 USD per lb = 4 / 453.59237 per g, rounded to 10 places.
        let c = cost_per_base(
            "unit_cost",
            &usd("4"),
            "453.59237".parse().unwrap(),
            None,
            "USD",
        )
        .unwrap();
        assert_eq!(c.amount.to_string(), "0.0088184905");
        let eur: Money = "2.00 EUR".parse().unwrap();
        let e = cost_per_base("unit_cost", &eur, Decimal::ONE, None, "USD").unwrap_err();
        assert_eq!(e.code(), "currency_mismatch");
        let c = cost_per_base(
            "unit_cost",
            &eur,
            Decimal::ONE,
            Some("1.08".parse().unwrap()),
            "USD",
        )
        .unwrap();
        assert_eq!(c.amount, "2.16".parse().unwrap());
        let e = cost_per_base("unit_cost", &usd("-1"), Decimal::ONE, None, "USD").unwrap_err();
        assert_eq!(e.code(), "negative_cost");
    }

    #[test]
    fn scrap_is_absorbed_and_rounding_is_booked() {
        let settings = CostSettings {
            currency: Some("USD".into()),
            overhead_pct: Decimal::from(10),
            overhead_per_batch: Some(usd("1.00")),
        };
        let inputs = vec![CostLine {
            sku: "WAX".into(),
            lot: "W1".into(),
            qty: Decimal::from(1000),
            unit_cost: Some(Decimal::new(2, 3)),
            cost: Decimal::from(2),
        }];
        let ops = vec![OperationCost {
            work_center: "POUR".into(),
            minutes: 30,
            rate_per_hour: Some(Decimal::from(20)),
            cost: Decimal::from(10),
        }];
        // 2 + 10 = 12; overhead 10 % = 1.2 + 1.00 = 2.2; total 14.2 over 3 good.
        let b = batch_cost(
            "MO-1",
            "CANDLE",
            &settings,
            "USD",
            inputs,
            ops,
            Decimal::from(3),
            Decimal::ONE,
            Some("L".into()),
            Utc::now(),
        );
        assert_eq!(b.total, "14.2".parse().unwrap());
        assert_eq!(b.unit_cost, Some("4.7333333333".parse().unwrap()));
        // 3 × 4.7333333333 = 14.1999999999: 0.0000000001 less than the total.
        assert_eq!(b.rounding, "-0.0000000001".parse().unwrap());
        assert_eq!(b.added(), b.labour + b.overhead + b.rounding);
        assert_eq!(b.total_money().to_string(), "14.20 USD");
    }
}
