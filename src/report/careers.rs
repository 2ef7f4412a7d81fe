//! Careers as spells: a person's spells, a post's holders in order, the tidy
//! career table, and the names the reference data could not decide.
//!
//! Takes the [`SpellRow`]s and [`IdentityRow`]s `reconcile` wrote, and the
//! article rows (to name sources by key). Gives tables: the spells of some
//! persons in date order; the holders of a post in order, with the overlaps of
//! a post one person holds at a time flagged as a likely homonym (the overlapping
//! holder's name holds a post elsewhere at the same time, so the name is shared)
//! or a likely error (it does not); the career table `export careers` writes;
//! and the persons whose name fits several reference people. Never prints and
//! never queries the store.

use std::collections::BTreeSet;

use super::{Report, ReportError, Section, Table, article_keys};
use crate::kg::rows::{ArticleRow, IdentityRow, SpellRow};
use crate::normalize::normalize_fragment;

/// The columns of the career table.
pub const CAREER_COLUMNS: [&str; 11] = [
    "person",
    "person_id",
    "post",
    "body",
    "jurisdiction",
    "from",
    "to",
    "articles",
    "first_source",
    "last_source",
    "end_reason",
];

/// The spells of the persons `people` (IRIs), in date then post order.
pub fn spells_table(spells: &[SpellRow], people: &BTreeSet<&str>, articles: &[ArticleRow]) -> Table {
    let keys = article_keys(articles);
    let mut rows: Vec<&SpellRow> = spells.iter().filter(|s| people.contains(s.person.as_str())).collect();
    rows.sort_by(|a, b| (&a.from, &a.post, &a.to, &a.person).cmp(&(&b.from, &b.post, &b.to, &b.person)));
    let mut t = Table::new(&["person_id", "post", "from", "to", "articles", "end", "first_source", "last_source"]);
    for s in rows {
        t.rows.push(vec![
            s.person_id.as_deref().into(),
            s.post.as_str().into(),
            s.from.as_str().into(),
            s.to.as_str().into(),
            (s.articles as usize).into(),
            s.end_reason.as_deref().into(),
            keys.key_of(&s.first_source).into(),
            keys.key_of(&s.last_source).into(),
        ]);
    }
    t
}

/// `export careers`: one row per spell, in person, post and date order.
pub fn career_table(spells: &[SpellRow], articles: &[ArticleRow]) -> Table {
    let keys = article_keys(articles);
    let mut t = Table::new(&CAREER_COLUMNS);
    let mut rows: Vec<&SpellRow> = spells.iter().collect();
    rows.sort_by(|a, b| {
        (&a.name, &a.person_id, &a.person, &a.from, &a.post).cmp(&(&b.name, &b.person_id, &b.person, &b.from, &b.post))
    });
    for s in rows {
        t.rows.push(vec![
            s.name.as_str().into(),
            s.person_id.as_deref().into(),
            s.post.as_str().into(),
            s.body.as_str().into(),
            s.jurisdiction.as_deref().into(),
            s.from.as_str().into(),
            s.to.as_str().into(),
            (s.articles as usize).into(),
            keys.key_of(&s.first_source).into(),
            keys.key_of(&s.last_source).into(),
            s.end_reason.as_deref().into(),
        ]);
    }
    t
}

/// Whether two spells share a day.
fn overlap(a: &SpellRow, b: &SpellRow) -> bool {
    a.from <= b.to && b.from <= a.to
}

/// The identity a spell belongs to.
fn who(s: &SpellRow) -> (&str, Option<&str>) {
    (s.person.as_str(), s.person_id.as_deref())
}

/// How an overlap in a single-holder post reads: a likely homonym when the
/// other holder's name holds a post in another jurisdiction at the same time,
/// else a likely error.
fn verdict(other: &SpellRow, spells: &[SpellRow]) -> &'static str {
    let elsewhere = spells.iter().any(|s| {
        who(s) == who(other)
            && s.post != other.post
            && s.jurisdiction.is_some()
            && other.jurisdiction.is_some()
            && s.jurisdiction != other.jurisdiction
            && overlap(s, other)
    });
    if elsewhere { "likely homonym" } else { "likely error" }
}

