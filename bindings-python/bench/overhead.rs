//! The Rust side of the Python overhead measurement: the same calls as
//! `bindings-python/bench/overhead.py`, timed in-process without
//! Python. Run with `cargo run --release -p lotwise-python --example overhead`.

use std::hint::black_box;
use std::time::Instant;

use lotwise::*;

fn per_call(label: &str, n: u32, mut f: impl FnMut()) {
    for _ in 0..n / 10 {
        f();
    }
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    let ns = start.elapsed().as_nanos() as f64 / f64::from(n);
    println!("{label:<44} {:>10.2} µs/call", ns / 1000.0);
}

fn main() -> Result<()> {
    let lw = Lotwise::open(":memory:")?;
    lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))?;
    lw.define_item(NewItem::new(
        "CANDLE",
        "Candle",
        ItemKind::Product,
        Uom::Pcs,
    ))?;
    lw.receive(Receipt::new("WAX", "10 kg".parse()?))?;
    lw.receive(Receipt::new("CANDLE", "100000 pcs".parse()?))?;

    per_call("event_cursor(consumer)", 200_000, || {
        black_box(lw.event_cursor("mailer").ok());
    });
    per_call("stock(sku)", 200_000, || {
        black_box(lw.stock("WAX").ok());
    });
    per_call("stock(sku) + serde_json::to_string", 200_000, || {
        black_box(lw.stock("WAX").ok().map(|s| serde_json::to_string(&s).ok()));
    });

    let orders: Vec<NewOrder> = (0..10_000)
        .map(|i| NewOrder {
            channel: "csv".into(),
            external_ref: Some(format!("{i}")),
            customer: Customer {
                name: format!("Customer {i}"),
                email: None,
            },
            ship_to: None,
            lines: vec![NewOrderLine {
                sku: "CANDLE".into(),
                qty: "2 pcs".parse().unwrap_or(Qty::zero(Uom::Pcs)),
                unit_price: "24.00 USD".parse().ok(),
                requested_date: None,
                lot: None,
                min_remaining_shelf_life_days: None,
            }],
            tags: vec![],
            notes: None,
        })
        .collect();
    let start = Instant::now();
    for o in orders {
        lw.place_order(o)?;
    }
    println!(
        "{:<44} {:>10.1} ms",
        "place_order x 10 000",
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
