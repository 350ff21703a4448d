//! Wholesale orders as CSV: lotwise's own simple format, one order line per
//! row; rows with the same `order_ref` make up one order (channel `csv`).
//!
//! # Layout
//!
//! * UTF-8, fields separated by commas and quoted as in RFC 4180 (a field
//!   with a comma, quote or newline is wrapped in `"…"`, a quote inside is
//!   written `""`). Lines end in LF or CRLF.
//! * The first row is the header: exactly these columns, in this order, named
//!   exactly so (lower case). Every row has all seven fields.
//! * Leading and trailing spaces are part of a field: `" CANDLE"` is not
//!   `CANDLE`.
//! * The format has no byte-order mark and no blank lines; a leading BOM and
//!   blank lines are tolerated and skipped.
//!
//! # Columns
//!
//! | column | type | rules | example |
//! |---|---|---|---|
//! | `order_ref` | text, 1–64 characters | the buyer's order reference; the order's external id; groups rows | `WH-2026-0117` |
//! | `customer` | text, 1–200 characters | the buyer's trading name; the same on every row of an order | `"Saltmarsh Apothecary, Ltée"` |
//! | `sku` | text, 1–64 characters | a catalog SKU (case-sensitive) or a SKU mapped for channel `csv`; once per order | `CANDLE-LAV-200` |
//! | `quantity` | decimal > 0 | in the item's base unit (g, ml or pcs), or in the unit of its mapping | `24` |
//! | `unit_price` | decimal ≥ 0 | price per unit of `quantity` in `currency`: digits and one `.`, no sign, thousands separator or currency symbol | `12.00` |
//! | `currency` | ISO 4217 code | three letters; the same on every row of an order | `USD` |
//! | `requested_date` | date `YYYY-MM-DD` | the day the buyer wants the goods; the same on every row of an order | `2026-12-01` |
//! | `email` (optional last column) | e-mail or empty | the buyer's e-mail, which attaches the order to the same customer as their Shopify or Etsy orders; the same on every row of an order | `orders@saltmarsh.example` |
//!
//! # Errors and attention
//!
//! A file is imported whole or not at all: fix it and import it again (the
//! import is idempotent by `order_ref`). A field that does not parse, a row
//! contradicting an earlier row of its order (customer, currency, requested
//! date), a second row for the same SKU in one order, or a quantity ≤ 0 is an
//! `invalid_payload` error whose field names the row and column, e.g.
//! `row 3, column quantity` (the header is row 1). A SKU that is neither in
//! the catalog nor mapped is not an error: the line is kept unmapped and the
//! order needs attention, as for every channel.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::json::{self, check_len, invalid};
use super::SkuMap;
use super::{
    limits, map_lines, Channel, ChannelLine, ChannelOrder, Fulfillment, LineMapping, OrderTotals,
};
use crate::domain::money::{currency_code, Money};
use crate::domain::order::{Customer, NewOrder};
use crate::error::{Error, Result};

const CH: Channel = Channel::Csv;

/// The header row, in order.
pub const COLUMNS: [&str; 7] = [
    "order_ref",
    "customer",
    "sku",
    "quantity",
    "unit_price",
    "currency",
    "requested_date",
];

/// The optional column after [`COLUMNS`]: the buyer's e-mail.
pub const EMAIL_COLUMN: &str = "email";

/// An error at a row and column.
fn at(row: u64, column: &str, reason: impl Into<String>) -> Error {
    invalid(CH, &format!("row {row}, column {column}"), reason)
}

/// One parsed row.
struct Row {
    row: u64,
    order_ref: String,
    customer: String,
    sku: String,
    quantity: Decimal,
    unit_price: Money,
    requested_date: NaiveDate,
    email: Option<String>,
}

/// An order being gathered from its rows.
struct Group {
    rows: Vec<Row>,
}

