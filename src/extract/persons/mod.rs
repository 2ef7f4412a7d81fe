//! Person names and the titles written with them.
//!
//! Takes one sentence and the lexicon. Gives name occurrences with the title
//! chain before each name (中共中央政治局常委、国务院总理李强) and the post after it
//! (许昆林省长). A run of Han characters is taken as a name only when it starts
//! with a surname, its given name has no function or post characters, and the
//! words around it are the ones names stand between in news prose: a title or
//! list on the left, a verb, post or punctuation on the right. Never invents a
//! name from a phrase that only looks like one: a candidate with weak context on
//! both sides is taken only if the same name was found with strong context.

use std::collections::HashSet;

mod context;
mod foreign;
mod lists;

use super::text::{self, advance, char_at, char_before, is_han};
use crate::lexicon::Lexicon;
use context::*;
use foreign::*;
use lists::*;

/// How much a context word tells about the candidate next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Ctx {
    Invalid,
    /// Another name follows directly (石奇珠李贻伟): the weakest acceptable context.
    Chain,
    Weak,
    Strong,
}

/// What stands right after a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Right {
    ctx: Ctx,
    /// Byte length of a post written right after the name (许昆林省长).
    post: usize,
    /// Byte length of a mention cue right after the name (讲话精神).
    cue: usize,
    /// Byte length of a role verb right after the name (作讲话).
    verb: usize,
}

/// A name found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameOcc {
    /// The name.
    pub name: String,
    /// Byte range in the segment text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Titles written before the name, each with its byte range, in order.
    pub titles_before: Vec<(String, usize, usize)>,
    /// Title written right after the name.
    pub title_after: Option<(String, usize, usize)>,
    /// Whether the name is followed by a cue that makes it a mention only
    /// (its speech, instruction or letter, or a fixed phrase).
    pub mention: bool,
    /// Whether the mention is a fixed phrase (习近平新时代中国特色社会主义思想).
    pub fixed: bool,
    /// Whether the titles before the name were taken from the head of its list.
    pub inherited: bool,
    /// Whether the text names the person by surname and post only (吴书记): the
    /// name is the full name of the one person of the article it fits.
    pub alias: bool,
}

impl NameOcc {
    /// Where the name and the post written right after it end.
    fn reach(&self) -> usize {
        self.title_after.as_ref().map_or(self.end, |t| t.2)
    }

    /// A name at `start..end` with nothing known around it yet: no titles, not a
    /// mention, not an alias.
    pub fn at(name: &str, start: usize, end: usize) -> NameOcc {
        NameOcc {
            name: name.to_string(),
            start,
            end,
            titles_before: Vec::new(),
            title_after: None,
            mention: false,
            fixed: false,
            inherited: false,
            alias: false,
        }
    }
}

/// Names found with strong context anywhere in the article, to accept weak
/// occurrences of the same names.
pub type Known = HashSet<String>;

/// Surname + post phrases (吴书记, 许省长) and the full names they stand for in
/// one article: built from the names and titles the article gives, so that a
/// phrase fitting two people stands for neither.
#[derive(Debug, Default)]
pub struct Aliases {
    by_phrase: std::collections::BTreeMap<String, Option<String>>,
    /// A searcher for each phrase that stands for one name, in the map's order,
    /// built on the first search after the last change: every sentence of the
    /// article is searched for every phrase.
    searchers: std::cell::OnceCell<Vec<(memchr::memmem::Finder<'static>, String, String)>>,
}

impl Aliases {
    /// Records that `name` holds a title ending in a known post.
    pub fn learn(&mut self, name: &str, title: &str, lex: &Lexicon) {
        let Some(sur) = lex.surnames.longest_prefix(name) else { return };
        let Some(plen) = lex.posts.longest_suffix(title) else { return };
        let post = title.get(title.len() - plen..).unwrap_or_default();
        // Only posts people are addressed by; 委员 or 常委 after a surname is no address.
        if !ADDRESS_POSTS.iter().any(|p| post.ends_with(p)) {
            return;
        }
        let phrase = format!("{}{post}", name.get(..sur).unwrap_or_default());
        let entry = self.by_phrase.entry(phrase).or_insert_with(|| Some(name.to_string()));
        if entry.as_deref() != Some(name) {
            *entry = None;
        }
        self.searchers = std::cell::OnceCell::new();
    }

