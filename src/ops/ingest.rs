//! Ingest: inputs read, normalised, extracted, mapped, corrected and written
//! into the store, one transaction per article.
//!
//! Takes an open [`Store`], input arguments (files, folders, `.jsonl`, `-`), the
//! [`Rules`] and [`Options`]. Gives a [`Summary`]: how many articles were added,
//! replaced, left unchanged, refused as reposts or kept at their stored version,
//! the inputs skipped with why, and every [`Diagnostic`]; and, as it goes, an
//! [`Event`] per step to a callback, in input order, which is where the binary
//! prints and shows progress. Never prints, and never leaves an article half
//! written: each is one transaction, so a kill at any moment leaves it whole or
//! absent and a re-run adds exactly the missing ones.

use std::path::PathBuf;
use std::time::Duration;

use super::{Diagnostic, refresh_network_cache};
use crate::kg::ingest::put_mapped;
use crate::kg::rules::Rules;
use crate::kg::{Store, StoreError, Written};
use crate::pipeline::{self, Article, Outcome, Skipped};

/// Articles between two flushes of the store: writing out what the store holds
/// in memory every few thousand articles keeps memory flat however large the corpus.
pub const FLUSH_EVERY: usize = 2000;

/// Why an ingest stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The store could not write, flush or count.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How to ingest.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The time one article may take to normalise and extract; one that takes
    /// longer is skipped as `timeout` (`None`: no limit).
    pub article_timeout: Option<Duration>,
    /// The store's directory, whose network cache is rebuilt when the store
    /// changed (`None`: keep no cache, as for an in-memory store).
    pub cache_dir: Option<PathBuf>,
}

/// One step of an ingest, in input order.
#[derive(Debug)]
#[non_exhaustive]
pub enum Event<'a> {
    /// An article was read and extracted and is about to be written.
    Writing(&'a Article),
    /// An article's transaction is over: what the store did, or why it could
    /// not (the ingest then stops, once the store is flushed).
    Written(&'a Article, Result<&'a Written, &'a StoreError>),
    /// An input or article was skipped; it never touches the store.
    Skipped(&'a Skipped),
    /// Something worth telling the user, at the moment it happens.
    Diagnostic(&'a Diagnostic),
    /// Every input is done; the store is about to be flushed.
    Flushing,
    /// The store is flushed.
    Flushed,
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles new to the store.
    pub added: usize,
    /// Articles whose stored version was replaced.
    pub replaced: usize,
    /// Articles stored already with the same content, version and rules.
    pub unchanged: usize,
    /// Articles whose text is stored under another key, not stored again.
    pub duplicates: usize,
    /// Versions without facts that left the stored version in place.
    pub kept: usize,
    /// Meetings of the articles added, replaced or unchanged.
    pub meetings: usize,
    /// Persons of the articles added, replaced or unchanged.
    pub persons: usize,
    /// The inputs skipped, with why, in input order.
    pub skipped: Vec<Skipped>,
    /// Every diagnostic, in the order it was given.
    pub diagnostics: Vec<Diagnostic>,
    /// Articles the store holds at the end.
    pub store_articles: usize,
    /// Quads the store holds at the end.
    pub store_quads: usize,
}

impl Summary {
    /// Articles stored: added, replaced or unchanged.
    pub fn stored(&self) -> usize {
        self.added + self.replaced + self.unchanged
    }
}

/// Ingests `inputs` into `store` with `rules`, telling `on` each step.
///
/// A write error stops the run: the articles written so far stay, the store is
/// flushed and the error returned. An input that cannot be read or an article
/// out of time is skipped and the run goes on.
pub fn run<S: AsRef<str>>(
    store: &Store,
    inputs: &[S],
    rules: &Rules,
    options: &Options,
    on: impl FnMut(Event<'_>),
) -> Result<Summary, IngestError> {
    let mut run = Run { store, rules, on, summary: Summary::default(), failure: None };
    pipeline::run_within(inputs, &rules.lexicon, options.article_timeout, |o| {
        // After a failed write nothing more is written; the rest of the input
        // is read to its end by the pipeline and passed over.
        if run.failure.is_some() {
            return;
        }
        match o {
            Outcome::Article(a) => run.article(&a),
            Outcome::Skipped(s) => run.skipped(s),
        }
    });
    run.finish(options)
}

/// The state of one ingest.
struct Run<'a, F> {
    store: &'a Store,
    rules: &'a Rules,
    on: F,
    summary: Summary,
    failure: Option<IngestError>,
}

impl<F: FnMut(Event<'_>)> Run<'_, F> {
    fn diagnostic(&mut self, d: Diagnostic) {
        (self.on)(Event::Diagnostic(&d));
        self.summary.diagnostics.push(d);
    }

    /// Writes one article in its own transaction, and counts what the store did.
    fn article(&mut self, a: &Article) {
        for w in &a.doc.warnings {
            self.diagnostic(Diagnostic::Read { source: a.doc.source.clone(), warning: w.clone() });
        }
        let quads = self.rules.quads(&a.doc, &a.extraction);
        (self.on)(Event::Writing(a));
        let written = put_mapped(self.store, &a.doc, &a.extraction, &self.rules.provenance(), &quads);
        let s = &mut self.summary;
        // A duplicate, or a version kept out, adds no facts to the store.
        if matches!(written, Ok(Written::Added | Written::Replaced | Written::Unchanged)) {
            s.meetings += a.extraction.meetings.len();
            s.persons += a.extraction.persons.len();
        }
        if (s.stored() + 1).is_multiple_of(FLUSH_EVERY) {
            if let Err(e) = self.store.flush() {
                self.failure = Some(e.into());
            }
        }
        self.count(a, &written);
        (self.on)(Event::Written(a, written.as_ref()));
        if let Err(e) = written {
            self.failure = Some(e.into());
        }
    }

    fn count(&mut self, a: &Article, written: &Result<Written, StoreError>) {
        let s = &mut self.summary;
        match written {
            Ok(Written::Added) => s.added += 1,
            Ok(Written::Replaced) => s.replaced += 1,
            Ok(Written::Unchanged) => s.unchanged += 1,
            Ok(Written::Duplicate { of }) => {
                s.duplicates += 1;
                self.diagnostic(Diagnostic::Duplicate { source: a.doc.source.clone(), of: of.clone() });
            }
            Ok(Written::KeptStored) => {
                s.kept += 1;
                self.diagnostic(Diagnostic::KeptStored { source: a.doc.source.clone() });
            }
            Err(_) => {}
        }
    }

    fn skipped(&mut self, s: Skipped) {
        (self.on)(Event::Skipped(&s));
        self.summary.skipped.push(s);
    }

    /// Flushes the store, refreshes the network cache when the store changed,
    /// and counts what the store holds.
    fn finish(mut self, options: &Options) -> Result<Summary, IngestError> {
        (self.on)(Event::Flushing);
        self.store.flush()?;
        (self.on)(Event::Flushed);
        if self.summary.added + self.summary.replaced > 0 {
            if let Some(d) = options.cache_dir.as_deref().and_then(|dir| refresh_network_cache(self.store, dir)) {
                self.diagnostic(d);
            }
        }
        if let Some(e) = self.failure {
            return Err(e);
        }
        self.summary.store_articles = self.store.articles()?;
        self.summary.store_quads = self.store.len()?;
        Ok(self.summary)
    }
}
