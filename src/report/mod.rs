//! Reports and the tidy fact table, built as data.
//!
//! Takes the flat rows of [`crate::kg::facts`] (participations, meetings,
//! articles, holdings, documents) and a [`Lexicon`] for places. Gives
//! [`Report`]s: named sections of typed cells, plus notes a reader should see
//! (a name that belongs to several people, a query that matches several
//! meetings). The rows are the only input, so the same rows served from a cache
//! give the same reports. Never prints, never queries the store, and never puts
//! a user's text into SPARQL: names and queries are matched here, in Rust.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::visit::EdgeRef;

use crate::kg::facts::{ArticleRow, BodyParticipationRow, DocumentRow, HoldingRow, MeetingRow, ParticipationRow};
use crate::lexicon::{Lexicon, Role};
use crate::network::{Network, metrics};
use crate::normalize::normalize_fragment;

/// One cell of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A real number.
    Float(f64),
    /// Nothing known.
    Empty,
}

impl Cell {
    /// The cell as text: integers plainly, reals with up to four decimals.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(x) => {
                let s = format!("{x:.4}");
                let s = s.trim_end_matches('0').trim_end_matches('.');
                s.to_string()
            }
            Cell::Empty => String::new(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<Option<&str>> for Cell {
    fn from(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::from)
    }
}

impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Cell {
        s.map_or(Cell::Empty, Cell::Text)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// A table: column names and rows of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// Rows, each as long as the header.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    fn new(header: &[&str]) -> Table {
        Table { header: header.iter().map(|s| s.to_string()).collect(), rows: Vec::new() }
    }
}

/// A named part of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The section's name (`posts`, `meetings`, …).
    pub name: String,
    /// Its table.
    pub table: Table,
}

/// A report: one or more sections, and notes for the reader.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Sections, in display order.
    pub sections: Vec<Section>,
    /// Things the reader should know (several people of one name, several matches).
    pub notes: Vec<String>,
}

impl Report {
    fn single(name: &str, table: Table) -> Report {
        Report { sections: vec![Section { name: name.to_string(), table }], notes: Vec::new() }
    }
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// No person of that name was present at any meeting or holds any title.
    #[error("{0}: no such person in the store")]
    NoPerson(String),
    /// No meeting matches the query.
    #[error("{0}: no meeting matches")]
    NoMeeting(String),
}

/// A meeting as the reports see it: the first article's name for it, and its date and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingSummary {
    /// IRI.
    pub iri: String,
    /// Name as the first article (in IRI order) gives it.
    pub label: String,
    /// Date, ISO.
    pub date: Option<String>,
    /// The body that held it.
    pub body: Option<String>,
    /// The kind of meeting.
    pub kind: Option<String>,
}

