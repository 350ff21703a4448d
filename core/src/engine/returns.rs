//! Customer returns: goods booked back from CUSTOMER to a stock location
//! (or scrap), and the returns a recall must know about.

use std::collections::{BTreeSet, VecDeque};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::stock::StockMove;
use super::{indexes, Ctx, Lotwise};
use crate::domain::catalog::validate_code;
use crate::domain::event::EventData;
use crate::domain::ledger::MovementReason;
use crate::domain::location::{defaults, LocationKind};
use crate::domain::returns::{
    returnable, take_returnable, Disposition, NewReturn, Return, ReturnLine, QUARANTINE, RECORD,
};
use crate::error::{Error, Result};

/// A return of an affected lot, for a recall report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecallReturn {
    /// Return id.
    pub return_id: String,
    /// Sales order.
    pub order: String,
    /// Customer.
    pub customer: String,
    /// Order line.
    pub line: u32,
    /// Item.
    pub sku: String,
    /// Lot.
    pub lot: String,
    /// Quantity back, base unit.
    pub qty: Decimal,
    /// Restock, quarantine or scrap.
    pub disposition: String,
    /// Where it went.
    pub location: String,
    /// When.
    pub returned_at: DateTime<Utc>,
}

impl Lotwise {
    /// Books a customer return against shipped lines. Each lot may come
    /// back at most as much as shipped on that line, over all returns
    /// (`return_exceeds_shipped`). Goods move from CUSTOMER to the
    /// disposition's location; restocked goods then serve waiting demand.
    pub fn record_return(&self, new: NewReturn) -> Result<Return> {
        self.write(|ctx| {
            let order = ctx.order(&new.order)?;
            if new.lines.is_empty() {
                return Err(Error::invalid_input(
                    "lines",
                    "[]",
                    "a return needs at least one line",
                ));
            }
            let shipments = ctx.tx.shipments_of_order(&order.id)?;
            let previous = ctx.returns_of_order(&order.id)?;
            let mut left = returnable(&shipments, &previous);
            let id = ctx.new_id("return", "RT")?;
            let mut lines = Vec::with_capacity(new.lines.len());
            let mut restocked: Vec<String> = Vec::new();
            for (i, l) in new.lines.iter().enumerate() {
                let sku = order.line(l.line)?.sku.clone();
                let item = ctx.item(&sku)?;
                validate_code("lot", &l.lot)?;
                ctx.lot_of(&l.lot, &sku)?;
                let qty = item.base_qty(&format!("lines[{i}].qty"), l.qty, false)?;
                if l.reason.trim().is_empty() || l.reason.len() > 500 {
                    return Err(Error::invalid_input(
                        &format!("lines[{i}].reason"),
                        &l.reason,
                        "must be 1 to 500 characters",
                    ));
                }
                take_returnable(&mut left, &order.id, l.line, &l.lot, qty)?;
                let location = ctx.disposition_location(&l.disposition)?;
                ctx.move_stock(StockMove {
                    sku: &sku,
                    lot: &l.lot,
                    from: defaults::CUSTOMER,
                    to: &location,
                    qty,
                    reason: MovementReason::Return,
                    doc: Some(&id),
                })?;
                if matches!(l.disposition, Disposition::Restock { .. }) && !restocked.contains(&sku)
                {
                    restocked.push(sku.clone());
                }
                lines.push(ReturnLine {
                    line: l.line,
                    sku,
                    lot: l.lot.clone(),
                    qty,
                    reason: l.reason.clone(),
                    disposition: l.disposition.as_str().into(),
                    location,
                });
            }
            let ret = Return {
                id: id.clone(),
                order: order.id.clone(),
                customer: order.customer.name.clone(),
                lines,
                note: new.note.clone(),
                returned_at: ctx.now,
            };
            ctx.put_record(RECORD, &id, &ret)?;
            indexes::file_return(&mut *ctx.tx, &ret)?;
            ctx.emit(
                &order.id,
                EventData::ReturnRecorded {
                    return_id: id,
                    customer: ret.customer.clone(),
                    lines: ret.lines.clone(),
                    note: ret.note.clone(),
                },
            )?;
            for sku in restocked {
                ctx.fill_waiting(&sku)?;
            }
            Ok(ret)
        })
    }

    /// Every return of an order, by id.
    pub fn returns_of_order(&self, order: &str) -> Result<Vec<Return>> {
        self.read(|ctx| {
            ctx.order(order)?;
            ctx.returns_of_order(order)
        })
    }

