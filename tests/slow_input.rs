//! The time budget per article: a batch of the example articles with one large,
//! slow article among them. The slow article must be skipped with one line naming
//! it (`took longer than 0.3 s`) and counted as `timeout` in the summary, every
//! other article must come out (`extract`) or be stored (`ingest`), and the run
//! must take about the budget plus what the good articles take, not the time the
//! slow article would have needed.
//!
//! The slow article is generated at run time: 8 MB of one sentence that never
//! ends, naming a chair again and again, which takes seconds to extract (it is
//! linear in its size, only large). The budget here is 0.3 s, far below that.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BUDGET: &str = "0.3";

fn govkg(args: &[&str]) -> (Output, Duration) {
    let t = Instant::now();
    let o =
        Command::new(env!("CARGO_BIN_EXE_govkg")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap();
    (o, t.elapsed())
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A folder with copies of the example articles and `slow.txt`; the example keys.
fn batch(dir: &Path, with_slow: bool) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    for e in std::fs::read_dir(examples).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            std::fs::copy(&p, dir.join(&name)).unwrap();
            keys.insert(name);
        }
    }
    assert_eq!(keys.len(), 8);
    if with_slow {
        let unit = "市长高明远主持会议并讲话副市长周文涛出席";
        let text = format!("5日，市政府召开常务会议{}", unit.repeat(8_000_000 / unit.len()));
        std::fs::write(dir.join("slow.txt"), text).unwrap();
    }
    keys
}

fn check_skip(err: &str, dir: &Path) {
    let slow = dir.join("slow.txt");
    let line = format!("govkg: skipped {}: took longer than {BUDGET} s", slow.display());
    assert_eq!(err.lines().filter(|l| *l == line).count(), 1, "expected {line:?} in:\n{err}");
    assert!(err.lines().any(|l| l == "govkg: 1 inputs skipped (1 timeout)"), "{err}");
}

#[test]
fn extract_skips_the_slow_article_and_keeps_the_rest() {
    let good = tempfile::tempdir().unwrap();
    batch(good.path(), false);
    let (o, normal) = govkg(&["extract", "--article-timeout", BUDGET, good.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    let dir = tempfile::tempdir().unwrap();
    let keys = batch(dir.path(), true);
    let (o, took) = govkg(&["extract", "--article-timeout", BUDGET, dir.path().to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    check_skip(&err, dir.path());
    let got: BTreeSet<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, keys);
    // The budget, reading 8 MB and normalising it, and slack for a busy machine;
    // the slow article alone takes several seconds.
    assert!(took < normal + Duration::from_secs_f64(2.5), "{took:?} with the slow article, {normal:?} without");
}

#[test]
fn without_a_limit_the_slow_article_comes_through() {
    let dir = tempfile::tempdir().unwrap();
    batch(dir.path(), true);
    let slow = dir.path().join("slow.txt");
    let (o, took) = govkg(&["extract", "--article-timeout", "0", slow.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // What the tests above rely on: without a limit, the article takes longer than the budget.
    assert!(took > Duration::from_secs_f64(0.3), "{took:?}");
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 1);
}

#[test]
fn a_timeout_must_be_a_number_of_seconds() {
    for bad in ["-1", "ten", "NaN", "inf"] {
        let (o, _) = govkg(&["extract", "--article-timeout", bad, "examples/articles"]);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
    }
}

#[cfg(feature = "rocksdb")]
#[test]
fn ingest_stores_every_other_article_and_names_the_slow_one() {
    let good = tempfile::tempdir().unwrap();
    batch(good.path(), false);
    let store = tempfile::tempdir().unwrap();
    let s = store.path().join("normal").to_str().unwrap().to_string();
    let (o, normal) = govkg(&["ingest", "--article-timeout", BUDGET, "--store", &s, good.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    let dir = tempfile::tempdir().unwrap();
    let keys = batch(dir.path(), true);
    let s = store.path().join("store").to_str().unwrap().to_string();
    let (o, took) = govkg(&["ingest", "--article-timeout", BUDGET, "--store", &s, dir.path().to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    check_skip(&err, dir.path());
    assert!(err.contains("govkg: 8 articles stored"), "{err}");
    assert!(took < normal + Duration::from_secs_f64(2.5), "{took:?} with the slow article, {normal:?} without");

    let q = "PREFIX dcterms: <http://purl.org/dc/terms/> \
             SELECT ?key WHERE { GRAPH ?g { ?g dcterms:identifier ?key } }";
    let (o, _) = govkg(&["query", q, "--store", &s, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let stored: BTreeSet<String> = v["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"]["value"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(stored, keys, "nothing of the slow article is stored");
}
