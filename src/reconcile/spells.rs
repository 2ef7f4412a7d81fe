//! Careers as spells: the holdings of one person in one post, from the first
//! attestation to the last.
//!
//! Takes the holding rows of the store, the [`Lexicon`] (for post keys) and,
//! for each holding, the identity it belongs to (a person IRI and, where the
//! reference data decided, a person id). Gives [`Spell`]s, sorted by person,
//! post and first attestation: the articles that attest the post, the first
//! and last source, and how the spell ended when an article says so (a status
//! `former` or `removed`, or a later holder of a post one person holds at a
//! time). A gap between two attestations longer than [`Options::gap_days`]
//! starts a new spell. Never reads the store and never writes: `link` writes
//! the spells into the reconcile graph, and reports read them back as rows.
//!
//! A spell is what the news attests, not the term of office: the first
//! article naming someone in a post comes days or weeks after the
//! appointment, and the last one before the end.

use std::collections::BTreeMap;

use crate::date::Date;
use crate::identity::post::{PostKey, post_key};
use crate::kg::rows::HoldingRow;
use crate::lexicon::Lexicon;

/// The default gap (in days) without an attestation that splits a spell.
pub const DEFAULT_GAP_DAYS: i64 = 365;

/// Positions held by one person at a time: a later holder ends the spell of
/// the one before. Deputies (副…) and members are never single-holder posts.
/// Keep this list sorted.
const SINGLE_HOLDER: &[&str] = &[
    "主任",
    "主席",
    "书记",
    "区长",
    "县长",
    "州长",
    "市长",
    "总书记",
    "总理",
    "检察长",
    "省长",
    "行长",
    "部长",
    "院长",
    "首席大检察官",
    "首席大法官",
];

/// How a spell ended, when an article says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EndReason {
    /// An article calls the person the former holder (原…, 不再担任).
    Former,
    /// An article reports the removal (免去…职务).
    Removed,
    /// Another person is attested in the post afterwards.
    Successor,
}

impl EndReason {
    /// The name used in the graph and in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Former => "former",
            EndReason::Removed => "removed",
            EndReason::Successor => "successor",
        }
    }

    /// The reason a name gives (the inverse of [`EndReason::as_str`]).
    pub fn parse(s: &str) -> Option<EndReason> {
        [EndReason::Former, EndReason::Removed, EndReason::Successor].into_iter().find(|r| r.as_str() == s)
    }
}

/// One person in one post from the first attestation to the last.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Spell {
    /// The person's IRI.
    pub person: String,
    /// The person's name.
    pub name: String,
    /// The person id the reference data gave, when it decided.
    pub person_id: Option<String>,
    /// The post's readable name (江苏省委书记, 国务院总理).
    pub post: String,
    /// The body the post belongs to.
    pub body: String,
    /// The post's jurisdiction, when it has one.
    pub jurisdiction: Option<String>,
    /// The first attestation.
    pub from: Date,
    /// The last attestation.
    pub to: Date,
    /// The articles that attest it (IRIs), sorted.
    pub articles: Vec<String>,
    /// The article of the first attestation.
    pub first_source: String,
    /// The article of the last attestation.
    pub last_source: String,
    /// How it ended, when an article says so.
    pub end: Option<EndReason>,
    /// Whether the post is held by one person at a time.
    pub single_holder: bool,
}

/// How spells are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// A gap longer than this many days between two attestations splits a spell.
    pub gap_days: i64,
}

impl Default for Options {
    fn default() -> Options {
        Options { gap_days: DEFAULT_GAP_DAYS }
    }
}

/// Whether a post is held by one person at a time.
pub fn single_holder(position: &str) -> bool {
    SINGLE_HOLDER.binary_search(&position).is_ok()
}

