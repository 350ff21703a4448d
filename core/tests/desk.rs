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
        };
        tx.put_order(&order).unwrap();
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

#[test]
fn filters_combine_like_a_plain_filter_over_orders() {
    let w = world();
    let orders = w.lw.orders().unwrap();
    assert_eq!(orders.len(), ORDERS + ATTENTION_ORDERS as usize);
    let locations = order_locations(&w.lw, &orders);
    // The data set reaches every filter value at least once.
    let statuses: BTreeSet<OrderStatus> = orders.iter().map(|o| o.status).collect();
    for s in [
        OrderStatus::NeedsAttention,
        OrderStatus::Placed,
        OrderStatus::AwaitingMaterials,
        OrderStatus::ReadyToShip,
        OrderStatus::PartiallyShipped,
        OrderStatus::Shipped,
        OrderStatus::Cancelled,
    ] {
        assert!(statuses.contains(&s), "no order is {s}");
    }
    assert!(orders.iter().any(|o| o.is_delayed(w.today)));
    assert!(locations.values().any(|l| l.contains("STUDIO")));

    let mut rng = Rng(99);
    let mut non_trivial = 0;
    for _ in 0..150 {
        let q = random_query(&mut rng, w.today);
        let mut expected: Vec<&SalesOrder> = orders
            .iter()
            .filter(|o| reference_match(o, &q, w.today, &locations))
            .collect();
        expected.sort_by(|a, b| reference_cmp(q.sort, a, b));
        let expected: Vec<String> = expected.iter().map(|o| o.id.clone()).collect();
        let page = w.lw.desk(&q).unwrap();
        assert_eq!(ids(&page.orders), expected, "{q:?}");
        assert_eq!(page.total, expected.len());
        assert!(page.next_cursor.is_none());
        if !expected.is_empty() && expected.len() < orders.len() {
            non_trivial += 1;
        }
    }
    // Most queries select a proper, non-empty subset.
    assert!(non_trivial > 75, "only {non_trivial} informative queries");
}

fn all_pages(lw: &Lotwise, q: &DeskQuery) -> Vec<String> {
    let mut q = q.clone();
    let mut out = Vec::new();
    loop {
        let page = lw.desk(&q).unwrap();
        assert!(page.orders.len() <= q.limit.unwrap_or(usize::MAX));
        out.extend(ids(&page.orders));
        // A cursor that does not advance must fail, not loop forever.
        assert!(out.len() <= page.total, "pages repeat rows");
        match page.next_cursor {
            Some(c) => {
                assert!(!page.orders.is_empty());
                q.cursor = Some(c);
            }
            None => return out,
        }
    }
}

#[test]
fn pages_concatenate_to_the_unpaginated_list() {
    let w = world();
    for sort in SORTS {
        let whole = DeskQuery {
            sort,
            ..Default::default()
        };
        let expected = ids(&w.lw.desk(&whole).unwrap().orders);
        assert_eq!(expected.len(), ORDERS + ATTENTION_ORDERS as usize);
        for limit in [97, 1000] {
            let q = DeskQuery {
                limit: Some(limit),
                ..whole.clone()
            };
            let got = all_pages(&w.lw, &q);
            assert_eq!(got, expected, "{sort:?} in pages of {limit}");
        }
        // Page by page through a filtered subset, where ties are dense.
        let narrow = DeskQuery {
            channels: vec!["etsy".into()],
            statuses: vec![OrderStatus::Cancelled, OrderStatus::PartiallyShipped],
            sort,
            ..Default::default()
        };
        let expected = ids(&w.lw.desk(&narrow).unwrap().orders);
        assert!(expected.len() > 30, "{}", expected.len());
        let one_by_one = DeskQuery {
            limit: Some(1),
            ..narrow
        };
        assert_eq!(
            all_pages(&w.lw, &one_by_one),
            expected,
            "{sort:?} one by one"
        );
    }
}

