//! Rule-based extraction: a normalised article to facts about meetings and people.
//!
//! Takes a [`Doc`] and a [`Lexicon`]. Gives an [`Extraction`]: the meetings the
//! article reports as held (name, body, kind, ordinal, date, form), who took part
//! in each and in which role (with the list and position they were named in), the
//! documents each meeting approved or deliberated, and every named person with
//! the titles the article gives them. Every fact carries [`Evidence`]: the segment
//! (headline or body), the sentence and the span it was read from, and the id of
//! the rule that read it. Never fails and never panics: an article with nothing
//! to find gives an empty extraction, and doubts become diagnostics; only
//! [`extract_within`] gives up, when the article's time budget runs out. Knows nothing
//! of RDF or of other articles.

pub mod appointments;
pub mod documents;
pub mod meetings;
pub mod persons;
pub mod rollcall;
pub mod text;

use std::collections::{BTreeMap, HashSet};

use crate::budget::{Budget, OutOfTime};
use crate::date::Date;
use crate::lexicon::{Lexicon, Role};
use crate::normalize::Doc;
pub use documents::DocStatus;
use meetings::{DateInfo, Mention, Status};
use persons::NameOcc;
use text::Sentence;

/// Which text of the article a fact was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Segment {
    /// The headline.
    Headline,
    /// The body.
    Body,
}

/// Where a fact came from. Offsets are bytes of the segment's normalised text;
/// [`crate::resolve`] maps them to the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// Headline or body.
    pub segment: Segment,
    /// The sentence.
    pub sentence: (usize, usize),
    /// The characters the fact was read from.
    pub span: (usize, usize),
    /// The rule that read it.
    pub rule: &'static str,
}

/// The status of a title as the article gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TitleStatus {
    /// Held at the article's date.
    Current,
    /// Held before (原, 曾任).
    Former,
    /// Acting (代).
    Acting,
    /// Newly appointed or elected (任命, 当选).
    Appointed,
    /// Removed (免去).
    Removed,
}

/// A title given to a person.
#[derive(Debug, Clone)]
pub struct TitleFact {
    /// As written.
    pub title: String,
    /// With its jurisdiction worked out, where the article makes that possible.
    pub resolved: Option<String>,
    /// Status.
    pub status: TitleStatus,
    /// Where it was read.
    pub evidence: Evidence,
}

/// A named person.
#[derive(Debug, Clone)]
pub struct Person {
    /// Name.
    pub name: String,
    /// Titles, in the order the article gives them.
    pub titles: Vec<TitleFact>,
    /// Surname + post phrases the article uses for the person (吴书记), each where first read.
    pub aliases: Vec<(String, Evidence)>,
    /// First occurrence.
    pub evidence: Evidence,
}

/// A person's part in a meeting.
#[derive(Debug, Clone)]
pub struct Participation {
    /// Who.
    pub person: String,
    /// In which role.
    pub role: Role,
    /// Which list of names in the article (0-based).
    pub list: usize,
    /// Position in that list (0-based): order of names signals rank.
    pub position: usize,
    /// The title written with the name in that list.
    pub title_as_written: Option<String>,
    /// Where it was read.
    pub evidence: Evidence,
}

/// A body's part in a meeting, where the article names no person for it.
#[derive(Debug, Clone)]
pub struct BodyParticipation {
    /// The body, as written.
    pub body: String,
    /// In which role.
    pub role: Role,
    /// Which list of names in the article (0-based).
    pub list: usize,
    /// Position in that list (0-based).
    pub position: usize,
    /// Where it was read.
    pub evidence: Evidence,
}

/// A document a meeting acted on.
#[derive(Debug, Clone)]
pub struct DocFact {
    /// Title without 《》.
    pub title: String,
    /// What the meeting did.
    pub status: DocStatus,
    /// Where it was read.
    pub evidence: Evidence,
}

