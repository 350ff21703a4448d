//! Records as the memory store keeps them: their ids and codes inline
//! ([`Key`]) rather than each in its own heap block.
//!
//! With tens of thousands of orders the store outgrows the CPU's caches,
//! and a record read back is fetched from memory: one fetch for the record,
//! then one more for every string it points to, each waiting on the first.
//! Kept packed, a record is its own few cache lines; reading one builds the
//! domain record from memory just touched.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::state::DemandKey;
use super::{text, Key};
use crate::domain::automation::OrderHold;
use crate::domain::delay::OrderDelay;
use crate::domain::lot::{Lot, LotHold, LotOrigin};
use crate::domain::money::Money;
use crate::domain::order::{Address, Customer, LinePlan, OrderLine, OrderStatus, SalesOrder};
use crate::domain::production::{
    Allocation, Consumption, Feed, ManufacturingOrder, MoStatus, Output,
};
use crate::domain::quantity::Qty;
use crate::domain::recipe::Requirement;
use crate::domain::reservation::{Demand, Reservation};
use crate::store::FreeLot;

/// A [`Reservation`], packed (see the module's documentation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct PackedReservation {
    pub(super) sku: Key,
    pub(super) lot: Key,
    pub(super) location: Key,
    pub(super) qty: Decimal,
    pub(super) demand: DemandKey,
    pub(super) at: DateTime<Utc>,
}

impl PackedReservation {
    /// Packs `r` (its id is the key it is stored under).
    pub(super) fn of(r: &Reservation) -> Self {
        let Reservation {
            id: _,
            sku,
            lot,
            location,
            qty,
            demand,
            at,
        } = r;
        PackedReservation {
            sku: Key::new(sku),
            lot: Key::new(lot),
            location: Key::new(location),
            qty: *qty,
            demand: DemandKey::from(demand),
            at: *at,
        }
    }

    /// The reservation stored under `id`.
    pub(super) fn unpack(&self, id: u64) -> Reservation {
        Reservation {
            id,
            sku: text(&self.sku),
            lot: text(&self.lot),
            location: text(&self.location),
            qty: self.qty,
            demand: Demand::from(&self.demand),
            at: self.at,
        }
    }
}

/// Where a [`PackedLot`] came from ([`LotOrigin`], its batch id inline).
#[derive(Clone, Debug, PartialEq, Eq)]
enum PackedOrigin {
    Receipt,
    Production(Key),
    Adjustment,
}

/// A [`Lot`], packed (see the module's documentation). A hold keeps its
/// notes as they are: few lots are ever held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct PackedLot {
    pub(super) code: Key,
    pub(super) sku: Key,
    expiry: Option<NaiveDate>,
    origin: PackedOrigin,
    supplier_lot_ref: Option<Key>,
    created_at: DateTime<Utc>,
    /// The unit cost's amount and currency.
    unit_cost: Option<(Decimal, Key)>,
    hold: Option<LotHold>,
}

impl PackedLot {
    /// Packs `lot`.
    pub(super) fn of(lot: &Lot) -> Self {
        let Lot {
            code,
            sku,
            expiry,
            origin,
            supplier_lot_ref,
            created_at,
            unit_cost,
            hold,
        } = lot;
        PackedLot {
            code: Key::new(code),
            sku: Key::new(sku),
            expiry: *expiry,
            origin: match origin {
                LotOrigin::Receipt => PackedOrigin::Receipt,
                LotOrigin::Production { mo } => PackedOrigin::Production(Key::new(mo)),
                LotOrigin::Adjustment => PackedOrigin::Adjustment,
            },
            supplier_lot_ref: supplier_lot_ref.as_deref().map(Key::new),
            created_at: *created_at,
            unit_cost: (unit_cost.as_ref()).map(|m| (m.amount, Key::new(&m.currency))),
            hold: hold.clone(),
        }
    }

    /// The lot.
    pub(super) fn unpack(&self) -> Lot {
        Lot {
            code: text(&self.code),
            sku: text(&self.sku),
            expiry: self.expiry,
            origin: match &self.origin {
                PackedOrigin::Receipt => LotOrigin::Receipt,
                PackedOrigin::Production(mo) => LotOrigin::Production { mo: text(mo) },
                PackedOrigin::Adjustment => LotOrigin::Adjustment,
            },
            supplier_lot_ref: self.supplier_lot_ref.as_ref().map(text),
            created_at: self.created_at,
            unit_cost: (self.unit_cost.as_ref()).map(|(amount, currency)| Money {
                amount: *amount,
                currency: text(currency),
            }),
            hold: self.hold.clone(),
        }
    }