/// The meetings of `rows`, by IRI.
pub fn meeting_summaries(rows: &[MeetingRow]) -> BTreeMap<&str, MeetingSummary> {
    let mut out: BTreeMap<&str, MeetingSummary> = BTreeMap::new();
    for m in rows {
        let e = out.entry(m.meeting.as_str()).or_insert_with(|| MeetingSummary {
            iri: m.meeting.clone(),
            label: m.label.clone(),
            date: None,
            body: None,
            kind: None,
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

/// For each canonical meeting, the smallest IRI of the meetings linked to it.
fn representatives(parts: &[ParticipationRow]) -> BTreeMap<&str, &str> {
    let mut rep: BTreeMap<&str, &str> = BTreeMap::new();
    for p in parts {
        let e = rep.entry(p.canonical.as_str()).or_insert(p.meeting.as_str());
        if p.meeting.as_str() < *e {
            *e = p.meeting.as_str();
        }
    }
    rep
}

/// The co-attendance network of the present participations: the seam where a
/// cached network can be handed in instead.
pub fn network(parts: &[ParticipationRow], meetings: &[MeetingRow]) -> Network {
    // Sorted and deduplicated as borrowed pairs, so only the distinct ones are copied.
    let mut pairs: Vec<(&str, &str)> =
        parts.iter().filter(|p| p.present()).map(|p| (p.name.as_str(), p.canonical.as_str())).collect();
    pairs.sort_unstable();
    pairs.dedup();
    // Everyone counts as an attendee, named by their name (not their IRI), so that
    // the report's people are names as the user types them.
    let rows: Vec<crate::kg::read::PresenceRow> = pairs
        .into_iter()
        .map(|(name, meeting)| crate::kg::read::PresenceRow {
            person: name.to_string(),
            name: name.to_string(),
            meeting: meeting.to_string(),
            role: crate::lexicon::Role::Attendee,
        })
        .collect();
    let summaries = meeting_summaries(meetings);
    // A canonical meeting is described by the first of the meetings linked to it.
    let infos: Vec<crate::kg::read::CanonicalMeetingRow> = representatives(parts)
        .into_iter()
        .filter_map(|(canonical, member)| {
            let m = summaries.get(member)?;
            Some(crate::kg::read::CanonicalMeetingRow {
                date: m.date.clone(),
                label: m.label.clone(),
                iri: canonical.to_string(),
                ..Default::default()
            })
        })
        .collect();
    Network::build(&rows, &infos, &crate::network::Options::default())
}

/// The people a user's name (simplified or traditional, any width) refers to:
/// person IRI and stored name, in IRI order.
fn people_named(name: &str, parts: &[ParticipationRow], holdings: &[HoldingRow]) -> BTreeMap<String, String> {
    let wanted = normalize_fragment(name);
    let mut out = BTreeMap::new();
    for (iri, n) in parts.iter().map(|p| (&p.person, &p.name)).chain(holdings.iter().map(|h| (&h.person, &h.name))) {
        if *n == wanted {
            out.insert(iri.clone(), n.clone());
        }
    }
    out
}

/// The jurisdiction a title names at its start (江苏省委书记 → 江苏省), from the gazetteer.
pub fn jurisdiction(title: &str, lex: &Lexicon) -> Option<String> {
    let n = lex.place_names.longest_prefix(title)?;
    let p = lex.place(title.get(..n)?)?;
    Some(p.name.clone())
}

/// Whether one jurisdiction lies inside the other, or they are the same.
fn nested(a: &str, b: &str, lex: &Lexicon) -> bool {
    a == b || lex.place(a).is_some_and(|p| p.parent == b) || lex.place(b).is_some_and(|p| p.parent == a)
}

/// Days since 1970-01-01 of an ISO date (civil calendar), for comparing dates.
fn day_number(iso: &str) -> Option<i64> {
    let d = crate::date::Date::parse(iso)?;
    let (y, m, day) = (i64::from(d.year), i64::from(d.month), i64::from(d.day));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn title_of(h: &HoldingRow) -> &str {
    h.resolved.as_deref().unwrap_or(&h.title)
}

/// Notes for a name: several people bear it, or it holds posts in different
/// jurisdictions at the same time (within `window_days`).
fn name_notes(name: &str, people: &BTreeMap<String, String>, holdings: &[HoldingRow], lex: &Lexicon) -> Vec<String> {
    let mut notes = Vec::new();
    let posts_of = |iri: &str| -> String {
        let mut posts: BTreeSet<String> = BTreeSet::new();
        for h in holdings.iter().filter(|h| h.person == iri && h.status != "Former") {
            let t = title_of(h);
            match jurisdiction(t, lex) {
                Some(j) => posts.insert(format!("{t} [{j}]")),
                None => posts.insert(t.to_string()),
            };
        }
        posts.into_iter().collect::<Vec<_>>().join("、")
    };
    if people.len() > 1 {
        notes.push(format!("{name} is the name of {} people:", people.len()));
        for iri in people.keys() {
            notes.push(format!("  {iri}: {}", posts_of(iri)));
        }
    }
    for iri in people.keys() {
        let own: Vec<HoldingRow> = holdings.iter().filter(|h| &h.person == iri).cloned().collect();
        let clashes = homonym_pairs(&own, lex, DEFAULT_WINDOW_DAYS);
        if !clashes.is_empty() {
            let js: BTreeSet<String> =
                clashes.iter().flat_map(|c| [c.0.jurisdiction.clone(), c.1.jurisdiction.clone()]).collect();
            notes.push(format!(
                "{name} holds posts in {} jurisdictions at the same time ({}); this may be more than one person: {}",
                js.len(),
                js.into_iter().collect::<Vec<_>>().join(", "),
                posts_of(iri)
            ));
        }
    }
    notes
}

/// `report with NAME`: everyone present at a meeting with NAME, the number of
/// meetings shared, the first and last date together, and those meetings.
pub fn with(
    name: &str,
    parts: &[ParticipationRow],
    meetings: &[MeetingRow],
    holdings: &[HoldingRow],
    lex: &Lexicon,
) -> Result<Report, ReportError> {
    let people = people_named(name, parts, holdings);
    if people.is_empty() {
        return Err(ReportError::NoPerson(normalize_fragment(name)));
    }
    let summaries = meeting_summaries(meetings);
    // Meetings are counted by their canonical node, and described by a member.
    let rep = representatives(parts);
    // A hash set: the most active people were at thousands of meetings, and
    // meeting IRIs share a long prefix that makes tree lookups slow.
    let mine: rustc_hash::FxHashSet<&str> =
        parts.iter().filter(|p| p.present() && people.contains_key(&p.person)).map(|p| p.canonical.as_str()).collect();
    let mut by_other: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for p in parts.iter().filter(|p| p.present() && !people.contains_key(&p.person)) {
        if mine.contains(p.canonical.as_str()) {
            let member = rep.get(p.canonical.as_str()).copied().unwrap_or(p.meeting.as_str());
            by_other.entry(p.name.as_str()).or_default().insert(member);
        }
    }
    let mut rows: Vec<(usize, &str, Vec<&MeetingSummary>)> = by_other
        .into_iter()
        .map(|(who, ms)| {
            let mut ms: Vec<&MeetingSummary> = ms.iter().filter_map(|m| summaries.get(m)).collect();
            ms.sort_by(|a, b| (&a.date, &a.label, &a.iri).cmp(&(&b.date, &b.label, &b.iri)));
            (ms.len(), who, ms)
        })
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut t = Table::new(&["co_attendee", "shared_meetings", "first_date", "last_date", "meetings"]);
    for (n, who, ms) in rows {
        let dates: Vec<&str> = ms.iter().filter_map(|m| m.date.as_deref()).collect();
        let labels: Vec<String> =
            ms.iter().map(|m| format!("{} ({})", m.label, m.date.as_deref().unwrap_or("date unknown"))).collect();
        t.rows.push(vec![
            who.into(),
            n.into(),
            dates.iter().min().copied().into(),
            dates.iter().max().copied().into(),
            labels.join("; ").into(),
        ]);
    }
    let mut r = Report::single("with", t);
    r.notes = name_notes(&normalize_fragment(name), &people, holdings, lex);
    Ok(r)
}

/// `report pairs`: the pairs of people who shared the most meetings.
pub fn pairs(net: &Network, top: usize) -> Report {
    // Edges by shared meetings (most first), then names, then edge order. Only the
    // first `top` are sorted and dated: a large network has millions of edges.
    let mut keys: Vec<(usize, &str, &str, usize)> = net
        .graph
        .edge_references()
        .filter_map(|e| {
            let (a, b) = (net.graph.node_weight(e.source())?, net.graph.node_weight(e.target())?);
            let (a, b) = if a.name <= b.name { (a, b) } else { (b, a) };
            Some((e.weight().shared.len(), a.name.as_str(), b.name.as_str(), e.id().index()))
        })
        .collect();
    let order = |x: &(usize, &str, &str, usize), y: &(usize, &str, &str, usize)| {
        y.0.cmp(&x.0).then_with(|| (x.1, x.2, x.3).cmp(&(y.1, y.2, y.3)))
    };
    if top < keys.len() {
        keys.select_nth_unstable_by(top, order);
        keys.truncate(top);
    }
    keys.sort_unstable_by(order);
    let mut t = Table::new(&["person_a", "person_b", "shared_meetings", "first_date", "last_date"]);
    for (n, a, b, e) in keys {
        let shared = net.graph.edge_weight(petgraph::graph::EdgeIndex::new(e)).map_or(&[][..], |w| &w.shared[..]);
        let dates: Vec<&str> = shared.iter().filter_map(|&m| net.meetings.get(m)?.date.as_deref()).collect();
        let (first, last) = (dates.iter().min().copied(), dates.iter().max().copied());
        t.rows.push(vec![a.into(), b.into(), n.into(), first.into(), last.into()]);
    }
    Report::single("pairs", t)
}

fn article_keys(articles: &[ArticleRow]) -> BTreeMap<&str, &ArticleRow> {
    articles.iter().map(|a| (a.article.as_str(), a)).collect()
}

/// The rows a person report reads.
pub struct PersonInput<'a> {
    /// Participations.
    pub parts: &'a [ParticipationRow],
    /// Meetings.
    pub meetings: &'a [MeetingRow],
    /// Holdings.
    pub holdings: &'a [HoldingRow],
    /// Articles.
    pub articles: &'a [ArticleRow],
}

/// `report person NAME`: posts over time with their sources, meetings by role, bodies.
pub fn person(name: &str, input: &PersonInput<'_>, lex: &Lexicon) -> Result<Report, ReportError> {
    let people = people_named(name, input.parts, input.holdings);
    if people.is_empty() {
        return Err(ReportError::NoPerson(normalize_fragment(name)));
    }
    let keys = article_keys(input.articles);
    let key_of = |a: &str| keys.get(a).map_or_else(|| a.to_string(), |r| r.key.clone());
    let several = people.len() > 1;
    let mut posts = Table::new(&["person", "date", "title", "resolved_title", "jurisdiction", "status", "source"]);
    let mut hs: Vec<&HoldingRow> = input.holdings.iter().filter(|h| people.contains_key(&h.person)).collect();
    hs.sort_by(|a, b| (&a.date, &a.person, &a.title, &a.article).cmp(&(&b.date, &b.person, &b.title, &b.article)));
    for h in hs {
        posts.rows.push(vec![
            if several { h.person.as_str().into() } else { h.name.as_str().into() },
            h.date.as_deref().into(),
            h.title.as_str().into(),
            h.resolved.as_deref().into(),
            jurisdiction(title_of(h), lex).into(),
            h.status.to_lowercase().into(),
            key_of(&h.article).into(),
        ]);
    }
    let summaries = meeting_summaries(input.meetings);
    let mut seen: BTreeSet<(&str, &str, Role)> = BTreeSet::new();
    let mut ms: Vec<(&ParticipationRow, Option<&MeetingSummary>)> = Vec::new();
    for p in input.parts.iter().filter(|p| people.contains_key(&p.person)) {
        if seen.insert((p.person.as_str(), p.meeting.as_str(), p.role)) {
            ms.push((p, summaries.get(p.meeting.as_str())));
        }
    }
    ms.sort_by(|(a, ma), (b, mb)| {
        a.role
            .cmp(&b.role)
            .then_with(|| {
                // Unknown dates go last.
                let key =
                    |m: Option<&MeetingSummary>| m.and_then(|m| m.date.clone()).map_or((1, String::new()), |d| (0, d));
                key(*ma).cmp(&key(*mb))
            })
            .then_with(|| a.meeting.cmp(&b.meeting))
    });
    let mut meetings = Table::new(&["role", "date", "meeting", "body", "title", "source"]);
    let mut bodies: BTreeMap<String, (usize, BTreeSet<&str>)> = BTreeMap::new();
    for (p, m) in &ms {
        meetings.rows.push(vec![
            p.role.as_str().into(),
            m.and_then(|m| m.date.as_deref()).into(),
            m.map_or(p.meeting.as_str(), |m| m.label.as_str()).into(),
            m.and_then(|m| m.body.as_deref()).into(),
            p.title.as_deref().into(),
            key_of(&p.article).into(),
        ]);
        if p.present() {
            let body = m.and_then(|m| m.body.clone()).unwrap_or_else(|| "(body unknown)".into());
            let e = bodies.entry(body).or_default();
            e.1.insert(p.meeting.as_str());
            e.0 = e.1.len();
        }
    }
    let mut by_body: Vec<(String, usize)> = bodies.into_iter().map(|(b, (n, _))| (b, n)).collect();
    by_body.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut bt = Table::new(&["body", "meetings"]);
    for (b, n) in by_body {
        bt.rows.push(vec![b.into(), n.into()]);
    }
    Ok(Report {
        sections: vec![
            Section { name: "posts".into(), table: posts },
            Section { name: "meetings".into(), table: meetings },
            Section { name: "bodies".into(), table: bt },
        ],
        notes: name_notes(&normalize_fragment(name), &people, input.holdings, lex),
    })
}

/// The rows a meeting report reads.
pub struct MeetingInput<'a> {
    /// Participations.
    pub parts: &'a [ParticipationRow],
    /// Participations of bodies with no person named.
    pub bodies: &'a [BodyParticipationRow],
    /// Meetings.
    pub meetings: &'a [MeetingRow],
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
    let summaries = meeting_summaries(input.meetings);
    let mut hits: BTreeSet<&str> = BTreeSet::new();
    for m in input.meetings {
        if m.meeting == query || m.meeting.ends_with(&format!("/{query}")) {
            hits.clear();
            hits.insert(m.meeting.as_str());
            break;
        }
        if !q.is_empty() && (m.label.contains(&q) || m.date.as_deref() == Some(q.as_str())) {
            hits.insert(m.meeting.as_str());
        }
    }
    let mut found: Vec<&MeetingSummary> = hits.iter().filter_map(|h| summaries.get(h)).collect();
    found.sort_by(|a, b| (&a.date, &a.label, &a.iri).cmp(&(&b.date, &b.label, &b.iri)));
    let people_at = |iri: &str| -> usize {
        input.parts.iter().filter(|p| p.meeting == iri && p.present()).map(|p| &p.person).collect::<BTreeSet<_>>().len()
    };
    let keys = article_keys(input.articles);
    match found.as_slice() {
        [] => Err(ReportError::NoMeeting(q)),
        [m] => {
            let mut parts: Vec<&ParticipationRow> = input.parts.iter().filter(|p| p.meeting == m.iri).collect();
            // Each article lists its own names; the first article's order wins.
            parts.sort_by(|a, b| (&a.article, a.list, a.position).cmp(&(&b.article, b.list, b.position)));
            let mut seen: BTreeSet<(&str, Role)> = BTreeSet::new();
            parts.retain(|p| seen.insert((p.person.as_str(), p.role)));
            let chairs: Vec<&str> = parts.iter().filter(|p| p.role == Role::Chair).map(|p| p.name.as_str()).collect();
            let mut info = Table::new(&["field", "value"]);
            for (k, v) in [
                ("meeting", Some(m.label.clone())),
                ("date", m.date.clone()),
                ("body", m.body.clone()),
                ("kind", m.kind.clone()),
                ("chair", (!chairs.is_empty()).then(|| chairs.join("、"))),
                ("present", Some(people_at(&m.iri).to_string())),
                ("iri", Some(m.iri.clone())),
            ] {
                info.rows.push(vec![k.into(), v.into()]);
            }
            let mut present = Table::new(&["role", "list", "position", "person", "title"]);
            let mut sorted = parts.clone();
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
            // Bodies that spoke or reported with no one named for them, in the
            // first reporting article's order.
            let mut bodies = Table::new(&["role", "list", "position", "body"]);
            let mut seen_bodies: BTreeSet<(&str, Role)> = BTreeSet::new();
            for y in input.bodies.iter().filter(|y| y.meeting == m.iri) {
                if seen_bodies.insert((y.body.as_str(), y.role)) {
                    bodies.rows.push(vec![
                        y.role.as_str().into(),
                        y.list.into(),
                        y.position.into(),
                        y.name.as_str().into(),
                    ]);
                }
            }
            let mut docs = Table::new(&["status", "document"]);
            let mut seen_docs: BTreeSet<(&str, &str)> = BTreeSet::new();
            for d in input.documents.iter().filter(|d| d.meeting == m.iri) {
                if seen_docs.insert((d.status.as_str(), d.title.as_str())) {
                    docs.rows.push(vec![d.status.to_lowercase().into(), d.title.as_str().into()]);
                }
            }
            let mut sources = Table::new(&["article", "date", "title", "url", "name_in_article"]);
            for r in input.meetings.iter().filter(|r| r.meeting == m.iri) {
                let a = keys.get(r.article.as_str());
                sources.rows.push(vec![
                    a.map_or(r.article.as_str(), |a| a.key.as_str()).into(),
                    a.and_then(|a| a.date.as_deref()).into(),
                    a.and_then(|a| a.title.as_deref()).into(),
                    a.and_then(|a| a.url.as_deref()).into(),
                    r.label.as_str().into(),
                ]);
            }
            Ok(Report {
                sections: vec![
                    Section { name: "meeting".into(), table: info },
                    Section { name: "present".into(), table: present },
                    Section { name: "bodies".into(), table: bodies },
                    Section { name: "documents".into(), table: docs },
                    Section { name: "sources".into(), table: sources },
                ],
                notes: Vec::new(),
            })
        }
        many => {
            let mut t = Table::new(&["date", "meeting", "body", "present", "iri"]);
            for m in many {
                t.rows.push(vec![
                    m.date.as_deref().into(),
                    m.label.as_str().into(),
                    m.body.as_deref().into(),
                    people_at(&m.iri).into(),
                    m.iri.as_str().into(),
                ]);
            }
            let mut r = Report::single("matches", t);
            r.notes.push(format!("{q}: {} meetings match; give a longer part of the name, or the IRI", many.len()));
            Ok(r)
        }
    }
}

/// A centrality measure for `report central` and the plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Number of distinct co-attendees.
    Degree,
    /// Sum of shared meetings over all co-attendees.
    WeightedDegree,
    /// Number of meetings attended.
    Meetings,
    /// Normalised betweenness: how often a person lies on the shortest paths
    /// between two others (a broker between groups).
    Betweenness,
    /// Closeness (Wasserman–Faust): how few steps a person is from everyone they can reach.
    Closeness,
    /// Weighted PageRank: attending with people who are themselves central.
    PageRank,
}

impl Metric {
    /// The metric's name as the command line spells it.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Degree => "degree",
            Metric::WeightedDegree => "weighted-degree",
            Metric::Meetings => "meetings",
            Metric::Betweenness => "betweenness",
            Metric::Closeness => "closeness",
            Metric::PageRank => "pagerank",
        }
    }
}