/// A meeting the article reports as held.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// Full name.
    pub name: String,
    /// Kind (全体会议, 座谈会).
    pub kind: String,
    /// Ordinal (第四次).
    pub ordinal: Option<String>,
    /// The body that held it, as named.
    pub body: Option<String>,
    /// Date, when the day is known.
    pub date: Option<Date>,
    /// Form (视频会议).
    pub form: Option<String>,
    /// Who took part, by role.
    pub participants: Vec<Participation>,
    /// Bodies that took part with no person named (南京市、苏州市作交流发言).
    pub bodies: Vec<BodyParticipation>,
    /// Documents approved, deliberated or named at it.
    pub documents: Vec<DocFact>,
    /// Where it was reported held.
    pub evidence: Evidence,
}

impl Meeting {
    /// Names of the people present, in the order first named.
    pub fn present(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        self.participants
            .iter()
            .filter(|p| p.role.is_present() && seen.insert(p.person.as_str()))
            .map(|p| p.person.as_str())
            .collect()
    }

    /// Names of the chairs.
    pub fn chairs(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        self.participants
            .iter()
            .filter(|p| p.role == Role::Chair && seen.insert(p.person.as_str()))
            .map(|p| p.person.as_str())
            .collect()
    }
}

/// What extraction found in one article.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The headline as extraction read it (offsets of headline evidence point into it).
    pub headline: Option<String>,
    /// Meetings held.
    pub meetings: Vec<Meeting>,
    /// Named people.
    pub persons: Vec<Person>,
    /// Documents named outside any meeting.
    pub documents: Vec<DocFact>,
    /// Notes on doubtful readings.
    pub diagnostics: Vec<String>,
}

struct SentenceFacts {
    segment: Segment,
    sentence: Sentence,
    names: Vec<NameOcc>,
    changes: Vec<appointments::PostChange>,
    meetings: Vec<Mention>,
    documents: Vec<documents::DocMention>,
}

/// Extracts the facts of one article.
pub fn extract(doc: &Doc, lex: &Lexicon) -> Extraction {
    // Without a limit the budget never runs out, so there is always an extraction.
    extract_within(doc, lex, &Budget::unlimited()).unwrap_or_default()
}

/// Extracts the facts of one article, or fails when `budget` runs out. The budget
/// is checked once per sentence in each pass and between the later stages; a
/// sentence is at most a few thousand bytes (see [`text::sentences`]), so the
/// time between two checks is bounded whatever the article.
pub fn extract_within(doc: &Doc, lex: &Lexicon, budget: &Budget) -> Result<Extraction, OutOfTime> {
    let published = doc.meta.date;
    // The headline is read on its own unless the body repeats it at the top.
    let headline = doc
        .headline
        .as_ref()
        .map(|h| h.text.clone())
        .filter(|h| !doc.text.get(..doc.text.len().min(600)).is_some_and(|top| top.contains(h.as_str())));
    let segments: Vec<(Segment, &str)> = headline
        .as_deref()
        .map(|h| (Segment::Headline, h))
        .into_iter()
        .chain(std::iter::once((Segment::Body, doc.text.as_str())))
        .collect();

    // Pass 1 finds names in strong contexts; pass 2 also takes weak occurrences of them.
    // Pass 1 keeps each sentence's names with the names it found unknown, so that pass 2
    // reads again only the sentences where one of those has become known since.
    let mut known = persons::Known::new();
    let mut aliases = persons::Aliases::default();
    let mut first = Vec::with_capacity(segments.len());
    for &(_, t) in &segments {
        let mut found = Vec::new();
        for s in text::sentences(t) {
            budget.check()?;
            let mut misses = Vec::new();
            let names = persons::find_noting(t, s.start, s.end, lex, &known, &mut misses);
            for o in &names {
                for (title, ..) in o.titles_before.iter().chain(&o.title_after) {
                    aliases.learn(&o.name, title, lex);
                }
                known.insert(o.name.clone());
            }
            found.push((s, names, misses));
        }
        first.push(found);
    }
    budget.check()?;
    let roll = rollcall::find(&doc.text, lex);
    let mut facts = Vec::new();
    for (&(segment, t), found) in segments.iter().zip(first) {
        for (s, names, misses) in found {
            budget.check()?;
            let mut names = if misses.iter().any(|m| known.contains(m)) {
                persons::find(t, s.start, s.end, lex, &known)
            } else {
                names
            };
            if let (Segment::Body, Some(roll)) = (segment, &roll) {
                names = with_roll_names(names, roll, s.start, s.end);
            }
            mark_quoted(t, s.start, s.end, &mut names);
            let mut extra = appointments::names_after_verbs(t, s.start, s.end, &names, lex);
            extra.extend(aliases.find(t, s.start, s.end, &names, lex));
            if !extra.is_empty() {
                names.extend(extra);
                names.sort_by_key(|o| o.start);
            }
            facts.push(SentenceFacts {
                segment,
                sentence: s,
                changes: appointments::find(t, s.end, &names, lex),
                names,
                meetings: meetings::find(t, s.start, s.end, lex, published, segment == Segment::Headline),
                documents: documents::find(t, s.start, s.end),
            });
        }
    }
    let text_of = |seg: Segment| {
        if seg == Segment::Headline { headline.as_deref().unwrap_or_default() } else { doc.text.as_str() }
    };

    budget.check()?;
    let mut ex = Extraction { headline: headline.clone(), ..Extraction::default() };
    let context = build_meetings(&facts, &mut ex);
    budget.check()?;
    assign_roles(&facts, &context, &text_of, lex, &mut ex);
    assign_documents(&facts, &context, &mut ex);
    if let Some(roll) = &roll {
        add_roll_meeting(roll, &facts, published, &mut ex);
    }
    budget.check()?;
    ex.persons = collect_persons(&facts, doc, &ex, lex, &text_of);
    budget.check()?;
    Ok(ex)
}

