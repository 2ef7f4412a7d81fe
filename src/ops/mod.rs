//! Whole operations on the store, as the commands run them.
//!
//! Takes an open store, inputs and rules. Gives what happened, as counts and
//! diagnostics, and reports progress through a callback as it goes, so the
//! command line and the tests run the same code. Never prints, never parses
//! arguments and never exits: showing progress and choosing exit codes is the
//! binary's part.

pub mod ingest;

use std::path::Path;

use crate::kg::Store;
use crate::network::cache::{self, Source};

/// Something a user may want to know that did not stop the operation.
///
/// `Display` gives the line the binary prints after `govkg: `.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Diagnostic {
    /// A decision about how an article was read: an encoding guessed against the
    /// page's declaration, a given date that is not a date.
    Read {
        /// The input, as named in output.
        source: String,
        /// What was decided.
        warning: String,
    },
    /// The article's normalised text is stored under another key (a repost), so
    /// it is not stored again.
    Duplicate {
        /// The input, as named in output.
        source: String,
        /// The key the text is stored under.
        of: String,
    },
    /// This version of a stored article gives no facts, so the stored version's
    /// facts are kept.
    KeptStored {
        /// The input, as named in output.
        source: String,
    },
    /// The network cache file could not be written; the next read rebuilds it.
    CacheUnwritten {
        /// The file and the reason.
        warning: String,
    },
    /// The network cache could not be rebuilt from the store.
    CacheNotRefreshed {
        /// What the store said.
        reason: String,
    },
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Diagnostic::Read { source, warning } => write!(f, "warning: {source}: {warning}"),
            Diagnostic::Duplicate { source, of } => {
                write!(f, "{source}: same text as stored article {of}; not stored again")
            }
            Diagnostic::KeptStored { source } => {
                write!(f, "warning: {source}: this version gives no facts; the stored version's facts are kept")
            }
            Diagnostic::CacheUnwritten { warning } => write!(f, "warning: {warning}"),
            Diagnostic::CacheNotRefreshed { reason } => write!(f, "warning: network cache not refreshed: {reason}"),
        }
    }
}

/// Rebuilds the network cache in `dir` after a write, so that the next export
/// or report reads the file rather than the store. A failure only costs time
/// later, so it is a diagnostic, never an error.
pub fn refresh_network_cache(store: &Store, dir: &Path) -> Option<Diagnostic> {
    match cache::rows(store, Some(dir)) {
        Ok((_, Source::Unwritten { warning })) => Some(Diagnostic::CacheUnwritten { warning }),
        Ok(_) => None,
        Err(e) => Some(Diagnostic::CacheNotRefreshed { reason: e.to_string() }),
    }
}
