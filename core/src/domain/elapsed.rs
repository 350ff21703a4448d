//! Elapsed steps: a routing step that takes calendar time without occupying
//! any work center — a cure, drying, fermenting, quarantine until tested.
//!
//! A batch waits through the step: it starts when the step before it ends
//! and the next step (or the output) is ready when it is over. Because it
//! holds no capacity, three batches poured the same day cure side by side
//! and are ready the same day.
//!
//! The time counts on the step's own calendar: every day around the clock
//! when it names none (a 28-day cure is 28 × 24 hours), or the working
//! days and hours of the calendar it gives (a lab that tests Monday to
//! Friday counts 3 days as 3 of its working days).

use chrono::{DateTime, Utc, Weekday};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::calendar::{NewCalendar, WorkCalendar};
use crate::error::{Error, Result};

/// The longest elapsed step: 100 years. Anything longer is a typing
/// mistake, not a plan.
const MAX_DAYS: i64 = 100 * 366;

/// The calendar time a step takes without occupying a work center.
///
/// ```
/// use lotwise::domain::elapsed::ElapsedStep;
/// use lotwise::Decimal;
/// let cure = ElapsedStep { name: "cure".into(), days: Decimal::from(28), calendar: None };
/// let poured = "2026-03-02T10:00:00Z".parse().unwrap();
/// let (end, minutes) = cure.end_after(poured).unwrap();
/// assert_eq!(minutes, 28 * 24 * 60);
/// assert_eq!(end.to_rfc3339(), "2026-03-30T10:00:00+00:00");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElapsedStep {
    /// What happens, in words a person reads: `cure`, `dry`, `quarantine
    /// until tested`.
    pub name: String,
    /// How long, in days of `calendar` (a fraction is fine: `"0.5"`). On
    /// the default calendar a day is 24 hours; on another, one of its
    /// working days. Never negative.
    pub days: Decimal,
    /// The calendar the time counts on; every day around the clock
    /// (24/7) when absent.
    #[serde(default)]
    pub calendar: Option<NewCalendar>,
}

/// Every day of the week, 00:00 to 24:00 UTC: the default calendar of an
/// elapsed step.
pub fn around_the_clock() -> NewCalendar {
    NewCalendar {
        working_days: vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ],
        holidays: Vec::new(),
        day_start: chrono::NaiveTime::MIN,
        hours_per_day: Decimal::from(24),
    }
}

impl ElapsedStep {
    /// Checks the step: a name, a length of 0 to 100 years, a valid calendar.
    pub fn validate(&self, field: &str) -> Result<()> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Error::invalid_input(
                &format!("{field}.name"),
                &self.name,
                "must be 1 to 100 characters",
            ));
        }
        if self.days < Decimal::ZERO {
            return Err(Error::invalid_input(
                &format!("{field}.days"),
                self.days,
                "an elapsed step cannot take a negative time",
            ));
        }
        if self.days > Decimal::from(MAX_DAYS) {
            return Err(Error::invalid_input(
                &format!("{field}.days"),
                self.days,
                "must be at most 100 years",
            ));
        }
        self.work_calendar()?;
        Ok(())
    }

    /// The calendar the step counts on, validated.
    pub fn work_calendar(&self) -> Result<WorkCalendar> {
        WorkCalendar::new(self.calendar.clone().unwrap_or_else(around_the_clock))
    }

    /// Working minutes of its calendar the step takes: days × the
    /// calendar's minutes per day, rounded up to a whole minute.
    pub fn minutes(&self, calendar: &WorkCalendar) -> Result<i64> {
        let per_day = Decimal::from(calendar.minutes_per_day());
        self.days
            .checked_mul(per_day)
            .map(|m| m.ceil())
            .and_then(|m| m.to_i64())
            .filter(|m| *m >= 0)
            .ok_or_else(|| {
                Error::invalid_input(
                    "operations.elapsed.days",
                    self.days,
                    "an elapsed step cannot take a negative time",
                )
            })
    }

    /// When the step started at `start` is over, and the working minutes
    /// it took on its calendar. A step starting outside its calendar's
    /// hours begins at the next working minute.
    pub fn end_after(&self, start: DateTime<Utc>) -> Result<(DateTime<Utc>, i64)> {
        let calendar = self.work_calendar()?;
        let minutes = self.minutes(&calendar)?;
        if minutes == 0 {
            return Ok((start, 0));
        }
        Ok((calendar.add_working_minutes(start, minutes), minutes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(days: &str, calendar: Option<NewCalendar>) -> ElapsedStep {
        ElapsedStep {
            name: "cure".into(),
            days: days.parse().unwrap(),
            calendar,
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn counts_around_the_clock_by_default() {
        // Half a day from Saturday 18:00 is Sunday 06:00: weekends count.
        let (end, minutes) = step("0.5", None)
            .end_after(at("2026-03-07T18:00:00Z"))
            .unwrap();
        assert_eq!(minutes, 720);
        assert_eq!(end, at("2026-03-08T06:00:00Z"));
        let (end, minutes) = step("0", None)
            .end_after(at("2026-03-07T18:00:00Z"))
            .unwrap();
        assert_eq!((end, minutes), (at("2026-03-07T18:00:00Z"), 0));
    }

    #[test]
    fn counts_working_days_of_its_own_calendar() {
        // A lab testing Mon–Fri 08:00–16:00: 3 of its days from Thursday
        // 16:00 are Fri, Mon, Tue — over Tuesday 16:00.
        let lab = NewCalendar::mon_to_fri(Decimal::from(8));
        let (end, minutes) = step("3", Some(lab))
            .end_after(at("2026-03-05T16:00:00Z"))
            .unwrap();
        assert_eq!(minutes, 3 * 480);
        assert_eq!(end, at("2026-03-10T16:00:00Z"));
    }

    #[test]
    fn refuses_nonsense() {
        let e = step("-1", None)
            .validate("operations[0].elapsed")
            .unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert!(e.to_string().contains("operations[0].elapsed.days"), "{e}");
        assert!(step("36601", None).validate("e").is_err());
        let mut blank = step("1", None);
        blank.name = " ".into();
        assert!(blank.validate("e").is_err());
        let mut never = NewCalendar::mon_to_fri(Decimal::from(8));
        never.working_days.clear();
        assert!(step("1", Some(never)).validate("e").is_err());
        assert!(step("28", None).validate("e").is_ok());
    }
}
