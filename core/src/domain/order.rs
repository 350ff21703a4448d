//! Sales orders and the status a person sees, derived from the lines.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::delay::OrderDelay;
use super::money::Money;
use super::production::{ManufacturingOrder, MoStatus};
use super::quantity::Qty;
use super::reservation::Reservation;
use crate::error::{Error, Result};

/// Who ordered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// Name as the channel gave it.
    pub name: String,
    /// E-mail, if known.
    #[serde(default)]
    pub email: Option<String>,
    /// The lotwise customer (`CU-000001`). Give it when placing an order for
    /// a known customer; otherwise lotwise finds the customer by
    /// `external_id`, then by e-mail, or creates one, and stores the id
    /// here. `None` on an order that names no one (a walk-in sale).
    #[serde(default)]
    pub id: Option<String>,
    /// The channel's own id for the customer (Shopify customer id, Etsy
    /// buyer id), if it gave one.
    #[serde(default)]
    pub external_id: Option<String>,
    /// Phone, if known.
    #[serde(default)]
    pub phone: Option<String>,
}

/// Where an order ships to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Recipient name (person or company).
    pub name: String,
    /// First street line; empty when the channel gave none.
    #[serde(default)]
    pub line1: String,
    /// Second street line (apartment, unit), if any.
    #[serde(default)]
    pub line2: Option<String>,
    /// City or town; empty when the channel gave none.
    #[serde(default)]
    pub city: String,
    /// State, province or county, if the country uses one.
    #[serde(default)]
    pub region: Option<String>,
    /// Postal or ZIP code; empty when the channel gave none.
    #[serde(default)]
    pub postal_code: String,
    /// ISO 3166 alpha-2 country code.
    #[serde(default)]
    pub country: String,
}

/// One line of a new order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrderLine {
    /// Item ordered.
    pub sku: String,
    /// Quantity, in any unit of the item's dimension.
    pub qty: Qty,
    /// Price per unit of `qty`.
    #[serde(default)]
    pub unit_price: Option<Money>,
    /// The day the customer asked to receive it.
    #[serde(default)]
    pub requested_date: Option<NaiveDate>,
    /// Reserve only this lot.
    #[serde(default)]
    pub lot: Option<String>,
    /// Lots must have at least this many days left at reservation.
    #[serde(default)]
    pub min_remaining_shelf_life_days: Option<u32>,
}

/// Input to `place_order`.
///
/// ```
/// use lotwise::{NewOrder, NewOrderLine, Customer};
/// let order = NewOrder {
///     channel: "shopify".into(),
///     external_ref: Some("1001".into()),
///     customer: Customer { name: "Ada Lovelace".into(), email: Some("ada@example.com".into()), ..Default::default() },
///     ship_to: None,
///     lines: vec![NewOrderLine {
///         sku: "CANDLE-LAV".into(), qty: "2 pcs".parse().unwrap(), unit_price: None,
///         requested_date: None, lot: None, min_remaining_shelf_life_days: None,
///     }],
///     tags: vec![], notes: None,
/// };
/// assert_eq!(order.lines.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrder {
    /// Sales channel: `shopify`, `etsy`, `wholesale`, `manual`, …
    pub channel: String,
    /// The channel's own order id; with the channel, the idempotency key.
    #[serde(default)]
    pub external_ref: Option<String>,
    /// Who ordered.
    pub customer: Customer,
    /// Ship-to address.
    #[serde(default)]
    pub ship_to: Option<Address>,
    /// Lines, at least one.
    pub lines: Vec<NewOrderLine>,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Free-text note.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A stored order line. Quantities are in the item's base unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrderLine {
    /// Line number from 1.
    pub line: u32,
    /// Item.
    pub sku: String,
    /// Ordered quantity.
    pub qty: Qty,
    /// Price per base unit.
    pub unit_price: Option<Money>,
    /// Requested delivery day.
    pub requested_date: Option<NaiveDate>,
    /// Promised delivery day, once a promise was made.
    pub promised_date: Option<NaiveDate>,
    /// Named lot.
    pub lot: Option<String>,
    /// Minimum remaining shelf life in days.
    pub min_remaining_shelf_life_days: Option<u32>,
    /// Quantity shipped so far.
    pub shipped: Decimal,
    /// Quantity the sales channel settled itself, outside lotwise: shipped
    /// there, refunded or removed there, or goods that need no shipping
    /// (a digital download). Kept for the record; it is no demand.
    #[serde(default)]
    pub fulfilled_outside: Decimal,
    /// Quantity cancelled after confirmation (`cancel_order_line`,
    /// `close_short`): no longer to ship.
    #[serde(default)]
    pub cancelled: Decimal,
}

