//! The reading side of the store: every SPARQL query and index scan run for
//! readers, and every row type the store hands out.
//!
//! Takes an open [`Store`]. Gives, through [`Store::query`], SPARQL over the
//! union of all graphs, and through the row readers flat, sorted rows: the
//! presences and meetings networks are built from ([`presence`]: one row per
//! person, meeting and role, and one [`MeetingRow`] per meeting, a meeting
//! `reconcile` linked counted once as its canonical node), and the rows behind
//! the reports and the fact table ([`facts`]: participations with their
//! evidence, meetings as each article reports them, articles, holdings,
//! documents, counts). Roles stay the typed [`Role`]. Also gives the pure
//! functions that combine rows of one kind ([`meetings_by_iri`],
//! [`representatives`]), so every reader combines them alike.
//!
//! Never writes (writes are [`super::store`]'s, which keeps the generation
//! caches are keyed by), never formats for display, and never puts a caller's
//! text into a query: the queries here are constant, and callers filter the
//! rows in Rust.

pub mod facts;
pub mod people;
pub mod presence;

use std::collections::BTreeMap;

use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};

use super::store::{Store, StoreError};
use crate::lexicon::Role;

pub use people::{IdentityRow, SpellRow};

/// One person in one role at one meeting, as the union of graphs holds it:
/// what networks are built from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PresenceRow {
    /// The person's key as a node: their IRI, or (in the networks of the
    /// reports, see `network::Rows::by_name`) their name.
    pub person: String,
    /// The person's name (the node's label).
    pub name: String,
    /// The meeting's IRI.
    pub meeting: String,
    /// The role; [`Role::Absent`] rows never count as presence.
    pub role: Role,
}

/// One meeting as a whole, with what the network filters and the reports look at.
///
/// This is the meeting as the graph's union describes it, one row per meeting
/// node; [`ArticleMeetingRow`] is the meeting as one article reports it, which
/// the fact table and a meeting's sources list. The two are kept apart because
/// a meeting reported by several articles has one of these and several of those.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize)]
pub struct MeetingRow {
    /// Date, ISO `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// Name.
    pub label: String,
    /// IRI.
    pub iri: String,
    /// Kind (常务会议, 座谈会), when known.
    pub kind: Option<String>,
    /// The body that held it, as named, when known.
    pub body: Option<String>,
    /// The jurisdiction it belongs to, when the store states one.
    pub jurisdiction: Option<String>,
}

/// A meeting as one article reports it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct ArticleMeetingRow {
    /// The meeting's IRI.
    pub meeting: String,
    /// The article's IRI.
    pub article: String,
    /// The name the article gives it.
    pub label: String,
    /// The meeting kind (常务会议).
    pub kind: Option<String>,
    /// Date, ISO, when known.
    pub date: Option<String>,
    /// The body that held it.
    pub body: Option<String>,
}

/// One person's part in one meeting, as one article reports it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct ParticipationRow {
    /// The article's IRI (its named graph).
    pub article: String,
    /// The meeting's IRI.
    pub meeting: String,
    /// The list the name stands in within the article (0 = first list).
    pub list: u64,
    /// The name's position within that list.
    pub position: u64,
    /// The person's IRI.
    pub person: String,
    /// The person's name.
    pub name: String,
    /// The role.
    pub role: Role,
    /// The title written before the name in this sentence.
    pub title: Option<String>,
    /// The normalised sentence the fact was read from.
    pub sentence: Option<String>,
    /// Character offset of the span's start in the original text.
    pub start: Option<u64>,
    /// Character offset of the span's end in the original text.
    pub end: Option<u64>,
    /// The id of the rule that read the fact.
    pub rule: Option<String>,
    /// The canonical meeting `govkg reconcile` linked the meeting to, else the
    /// meeting itself: what co-attendance counts, so that one meeting two
    /// articles report is one shared meeting.
    pub canonical: String,
}

