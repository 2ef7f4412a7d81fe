//! The quad builder the mapping writes through, and evidence nodes.
//!
//! Takes one article's [`Doc`] and [`Extraction`] and the article's IRI. Gives
//! typed helpers that add quads to the article's named graph, a numbered
//! evidence node per fact pointing to its sentence (each sentence stored once
//! per article), and the finished quads with duplicates dropped. Never
//! decides which facts to state: that is the mapping's per-kind files.

use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use super::super::iri::{self, node as iri};
use super::super::vocab::{self, term};
use crate::extract::{Evidence, Extraction};
use crate::normalize::Doc;
use crate::resolve::locate;

/// The quads of one article's graph as they are built, in emission order.
pub(super) struct Builder<'a> {
    pub doc: &'a Doc,
    pub ex: &'a Extraction,
    pub article: NamedNode,
    graph: GraphName,
    quads: Vec<Quad>,
    evidence: usize,
    /// The node of each sentence stored so far, by its text.
    sentences: rustc_hash::FxHashMap<String, NamedNode>,
}

impl<'a> Builder<'a> {
    pub fn new(doc: &'a Doc, ex: &'a Extraction, article: NamedNode) -> Builder<'a> {
        Builder {
            doc,
            ex,
            graph: GraphName::NamedNode(article.clone()),
            article,
            quads: Vec::new(),
            evidence: 0,
            sentences: rustc_hash::FxHashMap::default(),
        }
    }

    pub fn add(&mut self, s: &NamedNode, p: &str, o: impl Into<Term>) {
        self.quads.push(Quad::new(NamedOrBlankNode::NamedNode(s.clone()), iri(p), o.into(), self.graph.clone()));
    }

    pub fn typed(&mut self, s: &NamedNode, class: &str) {
        self.add(s, vocab::RDF_TYPE, iri(&term(class)));
    }

    pub fn text(&mut self, s: &NamedNode, p: &str, v: &str) {
        self.add(s, p, Literal::new_simple_literal(v));
    }

    pub fn int(&mut self, s: &NamedNode, p: &str, v: usize) {
        self.add(s, p, Literal::new_typed_literal(v.to_string(), iri(vocab::XSD_INTEGER)));
    }

    pub fn date(&mut self, s: &NamedNode, p: &str, v: crate::date::Date) {
        self.add(s, p, Literal::new_typed_literal(v.to_string(), iri(vocab::XSD_DATE)));
    }

    /// A new evidence node for `ev`, linked from `from`; returns the node.
    ///
    /// The evidence points to its sentence's node, which holds the text and
    /// the article once for every fact read in that sentence. Its class
    /// (`govkg:Evidence`, the range of `govkg:evidence`) and its article (the
    /// sentence's, and the graph it is in) are implied, so not stated.
    pub fn evidence(&mut self, from: &NamedNode, ev: &Evidence) -> NamedNode {
        let loc = locate(self.doc, self.ex, ev);
        let node = iri::under(&self.article, "evidence", &self.evidence.to_string());
        self.evidence += 1;
        self.add(from, &term("evidence"), node.clone());
        let sentence = self.sentence(loc.sentence);
        self.add(&node, &term("inSentence"), sentence);
        if let (Some(s), Some(e)) = (loc.start, loc.end) {
            self.int(&node, &term("start"), s);
            self.int(&node, &term("end"), e);
        }
        self.text(&node, &term("rule"), loc.rule);
        node
    }

    /// The node of sentence `text`, stated the first time it is met.
    fn sentence(&mut self, text: String) -> NamedNode {
        if let Some(n) = self.sentences.get(&text) {
            return n.clone();
        }
        let node = iri::under(&self.article, "sentence", &self.sentences.len().to_string());
        self.text(&node, &term("text"), &text);
        let article = self.article.clone();
        self.add(&node, &term("article"), article);
        self.sentences.insert(text, node.clone());
        node
    }

    /// The quads, each kept only the first time it was added.
    pub fn finish(self) -> Vec<Quad> {
        let mut quads = self.quads;
        // The same triple can come from two facts (a person chairing and speaking
        // attends once); keep the first, in emission order, so output is stable.
        // Quads are hashed by reference with a fast hasher (the set only answers
        // look-ups, so its order never shows), instead of cloned into a SipHash set.
        let keep: Vec<bool> = {
            let mut seen = rustc_hash::FxHashSet::default();
            seen.reserve(quads.len());
            quads.iter().map(|q| seen.insert(q)).collect()
        };
        let mut keep = keep.into_iter();
        quads.retain(|_| keep.next().unwrap_or(true));
        quads
    }
}
