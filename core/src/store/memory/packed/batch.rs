//! Manufacturing orders (batches), packed.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::super::{text, Key};
use super::Stored;
use crate::domain::order::LinePlan;
use crate::domain::production::{
    Allocation, Consumption, Feed, ManufacturingOrder, MoStatus, Output,
};
use crate::domain::recipe::Requirement;

/// A [`ManufacturingOrder`], packed (see `memory/packed.rs`): its
/// requirements, allocations, feeds and consumption each one block of
/// inline entries, where a batch of five inputs otherwise points to a dozen
/// strings. It also keeps what the indexes file it under, worked out by the
/// domain's own rules when it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::store::memory) struct PackedMo {
    pub(in crate::store::memory) id: Key,
    pub(in crate::store::memory) product: Key,
    qty: Decimal,
    recipe_version: u32,
    pub(in crate::store::memory) status: MoStatus,
    parent_mo: Option<Key>,
    /// Each input's SKU and quantity.
    requirements: Box<[(Key, Decimal)]>,
    allocations: Box<[PackedAllocation]>,
    /// Each consuming batch's id, and what it was promised and got.
    feeds: Box<[(Key, Decimal, Decimal)]>,
    fed_by: Box<[Key]>,
    /// Each input lot's SKU, code and the quantity consumed.
    consumed: Box<[(Key, Key, Decimal)]>,
    output: Option<PackedOutput>,
    created_at: DateTime<Utc>,
    started_at: Option<DateTime<Utc>>,
    finished_at: Option<DateTime<Utc>>,
    /// [`ManufacturingOrder::has_free_output`] as written.
    pub(in crate::store::memory) free_output: bool,
    /// Whether [`ManufacturingOrder::awaited_skus`] was not empty.
    awaiting: bool,
}

/// An [`Allocation`], packed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PackedAllocation {
    order: Key,
    line: u32,
    qty: Decimal,
    delivered: Decimal,
}

/// An [`Output`], packed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PackedOutput {
    lot: Key,
    good: Decimal,
    scrap: Decimal,
    expiry: Option<NaiveDate>,
}

impl PackedMo {
    /// Packs `mo`.
    pub(in crate::store::memory) fn of(mo: &ManufacturingOrder) -> Self {
        let ManufacturingOrder {
            id,
            product,
            qty,
            recipe_version,
            status,
            parent_mo,
            requirements,
            allocations,
            feeds,
            fed_by,
            consumed,
            output,
            created_at,
            started_at,
            finished_at,
        } = mo;
        PackedMo {
            id: Key::new(id),
            product: Key::new(product),
            qty: *qty,
            recipe_version: *recipe_version,
            status: *status,
            parent_mo: parent_mo.as_deref().map(Key::new),
            requirements: (requirements.iter())
                .map(|Requirement { sku, qty }| (Key::new(sku), *qty))
                .collect(),
            allocations: (allocations.iter())
                .map(|a| {
                    let Allocation {
                        order,
                        line,
                        qty,
                        delivered,
                    } = a;
                    PackedAllocation {
                        order: Key::new(order),
                        line: *line,
                        qty: *qty,
                        delivered: *delivered,
                    }
                })
                .collect(),
            feeds: (feeds.iter())
                .map(|Feed { mo, qty, delivered }| (Key::new(mo), *qty, *delivered))
                .collect(),
            fed_by: fed_by.iter().map(Key::new).collect(),
            consumed: (consumed.iter())
                .map(|Consumption { sku, lot, qty }| (Key::new(sku), Key::new(lot), *qty))
                .collect(),
            output: output.as_ref().map(|o| {
                let Output {
                    lot,
                    good,
                    scrap,
                    expiry,
                } = o;
                PackedOutput {
                    lot: Key::new(lot),
                    good: *good,
                    scrap: *scrap,
                    expiry: *expiry,
                }
            }),
            created_at: *created_at,
            started_at: *started_at,
            finished_at: *finished_at,
            free_output: mo.has_free_output(),
            awaiting: !mo.awaited_skus().is_empty(),
        }
    }

    /// The orders the batch is allocated to, each once.
    pub(in crate::store::memory) fn orders(&self) -> BTreeSet<Key> {
        self.allocations.iter().map(|a| a.order.clone()).collect()
    }

    /// The SKUs the batch may be waiting for (see
    /// [`ManufacturingOrder::awaited_skus`]).
    pub(in crate::store::memory) fn awaited_skus(&self) -> BTreeSet<&str> {
        if !self.awaiting {
            return BTreeSet::new();
        }
        self.requirements
            .iter()
            .map(|(sku, _)| sku.as_str())
            .collect()
    }

