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
mod gather;
pub mod meetings;
mod model;
mod people;
pub mod persons;
mod roles;
pub mod rollcall;
pub mod text;

use std::collections::{BTreeMap, HashSet};

use crate::budget::{Budget, OutOfTime};
use crate::lexicon::Lexicon;
use crate::normalize::Doc;
pub use documents::DocStatus;
use gather::*;
use meetings::Mention;
pub use model::*;
use people::*;
use persons::NameOcc;
use roles::*;
use text::Sentence;

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

fn evidence(f: &SentenceFacts, span: (usize, usize), rule: &'static str) -> Evidence {
    Evidence { segment: f.segment, sentence: (f.sentence.start, f.sentence.end), span, rule }
}