impl OrderLine {
    /// What is no longer lotwise's to ship: settled outside or cancelled.
    pub fn closed(&self) -> Decimal {
        self.fulfilled_outside + self.cancelled
    }

    /// What is still to ship: ordered − shipped − settled outside − cancelled.
    pub fn open(&self) -> Decimal {
        (self.qty.value - self.shipped - self.closed()).max(Decimal::ZERO)
    }

    /// The whole line was cancelled before anything of it shipped.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled > Decimal::ZERO && self.shipped.is_zero() && self.closed() >= self.qty.value
    }
}

/// The status a person sees, for an order or a line. Ordered by progress.
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
pub enum OrderStatus {
    /// Imported with a problem a person must resolve (an unmapped SKU, …);
    /// it cannot be confirmed until then. The reasons are in `attention`.
    NeedsAttention,
    /// Received, not yet confirmed.
    Placed,
    /// Confirmed; some of it has neither stock nor reserved materials.
    AwaitingMaterials,
    /// Everything is in stock or has its materials reserved.
    MaterialsReserved,
    /// At least one batch for it is being made.
    InProduction,
    /// Everything unshipped is reserved from finished stock.
    ReadyToShip,
    /// Some but not all has shipped.
    PartiallyShipped,
    /// Everything has shipped.
    Shipped,
    /// Cancelled.
    Cancelled,
}

impl OrderStatus {
    /// snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::NeedsAttention => "needs_attention",
            OrderStatus::Placed => "placed",
            OrderStatus::AwaitingMaterials => "awaiting_materials",
            OrderStatus::MaterialsReserved => "materials_reserved",
            OrderStatus::InProduction => "in_production",
            OrderStatus::ReadyToShip => "ready_to_ship",
            OrderStatus::PartiallyShipped => "partially_shipped",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    /// Whether an order may move from `self` to `to` (both derived statuses).
    /// Confirmed orders move freely among the working states — a batch that
    /// yields less sends a line back to awaiting materials — but never back to
    /// placed, and nothing leaves shipped or cancelled.
    pub fn can_become(self, to: OrderStatus) -> bool {
        use OrderStatus::*;
        if self == to {
            return true;
        }
        match self {
            NeedsAttention => matches!(to, Placed | Cancelled),
            // An order whose every line was settled on the channel is
            // shipped as soon as it is confirmed.
            Placed => !matches!(to, PartiallyShipped | NeedsAttention),
            Shipped | Cancelled => false,
            PartiallyShipped => matches!(
                to,
                Shipped | AwaitingMaterials | MaterialsReserved | InProduction | ReadyToShip
            ),
            _ => !matches!(to, Placed | NeedsAttention),
        }
    }
}

