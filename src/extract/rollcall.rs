//! Roll calls: the lists of members present and absent that open the record of
//! a sitting (出席议员：…, 缺席议员：…, 列席秘书：…).
//!
//! Takes the body text of an article (already simplified) and the lexicon.
//! Gives the sitting the roll belongs to (its body, as the record's first line
//! names it, and the first date written near the top) and every name in each
//! list with its role, list and position. A roll entry is one line: an
//! optional post (主席), a name, an optional member title (议员) and honours
//! after a comma (G.B.S., J.P.). Lines that are page furniture (page numbers,
//! the repeated running head) are passed over. Never reads a roll outside a
//! header line, and never takes an entry that is not a plausible name.

use super::text::is_han;
use crate::date::Date;
use crate::lexicon::{Lexicon, Role};

/// One name in a roll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name.
    pub name: String,
    /// Byte range of the name in the text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The post written before the name (主席), with its byte range.
    pub title_before: Option<(String, usize, usize)>,
    /// The member title written after the name (议员), with its byte range.
    pub title_after: Option<(String, usize, usize)>,
    /// Which roll (0-based, in the order of the headers).
    pub list: usize,
    /// Position in that roll (0-based).
    pub position: usize,
    /// Present, absent or in attendance.
    pub role: Role,
}

/// The rolls of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roll {
    /// The body whose sitting this is (立法会), when the first line names it.
    pub body: Option<String>,
    /// The first date written in the record's head.
    pub date: Option<Date>,
    /// Byte range of the first header (出席议员：).
    pub header: (usize, usize),
    /// Every entry of every roll, in text order.
    pub entries: Vec<Entry>,
}

/// Header words: who (members, officials, secretaries) and whether they were there.
const HEADERS: &[(&str, Role)] = &[
    ("出席议员", Role::Attendee),
    ("出席委员", Role::Attendee),
    ("出席政府官员", Role::Nonvoting),
    ("出席公职人员", Role::Nonvoting),
    ("列席秘书", Role::Nonvoting),
    ("列席人员", Role::Nonvoting),
    ("缺席议员", Role::Absent),
    ("缺席委员", Role::Absent),
];

/// Titles a member's name is written with after it.
const MEMBER_TITLES: &[&str] = &["议员", "委员", "先生", "女士", "博士", "教授"];

/// Finds the rolls of `text`, if it has any.
pub fn find(text: &str, lex: &Lexicon) -> Option<Roll> {
    let mut entries = Vec::new();
    let mut header: Option<(usize, usize)> = None;
    let mut current: Option<(Role, usize)> = None;
    let mut lists = 0usize;
    let mut position = 0usize;
    let mut offset = 0usize;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        if let Some(&(word, role)) = HEADERS.iter().find(|(w, _)| {
            trimmed.strip_prefix(w).is_some_and(|rest| rest.trim_start_matches([':', '：']).trim().is_empty())
        }) {
            header.get_or_insert((start + lead, start + lead + word.len()));
            current = Some((role, lists));
            lists += 1;
            position = 0;
            continue;
        }
        let Some((role, list)) = current else { continue };
        if page_furniture(trimmed) {
            continue;
        }
        match entry(trimmed, start + lead, lex) {
            Some(mut e) => {
                e.list = list;
                e.position = position;
                e.role = role;
                position += 1;
                entries.push(e);
            }
            // The roll ends at the first line that is not a name.
            None => current = None,
        }
    }
    let header = header?;
    if entries.is_empty() {
        return None;
    }
    let head = text.get(..header.0).unwrap_or_default();
    Some(Roll { body: body_of(head), date: first_date(head), header, entries })
}

/// Page numbers and the running head (立法会 ─ 2012年10月10日) between roll lines.
fn page_furniture(line: &str) -> bool {
    line.chars().all(|c| c.is_ascii_digit() || c.is_whitespace())
        || line.contains('─')
        || line.contains('—')
        || (line.contains('年') && line.contains('月') && line.contains('日') && line.chars().count() < 30)
}

