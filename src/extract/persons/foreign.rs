//! Foreign names in transliteration (弗拉基米尔·普京) and the countries before them.
//!
//! Takes a sentence. Gives the runs of transliterated characters joined by · that
//! follow a country or a foreign post. Never reads Chinese names: they start with
//! a surname and are found by the candidates in the module above.

use super::text::{char_before, is_han};
use super::*;
use crate::lexicon::Lexicon;

/// Whether the bytes `from..to` of `seg` lie inside the name of a country that
/// starts at most six characters before them.
pub(super) fn in_country(seg: &str, from: usize, to: usize, lex: &Lexicon) -> bool {
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

/// Words that can follow a transliterated name and begin with a character that
/// transliterations also use: the name ends before them (普京本月…, 马克龙夫妇).
pub(super) const AFTER_FOREIGN_NAMES: &[&str] = &[
    "大力", "夫人", "夫妇", "安排", "希望", "坚决", "坚持", "多次", "本人", "本周", "本国", "本年", "本月", "本次",
    "根据", "特别", "达到", "达成",
];

/// Transliterated foreign names after a country's post: a country's name in the
/// title, then the post, then a run of the characters transliterations are
/// written in (索马里总统马哈茂德, 俄罗斯外长拉夫罗夫, 巴基斯坦总理夏巴兹·谢里夫).
/// Such names seldom start with a Chinese surname, but the country and the post
/// say a name follows. A name found here replaces shorter readings inside it
/// (卢卡申 of 卢卡申科), and gives way to a reading that runs past it.
pub(super) fn foreign_names(s: &str, floor: usize, lex: &Lexicon, posts: &PostStarts, out: &mut Vec<NameOcc>) {
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
pub(super) fn transliterated_run(s: &str, start: usize, lex: &Lexicon) -> Option<usize> {
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
pub(super) fn country_before(s: &str, floor: usize, post_start: usize, lex: &Lexicon) -> bool {
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
pub(super) fn first_country(text: &str, lex: &Lexicon) -> Option<usize> {
    text.char_indices().map(|(k, _)| k).find(|&k| text.get(k..).and_then(|t| lex.countries.longest_prefix(t)).is_some())
}
