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

/// Words that end a clause before a meeting's name, whether the name is the
/// object of a verb or the subject of 召开: the name starts after the last one.
const CLAUSE_BREAKS: &[&str] = &[
    "召开",
    "举行",
    "主持",
    "出席",
    "参加",
    "列席",
    "在",
    "了",
    "日",
    "上午",
    "下午",
    "晚上",
    "今天",
    "昨天",
    "近日",
    "日前",
    "期间",
    "还",
    "将",
    "由",
    "是",
    "为",
    "于",
    "以",
    "到",
    "就",
    "会前",
    "会后",
    "随后",
    "分别",
    "先后",
    "号",
    "不久前",
    "前不久",
    "致信",
    "祝贺",
    "预祝",
    "迎接",
    "喜迎",
    "欣闻",
];

/// Words that also cannot be inside a meeting's name that is a verb's object,
/// though a subject may start with them (学习贯彻…会议在京召开).
const OBJECT_BREAKS: &[&str] = &[
    "传达",
    "学习",
    "贯彻",
    "落实",
    "精神",
    "并",
    "讲话",
    "同意",
    "提交",
    "审议",
    "听取",
    "按照",
    "根据",
    "通过",
    "向",
    "举办",
    "组织",
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
    "会上",
    "会议上",
    "贺信",
];

/// Words that end a dateline (某地3日电, 新华社消息) before a name that is the
/// subject of 召开 or 举行.
const DATELINE_BREAKS: &[&str] = &["消息", "报道", "电", "讯"];

/// Words that cannot be inside a meeting's name: [`CLAUSE_BREAKS`] and
/// [`OBJECT_BREAKS`], in the order the automaton numbers them.
fn name_break_words() -> &'static [&'static str] {
    static W: OnceLock<Vec<&'static str>> = OnceLock::new();
    W.get_or_init(|| CLAUSE_BREAKS.iter().chain(OBJECT_BREAKS).copied().collect())
}

/// Words of [`OBJECT_BREAKS`] that a name may hold after the verb that reports it
/// held: they say what the meeting studied.
const STUDY_WORDS: &[&str] = &["传达", "学习", "贯彻", "落实", "精神"];

/// Function words of [`name_break_words`] that a name may hold after the verb, away
/// from it: the object of 召开 is the name whole (召开推动设备更新和以旧换新工作
/// 会议, 召开就…征求意见座谈会), while before the verb they end the subject.
const OBJECT_WORDS: &[&str] = &["在", "以", "于", "到", "就", "向", "为", "是", "决定", "通过", "组织", "按照", "根据"];

/// Whether a 日 or 号 at `at` in `head` ends a date (3日, 今日), as a break
/// must, rather than a word (抗日战争); other words pass.
fn date_word(head: &str, at: usize, word: &str) -> bool {
    !matches!(word, "日" | "号")
        || head
            .get(..at)
            .and_then(|h| h.chars().next_back())
            // At the start nothing numbers it: 日本参议院 is a name.
            .is_some_and(|c| !is_han(c) || "一二三四五六七八九十今昨当同次翌".contains(c))
}

/// [`name_break_words`] as one automaton, so that a name is searched once for all of them.
fn name_breaks() -> &'static aho_corasick::AhoCorasick {
    static A: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    crate::rx::cached_words(&A, name_break_words())
}

/// Characters a name may hold besides Han characters.
fn name_char(c: char) -> bool {
    is_han(c) || c.is_ascii_digit() || matches!(c, '(' | ')' | '“' | '”' | '"' | '·' | '-' | '+')
}

use crate::rx::cached as re;

fn ordinal_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?:(?:19|20)\d\d年(?:度)?)?第?[一二三四五六七八九十百零〇两\d]+次|首次")
}

fn count_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:\d+|[一二三四五六七八九十两多几数]+)[次场]")
}

fn held_after_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:当地时间)?(?:今天|今日|昨天|昨日|日前|近日|[今昨]\(\d{1,2}\)日)?(?:\((?:\d{1,2}月)?\d{1,2}日\))?(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?:至(?:\d{1,2}月)?\d{1,2}[日号])?(?:上午|下午|晚上|晚)?(?:在[^,，。;、]{1,20}?|以[^,，。;、]{1,10}?形式|于[^,，。;、]{1,14}?)?(?:(?:隆重|顺利|正式|胜利|圆满)?(?:召开|举行|开幕|闭幕|开班))|^[,，]于[^,，。;；]{1,24}?(?:召开|举行)|^(?:今天|今日|昨天|昨日|[今昨]\(\d{1,2}\)日|\d{1,2}[日号])(?:上午|下午|晚上|晚)?(?:审议|表决|讨论)?通过",
    )
}

