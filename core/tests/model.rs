//! Model-based test: proptest generates random command sequences over a
//! small catalog (two materials with shelf life and a jar, an intermediate,
//! a one-level and a two-level product) and runs them on the in-memory
//! engine with a fixed clock. Besides stock, orders and batches, runs hold,
//! release and recall-and-hold lots, cancel lines or parts of them, close
//! orders short and edit them. After every step the executor checks:
//!
//! * `check_invariants()` is empty (conservation per item+lot, no negative
//!   internal on-hand, reserved ≤ on-hand, allocated ≤ planned, shipped ≤
//!   ordered, stored status == derived, balances == fold(ledger), gapless events);
//! * the outcome is the one the state before allowed (success, or one given
//!   error code), never `internal`/`storage`; a failure leaves `snapshot()`
//!   unchanged, a replayed order too;
//! * every state change appends events, including the command's own event;
//! * the status events of each order and MO chain up, are legal transitions
//!   and end at the stored status;
//! * the auditor (a small reference model) agrees: per item and location
//!   the totals its own bookings give, shipped per line, order and MO
//!   lifecycles, ids, recipe requirements, trace edges, final states frozen;
//! * new reservations keep the picking rules (unexpired, not held, named
//!   lot, minimum shelf life, first-expiry-first-out), and no batch waits
//!   for an input that is free in the warehouse;
//! * nothing held is reserved, and no command consumes or ships a held lot;
//!   per line, shipped + cancelled never exceeds ordered, and the ordered
//!   and cancelled quantities are the auditor's.
//! * cost is conserved: received + added by operations = shipped + scrapped
//!   + in progress + on hand, recomputed from the snapshot (`model/costs.rs`).
//!
//! Failing cases are kept in `model.proptest-regressions` beside this file
//! and replayed first on every run. `PROPTEST_CASES` overrides the 1,000 cases.

#[path = "model/audit.rs"]
mod audit;
#[path = "model/automations.rs"]
mod automations;
#[path = "model/catalog.rs"]
mod catalog;
#[path = "model/cmd.rs"]
mod cmd;
#[path = "model/costs.rs"]
mod costs;
#[path = "model/exec.rs"]
mod exec;
#[path = "model/inputs.rs"]
mod inputs;
#[path = "model/rules.rs"]
mod rules;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use cmd::{AdjLot, Cmd, Good, LineLot, LineSpec, LotPick, ShipMode};
use exec::Harness;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_command_sequences_keep_every_invariant(cmds in cmd::cmds()) {
        if let Err(e) = Harness::run(&cmds) {
            return Err(TestCaseError::fail(e));
        }
    }
}

fn line(sku: u8, qty: u32) -> LineSpec {
    LineSpec {
        sku,
        qty,
        lot: LineLot::None,
        min_shelf_days: None,
    }
}