#[test]
fn a_cursor_is_tied_to_its_sort_and_the_same_query_gives_the_same_page() {
    let w = world();
    let q = DeskQuery {
        sort: DeskSort::Status,
        limit: Some(25),
        ..Default::default()
    };
    let first = w.lw.desk(&q).unwrap();
    assert_eq!(first, w.lw.desk(&q).unwrap());
    let cursor = first.next_cursor.unwrap();
    let wrong = DeskQuery {
        sort: DeskSort::Customer,
        cursor: Some(cursor),
        ..q
    };
    let err = w.lw.desk(&wrong).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}

/// A small world of its own for commands, so the shared one stays read-only.
fn small() -> (Lotwise, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::at(start()));
    let lw = Lotwise::with_store(Box::new(store_with_attention_orders()), clock.clone()).unwrap();
    build(&lw, &clock, 11, 60);
    (lw, clock)
}

#[test]
fn keyset_pages_neither_repeat_nor_skip_when_orders_arrive_between_pages() {
    let (lw, clock) = small();
    let q = DeskQuery {
        sort: DeskSort::PlacedAtAsc,
        limit: Some(10),
        ..Default::default()
    };
    let before = ids(&lw
        .desk(&DeskQuery {
            limit: None,
            ..q.clone()
        })
        .unwrap()
        .orders);
    let first = lw.desk(&q).unwrap();
    clock.advance_days(1);
    let newest = lw
        .place_order(NewOrder {
            channel: "manual".into(),
            external_ref: None,
            customer: Customer {
                name: "Late Comer".into(),
                email: None,
            },
            ship_to: None,
            lines: vec![NewOrderLine {
                sku: "MUG".into(),
                qty: "1 pcs".parse().unwrap(),
                unit_price: None,
                requested_date: None,
                lot: None,
                min_remaining_shelf_life_days: None,
            }],
            tags: vec![],
            notes: None,
        })
        .unwrap()
        .order
        .id;
    let mut got = ids(&first.orders);
    got.extend(all_pages(
        &lw,
        &DeskQuery {
            cursor: first.next_cursor,
            ..q
        },
    ));
    let mut expected = before;
    expected.push(newest);
    assert_eq!(got, expected);
}

#[test]
fn bulk_actions_report_each_order_and_keep_going_past_failures() {
    let (lw, _) = small();
    let orders = lw.orders().unwrap();
    let placed: Vec<String> = orders
        .iter()
        .filter(|o| o.status == OrderStatus::Placed)
        .map(|o| o.id.clone())
        .take(3)
        .collect();
    let shipped = orders
        .iter()
        .find(|o| o.status == OrderStatus::Shipped)
        .unwrap()
        .id
        .clone();
    let flagged = orders
        .iter()
        .find(|o| o.status == OrderStatus::NeedsAttention)
        .unwrap()
        .id
        .clone();
    assert_eq!(placed.len(), 3);
    let asked = vec![
        placed[0].clone(),
        shipped.clone(),
        "SO-999999".to_string(),
        placed[1].clone(),
        placed[0].clone(),
        flagged.clone(),
    ];
    let shipped_before = lw.order(&shipped).unwrap();
    let results = lw.bulk_confirm(&asked);
    let summary: Vec<(String, Option<&str>)> = results
        .iter()
        .map(|r| {
            let code = match &r.outcome {
                BulkOutcome::Ok { .. } => None,
                BulkOutcome::Error { code, .. } => Some(code.as_str()),
            };
            (r.order.clone(), code)
        })
        .collect();
    // One result per distinct id, in the order given.
    assert_eq!(
        summary,
        vec![
            (placed[0].clone(), None),
            (shipped.clone(), Some("invalid_transition")),
            ("SO-999999".to_string(), Some("unknown_order")),
            (placed[1].clone(), None),
            (flagged.clone(), Some("invalid_transition")),
        ]
    );
    for id in [&placed[0], &placed[1]] {
        assert!(lw.order(id).unwrap().confirmed_at.is_some());
    }
    assert_eq!(lw.order(&shipped).unwrap(), shipped_before);
    assert_eq!(lw.order(&placed[2]).unwrap().status, OrderStatus::Placed);
    if let BulkOutcome::Error { message, .. } = &results[2].outcome {
        assert!(message.contains("SO-999999"), "{message}");
    }

    // Cancel: the shipped order refuses, the others go.
    let results = lw.bulk_cancel(&[placed[2].clone(), shipped.clone(), placed[0].clone()]);
    let ok: Vec<bool> = results.iter().map(|r| r.is_ok()).collect();
    assert_eq!(ok, vec![true, false, true]);
    assert_eq!(
        results[0].outcome,
        BulkOutcome::Ok {
            status: OrderStatus::Cancelled
        }
    );
    assert_eq!(lw.order(&placed[0]).unwrap().status, OrderStatus::Cancelled);
    assert_eq!(lw.order(&shipped).unwrap().status, OrderStatus::Shipped);

    // Tag: works on any status; an unknown order fails alone.
    let results = lw.bulk_tag(
        &[shipped.clone(), "SO-999999".into(), flagged.clone()],
        "recall-check",
    );
    let ok: Vec<bool> = results.iter().map(|r| r.is_ok()).collect();
    assert_eq!(ok, vec![true, false, true]);
    let tagged = lw
        .desk(&DeskQuery {
            tags: vec!["RECALL-CHECK".into()],
            ..Default::default()
        })
        .unwrap();
    let mut got = ids(&tagged.orders);
    got.sort();
    let mut want = vec![shipped.clone(), flagged.clone()];
    want.sort();
    assert_eq!(got, want);
    // A bad tag fails for every order and changes nothing.
    let results = lw.bulk_tag(std::slice::from_ref(&shipped), "a,b");
    assert!(
        matches!(&results[0].outcome, BulkOutcome::Error { code, .. } if code == "invalid_input")
    );
}

