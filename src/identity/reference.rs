//! Reference data: real people with external ids, to link persons in the store to.
//!
//! Takes CSV files in two published layouts (see `docs/reference.md`):
//! EveryPolitician term tables (`name`, `area`, `wikidata`, `start_date`,
//! `end_date`: one membership a row, the name in Chinese, the area the
//! delegation or jurisdiction) and Wikidata position-holder tables (`position`,
//! `person`, `personID`, `start`, `end`, `DOB`, `DOD`: one post a row, the
//! person's label in any script). Gives [`Reference`]: one [`RefPerson`] per
//! Wikidata id (rows of one id from every file merged), plus one per
//! membership that has no id, looked up by Chinese name. Files of other
//! layouts in the folder are passed over and counted. Never links anyone:
//! `reconcile` decides which person of the store a reference person is.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::normalize::normalize_fragment;

/// Why reference data could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReferenceError {
    /// A file or folder could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A row is malformed.
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

/// A period a reference person held a post or seat: bounds inclusive, open
/// where the source gives none.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    /// What was held (the position's label, or the term's chamber).
    pub what: String,
    /// First day, when known.
    pub from: Option<Date>,
    /// Last day, when known.
    pub to: Option<Date>,
}

/// One real person.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RefPerson {
    /// The Wikidata id (`Q15031`), when the sources give one.
    pub qid: Option<String>,
    /// Chinese names (simplified), sorted.
    pub names: BTreeSet<String>,
    /// Jurisdictions or delegations (江苏省, 中国人民解放军), sorted.
    pub jurisdictions: BTreeSet<String>,
    /// Posts and seats with their periods.
    pub periods: Vec<Period>,
    /// Birth, when known (the first day of a year or month given alone).
    pub birth: Option<Date>,
    /// Death, when known.
    pub death: Option<Date>,
    /// Whether a source writes a note after the name (王志刚 (校长)): Wikidata
    /// adds one to tell apart people of one name, so others bear it too.
    pub noted: bool,
}

/// The reference people, by Chinese name.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    /// People: those with an id in id order, then those without in file order.
    pub people: Vec<RefPerson>,
    by_name: BTreeMap<String, Vec<usize>>,
    /// Files read, and files passed over because their layout is not one of these.
    pub files: (usize, usize),
}

/// A partial date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the first (or with
/// `end`, the last) day it covers. Empty gives `Some(None)`; a bad value `None`.
fn partial(s: &str, end: bool) -> Option<Option<Date>> {
    let s = s.trim();
    if s.is_empty() {
        return Some(None);
    }
    let parts: Vec<&str> = s.split('-').collect();
    let y: u16 = parts.first()?.parse().ok()?;
    let m: u8 = match parts.get(1) {
        Some(m) => m.parse().ok()?,
        None if end => 12,
        None => 1,
    };
    let d: u8 = match parts.get(2) {
        Some(d) => d.get(..2).unwrap_or(d).parse().ok()?,
        None if end => (28..=31).rev().find(|&d| Date::new(y, m, d).is_some())?,
        None => 1,
    };
    Date::new(y, m, d).map(Some)
}

/// The dates of a National People's Congress term by its number (10th to
/// 14th), for term tables that give the number and no dates.
fn npc_term(n: &str) -> (Option<Date>, Option<Date>) {
    let Ok(n) = n.trim().parse::<u16>() else { return (None, None) };
    if !(10..=14).contains(&n) {
        return (None, None);
    }
    let y = 2003 + 5 * (n - 10);
    (Date::new(y, 3, 5), Date::new(y + 5, 3, 4))
}

/// Whether a label is a Chinese name (Han characters, perhaps with a middle dot).
fn chinese(label: &str) -> bool {
    let mut n = 0;
    for c in label.chars() {
        match c {
            '\u{4e00}'..='\u{9fff}' => n += 1,
            '·' | '•' => {}
            _ => return false,
        }
    }
    n >= 2
}

/// A label's Chinese name: simplified, without a bracketed note (云峰 (蒙古族)).
fn name_of(label: &str) -> Option<String> {
    let core = label.split([' ', '(', '（']).next().unwrap_or_default().trim();
    chinese(core).then(|| normalize_fragment(core))
}

/// The layouts this module reads, by their header.
enum Layout {
    /// EveryPolitician: name, area, wikidata, start_date, end_date.
    Term { name: usize, area: Option<usize>, qid: usize, start: Option<usize>, end: Option<usize>, term: Option<usize> },
    /// Wikidata holders: position, person, personID, start, end, DOB, DOD.
    Holders {
        position: usize,
        person: usize,
        qid: usize,
        start: Option<usize>,
        end: Option<usize>,
        dob: Option<usize>,
        dod: Option<usize>,
    },
}

