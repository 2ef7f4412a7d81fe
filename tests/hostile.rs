//! Hostile input: one batch mixes the good example articles with every kind of bad
//! input we know of (binary, damaged encodings, a 100 MB line, broken markup and
//! records, missing and unreadable paths, a directory loop, names full of quotes
//! and backslashes). Each bad input must give one line naming it and the reason,
//! the summary must count the skips by reason, the exit code must be 1, and every
//! good input of the batch must come out (from `extract`) or be in the store (after
//! `ingest`, checked with `govkg query`).
//!
//! The large inputs are generated at run time into a temporary folder; nothing big
//! is committed.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn govkg(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govkg")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// One sentence that reliably gives a meeting and a chair. Each good input gets its
/// own ordinal, because `ingest` stores one text once whatever key it comes under.
fn meeting(ordinal: &str) -> String {
    format!("5日，市政府召开第{ordinal}次常务会议。市长高明远主持会议并讲话，副市长周文涛出席会议。")
}

/// A batch of inputs and what `extract` or `ingest` must say about it.
struct Batch {
    _dir: tempfile::TempDir,
    /// Command-line inputs, good and bad mixed.
    inputs: Vec<String>,
    /// Substrings of the lines that must appear on standard error, one per bad input.
    messages: Vec<String>,
    /// Skip reason → how many inputs were skipped for it.
    skipped: Vec<(&'static str, usize)>,
    /// Keys of the articles that must come through.
    good_keys: BTreeSet<String>,
}

fn write(path: &Path, bytes: &[u8]) -> String {
    std::fs::write(path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

fn batch() -> Batch {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut inputs = vec!["examples/articles".to_string()];
    let mut messages = Vec::new();
    let mut skipped: Vec<(&'static str, usize)> = Vec::new();
    let mut good_keys: BTreeSet<String> = std::fs::read_dir("examples/articles")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
        .collect();
    assert_eq!(good_keys.len(), 8);

    // Binary data and an empty file (committed fixtures).
    inputs.push("tests/fixtures/bad_binary.txt".into());
    messages.push("tests/fixtures/bad_binary.txt: binary data".into());
    skipped.push(("binary", 1));
    inputs.push("tests/fixtures/empty.txt".into());
    messages.push("tests/fixtures/empty.txt: empty input".into());
    skipped.push(("empty", 1));

    // Invalid UTF-8 in the middle of an article: decoded with replacements, and a warning.
    let mut bytes = meeting("一").repeat(2).into_bytes();
    bytes.splice(31..31, [0xff, 0xfe, 0xc0]);
    let p = write(&d.join("invalid_utf8.txt"), &bytes);
    messages.push(format!("warning: {p}: 3 byte sequences invalid in UTF-8 replaced"));
    inputs.push(p);
    good_keys.insert("invalid_utf8.txt".into());

    // UTF-8 cut in the middle of its last character.
    let text = meeting("二");
    let bytes = text.as_bytes();
    let p = write(&d.join("truncated_utf8.txt"), &bytes[..bytes.len() - 2]);
    messages.push(format!("warning: {p}: 1 byte sequences invalid in UTF-8 replaced"));
    inputs.push(p);
    good_keys.insert("truncated_utf8.txt".into());

    // GBK bytes in a page that declares UTF-8: decoded by detection, with a warning.
    let page = format!("<meta charset=\"utf-8\"><h1>市政府召开常务会议</h1><p>{}</p>", meeting("三"));
    let (gbk, _, _) = encoding_rs::GBK.encode(&page);
    let p = write(&d.join("gbk_declared_utf8.html"), &gbk);
    messages.push(format!("warning: {p}: declared charset utf-8 does not fit the bytes; detected gb18030"));
    inputs.push(p);
    good_keys.insert("gbk_declared_utf8.html".into());

    // UTF-16 without a byte-order mark, all Chinese (hardly any zero bytes).
    let utf16: Vec<u8> = meeting("四").encode_utf16().flat_map(u16::to_le_bytes).collect();
    let p = write(&d.join("utf16_no_bom.txt"), &utf16);
    messages.push(format!("warning: {p}: no byte-order mark; read as UTF-16LE"));
    inputs.push(p);
    good_keys.insert("utf16_no_bom.txt".into());

    // A 100 MB single line: skipped without being read into memory.
    let p = d.join("one_line_100mb.txt");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        let chunk = meeting("五").replace('。', "，").repeat(64);
        let mut n = 0;
        while n < 100 << 20 {
            f.write_all(chunk.as_bytes()).unwrap();
            n += chunk.len();
        }
        f.flush().unwrap();
    }
    let p = p.to_str().unwrap().to_string();
    messages.push(format!("{p}: larger than 16 MiB, not an article"));
    inputs.push(p);
    skipped.push(("too large", 1));

    // Deeply nested HTML, never closed, with a script that never ends after the story.
    let mut html = "<html><body>".to_string();
    html.push_str(&"<div><span>".repeat(50_000));
    html.push_str(&format!("<p>{}", meeting("六")));
    html.push_str("<table><tr><td><b><i><p>更多<a href=\"x\"><script>var s = \"</p>");
    let p = write(&d.join("nested_unclosed.html"), html.as_bytes());
    inputs.push(p);
    good_keys.insert("nested_unclosed.html".into());

    // JSON Lines: a broken line in the middle, a record with no text, and names,
    // ids and titles full of quotes and backslashes.
    let jsonl = d.join("batch.jsonl");
    let lines = [
        serde_json::json!({"id": "j1", "text": meeting("七"), "date": "2023-05-06"}).to_string(),
        "{\"id\":\"j2\",\"text\":\"市长高明远主持".to_string(),
        serde_json::json!({"id": "j3", "title": "no body"}).to_string(),
        serde_json::json!({
            "id": "q\"u\\o'te",
            "title": "“引号”与\"quotes\"\\反斜杠",
            "text": "6日，市政府召开常务会议。市长高\"明\\远主持会议，副市长O'Brien\"; DROP出席。",
        })
        .to_string(),
        serde_json::json!({"id": "j5", "html": format!("<p>{}</p>", meeting("八"))}).to_string(),
    ];
    let p = write(&jsonl, (lines.join("\n") + "\n").as_bytes());
    messages.push(format!("{p}:2: not a JSON object"));
    messages.push(format!("{p}:3: record j3 has no \"text\" or \"html\""));
    inputs.push(p);
    skipped.push(("bad record", 2));
    good_keys.extend(["j1", "q\"u\\o'te", "j5"].map(String::from));

    // A path that does not exist.
    let p = d.join("no").join("such.txt").to_str().unwrap().to_string();
    messages.push(format!("{p}: No such file or directory"));
    inputs.push(p);
    skipped.push(("not found", 1));

    // A file that cannot be read. Root reads it anyway; then it is a good article.
    let locked = d.join("locked.txt");
    let p = write(&locked, meeting("九").as_bytes());
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    if std::fs::File::open(&locked).is_err() {
        messages.push(format!("{p}: Permission denied"));
        skipped.push(("unreadable", 1));
    } else {
        eprintln!("note: running as a user who can read mode-000 files; the unreadable case is not checked");
        good_keys.insert("locked.txt".into());
    }
    inputs.push(p);

    // A folder with a link back to itself: its article is read once, the loop named.
    let looped = d.join("looped");
    std::fs::create_dir(&looped).unwrap();
    write(&looped.join("inside.txt"), meeting("十").as_bytes());
    std::os::unix::fs::symlink(&looped, looped.join("again")).unwrap();
    messages.push(format!("{}: directory loop", looped.join("again").display()));
    inputs.push(looped.to_str().unwrap().to_string());
    skipped.push(("directory loop", 1));
    good_keys.insert("inside.txt".into());

    // Nothing but punctuation.
    let p = write(&d.join("punctuation.txt"), "。。。，，，！！？？……——《》“”、；：".repeat(20).as_bytes());
    messages.push(format!("{p}: no text left"));
    inputs.push(p);
    skipped.push(("no text", 1));

    // A file name with quotes and a backslash.
    let odd: PathBuf = d.join("we\"ird\\name's.txt");
    inputs.push(write(&odd, meeting("十一").as_bytes()));
    good_keys.insert("we\"ird/name's.txt".into());

    skipped.sort();
    Batch { _dir: dir, inputs, messages, skipped, good_keys }
}

impl Batch {
    fn summary(&self) -> String {
        let n: usize = self.skipped.iter().map(|s| s.1).sum();
        let parts: Vec<String> = self.skipped.iter().map(|(k, n)| format!("{n} {k}")).collect();
        format!("govkg: {n} inputs skipped ({})", parts.join(", "))
    }

    fn check_messages(&self, err: &str) {
        for m in &self.messages {
            let hits: Vec<&str> = err.lines().filter(|l| l.contains(m.as_str())).collect();
            assert_eq!(hits.len(), 1, "expected one line containing {m:?} in:\n{err}");
        }
        assert!(err.lines().any(|l| l == self.summary()), "expected {:?} in:\n{err}", self.summary());
        // Every message is one line that starts with the program's name.
        assert!(err.lines().all(|l| l.starts_with("govkg: ") || l.starts_with("note: ")), "{err}");
    }
}

#[test]
fn extract_names_every_bad_input_and_keeps_the_good_ones() {
    let b = batch();
    let mut args = vec!["extract".to_string()];
    args.extend(b.inputs.iter().cloned());
    let o = govkg(&args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    b.check_messages(&err);
    let keys: BTreeSet<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(keys, b.good_keys);
}

#[cfg(feature = "rocksdb")]
#[test]
fn ingest_names_every_bad_input_and_stores_the_good_ones() {
    let b = batch();
    let store = tempfile::tempdir().unwrap();
    let s = store.path().join("store").to_str().unwrap().to_string();
    let mut args = vec!["ingest".to_string(), "--store".into(), s.clone()];
    args.extend(b.inputs.iter().cloned());
    let o = govkg(&args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    b.check_messages(&err);
    assert!(err.contains(&format!("govkg: {} articles stored", b.good_keys.len())), "{err}");

    let q = "PREFIX dcterms: <http://purl.org/dc/terms/> \
             SELECT ?key WHERE { GRAPH ?g { ?g dcterms:identifier ?key } }";
    let o = govkg(&["query".into(), q.into(), "--store".into(), s.clone(), "--format".into(), "json".into()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let keys: BTreeSet<String> = v["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"]["value"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(keys, b.good_keys);

    // The record with quotes and backslashes round-trips through a query that names it.
    let q = "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> \
             SELECT ?title WHERE { GRAPH ?g { ?g dcterms:identifier \"q\\\"u\\\\o'te\" ; dcterms:title ?title } }";
    let o = govkg(&["query".into(), q.into(), "--store".into(), s.clone(), "--format".into(), "json".into()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["results"]["bindings"][0]["title"]["value"], "“引号”与\"quotes\"\\反斜杠");

    // A name with quotes and backslashes is looked up, never spliced into a query.
    for name in ["高\"明\\远", "\"} ; DROP ALL ; {\"", "x\\"] {
        let o = govkg(&["report".into(), "with".into(), name.into(), "--store".into(), s.clone()]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("no such person in the store"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // The store is intact after those lookups.
    let o = govkg(&["query".into(), "ASK { ?s ?p ?o }".into(), "--store".into(), s.clone()]);
    assert_eq!(String::from_utf8(o.stdout).unwrap().trim(), "true");
}