/// One value per node for a metric, and what a reader must know about them.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// In node index order.
    pub values: Vec<f64>,
    /// Set when the values are estimates (betweenness on a large network).
    pub note: Option<String>,
}

/// The values of `metric` for every node (in node index order). Betweenness and
/// closeness are exact on small networks and estimated from sampled sources on
/// large ones, with the same rule and seed as the exports' node attributes, so
/// that a report and a GraphML file agree.
pub fn scores(net: &Network, metric: Metric) -> Scores {
    let per_node = |f: &dyn Fn(petgraph::graph::NodeIndex) -> f64| net.graph.node_indices().map(f).collect();
    match metric {
        Metric::Degree => Scores { values: per_node(&|i| net.graph.edges(i).count() as f64), note: None },
        Metric::WeightedDegree => {
            Scores { values: per_node(&|i| net.graph.edges(i).map(|e| e.weight().weight).sum()), note: None }
        }
        Metric::Meetings => {
            Scores { values: per_node(&|i| net.graph.node_weight(i).map_or(0.0, |n| n.meetings as f64)), note: None }
        }
        Metric::PageRank => {
            let options = metrics::MetricOptions::default();
            Scores { values: metrics::pagerank(&metrics::Adjacency::of(net), options.damping), note: None }
        }
        Metric::Betweenness | Metric::Closeness => {
            let options = metrics::MetricOptions::default();
            let adj = metrics::Adjacency::of(net);
            let paths =
                metrics::paths(&adj, &metrics::components(&adj), metrics::samples_for(&adj, &options), options.seed);
            let note = match (paths.exact, paths.bound) {
                (false, Some(b)) => Some(format!(
                    "{} estimated from {} sampled people of {}; each betweenness within ±{b:.4} with 95% probability",
                    metric.name(),
                    paths.sources,
                    adj.len()
                )),
                (false, None) => {
                    Some(format!("{} estimated from {} sampled people of {}", metric.name(), paths.sources, adj.len()))
                }
                _ => None,
            };
            let values = if metric == Metric::Betweenness { paths.betweenness } else { paths.closeness };
            Scores { values, note }
        }
    }
}

