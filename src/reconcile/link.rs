//! The `reconcile` step: links what several articles say about one meeting or person.
//!
//! Takes a store of article graphs and the known-persons file. Gives one named
//! graph, [`GRAPH`], written in one transaction and replaced as a whole on every
//! run, that holds a canonical node for every meeting several articles report
//! (each member linked to it with `govkg:canonical`) and, for persons the
//! known-persons file identifies, their id and external identifiers
//! (`owl:sameAs` a Wikidata entity). With [`People`] it also links persons to
//! the reference data ([`super::people`]) and writes every career spell
//! ([`super::spells`]) as a `govkg:Spell`. Never touches an article's graph, so
//! every fact stays traced to the article that stated it.
//!
//! Two meeting nodes are the same meeting when they share the body (with its
//! jurisdiction), kind and ordinal; or body, kind, ordinal and date; or name and
//! date (without the jurisdiction the name may begin with). A shared key whose
//! meetings name different jurisdictions links none of those that disagree.

use std::collections::BTreeMap;

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use super::people::{self, Appearance, Link, Links};
use super::spells::{self, Spell};
use crate::date::Date;
use crate::identity::known::KnownPersons;
use crate::identity::reference::Reference;
use crate::kg::iri::{self, known_person_id};
use crate::kg::vocab::{self, term};
use crate::kg::{Store, StoreError};
use crate::lexicon::Lexicon;

/// The named graph the step writes.
pub const GRAPH: &str = iri::RECONCILE_GRAPH;

/// What a run found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Distinct meeting nodes in the article graphs.
    pub meetings: usize,
    /// Canonical meetings written (each with two or more members).
    pub canonical_meetings: usize,
    /// Meeting nodes linked to a canonical meeting.
    pub linked_meetings: usize,
    /// Persons the known-persons file identifies.
    pub known_persons: usize,
    /// External identifiers written.
    pub external_ids: usize,
    /// Persons linked to one reference person.
    pub linked_persons: usize,
    /// Persons whose holdings went to several reference people.
    pub split_persons: usize,
    /// Persons whose name fits several reference people, left unlinked.
    pub unlinked_persons: usize,
    /// Spells written.
    pub spells: usize,
}

/// What the people layer of a run takes: the lexicon (for post keys and
/// places), the reference data if any, and how spells are cut.
#[derive(Debug, Clone, Copy)]
pub struct People<'a> {
    /// The lexicon of the rules.
    pub lexicon: &'a Lexicon,
    /// The reference people to link persons to.
    pub reference: Option<&'a Reference>,
    /// How spells are cut.
    pub spells: spells::Options,
}

#[derive(Debug, Clone)]
struct MeetingRow {
    iri: String,
    label: String,
    kind: String,
    ordinal: Option<String>,
    date: Option<String>,
    body: Option<String>,
    body_iri: Option<String>,
    jurisdiction: Option<String>,
    article: String,
}

fn select(store: &Store, q: &str, vars: &[&str]) -> Result<Vec<Vec<Option<String>>>, StoreError> {
    store.rows_of(q, vars)
}

fn meetings(store: &Store) -> Result<Vec<MeetingRow>, StoreError> {
    let q = format!(
        "SELECT ?g ?m ?label ?kind ?ord ?date ?body ?b ?jur WHERE {{ GRAPH ?g {{ ?m a <{meeting}> ; <{label}> ?label ; <{kind}> ?kind . \
         OPTIONAL {{ ?m <{ord}> ?ord }} OPTIONAL {{ ?m <{start}> ?date }} \
         OPTIONAL {{ ?m <{held}> ?b . ?b <{label}> ?body OPTIONAL {{ ?b <{jur}> ?jur }} }} }} \
         FILTER (STRSTARTS(STR(?g), \"{articles}\")) }}",
        meeting = term("Meeting"),
        label = vocab::RDFS_LABEL,
        kind = term("kind"),
        ord = term("ordinal"),
        start = vocab::SCHEMA_START_DATE,
        held = term("heldBy"),
        jur = term("jurisdiction"),
        articles = iri::article_prefix(),
    );
    let vars = ["g", "m", "label", "kind", "ord", "date", "body", "b", "jur"];
    let mut rows: Vec<MeetingRow> = select(store, &q, &vars)?
        .into_iter()
        .filter_map(|r| {
            let mut it = r.into_iter();
            let article = it.next()??;
            let iri = it.next()??;
            let label = it.next()??;
            let kind = it.next()??;
            Some(MeetingRow {
                iri,
                label,
                kind,
                ordinal: it.next()?,
                date: it.next()?,
                body: it.next()?,
                body_iri: it.next()?,
                jurisdiction: it.next()?,
                article,
            })
        })
        .collect();
    // The first article (in IRI order) that states a meeting describes it.
    rows.sort_by(|a, b| (&a.iri, &a.article).cmp(&(&b.iri, &b.article)));
    Ok(rows)
}

