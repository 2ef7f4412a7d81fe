//! Changes of post announced in a sentence: who is appointed, elected, removed
//! or no longer holds a post.
//!
//! Takes one sentence, the names found in it and the lexicon. Gives, for each
//! name, the posts the sentence links to it with their status: 任命甲为…, 甲当选
//! (为)…, 甲(同志)任… (appointed); 免去甲(的)…职务 (removed); 甲不再担任…职务,
//! 甲曾任… (former); 甲担任… (current). A list of posts sharing one body
//! (省委委员、常委、书记) keeps each post as written and also gives each its body
//! (省委常委, 省委书记) as the resolved form. Never finds names itself and never
//! reads a post that does not end in a known position.

use std::sync::OnceLock;

use memchr::memmem::Finder;

use super::TitleStatus;
use super::persons::NameOcc;
use super::text::char_at;
use crate::lexicon::Lexicon;

/// One post linked to a named person by a change of post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostChange {
    /// Index of the name in the sentence's name list.
    pub name: usize,
    /// The post as written.
    pub title: String,
    /// The post with the body it shares with the list's first post, where it
    /// is written without one.
    pub with_body: Option<String>,
    /// Status.
    pub status: TitleStatus,
    /// Byte range of the post.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The rule that read it.
    pub rule: &'static str,
}

/// Verbs between a name and the posts it takes or gives up, longest first
/// where one is the start of another.
const AFTER_NAME: &[(&str, TitleStatus, &str)] = &[
    ("不再担任", TitleStatus::Former, "post.former"),
    ("被任命为", TitleStatus::Appointed, "post.appointed"),
    ("被选举为", TitleStatus::Appointed, "post.elected"),
    ("被选为", TitleStatus::Appointed, "post.elected"),
    ("当选为", TitleStatus::Appointed, "post.elected"),
    ("当选", TitleStatus::Appointed, "post.elected"),
    ("出任", TitleStatus::Appointed, "post.appointed"),
    ("曾任", TitleStatus::Former, "post.former"),
    ("担任", TitleStatus::Current, "post.current"),
    ("兼任", TitleStatus::Current, "post.current"),
    ("任", TitleStatus::Appointed, "post.appointed"),
];

/// Verbs before a name whose posts follow 为 (任命甲为…) or close with 职务 (免去甲…职务).
const BEFORE_NAME: &[(&str, TitleStatus, &str)] = &[
    ("任命", TitleStatus::Appointed, "post.appointed"),
    ("提名", TitleStatus::Appointed, "post.appointed"),
    ("选举", TitleStatus::Appointed, "post.elected"),
    ("免去", TitleStatus::Removed, "post.removed"),
    ("免除", TitleStatus::Removed, "post.removed"),
];

/// Names right after 任命/免去 that the general name rules leave out because
/// 的 or 为 follows them (免去甲的…职务, 任命乙为…): the verb itself vouches for
/// the name. Gives occurrences not already among `names`.
pub fn names_after_verbs(text: &str, start: usize, end: usize, names: &[NameOcc], lex: &Lexicon) -> Vec<NameOcc> {
    let mut out = Vec::new();
    let sentence = text.get(start..end).unwrap_or_default();
    static APPOINT: OnceLock<Finder<'static>> = OnceLock::new();
    static REMOVE: OnceLock<Finder<'static>> = OnceLock::new();
    static RELIEVE: OnceLock<Finder<'static>> = OnceLock::new();
    let verbs = [(&APPOINT, "任命"), (&REMOVE, "免去"), (&RELIEVE, "免除")];
    for (at, verb) in verbs.into_iter().flat_map(|(cell, verb)| {
        crate::rx::cached_finder(cell, verb).find_iter(sentence.as_bytes()).map(move |at| (at, verb))
    }) {
        let from = start + at + verb.len();
        if names.iter().any(|o| o.start == from) {
            continue;
        }
        let rest = text.get(from..end).unwrap_or_default();
        let Some(sur) = lex.surnames.longest_prefix(rest) else { continue };
        let given_ok = |g: &str| {
            g.chars()
                .all(|c| super::text::is_han(c) && !lex.not_in_names.contains(&c) && !lex.rare_in_names.contains(&c))
        };
        let found = [2usize, 1].into_iter().find_map(|gl| {
            let given_end = super::text::advance(rest, sur, gl);
            let given = rest.get(sur..given_end)?;
            let after = rest.get(given_end..)?;
            let closes = if verb == "任命" { after.starts_with('为') } else { after.starts_with('的') }
                || after.starts_with("同志");
            (given.chars().count() == gl && given_ok(given) && closes && !lex.posts.contains(given))
                .then_some(given_end)
        });
        let Some(n) = found else { continue };
        if names.iter().any(|o| o.start < from + n && from < o.end) {
            continue;
        }
        out.push(NameOcc::at(rest.get(..n).unwrap_or_default(), from, from + n));
    }
    out
}

