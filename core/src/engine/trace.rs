//! Traceability queries: backward to the materials, forward to the
//! customers, and the recall report.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use rust_decimal::Decimal;

use super::{Ctx, Lotwise};
use crate::domain::location::LocationKind;
use crate::domain::trace::{
    RecallContact, RecallDelivery, RecallLot, RecallReceived, RecallReport, Trace, TraceEdge,
    TraceLot,
};
use crate::error::{Error, Result};
use crate::store::location_codes;

#[derive(Clone, Copy)]
enum Direction {
    Forward,
    Backward,
}

impl Lotwise {
    /// Every lot that went into `lot`, transitively, with quantities.
    pub fn trace_backward(&self, lot: &str) -> Result<Trace> {
        self.read(|ctx| ctx.trace(lot, Direction::Backward))
    }

    /// Every lot made from `lot`, transitively, with quantities.
    pub fn trace_forward(&self, lot: &str) -> Result<Trace> {
        self.read(|ctx| ctx.trace(lot, Direction::Forward))
    }

    /// What a recall of `lot` must reach: the lot and everything made from
    /// it, what of each is still on hand, and every customer who received any.
    ///
    /// One call answers "which customers got lot X?".
    pub fn recall(&self, lot: &str) -> Result<RecallReport> {
        self.read(|ctx| ctx.recall_report(lot))
    }
}

impl Ctx<'_> {
    /// The people deliveries reached, by customer id (then by name and
    /// e-mail for orders attached to no customer).
    fn recall_contacts(&mut self, deliveries: &[RecallDelivery]) -> Result<Vec<RecallContact>> {
        let mut by_key: BTreeMap<(Option<String>, String, Option<String>), RecallContact> =
            BTreeMap::new();
        for d in deliveries {
            let key = match &d.customer_id {
                Some(id) => (Some(self.customer(id)?.id), String::new(), None),
                None => (None, d.customer.clone(), d.email.clone()),
            };
            if !by_key.contains_key(&key) {
                let contact = match &key.0 {
                    Some(id) => {
                        let c = self.customer(id)?;
                        RecallContact {
                            customer: Some(c.id.clone()),
                            name: c.display_name().to_string(),
                            emails: c.emails.clone(),
                            phones: c.phones.clone(),
                            received: Vec::new(),
                        }
                    }
                    None => RecallContact {
                        customer: None,
                        name: d.customer.clone(),
                        emails: d.email.iter().cloned().collect(),
                        phones: Vec::new(),
                        received: Vec::new(),
                    },
                };
                by_key.insert(key.clone(), contact);
            }
            if let Some(contact) = by_key.get_mut(&key) {
                contact.received.push(RecallReceived {
                    order: d.order.clone(),
                    shipment: d.shipment.clone(),
                    lot: d.lot.clone(),
                    sku: d.sku.clone(),
                    qty: d.qty,
                });
            }
        }
        Ok(by_key.into_values().collect())
    }

    /// The recall report of `lot` (see [`Lotwise::recall`]).
    pub(crate) fn recall_report(&mut self, lot: &str) -> Result<RecallReport> {
        let ctx = self;
        let trace = ctx.trace(lot, Direction::Forward)?;
        let stock_locations: BTreeSet<String> =
            location_codes(&mut *ctx.tx, LocationKind::holds_stock)?
                .into_iter()
                .collect();
        let mut lots = Vec::new();
        let mut deliveries = Vec::new();
        for t in &trace.lots {
            let balances = ctx.tx.balances_of_lot(&t.lot)?;
            let on_hand = balances
                .iter()
                .filter(|b| stock_locations.contains(&b.location))
                .map(|b| b.qty)
                .sum();
            let consumed = ctx
                .tx
                .edges_from(&t.lot)?
                .iter()
                .map(|e| e.qty)
                .sum::<Decimal>();
            let returned = ctx.returned_of_lot(&t.lot)?;
            let first_delivery = deliveries.len();
            for shipment in ctx.tx.shipments_of_lot(&t.lot)? {
                let order = ctx.order(&shipment.order)?;
                for line in shipment.lines.iter().filter(|l| l.lot == t.lot) {
                    deliveries.push(RecallDelivery {
                        order: order.id.clone(),
                        channel: order.channel.clone(),
                        external_ref: order.external_ref.clone(),
                        customer: order.customer.name.clone(),
                        email: order.customer.email.clone(),
                        customer_id: order.customer.id.clone(),
                        shipment: shipment.id.clone(),
                        lot: line.lot.clone(),
                        sku: line.sku.clone(),
                        qty: line.qty,
                        shipped_at: shipment.shipped_at,
                    });
                }
            }
            let shipped = deliveries[first_delivery..].iter().map(|d| d.qty).sum();
            lots.push(RecallLot {
                lot: t.lot.clone(),
                sku: t.sku.clone(),
                on_hand,
                shipped,
                returned,
                consumed,
            });
        }
        let customers: BTreeSet<String> = deliveries.iter().map(|d| d.customer.clone()).collect();
        let orders: BTreeSet<String> = deliveries.iter().map(|d| d.order.clone()).collect();
        let contacts = ctx.recall_contacts(&deliveries)?;
        Ok(RecallReport {
            lot: lot.into(),
            lots,
            deliveries,
            customers: customers.into_iter().collect(),
            orders: orders.into_iter().collect(),
            contacts,
        })
    }

    /// Breadth-first walk over trace edges from `start`.
    fn trace(&mut self, start: &str, direction: Direction) -> Result<Trace> {
        let first = self
            .tx
            .lot(start)?
            .ok_or_else(|| Error::UnknownLot { lot: start.into() })?;
        let mut seen: BTreeMap<String, TraceLot> = BTreeMap::new();
        let mut order = vec![start.to_string()];
        seen.insert(
            start.into(),
            TraceLot {
                lot: start.into(),
                sku: first.sku,
                depth: 0,
            },
        );
        let mut queue = VecDeque::from([(start.to_string(), 0u32)]);
        let mut edges: Vec<TraceEdge> = Vec::new();
        while let Some((lot, depth)) = queue.pop_front() {
            let next = match direction {
                Direction::Forward => self.tx.edges_from(&lot)?,
                Direction::Backward => self.tx.edges_to(&lot)?,
            };
            for edge in next {
                let other = match direction {
                    Direction::Forward => edge.to_lot.clone(),
                    Direction::Backward => edge.from_lot.clone(),
                };
                edges.push(edge);
                if !seen.contains_key(&other) {
                    let sku = self.tx.lot(&other)?.map(|l| l.sku).unwrap_or_default();
                    seen.insert(
                        other.clone(),
                        TraceLot {
                            lot: other.clone(),
                            sku,
                            depth: depth + 1,
                        },
                    );
                    order.push(other.clone());
                    queue.push_back((other, depth + 1));
                }
            }
        }
        let lots = order.into_iter().filter_map(|l| seen.remove(&l)).collect();
        Ok(Trace {
            lot: start.into(),
            lots,
            edges,
        })
    }
}