/// Names inside a title in 《》 (a speech or an article studied at the meeting)
/// are mentions: the people named there are not said to be present.
fn mark_quoted(t: &str, start: usize, end: usize, names: &mut [NameOcc]) {
    let Some(sentence) = t.get(start..end) else { return };
    if !sentence.contains('《') {
        return;
    }
    let mut open: Option<usize> = None;
    let mut spans = Vec::new();
    for (i, c) in sentence.char_indices() {
        match c {
            '《' => open = Some(start + i),
            '》' => {
                if let Some(a) = open.take() {
                    spans.push((a, start + i));
                }
            }
            _ => {}
        }
    }
    for o in names.iter_mut() {
        if spans.iter().any(|&(a, b)| a < o.start && o.end <= b) {
            o.mention = true;
        }
    }
}

/// The names of a roll call's lines in `start..end` join the sentence's names
/// (a roll line has no verb or context the name rules could go by).
fn with_roll_names(mut names: Vec<NameOcc>, roll: &rollcall::Roll, start: usize, end: usize) -> Vec<NameOcc> {
    for e in roll.entries.iter().filter(|e| e.start >= start && e.end <= end) {
        if names.iter().any(|o| o.start < e.end && e.start < o.end) {
            names.retain(|o| !(o.start < e.end && e.start < o.end));
        }
        names.push(NameOcc {
            name: e.name.clone(),
            start: e.start,
            end: e.end,
            titles_before: e.title_before.iter().cloned().collect(),
            title_after: e.title_after.clone(),
            mention: false,
            fixed: false,
            inherited: false,
            alias: false,
        });
    }
    names.sort_by_key(|o| o.start);
    names
}

