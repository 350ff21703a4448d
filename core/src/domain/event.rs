//! The event outbox: one row per change, written in the same transaction.
//!
//! An [`Event`] is a sequence number, a time, a subject (the id of what it
//! concerns) and its typed payload, [`EventData`]: one variant per kind of
//! change, named in snake_case (`order_shipped`). Events serialize exactly as
//! they always have, kind and payload side by side:
//!
//! ```json
//! {"seq":7,"at":"2026-03-02T09:00:00Z","kind":"order_shipped","subject":"SO-000001","data":{...}}
//! ```
//!
//! `seq` comes first (the Postgres store renumbers queued events by
//! rewriting that prefix of the text). `data` is written through a
//! `serde_json::Value`, as the untyped payloads were (`json!`), so its text
//! is byte for byte what they gave: keys in field order with serde_json's
//! `preserve_order`, sorted without it. Stored events of older versions
//! decode into the same variants.
//!
//! An event that no longer decodes (a kind this version does not know, or
//! a payload that does not fit its kind) is an error naming its `seq` and
//! kind, never a panic and never silently skipped: the stores report the
//! row as [`crate::Error::Storage`] and leave it untouched.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::calendar::WorkCalendar;
use super::catalog::ItemKind;
use super::delay::DelayedLine;
use super::location::LocationKind;
use super::lot::HoldReason;
use super::order::OrderStatus;
use super::production::MoStatus;
use super::promise::Basis;
use super::purchasing::PoStatus;
use super::quantity::{Qty, Uom};
use super::returns::ReturnLine;
use super::shipment::ShipmentLine;
use super::transfer::TransferLine;

mod parts;
mod wire;
pub use parts::{PoLineOrdered, PromisedLine, ScheduledOperation, Shortfall};

/// An event in the outbox.
///
/// It serializes as `{"seq", "at", "kind", "subject", "data"}`: the kind
/// and payload of [`EventData`] sit beside the other fields.
#[derive(Debug, Clone, PartialEq, Eq, schemars::JsonSchema)]
pub struct Event {
    /// Monotonic sequence from 1, without gaps.
    pub seq: u64,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The id of the entity it concerns (order, MO, lot, sku).
    pub subject: String,
    /// What happened: the kind (`"kind"`) and its details (`"data"`).
    #[schemars(flatten)]
    pub data: EventData,
}

impl Event {
    /// The snake_case kind, e.g. `order_shipped`.
    pub fn kind(&self) -> &'static str {
        self.data.kind()
    }
}

