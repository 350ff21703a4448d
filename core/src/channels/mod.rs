//! Channel importers: a sales channel's payload in, a [`ChannelOrder`] out.
//!
//! Each importer is a pure function of the payload bytes and a [`SkuMap`]: no
//! storage, no clock. It returns the [`NewOrder`] to place plus what the engine
//! needs to place, update or cancel that order idempotently by
//! (channel, external id):
//!
//! * [`shopify`]: the REST order resource of the `orders/create`,
//!   `orders/updated` and `orders/cancelled` webhooks; [`hmac`] verifies the
//!   webhook signature over the raw body first.
//! * [`etsy`]: a single `ShopReceipt` or a `getShopReceipts` page.
//! * [`csv`]: lotwise's wholesale CSV, one row per order line.
//!
//! A line whose item cannot be identified is never dropped and never guessed:
//! it is kept in [`ChannelOrder::lines`] with [`LineMapping::Unmapped`] and the
//! reason, left out of `new_order.lines`, and [`ChannelOrder::attention`] lists
//! it so the order can be flagged `needs_attention`. A payload that is not what
//! the channel sends (malformed JSON, a float where money is a decimal string, a
//! negative quantity, no lines, duplicate line ids, absurdly long text…) is
//! rejected whole with [`Error::InvalidPayload`] naming the field.
//!
//! ```
//! use lotwise::channels::{shopify, SkuMap};
//! use lotwise::Uom;
//!
//! let mut map = SkuMap::new();
//! map.add_item("CANDLE-LAV-200", Uom::Pcs);
//! let body = br##"{"id": 6418203947821, "name": "#1041", "currency": "USD",
//!   "created_at": "2026-11-02T14:07:33-08:00",
//!   "customer": {"first_name": "Marisol", "last_name": "Thistlewood"},
//!   "line_items": [{"id": 15938472630821, "sku": "CANDLE-LAV-200",
//!                   "title": "Lavender Field Soy Candle", "quantity": 2, "price": "24.00"},
//!                  {"id": 15938472630822, "sku": "GIFT-WRAP",
//!                   "title": "Gift wrap", "quantity": 1, "price": "3.00"}]}"##;
//! let order = shopify::parse_order(body, &map)?;
//! assert_eq!(order.new_order.external_ref.as_deref(), Some("6418203947821"));
//! assert_eq!(order.new_order.lines[0].qty.to_string(), "2 pcs");
//! assert_eq!(order.new_order.lines.len(), 1); // GIFT-WRAP is not in the catalog...
//! assert!(order.needs_attention());          // ...so the order needs a person.
//! assert_eq!(order.attention()[0].code(), "unmapped_line");
//! # Ok::<(), lotwise::Error>(())
//! ```

mod address;
pub mod csv;
pub mod etsy;
pub mod hmac;
mod json;
pub mod shopify;
mod sku_map;

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::money::Money;
use crate::domain::order::NewOrder;
use crate::domain::quantity::Uom;
#[cfg(doc)]
use crate::error::Error;

pub(crate) use address::AddressParts;
pub use sku_map::{ChannelUnit, SkuMap, SkuMappings, SkuTarget};

/// Limits on what an importer accepts. A payload over a limit is rejected with
/// `invalid_payload` rather than truncated: a silently shortened note or name
/// would be a guess.
pub mod limits {
    /// Largest payload (JSON body or CSV file), in bytes.
    pub const MAX_PAYLOAD_BYTES: usize = 8 * 1024 * 1024;
    /// Most lines in one order.
    pub const MAX_LINES: usize = 1_000;
    /// Most entries in any other list of an order (properties, shipping
    /// lines, discount allocations, fulfillments, variations, …).
    pub const MAX_LIST: usize = 1_000;
    /// Most receipts on one Etsy page (Etsy serves at most 100).
    pub const MAX_PAGE_RECEIPTS: usize = 1_000;
    /// Most data rows in one CSV file.
    pub const MAX_CSV_ROWS: usize = 100_000;
    /// Longest customer or recipient name, in characters (the engine's limit).
    pub const MAX_NAME_CHARS: usize = 200;
    /// Longest free text (order note, message from the buyer, gift message).
    pub const MAX_TEXT_CHARS: usize = 10_000;
    /// Longest ordinary field (titles, address lines, property values, e-mail).
    pub const MAX_FIELD_CHARS: usize = 1_000;
    /// Longest code-like field (SKU, tag, external id, status word).
    pub const MAX_CODE_CHARS: usize = 255;
    /// Largest quantity on one line, in channel units.
    pub const MAX_QUANTITY: u64 = 1_000_000_000;
}

