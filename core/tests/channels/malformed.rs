//! Malformed payloads: each is `invalid_payload` naming the field, and
//! nothing is imported from it.

use serde_json::json;

use super::*;

#[derive(Clone, Copy, Debug)]
enum Importer {
    Shopify,
    EtsyReceipt,
    EtsyPage,
    Csv,
}

fn import(importer: Importer, body: &[u8]) -> Result<usize> {
    let map = catalog();
    match importer {
        Importer::Shopify => shopify::parse_order(body, &map).map(|_| 1),
        Importer::EtsyReceipt => etsy::parse_receipt(body, &map).map(|_| 1),
        Importer::EtsyPage => etsy::parse_receipts_page(body, &map).map(|p| p.orders.len()),
        Importer::Csv => csv::parse_csv(body, &map).map(|o| o.len()),
    }
}

/// The JSON fixture with the value at a JSON pointer replaced.
fn set(body: &[u8], pointer: &str, value: Value) -> Vec<u8> {
    edit(body, |v| {
        *v.pointer_mut(pointer).expect("pointer exists") = value
    })
}

/// The JSON fixture without the key at a JSON pointer.
fn remove(body: &[u8], pointer: &str) -> Vec<u8> {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    edit(body, |v| {
        v.pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .expect("parent is an object")
            .remove(key)
            .expect("key exists");
    })
}

fn x(n: usize) -> String {
    "x".repeat(n)
}

/// One case per line: name, importer, payload, the field the error must name.
macro_rules! cases {
    ($($name:literal, $importer:ident, $body:expr, $field:expr;)*) => {
        vec![$(($name, Importer::$importer, $body, $field.to_string())),*]
    };
}

const HEADER: &str = "order_ref,customer,sku,quantity,unit_price,currency,requested_date\n";
const GOOD_ROW: &str = "WH-1,Shop,CANDLE-LAV-200,24,12.00,USD,2026-12-01";

/// A CSV file of the header and `rows`.
fn rows(rows: &[&str]) -> Vec<u8> {
    let mut out = HEADER.to_string();
    for r in rows {
        out.push_str(r);
        out.push('\n');
    }
    out.into_bytes()
}

/// A CSV file whose only row is [`GOOD_ROW`] with column `col` set to `value`.
fn row_with(col: usize, value: &str) -> Vec<u8> {
    let mut fields: Vec<String> = GOOD_ROW.split(',').map(str::to_string).collect();
    fields[col] = value.to_string();
    rows(&[&fields.join(",")])
}

