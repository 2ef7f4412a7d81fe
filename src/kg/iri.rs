//! Every instance IRI the graph holds, minted in one place.
//!
//! Takes the keys of [`crate::identity`] (article, person, post, body, meeting
//! and document keys) and the numbering of an article's facts. Gives the
//! `NamedNode` of each thing ARCHITECTURE.md's IRI table lists: articles and
//! their graphs, persons (by name, or by name and known-person id), posts,
//! bodies, meetings (per article and canonical), documents, the nodes under an
//! article (holdings, participations, document actions, evidence), corrections
//! and their graphs, and the link graph of `reconcile`. The mapping, the
//! corrections, `reconcile` and the readers all call these, so one thing never
//! gets two IRIs. Never reads the store and never looks at Chinese text beyond
//! the keys it is handed.

use oxigraph::model::NamedNode;

use super::vocab::{self, ID};
use crate::identity::keys;
use crate::identity::post::PostKey;

/// The named graph `reconcile` writes its links into.
pub const RECONCILE_GRAPH: &str = "https://w3id.org/govkg/id/graph/reconcile";

/// The start of every article IRI.
pub fn article_prefix() -> String {
    format!("{ID}article/")
}

/// The starts of the IRIs of graphs that are not articles (`reconcile`'s links,
/// a curator's corrections).
pub fn side_graph_prefixes() -> [String; 2] {
    [format!("{ID}graph/"), format!("{ID}corrections/")]
}

/// An IRI from a string built here: a fixed prefix plus percent-encoded
/// segments ([`vocab::segment`]), which is always a valid IRI.
pub(crate) fn node(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

/// The IRI of an article (and of its named graph), from its key.
pub fn article(article_key: &str) -> NamedNode {
    node(&format!("{ID}article/{article_key}"))
}

/// The IRI of a person by name.
pub fn person(name: &str) -> NamedNode {
    node(&format!("{ID}person/{}", vocab::segment(&keys::person_key(name))))
}

/// The IRI of a person the known-persons file identifies: name and id, so that
/// homonyms the file tells apart are different nodes.
pub fn known_person(name: &str, id: &str) -> NamedNode {
    node(&format!("{ID}person/{}/{}", vocab::segment(&keys::person_key(name)), vocab::segment(id)))
}

/// The known-person id in a person IRI made by [`known_person`], if any.
pub fn known_person_id(person: &str) -> Option<&str> {
    let rest = person.strip_prefix(ID)?.strip_prefix("person/")?;
    let (_, id) = rest.split_once('/')?;
    Some(id)
}

/// The IRI of a post with a jurisdiction (the same in every article), from its key.
pub fn post(key: &PostKey) -> NamedNode {
    node(&format!("{ID}post/{}/{}", vocab::segment(&key.body), vocab::segment(&key.position)))
}

/// The IRI of a post without a jurisdiction, which only means something inside
/// one article: scoped to the article's key.
pub fn article_post(article_key: &str, key: &PostKey) -> NamedNode {
    node(&format!("{ID}post/{article_key}/{}", vocab::segment(&key.label())))
}

/// The IRI of a body, from its normalised name.
pub fn body(name: &str) -> NamedNode {
    node(&format!("{ID}body/{}", vocab::segment(name)))
}

/// The IRI of a meeting, from its key ([`keys::meeting_key`]).
pub fn meeting(meeting_key: &str) -> NamedNode {
    node(&format!("{ID}meeting/{meeting_key}"))
}

/// The IRI of the canonical meeting `reconcile` writes for a cluster, from the
/// IRI of its first member.
pub fn canonical_meeting(first_member: &str) -> NamedNode {
    node(&format!("{ID}meeting/c{}", keys::digest(first_member)))
}

/// The IRI of a spell `reconcile` writes: one identity (person IRI and, when
/// the reference data gave one, person id) in one post from its first attestation.
pub fn spell(person: &str, person_id: Option<&str>, post: &str, from: &str) -> NamedNode {
    let id = person_id.unwrap_or("");
    node(&format!("{ID}spell/{}", keys::digest(&format!("{person}\u{1f}{id}\u{1f}{post}\u{1f}{from}"))))
}

/// The IRI of an entity of Wikidata, from its id (`Q15031`).
pub fn wikidata(qid: &str) -> NamedNode {
    node(&format!("http://www.wikidata.org/entity/{}", vocab::segment(qid)))
}

/// The IRI of a document, from its title as written (spaces do not count).
pub fn document(title: &str) -> NamedNode {
    node(&format!("{ID}document/{}", vocab::segment(&keys::document_key(title))))
}

/// A node that belongs to one article: `<article>/<kind>/<local>` (holdings,
/// participations, body participations, document actions, evidence).
pub fn under(article: &NamedNode, kind: &str, local: &str) -> NamedNode {
    node(&format!("{}/{kind}/{local}", article.as_str()))
}

/// The graph holding the corrections to an article: `…/id/corrections/<article digest>`.
pub fn corrections_graph(article: &NamedNode) -> NamedNode {
    let digest = article.as_str().rsplit('/').next().unwrap_or_default();
    node(&format!("{ID}corrections/{digest}"))
}

/// The node recording one applied correction: `…/id/correction/<article digest>/<line>`.
pub fn correction(corrections_graph: &NamedNode, line: usize) -> NamedNode {
    let digest = corrections_graph.as_str().rsplit('/').next().unwrap_or("");
    node(&format!("{ID}correction/{digest}/{line}"))
}

/// An instance IRI from a path under `…/id/` as a user writes it (`id:meeting/x`).
pub fn under_id(path: &str) -> String {
    format!("{ID}{path}")
}
