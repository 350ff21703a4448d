//! Which lotwise item a channel line is: from the catalog's SKUs and the
//! mappings a maker declared for channel identifiers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Channel, ChannelLine, UnmappedReason};
use crate::domain::catalog::Item;
use crate::domain::quantity::{Dimension, Uom};

/// The lotwise item a channel line stands for, and what one channel unit of
/// it is: one `uom` of `sku` (a candle is `1 pcs`; a listing sold by the
/// kilogram is `1 kg`). A pack of several is best made its own product with a
/// recipe, so prices stay exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SkuTarget {
    /// lotwise SKU.
    pub sku: String,
    /// The unit one channel unit is one of; `pcs` when absent.
    #[serde(default = "pieces")]
    pub uom: Uom,
}

/// A channel unit is one piece unless a mapping says otherwise.
fn pieces() -> Uom {
    Uom::Pcs
}

impl SkuTarget {
    /// `sku` sold by the piece.
    pub fn pieces(sku: &str) -> Self {
        SkuTarget {
            sku: sku.to_string(),
            uom: Uom::Pcs,
        }
    }
}

/// Maps channel identifiers to lotwise items. Importers consult it; a line it
/// cannot map is reported with the reason, never dropped or guessed.
///
/// A line is resolved by the most specific identifier that is mapped:
/// 1. Shopify variant id, or Etsy listing id + the value ids of its chosen
///    variations (personalization excluded), then the listing id alone;
/// 2. the channel SKU mapped for that channel;
/// 3. the channel SKU equal to a catalog SKU. Shopify and Etsy sell pieces,
///    so this holds only for items counted in pieces; an item kept in grams
///    or millilitres needs an explicit mapping that says the unit. The CSV
///    gives quantities in the item's base unit, so any catalog item maps.
///
/// Mappings must point at catalog items ([`SkuMap::add_item`],
/// [`SkuMap::from_items`]); a line mapped to anything else is unmapped.
///
/// ```
/// use lotwise::channels::{SkuMap, SkuTarget, Channel};
/// use lotwise::Uom;
/// let mut map = SkuMap::new();
/// map.add_item("CANDLE-LAV-200", Uom::Pcs)
///     .add_item("MELT-SEASONAL", Uom::Pcs)
///     .add_item("CANDLE-LAV-200-WOOD", Uom::Pcs)
///     .map_shopify_variant(44612938219362, SkuTarget::pieces("MELT-SEASONAL"))
///     .map_sku(Channel::Etsy, "LAV-CANDLE", SkuTarget::pieces("CANDLE-LAV-200"))
///     .map_etsy_listing(1583346621, &[1273829145611], SkuTarget::pieces("CANDLE-LAV-200-WOOD"));
/// assert!(map.contains_item("CANDLE-LAV-200"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkuMap {
    /// Catalog SKU → the item's base unit.
    catalog: BTreeMap<String, Uom>,
    /// (channel, channel SKU) → item.
    skus: BTreeMap<(Channel, String), SkuTarget>,
    /// Shopify variant id → item.
    shopify_variants: BTreeMap<u64, SkuTarget>,
    /// (Etsy listing id, sorted variation value ids) → item.
    etsy_listings: BTreeMap<(u64, Vec<u64>), SkuTarget>,
}

impl SkuMap {
    /// An empty map: nothing maps.
    pub fn new() -> Self {
        SkuMap::default()
    }

