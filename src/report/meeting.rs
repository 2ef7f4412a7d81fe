//! `report meeting QUERY`: one meeting in full, or the meetings a query matches.
//!
//! Takes a query (a meeting's IRI or its last part, part of a name, or a date)
//! and the participation, body participation, meeting, document and article
//! rows. Gives, for one match, the meeting's date, body, kind and chair,
//! everyone present by role in the order the first article lists them, the
//! bodies that spoke with no one named, the documents and the articles that
//! report it; for several matches, a list to choose from. The query is matched
//! here in Rust, never put into a query. Never prints.

use std::collections::BTreeSet;

use super::{Articles, ReportError, article_keys};
use super::{Report, Section, Table};
use crate::kg::rows::{
    ArticleMeetingRow, ArticleRow, BodyParticipationRow, DocumentRow, MeetingRow, ParticipationRow, meetings_by_iri,
};
use crate::lexicon::Role;
use crate::normalize::normalize_fragment;

/// The rows a meeting report reads.
pub struct MeetingInput<'a> {
    /// Participations.
    pub parts: &'a [ParticipationRow],
    /// Participations of bodies with no person named.
    pub bodies: &'a [BodyParticipationRow],
    /// Meetings.
    pub meetings: &'a [ArticleMeetingRow],
    /// Documents.
    pub documents: &'a [DocumentRow],
    /// Articles.
    pub articles: &'a [ArticleRow],
}

/// `report meeting QUERY`: the meeting whose IRI is QUERY or whose name (in any
/// article) contains it. One match gives its date, body, chair, everyone present
/// by role in the order listed, documents and sources; several give a list to choose from.
pub fn meeting(query: &str, input: &MeetingInput<'_>) -> Result<Report, ReportError> {
    let q = normalize_fragment(query);
    let described = meetings_by_iri(input.meetings);
    let hits = matching(query, &q, input.meetings);
    let mut found: Vec<&MeetingRow> = hits.iter().filter_map(|h| described.get(h)).collect();
    found.sort_by(|a, b| (&a.date, &a.label, &a.iri).cmp(&(&b.date, &b.label, &b.iri)));
    match found.as_slice() {
        [] => Err(ReportError::NoMeeting(q)),
        [m] => Ok(one(m, input)),
        many => Ok(several(&q, many, input)),
    }
}

/// The IRIs of the meetings `query` names: the one whose IRI (or its last part)
/// it is, else every meeting whose name in some article contains the
/// normalised query `q`, or whose date it is.
fn matching<'a>(query: &str, q: &str, meetings: &'a [ArticleMeetingRow]) -> BTreeSet<&'a str> {
    let mut hits: BTreeSet<&str> = BTreeSet::new();
    for m in meetings {
        if m.meeting == query || m.meeting.ends_with(&format!("/{query}")) {
            hits.clear();
            hits.insert(m.meeting.as_str());
            break;
        }
        if !q.is_empty() && (m.label.contains(q) || m.date.as_deref() == Some(q)) {
            hits.insert(m.meeting.as_str());
        }
    }
    hits
}

/// How many distinct people were present at the meeting `iri`.
fn people_at(parts: &[ParticipationRow], iri: &str) -> usize {
    parts.iter().filter(|p| p.meeting == iri && p.present()).map(|p| &p.person).collect::<BTreeSet<_>>().len()
}

/// The report of one meeting.
fn one(m: &MeetingRow, input: &MeetingInput<'_>) -> Report {
    let mut parts: Vec<&ParticipationRow> = input.parts.iter().filter(|p| p.meeting == m.iri).collect();
    // Each article lists its own names; the first article's order wins.
    parts.sort_by(|a, b| (&a.article, a.list, a.position).cmp(&(&b.article, b.list, b.position)));
    let mut seen: BTreeSet<(&str, Role)> = BTreeSet::new();
    parts.retain(|p| seen.insert((p.person.as_str(), p.role)));
    Report {
        sections: vec![
            Section { name: "meeting".into(), table: info_table(m, &parts, input.parts) },
            Section { name: "present".into(), table: present_table(&parts) },
            Section { name: "bodies".into(), table: bodies_table(&m.iri, input.bodies) },
            Section { name: "documents".into(), table: documents_table(&m.iri, input.documents) },
            Section {
                name: "sources".into(),
                table: sources_table(&m.iri, input.meetings, &article_keys(input.articles)),
            },
        ],
        notes: Vec::new(),
    }
}

