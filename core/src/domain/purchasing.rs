//! Purchasing: suppliers, the items they supply, and purchase orders that
//! turn into lots when they are received.
//!
//! A purchase order moves `draft → sent → partially_received → received`;
//! it may be cancelled until it is fully received. Quantities are kept in the
//! item's base unit, like everything else in the ledger.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::catalog::{validate_code, Item};
use super::money::Money;
use super::quantity::Qty;
use crate::error::{Error, Result};

/// Record kinds under which purchasing data is stored (`Tx::doc`).
pub mod records {
    /// A [`super::Supplier`], keyed by its code.
    pub const SUPPLIER: &str = "supplier";
    /// A [`super::PurchaseOrder`], keyed by its id.
    pub const PURCHASE_ORDER: &str = "purchase_order";
}

/// One item a supplier sells, with its own terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SupplierItem {
    /// Our SKU.
    pub sku: String,
    /// The supplier's article number, for the purchase order.
    pub supplier_sku: Option<String>,
    /// Smallest quantity the supplier sells, in the item's base unit (0: none).
    pub min_order_qty: Decimal,
    /// The supplier sells whole packs of this quantity (a 25 kg drum, a box
    /// of 100 wicks), in the item's base unit: what can be ordered is a
    /// multiple of it. `None`: any quantity. Stored suppliers from before
    /// pack sizes read as `None`.
    #[serde(default)]
    pub pack_size: Option<Decimal>,
    /// Lead time for this item when it differs from the supplier's.
    pub lead_time_days: Option<u32>,
    /// The supplier's price list entry: its price as given, per `price_per`
    /// of the item. Items stored before prices read as `None`.
    #[serde(default)]
    pub price: Option<Money>,
    /// What `price` is for, in the item's base unit (1000 for a price per kg).
    #[serde(default)]
    pub price_per: Option<Decimal>,
}

/// A supplier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Supplier {
    /// Short unique code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Contact e-mail.
    pub email: Option<String>,
    /// Days from sending an order to having the goods.
    pub lead_time_days: u32,
    /// Items supplied.
    pub items: Vec<SupplierItem>,
}

impl Supplier {
    /// The terms for `sku`, if this supplier sells it.
    pub fn item(&self, sku: &str) -> Option<&SupplierItem> {
        self.items.iter().find(|i| i.sku == sku)
    }

    /// Lead time for `sku`: the item's own, else the supplier's.
    pub fn lead_time_for(&self, sku: &str) -> u32 {
        self.item(sku)
            .and_then(|i| i.lead_time_days)
            .unwrap_or(self.lead_time_days)
    }
}

/// Among `suppliers`, the one to buy `sku` from: shortest lead time, then
/// code, so the choice is deterministic.
pub fn preferred_supplier<'a>(suppliers: &'a [Supplier], sku: &str) -> Option<&'a Supplier> {
    suppliers
        .iter()
        .filter(|s| s.item(sku).is_some())
        .min_by(|a, b| {
            a.lead_time_for(sku)
                .cmp(&b.lead_time_for(sku))
                .then(a.code.cmp(&b.code))
        })
}

/// One supplied item as the caller gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSupplierItem {
    /// Our SKU.
    pub sku: String,
    /// The supplier's article number.
    #[serde(default)]
    pub supplier_sku: Option<String>,
    /// Minimum order quantity, in any unit of the item's dimension.
    #[serde(default)]
    pub min_order_qty: Option<Qty>,
    /// The pack the supplier sells (`"25 kg"`, `"100 pcs"`): orders are
    /// whole packs. Above zero; `None` means any quantity can be ordered.
    #[serde(default)]
    pub pack_size: Option<Qty>,
    /// Item-specific lead time in days; signed so a negative one is reported, not wrapped.
    #[serde(default)]
    pub lead_time_days: Option<i64>,
    /// The supplier's price (its price list), per `price_per`; not
    /// negative, up to four places more than the currency's minor unit. The
    /// default unit cost of purchase-order lines for this item.
    #[serde(default)]
    pub price: Option<Money>,
    /// What `price` buys (`"1 kg"`, `"1 drum"`); one base unit when absent.
    #[serde(default)]
    pub price_per: Option<Qty>,
}

