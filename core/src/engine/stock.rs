//! Stock commands (receive, adjust) and the reservation machinery the other
//! commands share.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Ctx, Lotwise};
use crate::domain::catalog::{validate_code, Item};
use crate::domain::event::EventData;
use crate::domain::ledger::{Movement, MovementReason};
use crate::domain::location::{defaults, LocationKind};
use crate::domain::lot::{Lot, LotOrigin};
use crate::domain::order::SalesOrder;
use crate::domain::quantity::Qty;
use crate::domain::reservation::{pick_fefo, Candidate, Demand, PickRules, Reservation};
use crate::error::{Error, Result};
use crate::store::{free_rows, FreeLot};

/// How many waiting batches or orders `fill_waiting` reads at a time: most
/// freeings of stock serve the first few, and a page is one statement on
/// the SQL backends.
const WAITING_PAGE: usize = 16;

/// Input to `receive`: goods arriving from a supplier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// Item received.
    pub sku: String,
    /// Quantity, in any unit of the item's dimension.
    pub qty: Qty,
    /// Lot code; generated when absent. Receiving into an existing lot of the same item adds to it.
    #[serde(default)]
    pub lot: Option<String>,
    /// Expiry; from the item's shelf life when absent.
    #[serde(default)]
    pub expiry: Option<NaiveDate>,
    /// The supplier's lot number.
    #[serde(default)]
    pub supplier_lot_ref: Option<String>,
    /// Internal location; `MAIN` when absent.
    #[serde(default)]
    pub location: Option<String>,
    /// What one unit of `qty`'s unit cost (`"2.50 USD"` for `"10 kg"` is
    /// 2.50 a kilogram; for `"2 drum"`, a drum): the lot's cost. In the
    /// shop's cost currency, or another with `exchange_rate`. Not negative;
    /// up to four places more than the currency's minor unit. `None`: the
    /// lot keeps no cost (or the cost it has, when receiving more of it).
    #[serde(default)]
    pub unit_cost: Option<crate::domain::money::Money>,
    /// Units of the cost currency per unit of `unit_cost`'s currency, when
    /// they differ (`"1.08"` for a EUR price in a USD shop).
    #[serde(default)]
    pub exchange_rate: Option<Decimal>,
}

impl Receipt {
    /// A receipt of `qty` of `sku` into `MAIN` with a generated lot code.
    pub fn new(sku: &str, qty: Qty) -> Self {
        Receipt {
            sku: sku.into(),
            qty,
            lot: None,
            expiry: None,
            supplier_lot_ref: None,
            location: None,
            unit_cost: None,
            exchange_rate: None,
        }
    }
}

/// Input to `adjust_stock`: a counting correction of one lot at one location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    /// Item.
    pub sku: String,
    /// Lot; a positive correction may name a new lot.
    pub lot: String,
    /// Internal location; `MAIN` when absent.
    #[serde(default)]
    pub location: Option<String>,
    /// Signed change, e.g. `"-2 pcs"` for two broken jars.
    pub delta: Qty,
    /// Why, for the record.
    pub reason: String,
}

/// One movement of stock as a command asks for it ([`Ctx::move_stock`]):
/// named fields, so that no call can swap where the goods come from and
/// where they go.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StockMove<'a> {
    /// Item moved.
    pub sku: &'a str,
    /// Lot moved.
    pub lot: &'a str,
    /// Location the goods leave.
    pub from: &'a str,
    /// Location the goods reach.
    pub to: &'a str,
    /// Quantity in the item's base unit; more than zero.
    pub qty: Decimal,
    /// Why, as the ledger records it.
    pub reason: MovementReason,
    /// The document the movement belongs to (shipment, batch, transfer…).
    pub doc: Option<&'a str>,
}

