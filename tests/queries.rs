//! Every query in examples/queries runs on the sample graph (examples/articles)
//! and gives the results in examples/queries/expected/NAME.tsv (SPARQL TSV).
//! The same holds on a store loaded back from an N-Quads dump of it.
//! `UPDATE=1 cargo test --test queries` rewrites the expected files.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::path::{Path, PathBuf};

use govkg::kg::rules::Rules;
use govkg::kg::{LoadMode, Store};
use govkg::ops::ingest;
use oxigraph::io::RdfFormat;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/queries");

fn sample() -> Store {
    let store = Store::memory().unwrap();
    let inputs = [concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles")];
    ingest::run(&store, &inputs, &Rules::builtin(), &ingest::Options::default(), |_| {}).unwrap();
    store
}

/// The sample graph after `govkg reconcile`: spells are in the reconcile graph
/// (career_spells.rq).
fn reconciled() -> Store {
    let store = sample();
    govkg::reconcile::link::reconcile(&store, &govkg::identity::known::KnownPersons::builtin()).unwrap();
    store
}

/// The results as SPARQL TSV, and how many rows.
fn tsv(store: &Store, sparql: &str) -> (String, usize) {
    let QueryResults::Solutions(rows) = store.query(sparql).unwrap() else { panic!("not a SELECT query") };
    let vars = rows.variables().to_vec();
    let mut out = Vec::new();
    let mut ser = QueryResultsSerializer::from_format(QueryResultsFormat::Tsv)
        .serialize_solutions_to_writer(&mut out, vars)
        .unwrap();
    let mut n = 0;
    for row in rows {
        ser.serialize(&row.unwrap()).unwrap();
        n += 1;
    }
    ser.finish().unwrap();
    (String::from_utf8(out).unwrap(), n)
}

fn queries() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    v.sort();
    v
}

fn expected_path(q: &Path) -> PathBuf {
    Path::new(DIR).join("expected").join(q.with_extension("tsv").file_name().unwrap())
}

#[test]
fn every_example_query_gives_its_expected_results() {
    let store = reconciled();
    let update = std::env::var_os("UPDATE").is_some();
    let qs = queries();
    assert!(qs.len() >= 6, "{qs:?}");
    let mut failed = Vec::new();
    for q in &qs {
        let (got, rows) = tsv(&store, &std::fs::read_to_string(q).unwrap());
        let name = q.file_name().unwrap().to_string_lossy().to_string();
        assert!(rows > 0, "{name} finds nothing in the sample graph");
        let exp = expected_path(q);
        if update {
            std::fs::write(&exp, &got).unwrap();
            continue;
        }
        let want =
            std::fs::read_to_string(&exp).unwrap_or_else(|_| panic!("{}: missing (run with UPDATE=1)", exp.display()));
        if got != want {
            failed.push(format!("{name}:\n--- expected\n{want}--- got\n{got}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn a_store_loaded_from_a_dump_answers_the_same() {
    let store = sample();
    let nq = store.dump_dataset(RdfFormat::NQuads, Vec::new()).unwrap();
    let copy = Store::memory().unwrap();
    copy.load(nq.as_slice(), RdfFormat::NQuads, LoadMode::Bulk { threads: 2, memory_mb: 64 }).unwrap();
    assert_eq!(copy.len().unwrap(), store.len().unwrap());
    assert_eq!(copy.articles().unwrap(), store.articles().unwrap());
    for q in queries() {
        let sparql = std::fs::read_to_string(&q).unwrap();
        assert_eq!(tsv(&copy, &sparql), tsv(&store, &sparql), "{}", q.display());
    }
}
