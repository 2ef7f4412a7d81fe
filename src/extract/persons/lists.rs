//! Names read from lists: roll calls joined by 、 or 和, completed from a name
//! found on either side.
//!
//! Takes a sentence and the names found with strong context. Gives the other
//! items of their lists that look like names, with the titles a list shares.
//! Never takes an item that holds a post or function characters.

use std::sync::OnceLock;

use super::text::{char_before, is_han};
use super::*;
use crate::lexicon::Lexicon;

/// The items of a 、-list starting at `from`, with their byte ranges: each runs
/// up to a 、, a character that is not Han, 等, or a role verb, post or word that
/// follows names. An item too long for a name is split at a 和 or 及 (王某和郑某),
/// which a short item keeps as part of the name (罗富和).
pub(super) fn list_items(s: &str, from: usize, lex: &Lexicon) -> Vec<(usize, usize)> {
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
pub(super) fn anchor_lists(s: &str, floor: usize, lex: &Lexicon, out: &mut Vec<NameOcc>) {
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
        // 参加会议的有：甲、乙、丙: a colon may stand between the word and the list.
        let n = n + rest
            .get(n..)
            .and_then(|r| r.chars().next())
            .filter(|&ch| ch == ':' || ch == '：')
            .map_or(0, char::len_utf8);
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
pub(super) fn list_item_is_name(item: &str, lex: &Lexicon) -> bool {
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
pub(super) fn complete_lists(s: &str, floor: usize, lex: &Lexicon, out: &mut Vec<NameOcc>) {
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
pub(super) fn in_country_name(s: &str, floor: usize, a: usize, b: usize, lex: &Lexicon) -> bool {
    lex.countries.longest_prefix(s.get(a..).unwrap_or_default()).is_some_and(|n| a + n > b)
        || lex.countries.longest_suffix(s.get(floor..b).unwrap_or_default()).is_some_and(|n| b - n < a)
}

/// In 副主席甲、乙、丙 the title before the first name is each one's.
pub(super) fn share_list_titles(s: &str, out: &mut [NameOcc]) {
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
pub(super) fn extend_lists_backwards(s: &str, floor: usize, lex: &Lexicon, out: &mut Vec<NameOcc>) {
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
