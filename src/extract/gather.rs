//! Meetings gathered across an article's sentences.
//!
//! Takes the mentions found sentence by sentence. Gives the article's meetings:
//! mentions of one sitting merged (a headline and the body, a short name and a
//! full one), a roll call's meeting, and the documents each one adopted. Never
//! reads text: the sentences were read before.

use std::collections::HashSet;

use super::meetings::{self, DateInfo, Mention, Status};
use super::*;
use crate::date::Date;

/// The sitting a roll call opens, with everyone on its rolls: present,
/// absent, or in attendance. Put first, since the record is about it.
pub(super) fn add_roll_meeting(
    roll: &rollcall::Roll,
    facts: &[SentenceFacts],
    published: Option<Date>,
    ex: &mut Extraction,
) {
    let Some(header) = facts
        .iter()
        .find(|f| f.segment == Segment::Body && f.sentence.start <= roll.header.0 && roll.header.1 <= f.sentence.end)
    else {
        return;
    };
    let body = roll.body.clone();
    let name = format!("{}会议", body.as_deref().unwrap_or_default());
    let first_list = ex.meetings.iter().flat_map(|m| &m.participants).map(|p| p.list + 1).max().unwrap_or(0);
    let mut participants = Vec::new();
    for e in &roll.entries {
        let Some(f) =
            facts.iter().find(|f| f.segment == Segment::Body && f.sentence.start <= e.start && e.end <= f.sentence.end)
        else {
            continue;
        };
        let title = e.title_before.as_ref().or(e.title_after.as_ref()).map(|t| t.0.clone());
        participants.push(Participation {
            person: e.name.clone(),
            role: e.role,
            list: first_list + e.list,
            position: e.position,
            title_as_written: title,
            evidence: evidence(f, (e.start, e.end), "role.rollcall"),
        });
    }
    ex.meetings.insert(
        0,
        Meeting {
            name,
            kind: "会议".into(),
            ordinal: None,
            body,
            date: roll.date.or(published),
            form: None,
            participants,
            bodies: Vec::new(),
            documents: Vec::new(),
            evidence: evidence(header, roll.header, "meeting.rollcall"),
        },
    );
}

pub(super) fn bigrams(s: &str) -> HashSet<(char, char)> {
    let cs: Vec<char> = s.chars().collect();
    cs.windows(2).filter_map(|w| Some((*w.first()?, *w.get(1)?))).collect()
}

pub(super) fn same_meeting(m: &Meeting, x: &Mention) -> bool {
    if m.kind != x.kind && !abbreviates(&m.name, &x.name) && !abbreviates(&x.name, &m.name) {
        return false;
    }
    if let (Some(a), Some(b)) = (&m.ordinal, &x.ordinal) {
        let bare = |o: &str| o.trim_start_matches(|c: char| c.is_ascii_digit() || c == '年' || c == '度').to_string();
        // Same kind and same ordinal in one article: the same meeting, however
        // differently the headline and the body name its body, and whether the
        // ordinal is written in figures or in words (第36次, 第三十六次).
        return bare(a) == bare(b) || ordinal_value(&bare(a)).is_some_and(|v| Some(v) == ordinal_value(&bare(b)));
    }
    if m.name.contains(&x.name) || x.name.contains(&m.name) {
        return true;
    }
    let (a, b) = (bigrams(&m.name), bigrams(&x.name));
    let inter = a.intersection(&b).count();
    a.len() + b.len() > 0 && 2 * inter * 10 >= 5 * (a.len() + b.len())
}

/// Whether `short` ends in the usual short form of an assembly that `full`
/// spells out (六届三次人代会 for 第六届人民代表大会第三次会议).
fn abbreviates(short: &str, full: &str) -> bool {
    const SHORT_FORMS: &[(&str, &str)] = &[
        ("人代会", "人民代表大会"),
        ("党代会", "代表大会"),
        ("教代会", "教职工代表大会"),
        ("职代会", "职工代表大会"),
        ("妇代会", "妇女代表大会"),
        ("团代会", "团员代表大会"),
    ];
    SHORT_FORMS.iter().any(|(s, f)| short.ends_with(s) && full.contains(f))
}

/// The number of an ordinal (第36次, 第三十六次, 二十一次), in figures or in words.
pub(super) fn ordinal_value(o: &str) -> Option<u32> {
    let n = o.trim_start_matches('第').trim_end_matches('次');
    if n.chars().all(|c| c.is_ascii_digit()) { n.parse().ok() } else { meetings::numeral_value(n) }
}

