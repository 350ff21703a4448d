//! The wholesale CSV.

use super::*;

fn wholesale_orders() -> Vec<NewOrder> {
    let order = |r: &str, who: &str, lines| NewOrder {
        channel: "csv".into(),
        external_ref: Some(r.into()),
        customer: customer(who, None),
        ship_to: None,
        lines,
        tags: vec![],
        notes: None,
    };
    vec![
        order(
            "WH-2026-0117",
            "Bramble & Wick General Store",
            vec![
                line("CANDLE-LAV-200", "24 pcs", "12.00 USD", Some("2026-12-01")),
                line("SOAP-OAT-100", "36 pcs", "4.75 USD", Some("2026-12-01")),
                line("BALM-LIP-15", "48 pcs", "3.00 USD", Some("2026-12-01")),
            ],
        ),
        order(
            "WH-2026-0118",
            "Saltmarsh Apothecary, Ltée",
            vec![
                line("CANDLE-CED-200", "12 pcs", "16.25 CAD", Some("2027-01-15")),
                line("SOAP-ROS-100", "24 pcs", "6.50 CAD", Some("2027-01-15")),
            ],
        ),
    ]
}

#[test]
fn csv_wholesale_orders() {
    let orders = csv::parse_csv(WHOLESALE, &catalog()).unwrap();
    let placed: Vec<NewOrder> = orders.iter().map(|o| o.new_order.clone()).collect();
    assert_eq!(placed, wholesale_orders());
    // Totals per order, each in its own currency.
    assert_eq!(
        orders[0].totals.as_ref().map(|t| t.total.clone()),
        Some(money("603.00 USD"))
    );
    assert_eq!(
        orders[1].totals.as_ref().map(|t| t.total.clone()),
        Some(money("351.00 CAD"))
    );
    assert_eq!(orders[1].currency, "CAD");
    assert_eq!(orders[1].lines[1].source, "row 6");
    assert_eq!(orders[0].lines[2].external_id, "BALM-LIP-15");
    // CRLF line ends read the same.
    let crlf = String::from_utf8(WHOLESALE.to_vec())
        .unwrap()
        .replace('\n', "\r\n");
    let again: Vec<NewOrder> = csv::parse_csv(crlf.as_bytes(), &catalog())
        .unwrap()
        .into_iter()
        .map(|o| o.new_order)
        .collect();
    assert_eq!(again, wholesale_orders());
}

#[test]
fn csv_unknown_sku_is_kept_and_flagged() {
    let body = String::from_utf8(WHOLESALE.to_vec())
        .unwrap()
        .replace("SOAP-ROS-100", "SOAP-ROSE-100");
    let orders = csv::parse_csv(body.as_bytes(), &catalog()).unwrap();
    assert!(!orders[0].needs_attention());
    let o = &orders[1];
    assert_eq!(o.new_order.lines.len(), 1);
    assert_eq!(
        o.attention(),
        vec![Attention::UnmappedLine {
            line: 1,
            source: "row 6".into(),
            title: "SOAP-ROSE-100".into(),
            reason: UnmappedReason::UnknownSku {
                sku: "SOAP-ROSE-100".into()
            },
        }]
    );
}

#[test]
fn csv_byte_order_mark_and_blank_lines_are_tolerated() {
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend_from_slice(&text(WHOLESALE).replacen('\n', "\n\n", 2).into_bytes());
    let orders: Vec<NewOrder> = csv::parse_csv(&body, &catalog())
        .unwrap()
        .into_iter()
        .map(|o| o.new_order)
        .collect();
    assert_eq!(orders, wholesale_orders());
}
