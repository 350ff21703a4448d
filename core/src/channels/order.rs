//! An imported order as the engine receives it: [`ChannelOrder`], its
//! [`ChannelLine`]s, why it may need a person ([`Attention`]), and what else
//! the channel sent (cancellation, fulfillment, totals, shipping lines,
//! gift message, properties, variations).

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{shopify, Channel, LineMapping, UnmappedReason, ETSY_PERSONALIZATION_PROPERTY};
use crate::domain::money::Money;
use crate::domain::order::NewOrder;

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
