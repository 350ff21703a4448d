//! Orders and stock as CSV, for spreadsheets and accountants.
//!
//! Free text that came from a customer or a channel (names, e-mails, notes,
//! tags) is written so a spreadsheet cannot run it: a cell starting with
//! `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.

use crate::domain::order::SalesOrder;
use crate::domain::quantity::Uom;
use crate::engine::StockLevel;
use crate::error::{Error, Result};

/// Columns of [`orders_csv`].
pub const ORDER_COLUMNS: [&str; 20] = [
    "order",
    "channel",
    "external_ref",
    "status",
    "placed_at",
    "customer",
    "email",
    "line",
    "sku",
    "qty",
    "uom",
    "unit_price",
    "currency",
    "line_total",
    "requested_date",
    "promised_date",
    "shipped",
    "tags",
    "notes",
    "attention",
];

/// Columns of [`stock_csv`].
pub const STOCK_COLUMNS: [&str; 8] = [
    "sku", "lot", "location", "expiry", "on_hand", "reserved", "free", "uom",
];

/// A text cell a spreadsheet will show as text, never evaluate.
fn text(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

fn finish(writer: ::csv::Writer<Vec<u8>>) -> Result<String> {
    let bytes = writer.into_inner().map_err(|e| Error::Internal {
        reason: format!("csv: {e}"),
    })?;
    String::from_utf8(bytes).map_err(|e| Error::Internal {
        reason: format!("csv: {e}"),
    })
}

fn io(e: ::csv::Error) -> Error {
    Error::Internal {
        reason: format!("csv: {e}"),
    }
}

/// Orders as CSV with a header row ([`ORDER_COLUMNS`]), one row per order
/// line. Quantities are in the item's base unit and prices per base unit;
/// tags are joined with `;`, attention reasons with ` | `.
///
/// ```
/// let csv = lotwise::export::csv::orders_csv(&[]).unwrap();
/// assert!(csv.starts_with("order,channel,external_ref,status"));
/// ```
pub fn orders_csv(orders: &[SalesOrder]) -> Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(ORDER_COLUMNS).map_err(io)?;
    for o in orders {
        for l in &o.lines {
            let total = l.unit_price.as_ref().map(|p| p.times(l.qty.value));
            let record = [
                o.id.clone(),
                o.channel.clone(),
                text(o.external_ref.as_deref().unwrap_or("")),
                o.status.as_str().to_string(),
                o.placed_at.to_rfc3339(),
                text(&o.customer.name),
                text(o.customer.email.as_deref().unwrap_or("")),
                l.line.to_string(),
                l.sku.clone(),
                l.qty.value.normalize().to_string(),
                l.qty.uom.to_string(),
                l.unit_price
                    .as_ref()
                    .map_or(String::new(), |p| p.amount.normalize().to_string()),
                l.unit_price
                    .as_ref()
                    .map_or(String::new(), |p| p.currency.clone()),
                total.map_or(String::new(), |t| t.total().amount.to_string()),
                l.requested_date.map_or(String::new(), |d| d.to_string()),
                l.promised_date.map_or(String::new(), |d| d.to_string()),
                l.shipped.normalize().to_string(),
                text(&o.tags.join(";")),
                text(o.notes.as_deref().unwrap_or("")),
                text(&o.attention.join(" | ")),
            ];
            w.write_record(&record).map_err(io)?;
        }
    }
    finish(w)
}

/// Stock levels as CSV with a header row ([`STOCK_COLUMNS`]), one row per
/// lot and internal location, each level paired with its item's base unit.
/// `free` is on hand minus reserved at that lot and location.
pub fn stock_csv(levels: &[(StockLevel, Uom)]) -> Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(STOCK_COLUMNS).map_err(io)?;
    for (level, uom) in levels {
        for l in &level.lots {
            let record = [
                level.sku.clone(),
                l.lot.clone(),
                l.location.clone(),
                l.expiry.map_or(String::new(), |d| d.to_string()),
                l.on_hand.normalize().to_string(),
                l.reserved.normalize().to_string(),
                (l.on_hand - l.reserved).normalize().to_string(),
                uom.to_string(),
            ];
            w.write_record(&record).map_err(io)?;
        }
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formulas() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("-5"), "'-5");
        assert_eq!(text("Ada"), "Ada");
    }
}