impl std::fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A sales order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SalesOrder {
    /// lotwise id, e.g. `SO-000001`.
    pub id: String,
    /// Channel.
    pub channel: String,
    /// Channel's order id.
    pub external_ref: Option<String>,
    /// Who ordered.
    pub customer: Customer,
    /// Ship-to.
    pub ship_to: Option<Address>,
    /// Lines.
    pub lines: Vec<OrderLine>,
    /// Tags.
    pub tags: Vec<String>,
    /// Note.
    pub notes: Option<String>,
    /// Problems a person must resolve before the order can be confirmed
    /// (e.g. "line 2: sku `X-9` is not mapped"). Empty for a normal order.
    #[serde(default)]
    pub attention: Vec<String>,
    /// Derived status, kept current by every command that touches the order.
    pub status: OrderStatus,
    /// When placed.
    pub placed_at: DateTime<Utc>,
    /// When confirmed.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// When cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// A hold for review (by hand or by a rule): while set, nobody can
    /// confirm the order.
    #[serde(default)]
    pub hold: Option<crate::domain::automation::OrderHold>,
    /// The location the order is to ship from, when a rule or a person
    /// routed it (`route_order` then plans from there only).
    #[serde(default)]
    pub ship_from: Option<String>,
    /// Set while the order is projected to arrive after its promised date
    /// (`check_delays`), with the late lines and why; `None` otherwise.
    #[serde(default)]
    pub delay: Option<OrderDelay>,
}

impl SalesOrder {
    /// The statuses in which an order may still wait for stock to be freed
    /// for it: a receipt or any other freeing of a SKU serves these orders'
    /// uncovered lines, oldest first.
    pub(crate) const WAITING: [OrderStatus; 2] = [
        OrderStatus::AwaitingMaterials,
        OrderStatus::PartiallyShipped,
    ];

    /// The SKUs this order may be waiting for: its lines' SKUs while it is
    /// in a [`Self::WAITING`] status, none otherwise. Stores file waiting
    /// orders under them (`Tx::orders_awaiting`).
    pub(crate) fn awaited_skus(&self) -> std::collections::BTreeSet<&str> {
        if !Self::WAITING.contains(&self.status) {
            return std::collections::BTreeSet::new();
        }
        self.lines.iter().map(|l| l.sku.as_str()).collect()
    }

    /// The line numbered `line`.
    pub fn line(&self, line: u32) -> Result<&OrderLine> {
        self.lines
            .iter()
            .find(|l| l.line == line)
            .ok_or_else(|| Error::UnknownOrderLine {
                order: self.id.clone(),
                line,
            })
    }

    /// Whether the order is late: projected to arrive after its promised
    /// date (`delay`, found before that date passes), or a promised (or else
    /// requested) date has passed with goods unshipped.
    pub fn is_delayed(&self, today: NaiveDate) -> bool {
        if matches!(self.status, OrderStatus::Shipped | OrderStatus::Cancelled) {
            return false;
        }
        self.delay.is_some()
            || self.lines.iter().any(|l| {
                l.open() > Decimal::ZERO
                    && l.promised_date
                        .or(l.requested_date)
                        .is_some_and(|d| d < today)
            })
    }
}

/// How a line's open quantity is covered at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineCover {
    /// Ordered.
    pub ordered: Decimal,
    /// Shipped.
    pub shipped: Decimal,
    /// Settled outside lotwise or cancelled: no longer to ship.
    pub closed: Decimal,
    /// The whole line was cancelled before anything of it shipped.
    pub cancelled: bool,
    /// Reserved from finished stock.
    pub reserved: Decimal,
    /// Planned on manufacturing orders still awaiting materials.
    pub planned_awaiting: Decimal,
    /// Planned on manufacturing orders with materials reserved.
    pub planned_reserved: Decimal,
    /// Planned on manufacturing orders in production.
    pub planned_in_production: Decimal,
}

/// What one batch holds for one line of an order: what covering the line
/// counts of the batch (see [`LineCover::of_plans`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinePlan {
    /// The batch's status.
    pub status: MoStatus,
    /// The order line.
    pub line: u32,
    /// Allocated to the line, in the product's base unit.
    pub qty: Decimal,
    /// Of that, handed over already.
    pub delivered: Decimal,
}

impl LinePlan {
    /// What `mos` hold for the lines of `order` (allocations to other
    /// orders are left out).
    pub fn of_batches<'m>(
        order: &str,
        mos: impl IntoIterator<Item = &'m ManufacturingOrder>,
    ) -> Vec<LinePlan> {
        let mut plans = Vec::new();
        for mo in mos {
            plans.extend(
                mo.allocations
                    .iter()
                    .filter(|a| a.order == order)
                    .map(|a| LinePlan {
                        status: mo.status,
                        line: a.line,
                        qty: a.qty,
                        delivered: a.delivered,
                    }),
            );
        }
        plans
    }
}

