//! The JSON record `govkg extract --format json` prints for each article.
//!
//! Takes a [`Doc`] and its [`Extraction`]. Gives a [`Record`] with the fields
//! that `../shared/eval/FORMAT.md` defines (`source`, `meetings`, `persons`) and
//! extra fields that scorers ignore: roles with list and position, title status
//! and resolved title, deliberated documents, evidence. Never reorders facts: the
//! record lists them in the order the article gives them, so output is stable.

use serde::Serialize;

use crate::extract::{DocStatus, Extraction, TitleStatus};
use crate::lexicon::Role;
use crate::normalize::Doc;
use crate::resolve::{Located, locate};

/// One article's record.
#[derive(Debug, Serialize)]
pub struct Record {
    /// The path as given, or the JSON Lines id.
    pub source: String,
    /// The article key.
    pub key: String,
    /// Publication date.
    pub date: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Meetings held.
    pub meetings: Vec<MeetingRecord>,
    /// Named people.
    pub persons: Vec<PersonRecord>,
    /// Documents named outside any meeting.
    pub documents: Vec<String>,
}

/// A meeting.
#[derive(Debug, Serialize)]
pub struct MeetingRecord {
    /// Full name.
    pub name: String,
    /// ISO date or null.
    pub date: Option<String>,
    /// Who presided.
    pub chairs: Vec<String>,
    /// Everyone present.
    pub participants: Vec<String>,
    /// Documents adopted.
    pub approved_documents: Vec<String>,
    /// Documents deliberated only.
    pub deliberated_documents: Vec<String>,
    /// The body that held it.
    pub body: Option<String>,
    /// Kind.
    pub kind: String,
    /// Ordinal.
    pub ordinal: Option<String>,
    /// Form.
    pub form: Option<String>,
    /// Every participation with its role, list and position.
    pub roles: Vec<RoleRecord>,
    /// Bodies that took part with no person named, with role, list and position.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub body_roles: Vec<BodyRoleRecord>,
    /// Where the meeting is reported held.
    pub evidence: Located,
}

/// One participation.
#[derive(Debug, Serialize)]
pub struct RoleRecord {
    /// Person.
    pub name: String,
    /// Role.
    pub role: Role,
    /// List index.
    pub list: usize,
    /// Position in the list.
    pub position: usize,
    /// Title written with the name there.
    pub title: Option<String>,
    /// Evidence.
    pub evidence: Located,
}

/// A body's part in a meeting.
#[derive(Debug, Serialize)]
pub struct BodyRoleRecord {
    /// The body, as written.
    pub body: String,
    /// Role.
    pub role: Role,
    /// List index.
    pub list: usize,
    /// Position in the list.
    pub position: usize,
    /// Evidence.
    pub evidence: Located,
}

/// A person.
#[derive(Debug, Serialize)]
pub struct PersonRecord {
    /// Name.
    pub name: String,
    /// Titles as written.
    pub titles: Vec<String>,
    /// Titles with status and resolved form.
    pub title_details: Vec<TitleRecord>,
    /// Surname + post phrases that stand for the person (吴书记).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<AliasRecord>,
}

/// A surname + post phrase read as a person named elsewhere in the article.
#[derive(Debug, Serialize)]
pub struct AliasRecord {
    /// As written.
    pub alias: String,
    /// Evidence.
    pub evidence: Located,
}

/// One title.
#[derive(Debug, Serialize)]
pub struct TitleRecord {
    /// As written.
    pub title: String,
    /// With its jurisdiction, when known.
    pub resolved: Option<String>,
    /// Status.
    pub status: TitleStatus,
    /// Evidence.
    pub evidence: Located,
}

impl Record {
    /// Builds the record of one article.
    pub fn new(doc: &Doc, ex: &Extraction) -> Record {
        let meetings = ex
            .meetings
            .iter()
            .map(|m| MeetingRecord {
                name: m.name.clone(),
                date: m.date.map(|d| d.to_string()),
                chairs: m.chairs().into_iter().map(String::from).collect(),
                participants: m.present().into_iter().map(String::from).collect(),
                approved_documents: docs(m, DocStatus::Approved),
                deliberated_documents: docs(m, DocStatus::Deliberated),
                body: m.body.clone(),
                kind: m.kind.clone(),
                ordinal: m.ordinal.clone(),
                form: m.form.clone(),
                roles: m
                    .participants
                    .iter()
                    .map(|p| RoleRecord {
                        name: p.person.clone(),
                        role: p.role,
                        list: p.list,
                        position: p.position,
                        title: p.title_as_written.clone(),
                        evidence: locate(doc, ex, &p.evidence),
                    })
                    .collect(),
                body_roles: m
                    .bodies
                    .iter()
                    .map(|b| BodyRoleRecord {
                        body: b.body.clone(),
                        role: b.role,
                        list: b.list,
                        position: b.position,
                        evidence: locate(doc, ex, &b.evidence),
                    })
                    .collect(),
                evidence: locate(doc, ex, &m.evidence),
            })
            .collect();
        let persons = ex
            .persons
            .iter()
            .map(|p| PersonRecord {
                name: p.name.clone(),
                titles: p.titles.iter().map(|t| t.title.clone()).collect(),
                title_details: p
                    .titles
                    .iter()
                    .map(|t| TitleRecord {
                        title: t.title.clone(),
                        resolved: t.resolved.clone(),
                        status: t.status,
                        evidence: locate(doc, ex, &t.evidence),
                    })
                    .collect(),
                aliases: p
                    .aliases
                    .iter()
                    .map(|(a, e)| AliasRecord { alias: a.clone(), evidence: locate(doc, ex, e) })
                    .collect(),
            })
            .collect();
        Record {
            source: doc.source.clone(),
            key: doc.key.clone(),
            date: doc.meta.date.map(|d| d.to_string()),
            title: doc.headline.as_ref().map(|h| h.text.clone()),
            meetings,
            persons,
            documents: ex.documents.iter().map(|d| d.title.clone()).collect(),
        }
    }
}

fn docs(m: &crate::extract::Meeting, status: DocStatus) -> Vec<String> {
    m.documents.iter().filter(|d| d.status == status).map(|d| d.title.clone()).collect()
}
