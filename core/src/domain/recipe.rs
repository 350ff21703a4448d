//! Recipes (bills of materials): what goes into a batch of a product.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::catalog::Item;
use super::elapsed::ElapsedStep;
use super::quantity::{round_up, Qty, Uom};
use crate::error::{Error, Result};

/// One input line of a recipe as given by the caller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRecipeInput {
    /// Input item.
    pub sku: String,
    /// Quantity per batch, in any unit of the item's dimension.
    pub qty: Qty,
    /// Extra consumed as waste, in percent (e.g. `2` for 2 %).
    #[serde(default)]
    pub scrap_pct: Decimal,
}

/// A step of making a batch, used for capacity planning: work on a work
/// center (setup and run minutes), or an elapsed step that takes calendar
/// time without occupying any (`elapsed`: a cure, drying, quarantine).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// Work center code (pouring line, curing rack, packing bench); empty
    /// (or left out) for an elapsed step.
    #[serde(default)]
    pub work_center: String,
    /// Minutes to set up, once per manufacturing order.
    #[serde(default)]
    pub setup_minutes: Decimal,
    /// Minutes per `run_unit` of output ("1.5 min per kg").
    #[serde(default)]
    pub run_minutes_per_unit: Decimal,
    /// The unit `run_minutes_per_unit` counts: any unit of the product's
    /// dimension. Defining a recipe fills it with the unit its batch size
    /// was written in, so "1.5 minutes per unit" of a `"10 kg"` batch means
    /// per kg. Recipes stored before it existed have `None`: per base unit
    /// (g, ml, pcs), as they were planned.
    #[serde(default)]
    pub run_unit: Option<Uom>,
    /// Set for an elapsed step: the calendar time the batch waits through
    /// (a 28-day cure) while no work center is held, so batches made the
    /// same day wait side by side. Such a step names no work center and no
    /// setup or run minutes.
    #[serde(default)]
    pub elapsed: Option<ElapsedStep>,
}

impl Operation {
    /// Checks one operation of a recipe; `field` names it in errors
    /// (`operations[0]`).
    pub fn validate(&self, field: &str) -> Result<()> {
        if self.setup_minutes < Decimal::ZERO || self.run_minutes_per_unit < Decimal::ZERO {
            return Err(Error::invalid_input(
                "operations",
                &self.work_center,
                "times must not be negative",
            ));
        }
        let Some(step) = &self.elapsed else {
            if self.work_center.trim().is_empty() {
                return Err(Error::invalid_input(
                    "operations.work_center",
                    "",
                    "must not be empty",
                ));
            }
            return Ok(());
        };
        step.validate(&format!("{field}.elapsed"))?;
        if !self.work_center.trim().is_empty() {
            return Err(Error::invalid_input(
                &format!("{field}.work_center"),
                &self.work_center,
                "an elapsed step occupies no work center",
            ));
        }
        if !self.setup_minutes.is_zero() || !self.run_minutes_per_unit.is_zero() {
            return Err(Error::invalid_input(
                &format!("{field}.elapsed"),
                &step.name,
                "an elapsed step takes its days, not setup or run minutes",
            ));
        }
        Ok(())
    }
}

/// Input to `define_recipe`. Defining a recipe for a product that already has
/// one creates the next version; manufacturing orders keep the version they used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRecipe {
    /// The product made.
    pub product: String,
    /// Good output of one batch.
    pub batch_size: Qty,
    /// What one batch consumes.
    pub inputs: Vec<NewRecipeInput>,
    /// Expected good share of the output in percent; inputs are scaled up by it.
    #[serde(default)]
    pub yield_pct: Option<Decimal>,
    /// Steps, for capacity planning.
    #[serde(default)]
    pub operations: Vec<Operation>,
}

/// One input line of a stored recipe, in the input item's base unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecipeLine {
    /// Input item.
    pub sku: String,
    /// Quantity per batch in the item's base unit.
    pub qty: Decimal,
    /// Scrap allowance in percent.
    pub scrap_pct: Decimal,
}

/// A versioned recipe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Recipe {
    /// Product made.
    pub product: String,
    /// Version, from 1.
    pub version: u32,
    /// Good output per batch in the product's base unit.
    pub batch_size: Decimal,
    /// Inputs per batch.
    pub inputs: Vec<RecipeLine>,
    /// Expected yield in percent (100 when not given).
    pub yield_pct: Decimal,
    /// Operations.
    pub operations: Vec<Operation>,
    /// When this version was defined.
    pub created_at: DateTime<Utc>,
}

/// One line of a requirement: how much of an item an order of output needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Requirement {
    /// Input item.
    pub sku: String,
    /// Quantity in the item's base unit.
    pub qty: Decimal,
}

