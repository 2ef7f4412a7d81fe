//! Meeting mentions: names, whether the article reports them as held, and dates.
//!
//! Takes one sentence of a segment and the lexicon. Gives the meetings named in
//! it, each with its full name (body + ordinal + kind), whether the sentence
//! reports it as held, referred to (its spirit relayed) or planned, and the date
//! the sentence gives for it. Never decides which mentions are the same meeting:
//! that is [`super::extract`]'s job.

mod dates;
mod frames;
mod names;

use super::text::{self, char_at, char_before, is_han};
use crate::date::Date;
use crate::lexicon::Lexicon;
pub use dates::{date_before, numeral_value};
use dates::{day_stated, pair_dates, within_days};
pub use frames::WHILE_RULE;
use frames::*;
use names::*;

/// What a sentence says about a meeting it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Reported as held (召开, 举行, 主持召开).
    Held,
    /// Only referred to (its spirit relayed, a speech given there).
    Referenced,
    /// Convened for later (会议决定…召开).
    Planned,
    /// Named without saying.
    Named,
}

/// A date as the sentence states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateInfo {
    /// A day, resolved against the publication date.
    Day(Date),
    /// A day the article leaves open (日前, 近日) or cannot be resolved.
    Unknown,
    /// No date stated.
    None,
}

/// A meeting named in a sentence.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Full name.
    pub name: String,
    /// Byte range of the name's last part (ordinal and kind) in the segment.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The kind (全体会议, 座谈会).
    pub kind: String,
    /// The ordinal (第四次, 2022年第15次).
    pub ordinal: Option<String>,
    /// The body part of the name, when it has one.
    pub body: Option<String>,
    /// Held, referred to or planned.
    pub status: Status,
    /// The date the sentence gives.
    pub date: DateInfo,
    /// Byte offset of the verb that reports it held, or the name's end.
    pub anchor: usize,
    /// Rule that found it.
    pub rule: &'static str,
    /// Form (视频会议) when the sentence says so.
    pub form: Option<String>,
    /// Whether the sentence places it in sequence with another sitting (会前,
    /// 随后, 当天): a second meeting of the same report rather than a past one.
    pub sequenced: bool,
    /// Whether that sequence keeps to the same day (会前, 随后, 当天; not 次日), so a
    /// meeting without a date of its own takes the day of the one it follows.
    pub same_day: bool,
}

/// A name reported held by a verb after it (…召开) shares that frame with the
/// names a list joins before it: they are held too, on the same day.
fn share_frame(s: &str, held: &Mention, pending: &mut Vec<Mention>, out: &mut Vec<Mention>) {
    let joined = |end: usize, left: usize| end < left && matches!(s.get(end..left), Some("、" | "和" | "与" | "及"));
    let mut left = held.start;
    let mut moved = false;
    loop {
        let m = if let Some(k) = pending.iter().rposition(|p| joined(p.end, left)) {
            moved = true;
            out.push(pending.remove(k));
            out.last_mut()
        } else {
            out.iter_mut().rev().find(|p| p.status == Status::Named && joined(p.end, left))
        };
        let Some(m) = m else { break };
        m.status = Status::Held;
        m.rule = "meeting.held.list";
        m.date = held.date;
        m.anchor = held.anchor;
        left = m.start;
    }
    if moved {
        out.sort_by_key(|m| m.start);
    }
}

/// The sentence a search for meetings reads, and what it is read against.
struct Sentence<'a> {
    /// The segment's text up to the sentence's end.
    s: &'a str,
    /// Where the sentence starts in `s`.
    start: usize,
    lex: &'a Lexicon,
    published: Option<Date>,
    headline: bool,
}

/// What the words around a name say of it: the status, the rule that says so,
/// the verb that reports it held (or the name's end), and whether the name is
/// the subject of that verb.
struct Frame {
    status: Status,
    rule: &'static str,
    anchor: usize,
    subject: bool,
}

