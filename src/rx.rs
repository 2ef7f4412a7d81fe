//! Rule patterns compiled once, on first use.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use memchr::memmem::Finder;
use regex::Regex;

/// The regex in `cell`, compiled from `pat` the first time it is asked for.
/// Every pattern given here is a literal in the source, exercised by the tests,
/// so a failure to compile is a bug caught before release.
pub(crate) fn cached(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    #[allow(clippy::expect_used)] // Literal patterns; see above.
    cell.get_or_init(|| Regex::new(pat).expect("valid regex"))
}

/// An automaton finding every occurrence of any of `words`, built the first time
/// it is asked for. The words are literal lists in the source, so a failure to
/// build is a bug caught before release.
pub(crate) fn cached_words(cell: &'static OnceLock<AhoCorasick>, words: &[&str]) -> &'static AhoCorasick {
    #[allow(clippy::expect_used)] // Literal word lists; see above.
    cell.get_or_init(|| AhoCorasick::new(words).expect("word list builds"))
}

/// A searcher for one word, built the first time it is asked for.
///
/// For a few words in Chinese text this beats one automaton for all of them: the
/// automaton's prefilter looks for bytes that are rare in English and common in
/// UTF-8 Chinese, while a finder checks two of its word's bytes at once.
pub(crate) fn cached_finder(cell: &'static OnceLock<Finder<'static>>, word: &'static str) -> &'static Finder<'static> {
    cell.get_or_init(|| Finder::new(word))
}
