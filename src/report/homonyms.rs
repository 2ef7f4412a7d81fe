//! `report homonyms`: names holding current posts in places far apart at once,
//! and the jurisdiction a title names.
//!
//! Takes holding and article rows, the [`Lexicon`]'s gazetteer, and a window
//! in days. Gives the pairs of current titles of one person IRI in
//! jurisdictions neither inside the other, attested within the window of each
//! other: likely two people of one name, or a name the store merged. Dates are
//! compared as day numbers from [`crate::date`]. Never prints.

use std::collections::{BTreeMap, BTreeSet};

use super::article_keys;
use super::{Report, Table};
use crate::date::Date;
use crate::kg::rows::{ArticleRow, HoldingRow};
use crate::lexicon::Lexicon;

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

/// The current, dated holdings that name a jurisdiction, with their day numbers.
///
/// Of the holdings of one person in one jurisdiction on one day only the first
/// is kept: the pair [`homonym_pairs`] finds is the first in this order of those
/// with the smallest gap, and the first of such a group is the one it would
/// take. The pairs are compared all against all, so a person reported
/// thousands of times in one post must come down to few entries first.
fn placed(holdings: &[HoldingRow], lex: &Lexicon) -> Vec<(i64, Placed)> {
    let mut seen: BTreeSet<(String, String, i64)> = BTreeSet::new();
    holdings
        .iter()
        .filter(|h| h.status != "Former")
        .filter_map(|h| {
            let day = Date::parse(h.date.as_deref()?)?.day_number();
            let j = jurisdiction(h.best_title(), lex)?;
            Some((day, Placed { holding: h.clone(), jurisdiction: j }))
        })
        .filter(|(day, p)| seen.insert((p.holding.person.clone(), p.jurisdiction.clone(), *day)))
        .collect()
}

/// Pairs of current titles of one person IRI in jurisdictions neither inside the
/// other, attested within `window` days of each other: for each pair of
/// jurisdictions, the closest pair of titles.
pub(super) fn homonym_pairs(holdings: &[HoldingRow], lex: &Lexicon, window: i64) -> Vec<(Placed, Placed)> {
    let placed = placed(holdings, lex);
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
    let mut by_person: BTreeMap<&str, Vec<HoldingRow>> = BTreeMap::new();
    for h in holdings {
        by_person.entry(h.person.as_str()).or_default().push(h.clone());
    }
    let mut rows: Vec<(Placed, Placed)> = by_person.values().flat_map(|hs| homonym_pairs(hs, lex, window)).collect();
    rows.sort_by(|x, y| {
        (&x.0.holding.name, &x.0.jurisdiction, &x.1.jurisdiction).cmp(&(
            &y.0.holding.name,
            &y.0.jurisdiction,
            &y.1.jurisdiction,
        ))
    });
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
    for (a, b) in rows {
        t.rows.push(vec![
            a.holding.name.as_str().into(),
            a.jurisdiction.as_str().into(),
            a.holding.best_title().into(),
            a.holding.date.as_deref().into(),
            keys.key_of(&a.holding.article).into(),
            b.jurisdiction.as_str().into(),
            b.holding.best_title().into(),
            b.holding.date.as_deref().into(),
            keys.key_of(&b.holding.article).into(),
        ]);
    }
    Report::single("homonyms", t)
}