/// Finds meetings named in `text[start..end]`.
pub fn find(
    text: &str,
    start: usize,
    end: usize,
    lex: &Lexicon,
    published: Option<Date>,
    headline: bool,
) -> Vec<Mention> {
    let s = text.get(..end).unwrap_or_default();
    let cx = Sentence { s, start, lex, published, headline };
    let mut out: Vec<Mention> = Vec::new();
    // Names that wait for a frame from the name a list joins them to.
    let mut pending: Vec<Mention> = Vec::new();
    for (ks, ke) in kind_spans(s, start, end, lex) {
        let Some((mention, framed)) = cx.mention_at(ks, ke, &out) else { continue };
        if !framed {
            pending.push(mention);
            continue;
        }
        if mention.status == Status::Held && mention.rule == "meeting.held.name-verb" {
            share_frame(s, &mention, &mut pending, &mut out);
        }
        out.push(mention);
    }
    pair_dates(s, start, published, &mut out);
    join_combined(s, out)
}

/// The most meeting heads read in one sentence. Prose names a handful of
/// meetings in a sentence, a list of them a few dozen; a run of heads past
/// this is no prose, and reading a name back from each of them would cost a
/// hundred characters a head.
const MAX_HEADS: usize = 64;

/// The byte ranges of the meeting kinds (会议, 座谈会) in `s[start..end]`, left
/// to right, each the longest kind at its place, with the 议 of a kind in 会
/// written 会议 (推进会议), at most [`MAX_HEADS`] of them.
fn kind_spans(s: &str, start: usize, end: usize, lex: &Lexicon) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = start;
    // Just past the next character at or after `i` that a kind can end with. The
    // kinds end in a few characters (会, 议), and a kind that starts at `i` ends
    // there or later, so no kind starts further back from it than the longest
    // kind is long: those characters are passed over without a look-up.
    let mut next_end: Option<usize> = None;
    while i < end && spans.len() < MAX_HEADS {
        if next_end.is_none_or(|e| e <= i) {
            let rest = s.get(i..).unwrap_or_default();
            let found = rest.char_indices().find(|&(_, c)| lex.meeting_kinds.may_end_with(c));
            let Some((k, c)) = found else { break };
            next_end = Some(i + k + c.len_utf8());
        }
        if let Some(from) = next_end.and_then(|e| e.checked_sub(lex.meeting_kinds.longest_len())).filter(|&f| f > i) {
            i = (from..end).find(|&p| s.is_char_boundary(p)).unwrap_or(end);
            continue;
        }
        let Some(c) = char_at(s, i) else { break };
        let rest = s.get(i..).unwrap_or_default();
        let Some(klen) = (if is_han(c) { lex.meeting_kinds.longest_prefix(rest) } else { None }) else {
            i += c.len_utf8();
            continue;
        };
        let ks = i;
        let mut ke = i + klen;
        // A kind that starts inside this one and ends past it makes one head
        // with it (集体学习 + 学习会 is 集体学习会): the name ends at the later end.
        // Open heads are too weak for it (大会 + 会报 is 大会报告).
        let mut p = ks + c.len_utf8();
        while p < ke {
            let rest = s.get(p..).unwrap_or_default();
            if let Some(n) = lex.meeting_kinds.longest_prefix(rest) {
                if !rest.get(..n).is_some_and(|k| lex.open_kinds.contains(k)) {
                    ke = ke.max(p + n);
                }
            }
            p += char_at(s, p).map_or(1, char::len_utf8);
        }
        // A kind in 会 is written in 会议 too (推进会议, 座谈会议): the 议 belongs to it.
        if s.get(ks..ke).is_some_and(|k| k.ends_with('会')) && char_at(s, ke) == Some('议') {
            ke += '议'.len_utf8();
        }
        i = ke;
        spans.push((ks, ke));
    }
    spans
}

