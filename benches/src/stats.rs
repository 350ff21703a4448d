//! Recorded durations and their percentiles, time budgets, and the number
//! formats every table uses.

use std::time::{Duration, Instant};

/// Every duration one step took, in the order they were recorded.
#[derive(Debug, Default, Clone)]
pub struct Samples {
    durations: Vec<Duration>,
}

impl Samples {
    /// No samples yet, room for `n`.
    pub fn with_capacity(n: usize) -> Self {
        Samples {
            durations: Vec::with_capacity(n),
        }
    }

    /// Runs `f`, records how long it took and returns its value.
    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.durations.push(start.elapsed());
        out
    }

    /// How many durations were recorded.
    pub fn len(&self) -> usize {
        self.durations.len()
    }

    /// Count, total, mean, p50, p99 and max of the recorded durations.
    pub fn summary(&self) -> Summary {
        let mut sorted = self.durations.clone();
        sorted.sort_unstable();
        let total: Duration = sorted.iter().sum();
        let n = sorted.len();
        Summary {
            n,
            total,
            mean: if n == 0 {
                Duration::ZERO
            } else {
                total / n as u32
            },
            p50: percentile(&sorted, 50.0),
            p99: percentile(&sorted, 99.0),
            max: sorted.last().copied().unwrap_or_default(),
        }
    }
}

/// Nearest-rank percentile of sorted durations (zero when there are none).
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// What a set of samples comes to.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    /// Number of samples.
    pub n: usize,
    /// Their sum.
    pub total: Duration,
    /// Mean.
    pub mean: Duration,
    /// Median (nearest rank).
    pub p50: Duration,
    /// 99th percentile (nearest rank).
    pub p99: Duration,
    /// Slowest.
    pub max: Duration,
}

impl Summary {
    /// Operations per second over the summed time.
    pub fn per_sec(&self) -> f64 {
        per_sec(self.n, self.total)
    }
}

/// `n` per `took`, per second (zero when nothing was timed).
pub fn per_sec(n: usize, took: Duration) -> f64 {
    if took.is_zero() {
        0.0
    } else {
        n as f64 / took.as_secs_f64()
    }
}

/// A wall-clock allowance for one phase of a workload: the phase stops when
/// it is spent and says how far it got. `None` means no limit.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    deadline: Option<Instant>,
    /// The process's minor page faults when the phase began.
    faults: Option<u64>,
    /// Pages SQLite writers had added to their logs when the phase began.
    log_pages: u64,
}

impl Budget {
    /// A budget of `limit` starting now.
    pub fn start(limit: Option<Duration>) -> Self {
        Budget {
            deadline: limit.map(|l| Instant::now() + l),
            faults: minor_faults(),
            log_pages: log_pages(),
        }
    }

    /// Minor page faults since the phase began: memory the kernel handed the
    /// process for the first time (or again, after the allocator returned
    /// it), each page zeroed on first touch. `None` off Linux.
    pub fn faults(&self) -> Option<u64> {
        Some(minor_faults()?.saturating_sub(self.faults?))
    }

    /// Pages SQLite writers (lotwise's or the baseline's) added to their
    /// write-ahead logs since the phase began: 0 on the memory store.
    pub fn log_pages(&self) -> u64 {
        log_pages().saturating_sub(self.log_pages)
    }

    /// Whether the allowance is spent.
    pub fn spent(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }
}

/// Pages SQLite writers in this process have added to their logs so far:
/// each page a commit changes is written to the log once, about one per
/// B-tree it touched.
pub fn log_pages() -> u64 {
    lotwise::store::sqlite::pages_logged() + crate::baseline_sql::pages_logged()
}

/// Fields of `/proc/self/stat` by number (from 1, as in `proc(5)`; the
/// state, field 3, or later), read from one reading of the file.
fn self_stat<const N: usize>(fields: [usize; N]) -> [Option<u64>; N] {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The command name (in parentheses) may hold spaces: count after it.
    let rest = stat.rfind(')').map_or("", |i| &stat[i + 1..]);
    let words: Vec<&str> = rest.split_whitespace().collect();
    fields.map(|n| words.get(n.checked_sub(3)?)?.parse().ok())
}

/// The process's minor page faults so far (`minflt`, field 10 of `/proc/self/stat`).
pub fn minor_faults() -> Option<u64> {
    let [faults] = self_stat([10]);
    faults
}

/// The process's minor page faults and its CPU time so far, its own
/// (`utime`, field 14) and the kernel's on its behalf (`stime`, field 15),
/// in ticks of `USER_HZ`, which Linux fixes at 100 a second for this
/// interface. For a store that grows, the kernel's share is mostly handing
/// it fresh pages.
pub fn faults_and_cpu_time() -> (Option<u64>, CpuTime) {
    let [faults, user, kernel] = self_stat([10, 14, 15]);
    let ticks = |t: Option<u64>| t.map(|t| Duration::from_millis(t.saturating_mul(10)));
    let cpu = CpuTime {
        user: ticks(user),
        kernel: ticks(kernel),
    };
    (faults, cpu)
}

/// CPU time the process has used, in its own code and in the kernel's
/// (`None` off Linux).
#[derive(Debug, Clone, Copy)]
pub struct CpuTime {
    /// In the process's own code.
    pub user: Option<Duration>,
    /// In the kernel on its behalf.
    pub kernel: Option<Duration>,
}

/// A duration in the unit that reads best: µs, ms or s, three significant digits.
pub fn dur(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1e-3 {
        format!("{} µs", sig(s * 1e6))
    } else if s < 1.0 {
        format!("{} ms", sig(s * 1e3))
    } else {
        format!("{} s", sig(s))
    }
}

/// How much `to` costs over `from`, signed: `+5.61 µs`, `−0.30 µs`. The
/// growth tables print it beside the ratio: a ratio rises when the part of
/// a step that does not grow gets cheaper, the difference does not.
pub fn added(from: Duration, to: Duration) -> String {
    match to.checked_sub(from) {
        Some(more) => format!("+{}", dur(more)),
        None => format!("−{}", dur(from - to)),
    }
}

/// A rate such as `12,345/s` or `3.21/s`.
pub fn rate(x: f64) -> String {
    if x >= 100.0 {
        format!("{}/s", thousands(x.round() as u64))
    } else {
        format!("{}/s", sig(x))
    }
}

/// A ratio such as `1.23×`.
pub fn ratio(x: f64) -> String {
    if x.is_finite() {
        format!("{}×", sig(x))
    } else {
        "—".into()
    }
}

/// Three significant digits, no exponent.
pub fn sig(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let digits = x.abs().log10().floor() as i32;
    let decimals = (2 - digits).clamp(0, 6) as usize;
    format!("{x:.decimals$}")
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let sorted: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&sorted, 50.0), Duration::from_millis(50));
        assert_eq!(percentile(&sorted, 99.0), Duration::from_millis(99));
        assert_eq!(percentile(&sorted[..1], 99.0), Duration::from_millis(1));
        assert_eq!(percentile(&[], 50.0), Duration::ZERO);
    }

    #[test]
    fn formats() {
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(dur(Duration::from_micros(1234)), "1.23 ms");
        assert_eq!(dur(Duration::from_nanos(45_600)), "45.6 µs");
        assert_eq!(rate(2345.4), "2,345/s");
        assert_eq!(ratio(1.5), "1.50×");
        let (a, b) = (Duration::from_nanos(8_760), Duration::from_nanos(14_370));
        assert_eq!(added(a, b), "+5.61 µs");
        assert_eq!(added(b, a), "−5.61 µs");
        assert_eq!(added(a, a), "+0 µs");
    }
}
