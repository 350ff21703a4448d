//! Time is injected: commands ask a [`Clock`], never the system directly.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// Now, in UTC.
    fn now(&self) -> DateTime<Utc>;

    /// This clock as a [`FixedClock`] that can be moved, if it is one. The
    /// clock operations of the command layer (`advance_days`, `set_clock`)
    /// need it; every other clock answers `None`.
    fn as_fixed(&self) -> Option<&FixedClock> {
        None
    }
}

/// The system clock, the default.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until moved, for tests, replays and scenarios.
///
/// ```
/// use lotwise::FixedClock;
/// use lotwise::Clock;
/// let clock = FixedClock::at("2026-03-02T09:00:00Z".parse().unwrap());
/// clock.advance_days(1);
/// assert_eq!(clock.now().to_rfc3339(), "2026-03-03T09:00:00+00:00");
/// ```
#[derive(Debug)]
pub struct FixedClock {
    now: Mutex<DateTime<Utc>>,
}

impl FixedClock {
    /// A clock showing `now`.
    pub fn at(now: DateTime<Utc>) -> Self {
        FixedClock {
            now: Mutex::new(now),
        }
    }

    /// Moves the clock to `now`.
    pub fn set(&self, now: DateTime<Utc>) {
        *self.now.lock().unwrap_or_else(|p| p.into_inner()) = now;
    }

    /// Moves the clock forward by whole days.
    pub fn advance_days(&self, days: i64) {
        let mut guard = self.now.lock().unwrap_or_else(|p| p.into_inner());
        *guard += Duration::days(days);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn as_fixed(&self) -> Option<&FixedClock> {
        Some(self)
    }
}
