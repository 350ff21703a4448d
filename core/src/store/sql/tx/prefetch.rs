//! Reads a command makes together, sent in one round trip
//! ([`SqlConn::batch`]): an order with its reservations and manufacturing
//! orders; a SKU's lock with its stock; a channel reference's lock with the
//! order filed under it.

use serde::de::DeserializeOwned;

use super::super::Param::Text;
use super::super::{from_json, parse_dec, LockSpace, SqlConn, Stmt, ORDER_LINE};
use super::SqlTx;
use crate::domain::ledger::Balance;
use crate::domain::order::SalesOrder;
use crate::error::{Error, Result};
use crate::store::sum_reserved;

const ORDER: &str = "SELECT data FROM orders WHERE id = $1";
const ORDER_FOR_UPDATE: &str = "SELECT data FROM orders WHERE id = $1 FOR UPDATE";
pub(super) const RESERVATIONS_OF_ORDER: &str =
    "SELECT data FROM reservations WHERE demand_kind = $1 AND demand_ref = $2 ORDER BY id";
pub(super) const MOS_FOR_ORDER: &str = "SELECT m.data FROM mo_orders o JOIN mos m ON m.id = o.mo
     WHERE o.order_id = $1 ORDER BY m.id";
pub(super) const BALANCES_OF_ITEM: &str = "SELECT sku, lot, location, qty FROM balances
     WHERE sku = $1 ORDER BY sku, lot, location";
pub(super) const ORDER_BY_EXTERNAL: &str =
    "SELECT data FROM orders WHERE channel = $1 AND external_ref = $2 ORDER BY id LIMIT 1";

impl<C: SqlConn> SqlTx<C> {
    /// Reads an order — locking it in a concurrent transaction: READ
    /// COMMITTED returns the row as the lock's last holder committed it —
    /// and, in a command, its reservations and manufacturing orders with
    /// it, which a command that reads an order goes on to read.
    pub(super) fn read_order(&mut self, id: &str) -> Result<Option<SalesOrder>> {
        let concurrent = self.guard.concurrent();
        let sql = if concurrent { ORDER_FOR_UPDATE } else { ORDER };
        let mut statements = vec![Stmt::new(sql, &[Text(id)], 1)];
        let command = self.guard.writes();
        let want_reservations = command && !self.orders.knows_reservations_of(id);
        let want_mos = command && !self.orders.knows_mos_for(id);
        if want_reservations {
            self.flush_reservations()?;
            statements.push(Stmt::new(
                RESERVATIONS_OF_ORDER,
                &[Text(ORDER_LINE), Text(id)],
                1,
            ));
        }
        if want_mos {
            self.flush_mos()?;
            statements.push(Stmt::new(MOS_FOR_ORDER, &[Text(id)], 1));
        }
        let mut results = self.batch_foreseeing(statements)?.into_iter();
        if concurrent {
            self.guard.took(LockSpace::Order, id);
        }
        let order = decoded("orders", results.next())?.into_iter().next();
        if want_reservations {
            let held = decoded("reservations", results.next())?;
            self.orders.keep_reservations_of_order(id, held);
        }
        if want_mos {
            let mos: Vec<crate::domain::production::ManufacturingOrder> =
                decoded("mos", results.next())?;
            self.saw_stored_mos(&mos, false);
            self.orders.keep_mos_for_order(id, mos);
        }
        self.orders.keep_order(id, order.clone());
        Ok(order)
    }

    /// In a concurrent transaction, takes a SKU's lock together with its
    /// stock with something free and those lots (see
    /// [`StockCache`](super::super::cache::StockCache)); otherwise nothing.
    pub(super) fn lock_stock(&mut self, sku: &str) -> Result<()> {
        let Some(lock) = self.guard.lock_first(&self.conn, LockSpace::Sku, sku) else {
            return Ok(());
        };
        let mut statements = vec![lock, Stmt::new(self.conn.free_stock_sql(), &[Text(sku)], 6)];
        // A SKU is locked to reserve it: the id of the reservation comes
        // along (skipped if nothing is free; sequence ids may skip anyway).
        let spare = !self.spare_ids.contains_key("reservation");
        if let Some(sql) = self.conn.next_id_statement("reservation").filter(|_| spare) {
            statements.push(Stmt::new(sql, &[], 1));
        }
        let mut results = self.batch_foreseeing(statements)?.into_iter().skip(1);
        let free = self.free_rows_with_lots(results.next().unwrap_or_default())?;
        self.stock.keep(sku, free);
        self.keep_spare_id("reservation", results.next())
    }

