//! The words around a candidate name: titles before it, verbs and posts after.
//!
//! Takes a sentence and a position. Gives how strongly the left and right
//! context marks a name there and the title chain before it. Never decides on
//! its own that a run is a name.

use std::sync::OnceLock;

use super::text::{char_at, char_before, is_han, is_punct};
use super::*;
use crate::lexicon::Lexicon;

/// Words that cannot stand inside a title: a title segment is cut after the last one.
pub(super) const TITLE_BREAKS: &[&str] = &[
    "由", "会议", "主持", "出席", "参加", "召开", "举行", "强调", "指出", "听取", "在", "对", "向", "请", "是", "为",
    "了", "的", "年", "月", "日", "号", "时", "上午", "下午", "消息", "与", "及", "同", "等", "以", "将", "并", "进行",
    "指导", "陪同", "受", "代表", "汇报", "讲话", "期间", "会上", "会前", "会后", "其中", "会见", "会谈", "会晤",
    "接见", "看望", "宴请", "致电", "审议", "部分", "欢迎", "带领", "率领", "决定", "递补", "祝贺", "感谢",
];

/// [`TITLE_BREAKS`] as one automaton, so that a segment is searched once for all of them.
pub(super) fn title_breaks() -> &'static aho_corasick::AhoCorasick {
    static A: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    crate::rx::cached_words(&A, TITLE_BREAKS)
}

/// Words of bodies' names that hold a title break (中央应对疫情工作领导小组组长,
/// 代表团团长). Countries' names hold some too (日本首相, 尼日利亚总统): see
/// [`in_country`].
pub(super) const TITLE_WORDS: &[&str] = &["代表团", "应对", "针对"];

pub(super) fn title_char(c: char) -> bool {
    (is_han(c) && c != '兼') || c.is_ascii_digit() || matches!(c, '“' | '”')
}

/// Characters a candidate name's left neighbour may end in when it is the name of
/// a body written right before a person (我委李侃桢主任, 省发展改革委李某).
pub(super) fn body_suffix_char(c: char) -> bool {
    "委局办厅院部府会组区市省县处室司署行队".contains(c)
}

/// Where a title before a name may start: after a 和 that joins it to the name
/// (and post) before it (国家主席习近平和俄罗斯总统普京). 和 cannot be a title
/// break everywhere, since bodies' names hold it (住房和城乡建设部); and a title
/// may start with the name before it (习近平主席特别代表).
pub(super) fn title_floor(s: &str, floor: usize, prev_end: Option<usize>) -> usize {
    match prev_end.filter(|&p| p >= floor) {
        Some(p) if s.get(p..).is_some_and(|t| t.starts_with('和')) => p + '和'.len_utf8(),
        _ => floor,
    }
}

/// Whether a punctuation mark stands at `pos`.
pub(super) fn is_punct_at(s: &str, pos: usize) -> bool {
    char_at(s, pos).is_some_and(is_punct)
}

pub(super) fn post_ends_phrase(s: &str, pos: usize, lex: &Lexicon) -> bool {
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

pub(super) fn classify_left(s: &str, floor: usize, i: usize, lex: &Lexicon, prev_end: Option<usize>) -> Ctx {
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

pub(super) fn classify_right(s: &str, end: usize, lex: &Lexicon, posts: &PostStarts) -> Right {
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
    // 某某到湖北调研: 到 before a place reports a visit, as 赴 does; before
    // anything else it is too common a word (都提到, 于受到) to say a name,
    // and after 来, 回 or 一 it ends a word of its own (来到, 回到).
    if let Some(after) = rest.strip_prefix('到') {
        let word = char_before(s, end).is_some_and(|p| "来回一赶走遇受提达等感收做想看听找得".contains(p));
        if !word
            && (after.starts_with('京') || lex.place_names.longest_prefix(after).is_some_and(|n| n >= "湖北".len()))
        {
            r.ctx = Ctx::Weak;
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

/// Ranks and honours written after a person's posts, set off by a comma.
const RANKS: &[&str] = &["大法官", "大检察官", "院士", "教授", "研究员", "上将", "中将", "少将"];

/// The chain of titles right before a name: segments that each end in a post,
/// joined by 、 or 兼 (or a comma before a rank).
pub(super) fn titles_before(s: &str, floor: usize, name_start: usize, lex: &Lexicon) -> Vec<(String, usize, usize)> {
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
            // 院长，二级大法官某某: a rank after a comma follows the posts of the
            // same person; elsewhere a comma ends the chain (县长某某，副县长某某).
            Some(d @ (',' | '，'))
                if seg_start > floor
                    && RANKS.iter().any(|r| s.get(seg_start..pos).is_some_and(|t| t.ends_with(r)))
                    && lex
                        .posts
                        .longest_suffix(s.get(floor..seg_start - d.len_utf8()).unwrap_or_default())
                        .is_some() =>
            {
                pos = seg_start - d.len_utf8();
            }
            _ => break,
        }
    }
    segs.reverse();
    segs
}
