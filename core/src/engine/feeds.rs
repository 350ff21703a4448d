//! Intermediate batches shared between the batches that consume them.
//!
//! A batch of an intermediate (a soap base) is made in whole recipe batches
//! (10 kg), while each consuming batch (24 bars) needs only part of it
//! (2.7 kg). The base batch's output is promised to its consumers by
//! [`Feed`]s, as a finished batch's output is promised to order lines by
//! allocations: what no consumer was promised stays free, and the next
//! consumer that is short of base joins the batch instead of planning
//! another one. Rounding up to a whole batch thus happens once per batch,
//! not once per consumer.
//!
//! Both directions are stored: the base batch lists its feeds (which bar
//! batches, how much, how much delivered), each bar batch lists the batches
//! feeding it ([`ManufacturingOrder::fed_by`]). A feed never covers more
//! than its consumer still lacks: when the consumer is covered otherwise
//! (stock arrived), started, or cancelled, the undelivered part is taken
//! back ([`Ctx::trim_feeds`]) and the base is free for later demand.

use rust_decimal::Decimal;

use super::orders::Shortage;
use super::Ctx;
use crate::domain::production::{Feed, ManufacturingOrder, MoStatus};
use crate::domain::reservation::{Demand, PickRules, Reservation};
use crate::error::Result;
use crate::store::Tx;

/// A batch still waiting for its inputs: one a feed can deliver to.
fn awaits_inputs(mo: &ManufacturingOrder) -> bool {
    matches!(
        mo.status,
        MoStatus::AwaitingMaterials | MoStatus::MaterialsReserved
    )
}

/// What `consumer` still lacks of `sku`, given the reservations it holds:
/// its recipe's requirement less what it holds; nothing once it no longer
/// waits for inputs.
fn lacks(consumer: &ManufacturingOrder, sku: &str, held: &[Reservation]) -> Decimal {
    if !awaits_inputs(consumer) {
        return Decimal::ZERO;
    }
    let required: Decimal = consumer
        .requirements
        .iter()
        .filter(|r| r.sku == sku)
        .map(|r| r.qty)
        .sum();
    let have: Decimal = held.iter().filter(|r| r.sku == sku).map(|r| r.qty).sum();
    (required - have).max(Decimal::ZERO)
}