    /// Occurrences of the phrases in `text[start..end]` outside the names already found.
    pub fn find(&self, text: &str, start: usize, end: usize, names: &[NameOcc], lex: &Lexicon) -> Vec<NameOcc> {
        let sentence = text.get(start..end).unwrap_or_default();
        let mut out = Vec::new();
        let searchers = self.searchers.get_or_init(|| {
            let named = self.by_phrase.iter().filter_map(|(phrase, name)| Some((phrase, name.as_ref()?)));
            named
                .map(|(phrase, name)| (memchr::memmem::Finder::new(phrase).into_owned(), phrase.clone(), name.clone()))
                .collect()
        });
        for (finder, phrase, name) in searchers {
            for at in finder.find_iter(sentence.as_bytes()) {
                let (a, b) = (start + at, start + at + phrase.len());
                let covered = names.iter().any(|o| {
                    let end = o.reach();
                    let begin = o.titles_before.first().map_or(o.start, |t| t.1);
                    begin < b && a < end
                });
                // The post must end where the phrase does: 王主任 is not 王主任委员.
                let sur = lex.surnames.longest_prefix(phrase).unwrap_or_default();
                let runs_on =
                    lex.posts.longest_prefix(text.get(a + sur..).unwrap_or_default()) != Some(phrase.len() - sur);
                if covered || runs_on {
                    continue;
                }
                let after = text.get(b..).unwrap_or_default();
                let mention = lex.mention_cues.longest_prefix(after).is_some() || after.starts_with('的');
                out.push(NameOcc { mention, alias: true, ..NameOcc::at(name, a, b) });
            }
        }
        out.sort_by_key(|o| o.start);
        out
    }
}

/// Posts by which people are addressed with their surname (吴书记, 许省长).
const ADDRESS_POSTS: &[&str] =
    &["书记", "省长", "市长", "区长", "县长", "主任", "部长", "主席", "总理", "委员长", "厅长", "局长", "组长"];

/// Finds names in `text[start..end]` (one sentence).
pub fn find(text: &str, start: usize, end: usize, lex: &Lexicon, known: &Known) -> Vec<NameOcc> {
    find_noting(text, start, end, lex, known, &mut Vec::new())
}

/// Like [`find`], and also adds to `misses` every name it asked `known` about
/// and did not find there.
///
/// The names found depend on `known` only through those answers, and a name set
/// only grows, so the result stays the same for any larger `known` that holds none
/// of `misses`: the article's second pass can then reuse the first pass's result
/// instead of reading the sentence again.
pub fn find_noting(
    text: &str,
    start: usize,
    end: usize,
    lex: &Lexicon,
    known: &Known,
    misses: &mut Vec<String>,
) -> Vec<NameOcc> {
    let mut known = Probe { known, misses };
    let s = text.get(..end).unwrap_or_default();
    let posts = PostStarts::new(s, start, lex);
    let mut out: Vec<NameOcc> = Vec::new();
    let mut i = start;
    while i < end {
        let Some(c) = char_at(s, i) else { break };
        if !is_han(c) {
            i += c.len_utf8();
            continue;
        }
        // A list goes on after a name's own post too: 韩正副总理、李强书记.
        let prev_end = out.last().map(NameOcc::reach);
        match best_candidate(s, start, i, lex, &posts, &mut known, prev_end) {
            Some((name_end, right)) => {
                let name = s.get(i..name_end).unwrap_or_default().to_string();
                let mut occ = NameOcc {
                    name,
                    start: i,
                    end: name_end,
                    // A title never reaches back over the name before it: in
                    // 国家主席习近平和俄罗斯总统普京 the second title starts after 和.
                    titles_before: titles_before(s, title_floor(s, start, prev_end), i, lex),
                    title_after: None,
                    mention: right.cue > 0,
                    fixed: false,
                    inherited: false,
                    alias: false,
                };
                if right.post > 0 {
                    let pe = name_end + right.post;
                    occ.title_after = Some((s.get(name_end..pe).unwrap_or_default().to_string(), name_end, pe));
                    // A cue may follow the post: 习近平总书记重要讲话.
                    let after = s.get(pe..).unwrap_or_default();
                    if let Some(n) = lex.mention_cues.longest_prefix(after) {
                        occ.mention = true;
                        occ.fixed = is_fixed(after.get(..n).unwrap_or_default());
                    }
                } else if right.cue > 0 {
                    let after = s.get(name_end..).unwrap_or_default();
                    occ.fixed = is_fixed(after.get(..right.cue).unwrap_or_default());
                }
                i = name_end;
                out.push(occ);
            }
            None => i += c.len_utf8(),
        }
    }
    extend_lists_backwards(s, start, lex, &mut out);
    anchor_lists(s, start, lex, &mut out);
    complete_lists(s, start, lex, &mut out);
    foreign_names(s, start, lex, &posts, &mut out);
    share_list_titles(s, &mut out);
    out
}

fn is_fixed(cue: &str) -> bool {
    cue.contains("思想") || cue.contains("理论") || cue.contains("为核心")
}

/// The longest post starting at each character of a sentence.
///
/// Every character is asked whether a post starts there, where a name starts and
/// again from each of the three characters after it, so the sentence is read once
/// up front instead of four times and more.
struct PostStarts {
    /// The first byte covered.
    from: usize,
    /// By byte offset from `from`: the byte length of the longest post starting
    /// there, or 0 for none (and inside a character).
    lens: Vec<u32>,
}

impl PostStarts {
    fn new(s: &str, from: usize, lex: &Lexicon) -> PostStarts {
        PostStarts { from, lens: lex.posts.longest_at_each(s.get(from..).unwrap_or_default()) }
    }