/// The verb after a name that reports it held ([`held_after_re`]). 通过 counts
/// only after a sitting (院会今(28)日通过, 全会今天通过), not after a body that
/// adopts a law (立法会27日通过) or in 通过的 (adopted earlier).
fn held_after<'a>(after: &'a str, kind: &str) -> Option<regex::Match<'a>> {
    let m = held_after_re().find(after)?;
    if m.as_str().ends_with("通过") {
        let sitting = ["会议", "全会", "院会"].iter().any(|k| kind.ends_with(k));
        if !sitting || after.get(m.end()..).is_some_and(|r| r.starts_with('的')) {
            return None;
        }
    }
    Some(m)
}

fn held_before_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?:召开|举行|主持召开|主持|出席|参加|列席|召集|举办)(?:了|的)?(?:(?:\d{1,2}月)?\d{1,2}[日号])?$")
}

fn chaired_by_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // 县务会议，县长某某主持: a chair after a comma, where a headline or a
    // minute names the meeting first.
    re(
        &R,
        r"^(?:\d{1,2}[日号])?(?:上午|下午|晚上)?(?:由[^,，。;；]{1,30}?主持|[,，][^,，。;；:：由]{2,16}?主持(?:[,，。;；]|$|会议|并))",
    )
}

fn planned_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"决定|将于|拟于|定于|将在|预祝|筹备|拟在|提请|预计|计划|将召开|将举行|将举办|即将|建议.{0,20}召开")
}

fn referenced_before_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"在(?:主持|出席|参加)[^,，。;]{0,6}$|(?:传达|学习|贯彻|落实|按照|根据|领会|对照|围绕|聚焦|推动|部署落实|认真落实|研究落实)[^,，。;]{0,12}$|(?:不久前|前不久|此前|先前|去年|前年|上月|上周|年初|年前)[^,，。;]{0,12}(?:召开|举行)的$",
    )
}

fn recalled_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?:不久前|前不久|此前|先前|去年|前年|上月|上周)[,，]$")
}

fn quoted_report_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?:说|表示|认为|获悉|得知|中|指出|强调)[,，:：](?:热烈)?(?:祝贺)?$|(?:欣闻|喜迎|迎接|预祝)$")
}

fn referenced_after_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:的|上的|以来|精神|要求|部署|决策|决定|上讲话|上发表|召开以来|召开前|前夕|闭幕后|审议|确定|提出|作出)")
}

fn date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:((?:19|20)\d\d)年)?(?:(\d{1,2})月)?(\d{1,2}|[一二三四五六七八九十]{1,3})[日号](?:[电讯])?|(今天|今日|昨天|昨日|日前|近日|近期|最近|前不久|此前)|[今昨]\((\d{1,2})\)日|(?:民国)?(1[01]\d)年(\d{1,2})月(\d{1,2})日",
    )
}

/// The date stated in `text[..limit]` (the part of a sentence up to the verb),
/// resolved against `published`.
pub fn date_before(text: &str, from: usize, limit: usize, published: Option<Date>) -> DateInfo {
    let window = text.get(from..limit).unwrap_or_default();
    let mut found = DateInfo::None;
    for cap in date_re().captures_iter(window) {
        let Some(whole) = cap.get(0) else { continue };
        let w = whole.as_str();
        if w.ends_with('电') || w.ends_with('讯') {
            continue; // a dateline: the day the report was filed, not the meeting's
        }
        // A day number glued to a preceding digit or 第 is part of something else.
        if cap.get(1).is_none() && cap.get(2).is_none() && cap.get(4).is_none() && cap.get(6).is_none() {
            let before = char_before(window, whole.start());
            if before.is_some_and(|c| c.is_ascii_digit() || c == '第' || c == '年' || c == '至' || c == '和') {
                continue;
            }
        }
        found = if let Some(rel) = cap.get(4) {
            match (rel.as_str(), published) {
                // 四年前的今天: an anniversary, not the day of publication.
                ("今天" | "今日", _) if window.get(..rel.start()).is_some_and(|b| b.ends_with("前的")) => {
                    DateInfo::Unknown
                }
                ("今天" | "今日", Some(p)) => DateInfo::Day(p),
                ("昨天" | "昨日", Some(p)) => previous_day(p).map_or(DateInfo::Unknown, DateInfo::Day),
                _ => DateInfo::Unknown,
            }
        } else {
            let num = |i: usize| cap.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            // 十三日 and 今(13)日 are days as much as 13日.
            let day = num(3)
                .or_else(|| cap.get(3).and_then(|m| numeral_value(m.as_str())))
                .or_else(|| num(5))
                .or_else(|| num(8))
                .and_then(|d| u8::try_from(d).ok());
            let month = num(2).or_else(|| num(7)).and_then(|m| u8::try_from(m).ok());
            // 民国113年 counts the years of the Republic of China, from 1912.
            let year = num(1).or_else(|| num(6).map(|y| y + 1911)).and_then(|y| u16::try_from(y).ok());
            let resolved = match (year, month, day, published) {
                (Some(y), Some(m), Some(d), _) => Date::new(y, m, d),
                (None, Some(m), Some(d), Some(p)) => p.resolve_month_day(m, d),
                (None, None, Some(d), Some(p)) => p.resolve_day(d),
                _ => None,
            };
            resolved.map_or(DateInfo::Unknown, DateInfo::Day)
        };
    }
    found
}