/// Finds the changes of post in `text[..end]` for the names of one sentence.
pub fn find(text: &str, end: usize, names: &[NameOcc], lex: &Lexicon) -> Vec<PostChange> {
    let mut out = Vec::new();
    for (i, o) in names.iter().enumerate() {
        if o.mention {
            continue;
        }
        let after_name = o.title_after.as_ref().map_or(o.end, |t| t.2);
        let rest = text.get(after_name..end).unwrap_or_default();
        let skip = if rest.starts_with("同志") { "同志".len() } else { 0 };
        let rest = rest.get(skip..).unwrap_or_default();
        let before = text.get(..o.start).unwrap_or_default();
        let found = if let Some(&(_, status, rule)) = BEFORE_NAME.iter().find(|(v, ..)| before.ends_with(v)) {
            // 任命甲为… / 免去甲(的)…职务.
            let lead = if status == TitleStatus::Removed {
                if rest.starts_with('的') { "的".len() } else { 0 }
            } else if rest.starts_with('为') {
                "为".len()
            } else {
                continue;
            };
            Some((after_name + skip + lead, status, rule))
        } else {
            AFTER_NAME
                .iter()
                .find(|(v, ..)| rest.starts_with(v))
                .map(|&(v, status, rule)| (after_name + skip + v.len(), status, rule))
        };
        let Some((from, status, rule)) = found else { continue };
        out.extend(posts(text, from, end, lex).into_iter().map(|(title, with_body, start, end)| PostChange {
            name: i,
            title,
            with_body,
            status,
            start,
            end,
            rule,
        }));
    }
    out
}

/// The 、-list of posts starting at `from`, up to 职务 or a clause break. Empty
/// when an item does not end in a known position (任务, 任期 are not posts).
fn posts(text: &str, from: usize, end: usize, lex: &Lexicon) -> Vec<(String, Option<String>, usize, usize)> {
    let mut stop = from;
    while stop < end {
        let Some(c) = char_at(text, stop) else { break };
        let rest = text.get(stop..end).unwrap_or_default();
        if matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':' | '（' | '(' | '\n')
            || rest.starts_with("职务")
            || rest.starts_with("的职务")
            || rest.starts_with("一职")
        {
            break;
        }
        stop += c.len_utf8();
        if text.get(from..stop).is_some_and(|s| s.chars().count() > 48) {
            return Vec::new();
        }
    }
    let mut items = Vec::new();
    let mut start = from;
    for piece in text.get(from..stop).unwrap_or_default().split('、') {
        let piece_end = start + piece.len();
        if !piece.is_empty() {
            items.push((piece.to_string(), start, piece_end));
        }
        start = piece_end + '、'.len_utf8();
    }
    if items.is_empty() || !items.iter().all(|(p, ..)| lex.posts.longest_suffix(p).is_some()) {
        return Vec::new();
    }
    // The body of the first post is shared by the bare positions after it.
    let body = items.first().and_then(|(p, ..)| body_of(p, lex)).unwrap_or_default();
    items
        .into_iter()
        .enumerate()
        .map(|(k, (p, s, e))| {
            let with_body = (k > 0 && !body.is_empty() && lex.posts.contains(&p)).then(|| format!("{body}{p}"));
            (p, with_body, s, e)
        })
        .collect()
}

/// The body a post is written with: what comes before the first split point
/// whose remainder is a known position (黑龙江省委 in 黑龙江省委委员).
fn body_of(post: &str, lex: &Lexicon) -> Option<String> {
    post.char_indices()
        .skip(1)
        .find(|&(i, _)| post.get(i..).is_some_and(|r| lex.posts.contains(r)))
        .and_then(|(i, _)| post.get(..i))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::persons::{self, Known};

    fn changes(s: &str) -> Vec<(String, String, Option<String>, TitleStatus)> {
        let lex = Lexicon::builtin();
        let mut known = Known::new();
        for o in persons::find(s, 0, s.len(), &lex, &known) {
            known.insert(o.name);
        }
        let mut names = persons::find(s, 0, s.len(), &lex, &known);
        let extra = names_after_verbs(s, 0, s.len(), &names, &lex);
        names.extend(extra);
        names.sort_by_key(|o| o.start);
        find(s, s.len(), &names, &lex)
            .into_iter()
            .map(|c| {
                let name = names.get(c.name).map(|o| o.name.clone()).unwrap_or_default();
                (name, c.title, c.with_body, c.status)
            })
            .collect()
    }

    #[test]
    fn appointed_and_former_with_shared_body() {
        let v = changes("周明远同志任青岚省委委员、常委、书记，郑立华同志不再担任青岚省委书记、常委、委员职务");
        assert_eq!(
            v,
            [
                ("周明远".into(), "青岚省委委员".into(), None, TitleStatus::Appointed),
                ("周明远".into(), "常委".into(), Some("青岚省委常委".into()), TitleStatus::Appointed),
                ("周明远".into(), "书记".into(), Some("青岚省委书记".into()), TitleStatus::Appointed),
                ("郑立华".into(), "青岚省委书记".into(), None, TitleStatus::Former),
                ("郑立华".into(), "常委".into(), Some("青岚省委常委".into()), TitleStatus::Former),
                ("郑立华".into(), "委员".into(), Some("青岚省委委员".into()), TitleStatus::Former),
            ]
        );
    }

    #[test]
    fn removed_and_appointed_by_decision() {
        let v = changes("会议决定免去孙志强的青岚市副市长职务，任命何建国为青岚市副市长");
        assert_eq!(
            v,
            [
                ("孙志强".into(), "青岚市副市长".into(), None, TitleStatus::Removed),
                ("何建国".into(), "青岚市副市长".into(), None, TitleStatus::Appointed),
            ]
        );
    }

    #[test]
    fn elected() {
        let v = changes("赵丽同志当选为青岚市人大常委会主任");
        assert_eq!(v, [("赵丽".into(), "青岚市人大常委会主任".into(), None, TitleStatus::Appointed)]);
    }

    #[test]
    fn not_a_post() {
        assert!(changes("周明远同志任务繁重").is_empty());
        assert!(changes("周明远同志任期内青岚市经济快速增长").is_empty());
    }
}
