//! Posts and bodies as keys: a title to (jurisdiction, body, position).
//!
//! Takes a title as written (and the jurisdiction-resolved form extraction gave
//! it, if any) with the [`Lexicon`]'s posts and places. Gives a [`PostKey`] whose
//! parts are normalised so that variant spellings of one post collapse:
//! 江苏省委书记, 中共江苏省委书记 and 省委书记 resolved to Jiangsu all give
//! (江苏省, 江苏省委, 书记), and 代省长 is the post 省长 (the acting status is the
//! holding's, not the post's). Never guesses a jurisdiction the text does not
//! give: a title without one keeps `jurisdiction: None`, and the mapping scopes
//! such a post to its article.

use crate::lexicon::Lexicon;

/// The normalised parts of a post.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PostKey {
    /// The jurisdiction's full name (江苏省, 青岚市), when the title gives one.
    pub jurisdiction: Option<String>,
    /// The body, with its jurisdiction when known (江苏省委, 江苏省政府, 市委).
    pub body: String,
    /// The position alone (书记, 省长, 常委).
    pub position: String,
}

/// A body's normalised name and jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BodyKey {
    /// The jurisdiction's full name, when the name gives one.
    pub jurisdiction: Option<String>,
    /// The normalised name (中共 dropped, 人民政府 as 政府).
    pub name: String,
}

/// The characters that end the name of an administrative level.
const LEVELS: [char; 5] = ['省', '市', '县', '区', '州'];

/// Organs named right after a level character (市委, 省政府): they mark where a
/// jurisdiction not in the gazetteer (a county, a fictional city) ends.
const ORGANS: [&str; 8] = ["委", "政府", "人大", "政协", "纪委", "监委", "常委会", "委员会"];

impl PostKey {
    /// A readable name of the post, the same for every variant spelling:
    /// 江苏省委书记, 江苏省长.
    pub fn label(&self) -> String {
        match &self.jurisdiction {
            // The head of a government is named after the place: 江苏省 + 省长
            // reads 江苏省长, 江苏省 + 副省长 reads 江苏省副省长.
            Some(j) if is_government_head(&self.position) && self.body == government(j) => {
                match (j.chars().last(), self.position.chars().next()) {
                    (Some(l), Some(p)) if l == p => format!("{}{}", j.strip_suffix(l).unwrap_or(j), self.position),
                    _ => format!("{j}{}", self.position),
                }
            }
            _ => format!("{}{}", self.body, self.position),
        }
    }
}

/// 省长, 副市长, 常务副县长: a position that names its own body, the government.
fn is_government_head(position: &str) -> bool {
    position.ends_with('长') && position.chars().any(|c| LEVELS.contains(&c))
}

/// The government of a jurisdiction: 江苏省政府.
fn government(jurisdiction: &str) -> String {
    format!("{jurisdiction}政府")
}

fn clean(s: &str) -> String {
    let s: String = s.split_whitespace().collect();
    let s = s.strip_prefix("中国共产党").or_else(|| s.strip_prefix("中共")).unwrap_or(&s);
    s.replace("人民政府", "政府")
}

/// The jurisdiction at the start of `s` and the byte length it takes, if any.
fn jurisdiction_prefix(s: &str, lex: &Lexicon) -> Option<(String, usize)> {
    if let Some(n) = lex.place_names.longest_prefix(s) {
        let written = s.get(..n).unwrap_or_default();
        if let Some(p) = lex.place(written) {
            // A short form (江苏) followed by its level (省) takes the level too.
            let rest = s.get(n..).unwrap_or_default();
            let level = p.name.strip_prefix(written).filter(|l| !l.is_empty());
            let n = match level {
                Some(l) if rest.starts_with(l) => n + l.len(),
                _ => n,
            };
            return Some((p.name.clone(), n));
        }
    }
    // A place the gazetteer does not list: a name ending in a level character
    // followed by an organ (青岚市委, 融水县政府), or ending the text.
    for (i, c) in s.char_indices() {
        if i == 0 || !LEVELS.contains(&c) {
            continue;
        }
        let end = i + c.len_utf8();
        let rest = s.get(end..).unwrap_or_default();
        if rest.is_empty() || ORGANS.iter().any(|o| rest.starts_with(o)) {
            let name = s.get(..end).unwrap_or_default();
            // Two characters at least before the level (not 市委 alone), and only Han.
            if name.chars().count() >= 3 && name.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                return Some((name.to_string(), end));
            }
        }
        break;
    }
    None
}

