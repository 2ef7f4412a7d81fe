//! The rows of the people layer: spells and reference identities, as
//! `reconcile` wrote them into its graph.
//!
//! Takes a [`Store`]. Gives [`SpellRow`]s (one per `govkg:Spell`, in person,
//! post and date order) and [`IdentityRow`]s (one per person the reference data
//! linked, split or left unlinked). Both are empty until `govkg reconcile` has
//! run. Never writes, and never puts caller text into a query.

use std::collections::BTreeMap;

use crate::kg::iri::RECONCILE_GRAPH;
use crate::kg::store::{Store, StoreError};
use crate::kg::vocab::{NS, OWL_SAME_AS, RDFS_LABEL};

/// One person in one post from the first attestation to the last.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct SpellRow {
    /// The person's IRI.
    pub person: String,
    /// The person's name.
    pub name: String,
    /// The post's name (江苏省委书记).
    pub post: String,
    /// First attestation, ISO.
    pub from: String,
    /// Last attestation, ISO.
    pub to: String,
    /// The person id (a Wikidata id or a known-persons id), when one decided.
    pub person_id: Option<String>,
    /// The post's body.
    pub body: String,
    /// The post's jurisdiction, when it has one.
    pub jurisdiction: Option<String>,
    /// How many articles attest the spell.
    pub articles: u64,
    /// The article of the first attestation (IRI).
    pub first_source: String,
    /// The article of the last attestation (IRI).
    pub last_source: String,
    /// `former`, `removed` or `successor`, when an article says how it ended.
    pub end_reason: Option<String>,
    /// Whether the post is held by one person at a time.
    pub single_holder: bool,
    /// The spell's IRI.
    pub spell: String,
}

/// What the reference data says of one person of the store.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct IdentityRow {
    /// The person's IRI.
    pub person: String,
    /// The person's name.
    pub name: String,
    /// The person id, when linked.
    pub person_id: Option<String>,
    /// `linked`, `split` (several reference people, told apart by holding) or
    /// `unlinked` (a name several bear, nothing to tell them apart).
    pub status: String,
    /// The entities the person is (`owl:sameAs`) or may be, sorted.
    pub entities: Vec<String>,
}

impl Store {
    /// Every spell `reconcile` wrote, in person, post and date order.
    pub fn spell_rows(&self) -> Result<Vec<SpellRow>, StoreError> {
        let q = format!(
            "PREFIX g: <{NS}> SELECT ?s ?p ?name ?id ?post ?body ?jur ?from ?to ?n ?first ?last ?end ?single \
             WHERE {{ GRAPH <{RECONCILE_GRAPH}> {{ ?s a g:Spell ; g:holder ?p ; <{RDFS_LABEL}> ?name ; g:postName ?post ; \
             g:bodyName ?body ; g:firstAttested ?from ; g:lastAttested ?to ; g:articleCount ?n ; \
             g:firstSource ?first ; g:lastSource ?last . OPTIONAL {{ ?s g:personId ?id }} \
             OPTIONAL {{ ?s g:postJurisdiction ?jur }} OPTIONAL {{ ?s g:endReason ?end }} \
             OPTIONAL {{ ?s g:singleHolder ?single }} }} }}"
        );
        let vars = ["s", "p", "name", "id", "post", "body", "jur", "from", "to", "n", "first", "last", "end", "single"];
        let mut v: Vec<SpellRow> = self
            .rows_of(&q, &vars)?
            .into_iter()
            .filter_map(|r| {
                let mut it = r.into_iter();
                let spell = it.next()??;
                let person = it.next()??;
                let name = it.next()??;
                let person_id = it.next()?;
                let post = it.next()??;
                let body = it.next()??;
                let jurisdiction = it.next()?;
                let from = it.next()??;
                let to = it.next()??;
                let articles = it.next()??.parse().ok()?;
                Some(SpellRow {
                    person,
                    name,
                    post,
                    from,
                    to,
                    person_id,
                    body,
                    jurisdiction,
                    articles,
                    first_source: it.next()??,
                    last_source: it.next()??,
                    end_reason: it.next()?,
                    single_holder: it.next()?.is_some_and(|b| b == "true"),
                    spell,
                })
            })
            .collect();
        v.sort();
        Ok(v)
    }

    /// Every person the reference data linked, split or left unlinked, in IRI order.
    pub fn identity_rows(&self) -> Result<Vec<IdentityRow>, StoreError> {
        let mut out: BTreeMap<String, IdentityRow> = BTreeMap::new();
        let q = format!(
            "PREFIX g: <{NS}> SELECT ?p ?id ?status ?e WHERE {{ GRAPH <{RECONCILE_GRAPH}> {{ \
             {{ ?p g:personId ?id . OPTIONAL {{ ?p <{OWL_SAME_AS}> ?e }} FILTER NOT EXISTS {{ ?p a g:Spell }} }} \
             UNION {{ ?p g:referenceStatus ?status . OPTIONAL {{ ?p g:referenceCandidate ?e }} }} }} }}"
        );
        for r in self.rows_of(&q, &["p", "id", "status", "e"])? {
            let mut it = r.into_iter();
            let Some(Some(person)) = it.next() else { continue };
            let (id, status, e) = (it.next().flatten(), it.next().flatten(), it.next().flatten());
            let row = out.entry(person.clone()).or_insert_with(|| IdentityRow {
                person,
                name: String::new(),
                person_id: None,
                status: "linked".into(),
                entities: Vec::new(),
            });
            if id.is_some() {
                row.person_id = id;
            }
            if let Some(s) = status {
                row.status = s;
            }
            row.entities.extend(e);
        }
        for row in out.values_mut() {
            row.entities.sort();
            row.entities.dedup();
            // The name is the person IRI's label in any article graph.
            let q = format!("SELECT ?n WHERE {{ <{}> <{RDFS_LABEL}> ?n }} LIMIT 1", row.person);
            if let Some(Some(n)) = self.rows_of(&q, &["n"])?.into_iter().next().and_then(|r| r.into_iter().next()) {
                row.name = n;
            }
        }
        Ok(out.into_values().collect())
    }
}
