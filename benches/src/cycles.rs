//! Workload 1: full order cycles at several order counts, on the memory
//! store and on a SQLite file, step by step.
//!
//! Each run goes in phases, so the order book is full while it is worked:
//! place every order, confirm every order (one batch per line, materials
//! reserved FEFO), start every batch, complete every batch, ship every
//! order; then trace each shipped batch lot back to its materials (a sample)
//! and every raw lot forward. Each command is timed on its own. A phase
//! that outruns the time budget stops and the next phases work on what it
//! did; its figures are then marked partial (and are lower bounds, since
//! the cost per order grows as the book fills).

use std::time::{Duration, Instant};

use crate::config::Config;
use crate::report::{BResult, Outcome, Target, Verdict};
use crate::stats::{dur, rate, ratio, sig, thousands, Budget, Samples, Summary};
use crate::tables::{print_done, print_growth, print_steps};
use crate::workload::{
    generate, lines_per_order, lot_grams, Catalog, LotwiseShop, OrderSpec, Shop,
};

/// The steps of one full order cycle.
pub const CYCLE_STEPS: [&str; 5] = ["place", "confirm", "start", "complete", "ship"];

/// The seed of every cycle run: the 2,000-order run starts with the 200 orders of the 200-order run.
pub const SEED: u64 = 13;

/// One step over all orders of a run.
#[derive(Debug, Clone)]
pub struct StepResult {
    /// `place`, `confirm`, … , `trace_back`, `trace_fwd`.
    pub step: &'static str,
    /// Per-command durations.
    pub summary: Summary,
    /// Commands the step should have run.
    pub wanted: usize,
    /// Commands per order (batches per order for `start` and `complete`).
    pub per_order_ops: f64,
    /// Pages each command added to the SQLite write-ahead log (0 on the
    /// memory store).
    pub pages_per_command: f64,
    /// Anything else worth printing.
    pub note: String,
}

impl StepResult {
    /// Whether the time budget cut the step short.
    pub fn partial(&self) -> bool {
        self.summary.n < self.wanted
    }

    /// Mean cost of the step per order.
    pub fn per_order(&self) -> Duration {
        self.summary.mean.mul_f64(self.per_order_ops)
    }

    /// The commands it ran, as a table cell: with how many it should have
    /// run when the budget cut it short.
    pub fn commands_cell(&self) -> String {
        if self.partial() {
            format!("{} of {} (PARTIAL: budget)", self.summary.n, self.wanted)
        } else {
            thousands(self.summary.n as u64)
        }
    }
}

/// Each step's median over `runs` (the steps of each run, in the same
/// order), ranked by `key`: one slow run does not set a step's figure.
pub fn median_steps(
    runs: &[&[StepResult]],
    key: impl Fn(&StepResult) -> Duration,
) -> Vec<StepResult> {
    let steps = runs.first().map_or(0, |r| r.len());
    (0..steps)
        .map(|i| {
            let mut all: Vec<&StepResult> = runs.iter().filter_map(|r| r.get(i)).collect();
            all.sort_by_key(|s| key(s));
            all[all.len() / 2].clone()
        })
        .collect()
}

/// The backends every sized workload runs on: a heading for each, and
/// whether it is a SQLite file (see [`store_url`]).
pub const BACKENDS: [(&str, bool); 2] = [
    ("memory store", false),
    ("SQLite file (WAL, synchronous=NORMAL)", true),
];

/// Where a run named `name` keeps its store: a file in `dir` on SQLite,
/// else a fresh memory store.
pub fn store_url(dir: &std::path::Path, sqlite: bool, name: &str) -> String {
    if sqlite {
        dir.join(name).to_string_lossy().into_owned()
    } else {
        ":memory:".into()
    }
}

/// One run of the workload on one backend at one size.
#[derive(Debug, Clone)]
pub struct CycleRun {
    /// Orders in the run.
    pub orders: usize,
    /// Its steps, in order.
    pub steps: Vec<StepResult>,
    /// Setup (catalog and material lots) and all steps, wall clock.
    pub wall: Duration,
}

impl CycleRun {
    /// The step named `name`.
    pub fn step(&self, name: &str) -> Option<&StepResult> {
        self.steps.iter().find(|s| s.step == name)
    }