/// The level character a jurisdiction-less key refers to (市 in 市委, 副市长), if any.
fn level_of(body: &str, position: &str) -> Option<char> {
    match body.chars().next() {
        Some(c) if LEVELS.contains(&c) => Some(c),
        Some(_) => None,
        None if is_government_head(position) => position.chars().find(|c| LEVELS.contains(c)),
        None => None,
    }
}

/// The one jurisdiction of `level` among `known`, if exactly one.
fn only_of_level(level: char, known: &[String]) -> Option<&String> {
    let mut it = known.iter().filter(|j| j.ends_with(level));
    let first = it.next()?;
    it.all(|j| j == first).then_some(first)
}

/// Gives a key without a jurisdiction (市委书记, 副市长) the article's one
/// jurisdiction of the same level, when `known` (the jurisdictions the article
/// names) holds exactly one such; otherwise returns the key unchanged.
pub fn qualify(key: PostKey, known: &[String]) -> PostKey {
    if key.jurisdiction.is_some() {
        return key;
    }
    let Some(level) = level_of(&key.body, &key.position) else { return key };
    let Some(j) = only_of_level(level, known) else { return key };
    let body = match key.body.strip_prefix(level) {
        Some(organ) if !organ.is_empty() => format!("{j}{organ}"),
        _ => government(j),
    };
    PostKey { jurisdiction: Some(j.clone()), body, position: key.position }
}

/// Gives a body without a jurisdiction (市委) the article's one jurisdiction of
/// the same level, as [`qualify`] does for posts.
pub fn qualify_body(key: BodyKey, known: &[String]) -> BodyKey {
    if key.jurisdiction.is_some() {
        return key;
    }
    let Some(level) = level_of(&key.name, "") else { return key };
    let Some(j) = only_of_level(level, known) else { return key };
    let Some(organ) = key.name.strip_prefix(level).filter(|o| !o.is_empty()) else { return key };
    BodyKey { jurisdiction: Some(j.clone()), name: format!("{j}{organ}") }
}

/// Whether a title is written as acting (代省长, 青岚市代市长).
pub fn written_acting(title: &str, lex: &Lexicon) -> bool {
    let s = clean(title);
    match lex.posts.longest_suffix(&s) {
        Some(n) => s.get(s.len().saturating_sub(n)..).is_some_and(|p| p.starts_with('代')),
        None => false,
    }
}

/// The normalised key of a body named `name`.
pub fn body_key(name: &str, lex: &Lexicon) -> BodyKey {
    let name = clean(name);
    let jurisdiction = jurisdiction_prefix(&name, lex).map(|(j, _)| j);
    BodyKey { jurisdiction, name }
}

