//! Documents named in a sentence and what the meeting did with them.
//!
//! Takes one sentence. Gives each titled document (《…》, or a 关于…的决定 after an
//! approval verb) with its status: approved (审议通过, 表决通过, 原则通过, 批准),
//! deliberated only (审议了, 初次审议), or mentioned. Never attaches documents
//! to meetings: the caller knows which meeting the sentence is about.

use std::sync::OnceLock;

use regex::Regex;

/// What the meeting did with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocStatus {
    /// Adopted.
    Approved,
    /// Deliberated without adoption.
    Deliberated,
    /// Named only.
    Mentioned,
}

/// A document found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocMention {
    /// Title without 《》.
    pub title: String,
    /// Byte range of the title (with its brackets) in the segment.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Status.
    pub status: DocStatus,
    /// Rule id.
    pub rule: &'static str,
}

use crate::rx::{cached as re, cached_finder};
use memchr::memmem::Finder;

fn verb_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(审议并原则通过|审议并原则同意|审议并通过|审议通过|表决通过|原则通过|原则同意|讨论通过|研究通过|一致通过|一致同意|批准|(?:会议|会中|并|了)通过|通过了|通过《)|(初次审议|审议了|审议|讨论了|研究了|听取了)",
    )
}

fn title_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"《[^《》]{2,120}》")
}

/// A title in quotation marks, as Taiwan and Hong Kong write them (通過「某某條例」草案):
/// one only where the quoted words end like a document.
fn quoted_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"“[^“”]{2,120}”|「[^「」]{2,120}」")
}

/// Whether `piece` is one quoted title, perhaps with a draft's word after the
/// marks (「某某條例」草案): [`quoted_re`] reads those.
fn quoted_whole(piece: &str) -> bool {
    let close = match piece.chars().next() {
        Some('“') => '”',
        Some('「') => '」',
        _ => return false,
    };
    piece.find(close).is_some_and(|p| {
        let after = piece.get(p + close.len_utf8()..).unwrap_or_default();
        after.is_empty() || after == "草案" || draft_tag(after).len() == after.len()
    })
}

/// Endings of a title in “…” marks that make it a document: in mainland text
/// the marks mostly quote slogans and sayings (“谁执法谁普法”), so only the
/// endings of laws, rules and budgets count there; 「…」 take every ending.
const QUOTED_SUFFIXES: &[&str] =
    &["条例", "办法", "规定", "细则", "预算案", "决算案", "修正案", "法案", "草案", "议案"];

/// Titles in 《》 or quotation marks, for measuring what lies between a verb and a title.
fn any_title_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"《[^《》]{2,120}》|“[^“”]{2,120}”|「[^「」]{2,120}」")
}

/// Endings of a document's name.
const DOC_SUFFIXES: &[&str] = &[
    "决定",
    "决议",
    "报告",
    "意见",
    "办法",
    "规定",
    "方案",
    "条例",
    "规划",
    "计划",
    "要点",
    "纲要",
    "法",
    "规则",
    "细则",
    "章程",
    "公约",
    "协定",
    "条约",
    "议案",
    "清单",
    "草案",
    "议程",
    "日程",
    "名单",
    "预算案",
    "决算案",
    "修正案",
    "法案",
];

/// Words that open a clause rather than a title: after them the list of
/// documents has ended (审议通过甲，原则通过乙; 通过了十项议案，形成会议决议).
const CLAUSE_OPENERS: &[&str] = &[
    "形成", "作出", "做出", "提出", "听取", "审议", "通过", "原则", "研究", "讨论", "决定", "同意", "并", "选举",
    "表决", "要求", "强调", "指出", "制定",
];