/// The Etsy variation property that carries personalization text, whose
/// `value_id` is null; it never identifies an item.
pub const ETSY_PERSONALIZATION_PROPERTY: u64 = 54;

/// A sales channel lotwise imports from. [`Channel::as_str`] is the
/// `NewOrder::channel` of its orders and the `channel` of its errors.
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
pub enum Channel {
    /// Shopify webhooks (REST order resource).
    Shopify,
    /// Etsy receipts.
    Etsy,
    /// lotwise's wholesale CSV.
    Csv,
}

impl Channel {
    /// The channel's name: `shopify`, `etsy` or `csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Shopify => "shopify",
            Channel::Etsy => "etsy",
            Channel::Csv => "csv",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One order as a channel sent it, ready for the engine.
///
/// `new_order` is what `place_order` takes; the rest is what placing it
/// idempotently, updating it and cancelling it need, and what a person at the
/// order desk wants to see (gift messages, personalization, totals).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ChannelOrder {
    /// The channel; `new_order.channel` is its name.
    pub channel: Channel,
    /// The channel's id of the order (Shopify order id, Etsy receipt id, CSV
    /// `order_ref`); `new_order.external_ref` holds the same. With the channel
    /// it is the idempotency key.
    pub external_id: String,
    /// The number a person sees on the channel: `#1041`, the receipt id, the
    /// `order_ref`.
    pub display_ref: String,
    /// The order to place: customer, ship-to, the mapped lines in payload
    /// order, tags and the buyer's note. Its lines may be empty when no line
    /// could be mapped (see [`ChannelOrder::attention`]) or every line was
    /// removed on the channel.
    pub new_order: NewOrder,
    /// Every line of the payload in payload order, mapped or not.
    pub lines: Vec<ChannelLine>,
    /// When the buyer placed the order, in UTC.
    pub created_at: Option<DateTime<Utc>>,
    /// When the channel last changed the order, in UTC. Of two deliveries of
    /// the same order, the one with the later `updated_at` is current.
    pub updated_at: Option<DateTime<Utc>>,
    /// Set when the channel cancelled the order.
    pub cancellation: Option<Cancellation>,
    /// The channel's own payment or order status word, lower-cased
    /// (Shopify `financial_status`, Etsy `status`), for display.
    pub channel_status: Option<String>,
    /// What the channel says has shipped.
    pub fulfillment: Fulfillment,
    /// The currency of every amount in `new_order` and `totals` (Shopify's
    /// shop currency, the Etsy shop's currency, the CSV `currency`).
    pub currency: String,
    /// The currency the buyer paid in, when it differs from `currency`.
    pub presentment_currency: Option<String>,
    /// Order totals in `currency`, when the channel gives them (CSV: computed).
    pub totals: Option<OrderTotals>,
    /// The same totals in `presentment_currency`, when it differs.
    pub presentment_totals: Option<OrderTotals>,
    /// Shipping lines (Shopify only).
    pub shipping_lines: Vec<ShippingLine>,
    /// Gift message and sender, when the order is a gift (Etsy).
    pub gift: Option<Gift>,
    /// Order-level name/value pairs (Shopify `note_attributes`).
    pub attributes: Vec<Property>,
    /// True when the payload named no customer at all and
    /// `new_order.customer.name` is a placeholder.
    pub customer_is_placeholder: bool,
    /// A test order (Shopify `test`).
    pub test: bool,
}

impl ChannelOrder {
    /// Why the order needs a person before it can be fulfilled as sent:
    /// a placeholder customer, and every unmapped line. Empty when none.
    pub fn attention(&self) -> Vec<Attention> {
        let mut out = Vec::new();
        if self.customer_is_placeholder {
            out.push(Attention::PlaceholderCustomer);
        }
        for (i, line) in self.lines.iter().enumerate() {
            if let LineMapping::Unmapped { reason } = &line.mapping {
                out.push(Attention::UnmappedLine {
                    line: i,
                    source: line.source.clone(),
                    title: line.title.clone(),
                    reason: reason.clone(),
                });
            }
        }
        out
    }