    /// The steps of a full cycle (place to ship) the run has, in order.
    pub fn cycle_steps(&self) -> impl Iterator<Item = &StepResult> {
        CYCLE_STEPS.iter().filter_map(|s| self.step(s))
    }

    /// The cost of one full cycle: the per-order cost of every cycle step, summed.
    pub fn cycle_cost(&self) -> Duration {
        self.cycle_steps().map(StepResult::per_order).sum()
    }

    /// Full cycles per second (`1 / cycle_cost`).
    pub fn cycles_per_sec(&self) -> f64 {
        1.0 / self.cycle_cost().as_secs_f64().max(1e-12)
    }

    /// Whether any cycle step was cut short by the budget.
    pub fn partial(&self) -> bool {
        self.cycle_steps().any(StepResult::partial)
    }
}

fn step(name: &'static str, s: &Samples, wanted: usize, per_order_ops: f64) -> StepResult {
    StepResult {
        step: name,
        summary: s.summary(),
        wanted,
        per_order_ops,
        pages_per_command: 0.0,
        note: String::new(),
    }
}

/// Notes the page faults per command of the phase `b` timed: a store that
/// grows takes fresh memory from the kernel as it goes, while a small run
/// repeated in one process reuses what the run before freed — part of why
/// a step can cost more per order at 20,000 orders than at 200.
///
/// On SQLite it also notes the pages each command wrote to the log: about
/// one per B-tree it touched, which is what a command costs there.
fn faulted(mut step: StepResult, b: &Budget) -> StepResult {
    let per_command = |n: u64| sig(n as f64 / step.summary.n.max(1) as f64);
    let mut notes = Vec::new();
    if let Some(faults) = b.faults() {
        notes.push(format!("{} page faults per command", per_command(faults)));
    }
    let pages = b.log_pages();
    step.pages_per_command = pages as f64 / step.summary.n.max(1) as f64;
    if pages > 0 {
        notes.push(format!("{} WAL pages per command", per_command(pages)));
    }
    step.note = notes.join("; ");
    step
}

/// Runs every phase of the workload on `shop`.
pub fn run<S: Shop>(
    shop: &mut S,
    orders: &[OrderSpec],
    raw_lots: &[String],
    skus: &[String],
    budget: Option<Duration>,
    traces: usize,
) -> BResult<Vec<StepResult>> {
    let n = orders.len();
    let lines: usize = orders.iter().map(|o| o.lines.len()).sum();
    let lpo = lines_per_order(orders);
    let mut steps = Vec::new();

    let (b, mut s) = (Budget::start(budget), Samples::with_capacity(n));
    let mut ids = Vec::with_capacity(n);
    for o in orders.iter().take_while(|_| !b.spent()) {
        ids.push(s.time(|| shop.place(o))?);
    }
    steps.push(faulted(step("place", &s, n, 1.0), &b));

    let (b, mut s) = (Budget::start(budget), Samples::with_capacity(n));
    let mut mos: Vec<Vec<String>> = Vec::with_capacity(n);
    for id in ids.iter().take_while(|_| !b.spent()) {
        mos.push(s.time(|| shop.confirm(id))?);
    }
    steps.push(faulted(step("confirm", &s, n, 1.0), &b));

    let (b, mut s) = (Budget::start(budget), Samples::with_capacity(lines));
    let mut started: Vec<(usize, &String)> = Vec::with_capacity(lines);
    'start: for (i, batch) in mos.iter().enumerate() {
        for mo in batch {
            if b.spent() {
                break 'start;
            }
            s.time(|| shop.start(mo))?;
            started.push((i, mo));
        }
    }
    steps.push(faulted(step("start", &s, lines, lpo), &b));

    let (b, mut s) = (Budget::start(budget), Samples::with_capacity(lines));
    let mut made: Vec<Vec<String>> = vec![Vec::new(); mos.len()];
    for &(i, mo) in started.iter().take_while(|_| !b.spent()) {
        made[i].push(s.time(|| shop.complete(mo))?);
    }
    steps.push(faulted(step("complete", &s, lines, lpo), &b));

    let (b, mut s) = (Budget::start(budget), Samples::with_capacity(n));
    let mut shipped = Vec::with_capacity(n);
    let ready = (0..mos.len()).filter(|&i| made[i].len() == mos[i].len());
    for i in ready.take_while(|_| !b.spent()) {
        s.time(|| shop.ship(&ids[i], &format!("1Z{i:08}")))?;
        shipped.push(i);
    }
    steps.push(faulted(step("ship", &s, n, 1.0), &b));

    let lots: Vec<&String> = shipped.iter().flat_map(|&i| &made[i]).collect();
    let every = (lots.len() / traces.max(1)).max(1);
    let (b, mut s) = (Budget::start(budget), Samples::with_capacity(traces));
    let mut reached = 0;
    for lot in lots.iter().step_by(every).take_while(|_| !b.spent()) {
        reached += s.time(|| shop.trace_back(lot))?;
    }
    let mut back = step("trace_back", &s, lots.len().div_ceil(every), 1.0);
    back.note = format!(
        "per batch lot, {} sampled of {}; {} lots reached on average",
        s.len(),
        lots.len(),
        sig(reached as f64 / s.len().max(1) as f64)
    );
    steps.push(back);

    let (b, mut s) = (
        Budget::start(budget),
        Samples::with_capacity(raw_lots.len()),
    );
    let mut reached = 0;
    for lot in raw_lots.iter().take_while(|_| !b.spent()) {
        reached += s.time(|| shop.trace_fwd(lot))?;
    }
    let mut fwd = step("trace_fwd", &s, raw_lots.len(), 1.0);
    let total = fwd.summary.total;
    fwd.note = format!(
        "per raw lot; {} lots reached on average, {} per lot reached",
        sig(reached as f64 / s.len().max(1) as f64),
        dur(total / reached.max(1) as u32)
    );
    steps.push(fwd);
    steps.extend(time_queries(shop, skus, budget, traces)?);
    Ok(steps)
}

