//! The frames that say what a sentence does with a meeting it names.
//!
//! Takes the words before and after a name. Gives whether they report it held
//! (召开, 举行, 由…主持, 在…上讲话), refer to it (传达…精神, 不久前), or plan it
//! (决定…召开). Never reads names: [`super::names`] finds where they start.

use std::sync::OnceLock;

use regex::Regex;

use super::dates::date_re;
use super::names::{convener, ends_like_body};
use super::text::is_han;
use crate::rx::cached as re;

pub(super) fn held_after_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:当地时间)?(?:今天|今日|昨天|昨日|日前|近日|[今昨]\(\d{1,2}\)日)?(?:\((?:[\d一二三四五六七八九十]{1,3}月)?[\d一二三四五六七八九十]{1,3}日\))?(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?:至(?:\d{1,2}月)?\d{1,2}[日号])?(?:上午|下午|晚上|晚)?(?:在[^,，。;、]{1,20}?|以[^,，。;、]{1,10}?形式|于[^,，。;、]{1,14}?)?(?:(?:隆重|顺利|正式|胜利|圆满|重新|再次|如期)?(?:召开|举行|开幕|闭幕|开班|开议))|^[,，]于[^,，。;；]{1,24}?(?:召开|举行)|^(?:今天|今日|昨天|昨日|[今昨]\(\d{1,2}\)日|\d{1,2}[日号])(?:上午|下午|晚上|晚)?(?:审议|表决|讨论)?通过",
    )
}

/// The verb after a name that reports it held ([`held_after_re`]). 通过 counts
/// only after a sitting (院会今(28)日通过, 全会今天通过), not after a body that
/// adopts a law (立法会27日通过) or in 通过的 (adopted earlier).
pub(super) fn held_after<'a>(after: &'a str, kind: &str) -> Option<regex::Match<'a>> {
    let m = held_after_re().find(after)?;
    if m.as_str().ends_with("通过") {
        let sitting = ["会议", "全会", "院会"].iter().any(|k| kind.ends_with(k));
        if !sitting || after.get(m.end()..).is_some_and(|r| r.starts_with('的')) {
            return None;
        }
    }
    Some(m)
}

pub(super) fn held_before_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?:召开|举行|主持召开|主持|出席|参加|列席|召集|举办)(?:了|的)?(?:(?:\d{1,2}月)?\d{1,2}[日号])?$")
}

pub(super) fn chaired_by_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // 县务会议，县长某某主持: a chair after a comma, where a headline or a
    // minute names the meeting first.
    re(
        &R,
        r"^(?:\d{1,2}[日号])?(?:上午|下午|晚上)?(?:由[^,，。;；]{1,30}?主持|[,，][^,，。;；:：由]{2,16}?主持(?:[,，。;；]|$|会议|并))",
    )
}

pub(super) fn planned_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"决定|将于|拟于|定于|将在|预祝|筹备|拟在|提请|预计|计划|将召开|将举行|将举办|即将|建议.{0,20}召开")
}

pub(super) fn referenced_before_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"在(?:主持|出席|参加)[^,，。;]{0,6}$|(?:传达|学习|贯彻|落实|按照|根据|领会|对照|围绕|聚焦|推动|部署落实|认真落实|研究落实)[^,，。;]{0,12}$|(?:不久前|前不久|此前|先前|去年|前年|上月|上周|年初|年前)[^,，。;]{0,12}(?:召开|举行)的$",
    )
}

