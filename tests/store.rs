//! The store's life cycle through the library, on the in-memory store: re-ingest,
//! edits, articles without facts, removal, duplicates by text, dump and reload.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use govkg::kg::rules::Rules;
use govkg::kg::{LoadMode, Store, Written};
use govkg::ops::ingest::{self, Event};
use oxigraph::io::RdfFormat;
use oxigraph::model::GraphNameRef;

/// Ingests `inputs` with the library call `govkg ingest` makes; gives each
/// article's key and what the store did, and the inputs skipped.
fn ingest_all(store: &Store, inputs: &[&str]) -> (BTreeMap<String, Written>, Vec<String>) {
    let mut written = BTreeMap::new();
    let summary = ingest::run(store, inputs, &Rules::builtin(), &ingest::Options::default(), |e| {
        if let Event::Written(a, w) = e {
            written.insert(a.doc.key.clone(), w.unwrap().clone());
        }
    })
    .unwrap();
    (written, summary.skipped.into_iter().map(|s| s.input).collect())
}

/// Each graph but the store's own (whose generation every write changes) as
/// sorted N-Quads lines, by graph name.
fn graphs(store: &Store) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for q in store.oxigraph().iter() {
        let q = q.unwrap();
        if q.graph_name.to_string() == format!("<{}>", govkg::kg::vocab::STORE_GRAPH) {
            continue;
        }
        out.entry(q.graph_name.to_string()).or_default().push(q.to_string());
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

const ARTICLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

#[test]
fn ingesting_twice_changes_nothing() {
    let store = Store::memory().unwrap();
    let (first, _) = ingest_all(&store, &[ARTICLES, FIXTURES]);
    assert!(first.values().all(|w| *w == Written::Added), "{first:?}");
    let before = graphs(&store);
    let (again, _) = ingest_all(&store, &[ARTICLES, FIXTURES]);
    assert!(again.values().all(|w| *w == Written::Unchanged), "{again:?}");
    assert_eq!(graphs(&store), before);
}

#[test]
fn an_edited_article_replaces_only_its_own_facts() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(ARTICLES), dir.path());
    let input = dir.path().to_str().unwrap();
    let store = Store::memory().unwrap();
    ingest_all(&store, &[input]);
    let before = graphs(&store);
    let name = "05_diaoyan_0510.txt";
    let path = dir.path().join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    // Another name for the person reported first: a different fact from the same article.
    let edited = text.replacen("。", "。市委副书记林书恒出席。", 1);
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    let (written, _) = ingest_all(&store, &[input]);
    let changed: Vec<_> = written.iter().filter(|(_, w)| **w != Written::Unchanged).collect();
    assert_eq!(changed, vec![(&name.to_string(), &Written::Replaced)]);
    let after = graphs(&store);
    let graph = store.article_by_key(name).unwrap().unwrap().to_string();
    for (g, quads) in &before {
        if *g == graph {
            assert_ne!(after[g], *quads, "the edited article's graph changed");
        } else {
            assert_eq!(after[g], *quads, "{g} is another article's graph and must not change");
        }
    }
    assert!(after[&graph].iter().any(|q| q.contains("林书恒")));
}

#[test]
fn a_version_without_facts_or_text_never_replaces_stored_facts() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(ARTICLES), dir.path());
    let input = dir.path().to_str().unwrap();
    let store = Store::memory().unwrap();
    ingest_all(&store, &[input]);
    let before = graphs(&store);
    let name = "01_shiwei_changweihui_0312.txt";
    // A page that came back empty, one that came back as binary, and one that
    // came back as text with nothing in it: the stored facts stay.
    for (bytes, expect) in [
        (&b""[..], None),
        (&b"\x00\x01\x02\xff\xfe\x00\x00\x10binary"[..], None),
        ("页面不存在或已被删除。".as_bytes(), Some(Written::KeptStored)),
    ] {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let (written, skipped) = ingest_all(&store, &[input]);
        assert_eq!(written.get(name), expect.as_ref(), "{skipped:?}");
        assert_eq!(skipped.len(), usize::from(expect.is_none()));
        assert_eq!(graphs(&store), before);
    }
    // A new article without facts is stored (so it is not read again), and a
    // later version with facts replaces it.
    let store = Store::memory().unwrap();
    let empty = dir.path().join("x");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join(name), "页面不存在或已被删除。").unwrap();
    let (w, _) = ingest_all(&store, &[empty.to_str().unwrap()]);
    assert_eq!(w[name], Written::Added);
    std::fs::copy(Path::new(ARTICLES).join(name), empty.join(name)).unwrap();
    let (w, _) = ingest_all(&store, &[empty.to_str().unwrap()]);
    assert_eq!(w[name], Written::Replaced);
}