    /// `free` of the lot free at `location`, as reserving reads it.
    pub(super) fn free_at(&self, location: &str, free: Decimal) -> FreeLot {
        FreeLot::new(
            text(&self.code),
            location.to_string(),
            free,
            self.expiry,
            self.created_at,
            self.hold.is_some(),
        )
    }
}

/// A [`SalesOrder`], packed (see the module's documentation). What every
/// command reads of an order (its id, status, customer's name and e-mail,
/// and its lines) is inline; the rest, often empty, sits in one block of
/// its own, so the record a command fetches is a few cache lines, not the
/// 600 bytes of a `SalesOrder` and the strings it points to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct PackedOrder {
    pub(super) id: Key,
    pub(super) channel: Key,
    pub(super) external_ref: Option<Key>,
    customer_name: Key,
    customer_email: Option<Key>,
    customer_id: Option<Key>,
    pub(super) status: OrderStatus,
    pub(super) placed_at: DateTime<Utc>,
    confirmed_at: Option<DateTime<Utc>>,
    cancelled_at: Option<DateTime<Utc>>,
    lines: Box<[PackedLine]>,
    /// Everything else, when any of it is set.
    rest: Option<Box<OrderRest>>,
}

/// What a [`PackedOrder`] keeps out of line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct OrderRest {
    customer_external_id: Option<String>,
    customer_phone: Option<String>,
    ship_to: Option<Address>,
    tags: Vec<String>,
    notes: Option<String>,
    attention: Vec<String>,
    hold: Option<OrderHold>,
    ship_from: Option<String>,
    delay: Option<OrderDelay>,
}

/// An [`OrderLine`], packed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PackedLine {
    line: u32,
    sku: Key,
    qty: Qty,
    /// The unit price's amount and currency.
    unit_price: Option<(Decimal, Key)>,
    requested_date: Option<NaiveDate>,
    promised_date: Option<NaiveDate>,
    lot: Option<Key>,
    min_remaining_shelf_life_days: Option<u32>,
    shipped: Decimal,
    fulfilled_outside: Decimal,
    cancelled: Decimal,
}

impl PackedOrder {
    /// Packs `order`, taking its parts kept out of line as they are.
    pub(super) fn of(order: SalesOrder) -> Self {
        let SalesOrder {
            id,
            channel,
            external_ref,
            customer,
            ship_to,
            lines,
            tags,
            notes,
            attention,
            status,
            placed_at,
            confirmed_at,
            cancelled_at,
            hold,
            ship_from,
            delay,
        } = order;
        let Customer {
            name,
            email,
            id: customer_id,
            external_id,
            phone,
        } = customer;
        let rest = OrderRest {
            customer_external_id: external_id,
            customer_phone: phone,
            ship_to,
            tags,
            notes,
            attention,
            hold,
            ship_from,
            delay,
        };
        PackedOrder {
            id: Key::from(id),
            channel: Key::from(channel),
            external_ref: external_ref.map(Key::from),
            customer_name: Key::from(name),
            customer_email: email.map(Key::from),
            customer_id: customer_id.map(Key::from),
            status,
            placed_at,
            confirmed_at,
            cancelled_at,
            lines: lines.iter().map(PackedLine::of).collect(),
            rest: (rest != OrderRest::default()).then(|| Box::new(rest)),
        }
    }

    /// The order.
    pub(super) fn unpack(&self) -> SalesOrder {
        let rest = self.rest.as_deref();
        let part = |pick: fn(&OrderRest) -> Option<String>| rest.and_then(pick);
        SalesOrder {
            id: text(&self.id),
            channel: text(&self.channel),
            external_ref: self.external_ref.as_ref().map(text),
            customer: Customer {
                name: text(&self.customer_name),
                email: self.customer_email.as_ref().map(text),
                id: self.customer_id.as_ref().map(text),
                external_id: part(|r| r.customer_external_id.clone()),
                phone: part(|r| r.customer_phone.clone()),
            },
            ship_to: rest.and_then(|r| r.ship_to.clone()),
            lines: self.lines.iter().map(PackedLine::unpack).collect(),
            tags: rest.map(|r| r.tags.clone()).unwrap_or_default(),
            notes: part(|r| r.notes.clone()),
            attention: rest.map(|r| r.attention.clone()).unwrap_or_default(),
            status: self.status,
            placed_at: self.placed_at,
            confirmed_at: self.confirmed_at,
            cancelled_at: self.cancelled_at,
            hold: rest.and_then(|r| r.hold.clone()),
            ship_from: part(|r| r.ship_from.clone()),
            delay: rest.and_then(|r| r.delay.clone()),
        }
    }

