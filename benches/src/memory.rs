//! Workload 7: memory per lot and per ledger entry on the memory store.
//!
//! Resident memory (`/proc/self/statm`) is read before and after two
//! phases on a fresh in-memory engine: N receipts that each create a new
//! lot (a lot, one movement, a balance and an event), then M receipts into
//! those existing lots (one movement and an event each, a balance updated,
//! no new lot). Bytes per movement come from the second phase; bytes per
//! lot are the first phase's bytes per receipt minus that. Allocator slack
//! (vectors doubling, freed pages kept) makes these estimates, good to tens
//! of percent at 100k+ entries and meaningless at short-mode sizes.

use std::sync::Arc;

use lotwise::*;

use crate::config::Config;
use crate::report::{BResult, Outcome};
use crate::stats::{dur, rate, sig, thousands, Budget};
use crate::workload::{epoch, pcs};

const SKUS: usize = 20;

/// Resident memory of this process, in bytes (`None` off Linux).
pub fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * page_size())
}

fn page_size() -> u64 {
    std::process::Command::new("getconf")
        .arg("PAGESIZE")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(4096)
}

/// Workload 7 in a fresh process (this executable with `--child=memory`),
/// so the memory earlier workloads freed but the allocator kept does not
/// hide the growth; in tests, in this process.
pub fn workload(cfg: &Config) -> BResult<Outcome> {
    if cfg!(test) {
        return in_process(cfg);
    }
    let mut child = std::process::Command::new(std::env::current_exe()?);
    child.arg(CHILD_ARG);
    if cfg.short {
        child.arg("--short");
    }
    let status = child
        .env("LOTWISE_BENCH_MEM_LOTS", cfg.mem_lots.to_string())
        .env("LOTWISE_BENCH_MEM_MOVEMENTS", cfg.mem_movements.to_string())
        .env(
            "LOTWISE_BENCH_BUDGET_S",
            cfg.budget.map_or(0, |b| b.as_secs()).to_string(),
        )
        .status()?;
    if !status.success() {
        return Err(format!("the memory workload's process failed: {status}").into());
    }
    Ok(Outcome {
        workload: "memory",
        figures: 3,
        targets: vec![],
    })
}

/// The argument that makes this executable run only workload 7.
pub const CHILD_ARG: &str = "--child=memory";

/// Workload 7 in this process (the child's side of [`workload`]).
pub fn in_process(cfg: &Config) -> BResult<Outcome> {
    println!("\n## 7. Memory per lot and per ledger entry (memory store)\n");
    let Some(before) = resident_bytes() else {
        println!("*** SKIPPED: /proc/self/statm is not readable here ***");
        return Ok(Outcome {
            workload: "memory",
            figures: 0,
            targets: vec![],
        });
    };
    let lw = Lotwise::in_memory_with_clock(Arc::new(FixedClock::at(epoch())));
    for s in 0..SKUS {
        lw.define_item(NewItem::new(
            &format!("M{s:02}"),
            "Material",
            ItemKind::Material,
            Uom::Pcs,
        ))?;
    }
    let mut lots = Vec::with_capacity(cfg.mem_lots);
    let empty = resident_bytes().unwrap_or(before);
    let budget = Budget::start(cfg.budget);
    let started = std::time::Instant::now();
    while lots.len() < cfg.mem_lots && !budget.spent() {
        let sku = format!("M{:02}", lots.len() % SKUS);
        lots.push((sku.clone(), lw.receive(Receipt::new(&sku, pcs(1000)))?.code));
    }
    let took_lots = started.elapsed();
    let after_lots = resident_bytes().unwrap_or(empty);
    let budget = Budget::start(cfg.budget);
    let started = std::time::Instant::now();
    let mut moves = 0;
    while moves < cfg.mem_movements && !lots.is_empty() && !budget.spent() {
        let (sku, lot) = &lots[moves % lots.len()];
        let mut receipt = Receipt::new(sku, pcs(1));
        receipt.lot = Some(lot.clone());
        lw.receive(receipt)?;
        moves += 1;
    }
    let took_moves = started.elapsed();
    let after_moves = resident_bytes().unwrap_or(after_lots);
    let per_move = after_moves.saturating_sub(after_lots) as f64 / moves.max(1) as f64;
    let n = lots.len();
    let per_receipt = after_lots.saturating_sub(empty) as f64 / n.max(1) as f64;
    let per_lot = per_receipt - per_move;
    let cut = |done: usize, wanted: usize| {
        if done < wanted {
            let (d, w) = (thousands(done as u64), thousands(wanted as u64));
            format!(" — STOPPED by the budget at {d} of {w}")
        } else {
            String::new()
        }
    };
    println!(
        "workload: {} receipts of new lots over {SKUS} SKUs in {} ({}){}, \
         then {} receipts into those lots in {} ({}){}",
        thousands(n as u64),
        dur(took_lots),
        rate(n as f64 / took_lots.as_secs_f64().max(1e-9)),
        cut(n, cfg.mem_lots),
        thousands(moves as u64),
        dur(took_moves),
        rate(moves as f64 / took_moves.as_secs_f64().max(1e-9)),
        cut(moves, cfg.mem_movements),
    );
    let mib = |b: u64| format!("{} MiB", sig(b as f64 / 1_048_576.0));
    println!(
        "\nresident: {} empty engine, {} after the new lots, {} after the receipts into them",
        mib(empty),
        mib(after_lots),
        mib(after_moves)
    );
    println!("\n| | bytes |\n|---|---:|");
    println!(
        "| per ledger movement (with its event and balance update) | {} |",
        sig(per_move)
    );
    println!(
        "| per lot (receipt of a new lot minus a receipt into an existing one) | {} |",
        sig(per_lot)
    );
    println!(
        "| per receipt of a new lot (lot + movement + balance + event) | {} |",
        sig(per_receipt)
    );
    if after_moves.saturating_sub(empty) < 4 << 20 {
        println!("\n(grew less than 4 MiB: below what resident memory resolves; run at full size)");
    }
    Ok(Outcome {
        workload: "memory",
        figures: 3,
        targets: vec![],
    })
}
