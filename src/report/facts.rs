//! The tidy fact table: one row per article, meeting, person and role.
//!
//! Takes participation (with evidence), meeting, article and holding rows.
//! Gives a [`Table`] with the article and its date and source, the meeting as
//! that article reports it, the person, role, list and position, the title as
//! written and as resolved, and the evidence (sentence, span, rule), ordered by
//! article date, article key, meeting, list and position. Never prints.

use std::collections::BTreeMap;

use super::{Cell, Table};
use super::{article_keys, source_of};
use crate::kg::rows::{ArticleMeetingRow, ArticleRow, HoldingRow, ParticipationRow};

/// The fact table's columns.
const COLUMNS: [&str; 19] = [
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
];

/// The titles resolved by one article for one person, keyed by (article, person, title as written).
type Resolved<'a> = BTreeMap<(&'a str, &'a str, &'a str), &'a str>;

/// A participation's title with each of its parts resolved where the article
/// resolved it: a title as written may join several (市委副书记、市长), each
/// resolved on its own. `None` when no part was resolved.
fn resolved_title(p: &ParticipationRow, resolved: &Resolved<'_>) -> Option<String> {
    let t = p.title.as_deref()?;
    let mut any = false;
    let out: Vec<&str> = t
        .split('、')
        .map(|piece| match resolved.get(&(p.article.as_str(), p.person.as_str(), piece)) {
            Some(r) => {
                any = true;
                *r
            }
            None => piece,
        })
        .collect();
    any.then(|| out.join("、"))
}

/// The tidy fact table: one row per article, meeting, person and role, with
/// dates, body, kind, title as written and as resolved, list and position, and
/// the evidence (sentence, span, rule). Rows are ordered by article date,
/// article key, meeting, list and position.
pub fn fact_table(
    parts: &[ParticipationRow],
    meetings: &[ArticleMeetingRow],
    articles: &[ArticleRow],
    holdings: &[HoldingRow],
) -> Table {
    let keys = article_keys(articles);
    let per_article: BTreeMap<(&str, &str), &ArticleMeetingRow> =
        meetings.iter().map(|m| ((m.article.as_str(), m.meeting.as_str()), m)).collect();
    let resolved: Resolved<'_> = holdings
        .iter()
        .filter_map(|h| Some(((h.article.as_str(), h.person.as_str(), h.title.as_str()), h.resolved.as_deref()?)))
        .collect();
    let mut rows: Vec<(Option<&str>, &str, &ParticipationRow)> = parts
        .iter()
        .map(|p| {
            let a = keys.get(&p.article);
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
    let mut t = Table::new(&COLUMNS);
    for (date, key, p) in rows {
        let m = per_article.get(&(p.article.as_str(), p.meeting.as_str()));
        let a = keys.get(&p.article);
        t.rows.push(vec![
            key.into(),
            date.into(),
            a.map(source_of).into(),
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
            resolved_title(p, &resolved).into(),
            p.sentence.as_deref().into(),
            p.start.map_or(Cell::Empty, Cell::from),
            p.end.map_or(Cell::Empty, Cell::from),
            p.rule.as_deref().into(),
            a.and_then(|a| a.url.as_deref()).into(),
        ]);
    }
    t
}
