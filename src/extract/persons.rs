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
use std::sync::OnceLock;

use super::text::{advance, char_at, char_before, is_han, is_punct};
use crate::lexicon::Lexicon;

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

/// Words that cannot stand inside a title: a title segment is cut after the last one.
const TITLE_BREAKS: &[&str] = &[
    "由", "会议", "主持", "出席", "参加", "召开", "举行", "强调", "指出", "听取", "在", "对", "向", "请", "是", "为",
    "了", "的", "年", "月", "日", "号", "时", "上午", "下午", "消息", "与", "及", "同", "等", "以", "将", "并", "进行",
    "指导", "陪同", "受", "代表", "汇报", "讲话", "期间", "会上", "会前", "会后", "其中", "会见", "会谈", "会晤",
    "接见", "看望", "宴请", "致电", "审议", "部分",
];

/// [`TITLE_BREAKS`] as one automaton, so that a segment is searched once for all of them.
fn title_breaks() -> &'static aho_corasick::AhoCorasick {
    static A: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    crate::rx::cached_words(&A, TITLE_BREAKS)
}

/// Words of bodies' names that hold a title break (中央应对疫情工作领导小组组长,
/// 代表团团长). Countries' names hold some too (日本首相, 尼日利亚总统): see
/// [`in_country`].
const TITLE_WORDS: &[&str] = &["代表团", "应对", "针对"];

/// Whether the bytes `from..to` of `seg` lie inside the name of a country that
/// starts at most six characters before them.
fn in_country(seg: &str, from: usize, to: usize, lex: &Lexicon) -> bool {
    let mut q = from;
    for _ in 0..=6 {
        if seg.get(q..).and_then(|t| lex.countries.longest_prefix(t)).is_some_and(|n| q + n >= to) {
            return true;
        }
        match char_before(seg, q) {
            Some(c) => q -= c.len_utf8(),
            None => break,
        }
    }
    false
}

fn title_char(c: char) -> bool {
    (is_han(c) && c != '兼') || c.is_ascii_digit() || matches!(c, '“' | '”')
}

