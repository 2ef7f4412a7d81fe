//! Every named person of an article with the titles it gives them.
//!
//! Takes the names found in the sentences. Gives one person per name, with each
//! title resolved against the article's jurisdiction (省长 in a provincial
//! report is that province's). Never links people across articles.

use super::*;
use crate::lexicon::Lexicon;

/// The article's jurisdiction: the first place named at the start of a held
/// meeting's name or of the headline.
pub(super) fn jurisdiction(ex: &Extraction, lex: &Lexicon) -> Option<String> {
    let starts = ex.meetings.iter().map(|m| m.name.as_str()).chain(ex.headline.as_deref());
    for s in starts {
        if let Some(n) = lex.place_names.longest_prefix(s) {
            let name = s.get(..n).unwrap_or_default();
            if let Some(p) = lex.place(name) {
                return Some(p.name.clone());
            }
        }
    }
    None
}

pub(super) fn resolve_title(
    title: &str,
    jurisdiction: Option<&str>,
    origin: Option<&str>,
    own_body: bool,
) -> Option<String> {
    if own_body {
        return origin.map(|o| format!("{o}{title}"));
    }
    let j = jurisdiction?;
    let level = j.chars().last()?;
    let generic = [
        "省委",
        "省政府",
        "省人大",
        "省政协",
        "省纪委",
        "省",
        "市委",
        "市政府",
        "市人大",
        "市政协",
        "市纪委",
        "市",
        "区委",
        "区",
        "县委",
        "县",
    ];
    let g = generic.iter().find(|g| title.starts_with(*g))?;
    let g_level = g.chars().next()?;
    if g_level != level {
        return None;
    }
    let stem = j.strip_suffix(level)?;
    Some(format!("{stem}{title}"))
}

/// Whether the post a title ends in is written acting (青岚市代市长).
pub(super) fn acting_post(title: &str, lex: &Lexicon) -> bool {
    lex.posts.longest_suffix(title).is_some_and(|n| {
        let (before, post) = title.split_at(title.len() - n);
        before.ends_with('代') || (post.starts_with('代') && post != "代表")
    })
}

pub(super) fn collect_persons<'a>(
    facts: &[SentenceFacts],
    doc: &Doc,
    ex: &Extraction,
    lex: &Lexicon,
    text_of: &impl Fn(Segment) -> &'a str,
) -> Vec<Person> {
    let jur = jurisdiction(ex, lex);
    let origin = doc.meta.origin_body.as_deref();
    let mut order: Vec<String> = Vec::new();
    let mut by_name: BTreeMap<String, Person> = BTreeMap::new();
    for f in facts {
        let t = text_of(f.segment);
        for o in &f.names {
            if o.fixed {
                continue;
            }
            if o.alias {
                let surface = t.get(o.start..o.end).unwrap_or_default().to_string();
                if let Some(person) = by_name.get_mut(&o.name) {
                    if !person.aliases.iter().any(|(a, _)| *a == surface) {
                        person.aliases.push((surface, evidence(f, (o.start, o.end), "person.alias")));
                    }
                }
                continue;
            }
            let person = by_name.entry(o.name.clone()).or_insert_with(|| {
                order.push(o.name.clone());
                Person {
                    name: o.name.clone(),
                    titles: Vec::new(),
                    aliases: Vec::new(),
                    evidence: evidence(f, (o.start, o.end), "person.name"),
                }
            });
            let own_body = ["我委", "我局", "我厅", "我办", "我院", "我部"]
                .iter()
                .any(|w| t.get(..o.start).is_some_and(|b| b.ends_with(w)));
            let mut titles: Vec<(String, usize, usize, &'static str)> =
                o.titles_before.iter().map(|(x, s, e)| (x.clone(), *s, *e, "title.before-name")).collect();
            if let Some((x, s, e)) = &o.title_after {
                titles.push((x.clone(), *s, *e, "title.after-name"));
            }
            for (title, s, e, rule) in titles {
                let (title, status) = if let Some(rest) = title.strip_prefix('原') {
                    (rest.to_string(), TitleStatus::Former)
                } else if title.starts_with('代') || acting_post(&title, lex) {
                    (title, TitleStatus::Acting)
                } else {
                    (title, TitleStatus::Current)
                };
                if title.is_empty() || person.titles.iter().any(|x| x.title == title) {
                    continue;
                }
                let resolved = resolve_title(&title, jur.as_deref(), origin, own_body && rule == "title.after-name");
                person.titles.push(TitleFact { title, resolved, status, evidence: evidence(f, (s, e), rule) });
            }
        }
        // Posts taken up or given up (任命甲为…, 乙不再担任…职务).
        for c in &f.changes {
            let Some(person) = f.names.get(c.name).and_then(|o| by_name.get_mut(&o.name)) else { continue };
            if let Some(existing) = person.titles.iter_mut().find(|x| x.title == c.title) {
                // The change says more than the bare title read with the name.
                existing.status = c.status;
                continue;
            }
            let resolved = c.with_body.clone().or_else(|| resolve_title(&c.title, jur.as_deref(), origin, false));
            person.titles.push(TitleFact {
                title: c.title.clone(),
                resolved,
                status: c.status,
                evidence: evidence(f, (c.start, c.end), c.rule),
            });
        }
    }
    order
        .into_iter()
        .filter_map(|n| by_name.remove(&n))
        .map(|mut p| {
            // A shorter repeat of a title already listed (总书记 after 中共中央总书记) goes.
            let all: Vec<String> = p.titles.iter().map(|t| t.title.clone()).collect();
            p.titles.retain(|t| !all.iter().any(|u| u != &t.title && u.ends_with(&t.title)));
            p
        })
        .collect()
}
