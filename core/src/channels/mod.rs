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
mod line_mapping;
mod order;
pub mod shopify;
mod sku_map;

use std::fmt;

use serde::{Deserialize, Serialize};

#[cfg(doc)]
use crate::domain::order::NewOrder;
#[cfg(doc)]
use crate::error::Error;

pub(crate) use address::AddressParts;
pub(crate) use line_mapping::map_lines;
pub use line_mapping::{LineMapping, UnmappedReason};
pub use order::{
    Attention, Cancellation, ChannelLine, ChannelOrder, ChannelShipment, Fulfillment,
    FulfillmentStatus, Gift, OrderTotals, Property, ShippingLine, Variation,
};
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
