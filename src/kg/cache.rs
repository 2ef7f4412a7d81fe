//! Caches of what the store holds, kept as files in the store directory.
//!
//! Takes an open [`Store`], its directory, and a function that reads a value
//! (rows of one kind) from the store. Gives that value, from the cache file when
//! the file's key matches the store and from the store otherwise, writing the
//! file anew. The key is a digest of the store's generation (which every write
//! replaces in the transaction that writes, see [`Store::generation`]), the
//! value's name and layout, and this govkg's version: reading it is one lookup,
//! so a warm cache answers in the time it takes to read the file, however large
//! the store. Readers hold the store's lock (see [`Store::open_read_only`]), so
//! no write can fall between reading the key and reading the rows it labels.
//!
//! A file is written to a temporary name, synced and renamed, so a crash leaves
//! the old file or the new one, never half of one; a file that is truncated,
//! corrupt or of another key is ignored and replaced. Writes into the store
//! directory go through here and [`super::store`] only, and only to files named
//! `govkg-*.cache`.

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::rows::{
    ArticleMeetingRow, ArticleRow, BodyParticipationRow, Counts, DocumentRow, HoldingRow, ParticipationRow,
};
use super::{Store, StoreError};

const MAGIC: &str = "govkg-cache";

/// Why a cached value could not be had. Reading never fails on a bad file
/// (the value is read from the store again); these come from the store or from
/// writing the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CacheError {
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The cache file could not be written.
    #[error("{path}: cannot write the cache: {message}")]
    Write {
        /// The cache file.
        path: String,
        /// What the system said.
        message: String,
    },
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The cache file, whose key matched.
    Cache,
    /// The store; the cache file was missing, stale or unreadable and has been rewritten.
    Rebuilt,
    /// The store; no cache is kept (an in-memory store, or caching turned off).
    Store,
    /// The store; the cache file could not be written, which only costs time
    /// on the next read. The warning names the file and the reason.
    Unwritten {
        /// What to tell the user.
        warning: String,
    },
}

/// The file a cached value of this name lives in, inside the store directory.
pub fn file_name(name: &str) -> String {
    format!("govkg-{name}.cache")
}

/// The cache key of a value named `name` in layout `format`, for the store as it is now.
pub fn key(store: &Store, name: &str, format: u32) -> Result<String, StoreError> {
    Ok(key_for(&store.generation()?, name, format))
}

fn key_for(generation: &str, name: &str, format: u32) -> String {
    let mut h = Sha256::new();
    h.update(format!("{MAGIC}\n{name}\n{format}\n{}\n{generation}\n", crate::VERSION));
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The value named `name`: from its cache file in `dir` when that is current,
/// else from `read` (and then the file is rewritten). With `dir` = `None`,
/// `read` is called and nothing is kept. A file that cannot be written does not
/// lose the value read: it comes back as [`Source::Unwritten`].
pub fn get<T, F>(store: &Store, dir: Option<&Path>, name: &str, format: u32, read: F) -> Result<(T, Source), StoreError>
where
    T: Serialize + DeserializeOwned,
    F: FnOnce(&Store) -> Result<T, StoreError>,
{
    let Some(dir) = dir else { return Ok((read(store)?, Source::Store)) };
    let key = key(store, name, format)?;
    let path = dir.join(file_name(name));
    if let Some(v) = load(&path, &key) {
        return Ok((v, Source::Cache));
    }
    let v = read(store)?;
    match save(&path, &key, &v) {
        Ok(()) => Ok((v, Source::Rebuilt)),
        Err(e) => Ok((v, Source::Unwritten { warning: e.to_string() })),
    }
}

/// The value in the cache file at `path` if it is whole and has this key; `None` otherwise.
pub fn load<T: DeserializeOwned>(path: &Path, key: &str) -> Option<T> {
    let mut bytes = Vec::new();
    File::open(path).ok()?.read_to_end(&mut bytes).ok()?;
    let nl = bytes.iter().position(|&b| b == b'\n')?;
    let (head, body) = bytes.split_at(nl);
    let body = body.get(1..)?;
    let head = std::str::from_utf8(head).ok()?;
    let mut f = head.split(' ');
    let (magic, k, digest, len) = (f.next()?, f.next()?, f.next()?, f.next()?);
    if magic != MAGIC || k != key || len != body.len().to_string() {
        return None;
    }
    if hex(&Sha256::digest(body)) != digest {
        return None;
    }
    serde_json::from_slice(body).ok()
}

/// Writes a cache file atomically: a temporary file beside it, synced, then
/// renamed over it, and the directory synced so the rename itself survives a crash.
pub fn save<T: Serialize>(path: &Path, key: &str, value: &T) -> Result<(), CacheError> {
    let err = |e: std::io::Error| CacheError::Write { path: path.display().to_string(), message: e.to_string() };
    let body = serde_json::to_vec(value).map_err(|e| err(std::io::Error::other(e)))?;
    let head = format!("{MAGIC} {key} {} {}\n", hex(&Sha256::digest(&body)), body.len());
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

/// The store's rows as the reports read them, each kind cached on its own (a
/// report reads only the kinds it needs) and read from the store on a miss.
///
/// A cache file that cannot be written only costs time: the rows are still
/// given, and the failure is kept as a warning for the caller to show.
pub struct Tables<'a> {
    store: &'a Store,
    dir: Option<PathBuf>,
    warnings: RefCell<Vec<String>>,
}

/// The layout of the report tables; bump it when a row type or an encoding below changes.
const TABLES_FORMAT: u32 = 2;

/// Strings kept once each, rows refer to them by number: participations and
/// holdings repeat the same IRIs, names, roles and titles on every row, and
/// reading a file of numbers is several times faster than one of strings.
/// Number 0 stands for a missing value.
#[derive(Default, Serialize, serde::Deserialize)]
struct Pool {
    strings: Vec<String>,
    #[serde(skip)]
    index: std::collections::HashMap<String, u32>,
}

impl Pool {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        self.strings.push(s.to_string());
        let i = self.strings.len() as u32;
        self.index.insert(s.to_string(), i);
        i
    }

    fn opt(&mut self, s: Option<&str>) -> u32 {
        s.map_or(0, |s| self.id(s))
    }

    /// The string numbered `i`; `None` for 0 or a number past the end.
    fn get(&self, i: u32) -> Option<String> {
        self.strings.get((i as usize).checked_sub(1)?).cloned()
    }
}

