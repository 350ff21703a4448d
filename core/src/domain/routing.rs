//! Order routing: from which location(s) an order ships.
//!
//! A rule is a priority list of internal locations. The whole order ships
//! from the first location that can ship all of it; when none can and the
//! rule allows splitting, each location in priority order ships what it
//! can of what is left. The result names the location(s) and says why.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Key of the rule used when a channel has none of its own.
pub const DEFAULT_RULE: &str = "*";

/// A routing rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoutingRule {
    /// The channel it applies to; `None` for the default rule.
    #[serde(default)]
    pub channel: Option<String>,
    /// Internal locations, most preferred first.
    pub locations: Vec<String>,
    /// Whether an order may ship from several locations.
    #[serde(default)]
    pub allow_split: bool,
}

impl RoutingRule {
    /// The record key: the channel, or [`DEFAULT_RULE`].
    pub fn key(&self) -> &str {
        self.channel.as_deref().unwrap_or(DEFAULT_RULE)
    }

    /// Checks the list itself (not whether the locations exist).
    pub fn validate(&self) -> Result<()> {
        if self.locations.is_empty() {
            return Err(Error::invalid_input(
                "locations",
                "[]",
                "a routing rule needs at least one location",
            ));
        }
        for (i, l) in self.locations.iter().enumerate() {
            if self.locations[..i].contains(l) {
                return Err(Error::invalid_input(
                    "locations",
                    l,
                    "a location is listed twice",
                ));
            }
        }
        Ok(())
    }
}

/// An open order line to route: what is still to ship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RouteLine {
    /// Order line number.
    pub line: u32,
    /// Item.
    pub sku: String,
    /// Quantity, base unit.
    pub qty: Decimal,
}

/// What one location could do for the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LocationCheck {
    /// Location.
    pub location: String,
    /// Position in the rule, from 1.
    pub priority: u32,
    /// Whether it alone can ship the whole order.
    pub can_ship_all: bool,
    /// What it lacks for that, per line.
    pub missing: Vec<RouteLine>,
}

/// The part of an order one location ships.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RouteLeg {
    /// Location.
    pub location: String,
    /// Lines (or parts of lines) it ships.
    pub lines: Vec<RouteLine>,
}

/// Where an order ships from, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Routing {
    /// Sales order.
    pub order: String,
    /// Key of the rule used.
    pub rule: String,
    /// One leg per location used, in priority order.
    pub legs: Vec<RouteLeg>,
    /// More than one location ships.
    pub split: bool,
    /// Every location of the rule, checked.
    pub checks: Vec<LocationCheck>,
    /// Why, for a person.
    pub explanation: String,
}

/// Stock each location can give the order: (location, sku) → quantity.
pub type Supply = BTreeMap<(String, String), Decimal>;

/// Routes `lines` of `order` under `rule` with `supply` per location.
/// `no_shipping_location` when no location (or, with splitting, no
/// combination) can ship everything.
pub fn route(
    order: &str,
    lines: &[RouteLine],
    rule: &RoutingRule,
    supply: &Supply,
) -> Result<Routing> {
    rule.validate()?;
    let checks: Vec<LocationCheck> = rule
        .locations
        .iter()
        .enumerate()
        .map(|(i, loc)| {
            let missing = shortfall(loc, lines, supply);
            LocationCheck {
                location: loc.clone(),
                priority: u32::try_from(i + 1).unwrap_or(u32::MAX),
                can_ship_all: missing.is_empty(),
                missing,
            }
        })
        .collect();
    let base = |legs: Vec<RouteLeg>, explanation: String| Routing {
        order: order.into(),
        rule: rule.key().into(),
        split: legs.len() > 1,
        legs,
        checks: checks.clone(),
        explanation,
    };
    if let Some(first) = checks.iter().find(|c| c.can_ship_all) {
        let skipped: Vec<String> = checks
            .iter()
            .take_while(|c| !c.can_ship_all)
            .map(|c| format!("{} lacks {}", c.location, describe(&c.missing)))
            .collect();
        let mut why = format!(
            "{} (priority {}) can ship the whole order",
            first.location, first.priority
        );
        if !skipped.is_empty() {
            why = format!("{}; {why}", skipped.join("; "));
        }
        let leg = RouteLeg {
            location: first.location.clone(),
            lines: lines
                .iter()
                .filter(|l| l.qty > Decimal::ZERO)
                .cloned()
                .collect(),
        };
        return Ok(base(vec![leg], why));
    }
    let lacks: Vec<String> = checks
        .iter()
        .map(|c| format!("{} lacks {}", c.location, describe(&c.missing)))
        .collect();
    if !rule.allow_split {
        return Err(Error::NoShippingLocation {
            order: order.into(),
            reason: format!(
                "no single location can ship the whole order and splitting is not allowed: {}",
                lacks.join("; ")
            ),
        });
    }
    let mut left: Vec<RouteLine> = lines.to_vec();
    let mut legs = Vec::new();
    for loc in &rule.locations {
        let mut have: BTreeMap<&str, Decimal> = BTreeMap::new();
        let mut leg = RouteLeg {
            location: loc.clone(),
            lines: Vec::new(),
        };
        for l in left.iter_mut().filter(|l| l.qty > Decimal::ZERO) {
            let free = have.entry(l.sku.as_str()).or_insert_with(|| {
                supply
                    .get(&(loc.clone(), l.sku.clone()))
                    .copied()
                    .unwrap_or_default()
            });
            let take = l.qty.min(*free);
            if take > Decimal::ZERO {
                *free -= take;
                l.qty -= take;
                leg.lines.push(RouteLine {
                    line: l.line,
                    sku: l.sku.clone(),
                    qty: take,
                });
            }
        }
        if !leg.lines.is_empty() {
            legs.push(leg);
        }
    }
    let still: Vec<RouteLine> = left.into_iter().filter(|l| l.qty > Decimal::ZERO).collect();
    if !still.is_empty() {
        return Err(Error::NoShippingLocation {
            order: order.into(),
            reason: format!("all locations together still lack {}", describe(&still)),
        });
    }
    let used: Vec<&str> = legs.iter().map(|l| l.location.as_str()).collect();
    let why = format!(
        "no single location can ship the whole order ({}); split over {} in priority order",
        lacks.join("; "),
        used.join(", ")
    );
    Ok(base(legs, why))
}

