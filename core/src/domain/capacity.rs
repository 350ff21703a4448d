//! Work centers and their load: forward finite loading of operations on
//! calendars. A work center runs as many operations at once as it has
//! parallel units (`capacity`: kettles, molds, rack slots; 1 by default).
//!
//! Booked time is kept per work center as sorted, merged intervals of
//! working-minute positions (see [`crate::domain::calendar`]) in which every
//! unit is busy. Finding the first free slot is a binary search plus a walk
//! over the intervals that are too close together, so a promise over
//! thousands of bookings stays in microseconds. A center with several units
//! also keeps how many units are busy from each position on, so the few
//! operations a promise books itself are counted against the units left.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::calendar::{NewCalendar, WorkCalendar};
use super::catalog::validate_code;
use super::elapsed::ElapsedStep;
use super::recipe::Operation;
use crate::error::{Error, Result};

/// The longest operation lotwise schedules: 100 years of working minutes.
/// Anything longer is a typing mistake, not a plan.
const MAX_OPERATION_MINUTES: i64 = 100 * 366 * 24 * 60;

/// The most parallel units one work center may have.
pub const MAX_CAPACITY: i64 = 10_000;

/// Input to `define_work_center`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWorkCenter {
    /// Code recipes name in their operations, e.g. `POUR`.
    pub code: String,
    /// Human name used in explanations, e.g. `pouring line`.
    pub name: String,
    /// When it works.
    pub calendar: NewCalendar,
    /// How many operations it runs at once: its parallel units (two
    /// kettles, 40 rack slots). 1 when absent; below 1 is refused.
    #[serde(default = "one_unit")]
    pub capacity: i64,
}

fn one_unit() -> i64 {
    1
}

fn one_unit_u32() -> u32 {
    1
}

/// A work center: a resource that runs `capacity` operations at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WorkCenter {
    /// Code.
    pub code: String,
    /// Human name.
    pub name: String,
    /// Validated calendar.
    pub calendar: WorkCalendar,
    /// Parallel units: how many operations it runs at once (1 for work
    /// centers stored before it existed).
    #[serde(default = "one_unit_u32")]
    pub capacity: u32,
}

impl NewWorkCenter {
    /// Validates the input.
    pub fn into_work_center(self) -> Result<WorkCenter> {
        validate_code("work_center", &self.code)?;
        if self.name.trim().is_empty() || self.name.len() > 200 {
            return Err(Error::invalid_input(
                "name",
                &self.name,
                "must be 1 to 200 characters",
            ));
        }
        if !(1..=MAX_CAPACITY).contains(&self.capacity) {
            return Err(Error::invalid_input(
                "capacity",
                self.capacity,
                &format!("a work center has 1 to {MAX_CAPACITY} parallel units"),
            ));
        }
        Ok(WorkCenter {
            code: self.code,
            name: self.name,
            calendar: WorkCalendar::new(self.calendar)?,
            capacity: u32::try_from(self.capacity).unwrap_or(1),
        })
    }
}

/// Working minutes an operation takes for `qty` of output (in the product's
/// base unit): setup plus run time per `run_unit` (per base unit when the
/// operation names none), rounded up to whole minutes.
pub fn operation_minutes(op: &Operation, qty: Decimal) -> Result<i64> {
    if op.setup_minutes < Decimal::ZERO || op.run_minutes_per_unit < Decimal::ZERO {
        return Err(Error::invalid_input(
            "operations",
            &op.work_center,
            "times must not be negative",
        ));
    }
    let units = match op.run_unit {
        Some(unit) => qty.checked_div(unit.base_factor()),
        None => Some(qty),
    };
    let total = units
        .and_then(|units| op.run_minutes_per_unit.checked_mul(units))
        .and_then(|run| run.checked_add(op.setup_minutes))
        .map(|m| m.ceil())
        .and_then(|m| m.to_i64())
        .filter(|m| *m <= MAX_OPERATION_MINUTES);
    total.ok_or_else(|| {
        Error::invalid_input(
            "operations",
            &op.work_center,
            "the operation is too long to schedule",
        )
    })
}