    /// The SKUs the order may wait for (see [`SalesOrder::awaited_skus`]).
    pub(super) fn awaited_skus(&self) -> BTreeSet<&str> {
        if !SalesOrder::WAITING.contains(&self.status) {
            return BTreeSet::new();
        }
        self.lines.iter().map(|l| l.sku.as_str()).collect()
    }
}

impl PackedLine {
    fn of(line: &OrderLine) -> Self {
        let OrderLine {
            line,
            sku,
            qty,
            unit_price,
            requested_date,
            promised_date,
            lot,
            min_remaining_shelf_life_days,
            shipped,
            fulfilled_outside,
            cancelled,
        } = line;
        PackedLine {
            line: *line,
            sku: Key::new(sku),
            qty: *qty,
            unit_price: (unit_price.as_ref()).map(|m| (m.amount, Key::new(&m.currency))),
            requested_date: *requested_date,
            promised_date: *promised_date,
            lot: lot.as_deref().map(Key::new),
            min_remaining_shelf_life_days: *min_remaining_shelf_life_days,
            shipped: *shipped,
            fulfilled_outside: *fulfilled_outside,
            cancelled: *cancelled,
        }
    }

    fn unpack(&self) -> OrderLine {
        OrderLine {
            line: self.line,
            sku: text(&self.sku),
            qty: self.qty,
            unit_price: (self.unit_price.as_ref()).map(|(amount, currency)| Money {
                amount: *amount,
                currency: text(currency),
            }),
            requested_date: self.requested_date,
            promised_date: self.promised_date,
            lot: self.lot.as_ref().map(text),
            min_remaining_shelf_life_days: self.min_remaining_shelf_life_days,
            shipped: self.shipped,
            fulfilled_outside: self.fulfilled_outside,
            cancelled: self.cancelled,
        }
    }
}

/// A [`ManufacturingOrder`], packed (see the module's documentation): its
/// requirements, allocations, feeds and consumption each one block of
/// inline entries, where a batch of five inputs otherwise points to a dozen
/// strings. It also keeps what the indexes file it under, worked out by the
/// domain's own rules when it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct PackedMo {
    pub(super) id: Key,
    pub(super) product: Key,
    qty: Decimal,
    recipe_version: u32,
    pub(super) status: MoStatus,
    parent_mo: Option<Key>,
    /// Each input's SKU and quantity.
    requirements: Box<[(Key, Decimal)]>,
    allocations: Box<[PackedAllocation]>,
    /// Each consuming batch's id, and what it was promised and got.
    feeds: Box<[(Key, Decimal, Decimal)]>,
    fed_by: Box<[Key]>,
    /// Each input lot's SKU, code and the quantity consumed.
    consumed: Box<[(Key, Key, Decimal)]>,
    output: Option<PackedOutput>,
    created_at: DateTime<Utc>,
    started_at: Option<DateTime<Utc>>,
    finished_at: Option<DateTime<Utc>>,
    /// [`ManufacturingOrder::has_free_output`] as written.
    pub(super) free_output: bool,
    /// Whether [`ManufacturingOrder::awaited_skus`] was not empty.
    awaiting: bool,
}

/// An [`Allocation`], packed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PackedAllocation {
    order: Key,
    line: u32,
    qty: Decimal,
    delivered: Decimal,
}

/// An [`Output`], packed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PackedOutput {
    lot: Key,
    good: Decimal,
    scrap: Decimal,
    expiry: Option<NaiveDate>,
}