/// Whether the words before a name say it is only referred to: its spirit
/// relayed or studied (传达学习…会议), a speech given there (在出席…), or held
/// some time ago (不久前…召开的).
///
/// A study word governs the name only where no verb that reports a meeting
/// held stands between them: in 县委理论学习中心组召开座谈会 the body studies,
/// and the sitting is held.
pub(super) fn referenced_before(before: &str) -> bool {
    let Some(m) = referenced_before_re().find(before) else { return false };
    let tail = before.get(m.start()..).unwrap_or_default();
    let study = ["传达", "学习", "贯彻", "落实", "领会", "对照", "围绕", "聚焦", "推动"];
    if !study.iter().any(|w| tail.starts_with(w)) {
        return true;
    }
    let convened = ["召开", "举行", "召集", "举办"]
        .iter()
        .any(|v| tail.match_indices(v).any(|(p, _)| !tail.get(p + v.len()..).is_some_and(|r| r.starts_with('的'))));
    !convened
}

pub(super) fn recalled_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?:不久前|前不久|此前|先前|去年|前年|上月|上周)[,，]$")
}

pub(super) fn quoted_report_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?:说|表示|认为|获悉|得知|中|指出|强调)[,，:：](?:热烈)?(?:祝贺)?$|(?:欣闻|喜迎|迎接|预祝)$")
}

pub(super) fn referenced_after_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:的|上的|以来|精神|要求|部署|决策|决定|上讲话|上发表|召开以来|召开前|前夕|闭幕后|审议|确定|提出|作出)")
}

/// Whether a number of times right after 召开 numbers the sitting (3月20日，市委
/// 召开108次常委会会议, as local reports write 第108次) rather than counting
/// sittings: a day is given, and no word of counting or recollection.
pub(super) fn numbered_sitting(before: &str) -> bool {
    let clause = before.rsplit(['。', '；', ';']).next().unwrap_or_default();
    before.ends_with("召开")
        && date_re().find_iter(clause).any(|m| m.as_str().ends_with(['日', '号']))
        && !["多次", "先后", "亲自", "共", "累计", "以来", "年来"].iter().any(|w| clause.contains(w))
}

/// Whether `before` ends in a body and a verb that convenes (县委召开, 国务院举行了)
/// a meeting named by its kind alone.
pub(super) fn convened_by_body(before: &str) -> bool {
    let b = before.trim_end_matches('了');
    let Some(b) = b.strip_suffix("召开").or_else(|| b.strip_suffix("举行")) else { return false };
    let x = convener(b);
    // 会议 ends bodies named as a meeting (行政会议, 部际联席会议), which convene sittings.
    const BODY_ENDS: &[&str] = &[
        "委", "会", "局", "厅", "部", "院", "办", "府", "组", "处", "司", "署", "校", "团", "社", "中心", "集团",
        "公司", "会议",
    ];
    x.chars().count() >= 2 && (ends_like_body(x) || BODY_ENDS.iter().any(|e| x.ends_with(e)))
}

/// Whether a name that needs a frame has one: a verb that reports it held
/// before it (召开, 举行, 主持; 出席 or 参加 only before 会议, since they also
/// take conferences and events) or after it (…召开, 在…举行, 由…主持). A name as
/// the subject of 召开 that is followed by more name (区人大常委会召开第25次主任
/// 会议) is the convener, not the meeting. Conferences and fairs open and close
/// (开幕, 闭幕); of meetings only an assembly of members or deputies does.
pub(super) fn reported_held(rule: &str, before: &str, after: &str, prefix: &str, kind: &str, open: bool) -> bool {
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
pub(super) fn is_assembly(prefix: &str) -> bool {
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
pub(super) fn spoken_at(before: &str, after: &str) -> bool {
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
pub(super) fn chaired_unnamed(before: &str, after: &str) -> bool {
    const RECAP: &[&str] =
        &["多次", "先后", "曾", "一系列", "多个", "历次", "每次", "以来", "年来", "亲自", "次", "期间", "时"];
    const BUSINESS: &[&str] = &["研究", "听取", "传达", "部署", "专题", "分析", "调度", "安排", "审议", "对", "就"];
    before.trim_end_matches('了').ends_with("主持召开")
        && !RECAP.iter().any(|w| before.contains(w))
        && (after.starts_with([',', '，']) || BUSINESS.iter().any(|w| after.starts_with(w)))
}
