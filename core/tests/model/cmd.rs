//! The commands a model run is made of, and the proptest strategy that
//! generates them. Commands name orders and MOs by position (newest first,
//! modulo how many exist), which works because ids are deterministic; small
//! integers keep shrunk failures readable.

use proptest::prelude::*;

/// Which lot a receipt goes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LotPick {
    /// A generated code.
    Generated,
    /// `<SKU>-N<n>`: the item's own named lot, new or existing.
    Own(u8),
    /// `SHARED-<n>`: a code any item may claim first; the others then collide.
    Shared(u8),
}

/// Which lot a count correction touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjLot {
    /// The n-th lot of the item (or a new `<SKU>-C<n>` when it has none).
    Own(u8),
    /// The n-th lot of any item.
    Any(u8),
    /// A code no lot has.
    Missing,
}

/// A named lot on an order line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineLot {
    None,
    /// The n-th existing lot of any item.
    Existing(u8),
    /// A code no lot has.
    Missing,
}

/// One line of a generated order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineSpec {
    /// Index into `ORDER_SKUS`.
    pub sku: u8,
    /// Units (see `catalog::units`); zero is an invalid input on purpose.
    pub qty: u32,
    pub lot: LineLot,
    pub min_shelf_days: Option<u32>,
}

/// What to ship.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShipMode {
    /// Everything ready, every line.
    All,
    /// Everything ready on line n (1-based; may not exist).
    Line(u32),
    /// Exactly q units of line n.
    Part(u32, u32),
}

/// The good output a completion reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Good {
    /// Nothing given: the planned quantity.
    Planned,
    /// This percentage of the plan, rounded down to the unit.
    Pct(u32),
    /// Half a unit: invalid for pieces.
    Fraction,
}

/// Which existing order or MO a command names, newest first, modulo how
/// many there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Among those the command can act on (falls back to all when none can).
    Ready(u8),
    /// Among all, so refused transitions are exercised too.
    Any(u8),
    /// One that does not exist.
    Missing,
}

/// Which lot a hold, release or recall names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LotRef {
    /// The n-th held lot (any lot when none is held).
    Held(u8),
    /// The n-th lot of any item.
    Any(u8),
    /// A code no lot has.
    Missing,
}

/// One step of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cmd {
    /// `amount` indexes the item's receipt sizes; `expiry_in_days` overrides shelf life.
    Receive {
        sku: u8,
        amount: u8,
        lot: LotPick,
        expiry_in_days: Option<i64>,
    },
    /// `amount` indexes the item's correction sizes; 3 means zero.
    Adjust {
        sku: u8,
        lot: AdjLot,
        amount: u8,
        negative: bool,
    },
    Place {
        lines: Vec<LineSpec>,
        ext: Option<u8>,
        customer: u8,
    },
    /// Places the n-th newest order's input again (a channel re-sending it).
    Replay(Pick),
    Confirm(Pick),
    Replan(Pick),
    CancelOrder(Pick),
    Ship {
        order: Pick,
        mode: ShipMode,
    },
    StartMo(Pick),
    /// `scrap` in units (pieces, or tens of grams for the intermediate);
    /// `dup_lot` names an existing lot as the output lot.
    CompleteMo {
        mo: Pick,
        good: Good,
        scrap: u8,
        dup_lot: Option<u8>,
    },
    CancelMo(Pick),
    /// Moves the clock forward so lots age and expire.
    Advance(u8),
    /// Puts a lot on hold (QA).
    Hold(LotRef),
    /// Releases a held lot.
    Release(LotRef),
    /// Recalls a lot and holds it and everything made from it.
    RecallHold(LotRef),
    /// Cancels part (`qty` units) or all of a line's unshipped quantity.
    CancelLine {
        order: Pick,
        line: u32,
        qty: Option<u32>,
    },
    /// Closes a partially shipped order short.
    CloseShort(Pick),
    /// Defines the n-th rule of `rules::RULES` (automations).
    DefineRule(u8),
    /// Releases a held order (held by a rule).
    ReleaseOrder(Pick),
    /// Sets a line's quantity (units), perhaps adding a line in the same edit.
    Edit {
        order: Pick,
        line: u32,
        qty: u32,
        add: Option<LineSpec>,
    },
}

fn line() -> impl Strategy<Value = LineSpec> {
    (
        prop_oneof![3 => Just(0u8), 3 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8)],
        prop_oneof![1 => Just(0u32), 20 => 1u32..=9],
        prop_oneof![
            12 => Just(LineLot::None),
            1 => (0u8..8).prop_map(LineLot::Existing),
            1 => Just(LineLot::Missing),
        ],
        prop_oneof![6 => Just(None), 1 => Just(Some(5u32)), 1 => Just(Some(25u32))],
    )
        .prop_map(|(sku, qty, lot, min_shelf_days)| LineSpec {
            sku,
            qty,
            lot,
            min_shelf_days,
        })
}

/// Picks of existing entities: mostly one the command can act on, mostly
/// among the newest few.
fn pick() -> impl Strategy<Value = Pick> {
    let k = prop_oneof![3 => 0u8..2, 1 => 0u8..8];
    prop_oneof![
        12 => k.clone().prop_map(Pick::Ready),
        4 => k.prop_map(Pick::Any),
        1 => Just(Pick::Missing),
    ]
}

