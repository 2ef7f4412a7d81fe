//! Ingest: inputs read, normalised, extracted, mapped, corrected and written
//! into the store, new articles in atomic batches.
//!
//! Takes an open [`Store`], input arguments (files, folders, `.jsonl`, `-`), the
//! [`Rules`] and [`Options`]. Gives a [`Summary`]: how many articles were added,
//! replaced, left unchanged, refused as reposts or kept at their stored version,
//! the inputs skipped with why, and every [`Diagnostic`]; and, as it goes, an
//! [`Event`] per step to a callback, in input order, which is where the binary
//! prints and shows progress. Never prints, and never leaves an article half
//! written: new articles go in a batch at a time through the store's bulk
//! loader, each batch one atomic write, and an article that replaces or drops a
//! stored one goes in a transaction of its own, so a kill at any moment leaves
//! every article whole or absent and a re-run adds exactly the missing ones.
//!
//! Each article is judged (new, unchanged, a repost, a replacement) against the
//! store as if every article before it were stored: one that meets a waiting
//! article (the same key or the same text) first has the batch written.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Duration;

use oxigraph::model::{NamedNode, Quad};

use super::{Diagnostic, refresh_network_cache};
use crate::kg::ingest::graph;
use crate::kg::mapping::article_iri;
use crate::kg::rules::Rules;
use crate::kg::store::{ArticleIndex, NewArticles};
use crate::kg::{Plan, Store, StoreError, Written};
use crate::pipeline::{self, Article, Outcome, Skipped};

/// New articles written together by default: each batch is one atomic write,
/// so a kill loses at most the batch it interrupts, and a re-run adds it.
/// Few large writes are what make ingest fast: the store merges each write
/// with what it holds, so the work of merging grows with the number of writes.
pub const BATCH_ARTICLES: usize = 10_000;

/// Quads of new articles that end a batch early, whatever their number: this
/// bounds the articles (text and facts) a batch keeps until it is written.
pub const BATCH_QUADS: usize = 1_000_000;

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
    /// New articles written in one atomic write (`None`: [`BATCH_ARTICLES`]).
    pub batch_articles: Option<usize>,
    /// Quads of new articles that end a batch early (`None`: [`BATCH_QUADS`]).
    pub batch_quads: Option<usize>,
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
    let limit = Limit {
        articles: options.batch_articles.unwrap_or(BATCH_ARTICLES).max(1),
        quads: options.batch_quads.unwrap_or(BATCH_QUADS).max(1),
    };
    // What the store holds is read once: from then on the run knows what it
    // wrote, and only an article whose IRI is stored is planned by the store.
    let known = Some(if store.has_graphs()? { Known::from_index(store.article_index()?) } else { Known::default() });
    let mut run = Run {
        store,
        rules,
        on,
        limit,
        writer: store.new_articles(),
        pending: Pending::default(),
        known,
        summary: Summary::default(),
        failure: None,
    };
    pipeline::run_within(inputs, &rules.lexicon, options.article_timeout, |o| {
        // After a failed write nothing more is written; the rest of the input
        // is read to its end by the pipeline and passed over.
        if run.failure.is_some() {
            return;
        }
        match o {
            Outcome::Article(a) => run.article(a),
            Outcome::Skipped(s) => run.pending.steps.push(Step::Skipped(s)),
        }
        if run.pending.full(&run.limit) {
            run.commit();
        }
    });
    run.commit();
    run.finish(options)
}

/// When a batch of new articles is written.
struct Limit {
    articles: usize,
    quads: usize,
}

/// One article or skip waiting for its batch, in input order.
enum Step {
    /// An article, with what the store does with it.
    Article { article: Box<Article>, plan: Plan },
    /// An input skipped; told in its place among the articles.
    Skipped(Skipped),
}

/// The steps since the last write, the new articles among them written
/// together when the batch is full.
#[derive(Default)]
struct Pending {
    steps: Vec<Step>,
    /// Quads of the new articles.
    quads: usize,
    /// New articles.
    new: usize,
    /// IRIs and text hashes of the new articles waiting, so that a later
    /// article that would be judged against one of them waits until it is stored.
    iris: HashSet<NamedNode>,
    texts: HashSet<String>,
}

impl Pending {
    fn full(&self, limit: &Limit) -> bool {
        self.new >= limit.articles || self.quads >= limit.quads
    }

    fn touches(&self, iri: &NamedNode, text_hash: &str) -> bool {
        self.iris.contains(iri) || self.texts.contains(text_hash)
    }
}

/// What the store holds, read once when the run starts and kept up to date
/// while the run has only added articles: the named graphs (article IRIs
/// among them), and the smallest key for each text.
#[derive(Default)]
struct Known {
    iris: HashSet<NamedNode>,
    texts: HashMap<String, String>,
}

impl Known {
    fn from_index(index: ArticleIndex) -> Known {
        Known { iris: index.graphs, texts: index.texts }
    }

    /// The plan the store would give a new article, or `None` when only the
    /// store can tell (the article's IRI is stored already, or a curator's
    /// corrections are left for it).
    fn plan(&self, iri: &NamedNode, text_hash: &str) -> Option<Plan> {
        if self.iris.contains(iri) || self.iris.contains(&crate::kg::iri::corrections_graph(iri)) {
            return None;
        }
        Some(match self.texts.get(text_hash) {
            Some(of) => Plan::Nothing(Written::Duplicate { of: of.clone() }),
            None => Plan::New,
        })
    }