    /// The same as `lex.posts.longest_prefix(s.get(pos..))` for the sentence `s`
    /// the table was built from.
    fn at(&self, s: &str, pos: usize, lex: &Lexicon) -> Option<usize> {
        match pos.checked_sub(self.from).and_then(|k| self.lens.get(k)) {
            Some(&n) => (n > 0).then_some(n as usize),
            None => lex.posts.longest_prefix(s.get(pos..).unwrap_or_default()),
        }
    }
}

/// Answers whether a name is known, noting the names that are not.
struct Probe<'a> {
    known: &'a Known,
    misses: &'a mut Vec<String>,
}

impl Probe<'_> {
    fn contains(&mut self, name: &str) -> bool {
        let hit = self.known.contains(name);
        if !hit {
            self.misses.push(name.to_string());
        }
        hit
    }
}

/// A place in a sentence where a name may start, and what is read around it.
struct At<'a> {
    s: &'a str,
    /// The sentence's start: nothing before it is read.
    floor: usize,
    /// Where the surname would start.
    i: usize,
    lex: &'a Lexicon,
    posts: &'a PostStarts,
}

/// The end of the best name starting at `i`, if any.
fn best_candidate(
    s: &str,
    floor: usize,
    i: usize,
    lex: &Lexicon,
    posts: &PostStarts,
    known: &mut Probe<'_>,
    prev_end: Option<usize>,
) -> Option<(usize, Right)> {
    let at = At { s, floor, i, lex, posts };
    let (surname_lens, left) = at.name_may_start(prev_end)?;
    let mut best: Option<(Ctx, usize, usize, Right)> = None; // (ctx, post len, end, right)
    for sl in surname_lens.into_iter().flatten() {
        for gl in [2usize, 1] {
            let Some((strength, end, right)) = at.reading(sl, gl, left, known) else { continue };
            // Better context on the right beats length: 彭德银, then a comma, over 彭德
            // followed by a surname.
            let key = (strength, right.ctx, right.post, end);
            // A verb right after the shorter reading that takes in the longer one's
            // last character wins over it: 张伟作讲话 is 张伟 who 作讲话.
            let verb_takes_longer =
                best.as_ref().is_some_and(|b| b.2 > end && right.verb > 0 && end + right.verb > b.2 && strength >= b.0);
            if verb_takes_longer || best.as_ref().is_none_or(|b| (b.0, b.3.ctx, b.1, b.2) < key) {
                best = Some((strength, right.post, end, right));
            }
        }
    }
    best.map(|(_, _, end, right)| (end, right))
}