/// The part of a name after its jurisdiction (青岚市委常委会 → 市委常委会), so
/// that a name written with and without it compares equal.
fn core(name: &str, jurisdiction: Option<&str>) -> String {
    let name = name.strip_prefix("中共").unwrap_or(name);
    let Some(j) = jurisdiction else { return name.to_string() };
    match name.strip_prefix(j) {
        Some(rest) => {
            let level = j.chars().last().map(String::from).unwrap_or_default();
            if rest.starts_with(&level) { rest.to_string() } else { format!("{level}{rest}") }
        }
        None => name.to_string(),
    }
}

struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while let Some(&p) = self.0.get(r) {
            if p == r {
                break;
            }
            r = p;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        if let Some(x) = self.0.get_mut(hi) {
            *x = lo;
        }
    }
}

/// Groups of meeting indices that are one meeting.
fn clusters(ms: &[MeetingRow]) -> Vec<Vec<usize>> {
    let mut keys: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, m) in ms.iter().enumerate() {
        let j = m.jurisdiction.as_deref();
        if let (Some(b), Some(o), Some(_)) = (&m.body, &m.ordinal, j) {
            keys.entry(format!("B\u{1f}{b}\u{1f}{}\u{1f}{o}", m.kind)).or_default().push(i);
        }
        if let (Some(b), Some(d)) = (&m.body, &m.date) {
            let o = m.ordinal.as_deref().unwrap_or("");
            keys.entry(format!("D\u{1f}{}\u{1f}{}\u{1f}{o}\u{1f}{d}", core(b, j), m.kind)).or_default().push(i);
        }
        if let Some(d) = &m.date {
            keys.entry(format!("N\u{1f}{}\u{1f}{d}", core(&m.label, j))).or_default().push(i);
        }
    }
    let mut sets = Sets((0..ms.len()).collect());
    for members in keys.values() {
        let mut jurs: Vec<&str> = members.iter().filter_map(|&i| ms.get(i)?.jurisdiction.as_deref()).collect();
        jurs.sort_unstable();
        jurs.dedup();
        // Meetings that name different jurisdictions are different meetings; those
        // that name none join only a key where all that name one agree.
        if jurs.len() > 1 {
            continue;
        }
        for w in members.windows(2) {
            if let [a, b] = w {
                sets.union(*a, *b);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..ms.len() {
        let r = sets.find(i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}

/// An external identifier as an IRI to be `owl:sameAs`, when it is one.
fn external_iri(id: &str) -> Option<String> {
    if let Some(q) = id.strip_prefix("wd:") {
        return Some(format!("http://www.wikidata.org/entity/{q}"));
    }
    (id.starts_with("http://") || id.starts_with("https://")).then(|| id.to_string())
}

/// Computes the links and replaces [`GRAPH`] with them, in one transaction,
/// with the built-in lexicon and no reference data.
pub fn reconcile(store: &Store, known: &KnownPersons) -> Result<Summary, StoreError> {
    let lexicon = Lexicon::builtin();
    let people = People { lexicon: &lexicon, reference: None, spells: spells::Options::default() };
    reconcile_with(store, known, &people)
}

/// Computes the links, identities and spells and replaces [`GRAPH`] with
/// them, in one transaction.
pub fn reconcile_with(store: &Store, known: &KnownPersons, people: &People<'_>) -> Result<Summary, StoreError> {
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(GRAPH));
    let node = |s: &str| NamedNode::new_unchecked(s);
    let mut quads: Vec<Quad> = Vec::new();
    let mut add = |s: &str, p: &str, o: Term| quads.push(Quad::new(node(s), node(p), o, graph.clone()));
    let mut summary = Summary::default();

    let rows = meetings(store)?;
    // One row per meeting node (several articles may state the same IRI).
    let mut ms: Vec<MeetingRow> = Vec::new();
    let mut articles: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in rows {
        articles.entry(r.iri.clone()).or_default().push(r.article.clone());
        if ms.last().is_none_or(|l| l.iri != r.iri) {
            ms.push(r);
        }
    }
    summary.meetings = ms.len();
    // The canonical meeting rests on its members' evidence.
    let q = format!("SELECT DISTINCT ?m ?ev WHERE {{ ?m a <{}> ; <{}> ?ev }}", term("Meeting"), term("evidence"));
    let mut evidence: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in select(store, &q, &["m", "ev"])? {
        if let [Some(m), Some(ev)] = r.as_slice() {
            evidence.entry(m.clone()).or_default().push(ev.clone());
        }
    }
    for group in clusters(&ms) {
        let members: Vec<&MeetingRow> = group.iter().filter_map(|&i| ms.get(i)).collect();
        let Some(first) = members.first() else { continue };
        let c = iri::canonical_meeting(&first.iri).as_str().to_string();
        add(&c, vocab::RDF_TYPE, node(&term("Meeting")).into());
        // The fullest name (the one with its jurisdiction) names the canonical meeting.
        let label = members
            .iter()
            .map(|m| m.label.as_str())
            .max_by(|a, b| a.chars().count().cmp(&b.chars().count()).then(b.cmp(a)))
            .unwrap_or(&first.label);
        add(&c, vocab::RDFS_LABEL, Literal::new_simple_literal(label).into());
        add(&c, &term("kind"), Literal::new_simple_literal(&first.kind).into());
        if let Some(o) = members.iter().find_map(|m| m.ordinal.as_deref()) {
            add(&c, &term("ordinal"), Literal::new_simple_literal(o).into());
        }
        if let Some(d) = members.iter().filter_map(|m| m.date.as_deref()).min() {
            add(&c, vocab::SCHEMA_START_DATE, Literal::new_typed_literal(d, node(vocab::XSD_DATE)).into());
        }
        if let Some(b) = members.iter().filter(|m| m.jurisdiction.is_some()).find_map(|m| m.body_iri.as_deref()) {
            add(&c, &term("heldBy"), node(b).into());
        }
        let mut reported: Vec<&String> =
            members.iter().flat_map(|m| articles.get(&m.iri).into_iter().flatten()).collect();
        reported.sort();
        reported.dedup();
        for a in reported {
            add(&c, &term("reportedIn"), node(a).into());
        }
        for m in &members {
            add(&m.iri, &term("canonical"), node(&c).into());
            let mut evs: Vec<&String> = evidence.get(&m.iri).into_iter().flatten().collect();
            evs.sort();
            for ev in evs {
                add(&c, &term("evidence"), node(ev).into());
            }
        }
        summary.canonical_meetings += 1;
        summary.linked_meetings += members.len();
    }

    let q = format!("SELECT DISTINCT ?p WHERE {{ ?p a <{}> }} ORDER BY ?p", term("Person"));
    for row in select(store, &q, &["p"])? {
        let Some(Some(p)) = row.into_iter().next() else { continue };
        let Some(id) = known_person_id(&p) else { continue };
        let Some(entry) = known.entries.iter().find(|e| vocab::segment(&e.id) == id) else { continue };
        summary.known_persons += 1;
        add(&p, &term("knownPersonId"), Literal::new_simple_literal(&entry.id).into());
        for x in &entry.external {
            match external_iri(x) {
                Some(iri) => add(&p, vocab::OWL_SAME_AS, node(&iri).into()),
                None => add(&p, &term("externalId"), Literal::new_simple_literal(x).into()),
            }
            summary.external_ids += 1;
        }
    }

    people_quads(store, people, &mut summary, &mut add)?;
    store.replace_graph(node(GRAPH).as_ref(), &quads)?;
    Ok(summary)
}

/// The identities the reference data gives and the spells of every identity.
fn people_quads(
    store: &Store,
    people: &People<'_>,
    summary: &mut Summary,
    add: &mut impl FnMut(&str, &str, Term),
) -> Result<(), StoreError> {
    let node = |s: &str| NamedNode::new_unchecked(s);
    let text = |s: &str| Term::from(Literal::new_simple_literal(s));
    let holdings = store.holding_rows()?;
    let links = match people.reference {
        Some(r) => {
            let dates: BTreeMap<String, Option<Date>> =
                store.meeting_rows()?.into_iter().map(|m| (m.iri, m.date.as_deref().and_then(Date::parse))).collect();
            let appearances: Vec<Appearance> = store
                .presence_rows()?
                .into_iter()
                .filter(|p| p.role.is_present())
                .map(|p| Appearance { date: dates.get(&p.meeting).copied().flatten(), person: p.person, name: p.name })
                .collect();
            people::link(r, &holdings, &appearances, people.lexicon)
        }
        None => Links::default(),
    };
    for (p, l) in &links.persons {
        match l {
            Link::Linked(q) => {
                summary.linked_persons += 1;
                add(p, &term("personId"), text(q));
                add(p, vocab::OWL_SAME_AS, iri::wikidata(q).into());
            }
            Link::Split(qs) | Link::Unlinked(qs, _) => {
                let status = if matches!(l, Link::Split(_)) { "split" } else { "unlinked" };
                if status == "split" {
                    summary.split_persons += 1;
                } else {
                    summary.unlinked_persons += 1;
                }
                add(p, &term("referenceStatus"), text(status));
                for q in qs {
                    add(p, &term("referenceCandidate"), iri::wikidata(q).into());
                }
            }
        }
    }
    // A person the known-persons file identifies keeps that id where the
    // reference data says nothing.
    let id_of =
        |h: &crate::kg::rows::HoldingRow| links.id_of(h).or_else(|| known_person_id(&h.person).map(String::from));
    for s in spells::spells(&holdings, people.lexicon, people.spells, id_of) {
        spell_quads(&s, add, node, text);
        summary.spells += 1;
    }
    Ok(())
}

fn spell_quads(
    s: &Spell,
    add: &mut impl FnMut(&str, &str, Term),
    node: impl Fn(&str) -> NamedNode,
    text: impl Fn(&str) -> Term,
) {
    let from = s.from.to_string();
    let iri = iri::spell(&s.person, s.person_id.as_deref(), &s.post, &from);
    let i = iri.as_str();
    let date = |d: &str| Term::from(Literal::new_typed_literal(d, node(vocab::XSD_DATE)));
    add(i, vocab::RDF_TYPE, node(&term("Spell")).into());
    add(i, &term("holder"), node(&s.person).into());
    add(i, vocab::RDFS_LABEL, text(&s.name));
    if let Some(id) = &s.person_id {
        add(i, &term("personId"), text(id));
    }
    add(i, &term("postName"), text(&s.post));
    add(i, &term("bodyName"), text(&s.body));
    if let Some(j) = &s.jurisdiction {
        add(i, &term("postJurisdiction"), text(j));
    }
    add(i, &term("firstAttested"), date(&from));
    add(i, &term("lastAttested"), date(&s.to.to_string()));
    let n = s.articles.len().to_string();
    add(i, &term("articleCount"), Literal::new_typed_literal(n, node(vocab::XSD_INTEGER)).into());
    add(i, &term("firstSource"), node(&s.first_source).into());
    add(i, &term("lastSource"), node(&s.last_source).into());
    if let Some(e) = s.end {
        add(i, &term("endReason"), text(e.as_str()));
    }
    if s.single_holder {
        add(i, &term("singleHolder"), Literal::new_typed_literal("true", node(vocab::XSD_BOOLEAN)).into());
    }
    for a in &s.articles {
        add(i, vocab::PROV_WAS_DERIVED_FROM, node(a).into());
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn m(iri: &str, label: &str, body: &str, jur: Option<&str>, ord: Option<&str>, date: &str) -> MeetingRow {
        MeetingRow {
            iri: iri.into(),
            label: label.into(),
            kind: "会议".into(),
            ordinal: ord.map(String::from),
            date: Some(date.into()),
            body: Some(body.into()),
            body_iri: None,
            jurisdiction: jur.map(String::from),
            article: "a".into(),
        }
    }

    #[test]
    fn same_body_kind_ordinal_or_name_and_date_link() {
        let ms = vec![
            m("1", "青岚市委常委会第五十次会议", "青岚市委常委会", Some("青岚市"), Some("第五十次"), "2024-03-11"),
            m("2", "市委常委会第五十次会议", "市委常委会", None, Some("第五十次"), "2024-03-11"),
            m("3", "苏州市委常委会第五十次会议", "苏州市委常委会", Some("苏州市"), Some("第五十次"), "2024-03-11"),
            m("4", "青岚市委常委会第五十次会议", "青岚市委常委会", Some("青岚市"), Some("第五十次"), "2024-03-12"),
        ];
        // 1 and 4 share body, kind and ordinal; 2 is ambiguous between 青岚 and 苏州 on that day.
        assert_eq!(clusters(&ms), vec![vec![0, 3]]);
        let two = vec![ms[0].clone(), ms[1].clone()];
        assert_eq!(clusters(&two), vec![vec![0, 1]]);
    }

    #[test]
    fn core_drops_the_jurisdiction() {
        assert_eq!(core("青岚市委常委会", Some("青岚市")), "市委常委会");
        assert_eq!(core("中共青岚市委", Some("青岚市")), "市委");
        assert_eq!(core("国务院常务会议", None), "国务院常务会议");
    }
}