/// Characters a candidate name's left neighbour may end in when it is the name of
/// a body written right before a person (我委李侃桢主任, 省发展改革委李某).
fn body_suffix_char(c: char) -> bool {
    "委局办厅院部府会组区市省县处室司署行队".contains(c)
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

/// Where a title before a name may start: after a 和 that joins it to the name
/// (and post) before it (国家主席习近平和俄罗斯总统普京). 和 cannot be a title
/// break everywhere, since bodies' names hold it (住房和城乡建设部); and a title
/// may start with the name before it (习近平主席特别代表).
fn title_floor(s: &str, floor: usize, prev_end: Option<usize>) -> usize {
    match prev_end.filter(|&p| p >= floor) {
        Some(p) if s.get(p..).is_some_and(|t| t.starts_with('和')) => p + '和'.len_utf8(),
        _ => floor,
    }
}

/// Words that can follow a transliterated name and begin with a character that
/// transliterations also use: the name ends before them (普京本月…, 马克龙夫妇).
const AFTER_FOREIGN_NAMES: &[&str] = &[
    "大力", "夫人", "夫妇", "安排", "希望", "坚决", "坚持", "多次", "本人", "本周", "本国", "本年", "本月", "本次",
    "根据", "特别", "达到", "达成",
];

/// Transliterated foreign names after a country's post: a country's name in the
/// title, then the post, then a run of the characters transliterations are
/// written in (索马里总统马哈茂德, 俄罗斯外长拉夫罗夫, 巴基斯坦总理夏巴兹·谢里夫).
/// Such names seldom start with a Chinese surname, but the country and the post
/// say a name follows. A name found here replaces shorter readings inside it
/// (卢卡申 of 卢卡申科), and gives way to a reading that runs past it.
fn foreign_names(s: &str, floor: usize, lex: &Lexicon, posts: &PostStarts, out: &mut Vec<NameOcc>) {
    let mut last_end = 0;
    // Most bytes start no post: whole blocks of the table are passed over at once.
    let blocks = posts.lens.chunks(16).enumerate().filter(|(_, b)| b.iter().fold(0, |a, &n| a | n) != 0);
    let starts = blocks.flat_map(|(bi, b)| b.iter().enumerate().map(move |(j, &n)| (bi * 16 + j, n)));
    for (k, n) in starts {
        let post_start = posts.from + k;
        let start = post_start + n as usize;
        // Nested posts (副总统, 总统) end at the same place; one look is enough.
        if n == 0 || start <= last_end {
            continue;
        }
        let Some(end) = transliterated_run(s, start, lex) else { continue };
        // A country's name after a post is not a person's (总统阿富汗问题特使).
        if lex.countries.longest_prefix(s.get(start..end).unwrap_or_default()).is_some()
            || !country_before(s, floor, post_start, lex)
        {
            continue;
        }
        last_end = end;
        if out.iter().any(|o| o.start < end && start < o.end && (o.start < start || o.end > end)) {
            continue;
        }
        out.retain(|o| !(start <= o.start && o.end <= end));
        let name = s.get(start..end).unwrap_or_default();
        let mut occ = NameOcc::at(name, start, end);
        let prev_end = out.iter().map(NameOcc::reach).filter(|&e| e <= post_start).max();
        occ.titles_before = titles_before(s, title_floor(s, floor, prev_end), start, lex);
        // A title naming a country starts with the country: what comes before it
        // is the sentence's verb or adverb (欢迎白俄罗斯总统, 当天俄罗斯总统).
        for (title, a, _) in &mut occ.titles_before {
            if let Some(k) = first_country(title, lex) {
                title.replace_range(..k, "");
                *a += k;
            }
        }
        let at = out.partition_point(|o| o.start < start);
        out.insert(at, occ);
        // Titles read before this name was known may reach back over it and a 和
        // joining the next name (澳大利亚总督某某和总理): they start after the 和,
        // as `title_floor` has it. A title that runs on from the name is kept
        // (某某总统代表).
        let from = title_floor(s, end, Some(end));
        for o in out.iter_mut().filter(|o| from > end && o.start >= from) {
            for (title, a, b) in &mut o.titles_before {
                if *a < end && from < *b {
                    *title = s.get(from..*b).unwrap_or_default().to_string();
                    *a = from;
                }
            }
        }
    }
}

/// The end of the transliterated name starting at `start`: two or more
/// transliteration characters, parts joined by · or -, a reign number (二世)
/// kept, a word that follows names (夫妇) left out.
fn transliterated_run(s: &str, start: usize, lex: &Lexicon) -> Option<usize> {
    let rest = s.get(start..)?;
    let mut end = start;
    let mut count = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins =
            matches!(c, '·' | '-') && count > 0 && chars.peek().is_some_and(|&(_, d)| lex.transliteration.contains(&d));
        if !joins && !lex.transliteration.contains(&c) {
            break;
        }
        count += usize::from(!joins);
        end = start + i + c.len_utf8();
        // Long runs are text, not one name.
        if count > 12 {
            return None;
        }
    }
    // The last character may begin a word that follows the name.
    if let Some(last) = char_before(s, end).filter(|_| count > 0) {
        let from = end - last.len_utf8();
        if AFTER_FOREIGN_NAMES.iter().any(|w| s.get(from..).is_some_and(|t| t.starts_with(w))) {
            end = from;
            count -= 1;
        }
    }
    if count < 2 {
        return None;
    }
    let after = s.get(end..).unwrap_or_default();
    let mut reign = after.chars();
    if let (Some(d), Some('世')) = (reign.next(), reign.next())
        && "一二三四五六七八九十".contains(d)
    {
        end += d.len_utf8() + '世'.len_utf8();
    }
    Some(end)
}

/// Whether the title before a post, back to the start of the sentence or the
/// first character that cannot be in a title, names a country (美国前总统,
/// 俄罗斯总统新闻秘书, 刚果(金)总统).
fn country_before(s: &str, floor: usize, post_start: usize, lex: &Lexicon) -> bool {
    let mut st = post_start;
    for _ in 0..20 {
        match char_before(s, st) {
            Some(c) if st > floor && (is_han(c) || c == '(' || c == ')') => st -= c.len_utf8(),
            _ => break,
        }
    }
    first_country(s.get(st..post_start).unwrap_or_default(), lex).is_some()
}

/// Where the first country's name in `text` starts.
fn first_country(text: &str, lex: &Lexicon) -> Option<usize> {
    text.char_indices().map(|(k, _)| k).find(|&k| text.get(k..).and_then(|t| lex.countries.longest_prefix(t)).is_some())
}