/// The value of a number written in Chinese numerals (十三, 二十一, 一百零五).
pub fn numeral_value(n: &str) -> Option<u32> {
    if n.is_empty() {
        return None;
    }
    let digit = |c: char| match c {
        '零' | '〇' => Some(0),
        '两' => Some(2),
        _ => "一二三四五六七八九".chars().position(|d| d == c).and_then(|p| u32::try_from(p + 1).ok()),
    };
    let (mut total, mut current) = (0u32, 0u32);
    for c in n.chars() {
        match c {
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            _ => current = digit(c)?,
        }
    }
    Some(total + current)
}

/// Whether `date` is a day at most `n` days before `published` (or any day when
/// the publication date is unknown).
fn within_days(date: DateInfo, published: Option<Date>, n: usize) -> bool {
    let DateInfo::Day(d) = date else { return false };
    let Some(p) = published else { return true };
    let earliest = (0..n).try_fold(p, |x, _| previous_day(x));
    d <= p && earliest.is_some_and(|e| d >= e)
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
    // 县委常委(扩大)会议: the tag of an enlarged sitting stands between the body and the kind.
    let prefix = prefix.strip_suffix("(扩大)").unwrap_or(prefix);
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

/// Words before an ordinal that make it no meeting's own (这次会议, 多次会议).
const VAGUE_PREFIXES: &[&str] = &["这次", "此次", "本次", "该次", "上次", "下次", "每次", "历次", "多次", "首次"];

/// The longest a meeting's name is looked for, in characters.
const MAX_NAME_CHARS: usize = 100;

/// Words a name of its own never ends in before a generic kind or an open head:
/// they point at a meeting named elsewhere (有关会议, 这个会) or count meetings.
const VAGUE_ENDINGS: &[&str] = &[
    "有关",
    "相关",
    "各类",
    "各种",
    "各项",
    "一系列",
    "系列",
    "这个",
    "那个",
    "一个",
    "一次",
    "两次",
    "此",
    "这",
    "那",
    "该",
    "其",
    "各",
    "每",
    "本",
    "上述",
    "以上",
    "同类",
    "类似",
    "其他",
    "其它",
    "所有",
    "重要",
    "重大",
    "专门",
];

/// Words a name of its own never starts with before a generic kind or an open
/// head: they point at meetings named elsewhere (有关反馈会议, 各类座谈会).
const VAGUE_STARTS: &[&str] =
    &["有关", "相关", "各类", "各种", "各项", "一系列", "系列", "其他", "其它", "所有", "上述"];

/// Words that make a 大会 an assembly of a body or of its members, not a
/// conference or fair: who meets (代表, 职工, 干部) or why (纪念, 表彰, 动员).
const ASSEMBLY_WORDS: &[&str] = &[
    "代表", "会员", "股东", "职工", "干部", "党员", "理事", "委员", "纪念", "庆祝", "追悼", "表彰", "奖励", "颁奖",
    "动员", "誓师", "总结", "推进", "部署", "工作", "成立", "换届", "届",
];

/// Whether `prefix` is a name of its own for a generic kind or an open head:
/// two characters at least, not a vague or counting word, and, before an open
/// head, not a word that names no meeting (社会, 协会) and not a head glued to
/// the word after it (会见, 会同).
fn own_name(prefix: &str, kind: &str, next: Option<char>, open: bool, lex: &Lexicon) -> bool {
    let han = prefix.chars().filter(|&c| is_han(c)).count();
    // 国际会议, 系列国际会议: a class of meetings; 利比亚问题国际会议 is one.
    let mut core = prefix;
    while let Some(c) = ["国际", "多边", "双边"].iter().find_map(|w| core.strip_suffix(w)) {
        core = c;
    }
    if han < 2
        || (core != prefix && (core.chars().count() < 2 || VAGUE_STARTS.iter().any(|w| core.starts_with(w))))
        || VAGUE_ENDINGS.iter().any(|w| prefix.ends_with(w))
        || VAGUE_STARTS.iter().any(|w| prefix.starts_with(w))
        || VAGUE_PREFIXES.iter().any(|w| prefix.ends_with(w))
    {
        return false;
    }
    if prefix.chars().all(|c| !is_han(c) || "第次届年度一二三四五六七八九十百零〇两".contains(c)) {
        return false;
    }
    // A count of meetings (近30场会议, 多场座谈会) names none of them.
    let mut tail = prefix.chars().rev();
    if tail.next() == Some('场')
        && tail.next().is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十百两多几数".contains(c))
    {
        return false;
    }
    if kind == "大会" {
        // A session of a standing body (第十七次院士大会) is numbered.
        // Conferences and expos are 大会 too (世界互联网大会): a 大会 with no body
        // or ordinal is a meeting when it is a jurisdiction's or a Party body's
        // own (全县安全生产大会, 某某县三级干部大会, 党员大会).
        return prefix.starts_with('全')
            || ordinal_re().is_match(prefix)
            || lex.place_names.longest_prefix(prefix).is_some()
            || prefix.contains(['党', '委'])
            || ASSEMBLY_WORDS.iter().any(|w| prefix.contains(w));
    }
    if !open {
        return true;
    }
    // The word the head ends: the longest entry of the deny list that ends the name.
    let name_end = format!("{prefix}{kind}");
    if lex.not_meetings.longest_suffix(&name_end).is_some() {
        return false;
    }
    // After an open head comes punctuation or a word that ends or frames a name;
    // any other character makes it part of a longer word (会见, 会同, 会员).
    next.is_none_or(|c| !is_han(c) || "上并暨和与及在于由召举开闭今昨胜隆顺圆正".contains(c))
}

/// Where a name found to start at `ns` (and end at `ks`) really starts: not at
/// an opening quote that closes nowhere before the kind (召开“第一届董事会”),
/// a bracketed tag ((新闻联播), (第二季)) or a count (召开了11次领导小组会议).
fn trim_name_start(s: &str, mut ns: usize, ks: usize) -> usize {
    // A closing bracket with no opening one ends a tag before the name ((记者 某某)).
    let prefix = s.get(ns..ks).unwrap_or_default();
    if let Some(p) = prefix.rfind(')').filter(|&p| !prefix.get(..p).is_some_and(|h| h.contains('('))) {
        ns += p + ')'.len_utf8();
    }
    let prefix = s.get(ns..ks).unwrap_or_default();
    // 这次, 此次: the meeting named before, not a part of its name.
    if let Some(w) = VAGUE_PREFIXES.iter().chain(&["这个", "那次"]).find(|w| prefix.starts_with(**w)) {
        // 某委员会召开首次会议: the body's first sitting, numbered.
        if !(*w == "首次" && convened_by_body(s.get(..ns).unwrap_or_default())) {
            ns += w.len();
        }
    }
    let prefix = s.get(ns..ks).unwrap_or_default();
    if prefix.starts_with('“') && !prefix.contains('”') {
        ns += '“'.len_utf8();
    } else if let Some(rest) = prefix.strip_prefix('(') {
        if let Some(close) = rest.find(')') {
            ns += '('.len_utf8() + close + ')'.len_utf8();
        }
    }
    if let Some(m) = count_re().find(s.get(ns..ks).unwrap_or_default()) {
        if !numbered_sitting(s.get(..ns).unwrap_or_default()) {
            ns += m.end();
        }
    }
    ns
}

/// Whether `clause` states a day (5月21日, 今天, 今(25)日).
fn day_stated(clause: &str) -> bool {
    date_re().captures_iter(clause).any(|c| c.get(3).is_some() || c.get(5).is_some() || c.get(8).is_some())
        || ["今天", "今日", "昨天", "昨日", "当天", "当日"].iter().any(|w| clause.contains(w))
}

/// Whether a number of times right after 召开 numbers the sitting (3月20日，市委
/// 召开108次常委会会议, as local reports write 第108次) rather than counting
/// sittings: a day is given, and no word of counting or recollection.
fn numbered_sitting(before: &str) -> bool {
    let clause = before.rsplit(['。', '；', ';']).next().unwrap_or_default();
    before.ends_with("召开")
        && date_re().find_iter(clause).any(|m| m.as_str().ends_with(['日', '号']))
        && !["多次", "先后", "亲自", "共", "累计", "以来", "年来"].iter().any(|w| clause.contains(w))
}

/// Where a name that stops at `at` goes on further left over what names hold
/// besides name characters: a quotation with punctuation in it (召开“构建…，
/// 促进…”专题协商会), or a list of places or topics after the verb that reports
/// the meeting held (主持召开广西、四川、贵州纪委书记座谈会). None when it does not.
fn inner_stretch(s: &str, start: usize, at: usize, end: usize) -> Option<usize> {
    const REACH: usize = 120;
    let from = (start.max(at.saturating_sub(REACH))..=at).find(|&p| s.is_char_boundary(p))?;
    let window = s.get(from..at)?;
    // A closing quote inside the run with no opening one: the quotation began
    // further left, past punctuation it holds.
    let run = s.get(at..end)?;
    let balance = run.chars().take_while(|&c| name_char(c)).fold(0i64, |b, c| match c {
        '“' => b + 1,
        '”' => b - 1,
        _ => b,
    });
    if balance < 0 {
        let open = window.rfind('“')?;
        let inside = window.get(open..)?;
        return (!inside.contains(['。', ';', '；'])).then_some(from + open);
    }
    match char_before(s, at)? {
        // A quotation, or a title studied at the meeting (召开《某某条例》学习座谈会).
        c @ ('”' | '》') => {
            let open = window.rfind(if c == '”' { '“' } else { '《' })?;
            let inside = window.get(open..)?;
            (!inside.contains(['。', ';', '；'])).then_some(from + open)
        }
        '、' => {
            let verb = ["召开", "举行"].iter().filter_map(|v| window.rfind(v)).max()?;
            let between = window.get(verb..)?;
            // Not over another meeting's name: 召开甲会议、乙会议 lists two.
            (!between.contains([',', '，', '。', ';', '；', ':', '：', '会'])).then_some(from + verb)
        }
        _ => None,
    }
}

/// Whether `before` ends in a body and a verb that convenes (县委召开, 国务院举行了)
/// a meeting named by its kind alone.
fn convened_by_body(before: &str) -> bool {
    let b = before.trim_end_matches('了');
    let Some(b) = b.strip_suffix("召开").or_else(|| b.strip_suffix("举行")) else { return false };
    let x = convener(b);
    const BODY_ENDS: &[&str] = &[
        "委", "会", "局", "厅", "部", "院", "办", "府", "组", "处", "司", "署", "校", "团", "社", "中心", "集团",
        "公司",
    ];
    x.chars().count() >= 2 && (ends_like_body(x) || BODY_ENDS.iter().any(|e| x.ends_with(e)))
}

/// Whether a name that needs a frame has one: a verb that reports it held
/// before it (召开, 举行, 主持; 出席 or 参加 only before 会议, since they also
/// take conferences and events) or after it (…召开, 在…举行, 由…主持). A name as
/// the subject of 召开 that is followed by more name (区人大常委会召开第25次主任
/// 会议) is the convener, not the meeting. Conferences and fairs open and close
/// (开幕, 闭幕); of meetings only an assembly of members or deputies does.
fn reported_held(rule: &str, before: &str, after: &str, prefix: &str, kind: &str, open: bool) -> bool {
    match rule {
        "meeting.held.name-verb" => {
            let Some(m) = held_after(after, kind) else { return false };
            let verb = m.as_str();
            let next = after.get(m.end()..).unwrap_or_default().trim_start_matches('了');
            // 院会今(28)日通过某某草案: a meeting that adopts on a stated day sat.
            // After 召开 or 举行 more name makes the subject a convener (某会召开
            // 第一次会议); after 通过 comes what was adopted.
            let adopted = verb.ends_with("通过");
            let held = verb.ends_with("召开")
                || verb.ends_with("举行")
                || ((verb.ends_with("开幕") || verb.ends_with("闭幕")) && is_assembly(prefix));
            adopted || (held && !next.chars().next().is_some_and(is_han))
        }
        "meeting.held.verb-name" => {
            let b = before.trim_end_matches(['了', '的']);
            // After 出席 the name ends the object (出席某某会议并讲话), where a
            // meeting's anniversary or a side event would go on (出席某某会议60周年
            // 纪念活动).
            let ends =
                after.chars().next().is_none_or(|c| (!is_han(c) && !c.is_alphanumeric()) || "并上和与及暨".contains(c));
            ["召开", "举行", "主持", "召集"].iter().any(|v| b.ends_with(v))
                || (kind == "会议" && ends && ["出席", "参加", "列席"].iter().any(|v| b.ends_with(v)))
        }
        "meeting.held.chaired-by" | "meeting.held.list" => true,
        WHILE_RULE => !open,
        "meeting.held.headline" => !open,
        _ => false,
    }
}

/// Whether a name's part before the kind makes it an assembly of a body's
/// members or deputies (第五次党员代表大会, 职工代表大会, 县委全体会议).
fn is_assembly(prefix: &str) -> bool {
    ["代表", "会员", "股东", "职工", "党员", "委员", "院士", "议会"].iter().any(|w| prefix.contains(w))
        || ends_like_body(prefix)
}

/// The rule of a meeting named only as where someone spoke or while they
/// attended it (在出席某某会议时强调, 在某某座谈会上讲话). Such a frame also
/// recalls meetings held before, so a meeting it finds counts only in an
/// article that reports no other meeting held.
pub const WHILE_RULE: &str = "meeting.held.while";

/// Whether the words around a name place someone at the meeting as it was
/// held: 在出席/参加/主持…时, or 在…上 before a verb of speaking, with at most a
/// date and 召开的 between 在 and the name.
fn spoken_at(before: &str, after: &str) -> bool {
    static WHILE: OnceLock<Regex> = OnceLock::new();
    static AT: OnceLock<Regex> = OnceLock::new();
    static SPOKE: OnceLock<Regex> = OnceLock::new();
    let while_ = re(&WHILE, r"在(?:出席|参加|主持)了?$");
    let at = re(&AT, r"在(?:(?:\d{1,2}月)?\d{1,2}[日号](?:上午|下午|晚上)?(?:召开|举行)的)?$");
    // 在某某会上发表的重要讲话 is a speech recalled, not a report.
    let spoke =
        re(&SPOKE, r"^上(?:发表|作|讲话|强调|指出|致辞|表示|发言)[^的,，。]{0,6}(?:[,，。]|$)|^上(?:强调|指出|表示)");
    (after.starts_with('时') && while_.is_match(before)) || (spoke.is_match(after) && at.is_match(before))
}

/// Whether a 会议 named by nothing but its kind is reported held by who chaired
/// it: 主持召开(了)会议 followed by the business or a comma, and no count or
/// recollection before (多次主持召开会议, 党的十八大以来…).
fn chaired_unnamed(before: &str, after: &str) -> bool {
    const RECAP: &[&str] =
        &["多次", "先后", "曾", "一系列", "多个", "历次", "每次", "以来", "年来", "亲自", "次", "期间", "时"];
    const BUSINESS: &[&str] = &["研究", "听取", "传达", "部署", "专题", "分析", "调度", "安排", "审议", "对", "就"];
    before.trim_end_matches('了').ends_with("主持召开")
        && !RECAP.iter().any(|w| before.contains(w))
        && (after.starts_with([',', '，']) || BUSINESS.iter().any(|w| after.starts_with(w)))
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
    let mut out: Vec<Mention> = Vec::new();
    // Names that wait for a frame from the name a list joins them to.
    let mut pending: Vec<Mention> = Vec::new();
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
        let mut ke = i + klen;
        // A kind in 会 is written in 会议 too (推进会议, 座谈会议): the 议 belongs to it.
        if s.get(ks..ke).is_some_and(|k| k.ends_with('会')) && char_at(s, ke) == Some('议') {
            ke += '议'.len_utf8();
        }
        i = ke;
        let kind = s.get(ks..ke).unwrap_or_default();
        let next = char_at(s, ke);
        if next.is_some_and(|n| "室堂厅址场".contains(n)) {
            continue;
        }
        // 市委常委会(扩大)会议: the body before the tag of an enlarged sitting is no
        // meeting of its own; the kind after the tag ends the name.
        if s.get(ke..).is_some_and(|r| r.strip_prefix("(扩大)").is_some_and(|r| r.starts_with('会'))) {
            continue;
        }
        // 镇第十六届人民代表大会第三次会议: a session followed by its sitting is
        // the sitting's body, not a meeting of its own.
        if let Some(o) = s.get(ke..).and_then(|r| ordinal_re().find(r)).filter(|o| o.start() == 0) {
            if s.get(ke + o.end()..).is_some_and(|r| lex.meeting_kinds.longest_prefix(r).is_some()) {
                continue;
            }
        }
        // A post right after makes the kind part of a body's name in a title
        // (部长会议主席, 大会主席团常务主席).
        if s.get(ke..).and_then(|r| lex.posts.longest_prefix(r)).is_some() {
            continue;
        }
        // 人民代表大会制度: a system, not a meeting.
        if s.get(ke..).is_some_and(|r| r.starts_with("制度")) {
            continue;
        }
        // The name runs left from the kind over name characters, and starts after
        // the last word that cannot be part of a name.
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
        let mut cut = ns;
        let head = s.get(ns..ks).unwrap_or_default();
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
            cut = cut.max(ns + m.end());
        }
        // 的 ends a modifier (召开的, 一次重要的) except in 党的 and inside quotes
        // (“共同胜利的70年”研讨会): the name starts after the last such 的.
        if let Some(p) = last_modifier_end(head) {
            cut = cut.max(ns + p);
        }
        // Two meetings joined by 和 (座谈会和民主协商会): the second starts after it.
        // A word in 会 that names no meeting (冬奥会和冬残奥会筹办工作汇报会) does not.
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
                cut = cut.max(ns + p + '和'.len_utf8());
            }
        }
        // An opening quote with no closing one before the kind (召开“第一届董事会”)
        // quotes the whole name: it is not part of it.
        let ns = trim_name_start(s, cut, ks);
        let prefix = s.get(ns..ks).unwrap_or_default();
        let ordinal = ordinal_re().find_iter(prefix).last().map(|m| (m.start(), m.as_str().to_string()));
        // A generic kind after a body or an ordinal is a meeting's name wherever it
        // stands; otherwise it, like an open head, is one only where the sentence
        // reports the meeting held, and only with a name of its own before it.
        let open = lex.open_kinds.contains(kind);
        let mut needs_frame = false;
        if open || lex.generic_kinds.contains(kind) {
            let before = s.get(start..ns).unwrap_or_default();
            // 某委员会召开首次会议 numbers the body's first sitting; elsewhere 首次
            // is as vague as 这次.
            let first_sitting = prefix == "首次" && convened_by_body(before);
            let has_ordinal = ordinal.as_ref().is_some_and(|(p, o)| {
                p + o.len() == prefix.len() && (first_sitting || !VAGUE_PREFIXES.iter().any(|x| prefix.ends_with(x)))
            });
            // 中共中央政治局召开会议: a body convenes a meeting it does not name;
            // the name is the body's (see the convener below).
            let convened = prefix.is_empty() && !open && convened_by_body(before);
            // 某某主持召开会议，研究…: a meeting reported held by who chaired it,
            // named by its kind alone.
            let chaired =
                prefix.is_empty() && kind == "会议" && chaired_unnamed(before, s.get(ke..).unwrap_or_default());
            if !convened && !chaired && (open || !(has_ordinal || ends_like_body(prefix))) {
                if !own_name(prefix, kind, next, open, lex) {
                    continue;
                }
                needs_frame = true;
            }
        }
        let before = s.get(start..ns).unwrap_or_default();
        let after = s.get(ke..).unwrap_or_default();
        let mut status = Status::Named;
        let mut subject_name = false;
        let mut anchor = ke;
        let mut rule = "meeting.named";
        if quoted_report_re().is_match(before) {
            // 某某说，…会议胜利闭幕; 欣闻…: a meeting in someone's words or
            // message is theirs to report, not the article's.
            status = Status::Referenced;
            rule = "meeting.referenced";
        } else if spoken_at(before, after) {
            // 在出席某某会议时强调, 在某某座谈会上讲话: held, though the article may
            // mean another that it reports (see [`WHILE_RULE`]).
            status = Status::Held;
            rule = WHILE_RULE;
        } else if referenced_after_re().is_match(after) {
            status = Status::Referenced;
            rule = "meeting.referenced";
        } else if recalled_re().is_match(before) {
            // 不久前，某某全会胜利召开: a meeting recalled, not reported.
            status = Status::Referenced;
            rule = "meeting.referenced";
        } else if let Some(m) = held_after(after, kind) {
            // A session that 举行第三次全体会议 is the frame of the sitting the
            // article reports, not a meeting of its own.
            let next = after.get(m.end()..).unwrap_or_default();
            // 举行大会发言 (a sitting of speeches) names no sitting: the session is held.
            let sitting = lex
                .meeting_kinds
                .longest_prefix(next)
                .is_some_and(|n| !next.get(n..).is_some_and(|r| r.starts_with("发言")));
            // 某部在京联合举行“某某”报告会: the subject convenes a quoted event.
            if ordinal_re().find(next).is_some_and(|o| o.start() == 0)
                || sitting
                || next.trim_start_matches('了').starts_with('“')
            {
                status = Status::Named;
                rule = "meeting.session-frame";
            } else if ["以来", "后", "前", "之际", "期间", "时"].iter().any(|w| next.starts_with(w)) {
                // 开幕以来: a time reference, not a report of the opening.
                status = Status::Referenced;
                rule = "meeting.referenced";
            } else if m.as_str().contains("胜利") && !headline && !day_stated(s.get(start..ns).unwrap_or_default()) {
                // 某某全会胜利召开 with no day is how speeches and greetings recall a
                // congress or plenum; a report of one gives its day or heads the article.
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
        } else if chaired_by_re().is_match(after) && !referenced_before_re().is_match(before) {
            // 县委常委会会议由县委书记某某主持: reported held by who chaired it.
            status = Status::Held;
            rule = "meeting.held.chaired-by";
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
        // The name's own words (有关决定执法检查组) plan nothing.
        let around = [s.get(start..ns).unwrap_or_default(), s.get(ke..anchor.max(ke)).unwrap_or_default()];
        if status == Status::Held && around.iter().any(|x| planned_re().is_match(x)) {
            status = Status::Planned;
            rule = "meeting.planned";
        }
        // A name with no frame of its own that a list joins to the next name
        // (全省科技大会、奖励大会24日召开) waits for that name's frame.
        let framed = !needs_frame || reported_held(rule, before, after, prefix, kind, open);
        if !framed && !after.starts_with(['、', '和', '与', '及']) {
            continue;
        }

        // X召开Y: a name without a body of its own (第四次全体会议) takes the
        // convener before the verb; a place before the verb is prefixed too
        // (广州市召开推进…领导小组第七次全体会议).
        let (ns, prefix) = if subject_name {
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
            let cut = trim_name_start(s, cut, ks);
            (cut, s.get(cut..ks).unwrap_or_default())
        } else {
            (ns, prefix)
        };
        let ordinal = if subject_name {
            ordinal_re().find_iter(prefix).last().map(|m| (m.start(), m.as_str().to_string()))
        } else {
            ordinal
        };
        let mut name = prefix.to_string() + kind;
        let mut body =
            ordinal.as_ref().map_or(prefix.to_string(), |(p, _)| prefix.get(..*p).unwrap_or_default().to_string());
        let mut kind_name = kind.to_string();
        let verb = ["召开", "举行"].iter().find(|v| before.trim_end_matches('了').ends_with(*v));
        if let Some(v) = verb {
            let vb = before.trim_end_matches('了');
            let x_end = vb.len() - v.len();
            let x = convener(vb.get(..x_end).unwrap_or_default());
            let bare = body.is_empty();
            let place = is_place(x, lex);
            // A quoted name (召开“某某”专题协商会, 召开《某某》学习座谈会) is the convener's too.
            if !x.is_empty() && (bare || place || (name.starts_with(['“', '《']) && ends_like_body(x))) {
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
                    if let Some(n) = lex.meeting_kinds.longest_suffix(&name).filter(|&n| n > kind_name.len()) {
                        kind_name = name.get(name.len() - n..).unwrap_or_default().to_string();
                        body = name.get(..name.len() - n).unwrap_or_default().to_string();
                    }
                } else {
                    body = format!("{x}{body}");
                }
            }
        }
        let date = date_before(s, start, anchor.max(ks), published);
        // Recollections (去年8月，在出席…时) are common in that frame: it counts in
        // a headline, or with a day at most three days before publication.
        if rule == WHILE_RULE && !headline && !within_days(date, published, 3) {
            continue;
        }
        let window = s.get(start..end).unwrap_or_default();
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
            status,
            date,
            anchor,
            rule,
            form,
            sequenced,
            same_day,
        };
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

