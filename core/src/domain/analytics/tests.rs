//! Unit tests of the figures: on-time shipping and lead time, the period
//! filter, bad bounds and tidy amounts.

use super::*;
use crate::domain::order::{Customer, OrderLine};
use crate::domain::shipment::ShipmentLine;
use chrono::{DateTime, TimeZone, Utc};

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn line(n: u32, promised: Option<u32>, requested: Option<u32>) -> OrderLine {
    OrderLine {
        line: n,
        sku: "SOAP".into(),
        qty: "1 pcs".parse().unwrap(),
        unit_price: None,
        requested_date: requested.map(day),
        promised_date: promised.map(day),
        lot: None,
        min_remaining_shelf_life_days: None,
        shipped: 1.into(),
        fulfilled_outside: 0.into(),
        cancelled: 0.into(),
    }
}

fn shipped_order(lines: Vec<OrderLine>) -> SalesOrder {
    SalesOrder {
        id: "SO-000001".into(),
        channel: "etsy".into(),
        external_ref: None,
        customer: Customer::default(),
        ship_to: None,
        lines,
        tags: vec![],
        notes: None,
        attention: vec![],
        status: OrderStatus::Shipped,
        placed_at: at(1, 8),
        confirmed_at: Some(at(1, 8)),
        cancelled_at: None,
        hold: None,
        ship_from: None,
        delay: None,
    }
}

fn shipment(id: &str, at: DateTime<Utc>, lines: &[u32]) -> Shipment {
    Shipment {
        id: id.into(),
        order: "SO-000001".into(),
        lines: lines
            .iter()
            .map(|n| ShipmentLine {
                line: *n,
                sku: "SOAP".into(),
                lot: "L".into(),
                location: "MAIN".into(),
                qty: 1.into(),
            })
            .collect(),
        carrier: "UPS".into(),
        tracking: "1".into(),
        label: None,
        shipped_at: at,
        cost_of_goods: None,
    }
}

#[test]
fn promised_date_wins_over_requested_and_undated_lines_are_counted_apart() {
    // Line 1 promised the 3rd (requested the 10th): shipped the 4th, late.
    // Line 2 only requested the 5th: shipped the 4th, on time.
    // Line 3 promised the 4th: shipped the 4th, on time (same day).
    // Line 4 has no date.
    let order = shipped_order(vec![
        line(1, Some(3), Some(10)),
        line(2, None, Some(5)),
        line(3, Some(4), None),
        line(4, None, None),
    ]);
    // Line 1 leaves from two lots in one shipment: still one shipped line.
    let mut s = shipment("SH-000001", at(4, 23), &[1, 1, 2, 3, 4]);
    s.lines[1].lot = "L2".into();
    let a = compute(&[order], &[s], &[], &AnalyticsQuery::default()).unwrap();
    assert_eq!(
        a.on_time,
        OnTime {
            evaluated: 3,
            on_time: 2,
            late: 1,
            without_date: 1,
            rate: Some(Decimal::new(6667, 4)),
        }
    );
    // Placed the 1st 08:00, last shipment the 4th 23:00: 87 hours.
    assert_eq!(a.lead_time.average_hours, Some(Decimal::from(87)));
}

#[test]
fn period_filters_shipments_by_the_day_they_left() {
    let order = shipped_order(vec![line(1, Some(3), None)]);
    let ships = [shipment("SH-000001", at(2, 9), &[1])];
    let q = AnalyticsQuery {
        from: Some(day(3)),
        ..Default::default()
    };
    let a = compute(std::slice::from_ref(&order), &ships, &[], &q).unwrap();
    assert_eq!(a.on_time.evaluated, 0);
    assert_eq!(a.on_time.rate, None);
    assert_eq!(a.lead_time.orders, 0);
    // Placed on the 1st, before the period: not counted by status either.
    assert!(a.by_status.is_empty());
}

#[test]
fn rejects_bad_bounds() {
    let q = AnalyticsQuery {
        top: 0,
        ..Default::default()
    };
    assert_eq!(
        compute(&[], &[], &[], &q).unwrap_err().code(),
        "invalid_input"
    );
    let q = AnalyticsQuery {
        from: Some(day(5)),
        to: Some(day(4)),
        ..Default::default()
    };
    assert_eq!(
        compute(&[], &[], &[], &q).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn tidy_keeps_two_places_at_least() {
    assert_eq!(tidy_amount(Decimal::new(27_00000, 5)).to_string(), "27.00");
    assert_eq!(tidy_amount(Decimal::new(125, 3)).to_string(), "0.125");
}
