//! The rows behind the fact table and the reports, read graph by graph.
//!
//! Takes a [`Store`]. Gives flat rows, one per stored fact, read with SPARQL
//! over the article graphs: participations (with their evidence), meetings as
//! each article reports them, articles, holdings of titles, document actions,
//! and the counts of what the store holds. Every list is sorted, so the same
//! store gives the same rows. Never writes, never formats for display, and
//! never puts caller text into a query: the queries here are constant, and
//! callers filter the rows in Rust.

use std::collections::BTreeMap;

use super::{ArticleMeetingRow, ArticleRow, BodyParticipationRow, Counts, DocumentRow, HoldingRow, ParticipationRow};
use crate::kg::store::{Store, StoreError};
use crate::kg::vocab::{NS, RDFS_LABEL, role_of};

/// The SPARQL prefixes every query here uses.
fn prefixes() -> String {
    format!(
        "PREFIX g: <{NS}> PREFIX rdfs: <{}> PREFIX dct: <http://purl.org/dc/terms/> PREFIX schema: <https://schema.org/> ",
        RDFS_LABEL.trim_end_matches("label")
    )
}

type Cells = Vec<Option<String>>;

fn local(iri: Option<String>) -> String {
    iri.map(|s| s.strip_prefix(NS).map(str::to_string).unwrap_or(s)).unwrap_or_default()
}

fn num(s: Option<String>) -> Option<u64> {
    s.and_then(|s| s.parse().ok())
}

/// Moves the cells out of a row in order; a missing cell reads as `None`.
struct Take(std::vec::IntoIter<Option<String>>);

impl Take {
    fn next(&mut self) -> Option<String> {
        self.0.next().flatten()
    }
}

impl Store {
    fn rows(&self, body: &str, vars: &[&str]) -> Result<Vec<Cells>, StoreError> {
        self.rows_of(&format!("{}{body}", prefixes()), vars)
    }

    /// Every participation: one row per article, meeting, person and role, in
    /// article, meeting, list and position order. This is the one place the
    /// reports and the fact table read participations from.
    pub fn participation_rows(&self) -> Result<Vec<ParticipationRow>, StoreError> {
        let q = "SELECT ?g ?m ?p ?name ?role ?list ?pos ?title ?sent ?start ?end ?rule WHERE { GRAPH ?g { \
                 ?m g:participation ?x . ?x g:participant ?p ; g:role ?role . ?p rdfs:label ?name . \
                 OPTIONAL { ?x g:listIndex ?list } OPTIONAL { ?x g:position ?pos } \
                 OPTIONAL { ?x g:titleAsWritten ?title } \
                 OPTIONAL { ?x g:evidence ?ev . ?ev g:inSentence/g:text ?sent ; g:rule ?rule . \
                            OPTIONAL { ?ev g:start ?start ; g:end ?end } } \
                 FILTER (?role = g:Absentee || EXISTS { ?p g:attends ?m }) } \
                 OPTIONAL { ?m g:canonical ?c } }";
        let vars = ["g", "m", "p", "name", "role", "list", "pos", "title", "sent", "start", "end", "rule", "c"];
        let mut v: Vec<ParticipationRow> = self
            .rows(q, &vars)?
            .into_iter()
            .filter_map(|r| {
                let mut t = Take(r.into_iter());
                let (article, meeting, person, name) = (
                    t.next().unwrap_or_default(),
                    t.next().unwrap_or_default(),
                    t.next().unwrap_or_default(),
                    t.next().unwrap_or_default(),
                );
                // A role outside the vocabulary is not one of govkg's facts.
                let role = role_of(&t.next()?)?;
                let (list, position) = (num(t.next()).unwrap_or(0), num(t.next()).unwrap_or(0));
                Some(ParticipationRow {
                    article,
                    meeting,
                    list,
                    position,
                    person,
                    name,
                    role,
                    title: t.next(),
                    sentence: t.next(),
                    start: num(t.next()),
                    end: num(t.next()),
                    rule: t.next(),
                    canonical: t.next().unwrap_or_default(),
                })
            })
            .collect();
        for r in &mut v {
            if r.canonical.is_empty() {
                r.canonical.clone_from(&r.meeting);
            }
        }
        v.sort();
        v.dedup();
        Ok(v)
    }

