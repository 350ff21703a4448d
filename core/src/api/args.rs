//! Named arguments of the operations whose input is not one domain record.
//!
//! An operation that takes a whole record (`define_item` takes a
//! [`NewItem`](crate::NewItem)) uses that record as its `args`; the others take
//! one of these small objects, named after what they carry. Optional fields
//! may be left out (or `null`); the default lives here, once, for every
//! language.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::channels::{Channel, SkuMappings};
use crate::{
    Completion, CustomerUpdate, LocationKind, NewOrder, NewOrderLine, PoReceiptLine,
    PromiseOptions, PurchaseSuggestion, Qty, RoutingRule, ShipRequest,
};

/// Common derives of every argument record: they cross every language as
/// JSON objects, refuse unknown keys and appear in the schema.
macro_rules! args_record {
    ($(#[$meta:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name { $($body)* }
    };
}

/// A location's kind when none is named.
fn internal() -> LocationKind {
    LocationKind::Internal
}

/// How many events a page holds when the caller does not say.
fn page() -> usize {
    100
}

args_record! {
    /// No arguments: `{}`.
    pub struct NoArgs {}
}

args_record! {
    /// The id of the document the operation acts on: a sales order
    /// (`SO-000001`), manufacturing order (`MO-000001`), purchase order or
    /// transfer, as the operation's name says.
    pub struct ById {
        /// The document id.
        pub id: String,
    }
}

args_record! {
    /// An item by SKU.
    pub struct BySku {
        /// The item's SKU.
        pub sku: String,
    }
}

args_record! {
    /// A lot by code.
    pub struct ByLot {
        /// The lot code.
        pub lot: String,
    }
}

args_record! {
    /// A work center or supplier by code.
    pub struct ByCode {
        /// The code.
        pub code: String,
    }
}

args_record! {
    /// A manufacturing order by id, for queries about its capacity booking.
    pub struct ByMo {
        /// The manufacturing order id, e.g. `MO-000001`.
        pub mo: String,
    }
}

args_record! {
    /// Items by SKU, or every item.
    pub struct BySkus {
        /// The items' SKUs, in the order the answer keeps; every item, by
        /// SKU, when absent.
        #[serde(default)]
        pub skus: Option<Vec<String>>,
    }
}

args_record! {
    /// Manufacturing orders by id, or every one.
    pub struct ByMoIds {
        /// The manufacturing order ids, in the order the answer keeps; every
        /// manufacturing order, by id, when absent.
        #[serde(default)]
        pub ids: Option<Vec<String>>,
    }
}

args_record! {
    /// Text to parse: `"2.5 kg"` for a quantity, `"18.00 USD"` for money.
    pub struct Text {
        /// The text as a person typed it.
        pub text: String,
    }
}

args_record! {
    /// A new location.
    pub struct DefineLocation {
        /// Unique code, e.g. `SHOP`.
        pub code: String,
        /// Display name.
        pub name: String,
        /// What kind of place it is; `internal` (holds stock) when absent.
        #[serde(default = "internal")]
        pub kind: LocationKind,
    }
}

args_record! {
    /// An order found by the channel it came from and the channel's reference.
    pub struct ByExternalRef {
        /// The sales channel, e.g. `shopify`.
        pub channel: String,
        /// The channel's own order reference.
        pub external_ref: String,
    }
}

args_record! {
    /// Many orders placed in one call; each is its own transaction.
    pub struct PlaceOrders {
        /// The orders, in the order they are placed.
        pub orders: Vec<NewOrder>,
    }
}

args_record! {
    /// A tag added to or removed from an order.
    pub struct TagOrder {
        /// The sales order id.
        pub id: String,
        /// The tag (trimmed, compared case-insensitively).
        pub tag: String,
    }
}

args_record! {
    /// The note of an order; `null` clears it.
    pub struct SetOrderNote {
        /// The sales order id.
        pub id: String,
        /// The new note, or `null` to clear it.
        #[serde(default)]
        pub note: Option<String>,
    }
}

args_record! {
    /// Orders a bulk action applies to, each in its own transaction.
    pub struct Bulk {
        /// The sales order ids.
        pub ids: Vec<String>,
    }
}

args_record! {
    /// Orders to tag, each in its own transaction.
    pub struct BulkTag {
        /// The sales order ids.
        pub ids: Vec<String>,
        /// The tag to add.
        pub tag: String,
    }
}

args_record! {
    /// An order needing attention, with its corrected lines.
    pub struct ResolveOrder {
        /// The sales order id.
        pub id: String,
        /// New lines, or `null` to keep the order's lines.
        #[serde(default)]
        pub lines: Option<Vec<NewOrderLine>>,
    }
}

args_record! {
    /// Channel payloads to import, each order in its own transaction.
    pub struct ImportPayloads {
        /// The channel the payloads come from.
        pub channel: Channel,
        /// The payloads as text: Shopify order bodies, Etsy receipts or
        /// receipt pages, wholesale CSV files.
        pub payloads: Vec<String>,
        /// Mappings from channel SKUs or ids to items, beyond the catalog's own SKUs.
        #[serde(default)]
        pub mappings: SkuMappings,
    }
}

args_record! {
    /// One Shopify webhook delivery as a storefront received it.
    pub struct ShopifyWebhook {
        /// The app's webhook signing secret (never stored).
        pub secret: String,
        /// The request headers by name, in any case: at least
        /// `X-Shopify-Hmac-Sha256`; `X-Shopify-Webhook-Id` deduplicates
        /// retried deliveries, `X-Shopify-Topic` is reported back.
        pub headers: std::collections::BTreeMap<String, String>,
        /// The raw request body, exactly as received (the signature covers
        /// these bytes).
        pub body: String,
        /// Confirm a newly placed order in the same transaction (reserve
        /// stock, plan batches), as a storefront taking orders wants.
        #[serde(default)]
        pub confirm: bool,
        /// Mappings from Shopify SKUs or variant ids to items, beyond the
        /// catalog's own SKUs.
        #[serde(default)]
        pub mappings: SkuMappings,
    }
}

args_record! {
    /// An order to route by a given rule instead of the stored ones.
    pub struct RouteOrderWith {
        /// The sales order id.
        pub id: String,
        /// The rule to apply.
        pub rule: RoutingRule,
    }
}

args_record! {
    /// A delivery promise for a placed order.
    pub struct PromiseOrder {
        /// The sales order id.
        pub id: String,
        /// Shipping method and expected supply; defaults when absent.
        #[serde(default)]
        pub options: Option<PromiseOptions>,
    }
}

args_record! {
    /// A delivery promise for lines not (yet) ordered: a storefront's quote.
    pub struct PromiseLines {
        /// The lines to promise.
        pub lines: Vec<NewOrderLine>,
        /// Shipping method and expected supply; defaults when absent.
        #[serde(default)]
        pub options: Option<PromiseOptions>,
    }
}

args_record! {
    /// A manufacturing order to complete.
    pub struct CompleteMo {
        /// The manufacturing order id.
        pub id: String,
        /// Output lot, good and scrap quantities; all defaults when absent.
        #[serde(default)]
        pub completion: Option<Completion>,
    }
}

args_record! {
    /// An order to ship.
    pub struct Ship {
        /// The sales order id.
        pub id: String,
        /// Carrier, tracking and the lines (every ready line when empty).
        pub request: ShipRequest,
    }
}

args_record! {
    /// Goods received against a purchase order.
    pub struct ReceivePo {
        /// The purchase order id.
        pub id: String,
        /// What arrived, per purchase order line.
        pub lines: Vec<PoReceiptLine>,
    }
}

args_record! {
    /// Purchase suggestions to turn into draft purchase orders.
    pub struct CreatePosFromSuggestions {
        /// The suggestions, as `purchase_suggestions` gave them.
        pub suggestions: Vec<PurchaseSuggestion>,
    }
}

args_record! {
    /// A batch to make for stock.
    pub struct CreateStockMo {
        /// The product's SKU.
        pub sku: String,
        /// How much to make.
        pub qty: Qty,
    }
}

args_record! {
    /// A page of the event outbox after a sequence number.
    pub struct EventsAfter {
        /// Events with a sequence number above this one; 0 (from the start)
        /// when absent.
        #[serde(default)]
        pub after: u64,
        /// At most this many; 100 when absent.
        #[serde(default = "page")]
        pub limit: usize,
    }
}

args_record! {
    /// A consumer of the event outbox.
    pub struct Consumer {
        /// The consumer's name, e.g. `mailer`.
        pub consumer: String,
    }
}

args_record! {
    /// The next events a consumer has not acknowledged.
    pub struct PendingEvents {
        /// The consumer's name.
        pub consumer: String,
        /// At most this many; 100 when absent.
        #[serde(default = "page")]
        pub limit: usize,
    }
}

args_record! {
    /// A consumer's acknowledgement of every event up to a sequence number.
    pub struct AckEvents {
        /// The consumer's name.
        pub consumer: String,
        /// The last sequence number handled.
        pub seq: u64,
    }
}

args_record! {
    /// A time window of the production schedule.
    pub struct Window {
        /// From this instant (RFC 3339).
        pub from: DateTime<Utc>,
        /// To this instant (RFC 3339).
        pub to: DateTime<Utc>,
    }
}

args_record! {
    /// A manufacturing order to move on the calendars.
    pub struct RescheduleMo {
        /// The manufacturing order id.
        pub id: String,
        /// It starts no earlier than this instant (RFC 3339).
        pub not_before: DateTime<Utc>,
    }
}

args_record! {
    /// Whole days to move a fixed clock forward.
    pub struct AdvanceDays {
        /// Days, zero or more.
        pub days: i64,
    }
}

args_record! {
    /// The instant to set a fixed clock to.
    pub struct SetClock {
        /// An RFC 3339 instant.
        pub at: DateTime<Utc>,
    }
}

args_record! {
    /// A customer and what to change on it.
    pub struct UpdateCustomer {
        /// The customer id, e.g. `CU-000001`.
        pub id: String,
        /// The change.
        pub update: CustomerUpdate,
    }
}

args_record! {
    /// Two customers to merge: `from` into `into`.
    pub struct MergeCustomers {
        /// The customer merged away.
        pub from: String,
        /// The customer kept.
        pub into: String,
    }
}

args_record! {
    /// An order to hold, and why.
    pub struct HoldOrder {
        /// The sales order id.
        pub id: String,
        /// Why it is held, for the person reviewing it.
        pub reason: String,
    }
}
// Units and costing: their own file, beside this one.
mod costing;
pub use costing::*;