/// The meeting's fields, one a row.
fn info_table(m: &MeetingRow, parts: &[&ParticipationRow], all: &[ParticipationRow]) -> Table {
    let chairs: Vec<&str> = parts.iter().filter(|p| p.role == Role::Chair).map(|p| p.name.as_str()).collect();
    let mut info = Table::new(&["field", "value"]);
    for (k, v) in [
        ("meeting", Some(m.label.clone())),
        ("date", m.date.clone()),
        ("body", m.body.clone()),
        ("kind", m.kind.clone()),
        ("chair", (!chairs.is_empty()).then(|| chairs.join("、"))),
        ("present", Some(people_at(all, &m.iri).to_string())),
        ("iri", Some(m.iri.clone())),
    ] {
        info.rows.push(vec![k.into(), v.into()]);
    }
    info
}

/// Everyone at the meeting by role, each role in list order.
fn present_table(parts: &[&ParticipationRow]) -> Table {
    let mut present = Table::new(&["role", "list", "position", "person", "title"]);
    let mut sorted = parts.to_vec();
    sorted.sort_by_key(|p| p.role);
    for p in sorted {
        present.rows.push(vec![
            p.role.as_str().into(),
            p.list.into(),
            p.position.into(),
            p.name.as_str().into(),
            p.title.as_deref().into(),
        ]);
    }
    present
}

/// Bodies that spoke or reported with no one named for them, in the first
/// reporting article's order.
fn bodies_table(iri: &str, rows: &[BodyParticipationRow]) -> Table {
    let mut bodies = Table::new(&["role", "list", "position", "body"]);
    let mut seen: BTreeSet<(&str, Role)> = BTreeSet::new();
    for y in rows.iter().filter(|y| y.meeting == iri) {
        if seen.insert((y.body.as_str(), y.role)) {
            bodies.rows.push(vec![y.role.as_str().into(), y.list.into(), y.position.into(), y.name.as_str().into()]);
        }
    }
    bodies
}

/// The documents the meeting approved, deliberated or mentioned, each once.
fn documents_table(iri: &str, rows: &[DocumentRow]) -> Table {
    let mut docs = Table::new(&["status", "document"]);
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    for d in rows.iter().filter(|d| d.meeting == iri) {
        if seen.insert((d.status.as_str(), d.title.as_str())) {
            docs.rows.push(vec![d.status.to_lowercase().into(), d.title.as_str().into()]);
        }
    }
    docs
}

/// The articles that report the meeting, with the name each gives it.
fn sources_table(iri: &str, meetings: &[ArticleMeetingRow], keys: &Articles<'_>) -> Table {
    let mut sources = Table::new(&["article", "date", "title", "url", "name_in_article"]);
    for r in meetings.iter().filter(|r| r.meeting == iri) {
        let a = keys.get(&r.article);
        sources.rows.push(vec![
            a.map_or(r.article.as_str(), |a| a.key.as_str()).into(),
            a.and_then(|a| a.date.as_deref()).into(),
            a.and_then(|a| a.title.as_deref()).into(),
            a.and_then(|a| a.url.as_deref()).into(),
            r.label.as_str().into(),
        ]);
    }
    sources
}

/// The list of several matches, to choose from.
fn several(q: &str, many: &[&MeetingRow], input: &MeetingInput<'_>) -> Report {
    let mut t = Table::new(&["date", "meeting", "body", "present", "iri"]);
    for m in many {
        t.rows.push(vec![
            m.date.as_deref().into(),
            m.label.as_str().into(),
            m.body.as_deref().into(),
            people_at(input.parts, &m.iri).into(),
            m.iri.as_str().into(),
        ]);
    }
    let mut r = Report::single("matches", t);
    r.notes.push(format!("{q}: {} meetings match; give a longer part of the name, or the IRI", many.len()));
    r
}
