//! The embedded store: Oxigraph on disk (RocksDB), one named graph per article.
//!
//! Takes article quads, N-Quads or TriG, and whole side graphs. Gives a store
//! that holds every article fully or not at all (new articles in atomic bulk
//! loads, a replaced one in a transaction of its own; see [`write`]), records its format version and generation, and dumps what it holds. Its
//! reading side (SPARQL over the union of all article graphs, index scans, and
//! the rows readers get) is [`super::rows`]. Besides [`crate::ingest`] and the
//! loading of a `--rules` folder, the only module that does I/O.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::QueryResults;
use oxigraph::store::{Store as OxStore, Transaction};

use super::vocab::{self, term};

mod write;

pub use write::{ArticleIndex, NewArticles, Plan};

/// The version of the store's layout; a store written by another version is refused.
///
/// Version 2 keyed posts by body and position and added corrections graphs;
/// version 3 added the `govkg:complete` marker to every article graph. A store
/// of an older version is refused: its IRIs differ, so it must be rebuilt.
/// Version 4 stores each sentence once per article (evidence points to it) and
/// leaves out what other quads imply (the class and article of evidence).
pub const FORMAT_VERSION: u32 = 4;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another process has the store open for writing.
    #[error("{path}: store is busy (another govkg process has it open); try again when it has finished")]
    Busy {
        /// The store directory.
        path: String,
    },
    /// The store could not be opened or written.
    #[error("{path}: {message}")]
    Storage {
        /// The store directory.
        path: String,
        /// What the storage layer said.
        message: String,
    },
    /// The store was written by an incompatible version.
    #[error(
        "{path}: store format version {found}, this govkg reads version {FORMAT_VERSION} (rebuild the store: ingest its articles again)"
    )]
    Version {
        /// The store directory.
        path: String,
        /// The version found.
        found: String,
    },
    /// The SPARQL text does not parse.
    #[error("query: {0}")]
    Syntax(String),
    /// The query failed while running.
    #[error("query: {0}")]
    Evaluation(String),
    /// RDF being loaded does not parse.
    #[error("{0}")]
    Parse(String),
    /// This build has no on-disk store.
    #[error("{0}: this govkg was built without the on-disk store (cargo feature \"rocksdb\")")]
    NoDisk(String),
}

/// What ingesting one article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// The article was new and was stored.
    Added,
    /// The article's facts replaced an older version of it.
    Replaced,
    /// The same article (content, version and rules) was already stored.
    Unchanged,
    /// The article's normalised text is already stored under another key, so
    /// it was not stored again.
    Duplicate {
        /// The key of the stored article with the same text.
        of: String,
    },
    /// The new version gave no facts while the stored one has some; the stored
    /// facts were kept.
    KeptStored,
}

/// One article as [`Store::write_article`] takes it.
#[derive(Debug, Clone, Copy)]
pub struct ArticleGraph<'a> {
    /// The article's IRI, which names its graph.
    pub iri: &'a NamedNode,
    /// The article's key (path, URL or id).
    pub key: &'a str,
    /// The quads of its graph.
    pub quads: &'a [Quad],
    /// SHA-256 of the article's bytes.
    pub content_hash: &'a str,
    /// SHA-256 of its normalised text.
    pub text_hash: &'a str,
    /// The govkg version that extracted it.
    pub version: &'a str,
    /// The hash of the rules it was extracted with.
    pub rules_hash: &'a str,
    /// Whether extraction found any fact (meeting, person or document).
    pub has_facts: bool,
}

/// How [`Store::load`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadMode {
    /// One transaction per article graph: safe beside stored articles, slower.
    Transactions,
    /// Oxigraph's bulk loader, not atomic: meant for an empty store. Articles a
    /// crash leaves half-written are dropped when the store is next opened.
    Bulk {
        /// Threads the loader may use.
        threads: usize,
        /// A rough bound on the loader's memory, in megabytes.
        memory_mb: usize,
    },
}