/// A query timed once the whole book has shipped: its step name, one call
/// per `calls_per` of the run's trace samples, the call (given the SKUs'
/// next in turn; what it counts, or `None` where the backend lacks the
/// query), and for its note what it is and what it counts.
struct Query<S> {
    step: &'static str,
    calls_per: usize,
    call: fn(&mut S, &str) -> BResult<Option<usize>>,
    what: &'static str,
    counts: &'static str,
}

/// The queries timed once the whole book has shipped, none of which should
/// cost more with more history: `availability` of each SKU in turn (a
/// storefront asks before every promise, and every lot the items ever had
/// left a balance at the customer or production location), the desk's
/// first page of open orders and the two planning queries a maker runs
/// every morning (nothing is open, so whatever they cost is the history
/// they read). A backend without a query (the baseline) skips its step:
/// one untimed call tells.
fn time_queries<S: Shop>(
    shop: &mut S,
    skus: &[String],
    budget: Option<Duration>,
    traces: usize,
) -> BResult<Vec<StepResult>> {
    let queries: [Query<S>; 4] = [
        Query {
            step: "availability",
            calls_per: 1,
            call: |shop, sku| shop.availability(sku),
            what: "per call, over the SKUs in turn",
            counts: "locations listed on average",
        },
        Query {
            step: "desk_open_orders",
            calls_per: 10,
            call: |shop, _sku| shop.open_orders_page(),
            what: "first page of open orders",
            counts: "open orders",
        },
        Query {
            step: "purchase_suggestions",
            calls_per: 10,
            call: |shop, _sku| shop.purchase_suggestions(),
            what: "what to buy",
            counts: "shortages listed",
        },
        Query {
            step: "suggest_production",
            calls_per: 10,
            call: |shop, _sku| shop.suggest_production(),
            what: "what to make for stock",
            counts: "suggestions",
        },
    ];
    let first = skus.first().map_or("", String::as_str);
    let mut steps = Vec::new();
    for q in queries {
        if (q.call)(shop, first)?.is_none() {
            continue;
        }
        let calls = (traces / q.calls_per).max(1);
        let (b, mut s) = (Budget::start(budget), Samples::with_capacity(calls));
        let mut counted = 0;
        for sku in skus.iter().cycle().take(calls).take_while(|_| !b.spent()) {
            counted += s.time(|| (q.call)(shop, sku))?.unwrap_or_default();
        }
        let mut step = step(q.step, &s, s.len(), 1.0);
        let mean = sig(counted as f64 / s.len().max(1) as f64);
        step.note = format!(
            "{}, {} calls after everything shipped; {mean} {}",
            q.what,
            s.len(),
            q.counts
        );
        steps.push(step);
    }
    Ok(steps)
}