/// Byte ranges of `head` inside quotation marks or title marks (“…”, 《…》),
/// marks included; a mark left open runs to the end.
fn quoted_ranges(head: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in head.char_indices() {
        match (open, c) {
            (None, '“' | '《') => open = Some((i, c)),
            (Some((a, '“')), '”') | (Some((a, '《')), '》') => {
                out.push((a, i + c.len_utf8()));
                open = None;
            }
            _ => {}
        }
    }
    if let Some((a, _)) = open {
        out.push((a, head.len()));
    }
    out
}

/// Just past the last 的 of `head` that ends a modifier: not the 的 of 党的,
/// and none inside quotation or title marks.
fn last_modifier_end(head: &str) -> Option<usize> {
    // Read backwards, so that a quotation opened before the head (…的实践”专题会)
    // still counts as one.
    let mut depth = 0usize;
    let mut chars = head.char_indices().rev().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '”' | '》' => depth += 1,
            '“' | '《' => depth = depth.saturating_sub(1),
            '的' if depth == 0 && chars.peek().is_none_or(|&(_, p)| p != '党') => return Some(i + c.len_utf8()),
            _ => {}
        }
    }
    None
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
    while let Some(c) = before.get(..start).and_then(|b| b.chars().next_back()) {
        if name_char(c) {
            start -= c.len_utf8();
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
        r"(?:(?:\d{1,2}月)?\d{1,2}[日号][和至、]?|[今昨]\(\d{1,2}\)日|上午|下午|晚上|晚间|晚|早上|中午|凌晨|今日|昨日|当天|当日|同日|先后|分别|共同|联合|专门|再次|正式|隆重|日前|近日|今天|昨天|在[^,，。;、]{1,14}?)+$",
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
            || (x.chars().count() <= 8
                && ["省", "市", "区", "县", "州", "盟", "旗", "镇", "乡"].iter().any(|e| x.ends_with(e))))
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
