//! The main job: a candle maker's make-to-order run, step by step.
//!
//! ```text
//! cargo run --example make_to_order                 # SQLite file make_to_order.db
//! cargo run --example make_to_order -- shop.db      # another SQLite file
//! cargo run --example make_to_order -- :memory:     # in memory
//! ```
//!
//! Run it twice on the same file and the second run continues: the catalog
//! is kept, a fresh delivery of materials arrives and the next order is made.
//!
//! ```text
//! ```
//!
//! A Shopify order for 30 lavender candles arrives; 10 are on the shelf. The
//! rest is poured in one batch of 24, which reserves wax, fragrance, wicks and
//! jars; the batch is made, the order ships with tracking, and a recall of the
//! wax lot names the customer.

use std::error::Error as StdError;

use lotwise::*;

type Res<T = ()> = std::result::Result<T, Box<dyn StdError>>;

fn main() -> Res {
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "make_to_order.db".to_string());
    let lw = Lotwise::open(&url)?;
    println!("lotwise on {} ({})", url, lw.backend());
    if lw.items()?.is_empty() {
        println!("new database: setting up the catalog and opening stock");
        setup_catalog(&lw)?;
    } else {
        println!(
            "existing database with {} orders: continuing with this week's delivery",
            lw.orders()?.len()
        );
        for (sku, qty) in [
            ("WAX-SOY", "10 kg"),
            ("OIL-LAV", "1 l"),
            ("WICK-CD8", "48 pcs"),
            ("JAR-8OZ", "48 pcs"),
        ] {
            let lot = lw.receive(Receipt::new(sku, qty.parse()?))?;
            println!("  received {qty} of {sku} as lot {}", lot.code);
        }
    }
    let run = lw.orders()?.len() + 1;

    step(1, "order received");
    let placed = lw.place_order(NewOrder {
        channel: "shopify".into(),
        external_ref: Some(format!("#{}", 1000 + run)),
        customer: Customer {
            name: "Ada Lovelace".into(),
            email: Some("ada@example.com".into()),
            ..Default::default()
        },
        ship_to: Some(Address {
            name: "Ada Lovelace".into(),
            line1: "12 St James's Square".into(),
            city: "London".into(),
            postal_code: "SW1Y 4JH".into(),
            country: "GB".into(),
            ..Default::default()
        }),
        lines: vec![NewOrderLine {
            sku: "CANDLE-LAV".into(),
            qty: "30 pcs".parse()?,
            unit_price: Some("18.00 USD".parse()?),
            requested_date: None,
            lot: None,
            min_remaining_shelf_life_days: Some(90),
        }],
        tags: vec!["wholesale".into()],
        notes: Some("Gift wrap, please".into()),
    })?;
    let id = placed.order.id.clone();
    println!(
        "  {} from {} {:?}: {}",
        id, placed.order.channel, placed.order.external_ref, placed.order.status
    );

    step(2, "check finished stock");
    let candles = lw.stock("CANDLE-LAV")?;
    println!(
        "  CANDLE-LAV on hand {} pcs, available {} pcs",
        candles.on_hand, candles.available
    );

    step(3, "check materials against the recipe");
    let recipe = lw.recipe("CANDLE-LAV")?;
    println!(
        "  recipe v{}: batch of {} pcs, yield {}%",
        recipe.version, recipe.batch_size, recipe.yield_pct
    );
    for input in &recipe.inputs {
        let item = lw.item(&input.sku)?;
        let stock = lw.stock(&input.sku)?;
        println!(
            "  {:<12} {:>8} {} per batch, {:>8} {} available",
            input.sku, input.qty, item.uom, stock.available, item.uom
        );
    }

    step(
        4,
        "confirm: reserve stock, create the manufacturing order, reserve materials",
    );
    let report = lw.confirm_order(&id)?;
    println!("  order status: {}", report.status);
    for (line, qty) in &report.reserved {
        println!("  line {line}: {qty} pcs reserved from finished stock");
    }
    for shortage in &report.shortages {
        println!(
            "  SHORT: {} {} for {}",
            shortage.missing, shortage.sku, shortage.needed_for
        );
    }
    for mo_id in &report.mos {
        let mo = lw.mo(mo_id)?;
        println!(
            "  {} makes {} pcs of {}: {}",
            mo.id, mo.qty, mo.product, mo.status
        );
        for a in lw.mo_lines(mo_id)? {
            println!(
                "    allocated {} pcs to {} line {} ({})",
                a.qty, a.order, a.line, a.customer
            );
        }
    }

    step(
        5,
        "produce: consume the reserved input lots, record the output lot",
    );
    let mo_id = report
        .mos
        .first()
        .ok_or("no manufacturing order was needed")?;
    let started = lw.start_mo(mo_id)?;
    println!(
        "  {} {}; order is {}",
        started.id,
        started.status,
        lw.order(&id)?.status
    );
    for c in &started.consumed {
        println!("    consumed {} of {} lot {}", c.qty, c.sku, c.lot);
    }
    let done = lw.complete_mo(
        mo_id,
        Completion {
            // One candle cracked while curing.
            scrap_qty: Some("1 pcs".parse()?),
            good_qty: Some(Qty::new(started.qty - Decimal::ONE, Uom::Pcs)),
            ..Default::default()
        },
    )?;
    let output = done.output.clone().ok_or("completed without output")?;
    println!(
        "  {} {}: lot {} with {} good, {} scrapped, expires {:?}",
        done.id, done.status, output.lot, output.good, output.scrap, output.expiry
    );

    step(6, "allocate to the order: ready to ship");
    let view = lw.order_view(&id)?;
    println!("  order {}: {}", id, view.status);
    for line in &view.lines {
        println!(
            "  line {} {}: {} of {} ready, {}",
            line.line, line.sku, line.ready, line.ordered, line.status
        );
        for part in &line.from_stock {
            println!(
                "    lot {} at {}: {} pcs",
                part.lot, part.location, part.qty
            );
        }
        for part in &line.from_mos {
            println!(
                "    batch {} ({}): {} pcs",
                part.mo, part.status, part.delivered
            );
        }
    }

    step(7, "ship with tracking");
    let shipment = lw.ship(
        &id,
        ShipRequest {
            carrier: "Royal Mail".into(),
            tracking: format!("RM{run:09}GB"),
            ..Default::default()
        },
    )?;
    println!(
        "  {} via {} tracking {}: {}",
        shipment.id,
        shipment.carrier,
        shipment.tracking,
        lw.order(&id)?.status
    );
    for line in &shipment.lines {
        println!("    {} pcs of lot {}", line.qty, line.lot);
    }
    println!(
        "  CANDLE-LAV on hand now {} pcs",
        lw.stock("CANDLE-LAV")?.on_hand
    );

    step(8, "trace: which customers got the wax lot?");
    let trace = lw.trace_backward(&output.lot)?;
    for lot in &trace.lots {
        println!(
            "  {}{} ({})",
            "  ".repeat(lot.depth as usize),
            lot.lot,
            lot.sku
        );
    }
    let wax_lot = trace
        .lots
        .iter()
        .find(|l| l.sku == "WAX-SOY")
        .ok_or("batch has no wax lot")?;
    let recall = lw.recall(&wax_lot.lot)?;
    println!(
        "  recall {}: customers {:?}, orders {:?}",
        recall.lot, recall.customers, recall.orders
    );
    for l in &recall.lots {
        println!(
            "    {} {}: {} on hand, {} shipped, {} consumed",
            l.lot, l.sku, l.on_hand, l.shipped, l.consumed
        );
    }

    step(9, "events for the notifier");
    for e in lw.pending_events("notifier", 1000)? {
        if e.kind() == "order_shipped" || e.kind() == "order_status_changed" {
            println!(
                "  #{} {} {} {}",
                e.seq,
                e.kind(),
                e.subject,
                e.data.to_json()
            );
        }
    }
    if let Some(last) = lw.pending_events("notifier", usize::MAX)?.last() {
        lw.ack_events("notifier", last.seq)?;
    }
    let problems = lw.check_invariants()?;
    println!(
        "\ninvariants: {}",
        if problems.is_empty() {
            "all hold".to_string()
        } else {
            problems.join("; ")
        }
    );
    Ok(())
}