/// One lotwise run at `orders` orders on `url` (`:memory:` or a SQLite file).
pub fn lotwise_run(url: &str, orders: usize, cfg: &Config) -> BResult<CycleRun> {
    sized_run(orders, cfg, |catalog, grams| {
        LotwiseShop::open(url, catalog, grams)
    })
}

/// One run of the workload at `orders` orders on the shop `open` makes
/// (from the catalog and the grams per material lot): the generated book,
/// timed step by step.
pub fn sized_run<S: Shop>(
    orders: usize,
    cfg: &Config,
    open: impl FnOnce(&Catalog, &[u64]) -> BResult<(S, Vec<String>)>,
) -> BResult<CycleRun> {
    let started = Instant::now();
    let (catalog, specs) = generate(SEED, orders);
    let (mut shop, raw) = open(&catalog, &lot_grams(&catalog, &specs))?;
    let steps = run(
        &mut shop,
        &specs,
        &raw,
        &catalog.skus(),
        cfg.budget,
        cfg.cycle_trace_samples,
    )?;
    Ok(CycleRun {
        orders,
        steps,
        wall: started.elapsed(),
    })
}

/// How many times a run of `orders` orders is repeated: small runs are
/// noisy (one page fault shows in a 200-order mean), so below 2,000 orders
/// a run is repeated up to 5 times and each step keeps its median
/// (not in short mode).
pub fn repeats(orders: usize, cfg: &Config) -> usize {
    if cfg.short {
        1
    } else {
        (2_000 / orders.max(1)).clamp(1, 5)
    }
}

/// Runs `once` `reps` times; each step's median (by per-order cost) over the runs.
pub fn median_of(
    reps: usize,
    mut once: impl FnMut(usize) -> BResult<CycleRun>,
) -> BResult<CycleRun> {
    let runs = (0..reps.max(1))
        .map(&mut once)
        .collect::<BResult<Vec<_>>>()?;
    let mut merged = runs[0].clone();
    merged.wall = runs.iter().map(|r| r.wall).sum();
    let steps: Vec<&[StepResult]> = runs.iter().map(|r| r.steps.as_slice()).collect();
    merged.steps = median_steps(&steps, StepResult::per_order);
    Ok(merged)
}

/// Every configured size on one backend; `sqlite` puts each run in a fresh file.
pub fn lotwise_runs(cfg: &Config, sqlite: bool) -> BResult<Vec<CycleRun>> {
    let dir = tempfile::tempdir()?;
    let url = |name: &str| store_url(dir.path(), sqlite, name);
    lotwise_run(&url("warm.db"), 20, cfg)?; // warm-up, not reported
    let mut runs = Vec::new();
    for &n in &cfg.orders {
        let reps = repeats(n, cfg);
        let run = median_of(reps, |i| {
            lotwise_run(&url(&format!("cycles-{n}-{i}.db")), n, cfg)
        })?;
        print_done(&run, reps);
        runs.push(run);
    }
    Ok(runs)
}

