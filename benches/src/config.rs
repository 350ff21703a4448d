//! Sizes of every workload: the full sizes of issue 13, the short mode, and
//! the environment variables that change them.

use std::time::Duration;

/// The workloads, by the names `--only` takes.
pub const WORKLOADS: [&str; 9] = [
    "cycles", "baseline", "trace", "promise", "python", "postgres", "memory", "backlog", "shelf",
];

/// What one run measures, and how big.
#[derive(Debug, Clone)]
pub struct Config {
    /// Short mode: every workload at a small size.
    pub short: bool,
    /// Order counts of the full-cycle workload (memory and SQLite), smallest first.
    pub orders: Vec<usize>,
    /// Backward traces sampled per cycle run (evenly over the batch lots).
    pub cycle_trace_samples: usize,
    /// Lots in the memory-store genealogy.
    pub lots_memory: usize,
    /// Lots in the SQLite genealogy.
    pub lots_sqlite: usize,
    /// Samples of each trace query (forward, backward, recall).
    pub trace_samples: usize,
    /// Open batches (confirmed make-to-order orders) behind the promise.
    pub open_batches: usize,
    /// Samples of each promise query.
    pub promise_samples: usize,
    /// Lots received for the memory measurement.
    pub mem_lots: usize,
    /// Ledger movements (stock adjustments) added after them.
    pub mem_movements: usize,
    /// Backlog sizes (orders waiting for materials) of the waiting-backlog
    /// workload, smallest first.
    pub backlog: Vec<usize>,
    /// Receipts timed per step of the waiting-backlog workload.
    pub backlog_receipts: usize,
    /// Shelf sizes (orders ready to ship, each holding a fully reserved
    /// lot) of the shelf workload, smallest first.
    pub shelf: Vec<usize>,
    /// Commands timed per step of the shelf workload.
    pub shelf_samples: usize,
    /// Worker processes of the Postgres workload.
    pub pg_processes: usize,
    /// Orders each Postgres worker places and confirms, per shape.
    pub pg_orders: usize,
    /// Wall-clock allowance of one phase (one step over all orders, one
    /// genealogy build, one promise setup); `None` = no limit.
    pub budget: Option<Duration>,
    /// Wall-clock allowance of one genealogy build (workload 3), larger:
    /// building 200k lots on SQLite takes minutes; `None` = no limit.
    pub build_budget: Option<Duration>,
    /// Workloads to run (all when empty).
    pub only: Vec<String>,
}

impl Config {
    /// The sizes of issue 13.
    pub fn full() -> Self {
        Config {
            short: false,
            orders: vec![200, 2_000, 20_000],
            cycle_trace_samples: 1_000,
            lots_memory: 1_000_000,
            lots_sqlite: 200_000,
            trace_samples: 1_000,
            open_batches: 10_000,
            promise_samples: 2_000,
            mem_lots: 100_000,
            mem_movements: 200_000,
            backlog: vec![200, 2_000, 20_000],
            backlog_receipts: 200,
            shelf: vec![200, 2_000, 20_000],
            // SQLite's WAL checkpoints cost a few ms every few dozen
            // commands; a thousand turns spread them over the steps in
            // proportion to what each writes, where 200 left whole steps
            // without one at one size and with several at another.
            shelf_samples: 1000,
            pg_processes: 8,
            pg_orders: 250,
            budget: Some(Duration::from_secs(60)),
            build_budget: Some(Duration::from_secs(300)),
            only: Vec::new(),
        }
    }

    /// Small sizes for the test command: well under a minute in a debug build.
    pub fn short() -> Self {
        Config {
            short: true,
            orders: vec![50, 200],
            cycle_trace_samples: 100,
            lots_memory: 2_000,
            lots_sqlite: 2_000,
            trace_samples: 100,
            open_batches: 200,
            promise_samples: 200,
            mem_lots: 2_000,
            mem_movements: 4_000,
            backlog: vec![50, 200],
            backlog_receipts: 40,
            shelf: vec![50, 200],
            shelf_samples: 40,
            pg_processes: 2,
            pg_orders: 10,
            budget: None,
            build_budget: None,
            only: Vec::new(),
        }
    }

