//! Fuzzing every channel importer with proptest: arbitrary bytes, byte-level
//! mutations of the fixtures, and structural mutations (a field of a fixture
//! replaced by a value of the wrong type, size or sign, or removed). An
//! importer must never panic: it returns orders that hold together, or
//! `invalid_payload` for its own channel.
//!
//! `LOTWISE_FUZZ_CASES` sets the total number of cases across all targets
//! (CI sets 100000); the default is small for local runs.

use std::sync::OnceLock;

use lotwise::channels::hmac::{shopify_hmac_base64, verify_shopify_hmac, verify_shopify_webhook};
use lotwise::channels::{csv, etsy, shopify, Channel, ChannelOrder, LineMapping, SkuMap};
use lotwise::{Error, Uom};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Value};

const SHOPIFY: [&[u8]; 6] = [
    include_bytes!("fixtures/channels/shopify/orders_create_simple.json"),
    include_bytes!("fixtures/channels/shopify/orders_updated.json"),
    include_bytes!("fixtures/channels/shopify/orders_create_multi.json"),
    include_bytes!("fixtures/channels/shopify/orders_create_presentment_eur.json"),
    include_bytes!("fixtures/channels/shopify/orders_cancelled.json"),
    include_bytes!("fixtures/channels/shopify/orders_create_no_sku.json"),
];
const ETSY_RECEIPT: &[u8] = include_bytes!("fixtures/channels/etsy/receipt_gift_message.json");
const ETSY_PAGE: &[u8] = include_bytes!("fixtures/channels/etsy/receipts_page1.json");
const WHOLESALE: &[u8] = include_bytes!("fixtures/channels/csv/wholesale_orders.csv");

/// Number of proptest targets below; the case budget is split among them.
const TARGETS: u32 = 12;

/// Cases per target: `LOTWISE_FUZZ_CASES` (total across targets) / targets.
fn config() -> ProptestConfig {
    let total: u32 = std::env::var("LOTWISE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1_300);
    ProptestConfig {
        cases: (total / TARGETS).max(1),
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    }
}

fn map() -> &'static SkuMap {
    static MAP: OnceLock<SkuMap> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = SkuMap::new();
        for sku in [
            "CANDLE-LAV-200",
            "CANDLE-CED-200",
            "SOAP-OAT-100",
            "SOAP-ROS-100",
            "BALM-LIP-15",
        ] {
            map.add_item(sku, Uom::Pcs);
        }
        map.add_item("WAX-MELT", Uom::G);
        map
    })
}

#[derive(Clone, Copy, Debug)]
enum Importer {
    Shopify,
    EtsyReceipt,
    EtsyPage,
    Csv,
}

impl Importer {
    fn channel(self) -> Channel {
        match self {
            Importer::Shopify => Channel::Shopify,
            Importer::EtsyReceipt | Importer::EtsyPage => Channel::Etsy,
            Importer::Csv => Channel::Csv,
        }
    }
}

/// Runs an importer; checks that an error is `invalid_payload` of its channel
/// and that every order returned holds together. Returns the orders' count.
fn run(importer: Importer, body: &[u8]) -> usize {
    let channel = importer.channel();
    let result: Result<Vec<Result<ChannelOrder, Error>>, Error> = match importer {
        Importer::Shopify => shopify::parse_order(body, map()).map(|o| vec![Ok(o)]),
        Importer::EtsyReceipt => etsy::parse_receipt(body, map()).map(|o| vec![Ok(o)]),
        Importer::EtsyPage => etsy::parse_receipts_page(body, map()).map(|p| p.orders),
        Importer::Csv => csv::parse_csv(body, map()).map(|o| o.into_iter().map(Ok).collect()),
    };
    let mut ok = 0;
    for r in result.unwrap_or_else(|e| vec![Err(e)]) {
        match r {
            Ok(order) => {
                check_order(&order, channel);
                ok += 1;
            }
            Err(Error::InvalidPayload {
                channel: c,
                field,
                reason,
            }) => {
                assert_eq!(c, channel.as_str());
                assert!(!field.is_empty() && !reason.is_empty());
            }
            Err(other) => panic!("{importer:?}: expected invalid_payload, got {other:?}"),
        }
    }
    ok
}