/// `report post POST`: the holders of a post in order of first attestation,
/// with overlaps flagged. POST is the post's name (江苏省委书记), else part of it.
pub fn post(query: &str, spells: &[SpellRow], articles: &[ArticleRow]) -> Result<Report, ReportError> {
    let q = normalize_fragment(query);
    let exact: Vec<&SpellRow> = spells.iter().filter(|s| s.post == q).collect();
    let mut hs = if exact.is_empty() { spells.iter().filter(|s| s.post.contains(&q)).collect() } else { exact };
    if hs.is_empty() {
        return Err(ReportError::NoPost(q));
    }
    hs.sort_by(|a, b| (&a.from, &a.to, &a.post, &a.person).cmp(&(&b.from, &b.to, &b.post, &b.person)));
    let keys = article_keys(articles);
    let several: BTreeSet<&str> = hs.iter().map(|s| s.post.as_str()).collect();
    let mut t = Table::new(&[
        "post",
        "holder",
        "person_id",
        "from",
        "to",
        "articles",
        "end",
        "overlap",
        "first_source",
        "last_source",
    ]);
    let mut notes = Vec::new();
    if several.len() > 1 {
        notes.push(format!(
            "{q} matches {} posts: {}",
            several.len(),
            several.iter().copied().collect::<Vec<_>>().join("、")
        ));
    }
    for s in &hs {
        let flags: Vec<String> = hs
            .iter()
            .filter(|o| s.single_holder && o.post == s.post && who(o) != who(s) && overlap(s, o))
            .map(|o| format!("{} {}..{} ({})", o.name, o.from, o.to, verdict(o, spells)))
            .collect();
        t.rows.push(vec![
            s.post.as_str().into(),
            s.name.as_str().into(),
            s.person_id.as_deref().into(),
            s.from.as_str().into(),
            s.to.as_str().into(),
            (s.articles as usize).into(),
            s.end_reason.as_deref().into(),
            (!flags.is_empty()).then(|| flags.join("; ")).into(),
            keys.key_of(&s.first_source).into(),
            keys.key_of(&s.last_source).into(),
        ]);
    }
    Ok(Report { sections: vec![Section { name: "holders".into(), table: t }], notes })
}

/// The persons whose name fits several reference people: split by holding,
/// or left unlinked.
pub fn reference_homonyms(identities: &[IdentityRow]) -> Table {
    let mut t = Table::new(&["name", "person", "status", "candidates"]);
    for i in identities.iter().filter(|i| i.status != "linked") {
        let ids: Vec<&str> = i.entities.iter().map(|e| e.rsplit('/').next().unwrap_or(e)).collect();
        t.rows.push(vec![
            i.name.as_str().into(),
            i.person.as_str().into(),
            i.status.as_str().into(),
            ids.join(" ").into(),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::report::Cell;

    fn s(name: &str, post: &str, jur: &str, from: &str, to: &str) -> SpellRow {
        SpellRow {
            person: format!("p/{name}"),
            name: name.into(),
            post: post.into(),
            from: from.into(),
            to: to.into(),
            person_id: None,
            body: String::new(),
            jurisdiction: Some(jur.into()),
            articles: 3,
            first_source: "a".into(),
            last_source: "b".into(),
            end_reason: None,
            single_holder: true,
            spell: format!("s/{name}{post}{from}"),
        }
    }

    #[test]
    fn holders_come_in_order_and_overlaps_say_homonym_or_error() {
        let spells = vec![
            s("周文涛", "江苏省长", "江苏省", "2021-01-01", "2022-01-01"),
            s("沈景行", "江苏省长", "江苏省", "2018-01-01", "2020-12-01"),
            s("田志刚", "江苏省长", "江苏省", "2021-06-01", "2021-07-01"),
            s("田志刚", "青海省长", "青海省", "2021-01-01", "2022-01-01"),
            s("高明远", "江苏省长", "江苏省", "2021-08-01", "2021-08-02"),
        ];
        let r = post("江苏省长", &spells, &[]).unwrap();
        let t = &r.sections[0].table;
        let names: Vec<String> = t.rows.iter().map(|r| r[1].display()).collect();
        assert_eq!(names, ["沈景行", "周文涛", "田志刚", "高明远"]);
        let flags = t.rows[1][7].display();
        assert!(flags.contains("田志刚 2021-06-01..2021-07-01 (likely homonym)"), "{flags}");
        assert!(flags.contains("高明远 2021-08-01..2021-08-02 (likely error)"), "{flags}");
        assert_eq!(t.rows[0][7], Cell::Empty);
        assert!(post("上海市长", &spells, &[]).is_err());
    }
}
