//! A time budget for the work on one article.
//!
//! Takes a time limit (or none). Gives a [`Budget`] that the stages ask, between
//! steps and once per sentence, whether the article's time is up, and the
//! [`OutOfTime`] error they then return. Never stops a thread or interrupts work
//! from outside: the work checks the budget itself, so the limit holds whatever
//! the number of cores, and an article stopped early leaves nothing half-done
//! behind, because its partial results are dropped with the error.

use std::time::{Duration, Instant};

/// The time one article may take, counted from when its work began.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// The limit, for the error message.
    limit: Duration,
    /// When the time is up; `None` for no limit (or one too far ahead to matter).
    deadline: Option<Instant>,
}

/// The work on an article took longer than its budget allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("took longer than {}", seconds(*limit))]
pub struct OutOfTime {
    /// The limit that was passed.
    pub limit: Duration,
}

impl Budget {
    /// No limit: every check passes.
    pub fn unlimited() -> Budget {
        Budget { limit: Duration::MAX, deadline: None }
    }

    /// `limit` from now.
    pub fn new(limit: Duration) -> Budget {
        Budget { limit, deadline: Instant::now().checked_add(limit) }
    }

    /// `Some(limit)` from now, or no limit.
    pub fn from_limit(limit: Option<Duration>) -> Budget {
        limit.map_or_else(Budget::unlimited, Budget::new)
    }

    /// Fails once the time is up. A check reads the clock (tens of nanoseconds), so
    /// the stages check once per step or sentence, not per character.
    pub fn check(&self) -> Result<(), OutOfTime> {
        match self.deadline {
            Some(d) if Instant::now() >= d => Err(OutOfTime { limit: self.limit }),
            _ => Ok(()),
        }
    }
}

/// `10 s`, `0.5 s`: whole seconds without decimals.
fn seconds(d: Duration) -> String {
    if d.subsec_nanos() == 0 { format!("{} s", d.as_secs()) } else { format!("{} s", d.as_secs_f64()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlimited_never_runs_out() {
        assert_eq!(Budget::unlimited().check(), Ok(()));
        assert_eq!(Budget::from_limit(None).check(), Ok(()));
        assert_eq!(Budget::new(Duration::from_secs(3600)).check(), Ok(()));
    }

    #[test]
    fn a_spent_budget_says_how_long_it_was() {
        let b = Budget::new(Duration::ZERO);
        let Err(e) = b.check() else { unreachable!("a zero budget is spent at once") };
        assert_eq!(e.to_string(), "took longer than 0 s");
        assert_eq!(OutOfTime { limit: Duration::from_secs(10) }.to_string(), "took longer than 10 s");
        assert_eq!(OutOfTime { limit: Duration::from_millis(500) }.to_string(), "took longer than 0.5 s");
    }
}
