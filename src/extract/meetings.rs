//! Meeting mentions: names, whether the article reports them as held, and dates.
//!
//! Takes one sentence of a segment and the lexicon. Gives the meetings named in
//! it, each with its full name (body + ordinal + kind), whether the sentence
//! reports it as held, referred to (its spirit relayed) or planned, and the date
//! the sentence gives for it. Never decides which mentions are the same meeting:
//! that is [`super::extract`]'s job.

use std::sync::OnceLock;

use regex::Regex;

use super::text::{char_at, char_before, is_han};
use crate::date::Date;
use crate::lexicon::Lexicon;

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

/// Words that cannot be inside a meeting's name: the name starts after the last one.
const NAME_BREAKS: &[&str] = &[
    "召开",
    "举行",
    "主持",
    "出席",
    "参加",
    "列席",
    "在",
    "传达",
    "学习",
    "贯彻",
    "落实",
    "精神",
    "了",
    "并",
    "日",
    "上午",
    "下午",
    "晚上",
    "今天",
    "昨天",
    "近日",
    "日前",
    "讲话",
    "期间",
    "还",
    "将",
    "由",
    "是",
    "为",
    "同意",
    "提交",
    "审议",
    "听取",
    "于",
    "以",
    "到",
    "就",
    "会前",
    "会后",
    "随后",
    "分别",
    "先后",
    "按照",
    "根据",
    "通过",
    "向",
    "举办",
    "组织",
    "号",
    "主持召开",
    "决定",
    "指出",
    "强调",
    "要求",
    "认为",
    "表示",
    "一是",
    "二是",
    "三是",
];

/// [`NAME_BREAKS`] as one automaton, so that a name is searched once for all of them.
fn name_breaks() -> &'static aho_corasick::AhoCorasick {
    static A: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    crate::rx::cached_words(&A, NAME_BREAKS)
}

/// Words that end the subject before a meeting's name when the name is the
/// subject of 召开 or 举行; fewer than [`NAME_BREAKS`], since a subject may start
/// with 学习贯彻 or 传达.
const SUBJECT_BREAKS: &[&str] = &[
    "召开", "举行", "主持", "出席", "参加", "列席", "在", "了", "日", "号", "上午", "下午", "晚上", "今天", "昨天",
    "近日", "日前", "期间", "还", "将", "由", "是", "为", "于", "以", "到", "就", "会前", "会后", "随后", "分别",
    "先后", "消息", "报道", "电", "讯",
];

/// How many characters before its kind a meeting's name (or before 召开 its
/// convener) is read back at most. The longest names of real reports are about
/// 60 characters; without a bound, a sentence made of meeting kinds and nothing
/// else (会议会议…) read its whole beginning again for every kind in it.
const MAX_NAME_RUN: usize = 200;

/// Characters a name may hold besides Han characters.
fn name_char(c: char) -> bool {
    is_han(c) || c.is_ascii_digit() || matches!(c, '(' | ')' | '“' | '”' | '"' | '·' | '-')
}

use crate::rx::cached as re;

fn ordinal_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?:(?:19|20)\d\d年(?:度)?)?第?[一二三四五六七八九十百零〇两\d]+次")
}

/// [`ordinal_re`] at the start of the text only, so that asking costs the length
/// of an ordinal, not of the rest of the sentence.
fn ordinal_at_start_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:(?:19|20)\d\d年(?:度)?)?第?[一二三四五六七八九十百零〇两\d]+次")
}

/// The last ordinal in `prefix`, and where it starts. Every ordinal ends in 次,
/// so a prefix without one (most of them) is not searched.
fn last_ordinal(prefix: &str) -> Option<(usize, String)> {
    if !prefix.contains('次') {
        return None;
    }
    ordinal_re().find_iter(prefix).last().map(|m| (m.start(), m.as_str().to_string()))
}

