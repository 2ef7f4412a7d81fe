//! Writing article graphs: one article in a transaction of its own, or many
//! new ones at once through the bulk loader.
//!
//! Both keep the store's promise: an article is stored whole, with its
//! completion marker, or not at all. [`Store::plan_article`] says which way an
//! article must go by reading what the store holds (its stamp, its facts, a
//! stored article with the same text); the ingest operation groups the new ones.

use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode};

use super::{ArticleGraph, Store, StoreError, Written};
use crate::kg::vocab::{self, term};

/// What writing one article will do, decided against what the store holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Nothing is written; the outcome is known already (the same article
    /// stored, a repost with no older version of its own, a version without
    /// facts that leaves the stored one in place).
    Nothing(Written),
    /// The article is new to the store: its graph can go in with other new
    /// articles in one write ([`Store::write_new`]).
    New,
    /// The article replaces or drops a stored graph: it takes a transaction of
    /// its own ([`Store::write_article`]).
    Transaction,
}

/// What a planner needs to know of a store's articles without reading it per
/// article: every named graph, and for each stored text the smallest key it is
/// stored under (see [`Store::article_index`]).
#[derive(Debug, Default)]
pub struct ArticleIndex {
    /// Every named graph: article graphs, corrections graphs and the others.
    pub graphs: std::collections::HashSet<NamedNode>,
    /// By text hash, the smallest key of an article graph that holds the text.
    pub texts: std::collections::HashMap<String, String>,
}

impl Store {
    /// Reads, in one pass over the text hashes, what [`Store::plan_article`]
    /// would read for each new article: whether a graph exists and which key a
    /// text is stored under. An article whose IRI is in [`ArticleIndex::graphs`]
    /// is still planned by the store.
    pub fn article_index(&self) -> Result<ArticleIndex, StoreError> {
        let mut index = ArticleIndex::default();
        for g in self.inner.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g.map_err(|e| self.storage(e))? {
                index.graphs.insert(n);
            }
        }
        let pred = NamedNode::new_unchecked(term("textHash"));
        for q in self.inner.quads_for_pattern(None, Some(pred.as_ref()), None, None) {
            let q = q.map_err(|e| self.storage(e))?;
            let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g), oxigraph::model::Term::Literal(h)) =
                (&q.subject, &q.graph_name, &q.object)
            else {
                continue;
            };
            if s != g {
                continue;
            }
            let Some(key) = self.literal_of(s.as_ref(), vocab::DCT_IDENTIFIER, g.as_ref())? else { continue };
            let of = index.texts.entry(h.value().to_string()).or_insert_with(|| key.clone());
            if key < *of {
                *of = key;
            }
        }
        Ok(index)
    }

    /// The content hash, govkg version and rules hash stored for an article graph.
    fn stamp(&self, article: NamedNodeRef<'_>) -> Result<Option<(String, String, String)>, StoreError> {
        let get = |p: &str| self.literal_of(article, p, article);
        Ok(match (get(&term("contentHash"))?, get(&term("govkgVersion"))?, get(&term("rulesHash"))?) {
            (Some(a), Some(b), Some(c)) => Some((a, b, c)),
            _ => None,
        })
    }

    /// Whether a stored article graph holds any fact (every fact has evidence).
    fn has_facts(&self, article: NamedNodeRef<'_>) -> Result<bool, StoreError> {
        let ev = NamedNode::new_unchecked(term("evidence"));
        match self.inner.quads_for_pattern(None, Some(ev.as_ref()), None, Some(GraphNameRef::NamedNode(article))).next()
        {
            Some(Err(e)) => Err(self.storage(e)),
            Some(Ok(_)) => Ok(true),
            None => Ok(false),
        }
    }

    /// The key of another stored article with the same normalised text, the
    /// smallest if there are several.
    fn same_text(&self, article: NamedNodeRef<'_>, text_hash: &str) -> Result<Option<String>, StoreError> {
        let pred = NamedNode::new_unchecked(term("textHash"));
        let lit = Literal::new_simple_literal(text_hash);
        let mut keys = Vec::new();
        for q in self.inner.quads_for_pattern(None, Some(pred.as_ref()), Some(lit.as_ref().into()), None) {
            let q = q.map_err(|e| self.storage(e))?;
            let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) = (&q.subject, &q.graph_name) else {
                continue;
            };
            if s != g || s.as_ref() == article {
                continue;
            }
            if let Some(k) = self.literal_of(s.as_ref(), vocab::DCT_IDENTIFIER, g.as_ref())? {
                keys.push(k);
            }
        }
        keys.sort();
        Ok(keys.into_iter().next())
    }

    /// Stores one article's graph in one transaction, its completion marker
    /// with it.
    ///
    /// An article stored with the same content, version and rules is left as
    /// it is. An article whose normalised text is stored under another key is
    /// not stored again (and an older version of it under its own key is
    /// dropped, since that text is gone). A version without facts never
    /// replaces a stored version with facts. Otherwise the old facts, if any,
    /// are replaced.
    pub fn write_article(&self, a: &ArticleGraph<'_>) -> Result<Written, StoreError> {
        let iri = a.iri.as_ref();
        let old = self.stamp(iri)?;
        if old.as_ref().is_some_and(|(c, v, r)| c == a.content_hash && v == a.version && r == a.rules_hash) {
            return Ok(Written::Unchanged);
        }
        if old.is_some() && !a.has_facts && self.has_facts(iri)? {
            return Ok(Written::KeptStored);
        }
        if let Some(of) = self.same_text(iri, a.text_hash)? {
            if old.is_some() {
                let mut t = self.inner.start_transaction().map_err(|e| self.storage(e))?;
                t.remove_named_graph(iri).map_err(|e| self.storage(e))?;
                self.bump(&mut t)?;
                t.commit().map_err(|e| self.storage(e))?;
            }
            return Ok(Written::Duplicate { of });
        }
        let mut t = self.inner.start_transaction().map_err(|e| self.storage(e))?;
        if old.is_some() {
            t.clear_graph(GraphNameRef::NamedNode(iri)).map_err(|e| self.storage(e))?;
        }
        // The curator's corrections to this article live in a graph of their own,
        // rewritten with the article (`quads` may hold quads of both graphs).
        let corrections = crate::kg::iri::corrections_graph(a.iri);
        t.clear_graph(GraphNameRef::NamedNode(corrections.as_ref())).map_err(|e| self.storage(e))?;
        for q in a.quads {
            t.insert(q);
        }
        t.insert(&Self::marker(a.iri));
        self.bump(&mut t)?;
        t.commit().map_err(|e| self.storage(e))?;
        Ok(if old.is_some() { Written::Replaced } else { Written::Added })
    }

    /// What [`Store::write_article`] would do with `a`, without writing.
    pub fn plan_article(&self, a: &ArticleGraph<'_>) -> Result<Plan, StoreError> {
        let iri = a.iri.as_ref();
        let old = self.stamp(iri)?;
        if old.as_ref().is_some_and(|(c, v, r)| c == a.content_hash && v == a.version && r == a.rules_hash) {
            return Ok(Plan::Nothing(Written::Unchanged));
        }
        if old.is_some() && !a.has_facts && self.has_facts(iri)? {
            return Ok(Plan::Nothing(Written::KeptStored));
        }
        if let Some(of) = self.same_text(iri, a.text_hash)? {
            return Ok(if old.is_some() { Plan::Transaction } else { Plan::Nothing(Written::Duplicate { of }) });
        }
        // A curator's corrections left from an earlier version are cleared by
        // the transaction that writes the article.
        let corrections = crate::kg::iri::corrections_graph(a.iri);
        let stale = self.inner.contains_named_graph(corrections.as_ref()).map_err(|e| self.storage(e))?;
        Ok(if old.is_some() || stale { Plan::Transaction } else { Plan::New })
    }

    /// A writer of articles new to the store (each planned [`Plan::New`]):
    /// their graphs go in, with their completion markers, in one atomic bulk
    /// load when the writer is committed. After a crash the store holds all of
    /// them or none; dropped without a commit, it writes nothing.
    pub fn new_articles(&self) -> NewArticles<'_> {
        NewArticles { store: self, loader: None, buffer: Vec::new(), articles: 0 }
    }
}

