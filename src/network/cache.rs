//! The network cache: the rows networks are built from, kept in the store directory.
//!
//! Takes an open [`Store`] and its directory. Gives the presence and meeting rows,
//! from the cache file when it is current and from the store otherwise (writing
//! the file anew), through [`crate::kg::cache`]: the file is keyed by the store's
//! generation, which every writer (ingest, remove, load, reconcile) replaces, and
//! written so that a crash leaves the old file or the new one.

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use super::Rows;
use super::{MeetingRow, PresenceRow, ROLES, Role};
pub use crate::kg::cache::{CacheError, Source};
use crate::kg::{Store, StoreError, cache};

/// The cache's name in the store directory (see [`cache::file_name`]).
pub const NAME: &str = "network";

/// The layout of the cache file; bump it when [`Body`] changes.
pub const FORMAT: u32 = 2;

/// The rows as stored in the file: names and meetings once each, presences as indices.
#[derive(Serialize, Deserialize)]
struct Body {
    persons: Vec<(String, String)>,
    meetings: Vec<MeetingRow>,
    /// How many of `meetings` are meeting rows; the rest only carry the IRIs of presences without one.
    real_meetings: usize,
    presences: Vec<(u32, u32, u8)>,
}

fn role_code(r: Role) -> u8 {
    ROLES.iter().position(|&x| x == r).unwrap_or(0) as u8
}

impl Body {
    fn of(rows: &Rows) -> Body {
        let mut persons: Vec<(String, String)> =
            rows.presences.iter().map(|p| (p.person.clone(), p.name.clone())).collect();
        persons.sort();
        persons.dedup();
        let pidx: std::collections::HashMap<(&str, &str), u32> =
            persons.iter().enumerate().map(|(i, (a, b))| ((a.as_str(), b.as_str()), i as u32)).collect();
        let midx: std::collections::HashMap<&str, u32> =
            rows.meetings.iter().enumerate().map(|(i, m)| (m.iri.as_str(), i as u32)).collect();
        // Presences of meetings without a meeting row keep their IRI through an extra row,
        // so the cache gives back exactly what the store gave.
        let mut meetings = rows.meetings.clone();
        let mut extra: std::collections::BTreeMap<&str, u32> = Default::default();
        let presences = rows
            .presences
            .iter()
            .map(|p| {
                let pi = pidx.get(&(p.person.as_str(), p.name.as_str())).copied().unwrap_or(0);
                let mi = match midx.get(p.meeting.as_str()) {
                    Some(&m) => m,
                    None => *extra.entry(p.meeting.as_str()).or_insert_with(|| {
                        meetings.push(MeetingRow {
                            iri: p.meeting.clone(),
                            label: String::new(),
                            ..Default::default()
                        });
                        (meetings.len() - 1) as u32
                    }),
                };
                (pi, mi, role_code(p.role))
            })
            .collect();
        Body { persons, meetings, real_meetings: rows.meetings.len(), presences }
    }

    fn rows(self) -> Option<Rows> {
        let mut presences = Vec::with_capacity(self.presences.len());
        for (p, m, r) in self.presences {
            let (person, name) = self.persons.get(p as usize)?;
            let meeting = self.meetings.get(m as usize)?;
            presences.push(PresenceRow {
                person: person.clone(),
                name: name.clone(),
                meeting: meeting.iri.clone(),
                role: *ROLES.get(r as usize)?,
            });
        }
        let mut meetings = self.meetings;
        meetings.truncate(self.real_meetings);
        Some(Rows { presences, meetings })
    }
}

/// The rows, from the cache in `dir` when it is current, else from the store (and
/// then the cache is rewritten). With `dir` = `None` the store is read directly.
pub fn rows(store: &Store, dir: Option<&Path>) -> Result<(Rows, Source), StoreError> {
    let (body, source) = cache::get(store, dir, NAME, FORMAT, |s| Ok(Body::of(&Rows::read(s)?)))?;
    // A body that does not index its own tables cannot come from a file whose
    // digest matched, but is read again from the store rather than trusted.
    match body.rows() {
        Some(rows) => Ok((rows, source)),
        None => Ok((Rows::read(store)?, Source::Store)),
    }
}

/// Writes `rows` to the cache file at `path` under `key` (see [`cache::save`]).
pub fn save(path: &Path, key: &str, rows: &Rows) -> Result<(), CacheError> {
    cache::save(path, key, &Body::of(rows))
}

/// The rows in the cache file at `path` if it is whole and has this key (see [`cache::load`]).
pub fn load(path: &Path, key: &str) -> Option<Rows> {
    cache::load::<Body>(path, key)?.rows()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Rows {
        let p = |person: &str, meeting: &str, role| PresenceRow {
            person: format!("p/{person}"),
            name: person.into(),
            meeting: meeting.into(),
            role,
        };
        Rows {
            presences: vec![p("甲", "m1", Role::Chair), p("乙", "m1", Role::Absent), p("乙", "m9", Role::Attendee)],
            meetings: vec![MeetingRow {
                iri: "m1".into(),
                label: "会议".into(),
                date: Some("2024-01-02".into()),
                kind: Some("常务会议".into()),
                body: None,
                jurisdiction: None,
            }],
        }
    }

    #[test]
    fn rows_go_through_the_file_unchanged() {
        let body = Body::of(&rows());
        let json = serde_json::to_vec(&body).unwrap();
        let back: Body = serde_json::from_slice(&json).unwrap();
        assert_eq!(back.rows(), Some(rows()));
    }

    #[test]
    fn a_body_with_indices_out_of_range_is_refused() {
        let mut body = Body::of(&rows());
        body.presences.push((99, 0, 0));
        assert_eq!(body.rows(), None);
    }

    #[test]
    fn the_cache_follows_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::kg::rows::testing::store_with(&[(
            "a1",
            "2024-03-11",
            "青岚市人民政府召开第5次常务会议。市长王明主持会议，副市长李华出席。",
        )]);
        let (first, src) = super::rows(&store, Some(dir.path())).unwrap();
        assert_eq!(src, Source::Rebuilt);
        assert!(!first.presences.is_empty());
        let (again, src) = super::rows(&store, Some(dir.path())).unwrap();
        assert_eq!((&again, src), (&first, Source::Cache));
        assert_eq!(again, Rows::read(&store).unwrap());
        assert!(store.remove_article("a1").unwrap());
        let (after, src) = super::rows(&store, Some(dir.path())).unwrap();
        assert_eq!(src, Source::Rebuilt);
        assert!(after.presences.is_empty());
    }
}