/// The sitting a roll call opens, with everyone on its rolls: present,
/// absent, or in attendance. Put first, since the record is about it.
fn add_roll_meeting(roll: &rollcall::Roll, facts: &[SentenceFacts], published: Option<Date>, ex: &mut Extraction) {
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

fn evidence(f: &SentenceFacts, span: (usize, usize), rule: &'static str) -> Evidence {
    Evidence { segment: f.segment, sentence: (f.sentence.start, f.sentence.end), span, rule }
}

fn bigrams(s: &str) -> HashSet<(char, char)> {
    let cs: Vec<char> = s.chars().collect();
    cs.windows(2).filter_map(|w| Some((*w.first()?, *w.get(1)?))).collect()
}

fn same_meeting(m: &Meeting, x: &Mention) -> bool {
    if m.kind != x.kind {
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

/// The number of an ordinal (第36次, 第三十六次, 二十一次), in figures or in words.
fn ordinal_value(o: &str) -> Option<u32> {
    let n = o.trim_start_matches('第').trim_end_matches('次');
    if n.chars().all(|c| c.is_ascii_digit()) { n.parse().ok() } else { meetings::numeral_value(n) }
}

/// Turns held mentions into meetings; returns, for each sentence, the meeting it speaks about.
fn build_meetings(facts: &[SentenceFacts], ex: &mut Extraction) -> Vec<Vec<usize>> {
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

/// Verbs used as nouns (重要讲话, 的讲话, 讲话精神) put nobody at a meeting.
fn nominal_use(t: &str, start: usize, end: usize) -> bool {
    let before = t.get(..start).unwrap_or_default();
    let after = t.get(end..).unwrap_or_default();
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

fn assign_roles<'a>(
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
                    let while_doing = t.get(..p).is_some_and(|b| b.ends_with('在'))
                        && !matches!(lex.verb_roles.get(verb), Some(Role::Speaker))
                        && !ms
                            .iter()
                            .any(|&m| ex.meetings.get(m).is_some_and(|x| x.evidence.rule == meetings::WHILE_RULE));
                    if let Some(&role) = lex.verb_roles.get(verb).filter(|_| !while_doing) {
                        verbs.push((p, p + n, role));
                    }
                    p += n;
                }
                _ => p += c.len_utf8(),
            }
        }
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
                    list += 1;
                }
            }
            boundary = ve;
        }
    }
}

/// Whether the name is the one who asked another to act (受县委书记某某委托, 某某主持):
/// the verb that follows is the other's.
fn delegates(t: &str, o: &NameOcc) -> bool {
    let end = o.title_after.as_ref().map_or(o.end, |x| x.2);
    let after = t.get(end..).unwrap_or_default();
    let after = after.strip_prefix("同志").unwrap_or(after);
    after.starts_with("委托")
}