fn shopify_cases() -> Vec<(&'static str, Importer, Vec<u8>, String)> {
    let oversized = {
        let mut b = b"{\"pad\": \"".to_vec();
        b.resize(9 * 1024 * 1024, b'x');
        b.extend_from_slice(b"\"}");
        b
    };
    let huge = "79228162514264337593543950335"; // Decimal::MAX
    cases![
        "truncated JSON", Shopify, SIMPLE[..SIMPLE.len() / 2].to_vec(), "body";
        "empty body", Shopify, vec![], "body";
        "not an object", Shopify, b"[1, 2]".to_vec(), "body";
        "oversized body", Shopify, oversized, "body";
        "float price", Shopify, set(SIMPLE, "/line_items/0/price", json!(24.0)), "line_items[0].price";
        "integer price", Shopify, set(SIMPLE, "/line_items/0/price", json!(24)), "line_items[0].price";
        "float total", Shopify, set(SIMPLE, "/total_price", json!(55.95)), "total_price";
        "float discount", Shopify, set(MULTI, "/line_items/1/discount_allocations/0/amount", json!(2.85)), "line_items[1].discount_allocations[0].amount";
        "discounts overflow", Shopify, set(MULTI, "/line_items/1/discount_allocations", json!([{"amount": huge}, {"amount": huge}])), "line_items[1].discount_allocations[1].amount";
        "float shipping", Shopify, set(MULTI, "/shipping_lines/1/price", json!(3.5)), "shipping_lines[1].price";
        "negative price", Shopify, set(SIMPLE, "/line_items/0/price", json!("-24.00")), "line_items[0].price";
        "price with comma", Shopify, set(SIMPLE, "/line_items/0/price", json!("24,00")), "line_items[0].price";
        "price with exponent", Shopify, set(SIMPLE, "/line_items/0/price", json!("2.4e1")), "line_items[0].price";
        "price too long", Shopify, set(SIMPLE, "/line_items/0/price", json!("1".repeat(41))), "line_items[0].price";
        "missing price", Shopify, remove(SIMPLE, "/line_items/0/price"), "line_items[0].price";
        "negative quantity", Shopify, set(SIMPLE, "/line_items/0/quantity", json!(-2)), "line_items[0].quantity";
        "non-numeric quantity", Shopify, set(SIMPLE, "/line_items/0/quantity", json!("two")), "line_items[0].quantity";
        "quantity as string", Shopify, set(SIMPLE, "/line_items/0/quantity", json!("2")), "line_items[0].quantity";
        "fractional quantity", Shopify, set(SIMPLE, "/line_items/0/quantity", json!(2.5)), "line_items[0].quantity";
        "zero quantity", Shopify, set(SIMPLE, "/line_items/0/quantity", json!(0)), "line_items[0].quantity";
        "huge quantity", Shopify, set(SIMPLE, "/line_items/0/quantity", json!(10_000_000_000u64)), "line_items[0].quantity";
        "negative current quantity", Shopify, set(SIMPLE, "/line_items/0/current_quantity", json!(-1)), "line_items[0].current_quantity";
        "missing line items", Shopify, remove(SIMPLE, "/line_items"), "line_items";
        "null line items", Shopify, set(SIMPLE, "/line_items", Value::Null), "line_items";
        "empty line items", Shopify, set(SIMPLE, "/line_items", json!([])), "line_items";
        "line items not a list", Shopify, set(SIMPLE, "/line_items", json!({})), "line_items";
        "line item not an object", Shopify, set(SIMPLE, "/line_items/0", json!(7)), "line_items[0]";
        "duplicate line ids", Shopify, set(MULTI, "/line_items/2/id", json!(15938475122725u64)), "line_items[2].id";
        "long note", Shopify, set(SIMPLE, "/note", json!(x(20_000))), "note";
        "long customer name", Shopify, set(SIMPLE, "/customer/first_name", json!(x(1_000))), "customer.first_name";
        "long combined name", Shopify, edit(SIMPLE, |v| { v["customer"]["first_name"] = x(150).into(); v["customer"]["last_name"] = x(150).into(); }), "customer";
        "long sku", Shopify, set(SIMPLE, "/line_items/0/sku", json!(x(1_000))), "line_items[0].sku";
        "long title", Shopify, set(SIMPLE, "/line_items/0/title", json!(x(100_000))), "line_items[0].title";
        "long tag", Shopify, set(SIMPLE, "/tags", json!(format!("ok, {}", x(300)))), "tags";
        "long property", Shopify, set(MULTI, "/line_items/0/properties/0/value", json!(x(5_000))), "line_items[0].properties[0].value";
        "long address line", Shopify, set(SIMPLE, "/shipping_address/address1", json!(x(5_000))), "shipping_address.address1";
        "float id", Shopify, set(SIMPLE, "/id", json!(6.418203947821e12)), "id";
        "negative id", Shopify, set(SIMPLE, "/id", json!(-5)), "id";
        "missing id", Shopify, remove(SIMPLE, "/id"), "id";
        "non-digit id", Shopify, set(SIMPLE, "/id", json!("64x")), "id";
        "float line id", Shopify, set(SIMPLE, "/line_items/0/id", json!(1.5)), "line_items[0].id";
        "bad timestamp", Shopify, set(SIMPLE, "/created_at", json!("yesterday")), "created_at";
        "bad currency", Shopify, set(SIMPLE, "/currency", json!("US Dollars")), "currency";
        "missing currency", Shopify, set(SIMPLE, "/currency", Value::Null), "currency";
        "unknown currency", Shopify, set(SIMPLE, "/currency", json!("AAD")), "currency";
        "unknown presentment currency", Shopify, set(SIMPLE, "/presentment_currency", json!("XYZ")), "presentment_currency";
        "set in another currency", Shopify, set(SIMPLE, "/line_items/0/price_set/shop_money/currency_code", json!("EUR")), "line_items[0].price_set.shop_money.currency_code";
        "customer not an object", Shopify, set(SIMPLE, "/customer", json!("Bob")), "customer";
        "tags not a string", Shopify, set(SIMPLE, "/tags", json!(["a"])), "tags";
    ]
}