/// Parses a wholesale CSV file into its orders, in order of first appearance.
pub fn parse_csv(body: &[u8], map: &SkuMap) -> Result<Vec<ChannelOrder>> {
    if body.len() > limits::MAX_PAYLOAD_BYTES {
        return Err(invalid(
            CH,
            "body",
            format!(
                "file is {} bytes; the limit is {}",
                body.len(),
                limits::MAX_PAYLOAD_BYTES
            ),
        ));
    }
    // Spreadsheets often write a byte-order mark; it is not part of the header.
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(::csv::Trim::None)
        .from_reader(body);
    let mut records = reader.records();
    let with_email;
    match records.next() {
        None => {
            return Err(invalid(
                CH,
                "row 1",
                "the file is empty; expected the header row",
            ))
        }
        Some(header) => {
            let header = header.map_err(|e| csv_error(&e, 1))?;
            let with = COLUMNS.iter().copied().chain([EMAIL_COLUMN]);
            with_email = header.iter().eq(with);
            if !with_email && header.iter().ne(COLUMNS.iter().copied()) {
                return Err(invalid(
                    CH,
                    "row 1",
                    format!(
                        "the header must be exactly `{}`, optionally followed by `,{EMAIL_COLUMN}`",
                        COLUMNS.join(",")
                    ),
                ));
            }
        }
    }

    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut count = 0usize;
    for record in records {
        count += 1;
        if count > limits::MAX_CSV_ROWS {
            return Err(invalid(
                CH,
                "body",
                format!("more than {} rows", limits::MAX_CSV_ROWS),
            ));
        }
        let fallback_row = count as u64 + 1;
        let record = record.map_err(|e| csv_error(&e, fallback_row))?;
        // The file line where the record starts: the row a spreadsheet shows.
        let row_no = record.position().map_or(fallback_row, |p| p.line());
        let row = parse_row(&record, row_no, with_email)?;
        match index.get(&row.order_ref) {
            Some(&i) => {
                let group = &mut groups[i];
                check_same_order(&group.rows[0], &row)?;
                if let Some(earlier) = group.rows.iter().find(|r| r.sku == row.sku) {
                    return Err(at(
                        row.row,
                        "sku",
                        format!(
                            "`{}` is already on row {} of this order",
                            row.sku, earlier.row
                        ),
                    ));
                }
                group.rows.push(row);
            }
            None => {
                index.insert(row.order_ref.clone(), groups.len());
                groups.push(Group { rows: vec![row] });
            }
        }
    }
    if groups.is_empty() {
        return Err(invalid(CH, "row 2", "the file has no order lines"));
    }
    groups.into_iter().map(|g| order_from(g, map)).collect()
}

/// A csv crate error as `invalid_payload`, at the row it names.
fn csv_error(e: &::csv::Error, fallback_row: u64) -> Error {
    let row = e.position().map_or(fallback_row, |p| p.line());
    let reason = match e.kind() {
        ::csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
        _ => e.to_string(),
    };
    invalid(CH, &format!("row {row}"), reason)
}

fn parse_row(record: &::csv::StringRecord, row: u64, with_email: bool) -> Result<Row> {
    let fields = COLUMNS.len() + usize::from(with_email);
    if record.len() != fields {
        return Err(invalid(
            CH,
            &format!("row {row}"),
            format!("expected {fields} fields, found {}", record.len()),
        ));
    }
    let field = |i: usize| record.get(i).unwrap_or_default();
    let text = |i: usize, max: usize| -> Result<String> {
        let v = field(i);
        if v.is_empty() {
            return Err(at(row, COLUMNS[i], "must not be empty"));
        }
        // Cells are kept as written (no trimming), but one of spaces, tabs
        // or other white space alone names nothing: placing would refuse
        // such a customer, and a blank reference or SKU matches nothing.
        if v.trim().is_empty() {
            return Err(at(row, COLUMNS[i], "must not be blank"));
        }
        check_len(v, max).map_err(|r| at(row, COLUMNS[i], r))?;
        Ok(v.to_string())
    };
    let order_ref = text(0, 64)?;
    let customer = text(1, limits::MAX_NAME_CHARS)?;
    let sku = text(2, 64)?;
    let quantity = json::parse_amount(field(3)).map_err(|r| at(row, "quantity", r))?;
    if quantity.is_zero() {
        return Err(at(row, "quantity", "must be greater than 0"));
    }
    if quantity > Decimal::from(limits::MAX_QUANTITY) {
        return Err(at(
            row,
            "quantity",
            format!("larger than {}", limits::MAX_QUANTITY),
        ));
    }
    let price = json::parse_amount(field(4)).map_err(|r| at(row, "unit_price", r))?;
    let currency = field(5);
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(at(row, "currency", "expected an ISO 4217 code such as USD"));
    }
    if let Err(reason) = currency_code(currency) {
        return Err(at(row, "currency", format!("`{currency}`: {reason}")));
    }
    let date = field(6);
    let requested_date = (date.len() == 10)
        .then(|| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| {
            at(
                row,
                "requested_date",
                format!("expected YYYY-MM-DD, got `{}`", json::truncated(date)),
            )
        })?;
    Ok(Row {
        row,
        order_ref,
        customer,
        sku,
        quantity,
        unit_price: Money {
            amount: price,
            currency: currency.to_string(),
        },
        requested_date,
        email: if with_email {
            email_field(field(COLUMNS.len()), row)?
        } else {
            None
        },
    })
}

