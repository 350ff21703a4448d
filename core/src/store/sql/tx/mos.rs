//! Manufacturing orders in a [`SqlTx`]: held back until commit or the next
//! query of their tables, and their link rows rewritten only when changed.
//!
//! A command writes the same batch several times (planned, then its inputs
//! reserved, then a consumer fed): held back, it is written once. Its rows
//! in `mo_orders` (the orders it serves) and `mo_free_output` (it has output
//! nobody is promised) follow from the record; what they hold is known from
//! the record as this transaction read or wrote it, so writing a batch
//! whose orders did not change leaves `mo_orders` alone. `mo_free_output`
//! is trusted less: rows backfilled by a migration may name a full batch,
//! so whether a batch has a row there is known only from reading that
//! table or from writing the batch.

use std::collections::BTreeSet;

use super::super::Param::Text;
use super::super::SqlConn;
use super::SqlTx;
use crate::domain::production::ManufacturingOrder;
use crate::error::Result;

/// What a batch's link rows hold: the orders it serves, and whether it is
/// listed with free output (`None`: not known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct MoLinks {
    orders: BTreeSet<String>,
    free_output: Option<bool>,
}

impl MoLinks {
    /// The rows of a batch as read: its orders follow from the record.
    fn read(mo: &ManufacturingOrder, free_output: Option<bool>) -> Self {
        MoLinks {
            orders: mo.allocations.iter().map(|a| a.order.clone()).collect(),
            free_output,
        }
    }
}

impl<C: SqlConn> SqlTx<C> {
    /// Notes what the link rows of batches read from the database hold
    /// (the first reading of a batch is what is stored); `listed`: they
    /// were read from `mo_free_output`, so are listed there.
    pub(super) fn saw_stored_mos(&mut self, mos: &[ManufacturingOrder], listed: bool) {
        for mo in mos {
            if self.pending_mos.contains_key(&mo.id) {
                continue;
            }
            let links = self
                .mo_links
                .entry(mo.id.clone())
                .or_insert_with(|| MoLinks::read(mo, None));
            if listed {
                links.free_output = Some(true);
            }
        }
    }

    /// A batch by id: as this transaction last wrote it, else as stored.
    pub(super) fn read_mo(&mut self, id: &str) -> Result<Option<ManufacturingOrder>> {
        if let Some(mo) = self.pending_mos.get(id) {
            return Ok(Some(mo.clone()));
        }
        let mo: Option<ManufacturingOrder> =
            self.one("mos", "SELECT data FROM mos WHERE id = $1", &[Text(id)])?;
        if let Some(mo) = &mo {
            self.saw_stored_mos(std::slice::from_ref(mo), false);
        }
        Ok(mo)
    }

    /// Keeps a batch's record to write at commit or before a query of the
    /// batch tables.
    pub(super) fn hold_mo(&mut self, mo: ManufacturingOrder) -> Result<()> {
        self.guard.exclusive("writing a manufacturing order")?;
        self.guard.writable()?;
        self.orders.forget_mos();
        self.pending_mos.insert(mo.id.clone(), mo);
        Ok(())
    }

    /// Writes the batches held back so far, and their changed link rows.
    pub(super) fn flush_mos(&mut self) -> Result<()> {
        if self.pending_mos.is_empty() {
            return Ok(());
        }
        let mos = std::mem::take(&mut self.pending_mos);
        for mo in mos.values() {
            self.write_mo(mo)?;
        }
        Ok(())
    }

    fn write_mo(&mut self, mo: &ManufacturingOrder) -> Result<()> {
        self.put(
            "INSERT INTO mos (id, status, data) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET status = excluded.status, data = excluded.data",
            &[
                Text(&mo.id),
                Text(mo.status.as_str()),
                Text(&super::super::to_json(mo)?),
            ],
        )?;
        let now = MoLinks::read(mo, Some(mo.has_free_output()));
        let before = self.mo_links.insert(mo.id.clone(), now.clone());
        if before.as_ref().map(|b| &b.orders) != Some(&now.orders) {
            self.put("DELETE FROM mo_orders WHERE mo = $1", &[Text(&mo.id)])?;
            for order in &now.orders {
                self.put(
                    "INSERT INTO mo_orders (order_id, mo) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    &[Text(order), Text(&mo.id)],
                )?;
            }
        }
        let listed = before.and_then(|b| b.free_output);
        if listed != now.free_output {
            if now.free_output == Some(true) {
                self.put(
                    "INSERT INTO mo_free_output (mo, product) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    &[Text(&mo.id), Text(&mo.product)],
                )?;
            } else {
                self.put("DELETE FROM mo_free_output WHERE mo = $1", &[Text(&mo.id)])?;
            }
        }
        Ok(())
    }
}