/// The post a holding is of, when it means the same post in every article: a
/// post with a jurisdiction, or of a named national body (国务院总理). A bare
/// title (主任, or 市委书记 whose city the article left open) is none.
pub fn spell_post(h: &HoldingRow, lex: &Lexicon) -> Option<PostKey> {
    let key = post_key(&h.title, h.resolved.as_deref(), lex);
    if key.jurisdiction.is_some() {
        return Some(key);
    }
    let level_first = key.body.starts_with(['省', '市', '县', '区', '州', '本', '我']);
    (!key.body.is_empty() && !level_first && key.body.chars().count() >= 2).then_some(key)
}

/// One dated attestation of a post.
struct Att<'a> {
    date: Date,
    article: &'a str,
    end: Option<EndReason>,
}

/// The spells of every (identity, post), with the reference data's person id
/// for each holding given by `id_of` (`None`: the person IRI alone).
pub fn spells<'a>(
    holdings: &'a [HoldingRow],
    lex: &Lexicon,
    options: Options,
    id_of: impl Fn(&HoldingRow) -> Option<String>,
) -> Vec<Spell> {
    type Key = (String, Option<String>, String);
    let mut groups: BTreeMap<Key, (PostKey, &str, Vec<Att<'a>>)> = BTreeMap::new();
    for h in holdings {
        let Some(date) = h.date.as_deref().and_then(Date::parse) else { continue };
        let Some(key) = spell_post(h, lex) else { continue };
        let end = match h.status.as_str() {
            "Former" => Some(EndReason::Former),
            "Removed" => Some(EndReason::Removed),
            _ => None,
        };
        let g = groups.entry((h.person.clone(), id_of(h), key.label())).or_insert_with(|| (key, &h.name, Vec::new()));
        g.2.push(Att { date, article: &h.article, end });
    }
    let mut out = Vec::new();
    for ((person, person_id, post), (key, name, mut atts)) in groups {
        atts.sort_by(|a, b| (a.date, a.article, a.end).cmp(&(b.date, b.article, b.end)));
        let Some(first) = atts.first().map(|a| a.date) else { continue };
        let blank = Spell {
            person,
            name: name.to_string(),
            person_id,
            post,
            body: key.body.clone(),
            jurisdiction: key.jurisdiction.clone(),
            from: first,
            to: first,
            articles: Vec::new(),
            first_source: String::new(),
            last_source: String::new(),
            end: None,
            single_holder: single_holder(&key.position),
        };
        out.extend(cut(&blank, &atts, options));
    }
    mark_successors(&mut out);
    out.sort();
    out
}

/// Cuts the attestations of one identity in one post into spells.
fn cut(blank: &Spell, atts: &[Att<'_>], options: Options) -> Vec<Spell> {
    let mut out: Vec<Spell> = Vec::new();
    let mut open: Option<Spell> = None;
    for a in atts {
        if let Some(reason) = a.end {
            // A former or removed holder: the spell that reaches this day ends
            // here; one already closed by a gap takes the reason if it has none.
            if let Some(mut s) = open.take() {
                s.end = Some(reason);
                out.push(s);
            } else if let Some(last) = out.last_mut().filter(|s| s.end.is_none() && s.to <= a.date) {
                last.end = Some(reason);
            }
            continue;
        }
        if let Some(s) = open.as_mut() {
            if a.date.day_number() - s.to.day_number() <= options.gap_days {
                s.to = a.date;
                s.last_source = a.article.to_string();
                s.articles.push(a.article.to_string());
                continue;
            }
        }
        if let Some(s) = open.take() {
            out.push(s);
        }
        let mut s = blank.clone();
        s.from = a.date;
        s.to = a.date;
        s.first_source = a.article.to_string();
        s.last_source = a.article.to_string();
        s.articles.push(a.article.to_string());
        open = Some(s);
    }
    out.extend(open);
    for s in &mut out {
        s.articles.sort();
        s.articles.dedup();
    }
    out
}

/// In a post held by one person at a time, a spell with no stated end is
/// ended by the next spell of another identity that starts after it.
fn mark_successors(spells: &mut [Spell]) {
    type Holder<'a> = (&'a str, Option<&'a str>);
    let mut by_post: BTreeMap<&str, Vec<(Date, Holder<'_>)>> = BTreeMap::new();
    for s in spells.iter().filter(|s| s.single_holder) {
        by_post.entry(&s.post).or_default().push((s.from, (&s.person, s.person_id.as_deref())));
    }
    let ended: Vec<bool> = spells
        .iter()
        .map(|s| {
            s.single_holder
                && s.end.is_none()
                && by_post.get(s.post.as_str()).is_some_and(|others| {
                    others.iter().any(|(from, who)| *who != (s.person.as_str(), s.person_id.as_deref()) && *from > s.to)
                })
        })
        .collect();
    for (s, e) in spells.iter_mut().zip(ended) {
        if e {
            s.end = Some(EndReason::Successor);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    use crate::kg::rows::testing::holding as h;

    fn run(hs: &[HoldingRow], gap: i64) -> Vec<Spell> {
        spells(hs, &Lexicon::builtin(), Options { gap_days: gap }, |_| None)
    }

    #[test]
    fn attestations_make_a_spell_and_a_long_gap_splits_it() {
        let hs = vec![
            h("沈景行", "2020-01-05", "a1", "江苏省委书记", "Current"),
            h("沈景行", "2020-03-05", "a2", "江苏省委书记", "Current"),
            h("沈景行", "2020-03-05", "a3", "省委书记", "Current"),
            h("沈景行", "2022-03-05", "a4", "中共江苏省委书记", "Current"),
        ];
        let s = run(&hs, 365);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!((s[0].post.as_str(), s[0].articles.len()), ("江苏省委书记", 2));
        assert_eq!((s[0].from.to_string(), s[0].to.to_string()), ("2020-01-05".into(), "2020-03-05".into()));
        assert_eq!((s[0].first_source.as_str(), s[0].last_source.as_str()), ("a1", "a2"));
        assert_eq!(s[1].from.to_string(), "2022-03-05");
        assert_eq!(run(&hs, 800).len(), 1);
    }

    #[test]
    fn former_status_and_a_successor_end_spells() {
        let hs = vec![
            h("沈景行", "2020-01-05", "a1", "江苏省长", "Current"),
            h("沈景行", "2020-06-05", "a2", "江苏省长", "Former"),
            h("周文涛", "2020-07-01", "a3", "江苏省长", "Current"),
            h("周文涛", "2020-09-01", "a4", "江苏省长", "Current"),
            h("田志刚", "2021-01-01", "a5", "江苏省长", "Current"),
            h("高明远", "2020-01-05", "a1", "江苏省副省长", "Current"),
            h("韩立新", "2021-01-05", "a6", "江苏省副省长", "Current"),
        ];
        let s = run(&hs, 365);
        let end = |n: &str, p: &str| s.iter().find(|x| x.name == n && x.post == p).unwrap().end;
        assert_eq!(end("沈景行", "江苏省长"), Some(EndReason::Former));
        assert_eq!(end("周文涛", "江苏省长"), Some(EndReason::Successor));
        assert_eq!(end("田志刚", "江苏省长"), None);
        // A deputy post has several holders at once: no successor.
        assert_eq!(end("高明远", "江苏省副省长"), None);
    }

    #[test]
    fn bare_titles_give_no_spell_and_national_bodies_do() {
        let hs = vec![
            h("沈景行", "2020-01-05", "a1", "主任", "Current"),
            h("周文涛", "2020-01-05", "a1", "国务院总理", "Current"),
        ];
        let s = run(&hs, 365);
        assert_eq!(s.len(), 1);
        assert_eq!(
            (s[0].post.as_str(), s[0].body.as_str(), s[0].jurisdiction.as_deref()),
            ("国务院总理", "国务院", None)
        );
    }

    #[test]
    fn the_single_holder_list_is_sorted() {
        assert!(SINGLE_HOLDER.windows(2).all(|w| w[0] < w[1]));
        for r in [EndReason::Former, EndReason::Removed, EndReason::Successor] {
            assert_eq!(EndReason::parse(r.as_str()), Some(r));
        }
    }
}
