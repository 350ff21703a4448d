//! What became of each channel line: [`LineMapping`], the
//! [`UnmappedReason`] of a line no item could be found for, and
//! `map_lines`, which maps every line and builds the order lines to place.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Channel, ChannelLine, SkuMap};
use crate::domain::quantity::Uom;

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