    /// Whether the order names no one lotwise could keep a customer record
    /// for: a placeholder name, or a walk-in sale at the till.
    pub fn names_no_one(&self) -> bool {
        self.customer_is_placeholder || self.new_order.customer.name == shopify::WALK_IN
    }

    /// Whether [`ChannelOrder::attention`] is not empty.
    pub fn needs_attention(&self) -> bool {
        self.customer_is_placeholder
            || self
                .lines
                .iter()
                .any(|l| matches!(l.mapping, LineMapping::Unmapped { .. }))
    }

    /// Whether the channel cancelled the order.
    pub fn is_cancelled(&self) -> bool {
        self.cancellation.is_some()
    }
}

/// One line of a channel order, mapped or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ChannelLine {
    /// The channel's id of the line, unique in the order: Shopify line item
    /// id, Etsy transaction id, the CSV `sku`. Diff updates by it.
    pub external_id: String,
    /// Where the line is in the payload: `line_items[2]`, `transactions[0]`,
    /// `results[1].transactions[0]`, `row 4`.
    pub source: String,
    /// The channel's SKU, trimmed; `None` when null or empty.
    pub sku: Option<String>,
    /// Shopify variant id.
    pub variant_id: Option<u64>,
    /// Shopify or Etsy product id.
    pub product_id: Option<u64>,
    /// Etsy listing id.
    pub listing_id: Option<u64>,
    /// Etsy variations (personalization included, property 54).
    pub variations: Vec<Variation>,
    /// Product title as the channel shows it (HTML entities decoded).
    pub title: String,
    /// Variant title (Shopify), e.g. `200 g`.
    pub variant_title: Option<String>,
    /// Quantity ordered, in channel units.
    pub quantity: Decimal,
    /// Quantity still ordered after removals and refunds (Shopify
    /// `current_quantity`; otherwise `quantity`).
    pub current_quantity: Decimal,
    /// Quantity the channel still expects to ship (Shopify
    /// `fulfillable_quantity`, else what its fulfillments leave; Etsy: 0
    /// once the receipt is shipped).
    pub fulfillable_quantity: Option<Decimal>,
    /// Of `quantity`, what the channel settled itself and lotwise must not
    /// ship: fulfilled there, refunded or removed there, or goods that need
    /// no shipping. Placed on the order line as `fulfilled_outside`, in
    /// channel units. Set by the importer.
    #[serde(default)]
    pub fulfilled_outside: Decimal,
    /// Price of one channel unit before discounts, in the order's `currency`.
    pub unit_price: Option<Money>,
    /// The same price in the presentment currency, when it differs.
    pub presentment_unit_price: Option<Money>,
    /// Discount on the whole line (Shopify `discount_allocations`), if any.
    pub discount: Option<Money>,
    /// Name/value pairs the buyer filled in: Shopify line `properties`
    /// (names starting with `_` are hidden by convention), Etsy
    /// personalization.
    pub properties: Vec<Property>,
    /// Whether the line is goods to ship (Shopify `requires_shipping`).
    pub requires_shipping: bool,
    /// The day the channel promised the buyer it would ship (Etsy
    /// `expected_ship_date`, as a UTC date). Also `requested_date` of the line.
    pub ship_by: Option<NaiveDate>,
    /// When the channel marked the line shipped (Etsy `shipped_timestamp`).
    pub shipped_at: Option<DateTime<Utc>>,
    /// What became of the line.
    pub mapping: LineMapping,
}

/// What the importer did with a channel line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineMapping {
    /// Placed as `new_order.lines[index]`.
    Mapped {
        /// Index into `new_order.lines`.
        index: usize,
    },
    /// Not placed: no lotwise item could be identified. The order needs
    /// attention.
    Unmapped {
        /// Why.
        reason: UnmappedReason,
    },
    /// Not placed: nothing of it is left for lotwise to supply (removed,
    /// refunded or fulfilled on the channel, or no shipping needed) and no
    /// item could be identified, so no person needs to look at it.
    Removed,
}

