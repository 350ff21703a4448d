//! The order desk: every order in one list, filtered, sorted and paged.
//!
//! Pure: the engine hands [`run_query`] every order with the locations its
//! stock is reserved at or shipped from; the query filters and sorts the
//! orders themselves and builds a [`DeskRow`] only for the rows of the page.
//!
//! Pagination is keyset-based: a cursor encodes the sort key and id of the
//! last row shown, and the next page starts strictly after that pair in a
//! total order (the id breaks every tie). Pages therefore never repeat or
//! skip a row, even when many rows share a sort key.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::delay::OrderDelay;
use super::money::Money;
use super::order::{OrderStatus, SalesOrder};
use crate::error::{Error, Result};

mod cursor;
mod edit;

use cursor::{compare, decode_cursor, encode_cursor, sort_key, Cursor, SortKey};
pub use edit::{has_tag, normalize_note, normalize_tag, BulkOutcome, BulkResult};

/// The largest page a desk query returns.
pub const MAX_PAGE: usize = 1000;
/// The longest search text accepted.
pub const MAX_TEXT: usize = 200;
/// The longest tag accepted, in characters.
pub const MAX_TAG: usize = 64;
/// The longest note accepted, in characters.
pub const MAX_NOTE: usize = 10_000;

/// How desk rows are ordered. Every order breaks ties by order id.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DeskSort {
    /// Newest first (ties: higher id first).
    #[default]
    PlacedAtDesc,
    /// Oldest first.
    PlacedAtAsc,
    /// By progress: needs attention, placed, …, shipped, cancelled.
    Status,
    /// By customer name, case-insensitively.
    Customer,
    /// Soonest promised (else requested) date first; orders without one last.
    PromisedDate,
}

/// A desk query. Each list matches any of its values; empty lists and
/// `None` do not filter; all filters combine with AND.
///
/// ```
/// use lotwise::{DeskQuery, DeskSort, OrderStatus};
/// let q = DeskQuery {
///     statuses: vec![OrderStatus::Placed],
///     text: Some("ada".into()),
///     sort: DeskSort::Customer,
///     limit: Some(50),
///     ..Default::default()
/// };
/// assert!(q.cursor.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DeskQuery {
    /// Orders in any of these statuses.
    pub statuses: Vec<OrderStatus>,
    /// Orders from any of these channels (exact).
    pub channels: Vec<String>,
    /// Orders carrying any of these tags (case-insensitive).
    pub tags: Vec<String>,
    /// Only delayed (`true`) or only not delayed (`false`) orders.
    pub delayed: Option<bool>,
    /// Only orders needing attention (`true`) or only the others (`false`).
    pub needs_attention: Option<bool>,
    /// Placed on or after this day (UTC).
    pub placed_from: Option<NaiveDate>,
    /// Placed on or before this day (UTC).
    pub placed_to: Option<NaiveDate>,
    /// Orders with stock reserved for them or shipped from this location.
    pub location: Option<String>,
    /// Orders of this customer (`CU-000001`; a merged-away id is not
    /// followed: give the kept one).
    pub customer: Option<String>,
    /// Orders of the customers a segment holds now (its code).
    pub segment: Option<String>,
    /// Only held orders (`true`) or only orders not held (`false`).
    pub held: Option<bool>,
    /// Case-insensitive substring of the order id, external ref, customer
    /// name, e-mail or any line's SKU.
    pub text: Option<String>,
    /// Row order.
    pub sort: DeskSort,
    /// Page size, 1 to [`MAX_PAGE`]; every matching row when `None`.
    pub limit: Option<usize>,
    /// `next_cursor` of the previous page, to continue after it.
    pub cursor: Option<String>,
}

/// One order as the desk lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DeskRow {
    /// Order id.
    pub id: String,
    /// Channel.
    pub channel: String,
    /// Channel's order id.
    pub external_ref: Option<String>,
    /// Customer name.
    pub customer: String,
    /// Customer e-mail.
    pub email: Option<String>,
    /// Status.
    pub status: OrderStatus,
    /// When placed.
    pub placed_at: DateTime<Utc>,
    /// Earliest promised (else requested) date of a line still open; of
    /// any line when all have shipped.
    pub promised_date: Option<NaiveDate>,
    /// Late: projected to arrive after its promised date (see `delay`),
    /// or a promised or requested date has passed with goods unshipped.
    pub delayed: bool,
    /// The late lines and why, when `check_delays` found the order late.
    pub delay: Option<OrderDelay>,
    /// Imported with problems a person must resolve.
    pub needs_attention: bool,
    /// The problems.
    pub attention: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Note.
    pub notes: Option<String>,
    /// Distinct SKUs ordered, in line order.
    pub skus: Vec<String>,
    /// Number of lines.
    pub lines: usize,
    /// Σ qty × unit price of the priced lines; `None` when no line has a price.
    pub total: Option<Money>,
    /// Locations with stock reserved for or shipped to the order, sorted.
    pub locations: Vec<String>,
}