/// One roll line: [post] name [member title] [, honours].
fn entry(line: &str, at: usize, lex: &Lexicon) -> Option<Entry> {
    let head_len = line.find([',', '，', ' ', '(', '（']).unwrap_or(line.len());
    let head = line.get(..head_len)?.trim_end();
    let mut from = 0usize;
    let mut title_before = None;
    if let Some(n) = lex.posts.longest_prefix(head) {
        if n < head.len() {
            title_before = Some((head.get(..n)?.to_string(), at, at + n));
            from = n;
        }
    }
    let mut to = head.len();
    let mut title_after = None;
    let after_post = head.get(from..).unwrap_or_default();
    if let Some(t) = MEMBER_TITLES.iter().find(|t| after_post.ends_with(*t)) {
        to = head.len() - t.len();
        title_after = Some((t.to_string(), at + to, at + head.len()));
    }
    let name = head.get(from..to)?;
    let n = name.chars().count();
    let plausible = (2..=4).contains(&n)
        && name.chars().all(|c| is_han(c) || c == '·')
        && lex.surnames.longest_prefix(name).is_some()
        && !lex.posts.contains(name);
    // A line with text after the name is prose, not a roll entry.
    let rest = line.get(head_len..).unwrap_or_default().trim_start();
    let honours_only = rest.is_empty() || rest.starts_with([',', '，']) || rest.starts_with(['(', '（']);
    (plausible && honours_only && (title_after.is_some() || title_before.is_some())).then(|| Entry {
        name: name.to_string(),
        start: at + from,
        end: at + to,
        title_before,
        title_after,
        list: 0,
        position: 0,
        role: Role::Attendee,
    })
}

/// The body named on the record's first line, up to the running head's dash.
fn body_of(head: &str) -> Option<String> {
    let first = head.lines().map(str::trim).find(|l| !l.is_empty())?;
    let name: String = first.chars().take_while(|&c| is_han(c)).collect();
    let ends_as_body = name.ends_with('会') || name.ends_with("委员会") || name.ends_with('局');
    (name.chars().count() >= 2 && ends_as_body).then_some(name)
}

/// The first full date (2012年10月10日, spaces allowed) in the record's head.
fn first_date(head: &str) -> Option<Date> {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = crate::rx::cached(&R, r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日");
    re.captures_iter(head).find_map(|c| {
        let num = |i: usize| c.get(i).map(|m| m.as_str());
        Date::new(num(1)?.parse().ok()?, num(2)?.parse().ok()?, num(3)?.parse().ok()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &str = "青岚议会 ─ 2031年3月5日\n\n会议过程正式纪录\n\n2031年3月5日星期三\n\n上午11时正会议开始\n\n\
        出席议员：\n\n主席林海峰议员, G.B.S., J.P.\n\n周雅琴议员\n\n欧阳立新议员, J.P.\n\n青岚议会 ─ 2031年3月5日\n\n2\n\
        何美玲议员\n\n缺席议员：\n\n郑国华议员, S.B.S.\n\n列席秘书：\n\n秘书长陈思源女士\n\n主席：我宣布会议开始。\n";

    #[test]
    fn reads_present_absent_and_staff() {
        let lex = Lexicon::builtin();
        let roll = find(RECORD, &lex).unwrap();
        assert_eq!(roll.body.as_deref(), Some("青岚议会"));
        assert_eq!(roll.date.map(|d| d.to_string()).as_deref(), Some("2031-03-05"));
        let got: Vec<(&str, Role, usize, usize)> =
            roll.entries.iter().map(|e| (e.name.as_str(), e.role, e.list, e.position)).collect();
        assert_eq!(
            got,
            [
                ("林海峰", Role::Attendee, 0, 0),
                ("周雅琴", Role::Attendee, 0, 1),
                ("欧阳立新", Role::Attendee, 0, 2),
                ("何美玲", Role::Attendee, 0, 3),
                ("郑国华", Role::Absent, 1, 0),
                ("陈思源", Role::Nonvoting, 2, 0),
            ]
        );
        let first = roll.entries.first().unwrap();
        assert_eq!(RECORD.get(first.start..first.end), Some("林海峰"));
        assert_eq!(first.title_before.as_ref().map(|t| t.0.as_str()), Some("主席"));
    }

    #[test]
    fn no_roll_without_a_header() {
        let lex = Lexicon::builtin();
        assert!(find("林海峰议员\n周雅琴议员\n", &lex).is_none());
    }
}
