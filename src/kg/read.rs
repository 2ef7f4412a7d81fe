//! Read queries the networks are built from.
//!
//! Takes an open [`Store`]. Gives the (person, meeting, role) rows of every
//! participation, the meetings with their date, kind, body and jurisdiction, and
//! the stamps of every graph (what the network cache key is derived from). Each
//! is one streaming SPARQL pattern over the union graph, never a self-join of
//! people, and the rows come back sorted. Never writes.

use std::collections::BTreeMap;

use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

use super::store::{Store, StoreError};
use super::vocab::{self, term};
use crate::lexicon::Role;
use crate::network::{MeetingRow, PresenceRow};

/// The role a `govkg:role` IRI names (the inverse of the mapping's role terms).
fn role_of(iri: &str) -> Option<Role> {
    let local = iri.strip_prefix(vocab::NS)?;
    Some(match local {
        "Chair" => Role::Chair,
        "Speaker" => Role::Speaker,
        "Reporter" => Role::Reporter,
        "Relayer" => Role::Relayer,
        "Attendee" => Role::Attendee,
        "NonVotingAttendee" => Role::Nonvoting,
        "Presidium" => Role::Presidium,
        "InvitedAttendee" => Role::Invited,
        "Absentee" => Role::Absent,
        _ => return None,
    })
}

fn text(t: Option<&Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        _ => None,
    }
}