    /// Every return, by id.
    pub fn returns(&self) -> Result<Vec<Return>> {
        self.read(|ctx| ctx.records(RECORD))
    }

    /// How much of `lot` customers sent back, over all returns.
    pub fn returned_of_lot(&self, lot: &str) -> Result<Decimal> {
        self.read(|ctx| ctx.returned_of_lot(lot))
    }

    /// Returns of `lot` and of every lot made from it: what a recall of
    /// `lot` should add to its deliveries (goods already back, and where).
    pub fn recall_returns(&self, lot: &str) -> Result<Vec<RecallReturn>> {
        self.read(|ctx| {
            let lots = ctx.lots_made_from(lot)?;
            ctx.returns_of_lots(&lots)
        })
    }
}

impl Ctx<'_> {
    /// Returns of one order, by id.
    pub fn returns_of_order(&mut self, order: &str) -> Result<Vec<Return>> {
        self.indexed_records(indexes::RETURNS_BY_ORDER, order, RECORD)
    }

    /// Every return line of the given lots, in return order.
    pub fn returns_of_lots(&mut self, lots: &BTreeSet<String>) -> Result<Vec<RecallReturn>> {
        // Only the returns filed under these lots, in return order.
        let mut ids = BTreeSet::new();
        for lot in lots {
            ids.extend(indexes::ids(&mut *self.tx, indexes::RETURNS_BY_LOT, lot)?);
        }
        let mut returns: Vec<Return> = Vec::with_capacity(ids.len());
        for id in &ids {
            returns.extend(self.record::<Return>(RECORD, id)?);
        }
        let mut out = Vec::new();
        for r in returns {
            for l in r.lines.iter().filter(|l| lots.contains(&l.lot)) {
                out.push(RecallReturn {
                    return_id: r.id.clone(),
                    order: r.order.clone(),
                    customer: r.customer.clone(),
                    line: l.line,
                    sku: l.sku.clone(),
                    lot: l.lot.clone(),
                    qty: l.qty,
                    disposition: l.disposition.clone(),
                    location: l.location.clone(),
                    returned_at: r.returned_at,
                });
            }
        }
        Ok(out)
    }

    /// Total returned of one lot: the number a recall report's lot row
    /// needs next to `shipped` (which, read from the CUSTOMER balance, is
    /// already net of returns).
    pub fn returned_of_lot(&mut self, lot: &str) -> Result<Decimal> {
        let lots = BTreeSet::from([lot.to_string()]);
        Ok(self.returns_of_lots(&lots)?.iter().map(|r| r.qty).sum())
    }

    /// `lot` and every lot made from it, transitively.
    fn lots_made_from(&mut self, lot: &str) -> Result<BTreeSet<String>> {
        if self.tx.lot(lot)?.is_none() {
            return Err(Error::UnknownLot { lot: lot.into() });
        }
        let mut seen = BTreeSet::from([lot.to_string()]);
        let mut queue = VecDeque::from([lot.to_string()]);
        while let Some(at) = queue.pop_front() {
            for e in self.tx.edges_from(&at)? {
                if seen.insert(e.to_lot.clone()) {
                    queue.push_back(e.to_lot);
                }
            }
        }
        Ok(seen)
    }

    /// The location a disposition books goods into, checked for its kind.
    fn disposition_location(&mut self, d: &Disposition) -> Result<String> {
        match d {
            Disposition::Restock { location } => {
                let code = location.clone().unwrap_or_else(|| defaults::MAIN.into());
                if self.location_kind(&code)? != LocationKind::Internal {
                    return Err(Error::invalid_input(
                        "disposition.location",
                        &code,
                        "restock goes to an internal location",
                    ));
                }
                Ok(code)
            }
            Disposition::Quarantine { location } => match location {
                Some(code) => {
                    if self.location_kind(code)? != LocationKind::Quarantine {
                        return Err(Error::invalid_input(
                            "disposition.location",
                            code,
                            "not a quarantine location",
                        ));
                    }
                    Ok(code.clone())
                }
                None => {
                    self.ensure_location(QUARANTINE, "Quarantine", LocationKind::Quarantine)?;
                    Ok(QUARANTINE.into())
                }
            },
            Disposition::Scrap => Ok(defaults::SCRAP.into()),
        }
    }
}