/// Intervals per block of the gap index.
const BLOCK: usize = 32;

/// Booked working time of one work center, in its calendar's positions,
/// with an index of the gaps between bookings so the first gap long enough
/// for an operation is found without walking every booking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CenterLoad {
    /// Where every unit is busy: merged, ascending.
    busy: Vec<(i64, i64)>,
    /// Per block of [`BLOCK`] intervals, the longest gap after any of them.
    block_max: Vec<i64>,
    /// Parallel units (0 is read as 1).
    units: u32,
    /// For more than one unit: how many are busy from each position on,
    /// as `(position, busy units)` steps, ascending; none after the last.
    profile: Vec<(i64, u32)>,
}

impl CenterLoad {
    /// The load of a work center with `units` parallel units from its
    /// booked `[start, end)` intervals, in any order (bookings may overlap
    /// up to `units` deep).
    pub fn with_units(intervals: Vec<(i64, i64)>, units: u32) -> Self {
        if units <= 1 {
            return Self::from_intervals(intervals);
        }
        let profile = profile(&intervals);
        let mut full: Vec<(i64, i64)> = Vec::new();
        for (i, &(at, busy)) in profile.iter().enumerate() {
            if busy >= units {
                let end = profile.get(i + 1).map_or(i64::MAX, |p| p.0);
                full.push((at, end));
            }
        }
        let mut load = Self::from_intervals(full);
        load.units = units;
        load.profile = profile;
        load
    }

    /// Parallel units of the work center this load is for.
    pub fn units(&self) -> u32 {
        self.units.max(1)
    }

    /// Units busy at `position` from the booked load alone.
    fn busy_at(&self, position: i64) -> u32 {
        let i = self.profile.partition_point(|p| p.0 <= position);
        i.checked_sub(1).map_or(0, |i| self.profile[i].1)
    }

    /// The parts of `tentative` bookings where, counted with the booked
    /// load, every unit is busy: what a further operation must avoid
    /// beyond [`CenterLoad::intervals`]. With one unit that is every
    /// tentative booking whole.
    pub fn blocked_by(&self, tentative: &[(i64, i64)]) -> Vec<(i64, i64)> {
        let units = self.units();
        if units <= 1 || tentative.is_empty() {
            return tentative.to_vec();
        }
        let mut blocked = Vec::new();
        for &(a, b) in tentative {
            // Steps inside [a, b): booked-load changes and other tentative ends.
            let mut cuts = vec![a, b];
            let first = self.profile.partition_point(|p| p.0 <= a);
            cuts.extend(
                self.profile[first..]
                    .iter()
                    .map(|p| p.0)
                    .take_while(|p| *p < b),
            );
            for &(c, d) in tentative {
                cuts.extend([c, d].into_iter().filter(|x| *x > a && *x < b));
            }
            cuts.sort_unstable();
            cuts.dedup();
            for w in cuts.windows(2) {
                let (x, y) = (w[0], w[1]);
                let mine = tentative.iter().filter(|(c, d)| *c <= x && *d > x).count();
                let busy = u64::from(self.busy_at(x)) + mine as u64;
                if busy >= u64::from(units) {
                    blocked.push((x, y));
                }
            }
        }
        // Overlapping tentative bookings find the same full parts.
        CenterLoad::from_intervals(blocked).busy
    }