/// What an event says happened, one variant per kind. The variant name in
/// snake_case is the event's `kind`, its fields are the event's `data`.
///
/// ```
/// use lotwise::domain::event::EventData;
/// let data = EventData::OrderTagged { tag: "gift".into() };
/// assert_eq!(data.kind(), "order_tagged");
/// assert!(EventData::KINDS.contains(&"order_shipped"));
/// ```
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum EventData {
    /// Emitted by `define_item` when a new item is created; subject is the SKU.
    ItemDefined {
        /// Human name.
        name: String,
        /// Material, product or packaging.
        kind: ItemKind,
        /// Base unit.
        uom: Uom,
    },
    /// Emitted by `define_recipe` for each new recipe version; subject is the
    /// product SKU.
    RecipeDefined {
        /// The new version, from 1.
        version: u32,
    },
    /// Emitted when a location is defined (`define_location`, and the
    /// transfer and return commands when they create `TRANSIT` or a
    /// quarantine location); subject is the location code.
    LocationDefined {
        /// Human name.
        name: String,
        /// Internal, quarantine or one of the virtual kinds.
        kind: LocationKind,
    },
    /// Emitted per received lot by `receive` and by `receive_po`; subject is
    /// the SKU.
    StockReceived {
        /// The lot received into.
        lot: String,
        /// Quantity received, in the item's base unit.
        qty: Qty,
        /// Where it was put.
        location: String,
        /// The lot's expiry, if it has one.
        expiry: Option<NaiveDate>,
        /// The purchase order it came with (`receive_po` only; `null` for a
        /// plain receipt, and absent in events stored before it was always
        /// written).
        #[serde(default)]
        po: Option<String>,
    },
    /// Emitted by `adjust_stock` after a stock count or correction; subject
    /// is the SKU.
    StockAdjusted {
        /// The lot counted.
        lot: String,
        /// Where.
        location: String,
        /// The signed change, as given.
        delta: Qty,
        /// Why, as given.
        reason: String,
    },
    /// Emitted when a new sales order is stored (`place_order` or a channel
    /// import); subject is the order id.
    OrderPlaced {
        /// Sales channel.
        channel: String,
        /// The channel's reference of the order.
        external_ref: Option<String>,
        /// Customer name.
        customer: String,
        /// Number of lines.
        lines: usize,
    },
    /// Emitted by `confirm_order` before stock is reserved and MOs planned;
    /// subject is the order id.
    OrderConfirmed {},
    /// Emitted whenever an order's derived status changes (e.g. to `ready`
    /// or `partially_shipped`); subject is the order id.
    OrderStatusChanged {
        /// Status before.
        from: OrderStatus,
        /// Status after.
        to: OrderStatus,
    },
    /// Emitted by `ship` for each shipment created; subject is the order id.
    OrderShipped {
        /// The shipment's id.
        shipment: String,
        /// Carrier.
        carrier: String,
        /// Tracking number.
        tracking: String,
        /// Customer name.
        customer: String,
        /// Customer e-mail, if known.
        email: Option<String>,
        /// What was shipped, lot by lot.
        lines: Vec<ShipmentLine>,
    },
    /// Emitted by `cancel_order` after reservations are released and MOs
    /// detached; subject is the order id.
    OrderCancelled {
        /// Manufacturing orders the order's lines were detached from.
        detached_mos: Vec<String>,
    },
    /// Emitted when a channel re-import changes an existing order; subject is
    /// the order id.
    OrderUpdated {
        /// The channel it came from.
        channel: String,
        /// Whether its lines changed.
        lines_changed: bool,
        /// Whether the change needs attention (see `order_flagged`).
        flagged: bool,
    },
    /// Emitted when a new reason for attention is added to an order (e.g.
    /// lines changed on the channel after confirmation); subject is the
    /// order id.
    OrderFlagged {
        /// The reason, in words.
        reason: String,
    },
    /// Emitted by `resolve_order` when an order needing attention is cleared
    /// back to `placed`; subject is the order id.
    OrderResolved {
        /// Number of lines it now has.
        lines: usize,
    },
    /// Emitted by `replan_order` with what was newly reserved, planned and
    /// still short; subject is the order id.
    OrderReplanned {
        /// Finished stock newly reserved, per line number (base units).
        reserved: BTreeMap<u32, Decimal>,
        /// Manufacturing orders created or joined.
        mos: Vec<String>,
        /// What is still missing.
        shortages: Vec<Shortfall>,
    },
    /// Emitted when planning creates a manufacturing order (also for
    /// sub-assemblies); subject is the MO id.
    MoCreated {
        /// The product's SKU.
        product: String,
        /// Planned output, base units.
        qty: Decimal,
        /// The manufacturing order this one makes an input for.
        parent_mo: Option<String>,
    },
    /// Emitted whenever a manufacturing order's status changes (start,
    /// completion, cancellation, readiness); subject is the MO id.
    MoStatusChanged {
        /// Status before.
        from: MoStatus,
        /// Status after.
        to: MoStatus,
    },
    /// Emitted by `complete_mo` with the output lot and good/scrap
    /// quantities; subject is the MO id.
    MoCompleted {
        /// The output lot.
        lot: String,
        /// Good output, in the product's base unit.
        good: Qty,
        /// Scrapped output, in the product's base unit.
        scrap: Qty,
    },
    /// Emitted by `define_work_center` when a work center is defined or its
    /// calendar changed; subject is the work center code.
    WorkCenterDefined {
        /// Human name.
        name: String,
        /// When it works.
        calendar: WorkCalendar,
        /// Whether it replaced an earlier definition.
        replaced: bool,
    },
    /// Emitted when a manufacturing order's operations are booked or
    /// re-booked on its work centers (confirming or re-planning an order
    /// with planning in use, `reschedule_mo`); subject is the MO id.
    MoScheduled {
        /// Its booked operations, in order.
        operations: Vec<ScheduledOperation>,
        /// When the output is ready.
        ready_at: DateTime<Utc>,
        /// What decided that.
        basis: Basis,
    },
    /// Emitted when a confirmed order's lines get their promised dates
    /// (confirming or re-planning with planning in use); subject is the
    /// order id.
    OrderPromised {
        /// Every line's promised date.
        lines: Vec<PromisedLine>,
    },
    /// Emitted by `check_delays` once, when an order is first projected to
    /// arrive after its promised date (before that date passes); subject
    /// is the order id. Not emitted again while it stays late.
    OrderDelayed {
        /// The late lines: promised and projected dates, the deciding
        /// batch and why.
        lines: Vec<DelayedLine>,
    },
    /// Emitted by `define_supplier` when a supplier is defined or redefined;
    /// subject is the supplier code.
    SupplierDefined {
        /// Human name.
        name: String,
        /// Default lead time in days.
        lead_time_days: u32,
        /// SKUs it sells.
        items: Vec<String>,
        /// Whether it replaced an earlier definition.
        replaced: bool,
    },
    /// Emitted by `create_po` when a purchase order is created (as a draft);
    /// subject is the PO id.
    PoCreated {
        /// Supplier code.
        supplier: String,
        /// When the goods are expected.
        expected_date: NaiveDate,
        /// What is ordered.
        lines: Vec<PoLineOrdered>,
    },
    /// Emitted when a purchase order changes status (`send_po`, `cancel_po`,
    /// `receive_po`); subject is the PO id.
    PoStatusChanged {
        /// Status before.
        from: PoStatus,
        /// Status after.
        to: PoStatus,
    },
    /// Emitted by `receive_po` per purchase order line received into a lot;
    /// subject is the PO id.
    PoReceived {
        /// PO line number.
        line: u32,
        /// Item.
        sku: String,
        /// The lot received into.
        lot: String,
        /// Quantity received, in the item's base unit.
        qty: Qty,
        /// The supplier's own lot reference, if given.
        supplier_lot_ref: Option<String>,
    },
    /// Emitted by `tag_order` (and `bulk_tag`) when a tag is added to an
    /// order; subject is the order id.
    OrderTagged {
        /// The tag, as stored.
        tag: String,
    },
    /// Emitted by `untag_order` when a tag is removed from an order;
    /// subject is the order id.
    OrderUntagged {
        /// The tag, as given.
        tag: String,
    },
    /// Emitted by `set_order_note` when an order's note is set or cleared;
    /// subject is the order id.
    OrderNoteSet {
        /// The new note; `null` when cleared.
        note: Option<String>,
    },
    /// Emitted by `record_return` when a return is booked; subject is the
    /// order id (the return's id is in `return`).
    ReturnRecorded {
        /// The return's id, e.g. `RT-000001`.
        #[serde(rename = "return")]
        return_id: String,
        /// Customer name.
        customer: String,
        /// What came back and what happened to it.
        lines: Vec<ReturnLine>,
        /// Free text, if given.
        note: Option<String>,
    },
    /// Emitted by `ship_transfer` when goods leave the source location;
    /// subject is the transfer id.
    TransferShipped {
        /// Source location.
        from: String,
        /// Destination location.
        to: String,
        /// Lots moved.
        lines: Vec<TransferLine>,
    },
    /// Emitted by `receive_transfer` when goods arrive at the destination;
    /// subject is the transfer id.
    TransferReceived {
        /// Destination location.
        to: String,
        /// Lots moved.
        lines: Vec<TransferLine>,
    },
    /// Emitted by `define_routing_rule` when a routing rule is defined or
    /// replaced; subject is the rule's key (its channel, `*` for the
    /// default rule).
    RoutingRuleDefined {
        /// Locations to ship from, in order of preference.
        locations: Vec<String>,
        /// Whether an order may ship from several locations.
        allow_split: bool,
    },
    /// Emitted when a customer record is created (by hand or for an order
    /// from someone new); subject is the customer id.
    CustomerCreated {
        /// The customer's name.
        name: String,
    },
    /// Emitted by `define_rule`; subject is the rule's code.
    RuleDefined {
        /// The rule's name.
        name: String,
        /// Its trigger, e.g. `order_placed`.
        trigger: String,
        /// Whether it runs.
        enabled: bool,
    },
    /// Emitted when an automation rule fires; subject is the order (order
    /// rules), the item (stock rules) or the lot (expiry rules).
    RuleFired {
        /// Rule code.
        rule: String,
        /// What triggered it, e.g. `order_placed`.
        trigger: String,
        /// Each condition (or the alert's reason) in words.
        why: Vec<String>,
        /// The actions it ran, in order.
        actions: Vec<String>,
    },
    /// Emitted by a rule's `alert` action, for a notifier; subject as for
    /// `rule_fired`.
    AlertRaised {
        /// Rule code.
        rule: String,
        /// The rule's message.
        message: String,
    },
    /// Emitted when an order is held for review; subject is the order id.
    OrderHeld {
        /// Why.
        reason: String,
        /// The rule that held it, if a rule did.
        rule: Option<String>,
    },
    /// Emitted when a held order is released; subject is the order id.
    OrderReleased {},
    /// Emitted when rules changing an order would set off rules past the
    /// bound ([`crate::domain::automation::MAX_CHAIN`]); subject is the order.
    RuleChainStopped {
        /// The rule whose change was not passed on.
        rule: String,
        /// The level it ran at.
        depth: u32,
    },
    /// Emitted by `merge_customers`; subject is the customer merged into.
    CustomerMerged {
        /// The customer merged away (its record now points here).
        from: String,
        /// Orders moved over.
        orders: Vec<String>,
    },
    /// Emitted by `hold_lot` and `recall_and_hold` for every lot put on
    /// hold; subject is the lot code. Its reservations were released and the
    /// orders and manufacturing orders that held them re-planned.
    LotHeld {
        /// The lot's item.
        sku: String,
        /// Why.
        reason: HoldReason,
        /// Free text.
        note: Option<String>,
        /// The recalled lot, for a hold placed by a recall.
        recall_of: Option<String>,
        /// On hand at stock locations when held (base units).
        on_hand: Decimal,
        /// Reserved quantity released (base units).
        released: Decimal,
        /// Orders whose lines lost reserved stock of it.
        orders: Vec<String>,
        /// Manufacturing orders whose inputs lost reserved stock of it.
        mos: Vec<String>,
    },
    /// Emitted by `release_lot`; subject is the lot code.
    LotReleased {
        /// The lot's item.
        sku: String,
        /// Why it had been held.
        reason: HoldReason,
        /// Free text given on release.
        note: Option<String>,
    },
    /// Emitted by `cancel_order_line` and `close_short` for every line whose
    /// unshipped quantity was cancelled; subject is the order id.
    OrderLineCancelled {
        /// Order line number.
        line: u32,
        /// Quantity cancelled by this command (base units).
        qty: Decimal,
        /// Reserved stock released (base units).
        released: Decimal,
        /// Manufacturing orders the line was detached from (their output goes to stock).
        detached_mos: Vec<String>,
        /// Why, if given.
        reason: Option<String>,
    },
    /// Emitted by `close_short` after the unshipped rest of a partially
    /// shipped order was cancelled; subject is the order id.
    OrderClosedShort {
        /// Quantity cancelled per line number (base units).
        cancelled: BTreeMap<u32, Decimal>,
        /// Why, if given.
        reason: Option<String>,
    },
    /// Emitted by `edit_order` (and by applying a flagged channel update)
    /// after the order was changed and the difference re-planned; subject is
    /// the order id.
    OrderEdited {
        /// What changed, one entry per change (`line 1 qty 10 -> 30`, …).
        changes: Vec<String>,
        /// Reserved stock released by the edit (base units).
        released: Decimal,
        /// Finished stock newly reserved, per line number (base units).
        reserved: BTreeMap<u32, Decimal>,
        /// Manufacturing orders detached from.
        detached_mos: Vec<String>,
        /// Manufacturing orders created or joined.
        mos: Vec<String>,
        /// What is still missing.
        shortages: Vec<Shortfall>,
    },
    /// Emitted when a reason for attention on a confirmed order is cleared:
    /// a flagged channel update applied or dismissed; subject is the order id.
    OrderFlagCleared {
        /// The reason that was cleared.
        reason: String,
        /// True when the channel's version was applied, false when dismissed.
        applied: bool,
        /// Why it was dismissed, or a note on applying it.
        note: Option<String>,
    },
}

