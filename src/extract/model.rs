//! The facts extraction gives: meetings, participations, documents, persons and
//! their titles, each with the evidence it was read from.
//!
//! Plain data with serde derives. Never computes anything beyond small lookups
//! on a meeting's participants.

use std::collections::HashSet;

use super::DocStatus;
use crate::date::Date;
use crate::lexicon::Role;

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