/// A hand-written day in the shop through the same executor: stock arrives,
/// a two-line order is confirmed, both batches (and the intermediate) run,
/// a short batch leaves a line waiting, goods ship in parts, and a range of
/// refused commands change nothing.
#[test]
fn hand_written_sequence_through_the_executor() {
    use cmd::Pick::Any;
    use Cmd::*;
    let cmds = vec![
        Confirm(Any(0)), // no order yet
        Receive {
            sku: 0,
            amount: 2,
            lot: LotPick::Generated,
            expiry_in_days: None,
        }, // WAX 2.5 kg
        Receive {
            sku: 1,
            amount: 2,
            lot: LotPick::Own(0),
            expiry_in_days: None,
        }, // OIL 1 l
        Receive {
            sku: 2,
            amount: 2,
            lot: LotPick::Generated,
            expiry_in_days: None,
        }, // JAR 12
        Receive {
            sku: 4,
            amount: 1,
            lot: LotPick::Generated,
            expiry_in_days: None,
        }, // CANDLE 2
        Place {
            lines: vec![line(0, 5), line(1, 6)],
            ext: Some(1),
            customer: 0,
        }, // SO-000001
        Place {
            lines: vec![line(0, 5), line(1, 6)],
            ext: Some(1),
            customer: 0,
        }, // replay
        Place {
            lines: vec![line(0, 4)],
            ext: Some(1),
            customer: 1,
        }, // other content
        Place {
            lines: vec![line(1, 0)],
            ext: None,
            customer: 1,
        }, // zero pieces
        Ship {
            order: Any(0),
            mode: ShipMode::All,
        }, // not confirmed
        Confirm(Any(0)), // stock 2, MOs for CANDLE, BASE, MELT
        Confirm(Any(0)), // twice
        StartMo(Any(0)), // MO-000003 MELT
        StartMo(Any(1)), // MO-000002 BASE
        StartMo(Any(2)), // MO-000001 CANDLE: awaiting BASE
        CompleteMo {
            mo: Any(1),
            good: Good::Planned,
            scrap: 0,
            dup_lot: None,
        }, // BASE -> CANDLE MO
        StartMo(Any(2)), // CANDLE now reserved
        CompleteMo {
            mo: Any(0),
            good: Good::Fraction,
            scrap: 0,
            dup_lot: None,
        }, // half a melt
        CompleteMo {
            mo: Any(0),
            good: Good::Pct(50),
            scrap: 1,
            dup_lot: None,
        }, // short melt batch
        Ship {
            order: Any(0),
            mode: ShipMode::Part(1, 3),
        }, // only 2 candles ready
        Ship {
            order: Any(0),
            mode: ShipMode::Part(1, 2),
        },
        Ship {
            order: Any(0),
            mode: ShipMode::Line(3),
        }, // no line 3
        Adjust {
            sku: 4,
            lot: AdjLot::Own(0),
            amount: 0,
            negative: true,
        }, // candles reserved
        CancelOrder(Any(0)), // shipped already
        CompleteMo {
            mo: Any(2),
            good: Good::Planned,
            scrap: 0,
            dup_lot: None,
        }, // candles done
        Ship {
            order: Any(0),
            mode: ShipMode::All,
        },
        Replan(Any(0)), // 3 melts short
        Advance(40),    // WAX and OIL expire
        Adjust {
            sku: 0,
            lot: AdjLot::Missing,
            amount: 1,
            negative: true,
        }, // no such lot
        Receive {
            sku: 2,
            amount: 0,
            lot: LotPick::Own(0),
            expiry_in_days: None,
        },
        Receive {
            sku: 0,
            amount: 0,
            lot: LotPick::Shared(0),
            expiry_in_days: Some(5),
        },
        Receive {
            sku: 1,
            amount: 0,
            lot: LotPick::Shared(0),
            expiry_in_days: None,
        }, // taken by WAX
        CancelMo(Any(0)), // MELT MO made by replan
        CancelMo(Any(0)), // twice
    ];
    let outcomes = Harness::run(&cmds).unwrap_or_else(|e| panic!("{e}"));
    let expected = [
        "unknown_order",
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "duplicate_external_order",
        "invalid_quantity",
        "invalid_transition",
        "ok",
        "invalid_transition",
        "ok",
        "ok",
        "invalid_transition",
        "ok",
        "ok",
        "invalid_quantity",
        "ok",
        "not_ready_to_ship",
        "ok",
        "unknown_order_line",
        "insufficient_stock",
        "invalid_transition",
        "ok",
        "ok",
        "ok",
        "ok",
        "unknown_lot",
        "ok",
        "ok",
        "duplicate_lot",
        "ok",
        "invalid_transition",
    ];
    assert_eq!(outcomes, expected);
}

/// The generator is only worth its cases if runs get deep: over a fixed set
/// of generated runs, every command must both succeed and be refused in the
/// ways that matter (these runs must also pass every check).
#[test]
fn generated_runs_reach_every_outcome() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::collections::BTreeMap;

    let mut runner = TestRunner::deterministic();
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    // Intermediate sharing must happen too: a base batch feeding two candle
    // batches, and a candle batch fed by two base batches.
    let (mut shared, mut fed_twice) = (0, 0);
    for _ in 0..320 {
        let cmds = cmd::cmds().new_tree(&mut runner).unwrap().current();
        let (outcomes, lw) = Harness::run_engine(&cmds).unwrap_or_else(|e| panic!("{e}\n{cmds:?}"));
        for mo in lw.mos().unwrap() {
            shared += usize::from(
                mo.feeds
                    .iter()
                    .filter(|f| f.qty > rust_decimal::Decimal::ZERO)
                    .count()
                    >= 2,
            );
            fed_twice += usize::from(mo.fed_by.len() >= 2);
        }
        for (c, outcome) in cmds.iter().zip(outcomes) {
            let name = format!("{c:?}");
            let name = name
                .split([' ', '('])
                .next()
                .unwrap_or_default()
                .to_string();
            *seen.entry((name, outcome)).or_default() += 1;
        }
    }
    let required = [
        ("Receive", "ok"),
        ("Receive", "duplicate_lot"),
        ("Adjust", "ok"),
        ("Adjust", "insufficient_stock"),
        ("Adjust", "unknown_lot"),
        ("Place", "ok"),
        ("Place", "duplicate_external_order"),
        ("Place", "invalid_quantity"),
        ("Replay", "ok"),
        ("Confirm", "ok"),
        ("Confirm", "invalid_transition"),
        ("Confirm", "order_on_hold"),
        ("DefineRule", "ok"),
        ("ReleaseOrder", "ok"),
        ("ReleaseOrder", "invalid_transition"),
        ("Replan", "ok"),
        ("Replan", "invalid_transition"),
        ("CancelOrder", "ok"),
        ("CancelOrder", "invalid_transition"),
        ("Ship", "ok"),
        ("Ship", "not_ready_to_ship"),
        ("Ship", "invalid_transition"),
        ("StartMo", "ok"),
        ("StartMo", "invalid_transition"),
        ("StartMo", "lot_expired"),
        ("CompleteMo", "ok"),
        ("CompleteMo", "invalid_quantity"),
        ("CancelMo", "ok"),
        ("CancelMo", "invalid_transition"),
        ("Hold", "ok"),
        ("Hold", "lot_on_hold"),
        ("Hold", "unknown_lot"),
        ("Release", "ok"),
        ("Release", "lot_not_held"),
        ("RecallHold", "ok"),
        ("CancelLine", "ok"),
        ("CancelLine", "invalid_transition"),
        ("CancelLine", "invalid_quantity"),
        ("CloseShort", "ok"),
        ("CloseShort", "invalid_transition"),
        ("Edit", "ok"),
        ("Edit", "below_shipped"),
        ("Edit", "invalid_transition"),
    ];
    let missing: Vec<_> = required
        .iter()
        .filter(|(c, o)| !seen.contains_key(&(c.to_string(), o.to_string())))
        .collect();
    assert!(
        missing.is_empty(),
        "never reached {missing:?}; reached {seen:?}"
    );
    assert!(
        shared > 0 && fed_twice > 0,
        "sharing: {shared} shared batches, {fed_twice} fed twice"
    );
}

