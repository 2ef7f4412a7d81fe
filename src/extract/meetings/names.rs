//! Where a meeting's name starts, and whether it is a name of its own.
//!
//! Takes the text before a meeting kind (会议, 座谈会). Gives the words that end
//! a name, the ordinal and count patterns, and the tests that tell a name (县务会议)
//! from a class or a body (国际会议, 社会). Never reports a meeting held: that is
//! [`super::frames`]' question.

use std::sync::OnceLock;

use regex::Regex;

use super::frames::{convened_by_body, numbered_sitting};
use super::text::{char_before, is_han};
use crate::lexicon::Lexicon;
use crate::rx::cached as re;

/// Words that end a clause before a meeting's name, whether the name is the
/// object of a verb or the subject of 召开: the name starts after the last one.
pub(super) const CLAUSE_BREAKS: &[&str] = &[
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
pub(super) const OBJECT_BREAKS: &[&str] = &[
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
pub(super) const DATELINE_BREAKS: &[&str] = &["消息", "报道", "电", "讯"];

/// Words that cannot be inside a meeting's name: [`CLAUSE_BREAKS`] and
/// [`OBJECT_BREAKS`], in the order the automaton numbers them.
pub(super) fn name_break_words() -> &'static [&'static str] {
    static W: OnceLock<Vec<&'static str>> = OnceLock::new();
    W.get_or_init(|| CLAUSE_BREAKS.iter().chain(OBJECT_BREAKS).copied().collect())
}

/// Words of [`OBJECT_BREAKS`] that a name may hold after the verb that reports it
/// held: they say what the meeting studied.
pub(super) const STUDY_WORDS: &[&str] = &["传达", "学习", "贯彻", "落实", "精神"];

/// Function words of [`name_break_words`] that a name may hold after the verb, away
/// from it: the object of 召开 is the name whole (召开推动设备更新和以旧换新工作
/// 会议, 召开就…征求意见座谈会), while before the verb they end the subject.
pub(super) const OBJECT_WORDS: &[&str] =
    &["在", "以", "于", "到", "就", "向", "为", "是", "决定", "通过", "组织", "按照", "根据"];

/// Whether a 日 or 号 at `at` in `head` ends a date (3日, 今日), as a break
/// must, rather than a word (抗日战争); other words pass.
pub(super) fn date_word(head: &str, at: usize, word: &str) -> bool {
    !matches!(word, "日" | "号")
        || head
            .get(..at)
            .and_then(|h| h.chars().next_back())
            // At the start nothing numbers it: 日本参议院 is a name.
            .is_some_and(|c| !is_han(c) || "一二三四五六七八九十今昨当同次翌".contains(c))
}

/// [`name_break_words`] as one automaton, so that a name is searched once for all of them.
pub(super) fn name_breaks() -> &'static aho_corasick::AhoCorasick {
    static A: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    crate::rx::cached_words(&A, name_break_words())
}

/// Characters a name may hold besides Han characters.
pub(super) fn name_char(c: char) -> bool {
    is_han(c) || c.is_ascii_digit() || matches!(c, '(' | ')' | '“' | '”' | '"' | '·' | '-' | '+')
}

pub(super) fn ordinal_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?:(?:19|20)\d\d年(?:度)?)?第?[一二三四五六七八九十百零〇两\d]+次|首次")
}

/// [`ordinal_re`] anchored at the start: what it finds at position 0, without
/// searching the rest of a long text for a match it would then throw away.
pub(super) fn leading_ordinal_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:(?:(?:19|20)\d\d年(?:度)?)?第?[一二三四五六七八九十百零〇两\d]+次|首次)")
}

pub(super) fn count_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:\d+|[一二三四五六七八九十两多几数]+)[次场]")
}

