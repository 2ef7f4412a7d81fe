//! Rule patterns compiled once, on first use.

use std::sync::OnceLock;

use regex::Regex;

/// The regex in `cell`, compiled from `pat` the first time it is asked for.
/// Every pattern given here is a literal in the source, exercised by the tests,
/// so a failure to compile is a bug caught before release.
pub(crate) fn cached(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    #[allow(clippy::expect_used)] // Literal patterns; see above.
    cell.get_or_init(|| Regex::new(pat).expect("valid regex"))
}