#[test]
fn remove_takes_out_one_article() {
    let store = Store::memory().unwrap();
    ingest_all(&store, &[ARTICLES]);
    let before = graphs(&store);
    let name = "03_yingshang_lingdaoxiaozu_0409.txt";
    let g = store.article_by_key(name).unwrap().unwrap();
    assert!(store.remove_article(name).unwrap());
    assert!(!store.remove_article(name).unwrap());
    assert!(!store.remove_article("no/such/key").unwrap());
    let after = graphs(&store);
    assert_eq!(after.len(), before.len() - 1);
    assert!(!after.contains_key(&g.to_string()));
    assert!(!store.oxigraph().contains_named_graph(&g).unwrap());
    assert_eq!(
        store.oxigraph().quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref()))).count(),
        0
    );
    // Ingesting it again brings back the same facts.
    let (w, _) = ingest_all(&store, &[ARTICLES]);
    assert_eq!(w[name], Written::Added);
    assert_eq!(graphs(&store), before);
}

#[test]
fn the_same_text_under_two_keys_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    copy_dir(Path::new(ARTICLES), &a);
    let store = Store::memory().unwrap();
    ingest_all(&store, &[a.to_str().unwrap()]);
    let before = graphs(&store);
    // A repost: the same article under another name, with Windows line ends
    // and full-width spaces, which normalisation folds away.
    let b = dir.path().join("b");
    std::fs::create_dir(&b).unwrap();
    let text = std::fs::read_to_string(a.join("02_shizhengfu_changwuhuiyi_0320.txt")).unwrap();
    std::fs::write(b.join("repost.txt"), text.replace('\n', "\r\n")).unwrap();
    let (w, _) = ingest_all(&store, &[b.to_str().unwrap()]);
    assert_eq!(w["repost.txt"], Written::Duplicate { of: "02_shizhengfu_changwuhuiyi_0320.txt".into() });
    assert_eq!(graphs(&store), before);
    // Within one run too: the first of the two is stored.
    let store = Store::memory().unwrap();
    let (w, _) = ingest_all(&store, &[a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(w.values().filter(|w| matches!(w, Written::Duplicate { .. })).count(), 1);
    assert_eq!(store.articles().unwrap(), 8);
}

#[test]
fn a_dump_loads_back_into_the_same_store() {
    let store = Store::memory().unwrap();
    ingest_all(&store, &[ARTICLES, FIXTURES]);
    let nq = store.dump_dataset(RdfFormat::NQuads, Vec::new()).unwrap();
    let trig = store.dump_dataset(RdfFormat::TriG, Vec::new()).unwrap();
    assert!(!String::from_utf8_lossy(&nq).contains(govkg::kg::vocab::STORE_GRAPH), "the store's own graph stays home");
    for (bytes, format) in [(&nq, RdfFormat::NQuads), (&trig, RdfFormat::TriG)] {
        for mode in [LoadMode::Bulk { threads: 2, memory_mb: 64 }, LoadMode::Transactions] {
            let copy = Store::memory().unwrap();
            let loaded = copy.load(bytes.as_slice(), format, mode).unwrap();
            assert_eq!(loaded.articles, store.articles().unwrap());
            assert_eq!(copy.len().unwrap(), store.len().unwrap());
            assert_eq!(graphs(&copy), graphs(&store));
            assert_eq!(sorted_lines(&copy.dump_dataset(RdfFormat::NQuads, Vec::new()).unwrap()), sorted_lines(&nq));
        }
    }
    // Loading a dump into a store that holds it already changes nothing.
    store.load(nq.as_slice(), RdfFormat::NQuads, LoadMode::Transactions).unwrap();
    assert_eq!(sorted_lines(&store.dump_dataset(RdfFormat::NQuads, Vec::new()).unwrap()), sorted_lines(&nq));
}

fn sorted_lines(bytes: &[u8]) -> Vec<String> {
    let mut v: Vec<String> = String::from_utf8(bytes.to_vec()).unwrap().lines().map(String::from).collect();
    v.sort();
    v
}

#[test]
fn the_union_dump_holds_each_triple_once() {
    let store = Store::memory().unwrap();
    ingest_all(&store, &[ARTICLES]);
    let ttl = store.dump_union(RdfFormat::NTriples, Vec::new()).unwrap();
    let lines: Vec<&str> = std::str::from_utf8(&ttl).unwrap().lines().collect();
    let distinct: std::collections::BTreeSet<&str> = lines.iter().copied().collect();
    assert_eq!(lines.len(), distinct.len());
    // Every triple of every graph but the store's own.
    let own = format!("<{}>", govkg::kg::vocab::STORE_GRAPH);
    let triples: std::collections::BTreeSet<String> = store
        .oxigraph()
        .iter()
        .map(|q| q.unwrap())
        .filter(|q| q.graph_name.to_string() != own)
        .map(|q| format!("{} {} {} .", q.subject, q.predicate, q.object))
        .collect();
    assert_eq!(distinct.len(), triples.len());
    assert!(!distinct.iter().any(|l| l.starts_with(&own)), "the store's own graph is left out");
}