fn held_after_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:今天|今日|昨天|昨日|日前|近日)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?:至(?:\d{1,2}月)?\d{1,2}[日号])?(?:上午|下午|晚上|晚)?(?:在[^,，。;、]{1,14}?|以[^,，。;、]{1,10}?形式|于[^,，。;、]{1,14}?)?(?:隆重|顺利|正式)?(?:召开|举行|开幕|闭幕|开班)",
    )
}

fn held_before_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?:召开|举行|主持召开|主持|出席|参加|列席|召集|举办)(?:了|的)?(?:(?:\d{1,2}月)?\d{1,2}[日号])?$")
}

fn planned_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"决定|将于|拟于|定于|将在|筹备|拟在|提请|建议.{0,20}召开")
}

fn referenced_before_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"在(?:主持|出席|参加)[^,，。;]{0,6}$|(?:传达|学习|贯彻|落实|按照|根据|领会|对照|围绕|聚焦|推动|部署落实|认真落实|研究落实)[^,，。;]{0,12}$",
    )
}

fn referenced_after_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:的|上的|以来|精神|要求|部署|决策|决定|上讲话|上发表|召开以来|召开前|前夕|闭幕后|审议|确定|提出|作出)")
}

fn date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:((?:19|20)\d\d)年)?(?:(\d{1,2})月)?(\d{1,2})[日号](?:[电讯])?|(今天|今日|昨天|昨日|日前|近日|近期|最近|前不久|此前)",
    )
}

/// The date stated in `text[..limit]` (the part of a sentence up to the verb),
/// resolved against `published`.
pub fn date_before(text: &str, from: usize, limit: usize, published: Option<Date>) -> DateInfo {
    let window = text.get(from..limit).unwrap_or_default();
    date_re().captures_iter(window).filter_map(|cap| date_of(window, &cap, published)).last().unwrap_or(DateInfo::None)
}

/// What one match of [`date_re`] in `window` says, or `None` when it is not a
/// meeting's date (a dateline, or a number that belongs to something else).
fn date_of(window: &str, cap: &regex::Captures<'_>, published: Option<Date>) -> Option<DateInfo> {
    let whole = cap.get(0)?;
    let w = whole.as_str();
    if w.ends_with('电') || w.ends_with('讯') {
        return None; // a dateline: the day the report was filed, not the meeting's
    }
    // A day number glued to a preceding digit or 第 is part of something else.
    if cap.get(1).is_none() && cap.get(2).is_none() && cap.get(4).is_none() {
        let before = char_before(window, whole.start());
        if before.is_some_and(|c| c.is_ascii_digit() || c == '第' || c == '年' || c == '至' || c == '和') {
            return None;
        }
    }
    Some(if let Some(rel) = cap.get(4) {
        match (rel.as_str(), published) {
            ("今天" | "今日", Some(p)) => DateInfo::Day(p),
            ("昨天" | "昨日", Some(p)) => previous_day(p).map_or(DateInfo::Unknown, DateInfo::Day),
            _ => DateInfo::Unknown,
        }
    } else {
        let num = |i: usize| cap.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let day = num(3).and_then(|d| u8::try_from(d).ok());
        let month = num(2).and_then(|m| u8::try_from(m).ok());
        let year = num(1).and_then(|y| u16::try_from(y).ok());
        let resolved = match (year, month, day, published) {
            (Some(y), Some(m), Some(d), _) => Date::new(y, m, d),
            (None, Some(m), Some(d), Some(p)) => p.resolve_month_day(m, d),
            (None, None, Some(d), Some(p)) => p.resolve_day(d),
            _ => None,
        };
        resolved.map_or(DateInfo::Unknown, DateInfo::Day)
    })
}