/// One value per node (in node index order) for a metric; see [`scores`].
pub fn node_values(net: &Network, metric: Metric) -> Vec<f64> {
    scores(net, metric).values
}

/// The connected component of every node (in node index order), numbered by
/// size, largest first (ties by the smallest node index).
pub fn components(net: &Network) -> Vec<usize> {
    metrics::components(&metrics::Adjacency::of(net))
}

/// The Louvain community of every node (in node index order), numbered by size,
/// largest first: groups who attend together more than chance would have them.
pub fn communities(net: &Network) -> Vec<usize> {
    metrics::louvain(&metrics::Adjacency::of(net), metrics::MetricOptions::default().resolution).0
}

/// The nodes with the highest values, best first (ties by name), at most `top`.
pub fn top_nodes(net: &Network, values: &[f64], top: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..net.graph.node_count()).collect();
    let name = |i: usize| net.graph.node_weight(petgraph::graph::NodeIndex::new(i)).map(|n| n.name.as_str());
    idx.sort_by(|&a, &b| {
        let (va, vb) = (values.get(a).copied().unwrap_or(0.0), values.get(b).copied().unwrap_or(0.0));
        vb.total_cmp(&va).then_with(|| name(a).cmp(&name(b)))
    });
    idx.truncate(top);
    idx
}