    /// Every participation of a body with no person named for it, in article,
    /// meeting, list and position order.
    pub fn body_participation_rows(&self) -> Result<Vec<BodyParticipationRow>, StoreError> {
        let q = "SELECT ?g ?m ?list ?pos ?b ?name ?role WHERE { GRAPH ?g { \
                 ?m g:participation ?x . ?x g:participant ?b ; g:role ?role . ?b a g:Body ; rdfs:label ?name . \
                 OPTIONAL { ?x g:listIndex ?list } OPTIONAL { ?x g:position ?pos } } }";
        let mut v: Vec<BodyParticipationRow> = self
            .rows(q, &["g", "m", "list", "pos", "b", "name", "role"])?
            .into_iter()
            .filter_map(|r| {
                let mut t = Take(r.into_iter());
                let (article, meeting) = (t.next().unwrap_or_default(), t.next().unwrap_or_default());
                let (list, position) = (num(t.next()).unwrap_or(0), num(t.next()).unwrap_or(0));
                let (body, name) = (t.next().unwrap_or_default(), t.next().unwrap_or_default());
                Some(BodyParticipationRow { article, meeting, list, position, body, name, role: role_of(&t.next()?)? })
            })
            .collect();
        v.sort();
        v.dedup();
        Ok(v)
    }

    /// Every meeting as each article reports it, in meeting then article order.
    pub fn article_meeting_rows(&self) -> Result<Vec<ArticleMeetingRow>, StoreError> {
        let q = "SELECT ?g ?m ?label ?kind ?date ?body WHERE { GRAPH ?g { ?m a g:Meeting ; rdfs:label ?label . \
                 OPTIONAL { ?m g:kind ?kind } OPTIONAL { ?m schema:startDate ?date } \
                 OPTIONAL { ?m g:heldBy ?b . ?b rdfs:label ?body } } }";
        let mut v: Vec<ArticleMeetingRow> = self
            .rows(q, &["g", "m", "label", "kind", "date", "body"])?
            .into_iter()
            .map(|r| {
                let mut t = Take(r.into_iter());
                let article = t.next().unwrap_or_default();
                ArticleMeetingRow {
                    article,
                    meeting: t.next().unwrap_or_default(),
                    label: t.next().unwrap_or_default(),
                    kind: t.next(),
                    date: t.next(),
                    body: t.next(),
                }
            })
            .collect();
        v.sort();
        v.dedup_by(|a, b| a.meeting == b.meeting && a.article == b.article);
        Ok(v)
    }

    /// Every article with its metadata, in IRI order.
    pub fn article_rows(&self) -> Result<Vec<ArticleRow>, StoreError> {
        let q = "SELECT ?g ?key ?date ?title ?url ?outlet WHERE { GRAPH ?g { ?g a g:Article ; dct:identifier ?key . \
                 OPTIONAL { ?g dct:date ?date } OPTIONAL { ?g dct:title ?title } \
                 OPTIONAL { ?g schema:url ?url } OPTIONAL { ?g g:outlet ?outlet } } }";
        let mut v: Vec<ArticleRow> = self
            .rows(q, &["g", "key", "date", "title", "url", "outlet"])?
            .into_iter()
            .map(|r| {
                let mut t = Take(r.into_iter());
                ArticleRow {
                    article: t.next().unwrap_or_default(),
                    key: t.next().unwrap_or_default(),
                    date: t.next(),
                    title: t.next(),
                    url: t.next(),
                    outlet: t.next(),
                }
            })
            .collect();
        v.sort();
        v.dedup_by(|a, b| a.article == b.article);
        Ok(v)
    }

    /// Every title an article gives a person, in person, date and article order.
    pub fn holding_rows(&self) -> Result<Vec<HoldingRow>, StoreError> {
        let q = "SELECT ?p ?name ?date ?g ?title ?resolved ?status WHERE { GRAPH ?g { \
                 ?p g:holding ?h ; rdfs:label ?name . ?h g:titleAsWritten ?title . \
                 OPTIONAL { ?h g:resolvedTitle ?resolved } OPTIONAL { ?h g:status ?status } \
                 OPTIONAL { ?h g:attestedOn ?date } } }";
        let mut v: Vec<HoldingRow> = self
            .rows(q, &["p", "name", "date", "g", "title", "resolved", "status"])?
            .into_iter()
            .map(|r| {
                let mut t = Take(r.into_iter());
                HoldingRow {
                    person: t.next().unwrap_or_default(),
                    name: t.next().unwrap_or_default(),
                    date: t.next(),
                    article: t.next().unwrap_or_default(),
                    title: t.next().unwrap_or_default(),
                    resolved: t.next(),
                    status: local(t.next()),
                }
            })
            .collect();
        v.sort();
        v.dedup();
        Ok(v)
    }

