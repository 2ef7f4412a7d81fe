//! The binary, run on small input folders as a user would run it.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;
use std::process::{Command, Output};

fn govkg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govkg")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn records(o: &Output) -> Vec<serde_json::Value> {
    stdout(o).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn bad_files_are_named_and_the_rest_goes_through() {
    let o = govkg(&["extract", "tests/fixtures", "/no/such/file.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("tests/fixtures/bad_binary.txt: binary data"), "{err}");
    assert!(err.contains("tests/fixtures/empty.txt: empty input"), "{err}");
    assert!(err.contains("/no/such/file.txt: No such file"), "{err}");
    assert!(err.contains("3 inputs skipped"), "{err}");
    let recs = records(&o);
    let sources: BTreeSet<String> = recs.iter().map(|r| r["source"].as_str().unwrap().to_string()).collect();
    assert_eq!(recs.len(), 7, "{sources:?}");
    assert!(sources.contains("tests/fixtures/gbk_report.txt"));
}

#[test]
fn broken_json_lines_are_skipped_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("batch.jsonl");
    std::fs::write(
        &path,
        concat!(
            r#"{"id":"a1","text":"5日,省政府召开第三次常务会议。省长周文涛主持会议。","date":"2023-05-06"}"#,
            "\n{broken\n",
            r#"{"id":"a3","title":"no body"}"#,
            "\n",
            r#"{"id":"a4","html":"<p>市长高明远出席会议并讲话。</p>"}"#,
            "\n"
        ),
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let o = govkg(&["extract", p]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&format!("{p}:2: not a JSON object")), "{err}");
    assert!(err.contains(&format!("{p}:3: record a3 has no \"text\" or \"html\"")), "{err}");
    let recs = records(&o);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["meetings"][0]["date"], "2023-05-05");
    assert_eq!(recs[0]["meetings"][0]["chairs"][0], "周文涛");
    assert_eq!(recs[1]["source"], "a4");
}

#[test]
fn a_wrong_charset_declaration_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    let (body, _, _) = encoding_rs::GBK
        .encode("<meta charset=\"utf-8\"><h1>省政府召开常务会议</h1><p>5日,省长周文涛主持召开省政府常务会议。</p>");
    std::fs::write(&path, &body).unwrap();
    let o = govkg(&["extract", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("page.html: declared charset utf-8 does not fit the bytes; detected gb18030"), "{err}");
    assert_eq!(records(&o)[0]["meetings"][0]["chairs"][0], "周文涛");
}

#[test]
fn standard_input_is_json_lines() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_govkg"))
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("{\"id\":\"s1\",\"text\":\"市委书记沈景行主持会议。\"}\n".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert_eq!(records(&o)[0]["source"], "s1");
}

#[test]
fn output_is_byte_identical_across_runs() {
    let a = govkg(&["extract", "examples/articles", "tests/fixtures"]);
    let b = govkg(&["extract", "examples/articles", "tests/fixtures"]);
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout);
    let n = govkg(&["extract", "--format", "nquads", "examples/articles"]);
    let m = govkg(&["extract", "--format", "nquads", "examples/articles"]);
    assert!(n.status.success());
    assert_eq!(n.stdout, m.stdout);
    assert!(stdout(&n).contains("<https://w3id.org/govkg/ns#chairs>"));
}

#[test]
fn traditional_gbk_and_html_come_out_simplified() {
    let o = govkg(&[
        "extract",
        "tests/fixtures/trad_pinyin.txt",
        "tests/fixtures/gbk_report.txt",
        "tests/fixtures/portal.html",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // No traditional characters and no pinyin survive.
    for bad in ["會議", "(wǎng)", "議", "國"] {
        assert!(!out.contains(bad), "{bad} in output");
    }
    let recs = records(&o);
    assert!(recs.iter().all(|r| !r["meetings"].as_array().unwrap().is_empty()));
}

#[cfg(feature = "rocksdb")]
fn summary_counts(err: &str) -> (usize, usize) {
    // "... store DIR holds N articles, M quads"
    let tail = err.rsplit("holds ").next().unwrap();
    let nums: Vec<usize> = tail.split(|c: char| !c.is_ascii_digit()).filter_map(|s| s.parse().ok()).collect();
    (nums[0], nums[1])
}

#[cfg(feature = "rocksdb")]
#[test]
fn ingest_query_export_report() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let s = store.to_str().unwrap();
    let first = govkg(&["ingest", "examples/articles", "--store", s]);
    assert!(first.status.success(), "{}", stderr(&first));
    let (articles, quads) = summary_counts(&stderr(&first));
    assert_eq!(articles, 8);
    // Ingesting the same input again changes nothing.
    let again = govkg(&["ingest", "examples/articles", "--store", s]);
    assert!(stderr(&again).contains("8 unchanged"), "{}", stderr(&again));
    assert_eq!(summary_counts(&stderr(&again)), (articles, quads));

    // A plain query (no GRAPH clause) sees every article.
    let q = "PREFIX g: <https://w3id.org/govkg/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> \
             SELECT DISTINCT ?name WHERE { ?p g:chairs ?m . ?p rdfs:label ?name } ORDER BY ?name";
    let o = govkg(&["query", q, "--store", s, "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let chairs = stdout(&o);
    assert!(chairs.starts_with("name"), "{chairs}");
    assert!(chairs.lines().count() >= 4, "{chairs}");

    // The evidence behind a fact reaches the sentence.
    let q = "PREFIX g: <https://w3id.org/govkg/ns#> SELECT ?s WHERE { ?x g:role g:Chair ; g:evidence ?e . ?e g:inSentence/g:text ?s } LIMIT 1";
    let o = govkg(&["query", q, "--store", s, "--format", "tsv"]);
    assert!(stdout(&o).contains("主持"), "{}", stdout(&o));

    let graphml = dir.path().join("net.graphml");
    let o = govkg(&["export", "graphml", "-o", graphml.to_str().unwrap(), "--store", s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let xml = std::fs::read_to_string(&graphml).unwrap();
    assert!(xml.contains("edgedefault=\"undirected\""));
    assert!(xml.contains("attr.type=\"double\""));
    let nodes = xml.matches("<node ").count();
    let edges = xml.matches("<edge ").count();
    assert!(nodes >= 10 && edges >= 20, "{nodes} nodes, {edges} edges");

    // Names are accepted in traditional script too.
    let o = govkg(&["report", "with", "高明遠", "--store", s, "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = stdout(&o);
    assert!(report.starts_with("co_attendee,shared_meetings"), "{report}");
    assert!(report.contains("周文涛,4"), "{report}");

    let o = govkg(&["report", "with", "无此人", "--store", s]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("无此人: no such person"));
    assert!(std::path::Path::new(s).exists());
}

#[cfg(feature = "rocksdb")]
#[test]
fn a_second_writer_is_told_the_store_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let _held = govkg::kg::Store::open(&store).unwrap();
    let o = govkg(&["ingest", "examples/articles", "--store", store.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("store is busy"), "{}", stderr(&o));
}
