//! The presences and meetings networks are built from, read from the union of graphs.
//!
//! Takes an open [`Store`]. Gives the (person, meeting, role) rows of every
//! participation ([`PresenceRow`]), and the meetings with their date, kind,
//! body and jurisdiction ([`MeetingRow`], a meeting `reconcile` linked
//! counted once, as its canonical node).
//! Each reads the union graph with streaming SPARQL patterns or scans of one
//! predicate, never a self-join of people, and never joins values that every
//! reporting article repeats (names); the rows come back sorted. Never writes.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{NamedOrBlankNode, Term};

use super::{MeetingRow, PresenceRow};
use crate::kg::store::{Store, StoreError};
use crate::kg::vocab::{self, role_of, term};
use crate::lexicon::Role;

impl Store {
    /// The smallest value of a literal property of each subject in `subjects`, in
    /// any graph (a person's or body's name as the articles give it).
    fn least_values(
        &self,
        subjects: impl IntoIterator<Item = String>,
        p: &str,
    ) -> Result<BTreeMap<String, String>, StoreError> {
        let mut out = BTreeMap::new();
        for subject in subjects {
            let mut least: Option<String> = None;
            self.scan(Some(&subject), p, |_, o| {
                if let Term::Literal(l) = o
                    && least.as_deref().is_none_or(|x| l.value() < x)
                {
                    least = Some(l.value().to_string());
                }
            })?;
            if let Some(v) = least {
                out.insert(subject, v);
            }
        }
        Ok(out)
    }

    /// Every participation as a (person IRI, name, meeting IRI, role) row, absentees
    /// included (the network leaves them out). Sorted and without duplicates.
    ///
    /// Names are looked up once per person rather than joined in the query: in the
    /// union of graphs a person named by n articles has n labels, which a join
    /// would multiply with every one of the person's participations.
    pub fn presence_rows(&self) -> Result<Vec<PresenceRow>, StoreError> {
        let q = format!(
            "SELECT ?p ?m ?role WHERE {{ ?m0 <{}> ?x . ?x <{}> ?p ; <{}> ?role . \
             FILTER (?role = <{}> || EXISTS {{ ?p <{}> ?m0 }}) \
             OPTIONAL {{ ?m0 <{}> ?c }} BIND (COALESCE(?c, ?m0) AS ?m) }}",
            term("participation"),
            term("participant"),
            term("role"),
            term("Absentee"),
            term("attends"),
            term("canonical")
        );
        let rows: Vec<(String, String, Role)> = self
            .rows_of(&q, &["p", "m", "role"])?
            .into_iter()
            .filter_map(|r| {
                let mut it = r.into_iter();
                let (person, meeting, role) = (it.next()??, it.next()??, it.next()??);
                Some((person, meeting, role_of(&role)?))
            })
            .collect();
        let people: BTreeSet<String> = rows.iter().map(|r| r.0.clone()).collect();
        let names = self.least_values(people, vocab::RDFS_LABEL)?;
        let mut v: Vec<PresenceRow> = rows
            .into_iter()
            .filter_map(|(person, meeting, role)| {
                let name = names.get(&person)?.clone();
                Some(PresenceRow { person, name, meeting, role })
            })
            .collect();
        v.sort();
        v.dedup();
        Ok(v)
    }

    /// Every meeting with its name, date, kind, body and jurisdiction. Where articles
    /// disagree (two names for one meeting IRI), the smallest value wins, so the
    /// result does not depend on the store's order. Sorted by date, name and IRI.
    ///
    /// Each property is read by its own scan and joined here: a meeting that k
    /// articles report has each value k times in the union of graphs, and its
    /// body's name is stated by every article that names the body, so one SPARQL
    /// join of them grows with the product of those counts.
    pub fn meeting_rows(&self) -> Result<Vec<MeetingRow>, StoreError> {
        fn least(slot: &mut Option<String>, v: &str) {
            if slot.as_deref().is_none_or(|s| v < s) {
                *slot = Some(v.to_string());
            }
        }
        let iri_of = |s: &NamedOrBlankNode| match s {
            NamedOrBlankNode::NamedNode(n) => Some(n.as_str().to_string()),
            _ => None,
        };
        let meeting_class = term("Meeting");
        let mut by: BTreeMap<String, MeetingRow> = BTreeMap::new();
        self.scan(None, vocab::RDF_TYPE, |s, o| {
            if let (Some(iri), Term::NamedNode(c)) = (iri_of(s), o)
                && c.as_str() == meeting_class
            {
                by.entry(iri.clone()).or_insert_with(|| MeetingRow { iri, ..Default::default() });
            }
        })?;
        // A meeting linked to a canonical one is counted as that one.
        self.scan(None, &term("canonical"), |s, _| {
            if let Some(iri) = iri_of(s) {
                by.remove(&iri);
            }
        })?;
        let mut labels: BTreeMap<String, Option<String>> = BTreeMap::new();
        self.scan(None, vocab::RDFS_LABEL, |s, o| {
            if let (Some(iri), Term::Literal(l)) = (iri_of(s), o)
                && by.contains_key(&iri)
            {
                least(labels.entry(iri).or_default(), l.value());
            }
        })?;
        for (prop, field) in [(vocab::SCHEMA_START_DATE.to_string(), 0), (term("kind"), 1), (term("jurisdiction"), 2)] {
            self.scan(None, &prop, |s, o| {
                if let (Some(iri), Term::Literal(l)) = (iri_of(s), o)
                    && let Some(row) = by.get_mut(&iri)
                {
                    let slot = match field {
                        0 => &mut row.date,
                        1 => &mut row.kind,
                        _ => &mut row.jurisdiction,
                    };
                    least(slot, l.value());
                }
            })?;
        }
        let mut held: Vec<(String, String)> = Vec::new();
        self.scan(None, &term("heldBy"), |s, o| {
            if let (Some(iri), Term::NamedNode(b)) = (iri_of(s), o)
                && by.contains_key(&iri)
            {
                held.push((iri, b.as_str().to_string()));
            }
        })?;
        let bodies = self.least_values(held.iter().map(|h| h.1.clone()).collect::<BTreeSet<_>>(), vocab::RDFS_LABEL)?;
        for (m, b) in &held {
            if let (Some(row), Some(name)) = (by.get_mut(m), bodies.get(b)) {
                least(&mut row.body, name);
            }
        }
        // A meeting needs a name to be listed, as it did in the query this replaces.
        let mut v: Vec<MeetingRow> = by
            .into_iter()
            .filter_map(|(iri, mut row)| {
                row.label = labels.remove(&iri).flatten()?;
                Some(row)
            })
            .collect();
        v.sort();
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_term_reads_back() {
        for (r, class) in vocab::ROLE_CLASSES {
            assert_eq!(role_of(&term(class)), Some(r), "{class}");
            assert_eq!(vocab::role_class(r), class);
        }
        assert_eq!(role_of("https://example.org/Chair"), None);
    }
}
