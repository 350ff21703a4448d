//! Placing an order: validating its lines against the catalog, idempotency
//! by channel reference, attaching it to its customer, and running the
//! rules of a new order.

use rust_decimal::Decimal;

use super::orders::PlacedOrder;
use super::Ctx;
use crate::domain::catalog::validate_code;
use crate::domain::event::EventData;
use crate::domain::order::{NewOrder, NewOrderLine, OrderLine, OrderStatus, SalesOrder};
use crate::error::{Error, Result};

impl Ctx<'_> {
    /// Places an order; `attention` lists problems that keep it from being
    /// confirmed (an order with attention may have no lines yet).
    /// An `anonymous` order (a walk-in sale, a placeholder name) is attached
    /// to no customer unless it carries an e-mail or a customer id.
    pub fn place(
        &mut self,
        new: &NewOrder,
        attention: Vec<String>,
        anonymous: bool,
    ) -> Result<PlacedOrder> {
        let placed = self.place_quiet(new, attention, anonymous)?;
        if placed.replayed {
            return Ok(placed);
        }
        // The order's rules run in this transaction and may change it.
        let id = placed.order.id;
        self.run_order_rules(&crate::domain::automation::Trigger::OrderPlaced, &id)?;
        Ok(PlacedOrder {
            order: self.order(&id)?,
            replayed: false,
        })
    }

    /// Places an order without running its rules (an import runs them once
    /// the channel's whole order is recorded).
    pub fn place_quiet(
        &mut self,
        new: &NewOrder,
        attention: Vec<String>,
        anonymous: bool,
    ) -> Result<PlacedOrder> {
        let ctx = self;
        validate_code("channel", &new.channel)?;
        if new.customer.name.trim().is_empty() || new.customer.name.chars().count() > 200 {
            return Err(Error::invalid_input(
                "customer.name",
                &new.customer.name,
                "must be 1 to 200 characters",
            ));
        }
        if new.lines.is_empty() && attention.is_empty() {
            return Err(Error::invalid_input(
                "lines",
                "[]",
                "an order needs at least one line",
            ));
        }
        let lines = ctx.order_lines(&new.lines)?;
        // The customer lookup can go with the reference check's reads.
        ctx.foresee_customer(&new.customer, &new.channel);
        if let Some(ext) = &new.external_ref {
            if ext.is_empty() || ext.chars().count() > 128 {
                return Err(Error::invalid_input(
                    "external_ref",
                    ext,
                    "must be 1 to 128 characters",
                ));
            }
            if let Some(existing) = ctx.tx.order_by_external(&new.channel, ext)? {
                // An order edited since it was placed is no longer what the
                // channel sent: its reference sent again is a duplicate,
                // whatever it holds (the channel's changes come through
                // `apply_channel_update`).
                if same_content(&existing, new, &lines)
                    && ctx
                        .tx
                        .doc(super::indexes::EDITED_ORDERS, &existing.id)?
                        .is_none()
                {
                    return Ok(PlacedOrder {
                        order: existing,
                        replayed: true,
                    });
                }
                return Err(Error::DuplicateExternalOrder {
                    channel: new.channel.clone(),
                    external_ref: ext.clone(),
                });
            }
        }
        let status = if attention.is_empty() {
            OrderStatus::Placed
        } else {
            OrderStatus::NeedsAttention
        };
        let id = ctx.new_id("order", "SO")?;
        let mut order = SalesOrder {
            id: id.clone(),
            channel: new.channel.clone(),
            external_ref: new.external_ref.clone(),
            customer: new.customer.clone(),
            ship_to: new.ship_to.clone(),
            lines,
            tags: new.tags.clone(),
            notes: new.notes.clone(),
            attention,
            status,
            placed_at: ctx.now,
            confirmed_at: None,
            cancelled_at: None,
            hold: None,
            ship_from: None,
            delay: None,
        };
        ctx.attach_customer(&mut order, anonymous)?;
        ctx.tx.put_new_order(order.clone())?;
        ctx.emit(
            &id,
            EventData::OrderPlaced {
                channel: order.channel.clone(),
                external_ref: order.external_ref.clone(),
                customer: order.customer.name.clone(),
                lines: order.lines.len(),
            },
        )?;
        Ok(PlacedOrder {
            order,
            replayed: false,
        })
    }

    /// Validates new order lines against the catalog and converts them to
    /// stored lines (base units, price per base unit), numbered from 1.
    pub fn order_lines(&mut self, new_lines: &[NewOrderLine]) -> Result<Vec<OrderLine>> {
        let mut lines = Vec::with_capacity(new_lines.len());
        let mut currency: Option<String> = None;
        for (i, l) in new_lines.iter().enumerate() {
            let item = self.item(&l.sku)?;
            let qty = item.base_qty(&format!("lines[{i}].qty"), l.qty, false)?;
            let unit_price = match &l.unit_price {
                Some(p) => {
                    if p.amount < Decimal::ZERO {
                        return Err(Error::invalid_input(
                            &format!("lines[{i}].unit_price"),
                            p,
                            "must not be negative",
                        ));
                    }
                    p.check_price(&format!("lines[{i}].unit_price"))?;
                    match &currency {
                        Some(c) if *c != p.currency => {
                            return Err(Error::CurrencyMismatch {
                                expected: c.clone(),
                                got: p.currency.clone(),
                            })
                        }
                        _ => currency = Some(p.currency.clone()),
                    }
                    // Stored per base unit so line totals are qty × price.
                    let per_base = qty / l.qty.value;
                    Some(crate::domain::money::Money {
                        amount: p.amount / per_base,
                        currency: p.currency.clone(),
                    })
                }
                None => None,
            };
            if let Some(lot) = &l.lot {
                self.lot_of(lot, &item.sku)?;
            }
            lines.push(OrderLine {
                line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                sku: item.sku.clone(),
                qty: item.qty(qty),
                unit_price,
                requested_date: l.requested_date,
                promised_date: None,
                lot: l.lot.clone(),
                min_remaining_shelf_life_days: l.min_remaining_shelf_life_days,
                shipped: Decimal::ZERO,
                fulfilled_outside: Decimal::ZERO,
                cancelled: Decimal::ZERO,
            });
        }
        Ok(lines)
    }
}

fn same_content(existing: &SalesOrder, new: &NewOrder, lines: &[OrderLine]) -> bool {
    // lotwise fills in the customer id; a re-sent order need not name it.
    let (a, b) = (&existing.customer, &new.customer);
    let same_customer = a.name == b.name
        && a.email == b.email
        && a.external_id == b.external_id
        && a.phone == b.phone
        && (b.id.is_none() || a.id == b.id);
    same_customer
        && existing.ship_to == new.ship_to
        && existing.lines.len() == lines.len()
        && existing.lines.iter().zip(lines).all(|(a, b)| {
            a.sku == b.sku
                && a.qty == b.qty
                && a.unit_price == b.unit_price
                && a.requested_date == b.requested_date
                && a.lot == b.lot
                && a.min_remaining_shelf_life_days == b.min_remaining_shelf_life_days
        })
}
