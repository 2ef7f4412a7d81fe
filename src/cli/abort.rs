//! A test hook for crash tests, never used in normal runs.
//!
//! `GOVKG_TEST_ABORT_AT=POINT:N` makes the binary call `std::process::abort()` the N-th
//! time it reaches the named POINT, which is as abrupt as a SIGKILL: no destructors, no
//! flush. `tests/kill.rs` uses it to stop `govkg ingest`, `load` and `reconcile` at
//! exact moments and then checks that the store opens, holds every article fully or not
//! at all, and that a re-run completes the batch. Points of `ingest`: `opened` (store
//! opened), `before-write` and `after-write` (around each article's transaction),
//! `skipped` (an input skipped), `before-flush`, `after-flush`. `load` and `reconcile`
//! reach `opened`, `before-flush` and `after-flush`; what happens between is stopped by
//! a SIGKILL after a delay.
//! Only the binary reads the variable; the library knows nothing of it.

use std::cell::Cell;

use anyhow::{Result, bail};

/// The variable that names the abort point.
pub const VAR: &str = "GOVKG_TEST_ABORT_AT";

/// Where to abort, parsed from [`VAR`]; reaches nothing when the variable is unset.
pub struct AbortAt {
    point: String,
    at: usize,
    seen: Cell<usize>,
}

impl AbortAt {
    /// Reads [`VAR`]. An unset variable never aborts; a malformed one is an error.
    pub fn from_env() -> Result<AbortAt> {
        let Some(value) = std::env::var_os(VAR) else {
            return Ok(AbortAt { point: String::new(), at: 0, seen: Cell::new(0) });
        };
        AbortAt::parse(&value.to_string_lossy())
    }

    /// Parses `POINT:N` (`POINT` alone means `POINT:1`).
    fn parse(value: &str) -> Result<AbortAt> {
        let (point, n) = value.rsplit_once(':').unwrap_or((value, "1"));
        let Ok(at) = n.parse::<usize>() else { bail!("{VAR}={value}: expected POINT:N with N a number") };
        if point.is_empty() || at == 0 {
            bail!("{VAR}={value}: expected POINT:N with N at least 1");
        }
        Ok(AbortAt { point: point.to_string(), at, seen: Cell::new(0) })
    }

    /// Aborts the process if this is the N-th time `point` is reached.
    pub fn reach(&self, point: &str) {
        if self.point == point {
            let n = self.seen.get() + 1;
            self.seen.set(n);
            if n == self.at {
                std::process::abort();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_parse_and_bad_values_are_refused() {
        let a = AbortAt::parse("after-write:3").unwrap();
        assert_eq!((a.point.as_str(), a.at), ("after-write", 3));
        // Reaching other points, or this one fewer times, does nothing.
        a.reach("before-write");
        a.reach("after-write");
        a.reach("after-write");
        assert_eq!(a.seen.get(), 2);
        assert_eq!(AbortAt::parse("opened").unwrap().at, 1);
        for bad in ["after-write:x", "after-write:0", ":2", ""] {
            assert!(AbortAt::parse(bad).is_err(), "{bad}");
        }
    }
}