/// What `location` lacks to ship every line (lines of one SKU share its stock).
fn shortfall(location: &str, lines: &[RouteLine], supply: &Supply) -> Vec<RouteLine> {
    let mut have: BTreeMap<&str, Decimal> = BTreeMap::new();
    let mut missing = Vec::new();
    for l in lines.iter().filter(|l| l.qty > Decimal::ZERO) {
        let free = have.entry(l.sku.as_str()).or_insert_with(|| {
            supply
                .get(&(location.to_string(), l.sku.clone()))
                .copied()
                .unwrap_or_default()
        });
        let take = l.qty.min(*free);
        *free -= take;
        if take < l.qty {
            missing.push(RouteLine {
                line: l.line,
                sku: l.sku.clone(),
                qty: l.qty - take,
            });
        }
    }
    missing
}

fn describe(lines: &[RouteLine]) -> String {
    lines
        .iter()
        .map(|l| format!("{} {} (line {})", l.qty.normalize(), l.sku, l.line))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(split: bool) -> RoutingRule {
        RoutingRule {
            channel: None,
            locations: vec!["STORE".into(), "MAIN".into()],
            allow_split: split,
        }
    }

    fn line(line: u32, sku: &str, qty: i64) -> RouteLine {
        RouteLine {
            line,
            sku: sku.into(),
            qty: qty.into(),
        }
    }

    fn supply(rows: &[(&str, &str, i64)]) -> Supply {
        rows.iter()
            .map(|(l, s, q)| ((l.to_string(), s.to_string()), Decimal::from(*q)))
            .collect()
    }

    #[test]
    fn whole_order_from_the_first_location_that_has_everything() {
        let lines = [line(1, "A", 2), line(2, "B", 1)];
        let s = supply(&[("STORE", "A", 5), ("MAIN", "A", 9), ("MAIN", "B", 9)]);
        let r = route("SO-1", &lines, &rule(true), &s).unwrap();
        assert_eq!(r.legs.len(), 1);
        assert_eq!(r.legs[0].location, "MAIN");
        assert!(!r.split);
        assert!(
            r.explanation.starts_with("STORE lacks 1 B (line 2)"),
            "{}",
            r.explanation
        );
    }

    #[test]
    fn lines_of_one_sku_share_a_location_stock() {
        let lines = [line(1, "A", 3), line(2, "A", 3)];
        let s = supply(&[("STORE", "A", 5), ("MAIN", "A", 1)]);
        let e = route("SO-1", &lines, &rule(false), &s).unwrap_err();
        assert_eq!(e.code(), "no_shipping_location");
        let r = route("SO-1", &lines, &rule(true), &s).unwrap();
        assert!(r.split);
        assert_eq!(r.legs[0].lines, vec![line(1, "A", 3), line(2, "A", 2)]);
        assert_eq!(r.legs[1].lines, vec![line(2, "A", 1)]);
    }

    #[test]
    fn split_that_still_falls_short_is_an_error() {
        let lines = [line(1, "A", 3)];
        let s = supply(&[("STORE", "A", 1), ("MAIN", "A", 1)]);
        let e = route("SO-1", &lines, &rule(true), &s).unwrap_err();
        assert!(
            matches!(e, Error::NoShippingLocation { ref reason, .. } if reason.contains("1 A"))
        );
    }
}