/// Whether the kind ending at `ke` is part of a longer word that is no meeting:
/// a room (会议室), a body before the tag of an enlarged sitting, a session
/// before its sitting, a body's name in a title, a system.
fn kind_inside_word(s: &str, ke: usize, lex: &Lexicon) -> bool {
    let after = s.get(ke..).unwrap_or_default();
    if char_at(s, ke).is_some_and(|n| {
        "室堂厅址场".contains(n) || (s.get(..ke).is_some_and(|k| k.ends_with('会')) && "晤见谈".contains(n))
    }) {
        return true;
    }
    // 市委常委会(扩大)会议: the body before the tag of an enlarged sitting is no
    // meeting of its own; the kind after the tag ends the name.
    if after.strip_prefix("(扩大)").is_some_and(|r| r.starts_with('会')) {
        return true;
    }
    // 镇第十六届人民代表大会第三次会议: a session followed by its sitting is
    // the sitting's body, not a meeting of its own.
    if let Some(o) = leading_ordinal_re().find(after) {
        if after.get(o.end()..).is_some_and(|r| lex.meeting_kinds.longest_prefix(r).is_some()) {
            return true;
        }
    }
    // A post right after makes the kind part of a body's name in a title
    // (部长会议主席, 大会主席团常务主席); 人民代表大会制度 is a system.
    lex.posts.longest_prefix(after).is_some() || after.starts_with("制度")
}

/// Where the name that ends in the kind at `ks` starts: the run of name
/// characters left of it (and what [`inner_stretch`] lets it reach over), and
/// the start after the last word that cannot be inside a name.
fn name_start(s: &str, start: usize, ks: usize, lex: &Lexicon) -> (usize, usize) {
    // No name is longer than a hundred characters: looking no further keeps
    // the scan linear in a long run of Han text with many heads in it.
    let mut ns = ks;
    let mut walked = 0;
    loop {
        while ns > start && walked < MAX_NAME_CHARS {
            match char_before(s, ns) {
                Some(p) if name_char(p) => ns -= p.len_utf8(),
                _ => break,
            }
            walked += 1;
        }
        if walked >= MAX_NAME_CHARS {
            break;
        }
        match inner_stretch(s, start, ns, ks) {
            Some(p) if p < ns => ns = p,
            _ => break,
        }
    }
    let run_start = ns;
    let head = s.get(ns..ks).unwrap_or_default();
    let cut = ns + object_cut(head).max(list_cut(head, lex));
    // An opening quote with no closing one before the kind (召开“第一届董事会”)
    // quotes the whole name: it is not part of it.
    (run_start, trim_name_start(s, cut, ks))
}

/// Where a name that is a verb's object starts in `head`, the run before its
/// kind: after the last break word, or the last 的 that ends a modifier.
fn object_cut(head: &str) -> usize {
    let mut cut = 0;
    // The end of the last use of each word, that is, the furthest end of any use.
    // After 召开 or 举行 the object is the name, study topic and all
    // (召开学习某某精神专题会, 召开理论学习中心组会议): the words that mark a
    // meeting relayed or studied cut it only before the verb.
    let verb_end = ["召开", "举行", "召集", "出席", "参加", "列席"]
        .iter()
        .filter_map(|v| head.rfind(v).map(|p| p + v.len()))
        .max();
    // Words inside a quotation or a title are the quoted text's, not breaks
    // (召开“在城乡建设中加强…”协商会).
    let quoted = quoted_ranges(head);
    for m in name_breaks().find_overlapping_iter(head) {
        let word = name_break_words().get(m.pattern().as_usize()).copied().unwrap_or_default();
        if quoted.iter().any(|&(a, b)| a < m.start() && m.end() <= b) || !date_word(head, m.start(), word) {
            continue;
        }
        if verb_end.is_some_and(|v| {
            m.start() >= v && (STUDY_WORDS.contains(&word) || (m.start() > v && OBJECT_WORDS.contains(&word)))
        }) {
            continue;
        }
        cut = cut.max(m.end());
    }
    // 的 ends a modifier (召开的, 一次重要的) except in 党的 and inside quotes
    // (“共同胜利的70年”研讨会): the name starts after the last such 的.
    last_modifier_end(head).map_or(cut, |p| cut.max(p))
}

