//! Identity across articles, on the in-memory store: posts as entities, holders
//! of a post in a year, a person's career, meetings reconciled across articles,
//! homonyms split by the known-persons file, and corrections that survive
//! re-ingests. The articles are in tests/identity/articles (a fictional city).

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::path::{Path, PathBuf};

use govkg::kg::Store;
use govkg::kg::mapping::{self, Context, Provenance};
use govkg::lexicon::Lexicon;
use govkg::pipeline::{self, Outcome};
use govkg::reconcile::known::KnownPersons;
use oxigraph::sparql::QueryResults;

fn dir(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn rules() -> (Lexicon, KnownPersons) {
    let r = dir("tests/identity/rules");
    (Lexicon::with_dir(&r).unwrap(), KnownPersons::with_dir(&r).unwrap())
}

/// Ingests `inputs` into `store` the way `govkg ingest` does.
fn ingest(store: &Store, inputs: &[PathBuf], lex: &Lexicon, known: &KnownPersons) {
    let ctx = Context { lexicon: lex, known };
    let prov = Provenance { version: govkg::VERSION, rules_hash: &lex.hash };
    let inputs: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    pipeline::run(&inputs, lex, |o| {
        let Outcome::Article(a) = o else { panic!("skipped") };
        let quads = mapping::article_quads_in(&a.doc, &a.extraction, &prov, &ctx);
        store
            .write_article(&mapping::article_iri(&a.doc), &quads, &a.doc.content_hash, prov.version, prov.rules_hash)
            .unwrap();
    });
}

fn rows(store: &Store, q: &str) -> Vec<Vec<String>> {
    let QueryResults::Solutions(sol) = store.query(q).unwrap() else { panic!("not a SELECT") };
    let vars: Vec<_> = sol.variables().to_vec();
    sol.map(|r| {
        let r = r.unwrap();
        vars.iter()
            .map(|v| match r.get(v) {
                Some(oxigraph::model::Term::Literal(l)) => l.value().to_string(),
                Some(t) => t.to_string(),
                None => String::new(),
            })
            .collect()
    })
    .collect()
}

fn tsv(rows: &[Vec<String>]) -> String {
    rows.iter().map(|r| r.join("\t") + "\n").collect()
}

fn fixture_store() -> Store {
    let store = Store::memory().unwrap();
    let (lex, known) = rules();
    ingest(&store, &[dir("tests/identity/articles")], &lex, &known);
    store
}

fn example_query(name: &str) -> (String, String) {
    let q = std::fs::read_to_string(dir(&format!("examples/queries/{name}.rq"))).unwrap();
    let expected = std::fs::read_to_string(dir(&format!("examples/queries/{name}.expected.tsv"))).unwrap();
    (q, expected)
}

#[test]
fn holders_of_a_post_in_a_year() {
    let store = fixture_store();
    let (q, expected) = example_query("holders_of_post");
    let got = rows(&store, &q);
    assert_eq!(tsv(&got), expected);
    // The former mayor named in 2024 is not a holder in 2024.
    assert!(got.iter().all(|r| r[0] != "何立群"), "{got:?}");
}

#[test]
fn a_persons_posts_in_order() {
    let store = fixture_store();
    let (q, expected) = example_query("career");
    assert_eq!(tsv(&rows(&store, &q)), expected);
}

#[test]
fn variant_spellings_of_a_post_are_one_node() {
    let store = fixture_store();
    // 青岚市委书记 (written in full) and 市委书记 (in an article about 青岚市) are one post.
    let q = r#"PREFIX govkg: <https://w3id.org/govkg/ns#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX org: <http://www.w3.org/ns/org#>
        SELECT DISTINCT ?post ?body ?written WHERE {
          ?post rdfs:label "青岚市委书记" ; org:postIn/rdfs:label ?body .
          ?h govkg:post ?post ; govkg:titleAsWritten ?written .
        } ORDER BY ?written"#;
    let got = rows(&store, q);
    let written: Vec<&str> = got.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(written, ["市委书记", "青岚市委书记"]);
    assert!(got.iter().all(|r| r[0] == got[0][0] && r[1] == "青岚市委"), "{got:?}");
}

#[test]
fn a_former_post_is_never_held_at_the_article_date() {
    let store = fixture_store();
    let q = r#"PREFIX govkg: <https://w3id.org/govkg/ns#>
        SELECT ?h WHERE { ?h govkg:status govkg:Former . { ?h govkg:heldOn ?d } UNION { ?p govkg:holdsPost ?post . ?p govkg:holding ?h . ?h govkg:post ?post . FILTER NOT EXISTS { ?p govkg:holding ?h2 . ?h2 govkg:post ?post . ?h2 govkg:status ?s2 . FILTER (?s2 != govkg:Former) } } }"#;
    assert!(rows(&store, q).is_empty());
    let q = r#"PREFIX govkg: <https://w3id.org/govkg/ns#>
        SELECT ?h WHERE { ?h govkg:status govkg:Former ; govkg:attestedOn ?d }"#;
    assert_eq!(rows(&store, q).len(), 1);
}