    /// A load from `[start, end)` intervals in any order; overlapping and
    /// touching intervals are merged and empty ones dropped.
    pub fn from_intervals(mut intervals: Vec<(i64, i64)>) -> Self {
        intervals.retain(|(s, e)| e > s);
        intervals.sort_unstable();
        let mut busy: Vec<(i64, i64)> = Vec::with_capacity(intervals.len());
        for (s, e) in intervals {
            match busy.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => busy.push((s, e)),
            }
        }
        let mut load = CenterLoad {
            busy,
            block_max: Vec::new(),
            units: 1,
            profile: Vec::new(),
        };
        load.block_max = (0..load.busy.len())
            .step_by(BLOCK)
            .map(|b| {
                (b..(b + BLOCK).min(load.busy.len()))
                    .map(|i| load.gap_after(i))
                    .max()
                    .unwrap_or(i64::MAX)
            })
            .collect();
        load
    }

    /// The merged busy intervals, ascending.
    pub fn intervals(&self) -> &[(i64, i64)] {
        &self.busy
    }

    /// Free minutes after interval `i` until the next one (unbounded after the last).
    fn gap_after(&self, i: usize) -> i64 {
        match (self.busy.get(i), self.busy.get(i + 1)) {
            (Some(a), Some(b)) => b.0 - a.1,
            _ => i64::MAX,
        }
    }

    /// The first interval at or after `from` followed by a gap of at least `len`.
    fn first_gap(&self, from: usize, len: i64) -> usize {
        let mut i = from;
        while i < self.busy.len() {
            if i % BLOCK == 0 && self.block_max.get(i / BLOCK).is_some_and(|m| *m < len) {
                i += BLOCK;
                continue;
            }
            if self.gap_after(i) >= len {
                return i;
            }
            i += 1;
        }
        self.busy.len().saturating_sub(1)
    }

    /// The earliest position `>= from` where `len` minutes fit without
    /// touching this load or any interval of `extra` (tentative bookings).
    pub fn first_fit(&self, from: i64, len: i64, extra: &[(i64, i64)]) -> i64 {
        let mut s = from;
        if len <= 0 {
            return s;
        }
        loop {
            let mut moved = false;
            // The only merged interval that can overlap [s, s+len) first is
            // the first one ending after s; past it, jump to the first gap
            // long enough.
            let i = self.busy.partition_point(|iv| iv.1 <= s);
            if let Some(&(a, _)) = self.busy.get(i) {
                if a < s + len {
                    let j = self.first_gap(i, len);
                    s = s.max(self.busy[j].1);
                    moved = true;
                }
            }
            for &(a, b) in extra {
                if a < s + len && b > s {
                    s = b;
                    moved = true;
                }
            }
            if !moved {
                return s;
            }
        }
    }
}

/// Busy units as steps `(position, busy units from here on)` of `[start,
/// end)` intervals: ascending, merged where the count does not change.
fn profile(intervals: &[(i64, i64)]) -> Vec<(i64, u32)> {
    let mut events: Vec<(i64, i64)> = intervals
        .iter()
        .filter(|(s, e)| e > s)
        .flat_map(|&(s, e)| [(s, 1), (e, -1)])
        .collect();
    events.sort_unstable();
    let mut out: Vec<(i64, u32)> = Vec::new();
    let mut busy: i64 = 0;
    let mut i = 0;
    while i < events.len() {
        let at = events[i].0;
        while i < events.len() && events[i].0 == at {
            busy += events[i].1;
            i += 1;
        }
        let count = u32::try_from(busy.max(0)).unwrap_or(u32::MAX);
        if out.last().map_or(count > 0, |last| last.1 != count) {
            out.push((at, count));
        }
    }
    out
}

/// Where one operation landed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Placement {
    /// Work center (empty for an elapsed step).
    pub work_center: String,
    /// The elapsed step's name (`cure`) when the operation is one: it took
    /// calendar time and held no work center.
    pub elapsed: Option<String>,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Working minutes.
    pub minutes: i64,
    /// Whether it had to wait for the work center's earlier bookings (not
    /// just for its working hours).
    pub waited: bool,
    /// Start position on the work center's calendar.
    pub from: i64,
    /// End position.
    pub to: i64,
}

/// Places operations on work centers over a read-only base load plus the
/// tentative bookings made so far (a promise's own earlier operations).
#[derive(Debug)]
pub struct Loader<'a> {
    centers: &'a BTreeMap<String, WorkCenter>,
    loads: &'a BTreeMap<String, Arc<CenterLoad>>,
    tentative: BTreeMap<String, Vec<(i64, i64)>>,
}