/// `report central`: the `top` people by `values` (one per node, see
/// [`scores`]), with degree, weighted degree, meetings, component and community.
pub fn central(net: &Network, metric_name: &str, values: &[f64], top: usize) -> Report {
    let degree = node_values(net, Metric::Degree);
    let weighted = node_values(net, Metric::WeightedDegree);
    let comp = components(net);
    let community = communities(net);
    // The ranking measure comes first; the basic measures follow unless one of them is it.
    let own = metric_name.replace('-', "_");
    let extra: Vec<&str> = ["degree", "weighted_degree", "meetings"].into_iter().filter(|c| *c != own).collect();
    let mut header = vec!["rank", "person", metric_name];
    header.extend(&extra);
    header.extend(["component", "community"]);
    let mut t = Table::new(&header);
    for (rank, i) in top_nodes(net, values, top).into_iter().enumerate() {
        let Some(n) = net.graph.node_weight(petgraph::graph::NodeIndex::new(i)) else { continue };
        let mut row =
            vec![(rank + 1).into(), n.name.as_str().into(), Cell::Float(values.get(i).copied().unwrap_or(0.0))];
        for c in &extra {
            row.push(match *c {
                "degree" => Cell::Float(degree.get(i).copied().unwrap_or(0.0)),
                "weighted_degree" => Cell::Float(weighted.get(i).copied().unwrap_or(0.0)),
                _ => n.meetings.into(),
            });
        }
        row.push(comp.get(i).copied().unwrap_or(0).into());
        row.push(community.get(i).copied().unwrap_or(0).into());
        t.rows.push(row);
    }
    Report::single("central", t)
}

