//! What one SQL transaction has already read about sales orders, kept so a
//! command that reads an order, its reservations and its manufacturing
//! orders again and again (confirming reads them before and after
//! reserving) asks the database once. Writes through the same transaction
//! update it; it dies with the transaction, since other processes write
//! between transactions.

use std::collections::HashMap;

use crate::domain::order::SalesOrder;
use crate::domain::production::ManufacturingOrder;
use crate::domain::reservation::{Demand, Reservation};

/// Orders, their reservations and their manufacturing orders, by order id.
#[derive(Default)]
pub(crate) struct OrderCache {
    orders: HashMap<String, Option<SalesOrder>>,
    /// Every reservation of an order's lines, by id.
    reservations: HashMap<String, Vec<Reservation>>,
    mos: HashMap<String, Vec<ManufacturingOrder>>,
}

impl OrderCache {
    pub(crate) fn order(&self, id: &str) -> Option<Option<SalesOrder>> {
        self.orders.get(id).cloned()
    }

    pub(crate) fn keep_order(&mut self, id: &str, order: Option<SalesOrder>) {
        self.orders.insert(id.to_string(), order);
    }

    pub(crate) fn reservations_of_order(&self, order: &str) -> Option<Vec<Reservation>> {
        self.reservations.get(order).cloned()
    }

    pub(crate) fn keep_reservations_of_order(&mut self, order: &str, held: Vec<Reservation>) {
        self.reservations.insert(order.to_string(), held);
    }

    /// A reservation inserted or replaced: it leaves whatever order it was
    /// listed under and joins its (new) order's list, kept in id order.
    pub(crate) fn put_reservation(&mut self, r: &Reservation) {
        self.delete_reservation(r.id);
        if let Demand::OrderLine { order, .. } = &r.demand {
            if let Some(held) = self.reservations.get_mut(order) {
                let at = held.partition_point(|h| h.id < r.id);
                held.insert(at, r.clone());
            }
        }
    }

    pub(crate) fn delete_reservation(&mut self, id: u64) {
        for held in self.reservations.values_mut() {
            held.retain(|h| h.id != id);
        }
    }

    pub(crate) fn mos_for_order(&self, order: &str) -> Option<Vec<ManufacturingOrder>> {
        self.mos.get(order).cloned()
    }

    pub(crate) fn keep_mos_for_order(&mut self, order: &str, mos: Vec<ManufacturingOrder>) {
        self.mos.insert(order.to_string(), mos);
    }

    /// A manufacturing order was written: its allocations may have changed
    /// which orders it serves, so every list is read again when asked.
    pub(crate) fn forget_mos(&mut self) {
        self.mos.clear();
    }
}