impl<'a> Loader<'a> {
    /// A loader over the given work centers and their booked loads.
    pub fn new(
        centers: &'a BTreeMap<String, WorkCenter>,
        loads: &'a BTreeMap<String, Arc<CenterLoad>>,
    ) -> Self {
        Loader {
            centers,
            loads,
            tentative: BTreeMap::new(),
        }
    }

    /// The work center, or `invalid_input` naming it.
    pub fn center(&self, code: &str) -> Result<&'a WorkCenter> {
        self.centers.get(code).ok_or_else(|| {
            Error::invalid_input(
                "work_center",
                code,
                "no work center is defined with this code",
            )
        })
    }

    /// Places `minutes` of work on `work_center` at the earliest free slot
    /// at or after `release`, and keeps it as a tentative booking.
    pub fn place(
        &mut self,
        work_center: &str,
        release: DateTime<Utc>,
        minutes: i64,
    ) -> Result<Placement> {
        let center = self.center(work_center)?;
        let cal = &center.calendar;
        let ready = cal.position(release);
        let extra = self.tentative.entry(work_center.to_string()).or_default();
        let idle;
        let load = match self.loads.get(work_center) {
            Some(load) => load.as_ref(),
            None => {
                idle = CenterLoad::with_units(Vec::new(), center.capacity);
                &idle
            }
        };
        let from = if load.units() > 1 {
            load.first_fit(ready, minutes, &load.blocked_by(extra))
        } else {
            load.first_fit(ready, minutes, extra)
        };
        let to = from + minutes;
        if minutes > 0 {
            extra.push((from, to));
        }
        let start = if minutes > 0 {
            cal.start_at(from)
        } else {
            release.max(cal.start_at(from))
        };
        Ok(Placement {
            work_center: work_center.to_string(),
            elapsed: None,
            start,
            end: if minutes > 0 { cal.end_at(to) } else { start },
            minutes,
            waited: from > ready,
            from,
            to,
        })
    }

    /// Waits through an elapsed step from `release`: it holds no work
    /// center, so nothing is booked and nothing makes it wait.
    pub fn elapse(&self, step: &ElapsedStep, release: DateTime<Utc>) -> Result<Placement> {
        let (end, minutes) = step.end_after(release)?;
        Ok(Placement {
            work_center: String::new(),
            elapsed: Some(step.name.clone()),
            start: release,
            end,
            minutes,
            waited: false,
            from: 0,
            to: 0,
        })
    }

    /// Every tentative booking made, per work center.
    pub fn tentative(&self) -> &BTreeMap<String, Vec<(i64, i64)>> {
        &self.tentative
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_and_finds_gaps() {
        let load = CenterLoad::from_intervals(vec![(50, 60), (0, 10), (10, 20), (30, 40), (5, 5)]);
        assert_eq!(load.intervals(), &[(0, 20), (30, 40), (50, 60)]);
        assert_eq!(load.first_fit(0, 10, &[]), 20);
        assert_eq!(load.first_fit(0, 11, &[]), 60);
        assert_eq!(load.first_fit(25, 5, &[]), 25);
        assert_eq!(load.first_fit(25, 5, &[(28, 30)]), 40);
        assert_eq!(load.first_fit(35, 0, &[]), 35, "empty work fits anywhere");
    }

    #[test]
    fn parallel_units_block_only_where_every_unit_is_busy() {
        // Two units: [0, 10) and [5, 20) overlap on [5, 10) only.
        let load = CenterLoad::with_units(vec![(0, 10), (5, 20)], 2);
        assert_eq!(load.units(), 2);
        assert_eq!(load.intervals(), &[(5, 10)]);
        assert_eq!(load.first_fit(0, 5, &[]), 0, "one unit is free on [0, 5)");
        assert_eq!(load.first_fit(0, 6, &[]), 10);
        // A tentative booking on [10, 30) fills the second unit where the
        // booked [5, 20) runs: [10, 20) is full, [20, 30) is not.
        assert_eq!(load.blocked_by(&[(10, 30)]), vec![(10, 20)]);
        assert_eq!(load.first_fit(10, 5, &load.blocked_by(&[(10, 30)])), 20);
        // Two tentative bookings fill both units where they overlap.
        assert_eq!(load.blocked_by(&[(40, 50), (45, 60)]), vec![(45, 50)]);
        // One unit: the plain merged load, tentative bookings block whole.
        let one = CenterLoad::with_units(vec![(0, 10), (5, 20)], 1);
        assert_eq!(one.intervals(), &[(0, 20)]);
        assert_eq!(one.blocked_by(&[(30, 40)]), vec![(30, 40)]);
    }

    #[test]
    fn a_work_center_stored_without_capacity_has_one_unit() {
        let stored = serde_json::json!({
            "code": "POUR", "name": "pouring line",
            "calendar": { "working_days": ["Mon"], "hours_per_day": "8" }
        });
        let center: WorkCenter = serde_json::from_value(stored).unwrap();
        assert_eq!(center.capacity, 1);
    }

    #[test]
    fn gap_index_agrees_with_a_plain_walk() {
        // 1,000 bookings with gaps of 0..9 minutes and a few long ones.
        let mut intervals = Vec::new();
        let mut t = 0;
        for i in 0..1000i64 {
            let gap = if i % 97 == 0 { 50 } else { i % 10 };
            intervals.push((t + gap, t + gap + 30));
            t += gap + 30;
        }
        let load = CenterLoad::from_intervals(intervals.clone());
        let walk = |from: i64, len: i64| {
            let mut s = from;
            loop {
                match load
                    .intervals()
                    .iter()
                    .find(|(a, b)| *a < s + len && *b > s)
                {
                    Some((_, b)) => s = *b,
                    None => return s,
                }
            }
        };
        for from in [0, 5, 333, 10_000, 20_000, 40_000] {
            for len in [1, 5, 9, 10, 40, 50, 51, 1_000] {
                assert_eq!(
                    load.first_fit(from, len, &[]),
                    walk(from, len),
                    "{from} {len}"
                );
            }
        }
    }

    #[test]
    fn operation_time_rounds_up_and_refuses_nonsense() {
        let op = Operation {
            work_center: "POUR".into(),
            setup_minutes: Decimal::from(30),
            run_minutes_per_unit: "2.5".parse().unwrap(),
            run_unit: None,
            elapsed: None,
        };
        assert_eq!(operation_minutes(&op, Decimal::from(3)).unwrap(), 38);
        // 1.5 minutes per kg on a 10 kg batch (10000 g) is 15 minutes; per
        // gram, as before the unit existed, it was 15000.
        let per_kg = Operation {
            setup_minutes: Decimal::ZERO,
            run_minutes_per_unit: "1.5".parse().unwrap(),
            run_unit: Some(crate::domain::quantity::Uom::Kg),
            ..op.clone()
        };
        assert_eq!(
            operation_minutes(&per_kg, Decimal::from(10000)).unwrap(),
            15
        );
        let per_base = Operation {
            run_unit: None,
            ..per_kg.clone()
        };
        assert_eq!(
            operation_minutes(&per_base, Decimal::from(10000)).unwrap(),
            15000
        );
        // 2.5 l at 4 minutes per litre is 10 minutes.
        let per_litre = Operation {
            run_minutes_per_unit: Decimal::from(4),
            run_unit: Some(crate::domain::quantity::Uom::L),
            ..per_kg
        };
        assert_eq!(
            operation_minutes(&per_litre, Decimal::from(2500)).unwrap(),
            10
        );
        let neg = Operation {
            setup_minutes: Decimal::from(-1),
            ..op.clone()
        };
        assert_eq!(
            operation_minutes(&neg, Decimal::ONE).unwrap_err().code(),
            "invalid_input"
        );
        assert!(operation_minutes(&op, Decimal::MAX).is_err());
    }
}
