//! Costing commands and the hooks the stock commands call to record costs:
//! a receipt's lot cost, a batch's cost and its output lot's unit cost, a
//! shipment's cost of goods. The pure rules are in `domain::costing`.

use rust_decimal::Decimal;

use super::{Ctx, Lotwise};
use crate::domain::capacity::operation_minutes;
use crate::domain::costing::{
    batch_cost, cost_per_base, records, BatchCost, CostLine, CostSettings, OperationCost,
    ShipmentCost, ShippedCost, WorkCenterRate,
};
use crate::domain::lot::Lot;
use crate::domain::money::{Money, COST_PLACES};
use crate::domain::production::ManufacturingOrder;
use crate::domain::purchasing::{NewPoLine, Supplier};
use crate::domain::shipment::Shipment;
use crate::error::{Error, Result};
use crate::Receipt;

impl Lotwise {
    /// Sets the shop's cost currency and overhead rule. The currency cannot
    /// change once costs are recorded in it.
    pub fn set_cost_settings(&self, settings: CostSettings) -> Result<CostSettings> {
        self.write(|ctx| {
            settings.check()?;
            let mut settings = settings;
            settings.currency = settings.currency.map(|c| c.to_ascii_uppercase());
            let old = ctx.cost_settings()?;
            if let (Some(was), Some(now)) = (&old.currency, &settings.currency) {
                if was != now {
                    return Err(Error::CurrencyMismatch {
                        expected: was.clone(),
                        got: now.clone(),
                    });
                }
            }
            if settings.currency.is_none() {
                // A fixed overhead's currency is the cost currency when none is set yet.
                settings.currency = old.currency.or_else(|| {
                    settings
                        .overhead_per_batch
                        .as_ref()
                        .map(|m| m.currency.clone())
                });
            }
            if let (Some(fixed), Some(c)) = (&settings.overhead_per_batch, &settings.currency) {
                if &fixed.currency != c {
                    return Err(Error::CurrencyMismatch {
                        expected: c.clone(),
                        got: fixed.currency.clone(),
                    });
                }
            }
            ctx.put_record(records::SETTINGS, records::SETTINGS_KEY, &settings)?;
            Ok(settings)
        })
    }

    /// The shop's cost currency and overhead rule.
    pub fn cost_settings(&self) -> Result<CostSettings> {
        self.read(|ctx| ctx.cost_settings())
    }

    /// Sets what an hour of a work center's booked time costs, in the cost
    /// currency (or sets that currency when none is set yet).
    pub fn set_work_center_rate(&self, code: &str, rate_per_hour: Money) -> Result<WorkCenterRate> {
        self.write(|ctx| {
            ctx.work_center(code)?;
            crate::domain::costing::check_cost("rate_per_hour", &rate_per_hour)?;
            let currency = ctx.cost_currency(&rate_per_hour.currency)?;
            if currency != rate_per_hour.currency {
                return Err(Error::CurrencyMismatch {
                    expected: currency,
                    got: rate_per_hour.currency,
                });
            }
            let rate = WorkCenterRate {
                work_center: code.into(),
                rate_per_hour,
            };
            ctx.put_record(records::RATE, code, &rate)?;
            Ok(rate)
        })
    }

    /// What a completed or cancelled batch cost: its lots, operations,
    /// overhead and output unit cost.
    pub fn batch_cost(&self, mo: &str) -> Result<BatchCost> {
        self.read(|ctx| {
            ctx.mo(mo)?;
            ctx.record(records::BATCH, mo)?
                .ok_or_else(|| Error::InvalidTransition {
                    entity: "mo".into(),
                    id: mo.into(),
                    from: "without a cost (not finished, or the shop never recorded a cost)".into(),
                    action: "batch_cost".into(),
                })
        })
    }

    /// The cost of goods of a shipment, lot by lot.
    pub fn shipment_cost(&self, shipment: &str) -> Result<ShipmentCost> {
        self.read(|ctx| {
            ctx.record(records::SHIPMENT, shipment)?
                .ok_or_else(|| Error::invalid_input("id", shipment, "no such shipment"))
        })
    }
}

