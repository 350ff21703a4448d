//! The order desk over a few thousand generated orders: every filter
//! combination agrees with a plain filter over `orders()`, pages
//! concatenate to the unpaginated list for every sort and page size, and
//! bulk actions report per order.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use lotwise::store::memory::MemoryStore;
use lotwise::store::{Store, TxMode};
use lotwise::{
    BulkOutcome, Clock, Customer, Demand, DeskQuery, DeskSort, FixedClock, ItemKind, LocationKind,
    Lotwise, NewItem, NewOrder, NewOrderLine, OrderLine, OrderStatus, Receipt, SalesOrder,
    ShipRequest, Uom,
};

#[path = "desk/actions.rs"]
mod actions;
#[path = "desk/queries.rs"]
mod queries;

/// splitmix64: a small seeded generator, so the data set is the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const CHANNELS: [&str; 4] = ["shopify", "etsy", "wholesale", "manual"];
const NAMES: [&str; 8] = [
    "Ada Lovelace",
    "ada lovelace",
    "Grace Hopper",
    "Alan Turing",
    "Zoë Ångström",
    "Barbara Liskov",
    "Edsger Dijkstra",
    "Radia Perlman",
];
const TAGS: [&str; 4] = ["gift", "Rush", "VIP", "wholesale"];
const SKUS: [&str; 3] = ["CANDLE-LAV", "CANDLE-CED", "MUG"];
const ORDERS: usize = 3000;
const ATTENTION_ORDERS: u64 = 40;

fn start() -> DateTime<Utc> {
    "2026-03-01T08:00:00Z".parse().unwrap()
}

/// Orders flagged at import, written straight into the store: the importer
/// that creates them through the engine is built elsewhere.
fn store_with_attention_orders() -> MemoryStore {
    let store = MemoryStore::new();
    let mut tx = store.begin(TxMode::Write).unwrap();
    for i in 0..ATTENTION_ORDERS {
        let n = tx.next_id("order").unwrap();
        let order = SalesOrder {
            id: format!("SO-{n:06}"),
            channel: "shopify".into(),
            external_ref: Some(format!("imp-{i}")),
            customer: Customer {
                name: NAMES[i as usize % NAMES.len()].into(),
                email: None,
                ..Default::default()
            },
            ship_to: None,
            lines: vec![OrderLine {
                line: 1,
                sku: "UNMAPPED-9".into(),
                qty: "1 pcs".parse().unwrap(),
                unit_price: None,
                requested_date: None,
                promised_date: None,
                lot: None,
                min_remaining_shelf_life_days: None,
                shipped: 0.into(),
                fulfilled_outside: 0.into(),
                cancelled: 0.into(),
            }],
            tags: if i % 2 == 0 {
                vec!["gift".into()]
            } else {
                vec![]
            },
            notes: None,
            attention: vec!["line 1: sku `UNMAPPED-9` is not mapped".into()],
            status: OrderStatus::NeedsAttention,
            placed_at: start() + Duration::hours(i as i64),
            confirmed_at: None,
            cancelled_at: None,
            hold: None,
            ship_from: None,
            delay: None,
        };
        tx.put_order(order).unwrap();
    }
    tx.commit().unwrap();
    store
}

struct World {
    lw: Lotwise,
    today: NaiveDate,
}

/// The shared read-only data set: placed, confirmed, partly and fully
/// shipped, cancelled and flagged orders from four channels, some with
/// stock reserved at a second location.
fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let clock = Arc::new(FixedClock::at(start()));
        let lw =
            Lotwise::with_store(Box::new(store_with_attention_orders()), clock.clone()).unwrap();
        build(&lw, &clock, 7, ORDERS);
        World {
            lw,
            today: clock.now().date_naive(),
        }
    })
}

fn define(lw: &Lotwise) {
    for sku in SKUS {
        lw.define_item(NewItem::new(sku, sku, ItemKind::Product, Uom::Pcs))
            .unwrap();
    }
    lw.define_location("STUDIO", "Studio shelf", LocationKind::Internal)
        .unwrap();
    for sku in &SKUS[..2] {
        lw.receive(Receipt::new(sku, "1000000 pcs".parse().unwrap()))
            .unwrap();
        let mut studio = Receipt::new(sku, "1000000 pcs".parse().unwrap());
        studio.lot = Some(format!("{sku}-STUDIO"));
        studio.location = Some("STUDIO".into());
        lw.receive(studio).unwrap();
    }
}