#[test]
fn tags_and_notes_are_single_transactions_with_events() {
    let (lw, _) = small();
    let id = lw.orders().unwrap()[45].id.clone();
    let seq = |lw: &Lotwise| lw.events_after(0, usize::MAX).unwrap().len();
    let before = seq(&lw);
    let had = lw.order(&id).unwrap().tags;
    let o = lw.tag_order(&id, "  Fragile ").unwrap();
    assert_eq!(o.tags.len(), had.len() + 1);
    assert!(o.tags.contains(&"Fragile".to_string()));
    // The same tag in another case is already there: nothing happens.
    lw.tag_order(&id, "FRAGILE").unwrap();
    assert_eq!(seq(&lw), before + 1);
    let events = lw.events_after(before as u64, 10).unwrap();
    assert_eq!(events[0].kind, "order_tagged");
    assert_eq!(events[0].subject, id);
    assert_eq!(events[0].data["tag"], "Fragile");

    let o = lw.untag_order(&id, "fragile").unwrap();
    assert_eq!(o.tags, had);
    lw.untag_order(&id, "fragile").unwrap();
    assert_eq!(seq(&lw), before + 2);

    let o = lw
        .set_order_note(&id, Some("Leave at the back door"))
        .unwrap();
    assert_eq!(o.notes.as_deref(), Some("Leave at the back door"));
    lw.set_order_note(&id, Some("Leave at the back door"))
        .unwrap();
    assert_eq!(seq(&lw), before + 3);
    let o = lw.set_order_note(&id, Some("  ")).unwrap();
    assert_eq!(o.notes, None);
    let last = lw.events_after(0, usize::MAX).unwrap().pop().unwrap();
    assert_eq!(
        (last.kind.as_str(), last.data["note"].is_null()),
        ("order_note_set", true)
    );

    // Failures change nothing.
    let snapshot = lw.snapshot().unwrap();
    assert_eq!(
        lw.tag_order("SO-999999", "x").unwrap_err().code(),
        "unknown_order"
    );
    assert_eq!(lw.tag_order(&id, "").unwrap_err().code(), "invalid_input");
    let long = "n".repeat(10_001);
    assert_eq!(
        lw.set_order_note(&id, Some(&long)).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(lw.snapshot().unwrap(), snapshot);
    assert!(lw.check_invariants().unwrap().is_empty());
}