fn etsy_cases() -> Vec<(&'static str, Importer, Vec<u8>, String)> {
    cases![
        "truncated JSON", EtsyReceipt, ETSY_GIFT[..100].to_vec(), "body";
        "float amount", EtsyReceipt, set(ETSY_GIFT, "/transactions/0/price/amount", json!(24.0)), "transactions[0].price.amount";
        "string amount", EtsyReceipt, set(ETSY_GIFT, "/transactions/0/price/amount", json!("2400")), "transactions[0].price.amount";
        "zero divisor", EtsyReceipt, set(ETSY_GIFT, "/transactions/0/price/divisor", json!(0)), "transactions[0].price.divisor";
        "negative total", EtsyReceipt, set(ETSY_GIFT, "/grandtotal/amount", json!(-3805)), "grandtotal.amount";
        "negative quantity", EtsyReceipt, set(ETSY_GIFT, "/transactions/1/quantity", json!(-1)), "transactions[1].quantity";
        "non-numeric quantity", EtsyReceipt, set(ETSY_GIFT, "/transactions/1/quantity", json!("one")), "transactions[1].quantity";
        "missing transactions", EtsyReceipt, remove(ETSY_GIFT, "/transactions"), "transactions";
        "empty transactions", EtsyReceipt, set(ETSY_GIFT, "/transactions", json!([])), "transactions";
        "duplicate transaction ids", EtsyReceipt, set(ETSY_GIFT, "/transactions/1/transaction_id", json!(4815573302u64)), "transactions[1].transaction_id";
        "long gift message", EtsyReceipt, set(ETSY_GIFT, "/gift_message", json!(x(50_000))), "gift_message";
        "long name", EtsyReceipt, set(ETSY_GIFT, "/name", json!(x(500))), "name";
        "another currency", EtsyReceipt, set(ETSY_GIFT, "/transactions/0/price/currency_code", json!("EUR")), "transactions[0].price.currency_code";
        "unknown currency", EtsyReceipt, set(ETSY_GIFT, "/grandtotal/currency_code", json!("ZZZ")), "grandtotal.currency_code";
        "float timestamp", EtsyReceipt, set(ETSY_GIFT, "/created_timestamp", json!(1793999643.5)), "created_timestamp";
        "missing receipt id", EtsyReceipt, remove(ETSY_GIFT, "/receipt_id"), "receipt_id";
        "page without results", EtsyPage, remove(ETSY_PAGE, "/results"), "results";
        "page without count", EtsyPage, remove(ETSY_PAGE, "/count"), "count";
        "page results not a list", EtsyPage, set(ETSY_PAGE, "/results", json!("none")), "results";
        "page truncated", EtsyPage, ETSY_PAGE[..ETSY_PAGE.len() - 3].to_vec(), "body";
    ]
}