/// Why a line could not be mapped to a lotwise item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum UnmappedReason {
    /// The line has no SKU and none of its channel ids (variant, listing and
    /// variation) is in the SKU map: a custom item or an unfilled SKU.
    MissingSku,
    /// The channel SKU is neither a catalog SKU nor mapped.
    UnknownSku {
        /// The channel's SKU.
        sku: String,
    },
    /// A mapping names an item that is not in the catalog.
    UnknownTarget {
        /// The lotwise SKU the mapping names.
        sku: String,
    },
    /// The item is kept in a unit of mass or volume, so a channel unit is
    /// not simply one of it; only an explicit mapping may say what it is (or
    /// a mapping gave a unit of another dimension than the item's).
    UnitNeeded {
        /// The lotwise SKU.
        sku: String,
        /// The item's base unit.
        uom: Uom,
    },
}

impl UnmappedReason {
    /// Stable snake_case code: `missing_sku`, `unknown_sku`,
    /// `unknown_target`, `unit_needed`.
    pub fn code(&self) -> &'static str {
        match self {
            UnmappedReason::MissingSku => "missing_sku",
            UnmappedReason::UnknownSku { .. } => "unknown_sku",
            UnmappedReason::UnknownTarget { .. } => "unknown_target",
            UnmappedReason::UnitNeeded { .. } => "unit_needed",
        }
    }
}

impl fmt::Display for UnmappedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnmappedReason::MissingSku => {
                f.write_str("no SKU, and none of the line's channel ids is mapped")
            }
            UnmappedReason::UnknownSku { sku } => {
                write!(f, "SKU `{sku}` is neither in the catalog nor mapped")
            }
            UnmappedReason::UnknownTarget { sku } => {
                write!(f, "mapped to `{sku}`, which is not in the catalog")
            }
            UnmappedReason::UnitNeeded { sku, uom } => write!(
                f,
                "item `{sku}` is kept in {uom}; map the listing with the unit one channel unit stands for"
            ),
        }
    }
}

/// One reason an order needs a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Attention {
    /// A line could not be mapped to an item.
    UnmappedLine {
        /// Index into [`ChannelOrder::lines`].
        line: usize,
        /// Where it is in the payload.
        source: String,
        /// Its title.
        title: String,
        /// Why.
        reason: UnmappedReason,
    },
    /// The payload named no customer; the name is a placeholder.
    PlaceholderCustomer,
}

impl Attention {
    /// Stable snake_case code: `unmapped_line` or `placeholder_customer`.
    pub fn code(&self) -> &'static str {
        match self {
            Attention::UnmappedLine { .. } => "unmapped_line",
            Attention::PlaceholderCustomer => "placeholder_customer",
        }
    }
}

impl fmt::Display for Attention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Attention::UnmappedLine {
                source,
                title,
                reason,
                ..
            } => write!(f, "{source} ({title}): {reason}"),
            Attention::PlaceholderCustomer => {
                f.write_str("the payload names no customer (no customer, address name or e-mail)")
            }
        }
    }
}

/// The channel cancelled the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cancellation {
    /// When, if the channel says (Shopify `cancelled_at`).
    pub at: Option<DateTime<Utc>>,
    /// The channel's reason word (Shopify `cancel_reason`), if any.
    pub reason: Option<String>,
}

/// What the channel says has shipped.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Fulfillment {
    /// Overall state.
    pub status: FulfillmentStatus,
    /// Shipments the channel knows of, with tracking.
    pub shipments: Vec<ChannelShipment>,
}

/// How much of an order the channel says has shipped.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FulfillmentStatus {
    /// Nothing (Shopify `null` or `restocked`, Etsy not shipped).
    #[default]
    Unfulfilled,
    /// Some lines or units.
    Partial,
    /// Everything.
    Fulfilled,
}

/// A shipment the channel recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ChannelShipment {
    /// Carrier name as the channel gives it.
    pub carrier: Option<String>,
    /// Tracking number.
    pub tracking: Option<String>,
    /// When it shipped or was announced.
    pub at: Option<DateTime<Utc>>,
}

/// Order totals in one currency, as the channel computed them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrderTotals {
    /// Σ unit price × quantity, before discounts.
    pub items: Money,
    /// Discounts.
    pub discounts: Money,
    /// Shipping charged.
    pub shipping: Money,
    /// Tax charged.
    pub tax: Money,
    /// What the buyer pays: items − discounts + shipping + tax.
    pub total: Money,
}

/// A shipping line of a Shopify order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ShippingLine {
    /// Title shown to the buyer, e.g. `Standard Shipping`.
    pub title: String,
    /// The rate's code, if any.
    pub code: Option<String>,
    /// Price in the order's currency.
    pub price: Money,
    /// Price in the presentment currency, when it differs.
    pub presentment_price: Option<Money>,
}

