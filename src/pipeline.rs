//! Wires the stages: inputs → raw documents → normalised documents → extractions.
//!
//! Takes input arguments and a lexicon. Gives an ordered stream of outcomes, one
//! per article or per input that could not be read. Articles are normalised and
//! extracted on all cores in bounded batches, so memory stays bounded however
//! large the corpus, and the output order is the input order whatever the
//! thread timing. This is the one place that knows the order of the stages.
//! Each article may be given a time budget; one that runs out of it is skipped
//! (kind `timeout`) and the rest of its batch goes on.

use std::time::Duration;

use rayon::prelude::*;

use crate::budget::Budget;
use crate::extract::{Extraction, extract_within};
use crate::ingest::{RawDoc, Reader};
use crate::lexicon::Lexicon;
use crate::normalize::{Doc, NormalizeError, normalize_within};

/// How many articles are read ahead and processed in parallel.
const BATCH: usize = 512;

/// How many input bytes a batch holds at most (besides its first article), so that
/// a run of large articles cannot fill memory with 512 of them.
const BATCH_BYTES: usize = 64 << 20;

/// A normalised article and what was extracted from it.
#[derive(Debug)]
pub struct Article {
    /// The article.
    pub doc: Doc,
    /// Its facts.
    pub extraction: Extraction,
}

/// An input or article that was skipped, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The input (path, or path:line for JSON Lines, or the record id).
    pub input: String,
    /// One line saying why.
    pub reason: String,
    /// Short reason name for summaries.
    pub kind: &'static str,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.reason.starts_with(&self.input) {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "{}: {}", self.input, self.reason)
        }
    }
}

/// What happened to one input item.
#[derive(Debug)]
pub enum Outcome {
    /// An article read and extracted.
    Article(Box<Article>),
    /// An input or article skipped.
    Skipped(Skipped),
}

/// Normalises and extracts one raw document.
pub fn process(raw: &RawDoc, lex: &Lexicon) -> Outcome {
    process_within(raw, lex, None)
}

/// Normalises and extracts one raw document in at most `timeout` (counted from
/// now), or skips it as `timeout` once that has passed.
pub fn process_within(raw: &RawDoc, lex: &Lexicon, timeout: Option<Duration>) -> Outcome {
    let budget = Budget::from_limit(timeout);
    let skipped = |reason: String, kind| Outcome::Skipped(Skipped { input: raw.source.clone(), reason, kind });
    match normalize_within(raw, &lex.boilerplate, &budget) {
        Ok(doc) => match extract_within(&doc, lex, &budget) {
            Ok(extraction) => Outcome::Article(Box::new(Article { doc, extraction })),
            Err(e) => skipped(e.to_string(), TIMEOUT),
        },
        Err(e) => {
            let kind = match &e {
                NormalizeError::Decode(crate::normalize::decode::DecodeError::Empty) => "empty",
                NormalizeError::Decode(_) => "binary",
                NormalizeError::NoText => "no text",
                NormalizeError::OutOfTime(_) => TIMEOUT,
            };
            skipped(e.to_string(), kind)
        }
    }
}

/// The skip kind of an article that ran out of time.
pub const TIMEOUT: &str = "timeout";

/// Runs the pipeline over `inputs`, calling `sink` with each outcome in input order.
///
/// While one batch is normalised and extracted on the thread pool, this thread hands
/// the previous batch's outcomes to `sink` and reads the next batch, so that reading
/// and writing, which are serial, overlap the parallel work instead of leaving the
/// pool idle. At most three batches are held at once: one read ahead, one being
/// processed and one being written.
pub fn run<S: AsRef<str>>(inputs: &[S], lex: &Lexicon, sink: impl FnMut(Outcome)) {
    run_within(inputs, lex, None, sink);
}

/// [`run`], giving each article at most `timeout` (see [`process_within`]). The
/// clock of an article starts when a thread of the pool takes it up, not when its
/// batch was read.
pub fn run_within<S: AsRef<str>>(
    inputs: &[S],
    lex: &Lexicon,
    timeout: Option<Duration>,
    mut sink: impl FnMut(Outcome),
) {
    let mut reader = Reader::new(inputs);
    let mut batch = read_batch(&mut reader);
    let mut done: Vec<Outcome> = Vec::new();
    while !batch.is_empty() {
        let (outcomes, next) = std::thread::scope(|scope| {
            let work = scope.spawn(move || process_batch(batch, lex, timeout));
            for o in done.drain(..) {
                sink(o);
            }
            let next = read_batch(&mut reader);
            // Extraction does not panic (see `extract`); should it, the panic is the
            // caller's, as it was when the batch ran on this thread.
            let outcomes = work.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            (outcomes, next)
        });
        done = outcomes;
        batch = next;
    }
    for o in done {
        sink(o);
    }
}

/// Reads up to [`BATCH`] items, or fewer once they hold [`BATCH_BYTES`]; empty at the end.
fn read_batch(reader: &mut Reader) -> Vec<Result<RawDoc, Skipped>> {
    let mut batch = Vec::with_capacity(BATCH);
    let mut bytes = 0;
    for item in reader.by_ref() {
        bytes += item.as_ref().map_or(0, |raw| raw.body.len());
        batch.push(item.map_err(|e| Skipped { input: String::new(), reason: e.to_string(), kind: e.kind() }));
        if batch.len() == BATCH || bytes >= BATCH_BYTES {
            break;
        }
    }
    batch
}

/// Normalises and extracts a batch on the thread pool, keeping its order.
fn process_batch(batch: Vec<Result<RawDoc, Skipped>>, lex: &Lexicon, timeout: Option<Duration>) -> Vec<Outcome> {
    batch
        .into_par_iter()
        .map(|item| match item {
            Ok(raw) => process_within(&raw, lex, timeout),
            Err(s) => Outcome::Skipped(s),
        })
        .collect()
}