/// The optional e-mail: empty is none; otherwise something@host.domain.
fn email_field(v: &str, row: u64) -> Result<Option<String>> {
    if v.is_empty() {
        return Ok(None);
    }
    check_len(v, limits::MAX_NAME_CHARS).map_err(|r| at(row, EMAIL_COLUMN, r))?;
    crate::domain::customer::validate_email(EMAIL_COLUMN, v).map_err(|_| {
        at(
            row,
            EMAIL_COLUMN,
            format!("`{}` is not an e-mail address", json::truncated(v)),
        )
    })?;
    Ok(Some(v.to_string()))
}

/// A later row of an order must agree with its first row.
fn check_same_order(first: &Row, row: &Row) -> Result<()> {
    let contradicts = |column: &str| {
        at(
            row.row,
            column,
            format!(
                "differs from row {} of order `{}`",
                first.row, first.order_ref
            ),
        )
    };
    if row.customer != first.customer {
        return Err(contradicts("customer"));
    }
    if row.unit_price.currency != first.unit_price.currency {
        return Err(contradicts("currency"));
    }
    if row.email != first.email {
        return Err(contradicts(EMAIL_COLUMN));
    }
    if row.requested_date != first.requested_date {
        return Err(contradicts("requested_date"));
    }
    Ok(())
}

fn order_from(group: Group, map: &SkuMap) -> Result<ChannelOrder> {
    let first = &group.rows[0];
    let currency = first.unit_price.currency.clone();
    let order_ref = first.order_ref.clone();
    let customer = first.customer.clone();
    let email = first.email.clone();
    let requested_date = first.requested_date;
    let mut items = Decimal::ZERO;
    for r in &group.rows {
        items = items
            .checked_add(
                r.quantity
                    .checked_mul(r.unit_price.amount)
                    .ok_or_else(|| at(r.row, "unit_price", "quantity × unit price is too large"))?,
            )
            .ok_or_else(|| at(r.row, "unit_price", "the order total is too large"))?;
    }
    let mut lines: Vec<ChannelLine> = group
        .rows
        .into_iter()
        .map(|r| ChannelLine {
            external_id: r.sku.clone(),
            source: format!("row {}", r.row),
            sku: Some(r.sku.clone()),
            variant_id: None,
            product_id: None,
            listing_id: None,
            variations: Vec::new(),
            title: r.sku,
            variant_title: None,
            quantity: r.quantity,
            current_quantity: r.quantity,
            fulfillable_quantity: None,
            unit_price: Some(r.unit_price),
            presentment_unit_price: None,
            discount: None,
            properties: Vec::new(),
            requires_shipping: true,
            fulfilled_outside: Decimal::ZERO,
            ship_by: None,
            shipped_at: None,
            mapping: LineMapping::Removed,
        })
        .collect();
    let mut order_lines = map_lines(CH, &mut lines, map, false);
    for line in &mut order_lines {
        line.requested_date = Some(requested_date);
    }
    let zero = Money {
        amount: Decimal::ZERO,
        currency: currency.clone(),
    };
    let total = Money {
        amount: items,
        currency: currency.clone(),
    };
    Ok(ChannelOrder {
        channel: CH,
        external_id: order_ref.clone(),
        display_ref: order_ref.clone(),
        new_order: NewOrder {
            channel: CH.as_str().into(),
            external_ref: Some(order_ref),
            customer: Customer {
                name: customer,
                email,
                ..Default::default()
            },
            ship_to: None,
            lines: order_lines,
            tags: Vec::new(),
            notes: None,
        },
        lines,
        created_at: None,
        updated_at: None,
        cancellation: None,
        channel_status: None,
        fulfillment: Fulfillment::default(),
        currency,
        presentment_currency: None,
        totals: Some(OrderTotals {
            items: total.clone(),
            discounts: zero.clone(),
            shipping: zero.clone(),
            tax: zero,
            total,
        }),
        presentment_totals: None,
        shipping_lines: Vec::new(),
        gift: None,
        attributes: Vec::new(),
        customer_is_placeholder: false,
        test: false,
    })
}