impl Store {
    /// Runs a SELECT and gives each solution's values for `vars`, as strings.
    fn rows_of(&self, sparql: &str, vars: &[&str]) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        let QueryResults::Solutions(rows) = self.query(sparql)? else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        for row in rows {
            let row = row.map_err(|e| StoreError::Evaluation(e.to_string()))?;
            out.push(vars.iter().map(|v| text(row.get(*v))).collect());
        }
        Ok(out)
    }

    /// Every participation as a (person IRI, name, meeting IRI, role) row, absentees
    /// included (the network leaves them out). Sorted and without duplicates.
    pub fn presence_rows(&self) -> Result<Vec<PresenceRow>, StoreError> {
        let q = format!(
            "SELECT ?p ?name ?m ?role WHERE {{ ?m0 <{}> ?x . ?x <{}> ?p ; <{}> ?role . ?p <{}> ?name . \
             FILTER (?role = <{}> || EXISTS {{ ?p <{}> ?m0 }}) \
             OPTIONAL {{ ?m0 <{}> ?c }} BIND (COALESCE(?c, ?m0) AS ?m) }}",
            term("participation"),
            term("participant"),
            term("role"),
            vocab::RDFS_LABEL,
            term("Absentee"),
            term("attends"),
            term("canonical")
        );
        let mut v: Vec<PresenceRow> = self
            .rows_of(&q, &["p", "name", "m", "role"])?
            .into_iter()
            .filter_map(|r| {
                let mut it = r.into_iter();
                let (person, name, meeting, role) = (it.next()??, it.next()??, it.next()??, it.next()??);
                Some(PresenceRow { person, name, meeting, role: role_of(&role)? })
            })
            .collect();
        v.sort();
        v.dedup();
        Ok(v)
    }

    /// Every meeting with its name, date, kind, body and jurisdiction. Where articles
    /// disagree (two names for one meeting IRI), the smallest value wins, so the
    /// result does not depend on the store's order. Sorted by date, name and IRI.
    pub fn meeting_rows(&self) -> Result<Vec<MeetingRow>, StoreError> {
        let q = format!(
            "SELECT ?m ?label ?date ?kind ?body ?jur WHERE {{ ?m a <{}> ; <{}> ?label . \
             OPTIONAL {{ ?m <{}> ?date }} OPTIONAL {{ ?m <{}> ?kind }} \
             OPTIONAL {{ ?m <{}> ?b . ?b <{}> ?body }} OPTIONAL {{ ?m <{}> ?jur }} \
             FILTER NOT EXISTS {{ ?m <{}> ?c }} }}",
            term("Meeting"),
            vocab::RDFS_LABEL,
            vocab::SCHEMA_START_DATE,
            term("kind"),
            term("heldBy"),
            vocab::RDFS_LABEL,
            term("jurisdiction"),
            term("canonical"),
        );
        let mut by: BTreeMap<String, MeetingRow> = BTreeMap::new();
        fn least(slot: &mut Option<String>, v: Option<String>) {
            if let Some(v) = v
                && slot.as_ref().is_none_or(|s| v < *s)
            {
                *slot = Some(v);
            }
        }
        for r in self.rows_of(&q, &["m", "label", "date", "kind", "body", "jur"])? {
            let mut it = r.into_iter();
            let (Some(Some(iri)), Some(Some(label))) = (it.next(), it.next()) else { continue };
            let (date, kind, body, jur) =
                (it.next().flatten(), it.next().flatten(), it.next().flatten(), it.next().flatten());
            let row =
                by.entry(iri.clone()).or_insert_with(|| MeetingRow { iri, label: label.clone(), ..Default::default() });
            if label < row.label {
                row.label = label;
            }
            least(&mut row.date, date);
            least(&mut row.kind, kind);
            least(&mut row.body, body);
            least(&mut row.jurisdiction, jur);
        }
        let mut v: Vec<MeetingRow> = by.into_values().collect();
        v.sort();
        Ok(v)
    }

    /// What identifies the store's contents, one line per graph, sorted: for an
    /// article graph its IRI, content hash, govkg version and rules hash (an article
    /// is rewritten exactly when one of these changes); for any other graph (the
    /// store graph, reconcile or correction graphs) its IRI and every quad in it.
    /// A digest of these lines changes whenever any writer changes what is stored.
    pub fn graph_stamps(&self) -> Result<Vec<String>, StoreError> {
        let q = format!(
            "SELECT ?g ?c ?v ?r WHERE {{ GRAPH ?g {{ ?g <{}> ?c ; <{}> ?v ; <{}> ?r }} }}",
            term("contentHash"),
            term("govkgVersion"),
            term("rulesHash")
        );
        let mut lines: Vec<String> = Vec::new();
        let mut articles: std::collections::BTreeSet<String> = Default::default();
        for r in self.rows_of(&q, &["g", "c", "v", "r"])? {
            let f: Vec<String> = r.into_iter().map(Option::unwrap_or_default).collect();
            if let Some(g) = f.first() {
                articles.insert(g.clone());
            }
            lines.push(format!("A\t{}", f.join("\t")));
        }
        // Graphs that are not stamped articles are few and small: hash their quads.
        let ox = self.oxigraph();
        let graphs: Vec<oxigraph::model::NamedOrBlankNode> =
            ox.named_graphs().collect::<Result<_, _>>().map_err(|e| StoreError::Evaluation(e.to_string()))?;
        for g in graphs {
            let name = match &g {
                oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
                other => other.to_string(),
            };
            if articles.contains(&name) {
                continue;
            }
            for q in ox.quads_for_pattern(None, None, None, Some(g.as_ref().into())) {
                let q = q.map_err(|e| StoreError::Evaluation(e.to_string()))?;
                lines.push(format!("G\t{name}\t{}\t{}\t{}", q.subject, q.predicate, q.object));
            }
        }
        // Triples in the default graph, if a writer ever puts any there.
        for q in ox.quads_for_pattern(None, None, None, Some(oxigraph::model::GraphNameRef::DefaultGraph)) {
            let q = q.map_err(|e| StoreError::Evaluation(e.to_string()))?;
            lines.push(format!("D\t{}\t{}\t{}", q.subject, q.predicate, q.object));
        }
        lines.sort_unstable();
        Ok(lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_term_reads_back() {
        for r in [
            "Chair",
            "Speaker",
            "Reporter",
            "Relayer",
            "Attendee",
            "NonVotingAttendee",
            "Presidium",
            "InvitedAttendee",
            "Absentee",
        ] {
            assert!(role_of(&term(r)).is_some(), "{r}");
        }
        assert_eq!(role_of("https://example.org/Chair"), None);
    }
}