impl PackedMo {
    /// Packs `mo`.
    pub(super) fn of(mo: &ManufacturingOrder) -> Self {
        let ManufacturingOrder {
            id,
            product,
            qty,
            recipe_version,
            status,
            parent_mo,
            requirements,
            allocations,
            feeds,
            fed_by,
            consumed,
            output,
            created_at,
            started_at,
            finished_at,
        } = mo;
        PackedMo {
            id: Key::new(id),
            product: Key::new(product),
            qty: *qty,
            recipe_version: *recipe_version,
            status: *status,
            parent_mo: parent_mo.as_deref().map(Key::new),
            requirements: (requirements.iter())
                .map(|Requirement { sku, qty }| (Key::new(sku), *qty))
                .collect(),
            allocations: (allocations.iter())
                .map(|a| {
                    let Allocation {
                        order,
                        line,
                        qty,
                        delivered,
                    } = a;
                    PackedAllocation {
                        order: Key::new(order),
                        line: *line,
                        qty: *qty,
                        delivered: *delivered,
                    }
                })
                .collect(),
            feeds: (feeds.iter())
                .map(|Feed { mo, qty, delivered }| (Key::new(mo), *qty, *delivered))
                .collect(),
            fed_by: fed_by.iter().map(Key::new).collect(),
            consumed: (consumed.iter())
                .map(|Consumption { sku, lot, qty }| (Key::new(sku), Key::new(lot), *qty))
                .collect(),
            output: output.as_ref().map(|o| {
                let Output {
                    lot,
                    good,
                    scrap,
                    expiry,
                } = o;
                PackedOutput {
                    lot: Key::new(lot),
                    good: *good,
                    scrap: *scrap,
                    expiry: *expiry,
                }
            }),
            created_at: *created_at,
            started_at: *started_at,
            finished_at: *finished_at,
            free_output: mo.has_free_output(),
            awaiting: !mo.awaited_skus().is_empty(),
        }
    }

    /// The batch.
    pub(super) fn unpack(&self) -> ManufacturingOrder {
        ManufacturingOrder {
            id: text(&self.id),
            product: text(&self.product),
            qty: self.qty,
            recipe_version: self.recipe_version,
            status: self.status,
            parent_mo: self.parent_mo.as_ref().map(text),
            requirements: (self.requirements.iter())
                .map(|(sku, qty)| Requirement {
                    sku: text(sku),
                    qty: *qty,
                })
                .collect(),
            allocations: (self.allocations.iter())
                .map(|a| Allocation {
                    order: text(&a.order),
                    line: a.line,
                    qty: a.qty,
                    delivered: a.delivered,
                })
                .collect(),
            feeds: (self.feeds.iter())
                .map(|(mo, qty, delivered)| Feed {
                    mo: text(mo),
                    qty: *qty,
                    delivered: *delivered,
                })
                .collect(),
            fed_by: self.fed_by.iter().map(text).collect(),
            consumed: (self.consumed.iter())
                .map(|(sku, lot, qty)| Consumption {
                    sku: text(sku),
                    lot: text(lot),
                    qty: *qty,
                })
                .collect(),
            output: self.output.as_ref().map(|o| Output {
                lot: text(&o.lot),
                good: o.good,
                scrap: o.scrap,
                expiry: o.expiry,
            }),
            created_at: self.created_at,
            started_at: self.started_at,
            finished_at: self.finished_at,
        }
    }

    /// The orders the batch is allocated to, each once.
    pub(super) fn orders(&self) -> BTreeSet<Key> {
        self.allocations.iter().map(|a| a.order.clone()).collect()
    }

    /// The SKUs the batch may be waiting for (see
    /// [`ManufacturingOrder::awaited_skus`]).
    pub(super) fn awaited_skus(&self) -> BTreeSet<&str> {
        if !self.awaiting {
            return BTreeSet::new();
        }
        self.requirements
            .iter()
            .map(|(sku, _)| sku.as_str())
            .collect()
    }