impl DeskRow {
    /// The row of `order` on `today`, given the locations its stock is
    /// reserved at or shipped from.
    pub fn new(order: &SalesOrder, locations: &BTreeSet<String>, today: NaiveDate) -> DeskRow {
        let mut skus: Vec<String> = Vec::new();
        for l in &order.lines {
            if !skus.contains(&l.sku) {
                skus.push(l.sku.clone());
            }
        }
        DeskRow {
            id: order.id.clone(),
            channel: order.channel.clone(),
            external_ref: order.external_ref.clone(),
            customer: order.customer.name.clone(),
            email: order.customer.email.clone(),
            status: order.status,
            placed_at: order.placed_at,
            promised_date: due_date(order),
            delayed: order.is_delayed(today),
            delay: order.delay.clone(),
            needs_attention: needs_attention(order),
            attention: order.attention.clone(),
            tags: order.tags.clone(),
            notes: order.notes.clone(),
            skus,
            lines: order.lines.len(),
            total: order_total(order),
            locations: locations.iter().cloned().collect(),
        }
    }
}

/// Earliest promised (else requested) date of a line still open; of any
/// line when all have shipped.
pub fn due_date(order: &SalesOrder) -> Option<NaiveDate> {
    let date = |l: &super::order::OrderLine| l.promised_date.or(l.requested_date);
    order
        .lines
        .iter()
        .filter(|l| l.open() > rust_decimal::Decimal::ZERO)
        .filter_map(date)
        .min()
        .or_else(|| order.lines.iter().filter_map(date).min())
}

/// Whether an order waits for a person: flagged at import and not yet
/// resolved, or held for review.
pub fn needs_attention(order: &SalesOrder) -> bool {
    order.status == OrderStatus::NeedsAttention
        || !order.attention.is_empty()
        || order.hold.is_some()
}

/// Σ qty × unit price of the priced lines, or `None` when no line has a
/// price or (which `place_order` prevents) the lines mix currencies.
pub fn order_total(order: &SalesOrder) -> Option<Money> {
    let mut total: Option<Money> = None;
    for line in &order.lines {
        if let Some(price) = &line.unit_price {
            let amount = price.times(line.qty.value);
            total = Some(match total {
                None => amount,
                Some(t) => t.checked_add(&amount).ok()?,
            });
        }
    }
    // Summed exactly, rounded once to the currency's minor unit.
    total.map(|m| m.total())
}

/// One page of desk rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DeskPage {
    /// The rows, in the query's order.
    pub orders: Vec<DeskRow>,
    /// How many rows match the filters, over all pages.
    pub total: usize,
    /// Pass as `cursor` for the next page; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// Checks a query's bounds before any work is done.
pub fn validate(q: &DeskQuery) -> Result<()> {
    if let Some(limit) = q.limit {
        if limit == 0 || limit > MAX_PAGE {
            return Err(Error::invalid_input(
                "limit",
                limit,
                &format!("must be 1 to {MAX_PAGE}"),
            ));
        }
    }
    if let (Some(from), Some(to)) = (q.placed_from, q.placed_to) {
        if to < from {
            return Err(Error::invalid_input(
                "placed_to",
                to,
                "must not be before placed_from",
            ));
        }
    }
    if let Some(text) = &q.text {
        if text.chars().count() > MAX_TEXT {
            return Err(Error::invalid_input(
                "text",
                text,
                &format!("must be at most {MAX_TEXT} characters"),
            ));
        }
    }
    Ok(())
}

/// Whether an order passes every filter of `q` (sort, limit and cursor
/// aside), given the locations its stock is reserved at or shipped from.
pub fn matches(
    order: &SalesOrder,
    locations: &BTreeSet<String>,
    today: NaiveDate,
    q: &DeskQuery,
) -> bool {
    if !q.statuses.is_empty() && !q.statuses.contains(&order.status) {
        return false;
    }
    if !q.channels.is_empty() && !q.channels.contains(&order.channel) {
        return false;
    }
    if !q.tags.is_empty() && !q.tags.iter().any(|t| has_tag(&order.tags, t.trim())) {
        return false;
    }
    if q.needs_attention
        .is_some_and(|a| a != needs_attention(order))
    {
        return false;
    }
    let day = order.placed_at.date_naive();
    if q.placed_from.is_some_and(|from| day < from) || q.placed_to.is_some_and(|to| day > to) {
        return false;
    }
    if q.location.as_ref().is_some_and(|l| !locations.contains(l)) {
        return false;
    }
    if q.customer.is_some() && order.customer.id != q.customer {
        return false;
    }
    if q.held.is_some_and(|h| h != order.hold.is_some()) {
        return false;
    }
    if q.delayed.is_some_and(|d| d != order.is_delayed(today)) {
        return false;
    }
    match q.text.as_deref().map(str::trim) {
        None | Some("") => true,
        Some(text) => {
            let needle = text.to_lowercase();
            let hit = |s: &str| s.to_lowercase().contains(&needle);
            hit(&order.id)
                || order.external_ref.as_deref().is_some_and(hit)
                || hit(&order.customer.name)
                || order.customer.email.as_deref().is_some_and(hit)
                || order.lines.iter().any(|l| hit(&l.sku))
        }
    }
}

