//! The known-persons file: who a name refers to, by jurisdiction and period.
//!
//! Takes `known_persons.tsv` (built in from `data/`, plus the one in `--rules DIR`).
//! Gives [`KnownPersons`], which picks the entry a name in one article refers to,
//! from the jurisdictions the article gives the person (or the article itself)
//! and its date; each entry also carries aliases and external ids. Never guesses:
//! a name with no entry, or with several entries that fit equally, is left to
//! the plain name-keyed person node.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::date::Date;

/// The built-in known-persons file.
pub const BUILTIN: &str = include_str!("../../data/known_persons.tsv");

/// The file name looked for in `--rules DIR`.
pub const FILE_NAME: &str = "known_persons.tsv";

/// Why a known-persons file could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KnownError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A line is malformed.
    #[error("{path}:{line}: {reason}")]
    Parse {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// One real person behind a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownPerson {
    /// A stable id, unique in the file (ASCII letters, digits, `-`, `_`, `.`).
    pub id: String,
    /// The name as usually written.
    pub name: String,
    /// Other written forms of the name.
    pub aliases: Vec<String>,
    /// Jurisdictions (full or short place names) the person served in; empty means any.
    pub jurisdictions: Vec<String>,
    /// First day of the period (inclusive), when bounded.
    pub from: Option<Date>,
    /// Last day of the period (inclusive), when bounded.
    pub to: Option<Date>,
    /// External identifiers: IRIs (Wikidata entities) or `scheme:id` (cped:1234).
    pub external: Vec<String>,
}

/// The known persons, by every name they are written with.
#[derive(Debug, Clone, Default)]
pub struct KnownPersons {
    /// Entries in file order.
    pub entries: Vec<KnownPerson>,
    by_name: BTreeMap<String, Vec<usize>>,
    /// SHA-256 of the data lines, hex (16 digits): part of the rules hash.
    pub hash: String,
    lines: Vec<String>,
}

fn parse_bound(s: &str, end: bool) -> Option<Option<Date>> {
    if s == "-" || s.is_empty() {
        return Some(None);
    }
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y] => {
            let y: u16 = y.parse().ok()?;
            Date::new(y, if end { 12 } else { 1 }, if end { 31 } else { 1 }).map(Some)
        }
        [_, _, _] => Date::parse(s).map(Some),
        _ => None,
    }
}

fn list(s: &str) -> Vec<String> {
    if s == "-" {
        return Vec::new();
    }
    s.split([',', '，', '、']).filter(|x| !x.is_empty()).map(String::from).collect()
}

impl KnownPersons {
    /// The built-in file.
    pub fn builtin() -> KnownPersons {
        let mut k = KnownPersons::default();
        // The embedded file is checked by tests; a bad line there is a bug caught before release.
        let _ = k.add_file("data/known_persons.tsv", BUILTIN);
        k.finish();
        k
    }

    /// The built-in file plus `dir/known_persons.tsv` when it exists.
    pub fn with_dir(dir: &Path) -> Result<KnownPersons, KnownError> {
        let mut k = KnownPersons::default();
        let _ = k.add_file("data/known_persons.tsv", BUILTIN);
        let path = dir.join(FILE_NAME);
        if path.exists() {
            let text = std::fs::read_to_string(&path)
                .map_err(|source| KnownError::Io { path: path.display().to_string(), source })?;
            k.add_file(&path.display().to_string(), &text)?;
        }
        k.finish();
        Ok(k)
    }

