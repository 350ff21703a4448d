//! Work calendars: on which days and hours a work center (or the shipping
//! desk) works, and pure functions that step through that working time.
//!
//! Internally every instant maps to a *working-minute position*: the number
//! of working minutes between a fixed epoch (Monday 1 January 1900) and the
//! instant. Positions turn calendar arithmetic into integer arithmetic
//! ("add 90 working minutes" is `position + 90`), and they make capacity
//! loading a one-dimensional interval problem. Every conversion costs
//! O(log holidays), so a promise stays fast however far ahead it looks.
//!
//! Times are UTC: a plant that is not on UTC sets `day_start` in UTC.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc, Weekday};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

const MINUTES_PER_DAY: i64 = 24 * 60;

/// The epoch of working-minute positions; a Monday, so weekday offsets are
/// `day number % 7` with Monday = 0.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// A calendar as a person defines it.
///
/// ```
/// use lotwise::domain::calendar::{NewCalendar, WorkCalendar};
/// use rust_decimal::Decimal;
/// let cal = WorkCalendar::new(NewCalendar::mon_to_fri(Decimal::from(8))).unwrap();
/// assert_eq!(cal.minutes_per_day(), 480);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCalendar {
    /// Weekdays the center works, e.g. `["Mon", "Tue", "Wed", "Thu", "Fri"]`.
    pub working_days: Vec<Weekday>,
    /// Days off that would otherwise be working days.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    /// When a working day starts (UTC); 08:00 when absent.
    #[serde(default = "default_day_start")]
    pub day_start: NaiveTime,
    /// Working hours per working day, in whole minutes (e.g. `7.5`).
    pub hours_per_day: Decimal,
}

fn default_day_start() -> NaiveTime {
    NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN)
}

impl NewCalendar {
    /// Monday to Friday from 08:00 for `hours_per_day`, no holidays.
    pub fn mon_to_fri(hours_per_day: Decimal) -> Self {
        NewCalendar {
            working_days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            holidays: Vec::new(),
            day_start: default_day_start(),
            hours_per_day,
        }
    }
}

/// A validated calendar. Serializes as its [`NewCalendar`] definition and
/// validates again when read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "NewCalendar", into = "NewCalendar")]
pub struct WorkCalendar {
    def: NewCalendar,
    /// Working weekdays as offsets from Monday, ascending.
    offsets: Vec<i64>,
    /// Holidays that fall on working weekdays, as day numbers, ascending.
    holidays: Vec<i64>,
    /// Minutes after midnight a working day starts.
    start: i64,
    /// Working minutes per working day.
    minutes: i64,
}

impl TryFrom<NewCalendar> for WorkCalendar {
    type Error = Error;
    fn try_from(def: NewCalendar) -> Result<Self> {
        WorkCalendar::new(def)
    }
}

impl From<WorkCalendar> for NewCalendar {
    fn from(cal: WorkCalendar) -> Self {
        cal.def
    }
}

impl WorkCalendar {
    /// Validates a definition. A calendar without any working weekday, or
    /// with zero (or negative, or fractional-minute) hours, could never
    /// finish any work: it is refused here rather than looping later.
    pub fn new(mut def: NewCalendar) -> Result<Self> {
        let mut offsets: Vec<i64> = def
            .working_days
            .iter()
            .map(|d| i64::from(d.num_days_from_monday()))
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        if offsets.is_empty() {
            return Err(Error::invalid_input(
                "working_days",
                "[]",
                "a calendar needs at least one working day",
            ));
        }
        let hours = def.hours_per_day;
        if hours <= Decimal::ZERO || hours > Decimal::from(24) {
            return Err(Error::invalid_input(
                "hours_per_day",
                hours,
                "must be above 0 and at most 24",
            ));
        }
        let minutes_dec = hours * Decimal::from(60);
        if !minutes_dec.fract().is_zero() {
            return Err(Error::invalid_input(
                "hours_per_day",
                hours,
                "must be a whole number of minutes",
            ));
        }
        let minutes = minutes_dec.to_i64().unwrap_or(0);
        let start = i64::from(def.day_start.hour() * 60 + def.day_start.minute());
        if def.day_start.second() != 0 || def.day_start.nanosecond() != 0 {
            return Err(Error::invalid_input(
                "day_start",
                def.day_start,
                "must be a whole minute",
            ));
        }
        if start + minutes > MINUTES_PER_DAY {
            return Err(Error::invalid_input(
                "hours_per_day",
                hours,
                "the working day must end by midnight (UTC)",
            ));
        }
        def.working_days = offsets.iter().filter_map(|o| weekday(*o)).collect();
        def.holidays.sort_unstable();
        def.holidays.dedup();
        let holidays = def
            .holidays
            .iter()
            .map(|d| day_number(*d))
            .filter(|n| *n >= 0 && offsets.contains(&n.rem_euclid(7)))
            .collect();
        Ok(WorkCalendar {
            def,
            offsets,
            holidays,
            start,
            minutes,
        })
    }