/// Places `count` orders from `seed` and moves some of them along.
fn build(lw: &Lotwise, clock: &FixedClock, seed: u64, count: usize) {
    define(lw);
    let mut rng = Rng(seed);
    for i in 0..count {
        // Several orders share a timestamp, so sort keys tie often.
        if rng.chance(30) {
            clock.set(clock.now() + Duration::minutes(rng.below(240) as i64));
        }
        let channel = *rng.pick(&CHANNELS);
        let currency = if rng.chance(70) { "USD" } else { "EUR" };
        let priced = rng.chance(85);
        let today = clock.now().date_naive();
        // Mostly candles (in stock) or mugs (never in stock); one order in
        // a hundred mixes both and ends up partly shipped. Few mixed orders
        // keep the engine's refill-on-cancel scan of waiting orders short.
        let kind = rng.below(100);
        let skus: Vec<&str> = match kind {
            0..87 => (0..1 + rng.below(3))
                .map(|_| *rng.pick(&SKUS[..2]))
                .collect(),
            87..99 => vec!["MUG"; 1 + rng.below(2)],
            _ => vec![*rng.pick(&SKUS[..2]), "MUG"],
        };
        let lines = skus
            .into_iter()
            .map(|sku| {
                let studio = sku != "MUG" && rng.chance(15);
                NewOrderLine {
                    sku: sku.into(),
                    qty: format!("{} pcs", 1 + rng.below(5)).parse().unwrap(),
                    unit_price: priced
                        .then(|| format!("{}.{:02} {currency}", 5 + rng.below(30), rng.below(100)))
                        .map(|p| p.parse().unwrap()),
                    requested_date: rng
                        .chance(70)
                        .then(|| today + Duration::days(rng.below(20) as i64 - 3)),
                    lot: studio.then(|| format!("{sku}-STUDIO")),
                    min_remaining_shelf_life_days: None,
                }
            })
            .collect();
        let tags = TAGS
            .iter()
            .filter(|_| rng.chance(20))
            .map(|t| t.to_string())
            .collect();
        let placed = lw
            .place_order(NewOrder {
                channel: channel.into(),
                external_ref: matches!(channel, "shopify" | "etsy")
                    .then(|| format!("{}", 5000 + i)),
                customer: Customer {
                    name: rng.pick(&NAMES).to_string(),
                    email: rng
                        .chance(60)
                        .then(|| format!("buyer{}@Example.com", rng.below(50))),
                    ..Default::default()
                },
                ship_to: None,
                lines,
                tags,
                notes: None,
            })
            .unwrap();
        let id = placed.order.id;
        let fate = rng.below(100);
        if fate < 55 {
            lw.confirm_order(&id).unwrap();
            if fate < 25 {
                // Ships what is in stock: all of it, or all but the mugs.
                let _ = lw.ship(
                    &id,
                    ShipRequest {
                        carrier: "USPS".into(),
                        tracking: format!("94{i}"),
                        ..Default::default()
                    },
                );
            }
        } else if fate < 60 {
            // Few: each cancel makes the engine re-scan waiting orders.
            lw.cancel_order(&id).unwrap();
        }
    }
}

/// The query semantics written out plainly, per order.
fn reference_match(
    o: &SalesOrder,
    q: &DeskQuery,
    today: NaiveDate,
    locations: &BTreeMap<String, BTreeSet<String>>,
) -> bool {
    let lower = |s: &str| s.to_lowercase();
    (q.statuses.is_empty() || q.statuses.contains(&o.status))
        && (q.channels.is_empty() || q.channels.contains(&o.channel))
        && (q.tags.is_empty()
            || q.tags
                .iter()
                .any(|t| o.tags.iter().any(|ot| lower(ot) == lower(t))))
        && q.delayed.is_none_or(|d| d == o.is_delayed(today))
        && q.needs_attention
            .is_none_or(|a| a != o.attention.is_empty())
        && q.placed_from.is_none_or(|f| o.placed_at.date_naive() >= f)
        && q.placed_to.is_none_or(|t| o.placed_at.date_naive() <= t)
        && q.location
            .as_ref()
            .is_none_or(|l| locations.get(&o.id).is_some_and(|set| set.contains(l)))
        && q.text.as_ref().is_none_or(|t| {
            let t = lower(t);
            lower(&o.id).contains(&t)
                || o.external_ref
                    .as_deref()
                    .is_some_and(|e| lower(e).contains(&t))
                || lower(&o.customer.name).contains(&t)
                || o.customer
                    .email
                    .as_deref()
                    .is_some_and(|e| lower(e).contains(&t))
                || o.lines.iter().any(|l| lower(&l.sku).contains(&t))
        })
}

