//! Extraction cases written as data: every `tests/cases/*.toml` file holds
//! article snippets with the facts they must give, checked by one `check()`.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;

use govkg::ingest::{Body, Format, GivenMeta, RawDoc};
use govkg::lexicon::Lexicon;
use govkg::pipeline::{Outcome, process};
use govkg::record::Record;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    #[allow(dead_code)]
    why: String,
    text: String,
    date: Option<String>,
    title: Option<String>,
    meetings: Option<Vec<MeetingCase>>,
    #[serde(default)]
    persons: Vec<PersonCase>,
    #[serde(default)]
    not_persons: Vec<String>,
}

#[derive(Deserialize)]
struct MeetingCase {
    name: String,
    date: Option<String>,
    chairs: Option<Vec<String>>,
    participants: Option<Vec<String>>,
    approved: Option<Vec<String>>,
    deliberated: Option<Vec<String>>,
    /// Bodies that took part with no person named, in list order.
    bodies: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct PersonCase {
    name: String,
    titles: Option<Vec<String>>,
    /// The status of each title, in order (current, former, acting, appointed, removed).
    statuses: Option<Vec<String>>,
    /// The resolved form of each title, in order ("" where there is none).
    resolved: Option<Vec<String>>,
    /// Surname + post phrases that stand for the person.
    aliases: Option<Vec<String>>,
}

fn set(v: &[String]) -> BTreeSet<&str> {
    v.iter().map(String::as_str).collect()
}

fn check(case: &Case, lex: &Lexicon) -> Vec<String> {
    let raw = RawDoc {
        source: case.name.clone(),
        key: case.name.clone(),
        path: case.name.clone(),
        body: Body::Text(case.text.clone()),
        format: Format::Text,
        meta: GivenMeta { date: case.date.clone(), title: case.title.clone(), ..GivenMeta::default() },
    };
    let Outcome::Article(a) = process(&raw, lex) else { return vec!["skipped".into()] };
    let rec = Record::new(&a.doc, &a.extraction);
    let mut errs = Vec::new();
    if let Some(ms) = &case.meetings {
        let got: Vec<&str> = rec.meetings.iter().map(|m| m.name.as_str()).collect();
        let want: Vec<&str> = ms.iter().map(|m| m.name.as_str()).collect();
        if got != want {
            errs.push(format!("meetings {got:?}, want {want:?}"));
        }
        for (m, r) in ms.iter().zip(&rec.meetings) {
            let date = m.date.as_deref().filter(|d| *d != "null");
            if r.date.as_deref() != date {
                errs.push(format!("{}: date {:?}, want {date:?}", m.name, r.date));
            }
            if let Some(want) = &m.bodies {
                let have: Vec<&str> = r.body_roles.iter().map(|b| b.body.as_str()).collect();
                if &have != want {
                    errs.push(format!("{}: bodies {have:?}, want {want:?}", m.name));
                }
            }
            for (field, want, have) in [
                ("chairs", &m.chairs, &r.chairs),
                ("participants", &m.participants, &r.participants),
                ("approved", &m.approved, &r.approved_documents),
                ("deliberated", &m.deliberated, &r.deliberated_documents),
            ] {
                if let Some(want) = want {
                    if set(want) != set(have) {
                        errs.push(format!("{}: {field} {have:?}, want {want:?}", m.name));
                    }
                }
            }
        }
    }
    for p in &case.persons {
        match rec.persons.iter().find(|x| x.name == p.name) {
            None => errs.push(format!("person {} not found", p.name)),
            Some(x) => {
                if let Some(t) = &p.titles {
                    if &x.titles != t {
                        errs.push(format!("{}: titles {:?}, want {t:?}", p.name, x.titles));
                    }
                }
                if let Some(want) = &p.statuses {
                    let have: Vec<String> = x
                        .title_details
                        .iter()
                        .map(|t| serde_json::to_value(t.status).unwrap().as_str().unwrap_or_default().to_string())
                        .collect();
                    if &have != want {
                        errs.push(format!("{}: statuses {have:?}, want {want:?}", p.name));
                    }
                }
                if let Some(want) = &p.aliases {
                    let have: Vec<String> = x.aliases.iter().map(|a| a.alias.clone()).collect();
                    if &have != want {
                        errs.push(format!("{}: aliases {have:?}, want {want:?}", p.name));
                    }
                }
                if let Some(want) = &p.resolved {
                    let have: Vec<String> =
                        x.title_details.iter().map(|t| t.resolved.clone().unwrap_or_default()).collect();
                    if &have != want {
                        errs.push(format!("{}: resolved {have:?}, want {want:?}", p.name));
                    }
                }
            }
        }
    }
    for n in &case.not_persons {
        if rec.persons.iter().any(|x| &x.name == n) {
            errs.push(format!("{n} must not be a person"));
        }
    }
    errs
}

#[test]
fn extraction_cases() {
    let lex = Lexicon::builtin();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut failures = Vec::new();
    let mut n = 0;
    for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let text = std::fs::read_to_string(path).unwrap();
        let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in &file.case {
            n += 1;
            for e in check(case, &lex) {
                failures.push(format!("{}: {}: {e}", path.file_name().unwrap().to_string_lossy(), case.name));
            }
        }
    }
    assert!(n >= 10, "only {n} cases found");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