/// Where the second of two meetings joined in `head` starts (座谈会和民主协商会),
/// or 0.
fn list_cut(head: &str, lex: &Lexicon) -> usize {
    let mut cut = 0;
    // A word in 会 that names no meeting (冬奥会和冬残奥会筹办工作汇报会) does not
    // split a list.
    for (p, w) in head.match_indices(['和', '与', '及', '、', '暨']) {
        let first = head.get(..p).unwrap_or_default();
        // 某会第六次会员代表大会暨六届一次执委会 is one sitting under a double
        // name: what follows 暨 has no body of its own.
        let numbered_only = w == "暨"
            && head.get(p + w.len()..).is_some_and(|r| {
                r.chars().all(|c| c.is_ascii_digit() || "第次届年度一二三四五六七八九十百零〇两".contains(c))
            });
        if !numbered_only
            && (first.ends_with('会') || first.ends_with('议'))
            && lex.not_meetings.longest_suffix(first).is_none()
        {
            cut = cut.max(p + '和'.len_utf8());
        }
    }
    cut
}

/// Where a name that is the subject of 召开 or 举行 starts in the run from
/// `run_start` to the kind at `ks`: the whole noun phrase after the clause
/// breaks (学习贯彻…主题教育总结会议4日在京召开 keeps 学习贯彻).
fn subject_start(s: &str, run_start: usize, ks: usize) -> usize {
    let mut cut = run_start;
    let head = s.get(run_start..ks).unwrap_or_default();
    let quoted = quoted_ranges(head);
    // 根据某某会议…通过的决定: a clause that opens with 根据 or 按照 cites
    // the meeting; inside a name the words are others' (革命根据地).
    for w in ["根据", "按照"] {
        let opens = |p: usize| p == 0 || head.get(..p).is_some_and(|h| h.ends_with([',', '，']));
        if let Some(p) = head.match_indices(w).map(|(p, _)| p).filter(|&p| opens(p)).last() {
            cut = cut.max(run_start + p + w.len());
        }
    }
    for w in CLAUSE_BREAKS.iter().chain(DATELINE_BREAKS) {
        let last = head
            .match_indices(w)
            .map(|(p, _)| p)
            .filter(|&p| date_word(head, p, w) && !quoted.iter().any(|&(a, b)| a < p && p < b))
            .last();
        if let Some(p) = last {
            // 电 and 讯 end a dateline (某地3日电), not a word (电视剧).
            if matches!(*w, "电" | "讯")
                && !head.get(..p).and_then(|h| h.chars().next_back()).is_some_and(|c| "日号)".contains(c))
            {
                continue;
            }
            cut = cut.max(run_start + p + w.len());
        }
    }
    if let Some(p) = last_modifier_end(head) {
        cut = cut.max(run_start + p);
    }
    trim_name_start(s, cut, ks)
}

/// The last ordinal in a name's prefix, with its offset.
fn last_ordinal(prefix: &str) -> Option<(usize, String)> {
    ordinal_re().find_iter(prefix).last().map(|m| (m.start(), m.as_str().to_string()))
}

/// A name, its body and its kind, with the convener before 召开 or 举行 put in
/// front where the name has no body of its own (X召开第四次全体会议), where the
/// convener is a place (广州市召开…领导小组第七次全体会议) or where the name is
/// quoted (召开“某某”专题协商会).
fn with_convener(
    before: &str,
    mut name: String,
    mut body: String,
    mut kind: String,
    lex: &Lexicon,
) -> (String, String, String) {
    let vb = before.trim_end_matches('了');
    let Some(v) = ["召开", "举行"].iter().find(|v| vb.ends_with(*v)) else { return (name, body, kind) };
    let x = convener(vb.get(..vb.len() - v.len()).unwrap_or_default());
    let bare = body.is_empty();
    // 市政协召开十四届第二十次主席会议: a term's number is no body of its own.
    let term_only = !bare
        && body.strip_suffix('届').is_some_and(|n| {
            n.trim_start_matches('第').chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十百零〇两".contains(c))
        });
    if x.is_empty() || !(bare || term_only || is_place(x, lex) || (name.starts_with(['“', '《']) && ends_like_body(x)))
    {
        return (name, body, kind);
    }
    // 我局党组召开党组会议: the convener's end and the name's start are one word.
    let overlap = (1..=x.chars().count().min(4))
        .rev()
        .map(|n| x.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i))
        .find(|&i| x.len() - i >= "党组".len() && name.starts_with(x.get(i..).unwrap_or_default()))
        .map_or(0, |i| x.len() - i);
    name = format!("{}{name}", x.get(..x.len() - overlap).unwrap_or_default());
    if bare {
        body = x.to_string();
        // 市委常委会召开会议 names a 常委会会议 of the 市委: the kind is the
        // longest one the whole name ends in.
        if let Some(n) = lex.meeting_kinds.longest_suffix(&name).filter(|&n| n > kind.len()) {
            kind = name.get(name.len() - n..).unwrap_or_default().to_string();
            body = name.get(..name.len() - n).unwrap_or_default().to_string();
        }
    } else {
        body = format!("{x}{body}");
    }
    (name, body, kind)
}