/// Workload 1 on memory and SQLite; the outcome and the SQLite runs
/// (workload 2 compares them with its baseline).
pub fn workload(cfg: &Config) -> BResult<(Outcome, Vec<CycleRun>)> {
    let (catalog, specs) = generate(SEED, *cfg.orders.last().unwrap_or(&1));
    println!("\n## 1. Full order cycles\n");
    println!(
        "workload: {} raw materials × {} lots, {} products with 3–5-input recipes (inputs {:?}), \
         orders of 1–3 lines of 1–5 pcs ({} lines per order on average), one batch per line; \
         phases: place all, confirm all, start every batch, complete every batch, ship all, then trace; \
         seed {SEED}, FixedClock +30 s per command; budget per phase: {}",
        catalog.materials.len(),
        crate::workload::LOTS_PER_MATERIAL,
        catalog.products.len(),
        catalog
            .products
            .iter()
            .map(|p| p.inputs.len())
            .collect::<Vec<_>>(),
        sig(lines_per_order(&specs)),
        cfg.budget.map_or("none".into(), dur),
    );
    let mut figures = 0;
    let mut targets = Vec::new();
    let mut sqlite_runs = Vec::new();
    for (label, sqlite) in BACKENDS {
        println!("\n### {label}\n");
        let runs = lotwise_runs(cfg, sqlite)?;
        figures += print_steps(&runs);
        let worst = print_growth(&runs);
        let (first, last) = (runs[0].orders, runs[runs.len() - 1].orders);
        let backend = if sqlite { "SQLite" } else { "memory" };
        if let Some((step, x, partial)) = worst {
            println!(
                "\nhottest growth: `{step}` costs {}{} as much per order at {last} orders as at {first}",
                if partial { "≥ " } else { "" },
                ratio(x)
            );
            figures += 1;
            let verdict = Verdict::of_growth(x, partial, first, last);
            targets.push(Target::new(
                &format!("{backend}: per-order cost of every step at 20,000 orders ≤ 1.5× its cost at 200"),
                format!("worst `{step}`: {}{} ({last} vs {first} orders)", if partial { "≥ " } else { "" }, ratio(x)),
                verdict,
            ));
        }
        let (floor, name) = if sqlite {
            (5_000.0, "5k")
        } else {
            (100_000.0, "100k")
        };
        let slowest = runs
            .iter()
            .min_by(|a, b| a.cycles_per_sec().total_cmp(&b.cycles_per_sec()))
            .unwrap_or(&runs[0]);
        let cps = slowest.cycles_per_sec();
        let verdict = if cps < floor {
            Verdict::NotMet
        } else if runs.iter().any(CycleRun::partial) || last < 20_000 {
            Verdict::NotMeasured
        } else {
            Verdict::Met
        };
        let list: Vec<String> = runs
            .iter()
            .map(|r| {
                format!(
                    "{}: {}",
                    thousands(r.orders as u64),
                    rate(r.cycles_per_sec())
                )
            })
            .collect();
        targets.push(Target::new(
            &format!(
                "{backend}: ≥ {name} full cycles/s{}",
                if sqlite {
                    " (default durability)"
                } else {
                    " on one core"
                }
            ),
            list.join(", "),
            verdict,
        ));
        if sqlite {
            sqlite_runs = runs;
        }
    }
    let outcome = Outcome {
        workload: "cycles",
        figures,
        targets,
    };
    Ok((outcome, sqlite_runs))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Workload 1 at 20 orders on a SQLite file, by lotwise and by the
    /// baseline, in short mode.
    fn lotwise_and_baseline_on_sqlite() -> (CycleRun, CycleRun) {
        let cfg = Config::short();
        let dir = tempfile::tempdir().expect("temp dir");
        let url = store_url(dir.path(), true, "lotwise.db");
        let lotwise = lotwise_run(&url, 20, &cfg).expect("lotwise run");
        let baseline =
            crate::baseline_sql::baseline_run(dir.path(), 20, 0, &cfg).expect("baseline");
        (lotwise, baseline)
    }

    /// The queries timed after the cycle run on lotwise, and a backend
    /// without them (the baseline) has no such steps at all, rather than
    /// a step of calls that did nothing.
    #[test]
    fn queries_after_the_cycle_are_timed_only_where_offered() {
        let (lotwise, baseline) = lotwise_and_baseline_on_sqlite();
        for name in [
            "availability",
            "desk_open_orders",
            "purchase_suggestions",
            "suggest_production",
        ] {
            let step = lotwise
                .step(name)
                .unwrap_or_else(|| panic!("no {name} step"));
            assert!(step.summary.n > 0, "{name} timed no call");
            assert!(baseline.step(name).is_none(), "the baseline timed {name}");
        }
    }

    /// Every step of the cycle on SQLite, lotwise's and the baseline's,
    /// notes the pages its commands wrote to the log. (Not asserted: that
    /// memory steps note none, since tests beside this one write SQLite
    /// logs in the same process; the harness itself runs one store at a
    /// time.)
    #[test]
    fn sqlite_steps_note_the_pages_they_log() {
        let (lotwise, baseline) = lotwise_and_baseline_on_sqlite();
        for (who, run) in [("lotwise", &lotwise), ("baseline", &baseline)] {
            for name in CYCLE_STEPS {
                let step = run.step(name).unwrap_or_else(|| panic!("{who}: no {name}"));
                let pages: f64 = step
                    .note
                    .split("; ")
                    .find_map(|n| n.strip_suffix(" WAL pages per command"))
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("{who} {name}: {:?}", step.note));
                assert!(pages >= 1.0, "{who} {name}: {pages} pages per command");
            }
        }
    }
}
