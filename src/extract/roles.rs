//! Who took part in each meeting, and in which role.
//!
//! Takes the names of each sentence and the meetings that sentence speaks of.
//! Gives participations (chair, speaker, attendee…) and bodies that took part
//! with nobody named. Never adds a meeting: a name with no meeting in reach has
//! no role.

use super::persons::NameOcc;
use super::*;
use crate::lexicon::{Lexicon, Role};

/// Verbs used as nouns (重要讲话, 的讲话, 讲话精神) put nobody at a meeting.
pub(super) fn nominal_use(t: &str, start: usize, end: usize) -> bool {
    let before = t.get(..start).unwrap_or_default();
    let after = t.get(end..).unwrap_or_default();
    // 在某某的主持下 names the chair as the one whose chairing it was.
    if before.ends_with('的') && after.starts_with('下') && t.get(start..end) == Some("主持") {
        return false;
    }
    before.ends_with('的')
        || before.ends_with("重要")
        || before.ends_with("书面")
        || after.starts_with("精神")
        || after.starts_with("要点")
        || after.starts_with("材料")
        || after.starts_with("稿")
        || after.starts_with('的')
        || after.starts_with('人')
}

pub(super) fn assign_roles<'a>(
    facts: &[SentenceFacts],
    context: &[Vec<usize>],
    text_of: &impl Fn(Segment) -> &'a str,
    lex: &Lexicon,
    ex: &mut Extraction,
) {
    let mut list = 0usize;
    let mut seen: HashSet<(usize, String, Role)> = HashSet::new();
    for (i, f) in facts.iter().enumerate() {
        let Some(ms) = context.get(i).filter(|c| !c.is_empty()) else { continue };
        let t = text_of(f.segment);
        let verbs = role_verbs_in(f, t, ms, lex, ex);
        let mut boundary = f.sentence.start;
        let mut last_subjects: Vec<&NameOcc> = Vec::new();
        for &(vs, ve, role) in &verbs {
            let mut subjects: Vec<&NameOcc> = f
                .names
                .iter()
                .filter(|o| o.start >= boundary && o.end <= vs && !o.mention && !delegates(t, o))
                .collect();
            if subjects.is_empty() {
                // 主持会议并讲话: the verb after 并 shares the first verb's subjects.
                let between = t.get(boundary..vs).unwrap_or_default();
                if between.contains('并') && !between.contains([',', '，', '。', ';']) {
                    subjects.clone_from(&last_subjects);
                }
            }
            if subjects.is_empty() {
                // 出席会议的还有甲、乙 / 出席议员: 甲 乙: the names come after the verb.
                let after = t.get(ve..f.sentence.end).unwrap_or_default();
                if let Some(m) = forward_list_re().find(after) {
                    let from = ve + m.end();
                    subjects = f.names.iter().filter(|o| o.start >= from && !o.mention).collect();
                }
            }
            if !subjects.is_empty() {
                for &m in ms {
                    for (pos, o) in subjects.iter().enumerate() {
                        if !seen.insert((m, o.name.clone(), role)) {
                            continue;
                        }
                        let title = o.titles_before.iter().map(|x| x.0.as_str()).collect::<Vec<_>>().join("、");
                        let title =
                            if title.is_empty() { o.title_after.as_ref().map(|x| x.0.clone()) } else { Some(title) };
                        if let Some(meeting) = ex.meetings.get_mut(m) {
                            meeting.participants.push(Participation {
                                person: o.name.clone(),
                                role,
                                list,
                                position: pos,
                                title_as_written: title,
                                // From the name to the end of the verb, or, for a
                                // list after its verb (出席会议的还有甲、乙), from
                                // the verb to the end of the name.
                                evidence: evidence(f, (o.start.min(vs), o.end.max(ve)), rule_for(role)),
                            });
                        }
                    }
                }
                list += 1;
                last_subjects = subjects;
            } else if matches!(role, Role::Speaker | Role::Reporter) {
                // 南京市、苏州市、省交通运输厅作交流发言: bodies spoke or reported, no
                // person named.
                let bodies = bodies_before(t, boundary, vs, lex);
                if !bodies.is_empty() {
                    add_bodies(f, ms, &bodies, (role, list, ve), ex);
                    list += 1;
                }
            }
            boundary = ve;
        }
    }
}