/// What [`Store::load`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Quads written.
    pub quads: u64,
    /// Article graphs written.
    pub articles: usize,
    /// Triples outside any named graph, and quads of the source store's own
    /// graph, which were passed over.
    pub passed_over: u64,
}

/// A govkg store.
pub struct Store {
    inner: OxStore,
    path: String,
    purged: usize,
}

impl Store {
    /// A store in memory (for tests and one-off runs).
    pub fn memory() -> Result<Store, StoreError> {
        let inner =
            OxStore::new().map_err(|e| StoreError::Storage { path: ":memory:".into(), message: e.to_string() })?;
        let mut store = Store { inner, path: ":memory:".into(), purged: 0 };
        store.purged = store.init()?;
        Ok(store)
    }

    /// Opens (creating if needed) the store at `path` for reading and writing.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        #[cfg(feature = "rocksdb")]
        {
            let inner = OxStore::open(path).map_err(|e| {
                let message = e.to_string();
                if message.contains("LOCK") || message.contains("lock") {
                    StoreError::Busy { path: shown.clone() }
                } else {
                    StoreError::Storage { path: shown.clone(), message }
                }
            })?;
            let mut store = Store { inner, path: shown, purged: 0 };
            store.purged = store.init()?;
            Ok(store)
        }
        #[cfg(not(feature = "rocksdb"))]
        {
            Err(StoreError::NoDisk(shown))
        }
    }

    /// Opens an existing store for reading only.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        if !path.join("CURRENT").exists() {
            return Err(StoreError::Storage { path: shown, message: "no store here (run govkg ingest first)".into() });
        }
        // A read-write open doubles as the check that no writer holds the store:
        // RocksDB's lock refuses a second writer, and a read-only open beside a
        // writer is undefined behaviour, so readers take the same lock.
        Store::open(path)
    }

    pub(super) fn storage(&self, e: impl std::fmt::Display) -> StoreError {
        StoreError::Storage { path: self.path.clone(), message: e.to_string() }
    }

    /// How many half-written article graphs opening the store dropped.
    pub fn purged(&self) -> usize {
        self.purged
    }

    fn store_node() -> NamedNode {
        NamedNode::new_unchecked(vocab::STORE_GRAPH)
    }

    fn store_quad(p: &str, o: impl Into<Term>) -> Quad {
        let node = Self::store_node();
        Quad::new(node.clone(), NamedNode::new_unchecked(p), o, GraphName::NamedNode(node))
    }

    fn marker(article: &NamedNode) -> Quad {
        Quad::new(
            article.clone(),
            NamedNode::new_unchecked(term("complete")),
            Literal::from(true),
            GraphName::NamedNode(article.clone()),
        )
    }

    fn version_quad(v: u32) -> Quad {
        Self::store_quad(
            &term("formatVersion"),
            Literal::new_typed_literal(v.to_string(), NamedNode::new_unchecked(vocab::XSD_INTEGER)),
        )
    }

    fn loading_quad() -> Quad {
        Self::store_quad(&term("loadInProgress"), Literal::from(true))
    }

    /// Gives the store its next generation inside transaction `t`: the values
    /// there are replaced by one more than the greatest of them. Every write
    /// calls it in the transaction that writes, so the generation changes exactly
    /// when what is stored does, crash or not, and caches keyed by it can never
    /// be read after a write they do not reflect. A counter (not a random value)
    /// keeps dumps of two stores built from the same input identical; writers are
    /// serial (the store's lock admits one process, and it writes in input order).
    fn bump(&self, t: &mut Transaction<'_>) -> Result<(), StoreError> {
        let node = Self::store_node();
        let pred = NamedNode::new_unchecked(term("generation"));
        let old: Vec<Quad> = t
            .quads_for_pattern(
                Some(node.as_ref().into()),
                Some(pred.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(node.as_ref())),
            )
            .collect::<Result<_, _>>()
            .map_err(|e| self.storage(e))?;
        let mut next: u64 = 1;
        for q in &old {
            if let Term::Literal(l) = &q.object {
                next = next.max(l.value().parse::<u64>().unwrap_or(0).saturating_add(1));
            }
            t.remove(q);
        }
        t.insert(&Self::store_quad(pred.as_str(), Literal::new_simple_literal(next.to_string())));
        Ok(())
    }

    /// The store's generation: a value every write replaces (see
    /// [`Store::bump`]), what caches of the store's contents are keyed by. A store
    /// no govkg write has touched since generations were introduced reads as `0`.
    pub fn generation(&self) -> Result<String, StoreError> {
        let node = Self::store_node();
        let pred = NamedNode::new_unchecked(term("generation"));
        let mut values: Vec<String> = Vec::new();
        for q in self.inner.quads_for_pattern(
            Some(node.as_ref().into()),
            Some(pred.as_ref()),
            None,
            Some(GraphNameRef::NamedNode(node.as_ref())),
        ) {
            let q = q.map_err(|e| self.storage(e))?;
            values.push(match q.object {
                Term::Literal(l) => l.value().to_string(),
                other => other.to_string(),
            });
        }
        values.sort();
        Ok(if values.is_empty() { "0".into() } else { values.join(" ") })
    }

    /// Replaces the whole of graph `g` by `quads` in one transaction (the graphs
    /// `govkg reconcile` writes).
    pub fn replace_graph(&self, g: NamedNodeRef<'_>, quads: &[Quad]) -> Result<(), StoreError> {
        let mut t = self.inner.start_transaction().map_err(|e| self.storage(e))?;
        t.clear_graph(GraphNameRef::NamedNode(g)).map_err(|e| self.storage(e))?;
        for q in quads {
            t.insert(q);
        }
        self.bump(&mut t)?;
        t.commit().map_err(|e| self.storage(e))
    }

    /// Checks the format version (writing it into a new store), then drops
    /// what an interrupted bulk load left behind.
    fn init(&self) -> Result<usize, StoreError> {
        let graph = Self::store_node();
        let fv = NamedNode::new_unchecked(term("formatVersion"));
        let existing: Vec<Quad> = self
            .inner
            .quads_for_pattern(
                Some(graph.as_ref().into()),
                Some(fv.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            )
            .collect::<Result<_, _>>()
            .map_err(|e| self.storage(e))?;
        if let Some(q) = existing.first() {
            let found = match &q.object {
                Term::Literal(l) => l.value().to_string(),
                other => other.to_string(),
            };
            if found != FORMAT_VERSION.to_string() {
                return Err(StoreError::Version { path: self.path.clone(), found });
            }
            return self.recover();
        }
        let mut t = self.inner.start_transaction().map_err(|e| self.storage(e))?;
        t.insert(&Self::store_quad(vocab::RDF_TYPE, NamedNode::new_unchecked(term("Store"))));
        t.insert(&Self::version_quad(FORMAT_VERSION));
        self.bump(&mut t)?;
        t.commit().map_err(|e| self.storage(e))?;
        Ok(0)
    }

    /// Every named graph except the store's own, sorted.
    fn article_graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut out = Vec::new();
        for g in self.inner.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g.map_err(|e| self.storage(e))? {
                if n.as_str() != vocab::STORE_GRAPH {
                    out.push(n);
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// If a bulk load was interrupted, drops every graph without its completion
    /// marker, then clears the flag. Returns how many were dropped.
    ///
    /// govkg's own side graphs (reconcile's links, a curator's corrections) are
    /// kept: `reconcile` and `ingest` write them whole in one transaction without
    /// a marker, so a missing marker there says nothing about the load.
    fn recover(&self) -> Result<usize, StoreError> {
        if !self.inner.contains(&Self::loading_quad()).map_err(|e| self.storage(e))? {
            return Ok(0);
        }
        let mut purged = 0;
        let side = super::iri::side_graph_prefixes();
        for g in self.article_graphs()? {
            if side.iter().any(|p| g.as_str().starts_with(p.as_str())) {
                continue;
            }
            if !self.inner.contains(&Self::marker(&g)).map_err(|e| self.storage(e))? {
                self.inner.remove_named_graph(g.as_ref()).map_err(|e| self.storage(e))?;
                purged += 1;
            }
        }
        self.clear_loading_flag()?;
        Ok(purged)
    }

    /// Removes the bulk-load flag, in a transaction that also bumps the generation
    /// (what was loaded or dropped under the flag is a change too).
    fn clear_loading_flag(&self) -> Result<(), StoreError> {
        let mut t = self.inner.start_transaction().map_err(|e| self.storage(e))?;
        t.remove(&Self::loading_quad());
        self.bump(&mut t)?;
        t.commit().map_err(|e| self.storage(e))
    }

    fn literal_of(&self, s: NamedNodeRef<'_>, p: &str, g: NamedNodeRef<'_>) -> Result<Option<String>, StoreError> {
        let pred = NamedNode::new_unchecked(p);
        let mut it =
            self.inner.quads_for_pattern(Some(s.into()), Some(pred.as_ref()), None, Some(GraphNameRef::NamedNode(g)));
        match it.next() {
            Some(Ok(q)) => Ok(match q.object {
                Term::Literal(l) => Some(l.value().to_string()),
                _ => None,
            }),
            Some(Err(e)) => Err(self.storage(e)),
            None => Ok(None),
        }
    }

    /// The graph of the article stored under `key`, if any.
    pub fn article_by_key(&self, key: &str) -> Result<Option<NamedNode>, StoreError> {
        let pred = NamedNode::new_unchecked(vocab::DCT_IDENTIFIER);
        let lit = Literal::new_simple_literal(key);
        for q in self.inner.quads_for_pattern(None, Some(pred.as_ref()), Some(lit.as_ref().into()), None) {
            let q = q.map_err(|e| self.storage(e))?;
            if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) = (&q.subject, &q.graph_name) {
                if s == g {
                    return Ok(Some(s.clone()));
                }
            }
        }
        Ok(None)
    }

    /// Removes the article stored under `key` (its whole graph, in one
    /// transaction). Returns whether there was one.
    pub fn remove_article(&self, key: &str) -> Result<bool, StoreError> {
        let Some(g) = self.article_by_key(key)? else { return Ok(false) };
        let mut t = self.inner.start_transaction().map_err(|e| self.storage(e))?;
        t.remove_named_graph(g.as_ref()).map_err(|e| self.storage(e))?;
        self.bump(&mut t)?;
        t.commit().map_err(|e| self.storage(e))?;
        Ok(true)
    }

    /// Loads N-Quads or TriG (as written by `export` or `extract --format
    /// nquads`). Quads of the source store's own graph and triples outside any
    /// named graph are passed over; every article graph gets its completion
    /// marker once all its quads are in.
    ///
    /// With [`LoadMode::Transactions`], each run of quads of one graph is one
    /// transaction that replaces the stored graph of that name (a graph met
    /// again later in the file is added to, not replaced). With
    /// [`LoadMode::Bulk`] the store is flagged as loading, the quads go in
    /// through the bulk loader without markers, then the markers are written and
    /// the flag cleared: a crash at any point leaves the flag, and the next
    /// open drops the graphs that got no marker.
    pub fn load(&self, reader: impl Read, format: RdfFormat, mode: LoadMode) -> Result<Loaded, StoreError> {
        let marker_pred = NamedNode::new_unchecked(term("complete"));
        let mut loaded = Loaded::default();
        let mut graphs: BTreeSet<NamedNode> = BTreeSet::new();
        let parsed = RdfParser::from_format(format).for_reader(reader).filter_map(|q| {
            let q = match q {
                Ok(q) => q,
                Err(e) => return Some(Err(StoreError::Parse(e.to_string()))),
            };
            let GraphName::NamedNode(g) = &q.graph_name else {
                loaded.passed_over += 1;
                return None;
            };
            if g.as_str() == vocab::STORE_GRAPH {
                loaded.passed_over += 1;
                return None;
            }
            if q.predicate == marker_pred {
                return None;
            }
            graphs.insert(g.clone());
            loaded.quads += 1;
            Some(Ok(q))
        });
        match mode {
            LoadMode::Bulk { threads, memory_mb } => {
                let mut t = self.inner.start_transaction().map_err(|e| self.storage(e))?;
                t.insert(&Self::loading_quad());
                self.bump(&mut t)?;
                t.commit().map_err(|e| self.storage(e))?;
                let mut loader = self
                    .inner
                    .bulk_loader()
                    .with_num_threads(threads.max(1))
                    .with_max_memory_size_in_megabytes(loader_budget(memory_mb))
                    .without_atomicity();
                loader.load_ok_quads::<StoreError, LoadFailure>(parsed).map_err(|e| match e {
                    LoadFailure::Ours(e) => e,
                    LoadFailure::Storage(e) => self.storage(e),
                })?;
                loader.commit().map_err(|e| self.storage(e))?;
            }
            LoadMode::Transactions => {
                let mut seen: BTreeSet<NamedNode> = BTreeSet::new();
                let mut run: Vec<Quad> = Vec::new();
                for q in parsed {
                    let q = q?;
                    if run.first().is_some_and(|f| f.graph_name != q.graph_name) {
                        self.write_run(&mut run, &mut seen)?;
                    }
                    run.push(q);
                }
                self.write_run(&mut run, &mut seen)?;
            }
        }
        loaded.articles = graphs.len();
        // The markers go in last, a batch per transaction; the flag is cleared
        // only when every marker is in.
        let graphs: Vec<NamedNode> = graphs.into_iter().collect();
        for chunk in graphs.chunks(10_000) {
            let mut t = self.inner.start_transaction().map_err(|e| self.storage(e))?;
            for g in chunk {
                t.insert(&Self::marker(g));
            }
            self.bump(&mut t)?;
            t.commit().map_err(|e| self.storage(e))?;
        }
        self.clear_loading_flag()?;
        Ok(loaded)
    }

    /// Writes one graph's run of quads in one transaction, with its marker.
    fn write_run(&self, run: &mut Vec<Quad>, seen: &mut BTreeSet<NamedNode>) -> Result<(), StoreError> {
        let Some(GraphName::NamedNode(g)) = run.first().map(|q| q.graph_name.clone()) else {
            return Ok(());
        };
        let mut t = self.inner.start_transaction().map_err(|e| self.storage(e))?;
        if seen.insert(g.clone()) {
            t.clear_graph(GraphNameRef::NamedNode(g.as_ref())).map_err(|e| self.storage(e))?;
        }
        for q in run.drain(..) {
            t.insert(&q);
        }
        t.insert(&Self::marker(&g));
        self.bump(&mut t)?;
        t.commit().map_err(|e| self.storage(e))
    }

    /// Writes every quad, named graphs kept, in N-Quads or TriG.
    ///
    /// The store's own graph (its format version, generation and load flag) is
    /// left out: it describes this copy, not the data, and `load` passes it over,
    /// so two stores holding the same articles dump the same bytes.
    pub fn dump_dataset<W: Write>(&self, format: RdfFormat, writer: W) -> Result<W, StoreError> {
        let own = Self::store_node();
        let mut ser = prefixed(RdfSerializer::from_format(format)).for_writer(writer);
        for q in self.inner.iter() {
            let q = q.map_err(|e| self.storage(e))?;
            if matches!(&q.graph_name, GraphName::NamedNode(g) if *g == own) {
                continue;
            }
            ser.serialize_quad(&q).map_err(|e| self.storage(e))?;
        }
        ser.finish().map_err(|e| self.storage(e))
    }

    /// Writes the union of all graphs as one graph (each distinct triple once),
    /// in a triple format such as Turtle or N-Triples; the store's own graph
    /// is left out, as in [`Store::dump_dataset`].
    pub fn dump_union<W: Write>(&self, format: RdfFormat, writer: W) -> Result<W, StoreError> {
        let q = format!(
            "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ \
             GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{}>) }} }}",
            vocab::STORE_GRAPH
        );
        let QueryResults::Graph(triples) = self.query(&q)? else {
            return Err(StoreError::Evaluation("CONSTRUCT gave no graph".into()));
        };
        let mut ser = prefixed(RdfSerializer::from_format(format)).for_writer(writer);
        for t in triples {
            let t = t.map_err(|e| StoreError::Evaluation(e.to_string()))?;
            ser.serialize_triple(&t).map_err(|e| self.storage(e))?;
        }
        ser.finish().map_err(|e| self.storage(e))
    }

    /// Whether the store holds any graph besides its own: articles, or the
    /// side graphs of corrections and links.
    pub fn has_graphs(&self) -> Result<bool, StoreError> {
        for g in self.inner.named_graphs() {
            match g.map_err(|e| self.storage(e))? {
                NamedOrBlankNode::NamedNode(n) if n.as_str() == vocab::STORE_GRAPH => {}
                _ => return Ok(true),
            }
        }
        Ok(false)
    }

    /// Number of article graphs.
    pub fn articles(&self) -> Result<usize, StoreError> {
        let prefix = super::iri::article_prefix();
        Ok(self.article_graphs()?.iter().filter(|g| g.as_str().starts_with(&prefix)).count())
    }

    /// The store's path as shown in messages.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Flushes writes to disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        #[cfg(feature = "rocksdb")]
        self.inner.flush().map_err(|e| self.storage(e))?;
        Ok(())
    }

    /// The underlying Oxigraph store, for reading. Writes must go through
    /// `Store`'s own methods, which bump the generation caches are keyed by.
    pub fn oxigraph(&self) -> &OxStore {
        &self.inner
    }
}