impl ParticipationRow {
    /// Whether the role means the person was there (every role but absence).
    pub fn present(&self) -> bool {
        self.role.is_present()
    }
}

/// A body's part in one meeting where the article names no person for it
/// (南京市、苏州市作交流发言), as one article reports it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct BodyParticipationRow {
    /// The article's IRI (its named graph).
    pub article: String,
    /// The meeting's IRI.
    pub meeting: String,
    /// The list the body stands in within the article.
    pub list: u64,
    /// The body's position within that list.
    pub position: u64,
    /// The body's IRI.
    pub body: String,
    /// The body's name.
    pub name: String,
    /// The role (speaker, reporter).
    pub role: Role,
}

/// An article and its metadata.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct ArticleRow {
    /// The article's IRI.
    pub article: String,
    /// Its key (URL, record id or relative path).
    pub key: String,
    /// Publication date, ISO.
    pub date: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// The outlet that published it.
    pub outlet: Option<String>,
}

/// A title one article gives a person.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct HoldingRow {
    /// The person's IRI.
    pub person: String,
    /// The person's name.
    pub name: String,
    /// The article's publication date (the day the title is attested).
    pub date: Option<String>,
    /// The article's IRI.
    pub article: String,
    /// The title as written.
    pub title: String,
    /// The title with its jurisdiction, when resolved.
    pub resolved: Option<String>,
    /// The status's local name (`Current`, `Former`, `Acting`, …).
    pub status: String,
}

impl HoldingRow {
    /// The title with its jurisdiction when resolved, else as written.
    pub fn best_title(&self) -> &str {
        self.resolved.as_deref().unwrap_or(&self.title)
    }
}

/// A document a meeting approved, deliberated or mentioned.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct DocumentRow {
    /// The meeting's IRI.
    pub meeting: String,
    /// The article's IRI.
    pub article: String,
    /// The document's title.
    pub title: String,
    /// The status's local name (`Approved`, `Deliberated`, `Mentioned`).
    pub status: String,
}

/// What the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    /// Article graphs.
    pub articles: usize,
    /// Distinct meetings.
    pub meetings: usize,
    /// Distinct persons.
    pub persons: usize,
    /// Participation facts.
    pub participations: usize,
    /// Distinct documents.
    pub documents: usize,
    /// Quads, the store graph included.
    pub quads: usize,
}

/// The meetings of `rows` as wholes, by IRI: each named as the first article
/// (in IRI order) names it, with the first date, body and kind any article
/// gives. No article states a jurisdiction, so that stays unknown.
pub fn meetings_by_iri(rows: &[ArticleMeetingRow]) -> BTreeMap<&str, MeetingRow> {
    let mut out: BTreeMap<&str, MeetingRow> = BTreeMap::new();
    for m in rows {
        let e = out.entry(m.meeting.as_str()).or_insert_with(|| MeetingRow {
            iri: m.meeting.clone(),
            label: m.label.clone(),
            ..MeetingRow::default()
        });
        // Later articles fill in what earlier ones left out.
        if e.date.is_none() {
            e.date.clone_from(&m.date);
        }
        if e.body.is_none() {
            e.body.clone_from(&m.body);
        }
        if e.kind.is_none() {
            e.kind.clone_from(&m.kind);
        }
    }
    out
}

/// For each canonical meeting, the smallest IRI of the meetings linked to it:
/// the member that describes it, so that it reads the same whichever article
/// a reader starts from.
pub fn representatives(parts: &[ParticipationRow]) -> BTreeMap<&str, &str> {
    let mut rep: BTreeMap<&str, &str> = BTreeMap::new();
    for p in parts {
        let e = rep.entry(p.canonical.as_str()).or_insert(p.meeting.as_str());
        if p.meeting.as_str() < *e {
            *e = p.meeting.as_str();
        }
    }
    rep
}

