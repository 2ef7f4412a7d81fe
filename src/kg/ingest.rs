//! One extracted article into the store.
//!
//! Takes a normalised article, its extraction and the provenance values (and,
//! for [`put_mapped`], its quads already mapped with the user's rules). Gives
//! what the store did with it ([`Written`]). The writing step of the ingest
//! operation (`ops::ingest`), which reads, maps and counts around it; never prints.

use super::mapping::{self, Provenance};
use super::store::{ArticleGraph, Store, StoreError, Written};
use crate::extract::Extraction;
use crate::normalize::Doc;

/// Maps one article to quads with the built-in rules and writes its graph
/// (see [`Store::write_article`]).
pub fn put(store: &Store, doc: &Doc, ex: &Extraction, prov: &Provenance<'_>) -> Result<Written, StoreError> {
    put_mapped(store, doc, ex, prov, &mapping::article_quads(doc, ex, prov))
}

/// Writes one article's graph from quads already mapped (with the user's
/// rules, known persons and corrections applied).
pub fn put_mapped(
    store: &Store,
    doc: &Doc,
    ex: &Extraction,
    prov: &Provenance<'_>,
    quads: &[oxigraph::model::Quad],
) -> Result<Written, StoreError> {
    let iri = mapping::article_iri(doc);
    store.write_article(&graph(doc, ex, prov, &iri, quads))
}

/// One article's graph as the store plans and writes it: `quads` under the
/// article's IRI `iri`, stamped with its hashes and the provenance values.
pub fn graph<'a>(
    doc: &'a Doc,
    ex: &Extraction,
    prov: &Provenance<'a>,
    iri: &'a oxigraph::model::NamedNode,
    quads: &'a [oxigraph::model::Quad],
) -> ArticleGraph<'a> {
    ArticleGraph {
        iri,
        key: &doc.key,
        quads,
        content_hash: doc.content_hash(),
        text_hash: doc.text_hash(),
        version: prov.version,
        rules_hash: prov.rules_hash,
        has_facts: !(ex.meetings.is_empty() && ex.persons.is_empty() && ex.documents.is_empty()),
    }
}