/// What to tell the bulk loader so that a load stays under `memory_mb`.
///
/// The loader sizes its batches at about a thousand quads per megabyte, but
/// each quad costs about twice that while a batch is parsed, encoded and
/// sorted (govkg's quads carry long IRIs and sentences): told the whole cap,
/// a load of the bulk corpus peaked 8% above it. Told half, it stays under.
fn loader_budget(memory_mb: usize) -> usize {
    (memory_mb / 2).max(1)
}

/// The bulk loader's error: ours (a parse error) or the storage layer's.
enum LoadFailure {
    Ours(StoreError),
    Storage(oxigraph::store::StorageError),
}

impl From<StoreError> for LoadFailure {
    fn from(e: StoreError) -> Self {
        LoadFailure::Ours(e)
    }
}

impl From<oxigraph::store::StorageError> for LoadFailure {
    fn from(e: oxigraph::store::StorageError) -> Self {
        LoadFailure::Storage(e)
    }
}

/// A serializer that writes the usual prefixes (Turtle and TriG use them).
fn prefixed(ser: RdfSerializer) -> RdfSerializer {
    let prefixes = [
        ("govkg", vocab::NS),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("schema", "https://schema.org/"),
        ("org", "http://www.w3.org/ns/org#"),
    ];
    prefixes.iter().fold(ser, |s, (p, iri)| match s.clone().with_prefix(*p, *iri) {
        Ok(s) => s,
        Err(_) => s,
    })
}

