//! The embedded store: Oxigraph on disk (RocksDB), one named graph per article.
//!
//! Takes article quads and SPARQL text. Gives a store that holds every article
//! fully or not at all (one transaction per article), answers SPARQL over the
//! union of all article graphs, and records its format version. Besides
//! [`crate::ingest`] and the loading of a `--rules` folder, the only module that does I/O.

use std::path::{Path, PathBuf};

use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store as OxStore;

use super::vocab::{self, term};

/// The version of the store's layout; a store written by another version is refused.
pub const FORMAT_VERSION: u32 = 2;

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
    #[error("{path}: store format version {found}, this govkg reads version {FORMAT_VERSION}")]
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
    /// This build has no on-disk store.
    #[error("{0}: this govkg was built without the on-disk store (cargo feature \"rocksdb\")")]
    NoDisk(String),
}

/// What ingesting one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The article was new and was stored.
    Added,
    /// The article's facts replaced an older version of it.
    Replaced,
    /// The same article (content, version and rules) was already stored.
    Unchanged,
}

/// A govkg store.
pub struct Store {
    inner: OxStore,
    path: String,
}

impl Store {
    /// A store in memory (for tests and one-off runs).
    pub fn memory() -> Result<Store, StoreError> {
        let inner =
            OxStore::new().map_err(|e| StoreError::Storage { path: ":memory:".into(), message: e.to_string() })?;
        let store = Store { inner, path: ":memory:".into() };
        store.init()?;
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
            let store = Store { inner, path: shown };
            store.init()?;
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

    fn storage(&self, e: impl std::fmt::Display) -> StoreError {
        StoreError::Storage { path: self.path.clone(), message: e.to_string() }
    }

    fn init(&self) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(vocab::STORE_GRAPH);
        let node = graph.clone();
        let fv = NamedNode::new_unchecked(term("formatVersion"));
        let existing: Vec<Quad> = self
            .inner
            .quads_for_pattern(
                Some(node.as_ref().into()),
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
            return Ok(());
        }
        let g = GraphName::NamedNode(graph);
        let mut t = self.inner.start_transaction().map_err(|e| self.storage(e))?;
        t.insert(&Quad::new(
            node.clone(),
            NamedNode::new_unchecked(vocab::RDF_TYPE),
            NamedNode::new_unchecked(term("Store")),
            g.clone(),
        ));
        t.insert(&Quad::new(
            node,
            fv,
            Literal::new_typed_literal(FORMAT_VERSION.to_string(), NamedNode::new_unchecked(vocab::XSD_INTEGER)),
            g,
        ));
        t.commit().map_err(|e| self.storage(e))
    }

    /// The content hash, govkg version and rules hash stored for an article graph.
    fn stamp(&self, article: NamedNodeRef<'_>) -> Result<Option<(String, String, String)>, StoreError> {
        let get = |p: &str| -> Result<Option<String>, StoreError> {
            let pred = NamedNode::new_unchecked(p);
            let mut it = self.inner.quads_for_pattern(
                Some(article.into()),
                Some(pred.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(article)),
            );
            match it.next() {
                Some(Ok(q)) => Ok(match q.object {
                    Term::Literal(l) => Some(l.value().to_string()),
                    _ => None,
                }),
                Some(Err(e)) => Err(self.storage(e)),
                None => Ok(None),
            }
        };
        Ok(match (get(&term("contentHash"))?, get(&term("govkgVersion"))?, get(&term("rulesHash"))?) {
            (Some(a), Some(b), Some(c)) => Some((a, b, c)),
            _ => None,
        })
    }

    /// Stores one article's graph in one transaction: its old facts, if any, are
    /// replaced; an article stored with the same content, version and rules is left
    /// as it is.
    pub fn write_article(
        &self,
        article: &NamedNode,
        quads: &[Quad],
        content_hash: &str,
        version: &str,
        rules_hash: &str,
    ) -> Result<Written, StoreError> {
        let old = self.stamp(article.as_ref())?;
        if old.as_ref().is_some_and(|(c, v, r)| c == content_hash && v == version && r == rules_hash) {
            return Ok(Written::Unchanged);
        }
        let mut t = self.inner.start_transaction().map_err(|e| self.storage(e))?;
        if old.is_some() {
            t.clear_graph(GraphNameRef::NamedNode(article.as_ref())).map_err(|e| self.storage(e))?;
        }
        // The curator's corrections to this article live in a graph of their own,
        // rewritten with the article (`quads` may hold quads of both graphs).
        let corrections = crate::corrections::graph_of(article);
        t.clear_graph(GraphNameRef::NamedNode(corrections.as_ref())).map_err(|e| self.storage(e))?;
        for q in quads {
            t.insert(q);
        }
        t.commit().map_err(|e| self.storage(e))?;
        Ok(if old.is_some() { Written::Replaced } else { Written::Added })
    }