impl Ctx<'_> {
    /// The open batches planned to feed `consumer`, oldest first.
    pub fn suppliers_of(
        &mut self,
        consumer: &ManufacturingOrder,
    ) -> Result<Vec<ManufacturingOrder>> {
        let mut out = Vec::with_capacity(consumer.fed_by.len());
        for id in &consumer.fed_by {
            let supplier = self.mo(id)?;
            if supplier.status.is_open() {
                out.push(supplier);
            }
        }
        Ok(out)
    }

    /// What open batches still owe `consumer` of `sku`.
    pub fn planned_feed(&mut self, consumer: &ManufacturingOrder, sku: &str) -> Result<Decimal> {
        Ok(self
            .suppliers_of(consumer)?
            .iter()
            .filter(|s| s.product == sku)
            .map(|s| s.undelivered_to(&consumer.id))
            .sum())
    }

    /// Covers `need` of intermediate `sku` for batch `consumer`: joins open
    /// batches of it with output to spare (oldest first), then plans one
    /// new batch, rounded up to whole recipe batches, for the rest. Returns
    /// the batches joined or created and the shortages of the new ones.
    pub fn feed_from_batches(
        &mut self,
        consumer: &str,
        sku: &str,
        mut need: Decimal,
    ) -> Result<(Vec<String>, Vec<Shortage>)> {
        let mut used = Vec::new();
        let mut open = self.tx.mos_with_free_output(sku)?;
        open.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
        for mut supplier in open {
            if need <= Decimal::ZERO {
                break;
            }
            let take = supplier.unallocated().min(need);
            if take <= Decimal::ZERO || supplier.id == consumer {
                continue;
            }
            self.link_feed(&mut supplier, consumer, take)?;
            need -= take;
            used.push(supplier.id);
        }
        let mut shortages = Vec::new();
        if need > Decimal::ZERO {
            let recipe = self
                .tx
                .recipe(sku)?
                .ok_or_else(|| crate::error::Error::NoRecipe { sku: sku.into() })?;
            let qty = recipe.batch_quantity(need);
            let (id, short) = self.create_fed_mo(sku, qty, consumer, need)?;
            used.push(id);
            shortages.extend(short);
        }
        Ok((used, shortages))
    }

    /// Promises `qty` of `supplier`'s output to `consumer` and stores both
    /// sides.
    pub fn link_feed(
        &mut self,
        supplier: &mut ManufacturingOrder,
        consumer: &str,
        qty: Decimal,
    ) -> Result<()> {
        match supplier.feeds.iter_mut().find(|f| f.mo == consumer) {
            Some(f) => f.qty += qty,
            None => supplier.feeds.push(Feed {
                mo: consumer.into(),
                qty,
                delivered: Decimal::ZERO,
            }),
        }
        self.tx.put_mo(supplier.clone())?;
        self.track_open_output(&supplier.id)?;
        let mut fed = self.mo(consumer)?;
        if !fed.fed_by.contains(&supplier.id) {
            fed.fed_by.push(supplier.id.clone());
            self.tx.put_mo(fed)?;
        }
        Ok(())
    }

    /// Takes back what open batches promised the consumer `mo` beyond what it still
    /// lacks, newest batch first, so no intermediate demand is covered twice
    /// and the output taken back serves later demand. A consumer that no
    /// longer waits for inputs (started, completed, cancelled) lacks nothing.
    ///
    /// `mo` is the consumer as the command last wrote it: trimming writes
    /// only its suppliers, so the caller's copy stays current.
    pub fn trim_feeds(&mut self, mo: &ManufacturingOrder) -> Result<()> {
        let consumer = mo.id.as_str();
        if mo.fed_by.is_empty() {
            return Ok(());
        }
        let held = if awaits_inputs(mo) {
            self.tx.reservations_for(&Demand::MoInput {
                mo: consumer.into(),
            })?
        } else {
            Vec::new()
        };
        let mut suppliers = self.suppliers_of(mo)?;
        suppliers.sort_by(|a, b| a.id.cmp(&b.id));
        // Newest batch first; what older batches owe the consumer comes first
        // (they are cut after it, so the list read above still holds).
        for i in (0..suppliers.len()).rev() {
            let mut supplier = suppliers[i].clone();
            let lacks = lacks(mo, &supplier.product, &held);
            let older: Decimal = suppliers[..i]
                .iter()
                .filter(|s| s.product == supplier.product)
                .map(|s| s.undelivered_to(consumer))
                .sum();
            let allowed = (lacks - older).max(Decimal::ZERO);
            let owed = supplier.undelivered_to(consumer);
            if owed <= allowed {
                continue;
            }
            let mut excess = owed - allowed;
            for f in supplier.feeds.iter_mut().filter(|f| f.mo == consumer) {
                let cut = f.undelivered().min(excess);
                f.qty -= cut;
                excess -= cut;
            }
            let id = supplier.id.clone();
            self.tx.put_mo(supplier)?;
            self.track_open_output(&id)?;
        }
        Ok(())
    }

    /// Closes every feed of a batch that will deliver no more (completed or
    /// cancelled): each consumer keeps what it was given.
    pub fn close_feeds(&mut self, mo: &mut ManufacturingOrder) {
        for f in mo.feeds.iter_mut() {
            f.qty = f.delivered;
        }
    }

    /// Hands a completed intermediate batch's output to the batches it
    /// feeds, in the order they joined, as far as each still lacks it;
    /// returns what is left for order lines and stock. Feeds are closed.
    pub fn deliver_to_consumers(
        &mut self,
        mo: &mut ManufacturingOrder,
        lot: &str,
        mut left: Decimal,
    ) -> Result<Decimal> {
        let only_this_lot = PickRules {
            min_expiry: None,
            lot: Some(lot.into()),
        };
        let mut consumers = Vec::new();
        for i in 0..mo.feeds.len() {
            let owed = mo.feeds[i].undelivered().min(left);
            if owed <= Decimal::ZERO {
                continue;
            }
            let consumer = self.mo(&mo.feeds[i].mo)?;
            if !awaits_inputs(&consumer) {
                continue;
            }
            let demand = Demand::MoInput {
                mo: consumer.id.clone(),
            };
            let held = self.tx.reservations_for(&demand)?;
            let give = owed.min(lacks(&consumer, &mo.product, &held));
            let got = self.reserve(&demand, &mo.product, give, &only_this_lot)?;
            mo.feeds[i].delivered += got;
            left -= got;
            consumers.push(consumer.id);
        }
        self.close_feeds(mo);
        self.tx.put_mo(mo.clone())?;
        for id in consumers {
            self.refresh_mo(&id)?;
        }
        Ok(left)
    }
}

