//! The reports about one person: `report with NAME` and `report person NAME`.
//!
//! Takes a name as a user types it (simplified or traditional, any width), the
//! participation, meeting, holding and article rows, and the [`Lexicon`] for
//! places. Gives the person's co-attendees with the meetings shared, or their
//! posts over time, meetings by role and bodies; and notes when the name
//! belongs to several people or holds posts in distant places at once. Names
//! are matched here in Rust, never put into a query. Never prints.

use std::collections::{BTreeMap, BTreeSet};

use super::homonyms::{DEFAULT_WINDOW_DAYS, homonym_pairs, jurisdiction};
use super::{Report, Section, Table};
use super::{ReportError, article_keys};
use crate::kg::rows::{
    ArticleMeetingRow, ArticleRow, HoldingRow, MeetingRow, ParticipationRow, SpellRow, meetings_by_iri, representatives,
};
use crate::lexicon::{Lexicon, Role};
use crate::normalize::normalize_fragment;

/// The rows a person report reads.
pub struct PersonInput<'a> {
    /// Participations.
    pub parts: &'a [ParticipationRow],
    /// Meetings.
    pub meetings: &'a [ArticleMeetingRow],
    /// Holdings.
    pub holdings: &'a [HoldingRow],
    /// Articles.
    pub articles: &'a [ArticleRow],
    /// The spells `reconcile` wrote.
    pub spells: &'a [SpellRow],
    /// Whether to list every attestation (each title per article, each meeting)
    /// after the spells, not only the spells and meetings by role.
    pub attestations: bool,
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

/// The people of `name`, or the error that there are none.
fn people_or_error(
    name: &str,
    parts: &[ParticipationRow],
    holdings: &[HoldingRow],
) -> Result<BTreeMap<String, String>, ReportError> {
    let people = people_named(name, parts, holdings);
    if people.is_empty() {
        return Err(ReportError::NoPerson(normalize_fragment(name)));
    }
    Ok(people)
}

/// A person's current posts, each with its jurisdiction when the title names one.
fn posts_of(iri: &str, holdings: &[HoldingRow], lex: &Lexicon) -> String {
    let mut posts: BTreeSet<String> = BTreeSet::new();
    for h in holdings.iter().filter(|h| h.person == iri && h.status != "Former") {
        let t = h.best_title();
        match jurisdiction(t, lex) {
            Some(j) => posts.insert(format!("{t} [{j}]")),
            None => posts.insert(t.to_string()),
        };
    }
    posts.into_iter().collect::<Vec<_>>().join("、")
}