impl Lotwise {
    /// Books goods received from a supplier and returns the lot. Waiting
    /// manufacturing orders and order lines are then served from it,
    /// oldest first.
    pub fn receive(&self, receipt: Receipt) -> Result<Lot> {
        self.write(|ctx| {
            let item = ctx.item(&receipt.sku)?;
            let qty = item.base_qty("qty", receipt.qty, false)?;
            let location = receipt
                .location
                .clone()
                .unwrap_or_else(|| defaults::MAIN.into());
            let loc = ctx.location(&location)?;
            if !matches!(loc.kind, LocationKind::Internal | LocationKind::Quarantine) {
                return Err(Error::invalid_input(
                    "location",
                    &location,
                    "goods can only be received into an internal location",
                ));
            }
            if let (Some(code), Some(expiry)) = (&receipt.lot, receipt.expiry) {
                if let Some(existing) = ctx.tx.lot(code)? {
                    if existing.sku == item.sku && existing.expiry != Some(expiry) {
                        // One lot has one expiry: a different date is a different lot.
                        return Err(Error::invalid_input(
                            "expiry",
                            expiry,
                            &match existing.expiry {
                                Some(day) => format!("lot `{code}` already expires on {day}"),
                                None => format!("lot `{code}` has no expiry"),
                            },
                        ));
                    }
                }
            }
            let expiry = receipt.expiry.or_else(|| ctx.expiry_from_shelf_life(&item));
            let existed = ctx.lot_exists(receipt.lot.as_deref())?;
            let cost = ctx.receipt_cost(&receipt, qty)?;
            let mut lot = ctx.lot_for_receipt(
                &item,
                receipt.lot.as_deref(),
                expiry,
                receipt.supplier_lot_ref.clone(),
                LotOrigin::Receipt,
            )?;
            ctx.cost_lot(&mut lot, cost, existed)?;
            ctx.move_stock(StockMove {
                sku: &item.sku,
                lot: &lot.code,
                from: defaults::SUPPLIER,
                to: &location,
                qty,
                reason: MovementReason::Receipt,
                doc: None,
            })?;
            ctx.emit(
                &item.sku,
                EventData::StockReceived {
                    lot: lot.code.clone(),
                    qty: item.qty(qty),
                    location,
                    expiry: lot.expiry,
                    po: None,
                },
            )?;
            ctx.fill_waiting(&item.sku)?;
            Ok(lot)
        })
    }

    /// Corrects the on-hand of a lot after a count. A decrease may not take
    /// away stock that is reserved.
    pub fn adjust_stock(&self, adj: Adjustment) -> Result<Movement> {
        self.write(|ctx| {
            let item = ctx.item(&adj.sku)?;
            let location = adj
                .location
                .clone()
                .unwrap_or_else(|| defaults::MAIN.into());
            let loc = ctx.location(&location)?;
            if !loc.kind.holds_stock() {
                return Err(Error::invalid_input(
                    "location",
                    &location,
                    "only stock locations can be counted",
                ));
            }
            if adj.reason.trim().is_empty() {
                return Err(Error::invalid_input(
                    "reason",
                    "",
                    "say why the count changed",
                ));
            }
            let negative = adj.delta.value < Decimal::ZERO;
            let magnitude = Qty::new(adj.delta.value.abs(), adj.delta.uom);
            let qty = item.base_qty("delta", magnitude, false)?;
            let movement = if negative {
                let lot = ctx.lot_of(&adj.lot, &item.sku)?;
                let on_hand = ctx.tx.balance(&item.sku, &lot.code, &location)?;
                let reserved = ctx.reserved_at(&item.sku, &lot.code, &location)?;
                if on_hand - qty < reserved {
                    return Err(Error::InsufficientStock {
                        sku: item.sku.clone(),
                        requested: qty,
                        available: (on_hand - reserved).max(Decimal::ZERO),
                    });
                }
                ctx.checked_movement(StockMove {
                    sku: &item.sku,
                    lot: &lot.code,
                    from: &location,
                    to: defaults::ADJUSTMENT,
                    qty,
                    reason: MovementReason::Adjustment,
                    doc: None,
                })?
            } else {
                let expiry = ctx.expiry_from_shelf_life(&item);
                let lot = ctx.lot_for_receipt(
                    &item,
                    Some(&adj.lot),
                    expiry,
                    None,
                    LotOrigin::Adjustment,
                )?;
                ctx.checked_movement(StockMove {
                    sku: &item.sku,
                    lot: &lot.code,
                    from: defaults::ADJUSTMENT,
                    to: &location,
                    qty,
                    reason: MovementReason::Adjustment,
                    doc: None,
                })?
            };
            ctx.tx.append_movement(movement.clone())?;
            ctx.emit(
                &item.sku,
                EventData::StockAdjusted {
                    lot: adj.lot.clone(),
                    location,
                    delta: adj.delta,
                    reason: adj.reason.clone(),
                },
            )?;
            if !negative {
                ctx.fill_waiting(&item.sku)?;
            }
            Ok(movement)
        })
    }
}