    /// The order filed under a channel's reference, taking the reference's
    /// lock first in a concurrent transaction, in one round trip. A
    /// concurrent command looks a reference up to place an order under it:
    /// when none is filed there, the new order's id comes along (a command
    /// run again alone uses the id its first attempt took instead).
    pub(super) fn read_order_by_external(
        &mut self,
        channel: &str,
        external_ref: &str,
    ) -> Result<Option<SalesOrder>> {
        let key = format!("{channel}\u{1f}{external_ref}");
        let mut statements: Vec<Stmt<'_>> = self
            .guard
            .lock_first(&self.conn, LockSpace::ExternalRef, &key)
            .into_iter()
            .collect();
        self.flush_orders()?;
        let by_ref = [Text(channel), Text(external_ref)];
        let take_id = self.guard.concurrent() && !self.spare_ids.contains_key("order");
        if let Some(sql) = self.conn.order_or_next_id_sql().filter(|_| take_id) {
            statements.push(Stmt::new(sql, &by_ref, 2));
            let rows = self.batch_foreseeing(statements)?.pop().unwrap_or_default();
            let mut order = None;
            for row in rows {
                match <[String; 2]>::try_from(row) {
                    Ok([tag, id]) if tag == "id" => {
                        self.keep_spare_id("order", Some(vec![vec![id]]))?
                    }
                    Ok([_, data]) => order = Some(from_json("orders", &data)?),
                    Err(_) => {
                        return Err(Error::Internal {
                            reason: "an order-or-id row without two columns".into(),
                        })
                    }
                }
            }
            return Ok(order);
        }
        statements.push(Stmt::new(ORDER_BY_EXTERNAL, &by_ref, 1));
        let next_id = self.conn.next_order_id_statement().filter(|_| take_id);
        if let Some(sql) = next_id {
            statements.push(Stmt::new(sql, &by_ref, 1));
        }
        let mut results = self.batch_foreseeing(statements)?;
        if next_id.is_some() {
            let id = results.pop();
            self.keep_spare_id("order", id)?;
        }
        Ok(decoded("orders", results.pop())?.into_iter().next())
    }

    /// Keeps the id a batch took ahead for `counter`, if it took one.
    fn keep_spare_id(
        &mut self,
        counter: &'static str,
        rows: Option<Vec<Vec<String>>>,
    ) -> Result<()> {
        let Some(id) = rows.into_iter().flatten().flatten().next() else {
            return Ok(());
        };
        let n = id.parse().map_err(|_| Error::Storage {
            reason: format!("a {counter} id that is not a number: {id}"),
        })?;
        self.spare_ids.insert(counter, n);
        Ok(())
    }
}

/// The JSON records in the first column of a statement's rows.
pub(super) fn decoded<T: DeserializeOwned>(
    table: &str,
    rows: Option<Vec<Vec<String>>>,
) -> Result<Vec<T>> {
    let rows = rows.ok_or_else(|| Error::Internal {
        reason: format!("a batch without the rows of `{table}`"),
    })?;
    rows.into_iter()
        .flatten()
        .map(|text| from_json(table, &text))
        .collect()
}

/// `sku, lot, location, qty` rows as balances.
pub(super) fn balance_rows(rows: Vec<Vec<String>>) -> Result<Vec<Balance>> {
    rows.into_iter()
        .map(|row| match <[String; 4]>::try_from(row) {
            Ok([sku, lot, location, qty]) => Ok(Balance {
                qty: parse_dec("balances", &qty)?,
                sku,
                lot,
                location,
            }),
            Err(_) => Err(Error::Internal {
                reason: "a balance row without four columns".into(),
            }),
        })
        .collect()
}

/// `lot, location, qty` rows of reservations, summed per lot and location.
pub(super) fn reserved_rows(sku: &str, rows: Vec<Vec<String>>) -> Result<Vec<Balance>> {
    let mut held = Vec::with_capacity(rows.len());
    for row in rows {
        let [lot, location, qty] = <[String; 3]>::try_from(row).map_err(|_| Error::Internal {
            reason: "a reserved-stock row without three columns".into(),
        })?;
        held.push((lot, location, parse_dec("reservations", &qty)?));
    }
    Ok(sum_reserved(sku, held))
}
