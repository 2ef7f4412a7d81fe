//! The network cache: the rows networks are built from, kept in the store directory.
//!
//! Takes an open [`Store`] and its directory. Gives the presence and meeting rows,
//! from the cache file when its key matches the store and from the store otherwise
//! (writing the file anew). The key is a SHA-256 digest over [`Store::graph_stamps`]
//! (every article graph's content hash, govkg version and rules hash, and every quad
//! of any other graph), this govkg's version and the cache format, so whichever
//! writer changed the store (ingest, remove, load, reconcile), the next read sees a
//! different key and rebuilds. The file is written to a temporary name, synced and
//! renamed, so a crash leaves the old file or the new one, never half of one; a
//! file that is truncated, corrupt or of another key is ignored and replaced.
//! Besides `kg::store`, the only code that writes into the store directory, and
//! only this one file.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{MeetingRow, PresenceRow, ROLES, Role};
use crate::kg::{Store, StoreError};

/// The cache file's name inside the store directory.
pub const FILE_NAME: &str = "govkg-network.cache";

/// The layout of the cache file; bump it when [`Body`] changes.
pub const FORMAT: u32 = 1;

const MAGIC: &str = "govkg-network-cache";

/// Why the cache could not be used or written. Reading never fails on a bad file
/// (it is rebuilt); these come from the store or from writing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CacheError {
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The cache file could not be written.
    #[error("{path}: cannot write the network cache: {message}")]
    Write {
        /// The cache file.
        path: String,
        /// What the system said.
        message: String,
    },
}

/// The rows networks are built from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    /// Every (person, meeting, role) row, sorted.
    pub presences: Vec<PresenceRow>,
    /// Every meeting, sorted.
    pub meetings: Vec<MeetingRow>,
}

/// Where the rows came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The cache file, whose key matched.
    Cache,
    /// The store; the cache file was missing, stale or unreadable and has been rewritten.
    Rebuilt,
    /// The store; no cache is kept (an in-memory store, or caching turned off).
    Store,
}

/// The rows as stored in the file: names and meetings once each, presences as indices.
#[derive(Serialize, Deserialize)]
struct Body {
    persons: Vec<(String, String)>,
    meetings: Vec<MeetingRow>,
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
        Body { persons, meetings, presences }
    }

    fn rows(self, real_meetings: usize) -> Option<Rows> {
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
        meetings.truncate(real_meetings);
        Some(Rows { presences, meetings })
    }
}

/// The cache key of a store: a digest over its graph stamps, the govkg version and the cache format.
pub fn key(store: &Store) -> Result<String, StoreError> {
    let mut h = Sha256::new();
    h.update(format!("{MAGIC} {FORMAT} {}\n", crate::VERSION));
    for line in store.graph_stamps()? {
        h.update(line.as_bytes());
        h.update(b"\n");
    }
    Ok(hex(&h.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The rows read from the store itself, bypassing any cache.
pub fn read_store(store: &Store) -> Result<Rows, StoreError> {
    Ok(Rows { presences: store.presence_rows()?, meetings: store.meeting_rows()? })
}

/// The rows, from the cache in `dir` when it is current, else from the store (and
/// then the cache is rewritten). With `dir` = `None` the store is read directly.
pub fn rows(store: &Store, dir: Option<&Path>) -> Result<(Rows, Source), CacheError> {
    let Some(dir) = dir else { return Ok((read_store(store)?, Source::Store)) };
    let key = key(store)?;
    let path = dir.join(FILE_NAME);
    if let Some(rows) = load(&path, &key) {
        return Ok((rows, Source::Cache));
    }
    let rows = read_store(store)?;
    save(&path, &key, &rows)?;
    Ok((rows, Source::Rebuilt))
}

/// The rows in the cache file at `path` if it is whole and has this key; `None` otherwise.
pub fn load(path: &Path, key: &str) -> Option<Rows> {
    let mut bytes = Vec::new();
    File::open(path).ok()?.read_to_end(&mut bytes).ok()?;
    let nl = bytes.iter().position(|&b| b == b'\n')?;
    let (head, body) = bytes.split_at(nl);
    let body = body.get(1..)?;
    let head = std::str::from_utf8(head).ok()?;
    let mut f = head.split(' ');
    let (magic, format, k, digest, len, meetings) = (f.next()?, f.next()?, f.next()?, f.next()?, f.next()?, f.next()?);
    if magic != MAGIC || format != FORMAT.to_string() || k != key || len != body.len().to_string() {
        return None;
    }
    if hex(&Sha256::digest(body)) != digest {
        return None;
    }
    let parsed: Body = serde_json::from_slice(body).ok()?;
    parsed.rows(meetings.parse().ok()?)
}

/// Writes the cache file atomically: a temporary file beside it, synced, then renamed
/// over it, and the directory synced so the rename itself survives a crash.
pub fn save(path: &Path, key: &str, rows: &Rows) -> Result<(), CacheError> {
    let err = |e: std::io::Error| CacheError::Write { path: path.display().to_string(), message: e.to_string() };
    let body = serde_json::to_vec(&Body::of(rows)).map_err(|e| err(std::io::Error::other(e)))?;
    let head =
        format!("{MAGIC} {FORMAT} {key} {} {} {}\n", hex(&Sha256::digest(&body)), body.len(), rows.meetings.len());
    let tmp: PathBuf = path.with_extension(format!("tmp.{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let f = File::create(&tmp)?;
        let mut w = BufWriter::new(f);
        w.write_all(head.as_bytes())?;
        w.write_all(&body)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent() {
            File::open(dir)?.sync_all()?;
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        err(e)
    })
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
    fn saved_rows_load_back_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        save(&path, "k1", &rows()).unwrap();
        assert_eq!(load(&path, "k1"), Some(rows()));
        assert_eq!(load(&path, "k2"), None, "another key is a miss");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn truncated_or_corrupt_files_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        save(&path, "k", &rows()).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 5]).unwrap();
        assert_eq!(load(&path, "k"), None);
        let mut flipped = bytes.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 1;
        std::fs::write(&path, &flipped).unwrap();
        assert_eq!(load(&path, "k"), None);
        std::fs::write(&path, b"").unwrap();
        assert_eq!(load(&path, "k"), None);
    }

    #[test]
    fn the_key_follows_the_store() {
        let store = Store::memory().unwrap();
        let before = key(&store).unwrap();
        assert_eq!(before, key(&store).unwrap());
        let g = oxigraph::model::NamedNode::new("https://w3id.org/govkg/id/reconcile").unwrap();
        let q = oxigraph::model::Quad::new(
            g.clone(),
            oxigraph::model::NamedNode::new("https://w3id.org/govkg/ns#note").unwrap(),
            oxigraph::model::Literal::new_simple_literal("x"),
            g,
        );
        store.oxigraph().insert(&q).unwrap();
        assert_ne!(before, key(&store).unwrap(), "a non-article graph changes the key");
    }
}
