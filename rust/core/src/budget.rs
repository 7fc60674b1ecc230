//! The clock one input runs against ([`crate::config::Limits::time_budget`]).
//!
//! The pipelines call [`Budget::check`] between their steps and
//! [`Budget::tick`] inside the loops over tokens and lines: a look at the
//! clock every [`TICKS`] items, so the check costs nothing measurable.

use std::cell::Cell;
use std::time::{Duration, Instant};

use crate::error::Error;

/// Loop items between two looks at the clock.
pub const TICKS: u32 = 256;

/// The deadline of one input, if it has one.
#[derive(Debug)]
pub struct Budget {
    limit: Option<(Instant, Duration)>,
    ticks: Cell<u32>,
}

impl Budget {
    /// No deadline (training, and inputs of callers who set none).
    pub fn unlimited() -> Budget {
        Budget { limit: None, ticks: Cell::new(0) }
    }

    /// A deadline `budget` from now; none for `None`.
    pub fn start(budget: Option<Duration>) -> Budget {
        Budget { limit: budget.map(|b| (Instant::now() + b, b)), ticks: Cell::new(0) }
    }

    /// `Err(Error::OverBudget)` once the deadline has passed.
    pub fn check(&self) -> Result<(), Error> {
        match self.limit {
            Some((deadline, budget)) if Instant::now() > deadline => Err(Error::OverBudget { budget }),
            _ => Ok(()),
        }
    }

    /// [`Budget::check`], every [`TICKS`] calls.
    pub fn tick(&self) -> Result<(), Error> {
        if self.limit.is_none() {
            return Ok(());
        }
        let ticks = self.ticks.get() + 1;
        if ticks < TICKS {
            self.ticks.set(ticks);
            return Ok(());
        }
        self.ticks.set(0);
        self.check()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unlimited_budget_never_runs_out() {
        let budget = Budget::unlimited();
        assert!((0..10 * TICKS).all(|_| budget.tick().is_ok()) && budget.check().is_ok());
    }

    #[test]
    fn a_spent_budget_is_found_at_a_check_and_within_a_tick_round() {
        let budget = Budget::start(Some(Duration::ZERO));
        std::thread::sleep(Duration::from_millis(1));
        assert_eq!(budget.check(), Err(Error::OverBudget { budget: Duration::ZERO }));
        let first_failure = (1..=TICKS).find(|_| budget.tick().is_err());
        assert_eq!(first_failure, Some(TICKS));
    }

    #[test]
    fn a_long_budget_lasts() {
        let budget = Budget::start(Some(Duration::from_secs(3600)));
        assert!((0..10 * TICKS).all(|_| budget.tick().is_ok()) && budget.check().is_ok());
    }
}