    /// Every document action of every meeting, in meeting, article and title order.
    pub fn document_rows(&self) -> Result<Vec<DocumentRow>, StoreError> {
        let q = "SELECT ?m ?g ?title ?status WHERE { GRAPH ?g { ?m g:documentAction ?x . \
                 ?x g:document ?d ; g:documentStatus ?status . ?d rdfs:label ?title } }";
        let mut v: Vec<DocumentRow> = self
            .rows(q, &["m", "g", "title", "status"])?
            .into_iter()
            .map(|r| {
                let mut t = Take(r.into_iter());
                DocumentRow {
                    meeting: t.next().unwrap_or_default(),
                    article: t.next().unwrap_or_default(),
                    title: t.next().unwrap_or_default(),
                    status: local(t.next()),
                }
            })
            .collect();
        v.sort();
        v.dedup();
        Ok(v)
    }

    /// Per article IRI, the participations whose participant is not a named
    /// person: bodies that spoke or reported with no one named for them
    /// (南京市、苏州市作交流发言), so a coverage report can tell missing names from
    /// missing meetings.
    pub fn unnamed_participation_counts(&self) -> Result<BTreeMap<String, usize>, StoreError> {
        let q = "SELECT ?g (COUNT(?x) AS ?n) WHERE { GRAPH ?g { ?m g:participation ?x . ?x g:participant ?p . \
                 FILTER NOT EXISTS { ?p a g:Person } } } GROUP BY ?g";
        Ok(self
            .rows(q, &["g", "n"])?
            .into_iter()
            .filter_map(|r| {
                let mut t = Take(r.into_iter());
                Some((t.next()?, num(t.next())? as usize))
            })
            .collect())
    }

    /// How many articles, meetings, persons, participations, documents and quads the store holds.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        // A participation's class is implied by the property that links to it,
        // so participations are counted as what the meetings link to (people's
        // and those of bodies that spoke with nobody named).
        let count = |pattern: &str| -> Result<usize, StoreError> {
            let q = format!("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}");
            let rows = self.rows(&q, &["n"])?;
            Ok(rows.into_iter().next().and_then(|r| num(r.into_iter().next().flatten())).unwrap_or(0) as usize)
        };
        Ok(Counts {
            articles: self.articles()?,
            meetings: count("?x a g:Meeting")?,
            persons: count("?x a g:Person")?,
            participations: count("?m g:participation ?x")?,
            documents: count("?x a g:Document")?,
            quads: self.len()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::kg::rows::testing::store_with;
    use crate::lexicon::Role;

    #[test]
    fn participations_come_in_list_order_with_evidence() {
        let s = store_with(&[(
            "a1",
            "2024-03-12",
            "11日,市委书记沈景行主持召开市委常委会会议。市长高明远,市委常委周文涛、田志刚出席会议。",
        )]);
        let rows = s.participation_rows().unwrap();
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["沈景行", "高明远", "周文涛", "田志刚"]);
        assert_eq!(rows[0].role, Role::Chair);
        assert_eq!(rows[0].title.as_deref(), Some("市委书记"));
        assert_eq!(rows[1].role, Role::Attendee);
        assert_eq!((rows[2].list, rows[2].position), (1, 1));
        assert!(rows.iter().all(|r| r.rule.is_some() && r.sentence.is_some() && r.start.is_some()));
        let ms = s.article_meeting_rows().unwrap();
        assert_eq!(ms.len(), 1);
        assert_eq!(ms[0].date.as_deref(), Some("2024-03-11"));
        let c = s.counts().unwrap();
        assert_eq!((c.articles, c.meetings, c.persons, c.participations), (1, 1, 4, 4));
        assert_eq!(s.article_rows().unwrap()[0].key, "a1");
        assert!(s.holding_rows().unwrap().iter().any(|h| h.name == "沈景行" && h.title == "市委书记"));
    }
}