/// What every imported order must satisfy.
fn check_order(o: &ChannelOrder, channel: Channel) {
    assert_eq!(o.channel, channel);
    assert_eq!(o.new_order.channel, channel.as_str());
    assert_eq!(
        o.new_order.external_ref.as_deref(),
        Some(o.external_id.as_str())
    );
    assert!(!o.lines.is_empty(), "an order has lines");
    let name = &o.new_order.customer.name;
    assert!(
        !name.trim().is_empty() && name.chars().count() <= 200,
        "customer {name:?}"
    );
    let mut next = 0;
    let mut ids = std::collections::HashSet::new();
    for line in &o.lines {
        assert!(
            ids.insert(&line.external_id),
            "duplicate line id {}",
            line.external_id
        );
        if let LineMapping::Mapped { index } = line.mapping {
            assert_eq!(index, next, "mapped lines keep payload order");
            next += 1;
            let placed = &o.new_order.lines[index];
            assert!(placed.qty.value > 0.into());
            if let Some(price) = &placed.unit_price {
                assert_eq!(price.currency, o.currency);
                assert!(price.amount >= 0.into());
            }
        }
    }
    assert_eq!(next, o.new_order.lines.len());
    // What the engine would store reads back the same.
    let text = serde_json::to_string(o).expect("serializes");
    let back: ChannelOrder = serde_json::from_str(&text).expect("deserializes");
    assert_eq!(&back, o);
}

// ---- byte-level mutation ----------------------------------------------------

/// Fragments that break JSON and CSV in interesting ways.
const TOKENS: &[&str] = &[
    "1.5",
    "-1",
    "0",
    "null",
    "true",
    "\"\"",
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "1e999",
    "-0.0",
    "18446744073709551616",
    "9007199254740993",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "é",
    "&#39;",
    "&amp;",
    "\n",
    "\r\n",
    ",,,",
    "\"a,b\"",
    "\"\"\"",
    "2026-13-45",
    "-",
    ".",
    "\u{feff}",
];

#[derive(Clone, Debug)]
enum Op {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, &'static str),
    Truncate(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Op::Flip(p, b)),
        (any::<usize>(), 1usize..64).prop_map(|(p, n)| Op::Delete(p, n)),
        (any::<usize>(), select(TOKENS)).prop_map(|(p, t)| Op::Insert(p, t)),
        any::<usize>().prop_map(Op::Truncate),
    ]
}

fn mutate(base: &[u8], ops: &[Op]) -> Vec<u8> {
    let mut b = base.to_vec();
    for op in ops {
        let len = b.len().max(1);
        match op {
            Op::Flip(p, v) => {
                if !b.is_empty() {
                    b[p % len] = *v;
                }
            }
            Op::Delete(p, n) => {
                let start = (p % len).min(b.len());
                let end = (start + n).min(b.len());
                b.drain(start..end);
            }
            Op::Insert(p, t) => {
                let at = (p % len).min(b.len());
                b.splice(at..at, t.bytes());
            }
            Op::Truncate(p) => b.truncate(p % len),
        }
    }
    b
}

// ---- structural mutation --------------------------------------------------

#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

/// Every path to a value in `v`.
fn paths(v: &Value, prefix: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                prefix.push(Seg::Key(k.clone()));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                prefix.push(Seg::Index(i));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

/// A parsed fixture and all its paths, computed once.
struct Parsed {
    value: Value,
    paths: Vec<Vec<Seg>>,
}

/// The top-level Shopify fields the importer reads. The structural fuzzer
/// mutates a fixture pruned to these: edits elsewhere would only test
/// serde_json, and a smaller body makes every case cheaper.
const SHOPIFY_READ: &[&str] = &[
    "id",
    "name",
    "order_number",
    "currency",
    "presentment_currency",
    "cancelled_at",
    "cancel_reason",
    "created_at",
    "updated_at",
    "financial_status",
    "fulfillment_status",
    "fulfillments",
    "customer",
    "email",
    "contact_email",
    "shipping_address",
    "billing_address",
    "line_items",
    "shipping_lines",
    "tags",
    "note",
    "note_attributes",
    "test",
    "total_line_items_price",
    "total_line_items_price_set",
    "total_discounts",
    "total_discounts_set",
    "total_shipping_price_set",
    "total_tax",
    "total_tax_set",
    "total_price",
    "total_price_set",
];

fn parsed(body: &'static [u8], cell: &'static OnceLock<Parsed>) -> &'static Parsed {
    cell.get_or_init(|| {
        let mut value: Value = serde_json::from_slice(body).expect("fixture parses");
        if let Some(order) = value
            .as_object_mut()
            .filter(|o| o.contains_key("line_items"))
        {
            order.retain(|k, _| SHOPIFY_READ.contains(&k.as_str()));
        }
        let mut out = Vec::new();
        paths(&value, &mut Vec::new(), &mut out);
        Parsed { value, paths: out }
    })
}