/// A solution's value as text: a literal's lexical form or an IRI; blank nodes
/// and unbound variables give `None`.
pub(crate) fn text(t: Option<&Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        _ => None,
    }
}

impl Store {
    /// Runs a SPARQL query. Without FROM clauses the default graph is the union
    /// of all graphs, so plain queries see every article.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        self.query_with(sparql, SparqlEvaluator::new())
    }

    /// Runs a SPARQL query with a prepared evaluator (for a cancellation token).
    pub fn query_with(&self, sparql: &str, evaluator: SparqlEvaluator) -> Result<QueryResults<'static>, StoreError> {
        let mut prepared = evaluator.parse_query(sparql).map_err(|e| StoreError::Syntax(e.to_string()))?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        prepared.on_store(self.oxigraph()).execute().map_err(|e| StoreError::Evaluation(e.to_string()))
    }

    /// Runs a SELECT and gives each solution's values for `vars`, as strings.
    pub(crate) fn rows_of(&self, sparql: &str, vars: &[&str]) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        let QueryResults::Solutions(rows) = self.query(sparql)? else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        for row in rows {
            let row = row.map_err(|e| StoreError::Evaluation(e.to_string()))?;
            out.push(vars.iter().map(|v| text(row.get(*v))).collect());
        }
        Ok(out)
    }

    /// Calls `f` with the subject and object of every quad with predicate `p` (and
    /// subject `s` when given), in any graph: one scan of one index. Readers use it
    /// where a SPARQL join over the union of graphs would repeat a value once per
    /// article that states it, and a join of several such values multiply them.
    pub(crate) fn scan(
        &self,
        s: Option<&str>,
        p: &str,
        mut f: impl FnMut(&NamedOrBlankNode, &Term),
    ) -> Result<(), StoreError> {
        let pred = NamedNode::new_unchecked(p);
        let subj = s.map(NamedNode::new_unchecked);
        let quads = self.oxigraph().quads_for_pattern(
            subj.as_ref().map(|n| n.as_ref().into()),
            Some(pred.as_ref()),
            None,
            None,
        );
        for q in quads {
            let q = q.map_err(|e| self.storage(e))?;
            f(&q.subject, &q.object);
        }
        Ok(())
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize, StoreError> {
        self.oxigraph().len().map_err(|e| self.storage(e))
    }

    /// Whether the store holds no quads.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }
}

/// Stores built from short texts, for the tests of the modules that read rows.
#[cfg(test)]
pub(crate) mod testing {
    #![allow(clippy::unwrap_used)]
    use crate::ingest::{Body, Format, GivenMeta, RawDoc};
    use crate::kg::Store;
    use crate::kg::mapping::Provenance;
    use crate::lexicon::Lexicon;

    /// A holding of `person` (IRI `p/{person}`) attested in `article` on `date`.
    pub(crate) fn holding(person: &str, date: &str, article: &str, title: &str, status: &str) -> super::HoldingRow {
        super::HoldingRow {
            person: format!("p/{person}"),
            name: person.into(),
            date: Some(date.into()),
            article: article.into(),
            title: title.into(),
            resolved: None,
            status: status.into(),
        }
    }

    /// A store in memory holding one article per (key, date, text).
    pub(crate) fn store_with(texts: &[(&str, &str, &str)]) -> Store {
        let store = Store::memory().unwrap();
        let lex = Lexicon::builtin();
        let prov = Provenance { version: "t", rules_hash: &lex.hash };
        for (key, date, text) in texts {
            let raw = RawDoc {
                source: key.to_string(),
                key: key.to_string(),
                path: key.to_string(),
                body: Body::Text(text.to_string()),
                format: Format::Text,
                meta: GivenMeta { date: Some(date.to_string()), ..GivenMeta::default() },
            };
            let doc = crate::normalize::normalize(&raw).unwrap();
            let ex = crate::extract::extract(&doc, &lex);
            crate::kg::ingest::put(&store, &doc, &ex, &prov).unwrap();
        }
        store
    }
}