    /// The definition, normalised (weekdays sorted, holidays sorted).
    pub fn definition(&self) -> &NewCalendar {
        &self.def
    }

    /// Working minutes in one working day.
    pub fn minutes_per_day(&self) -> i64 {
        self.minutes
    }

    /// Whether `date` is a working day (a working weekday, not a holiday).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.is_working_dayno(day_number(date))
    }

    /// The first working day on or after `date`.
    pub fn working_day_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let n = self.working_days_before(day_number(date).max(0));
        date_of(self.nth_working_day(n))
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        self.working_day_on_or_after(date + Duration::days(1))
    }

    /// `days` working days after the first working day on or after `date`
    /// (so `add_working_days(d, 0)` is the working day on or after `d`).
    pub fn add_working_days(&self, date: NaiveDate, days: u32) -> NaiveDate {
        let n = self.working_days_before(day_number(date).max(0));
        date_of(self.nth_working_day(n + i64::from(days)))
    }

    /// The working-minute position of an instant: working minutes since the
    /// epoch. An instant outside working time has the position of the next
    /// working minute. Seconds round up, so work never starts early.
    pub fn position(&self, at: DateTime<Utc>) -> i64 {
        let day = day_number(at.date_naive());
        if day < 0 {
            return 0;
        }
        let before = self.working_days_before(day) * self.minutes;
        if !self.is_working_dayno(day) {
            return before;
        }
        let t = at.time();
        let mut minute = i64::from(t.hour() * 60 + t.minute());
        if t.second() != 0 || t.nanosecond() != 0 {
            minute += 1;
        }
        before + (minute - self.start).clamp(0, self.minutes)
    }

    /// The instant work *starting* at `position` begins: at a day boundary,
    /// the start of the next working day.
    pub fn start_at(&self, position: i64) -> DateTime<Utc> {
        let position = position.max(0);
        let day = self.nth_working_day(position.div_euclid(self.minutes));
        instant(day, self.start + position.rem_euclid(self.minutes))
    }

    /// The instant work *ending* at `position` is done: at a day boundary,
    /// the end of the previous working day.
    pub fn end_at(&self, position: i64) -> DateTime<Utc> {
        let position = position.max(0);
        if position > 0 && position.rem_euclid(self.minutes) == 0 {
            let day = self.nth_working_day(position / self.minutes - 1);
            return instant(day, self.start + self.minutes);
        }
        self.start_at(position)
    }

    /// When `minutes` working minutes started at `from` are done.
    ///
    /// ```
    /// use lotwise::domain::calendar::{NewCalendar, WorkCalendar};
    /// use rust_decimal::Decimal;
    /// let cal = WorkCalendar::new(NewCalendar::mon_to_fri(Decimal::from(8))).unwrap();
    /// // Friday 15:00 + 2 working hours = Monday 09:00.
    /// let fri = "2026-03-06T15:00:00Z".parse().unwrap();
    /// assert_eq!(cal.add_working_minutes(fri, 120).to_rfc3339(), "2026-03-09T09:00:00+00:00");
    /// ```
    pub fn add_working_minutes(&self, from: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
        if minutes <= 0 {
            return from;
        }
        self.end_at(self.position(from) + minutes)
    }

    /// Working minutes between two instants (0 when `to` is not after `from`).
    pub fn working_minutes_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        (self.position(to) - self.position(from)).max(0)
    }

    /// Working hours between two instants.
    pub fn working_hours_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Decimal {
        Decimal::from(self.working_minutes_between(from, to)) / Decimal::from(60)
    }

    fn is_working_dayno(&self, day: i64) -> bool {
        day >= 0
            && self.offsets.contains(&day.rem_euclid(7))
            && self.holidays.binary_search(&day).is_err()
    }

    /// Working days in `[epoch, day)`.
    fn working_days_before(&self, day: i64) -> i64 {
        let per_week = self.offsets.len() as i64;
        let rem = day.rem_euclid(7);
        let weekdays =
            day.div_euclid(7) * per_week + self.offsets.iter().filter(|o| **o < rem).count() as i64;
        weekdays - self.holidays.partition_point(|h| *h < day) as i64
    }

    /// The day number of the `n`-th working day (from 0).
    fn nth_working_day(&self, n: i64) -> i64 {
        let per_week = self.offsets.len() as i64;
        let nth_weekday = |m: i64| {
            let idx = usize::try_from(m.rem_euclid(per_week)).unwrap_or(0);
            m.div_euclid(per_week) * 7 + self.offsets.get(idx).copied().unwrap_or(0)
        };
        // Each pass skips the holidays up to the candidate; the candidate only
        // moves forward and there are finitely many holidays, so this ends
        // after at most `holidays + 1` passes (usually one).
        let mut m = n;
        loop {
            let day = nth_weekday(m);
            let skipped = self.holidays.partition_point(|h| *h <= day) as i64;
            if m == n + skipped {
                return day;
            }
            m = n + skipped;
        }
    }
}