fn due(o: &SalesOrder) -> Option<NaiveDate> {
    let date = |l: &OrderLine| l.promised_date.or(l.requested_date);
    o.lines
        .iter()
        .filter(|l| l.shipped < l.qty.value)
        .filter_map(date)
        .min()
        .or_else(|| o.lines.iter().filter_map(date).min())
}

fn reference_cmp(sort: DeskSort, a: &SalesOrder, b: &SalesOrder) -> Ordering {
    match sort {
        DeskSort::PlacedAtAsc => (a.placed_at, &a.id).cmp(&(b.placed_at, &b.id)),
        DeskSort::PlacedAtDesc => (b.placed_at, &b.id).cmp(&(a.placed_at, &a.id)),
        DeskSort::Status => (a.status, &a.id).cmp(&(b.status, &b.id)),
        DeskSort::Customer => {
            (a.customer.name.to_lowercase(), &a.id).cmp(&(b.customer.name.to_lowercase(), &b.id))
        }
        DeskSort::PromisedDate => {
            let key = |o: &SalesOrder| (due(o).is_none(), due(o));
            (key(a), &a.id).cmp(&(key(b), &b.id))
        }
    }
}

fn order_locations(lw: &Lotwise, orders: &[SalesOrder]) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in lw.reservations().unwrap() {
        if let Demand::OrderLine { order, .. } = r.demand {
            out.entry(order).or_default().insert(r.location);
        }
    }
    for o in orders {
        for s in lw.shipments_of_order(&o.id).unwrap() {
            for l in s.lines {
                out.entry(o.id.clone()).or_default().insert(l.location);
            }
        }
    }
    out
}

const SORTS: [DeskSort; 5] = [
    DeskSort::PlacedAtDesc,
    DeskSort::PlacedAtAsc,
    DeskSort::Status,
    DeskSort::Customer,
    DeskSort::PromisedDate,
];

fn random_query(rng: &mut Rng, today: NaiveDate) -> DeskQuery {
    let statuses = [
        OrderStatus::NeedsAttention,
        OrderStatus::Placed,
        OrderStatus::AwaitingMaterials,
        OrderStatus::ReadyToShip,
        OrderStatus::PartiallyShipped,
        OrderStatus::Shipped,
        OrderStatus::Cancelled,
    ];
    let texts = [
        "ada",
        "ÅNGSTRÖM",
        "so-0001",
        "mug",
        "example.com",
        "buyer1",
        "50",
        "zzz",
    ];
    let mut q = DeskQuery {
        sort: *rng.pick(&SORTS),
        ..Default::default()
    };
    if rng.chance(40) {
        q.statuses = statuses
            .iter()
            .filter(|_| rng.chance(35))
            .copied()
            .collect();
    }
    if rng.chance(40) {
        q.channels = CHANNELS
            .iter()
            .filter(|_| rng.chance(50))
            .map(|c| c.to_string())
            .collect();
    }
    if rng.chance(30) {
        q.tags = vec![rng.pick(&TAGS).to_uppercase()];
    }
    if rng.chance(30) {
        q.delayed = Some(rng.chance(50));
    }
    if rng.chance(20) {
        q.needs_attention = Some(rng.chance(50));
    }
    if rng.chance(30) {
        q.placed_from = Some(today - Duration::days(rng.below(40) as i64));
    }
    if rng.chance(20) {
        q.placed_to = Some(today - Duration::days(rng.below(20) as i64));
        if let (Some(f), Some(t)) = (q.placed_from, q.placed_to) {
            if t < f {
                q.placed_to = Some(f);
            }
        }
    }
    if rng.chance(25) {
        q.location = Some((*rng.pick(&["MAIN", "STUDIO"])).into());
    }
    if rng.chance(35) {
        q.text = Some((*rng.pick(&texts)).into());
    }
    q
}

fn ids(page: &[lotwise::DeskRow]) -> Vec<String> {
    page.iter().map(|r| r.id.clone()).collect()
}

/// A small world of its own for commands, so the shared one stays read-only.
fn small() -> (Lotwise, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::at(start()));
    let lw = Lotwise::with_store(Box::new(store_with_attention_orders()), clock.clone()).unwrap();
    build(&lw, &clock, 11, 60);
    (lw, clock)
}