impl Ctx<'_> {
    /// The cost settings (defaults when none were set).
    pub fn cost_settings(&mut self) -> Result<CostSettings> {
        Ok(self
            .record(records::SETTINGS, records::SETTINGS_KEY)?
            .unwrap_or_default())
    }

    /// The shop's cost currency; when none is set yet, `proposed` becomes it.
    pub fn cost_currency(&mut self, proposed: &str) -> Result<String> {
        let mut settings = self.cost_settings()?;
        match settings.currency.clone() {
            Some(c) => Ok(c),
            None => {
                settings.currency = Some(proposed.to_string());
                self.put_record(records::SETTINGS, records::SETTINGS_KEY, &settings)?;
                Ok(proposed.to_string())
            }
        }
    }

    /// Whether a lot of this code exists already (a receipt adds to it).
    pub fn lot_exists(&mut self, code: Option<&str>) -> Result<bool> {
        Ok(match code {
            Some(c) => self.tx.lot(c)?.is_some(),
            None => false,
        })
    }

    /// A receipt's cost per base unit: its `unit_cost` is per unit of its
    /// quantity's unit, i.e. per `base / value` base units.
    pub fn receipt_cost(&mut self, receipt: &Receipt, base: Decimal) -> Result<Option<Money>> {
        let Some(price) = &receipt.unit_cost else {
            return Ok(None);
        };
        let currency = self.cost_currency(&price.currency)?;
        let per_base = base / receipt.qty.value;
        cost_per_base(
            "unit_cost",
            price,
            per_base,
            receipt.exchange_rate,
            &currency,
        )
        .map(Some)
    }

    /// `price` per unit of a quantity of `value` units that is `base` base
    /// units, as a cost per base unit in the cost currency.
    pub fn cost_of(
        &mut self,
        field: &str,
        price: &Money,
        value: Decimal,
        base: Decimal,
    ) -> Result<Option<Money>> {
        let currency = self.cost_currency(&price.currency)?;
        cost_per_base(field, price, base / value, None, &currency).map(Some)
    }

    /// A purchase-order line's cost per base unit: its own `unit_cost` (per
    /// unit of its quantity's unit), else the supplier's price.
    pub fn po_line_cost(
        &mut self,
        supplier: &Supplier,
        line: &NewPoLine,
        base: Decimal,
        i: usize,
    ) -> Result<Option<Money>> {
        let field = format!("lines[{i}].unit_cost");
        if let Some(price) = &line.unit_cost {
            let currency = self.cost_currency(&price.currency)?;
            let per_base = base / line.qty.value;
            return cost_per_base(&field, price, per_base, None, &currency).map(Some);
        }
        let listed = supplier.item(&line.sku).and_then(|s| {
            s.price
                .clone()
                .map(|p| (p, s.price_per.unwrap_or(Decimal::ONE)))
        });
        match listed {
            Some((price, per)) => {
                let currency = self.cost_currency(&price.currency)?;
                cost_per_base(&field, &price, per, None, &currency).map(Some)
            }
            None => Ok(None),
        }
    }

    /// Gives a received lot its cost. A new lot takes `cost`; more of an
    /// existing lot must come at its cost (one lot, one cost), or without one.
    pub fn cost_lot(&mut self, lot: &mut Lot, cost: Option<Money>, existed: bool) -> Result<()> {
        let Some(cost) = cost else {
            return Ok(());
        };
        if existed {
            if lot.unit_cost.as_ref() == Some(&cost) {
                return Ok(());
            }
            return Err(Error::invalid_input(
                "unit_cost",
                &cost,
                &match &lot.unit_cost {
                    Some(c) => format!(
                        "lot `{}` costs {c} per base unit; receive into a new lot",
                        lot.code
                    ),
                    None => format!(
                        "lot `{}` was received without a cost; receive into a new lot",
                        lot.code
                    ),
                },
            ));
        }
        lot.unit_cost = Some(cost);
        self.tx.put_lot(lot)
    }

    /// Books a batch's cost when it completes (with its output lot) or is
    /// cancelled after starting (`output` `None`: its consumed inputs are
    /// written off). Gives the output lot its unit cost.
    pub fn cost_batch(
        &mut self,
        mo: &ManufacturingOrder,
        output: Option<&str>,
        good: Decimal,
        scrap: Decimal,
    ) -> Result<()> {
        // A batch cancelled before it started consumed (and cost) nothing.
        if output.is_none() && mo.consumed.is_empty() {
            return Ok(());
        }
        let mut inputs = Vec::with_capacity(mo.consumed.len());
        let mut currency: Option<String> = self.cost_settings()?.currency;
        for c in &mo.consumed {
            let lot = self.lot_of(&c.lot, &c.sku)?;
            let unit = lot.unit_cost.as_ref().map(|m| m.amount);
            if let (None, Some(m)) = (&currency, &lot.unit_cost) {
                currency = Some(m.currency.clone());
            }
            inputs.push(CostLine {
                sku: c.sku.clone(),
                lot: c.lot.clone(),
                qty: c.qty,
                unit_cost: unit,
                cost: unit.map_or(Decimal::ZERO, |u| u * c.qty),
            });
        }
        let mut operations = Vec::new();
        if output.is_some() {
            let recipe = self.tx.recipe_version(&mo.product, mo.recipe_version)?;
            for op in recipe.map(|r| r.operations).unwrap_or_default() {
                let minutes = operation_minutes(&op, mo.qty)?;
                let rate: Option<WorkCenterRate> = self.record(records::RATE, &op.work_center)?;
                let rate = rate.map(|r| r.rate_per_hour);
                if let (None, Some(r)) = (&currency, &rate) {
                    currency = Some(r.currency.clone());
                }
                let per_hour = rate.map(|r| r.amount);
                operations.push(OperationCost {
                    work_center: op.work_center.clone(),
                    minutes,
                    rate_per_hour: per_hour,
                    cost: per_hour.map_or(Decimal::ZERO, |r| {
                        crate::domain::money::round_places(
                            r * Decimal::from(minutes) / Decimal::from(60),
                            COST_PLACES,
                        )
                    }),
                });
            }
        }
        let settings = self.cost_settings()?;
        if currency.is_none() {
            currency = settings
                .overhead_per_batch
                .as_ref()
                .map(|m| m.currency.clone());
        }
        // A shop that never recorded a cost keeps no batch costs.
        let Some(currency) = currency else {
            return Ok(());
        };
        let currency = self.cost_currency(&currency)?;
        let mut settings = settings;
        if output.is_none() {
            settings.overhead_per_batch = None;
            settings.overhead_pct = Decimal::ZERO;
        }
        let cost = batch_cost(
            &mo.id,
            &mo.product,
            &settings,
            &currency,
            inputs,
            operations,
            good,
            scrap,
            output.map(str::to_string),
            self.now,
        );
        if let (Some(code), Some(unit)) = (output, cost.unit_cost) {
            let mut lot = self.lot_of(code, &mo.product)?;
            lot.unit_cost = Some(Money {
                amount: unit,
                currency: currency.clone(),
            });
            self.tx.put_lot(&lot)?;
        }
        self.put_record(records::BATCH, &mo.id, &cost)
    }

    /// Costs a shipment from its lots and keeps the detail per lot.
    pub fn cost_shipment(&mut self, shipment: &mut Shipment) -> Result<()> {
        let mut lines = Vec::with_capacity(shipment.lines.len());
        let mut currency = self.cost_settings()?.currency;
        for l in &shipment.lines {
            let lot = self.lot_of(&l.lot, &l.sku)?;
            if let (None, Some(m)) = (&currency, &lot.unit_cost) {
                currency = Some(m.currency.clone());
            }
            let unit = lot.unit_cost.map(|m| m.amount);
            lines.push(ShippedCost {
                line: l.line,
                sku: l.sku.clone(),
                lot: l.lot.clone(),
                qty: l.qty,
                unit_cost: unit,
                cost: unit.map_or(Decimal::ZERO, |u| u * l.qty),
            });
        }
        // A shop that never recorded a cost keeps no shipment costs.
        if currency.is_none() {
            return Ok(());
        }
        let cost_of_goods: Decimal = lines.iter().map(|l| l.cost).sum();
        shipment.cost_of_goods = currency.as_ref().map(|c| {
            Money {
                amount: cost_of_goods,
                currency: c.clone(),
            }
            .total()
        });
        let record = ShipmentCost {
            shipment: shipment.id.clone(),
            order: shipment.order.clone(),
            currency,
            lines,
            cost_of_goods,
            at: shipment.shipped_at,
        };
        self.put_record(records::SHIPMENT, &shipment.id, &record)
    }
}