impl Sentence<'_> {
    /// The meeting whose kind is at `ks..ke`, and whether a frame reports it
    /// (a name without one waits for the next name of a list); None when the
    /// kind names no meeting there.
    fn mention_at(&self, ks: usize, ke: usize, out: &[Mention]) -> Option<(Mention, bool)> {
        let (s, lex) = (self.s, self.lex);
        if kind_inside_word(s, ke, lex) {
            return None;
        }
        let kind = s.get(ks..ke).unwrap_or_default();
        let (run_start, ns) = name_start(s, self.start, ks, lex);
        let prefix = s.get(ns..ks).unwrap_or_default();
        let needs_frame = self.needs_frame(prefix, kind, ns, ke)?;
        let before = s.get(self.start..ns).unwrap_or_default();
        let after = s.get(ke..).unwrap_or_default();
        let mut f = self.frame(before, after, kind, ns, ke, out);
        // The name's own words (有关决定执法检查组) plan nothing.
        let around = [before, s.get(ke..f.anchor.max(ke)).unwrap_or_default()];
        if f.status == Status::Held && around.iter().any(|x| planned_re().is_match(x)) {
            f.status = Status::Planned;
            f.rule = "meeting.planned";
        }
        // A name with no frame of its own that a list joins to the next name
        // (全省科技大会、奖励大会24日召开) waits for that name's frame.
        let open = lex.open_kinds.contains(kind);
        let framed = !needs_frame || reported_held(f.rule, before, after, prefix, kind, open);
        if !framed && !after.starts_with(['、', '和', '与', '及']) {
            return None;
        }
        let ns = if f.subject { subject_start(s, run_start, ks) } else { ns };
        // 召开今年第二次县务会议: a year told relative to the day is the
        // sentence's, not the name's.
        let ns = ns
            + ["今年", "去年", "本年度"]
                .iter()
                .find(|w| s.get(ns..ks).is_some_and(|p| p.starts_with(**w)))
                .map_or(0, |w| w.len());
        let prefix = s.get(ns..ks).unwrap_or_default();
        let ordinal = last_ordinal(prefix);
        let body = ordinal.as_ref().map_or(prefix, |(p, _)| prefix.get(..*p).unwrap_or_default()).to_string();
        let (name, body, kind_name) = with_convener(before, format!("{prefix}{kind}"), body, kind.to_string(), lex);
        let date = date_before(s, self.start, f.anchor.max(ks), self.published);
        // Recollections (去年8月，在出席…时) are common in that frame: it counts in
        // a headline, or with a day at most three days before publication.
        if f.rule == WHILE_RULE && !self.headline && !within_days(date, self.published, 3) {
            return None;
        }
        let window = s.get(self.start..).unwrap_or_default();
        let form = (window.contains("视频") || kind_name == "视频会议").then(|| "视频会议".to_string());
        let same_day =
            ["会前", "会后", "随后", "同日", "当天", "当日", "紧接着", "接着"].iter().any(|w| window.contains(w));
        let sequenced = same_day || ["次日", "之后"].iter().any(|w| window.contains(w));
        let mention = Mention {
            name,
            start: ns,
            end: ke,
            kind: kind_name,
            ordinal: ordinal.map(|(_, o)| o),
            body: (!body.is_empty()).then_some(body),
            status: f.status,
            date,
            anchor: f.anchor,
            rule: f.rule,
            form,
            sequenced,
            same_day,
        };
        Some((mention, framed))
    }

    /// Whether a name needs a frame to count (Some(true)), stands as a meeting
    /// on its own (Some(false)), or is no name (None). A generic kind after a
    /// body or an ordinal is a meeting's name wherever it stands; otherwise it,
    /// like an open head, is one only where the sentence reports the meeting
    /// held, and only with a name of its own before it.
    fn needs_frame(&self, prefix: &str, kind: &str, ns: usize, ke: usize) -> Option<bool> {
        let (s, lex) = (self.s, self.lex);
        let open = lex.open_kinds.contains(kind);
        if !open && !lex.generic_kinds.contains(kind) {
            return Some(false);
        }
        let before = s.get(self.start..ns).unwrap_or_default();
        // 某委员会召开首次会议 numbers the body's first sitting; elsewhere 首次
        // is as vague as 这次.
        let first_sitting = prefix == "首次" && convened_by_body(before);
        let has_ordinal = last_ordinal(prefix).is_some_and(|(p, o)| {
            p + o.len() == prefix.len() && (first_sitting || !VAGUE_PREFIXES.iter().any(|x| prefix.ends_with(x)))
        });
        // 中共中央政治局召开会议: a body convenes a meeting it does not name;
        // the name is the body's (see the convener).
        // 某会议举行大会发言 holds speeches, not a sitting named 大会.
        let speeches = s.get(ke..).is_some_and(|r| r.starts_with("发言"));
        let convened = prefix.is_empty() && !open && !speeches && convened_by_body(before);
        // 某某主持召开会议，研究…: a meeting reported held by who chaired it,
        // named by its kind alone.
        let chaired = prefix.is_empty() && kind == "会议" && chaired_unnamed(before, s.get(ke..).unwrap_or_default());
        if convened || chaired || (!open && (has_ordinal || ends_like_body(prefix))) {
            return Some(false);
        }
        own_name(prefix, kind, char_at(s, ke), open, lex).then_some(true)
    }

    /// What the words before and after a name say of it.
    fn frame(&self, before: &str, after: &str, kind: &str, ns: usize, ke: usize, out: &[Mention]) -> Frame {
        let said = |status, rule| Frame { status, rule, anchor: ke, subject: false };
        if quoted_report_re().is_match(before) {
            // 某某说，…会议胜利闭幕; 欣闻…: a meeting in someone's words or
            // message is theirs to report, not the article's.
            return said(Status::Referenced, "meeting.referenced");
        }
        if spoken_at(before, after) {
            // 在出席某某会议时强调, 在某某座谈会上讲话: held, though the article may
            // mean another that it reports (see [`WHILE_RULE`]).
            return said(Status::Held, WHILE_RULE);
        }
        if referenced_after_re().is_match(after) {
            return said(Status::Referenced, "meeting.referenced");
        }
        if recalled_re().is_match(before) {
            // 不久前，某某全会胜利召开: a meeting recalled, not reported.
            return said(Status::Referenced, "meeting.referenced");
        }
        if let Some(m) = held_after(after, kind) {
            return self.subject_frame(before, after, m, ke);
        }
        if chaired_by_re().is_match(after) && !referenced_before(before) {
            // 县委常委会会议由县委书记某某主持: reported held by who chaired it.
            return said(Status::Held, "meeting.held.chaired-by");
        }
        if referenced_before(before) {
            return said(Status::Referenced, "meeting.referenced");
        }
        if held_before_re().is_match(before) {
            return said(Status::Held, "meeting.held.verb-name");
        }
        if self.headline && after.trim().is_empty() {
            return said(Status::Held, "meeting.held.headline");
        }
        // 召开A和B: the second of a list shares the first's verb.
        let listed = out
            .last()
            .filter(|p| p.status == Status::Held && p.end < ns)
            .is_some_and(|prev| matches!(self.s.get(prev.end..ns), Some("和" | "与" | "及" | "、")));
        if listed { said(Status::Held, "meeting.held.list") } else { said(Status::Named, "meeting.named") }
    }

    /// The frame of a name followed by the verb `m` that reports it held
    /// (…召开, …举行, 在…开幕).
    fn subject_frame(&self, before: &str, after: &str, m: regex::Match<'_>, ke: usize) -> Frame {
        let said = |status, rule| Frame { status, rule, anchor: ke, subject: false };
        // A session that 举行第三次全体会议 is the frame of the sitting the
        // article reports, not a meeting of its own.
        let next = after.get(m.end()..).unwrap_or_default();
        // 举行大会发言 (a sitting of speeches) names no sitting: the session is held.
        let sitting = self
            .lex
            .meeting_kinds
            .longest_prefix(next)
            .is_some_and(|n| !next.get(n..).is_some_and(|r| r.starts_with("发言")));
        // 某部在京联合举行“某某”报告会: the subject convenes a quoted event.
        if leading_ordinal_re().is_match(next) || sitting || next.trim_start_matches('了').starts_with('“') {
            return said(Status::Named, "meeting.session-frame");
        }
        if ["以来", "后", "前", "之际", "期间", "时"].iter().any(|w| next.starts_with(w)) {
            // 开幕以来: a time reference, not a report of the opening.
            return said(Status::Referenced, "meeting.referenced");
        }
        if m.as_str().contains("胜利") && !self.headline && !day_stated(before) {
            // 某某全会胜利召开 with no day is how speeches and greetings recall a
            // congress or plenum; a report of one gives its day or heads the article.
            return said(Status::Referenced, "meeting.referenced");
        }
        // As the subject of 召开/举行 the whole noun phrase is the name:
        // 学习贯彻…主题教育总结会议4日在京召开 keeps 学习贯彻.
        Frame { status: Status::Held, rule: "meeting.held.name-verb", anchor: ke + m.end(), subject: true }
    }
}