/// A gift message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Gift {
    /// The message for the recipient.
    pub message: Option<String>,
    /// Who it is from.
    pub sender: Option<String>,
}

/// A name/value pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Property {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
}

impl Property {
    /// Shopify's convention: a property whose name starts with `_` is for the
    /// shop, not shown to the buyer.
    pub fn is_hidden(&self) -> bool {
        self.name.starts_with('_')
    }
}

/// An Etsy variation chosen by the buyer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Variation {
    /// Etsy property id (54 is personalization).
    pub property_id: Option<u64>,
    /// Etsy value id; null for personalization.
    pub value_id: Option<u64>,
    /// Property name as shown (`Size`, or the seller's personalization label).
    pub name: String,
    /// Value as shown (`200 g`, or the buyer's text).
    pub value: String,
}

impl Variation {
    /// Whether this is personalization text rather than a choice of variant.
    pub fn is_personalization(&self) -> bool {
        self.property_id == Some(ETSY_PERSONALIZATION_PROPERTY)
    }
}

/// Maps every line, filling in `mapping` and `fulfilled_outside`, and
/// returns the order lines to place. Every line is placed with what was
/// ordered; what the channel settled itself (fulfilled, refunded, removed,
/// or needing no shipping) is its `fulfilled_outside`, so it creates no
/// demand but stays on the order for the record. A line with nothing left
/// to supply whose item cannot be identified is `Removed`, not a problem.
pub(crate) fn map_lines(
    channel: Channel,
    lines: &mut [ChannelLine],
    map: &SkuMap,
    cancelled: bool,
) -> Vec<crate::domain::order::NewOrderLine> {
    let mut out = Vec::new();
    for line in lines.iter_mut() {
        let qty = line.quantity;
        // A cancelled order keeps what was ordered, all of it still "open":
        // cancelling releases it anyway.
        let open = if cancelled {
            qty
        } else if !line.requires_shipping {
            Decimal::ZERO
        } else {
            line.current_quantity
                .min(line.fulfillable_quantity.unwrap_or(line.current_quantity))
                .max(Decimal::ZERO)
        };
        line.fulfilled_outside = (qty - open).max(Decimal::ZERO);
        line.mapping = match map.resolve(channel, line) {
            Err(_) if open.is_zero() => LineMapping::Removed,
            Ok(target) => {
                let per = target.uom.0;
                // A price per channel unit of `per` is a price per one unit of `per`.
                let unit_price = line.unit_price.as_ref().map(|p| {
                    if per.value == rust_decimal::Decimal::ONE {
                        p.clone()
                    } else {
                        let places = p.minor_units() + crate::domain::money::PRICE_EXTRA_PLACES;
                        crate::domain::money::Money {
                            amount: crate::domain::money::round_places(
                                p.amount / per.value,
                                places,
                            ),
                            currency: p.currency.clone(),
                        }
                    }
                });
                out.push(crate::domain::order::NewOrderLine {
                    sku: target.sku,
                    // Too large a product is refused as too large when the line is placed.
                    qty: crate::domain::quantity::Qty::new(
                        qty.checked_mul(per.value)
                            .unwrap_or(rust_decimal::Decimal::MAX),
                        per.uom,
                    ),
                    unit_price,
                    requested_date: line.ship_by,
                    lot: None,
                    min_remaining_shelf_life_days: None,
                });
                LineMapping::Mapped {
                    index: out.len() - 1,
                }
            }
            Err(reason) => LineMapping::Unmapped { reason },
        };
    }
    out
}

/// Whether every line is goods that need no shipping (a digital
/// download, a service): such an order has no ship-to.
pub(crate) fn ships_nothing(lines: &[ChannelLine]) -> bool {
    lines.iter().all(|l| !l.requires_shipping)
}

/// Rejects a second line with the same external id.
pub(crate) fn check_unique_line_ids(
    channel: Channel,
    lines: &[ChannelLine],
    id_key: &str,
) -> crate::error::Result<()> {
    let mut seen = std::collections::HashSet::with_capacity(lines.len());
    for line in lines {
        if !seen.insert(line.external_id.as_str()) {
            return Err(json::invalid(
                channel,
                &format!("{}.{id_key}", line.source),
                format!("duplicate line id {}", line.external_id),
            ));
        }
    }
    Ok(())
}
