//! The executor's part for placing and shipping orders: place_order with
//! its validation, replays and duplicate references, and ship with what is
//! ready per line, each with the outcome the state before calls for.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use lotwise::{Demand, NewOrder, ShipLine, ShipRequest, Snapshot};
use rust_decimal::Decimal;

use super::super::audit::Effect;
use super::super::catalog;
use super::super::cmd::ShipMode;
use super::super::inputs::{lot_expired, lot_in};
use super::{Harness, Run};

impl Harness {
    /// place_order, predicting validation, replay and duplicate references.
    pub(super) fn place(&self, input: NewOrder, before: &Snapshot) -> Run {
        let mut expect = "ok";
        for line in &input.lines {
            if catalog::base(line.qty).is_zero() {
                expect = "invalid_quantity";
                break;
            }
            match line.lot.as_deref().map(|c| lot_in(before, c)) {
                Some(None) => expect = "unknown_lot",
                Some(Some(l)) if l.sku != line.sku => expect = "duplicate_lot",
                _ => continue,
            }
            break;
        }
        let mut replay_of = None;
        if let (Some(ext), "ok") = (&input.external_ref, expect) {
            if let Some(m) = self
                .audit
                .orders
                .iter()
                .find(|m| m.input.external_ref.as_ref() == Some(ext))
            {
                if m.input == input && m.same_content() && !m.edited {
                    replay_of = Some(m.id.clone());
                } else {
                    expect = "duplicate_external_order";
                }
            }
        }
        let next = format!("SO-{:06}", self.audit.orders.len() + 1);
        let event = replay_of.is_none().then_some(("order_placed", next));
        let result = self
            .lw
            .place_order(input.clone())
            .map(|placed| Effect::Placed {
                placed,
                input,
                replay_of,
            });
        Run::new(result, expect, event)
    }

    /// ship, predicting what is ready per line from the reservations.
    pub(super) fn ship(
        &self,
        id: &str,
        mode: ShipMode,
        before: &Snapshot,
        today: NaiveDate,
    ) -> Run {
        let ready = |line: u32| -> Decimal {
            let demand = Demand::OrderLine {
                order: id.into(),
                line,
            };
            before
                .reservations
                .iter()
                .filter(|r| r.demand == demand)
                .map(|r| r.qty)
                .sum()
        };
        let mut wanted: BTreeMap<u32, Decimal> = BTreeMap::new();
        let expect = match self.audit.order(id) {
            None => "unknown_order",
            Some(m) if !m.confirmed || m.cancelled || m.fully_shipped() => "invalid_transition",
            Some(m) => {
                let lines = u32::try_from(m.ordered.len()).unwrap_or(0);
                let sku = |l: u32| m.skus[l as usize - 1].as_str();
                // A line bound to a held lot, named in the request, cannot ship.
                let bound_to_held = |l: u32| {
                    l >= 1
                        && l <= lines
                        && !m.open(l as usize - 1).is_zero()
                        && m.input
                            .lines
                            .get(l as usize - 1)
                            .and_then(|x| x.lot.as_deref())
                            .and_then(|c| lot_in(before, c))
                            .is_some_and(|lot| lot.hold.is_some())
                };
                match mode {
                    ShipMode::Line(l) | ShipMode::Part(l, _) if bound_to_held(l) => "lot_on_hold",
                    ShipMode::All => {
                        wanted.extend(
                            (1..=lines)
                                .map(|l| (l, ready(l)))
                                .filter(|(_, q)| *q > Decimal::ZERO),
                        );
                        if wanted.is_empty() {
                            "not_ready_to_ship"
                        } else {
                            "ok"
                        }
                    }
                    ShipMode::Line(l) | ShipMode::Part(l, _) if l > lines => "unknown_order_line",
                    ShipMode::Part(_, 0) => "invalid_quantity",
                    ShipMode::Line(l) | ShipMode::Part(l, _) => {
                        let qty = match mode {
                            ShipMode::Part(_, q) => catalog::base(catalog::units(sku(l), q)),
                            _ => ready(l),
                        };
                        wanted.insert(l, qty);
                        if qty <= Decimal::ZERO || qty > ready(l) {
                            "not_ready_to_ship"
                        } else {
                            "ok"
                        }
                    }
                }
            }
        };
        let expect = if expect == "ok"
            && wanted.keys().any(|l| {
                let demand = Demand::OrderLine {
                    order: id.into(),
                    line: *l,
                };
                before
                    .reservations
                    .iter()
                    .any(|r| r.demand == demand && lot_expired(before, &r.lot, today))
            }) {
            "lot_expired"
        } else {
            expect
        };
        let lines = match mode {
            ShipMode::All => vec![],
            ShipMode::Line(l) => vec![ShipLine { line: l, qty: None }],
            ShipMode::Part(l, q) => {
                let sku = self
                    .audit
                    .order(id)
                    .and_then(|m| m.skus.get(l as usize - 1))
                    .map_or("CANDLE", String::as_str);
                vec![ShipLine {
                    line: l,
                    qty: Some(catalog::units(sku, q)),
                }]
            }
        };
        let request = ShipRequest {
            lines,
            carrier: "UPS".into(),
            tracking: "1Z999".into(),
            label: None,
        };
        let result = self.lw.ship(id, request).map(|shipment| Effect::Shipped {
            order: id.into(),
            shipment,
            wanted,
        });
        Run::new(result, expect, Some(("order_shipped", id.into())))
    }
}