impl Recipe {
    /// Validates `new` against the items it names and builds version `version`.
    pub fn build(
        new: NewRecipe,
        product: &Item,
        inputs: &[Item],
        version: u32,
        now: DateTime<Utc>,
    ) -> Result<Recipe> {
        let batch_size = product.base_qty("batch_size", new.batch_size, false)?;
        let yield_pct = new.yield_pct.unwrap_or(Decimal::ONE_HUNDRED);
        if yield_pct < Decimal::ONE || yield_pct > Decimal::ONE_HUNDRED {
            return Err(Error::invalid_input(
                "yield_pct",
                yield_pct,
                "must be 1 to 100",
            ));
        }
        if new.inputs.is_empty() {
            return Err(Error::invalid_input(
                "inputs",
                "[]",
                "a recipe needs at least one input",
            ));
        }
        let mut lines = Vec::with_capacity(new.inputs.len());
        for (input, item) in new.inputs.into_iter().zip(inputs) {
            if input.scrap_pct < Decimal::ZERO || input.scrap_pct >= Decimal::ONE_HUNDRED {
                return Err(Error::invalid_input(
                    "scrap_pct",
                    input.scrap_pct,
                    "must be 0 to below 100",
                ));
            }
            if lines.iter().any(|l: &RecipeLine| l.sku == input.sku) {
                return Err(Error::invalid_input(
                    "inputs",
                    &input.sku,
                    "an input is listed twice",
                ));
            }
            let qty = item.base_qty(&format!("inputs[{}].qty", input.sku), input.qty, false)?;
            lines.push(RecipeLine {
                sku: input.sku,
                qty,
                scrap_pct: input.scrap_pct,
            });
        }
        for (i, op) in new.operations.iter().enumerate() {
            op.validate(&format!("operations[{i}]"))?;
        }
        let mut operations = new.operations;
        for op in operations.iter_mut().filter(|op| op.elapsed.is_none()) {
            // A batch given in packs counts run time per base unit.
            let batch_unit = new.batch_size.std_uom().unwrap_or(product.uom);
            let unit = *op.run_unit.get_or_insert(batch_unit);
            if unit.dimension() != product.uom.dimension() {
                return Err(Error::UnitMismatch {
                    expected: format!("{} ({})", product.uom.dimension(), product.uom),
                    got: unit.to_string(),
                });
            }
        }
        Ok(Recipe {
            product: product.sku.clone(),
            version,
            batch_size,
            inputs: lines,
            yield_pct,
            operations,
            created_at: now,
        })
    }

    /// The smallest multiple of the batch size that covers `qty`.
    pub fn batch_quantity(&self, qty: Decimal) -> Decimal {
        let batches = (qty / self.batch_size).ceil();
        (batches * self.batch_size).normalize()
    }

    /// Inputs needed to make `output` (base unit), with scrap and yield
    /// allowances, rounded up to each input's planning scale. Linear in `output`
    /// up to that rounding.
    pub fn requirements(
        &self,
        output: Decimal,
        items: &BTreeMap<String, Item>,
    ) -> Vec<Requirement> {
        let hundred = Decimal::ONE_HUNDRED;
        self.inputs
            .iter()
            .map(|line| {
                let raw = line.qty * output / self.batch_size * (hundred + line.scrap_pct)
                    / hundred
                    * hundred
                    / self.yield_pct;
                let qty = match items.get(&line.sku) {
                    Some(item) => round_up(raw, item.uom),
                    None => raw.normalize(),
                };
                Requirement {
                    sku: line.sku.clone(),
                    qty,
                }
            })
            .collect()
    }
}

/// Finds a cycle that adding a recipe `product <- inputs` would create.
/// `inputs_of` returns the inputs of an existing product's current recipe.
/// Returns the path `product -> … -> product` if there is one.
pub fn find_cycle(
    product: &str,
    inputs: &[String],
    inputs_of: &dyn Fn(&str) -> Vec<String>,
) -> Option<Vec<String>> {
    fn walk(
        target: &str,
        at: &str,
        path: &mut Vec<String>,
        inputs_of: &dyn Fn(&str) -> Vec<String>,
        depth: usize,
    ) -> bool {
        if at == target {
            return true;
        }
        if depth > 64 || path.iter().any(|p| p == at) {
            return false;
        }
        path.push(at.to_string());
        for next in inputs_of(at) {
            if walk(target, &next, path, inputs_of, depth + 1) {
                return true;
            }
        }
        path.pop();
        false
    }
    for input in inputs {
        let mut path = vec![product.to_string()];
        if walk(product, input, &mut path, inputs_of, 0) {
            path.push(product.to_string());
            return Some(path);
        }
    }
    None
}