/// The matches of a pattern in a sentence, found once, standing in for a search
/// of each of the sentence's beginnings `text[from..limit]`.
///
/// A sentence of many meetings asks for every meeting what stands before it;
/// searching the beginning anew each time made such sentences cost time in the
/// square of their length. The answer for `text[from..limit]` is read from the
/// matches in the whole sentence instead: the patterns here have no anchors or
/// look-around, so a match in the beginning is a match in the whole sentence,
/// and searching from left to right finds the same matches in both as long as
/// they end by `limit`. Only a match that runs across `limit` differs; from its
/// start on, the beginning is searched itself, a few characters at most, since
/// these patterns match short text.
struct Matches {
    /// Start and end of each match, in order.
    spans: Vec<(usize, usize)>,
}

impl Matches {
    fn new(re: &Regex, text: &str, from: usize, to: usize) -> Matches {
        let window = text.get(from..to).unwrap_or_default();
        Matches { spans: re.find_iter(window).map(|m| (from + m.start(), from + m.end())).collect() }
    }

    /// How many matches end by `limit`, and where the next one starts when it runs
    /// across `limit` (then the beginning has to be searched from there).
    fn before(&self, limit: usize) -> (usize, Option<usize>) {
        let n = self.spans.partition_point(|&(_, e)| e <= limit);
        (n, self.spans.get(n).map(|&(a, _)| a).filter(|&a| a < limit))
    }
}

/// Where a meeting's name may start after a word of [`NAME_BREAKS`] or a 和
/// between two meetings, found once per sentence. Searching each name's run of
/// characters anew made a sentence of many meetings cost time in the square of
/// the run's length.
struct Breaks {
    /// Every use of a break word, overlapping ones too, by end.
    words: Vec<(usize, usize)>,
    /// Every 和, 与, 及, 、 or 暨 right after 会 or 议.
    joins: Vec<usize>,
}

impl Breaks {
    fn new(s: &str, start: usize, end: usize) -> Breaks {
        let window = s.get(start..end).unwrap_or_default();
        // The automaton reports overlapping matches where they end, in order.
        let words = name_breaks().find_overlapping_iter(window).map(|m| (start + m.start(), start + m.end())).collect();
        let joins = window
            .match_indices(['和', '与', '及', '、', '暨'])
            .map(|(p, _)| start + p)
            .filter(|&p| s.get(..p).is_some_and(|h| h.ends_with('会') || h.ends_with('议')))
            .collect();
        Breaks { words, joins }
    }

    /// The furthest end of a break word inside `a..b`, or `a`.
    fn last_word_end(&self, a: usize, b: usize) -> usize {
        let n = self.words.partition_point(|&(_, e)| e <= b);
        // Going back from the last use that ends by `b`, the first one that starts
        // at `a` or later ends furthest; only uses that run across `a` come between.
        let before = self.words.get(..n).unwrap_or_default();
        before.iter().rev().take_while(|&&(_, e)| e > a).find(|&&(st, _)| st >= a).map_or(a, |&(_, e)| e)
    }

    /// Just after the last join inside `a..b` with its 会 or 议 inside too, or `a`.
    fn last_join_end(&self, a: usize, b: usize) -> usize {
        let n = self.joins.partition_point(|&p| p + '和'.len_utf8() <= b);
        n.checked_sub(1)
            .and_then(|k| self.joins.get(k))
            .filter(|&&p| p >= a + '会'.len_utf8())
            .map_or(a, |&p| p + '和'.len_utf8())
    }
}

/// [`date_before`] for many limits in one sentence (see [`Matches`]).
struct Dates<'a> {
    text: &'a str,
    from: usize,
    published: Option<Date>,
    matches: Matches,
    /// `found[i]`: the date after the first `i` matches.
    found: Vec<DateInfo>,
}

