//! Persons of the store linked to real people of the reference data.
//!
//! Takes the [`Reference`], the holding rows, each person's appearances (IRI,
//! name, date) and the [`Lexicon`]'s gazetteer. Gives [`Links`]: for each
//! person IRI whose name the reference data knows, whether it is one reference
//! person ([`Link::Linked`]), several told apart by the jurisdiction and date
//! of each holding ([`Link::Split`]), or a name that fits several with nothing
//! to tell them apart ([`Link::Unlinked`]); and for each holding, the id of the
//! reference person it belongs to. Never guesses: a holding that fits several
//! people, or a person whose posts contradict the one reference person of the
//! name, stays unlinked. Never reads the store.
//!
//! A person is compatible with a reference person when every attestation
//! falls in their adult life (18 years after birth, up to a year after death),
//! and when the jurisdictions of the posts held in the first two years of the
//! reference person's memberships include the delegation the reference data
//! gives (a city counts as its province). Later posts say nothing: a
//! delegation is chosen at the election, and officials move between provinces.

use std::collections::{BTreeMap, BTreeSet};

use super::spells::spell_post;
use crate::date::Date;
use crate::identity::reference::{RefPerson, Reference};
use crate::kg::rows::HoldingRow;
use crate::lexicon::Lexicon;

/// Slack after a reference person's death during which news may still name them.
const AFTER_DEATH_DAYS: i64 = 365;

/// What the reference data says of one person IRI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// One reference person, with this id.
    Linked(String),
    /// Several reference people, told apart holding by holding (their ids).
    Split(Vec<String>),
    /// A name several reference people bear, with nothing to tell them apart:
    /// the ids of those with one, and how many have none.
    Unlinked(Vec<String>, usize),
}

/// The links of every person the reference data knows by name.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// By person IRI.
    pub persons: BTreeMap<String, Link>,
    /// By (person IRI, article IRI, title as written): the id of the reference
    /// person the holding belongs to.
    pub holdings: BTreeMap<(String, String, String), String>,
}

impl Links {
    /// The person id of a holding: the reference person's, else none.
    pub fn id_of(&self, h: &HoldingRow) -> Option<String> {
        self.holdings.get(&(h.person.clone(), h.article.clone(), h.title.clone())).cloned()
    }
}

/// One appearance of a person in the store: at a meeting or in a title.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Appearance {
    /// The person's IRI.
    pub person: String,
    /// The person's name.
    pub name: String,
    /// The article's date, when known.
    pub date: Option<Date>,
}

/// The province a jurisdiction lies in (itself when it is one or unknown).
fn province(j: &str, lex: &Lexicon) -> String {
    match lex.place(j) {
        Some(p) if !p.parent.is_empty() && p.parent != "中国" => province(&p.parent.clone(), lex),
        _ => j.to_string(),
    }
}

fn alive(c: &RefPerson, d: Date) -> bool {
    let born = c.birth.is_none_or(|b| d.year >= b.year.saturating_add(18));
    let dead = c.death.is_some_and(|x| d.day_number() - x.day_number() > AFTER_DEATH_DAYS);
    born && !dead
}

/// How long after a membership begins its jurisdiction still says where the
/// person serves: a delegation is chosen at the election, and officials move.
const MEMBERSHIP_DAYS: i64 = 730;

/// Whether day `d` falls in the first [`MEMBERSHIP_DAYS`] of a dated
/// membership of the reference person.
fn member_on(c: &RefPerson, d: Date) -> bool {
    c.periods.iter().any(|p| {
        p.what == "term"
            && p.from.is_some_and(|f| f <= d && d.day_number() - f.day_number() <= MEMBERSHIP_DAYS)
            && p.to.is_none_or(|t| d <= t)
    })
}

/// A dated post of a person with its province.
struct Placed<'a> {
    holding: &'a HoldingRow,
    date: Date,
    province: Option<String>,
}