/// The role verbs of a sentence with their spans, longest match first at each
/// position, names passed over.
fn role_verbs_in(
    f: &SentenceFacts,
    t: &str,
    ms: &[usize],
    lex: &Lexicon,
    ex: &Extraction,
) -> Vec<(usize, usize, Role)> {
    // Role verbs in the sentence, longest match first at each position.
    let mut verbs = Vec::new();
    let mut p = f.sentence.start;
    while p < f.sentence.end {
        let rest = t.get(p..f.sentence.end).unwrap_or_default();
        let Some(c) = rest.chars().next() else { break };
        // Names are not verbs: skip over them.
        if let Some(o) = f.names.iter().find(|o| o.start == p) {
            p = o.end;
            continue;
        }
        // 作了关于…的汇报: 作 and the noun that says what was delivered.
        if let Some((n, role)) = delivered(rest) {
            verbs.push((p, p + n, role));
            p += n;
            continue;
        }
        match lex.role_verbs.longest_prefix(rest) {
            Some(n)
                if !nominal_use(t, p, p + n)
                    || forward_list_re().is_match(t.get(p + n..f.sentence.end).unwrap_or_default()) =>
            {
                let verb = rest.get(..n).unwrap_or_default();
                // 在主持…时 (while chairing another meeting) is a time clause,
                // not a role at this one.
                // At a meeting found by that very clause, it is attendance.
                // 在主持会议时, 在主持大会时 name no other meeting: it is this one's chair.
                let tail = t.get(p + n..).unwrap_or_default();
                let bare_kind_then_while = lex
                    .meeting_kinds
                    .longest_prefix(tail)
                    .is_some_and(|k| tail.get(k..).is_some_and(|r| r.starts_with('时')));
                let this_one = (verb.ends_with("会议") && tail.starts_with('时'))
                    || bare_kind_then_while
                    || ["本次会议", "这次会议"].iter().any(|w| tail.starts_with(w));
                let while_doing = t.get(..p).is_some_and(|b| b.ends_with('在'))
                    && !this_one
                    && !matches!(lex.verb_roles.get(verb), Some(Role::Speaker))
                    && !ms.iter().any(|&m| ex.meetings.get(m).is_some_and(|x| x.evidence.rule == meetings::WHILE_RULE));
                if let Some(&role) = lex.verb_roles.get(verb).filter(|_| !while_doing) {
                    verbs.push((p, p + n, role));
                }
                p += n;
            }
            _ => p += c.len_utf8(),
        }
    }
    verbs
}

/// Adds bodies that spoke or reported with no person named (南京市、苏州市、省交通
///运输厅作交流发言) to each meeting in `ms`, as list `list`.
fn add_bodies(
    f: &SentenceFacts,
    ms: &[usize],
    bodies: &[(String, usize, usize)],
    (role, list, ve): (Role, usize, usize),
    ex: &mut Extraction,
) {
    for &m in ms {
        let Some(meeting) = ex.meetings.get_mut(m) else { continue };
        for (pos, (body, a, b)) in bodies.iter().enumerate() {
            if meeting.bodies.iter().any(|x| x.body == *body && x.role == role) {
                continue;
            }
            meeting.bodies.push(BodyParticipation {
                body: body.clone(),
                role,
                list,
                position: pos,
                evidence: evidence(f, (*a, (*b).max(ve)), "role.body"),
            });
        }
    }
}

/// Whether the name is the one who asked another to act (受县委书记某某委托, 某某主持):
/// the verb that follows is the other's.
pub(super) fn delegates(t: &str, o: &NameOcc) -> bool {
    let end = o.title_after.as_ref().map_or(o.end, |x| x.2);
    let after = t.get(end..).unwrap_or_default();
    let after = after.strip_prefix("同志").unwrap_or(after);
    after.starts_with("委托")
}

/// Words between a list of bodies and the verb they are the subject of.
pub(super) const BODY_LIST_TAILS: &[&str] = &[
    "主要负责同志",
    "有关负责同志",
    "相关负责同志",
    "主要负责人",
    "相关负责人",
    "有关负责人",
    "负责同志",
    "负责人",
    "分别",
    "先后",
    "依次",
    "等",
];