impl NewSupplierItem {
    /// An item with no minimum and the supplier's lead time.
    pub fn new(sku: &str) -> Self {
        NewSupplierItem {
            sku: sku.into(),
            supplier_sku: None,
            min_order_qty: None,
            pack_size: None,
            lead_time_days: None,
            price: None,
            price_per: None,
        }
    }
}

/// Input to `define_supplier`.
///
/// ```
/// use lotwise::{NewSupplier, NewSupplierItem};
/// let s = NewSupplier::new("CANDLESCIENCE", "CandleScience", 5)
///     .supplying(NewSupplierItem::new("WAX"));
/// assert_eq!(s.items.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSupplier {
    /// Short unique code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Contact e-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Lead time in days (≥ 0).
    pub lead_time_days: i64,
    /// Items supplied.
    #[serde(default)]
    pub items: Vec<NewSupplierItem>,
}

impl NewSupplier {
    /// A supplier with no items yet.
    pub fn new(code: &str, name: &str, lead_time_days: i64) -> Self {
        NewSupplier {
            code: code.into(),
            name: name.into(),
            email: None,
            lead_time_days,
            items: Vec::new(),
        }
    }

    /// Adds a supplied item.
    pub fn supplying(mut self, item: NewSupplierItem) -> Self {
        self.items.push(item);
        self
    }

    /// Validates the input against the catalog (`items` by SKU).
    pub fn into_supplier(self, items: &BTreeMap<String, Item>) -> Result<Supplier> {
        validate_code("supplier", &self.code)?;
        if self.name.trim().is_empty() || self.name.len() > 200 {
            return Err(Error::invalid_input(
                "name",
                &self.name,
                "must be 1 to 200 characters",
            ));
        }
        let lead_time_days = lead_time(&self.code, None, self.lead_time_days)?;
        let mut out: Vec<SupplierItem> = Vec::with_capacity(self.items.len());
        for (i, new) in self.items.into_iter().enumerate() {
            let item = items.get(&new.sku).ok_or_else(|| Error::UnknownSku {
                sku: new.sku.clone(),
            })?;
            if out.iter().any(|s| s.sku == new.sku) {
                return Err(Error::invalid_input(
                    "items",
                    &new.sku,
                    "an item is listed twice",
                ));
            }
            let min_order_qty = match new.min_order_qty {
                Some(q) => item.base_qty(&format!("items[{i}].min_order_qty"), q, true)?,
                None => Decimal::ZERO,
            };
            let pack_size = match new.pack_size {
                Some(q) => Some(item.base_qty(&format!("items[{i}].pack_size"), q, false)?),
                None => None,
            };
            let lead = match new.lead_time_days {
                Some(d) => Some(lead_time(&self.code, Some(&new.sku), d)?),
                None => None,
            };
            let price_per =
                crate::domain::costing::price_per(item, i, new.price.as_ref(), new.price_per)?;
            out.push(SupplierItem {
                sku: new.sku,
                supplier_sku: new.supplier_sku,
                min_order_qty,
                pack_size,
                lead_time_days: lead,
                price: new.price,
                price_per,
            });
        }
        Ok(Supplier {
            code: self.code,
            name: self.name,
            email: self.email,
            lead_time_days,
            items: out,
        })
    }
}

fn lead_time(supplier: &str, sku: Option<&str>, days: i64) -> Result<u32> {
    if days < 0 {
        return Err(Error::NegativeLeadTime {
            supplier: supplier.into(),
            sku: sku.map(str::to_string),
            days,
        });
    }
    u32::try_from(days)
        .ok()
        .filter(|d| *d <= 3650)
        .ok_or_else(|| Error::invalid_input("lead_time_days", days, "must be at most 3650"))
}

/// Where a purchase order stands.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PoStatus {
    /// Being prepared; counts as planned supply.
    Draft,
    /// Sent to the supplier.
    Sent,
    /// Some lines (or part of one) arrived.
    PartiallyReceived,
    /// Everything arrived.
    Received,
    /// Cancelled; what was received stays.
    Cancelled,
}

impl PoStatus {
    /// snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            PoStatus::Draft => "draft",
            PoStatus::Sent => "sent",
            PoStatus::PartiallyReceived => "partially_received",
            PoStatus::Received => "received",
            PoStatus::Cancelled => "cancelled",
        }
    }

    /// Goods are still to come.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            PoStatus::Draft | PoStatus::Sent | PoStatus::PartiallyReceived
        )
    }

    /// Goods may be received against it.
    pub fn can_receive(self) -> bool {
        matches!(self, PoStatus::Sent | PoStatus::PartiallyReceived)
    }
}