/// Links every person whose name the reference data knows.
pub fn link(reference: &Reference, holdings: &[HoldingRow], appearances: &[Appearance], lex: &Lexicon) -> Links {
    let mut people: BTreeMap<&str, (&str, Vec<Date>)> = BTreeMap::new();
    for a in appearances {
        let e = people.entry(a.person.as_str()).or_insert((a.name.as_str(), Vec::new()));
        e.1.extend(a.date);
    }
    let mut posts: BTreeMap<&str, Vec<Placed<'_>>> = BTreeMap::new();
    for h in holdings.iter().filter(|h| h.status != "Former" && h.status != "Removed") {
        let Some(date) = h.date.as_deref().and_then(Date::parse) else { continue };
        let j = spell_post(h, lex).and_then(|k| k.jurisdiction).map(|j| province(&j, lex));
        posts.entry(h.person.as_str()).or_default().push(Placed { holding: h, date, province: j });
        people.entry(h.person.as_str()).or_insert((h.name.as_str(), Vec::new())).1.push(date);
    }
    let mut links = Links::default();
    for (person, (name, dates)) in people {
        let cands = reference.named(name);
        if cands.is_empty() {
            continue;
        }
        let mine = posts.get(person).map(Vec::as_slice).unwrap_or_default();
        // Each placed post goes to the one candidate it fits, if one.
        let mut assigned: BTreeMap<usize, Vec<&HoldingRow>> = BTreeMap::new();
        for p in mine {
            let Some(j) = &p.province else { continue };
            let fit: Vec<usize> = (0..cands.len())
                .filter(|&i| cands.get(i).is_some_and(|c| alive(c, p.date) && c.jurisdictions.contains(j)))
                .collect();
            if let [one] = fit.as_slice() {
                assigned.entry(*one).or_default().push(p.holding);
            }
        }
        let compatible = |c: &RefPerson| {
            let in_life = dates.iter().all(|&d| alive(c, d));
            // During a membership the posts must include its jurisdiction.
            let during: Vec<&Placed<'_>> =
                mine.iter().filter(|p| p.province.is_some() && member_on(c, p.date)).collect();
            let fits = during.is_empty()
                || c.jurisdictions.is_empty()
                || during.iter().any(|p| p.province.as_ref().is_some_and(|j| c.jurisdictions.contains(j)));
            in_life && fits
        };
        let ids: Vec<String> = cands.iter().filter_map(|c| c.qid.clone()).collect();
        let link = match (cands.as_slice(), assigned.len()) {
            // A name the source notes (王志刚 (校长)) is borne by others the
            // reference data may not list in Chinese: it takes a post where the
            // person sat to link.
            ([one], _) if compatible(one) && (!one.noted || assigned.contains_key(&0)) => {
                one.qid.clone().map(Link::Linked)
            }
            ([_], _) => None,
            (_, 1) => assigned
                .keys()
                .next()
                .and_then(|&i| cands.get(i))
                .filter(|c| compatible(c))
                .and_then(|c| c.qid.clone())
                .map(Link::Linked),
            (_, 0) => Some(Link::Unlinked(ids.clone(), cands.len() - ids.len())),
            _ => {
                let split: BTreeSet<String> =
                    assigned.keys().filter_map(|&i| cands.get(i).and_then(|c| c.qid.clone())).collect();
                for (&i, hs) in &assigned {
                    let Some(q) = cands.get(i).and_then(|c| c.qid.clone()) else { continue };
                    for h in hs {
                        links.holdings.insert((h.person.clone(), h.article.clone(), h.title.clone()), q.clone());
                    }
                }
                Some(Link::Split(split.into_iter().collect()))
            }
        };
        match link {
            Some(Link::Linked(q)) => {
                for h in holdings_of(holdings, person) {
                    links.holdings.insert((h.person.clone(), h.article.clone(), h.title.clone()), q.clone());
                }
                links.persons.insert(person.to_string(), Link::Linked(q));
            }
            Some(l) => {
                links.persons.insert(person.to_string(), l);
            }
            None if cands.len() > 1 => {
                links.persons.insert(
                    person.to_string(),
                    Link::Unlinked(ids, cands.len() - cands.iter().filter(|c| c.qid.is_some()).count()),
                );
            }
            None => {}
        }
    }
    links
}

