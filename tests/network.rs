//! `govkg export graphml|gexf|csv` run on stores of the sample articles, as a user would.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
#![cfg(feature = "rocksdb")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn govkg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govkg")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn ok(o: &Output) {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn store_of(dir: &Path, inputs: &[&str]) -> PathBuf {
    let store = dir.join("store");
    let mut args = vec!["ingest"];
    args.extend(inputs);
    args.extend(["--store", store.to_str().unwrap()]);
    let o = govkg(&args);
    assert!(o.status.code().unwrap() <= 1, "{}", String::from_utf8_lossy(&o.stderr));
    store
}

/// Exports CSV into a fresh folder and gives (nodes.csv, edges.csv) as text.
fn csv(store: &Path, out: &Path, extra: &[&str]) -> (String, String) {
    let mut args = vec!["export", "csv", "--store", store.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend(extra);
    ok(&govkg(&args));
    (std::fs::read_to_string(out.join("nodes.csv")).unwrap(), std::fs::read_to_string(out.join("edges.csv")).unwrap())
}

fn rows(table: &str) -> usize {
    table.lines().count() - 1
}

fn column<'a>(table: &'a str, name: &str) -> Vec<&'a str> {
    let mut lines = table.lines();
    let i = lines.next().unwrap().split(',').position(|c| c == name).unwrap();
    lines.map(|l| l.split(',').nth(i).unwrap()).collect()
}

#[test]
fn graphml_gexf_and_csv_describe_the_same_network() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_of(dir.path(), &["examples/articles"]);
    let s = store.to_str().unwrap();
    let (nodes, edges) = csv(&store, &dir.path().join("csv"), &["--edge-meetings"]);
    assert!(nodes.starts_with("Id,Label,kind,meetings,first_date,last_date,degree,weighted_degree,betweenness,"));
    assert!(edges.starts_with("Source,Target,Type,Id,Weight,meetings,first_date,last_date\n"));
    let (n, m) = (rows(&nodes), rows(&edges));
    assert!(n >= 10 && m >= 20, "{n} nodes, {m} edges");
    // Each edge's meetings are listed once per meeting in edge_meetings.csv.
    let em = std::fs::read_to_string(dir.path().join("csv/edge_meetings.csv")).unwrap();
    let listed: usize = column(&edges, "meetings").iter().map(|x| x.parse::<usize>().unwrap()).sum();
    assert_eq!(rows(&em), listed);

    let graphml = dir.path().join("net.graphml");
    ok(&govkg(&["export", "graphml", "--store", s, "-o", graphml.to_str().unwrap()]));
    let xml = std::fs::read_to_string(&graphml).unwrap();
    assert_eq!(xml.matches("<node ").count(), n);
    assert_eq!(xml.matches("<edge ").count(), m);
    assert!(xml.contains("edgedefault=\"undirected\""));
    assert!(xml.contains("attr.name=\"weight\" attr.type=\"double\""));
    assert!(xml.contains("attr.name=\"community\" attr.type=\"int\""));
    assert!(xml.contains("<data key=\"label\">周文涛</data>"));

    let gexf = dir.path().join("net.gexf");
    ok(&govkg(&["export", "gexf", "--store", s, "-o", gexf.to_str().unwrap()]));
    let x = std::fs::read_to_string(&gexf).unwrap();
    assert!(x.contains("xmlns=\"http://gexf.net/1.3\"") && x.contains("timeformat=\"date\""));
    assert_eq!(x.matches("<node ").count(), n);
    assert_eq!(x.matches("<edge ").count(), m);
    assert!(x.contains("<spell start=\"20"));

    // Standard output gives the same bytes as the file, and a second run the same again.
    let o = govkg(&["export", "graphml", "--store", s]);
    ok(&o);
    assert_eq!(o.stdout, xml.as_bytes());
}