impl<'a> Dates<'a> {
    fn new(text: &'a str, from: usize, to: usize, published: Option<Date>) -> Dates<'a> {
        let matches = Matches::new(date_re(), text, from, to);
        let window = text.get(from..to).unwrap_or_default();
        let mut found = Vec::with_capacity(matches.spans.len() + 1);
        let mut last = DateInfo::None;
        found.push(last);
        for cap in date_re().captures_iter(window) {
            if let Some(d) = date_of(window, &cap, published) {
                last = d;
            }
            found.push(last);
        }
        Dates { text, from, published, matches, found }
    }

    /// `date_before(text, from, limit, published)`.
    fn before(&self, limit: usize) -> DateInfo {
        let (n, across) = self.matches.before(limit);
        let mut found = self.found.get(n).copied().unwrap_or(DateInfo::None);
        if let Some(a) = across {
            let window = self.text.get(self.from..limit).unwrap_or_default();
            let mut at = a - self.from;
            while let Some(cap) = date_re().captures_at(window, at) {
                let Some(whole) = cap.get(0) else { break };
                if let Some(d) = date_of(window, &cap, self.published) {
                    found = d;
                }
                // The pattern never matches empty text, so the search moves on.
                at = whole.end().max(at + 1);
            }
        }
        found
    }
}

fn previous_day(d: Date) -> Option<Date> {
    if d.day > 1 {
        return Date::new(d.year, d.month, d.day - 1);
    }
    let (y, m) = if d.month == 1 { (d.year - 1, 12) } else { (d.year, d.month - 1) };
    (28..=31).rev().find_map(|day| Date::new(y, m, day))
}

/// Endings of a name's part before the kind that make it a body (so 会议 after
/// it is a meeting of that body).
fn ends_like_body(prefix: &str) -> bool {
    const ENDS: &[&str] = &[
        "委员会",
        "常委会",
        "人大",
        "政协",
        "国务院",
        "政府",
        "党组",
        "小组",
        "党委",
        "常委",
        "工委",
        "管委会",
        "主席团",
        "中央",
        "政治局",
        "书记处",
        "代表团",
        "联席",
        "全体",
    ];
    ENDS.iter().any(|e| prefix.ends_with(e))
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
    let mut out = Vec::new();
    // What every mention asks of the whole sentence, asked once, at the first
    // mention (most sentences have none).
    let window = s.get(start..end).unwrap_or_default();
    let mut context: Option<(bool, bool, bool)> = None;
    let mut dates: Option<Dates<'_>> = None;
    let mut breaks: Option<Breaks> = None;
    let mut planned: Option<Matches> = None;
    let mut i = start;
    // Just past the next character at or after `i` that a kind can end with. The
    // kinds end in a few characters (会, 议), and a kind that starts at `i` ends
    // there or later, so no kind starts further back from it than the longest
    // kind is long: those characters are passed over without a look-up.
    let mut next_end: Option<usize> = None;
    while i < end {
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
        let ke = i + klen;
        i = ke;
        let kind = s.get(ks..ke).unwrap_or_default();
        let next = char_at(s, ke);
        if next.is_some_and(|n| "室堂厅址场".contains(n)) {
            continue;
        }
        // The name runs left from the kind over name characters, and starts after
        // the last word that cannot be part of a name.
        let mut ns = ks;
        let mut run = 0;
        while ns > start && run < MAX_NAME_RUN {
            match char_before(s, ns) {
                Some(p) if name_char(p) => ns -= p.len_utf8(),
                _ => break,
            }
            run += 1;
        }
        let run_start = ns;
        let breaks = breaks.get_or_insert_with(|| Breaks::new(s, start, end));
        // The end of the last use of each word, that is, the furthest end of any use;
        // and two meetings joined by 和 (座谈会和民主协商会): the second starts after it.
        let ns = ns.max(breaks.last_word_end(ns, ks)).max(breaks.last_join_end(ns, ks));
        let prefix = s.get(ns..ks).unwrap_or_default();
        let ordinal = last_ordinal(prefix);
        let generic = lex.generic_kinds.contains(kind);
        if generic {
            let has_ordinal = ordinal.as_ref().is_some_and(|(p, o)| {
                p + o.len() == prefix.len()
                    && !["这次", "此次", "本次", "该次", "上次", "下次", "每次", "历次", "多次", "首次"]
                        .iter()
                        .any(|x| prefix.ends_with(x))
            });
            if !(has_ordinal || ends_like_body(prefix)) {
                continue;
            }
        }
        let before = s.get(start..ns).unwrap_or_default();
        let after = s.get(ke..).unwrap_or_default();
        let mut status = Status::Named;
        let mut subject_name = false;
        let mut anchor = ke;
        let mut rule = "meeting.named";
        if referenced_after_re().is_match(after) {
            status = Status::Referenced;
            rule = "meeting.referenced";
        } else if let Some(m) = held_after_re().find(after) {
            // A session that 举行第三次全体会议 is the frame of the sitting the
            // article reports, not a meeting of its own.
            let next = after.get(m.end()..).unwrap_or_default();
            if ordinal_at_start_re().is_match(next) || lex.meeting_kinds.longest_prefix(next).is_some() {
                status = Status::Named;
                rule = "meeting.session-frame";
            } else if ["以来", "后", "前", "之际", "期间", "时"].iter().any(|w| next.starts_with(w)) {
                // 开幕以来: a time reference, not a report of the opening.
                status = Status::Referenced;
                rule = "meeting.referenced";
            } else {
                status = Status::Held;
                anchor = ke + m.end();
                rule = "meeting.held.name-verb";
                // As the subject of 召开/举行 the whole noun phrase is the name:
                // 学习贯彻…主题教育总结会议4日在京召开 keeps 学习贯彻.
                subject_name = true;
            }
        } else if referenced_before_re().is_match(before) {
            status = Status::Referenced;
            rule = "meeting.referenced";
        } else if held_before_re().is_match(before) {
            status = Status::Held;
            rule = "meeting.held.verb-name";
        } else if headline && after.trim().is_empty() {
            status = Status::Held;
            rule = "meeting.held.headline";
        } else if let Some(prev) = out.last().filter(|p: &&Mention| p.status == Status::Held && p.end < ns) {
            // 召开A和B: the second of a list shares the first's verb.
            let gap = s.get(prev.end..ns).unwrap_or_default();
            if matches!(gap, "和" | "与" | "及" | "、") {
                status = Status::Held;
                rule = "meeting.held.list";
            }
        }
        if status == Status::Held && {
            let planned = planned.get_or_insert_with(|| Matches::new(planned_re(), s, start, end));
            match planned.before(anchor) {
                (0, Some(a)) => planned_re().is_match(s.get(a..anchor).unwrap_or_default()),
                (n, _) => n > 0,
            }
        } {
            status = Status::Planned;
            rule = "meeting.planned";
        }

        // X召开Y: a name without a body of its own (第四次全体会议) takes the
        // convener before the verb; a place before the verb is prefixed too
        // (广州市召开推进…领导小组第七次全体会议).
        let (ns, prefix) = if subject_name {
            let mut cut = run_start;
            let head = s.get(run_start..ks).unwrap_or_default();
            for w in SUBJECT_BREAKS {
                if let Some(p) = head.rfind(w) {
                    cut = cut.max(run_start + p + w.len());
                }
            }
            (cut.max(ns.min(cut)), s.get(cut..ks).unwrap_or_default())
        } else {
            (ns, prefix)
        };
        let ordinal = if subject_name { last_ordinal(prefix) } else { ordinal };
        let mut name = prefix.to_string() + kind;
        let mut body =
            ordinal.as_ref().map_or(prefix.to_string(), |(p, _)| prefix.get(..*p).unwrap_or_default().to_string());
        let verb = ["召开", "举行"].iter().find(|v| before.trim_end_matches('了').ends_with(*v));
        if let Some(v) = verb {
            let vb = before.trim_end_matches('了');
            let x_end = vb.len() - v.len();
            let x = convener(vb.get(..x_end).unwrap_or_default());
            let bare = body.is_empty();
            let place = is_place(x, lex);
            if !x.is_empty() && (bare || place) {
                name = format!("{x}{name}");
                if bare {
                    body = x.to_string();
                } else {
                    body = format!("{x}{body}");
                }
            }
        }
        let date = dates.get_or_insert_with(|| Dates::new(s, start, end, published)).before(anchor.max(ks));
        let (video, same_day, sequenced) = *context.get_or_insert_with(|| {
            let same_day =
                ["会前", "会后", "随后", "同日", "当天", "当日", "紧接着", "接着"].iter().any(|w| window.contains(w));
            (window.contains("视频"), same_day, same_day || ["次日", "之后"].iter().any(|w| window.contains(w)))
        });
        let form = (video || kind == "视频会议").then(|| "视频会议".to_string());
        out.push(Mention {
            name,
            start: ns,
            end: ke,
            kind: kind.to_string(),
            ordinal: ordinal.map(|(_, o)| o),
            body: (!body.is_empty()).then_some(body),
            status,
            date,
            anchor,
            rule,
            form,
            sequenced,
            same_day,
        });
    }
    pair_dates(s, start, published, &mut out);
    join_combined(s, out)
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

/// 2月6日和2月8日先后召开A和B: several meetings held under one verb take the
/// dates listed before it in order.
fn pair_dates(s: &str, start: usize, published: Option<Date>, out: &mut [Mention]) {
    let held: Vec<usize> = out.iter().enumerate().filter(|(_, m)| m.status == Status::Held).map(|(i, _)| i).collect();
    if held.len() < 2 {
        return;
    }
    let Some(first) = held.first().and_then(|&i| out.get(i)) else { return };
    let window = s.get(start..first.start).unwrap_or_default();
    let dates: Vec<DateInfo> = date_re()
        .find_iter(window)
        .map(|m| date_before(window, m.start(), m.end(), published))
        .filter(|d| matches!(d, DateInfo::Day(_)))
        .collect();
    if dates.len() == held.len() {
        for (&i, d) in held.iter().zip(dates) {
            if let Some(m) = out.get_mut(i) {
                m.date = d;
            }
        }
    }
}

/// The convener written before 召开: the run of name characters right before
/// the verb, without a leading date, year or time.
fn convener(before: &str) -> &str {
    let mut start = before.len();
    let mut run = 0;
    while let Some(c) = before.get(..start).and_then(|b| b.chars().next_back()).filter(|_| run < MAX_NAME_RUN) {
        if name_char(c) {
            start -= c.len_utf8();
            run += 1;
        } else {
            break;
        }
    }
    let mut x = before.get(start..).unwrap_or_default();
    // Adverbs and dates between the convener and the verb (湖南省政协2月6日和
    // 2月8日先后召开) are not part of the convener.
    static TAIL: OnceLock<Regex> = OnceLock::new();
    let tail = re(
        &TAIL,
        r"(?:(?:\d{1,2}月)?\d{1,2}[日号][和至、]?|上午|下午|晚上|先后|分别|共同|联合|专门|再次|正式|隆重|日前|近日|今天|昨天|在[^,，。;、]{1,14}?)+$",
    );
    if let Some(m) = tail.find(x) {
        x = x.get(..m.start()).unwrap_or_default();
    }
    for w in ["日前", "近日", "今天", "昨天", "上午", "下午", "晚上", "日", "号", "主持", "分别"] {
        if let Some(p) = x.rfind(w) {
            x = x.get(p + w.len()..).unwrap_or_default();
        }
    }
    // A leading year (2022年平潭综合实验区).
    static YEAR: OnceLock<Regex> = OnceLock::new();
    if let Some(m) = re(&YEAR, r"^(?:19|20)\d\d年(?:度)?").find(x) {
        x = x.get(m.end()..).unwrap_or_default();
    }
    x
}

fn is_place(x: &str, lex: &Lexicon) -> bool {
    !x.is_empty()
        && (lex.place_names.contains(x)
            || (x.chars().count() <= 8 && ["省", "市", "区", "县", "州", "盟", "旗"].iter().any(|e| x.ends_with(e))))
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