/// The normalised key of a title. `resolved` is the form with its jurisdiction
/// that extraction worked out (省委书记 → 江苏省委书记), preferred when given.
pub fn post_key(title: &str, resolved: Option<&str>, lex: &Lexicon) -> PostKey {
    let s = clean(resolved.unwrap_or(title));
    let (prefix, mut position) = match lex.posts.longest_suffix(&s) {
        Some(n) if n <= s.len() => (s.get(..s.len() - n).unwrap_or_default(), s.get(s.len() - n..).unwrap_or(&s)),
        _ => ("", s.as_str()),
    };
    // 代省长 is acting in the post 省长.
    if let Some(rest) = position.strip_prefix('代') {
        if lex.posts.contains(rest) {
            position = rest;
        }
    }
    let position = position.to_string();
    let Some((jurisdiction, n)) = jurisdiction_prefix(prefix, lex) else {
        return PostKey { jurisdiction: None, body: prefix.to_string(), position };
    };
    let organ = prefix.get(n..).unwrap_or_default();
    if organ.is_empty() {
        // Nothing between the place and the position: the position names its body
        // (省长 → the government); otherwise the body is the jurisdiction itself.
        let body = if is_government_head(&position) { government(&jurisdiction) } else { jurisdiction.clone() };
        return PostKey { jurisdiction: Some(jurisdiction), body, position };
    }
    let body = format!("{jurisdiction}{organ}");
    PostKey { jurisdiction: Some(jurisdiction), body, position }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn key(title: &str, resolved: Option<&str>) -> PostKey {
        post_key(title, resolved, &Lexicon::builtin())
    }

    #[test]
    fn variants_of_one_post_collapse() {
        let a = key("江苏省委书记", None);
        let b = key("中共江苏省委书记", None);
        let c = key("省委书记", Some("江苏省委书记"));
        let d = key("中国共产党江苏省委书记", None);
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a, d);
        assert_eq!(a.jurisdiction.as_deref(), Some("江苏省"));
        assert_eq!(a.body, "江苏省委");
        assert_eq!(a.position, "书记");
        assert_eq!(a.label(), "江苏省委书记");
    }

    #[test]
    fn governor_variants_collapse_and_acting_is_the_same_post() {
        let a = key("江苏省长", None);
        let b = key("江苏省省长", None);
        let c = key("省长", Some("江苏省长"));
        let d = key("江苏省代省长", None);
        assert_eq!(a, c);
        assert_eq!(a.body, "江苏省政府");
        assert_eq!(a.position, "省长");
        assert_eq!(a.label(), "江苏省长");
        assert_eq!(a, b);
        assert_eq!(key("江苏省人民政府省长", None), a);
        assert_eq!(d.position, "省长");
        assert_eq!(d.jurisdiction, a.jurisdiction);
    }

    #[test]
    fn different_jurisdictions_do_not_collapse() {
        let js = key("江苏省委书记", None);
        let zj = key("浙江省委书记", None);
        let sz = key("苏州市委书记", None);
        assert_ne!(js, zj);
        assert_ne!(js, sz);
        assert_ne!(js.label(), zj.label());
        assert_eq!(sz.jurisdiction.as_deref(), Some("苏州市"));
    }

    #[test]
    fn different_positions_in_one_body_do_not_collapse() {
        let a = key("江苏省委书记", None);
        let b = key("江苏省委副书记", None);
        let c = key("江苏省委常委", None);
        assert_eq!(a.body, b.body);
        assert_eq!(a.body, c.body);
        assert_ne!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn places_outside_the_gazetteer_are_read_from_their_organ() {
        let a = key("青岚市委书记", None);
        assert_eq!(a.jurisdiction.as_deref(), Some("青岚市"));
        assert_eq!(a.body, "青岚市委");
        let b = key("青岚市人民政府秘书长", None);
        assert_eq!(b.body, "青岚市政府");
        assert_eq!(b.position, "秘书长");
    }

    #[test]
    fn titles_without_a_jurisdiction_stay_unresolved() {
        let a = key("市委书记", None);
        assert_eq!(a.jurisdiction, None);
        assert_eq!(a.body, "市委");
        assert_eq!(a.position, "书记");
        let b = key("副市长", None);
        assert_eq!(b.jurisdiction, None);
        assert_eq!(b.body, "");
    }

    #[test]
    fn bare_titles_take_the_one_jurisdiction_of_their_level() {
        let known = vec!["青岚市".to_string(), "浙江省".to_string()];
        let a = qualify(key("市委书记", None), &known);
        assert_eq!(a, key("青岚市委书记", None));
        let b = qualify(key("副市长", None), &known);
        assert_eq!(b.body, "青岚市政府");
        assert_eq!(b.label(), "青岚市副市长");
        assert_eq!(qualify(key("省委书记", None), &known), key("浙江省委书记", None));
        // Two cities: no guess.
        let two = vec!["青岚市".to_string(), "苏州市".to_string()];
        assert_eq!(qualify(key("市委书记", None), &two).jurisdiction, None);
        assert_eq!(qualify(key("主任", None), &known).jurisdiction, None);
        let lex = Lexicon::builtin();
        assert_eq!(qualify_body(body_key("市委", &lex), &known).name, "青岚市委");
        assert!(written_acting("青岚市代市长", &lex));
        assert!(!written_acting("青岚市长", &lex));
    }

    #[test]
    fn bodies_normalise() {
        let lex = Lexicon::builtin();
        assert_eq!(body_key("中共江苏省委", &lex), body_key("江苏省委", &lex));
        assert_eq!(body_key("江苏省人民政府", &lex).name, "江苏省政府");
        assert_eq!(body_key("青岚市委常委会", &lex).jurisdiction.as_deref(), Some("青岚市"));
        assert_eq!(body_key("国务院", &lex).jurisdiction, None);
    }
}