/// The items of a 、-list starting at `from`, with their byte ranges: each runs
/// up to a 、, a character that is not Han, 等, or a role verb, post or word that
/// follows names. An item too long for a name is split at a 和 or 及 (王某和郑某),
/// which a short item keeps as part of the name (罗富和).
fn list_items(s: &str, from: usize, lex: &Lexicon) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut pos = from;
    loop {
        let rest = s.get(pos..).unwrap_or_default();
        let mut len = 0;
        for c in rest.chars() {
            if !is_han(c) || c == '、' || c == '等' {
                break;
            }
            len += c.len_utf8();
            let tail = rest.get(len..).unwrap_or_default();
            // A name has two characters at least, so a verb after one is part of it (蒋作君).
            if len > c.len_utf8()
                && (lex.role_verbs.longest_prefix(tail).is_some()
                    || lex.name_right_words.longest_prefix(tail).is_some()
                    || lex.posts.longest_prefix(tail).is_some())
            {
                break;
            }
        }
        let item = rest.get(..len).unwrap_or_default();
        // A country's name holds 和 too (安提瓜和巴布达): no split inside one.
        let country = lex.countries.longest_prefix(item).unwrap_or(0);
        if item.chars().count() > 4 {
            let split = item.match_indices(['和', '及']).filter(|(i, _)| *i >= country).find(|(i, j)| {
                let (l, r) = (item.get(..*i).unwrap_or_default(), item.get(i + j.len()..).unwrap_or_default());
                (2..=4).contains(&l.chars().count()) && (2..=4).contains(&r.chars().count())
            });
            match split {
                Some((i, j)) => {
                    items.push((pos, pos + i));
                    items.push((pos + i + j.len(), pos + len));
                }
                None => items.push((pos, pos + len)),
            }
        } else {
            items.push((pos, pos + len));
        }
        if !rest.get(len..).unwrap_or_default().starts_with('、') {
            return items;
        }
        pos += len + '、'.len_utf8();
    }
}

/// A list of three or more items after a word that introduces names (还有, 有),
/// every item of a name's shape and most starting with a known surname, is a list
/// of names even when no single item has context of its own: 出席会议的还有甲、乙、
/// 丙等, where the last is a name of rare surname.
fn anchor_lists(s: &str, floor: usize, lex: &Lexicon, out: &mut Vec<NameOcc>) {
    let mut added: Vec<NameOcc> = Vec::new();
    let mut i = floor;
    // The next 、 at or after `i`: a list needs one ahead, and most sentences have
    // none, or none after their lists, so the search below stops there.
    let mut sep: Option<usize> = None;
    while i < s.len() {
        if sep.is_none_or(|p| p < i) {
            // A finder, not `str::find`: that looks for the character's last
            // byte, which half of all Chinese characters also have.
            static SEP: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
            sep = s.get(i..).and_then(|r| crate::rx::cached_finder(&SEP, "、").find(r.as_bytes())).map(|p| i + p);
        }
        let Some(q) = sep else { break };
        // The 、 must come within ten characters (40 bytes at most) of the word,
        // so nothing further back from the next one than that and the longest
        // word can start a list.
        if let Some(from) = q.checked_sub(lex.name_left_words.longest_len() + 40).filter(|&f| f > i) {
            i = (from..s.len()).find(|&p| s.is_char_boundary(p)).unwrap_or(s.len());
            continue;
        }
        let rest = s.get(i..).unwrap_or_default();
        let Some(c) = rest.chars().next() else { break };
        let Some(n) = lex.name_left_words.longest_prefix(rest) else {
            i += c.len_utf8();
            continue;
        };
        // Words before names (和, 有, 与) are common; a list of three needs a 、
        // within the first nine characters (two names joined by 和 at most), so
        // most of them are passed over without reading items.
        let head = rest.get(n..).unwrap_or_default().chars().take(10);
        if !head.take_while(|&ch| is_han(ch) && ch != '等' || ch == '、').any(|ch| ch == '、') {
            i += c.len_utf8();
            continue;
        }
        let items = list_items(s, i + n, lex);
        let names: Vec<&str> = items.iter().map(|&(a, b)| s.get(a..b).unwrap_or_default()).collect();
        let surnamed = names
            .iter()
            .filter(|x| {
                lex.surnames
                    .longest_prefix(x)
                    .is_some_and(|sl| (1..=2).contains(&x.get(sl..).unwrap_or("").chars().count()))
            })
            .count();
        if names.len() >= 3 && names.iter().all(|x| list_item_is_name(x, lex)) && surnamed * 3 >= names.len() * 2 {
            for (&(a, b), name) in items.iter().zip(&names) {
                if !out.iter().chain(&added).any(|x| x.start < b && a < x.end) {
                    added.push(NameOcc::at(name, a, b));
                }
            }
            i = items.last().map_or(i + n, |l| l.1);
        } else {
            i += c.len_utf8();
        }
    }
    if !added.is_empty() {
        out.extend(added);
        out.sort_by_key(|o| o.start);
    }
}