    /// Runs a SPARQL query. Without FROM clauses the default graph is the union
    /// of all graphs, so plain queries see every article.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        let mut prepared = SparqlEvaluator::new().parse_query(sparql).map_err(|e| StoreError::Syntax(e.to_string()))?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        prepared.on_store(&self.inner).execute().map_err(|e| StoreError::Evaluation(e.to_string()))
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize, StoreError> {
        self.inner.len().map_err(|e| self.storage(e))
    }

    /// Whether the store holds no quads.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }

    /// Number of article graphs.
    pub fn articles(&self) -> Result<usize, StoreError> {
        let n = self
            .inner
            .named_graphs()
            .filter(|g| g.as_ref().is_ok_and(|g| g.to_string().contains("/id/article/")))
            .count();
        Ok(n)
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

    /// The underlying Oxigraph store, for dumps.
    pub fn oxigraph(&self) -> &OxStore {
        &self.inner
    }
}

/// The default store location: `--store`, else `GOVKG_STORE`, else `./govkg-store`.
pub fn default_path() -> PathBuf {
    std::env::var_os("GOVKG_STORE").map_or_else(|| PathBuf::from("govkg-store"), PathBuf::from)
}

/// A meeting as the network and reports see it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MeetingInfo {
    /// Date, ISO, when known.
    pub date: Option<String>,
    /// Name.
    pub label: String,
    /// IRI.
    pub iri: String,
}

/// One person present at one meeting.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Presence {
    /// The person's name.
    pub person: String,
    /// The meeting's IRI.
    pub meeting: String,
}

fn literal(t: Option<&Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        _ => None,
    }
}

impl Store {
    fn solutions(&self, sparql: &str, vars: &[&str]) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        let QueryResults::Solutions(rows) = self.query(sparql)? else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        for row in rows {
            let row = row.map_err(|e| StoreError::Evaluation(e.to_string()))?;
            out.push(vars.iter().map(|v| literal(row.get(*v))).collect());
        }
        Ok(out)
    }

    /// Every (person, meeting) presence, read as a stream of pairs rather than a
    /// self-join, which on large stores is orders of magnitude faster. Sorted.
    ///
    /// After `govkg reconcile`, a meeting that several articles report is its
    /// canonical node (`govkg:canonical`), so it counts once. A person the
    /// known-persons file identifies is `name [id]`, so that homonyms it tells
    /// apart stay apart; everyone else is their name.
    pub fn presences(&self) -> Result<Vec<Presence>, StoreError> {
        let q = format!(
            "SELECT DISTINCT ?p ?name ?m WHERE {{ ?p <{}> ?m0 . ?p <{}> ?name . OPTIONAL {{ ?m0 <{}> ?c }} BIND (COALESCE(?c, ?m0) AS ?m) }}",
            term("attends"),
            vocab::RDFS_LABEL,
            term("canonical")
        );
        let mut v: Vec<Presence> = self
            .solutions(&q, &["p", "name", "m"])?
            .into_iter()
            .filter_map(|r| {
                let mut it = r.into_iter();
                let iri = it.next()??;
                let name = it.next()??;
                let person = match super::mapping::known_person_id(&iri) {
                    Some(id) => format!("{name} [{id}]"),
                    None => name,
                };
                Some(Presence { person, meeting: it.next()?? })
            })
            .collect();
        v.sort();
        v.dedup();
        Ok(v)
    }

    /// Every meeting with its name and date, canonical meetings in place of their
    /// members. Sorted by date, then name.
    pub fn meetings(&self) -> Result<Vec<MeetingInfo>, StoreError> {
        let q = format!(
            "SELECT ?m (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?date) WHERE {{ ?m a <{}> ; <{}> ?l . OPTIONAL {{ ?m <{}> ?d }} FILTER NOT EXISTS {{ ?m <{}> ?c }} }} GROUP BY ?m",
            term("Meeting"),
            vocab::RDFS_LABEL,
            vocab::SCHEMA_START_DATE,
            term("canonical")
        );
        let mut v: Vec<MeetingInfo> = self
            .solutions(&q, &["m", "label", "date"])?
            .into_iter()
            .filter_map(|r| {
                let mut it = r.into_iter();
                let iri = it.next()??;
                let label = it.next()??;
                let date = it.next()?;
                Some(MeetingInfo { date, label, iri })
            })
            .collect();
        v.sort();
        Ok(v)
    }
}