/// Filters, sorts and pages `orders` as `q` asks, on `today`. `locations`
/// holds, per order id, the locations its stock is reserved at or shipped
/// from. Rows are built only for the page returned.
pub fn run_query(
    orders: &[SalesOrder],
    locations: &BTreeMap<String, BTreeSet<String>>,
    today: NaiveDate,
    q: &DeskQuery,
) -> Result<DeskPage> {
    validate(q)?;
    let after = q
        .cursor
        .as_deref()
        .map(|c| decode_cursor(c, q.sort))
        .transpose()?;
    let none = BTreeSet::new();
    let at = |o: &SalesOrder| locations.get(&o.id).unwrap_or(&none);
    let mut keyed: Vec<(SortKey, &SalesOrder)> = orders
        .iter()
        .filter(|o| matches(o, at(o), today, q))
        .map(|o| (sort_key(q.sort, o), o))
        .collect();
    let total = keyed.len();
    keyed.sort_by(|a, b| compare(q.sort, (&a.0, &a.1.id), (&b.0, &b.1.id)));
    let start = match &after {
        None => 0,
        Some(c) => keyed.partition_point(|(k, o)| {
            compare(q.sort, (k, &o.id), (&c.key, &c.id)) != Ordering::Greater
        }),
    };
    let rest = keyed.len().saturating_sub(start);
    let take = q.limit.unwrap_or(rest).min(rest);
    let page = &keyed[start..start + take];
    let next_cursor = match page.last() {
        Some((key, order)) if take < rest => Some(encode_cursor(&Cursor {
            sort: q.sort,
            key: key.clone(),
            id: order.id.clone(),
        })?),
        _ => None,
    };
    Ok(DeskPage {
        orders: page
            .iter()
            .map(|(_, o)| DeskRow::new(o, at(o), today))
            .collect(),
        total,
        next_cursor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::{Customer, OrderLine};
    use chrono::TimeZone;

    fn order(n: u32, name: &str, status: OrderStatus, attention: &[&str]) -> SalesOrder {
        SalesOrder {
            id: format!("SO-{n:06}"),
            channel: if n % 2 == 0 { "etsy" } else { "shopify" }.into(),
            external_ref: Some(format!("#{}", 1000 + n)),
            customer: Customer {
                name: name.into(),
                email: Some(format!("{}@example.com", name.to_lowercase())),
                ..Default::default()
            },
            ship_to: None,
            lines: vec![OrderLine {
                line: 1,
                sku: "CANDLE-LAV".into(),
                qty: "2 pcs".parse().unwrap(),
                unit_price: Some("9.50 USD".parse().unwrap()),
                requested_date: NaiveDate::from_ymd_opt(2026, 3, 1 + n % 3),
                promised_date: None,
                lot: None,
                min_remaining_shelf_life_days: None,
                shipped: 0.into(),
                fulfilled_outside: 0.into(),
                cancelled: 0.into(),
            }],
            tags: vec!["Gift".into()],
            notes: None,
            attention: attention.iter().map(|s| s.to_string()).collect(),
            status,
            // Two orders per hour, so placed_at ties happen.
            placed_at: Utc.with_ymd_and_hms(2026, 3, 1, n / 2, 0, 0).unwrap(),
            confirmed_at: None,
            cancelled_at: None,
            hold: None,
            ship_from: None,
            delay: None,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    fn orders() -> Vec<SalesOrder> {
        let names = ["Ada", "grace", "Alan", "ada", "Barbara"];
        (1..=10)
            .map(|n| {
                let status = if n == 3 {
                    OrderStatus::NeedsAttention
                } else {
                    OrderStatus::Placed
                };
                let attention: &[&str] = if n == 3 {
                    &["line 1: sku `X` is not mapped"]
                } else {
                    &[]
                };
                order(n, names[n as usize % 5], status, attention)
            })
            .collect()
    }

    fn run(q: &DeskQuery) -> Result<DeskPage> {
        let main = BTreeSet::from(["MAIN".to_string()]);
        let locations = orders()
            .iter()
            .map(|o| (o.id.clone(), main.clone()))
            .collect();
        run_query(&orders(), &locations, today(), q)
    }

    fn all_pages(q: &DeskQuery) -> Vec<String> {
        let mut q = q.clone();
        let mut ids = Vec::new();
        loop {
            let page = run(&q).unwrap();
            ids.extend(page.orders.iter().map(|r| r.id.clone()));
            // A cursor that does not advance must fail, not loop forever.
            assert!(ids.len() <= page.total, "pages repeat rows: {ids:?}");
            match page.next_cursor {
                Some(c) => q.cursor = Some(c),
                None => return ids,
            }
        }
    }

    #[test]
    fn row_derives_total_due_and_flags() {
        let main = BTreeSet::from(["MAIN".to_string()]);
        let rows: Vec<DeskRow> = orders()
            .iter()
            .map(|o| DeskRow::new(o, &main, today()))
            .collect();
        let r = &rows[2];
        assert_eq!(r.id, "SO-000003");
        assert!(r.needs_attention);
        assert_eq!(r.total.as_ref().unwrap().to_string(), "19.00 USD");
        // Requested 2026-03-01 (3 % 3 = 0), before today: delayed.
        assert_eq!(r.promised_date, NaiveDate::from_ymd_opt(2026, 3, 1));
        assert!(r.delayed);
        assert!(!rows[0].delayed);
        assert_eq!(r.locations, ["MAIN"]);
    }

    #[test]
    fn pages_concatenate_to_the_whole_for_every_sort() {
        for sort in [
            DeskSort::PlacedAtDesc,
            DeskSort::PlacedAtAsc,
            DeskSort::Status,
            DeskSort::Customer,
            DeskSort::PromisedDate,
        ] {
            let whole = DeskQuery {
                sort,
                ..Default::default()
            };
            let expected: Vec<String> = run(&whole)
                .unwrap()
                .orders
                .into_iter()
                .map(|r| r.id)
                .collect();
            assert_eq!(expected.len(), 10);
            for limit in [1, 3, 4, 10] {
                let q = DeskQuery {
                    limit: Some(limit),
                    ..whole.clone()
                };
                assert_eq!(all_pages(&q), expected, "{sort:?} by {limit}");
            }
        }
    }

    #[test]
    fn sorts_break_ties_by_id() {
        let ids = |sort| -> Vec<String> {
            run(&DeskQuery {
                sort,
                ..Default::default()
            })
            .unwrap()
            .orders
            .into_iter()
            .map(|r| r.id)
            .collect()
        };
        // Placed hours: 1→0, 2→1, 3→1, …, 10→5; newest first, ties by higher id.
        assert_eq!(
            ids(DeskSort::PlacedAtDesc)[..3],
            ["SO-000010", "SO-000009", "SO-000008"]
        );
        assert_eq!(ids(DeskSort::Status)[0], "SO-000003");
        // ada (3, 8), Ada (5, 10) compare equal ignoring case; id decides.
        assert_eq!(
            ids(DeskSort::Customer)[..4],
            ["SO-000003", "SO-000005", "SO-000008", "SO-000010"]
        );
    }

    #[test]
    fn filters_combine() {
        let q = DeskQuery {
            channels: vec!["shopify".into()],
            text: Some("ADA".into()),
            ..Default::default()
        };
        let got: Vec<String> = run(&q).unwrap().orders.into_iter().map(|r| r.id).collect();
        assert_eq!(got, ["SO-000005", "SO-000003"]);
        let attention = DeskQuery {
            needs_attention: Some(true),
            ..Default::default()
        };
        assert_eq!(run(&attention).unwrap().total, 1);
        let none_there = DeskQuery {
            location: Some("STUDIO".into()),
            ..Default::default()
        };
        assert_eq!(run(&none_there).unwrap().total, 0);
        let tagged = DeskQuery {
            tags: vec!["gift".into()],
            ..Default::default()
        };
        assert_eq!(run(&tagged).unwrap().total, 10);
    }

    #[test]
    fn rejects_foreign_or_garbled_cursors() {
        let first = run(&DeskQuery {
            limit: Some(2),
            ..Default::default()
        })
        .unwrap();
        let cursor = first.next_cursor.unwrap();
        let other_sort = DeskQuery {
            sort: DeskSort::Customer,
            cursor: Some(cursor),
            ..Default::default()
        };
        assert_eq!(run(&other_sort).unwrap_err().code(), "invalid_input");
        let garbled = DeskQuery {
            cursor: Some("%%%".into()),
            ..Default::default()
        };
        assert_eq!(run(&garbled).unwrap_err().code(), "invalid_input");
        let zero = DeskQuery {
            limit: Some(0),
            ..Default::default()
        };
        assert_eq!(run(&zero).unwrap_err().code(), "invalid_input");
    }
}