/// Whether `item` has the shape of a name in a list of names: two to four Han
/// characters with no function or post characters; one that does not start with
/// a known surname (巴音朝鲁, 帕尔哈提) must be three or four long.
fn list_item_is_name(item: &str, lex: &Lexicon) -> bool {
    let n = item.chars().count();
    if !(2..=4).contains(&n)
        || lex.place_names.contains(item)
        || lex.countries.contains(item)
        || lex.posts.longest_prefix(item).is_some()
    {
        return false;
    }
    if lex.group_labels.contains(item) || lex.common_words.contains(item) || lex.posts.longest_suffix(item).is_some() {
        return false;
    }
    let sur = lex.surnames.longest_prefix(item);
    if sur.is_none() && n < 3 {
        return false;
    }
    let given = item.get(sur.unwrap_or(0)..).unwrap_or_default();
    // Inside a list the context already says names; only function words and
    // the characters of posts and bodies rule an item out.
    const NEVER: &str = "的了在与及等是为对从把被将向于并也都而或就市县局厅委组省记议召开席讲话参持调示求说会届次第年月日号时这那各该此每由们负责者";
    !given.is_empty() && item.chars().all(is_han) && !given.chars().any(|c| NEVER.contains(c))
}

/// A list of names is a run of items joined by 、 (and a last 和 or 及). When one
/// item of it is a name found with strong context, the other items that have the
/// shape of names are names too: 大会执行主席于某、王某、巴音朝鲁、冯某…在主席台就座.
fn complete_lists(s: &str, floor: usize, lex: &Lexicon, out: &mut Vec<NameOcc>) {
    let mut added: Vec<NameOcc> = Vec::new();
    let overlaps = |a: usize, b: usize, out: &[NameOcc], added: &[NameOcc]| {
        out.iter().chain(added).any(|x| x.start < b && a < x.end)
    };
    // Where a walk along the list has been, in each direction. A walk from a place
    // another walk has passed would read the same items again and add none of them
    // (each was added then or overlapped a name, and still does), so it stops
    // there. Without this, every name of a list of n names walked the rest of the
    // list, n² items in all.
    let mut seen_right: HashSet<usize> = HashSet::new();
    let mut seen_left: HashSet<usize> = HashSet::new();
    for o in out.iter() {
        // Rightwards: 、item、item… up to a delimiter.
        let mut pos = o.end;
        while seen_right.insert(pos) {
            let rest = s.get(pos..).unwrap_or_default();
            let Some(sep) = rest.chars().next().filter(|c| matches!(c, '、' | '和' | '及')) else { break };
            let item_start = pos + sep.len_utf8();
            let item_rest = s.get(item_start..).unwrap_or_default();
            let mut len = 0;
            for c in item_rest.chars() {
                if !is_han(c) || c == '、' || c == '和' || c == '及' || c == '等' {
                    break;
                }
                len += c.len_utf8();
                if lex.role_verbs.longest_prefix(item_rest.get(len..).unwrap_or_default()).is_some()
                    || lex.name_right_words.longest_prefix(item_rest.get(len..).unwrap_or_default()).is_some()
                    || lex.posts.longest_prefix(item_rest.get(len..).unwrap_or_default()).is_some()
                {
                    break;
                }
            }
            let item_end = item_start + len;
            let item = s.get(item_start..item_end).unwrap_or_default();
            if !list_item_is_name(item, lex) || in_country_name(s, floor, item_start, item_end, lex) {
                break;
            }
            // 、民建中央主席郝某: an item followed by a post and then more of a name
            // is the body of the next name's title, not a name with its title after
            // (、许某省长、 or 、许某省长出席).
            let after = s.get(item_end..).unwrap_or_default();
            if let Some(pl) = lex.posts.longest_prefix(after) {
                let tail = after.get(pl..).unwrap_or_default();
                let ends = tail.chars().next().is_none_or(|c| !is_han(c) || matches!(c, '、' | '和' | '及' | '等'))
                    || lex.role_verbs.longest_prefix(tail).is_some()
                    || lex.name_right_words.longest_prefix(tail).is_some();
                if !ends {
                    break;
                }
            }
            if !overlaps(item_start, item_end, out, &added) {
                added.push(NameOcc::at(item, item_start, item_end));
            }
            pos = item_end;
        }
        // Leftwards: …item、item before this name.
        let mut pos = o.start;
        while let Some(sep) = char_before(s, pos).filter(|c| matches!(c, '、' | '和' | '及')) {
            if !seen_left.insert(pos) {
                break;
            }
            let item_end = pos - sep.len_utf8();
            let mut item_start = item_end;
            while let Some(c) = char_before(s, item_start) {
                if item_start <= floor || !is_han(c) || c == '、' {
                    break;
                }
                item_start -= c.len_utf8();
            }
            let mut item = s.get(item_start..item_end).unwrap_or_default();
            let mut titled = false;
            if !list_item_is_name(item, lex) {
                // The head of the list may carry its title or a word that introduces
                // names: 副主席胡某、…, 还有陈某、….
                let head = (2..=4).rev().find_map(|n| {
                    let st = (0..n).try_fold(item_end, |p, _| char_before(s, p).map(|c| p - c.len_utf8()))?;
                    let name = s.get(st..item_end)?;
                    let before = s.get(item_start..st)?;
                    (lex.posts.longest_suffix(before).is_some()
                        || lex.group_labels.longest_suffix(before).is_some()
                        || lex.name_left_words.longest_suffix(before).is_some())
                    .then_some(())
                    .filter(|()| list_item_is_name(name, lex))
                    .map(|()| st)
                });
                match head {
                    Some(st) => {
                        item_start = st;
                        item = s.get(st..item_end).unwrap_or_default();
                        titled = true;
                    }
                    None => break,
                }
            }
            if in_country_name(s, floor, item_start, item_end, lex) {
                break;
            }
            if !overlaps(item_start, item_end, out, &added) {
                let mut occ = NameOcc::at(item, item_start, item_end);
                occ.titles_before = titles_before(s, floor, item_start, lex);
                added.push(occ);
            }
            if titled || sep != '、' && sep != '和' && sep != '及' {
                break;
            }
            pos = item_start;
        }
    }
    if added.is_empty() {
        return;
    }
    out.extend(added);
    out.sort_by_key(|o| o.start);
    out.dedup_by(|a, b| a.start < b.end && b.start < a.end);
}

