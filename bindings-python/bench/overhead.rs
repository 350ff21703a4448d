//! The Rust side of the Python overhead measurement, in its own process:
//! the workload and queries of `bindings-python/bench/overhead.py`, and the
//! 10 000-order import, timed without Python. Run with
//! `cargo run --release -p lotwise-python --example overhead`.
//!
//! (`overhead.py` also times the same queries in Rust on its own store,
//! through `Engine._bench_rust`, so its table needs no second process.)

use std::hint::black_box;
use std::time::Instant;

use lotwise::*;

/// Best of 5 runs of `n` calls, in µs per call.
fn per_call<T>(label: &str, n: u32, mut f: impl FnMut() -> Result<T>) -> Result<()> {
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        for _ in 0..n {
            black_box(f()?);
        }
        best = best.min(start.elapsed().as_secs_f64() / f64::from(n));
    }
    println!("{label:<42} {:>8.2} µs/call", best * 1e6);
    Ok(())
}

/// The shop of `overhead.py`: one confirmed order (5 candles from stock, 7 to make).
fn workload() -> Result<Lotwise> {
    let lw = Lotwise::open(":memory:")?;
    let mut wax = NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg);
    wax.shelf_life_days = Some(365);
    lw.define_item(wax)?;
    lw.define_item(NewItem::new(
        "WICK",
        "Cotton wick",
        ItemKind::Material,
        Uom::Pcs,
    ))?;
    lw.define_item(NewItem::new(
        "CANDLE",
        "Lavender candle",
        ItemKind::Product,
        Uom::Pcs,
    ))?;
    lw.define_recipe(NewRecipe {
        product: "CANDLE".into(),
        batch_size: "1 pcs".parse()?,
        inputs: vec![
            NewRecipeInput {
                sku: "WAX".into(),
                qty: "0.2 kg".parse()?,
                scrap_pct: 0.into(),
            },
            NewRecipeInput {
                sku: "WICK".into(),
                qty: "1 pcs".parse()?,
                scrap_pct: 0.into(),
            },
        ],
        yield_pct: None,
        operations: vec![],
    })?;
    let mut receipt = Receipt::new("WAX", "10 kg".parse()?);
    receipt.expiry = chrono::NaiveDate::from_ymd_opt(2031, 1, 31);
    lw.receive(receipt)?;
    lw.receive(Receipt::new("WICK", "100 pcs".parse()?))?;
    lw.receive(Receipt::new("CANDLE", "5 pcs".parse()?))?;
    let placed = lw.place_order(NewOrder {
        channel: "etsy".into(),
        external_ref: Some("3141592".into()),
        customer: Customer {
            name: "Grace Hopper".into(),
            email: Some("grace@example.com".into()),
            ..Default::default()
        },
        ship_to: None,
        lines: vec![line("12 pcs")?],
        tags: vec!["gift".into()],
        notes: None,
    })?;
    lw.confirm_order(&placed.order.id)?;
    Ok(lw)
}

fn line(qty: &str) -> Result<NewOrderLine> {
    Ok(NewOrderLine {
        sku: "CANDLE".into(),
        qty: qty.parse()?,
        unit_price: Some("24.00 USD".parse()?),
        requested_date: None,
        lot: None,
        min_remaining_shelf_life_days: None,
    })
}

fn main() -> Result<()> {
    let lw = workload()?;
    let events = lw.events_after(0, 100)?.len();
    per_call("event_cursor(consumer)", 200_000, || {
        lw.event_cursor("mailer")
    })?;
    per_call("stock(sku)", 100_000, || lw.stock("WAX"))?;
    per_call("lot(code)", 100_000, || lw.lot("WAX-R0001"))?;
    per_call("order(id)", 100_000, || lw.order("SO-000001"))?;
    per_call("order_view(id)", 50_000, || lw.order_view("SO-000001"))?;
    per_call("mo(id)", 100_000, || lw.mo("MO-000001"))?;
    per_call(
        &format!("events_after(0, 100) ({events} events)"),
        20_000,
        || lw.events_after(0, 100),
    )?;
    per_call("order(id) + serde_json::to_string", 100_000, || {
        lw.order("SO-000001")
            .map(|o| serde_json::to_string(&o).unwrap_or_default())
    })?;

    let fresh = Lotwise::open(":memory:")?;
    fresh.define_item(NewItem::new(
        "CANDLE",
        "Candle",
        ItemKind::Product,
        Uom::Pcs,
    ))?;
    let orders = (0..10_000)
        .map(|i| {
            Ok(NewOrder {
                channel: "csv".into(),
                external_ref: Some(format!("{i}")),
                customer: Customer {
                    name: format!("Customer {i}"),
                    email: None,
                    ..Default::default()
                },
                ship_to: None,
                lines: vec![line("2 pcs")?],
                tags: vec![],
                notes: None,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let start = Instant::now();
    for o in orders {
        black_box(fresh.place_order(o)?);
    }
    println!(
        "{:<42} {:>8.1} ms",
        "place_order x 10 000",
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