/// How close in time two titles must be attested to count as held at the same time.
pub const DEFAULT_WINDOW_DAYS: i64 = 90;

/// A holding with its jurisdiction, as a homonym report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The holding.
    pub holding: HoldingRow,
    /// Its jurisdiction.
    pub jurisdiction: String,
}

/// Pairs of current titles of one person IRI in jurisdictions neither inside the
/// other, attested within `window` days of each other: for each pair of
/// jurisdictions, the closest pair of titles.
fn homonym_pairs(holdings: &[HoldingRow], lex: &Lexicon, window: i64) -> Vec<(Placed, Placed)> {
    // Of the holdings of one person in one jurisdiction on one day only the first
    // is kept: the pair found below is the first in this order of those with the
    // smallest gap, and the first of such a group is the one it would take. The
    // pairs are compared all against all, so a person reported thousands of times
    // in one post must come down to few entries first.
    let mut seen: BTreeSet<(String, String, i64)> = BTreeSet::new();
    let placed: Vec<(i64, Placed)> = holdings
        .iter()
        .filter(|h| h.status != "Former")
        .filter_map(|h| {
            let day = day_number(h.date.as_deref()?)?;
            let j = jurisdiction(title_of(h), lex)?;
            Some((day, Placed { holding: h.clone(), jurisdiction: j }))
        })
        .filter(|(day, p)| seen.insert((p.holding.person.clone(), p.jurisdiction.clone(), *day)))
        .collect();
    let mut best: BTreeMap<(String, String), (i64, usize, usize)> = BTreeMap::new();
    for (i, (da, a)) in placed.iter().enumerate() {
        for (k, (db, b)) in placed.iter().enumerate().skip(i + 1) {
            if a.holding.person != b.holding.person || nested(&a.jurisdiction, &b.jurisdiction, lex) {
                continue;
            }
            let gap = (da - db).abs();
            if gap > window {
                continue;
            }
            let (x, y) = if a.jurisdiction <= b.jurisdiction { (i, k) } else { (k, i) };
            let key = {
                let (ja, jb) = (&a.jurisdiction, &b.jurisdiction);
                if ja <= jb { (ja.clone(), jb.clone()) } else { (jb.clone(), ja.clone()) }
            };
            let e = best.entry(key).or_insert((gap, x, y));
            if gap < e.0 {
                *e = (gap, x, y);
            }
        }
    }
    best.into_values().filter_map(|(_, x, y)| Some((placed.get(x)?.1.clone(), placed.get(y)?.1.clone()))).collect()
}