    /// What the batch plans for `order`'s lines (see
    /// [`LinePlan::of_batches`]), read in place.
    pub(super) fn plans_for<'m>(&'m self, order: &'m str) -> impl Iterator<Item = LinePlan> + 'm {
        (self.allocations.iter())
            .filter(move |a| a.order == order)
            .map(|a| LinePlan {
                status: self.status,
                line: a.line,
                qty: a.qty,
                delivered: a.delivered,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lot::HoldReason;
    use crate::store::conformance;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("a timestamp")
    }

    /// Every field survives packing, the optional ones set and unset, and
    /// codes longer than a key holds inline too.
    #[test]
    fn a_lot_comes_back_as_it_was_stored() {
        let full = Lot {
            code: "LOT-2026-12-06-lavender-soap-bars-0001".into(),
            sku: "SOAP-LAV".into(),
            expiry: NaiveDate::from_ymd_opt(2027, 6, 1),
            origin: LotOrigin::Production {
                mo: "MO-000042".into(),
            },
            supplier_lot_ref: Some("SUP-7".into()),
            created_at: at("2026-12-06T09:30:00Z"),
            unit_cost: Some(Money {
                amount: "1.2345".parse().expect("a decimal"),
                currency: "EUR".into(),
            }),
            hold: Some(LotHold {
                reason: HoldReason::Recall,
                note: Some("complaint 12".into()),
                recall_of: Some("OIL-1".into()),
                since: at("2026-12-07T10:00:00Z"),
            }),
        };
        let bare = Lot {
            code: "OIL-1".into(),
            sku: "OIL".into(),
            expiry: None,
            origin: LotOrigin::Receipt,
            supplier_lot_ref: None,
            created_at: at("2026-12-01T08:00:00Z"),
            unit_cost: None,
            hold: None,
        };
        let counted = Lot {
            origin: LotOrigin::Adjustment,
            ..bare.clone()
        };
        for lot in [full, bare, counted] {
            assert_eq!(PackedLot::of(&lot).unpack(), lot);
        }
    }

    #[test]
    fn a_reservation_comes_back_as_it_was_stored() {
        let for_line = Reservation {
            id: 7,
            sku: "SOAP-LAV".into(),
            lot: "LOT-2026-12-06-lavender-soap-bars-0001".into(),
            location: "shelf".into(),
            qty: "2.5".parse().expect("a decimal"),
            demand: Demand::OrderLine {
                order: "SO-000001".into(),
                line: 2,
            },
            at: at("2026-12-06T09:30:00Z"),
        };
        let for_batch = Reservation {
            id: 8,
            demand: Demand::MoInput {
                mo: "MO-000042".into(),
            },
            ..for_line.clone()
        };
        for r in [for_line, for_batch] {
            assert_eq!(PackedReservation::of(&r).unpack(r.id), r);
        }
    }

    /// An order with nothing optional set (nothing kept out of line), and
    /// one with everything set, long values included.
    #[test]
    fn an_order_comes_back_as_it_was_stored() {
        let stored = conformance::order("SO-000001", "manual", None, OrderStatus::Placed);
        let bare = SalesOrder {
            customer: Customer {
                name: "Ada".into(),
                ..Customer::default()
            },
            tags: vec![],
            notes: None,
            ..stored.clone()
        };
        let priced = OrderLine {
            unit_price: Some(Money {
                amount: "4.50".parse().expect("a decimal"),
                currency: "EUR".into(),
            }),
            requested_date: NaiveDate::from_ymd_opt(2026, 12, 20),
            promised_date: NaiveDate::from_ymd_opt(2026, 12, 18),
            lot: Some("LOT-2026-12-06-lavender-soap-bars-0001".into()),
            min_remaining_shelf_life_days: Some(90),
            shipped: "1".parse().expect("a decimal"),
            fulfilled_outside: "0.5".parse().expect("a decimal"),
            cancelled: "0.5".parse().expect("a decimal"),
            line: 2,
            sku: "CANDLE-BEESWAX-LARGE-GIFT-SET-2026".into(),
            ..stored.lines[0].clone()
        };
        let delay: OrderDelay = serde_json::from_value(serde_json::json!({
            "since": "2026-12-07T08:00:00Z",
            "lines": [{
                "line": 2, "sku": "CANDLE-BEESWAX-LARGE-GIFT-SET-2026",
                "promised_date": "2026-12-18", "projected_date": "2026-12-22",
                "mo": "MO-000042", "basis": {"type": "stock"}, "reason": "late wax"
            }]
        }))
        .expect("a delay");
        let full = SalesOrder {
            external_ref: Some("#1001".into()),
            customer: Customer {
                name: "Ada Lovelace of the Analytical Engine".into(),
                email: Some("ada.lovelace@analytical-engine.example".into()),
                id: Some("CU-000001".into()),
                external_id: Some("shopify-7".into()),
                phone: Some("+44 20 7946 0000".into()),
            },
            ship_to: Some(Address {
                name: "Ada".into(),
                line1: "12 St James's Square".into(),
                line2: Some("Flat 2".into()),
                city: "London".into(),
                region: Some("Greater London".into()),
                postal_code: "SW1Y 4JH".into(),
                country: "GB".into(),
            }),
            lines: vec![stored.lines[0].clone(), priced],
            tags: vec!["gift".into(), "rush".into()],
            notes: Some("wrap it".into()),
            attention: vec!["check the address".into()],
            status: OrderStatus::PartiallyShipped,
            confirmed_at: Some(at("2026-12-06T10:00:00Z")),
            cancelled_at: Some(at("2026-12-08T10:00:00Z")),
            hold: Some(OrderHold {
                reason: "fraud check".into(),
                rule: Some("big-orders".into()),
                at: at("2026-12-06T09:31:00Z"),
            }),
            ship_from: Some("workshop".into()),
            delay: Some(delay),
            ..bare.clone()
        };
        assert!(PackedOrder::of(bare.clone()).rest.is_none());
        for order in [bare, full] {
            assert_eq!(PackedOrder::of(order.clone()).unpack(), order);
        }
    }

    /// A batch with every list and option set, and the facts the indexes
    /// file it under, which must be the domain's own.
    #[test]
    fn a_batch_comes_back_as_it_was_stored() {
        let dec = |s: &str| -> Decimal { s.parse().expect("a decimal") };
        let waiting = conformance::mo("MO-000001", MoStatus::AwaitingMaterials, &["SO-000001"]);
        let done = ManufacturingOrder {
            id: "MO-000002".into(),
            status: MoStatus::Completed,
            parent_mo: Some("MO-000009".into()),
            requirements: vec![
                Requirement {
                    sku: "WAX".into(),
                    qty: dec("2400"),
                },
                Requirement {
                    sku: "ESSENTIAL-OIL-LAVENDER-HIGHLAND-FRENCH".into(),
                    qty: dec("0.125"),
                },
            ],
            feeds: vec![Feed {
                mo: "MO-000009".into(),
                qty: dec("2"),
                delivered: dec("2"),
            }],
            fed_by: vec!["MO-000003".into()],
            consumed: vec![Consumption {
                sku: "WAX".into(),
                lot: "LOT-2026-12-06-beeswax-block-from-the-coop-07".into(),
                qty: dec("2400"),
            }],
            output: Some(Output {
                lot: "CANDLE-0001".into(),
                good: dec("11"),
                scrap: dec("1"),
                expiry: NaiveDate::from_ymd_opt(2028, 1, 1),
            }),
            started_at: Some(at("2026-12-06T10:00:00Z")),
            finished_at: Some(at("2026-12-06T12:00:00Z")),
            ..conformance::mo(
                "MO-000002",
                MoStatus::Completed,
                &["SO-000001", "SO-000002"],
            )
        };
        for mo in [waiting, done] {
            let packed = PackedMo::of(&mo);
            assert_eq!(packed.unpack(), mo);
            assert_eq!(packed.free_output, mo.has_free_output());
            assert_eq!(packed.awaited_skus(), mo.awaited_skus());
            let orders: BTreeSet<Key> = mo.allocations.iter().map(|a| Key::new(&a.order)).collect();
            assert_eq!(packed.orders(), orders);
            let plans: Vec<LinePlan> = packed.plans_for("SO-000001").collect();
            assert_eq!(plans, LinePlan::of_batches("SO-000001", [&mo]));
        }
    }

    /// The index orders demands as `Demand` does, so ranges over it find
    /// what they found before.
    #[test]
    fn demand_keys_sort_as_demands_do() {
        let line = |order: &str, line| Demand::OrderLine {
            order: order.into(),
            line,
        };
        let mo = |id: &str| Demand::MoInput { mo: id.into() };
        let demands = [
            line("SO-000002", 1),
            mo("MO-000001"),
            line("SO-000001", 3),
            line("SO-000001", 1),
            mo("MO-000000"),
            line("SO-0000010", 1),
        ];
        let mut by_demand = demands.to_vec();
        by_demand.sort();
        let mut by_key: Vec<DemandKey> = demands.iter().map(DemandKey::from).collect();
        by_key.sort();
        let back: Vec<Demand> = by_key.iter().map(Demand::from).collect();
        assert_eq!(back, by_demand);
    }
}