/// The holdings of one person (holding rows are sorted by person).
fn holdings_of<'a>(holdings: &'a [HoldingRow], person: &str) -> &'a [HoldingRow] {
    let start = holdings.partition_point(|h| h.person.as_str() < person);
    let end = holdings.partition_point(|h| h.person.as_str() <= person);
    holdings.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    const TERM: &str = "id,name,area,wikidata,start_date,end_date\n\
        a1,沈景行,江苏省,Q900000001,2013-03-05,2018-03-04\n\
        a2,沈景行,浙江省,Q900000002,2013-03-05,2018-03-04\n\
        a3,周文涛,青海省,Q900000003,2013-03-05,2018-03-04\n\
        a4,田志刚,江苏省,Q900000004,2013-03-05,2018-03-04\n\
        a5,田志刚,江苏省,Q900000005,2013-03-05,2018-03-04\n";

    fn h(person: &str, date: &str, article: &str, title: &str) -> HoldingRow {
        crate::kg::rows::testing::holding(person, date, article, title, "Current")
    }

    #[test]
    fn jurisdiction_splits_one_name_and_a_contradiction_unlinks() {
        let r = Reference::from_texts(&[("t.csv", TERM)]).unwrap();
        let mut hs = vec![
            h("沈景行", "2015-01-05", "a1", "南京市委书记"),
            h("沈景行", "2016-01-05", "a2", "浙江省副省长"),
            h("周文涛", "2015-01-05", "a3", "江苏省副省长"),
            h("田志刚", "2015-01-05", "a4", "江苏省副省长"),
        ];
        hs.sort();
        let links = link(&r, &hs, &[], &Lexicon::builtin());
        assert_eq!(links.persons["p/沈景行"], Link::Split(vec!["Q900000001".into(), "Q900000002".into()]));
        assert_eq!(links.id_of(&hs[1]).as_deref(), Some("Q900000001"));
        assert_eq!(links.id_of(&hs[2]).as_deref(), Some("Q900000002"));
        // 周文涛 sat for 青海 while holding posts only in 江苏: not the same person.
        assert!(!links.persons.contains_key("p/周文涛"));
        // Two 田志刚 of 江苏: nothing tells them apart.
        assert_eq!(links.persons["p/田志刚"], Link::Unlinked(vec!["Q900000004".into(), "Q900000005".into()], 0));
    }

    #[test]
    fn a_noted_name_links_only_by_a_post_where_the_person_sat() {
        let holders = "position,person,personID,start,end,gender,DOB,DOD\n\
            member of the National People's Congress,邵文博 (校长),Q900000011,2013-03-05,2018-03,male,1956,,\n";
        let term = "id,name,area,wikidata,start_date,end_date\nb2,邵文博,河北省,Q900000011,2013-03-05,2018-03-04\n";
        let r = Reference::from_texts(&[("h.csv", holders), ("t.csv", term)]).unwrap();
        let national = vec![h("邵文博", "2019-01-05", "a1", "科学技术部部长")];
        assert!(!link(&r, &national, &[], &Lexicon::builtin()).persons.contains_key("p/邵文博"));
        let local = vec![h("邵文博", "2014-01-05", "a2", "河北省副省长")];
        assert_eq!(link(&r, &local, &[], &Lexicon::builtin()).persons["p/邵文博"], Link::Linked("Q900000011".into()));
    }

    #[test]
    fn one_candidate_links_the_person_and_all_holdings() {
        let r = Reference::from_texts(&[("t.csv", TERM)]).unwrap();
        let hs = vec![h("周文涛", "2015-01-05", "a3", "国务院副总理")];
        let app =
            vec![Appearance {
                person: "p/周文涛".into(), name: "周文涛".into(), date: Date::parse("2020-01-01")
            }];
        let links = link(&r, &hs, &app, &Lexicon::builtin());
        assert_eq!(links.persons["p/周文涛"], Link::Linked("Q900000003".into()));
        assert_eq!(links.id_of(&hs[0]).as_deref(), Some("Q900000003"));
    }
}