/// 主任办公会暨食安委全体会议、河湖长制部署会 is one sitting under three names:
/// mentions joined by 暨 (and those listed after a 暨 with 、) become one meeting.
fn join_combined(s: &str, mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    let mut joined_last = false;
    for m in mentions {
        if let Some(prev) = out.last_mut() {
            let between = s.get(prev.end..m.start).unwrap_or_default();
            if between == "暨" || (joined_last && between == "、") {
                prev.name = format!("{}{between}{}", prev.name, s.get(m.start..m.end).unwrap_or_default());
                prev.end = m.end;
                if m.status == Status::Held {
                    prev.status = Status::Held;
                    prev.anchor = prev.anchor.max(m.anchor);
                }
                joined_last = true;
                continue;
            }
        }
        joined_last = false;
        out.push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(s: &str, published: Option<Date>) -> Vec<(String, Status, DateInfo)> {
        let lex = Lexicon::builtin();
        find(s, 0, s.len(), &lex, published, false).into_iter().map(|m| (m.name, m.status, m.date)).collect()
    }

    #[test]
    fn convener_and_ordinal() {
        let p = Date::new(2022, 2, 14);
        let v = held("2月7日,省推进长三角一体化发展领导小组召开第四次全体会议。", p);
        assert_eq!(
            v,
            [(
                "省推进长三角一体化发展领导小组第四次全体会议".into(),
                Status::Held,
                DateInfo::Day(Date::new(2022, 2, 7).unwrap())
            )]
        );
    }

    #[test]
    fn place_prefix_and_unknown_date() {
        let v = held(
            "日前,广州市召开推进粤港澳大湾区建设领导小组第七次全体会议,传达学习省推进粤港澳大湾区建设领导小组第六次全体会议精神。",
            None,
        );
        assert_eq!(v[0].0, "广州市推进粤港澳大湾区建设领导小组第七次全体会议");
        assert_eq!(v[0].2, DateInfo::Unknown);
        assert_eq!(v[1].1, Status::Referenced);
    }

    #[test]
    fn chaired_meeting_with_day() {
        let v = held("国务院总理温家宝4日主持召开国务院常务会议,部署工作。", Date::new(2012, 7, 4));
        assert_eq!(v[0], ("国务院常务会议".into(), Status::Held, DateInfo::Day(Date::new(2012, 7, 4).unwrap())));
    }

    #[test]
    fn planned_is_not_held() {
        let v = held("会议决定,十二届全国人大常委会第十五次会议6月24日至7月1日在北京举行。", Date::new(2015, 6, 17));
        assert_eq!(v[0].1, Status::Planned);
    }

    #[test]
    fn generic_needs_body_or_ordinal() {
        assert!(held("会议指出,这次会议很重要。", None).is_empty());
    }
}