fn csv_cases() -> Vec<(&'static str, Importer, Vec<u8>, String)> {
    let wholesale = text(WHOLESALE);
    let bad_utf8 = {
        let mut b = rows(&[GOOD_ROW]);
        b[HEADER.len() + 8] = 0xff;
        b
    };
    cases![
        "empty file", Csv, vec![], "row 1";
        "header only", Csv, HEADER.as_bytes().to_vec(), "row 2";
        "wrong header", Csv, wholesale.replace("unit_price", "price").into_bytes(), "row 1";
        "reordered header", Csv, format!("customer,order_ref,sku,quantity,unit_price,currency,requested_date\n{GOOD_ROW}\n").into_bytes(), "row 1";
        "zero quantity", Csv, row_with(3, "0"), "row 2, column quantity";
        "negative quantity", Csv, row_with(3, "-3"), "row 2, column quantity";
        "non-numeric quantity", Csv, row_with(3, "two dozen"), "row 2, column quantity";
        "exponent quantity", Csv, row_with(3, "1e3"), "row 2, column quantity";
        "currency sign", Csv, row_with(4, "$12.00"), "row 2, column unit_price";
        "thousands separator", Csv, row_with(4, "\"1,200.00\""), "row 2, column unit_price";
        "negative price", Csv, row_with(4, "-1"), "row 2, column unit_price";
        "bad currency", Csv, row_with(5, "US$"), "row 2, column currency";
        "lower-case currency", Csv, row_with(5, "usd"), "row 2, column currency";
        "unknown currency", Csv, row_with(5, "CAT"), "row 2, column currency";
        "bad date", Csv, row_with(6, "2026-13-01"), "row 2, column requested_date";
        "US date", Csv, row_with(6, "12/01/2026"), "row 2, column requested_date";
        "empty customer", Csv, row_with(1, ""), "row 2, column customer";
        "blank customer", Csv, row_with(1, "   "), "row 2, column customer";
        "customer of a vertical tab", Csv, row_with(1, "\u{b}"), "row 2, column customer";
        "blank order ref", Csv, row_with(0, "\u{a0}"), "row 2, column order_ref";
        "blank sku", Csv, row_with(2, "\t"), "row 2, column sku";
        "long customer", Csv, row_with(1, &x(201)), "row 2, column customer";
        "long order ref", Csv, row_with(0, &x(65)), "row 2, column order_ref";
        "long sku", Csv, row_with(2, &x(65)), "row 2, column sku";
        "missing field", Csv, rows(&["WH-1,Shop,CANDLE-LAV-200,24,12.00,USD"]), "row 2";
        "extra field", Csv, rows(&[&format!("{GOOD_ROW},extra")]), "row 2";
        "invalid UTF-8", Csv, bad_utf8, "row 2";
        "customer contradicts", Csv, rows(&[GOOD_ROW, "WH-1,Other Shop,SOAP-OAT-100,36,4.75,USD,2026-12-01"]), "row 3, column customer";
        "currency contradicts", Csv, rows(&[GOOD_ROW, "WH-1,Shop,SOAP-OAT-100,36,4.75,CAD,2026-12-01"]), "row 3, column currency";
        "date contradicts", Csv, rows(&[GOOD_ROW, "WH-1,Shop,SOAP-OAT-100,36,4.75,USD,2026-12-02"]), "row 3, column requested_date";
        "duplicate line", Csv, rows(&[GOOD_ROW, GOOD_ROW]), "row 3, column sku";
        "fixture row broken", Csv, wholesale.replace("36,4.75", "36,4.7.5").into_bytes(), "row 3, column unit_price";
    ]
}

#[test]
fn malformed_payloads_are_invalid_payload_naming_the_field() {
    let cases: Vec<_> = [shopify_cases(), etsy_cases(), csv_cases()].concat();
    let mut failures = Vec::new();
    for (name, importer, body, field) in &cases {
        let want_channel = match importer {
            Importer::Shopify => "shopify",
            Importer::EtsyReceipt | Importer::EtsyPage => "etsy",
            Importer::Csv => "csv",
        };
        match import(*importer, body) {
            Err(Error::InvalidPayload {
                channel,
                field: got,
                reason,
            }) => {
                if got != *field || channel != want_channel || reason.is_empty() {
                    failures.push(format!(
                        "{importer:?} {name}: got {channel} `{got}` ({reason}), want {want_channel} `{field}`"
                    ));
                }
            }
            other => failures.push(format!(
                "{importer:?} {name}: expected invalid_payload, got {other:?}"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn error_messages_name_channel_field_and_reason() {
    let body = set(SIMPLE, "/line_items/0/price", json!(24.0));
    let err = shopify::parse_order(&body, &catalog()).unwrap_err();
    assert_eq!(err.code(), "invalid_payload");
    assert_eq!(
        err.to_string(),
        "invalid shopify payload at `line_items[0].price`: money must be a decimal string \
         such as \"24.00\", not the JSON number 24.0"
    );
    assert_eq!(err.fields()["field"], "line_items[0].price");
    let err = csv::parse_csv(&row_with(3, "0"), &catalog()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid csv payload at `row 2, column quantity`: must be greater than 0"
    );
}