    /// A map that knows every catalog item (e.g. `Lotwise::items()`).
    pub fn from_items<'a>(items: impl IntoIterator<Item = &'a Item>) -> Self {
        let mut map = SkuMap::new();
        for item in items {
            map.add_item(&item.sku, item.uom);
        }
        map
    }

    /// Adds a catalog item with its base unit.
    pub fn add_item(&mut self, sku: &str, base_uom: Uom) -> &mut Self {
        self.catalog.insert(sku.to_string(), base_uom.base());
        self
    }

    /// Whether `sku` is a catalog item.
    pub fn contains_item(&self, sku: &str) -> bool {
        self.catalog.contains_key(sku)
    }

    /// Maps a channel's SKU (which may differ from lotwise's) to an item.
    pub fn map_sku(&mut self, channel: Channel, channel_sku: &str, target: SkuTarget) -> &mut Self {
        self.skus
            .insert((channel, channel_sku.trim().to_string()), target);
        self
    }

    /// Maps a Shopify variant id to an item.
    pub fn map_shopify_variant(&mut self, variant_id: u64, target: SkuTarget) -> &mut Self {
        self.shopify_variants.insert(variant_id, target);
        self
    }

    /// Maps an Etsy listing to an item: with `value_ids` empty, every
    /// variation of the listing; otherwise exactly those chosen variation
    /// values (in any order).
    pub fn map_etsy_listing(
        &mut self,
        listing_id: u64,
        value_ids: &[u64],
        target: SkuTarget,
    ) -> &mut Self {
        let mut values = value_ids.to_vec();
        values.sort_unstable();
        values.dedup();
        self.etsy_listings.insert((listing_id, values), target);
        self
    }

    /// The item a line of `channel` stands for, or why there is none. The
    /// engine may call it again on stored lines once a mapping was added.
    /// A mapping must name a catalog item measured like its unit, so a stale
    /// mapping flags the line instead of failing the whole order.
    pub fn resolve(
        &self,
        channel: Channel,
        line: &ChannelLine,
    ) -> Result<SkuTarget, UnmappedReason> {
        let target = self.lookup(channel, line)?;
        match self.catalog.get(&target.sku) {
            None => Err(UnmappedReason::UnknownTarget { sku: target.sku }),
            Some(&base) if base.dimension() != target.uom.dimension() => {
                Err(UnmappedReason::UnitNeeded {
                    sku: target.sku,
                    uom: base,
                })
            }
            Some(_) => Ok(target),
        }
    }

    /// The mapping or catalog item for the line, not yet checked.
    fn lookup(&self, channel: Channel, line: &ChannelLine) -> Result<SkuTarget, UnmappedReason> {
        if let Some(target) = self.by_channel_id(channel, line) {
            return Ok(target.clone());
        }
        let Some(sku) = line.sku.as_deref() else {
            return Err(UnmappedReason::MissingSku);
        };
        if let Some(target) = self.skus.get(&(channel, sku.to_string())) {
            return Ok(target.clone());
        }
        match self.catalog.get(sku) {
            Some(&uom) if channel == Channel::Csv || uom.dimension() == Dimension::Count => {
                Ok(SkuTarget {
                    sku: sku.to_string(),
                    uom,
                })
            }
            Some(&uom) => Err(UnmappedReason::UnitNeeded {
                sku: sku.to_string(),
                uom,
            }),
            None => Err(UnmappedReason::UnknownSku {
                sku: sku.to_string(),
            }),
        }
    }

    /// The mapping of the line's variant or listing, if any.
    fn by_channel_id(&self, channel: Channel, line: &ChannelLine) -> Option<&SkuTarget> {
        match channel {
            Channel::Shopify => line
                .variant_id
                .and_then(|id| self.shopify_variants.get(&id)),
            Channel::Etsy => {
                let listing = line.listing_id?;
                let mut values: Vec<u64> = line
                    .variations
                    .iter()
                    .filter(|v| !v.is_personalization())
                    .filter_map(|v| v.value_id)
                    .collect();
                values.sort_unstable();
                values.dedup();
                self.etsy_listings
                    .get(&(listing, values))
                    .or_else(|| self.etsy_listings.get(&(listing, Vec::new())))
            }
            Channel::Csv => None,
        }
    }
}

/// Mappings a caller adds to the catalog's own SKUs (every catalog SKU maps
/// to itself, sold in its base unit), as the command layer takes them.
///
/// ```
/// use lotwise::channels::{Channel, SkuMap, SkuMappings, SkuTarget};
/// let mut mappings = SkuMappings::default();
/// mappings.skus.insert("LAV-CANDLE".into(), SkuTarget::pieces("CANDLE-LAV"));
/// let mut map = SkuMap::new();
/// mappings.apply(Channel::Csv, &mut map);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SkuMappings {
    /// Channel SKU → item.
    pub skus: BTreeMap<String, SkuTarget>,
    /// Shopify variant id or Etsy listing id (every variation) → item; a CSV
    /// names SKUs only, so ids do not apply to it.
    pub ids: BTreeMap<u64, SkuTarget>,
}

impl SkuMappings {
    /// Adds these mappings to `map` for `channel`.
    pub fn apply(&self, channel: Channel, map: &mut SkuMap) {
        for (channel_sku, target) in &self.skus {
            map.map_sku(channel, channel_sku, target.clone());
        }
        for (id, target) in &self.ids {
            match channel {
                Channel::Shopify => map.map_shopify_variant(*id, target.clone()),
                Channel::Etsy => map.map_etsy_listing(*id, &[], target.clone()),
                Channel::Csv => map,
            };
        }
    }
}