fn layout(header: &csv::StringRecord) -> Option<Layout> {
    let col = |n: &str| header.iter().position(|h| h.trim() == n);
    if let (Some(name), Some(qid)) = (col("name"), col("wikidata")) {
        let (area, start, end, term) = (col("area"), col("start_date"), col("end_date"), col("term"));
        return Some(Layout::Term { name, area, qid, start, end, term });
    }
    let (position, person, qid) = (col("position")?, col("person")?, col("personID")?);
    Some(Layout::Holders {
        position,
        person,
        qid,
        start: col("start"),
        end: col("end"),
        dob: col("DOB"),
        dod: col("DOD"),
    })
}

/// What one row says about one person.
struct Row {
    qid: Option<String>,
    name: Option<String>,
    area: Option<String>,
    period: Period,
    birth: Option<Date>,
    death: Option<Date>,
    noted: bool,
}

/// Whether a label has a note after the name (王志刚 (校长), 云峰 (蒙古族)).
fn noted(label: &str) -> bool {
    label.contains(['(', '（'])
}

/// Days two periods share; a period open at an end reaches as far as the other.
fn shared_days(a: &Period, b: &Period) -> i64 {
    let from = match (a.from, b.from) {
        (Some(x), Some(y)) => x.max(y),
        (x, y) => match x.or(y) {
            Some(d) => d,
            None => return i64::MAX,
        },
    };
    let to = match (a.to, b.to) {
        (Some(x), Some(y)) => x.min(y),
        (x, y) => match x.or(y) {
            Some(d) => d,
            None => return i64::MAX,
        },
    };
    to.day_number() - from.day_number()
}

/// Least overlap of two memberships that are one seat: a term that ends in
/// "2013-03" shares a few weeks with the next, which is no evidence.
const SAME_SEAT_DAYS: i64 = 90;

/// Whether a person with an id may hold the memberships of `a`, one without:
/// when the id's dated seats are known, one of them must be a's. A deputy of
/// one term is not a namesake who sat in another.
fn sat_with(p: &RefPerson, a: &RefPerson) -> bool {
    let dated: Vec<&Period> = p.periods.iter().filter(|x| x.from.is_some() && is_seat(&x.what)).collect();
    dated.is_empty() || a.periods.iter().any(|m| dated.iter().any(|x| shared_days(x, m) >= SAME_SEAT_DAYS))
}

/// Whether a period is a seat in an assembly (a term table's row, or a
/// membership of the National People's Congress or the CPPCC).
fn is_seat(what: &str) -> bool {
    what == "term" || what.starts_with("member of")
}

impl Reference {
    /// Reads every `.csv` file under `dir` (recursively, in sorted order,
    /// hidden entries skipped).
    pub fn from_dir(dir: &Path) -> Result<Reference, ReferenceError> {
        Reference::from_dirs(&[dir.to_path_buf()])
    }

    /// Reads every `.csv` file under each of `dirs`, as one reference.
    pub fn from_dirs(dirs: &[PathBuf]) -> Result<Reference, ReferenceError> {
        let mut files = Vec::new();
        for dir in dirs {
            walk(dir, &mut files)?;
        }
        // Each file is read only when the one before it is parsed, so the first
        // bad file stops the run.
        Reference::from_sources(files.iter().map(|f| {
            let path = f.display().to_string();
            std::fs::read_to_string(f)
                .map(|text| (path.clone(), text))
                .map_err(|source| ReferenceError::Io { path, source })
        }))
    }

    /// Reads the text of one file in one of the layouts (for tests and
    /// callers that hold the text); a file of another layout adds nothing.
    pub fn from_texts(files: &[(&str, &str)]) -> Result<Reference, ReferenceError> {
        Reference::from_sources(files.iter().map(|(p, t)| Ok((p.to_string(), t.to_string()))))
    }

    /// Reads (path, text) pairs in order, counting the files of a known layout
    /// and those passed over.
    fn from_sources(
        files: impl Iterator<Item = Result<(String, String), ReferenceError>>,
    ) -> Result<Reference, ReferenceError> {
        let mut r = Reference::default();
        let mut rows = Vec::new();
        for f in files {
            let (path, text) = f?;
            match read_csv(&path, &text)? {
                Some(mut rs) => {
                    r.files.0 += 1;
                    rows.append(&mut rs);
                }
                None => r.files.1 += 1,
            }
        }
        r.add(rows);
        Ok(r)
    }