/// Quads handed to the bulk loader at a time: it sorts and writes each chunk to
/// a file of its own while the caller goes on, so a batch of any size holds
/// about this many quads in memory.
const CHUNK: usize = 200_000;

/// New articles on their way into the store (see [`Store::new_articles`]).
pub struct NewArticles<'a> {
    store: &'a Store,
    loader: Option<oxigraph::store::BulkLoader<'a>>,
    buffer: Vec<oxigraph::model::Quad>,
    articles: usize,
}

impl NewArticles<'_> {
    /// Adds one article's graph.
    pub fn add(&mut self, a: &ArticleGraph<'_>) -> Result<(), StoreError> {
        self.buffer.extend(a.quads.iter().cloned());
        self.buffer.push(Store::marker(a.iri));
        self.articles += 1;
        if self.buffer.len() >= CHUNK {
            self.hand_over()?;
        }
        Ok(())
    }

    /// Articles added so far.
    pub fn len(&self) -> usize {
        self.articles
    }

    /// Whether no article was added.
    pub fn is_empty(&self) -> bool {
        self.articles == 0
    }

    /// Hands the buffered quads to the bulk loader, which writes them to a file
    /// of their own. The store's generation moves before the first quads of a
    /// batch are handed over, in a transaction of its own (the loader of the
    /// in-memory store holds the store's one transaction until it commits): a
    /// crash after it only costs caches a rebuild, while moving it after the load
    /// could leave a cache that does not know of articles the store holds.
    fn hand_over(&mut self) -> Result<(), StoreError> {
        let store = self.store;
        if self.loader.is_none() {
            let mut t = store.inner.start_transaction().map_err(|e| store.storage(e))?;
            store.bump(&mut t)?;
            t.commit().map_err(|e| store.storage(e))?;
        }
        // One thread: extraction of the articles that follow runs beside it.
        let loader = self.loader.get_or_insert_with(|| store.inner.bulk_loader().with_num_threads(1));
        loader.load_quads(self.buffer.drain(..)).map_err(|e| store.storage(e))
    }

    /// Writes every article added, all at once.
    pub fn commit(mut self) -> Result<(), StoreError> {
        if !self.buffer.is_empty() {
            self.hand_over()?;
        }
        match self.loader.take() {
            Some(loader) => loader.commit().map_err(|e| self.store.storage(e)),
            None => Ok(()),
        }
    }
}