impl At<'_> {
    /// The surname lengths a name starting here may have (a compound surname,
    /// and its first character alone), and the context on the left; None where
    /// no name starts.
    fn name_may_start(&self, prev_end: Option<usize>) -> Option<([Option<usize>; 2], Ctx)> {
        let (s, floor, i, lex, posts) = (self.s, self.floor, self.i, self.lex, self.posts);
        let rest = s.get(i..).unwrap_or_default();
        // A name starts with a surname. Most characters start none, and this is the
        // cheapest test, so it comes before the ones below, which also only rule out.
        let sur = lex.surnames.longest_prefix(rest)?;
        // Where a post starts (常务副省长), no name does.
        if posts.at(s, i, lex).is_some() {
            return None;
        }
        // Nor inside one: in 代市长孙明 the 长 belongs to 市长, not to a surname 长孙.
        let mut back = i;
        for _ in 0..3 {
            let Some(c) = char_before(s, back) else { break };
            back -= c.len_utf8();
            if back < floor {
                break;
            }
            if posts.at(s, back, lex).is_some_and(|n| back + n > i) {
                return None;
            }
        }
        // A compound surname also allows reading its first character as a surname of its own.
        let mut surname_lens = [Some(sur), None];
        if sur > 3 {
            if let Some(single) = rest.chars().next().map(char::len_utf8) {
                if lex.surnames.contains(rest.get(..single).unwrap_or_default()) {
                    surname_lens[1] = Some(single);
                }
            }
        }
        // With nothing before it that starts a name, only a post right after makes
        // one (see below). Most candidates are of this kind, and the post table tells
        // at once, before the word look-ups that follow: every end a name could have
        // is asked, a few more than the readings try.
        let left = classify_left(s, floor, i, lex, prev_end);
        if left == Ctx::Invalid
            && !surname_lens
                .into_iter()
                .flatten()
                .any(|sl| [2, 1].into_iter().any(|gl| posts.at(s, advance(s, i + sl, gl), lex).is_some()))
        {
            return None;
        }
        // No name starts on the last character of an ordinary word: 有关同志 holds no 关同志.
        // A post ending right before is a title, not such a word: 主任何某 is 主任 何某.
        if let (Some(p), Some(c)) = (char_before(s, i), rest.chars().next())
            && i > floor
            && s.get(i - p.len_utf8()..i + c.len_utf8()).is_some_and(|w| lex.common_words.contains(w))
            && lex.posts.longest_suffix(s.get(floor..i).unwrap_or_default()).is_none()
        {
            return None;
        }
        // A surname that is also a word standing before names (和, 与, 同) is read as
        // that word: 和吴书记 is "and Secretary Wu", not a person 和吴.
        if lex.name_left.contains_key(rest.get(..sur).unwrap_or_default()) {
            return None;
        }
        Some((surname_lens, left))
    }

    /// The reading of a surname of `sl` bytes and a given name of `gl`
    /// characters: its strength, end and right context, or None when it is no
    /// name.
    fn reading(&self, sl: usize, gl: usize, left: Ctx, known: &mut Probe<'_>) -> Option<(Ctx, usize, Right)> {
        let (s, floor, i, lex, posts) = (self.s, self.floor, self.i, self.lex, self.posts);
        let given_start = i + sl;
        let end = advance(s, given_start, gl);
        if end > s.len() || s.get(given_start..end).is_none_or(|g| g.chars().count() != gl) {
            return None;
        }
        let given = s.get(given_start..end).unwrap_or_default();
        if !given.chars().all(|c| is_han(c) && !lex.not_in_names.contains(&c)) {
            return None;
        }
        let rare = given.chars().any(|c| lex.rare_in_names.contains(&c));
        // As in [`At::name_may_start`], for this end alone.
        if left == Ctx::Invalid && posts.at(s, end, lex).is_none() {
            return None;
        }
        let name = s.get(i..end).unwrap_or_default();
        if self.word_not_name(sl, gl, given, name, left) {
            return None;
        }
        // Nor does a name end inside a post that starts in it (公司总经理 holds
        // no person 公司总; 王总经理 no 王总).
        let last = end - given.chars().next_back().map_or(0, char::len_utf8);
        if posts.at(s, last, lex).is_some_and(|n| last + n > end) {
            return None;
        }
        // Surname + post refers to someone named elsewhere (根据吴书记要求): a
        // given name that is itself a surname right before a post is not a
        // name when nothing before it says a name starts here.
        if gl == 1
            && left == Ctx::Invalid
            && lex.surnames.contains(given)
            && posts.at(s, end, lex).is_some()
            && !known.contains(name)
        {
            return None;
        }
        let right = classify_right(s, end, lex, posts);
        if right.ctx == Ctx::Invalid {
            return None;
        }
        // A post right after the name vouches for it when the word before is an
        // ordinary verb (深入学习贯彻习近平总书记重要讲话), but only if the post
        // itself ends the phrase: in 全国政协副主席王某 the post runs on into a name.
        let left = match left {
            Ctx::Invalid if right.post == 0 || !post_ends_phrase(s, end + right.post, lex) => return None,
            Ctx::Invalid => Ctx::Weak,
            l => l,
        };
        // A given name with a rare character (顾其斌, 孙三元) stands between a
        // title or list and a post, verb or punctuation, or is known already.
        if rare && !(left == Ctx::Strong && (right.ctx == Ctx::Strong || is_punct_at(s, end))) && !known.contains(name)
        {
            return None;
        }
        let strength = left.max(right.ctx);
        // Another name right after is too little to go on (全国工 before 商联主席)
        // unless the name was found with strong context elsewhere.
        if !((strength == Ctx::Strong && right.ctx != Ctx::Chain) || known.contains(name)) {
            return None;
        }
        // Nor one ending where a country's name ends (罗斯 of 俄罗斯总统, 但美国),
        // or starting one that runs on (安提瓜 of 安提瓜和巴布达). Few candidates
        // get this far, so these look-ups come last.
        if lex.countries.longest_suffix(s.get(floor..end).unwrap_or_default()).is_some()
            || in_country_name(s, floor, i, end, lex)
        {
            return None;
        }
        Some((strength, end, right))
    }

    /// Whether the reading `name` is a word rather than a name: a place, a
    /// country, a post, a common word or verb, or one of them glued to a surname.
    fn word_not_name(&self, sl: usize, gl: usize, given: &str, name: &str, left: Ctx) -> bool {
        let (s, i, lex) = (self.s, self.i, self.lex);
        let rest = s.get(i..).unwrap_or_default();
        lex.posts.longest_prefix(given).is_some()
            || lex.place_names.contains(name)
            || lex.countries.contains(name)
            || lex.posts.contains(name)
            || lex.common_words.contains(name)
            || lex.role_verbs.contains(name)
            || (sl + gl * 3 == name.len()
                && gl == 2
                && lex.common_words.contains(s.get(i..advance(s, i, 2)).unwrap_or_default()))
            || (gl == 2
                && left != Ctx::Strong
                && rest.chars().next().is_some_and(|c| lex.word_surnames.contains(&c))
                && lex.common_words.contains(given))
            // 原江苏省长: a place right after 原 is where a former post was held.
            || (sl == "原".len() && rest.starts_with('原') && lex.place_names.longest_prefix(given).is_some())
            || lex.place_names.longest_prefix(name).is_some_and(|n| n >= 6)
            // 浙江大学教授: the end of an organisation's name before a post.
            || ORG_ENDS.iter().any(|e| given.ends_with(e))
    }
}