    fn add(&mut self, rows: Vec<Row>) {
        let mut by_qid: BTreeMap<String, RefPerson> = BTreeMap::new();
        let mut anonymous: Vec<RefPerson> = Vec::new();
        for row in rows {
            let p = match &row.qid {
                Some(q) => by_qid
                    .entry(q.clone())
                    .or_insert_with(|| RefPerson { qid: Some(q.clone()), ..RefPerson::default() }),
                // A membership without an id is a person of its own: two of them
                // with one name may be two people, so they are never merged.
                None if row.name.is_some() => {
                    anonymous.push(RefPerson::default());
                    let Some(p) = anonymous.last_mut() else { continue };
                    p
                }
                None => continue,
            };
            p.names.extend(row.name);
            p.jurisdictions.extend(row.area);
            if !p.periods.contains(&row.period) {
                p.periods.push(row.period);
            }
            p.birth = p.birth.or(row.birth);
            p.death = p.death.or(row.death);
            p.noted |= row.noted;
        }
        // A membership without an id is the one person with an id of that name
        // whose jurisdictions are unknown or include it: sources that list one
        // assembly with and without ids describe the same people.
        let mut rest = Vec::new();
        for a in anonymous {
            let fits: Vec<&String> = by_qid
                .iter()
                .filter(|(_, p)| {
                    p.names.iter().any(|n| a.names.contains(n))
                        && (p.jurisdictions.is_empty() || a.jurisdictions.iter().any(|j| p.jurisdictions.contains(j)))
                        && sat_with(p, &a)
                })
                .map(|(q, _)| q)
                .collect();
            match fits.as_slice() {
                [one] => {
                    let q = (*one).clone();
                    if let Some(p) = by_qid.get_mut(&q) {
                        p.jurisdictions.extend(a.jurisdictions);
                        p.periods.extend(a.periods);
                    }
                }
                _ => rest.push(a),
            }
        }
        for p in by_qid.into_values().chain(rest) {
            if p.names.is_empty() {
                continue;
            }
            let mut p = p;
            p.periods.sort();
            p.periods.dedup();
            let i = self.people.len();
            for n in &p.names {
                self.by_name.entry(n.clone()).or_default().push(i);
            }
            self.people.push(p);
        }
    }

    /// The reference people written `name` (simplified).
    pub fn named(&self, name: &str) -> Vec<&RefPerson> {
        self.by_name.get(name).into_iter().flatten().filter_map(|&i| self.people.get(i)).collect()
    }

    /// How many people have a Chinese name, and how many of those an id.
    pub fn counts(&self) -> (usize, usize) {
        (self.people.len(), self.people.iter().filter(|p| p.qid.is_some()).count())
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), ReferenceError> {
    let io = |source| ReferenceError::Io { path: dir.display().to_string(), source };
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(io)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "csv") {
            out.push(p);
        }
    }
    Ok(())
}