impl Ctx<'_> {
    pub fn expiry_from_shelf_life(&self, item: &Item) -> Option<NaiveDate> {
        item.shelf_life_days
            .map(|d| self.today() + Duration::days(i64::from(d)))
    }

    /// The lot `code` of `sku`, or `unknown_lot`.
    pub fn lot_of(&mut self, code: &str, sku: &str) -> Result<Lot> {
        match self.tx.lot(code)? {
            Some(lot) if lot.sku == sku => Ok(lot),
            Some(lot) => Err(Error::DuplicateLot {
                lot: lot.code,
                sku: lot.sku,
            }),
            None => Err(Error::UnknownLot { lot: code.into() }),
        }
    }

    /// The lot a receipt goes into: the named existing lot of the same item,
    /// a new lot with that code, or a new lot with a generated code.
    pub fn lot_for_receipt(
        &mut self,
        item: &Item,
        code: Option<&str>,
        expiry: Option<NaiveDate>,
        supplier_lot_ref: Option<String>,
        origin: LotOrigin,
    ) -> Result<Lot> {
        let code = match code {
            Some(c) => {
                validate_code("lot", c)?;
                if let Some(existing) = self.tx.lot(c)? {
                    if existing.sku != item.sku {
                        return Err(Error::DuplicateLot {
                            lot: existing.code,
                            sku: existing.sku,
                        });
                    }
                    return Ok(existing);
                }
                c.to_string()
            }
            None => {
                let n = self.tx.next_id("lot")?;
                format!("{}-R{n:04}", item.sku)
            }
        };
        let lot = Lot {
            code,
            sku: item.sku.clone(),
            expiry,
            origin,
            supplier_lot_ref,
            created_at: self.now,
            hold: None,
            unit_cost: None,
        };
        self.tx.put_lot(&lot)?;
        Ok(lot)
    }

    /// Books one movement in the ledger. Refuses to take a stock location
    /// below zero, and to consume, ship or transfer out a held lot.
    pub fn move_stock(&mut self, m: StockMove<'_>) -> Result<()> {
        let movement = self.checked_movement(m)?;
        self.tx.append_movement(movement)
    }

    /// The movement [`Ctx::move_stock`] books, checked but not booked.
    fn checked_movement(&mut self, m: StockMove<'_>) -> Result<Movement> {
        let StockMove {
            sku,
            lot,
            from,
            to,
            qty,
            reason,
            doc,
        } = m;
        if qty <= Decimal::ZERO {
            return Err(Error::Internal {
                reason: format!("movement of {qty} {sku}"),
            });
        }
        self.refuse_held_movement(sku, lot, from, reason)?;
        if self.location_kind(from)?.holds_stock() {
            let on_hand = self.tx.balance(sku, lot, from)?;
            if on_hand < qty {
                return Err(Error::InsufficientStock {
                    sku: sku.into(),
                    requested: qty,
                    available: on_hand,
                });
            }
        }
        let seq = self.tx.next_id("movement")?;
        Ok(Movement {
            seq,
            at: self.now,
            sku: sku.into(),
            lot: lot.into(),
            qty,
            from: from.into(),
            to: to.into(),
            reason,
            doc: doc.map(str::to_string),
        })
    }

    /// Reserved quantity of a lot at a location.
    pub fn reserved_at(&mut self, sku: &str, lot: &str, location: &str) -> Result<Decimal> {
        Ok(self
            .tx
            .reserved_of_lot(sku, lot)?
            .iter()
            .filter(|r| r.location == location)
            .map(|r| r.qty)
            .sum())
    }

    /// Unreserved, unexpired, unheld stock of an item at internal
    /// locations: per lot and location with something free (more on hand
    /// than reserved).
    pub fn candidates(&mut self, sku: &str) -> Result<Vec<Candidate>> {
        self.candidates_in(sku, None)
    }

    /// [`Ctx::candidates`], of one lot when `lot` is given: delivering a
    /// batch's output or reserving a named lot then reads that lot's rows,
    /// not every lot of the item in stock.
    pub fn candidates_in(&mut self, sku: &str, lot: Option<&str>) -> Result<Vec<Candidate>> {
        let free = match lot {
            // The store's index of stock with something free: lots waiting
            // on the shelf fully reserved for their orders are never read.
            None => self.tx.free_lots_of_item(sku)?,
            Some(lot) => {
                let Some(record) = self.tx.lot(lot)?.filter(|l| l.sku == sku) else {
                    return Ok(Vec::new());
                };
                let mut stock = self.tx.balances_of_lot(lot)?;
                stock.retain(|b| b.sku == sku);
                let mut internal = Vec::with_capacity(stock.len());
                for b in stock {
                    if self.location_kind(&b.location)? == LocationKind::Internal {
                        internal.push(b);
                    }
                }
                let free = free_rows(internal, &self.tx.reserved_of_lot(sku, lot)?);
                free.into_iter()
                    .map(|row| FreeLot::of(row, &record))
                    .collect()
            }
        };
        let today = self.today();
        Ok(free.into_iter().filter_map(|f| f.usable(today)).collect())
    }

    /// Free stock of an item (on hand at internal locations, unexpired, unreserved).
    pub fn free_stock(&mut self, sku: &str) -> Result<Decimal> {
        Ok(self
            .candidates(sku)?
            .iter()
            .map(|c| c.free.max(Decimal::ZERO))
            .sum())
    }

    /// Reserves up to `need` of `sku` for `demand`, FEFO under `rules`.
    /// Returns how much was reserved.
    pub fn reserve(
        &mut self,
        demand: &Demand,
        sku: &str,
        need: Decimal,
        rules: &PickRules,
    ) -> Result<Decimal> {
        if need <= Decimal::ZERO {
            return Ok(Decimal::ZERO);
        }
        let candidates = self.candidates_in(sku, rules.lot.as_deref())?;
        let picks = pick_fefo(candidates, need, rules);
        let mut total = Decimal::ZERO;
        for (lot, location, qty) in picks {
            let id = self.tx.next_id("reservation")?;
            let r = Reservation {
                id,
                sku: sku.into(),
                lot,
                location,
                qty,
                demand: demand.clone(),
                at: self.now,
            };
            self.tx.put_reservation(&r)?;
            total += qty;
        }
        Ok(total)
    }

    /// The pick rules for an item, with an optional stricter shelf life and named lot.
    pub fn pick_rules(&self, item: &Item, min_days: Option<u32>, lot: Option<String>) -> PickRules {
        let days = min_days.or(item.min_remaining_shelf_life_days);
        PickRules {
            min_expiry: days.map(|d| self.today() + Duration::days(i64::from(d))),
            lot,
        }
    }

    /// Releases reservations of `demand` on lots that have expired, so the
    /// demand can be covered again from fresh stock. Returns how many.
    pub fn release_expired(&mut self, demand: &Demand) -> Result<usize> {
        let today = self.today();
        let mut released = 0;
        for r in self.tx.reservations_for(demand)? {
            if self.tx.lot(&r.lot)?.is_some_and(|l| l.is_expired(today)) {
                self.tx.delete_reservation(r.id)?;
                released += 1;
            }
        }
        Ok(released)
    }

    /// Serves waiting demand for `sku` from free stock: manufacturing orders
    /// awaiting materials first, then confirmed order lines, oldest first.
    ///
    /// Who waits is read from the store's index a page at a time, and free
    /// stock (a walk over the SKU's lots in stock) is looked at only when
    /// someone does, and again only after someone took some: freeing stock
    /// costs the demand it serves, not the backlog nor the lots on the
    /// shelf. A completed batch whose output is all promised, the usual
    /// case, reads two empty index ranges.
    pub fn fill_waiting(&mut self, sku: &str) -> Result<()> {
        // Free stock of `sku` as last computed; `None` once someone took some.
        let mut free: Option<Decimal> = None;
        let mut after: Option<String> = None;
        loop {
            let page = self.tx.mos_awaiting(sku, after.as_deref(), WAITING_PAGE)?;
            let full = page.len() == WAITING_PAGE;
            for mo in page {
                if self.free_as_known(sku, &mut free)? <= Decimal::ZERO {
                    return Ok(());
                }
                self.reserve_mo_inputs(&mo.id, false)?;
                free = None;
                after = Some(mo.id);
            }
            if !full {
                break;
            }
        }
        let mut after: Option<(DateTime<Utc>, String)> = None;
        loop {
            let page = self.tx.orders_awaiting(
                sku,
                after.as_ref().map(|(at, id)| (*at, id.as_str())),
                WAITING_PAGE,
            )?;
            let full = page.len() == WAITING_PAGE;
            for order in page {
                if self.free_as_known(sku, &mut free)? <= Decimal::ZERO {
                    return Ok(());
                }
                self.serve_waiting_order(&order, sku)?;
                free = None;
                after = Some((order.placed_at, order.id));
            }
            if !full {
                return Ok(());
            }
        }
    }

    /// `known`, else the free stock of `sku`, kept in `known`.
    fn free_as_known(&mut self, sku: &str, known: &mut Option<Decimal>) -> Result<Decimal> {
        if let Some(free) = *known {
            return Ok(free);
        }
        let free = self.free_stock(sku)?;
        *known = Some(free);
        Ok(free)
    }

    /// Reserves free `sku` for the uncovered lines of `sku` in `order`.
    fn serve_waiting_order(&mut self, order: &SalesOrder, sku: &str) -> Result<()> {
        let covers = self.line_covers(order)?;
        for (line, cover) in order.lines.iter().zip(covers) {
            let open = cover.uncovered();
            if line.sku == sku && open > Decimal::ZERO {
                let item = self.item(sku)?;
                let rules =
                    self.pick_rules(&item, line.min_remaining_shelf_life_days, line.lot.clone());
                let demand = Demand::OrderLine {
                    order: order.id.clone(),
                    line: line.line,
                };
                self.reserve(&demand, sku, open, &rules)?;
            }
        }
        self.refresh_order(&order.id)?;
        Ok(())
    }
}