/// Endings of a name's part before the kind that make it a body (so 会议 after
/// it is a meeting of that body).
pub(super) fn ends_like_body(prefix: &str) -> bool {
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
pub(super) const VAGUE_PREFIXES: &[&str] =
    &["这次", "此次", "本次", "该次", "上次", "下次", "每次", "历次", "多次", "首次"];

/// The longest a meeting's name is looked for, in characters.
pub(super) const MAX_NAME_CHARS: usize = 100;

/// Words a name of its own never ends in before a generic kind or an open head:
/// they point at a meeting named elsewhere (有关会议, 这个会) or count meetings.
pub(super) const VAGUE_ENDINGS: &[&str] = &[
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
pub(super) const VAGUE_STARTS: &[&str] =
    &["有关", "相关", "各类", "各种", "各项", "一系列", "系列", "其他", "其它", "所有", "上述"];

/// Words that make a 大会 an assembly of a body or of its members, not a
/// conference or fair: who meets (代表, 职工, 干部) or why (纪念, 表彰, 动员).
pub(super) const ASSEMBLY_WORDS: &[&str] = &[
    "代表", "会员", "股东", "职工", "干部", "党员", "理事", "委员", "纪念", "庆祝", "追悼", "表彰", "奖励", "颁奖",
    "动员", "誓师", "总结", "推进", "部署", "工作", "成立", "换届", "届",
];

/// Whether `prefix` is a name of its own for a generic kind or an open head:
/// two characters at least, not a vague or counting word, and, before an open
/// head, not a word that names no meeting (社会, 协会) and not a head glued to
/// the word after it (会见, 会同).
pub(super) fn own_name(prefix: &str, kind: &str, next: Option<char>, open: bool, lex: &Lexicon) -> bool {
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
pub(super) fn trim_name_start(s: &str, mut ns: usize, ks: usize) -> usize {
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

/// Where a name that stops at `at` goes on further left over what names hold
/// besides name characters: a quotation with punctuation in it (召开“构建…，
/// 促进…”专题协商会), or a list of places or topics after the verb that reports
/// the meeting held (主持召开广西、四川、贵州纪委书记座谈会). None when it does not.
pub(super) fn inner_stretch(s: &str, start: usize, at: usize, end: usize) -> Option<usize> {
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

/// Byte ranges of `head` inside quotation marks or title marks (“…”, 《…》),
/// marks included; a mark left open runs to the end.
pub(super) fn quoted_ranges(head: &str) -> Vec<(usize, usize)> {
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
pub(super) fn last_modifier_end(head: &str) -> Option<usize> {
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

/// The convener written before 召开: the run of name characters right before
/// the verb, without a leading date, year or time.
pub(super) fn convener(before: &str) -> &str {
    let mut start = before.len();
    while let Some(c) = before.get(..start).and_then(|b| b.chars().next_back()) {
        if name_char(c) {
            start -= c.len_utf8();
        } else {
            break;
        }
    }
    let mut x = before.get(start..).unwrap_or_default();
    // 中共中央政治局就“某某”举行集体学习: the quoted topic is not the convener's.
    if let Some(p) = x.find("就“").or_else(|| x.find("就《")) {
        x = x.get(..p).unwrap_or_default();
    }
    // 某某到某地调研并召开座谈会: what comes before 并 is another predicate,
    // and 祝贺某党举行代表大会 congratulates the convener.
    if let Some(p) = x.rfind('并') {
        x = x.get(p + '并'.len_utf8()..).unwrap_or_default().trim_start_matches('且');
    }
    if let Some(p) = x.rfind("祝贺") {
        x = x.get(p + "祝贺".len()..).unwrap_or_default();
    }
    // Adverbs and dates between the convener and the verb (湖南省政协2月6日和
    // 2月8日先后召开) are not part of the convener.
    static TAIL: OnceLock<Regex> = OnceLock::new();
    let tail = re(
        &TAIL,
        r"(?:(?:[\d一二三四五六七八九十]{1,3}月)?[\d一二三四五六七八九十]{1,3}[日号][和至、]?|[今昨](?:\(\d{1,2}\))?日?|\((?:[\d一二三四五六七八九十]{1,3}月)?[\d一二三四五六七八九十]{1,3}日\)|上午|下午|晚上|晚间|晚|早上|中午|凌晨|今日|昨日|当天|当日|同日|先后|分别|共同|联合|专门|再次|正式|隆重|成功|(?:以|通过)视频(?:方式|形式)?|日前|近日|今天|昨天|(?:在|到)[^,，。;、]{1,14}?|为[^,，。;、]{1,30}?)+$",
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

pub(super) fn is_place(x: &str, lex: &Lexicon) -> bool {
    !x.is_empty()
        && (lex.place_names.contains(x)
            || (x.chars().count() <= 8
                && ["省", "市", "区", "县", "州", "盟", "旗", "镇", "乡"].iter().any(|e| x.ends_with(e))))
}