/// Text of up to `max` arbitrary characters. (Built from chars rather than
/// a regex strategy, which proptest would recompile for every case.)
fn any_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..=max).prop_map(String::from_iter)
}

/// Text that looks like a number, or almost.
fn numeric_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(select(b"0123456789.eE+-".as_slice()), 0..=max)
        .prop_map(|b| b.into_iter().map(char::from).collect())
}

/// Values of the wrong type, sign, size or shape.
fn weird() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        numeric_text(48).prop_map(Value::from),
        any_text(24).prop_map(Value::from),
        (190usize..1_200).prop_map(|n| Value::from("é".repeat(n))),
        (9_000usize..12_000).prop_map(|n| Value::from("x".repeat(n))),
        Just(json!([])),
        Just(json!({})),
        Just(json!([{}])),
        Just(json!({"amount": 1, "divisor": 0, "currency_code": "USD"})),
        Just(json!({"amount": "7", "divisor": 100, "currency_code": "USD"})),
        Just(json!({"shop_money": {"amount": "1.00", "currency_code": "EUR"}})),
        Just(json!([{"name": {}, "value": []}])),
    ]
}

#[derive(Clone, Debug)]
enum Edit {
    Replace(usize, Value),
    Remove(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), weird()).prop_map(|(p, v)| Edit::Replace(p, v)),
        1 => any::<usize>().prop_map(Edit::Remove),
    ]
}

/// Applies edits (paths picked by index among the fixture's paths; a path
/// that an earlier edit removed is skipped).
fn apply(p: &Parsed, edits: &[Edit]) -> Vec<u8> {
    let mut v = p.value.clone();
    for e in edits {
        let (i, new) = match e {
            Edit::Replace(i, new) => (*i, Some(new.clone())),
            Edit::Remove(i) => (*i, None),
        };
        let path = &p.paths[i % p.paths.len()];
        let Some((last, parent)) = path.split_last() else {
            if let Some(new) = new {
                v = new;
            }
            continue;
        };
        let pointer: String = parent
            .iter()
            .map(|seg| match seg {
                Seg::Key(k) => format!("/{}", k.replace('~', "~0").replace('/', "~1")),
                Seg::Index(i) => format!("/{i}"),
            })
            .collect();
        let Some(cur) = v.pointer_mut(&pointer) else {
            continue;
        };
        match (last, new, cur) {
            (Seg::Key(k), Some(new), Value::Object(m)) => {
                m.insert(k.clone(), new);
            }
            (Seg::Key(k), None, Value::Object(m)) => {
                m.remove(k);
            }
            (Seg::Index(i), Some(new), Value::Array(a)) if *i < a.len() => a[*i] = new,
            (Seg::Index(i), None, Value::Array(a)) if *i < a.len() => {
                a.remove(*i);
            }
            _ => {}
        }
    }
    serde_json::to_vec(&v).expect("serializes")
}

static SHOPIFY_PARSED: [OnceLock<Parsed>; 6] = [
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
];
static ETSY_RECEIPT_PARSED: OnceLock<Parsed> = OnceLock::new();
static ETSY_PAGE_PARSED: OnceLock<Parsed> = OnceLock::new();

/// CSV cells: the fixture's rows as fields, one of them replaced.
fn csv_with(rows: &[Vec<String>]) -> Vec<u8> {
    let quote = |f: &String| {
        if f.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.clone()
        }
    };
    let mut out = String::new();
    for row in rows {
        out.push_str(&row.iter().map(quote).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out.into_bytes()
}

fn wholesale_rows() -> Vec<Vec<String>> {
    static ROWS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(WHOLESALE);
        reader
            .records()
            .map(|r| {
                r.expect("fixture parses")
                    .iter()
                    .map(str::to_string)
                    .collect()
            })
            .collect()
    })
    .clone()
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        numeric_text(12),
        any_text(16),
        Just(String::new()),
        Just("0".to_string()),
        Just("-1".to_string()),
        Just("1,200.00".to_string()),
        Just("\"quoted\"".to_string()),
        Just("line\nbreak".to_string()),
        Just("2026-02-30".to_string()),
        Just("WAX-MELT".to_string()),
        Just("WH-2026-0117".to_string()),
        (60usize..300).prop_map(|n| "x".repeat(n)),
    ]
}