/// Whether the bytes `a..b` of `s` lie inside a country's name that holds 和 or
/// 及 (安提瓜 and 多巴哥 of 安提瓜和巴布达, 特立尼达和多巴哥): a list of names
/// is not read across one.
fn in_country_name(s: &str, floor: usize, a: usize, b: usize, lex: &Lexicon) -> bool {
    lex.countries.longest_prefix(s.get(a..).unwrap_or_default()).is_some_and(|n| a + n > b)
        || lex.countries.longest_suffix(s.get(floor..b).unwrap_or_default()).is_some_and(|n| b - n < a)
}

/// In 副主席甲、乙、丙 the title before the first name is each one's.
fn share_list_titles(s: &str, out: &mut [NameOcc]) {
    for k in 1..out.len() {
        let (head, tail) = out.split_at_mut(k);
        let (Some(prev), Some(o)) = (head.last(), tail.first_mut()) else { continue };
        if o.titles_before.is_empty()
            && !prev.titles_before.is_empty()
            && prev.end + '、'.len_utf8() == o.start
            && char_before(s, o.start) == Some('、')
        {
            o.titles_before = prev.titles_before.clone();
            o.inherited = true;
        }
    }
}

/// In 郭某、刘某、马某等先后发言 only the last name has strong context; the names
/// before it in the same 、 list are names too when they have a name's shape.
fn extend_lists_backwards(s: &str, floor: usize, lex: &Lexicon, out: &mut Vec<NameOcc>) {
    let mut k = 0;
    while k < out.len() {
        let Some(o) = out.get(k) else { break };
        let head_start = o.start;
        let Some(sep) = head_start.checked_sub('、'.len_utf8()) else {
            k += 1;
            continue;
        };
        let taken = |a: usize, b: usize, out: &[NameOcc]| out.iter().any(|x| x.start < b && a < x.end);
        if char_before(s, head_start) != Some('、') || sep <= floor || taken(sep.saturating_sub(3), sep, out) {
            k += 1;
            continue;
        }
        // Candidates ending at the separator, two to four characters long.
        let mut found = None;
        for n in [3usize, 2, 4] {
            let Some(st) = (0..n).try_fold(sep, |p, _| char_before(s, p).map(|c| p - c.len_utf8())) else { continue };
            if st < floor || taken(st, sep, out) {
                continue;
            }
            let name = s.get(st..sep).unwrap_or_default();
            let Some(sur) = lex.surnames.longest_prefix(name) else { continue };
            let given = name.get(sur..).unwrap_or_default();
            if given.is_empty()
                || given.chars().count() > 2
                || !given
                    .chars()
                    .all(|c| is_han(c) && !lex.not_in_names.contains(&c) && !lex.rare_in_names.contains(&c))
                || lex.place_names.contains(name)
                || lex.countries.contains(name)
                || lex.common_words.contains(name)
                || lex.posts.longest_prefix(name).is_some()
            {
                continue;
            }
            let left = classify_left(s, floor, st, lex, None);
            if left == Ctx::Invalid {
                continue;
            }
            found = Some((st, name.to_string()));
            break;
        }
        match found {
            Some((st, name)) => {
                let occ = NameOcc { titles_before: titles_before(s, floor, st, lex), ..NameOcc::at(&name, st, sep) };
                out.insert(k, occ);
                // Look again before the name just added.
            }
            None => k += 1,
        }
    }
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
    // is asked, a few more than the loop below tries.
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
    let mut best: Option<(Ctx, usize, usize, Right)> = None; // (ctx, post len, end, right)
    for sl in surname_lens.into_iter().flatten() {
        let given_start = i + sl;
        for gl in [2usize, 1] {
            let end = advance(s, given_start, gl);
            if end > s.len() || s.get(given_start..end).is_none_or(|g| g.chars().count() != gl) {
                continue;
            }
            let given = s.get(given_start..end).unwrap_or_default();
            if !given.chars().all(|c| is_han(c) && !lex.not_in_names.contains(&c)) {
                continue;
            }
            let rare = given.chars().any(|c| lex.rare_in_names.contains(&c));
            // As above, for this end alone.
            if left == Ctx::Invalid && posts.at(s, end, lex).is_none() {
                continue;
            }
            let name = s.get(i..end).unwrap_or_default();
            // 原江苏省长: a place right after 原 is where a former post was held.
            if lex.posts.longest_prefix(given).is_some()
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
                || (sl == "原".len() && rest.starts_with('原') && lex.place_names.longest_prefix(given).is_some())
            {
                continue;
            }
            if lex.place_names.longest_prefix(name).is_some_and(|n| n >= 6) {
                continue;
            }
            // Nor does a name end inside a post that starts in it (公司总经理 holds
            // no person 公司总; 王总经理 no 王总).
            let last = end - given.chars().next_back().map_or(0, char::len_utf8);
            if posts.at(s, last, lex).is_some_and(|n| last + n > end) {
                continue;
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
                continue;
            }
            let right = classify_right(s, end, lex, posts);
            if right.ctx == Ctx::Invalid {
                continue;
            }
            // A post right after the name vouches for it even when the word before
            // is an ordinary verb (深入学习贯彻习近平总书记…).
            // A post right after the name vouches for it when the word before is an
            // ordinary verb (深入学习贯彻习近平总书记重要讲话), but only if the post
            // itself ends the phrase: in 全国政协副主席王某 the post runs on into a name.
            let left = match left {
                Ctx::Invalid if right.post == 0 || !post_ends_phrase(s, end + right.post, lex) => continue,
                Ctx::Invalid => Ctx::Weak,
                l => l,
            };
            // A given name with a rare character (顾其斌, 孙三元) stands between a
            // title or list and a post, verb or punctuation, or is known already.
            if rare
                && !(left == Ctx::Strong && (right.ctx == Ctx::Strong || is_punct_at(s, end)))
                && !known.contains(name)
            {
                continue;
            }
            let strength = left.max(right.ctx);
            // Another name right after is too little to go on (全国工 before 商联主席)
            // unless the name was found with strong context elsewhere.
            let ok = (strength == Ctx::Strong && right.ctx != Ctx::Chain) || known.contains(name);
            if !ok {
                continue;
            }
            // Nor one ending where a country's name ends (罗斯 of 俄罗斯总统, 但美国),
            // or starting one that runs on (安提瓜 of 安提瓜和巴布达). Few candidates
            // get this far, so these look-ups come last.
            if lex.countries.longest_suffix(s.get(floor..end).unwrap_or_default()).is_some()
                || in_country_name(s, floor, i, end, lex)
            {
                continue;
            }
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

/// Whether a punctuation mark stands at `pos`.
fn is_punct_at(s: &str, pos: usize) -> bool {
    char_at(s, pos).is_some_and(is_punct)
}

fn post_ends_phrase(s: &str, pos: usize, lex: &Lexicon) -> bool {
    let rest = s.get(pos..).unwrap_or_default();
    match rest.chars().next() {
        None => true,
        Some(c) if is_punct(c) => true,
        Some(_) => {
            lex.mention_cues.longest_prefix(rest).is_some()
                || lex.role_verbs.longest_prefix(rest).is_some()
                || lex.name_right_words.longest_prefix(rest).is_some()
        }
    }
}

fn classify_left(s: &str, floor: usize, i: usize, lex: &Lexicon, prev_end: Option<usize>) -> Ctx {
    if i <= floor {
        return Ctx::Weak;
    }
    let before = s.get(floor..i).unwrap_or_default();
    let Some(c) = before.chars().next_back() else { return Ctx::Weak };
    if c == '、' && prev_end == Some(i - c.len_utf8()) {
        return Ctx::Strong;
    }
    // A name with a damaged character (孙树?、) is an item of the list all the
    // same: the list goes on after it.
    if c == '、' {
        let head = before.get(..before.len() - c.len_utf8()).unwrap_or_default();
        let item_start = head.rfind('、').map_or(0, |p| p + '、'.len_utf8());
        let item = head.get(item_start..).unwrap_or_default();
        let damaged = item.contains(['?', '\u{FFFD}', '□']) && (2..=5).contains(&item.chars().count());
        let after_name = prev_end.is_some_and(|e| e >= floor + item_start.saturating_sub('、'.len_utf8()));
        if damaged && after_name {
            return Ctx::Strong;
        }
    }
    // Right after a number stands a unit or a year (2021年工作), not a name.
    if c.is_ascii_digit() {
        return Ctx::Invalid;
    }
    if is_punct(c) {
        return Ctx::Weak;
    }
    if lex.posts.longest_suffix(before).is_some() || lex.group_labels.longest_suffix(before).is_some() {
        return Ctx::Strong;
    }
    if let Some(n) = lex.name_left_words.longest_suffix(before) {
        let w = before.get(before.len() - n..).unwrap_or_default();
        return if lex.name_left.get(w).copied().unwrap_or(false) { Ctx::Strong } else { Ctx::Weak };
    }
    if body_suffix_char(c) {
        return Ctx::Weak;
    }
    if prev_end == Some(i) {
        return Ctx::Chain;
    }
    Ctx::Invalid
}

fn classify_right(s: &str, end: usize, lex: &Lexicon, posts: &PostStarts) -> Right {
    let rest = s.get(end..).unwrap_or_default();
    let mut r = Right { ctx: Ctx::Invalid, post: 0, cue: 0, verb: 0 };
    let Some(c) = rest.chars().next() else {
        r.ctx = Ctx::Weak;
        return r;
    };
    if let Some(n) = posts.at(s, end, lex) {
        // A post word that starts a body's name (委员会, 主任会议) is not a post.
        let next = rest.get(n..).and_then(|x| x.chars().next());
        if !next.is_some_and(|c| "会团部局办处室厅组院".contains(c)) {
            r.ctx = Ctx::Strong;
            r.post = n;
            return r;
        }
    }
    if let Some(n) = lex.mention_cues.longest_prefix(rest) {
        r.ctx = Ctx::Strong;
        r.cue = n;
        return r;
    }
    if let Some(n) = lex.role_verbs.longest_prefix(rest) {
        r.ctx = Ctx::Strong;
        r.verb = n;
        return r;
    }
    // 作(了)关于…的报告: 作 and what was delivered, a clause apart at most.
    if let Some(after) = rest.strip_prefix('作').filter(|a| {
        ["了", "的", "关于", "题为", "工作", "报告", "汇报", "说明", "讲话", "发言", "部署", "总结"]
            .iter()
            .any(|w| a.starts_with(w))
    }) {
        // Forty characters at most, so that a long sentence costs no more per name.
        let reach = after.char_indices().nth(40).map_or(after.len(), |(k, _)| k);
        let clause = after.get(..reach).unwrap_or_default();
        let clause = clause.split(['。', ',', '，', ';', '；']).next().unwrap_or_default();
        if ["报告", "汇报", "说明", "讲话", "发言", "部署", "总结"].iter().any(|w| clause.contains(w)) {
            r.ctx = Ctx::Strong;
            r.verb = '作'.len_utf8();
            return r;
        }
    }
    if let Some(n) = lex.name_right_words.longest_prefix(rest) {
        let w = rest.get(..n).unwrap_or_default();
        r.ctx = if lex.name_right.get(w).copied().unwrap_or(false) { Ctx::Strong } else { Ctx::Weak };
        return r;
    }
    if is_punct(c) || c.is_ascii_digit() {
        r.ctx = Ctx::Weak;
    } else if lex.surnames.longest_prefix(rest).is_some() {
        r.ctx = Ctx::Chain;
    }
    r
}

/// The chain of titles right before a name: segments that each end in a post,
/// joined by 、 or 兼.
fn titles_before(s: &str, floor: usize, name_start: usize, lex: &Lexicon) -> Vec<(String, usize, usize)> {
    let mut segs = Vec::new();
    let mut pos = name_start;
    loop {
        let before = s.get(floor..pos).unwrap_or_default();
        let Some(plen) = lex.posts.longest_suffix(before) else { break };
        let post_start = pos - plen;
        let mut st = post_start;
        // A segment longer than 40 characters is refused below, so looking further
        // back than 64 changes nothing, and keeps the scan linear in long text.
        let mut walked = 0;
        while let Some(c) = char_before(s, st) {
            if st <= floor || !title_char(c) || walked == 64 {
                break;
            }
            st -= c.len_utf8();
            walked += 1;
        }
        // Cut after the last word that cannot be part of a title.
        let seg_text = s.get(st..post_start).unwrap_or_default();
        let mut cut = 0;
        // After the last use of each word that is not inside a word of a body's name
        // (应对), that is, at the furthest end of any such use. No break word overlaps
        // itself, so every use is among the matches.
        for m in title_breaks().find_overlapping_iter(seg_text) {
            let (p, w) = (m.start(), TITLE_BREAKS.get(m.pattern().as_usize()).copied().unwrap_or_default());
            let inside = TITLE_WORDS.iter().any(|tw| {
                tw.match_indices(w).any(|(k, _)| p >= k && seg_text.get(p - k..).is_some_and(|x| x.starts_with(tw)))
            }) || in_country(seg_text, p, m.end(), lex);
            if !inside {
                cut = cut.max(m.end());
            }
        }
        // A closing quote with no opening one in the segment ends a quotation that
        // began before it (…牢记使命”主题教育领导小组组长): the title starts after it.
        let mut open = 0usize;
        let from = cut;
        for (i, c) in seg_text.char_indices().filter(|&(i, _)| i >= from) {
            match c {
                '“' => open += 1,
                '”' if open == 0 => cut = i + c.len_utf8(),
                '”' => open -= 1,
                _ => {}
            }
        }
        let was_cut = cut > 0;
        let seg_start = st + cut;
        // The name of a leading group can run long (中央学习贯彻…主题教育领导小组组长).
        let longest = if s.get(seg_start..pos).is_some_and(|t| t.contains("领导小组")) { 40 } else { 30 };
        if s.get(seg_start..pos).is_none_or(|t| t.chars().count() > longest) {
            break;
        }
        segs.push((s.get(seg_start..pos).unwrap_or_default().to_string(), seg_start, pos));
        if was_cut {
            break;
        }
        match char_before(s, seg_start) {
            Some(d @ ('、' | '兼')) if seg_start > floor => pos = seg_start - d.len_utf8(),
            _ => break,
        }
    }
    segs.reverse();
    segs
}

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