    /// What the batch plans for `order`'s lines (see
    /// [`LinePlan::of_batches`]), read in place.
    pub(in crate::store::memory) fn plans_for<'m>(
        &'m self,
        order: &'m str,
    ) -> impl Iterator<Item = LinePlan> + 'm {
        (self.allocations.iter())
            .filter(move |a| a.order == order)
            .map(|a| LinePlan {
                status: self.status,
                line: a.line,
                qty: a.qty,
                delivered: a.delivered,
            })
    }
}

impl Stored for PackedMo {
    type Record = ManufacturingOrder;

    /// The batch.
    fn unpack(&self) -> ManufacturingOrder {
        ManufacturingOrder {
            id: text(&self.id),
            product: text(&self.product),
            qty: self.qty,
            recipe_version: self.recipe_version,
            status: self.status,
            parent_mo: self.parent_mo.as_ref().map(text),
            requirements: (self.requirements.iter())
                .map(|(sku, qty)| Requirement {
                    sku: text(sku),
                    qty: *qty,
                })
                .collect(),
            allocations: (self.allocations.iter())
                .map(|a| Allocation {
                    order: text(&a.order),
                    line: a.line,
                    qty: a.qty,
                    delivered: a.delivered,
                })
                .collect(),
            feeds: (self.feeds.iter())
                .map(|(mo, qty, delivered)| Feed {
                    mo: text(mo),
                    qty: *qty,
                    delivered: *delivered,
                })
                .collect(),
            fed_by: self.fed_by.iter().map(text).collect(),
            consumed: (self.consumed.iter())
                .map(|(sku, lot, qty)| Consumption {
                    sku: text(sku),
                    lot: text(lot),
                    qty: *qty,
                })
                .collect(),
            output: self.output.as_ref().map(|o| Output {
                lot: text(&o.lot),
                good: o.good,
                scrap: o.scrap,
                expiry: o.expiry,
            }),
            created_at: self.created_at,
            started_at: self.started_at,
            finished_at: self.finished_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::at;
    use super::*;
    use crate::store::conformance;

    /// A batch with every list and option set, and the facts the indexes
    /// file it under, which must be the domain's own.
    #[test]
    fn a_batch_comes_back_as_it_was_stored() {
        let dec = |s: &str| -> Decimal { s.parse().expect("a decimal") };
        let waiting = conformance::mo("MO-000001", MoStatus::AwaitingMaterials, &["SO-000001"]);
        let done = ManufacturingOrder {
            id: "MO-000002".into(),
            status: MoStatus::Completed,
            parent_mo: Some("MO-000009".into()),
            requirements: vec![
                Requirement {
                    sku: "WAX".into(),
                    qty: dec("2400"),
                },
                Requirement {
                    sku: "ESSENTIAL-OIL-LAVENDER-HIGHLAND-FRENCH".into(),
                    qty: dec("0.125"),
                },
            ],
            feeds: vec![Feed {
                mo: "MO-000009".into(),
                qty: dec("2"),
                delivered: dec("2"),
            }],
            fed_by: vec!["MO-000003".into()],
            consumed: vec![Consumption {
                sku: "WAX".into(),
                lot: "LOT-2026-12-06-beeswax-block-from-the-coop-07".into(),
                qty: dec("2400"),
            }],
            output: Some(Output {
                lot: "CANDLE-0001".into(),
                good: dec("11"),
                scrap: dec("1"),
                expiry: NaiveDate::from_ymd_opt(2028, 1, 1),
            }),
            started_at: Some(at("2026-12-06T10:00:00Z")),
            finished_at: Some(at("2026-12-06T12:00:00Z")),
            ..conformance::mo(
                "MO-000002",
                MoStatus::Completed,
                &["SO-000001", "SO-000002"],
            )
        };
        for mo in [waiting, done] {
            let packed = PackedMo::of(&mo);
            assert_eq!(packed.unpack(), mo);
            assert_eq!(packed.free_output, mo.has_free_output());
            assert_eq!(packed.awaited_skus(), mo.awaited_skus());
            let orders: BTreeSet<Key> = mo.allocations.iter().map(|a| Key::new(&a.order)).collect();
            assert_eq!(packed.orders(), orders);
            let plans: Vec<LinePlan> = packed.plans_for("SO-000001").collect();
            assert_eq!(plans, LinePlan::of_batches("SO-000001", [&mo]));
        }
    }
}