/// Ends of organisations' and ships' names (浙江大学, 人民医院, 海口舰): a given name never ends so.
const ORG_ENDS: &[&str] = &["大学", "学院", "中学", "小学", "医院", "公司", "集团", "银行", "研究院", "研究所", "舰"];

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<(String, Vec<String>, Option<String>, bool)> {
        let lex = Lexicon::builtin();
        find(s, 0, s.len(), &lex, &Known::new())
            .into_iter()
            .map(|o| {
                (o.name, o.titles_before.into_iter().map(|t| t.0).collect(), o.title_after.map(|t| t.0), o.mention)
            })
            .collect()
    }

    /// `titles_before` relies on every use of a break word being a match of its own.
    #[test]
    fn no_title_break_overlaps_itself() {
        for w in TITLE_BREAKS {
            let cs: Vec<char> = w.chars().collect();
            for k in 1..cs.len() {
                assert_ne!(cs.get(..k), cs.get(cs.len() - k..), "{w}");
            }
        }
    }

    #[test]
    fn chain_before_name() {
        let v = names("省委常委、常务副省长、省领导小组副组长费高云,省委常委、南京市委书记韩立明出席会议。");
        assert_eq!(v[0].0, "费高云");
        assert_eq!(v[0].1, ["省委常委", "常务副省长", "省领导小组副组长"]);
        assert_eq!(v[1].0, "韩立明");
        assert_eq!(v[1].1, ["省委常委", "南京市委书记"]);
    }

    #[test]
    fn title_after_name_and_mentions() {
        let v = names("许昆林省长在讲话时强调,要深入学习贯彻习近平总书记重要讲话精神。");
        assert_eq!(v[0].0, "许昆林");
        assert_eq!(v[0].2.as_deref(), Some("省长"));
        assert_eq!(v[1].0, "习近平");
        assert!(v[1].3);
    }

    #[test]
    fn lists_after_group_label() {
        let v = names("市领导罗冀京、陈志英、廉奕、黎明参加。");
        let n: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(n, ["罗冀京", "陈志英", "廉奕", "黎明"]);
        assert!(v.iter().all(|x| x.1.is_empty()));
    }

    #[test]
    fn shared_title_in_list() {
        let v = names("全国政协副主席王一鸣、李小华、张大同出席。");
        assert_eq!(v.len(), 3);
        assert!(v.iter().all(|x| x.1 == ["全国政协副主席"]));
    }

    #[test]
    fn no_names_from_ordinary_words() {
        assert_eq!(names("全面推进高质量发展,常务副省长出席,石家庄市长讲话。"), []);
    }

    #[test]
    fn surname_title_is_not_a_name() {
        assert!(names("根据吴书记、许省长的要求。").is_empty());
    }
}