/// Titles written without brackets in the clause after an approval verb at
/// `from`: 通过了甲要点和乙、丙工作计划，丁决议(草案). Pieces between commas,
/// 和 and 、 are joined until they end like a document, so 立法、监督工作计划
/// stays one title.
fn unbracketed(s: &str, from: usize) -> Vec<(usize, usize)> {
    let rest = s.get(from..).unwrap_or_default();
    let rest_start = from + (rest.len() - rest.trim_start_matches('了').len());
    let clause_end = rest.find(['。', ';', '；']).map_or(s.len(), |e| from + e);
    let clause = s.get(rest_start..clause_end).unwrap_or_default();
    let mut out = Vec::new();
    let mut piece_start = 0;
    let ends_like_doc = |t: &str| {
        let t = t.trim_end_matches([')', '）']);
        let t = match t.rfind(['(', '（']) {
            Some(p) if t.len() - p <= 24 => t.get(..p).unwrap_or(t),
            _ => t,
        };
        DOC_SUFFIXES.iter().any(|x| t.ends_with(x))
    };
    let generic = |t: &str| {
        ["有关", "相关", "各项", "上述", "这些", "该", "其他"].iter().any(|g| t.starts_with(g))
            || ["等有关", "等相关", "等各项"].iter().any(|g| t.contains(g))
    };
    for (i, c) in clause.char_indices().chain(std::iter::once((clause.len(), '。'))) {
        let sep = matches!(c, ',' | '，' | '、' | '和' | '。');
        if !sep {
            continue;
        }
        let piece = clause.get(piece_start..i).unwrap_or_default();
        // A clause that says something of a law (宪法是国家的根本法, …首次写入宪法)
        // is no title, and after it the list has ended.
        if CLAUSE_OPENERS.iter().any(|w| piece.starts_with(w))
            || ["是", "写入", "首次"].iter().any(|w| piece.contains(w))
        {
            break;
        }
        // 议程(草案)和日程: a suffix alone after a conjunction is the same
        // document's other part; it is dropped, and joins nothing after it.
        let bare = piece.get(..piece.len() - draft_tag_end(piece)).unwrap_or(piece);
        if DOC_SUFFIXES.contains(&bare) {
            piece_start = i + c.len_utf8();
            continue;
        }
        let is_doc = ends_like_doc(piece) && piece.chars().count() >= 4 && piece.chars().count() <= 100;
        if is_doc || matches!(c, ',' | '，' | '。') {
            if is_doc && !generic(piece) && !piece.starts_with('《') && !quoted_whole(piece) {
                out.push((rest_start + piece_start, rest_start + i));
            } else if !is_doc && (piece.starts_with('《') || piece.is_empty()) {
                // A bracketed list (《甲》《乙》等有关文件) is read elsewhere.
            } else if !is_doc {
                // Something that is not a document ends the list.
                break;
            }
            piece_start = i + c.len_utf8();
        }
    }
    out
}

/// A bracketed tag that marks a draft or a trial version ((草案), (送审稿),
/// (试行)) at the start of `after`, or nothing.
fn draft_tag(after: &str) -> &str {
    let Some(rest) = after.strip_prefix(['(', '（']) else { return "" };
    let Some(close) = rest.find([')', '）']) else { return "" };
    let inner = rest.get(..close).unwrap_or_default();
    let is_tag = inner.chars().count() <= 8 && ["草案", "稿", "试行", "暂行"].iter().any(|w| inner.ends_with(w));
    if is_tag { after.get(..after.len() - rest.len() + close + ')'.len_utf8()).unwrap_or_default() } else { "" }
}

/// The length of a draft tag that ends `piece` (日程(草案)), or 0.
fn draft_tag_end(piece: &str) -> usize {
    piece.rfind(['(', '（']).map_or(0, |p| {
        let tag = piece.get(p..).unwrap_or_default();
        if draft_tag(tag).len() == tag.len() { tag.len() } else { 0 }
    })
}

/// The verbs of [`verb_re`] that deliberate without adopting (its second group).
const DELIBERATING: &[&str] = &["初次审议", "审议了", "审议", "讨论了", "研究了", "听取了"];