/// Notes for a name: several people bear it, or it holds posts in different
/// jurisdictions at the same time (within [`DEFAULT_WINDOW_DAYS`]).
fn name_notes(name: &str, people: &BTreeMap<String, String>, holdings: &[HoldingRow], lex: &Lexicon) -> Vec<String> {
    let mut notes = Vec::new();
    if people.len() > 1 {
        notes.push(format!("{name} is the name of {} people:", people.len()));
        for iri in people.keys() {
            notes.push(format!("  {iri}: {}", posts_of(iri, holdings, lex)));
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
                posts_of(iri, holdings, lex)
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
    meetings: &[ArticleMeetingRow],
    holdings: &[HoldingRow],
    lex: &Lexicon,
) -> Result<Report, ReportError> {
    let people = people_or_error(name, parts, holdings)?;
    let described = meetings_by_iri(meetings);
    let mut t = Table::new(&["co_attendee", "shared_meetings", "first_date", "last_date", "meetings"]);
    for (n, who, ms) in co_attendees(parts, &people, &described) {
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

/// The people present at a meeting with one of `people`, most shared meetings
/// first (then by name), each with those meetings in date order.
fn co_attendees<'a>(
    parts: &'a [ParticipationRow],
    people: &BTreeMap<String, String>,
    described: &'a BTreeMap<&str, MeetingRow>,
) -> Vec<(usize, &'a str, Vec<&'a MeetingRow>)> {
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
    let mut rows: Vec<(usize, &str, Vec<&MeetingRow>)> = by_other
        .into_iter()
        .map(|(who, ms)| {
            let mut ms: Vec<&MeetingRow> = ms.iter().filter_map(|m| described.get(m)).collect();
            ms.sort_by(|a, b| (&a.date, &a.label, &a.iri).cmp(&(&b.date, &b.label, &b.iri)));
            (ms.len(), who, ms)
        })
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    rows
}

/// `report person NAME`: the spells of the people of a name and their
/// meetings by role; with `attestations`, then every title per article with
/// its source, every meeting, and the bodies.
pub fn person(name: &str, input: &PersonInput<'_>, lex: &Lexicon) -> Result<Report, ReportError> {
    let people = people_or_error(name, input.parts, input.holdings)?;
    let iris: BTreeSet<&str> = people.keys().map(String::as_str).collect();
    let spells = super::careers::spells_table(input.spells, &iris, input.articles);
    let mut notes = name_notes(&normalize_fragment(name), &people, input.holdings, lex);
    if input.spells.is_empty() {
        notes.push("the store holds no spells: run `govkg reconcile` to compute them".into());
    }
    let mut sections = vec![
        Section { name: "spells".into(), table: spells },
        Section { name: "roles".into(), table: roles_table(&people, input) },
    ];
    if input.attestations {
        let posts = posts_table(&people, input, lex);
        let (meetings, bodies) = meetings_tables(&people, input);
        sections.push(Section { name: "posts".into(), table: posts });
        sections.push(Section { name: "meetings".into(), table: meetings });
        sections.push(Section { name: "bodies".into(), table: bodies });
    }
    Ok(Report { sections, notes })
}

/// The meetings of the people of a name by role: how many, first and last date.
fn roles_table(people: &BTreeMap<String, String>, input: &PersonInput<'_>) -> Table {
    let described = meetings_by_iri(input.meetings);
    type Seen<'a> = (BTreeSet<&'a str>, Option<&'a str>, Option<&'a str>);
    let mut by_role: BTreeMap<Role, Seen<'_>> = BTreeMap::new();
    for p in input.parts.iter().filter(|p| people.contains_key(&p.person)) {
        let e = by_role.entry(p.role).or_default();
        e.0.insert(p.canonical.as_str());
        if let Some(d) = described.get(p.meeting.as_str()).and_then(|m| m.date.as_deref()) {
            e.1 = Some(e.1.map_or(d, |x| x.min(d)));
            e.2 = Some(e.2.map_or(d, |x| x.max(d)));
        }
    }
    let mut t = Table::new(&["role", "meetings", "first_date", "last_date"]);
    for (role, (ms, first, last)) in by_role {
        t.rows.push(vec![role.as_str().into(), ms.len().into(), first.into(), last.into()]);
    }
    t
}

/// The titles the people of a name hold, by date, with their sources. Several
/// people of the name are told apart by IRI.
fn posts_table(people: &BTreeMap<String, String>, input: &PersonInput<'_>, lex: &Lexicon) -> Table {
    let keys = article_keys(input.articles);
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
            jurisdiction(h.best_title(), lex).into(),
            h.status.to_lowercase().into(),
            keys.key_of(&h.article).into(),
        ]);
    }
    posts
}

/// The meetings of the people of a name by role (undated last), and the bodies
/// whose meetings they were present at, most meetings first.
fn meetings_tables(people: &BTreeMap<String, String>, input: &PersonInput<'_>) -> (Table, Table) {
    let keys = article_keys(input.articles);
    let described = meetings_by_iri(input.meetings);
    let mut seen: BTreeSet<(&str, &str, Role)> = BTreeSet::new();
    let mut ms: Vec<(&ParticipationRow, Option<&MeetingRow>)> = Vec::new();
    for p in input.parts.iter().filter(|p| people.contains_key(&p.person)) {
        if seen.insert((p.person.as_str(), p.meeting.as_str(), p.role)) {
            ms.push((p, described.get(p.meeting.as_str())));
        }
    }
    // Unknown dates go last.
    let date_key = |m: Option<&MeetingRow>| m.and_then(|m| m.date.clone()).map_or((1, String::new()), |d| (0, d));
    ms.sort_by(|(a, ma), (b, mb)| {
        a.role.cmp(&b.role).then_with(|| date_key(*ma).cmp(&date_key(*mb))).then_with(|| a.meeting.cmp(&b.meeting))
    });
    let mut meetings = Table::new(&["role", "date", "meeting", "body", "title", "source"]);
    let mut bodies: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (p, m) in &ms {
        meetings.rows.push(vec![
            p.role.as_str().into(),
            m.and_then(|m| m.date.as_deref()).into(),
            m.map_or(p.meeting.as_str(), |m| m.label.as_str()).into(),
            m.and_then(|m| m.body.as_deref()).into(),
            p.title.as_deref().into(),
            keys.key_of(&p.article).into(),
        ]);
        if p.present() {
            let body = m.and_then(|m| m.body.clone()).unwrap_or_else(|| "(body unknown)".into());
            bodies.entry(body).or_default().insert(p.meeting.as_str());
        }
    }
    let mut by_body: Vec<(String, usize)> = bodies.into_iter().map(|(b, ms)| (b, ms.len())).collect();
    by_body.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut bt = Table::new(&["body", "meetings"]);
    for (b, n) in by_body {
        bt.rows.push(vec![b.into(), n.into()]);
    }
    (meetings, bt)
}