fn step(n: u32, title: &str) {
    println!("\n[{n}] {title}");
}

fn setup_catalog(lw: &Lotwise) -> Res {
    let mut wax = NewItem::new("WAX-SOY", "Soy wax", ItemKind::Material, Uom::Kg);
    wax.shelf_life_days = Some(540);
    wax.lead_time_days = Some(5);
    lw.define_item(wax)?;
    let mut oil = NewItem::new(
        "OIL-LAV",
        "Lavender fragrance oil",
        ItemKind::Material,
        Uom::Ml,
    );
    oil.shelf_life_days = Some(365);
    lw.define_item(oil)?;
    lw.define_item(NewItem::new(
        "WICK-CD8",
        "Cotton wick CD-8",
        ItemKind::Material,
        Uom::Pcs,
    ))?;
    lw.define_item(NewItem::new(
        "JAR-8OZ",
        "Amber jar 8 oz",
        ItemKind::Packaging,
        Uom::Pcs,
    ))?;
    let mut candle = NewItem::new(
        "CANDLE-LAV",
        "Lavender soy candle 8 oz",
        ItemKind::Product,
        Uom::Pcs,
    );
    candle.shelf_life_days = Some(365);
    lw.define_item(candle)?;
    lw.define_recipe(NewRecipe {
        product: "CANDLE-LAV".into(),
        batch_size: "24 pcs".parse()?,
        inputs: vec![
            NewRecipeInput {
                sku: "WAX-SOY".into(),
                qty: "4.8 kg".parse()?,
                scrap_pct: Decimal::new(2, 0),
            },
            NewRecipeInput {
                sku: "OIL-LAV".into(),
                qty: "480 ml".parse()?,
                scrap_pct: Decimal::ZERO,
            },
            NewRecipeInput {
                sku: "WICK-CD8".into(),
                qty: "24 pcs".parse()?,
                scrap_pct: Decimal::ZERO,
            },
            NewRecipeInput {
                sku: "JAR-8OZ".into(),
                qty: "24 pcs".parse()?,
                scrap_pct: Decimal::ZERO,
            },
        ],
        yield_pct: None,
        operations: vec![],
    })?;
    for (sku, qty, lot) in [
        ("WAX-SOY", "25 kg", "SW-2611-A"),
        ("OIL-LAV", "2 l", "FO-LAV-0925"),
        ("WICK-CD8", "500 pcs", "WK-77"),
        ("JAR-8OZ", "200 pcs", "JR-1102"),
        ("CANDLE-LAV", "10 pcs", "CANDLE-LAV-OPEN"),
    ] {
        let mut receipt = Receipt::new(sku, qty.parse()?);
        receipt.lot = Some(lot.into());
        let lot = lw.receive(receipt)?;
        println!(
            "  received {qty} of {sku} as lot {} (expires {:?})",
            lot.code, lot.expiry
        );
    }
    Ok(())
}
