//! The report commands and the fact table, run on a store built from the
//! sample articles and two short fixtures of a name holding posts in two provinces.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
#![cfg(feature = "rocksdb")]

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

/// A store of examples/articles and tests/report_fixtures in a temporary folder.
fn store() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("store").to_str().unwrap().to_string();
    let o = govkg(&["ingest", "examples/articles", "tests/report_fixtures", "--store", &s]);
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, s)
}

/// Runs a report and returns its CSV rows (without the header).
fn csv_rows(args: &[&str], store: &str) -> Vec<Vec<String>> {
    let mut a = vec!["report"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["--store", store, "--format", "csv"]);
    let o = govkg(&a);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    csv::Reader::from_reader(o.stdout.as_slice())
        .into_records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn json(args: &[&str], store: &str) -> serde_json::Value {
    let mut a = vec!["report"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["--store", store, "--format", "json"]);
    let o = govkg(&a);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn reports_answer_from_the_store() {
    let (_dir, s) = store();

    // with: traditional script accepted; aligned table by default.
    let o = govkg(&["report", "with", "高明遠", "--store", &s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    assert!(table.lines().next().unwrap().starts_with("co_attendee  shared_meetings"), "{table}");
    assert!(table.lines().any(|l| l.starts_with("周文涛") && l.contains(" 4 ")), "{table}");
    let rows = csv_rows(&["with", "高明远"], &s);
    let zhou = rows.iter().find(|r| r[0] == "周文涛").unwrap();
    assert_eq!(zhou[1], "4");
    assert!(zhou[2] <= zhou[3] && zhou[2].starts_with("2024-"), "{zhou:?}");
    let j = json(&["with", "高明远"], &s);
    let first = &j.as_array().unwrap()[0];
    assert_eq!(first["co_attendee"], "周文涛");
    assert_eq!(first["shared_meetings"], 4);

    // pairs: strongest first.
    let rows = csv_rows(&["pairs", "--top", "3"], &s);
    assert_eq!(rows.len(), 3);
    assert_eq!((rows[0][0].as_str(), rows[0][1].as_str(), rows[0][2].as_str()), ("周文涛", "高明远", "4"));
    assert!(rows.windows(2).all(|w| w[0][2].parse::<u32>().unwrap() >= w[1][2].parse::<u32>().unwrap()));

    // person: spells (none before reconcile) and meetings by role; with
    // --attestations also every post, meeting and body, merged into one CSV with
    // a section column.
    let rows = csv_rows(&["person", "高明远"], &s);
    let sections: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(sections.into_iter().collect::<Vec<_>>(), ["roles"]);
    assert!(rows.iter().any(|r| r[1..].contains(&"chair".to_string())));
    let rows = csv_rows(&["person", "高明远", "--attestations"], &s);
    let sections: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(sections.into_iter().collect::<Vec<_>>(), ["bodies", "meetings", "posts", "roles"]);
    assert!(rows.iter().any(|r| r[0] == "posts" && r.contains(&"市长".to_string())));
    assert!(rows.iter().any(|r| r[0] == "meetings" && r[1..].contains(&"chair".to_string())));
    let j = json(&["person", "高明远", "--attestations"], &s);
    assert!(j["posts"].as_array().unwrap().len() >= 2);
    assert!(j["bodies"].as_array().unwrap().iter().any(|b| b["body"] == "青岚市委"));

    // meeting: date, body, chair, everyone in list order, documents, sources.
    let j = json(&["meeting", "第十八次"], &s);
    let field = |k: &str| j["meeting"].as_array().unwrap().iter().find(|r| r["field"] == k).unwrap()["value"].clone();
    assert_eq!(field("date"), "2024-03-19");
    assert_eq!(field("chair"), "高明远");
    let present: Vec<&str> = j["present"].as_array().unwrap().iter().map(|r| r["person"].as_str().unwrap()).collect();
    assert_eq!(present[0], "高明远");
    let attendees: Vec<(i64, &str)> = j["present"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["role"] == "attendee")
        .map(|r| (r["position"].as_i64().unwrap(), r["person"].as_str().unwrap()))
        .collect();
    assert!(attendees.windows(2).all(|w| w[0].0 < w[1].0), "{attendees:?}");
    assert!(j["documents"].as_array().unwrap().iter().any(|d| d["status"] == "approved"));
    assert_eq!(j["sources"][0]["article"], "02_shizhengfu_changwuhuiyi_0320.txt");
    // A query matching several meetings lists them, and says so.
    let o = govkg(&["report", "meeting", "会议", "--store", &s]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("meetings match"), "{}", stderr(&o));

    // central: ranked, the metric's column first.
    let rows = csv_rows(&["central", "--metric", "degree", "--top", "3"], &s);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][..3], ["1", "高明远", "13"]);
    assert!(rows.windows(2).all(|w| w[0][2].parse::<f64>().unwrap() >= w[1][2].parse::<f64>().unwrap()));

    // homonyms: the fixtures' name in two provinces.
    let rows = csv_rows(&["homonyms"], &s);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][0], "林海峰");
    assert_eq!((rows[0][1].as_str(), rows[0][5].as_str()), ("广东省", "江苏省"));
    let o = govkg(&["report", "with", "林海峰", "--store", &s]);
    assert!(stderr(&o).contains("2 jurisdictions at the same time"), "{}", stderr(&o));

    // coverage: per source and month.
    let rows = csv_rows(&["coverage"], &s);
    let total: u32 = rows.iter().map(|r| r[2].parse::<u32>().unwrap()).sum();
    assert_eq!(total, 10);
    assert!(rows.iter().any(|r| r[0] == "江苏省人民政府网" && r[1] == "2024-04"), "{rows:?}");

    // stats.
    let j = json(&["stats"], &s);
    let count = |k: &str| j.as_array().unwrap().iter().find(|r| r["what"] == k).unwrap()["count"].as_u64().unwrap();
    assert_eq!(count("articles"), 10);
    assert!(count("participations") >= 40 && count("quads") > 1000);
}

