//! `report coverage` and `report stats`: how much the store holds, and from where.
//!
//! Takes article, meeting and participation rows with the count of unnamed
//! participations per article, or the store's [`Counts`]. Gives, per source
//! and month, the articles read, meetings found, meetings reported with no
//! named participant, participations, and participations by unnamed bodies,
//! so that a missing tie can be told from missing data; and the totals of what
//! the store holds. Never prints.

use std::collections::{BTreeMap, BTreeSet};

use super::source_of;
use super::{Report, Table};
use crate::date::month_of;
use crate::kg::rows::{ArticleMeetingRow, ArticleRow, Counts, ParticipationRow};

/// The rows a coverage report reads.
pub struct CoverageInput<'a> {
    /// Articles.
    pub articles: &'a [ArticleRow],
    /// Meetings.
    pub meetings: &'a [ArticleMeetingRow],
    /// Participations.
    pub parts: &'a [ParticipationRow],
    /// Participations whose participant is not a named person, per article IRI.
    pub unnamed: &'a BTreeMap<String, usize>,
}

/// What one source reported in one month.
#[derive(Default)]
struct Tally {
    articles: usize,
    meetings: BTreeSet<String>,
    empty_reports: usize,
    parts: usize,
    unnamed: usize,
}

/// `report coverage`: per source and month, articles read, meetings found,
/// meetings reported with no named participant, participations, and
/// participations by unnamed bodies; so that a missing tie can be told from missing data.
pub fn coverage(input: &CoverageInput<'_>) -> Report {
    let mut t = Table::new(&[
        "source",
        "month",
        "articles",
        "meetings",
        "meetings_without_named_participant",
        "participations",
        "unnamed_participations",
    ]);
    for ((source, month), a) in tallies(input) {
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

/// The tallies by (source, month); articles without a date fall in `(no date)`.
fn tallies(input: &CoverageInput<'_>) -> BTreeMap<(String, String), Tally> {
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
    let mut acc: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for a in input.articles {
        let month = a.date.as_deref().and_then(month_of).unwrap_or("(no date)").to_string();
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
    acc
}

/// `report stats`: what the store holds.
pub fn stats(c: &Counts) -> Report {
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