#[test]
fn weights_and_filters_change_the_network() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_of(dir.path(), &["examples/articles"]);
    let (nodes, edges) = csv(&store, &dir.path().join("count"), &[]);
    let count: Vec<f64> = column(&edges, "Weight").iter().map(|w| w.parse().unwrap()).collect();
    assert!(count.iter().all(|&w| w >= 1.0 && w.fract() == 0.0));

    let (_, newman) = csv(&store, &dir.path().join("newman"), &["--weight", "newman"]);
    let nw: Vec<f64> = column(&newman, "Weight").iter().map(|w| w.parse().unwrap()).collect();
    assert_eq!(nw.len(), count.len());
    assert!(nw.iter().zip(&count).all(|(a, b)| a <= b) && nw.iter().zip(&count).any(|(a, b)| a < b));

    let (_, jac) = csv(&store, &dir.path().join("jaccard"), &["--weight", "jaccard"]);
    assert!(column(&jac, "Weight").iter().all(|w| (0.0..=1.0).contains(&w.parse::<f64>().unwrap())));

    let (_, heavy) = csv(&store, &dir.path().join("heavy"), &["--min-weight", "2"]);
    assert_eq!(rows(&heavy), count.iter().filter(|&&w| w >= 2.0).count());

    let (_, nochair) = csv(&store, &dir.path().join("nochair"), &["--exclude-roles", "chair"]);
    assert!(rows(&nochair) < rows(&edges));

    let (n2, e2) = csv(&store, &dir.path().join("range"), &["--from", "2030-01-01"]);
    assert_eq!((rows(&n2), rows(&e2)), (0, 0));

    let (bn, be) = csv(&store, &dir.path().join("bip"), &["--network", "bipartite"]);
    let people = column(&bn, "kind").iter().filter(|k| **k == "person").count();
    assert_eq!(people, rows(&nodes));
    assert!(column(&bn, "kind").contains(&"meeting"));
    assert!(column(&be, "roles").iter().any(|r| r.contains("chair")));

    let o = govkg(&["export", "csv", "--store", store.to_str().unwrap(), "-o", "x", "--from", "2022-13-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("2022-13-01: not a date"));
}

#[test]
fn the_cache_follows_the_store_and_survives_damage() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_of(dir.path(), &["examples/articles/01_shiwei_changweihui_0312.txt"]);
    let cache = store.join("govkg-network.cache");
    // Ingest leaves a current cache behind.
    assert!(cache.exists());
    let written = std::fs::read(&cache).unwrap();
    let (n1, e1) = csv(&store, &dir.path().join("a"), &[]);
    assert_eq!(std::fs::read(&cache).unwrap(), written);
    // A damaged cache is ignored and rewritten; the answer is the same.
    std::fs::write(&cache, b"govkg-network-cache 1 garbage").unwrap();
    assert_eq!(csv(&store, &dir.path().join("b"), &[]), (n1.clone(), e1.clone()));
    assert!(std::fs::read(&cache).unwrap().len() > 100);
    assert_eq!(csv(&store, &dir.path().join("c"), &["--no-cache"]), (n1.clone(), e1.clone()));
    // Ingesting more articles changes the key: the next export sees them.
    let o = govkg(&["ingest", "examples/articles", "--store", store.to_str().unwrap()]);
    ok(&o);
    let (n2, _) = csv(&store, &dir.path().join("d"), &[]);
    let (n3, _) = csv(&store, &dir.path().join("e"), &["--no-cache"]);
    assert!(rows(&n2) > rows(&n1));
    assert_eq!(n2, n3);
    // Remove, reconcile and load leave a cache behind that is current for what they wrote.
    let st = store.to_str().unwrap();
    let nq = dir.path().join("dump.nq");
    ok(&govkg(&["export", "nquads", "-o", nq.to_str().unwrap(), "--store", st]));
    let steps: [&[&str]; 3] =
        [&["remove", "06_renda_changweihui_0529.txt"], &["reconcile"], &["load", nq.to_str().unwrap()]];
    for (i, step) in steps.iter().enumerate() {
        let before = std::fs::read(&cache).unwrap();
        let mut args = step.to_vec();
        args.extend_from_slice(&["--store", st]);
        ok(&govkg(&args));
        let after = std::fs::read(&cache).unwrap();
        assert_ne!(after, before, "{step:?} rewrote the cache");
        let out = dir.path().join(format!("s{i}"));
        assert_eq!(csv(&store, &out, &[]), csv(&store, &dir.path().join(format!("n{i}")), &["--no-cache"]));
        assert_eq!(std::fs::read(&cache).unwrap(), after, "{step:?}: the next read was a hit");
    }
}