/// Endings of body names: organs and departments (厅, 局, 委), and places as units (市, 县).
pub(super) const BODY_ENDINGS: &[&str] = &[
    "厅", "局", "委", "办", "部", "院", "府", "会", "署", "中心", "集团", "公司", "市", "县", "区", "省", "州", "镇",
    "乡",
];

/// The 、-list of bodies that ends right before a verb in `t[from..to]`, each with
/// its byte range, or nothing when an item is not a body's name.
pub(super) fn bodies_before(t: &str, from: usize, to: usize, lex: &Lexicon) -> Vec<(String, usize, usize)> {
    let seg = t.get(from..to).unwrap_or_default();
    // The clause the verb is in: after the last comma or colon.
    let clause_at = seg
        .rfind([',', '，', ':', '：', ';', '；'])
        .map_or(0, |i| i + seg.get(i..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8));
    let mut clause = seg.get(clause_at..).unwrap_or_default();
    loop {
        let before = clause.len();
        for tail in BODY_LIST_TAILS {
            clause = clause.strip_suffix(tail).unwrap_or(clause);
        }
        clause = clause.strip_suffix('的').unwrap_or(clause);
        if clause.len() == before {
            break;
        }
    }
    let is_body = |item: &str| {
        (2..=20).contains(&item.chars().count())
            && item.chars().all(text::is_han)
            && (lex.place_names.contains(item) || BODY_ENDINGS.iter().any(|e| item.ends_with(e)))
            && !lex.posts.contains(item)
    };
    let mut out = Vec::new();
    let mut start = from + clause_at;
    for item in clause.split('、') {
        let a = start;
        start += item.len() + '、'.len_utf8();
        // 南通市和省工业和信息化厅: 和 or 及 joins two bodies where both sides are bodies;
        // elsewhere it is part of a body's own name (省工业和信息化厅).
        let split = item.match_indices(['和', '及']).find_map(|(i, j)| {
            let (l, r) = (item.get(..i)?, item.get(i + j.len()..)?);
            (is_body(l) && is_body(r)).then_some((l, r, i + j.len()))
        });
        if let Some((l, r, at)) = split {
            out.push((l.to_string(), a, a + l.len()));
            out.push((r.to_string(), a + at, a + item.len()));
        } else if is_body(item) {
            out.push((item.to_string(), a, a + item.len()));
        } else {
            return Vec::new();
        }
    }
    // One item alone (会议) is too little to go on; a list of them is a list of bodies.
    if out.len() < 2 { Vec::new() } else { out }
}

/// What follows a verb whose subjects are listed after it: 出席会议的党外人士还有…, 出席议员：….
pub(super) fn forward_list_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::rx::cached(&R, r"^(?:会议|座谈会|会)?(?:的[^,，。;]{0,12}?(?:还有|有)|[^,，。;]{0,6}?[:：])")
}

/// 作(了)…报告/汇报/说明 with up to forty characters of subject matter between.
pub(super) fn delivered(rest: &str) -> Option<(usize, Role)> {
    let after = rest.strip_prefix('作')?;
    let after = after.strip_prefix('了').unwrap_or(after);
    let head = rest.len() - after.len();
    for (n, (i, c)) in after.char_indices().enumerate() {
        if matches!(c, '。' | ';' | ',' | '，') || n > 40 {
            return None;
        }
        let tail = after.get(i..).unwrap_or_default();
        for (noun, role) in [
            ("汇报", Role::Reporter),
            ("报告", Role::Speaker),
            ("说明", Role::Speaker),
            ("讲话", Role::Speaker),
            ("发言", Role::Speaker),
            ("部署", Role::Speaker),
            ("安排", Role::Speaker),
            ("传达", Role::Relayer),
        ] {
            if tail.starts_with(noun) {
                return Some((head + i + noun.len(), role));
            }
        }
    }
    None
}

pub(super) fn rule_for(role: Role) -> &'static str {
    match role {
        Role::Chair => "role.chair",
        Role::Speaker => "role.speaker",
        Role::Reporter => "role.reporter",
        Role::Relayer => "role.relayer",
        Role::Attendee => "role.attendee",
        Role::Nonvoting => "role.nonvoting",
        Role::Presidium => "role.presidium",
        Role::Invited => "role.invited",
        Role::Absent => "role.absent",
    }
}