impl LineCover {
    /// How `line` of `order` is covered by the given reservations and
    /// manufacturing orders (others' entries are ignored, so callers may pass
    /// a superset).
    pub fn of(
        order: &SalesOrder,
        line: &OrderLine,
        reservations: &[Reservation],
        mos: &[ManufacturingOrder],
    ) -> LineCover {
        Self::of_plans(
            order,
            line,
            reservations,
            &LinePlan::of_batches(&order.id, mos),
        )
    }

    /// [`LineCover::of`] from what the batches hold for the order's lines
    /// (plans of other lines are ignored).
    pub fn of_plans(
        order: &SalesOrder,
        line: &OrderLine,
        reservations: &[Reservation],
        plans: &[LinePlan],
    ) -> LineCover {
        let reserved = reservations
            .iter()
            .filter(|r| r.demand.is_line(&order.id, line.line))
            .map(|r| r.qty)
            .sum();
        let mut cover = LineCover {
            ordered: line.qty.value,
            shipped: line.shipped,
            closed: line.closed(),
            cancelled: line.is_cancelled(),
            reserved,
            ..Default::default()
        };
        for plan in plans.iter().filter(|p| p.line == line.line) {
            let open = plan.qty - plan.delivered;
            match plan.status {
                MoStatus::AwaitingMaterials => cover.planned_awaiting += open,
                MoStatus::MaterialsReserved => cover.planned_reserved += open,
                MoStatus::InProduction => cover.planned_in_production += open,
                MoStatus::Completed | MoStatus::Cancelled => {}
            }
        }
        cover
    }

    /// Ordered quantity with no stock and no batch behind it.
    pub fn uncovered(&self) -> Decimal {
        (self.ordered
            - self.shipped
            - self.closed
            - self.reserved
            - self.planned_awaiting
            - self.planned_reserved
            - self.planned_in_production)
            .max(Decimal::ZERO)
    }

    /// The status of a confirmed line.
    pub fn status(&self) -> OrderStatus {
        use OrderStatus::*;
        if self.cancelled {
            Cancelled
        } else if self.shipped + self.closed >= self.ordered {
            Shipped
        } else if self.uncovered() > Decimal::ZERO || self.planned_awaiting > Decimal::ZERO {
            AwaitingMaterials
        } else if self.planned_in_production > Decimal::ZERO {
            InProduction
        } else if self.planned_reserved > Decimal::ZERO {
            MaterialsReserved
        } else {
            ReadyToShip
        }
    }
}

/// The order status derived from its lines' covers.
pub fn derive_status(order: &SalesOrder, covers: &[LineCover]) -> OrderStatus {
    use OrderStatus::*;
    if order.cancelled_at.is_some() {
        return Cancelled;
    }
    if order.confirmed_at.is_none() {
        return if order.attention.is_empty() {
            Placed
        } else {
            NeedsAttention
        };
    }
    // Lines cancelled whole take no part; if nothing else is left the
    // order is done (shipped when anything of it shipped).
    let statuses: Vec<OrderStatus> = covers
        .iter()
        .map(LineCover::status)
        .filter(|s| *s != Cancelled)
        .collect();
    if statuses.is_empty() {
        return if covers.iter().any(|c| c.shipped > Decimal::ZERO) {
            Shipped
        } else {
            Cancelled
        };
    }
    if statuses.iter().all(|s| *s == Shipped) {
        return Shipped;
    }
    let any_shipped = covers.iter().any(|c| c.shipped > Decimal::ZERO);
    if any_shipped {
        // Some goods left; the lines tell where the rest stands.
        return PartiallyShipped;
    }
    statuses.into_iter().min().unwrap_or(ReadyToShip)
}

#[cfg(test)]
mod status_tests;