/// The default store location: `--store`, else `GOVKG_STORE`, else `./govkg-store`.
pub fn default_path() -> PathBuf {
    std::env::var_os("GOVKG_STORE").map_or_else(|| PathBuf::from("govkg-store"), PathBuf::from)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    fn article(n: u32) -> NamedNode {
        NamedNode::new_unchecked(format!("{}article/{n}", vocab::ID))
    }

    fn quads_of(g: &NamedNode, n: usize) -> Vec<Quad> {
        (0..n)
            .map(|i| {
                Quad::new(
                    g.clone(),
                    NamedNode::new_unchecked(term("rule")),
                    Literal::new_simple_literal(format!("fact {i}")),
                    GraphName::NamedNode(g.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn an_interrupted_bulk_load_is_cleaned_up_on_open() {
        let store = Store::memory().unwrap();
        let (whole, half) = (article(1), article(2));
        // What a crash between the loader's batches and the markers leaves: the
        // flag, one article with its marker, one without.
        store.inner.insert(&Store::loading_quad()).unwrap();
        for q in quads_of(&whole, 3).iter().chain(&quads_of(&half, 2)) {
            store.inner.insert(q).unwrap();
        }
        store.inner.insert(&Store::marker(&whole)).unwrap();
        // A graph `reconcile` wrote before the load, whole and without a marker.
        let links = NamedNode::new_unchecked(crate::kg::iri::RECONCILE_GRAPH);
        store.replace_graph(links.as_ref(), &quads_of(&links, 2)).unwrap();
        assert_eq!(store.recover().unwrap(), 1);
        assert_eq!(store.article_graphs().unwrap(), vec![whole.clone(), links.clone()]);
        assert_eq!(store.articles().unwrap(), 1, "reconcile's graph is not an article");
        assert!(!store.inner.contains(&Store::loading_quad()).unwrap());
        // Without the flag nothing is touched, marker or not.
        for q in quads_of(&half, 2) {
            store.inner.insert(&q).unwrap();
        }
        assert_eq!(store.recover().unwrap(), 0);
        assert_eq!(store.articles().unwrap(), 2);
    }

    #[test]
    fn a_store_of_another_version_is_refused() {
        let store = Store::memory().unwrap();
        store.inner.remove(&Store::version_quad(FORMAT_VERSION)).unwrap();
        store.inner.insert(&Store::version_quad(2)).unwrap();
        assert!(matches!(store.init(), Err(StoreError::Version { .. })));
    }

    #[test]
    fn bulk_and_transactional_loads_mark_every_article() {
        let nq = "<https://w3id.org/govkg/id/article/1> <https://w3id.org/govkg/ns#rule> \"x\" <https://w3id.org/govkg/id/article/1> .\n\
                  <https://w3id.org/govkg/id/store> <https://w3id.org/govkg/ns#formatVersion> \"7\"^^<http://www.w3.org/2001/XMLSchema#integer> <https://w3id.org/govkg/id/store> .\n\
                  <a:s> <a:p> <a:o> .\n\
                  <https://w3id.org/govkg/id/article/2> <https://w3id.org/govkg/ns#rule> \"y\" <https://w3id.org/govkg/id/article/2> .\n";
        for mode in [LoadMode::Bulk { threads: 1, memory_mb: 16 }, LoadMode::Transactions] {
            let store = Store::memory().unwrap();
            let loaded = store.load(nq.as_bytes(), RdfFormat::NQuads, mode).unwrap();
            assert_eq!(loaded, Loaded { quads: 2, articles: 2, passed_over: 2 });
            for g in [article(1), article(2)] {
                assert!(store.inner.contains(&Store::marker(&g)).unwrap());
            }
            // The store's own version is not overwritten by the file's.
            assert!(store.inner.contains(&Store::version_quad(FORMAT_VERSION)).unwrap());
            assert!(!store.inner.contains(&Store::loading_quad()).unwrap());
        }
        let store = Store::memory().unwrap();
        let err = store.load("<a:s> <a:p> .\n".as_bytes(), RdfFormat::NQuads, LoadMode::Transactions);
        assert!(matches!(err, Err(StoreError::Parse(_))));
    }
}
