//! Reservations in a [`SqlTx`]: written at commit (or before the next query
//! of the table), and counted at once in the free stock a concurrent
//! command read with a SKU's lock.

use super::super::Param::{Int, Text};
use super::super::{clamp_i64, demand_cols, LockSpace, SqlConn, ORDER_LINE};
use super::{prefetch, SqlTx};
use crate::domain::ledger::Balance;
use crate::domain::reservation::{Demand, Reservation};
use crate::error::Result;

impl<C: SqlConn> SqlTx<C> {
    /// [`Tx::put_reservation`](crate::store::Tx::put_reservation): locks the
    /// order and the SKU (a concurrent command), then holds the row back.
    pub(super) fn hold_reservation(&mut self, r: &Reservation) -> Result<()> {
        match &r.demand {
            Demand::OrderLine { order, .. } => self.lock(LockSpace::Order, order)?,
            Demand::MoInput { .. } => self.guard.exclusive("reserving materials")?,
        }
        self.lock(LockSpace::Sku, &r.sku)?;
        self.guard.writable()?;
        let new = self.fresh_reservations.remove(&r.id);
        self.stock.reserve(r, new);
        self.pending_reservations.insert(r.id, r.clone());
        self.orders.put_reservation(r);
        Ok(())
    }

    /// [`Tx::delete_reservation`](crate::store::Tx::delete_reservation).
    pub(super) fn release_reservation(&mut self, id: u64) -> Result<()> {
        self.guard.exclusive("releasing a reservation")?;
        self.pending_reservations.remove(&id);
        self.guard.writable()?;
        self.conn.delete_reservation(clamp_i64(id))?;
        self.orders.delete_reservation(id);
        self.stock.forget_reserved();
        Ok(())
    }

    pub(super) fn read_reservations_of_item(&mut self, sku: &str) -> Result<Vec<Reservation>> {
        self.lock(LockSpace::Sku, sku)?;
        self.flush_reservations()?;
        self.many(
            "reservations",
            "SELECT data FROM reservations WHERE sku = $1 ORDER BY id",
            &[Text(sku)],
        )
    }

    /// What is reserved of a SKU, this transaction's own reservations
    /// written first.
    pub(super) fn read_reserved_of_item(&mut self, sku: &str) -> Result<Vec<Balance>> {
        // Takes the SKU's lock where a command must (see `lock_stock`).
        self.lock_stock(sku)?;
        self.flush_reservations()?;
        let sql = self.conn.reserved_sql();
        prefetch::reserved_rows(sku, self.conn.rows(sql, &[Text(sku)], 3)?)
    }

    /// What is reserved of one lot of a SKU, seeking the lot.
    pub(super) fn read_reserved_of_lot(&mut self, sku: &str, lot: &str) -> Result<Vec<Balance>> {
        self.lock_stock(sku)?;
        self.flush_reservations()?;
        let sql = self.conn.reserved_lot_sql();
        prefetch::reserved_rows(sku, self.conn.rows(sql, &[Text(sku), Text(lot)], 3)?)
    }

    pub(super) fn read_reservations_for(&mut self, demand: &Demand) -> Result<Vec<Reservation>> {
        if let Demand::OrderLine { order, line } = demand {
            // An order's lines are read one after another: read them all once.
            let mut held = self.read_reservations_of_order(order)?;
            held.retain(|r| matches!(&r.demand, Demand::OrderLine { line: l, .. } if l == line));
            return Ok(held);
        }
        let (kind, reference, line) = demand_cols(demand);
        self.flush_reservations()?;
        self.many(
            "reservations",
            "SELECT data FROM reservations
             WHERE demand_kind = $1 AND demand_ref = $2 AND demand_line = $3 ORDER BY id",
            &[Text(kind), Text(reference), Int(line)],
        )
    }

    pub(super) fn read_reservations_of_order(&mut self, order: &str) -> Result<Vec<Reservation>> {
        if let Some(held) = self.orders.reservations_of_order(order) {
            return Ok(held);
        }
        self.lock(LockSpace::Order, order)?;
        self.flush_reservations()?;
        let held: Vec<Reservation> = self.many(
            "reservations",
            prefetch::RESERVATIONS_OF_ORDER,
            &[Text(ORDER_LINE), Text(order)],
        )?;
        self.orders.keep_reservations_of_order(order, held.clone());
        Ok(held)
    }

    pub(super) fn read_all_reservations(&mut self) -> Result<Vec<Reservation>> {
        self.guard.exclusive("listing every reservation")?;
        self.flush_reservations()?;
        self.many(
            "reservations",
            "SELECT data FROM reservations ORDER BY id",
            &[],
        )
    }

    /// Sends the reservations held back so far, before a query that reads
    /// the table.
    pub(super) fn flush_reservations(&mut self) -> Result<()> {
        if self.pending_reservations.is_empty() {
            return Ok(());
        }
        let held = self.take_pending_reservations();
        self.conn.upsert_reservations(&held)
    }

    /// The reservations held back so far, in id order, no longer held.
    pub(super) fn take_pending_reservations(&mut self) -> Vec<Reservation> {
        std::mem::take(&mut self.pending_reservations)
            .into_values()
            .collect()
    }
}