/// `report homonyms`: names holding current titles in different jurisdictions
/// (neither inside the other) attested within `window` days of each other.
pub fn homonyms(holdings: &[HoldingRow], articles: &[ArticleRow], lex: &Lexicon, window: i64) -> Report {
    let keys = article_keys(articles);
    let key_of = |a: &str| keys.get(a).map_or_else(|| a.to_string(), |r| r.key.clone());
    let mut by_person: BTreeMap<&str, Vec<HoldingRow>> = BTreeMap::new();
    for h in holdings {
        by_person.entry(h.person.as_str()).or_default().push(h.clone());
    }
    let mut t = Table::new(&[
        "name",
        "jurisdiction_a",
        "title_a",
        "date_a",
        "source_a",
        "jurisdiction_b",
        "title_b",
        "date_b",
        "source_b",
    ]);
    let mut rows = Vec::new();
    for hs in by_person.values() {
        for (a, b) in homonym_pairs(hs, lex, window) {
            rows.push((a, b));
        }
    }
    rows.sort_by(|x, y| {
        (&x.0.holding.name, &x.0.jurisdiction, &x.1.jurisdiction).cmp(&(
            &y.0.holding.name,
            &y.0.jurisdiction,
            &y.1.jurisdiction,
        ))
    });
    for (a, b) in rows {
        t.rows.push(vec![
            a.holding.name.as_str().into(),
            a.jurisdiction.as_str().into(),
            title_of(&a.holding).into(),
            a.holding.date.as_deref().into(),
            key_of(&a.holding.article).into(),
            b.jurisdiction.as_str().into(),
            title_of(&b.holding).into(),
            b.holding.date.as_deref().into(),
            key_of(&b.holding.article).into(),
        ]);
    }
    Report::single("homonyms", t)
}

/// Where an article came from, for coverage: its outlet, else its URL's host, else unknown.
fn source_of(a: &ArticleRow) -> String {
    if let Some(o) = &a.outlet {
        return o.clone();
    }
    if let Some(u) = &a.url {
        let rest = u.split_once("://").map_or(u.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if !host.is_empty() {
            return host.to_string();
        }
    }
    "(unknown)".into()
}

/// The rows a coverage report reads.
pub struct CoverageInput<'a> {
    /// Articles.
    pub articles: &'a [ArticleRow],
    /// Meetings.
    pub meetings: &'a [MeetingRow],
    /// Participations.
    pub parts: &'a [ParticipationRow],
    /// Participations whose participant is not a named person, per article IRI.
    pub unnamed: &'a BTreeMap<String, usize>,
}

/// `report coverage`: per source and month, articles read, meetings found,
/// meetings reported with no named participant, participations, and
/// participations by unnamed bodies; so that a missing tie can be told from missing data.
pub fn coverage(input: &CoverageInput<'_>) -> Report {
    #[derive(Default)]
    struct Acc {
        articles: usize,
        meetings: BTreeSet<String>,
        empty_reports: usize,
        parts: usize,
        unnamed: usize,
    }
    let mut parts_per: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut parts_per_article: BTreeMap<&str, usize> = BTreeMap::new();
    for p in input.parts {
        *parts_per.entry((p.article.as_str(), p.meeting.as_str())).or_default() += 1;
        *parts_per_article.entry(p.article.as_str()).or_default() += 1;
    }
    let mut meetings_per: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for m in input.meetings {
        meetings_per.entry(m.article.as_str()).or_default().push(m.meeting.as_str());
    }
    let mut acc: BTreeMap<(String, String), Acc> = BTreeMap::new();
    for a in input.articles {
        let month = a.date.as_deref().and_then(|d| d.get(..7)).unwrap_or("(no date)").to_string();
        let e = acc.entry((source_of(a), month)).or_default();
        e.articles += 1;
        for m in meetings_per.get(a.article.as_str()).map(Vec::as_slice).unwrap_or_default() {
            e.meetings.insert(m.to_string());
            if !parts_per.contains_key(&(a.article.as_str(), *m)) {
                e.empty_reports += 1;
            }
        }
        e.parts += parts_per_article.get(a.article.as_str()).copied().unwrap_or(0);
        e.unnamed += input.unnamed.get(&a.article).copied().unwrap_or(0);
    }
    let mut t = Table::new(&[
        "source",
        "month",
        "articles",
        "meetings",
        "meetings_without_named_participant",
        "participations",
        "unnamed_participations",
    ]);
    for ((source, month), a) in acc {
        t.rows.push(vec![
            source.into(),
            month.into(),
            a.articles.into(),
            a.meetings.len().into(),
            a.empty_reports.into(),
            a.parts.into(),
            a.unnamed.into(),
        ]);
    }
    Report::single("coverage", t)
}