/// The stock every regression run starts from (as the generated runs do):
/// 2.5 kg wax, 1 l oil, 12 jars, 2 candles, and an order for 3 candles and 4 melts.
fn shop() -> Vec<Cmd> {
    cmd::prelude()
}

/// Found by this test: a channel re-sending an order under the same
/// reference with another minimum shelf life got the stored order back
/// (`replayed`) instead of `duplicate_external_order`.
#[test]
fn resent_order_with_other_shelf_life_is_a_duplicate() {
    let fresh = LineSpec {
        min_shelf_days: Some(25),
        ..line(0, 1)
    };
    let cmds = vec![
        Cmd::Place {
            lines: vec![fresh.clone()],
            ext: Some(2),
            customer: 1,
        },
        Cmd::Place {
            lines: vec![line(0, 1)],
            ext: Some(2),
            customer: 1,
        },
        Cmd::Place {
            lines: vec![fresh],
            ext: Some(2),
            customer: 1,
        },
    ];
    let (outcomes, lw) = Harness::run_engine(&cmds).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcomes, ["ok", "duplicate_external_order", "ok"]);
    assert_eq!(lw.orders().unwrap().len(), 1);
}

/// Found by this test: `replan_order` could join an open batch (or swap an
/// expired reservation for a fresh lot) without the order's status moving,
/// and so changed the state without writing any event. It now always
/// records `order_replanned`.
#[test]
fn replan_that_only_joins_a_batch_leaves_an_event() {
    use cmd::Pick::Any;
    let mut cmds = shop();
    cmds.extend([
        Cmd::Confirm(Any(0)), // SO-1: 2 candles from stock, MO-1 candles (+ MO-2 base), MO-3 melts
        Cmd::Replay(Any(0)),  // no external ref: SO-2, the same again
        Cmd::Confirm(Any(0)), // SO-2 joins MO-1 and MO-3, MO-4 for the other 2 melts
        Cmd::CancelMo(Any(1)), // MO-3: both orders lose melts
        Cmd::Replan(Any(0)),  // SO-2 joins MO-4's free output; still awaiting base
    ]);
    let (outcomes, lw) = Harness::run_engine(&cmds).unwrap_or_else(|e| panic!("{e}"));
    assert!(outcomes.iter().all(|o| o == "ok"), "{outcomes:?}");
    let mo4 = lw.mo("MO-000004").unwrap();
    let for_so2: Vec<_> = mo4
        .allocations
        .iter()
        .map(|a| (a.order.as_str(), a.line, a.qty))
        .collect();
    assert_eq!(for_so2, [("SO-000002", 2, lotwise::Decimal::from(4))]);
    let last = lw.events_after(0, usize::MAX).unwrap().pop().unwrap();
    assert_eq!(
        (last.kind(), last.subject.as_str()),
        ("order_replanned", "SO-000002")
    );
}

/// The other half of the same bug: after the oil a batch held expired,
/// re-planning swapped it for a fresh lot without an event.
#[test]
fn replan_that_swaps_an_expired_lot_leaves_an_event() {
    use cmd::Pick::Any;
    let mut cmds = shop();
    cmds.extend([
        Cmd::Confirm(Any(0)),
        Cmd::Advance(13), // the oil (12 days) expires under MO-3's reservation
        Cmd::Receive {
            sku: 1,
            amount: 2,
            lot: LotPick::Generated,
            expiry_in_days: None,
        },
        Cmd::StartMo(Any(0)), // MO-3 still holds the expired oil
        Cmd::Replan(Any(0)),
        Cmd::StartMo(Any(0)),
    ]);
    let (outcomes, lw) = Harness::run_engine(&cmds).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcomes[outcomes.len() - 3..], ["lot_expired", "ok", "ok"]);
    let consumed: Vec<_> = lw
        .mo("MO-000003")
        .unwrap()
        .consumed
        .into_iter()
        .map(|c| c.lot)
        .collect();
    assert!(consumed.contains(&"OIL-R0005".to_string()), "{consumed:?}");
}