/// Words between a list of bodies and the verb they are the subject of.
const BODY_LIST_TAILS: &[&str] = &[
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
const BODY_ENDINGS: &[&str] = &[
    "厅", "局", "委", "办", "部", "院", "府", "会", "署", "中心", "集团", "公司", "市", "县", "区", "省", "州", "镇",
    "乡",
];

/// The 、-list of bodies that ends right before a verb in `t[from..to]`, each with
/// its byte range, or nothing when an item is not a body's name.
fn bodies_before(t: &str, from: usize, to: usize, lex: &Lexicon) -> Vec<(String, usize, usize)> {
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
fn forward_list_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::rx::cached(&R, r"^(?:会议|座谈会|会)?(?:的[^,，。;]{0,12}?(?:还有|有)|[^,，。;]{0,6}?[:：])")
}

/// 作(了)…报告/汇报/说明 with up to forty characters of subject matter between.
fn delivered(rest: &str) -> Option<(usize, Role)> {
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

fn rule_for(role: Role) -> &'static str {
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

fn assign_documents(facts: &[SentenceFacts], context: &[Vec<usize>], ex: &mut Extraction) {
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

/// The article's jurisdiction: the first place named at the start of a held
/// meeting's name or of the headline.
fn jurisdiction(ex: &Extraction, lex: &Lexicon) -> Option<String> {
    let starts = ex.meetings.iter().map(|m| m.name.as_str()).chain(ex.headline.as_deref());
    for s in starts {
        if let Some(n) = lex.place_names.longest_prefix(s) {
            let name = s.get(..n).unwrap_or_default();
            if let Some(p) = lex.place(name) {
                return Some(p.name.clone());
            }
        }
    }
    None
}

fn resolve_title(title: &str, jurisdiction: Option<&str>, origin: Option<&str>, own_body: bool) -> Option<String> {
    if own_body {
        return origin.map(|o| format!("{o}{title}"));
    }
    let j = jurisdiction?;
    let level = j.chars().last()?;
    let generic = [
        "省委",
        "省政府",
        "省人大",
        "省政协",
        "省纪委",
        "省",
        "市委",
        "市政府",
        "市人大",
        "市政协",
        "市纪委",
        "市",
        "区委",
        "区",
        "县委",
        "县",
    ];
    let g = generic.iter().find(|g| title.starts_with(*g))?;
    let g_level = g.chars().next()?;
    if g_level != level {
        return None;
    }
    let stem = j.strip_suffix(level)?;
    Some(format!("{stem}{title}"))
}

/// Whether the post a title ends in is written acting (青岚市代市长).
fn acting_post(title: &str, lex: &Lexicon) -> bool {
    lex.posts.longest_suffix(title).is_some_and(|n| {
        let (before, post) = title.split_at(title.len() - n);
        before.ends_with('代') || (post.starts_with('代') && post != "代表")
    })
}

fn collect_persons<'a>(
    facts: &[SentenceFacts],
    doc: &Doc,
    ex: &Extraction,
    lex: &Lexicon,
    text_of: &impl Fn(Segment) -> &'a str,
) -> Vec<Person> {
    let jur = jurisdiction(ex, lex);
    let origin = doc.meta.origin_body.as_deref();
    let mut order: Vec<String> = Vec::new();
    let mut by_name: BTreeMap<String, Person> = BTreeMap::new();
    for f in facts {
        let t = text_of(f.segment);
        for o in &f.names {
            if o.fixed {
                continue;
            }
            if o.alias {
                let surface = t.get(o.start..o.end).unwrap_or_default().to_string();
                if let Some(person) = by_name.get_mut(&o.name) {
                    if !person.aliases.iter().any(|(a, _)| *a == surface) {
                        person.aliases.push((surface, evidence(f, (o.start, o.end), "person.alias")));
                    }
                }
                continue;
            }
            let person = by_name.entry(o.name.clone()).or_insert_with(|| {
                order.push(o.name.clone());
                Person {
                    name: o.name.clone(),
                    titles: Vec::new(),
                    aliases: Vec::new(),
                    evidence: evidence(f, (o.start, o.end), "person.name"),
                }
            });
            let own_body = ["我委", "我局", "我厅", "我办", "我院", "我部"]
                .iter()
                .any(|w| t.get(..o.start).is_some_and(|b| b.ends_with(w)));
            let mut titles: Vec<(String, usize, usize, &'static str)> =
                o.titles_before.iter().map(|(x, s, e)| (x.clone(), *s, *e, "title.before-name")).collect();
            if let Some((x, s, e)) = &o.title_after {
                titles.push((x.clone(), *s, *e, "title.after-name"));
            }
            for (title, s, e, rule) in titles {
                let (title, status) = if let Some(rest) = title.strip_prefix('原') {
                    (rest.to_string(), TitleStatus::Former)
                } else if title.starts_with('代') || acting_post(&title, lex) {
                    (title, TitleStatus::Acting)
                } else {
                    (title, TitleStatus::Current)
                };
                if title.is_empty() || person.titles.iter().any(|x| x.title == title) {
                    continue;
                }
                let resolved = resolve_title(&title, jur.as_deref(), origin, own_body && rule == "title.after-name");
                person.titles.push(TitleFact { title, resolved, status, evidence: evidence(f, (s, e), rule) });
            }
        }
        // Posts taken up or given up (任命甲为…, 乙不再担任…职务).
        for c in &f.changes {
            let Some(person) = f.names.get(c.name).and_then(|o| by_name.get_mut(&o.name)) else { continue };
            if let Some(existing) = person.titles.iter_mut().find(|x| x.title == c.title) {
                // The change says more than the bare title read with the name.
                existing.status = c.status;
                continue;
            }
            let resolved = c.with_body.clone().or_else(|| resolve_title(&c.title, jur.as_deref(), origin, false));
            person.titles.push(TitleFact {
                title: c.title.clone(),
                resolved,
                status: c.status,
                evidence: evidence(f, (c.start, c.end), c.rule),
            });
        }
    }
    order
        .into_iter()
        .filter_map(|n| by_name.remove(&n))
        .map(|mut p| {
            // A shorter repeat of a title already listed (总书记 after 中共中央总书记) goes.
            let all: Vec<String> = p.titles.iter().map(|t| t.title.clone()).collect();
            p.titles.retain(|t| !all.iter().any(|u| u != &t.title && u.ends_with(&t.title)));
            p
        })
        .collect()
}