#[test]
fn reports_read_a_cache_that_every_write_makes_stale() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("store").to_str().unwrap().to_string();
    let o = govkg(&["ingest", "examples/articles", "--store", &s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let cache = |name: &str| std::path::Path::new(&s).join(format!("govkg-{name}.cache"));
    let reports: [&[&str]; 5] =
        [&["stats"], &["pairs"], &["coverage"], &["person", "高明远"], &["meeting", "常务会议"]];
    let fresh: Vec<serde_json::Value> = reports.iter().map(|r| json(r, &s)).collect();
    for name in ["counts", "participations", "meetings", "articles", "holdings", "documents"] {
        assert!(cache(name).exists(), "{name}");
    }
    // Read again from the files, and from the store with --no-cache: the same answers.
    let stamp = std::fs::read(cache("participations")).unwrap();
    for (r, want) in reports.iter().zip(&fresh) {
        assert_eq!(&json(r, &s), want, "{r:?} from the cache");
        let mut nc = r.to_vec();
        nc.push("--no-cache");
        assert_eq!(&json(&nc, &s), want, "{r:?} from the store");
    }
    assert_eq!(std::fs::read(cache("participations")).unwrap(), stamp, "a hit leaves the file as it is");
    // A damaged file is ignored and rewritten.
    std::fs::write(cache("meetings"), b"govkg-cache garbage").unwrap();
    assert_eq!(json(&["pairs"], &s), fresh[1]);
    assert!(std::fs::read(cache("meetings")).unwrap().len() > 100);

    // Each kind of write is seen by the next report.
    let count = |s: &str, what: &str| -> i64 {
        let v = json(&["stats"], s);
        v.as_array().unwrap().iter().find(|r| r["what"] == what).unwrap()["count"].as_i64().unwrap()
    };
    let articles = count(&s, "articles");
    let o = govkg(&["ingest", "tests/report_fixtures", "--store", &s]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(count(&s, "articles") > articles, "ingest");
    let o = govkg(&["remove", "06_renda_changweihui_0529.txt", "--store", &s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after_remove = count(&s, "articles");
    let nq = dir.path().join("dump.nq");
    let o = govkg(&["export", "nquads", "-o", nq.to_str().unwrap(), "--store", &s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = dir.path().join("copy").to_str().unwrap().to_string();
    let o = govkg(&["ingest", "examples/articles/01_shiwei_changweihui_0312.txt", "--store", &t]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(count(&t, "articles"), 1);
    let o = govkg(&["load", nq.to_str().unwrap(), "--store", &t]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(count(&t, "articles"), after_remove, "load");
}

#[test]
fn fact_table_is_tidy_and_stable() {
    let (dir, s) = store();
    let out = dir.path().join("facts.csv");
    let o = govkg(&["export", "facts", "-o", out.to_str().unwrap(), "--store", &s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).unwrap();
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    for col in ["article", "meeting", "meeting_date", "body", "kind", "person", "role", "list", "position", "title"] {
        assert!(header.contains(&col.to_string()), "{col} missing");
    }
    for col in ["title_resolved", "sentence", "start", "end", "rule"] {
        assert!(header.contains(&col.to_string()), "{col} missing");
    }
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    // One row per participation of a person (stats count those of bodies too).
    let q = "PREFIX g: <https://w3id.org/govkg/ns#> SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { \
             ?m g:participation ?x . ?x g:participant ?p . ?p a g:Person }";
    let people = govkg(&["query", q, "--store", &s, "--format", "csv"]);
    assert!(people.status.success(), "{}", stderr(&people));
    let n: usize = stdout(&people).lines().nth(1).unwrap().trim().parse().unwrap();
    assert!(n > 0);
    assert_eq!(rows.len(), n);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let chair = rows.iter().find(|r| &r[col("person")] == "林海峰" && &r[col("role")] == "chair").unwrap();
    assert_eq!(&chair[col("rule")], "role.chair");
    assert!(chair[col("sentence")].contains("主持"));
    assert!(chair[col("start")].parse::<u32>().unwrap() < chair[col("end")].parse::<u32>().unwrap());
    // Same store, same bytes; JSON Lines has the same rows.
    let again = govkg(&["export", "facts", "--store", &s]);
    assert_eq!(again.stdout, bytes);
    let jl = govkg(&["export", "facts", "--format", "jsonl", "--store", &s]);
    let lines: Vec<serde_json::Value> = stdout(&jl).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), n);
    assert!(lines[0]["list"].is_u64());
}

#[test]
fn names_that_look_like_sparql_are_only_names() {
    let (_dir, s) = store();
    for evil in ["\"} ; DROP ALL ; {\"", "高明远\" || \"1\"=\"1", "\\\"}\\", "' } UNION { ?s ?p ?o } #", "{{}}"] {
        for cmd in ["with", "person"] {
            let o = govkg(&["report", cmd, evil, "--store", &s]);
            assert_eq!(o.status.code(), Some(2), "{cmd} {evil}");
            assert!(stderr(&o).contains("no such person"), "{}", stderr(&o));
        }
        let o = govkg(&["report", "meeting", evil, "--store", &s]);
        assert_eq!(o.status.code(), Some(2), "meeting {evil}");
        assert!(stderr(&o).contains("no meeting matches"), "{}", stderr(&o));
    }
    // The store is still whole.
    let o = govkg(&["report", "stats", "--store", &s, "--format", "csv"]);
    assert!(stdout(&o).contains("articles,10"));
}

/// The labels of an SVG's `<text>` elements and its number of circles.
fn svg_labels(xml: &str) -> (usize, Vec<String>) {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let (mut circles, mut texts, mut in_text) = (0, Vec::new(), false);
    loop {
        match r.read_event().unwrap() {
            Event::Empty(e) if e.name().as_ref() == b"circle" => circles += 1,
            Event::Start(e) if e.name().as_ref() == b"text" => in_text = true,
            Event::Text(t) if in_text => texts.push(t.decode().unwrap().into_owned()),
            Event::End(e) if e.name().as_ref() == b"text" => in_text = false,
            Event::Eof => break,
            _ => {}
        }
    }
    (circles, texts)
}

#[test]
fn plots_are_svg_with_a_label_per_node() {
    let (dir, s) = store();
    let net = dir.path().join("net.svg");
    let o = govkg(&["plot", "network", "-o", net.to_str().unwrap(), "--top", "10", "--store", &s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let xml = std::fs::read_to_string(&net).unwrap();
    let (circles, texts) = svg_labels(&xml);
    assert_eq!(circles, 10);
    // The title plus one label per node.
    assert_eq!(texts.len(), 11, "{texts:?}");
    assert!(texts.contains(&"高明远".to_string()), "{texts:?}");
    let ego = dir.path().join("ego.svg");
    let o = govkg(&["plot", "ego", "林海峰", "-o", ego.to_str().unwrap(), "--store", &s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (circles, texts) = svg_labels(&std::fs::read_to_string(&ego).unwrap());
    assert_eq!(circles, 3);
    for name in ["林海峰", "张明", "陈立"] {
        assert!(texts.contains(&name.to_string()), "{name}: {texts:?}");
    }
    // The same store draws the same picture.
    let again = dir.path().join("again.svg");
    govkg(&["plot", "network", "-o", again.to_str().unwrap(), "--top", "10", "--store", &s]);
    assert_eq!(std::fs::read(&again).unwrap(), xml.as_bytes());
}