    /// Adds the entries of one file. Columns: `id`, `name`, `aliases`,
    /// `jurisdictions`, `from`, `to`, `external` (`-` for none).
    pub fn add_file(&mut self, path: &str, text: &str) -> Result<(), KnownError> {
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches(['\r', '\n']);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |reason: &str| KnownError::Parse { path: path.to_string(), line: i + 1, reason: reason.into() };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [id, name, aliases, jur, from, to, external] = cols.as_slice() else {
                return Err(bad("expected 7 tab-separated columns: id name aliases jurisdictions from to external"));
            };
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
                return Err(bad("id must be ASCII letters, digits, '-', '_' or '.'"));
            }
            if self.entries.iter().any(|e| e.id == *id) {
                return Err(bad(&format!("id {id} is already used")));
            }
            if name.is_empty() || *name == "-" {
                return Err(bad("name is empty"));
            }
            let from = parse_bound(from, false).ok_or_else(|| bad("from must be YYYY, YYYY-MM-DD or -"))?;
            let to = parse_bound(to, true).ok_or_else(|| bad("to must be YYYY, YYYY-MM-DD or -"))?;
            let entry = KnownPerson {
                id: id.to_string(),
                name: name.to_string(),
                aliases: list(aliases),
                jurisdictions: list(jur),
                from,
                to,
                external: list(external),
            };
            let idx = self.entries.len();
            for n in std::iter::once(&entry.name).chain(&entry.aliases) {
                let v = self.by_name.entry(n.clone()).or_default();
                if !v.contains(&idx) {
                    v.push(idx);
                }
            }
            self.entries.push(entry);
            self.lines.push(line.to_string());
        }
        Ok(())
    }

    fn finish(&mut self) {
        let mut h = Sha256::new();
        for l in &self.lines {
            h.update(l.as_bytes());
            h.update(b"\n");
        }
        self.hash = h.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
    }

    /// Whether any entry is written `name`.
    pub fn knows(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// The entry that `name` refers to in an article dated `date`, where the
    /// person's own posts are in `own` jurisdictions and the article is about
    /// `article` jurisdictions (full place names). Own jurisdictions decide
    /// first; an article's only when the person has none. `None` when no entry
    /// fits or several fit equally.
    pub fn resolve(&self, name: &str, own: &[String], article: &[String], date: Option<Date>) -> Option<&KnownPerson> {
        let candidates: Vec<&KnownPerson> = self
            .by_name
            .get(name)?
            .iter()
            .filter_map(|&i| self.entries.get(i))
            .filter(|e| match date {
                Some(d) => e.from.is_none_or(|f| f <= d) && e.to.is_none_or(|t| d <= t),
                None => true,
            })
            .collect();
        let matches = |e: &KnownPerson, places: &[String]| {
            e.jurisdictions.iter().any(|j| places.iter().any(|p| p == j || p.starts_with(j.as_str())))
        };
        for places in [own, article] {
            if places.is_empty() {
                continue;
            }
            let fit: Vec<&KnownPerson> = candidates.iter().copied().filter(|e| matches(e, places)).collect();
            match fit.as_slice() {
                [one] => return Some(one),
                [] => {}
                _ => return None,
            }
        }
        // No jurisdiction decides: one entry left (for its name and period) is the one.
        match candidates.as_slice() {
            [one] if one.jurisdictions.is_empty() || (own.is_empty() && article.is_empty()) => Some(one),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const FILE: &str = "# test\nwy-js\t王勇\t-\t江苏省\t2018\t2022\twd:Q1\nwy-zj\t王勇\t王湧\t浙江\t2015\t-\tcped:77\n";

    fn kp() -> KnownPersons {
        let mut k = KnownPersons::default();
        k.add_file("t.tsv", FILE).unwrap();
        k.finish();
        k
    }

    #[test]
    fn jurisdiction_and_period_pick_the_entry() {
        let k = kp();
        let d = Date::new(2020, 5, 1);
        let js = vec!["江苏省".to_string()];
        let zj = vec!["浙江省".to_string()];
        assert_eq!(k.resolve("王勇", &js, &[], d).unwrap().id, "wy-js");
        assert_eq!(k.resolve("王勇", &zj, &[], d).unwrap().id, "wy-zj");
        assert_eq!(k.resolve("王勇", &[], &zj, d).unwrap().id, "wy-zj");
        // Own posts outweigh the article's place.
        assert_eq!(k.resolve("王勇", &js, &zj, d).unwrap().id, "wy-js");
        // Outside the Jiangsu period only the Zhejiang entry is left, but a Jiangsu article does not fit it.
        assert!(k.resolve("王勇", &js, &[], Date::new(2023, 1, 1)).is_none());
        // Nothing to decide by: two candidates.
        assert!(k.resolve("王勇", &[], &[], d).is_none());
        assert_eq!(k.resolve("王湧", &[], &[], d).unwrap().id, "wy-zj");
        assert!(k.resolve("李强", &js, &[], d).is_none());
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let mut k = KnownPersons::default();
        let e = k.add_file("k.tsv", "# h\nx\t王勇\n").unwrap_err().to_string();
        assert!(e.starts_with("k.tsv:2: expected 7"), "{e}");
        let e = k.add_file("k.tsv", "a b\t王勇\t-\t-\t-\t-\t-\n").unwrap_err().to_string();
        assert!(e.contains("id must be"), "{e}");
        let e = k.add_file("k.tsv", "a\t王勇\t-\t-\t2020-13-01\t-\t-\n").unwrap_err().to_string();
        assert!(e.contains("from must be"), "{e}");
    }

    #[test]
    fn builtin_parses() {
        let mut k = KnownPersons::default();
        k.add_file("data/known_persons.tsv", BUILTIN).unwrap();
    }
}