impl std::fmt::Display for PoStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One received quantity of a purchase order line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PoReceiptRecord {
    /// Lot created or added to.
    pub lot: String,
    /// Quantity, base unit.
    pub qty: Decimal,
    /// Location it went to.
    pub location: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A purchase order line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PoLine {
    /// Line number from 1.
    pub line: u32,
    /// Item.
    pub sku: String,
    /// Ordered, base unit.
    pub qty: Decimal,
    /// Received so far.
    pub received: Decimal,
    /// Every receipt against the line.
    pub receipts: Vec<PoReceiptRecord>,
    /// Cost per base unit in the shop's cost currency, from the line's
    /// `unit_cost` or the supplier's price: the cost of the lots received
    /// against it. `None` when neither was given (and for lines stored
    /// before costs).
    #[serde(default)]
    pub unit_cost: Option<Money>,
}

impl PoLine {
    /// Still to come.
    pub fn open(&self) -> Decimal {
        (self.qty - self.received).max(Decimal::ZERO)
    }
}

/// A purchase order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PurchaseOrder {
    /// lotwise id, e.g. `PO-000001`.
    pub id: String,
    /// Supplier code.
    pub supplier: String,
    /// Status.
    pub status: PoStatus,
    /// Lines.
    pub lines: Vec<PoLine>,
    /// When the goods are expected.
    pub expected_date: NaiveDate,
    /// Free-text note.
    pub notes: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Sent to the supplier.
    pub sent_at: Option<DateTime<Utc>>,
    /// Fully received or cancelled.
    pub closed_at: Option<DateTime<Utc>>,
}

impl PurchaseOrder {
    /// The line numbered `line`.
    pub fn line_mut(&mut self, line: u32) -> Result<&mut PoLine> {
        let id = self.id.clone();
        self.lines
            .iter_mut()
            .find(|l| l.line == line)
            .ok_or_else(|| Error::invalid_input("line", line, &format!("{id} has no such line")))
    }

    /// The status the received quantities imply for a sent order.
    pub fn derived_status(&self) -> PoStatus {
        if self.lines.iter().all(|l| l.received >= l.qty) {
            PoStatus::Received
        } else if self.lines.iter().any(|l| l.received > Decimal::ZERO) {
            PoStatus::PartiallyReceived
        } else {
            PoStatus::Sent
        }
    }

    /// The error for `action` in the current status.
    pub fn transition_error(&self, action: &str) -> Error {
        Error::InvalidTransition {
            entity: "purchase_order".into(),
            id: self.id.clone(),
            from: self.status.as_str().into(),
            action: action.into(),
        }
    }
}

/// A line of a new purchase order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPoLine {
    /// Item.
    pub sku: String,
    /// Quantity, any unit of the item's dimension.
    pub qty: Qty,
    /// What one unit of `qty`'s unit costs (per kg for `"50 kg"`, per drum
    /// for `"2 drum"`), in the shop's cost currency; the supplier's price
    /// when absent.
    #[serde(default)]
    pub unit_cost: Option<Money>,
}

/// Input to `create_po`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPurchaseOrder {
    /// Supplier code.
    pub supplier: String,
    /// Lines, at least one.
    pub lines: Vec<NewPoLine>,
    /// Expected arrival; today plus the longest lead time of its lines when absent.
    #[serde(default)]
    pub expected_date: Option<NaiveDate>,
    /// Free-text note.
    #[serde(default)]
    pub notes: Option<String>,
}

/// One line of a receipt against a purchase order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PoReceiptLine {
    /// Purchase order line number.
    pub line: u32,
    /// Quantity arrived, at most what is still open.
    pub qty: Qty,
    /// Lot code; generated when absent.
    #[serde(default)]
    pub lot: Option<String>,
    /// Expiry; from the item's shelf life when absent.
    #[serde(default)]
    pub expiry: Option<NaiveDate>,
    /// The supplier's lot number.
    #[serde(default)]
    pub supplier_lot_ref: Option<String>,
    /// Internal or quarantine location; `MAIN` when absent.
    #[serde(default)]
    pub location: Option<String>,
    /// What one unit of `qty`'s unit cost when the invoice differs from the
    /// order, in the shop's cost currency; the purchase-order line's cost
    /// when absent.
    #[serde(default)]
    pub unit_cost: Option<Money>,
}