    fn add(&mut self, iri: &NamedNode, text_hash: &str, key: &str) {
        self.iris.insert(iri.clone());
        let of = self.texts.entry(text_hash.to_string()).or_insert_with(|| key.to_string());
        if key < of.as_str() {
            *of = key.to_string();
        }
    }
}

/// The state of one ingest.
struct Run<'a, F> {
    store: &'a Store,
    rules: &'a Rules,
    on: F,
    limit: Limit,
    writer: NewArticles<'a>,
    pending: Pending,
    /// What the store holds, while the run can know it without reading.
    known: Option<Known>,
    summary: Summary,
    failure: Option<IngestError>,
}

impl<F: FnMut(Event<'_>)> Run<'_, F> {
    fn diagnostic(&mut self, d: Diagnostic) {
        (self.on)(Event::Diagnostic(&d));
        self.summary.diagnostics.push(d);
    }

    /// Plans one article against the store: a new one goes to the batch, one
    /// that replaces or drops a stored graph is written at once (after the
    /// batch before it), and one the store already settles waits to be told.
    fn article(&mut self, a: Box<Article>) {
        for w in &a.doc.warnings {
            self.diagnostic(Diagnostic::Read { source: a.doc.source.clone(), warning: w.clone() });
        }
        let quads = self.rules.quads(&a.doc, &a.extraction);
        let iri = article_iri(&a.doc);
        // An article is judged against the store as it would be were every
        // article before it stored: one that meets a waiting one (the same key,
        // or the same text) waits until that one is.
        if self.pending.touches(&iri, a.doc.text_hash()) {
            self.commit();
            if self.failure.is_some() {
                return;
            }
        }
        let prov = self.rules.provenance();
        let g = graph(&a.doc, &a.extraction, &prov, &iri, &quads);
        let plan = match self.known.as_ref().and_then(|k| k.plan(&iri, g.text_hash)) {
            Some(p) => Ok(p),
            None => self.store.plan_article(&g),
        };
        let plan = plan.and_then(|p| if p == Plan::New { self.writer.add(&g).map(|()| p) } else { Ok(p) });
        match plan {
            Ok(Plan::Transaction) => {
                // A replaced or dropped graph changes what is stored under a
                // text: from here on the store is read.
                self.known = None;
                self.commit();
                if self.failure.is_none() {
                    self.write_alone(&a, &iri, &quads);
                }
            }
            Ok(plan) => {
                if plan == Plan::New {
                    let p = &mut self.pending;
                    p.new += 1;
                    p.quads += quads.len();
                    p.iris.insert(iri.clone());
                    p.texts.insert(a.doc.text_hash().to_string());
                    if let Some(k) = self.known.as_mut() {
                        k.add(&iri, a.doc.text_hash(), &a.doc.key);
                    }
                }
                self.pending.steps.push(Step::Article { article: a, plan });
            }
            Err(e) => {
                self.commit();
                (self.on)(Event::Written(&a, Err(&e)));
                if self.failure.is_none() {
                    self.failure = Some(e.into());
                }
            }
        }
    }

    /// Writes one article in a transaction of its own and tells what happened.
    fn write_alone(&mut self, a: &Article, iri: &NamedNode, quads: &[Quad]) {
        (self.on)(Event::Writing(a));
        let prov = self.rules.provenance();
        let written = self.store.write_article(&graph(&a.doc, &a.extraction, &prov, iri, quads));
        self.told(a, written.as_ref());
        if let Err(e) = written {
            self.failure = Some(e.into());
        }
    }

    /// Writes the batch of new articles in one atomic write, then tells every
    /// waiting step in input order.
    fn commit(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let writer = std::mem::replace(&mut self.writer, self.store.new_articles());
        for step in &pending.steps {
            if let Step::Article { article, plan: Plan::New } = step {
                (self.on)(Event::Writing(article));
            }
        }
        let written = writer.commit();
        for step in pending.steps {
            match step {
                Step::Skipped(s) => {
                    (self.on)(Event::Skipped(&s));
                    self.summary.skipped.push(s);
                }
                Step::Article { article, plan: Plan::New } => match &written {
                    Ok(()) => self.told(&article, Ok(&Written::Added)),
                    Err(e) => self.told(&article, Err(e)),
                },
                Step::Article { article, plan: Plan::Nothing(w) } => self.told(&article, Ok(&w)),
                // Transactions are written alone, never left waiting.
                Step::Article { plan: Plan::Transaction, .. } => {}
            }
        }
        if let Err(e) = written {
            if self.failure.is_none() {
                self.failure = Some(e.into());
            }
        }
    }

    /// Counts what the store did with an article and tells it.
    fn told(&mut self, a: &Article, written: Result<&Written, &StoreError>) {
        let s = &mut self.summary;
        // A duplicate, or a version kept out, adds no facts to the store.
        if matches!(written, Ok(Written::Added | Written::Replaced | Written::Unchanged)) {
            s.meetings += a.extraction.meetings.len();
            s.persons += a.extraction.persons.len();
        }
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
        (self.on)(Event::Written(a, written));
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
