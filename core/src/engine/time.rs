//! Moving the engine's clock, for replays, simulations and tests that run on
//! a [`FixedClock`](crate::FixedClock). A system clock cannot be moved.

use chrono::{DateTime, Utc};

use super::Lotwise;
use crate::error::{Error, Result};

impl Lotwise {
    /// Moves a fixed clock forward by whole days (not backwards: `days` ≥ 0)
    /// and returns the new time. Refused with `invalid_input` on a clock
    /// that is not a [`FixedClock`](crate::FixedClock).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use lotwise::{FixedClock, Lotwise};
    /// let lw = Lotwise::in_memory_with_clock(Arc::new(FixedClock::at("2026-03-02T09:00:00Z".parse()?)));
    /// assert_eq!(lw.advance_days(2)?.to_rfc3339(), "2026-03-04T09:00:00+00:00");
    /// assert_eq!(Lotwise::open(":memory:")?.advance_days(1).unwrap_err().code(), "invalid_input");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn advance_days(&self, days: i64) -> Result<DateTime<Utc>> {
        if days < 0 {
            return Err(Error::invalid_input(
                "days",
                days,
                "the clock only moves forward",
            ));
        }
        let clock = self.fixed_clock()?;
        clock.advance_days(days);
        Ok(self.now())
    }

    /// Sets a fixed clock to `at` and returns it. Refused with
    /// `invalid_input` on a clock that is not a [`FixedClock`](crate::FixedClock).
    pub fn set_clock(&self, at: DateTime<Utc>) -> Result<DateTime<Utc>> {
        self.fixed_clock()?.set(at);
        Ok(self.now())
    }

    fn fixed_clock(&self) -> Result<&crate::FixedClock> {
        self.clock.as_fixed().ok_or_else(|| {
            Error::invalid_input(
                "clock",
                "system",
                "only a fixed clock can be moved (open the engine with a FixedClock)",
            )
        })
    }
}