#[test]
fn unmutated_fixtures_import() {
    // The baseline of the structural fuzzers: with no edit, every fixture imports.
    for (which, body) in SHOPIFY.iter().enumerate() {
        assert_eq!(
            run(
                Importer::Shopify,
                &apply(parsed(body, &SHOPIFY_PARSED[which]), &[])
            ),
            1
        );
    }
    assert_eq!(
        run(
            Importer::EtsyReceipt,
            &apply(parsed(ETSY_RECEIPT, &ETSY_RECEIPT_PARSED), &[])
        ),
        1
    );
    assert_eq!(
        run(
            Importer::EtsyPage,
            &apply(parsed(ETSY_PAGE, &ETSY_PAGE_PARSED), &[])
        ),
        2
    );
    assert_eq!(run(Importer::Csv, &csv_with(&wholesale_rows())), 2);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn shopify_arbitrary_bytes(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        run(Importer::Shopify, &body);
    }

    #[test]
    fn etsy_receipt_arbitrary_bytes(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        run(Importer::EtsyReceipt, &body);
    }

    #[test]
    fn etsy_page_arbitrary_bytes(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        run(Importer::EtsyPage, &body);
    }

    #[test]
    fn csv_arbitrary_bytes(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        run(Importer::Csv, &body);
    }

    #[test]
    fn shopify_mutated_bytes(which in 0usize..6, ops in proptest::collection::vec(op(), 1..6)) {
        run(Importer::Shopify, &mutate(SHOPIFY[which], &ops));
    }

    #[test]
    fn etsy_mutated_bytes(page in any::<bool>(), ops in proptest::collection::vec(op(), 1..6)) {
        if page {
            run(Importer::EtsyPage, &mutate(ETSY_PAGE, &ops));
        } else {
            run(Importer::EtsyReceipt, &mutate(ETSY_RECEIPT, &ops));
        }
    }

    #[test]
    fn csv_mutated_bytes(ops in proptest::collection::vec(op(), 1..8)) {
        run(Importer::Csv, &mutate(WHOLESALE, &ops));
    }

    #[test]
    fn shopify_mutated_fields(which in 0usize..6, edits in proptest::collection::vec(edit(), 1..4)) {
        let p = parsed(SHOPIFY[which], &SHOPIFY_PARSED[which]);
        run(Importer::Shopify, &apply(p, &edits));
    }

    #[test]
    fn etsy_receipt_mutated_fields(edits in proptest::collection::vec(edit(), 1..4)) {
        let p = parsed(ETSY_RECEIPT, &ETSY_RECEIPT_PARSED);
        run(Importer::EtsyReceipt, &apply(p, &edits));
    }

    #[test]
    fn etsy_page_mutated_fields(edits in proptest::collection::vec(edit(), 1..4)) {
        let p = parsed(ETSY_PAGE, &ETSY_PAGE_PARSED);
        run(Importer::EtsyPage, &apply(p, &edits));
    }

    #[test]
    fn csv_mutated_cells(
        cells in proptest::collection::vec((0usize..6, 0usize..7, cell()), 1..4),
        drop_row in proptest::option::of(0usize..6),
    ) {
        let mut rows = wholesale_rows();
        for (r, c, v) in cells {
            rows[r][c] = v;
        }
        if let Some(r) = drop_row {
            rows.remove(r);
        }
        run(Importer::Csv, &csv_with(&rows));
    }

    #[test]
    fn hmac_never_panics_and_verifies_its_own_signature(
        secret in proptest::collection::vec(any::<u8>(), 0..80),
        body in proptest::collection::vec(any::<u8>(), 0..256),
        signature in prop_oneof![any_text(64), numeric_text(64)],
        header_name in prop_oneof![any_text(24), Just("x-shopify-hmac-sha256".to_string())],
    ) {
        let own = shopify_hmac_base64(&secret, &body);
        prop_assert_eq!(verify_shopify_hmac(&secret, &body, &own), !secret.is_empty());
        // An arbitrary signature almost never matches; it must just not panic.
        let _ = verify_shopify_hmac(&secret, &body, &signature);
        let headers = [(header_name.as_str(), signature.as_str())];
        let verdict = verify_shopify_webhook(&secret, headers, &body);
        if let Err(e) = verdict {
            prop_assert_eq!(e.code(), "invalid_payload");
        }
    }
}