/// One participation in pool numbers: article, meeting, list, position, person,
/// name, role, title, canonical meeting.
type PooledParticipation = (u32, u32, u64, u64, u32, u32, u32, u32, u32);

/// Participations without their evidence, as the reports read them.
#[derive(Serialize, serde::Deserialize)]
struct Participations {
    pool: Pool,
    rows: Vec<PooledParticipation>,
}

impl Participations {
    fn of(rows: Vec<ParticipationRow>) -> Participations {
        let mut pool = Pool::default();
        let rows = rows
            .iter()
            .map(|r| {
                (
                    pool.id(&r.article),
                    pool.id(&r.meeting),
                    r.list,
                    r.position,
                    pool.id(&r.person),
                    pool.id(&r.name),
                    pool.id(super::vocab::role_class(r.role)),
                    pool.opt(r.title.as_deref()),
                    pool.id(&r.canonical),
                )
            })
            .collect();
        Participations { pool, rows }
    }

    fn rows(self) -> Option<Vec<ParticipationRow>> {
        let p = &self.pool;
        self.rows
            .into_iter()
            .map(|(article, meeting, list, position, person, name, role, title, canonical)| {
                Some(ParticipationRow {
                    article: p.get(article)?,
                    meeting: p.get(meeting)?,
                    list,
                    position,
                    person: p.get(person)?,
                    name: p.get(name)?,
                    role: super::vocab::role_of_class(&p.get(role)?)?,
                    title: if title == 0 { None } else { Some(p.get(title)?) },
                    sentence: None,
                    start: None,
                    end: None,
                    rule: None,
                    canonical: p.get(canonical)?,
                })
            })
            .collect()
    }
}

/// Holdings, as the reports read them.
#[derive(Serialize, serde::Deserialize)]
struct Holdings {
    pool: Pool,
    /// person, name, date, article, title, resolved, status.
    rows: Vec<(u32, u32, u32, u32, u32, u32, u32)>,
}

impl Holdings {
    fn of(rows: Vec<HoldingRow>) -> Holdings {
        let mut pool = Pool::default();
        let rows = rows
            .iter()
            .map(|r| {
                (
                    pool.id(&r.person),
                    pool.id(&r.name),
                    pool.opt(r.date.as_deref()),
                    pool.id(&r.article),
                    pool.id(&r.title),
                    pool.opt(r.resolved.as_deref()),
                    pool.id(&r.status),
                )
            })
            .collect();
        Holdings { pool, rows }
    }

    fn rows(self) -> Option<Vec<HoldingRow>> {
        let p = &self.pool;
        let opt = |i: u32| if i == 0 { Some(None) } else { p.get(i).map(Some) };
        self.rows
            .into_iter()
            .map(|(person, name, date, article, title, resolved, status)| {
                Some(HoldingRow {
                    person: p.get(person)?,
                    name: p.get(name)?,
                    date: opt(date)?,
                    article: p.get(article)?,
                    title: p.get(title)?,
                    resolved: opt(resolved)?,
                    status: p.get(status)?,
                })
            })
            .collect()
    }
}