/// Whether a sentence holds what [`find`] needs to find anything: a bracketed
/// title, or an approval verb (every one of them holds 通过 or 批准) before an
/// unbracketed one.
fn has_signal(sentence: &str) -> bool {
    static BRACKET: OnceLock<Finder<'static>> = OnceLock::new();
    static PASSED: OnceLock<Finder<'static>> = OnceLock::new();
    static APPROVED: OnceLock<Finder<'static>> = OnceLock::new();
    let s = sentence.as_bytes();
    [(&BRACKET, "《"), (&PASSED, "通过"), (&APPROVED, "批准")]
        .into_iter()
        .any(|(cell, word)| cached_finder(cell, word).find(s).is_some())
}

/// Finds documents in `text[start..end]`.
pub fn find(text: &str, start: usize, end: usize) -> Vec<DocMention> {
    let s = text.get(..end).unwrap_or_default();
    let sentence = s.get(start..).unwrap_or_default();
    // Most sentences name no document; one scan for the signals spares them the regexes.
    if !has_signal(sentence) {
        return Vec::new();
    }
    // Verbs in the sentence: (byte offset of their end, approved?). A match's text
    // says which group of the pattern it came from, as no verb is in both, and a
    // plain search costs less than one that reports groups.
    let verbs: Vec<(usize, usize, bool)> = verb_re()
        .find_iter(sentence)
        .map(|m| {
            // 提请审议批准 asks for adoption later; it adopts nothing now.
            let before = sentence.get(..m.start()).unwrap_or_default();
            let proposed = before.ends_with("提请") || before.ends_with("提请审议") || before.ends_with("建议");
            // X审议通过的《Y》 is a document another body adopted earlier.
            let adjectival = sentence.get(m.end()..).is_some_and(|a| a.starts_with('的'));
            let approved = !DELIBERATING.contains(&m.as_str()) && !proposed && !adjectival;
            // 通过《 includes the bracket: its end is before it.
            let e = if m.as_str().ends_with('《') { m.end() - '《'.len_utf8() } else { m.end() };
            (start + m.start(), start + e, approved)
        })
        .collect();
    let status_at = |pos: usize| -> (DocStatus, &'static str) {
        // The nearest verb before the title, with no clause break between them
        // other than list punctuation.
        let Some(&(_, ve, approved)) = verbs.iter().rev().find(|(_, ve, _)| *ve <= pos) else {
            return (DocStatus::Mentioned, "doc.mentioned");
        };
        // The titles listed between the verb and this one do not count as distance.
        let between = any_title_re().replace_all(s.get(ve..pos).unwrap_or_default(), "");
        if between.contains(['。', ';', '；']) || between.chars().count() > 60 {
            return (DocStatus::Mentioned, "doc.mentioned");
        }
        // A comma ends the verb's reach unless the list of titles goes on.
        if between.contains([',', '，']) && !between.trim_end_matches([',', '，', '和', '及', '、']).ends_with('》')
        {
            return (DocStatus::Mentioned, "doc.mentioned");
        }
        if approved { (DocStatus::Approved, "doc.approved") } else { (DocStatus::Deliberated, "doc.deliberated") }
    };
    let mut out = Vec::new();
    for whole in title_re().find_iter(sentence) {
        // The title is what the brackets hold.
        let inner = whole.as_str().strip_prefix('《').and_then(|t| t.strip_suffix('》')).unwrap_or_default();
        let pos = start + whole.start();
        let (status, rule) = status_at(pos);
        // 《选举办法》(草案): a draft's tag written after the marks is still its title's.
        let tag = draft_tag(sentence.get(whole.end()..).unwrap_or_default());
        let title = format!("{}{tag}", inner.trim());
        out.push(DocMention { title, start: pos, end: start + whole.end() + tag.len(), status, rule });
    }
    for whole in quoted_re().find_iter(sentence) {
        // Both kinds of marks are three bytes long in UTF-8.
        let inner = whole.as_str();
        let inner = inner.get(3..inner.len() - 3).unwrap_or_default().trim();
        // 「某某條例」草案: the draft's word after the marks is the title's.
        let after = sentence.get(whole.end()..).unwrap_or_default();
        let tag = if after.starts_with("草案") { "草案" } else { draft_tag(after) };
        let corner = whole.as_str().starts_with('「');
        let suffixes = if corner || !tag.is_empty() { DOC_SUFFIXES } else { QUOTED_SUFFIXES };
        // A quoted saying (“宪法是国家的根本法”) is no title.
        let saying = inner.contains(['是', ',', '，']);
        if !suffixes.iter().any(|x| inner.ends_with(x)) || inner.chars().count() < 4 || saying {
            continue;
        }
        let pos = start + whole.start();
        let (status, rule) = status_at(pos);
        if status == DocStatus::Mentioned {
            continue;
        }
        let title = format!("{inner}{tag}");
        out.push(DocMention { title, start: pos, end: start + whole.end() + tag.len(), status, rule });
    }
    // An adoption reported from the past (去年…通过了) is not this meeting's.
    let past = ["去年", "前年", "上年", "此前", "早在"].iter().any(|w| sentence.contains(w));
    if past {
        for d in out.iter_mut().filter(|d| d.status == DocStatus::Approved) {
            d.status = DocStatus::Mentioned;
            d.rule = "doc.mentioned.past";
        }
    }
    for &(_, ve, approved) in &verbs {
        if !approved || past {
            continue;
        }
        for (a, b) in unbracketed(s, ve) {
            let title = s.get(a..b).unwrap_or_default().trim().to_string();
            // A title already read in brackets inside this one (贯彻落实《…》五年规划)
            // was part of it, not a document of its own.
            out.retain(|d| !(d.start >= a && d.end <= b));
            out.push(DocMention {
                title,
                start: a,
                end: b,
                status: DocStatus::Approved,
                rule: "doc.approved.unbracketed",
            });
        }
    }
    out.sort_by_key(|d| d.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(s: &str) -> Vec<(String, DocStatus)> {
        find(s, 0, s.len()).into_iter().map(|d| (d.title, d.status)).collect()
    }

    #[test]
    fn approved_list() {
        let v = docs("会议审议通过了《甲报告》《乙要点》《丙计划》等有关文件。");
        assert_eq!(v.len(), 3);
        assert!(v.iter().all(|d| d.1 == DocStatus::Approved));
    }

    #[test]
    fn deliberated_and_mentioned() {
        let v = docs("会议审议了《某条例(草案)》。要贯彻落实《某纲要》。");
        assert_eq!(v, [("某条例(草案)".into(), DocStatus::Deliberated), ("某纲要".into(), DocStatus::Mentioned)]);
        let v = docs("审议并原则通过《甲方案》和《乙办法》。");
        assert!(v.iter().all(|d| d.1 == DocStatus::Approved));
    }

    #[test]
    fn decision_without_brackets() {
        let v = docs("会议表决通过了全国人大常委会关于修改某法的决定。");
        assert_eq!(v, [("全国人大常委会关于修改某法的决定".into(), DocStatus::Approved)]);
    }

    #[test]
    fn agreed_in_principle_and_draft_tag_outside_marks() {
        let v = docs("会议审议并原则同意《某市大气治理行动方案(送审稿)》。");
        assert_eq!(v, [("某市大气治理行动方案(送审稿)".into(), DocStatus::Approved)]);
        let v = docs("大会表决通过了《选举办法》(草案)。");
        assert_eq!(v, [("选举办法(草案)".into(), DocStatus::Approved)]);
    }

    #[test]
    fn a_new_verb_ends_an_unbracketed_list() {
        let v = docs("全会审议通过《关于召开某代表大会的决议》，原则通过市委工作报告和市纪委工作报告。");
        let titles: Vec<_> = v.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(titles, ["关于召开某代表大会的决议", "市委工作报告", "市纪委工作报告"]);
        let v = docs("会议审议通过了《甲办法》《乙章程》等10项议案，形成了会议决议。");
        let titles: Vec<_> = v.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(titles, ["甲办法", "乙章程"]);
        let v = docs("会议通过创建生态乡镇等有关决议。");
        assert!(v.is_empty());
    }
}