/// Links intermediate batches stored before feeds existed: such a batch
/// (`parent_mo` set, no feeds) was wholly dedicated to its parent.
pub fn link_legacy_intermediates(tx: &mut dyn Tx) -> Result<()> {
    let mut legacy = Vec::new();
    for mo in tx.mos()? {
        if mo.parent_mo.is_some() && mo.feeds.is_empty() {
            legacy.push(mo);
        }
    }
    for mut mo in legacy {
        let Some(parent_id) = mo.parent_mo.clone() else {
            continue;
        };
        let delivered = if mo.status == MoStatus::Completed {
            mo.output
                .as_ref()
                .map_or(Decimal::ZERO, |o| o.good)
                .min(mo.qty)
        } else {
            Decimal::ZERO
        };
        let qty = if mo.status.is_open() {
            mo.qty
        } else {
            delivered
        };
        mo.feeds.push(Feed {
            mo: parent_id.clone(),
            qty,
            delivered,
        });
        let id = mo.id.clone();
        tx.put_mo(mo)?;
        if let Some(mut parent) = tx.mo(&parent_id)? {
            if !parent.fed_by.contains(&id) {
                parent.fed_by.push(id);
                parent.fed_by.sort();
                tx.put_mo(parent)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::domain::production::Output;
    use crate::store::memory::MemoryStore;
    use crate::store::{Store, TxMode};

    fn batch(
        id: &str,
        product: &str,
        status: MoStatus,
        parent: Option<&str>,
    ) -> ManufacturingOrder {
        ManufacturingOrder {
            id: id.into(),
            product: product.into(),
            qty: Decimal::from(10_000),
            recipe_version: 1,
            status,
            parent_mo: parent.map(str::to_string),
            requirements: vec![],
            allocations: vec![],
            feeds: vec![],
            fed_by: vec![],
            consumed: vec![],
            output: None,
            created_at: Utc::now(),
            started_at: None,
            finished_at: None,
        }
    }

    /// A store written before feeds existed: an open base batch dedicated
    /// to its bar batch, and a completed one that gave its parent 8 kg.
    #[test]
    fn legacy_intermediates_become_feeds_of_their_parent() {
        let store = MemoryStore::new();
        let mut tx = store.begin(TxMode::Write).unwrap();
        tx.put_mo(batch("MO-000001", "BAR", MoStatus::AwaitingMaterials, None))
            .unwrap();
        tx.put_mo(batch(
            "MO-000002",
            "BASE",
            MoStatus::MaterialsReserved,
            Some("MO-000001"),
        ))
        .unwrap();
        let mut done = batch("MO-000003", "BASE", MoStatus::Completed, Some("MO-000001"));
        done.output = Some(Output {
            lot: "BASE-B3".into(),
            good: Decimal::from(8_000),
            scrap: Decimal::ZERO,
            expiry: None,
        });
        tx.put_mo(done).unwrap();
        link_legacy_intermediates(&mut *tx).unwrap();
        let open = tx.mo("MO-000002").unwrap().unwrap();
        assert_eq!(
            open.feeds,
            vec![Feed {
                mo: "MO-000001".into(),
                qty: Decimal::from(10_000),
                delivered: Decimal::ZERO
            }]
        );
        assert_eq!(open.unallocated(), Decimal::ZERO);
        let closed = tx.mo("MO-000003").unwrap().unwrap();
        assert_eq!(
            closed.feeds,
            vec![Feed {
                mo: "MO-000001".into(),
                qty: Decimal::from(8_000),
                delivered: Decimal::from(8_000)
            }]
        );
        let parent = tx.mo("MO-000001").unwrap().unwrap();
        assert_eq!(
            parent.fed_by,
            vec!["MO-000002".to_string(), "MO-000003".to_string()]
        );
        // Running it again changes nothing.
        link_legacy_intermediates(&mut *tx).unwrap();
        assert_eq!(tx.mo("MO-000002").unwrap().unwrap().feeds.len(), 1);
    }
}