impl EventData {
    /// Every event kind lotwise emits, in declaration order.
    pub const KINDS: &'static [&'static str] = <Self as strum::VariantNames>::VARIANTS;

    /// Every event kind lotwise emits, in declaration order.
    pub fn kinds() -> impl Iterator<Item = &'static str> {
        Self::KINDS.iter().copied()
    }

    /// The snake_case kind, e.g. `order_shipped`.
    pub fn kind(&self) -> &'static str {
        self.into()
    }

    /// The payload as JSON, as it is stored and sent under `data`.
    ///
    /// ```
    /// use lotwise::domain::event::EventData;
    /// let data = EventData::OrderTagged { tag: "gift".into() };
    /// assert_eq!(data.to_json(), serde_json::json!({ "tag": "gift" }));
    /// ```
    pub fn to_json(&self) -> Value {
        // Payloads are strings, numbers, decimals, dates, lists and maps
        // with string or integer keys: they always serialize; `null` would
        // stand for one that did not.
        self.to_data_json().unwrap_or_default()
    }

    /// [`EventData::to_json`], with the error should it fail.
    fn to_data_json(&self) -> serde_json::Result<Value> {
        match serde_json::to_value(self)? {
            Value::Object(mut tagged) => Ok(tagged.remove("data").unwrap_or_default()),
            other => Err(serde::ser::Error::custom(format_args!(
                "event data serialized as {other}, not as kind and data"
            ))),
        }
    }

    /// Decodes a payload stored under `data` for an event of `kind`.
    fn from_data_json(kind: &str, data: Value) -> serde_json::Result<Self> {
        if !Self::KINDS.contains(&kind) {
            return Err(serde::de::Error::custom("unknown event kind"));
        }
        let mut tagged = Map::with_capacity(2);
        tagged.insert("kind".into(), Value::String(kind.into()));
        tagged.insert("data".into(), data);
        serde_json::from_value(Value::Object(tagged))
    }
}

#[cfg(test)]
mod tests;
