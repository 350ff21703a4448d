//! Purchasing commands: suppliers, purchase orders, and receiving goods
//! against them through the same stock path as `receive`.

use std::collections::BTreeMap;

use chrono::Duration;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::stock::StockMove;
use super::{indexes, Ctx, Lotwise};
use crate::domain::catalog::Item;
use crate::domain::event::{EventData, PoLineOrdered};
use crate::domain::ledger::MovementReason;
use crate::domain::location::{defaults, LocationKind};
use crate::domain::lot::{Lot, LotOrigin};
use crate::domain::purchasing::{
    open_lines, records, NewPurchaseOrder, NewSupplier, OpenPoLine, PoLine, PoReceiptLine,
    PoReceiptRecord, PoStatus, PurchaseOrder, Supplier,
};
use crate::error::{Error, Result};

/// What `receive_po` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PoReceived {
    /// The purchase order after the receipt.
    pub po: PurchaseOrder,
    /// The lot of each receipt line, in the order given.
    pub lots: Vec<Lot>,
}

impl Lotwise {
    /// Defines a supplier, or replaces the one with the same code. Lead times
    /// must not be negative (`negative_lead_time`); every item must exist.
    ///
    /// ```
    /// # use lotwise::*;
    /// let lw = Lotwise::open(":memory:").unwrap();
    /// lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg)).unwrap();
    /// let e = lw.define_supplier(NewSupplier::new("CS", "CandleScience", -2)).unwrap_err();
    /// assert_eq!(e.code(), "negative_lead_time");
    /// let s = lw.define_supplier(NewSupplier::new("CS", "CandleScience", 5)
    ///     .supplying(NewSupplierItem::new("WAX"))).unwrap();
    /// assert_eq!(s.lead_time_for("WAX"), 5);
    /// ```
    pub fn define_supplier(&self, new: NewSupplier) -> Result<Supplier> {
        self.write(|ctx| {
            let mut items: BTreeMap<String, Item> = BTreeMap::new();
            for i in &new.items {
                if let Some(item) = ctx.tx.item(&i.sku)? {
                    items.insert(item.sku.clone(), item);
                }
            }
            let supplier = new.into_supplier(&items)?;
            let replaced = ctx.tx.doc(records::SUPPLIER, &supplier.code)?.is_some();
            ctx.put_record(records::SUPPLIER, &supplier.code, &supplier)?;
            ctx.emit(
                &supplier.code,
                EventData::SupplierDefined {
                    name: supplier.name.clone(),
                    lead_time_days: supplier.lead_time_days,
                    items: supplier.items.iter().map(|i| i.sku.clone()).collect(),
                    replaced,
                },
            )?;
            Ok(supplier)
        })
    }

    /// The supplier with this code.
    pub fn supplier(&self, code: &str) -> Result<Supplier> {
        self.read(|ctx| ctx.supplier(code))
    }

    /// Every supplier, by code.
    pub fn suppliers(&self) -> Result<Vec<Supplier>> {
        self.read(|ctx| ctx.records(records::SUPPLIER))
    }

    /// Creates a draft purchase order. Every line's item must be supplied by
    /// the supplier; the expected date defaults to today plus the longest
    /// lead time of the lines.
    pub fn create_po(&self, new: NewPurchaseOrder) -> Result<PurchaseOrder> {
        self.write(|ctx| ctx.create_po(new))
    }

    /// Marks a draft as sent to the supplier.
    pub fn send_po(&self, id: &str) -> Result<PurchaseOrder> {
        self.write(|ctx| {
            let mut po = ctx.po(id)?;
            if po.status != PoStatus::Draft {
                return Err(po.transition_error("send"));
            }
            po.sent_at = Some(ctx.now);
            ctx.set_po_status(&mut po, PoStatus::Sent)?;
            Ok(po)
        })
    }

    /// Cancels what is still to come of a purchase order; goods already
    /// received stay in stock.
    pub fn cancel_po(&self, id: &str) -> Result<PurchaseOrder> {
        self.write(|ctx| {
            let mut po = ctx.po(id)?;
            if !po.status.is_open() {
                return Err(po.transition_error("cancel"));
            }
            po.closed_at = Some(ctx.now);
            ctx.set_po_status(&mut po, PoStatus::Cancelled)?;
            Ok(po)
        })
    }