/// The rows of one CSV file, or `None` when its header is none of the layouts.
fn read_csv(path: &str, text: &str) -> Result<Option<Vec<Row>>, ReferenceError> {
    let mut rd = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let bad = |line: usize, reason: String| ReferenceError::Parse { path: path.to_string(), line, reason };
    let header = rd.headers().map_err(|e| bad(1, e.to_string()))?.clone();
    let Some(layout) = layout(&header) else { return Ok(None) };
    let mut out = Vec::new();
    for (i, rec) in rd.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| bad(line, e.to_string()))?;
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(str::trim).unwrap_or_default();
        let date = |c: Option<usize>, end: bool, what: &str| {
            partial(get(c), end).ok_or_else(|| bad(line, format!("{what} must be YYYY, YYYY-MM or YYYY-MM-DD")))
        };
        let qid = |s: &str| -> Result<Option<String>, ReferenceError> {
            if s.is_empty() {
                return Ok(None);
            }
            let ok = s.strip_prefix('Q').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
            if ok {
                Ok(Some(s.to_string()))
            } else {
                Err(bad(line, format!("{s}: not a Wikidata id (Q followed by digits)")))
            }
        };
        let row = match &layout {
            Layout::Term { name, area, qid: q, start, end, term } => Row {
                qid: qid(get(Some(*q)))?,
                name: name_of(get(Some(*name))),
                area: Some(get(*area)).filter(|a| !a.is_empty()).map(normalize_fragment),
                period: {
                    let (from, to) = (date(*start, false, "start_date")?, date(*end, true, "end_date")?);
                    let (f, t) = npc_term(get(*term));
                    Period { what: "term".into(), from: from.or(f), to: to.or(t) }
                },
                birth: None,
                death: None,
                noted: noted(get(Some(*name))),
            },
            Layout::Holders { position, person, qid: q, start, end, dob, dod } => Row {
                qid: qid(get(Some(*q)))?,
                name: name_of(get(Some(*person))),
                area: None,
                period: Period {
                    what: get(Some(*position)).to_string(),
                    from: date(*start, false, "start")?,
                    to: date(*end, true, "end")?,
                },
                birth: date(*dob, false, "DOB")?,
                death: date(*dod, true, "DOD")?,
                noted: noted(get(Some(*person))),
            },
        };
        out.push(row);
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    const TERM: &str = "id,name,area,wikidata,start_date,end_date\n\
        a1,沈景行,江苏省,Q900000001,2013-03-05,2018-03-04\n\
        a2,沈景行,浙江省,Q900000002,,\n\
        a3,周文涛,青海省,,,\n\
        a4,周文涛,,Q900000003,,\n";
    const HOLDERS: &str = "position,person,personID,start,end,gender,DOB,DOD\n\
        member of the National People's Congress,沈景行,Q900000001,2013-03-05,2018-03-04,male,1961-04,,\n\
        Minister of Commerce,Shen Jingxing,Q900000001,2019,2021-06-30,male,1961,,\n";

    #[test]
    fn rows_of_one_id_merge_and_names_find_them() {
        let r = Reference::from_texts(&[("term.csv", TERM), ("holders.csv", HOLDERS), ("other.csv", "a,b\n1,2\n")])
            .unwrap();
        assert_eq!(r.files, (2, 1));
        let s = r.named("沈景行");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].qid.as_deref(), Some("Q900000001"));
        assert_eq!(s[0].jurisdictions.iter().collect::<Vec<_>>(), ["江苏省"]);
        assert_eq!(s[0].periods.len(), 3);
        assert_eq!(s[0].birth.unwrap().to_string(), "1961-04-01");
        let minister = s[0].periods.iter().find(|p| p.what.starts_with("Minister")).unwrap();
        assert_eq!(minister.from.unwrap().to_string(), "2019-01-01");
        // The membership without an id is the one 周文涛 with an id.
        assert_eq!(r.named("周文涛")[0].qid.as_deref(), Some("Q900000003"));
        assert_eq!(r.counts(), (3, 3));
    }

    #[test]
    fn a_seat_without_an_id_is_not_a_namesake_of_another_term() {
        // 韦立新 with an id sat 2008-2013; the 2013-2018 deputy of that name has
        // none and may be another man. A noted label marks a name others bear.
        let holders = "position,person,personID,start,end,gender,DOB,DOD\n\
            member of the National People's Congress,韦立新,Q900000010,2008-03-05,2013-03,male,1951,,\n\
            member of the National People's Congress,韦立新,Q900000010,2008-03-05,2013-03,male,1951,,\n\
            member of the National People's Congress,邵文博 (校长),Q900000011,2013-03-05,2018-03,male,1956,,\n";
        let term = "id,name,area,wikidata,start_date,end_date,term\n\
            b1,韦立新,湖北省,,,,12\n\
            b2,邵文博,河北省,,,,12\n";
        let r = Reference::from_texts(&[("h.csv", holders), ("t.csv", term)]).unwrap();
        assert_eq!(r.named("韦立新").len(), 2);
        let s = r.named("邵文博");
        assert_eq!(s.len(), 1);
        assert!(s[0].noted && s[0].jurisdictions.contains("河北省"));
    }

    #[test]
    fn bad_values_name_file_and_line() {
        let e = Reference::from_texts(&[("t.csv", "name,area,wikidata\n沈景行,江苏省,X12\n")]).unwrap_err();
        assert_eq!(e.to_string(), "t.csv:2: X12: not a Wikidata id (Q followed by digits)");
        let e =
            Reference::from_texts(&[("h.csv", "position,person,personID,start\np,沈景行,Q1,2020-13\n")]).unwrap_err();
        assert!(e.to_string().starts_with("h.csv:2: start must be"), "{e}");
    }

    #[test]
    fn partial_dates_cover_their_whole_span() {
        assert_eq!(partial("2020", true).unwrap().unwrap().to_string(), "2020-12-31");
        assert_eq!(partial("2021-02", true).unwrap().unwrap().to_string(), "2021-02-28");
        assert_eq!(partial("2021-02-03T00:00:00Z", false).unwrap().unwrap().to_string(), "2021-02-03");
        assert!(chinese("沈景行") && !chinese("Shen Jingxing") && chinese("买买提·艾力"));
        assert_eq!(name_of("云峰 (蒙古族)").as_deref(), Some("云峰"));
    }
}