/// One command, weighted so that runs mostly make progress: materials
/// arrive, orders get confirmed, batches run, goods ship.
pub fn cmd() -> impl Strategy<Value = Cmd> {
    let receive = (
        prop_oneof![3 => 0u8..3, 1 => 3u8..6],
        0u8..3,
        prop_oneof![
            6 => Just(LotPick::Generated),
            2 => (0u8..3).prop_map(LotPick::Own),
            1 => (0u8..2).prop_map(LotPick::Shared),
        ],
        prop_oneof![5 => Just(None), 1 => (-2i64..30).prop_map(Some)],
    )
        .prop_map(|(sku, amount, lot, expiry_in_days)| Cmd::Receive {
            sku,
            amount,
            lot,
            expiry_in_days,
        });
    let adjust = (
        0u8..6,
        prop_oneof![
            4 => (0u8..3).prop_map(AdjLot::Own),
            1 => (0u8..8).prop_map(AdjLot::Any),
            1 => Just(AdjLot::Missing),
        ],
        prop_oneof![8 => 0u8..3, 1 => Just(3u8)],
        any::<bool>(),
    )
        .prop_map(|(sku, lot, amount, negative)| Cmd::Adjust {
            sku,
            lot,
            amount,
            negative,
        });
    let place = (
        prop::collection::vec(line(), 1..=2),
        prop_oneof![3 => Just(None), 2 => (0u8..4).prop_map(Some)],
        0u8..3,
    )
        .prop_map(|(lines, ext, customer)| Cmd::Place {
            lines,
            ext,
            customer,
        });
    let ship = (
        pick(),
        prop_oneof![
            3 => Just(ShipMode::All),
            1 => (1u32..=3).prop_map(ShipMode::Line),
            2 => (1u32..=2, 0u32..=4).prop_map(|(l, q)| ShipMode::Part(l, q)),
        ],
    )
        .prop_map(|(order, mode)| Cmd::Ship { order, mode });
    let complete = (
        pick(),
        prop_oneof![
            4 => Just(Good::Planned),
            3 => prop_oneof![Just(0u32), Just(50), Just(75), Just(100), Just(125)].prop_map(Good::Pct),
            1 => Just(Good::Fraction),
        ],
        prop_oneof![3 => Just(0u8), 1 => 1u8..3],
        prop_oneof![8 => Just(None), 1 => (0u8..8).prop_map(Some)],
    )
        .prop_map(|(mo, good, scrap, dup_lot)| Cmd::CompleteMo { mo, good, scrap, dup_lot });
    let lot_ref = prop_oneof![
        2 => (0u8..4).prop_map(LotRef::Held),
        3 => (0u8..8).prop_map(LotRef::Any),
        1 => Just(LotRef::Missing),
    ];
    let cancel_line = (
        pick(),
        1u32..=3,
        prop_oneof![2 => Just(None), 1 => (0u32..=4).prop_map(Some)],
    )
        .prop_map(|(order, line, qty)| Cmd::CancelLine { order, line, qty });
    let edit = (
        pick(),
        prop_oneof![6 => 1u32..=2, 1 => Just(3u32)],
        // 1 often: below what a partly shipped line has shipped.
        prop_oneof![3 => 0u32..=9, 1 => Just(1u32)],
        prop_oneof![3 => Just(None), 1 => line().prop_map(|l| Some(LineSpec {
            qty: l.qty.max(1),
            lot: LineLot::None,
            ..l
        }))],
    )
        .prop_map(|(order, line, qty, add)| Cmd::Edit {
            order,
            line,
            qty,
            add,
        });
    prop_oneof![
        2 => lot_ref.clone().prop_map(Cmd::Hold),
        2 => lot_ref.clone().prop_map(Cmd::Release),
        1 => lot_ref.prop_map(Cmd::RecallHold),
        3 => cancel_line,
        2 => pick().prop_map(Cmd::CloseShort),
        3 => (0u8..6).prop_map(Cmd::DefineRule),
        3 => pick().prop_map(Cmd::ReleaseOrder),
        4 => edit,
        8 => receive,
        4 => adjust,
        12 => place,
        2 => pick().prop_map(Cmd::Replay),
        12 => pick().prop_map(Cmd::Confirm),
        3 => pick().prop_map(Cmd::Replan),
        2 => pick().prop_map(Cmd::CancelOrder),
        10 => ship,
        12 => pick().prop_map(Cmd::StartMo),
        12 => complete,
        2 => pick().prop_map(Cmd::CancelMo),
        3 => (1u8..=10).prop_map(Cmd::Advance),
    ]
}

/// What every run starts with, through the same checks: some stock of
/// each material, two candles and a placed order for candles and melts, so
/// early commands find something to act on.
pub fn prelude() -> Vec<Cmd> {
    let mut cmds: Vec<Cmd> = [(0, 2), (1, 2), (2, 2), (4, 1)]
        .into_iter()
        .map(|(sku, amount)| Cmd::Receive {
            sku,
            amount,
            lot: LotPick::Generated,
            expiry_in_days: None,
        })
        .collect();
    let line = |sku, qty| LineSpec {
        sku,
        qty,
        lot: LineLot::None,
        min_shelf_days: None,
    };
    cmds.push(Cmd::Place {
        lines: vec![line(0, 3), line(1, 4)],
        ext: None,
        customer: 0,
    });
    cmds
}

/// A run: the prelude, then 5 to 40 generated commands.
pub fn cmds() -> impl Strategy<Value = Vec<Cmd>> {
    prop::collection::vec(cmd(), 5..=40).prop_map(|body| [prelude(), body].concat())
}
