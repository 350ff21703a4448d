//! Shipping: reserved finished goods leave for the customer.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::stock::StockMove;
use super::Lotwise;
use crate::domain::event::EventData;
use crate::domain::ledger::MovementReason;
use crate::domain::location::defaults;
use crate::domain::order::OrderStatus;
use crate::domain::reservation::{Demand, Reservation};
use crate::domain::shipment::{ShipRequest, Shipment, ShipmentLine};
use crate::error::{Error, Result};

impl Lotwise {
    /// Ships reserved goods of an order with carrier and tracking. Stock
    /// leaves through the ledger and an `order_shipped` event carries the
    /// tracking number to whoever notifies the customer.
    pub fn ship(&self, order_id: &str, request: ShipRequest) -> Result<Shipment> {
        self.write(|ctx| {
            let mut order = ctx.order(order_id)?;
            if order.confirmed_at.is_none()
                || matches!(order.status, OrderStatus::Cancelled | OrderStatus::Shipped)
            {
                return Err(Error::InvalidTransition {
                    entity: "order".into(),
                    id: order.id.clone(),
                    from: order.status.as_str().into(),
                    action: "ship".into(),
                });
            }
            for (field, value) in [
                ("carrier", &request.carrier),
                ("tracking", &request.tracking),
            ] {
                if value.trim().is_empty() || value.len() > 128 {
                    return Err(Error::invalid_input(
                        field,
                        value,
                        "must be 1 to 128 characters",
                    ));
                }
            }
            // A line bound to a held lot cannot ship until the lot is released.
            for sl in &request.lines {
                let named = order.lines.iter().find(|l| l.line == sl.line);
                if let Some(code) = named
                    .filter(|l| l.open() > Decimal::ZERO)
                    .and_then(|l| l.lot.clone())
                {
                    ctx.refuse_held_lot(&code)?;
                }
            }
            let mut held: BTreeMap<u32, Vec<Reservation>> = BTreeMap::new();
            for r in ctx.tx.reservations_of_order(order_id)? {
                if let Demand::OrderLine { line, .. } = r.demand {
                    held.entry(line).or_default().push(r);
                }
            }
            let ready = |line: u32| -> Decimal {
                held.get(&line)
                    .map_or(Decimal::ZERO, |rs| rs.iter().map(|r| r.qty).sum())
            };
            let mut wanted: Vec<(u32, Decimal)> = Vec::new();
            if request.lines.is_empty() {
                wanted.extend(
                    order
                        .lines
                        .iter()
                        .map(|l| (l.line, ready(l.line)))
                        .filter(|(_, q)| *q > Decimal::ZERO),
                );
                if wanted.is_empty() {
                    let open = order.lines.iter().find(|l| l.open() > Decimal::ZERO);
                    let (line, requested) = open.map_or((0, Decimal::ZERO), |l| (l.line, l.open()));
                    return Err(Error::NotReadyToShip {
                        order: order.id.clone(),
                        line,
                        requested,
                        ready: Decimal::ZERO,
                    });
                }
            } else {
                for (i, sl) in request.lines.iter().enumerate() {
                    let line = order.line(sl.line)?;
                    let item = ctx.item(&line.sku)?;
                    let qty = match sl.qty {
                        Some(q) => item.base_qty(&format!("lines[{i}].qty"), q, false)?,
                        None => ready(sl.line),
                    };
                    let already: Decimal = wanted
                        .iter()
                        .filter(|(l, _)| *l == sl.line)
                        .map(|(_, q)| *q)
                        .sum();
                    if qty + already > ready(sl.line) || qty <= Decimal::ZERO {
                        return Err(Error::NotReadyToShip {
                            order: order.id.clone(),
                            line: sl.line,
                            requested: qty + already,
                            ready: ready(sl.line),
                        });
                    }
                    wanted.push((sl.line, qty));
                }
            }
            // One entry per line, even when the request names a line twice.
            let mut per_line: BTreeMap<u32, Decimal> = BTreeMap::new();
            for (line, qty) in wanted {
                *per_line.entry(line).or_default() += qty;
            }
            let id = ctx.new_id("shipment", "SH")?;
            let today = ctx.today();
            let mut lines = Vec::new();
            for (line_no, qty) in per_line {
                let mut rs = held.get(&line_no).cloned().unwrap_or_default();
                let mut expiries = BTreeMap::new();
                for r in &rs {
                    let lot = ctx.lot_of(&r.lot, &r.sku)?;
                    if lot.is_expired(today) {
                        return Err(Error::LotExpired {
                            lot: lot.code,
                            expiry: lot.expiry.unwrap_or(today),
                        });
                    }
                    expiries.insert(r.id, lot.expiry);
                }
                // Ship the earliest-expiring reserved lot first.
                rs.sort_by_key(|r| {
                    (
                        expiries
                            .get(&r.id)
                            .copied()
                            .flatten()
                            .unwrap_or(chrono::NaiveDate::MAX),
                        r.id,
                    )
                });
                let mut left = qty;
                for mut r in rs {
                    if left <= Decimal::ZERO {
                        break;
                    }
                    let take = left.min(r.qty);
                    ctx.move_stock(StockMove {
                        sku: &r.sku,
                        lot: &r.lot,
                        from: &r.location,
                        to: defaults::CUSTOMER,
                        qty: take,
                        reason: MovementReason::Shipment,
                        doc: Some(&id),
                    })?;
                    if take == r.qty {
                        ctx.tx.delete_reservation(r.id)?;
                    } else {
                        r.qty -= take;
                        ctx.tx.put_reservation(&r)?;
                    }
                    lines.push(ShipmentLine {
                        line: line_no,
                        sku: r.sku.clone(),
                        lot: r.lot.clone(),
                        location: r.location.clone(),
                        qty: take,
                    });
                    left -= take;
                }
                if let Some(l) = order.lines.iter_mut().find(|l| l.line == line_no) {
                    l.shipped += qty;
                }
            }
            let mut shipment = Shipment {
                id: id.clone(),
                order: order.id.clone(),
                lines,
                carrier: request.carrier.clone(),
                tracking: request.tracking.clone(),
                label: request.label.clone(),
                shipped_at: ctx.now,
                cost_of_goods: None,
            };
            ctx.cost_shipment(&mut shipment)?;
            ctx.tx.put_shipment(&shipment)?;
            ctx.emit(
                &order.id,
                EventData::OrderShipped {
                    shipment: id,
                    carrier: shipment.carrier.clone(),
                    tracking: shipment.tracking.clone(),
                    customer: order.customer.name.clone(),
                    email: order.customer.email.clone(),
                    lines: shipment.lines.clone(),
                },
            )?;
            // The shipped quantities and the status they give, in one write.
            ctx.put_settled_order(order)?;
            Ok(shipment)
        })
    }

    /// Shipments of an order.
    pub fn shipments_of_order(&self, order: &str) -> Result<Vec<Shipment>> {
        self.read(|ctx| {
            ctx.order(order)?;
            ctx.tx.shipments_of_order(order)
        })
    }
}