/// `report stats`: what the store holds.
pub fn stats(c: &crate::kg::facts::Counts) -> Report {
    let mut t = Table::new(&["what", "count"]);
    for (k, v) in [
        ("articles", c.articles),
        ("meetings", c.meetings),
        ("persons", c.persons),
        ("participations", c.participations),
        ("documents", c.documents),
        ("quads", c.quads),
    ] {
        t.rows.push(vec![k.into(), v.into()]);
    }
    Report::single("stats", t)
}

/// The tidy fact table: one row per article, meeting, person and role, with
/// dates, body, kind, title as written and as resolved, list and position, and
/// the evidence (sentence, span, rule). Rows are ordered by article date,
/// article key, meeting, list and position.
pub fn fact_table(
    parts: &[ParticipationRow],
    meetings: &[MeetingRow],
    articles: &[ArticleRow],
    holdings: &[HoldingRow],
) -> Table {
    let keys = article_keys(articles);
    let per_article: BTreeMap<(&str, &str), &MeetingRow> =
        meetings.iter().map(|m| ((m.article.as_str(), m.meeting.as_str()), m)).collect();
    let resolved: BTreeMap<(&str, &str, &str), &str> = holdings
        .iter()
        .filter_map(|h| Some(((h.article.as_str(), h.person.as_str(), h.title.as_str()), h.resolved.as_deref()?)))
        .collect();
    let resolve = |p: &ParticipationRow| -> Option<String> {
        let t = p.title.as_deref()?;
        // A title as written may join several (市委副书记、市长); each is resolved on its own.
        let pieces: Vec<&str> = t.split('、').collect();
        let mut any = false;
        let out: Vec<&str> = pieces
            .iter()
            .map(|piece| match resolved.get(&(p.article.as_str(), p.person.as_str(), *piece)) {
                Some(r) => {
                    any = true;
                    *r
                }
                None => *piece,
            })
            .collect();
        any.then(|| out.join("、"))
    };
    let mut rows: Vec<(Option<&str>, &str, &ParticipationRow)> = parts
        .iter()
        .map(|p| {
            let a = keys.get(p.article.as_str());
            (a.and_then(|a| a.date.as_deref()), a.map_or(p.article.as_str(), |a| a.key.as_str()), p)
        })
        .collect();
    rows.sort_by(|x, y| {
        (x.0, x.1, &x.2.meeting, x.2.list, x.2.position, &x.2.role).cmp(&(
            y.0,
            y.1,
            &y.2.meeting,
            y.2.list,
            y.2.position,
            &y.2.role,
        ))
    });
    let mut t = Table::new(&[
        "article",
        "article_date",
        "source",
        "meeting_id",
        "meeting",
        "meeting_date",
        "body",
        "kind",
        "person",
        "role",
        "list",
        "position",
        "title",
        "title_resolved",
        "sentence",
        "start",
        "end",
        "rule",
        "url",
    ]);
    for (date, key, p) in rows {
        let m = per_article.get(&(p.article.as_str(), p.meeting.as_str()));
        let a = keys.get(p.article.as_str());
        t.rows.push(vec![
            key.into(),
            date.into(),
            a.map(|a| source_of(a)).into(),
            p.meeting.as_str().into(),
            m.map(|m| m.label.as_str()).into(),
            m.and_then(|m| m.date.as_deref()).into(),
            m.and_then(|m| m.body.as_deref()).into(),
            m.and_then(|m| m.kind.as_deref()).into(),
            p.name.as_str().into(),
            p.role.as_str().into(),
            p.list.into(),
            p.position.into(),
            p.title.as_deref().into(),
            resolve(p).into(),
            p.sentence.as_deref().into(),
            p.start.map_or(Cell::Empty, Cell::from),
            p.end.map_or(Cell::Empty, Cell::from),
            p.rule.as_deref().into(),
            a.and_then(|a| a.url.as_deref()).into(),
        ]);
    }
    t
}

#[cfg(test)]
mod tests;