    /// The configuration from the command line (`--short`, `--only=a,b`)
    /// and the environment (`LOTWISE_BENCH_*`, see the README).
    pub fn from_env(args: &[String]) -> Result<Self, String> {
        let short = args.iter().any(|a| a == "--short")
            || std::env::var("LOTWISE_BENCH_SHORT").is_ok_and(|v| v == "1");
        let mut c = if short { Self::short() } else { Self::full() };
        for a in args {
            if let Some(list) = a.strip_prefix("--only=") {
                c.only = list.split(',').map(|s| s.trim().to_string()).collect();
            } else if a != "--short" {
                return Err(format!("unknown argument `{a}`"));
            }
        }
        if let Ok(list) = std::env::var("LOTWISE_BENCH_ONLY") {
            c.only = list.split(',').map(|s| s.trim().to_string()).collect();
        }
        for w in &c.only {
            if !WORKLOADS.contains(&w.as_str()) {
                return Err(format!("unknown workload `{w}` (known: {WORKLOADS:?})"));
            }
        }
        if let Some(list) = env_list("LOTWISE_BENCH_ORDERS")? {
            c.orders = list;
            c.orders.sort_unstable();
        }
        if let Some(list) = env_list("LOTWISE_BENCH_BACKLOG")? {
            c.backlog = list;
            c.backlog.sort_unstable();
        }
        if let Some(list) = env_list("LOTWISE_BENCH_SHELF")? {
            c.shelf = list;
            c.shelf.sort_unstable();
        }
        let sizes: [(&str, &mut usize); 12] = [
            ("LOTWISE_BENCH_LOTS", &mut c.lots_memory),
            ("LOTWISE_BENCH_SQLITE_LOTS", &mut c.lots_sqlite),
            ("LOTWISE_BENCH_TRACE_SAMPLES", &mut c.trace_samples),
            ("LOTWISE_BENCH_OPEN_BATCHES", &mut c.open_batches),
            ("LOTWISE_BENCH_PROMISE_SAMPLES", &mut c.promise_samples),
            ("LOTWISE_BENCH_MEM_LOTS", &mut c.mem_lots),
            ("LOTWISE_BENCH_MEM_MOVEMENTS", &mut c.mem_movements),
            ("LOTWISE_BENCH_CYCLE_TRACES", &mut c.cycle_trace_samples),
            ("LOTWISE_BENCH_BACKLOG_RECEIPTS", &mut c.backlog_receipts),
            ("LOTWISE_BENCH_SHELF_SAMPLES", &mut c.shelf_samples),
            ("LOTWISE_BENCH_PG_PROCESSES", &mut c.pg_processes),
            ("LOTWISE_BENCH_PG_ORDERS", &mut c.pg_orders),
        ];
        for (name, slot) in sizes {
            if let Some(v) = env_usize(name)? {
                *slot = v;
            }
        }
        if let Some(s) = env_usize("LOTWISE_BENCH_BUDGET_S")? {
            c.budget = (s > 0).then(|| Duration::from_secs(s as u64));
            c.build_budget = c.budget.map(|b| b.max(Duration::from_secs(300)));
        }
        if let Some(s) = env_usize("LOTWISE_BENCH_BUILD_BUDGET_S")? {
            c.build_budget = (s > 0).then(|| Duration::from_secs(s as u64));
        }
        if c.orders.is_empty() || c.orders[0] == 0 {
            return Err("LOTWISE_BENCH_ORDERS needs at least one size above 0".into());
        }
        // Below this a backlog lacks a waiting batch of some product or an
        // order of the bought item, and a step would have nothing to serve.
        let least = crate::backlog::MIN_BACKLOG;
        if c.backlog.first().is_none_or(|&n| n < least) {
            return Err(format!(
                "LOTWISE_BENCH_BACKLOG needs sizes of at least {least}"
            ));
        }
        // An empty shelf has no order for the shipping step to ship.
        let least = crate::shelf::MIN_SHELF;
        if c.shelf.first().is_none_or(|&n| n < least) {
            return Err(format!(
                "LOTWISE_BENCH_SHELF needs sizes of at least {least}"
            ));
        }
        Ok(c)
    }

    /// Whether workload `name` runs.
    pub fn runs(&self, name: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|w| w == name)
    }
}

fn env_usize(name: &str) -> Result<Option<usize>, String> {
    match std::env::var(name) {
        Err(_) => Ok(None),
        Ok(v) => parse_size(&v)
            .map(Some)
            .ok_or_else(|| format!("{name}={v}: not a whole number")),
    }
}

fn env_list(name: &str) -> Result<Option<Vec<usize>>, String> {
    match std::env::var(name) {
        Err(_) => Ok(None),
        Ok(v) => v
            .split(',')
            .map(|s| parse_size(s).ok_or_else(|| format!("{name}={v}: not a list of numbers")))
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
    }
}

/// `20000`, `20_000` or `20k`/`1M`.
fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim().replace('_', "");
    let (digits, factor) = match s.chars().last()? {
        'k' | 'K' => (&s[..s.len() - 1], 1_000),
        'm' | 'M' => (&s[..s.len() - 1], 1_000_000),
        _ => (&s[..], 1),
    };
    digits.parse::<usize>().ok().map(|n| n * factor)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("20000"), Some(20_000));
        assert_eq!(parse_size("20_000"), Some(20_000));
        assert_eq!(parse_size("1M"), Some(1_000_000));
        assert_eq!(parse_size("2k"), Some(2_000));
        assert_eq!(parse_size("x"), None);
    }
}