    /// Receives goods against a sent purchase order: each line becomes (or
    /// adds to) a lot with its expiry and the supplier's lot number, booked
    /// from SUPPLIER into the location; waiting demand is then served.
    /// Receiving more than a line still expects is refused.
    pub fn receive_po(&self, id: &str, lines: Vec<PoReceiptLine>) -> Result<PoReceived> {
        self.write(|ctx| {
            let mut po = ctx.po(id)?;
            if !po.status.can_receive() {
                return Err(po.transition_error("receive"));
            }
            if lines.is_empty() {
                return Err(Error::invalid_input(
                    "lines",
                    "[]",
                    "receive at least one line",
                ));
            }
            let mut lots = Vec::with_capacity(lines.len());
            let mut skus: Vec<String> = Vec::new();
            for (i, rl) in lines.iter().enumerate() {
                let sku = po.line_mut(rl.line)?.sku.clone();
                let item = ctx.item(&sku)?;
                let qty = item.base_qty(&format!("lines[{i}].qty"), rl.qty, false)?;
                let open = po.line_mut(rl.line)?.open();
                if qty > open {
                    return Err(Error::invalid_qty(
                        &format!("lines[{i}].qty"),
                        rl.qty,
                        &format!(
                            "line {} expects only {} {} more",
                            rl.line,
                            open.normalize(),
                            item.uom
                        ),
                    ));
                }
                let location = rl.location.clone().unwrap_or_else(|| defaults::MAIN.into());
                let loc = ctx.location(&location)?;
                if !matches!(loc.kind, LocationKind::Internal | LocationKind::Quarantine) {
                    return Err(Error::invalid_input(
                        "location",
                        &location,
                        "goods can only be received into an internal location",
                    ));
                }
                let expiry = rl.expiry.or_else(|| ctx.expiry_from_shelf_life(&item));
                let existed = ctx.lot_exists(rl.lot.as_deref())?;
                let line_cost = match &rl.unit_cost {
                    Some(price) => {
                        ctx.cost_of(&format!("lines[{i}].unit_cost"), price, rl.qty.value, qty)?
                    }
                    None => po.line_mut(rl.line)?.unit_cost.clone(),
                };
                let mut lot = ctx.lot_for_receipt(
                    &item,
                    rl.lot.as_deref(),
                    expiry,
                    rl.supplier_lot_ref.clone(),
                    LotOrigin::Receipt,
                )?;
                ctx.cost_lot(&mut lot, line_cost, existed)?;
                ctx.move_stock(StockMove {
                    sku: &sku,
                    lot: &lot.code,
                    from: defaults::SUPPLIER,
                    to: &location,
                    qty,
                    reason: MovementReason::Receipt,
                    doc: Some(id),
                })?;
                ctx.emit(
                    &sku,
                    EventData::StockReceived {
                        lot: lot.code.clone(),
                        qty: item.qty(qty),
                        location: location.clone(),
                        expiry: lot.expiry,
                        po: Some(id.into()),
                    },
                )?;
                ctx.emit(
                    id,
                    EventData::PoReceived {
                        line: rl.line,
                        sku: sku.clone(),
                        lot: lot.code.clone(),
                        qty: item.qty(qty),
                        supplier_lot_ref: lot.supplier_lot_ref.clone(),
                    },
                )?;
                let line = po.line_mut(rl.line)?;
                line.received += qty;
                line.receipts.push(PoReceiptRecord {
                    lot: lot.code.clone(),
                    qty,
                    location,
                    at: ctx.now,
                });
                if !skus.contains(&sku) {
                    skus.push(sku);
                }
                lots.push(lot);
            }
            let status = po.derived_status();
            if status == PoStatus::Received {
                po.closed_at = Some(ctx.now);
            }
            ctx.set_po_status(&mut po, status)?;
            for sku in &skus {
                ctx.fill_waiting(sku)?;
            }
            Ok(PoReceived { po, lots })
        })
    }

    /// The purchase order.
    pub fn purchase_order(&self, id: &str) -> Result<PurchaseOrder> {
        self.read(|ctx| ctx.po(id))
    }

    /// Every purchase order, by id.
    pub fn purchase_orders(&self) -> Result<Vec<PurchaseOrder>> {
        self.read(|ctx| ctx.records(records::PURCHASE_ORDER))
    }