impl<'a> Tables<'a> {
    /// The tables of `store`, cached in `dir` (its directory) or, with `None`, not cached.
    pub fn new(store: &'a Store, dir: Option<&Path>) -> Tables<'a> {
        Tables { store, dir: dir.map(Path::to_path_buf), warnings: RefCell::new(Vec::new()) }
    }

    /// The store the tables are of, for rows no cache keeps (spells, identities).
    pub fn store(&self) -> &'a Store {
        self.store
    }

    /// The warnings of cache files that could not be written, taken out.
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.borrow_mut())
    }

    fn get<T, F>(&self, name: &str, read: F) -> Result<T, StoreError>
    where
        T: Serialize + DeserializeOwned,
        F: FnOnce(&Store) -> Result<T, StoreError>,
    {
        let (v, source) = get(self.store, self.dir.as_deref(), name, TABLES_FORMAT, read)?;
        if let Source::Unwritten { warning } = source {
            self.warnings.borrow_mut().push(warning);
        }
        Ok(v)
    }

    /// The rows of [`Store::participation_rows`] without their evidence
    /// (sentence, span and rule are `None`): what every report reads.
    pub fn participations(&self) -> Result<Vec<ParticipationRow>, StoreError> {
        let read = |s: &Store| Ok(Participations::of(s.participation_rows()?));
        match self.get::<Participations, _>("participations", read)?.rows() {
            Some(rows) => Ok(rows),
            // A file whose numbers point past its strings cannot pass the digest
            // check unless it was written wrong; the store is read instead.
            None => Ok(self
                .store
                .participation_rows()?
                .into_iter()
                .map(|r| ParticipationRow { sentence: None, start: None, end: None, rule: None, ..r })
                .collect()),
        }
    }

    /// See [`Store::participation_rows`]: every participation with its evidence (the fact table).
    pub fn participations_with_evidence(&self) -> Result<Vec<ParticipationRow>, StoreError> {
        self.get("participation-evidence", Store::participation_rows)
    }

    /// See [`Store::body_participation_rows`].
    pub fn body_participations(&self) -> Result<Vec<BodyParticipationRow>, StoreError> {
        self.get("body-participations", Store::body_participation_rows)
    }

    /// See [`Store::article_meeting_rows`].
    pub fn meetings(&self) -> Result<Vec<ArticleMeetingRow>, StoreError> {
        self.get("meetings", Store::article_meeting_rows)
    }

    /// See [`Store::article_rows`].
    pub fn articles(&self) -> Result<Vec<ArticleRow>, StoreError> {
        self.get("articles", Store::article_rows)
    }

    /// See [`Store::holding_rows`].
    pub fn holdings(&self) -> Result<Vec<HoldingRow>, StoreError> {
        let read = |s: &Store| Ok(Holdings::of(s.holding_rows()?));
        match self.get::<Holdings, _>("holdings", read)?.rows() {
            Some(rows) => Ok(rows),
            None => self.store.holding_rows(),
        }
    }

    /// See [`Store::document_rows`].
    pub fn documents(&self) -> Result<Vec<DocumentRow>, StoreError> {
        self.get("documents", Store::document_rows)
    }

    /// See [`Store::unnamed_participation_counts`].
    pub fn unnamed_participations(&self) -> Result<std::collections::BTreeMap<String, usize>, StoreError> {
        self.get("unnamed-participations", Store::unnamed_participation_counts)
    }

    /// See [`Store::counts`].
    pub fn counts(&self) -> Result<Counts, StoreError> {
        self.get("counts", Store::counts)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use oxigraph::model::{NamedNode, Quad};

    #[test]
    fn saved_values_load_back_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file_name("t"));
        let v = vec![("甲".to_string(), 1u32), ("乙".into(), 2)];
        save(&path, "k1", &v).unwrap();
        assert_eq!(load::<Vec<(String, u32)>>(&path, "k1"), Some(v));
        assert_eq!(load::<Vec<(String, u32)>>(&path, "k2"), None, "another key is a miss");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn truncated_or_corrupt_files_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file_name("t"));
        save(&path, "k", &vec!["会议".to_string(); 20]).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 5]).unwrap();
        assert_eq!(load::<Vec<String>>(&path, "k"), None);
        let mut flipped = bytes.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 1;
        std::fs::write(&path, &flipped).unwrap();
        assert_eq!(load::<Vec<String>>(&path, "k"), None);
        std::fs::write(&path, b"").unwrap();
        assert_eq!(load::<Vec<String>>(&path, "k"), None);
    }

    #[test]
    fn keys_differ_by_name_format_and_generation() {
        let k = key_for("3", "meetings", 1);
        assert_eq!(k, key_for("3", "meetings", 1));
        assert_ne!(k, key_for("4", "meetings", 1));
        assert_ne!(k, key_for("3", "articles", 1));
        assert_ne!(k, key_for("3", "meetings", 2));
    }

    #[test]
    fn every_writer_moves_the_key() {
        let store = crate::kg::rows::testing::store_with(&[(
            "a1",
            "2024-03-11",
            "青岚市人民政府召开第5次常务会议。市长王明主持会议。",
        )]);
        let mut keys = vec![key(&store, "t", 1).unwrap()];
        assert_eq!(keys[0], key(&store, "t", 1).unwrap(), "reading leaves the key as it is");
        let g = NamedNode::new("https://w3id.org/govkg/id/graph/reconcile").unwrap();
        let q =
            Quad::new(g.clone(), NamedNode::new(super::super::vocab::term("canonical")).unwrap(), g.clone(), g.clone());
        store.replace_graph(g.as_ref(), &[q]).unwrap();
        keys.push(key(&store, "t", 1).unwrap());
        assert!(store.remove_article("a1").unwrap());
        keys.push(key(&store, "t", 1).unwrap());
        let nq = "<https://example.org/s> <https://example.org/p> \"x\" <https://w3id.org/govkg/id/article/x> .\n";
        store.load(nq.as_bytes(), oxigraph::io::RdfFormat::NQuads, super::super::LoadMode::Transactions).unwrap();
        keys.push(key(&store, "t", 1).unwrap());
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "each write gives a new key");
    }

    #[test]
    fn pooled_tables_read_back_as_the_store_gives_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::kg::rows::testing::store_with(&[
            ("a1", "2024-03-11", "青岚市人民政府召开第5次常务会议。市长王明主持会议，副市长李华、张强出席。"),
            ("a2", "2024-03-12", "青岚市委召开常委会会议。市委书记赵刚主持，市长王明出席。"),
        ]);
        let lean: Vec<ParticipationRow> = store
            .participation_rows()
            .unwrap()
            .into_iter()
            .map(|r| ParticipationRow { sentence: None, start: None, end: None, rule: None, ..r })
            .collect();
        assert!(lean.len() >= 4);
        for _ in 0..2 {
            let t = Tables::new(&store, Some(dir.path()));
            assert_eq!(t.participations().unwrap(), lean);
            assert_eq!(t.participations_with_evidence().unwrap(), store.participation_rows().unwrap());
            assert_eq!(t.holdings().unwrap(), store.holding_rows().unwrap());
            assert!(t.take_warnings().is_empty());
        }
        let uncached = Tables::new(&store, None);
        assert_eq!(uncached.participations().unwrap(), lean);
    }

    #[test]
    fn a_pool_number_past_the_end_is_refused() {
        let mut pool = Pool::default();
        let a = pool.id("甲");
        assert_eq!(pool.id("甲"), a);
        assert_eq!(pool.get(a).as_deref(), Some("甲"));
        assert_eq!(pool.get(0), None);
        assert_eq!(pool.get(a + 1), None);
        let h = Holdings { pool, rows: vec![(a, a, 0, a, a, 0, 9)] };
        assert_eq!(h.rows(), None);
    }

    #[test]
    fn a_file_that_cannot_be_written_keeps_the_value_read() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_dir = dir.path().join("plain-file");
        std::fs::write(&not_a_dir, b"x").unwrap();
        let store = crate::kg::rows::testing::store_with(&[("a1", "2024-03-11", "青岚市人民政府召开第5次常务会议。")]);
        let (v, src) = get(&store, Some(&not_a_dir), "meetings", 1, |s: &Store| s.article_meeting_rows()).unwrap();
        assert_eq!(v, store.article_meeting_rows().unwrap());
        assert!(matches!(src, Source::Unwritten { ref warning } if warning.contains("plain-file")), "{src:?}");
        let t = Tables::new(&store, Some(&not_a_dir));
        assert_eq!(t.meetings().unwrap(), v);
        assert_eq!(t.take_warnings().len(), 1);
    }

    #[test]
    fn tables_come_from_the_file_once_it_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::kg::rows::testing::store_with(&[(
            "a1",
            "2024-03-11",
            "青岚市人民政府召开第5次常务会议。市长王明主持会议。",
        )]);
        let read = |s: &Store| s.article_meeting_rows();
        let (first, src) = get(&store, Some(dir.path()), "meetings", 1, read).unwrap();
        assert_eq!(src, Source::Rebuilt);
        assert!(!first.is_empty());
        let (again, src) = get(&store, Some(dir.path()), "meetings", 1, read).unwrap();
        assert_eq!((again, src), (first, Source::Cache));
        assert!(store.remove_article("a1").unwrap());
        let (after, src) = get(&store, Some(dir.path()), "meetings", 1, read).unwrap();
        assert_eq!(src, Source::Rebuilt);
        assert!(after.is_empty(), "a write makes the file stale");
    }
}
