//! What a confirm (or re-plan) tells the person who ran it: every batch
//! created or joined for the order at every level, and per line what it
//! still waits for, in words.
//!
//! The report is read back from the stored plan after the command planned
//! and booked it, so it says what the shop will actually see: an order line
//! waits for its batch, the batch for the intermediate batches feeding it,
//! and any of them for a material that nothing covers yet, or for the date
//! its booking says it is ready (a busy work center, a cure).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::orders::{ConfirmReport, Shortage};
use super::Ctx;
use crate::domain::catalog::Item;
use crate::domain::production::{ManufacturingOrder, MoStatus};
use crate::error::Result;

/// A batch an order's plan uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PlannedBatch {
    /// Manufacturing order.
    pub mo: String,
    /// What it makes.
    pub product: String,
    /// Its whole planned output, in the product's base unit.
    pub qty: Decimal,
    /// Its status after the command.
    pub status: MoStatus,
    /// Created by this command; `false` when the plan joined a batch that
    /// already existed (its output was shared).
    pub created: bool,
    /// What it serves: an order line (`SO-000001/1`) or the batch it feeds.
    pub serves: String,
    /// How much of its output goes there.
    pub share: Decimal,
}

/// One thing a line waits for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Wait {
    /// A material nothing covers yet: it must be bought or received.
    Material {
        /// Item short.
        sku: String,
        /// How much, in its base unit.
        missing: Decimal,
        /// The batch (or line) that needs it.
        needed_for: String,
    },
    /// A batch still to be made.
    Batch {
        /// Manufacturing order.
        mo: String,
        /// What it makes.
        product: String,
        /// Where it stands.
        status: MoStatus,
        /// When its booking says its output is ready (with planning in use).
        ready_at: Option<DateTime<Utc>>,
        /// Why then, in words (the deciding work center, a cure, a material).
        reason: Option<String>,
    },
}

/// What a line still waits for, as data and in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LineWait {
    /// Line number.
    pub line: u32,
    /// Item.
    pub sku: String,
    /// Batches at every level and uncovered materials, outermost first.
    pub waits_for: Vec<Wait>,
    /// The same in words.
    pub summary: String,
}

impl Ctx<'_> {
    /// Fills `report.batches` and `report.waits` from the stored plan of
    /// `order`.
    pub fn explain_plan(&mut self, order_id: &str, report: &mut ConfirmReport) -> Result<()> {
        let order = self.order(order_id)?;
        let created: BTreeSet<String> = self.created_ids("mo", "MO").collect();
        let mut batches = Vec::new();
        let mut waits = Vec::new();
        let mos = self.tx.mos_for_order(order_id)?;
        for line in &order.lines {
            let serves = format!("{}/{}", order.id, line.line);
            let mut line_waits = Vec::new();
            let mut words = Vec::new();
            for mo in &mos {
                let Some(a) = mo
                    .allocations
                    .iter()
                    .find(|a| a.order == order.id && a.line == line.line)
                else {
                    continue;
                };
                if !mo.status.is_open() {
                    continue;
                }
                let mut seen = BTreeSet::new();
                self.walk_batch(
                    mo,
                    &serves,
                    a.qty - a.delivered,
                    &created,
                    &report.shortages,
                    &mut seen,
                    &mut batches,
                    &mut line_waits,
                    &mut words,
                )?;
            }
            for s in report.shortages.iter().filter(|s| s.needed_for == serves) {
                line_waits.push(material_wait(s));
                words.push(self.shortage_words(s)?);
            }
            if line_waits.is_empty() {
                continue;
            }
            let item = self.item(&line.sku)?;
            let open = line.qty.value - line.shipped;
            waits.push(LineWait {
                line: line.line,
                sku: line.sku.clone(),
                waits_for: line_waits,
                summary: format!(
                    "line {} ({} {}) waits: {}",
                    line.line,
                    readable(&item, open),
                    item.name,
                    words.join("; ")
                ),
            });
        }
        report.batches = batches;
        report.waits = waits;
        Ok(())
    }

    /// Adds `mo` and, depth first, the open batches feeding it.
    #[allow(clippy::too_many_arguments)]
    fn walk_batch(
        &mut self,
        mo: &ManufacturingOrder,
        serves: &str,
        share: Decimal,
        created: &BTreeSet<String>,
        shortages: &[Shortage],
        seen: &mut BTreeSet<String>,
        batches: &mut Vec<PlannedBatch>,
        waits: &mut Vec<Wait>,
        words: &mut Vec<String>,
    ) -> Result<()> {
        if !seen.insert(mo.id.clone()) {
            return Ok(());
        }
        batches.push(PlannedBatch {
            mo: mo.id.clone(),
            product: mo.product.clone(),
            qty: mo.qty,
            status: mo.status,
            created: created.contains(&mo.id),
            serves: serves.to_string(),
            share,
        });
        let booking = self.booking(&mo.id)?;
        let item = self.item(&mo.product)?;
        let mut sentence = format!(
            "{} ({} {}, {})",
            mo.id,
            readable(&item, mo.qty),
            item.name,
            mo.status.as_str().replace('_', " ")
        );
        if let Some(b) = &booking {
            sentence.push_str(&format!(", ready {}", b.ready_at.format("%a %-d %b %H:%M")));
        }
        words.push(sentence);
        waits.push(Wait::Batch {
            mo: mo.id.clone(),
            product: mo.product.clone(),
            status: mo.status,
            ready_at: booking.as_ref().map(|b| b.ready_at),
            reason: booking.map(|b| b.explanation),
        });
        for s in shortages.iter().filter(|s| s.needed_for == mo.id) {
            waits.push(material_wait(s));
            words.push(self.shortage_words(s)?);
        }
        for supplier in self.suppliers_of(mo)? {
            let share = supplier.undelivered_to(&mo.id);
            if share <= Decimal::ZERO {
                continue;
            }
            self.walk_batch(
                &supplier, &mo.id, share, created, shortages, seen, batches, waits, words,
            )?;
        }
        Ok(())
    }

    fn shortage_words(&mut self, s: &Shortage) -> Result<String> {
        let item = self.item(&s.sku)?;
        Ok(format!(
            "{} short by {} for {}",
            item.name,
            readable(&item, s.missing),
            s.needed_for
        ))
    }

    /// Ids of `counter` this command took, e.g. the batches it created.
    pub fn created_ids<'a>(
        &'a self,
        counter: &'a str,
        prefix: &'a str,
    ) -> impl Iterator<Item = String> + 'a {
        self.taken
            .iter()
            .filter(move |(c, _)| c == counter)
            .map(move |(_, n)| format!("{prefix}-{n:06}"))
    }
}

fn material_wait(s: &Shortage) -> Wait {
    Wait::Material {
        sku: s.sku.clone(),
        missing: s.missing,
        needed_for: s.needed_for.clone(),
    }
}

/// A base quantity as a person reads it: in the item's display unit (the
/// unit it was defined in, or the one set for it), else its base unit.
fn readable(item: &Item, value: Decimal) -> String {
    item.in_unit(value, item.display_unit())
        .map_or_else(|_| item.qty(value).to_string(), |q| q.to_string())
}