/// Turns held mentions into meetings; returns, for each sentence, the meeting it speaks about.
pub(super) fn build_meetings(facts: &[SentenceFacts], ex: &mut Extraction) -> Vec<Vec<usize>> {
    let mut context: Vec<Vec<usize>> = vec![Vec::new(); facts.len()];
    let mut current: Vec<usize> = Vec::new();
    let mut first_sentence: Option<usize> = None;
    let mut unknown_date: HashSet<usize> = HashSet::new();
    let mut same_day_as: Vec<(usize, usize)> = Vec::new();
    // A meeting found only where someone spoke or while they attended it counts
    // when the article reports no other meeting held.
    let reported =
        facts.iter().flat_map(|f| &f.meetings).any(|x| x.status == Status::Held && x.rule != meetings::WHILE_RULE);
    for (i, f) in facts.iter().enumerate() {
        let mut here: Vec<usize> = Vec::new();
        for x in f.meetings.iter().filter(|x| x.status == Status::Held && !(reported && x.rule == meetings::WHILE_RULE))
        {
            let idx = match ex.meetings.iter().position(|m| same_meeting(m, x)) {
                Some(idx) => {
                    let Some(m) = ex.meetings.get_mut(idx) else { continue };
                    if x.name.chars().count() > m.name.chars().count() {
                        m.name = x.name.clone();
                        m.body = x.body.clone().or(m.body.take());
                    }
                    if m.ordinal.is_none() {
                        m.ordinal = x.ordinal.clone();
                    }
                    if m.form.is_none() {
                        m.form = x.form.clone();
                    }
                    idx
                }
                // A further meeting named as held later in the article, with no
                // date and nothing placing it beside the first (会前, 随后), is a
                // past meeting recalled, not a second report.
                None if !ex.meetings.is_empty()
                    && first_sentence.is_some_and(|fs| fs != i)
                    && x.date == DateInfo::None
                    && !x.sequenced =>
                {
                    continue;
                }
                None => {
                    first_sentence.get_or_insert(i);
                    // 会前，某某主持召开了…会议: held the same day as the meeting reported.
                    if x.same_day && x.date == DateInfo::None {
                        if let Some(&anchor) = current.first() {
                            same_day_as.push((ex.meetings.len(), anchor));
                        }
                    }
                    ex.meetings.push(Meeting {
                        name: x.name.clone(),
                        kind: x.kind.clone(),
                        ordinal: x.ordinal.clone(),
                        body: x.body.clone(),
                        date: None,
                        form: x.form.clone(),
                        participants: Vec::new(),
                        bodies: Vec::new(),
                        documents: Vec::new(),
                        evidence: evidence(f, (x.start, x.end), x.rule),
                    });
                    ex.meetings.len() - 1
                }
            };
            match x.date {
                DateInfo::Day(d) => {
                    if let Some(m) = ex.meetings.get_mut(idx) {
                        m.date.get_or_insert(d);
                    }
                }
                DateInfo::Unknown => {
                    unknown_date.insert(idx);
                }
                DateInfo::None => {}
            }
            if !here.contains(&idx) {
                here.push(idx);
            }
        }
        // A sentence that reports meetings held (分别举行A和B) sets the meetings
        // the following sentences speak about; the others carry it on.
        if !here.is_empty() {
            current = here;
        }
        if let Some(c) = context.get_mut(i) {
            c.clone_from(&current);
        }
    }
    // The day of a meeting placed beside another (会前, 随后) is known once the
    // other's is, which may be only later in the article.
    for (m, anchor) in same_day_as {
        let day = ex.meetings.get(anchor).and_then(|a| a.date).filter(|_| !unknown_date.contains(&anchor));
        if let Some(m) = ex.meetings.get_mut(m) {
            m.date = m.date.or(day);
        }
    }
    // Sentences before the first report of a meeting (sub-headlines, leads) speak
    // about the article's first meeting.
    let first: Vec<usize> = context.iter().find(|c| !c.is_empty()).cloned().unwrap_or_default();
    for c in context.iter_mut() {
        if c.is_empty() {
            c.clone_from(&first);
        } else {
            break;
        }
    }
    context
}

pub(super) fn assign_documents(facts: &[SentenceFacts], context: &[Vec<usize>], ex: &mut Extraction) {
    for (i, f) in facts.iter().enumerate() {
        for d in &f.documents {
            let fact =
                DocFact { title: d.title.clone(), status: d.status, evidence: evidence(f, (d.start, d.end), d.rule) };
            // Documents go to the first of the meetings a sentence speaks about.
            let target = context.get(i).and_then(|c| c.first()).copied().and_then(|m| ex.meetings.get_mut(m));
            match target {
                Some(m) => {
                    if let Some(existing) = m.documents.iter_mut().find(|x| x.title == fact.title) {
                        // The strongest reading wins: approved over deliberated over named.
                        if fact.status < existing.status {
                            *existing = fact;
                        }
                    } else {
                        m.documents.push(fact);
                    }
                }
                None => {
                    if !ex.documents.iter().any(|x| x.title == fact.title) {
                        ex.documents.push(fact);
                    }
                }
            }
        }
    }
}