fn weekday(offset: i64) -> Option<Weekday> {
    u8::try_from(offset)
        .ok()
        .and_then(|o| Weekday::try_from(o).ok())
}

fn day_number(date: NaiveDate) -> i64 {
    (date - epoch()).num_days()
}

fn date_of(day: i64) -> NaiveDate {
    epoch()
        .checked_add_signed(Duration::days(day))
        .unwrap_or(NaiveDate::MAX)
}

fn instant(day: i64, minute: i64) -> DateTime<Utc> {
    let midnight = date_of(day).and_time(NaiveTime::MIN).and_utc();
    midnight + Duration::minutes(minute)
}

/// Day-level formatting used in explanations: `Thu 12 Mar`. Written out
/// by hand: promises format several dates each and strftime parsing showed
/// in their profile.
pub fn short_date(date: NaiveDate) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let wd = DAYS[date.weekday().num_days_from_monday() as usize % 7];
    let month = MONTHS[date.month0() as usize % 12];
    format!("{wd} {} {month}", date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn cal(holidays: &[&str]) -> WorkCalendar {
        let mut def = NewCalendar::mon_to_fri(Decimal::from(8));
        def.holidays = holidays.iter().map(|h| d(h)).collect();
        WorkCalendar::new(def).unwrap()
    }

    #[test]
    fn refuses_calendars_that_never_work() {
        let mut def = NewCalendar::mon_to_fri(Decimal::from(8));
        def.working_days.clear();
        let err = WorkCalendar::new(def).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert!(err.to_string().contains("working_days"));
        for hours in ["0", "-2", "24.5", "0.001"] {
            let def = NewCalendar::mon_to_fri(hours.parse().unwrap());
            assert!(WorkCalendar::new(def).is_err(), "{hours}");
        }
        let mut late = NewCalendar::mon_to_fri(Decimal::from(8));
        late.day_start = NaiveTime::from_hms_opt(20, 0, 0).unwrap();
        assert!(WorkCalendar::new(late).is_err());
    }

    #[test]
    fn steps_over_weekends_and_holidays() {
        // 2026-03-06 is a Friday; Monday 9 March is a holiday.
        let c = cal(&["2026-03-09"]);
        assert!(!c.is_working_day(d("2026-03-07")));
        assert!(!c.is_working_day(d("2026-03-09")));
        assert_eq!(c.next_working_day(d("2026-03-06")), d("2026-03-10"));
        assert_eq!(c.working_day_on_or_after(d("2026-03-10")), d("2026-03-10"));
        assert_eq!(c.add_working_days(d("2026-03-05"), 2), d("2026-03-10"));
        let fri = at("2026-03-06T15:00:00Z");
        assert_eq!(
            c.add_working_minutes(fri, 60),
            at("2026-03-06T16:00:00Z"),
            "ends exactly at the end of Friday"
        );
        assert_eq!(c.add_working_minutes(fri, 61), at("2026-03-10T08:01:00Z"));
        assert_eq!(
            c.add_working_minutes(at("2026-03-07T12:00:00Z"), 30),
            at("2026-03-10T08:30:00Z")
        );
    }

    #[test]
    fn counts_working_time_in_a_range() {
        let c = cal(&["2026-03-09"]);
        let from = at("2026-03-05T12:00:00Z"); // Thu, 4 h left
        let to = at("2026-03-10T10:00:00Z"); // Tue, 2 h in
        assert_eq!(c.working_minutes_between(from, to), (4 + 8 + 2) * 60);
        assert_eq!(c.working_hours_between(from, to), Decimal::from(14));
        assert_eq!(c.working_minutes_between(to, from), 0);
    }

    #[test]
    fn positions_round_trip() {
        let c = cal(&["2026-12-25", "2027-01-01"]);
        for p in [0, 1, 479, 480, 481, 60_000_000] {
            assert_eq!(c.position(c.start_at(p)), p);
            assert_eq!(c.position(c.end_at(p)), p);
        }
        assert_eq!(
            c.position(at("2026-03-06T16:00:00Z")),
            c.position(at("2026-03-09T08:00:00Z"))
        );
        assert_eq!(
            c.position(at("2026-03-06T09:00:30Z")),
            c.position(at("2026-03-06T09:01:00Z")),
            "seconds round up"
        );
    }

    #[test]
    fn formats_short_dates_like_strftime() {
        let mut date = d("2026-01-01");
        for _ in 0..400 {
            assert_eq!(short_date(date), date.format("%a %-d %b").to_string());
            date += Duration::days(1);
        }
    }

    #[test]
    fn serializes_as_its_definition() {
        let c = cal(&["2026-03-09"]);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["hours_per_day"], "8");
        let back: WorkCalendar = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, c);
        let mut bad = json;
        bad["working_days"] = serde_json::json!([]);
        assert!(serde_json::from_value::<WorkCalendar>(bad).is_err());
    }
}