impl PoReceiptLine {
    /// All of `qty` on `line` into `MAIN`, lot code generated.
    pub fn new(line: u32, qty: Qty) -> Self {
        PoReceiptLine {
            line,
            qty,
            lot: None,
            expiry: None,
            supplier_lot_ref: None,
            location: None,
            unit_cost: None,
        }
    }
}

/// Open quantity of one purchase order line, for planning and promises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OpenPoLine {
    /// Purchase order.
    pub po: String,
    /// Line number.
    pub line: u32,
    /// Supplier.
    pub supplier: String,
    /// Item.
    pub sku: String,
    /// Still to come, base unit.
    pub qty: Decimal,
    /// When it is expected.
    pub expected_date: NaiveDate,
    /// Draft, sent or partially received; a promise may ignore drafts.
    pub status: PoStatus,
}

/// The open lines of `pos`, by expected date, then id and line.
pub fn open_lines(pos: &[PurchaseOrder]) -> Vec<OpenPoLine> {
    let mut out: Vec<OpenPoLine> = pos
        .iter()
        .filter(|po| po.status.is_open())
        .flat_map(|po| {
            po.lines
                .iter()
                .filter(|l| l.open() > Decimal::ZERO)
                .map(|l| OpenPoLine {
                    po: po.id.clone(),
                    line: l.line,
                    supplier: po.supplier.clone(),
                    sku: l.sku.clone(),
                    qty: l.open(),
                    expected_date: po.expected_date,
                    status: po.status,
                })
        })
        .collect();
    out.sort_by(|a, b| {
        a.expected_date
            .cmp(&b.expected_date)
            .then(a.po.cmp(&b.po))
            .then(a.line.cmp(&b.line))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{ItemKind, NewItem};
    use crate::domain::quantity::Uom;

    fn catalog() -> BTreeMap<String, Item> {
        let wax = NewItem::new("WAX", "Wax", ItemKind::Material, Uom::Kg)
            .into_item()
            .unwrap();
        BTreeMap::from([("WAX".to_string(), wax)])
    }

    #[test]
    fn negative_lead_times_are_typed_errors() {
        let e = NewSupplier::new("S", "S", -1)
            .into_supplier(&catalog())
            .unwrap_err();
        assert_eq!(e.code(), "negative_lead_time");
        let mut item = NewSupplierItem::new("WAX");
        item.lead_time_days = Some(-3);
        let e = NewSupplier::new("S", "S", 2)
            .supplying(item)
            .into_supplier(&catalog())
            .unwrap_err();
        assert_eq!(
            e,
            Error::NegativeLeadTime {
                supplier: "S".into(),
                sku: Some("WAX".into()),
                days: -3
            }
        );
    }

    #[test]
    fn moq_is_kept_in_the_base_unit_and_lead_time_falls_back() {
        let mut item = NewSupplierItem::new("WAX");
        item.min_order_qty = Some("2.5 kg".parse().unwrap());
        let s = NewSupplier::new("S", "S", 4)
            .supplying(item)
            .into_supplier(&catalog())
            .unwrap();
        assert_eq!(s.items[0].min_order_qty, Decimal::from(2500));
        assert_eq!(s.lead_time_for("WAX"), 4);
    }

    #[test]
    fn preferred_supplier_is_the_fastest_then_by_code() {
        let mk = |code: &str, lead: u32| Supplier {
            code: code.into(),
            name: code.into(),
            email: None,
            lead_time_days: lead,
            items: vec![SupplierItem {
                sku: "WAX".into(),
                supplier_sku: None,
                min_order_qty: Decimal::ZERO,
                pack_size: None,
                lead_time_days: None,
                price: None,
                price_per: None,
            }],
        };
        let all = vec![mk("B", 3), mk("A", 3), mk("C", 1)];
        assert_eq!(preferred_supplier(&all, "WAX").unwrap().code, "C");
        assert_eq!(preferred_supplier(&all[..2], "WAX").unwrap().code, "A");
        assert!(preferred_supplier(&all, "JAR").is_none());
    }
}