    /// What is still to come on open purchase orders (drafts included, with
    /// their status), by expected date: the input a delivery promise needs.
    pub fn open_po_lines(&self) -> Result<Vec<OpenPoLine>> {
        self.read(|ctx| ctx.open_po_lines())
    }
}

impl Ctx<'_> {
    /// The supplier, or `unknown_supplier`.
    pub fn supplier(&mut self, code: &str) -> Result<Supplier> {
        self.record(records::SUPPLIER, code)?
            .ok_or_else(|| Error::UnknownSupplier {
                supplier: code.into(),
            })
    }

    /// The purchase order, or `unknown_purchase_order`.
    pub fn po(&mut self, id: &str) -> Result<PurchaseOrder> {
        self.record(records::PURCHASE_ORDER, id)?
            .ok_or_else(|| Error::UnknownPurchaseOrder { po: id.into() })
    }

    /// Open quantities of every open purchase order (read through the
    /// index of open ones, not every purchase order ever sent).
    pub fn open_po_lines(&mut self) -> Result<Vec<OpenPoLine>> {
        let mut pos: Vec<PurchaseOrder> = Vec::new();
        for (id, _) in self.tx.docs(indexes::OPEN_PURCHASE_ORDERS)? {
            pos.extend(self.record::<PurchaseOrder>(records::PURCHASE_ORDER, &id)?);
        }
        Ok(open_lines(&pos))
    }

    /// Validates and stores a new draft purchase order.
    pub fn create_po(&mut self, new: NewPurchaseOrder) -> Result<PurchaseOrder> {
        let supplier = self.supplier(&new.supplier)?;
        if new.lines.is_empty() {
            return Err(Error::invalid_input(
                "lines",
                "[]",
                "a purchase order needs at least one line",
            ));
        }
        let mut lines = Vec::with_capacity(new.lines.len());
        let mut lead = 0u32;
        for (i, l) in new.lines.iter().enumerate() {
            let item = self.item(&l.sku)?;
            if supplier.item(&item.sku).is_none() {
                return Err(Error::invalid_input(
                    &format!("lines[{i}].sku"),
                    &item.sku,
                    &format!("{} does not supply this item", supplier.code),
                ));
            }
            lead = lead.max(supplier.lead_time_for(&item.sku));
            let qty = item.base_qty(&format!("lines[{i}].qty"), l.qty, false)?;
            let unit_cost = self.po_line_cost(&supplier, l, qty, i)?;
            lines.push(PoLine {
                line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                sku: item.sku.clone(),
                qty,
                received: Decimal::ZERO,
                receipts: Vec::new(),
                unit_cost,
            });
        }
        let expected_date = new
            .expected_date
            .unwrap_or_else(|| self.today() + Duration::days(i64::from(lead)));
        if expected_date < self.today() {
            return Err(Error::invalid_input(
                "expected_date",
                expected_date,
                "must not be in the past",
            ));
        }
        let id = self.new_id("purchase_order", "PO")?;
        let po = PurchaseOrder {
            id: id.clone(),
            supplier: supplier.code.clone(),
            status: PoStatus::Draft,
            lines,
            expected_date,
            notes: new.notes,
            created_at: self.now,
            sent_at: None,
            closed_at: None,
        };
        self.put_record(records::PURCHASE_ORDER, &id, &po)?;
        indexes::file_purchase_order(&mut *self.tx, &po)?;
        self.emit(
            &id,
            EventData::PoCreated {
                supplier: po.supplier.clone(),
                expected_date: po.expected_date,
                lines: po
                    .lines
                    .iter()
                    .map(|l| PoLineOrdered {
                        sku: l.sku.clone(),
                        qty: l.qty,
                    })
                    .collect(),
            },
        )?;
        Ok(po)
    }

    /// Stores the purchase order with `status`, emitting the change.
    fn set_po_status(&mut self, po: &mut PurchaseOrder, status: PoStatus) -> Result<()> {
        let from = po.status;
        po.status = status;
        self.put_record(records::PURCHASE_ORDER, &po.id, po)?;
        indexes::file_purchase_order(&mut *self.tx, po)?;
        if from != status {
            self.emit(&po.id, EventData::PoStatusChanged { from, to: status })?;
        }
        Ok(())
    }
}
