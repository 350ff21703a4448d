//! Which lotwise item a channel line is: from the catalog's SKUs and the
//! mappings a maker declared for channel identifiers.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Channel, ChannelLine, UnmappedReason};
use crate::domain::catalog::Item;
use crate::domain::quantity::{Dimension, Qty, Uom};
use crate::domain::units::{PackName, Unit};

/// What one channel unit of an item is: a quantity of it, written as a unit
/// (`"pcs"`, `"kg"`, a pack unit of the item such as `"box"`: one of it) or
/// as a quantity (`"2 box"`, `"500 g"`, `"6 pcs"`). Refused when built if it
/// is not a positive quantity in a unit's syntax (`"box of 12"` is
/// `unknown_unit`); whether a pack is the item's is checked at import.
///
/// ```
/// use lotwise::channels::ChannelUnit;
/// let two_boxes: ChannelUnit = "2 box".parse().unwrap();
/// assert_eq!(two_boxes.to_string(), "2 box");
/// assert_eq!("kg".parse::<ChannelUnit>().unwrap().to_string(), "kg");
/// assert_eq!("box of 12".parse::<ChannelUnit>().unwrap_err().code(), "unknown_unit");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelUnit(pub Qty);

impl ChannelUnit {
    /// One piece.
    pub fn piece() -> Self {
        ChannelUnit(Qty::new(Decimal::ONE, Uom::Pcs))
    }

    /// One of `unit`.
    pub fn one(unit: impl Into<Unit>) -> Self {
        ChannelUnit(Qty::new(Decimal::ONE, unit))
    }
}

impl std::str::FromStr for ChannelUnit {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        let t = s.trim();
        let q = if t.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-') {
            t.parse::<Qty>()?
        } else {
            Qty::new(Decimal::ONE, t.parse::<Unit>()?)
        };
        if q.value <= Decimal::ZERO {
            return Err(crate::Error::invalid_qty(
                "uom",
                s,
                "one channel unit must be more than zero",
            ));
        }
        Ok(ChannelUnit(q))
    }
}

impl std::fmt::Display for ChannelUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.value == Decimal::ONE {
            write!(f, "{}", self.0.uom)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl Serialize for ChannelUnit {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ChannelUnit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|e| {
            crate::error::remember_parse_error(&e);
            serde::de::Error::custom(e)
        })
    }
}

impl schemars::JsonSchema for ChannelUnit {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ChannelUnit".into()
    }

    // A plain string in every binding.
    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "What one channel unit of the item is: a unit (`\"pcs\"`, `\"kg\"`, a pack unit of the item such as `\"box\"`: one of it) or a quantity (`\"2 box\"`, `\"500 g\"`)."
        })
    }
}

/// The lotwise item a channel line stands for, and what one channel unit of
/// it is: `uom` of `sku` (a candle is `1 pcs`; a listing sold by the
/// kilogram is `1 kg`; a gift set of two boxes of bars is `2 box`). A
/// channel quantity of 3 of a `2 box` target orders `6 box`; the channel's
/// price per unit becomes a price per box (divided by 2, kept to the
/// currency's minor unit plus four places, half away from zero).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SkuTarget {
    /// lotwise SKU.
    pub sku: String,
    /// What one channel unit is (`"pcs"`, `"kg"`, `"box"`, `"2 box"`); one piece when absent.
    #[serde(default = "ChannelUnit::piece")]
    pub uom: ChannelUnit,
}

impl SkuTarget {
    /// `sku` sold by the piece.
    pub fn pieces(sku: &str) -> Self {
        SkuTarget {
            sku: sku.to_string(),
            uom: ChannelUnit::piece(),
        }
    }

    /// `sku`, one channel unit being `per` of it (`"2 box"`, `"kg"`).
    pub fn per(sku: &str, per: ChannelUnit) -> Self {
        SkuTarget {
            sku: sku.to_string(),
            uom: per,
        }
    }
}

/// What the map knows of a catalog item: its base unit and pack names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Known {
    uom: Uom,
    packs: Vec<PackName>,
}

impl Known {
    /// Whether a quantity of this item may be written in `unit`.
    fn takes(&self, unit: Unit) -> bool {
        match unit {
            Unit::Std(u) => u.dimension() == self.uom.dimension(),
            Unit::Pack(p) => self
                .packs
                .iter()
                .any(|n| *n == p || p.singulars().any(|s| s == *n)),
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
    /// Catalog SKU → the item's base unit and pack units.
    catalog: BTreeMap<String, Known>,
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
            map.add_catalog_item(item);
        }
        map
    }

    /// Adds a catalog item with its base unit (and no pack units).
    pub fn add_item(&mut self, sku: &str, base_uom: Uom) -> &mut Self {
        self.catalog.insert(
            sku.to_string(),
            Known {
                uom: base_uom.base(),
                packs: Vec::new(),
            },
        );
        self
    }

    /// Adds a catalog item with its base unit and pack units, so a mapping
    /// may sell it by the pack (`"2 box"`).
    pub fn add_catalog_item(&mut self, item: &Item) -> &mut Self {
        self.catalog.insert(
            item.sku.clone(),
            Known {
                uom: item.uom.base(),
                packs: item.packs.iter().map(|p| p.name).collect(),
            },
        );
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
            Some(known) if !known.takes(target.uom.0.uom) => Err(UnmappedReason::UnitNeeded {
                sku: target.sku,
                uom: known.uom,
            }),
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
        match self.catalog.get(sku).map(|k| k.uom) {
            Some(uom) if channel == Channel::Csv || uom.dimension() == Dimension::Count => {
                Ok(SkuTarget::per(sku, ChannelUnit::one(uom)))
            }
            Some(uom) => Err(UnmappedReason::UnitNeeded {
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
