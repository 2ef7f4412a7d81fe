//! Identity across articles, on the in-memory store: posts as entities, holders
//! of a post in a year, a person's career, meetings reconciled across articles,
//! homonyms split by the known-persons file, and corrections that survive
//! re-ingests. The articles are in tests/identity/articles (a fictional city).

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::path::{Path, PathBuf};

use govkg::identity::known::KnownPersons;
use govkg::kg::Store;
use govkg::kg::corrections::Corrections;
use govkg::kg::rules::Rules;
use govkg::lexicon::Lexicon;
use govkg::ops::ingest::{self, Event};
use oxigraph::sparql::QueryResults;

fn dir(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The rules of tests/identity/rules: its lexicon files and known persons.
fn rules() -> Rules {
    Rules::load(Some(&dir("tests/identity/rules")), None).unwrap()
}

/// Ingests `inputs` into `store` with the library call `govkg ingest` makes;
/// every input must be read.
fn ingest(store: &Store, inputs: &[PathBuf], rules: &Rules) {
    let inputs: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    let summary = ingest::run(store, &inputs, rules, &ingest::Options::default(), |e| {
        assert!(!matches!(e, Event::Skipped(_)), "{e:?}");
    })
    .unwrap();
    assert!(summary.skipped.is_empty(), "{summary:?}");
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
    ingest(&store, &[dir("tests/identity/articles")], &rules());
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

#[test]
fn two_articles_about_one_meeting_give_one_canonical_meeting() {
    let store = fixture_store();
    let known = rules().known;
    let before = presences(&store);
    let s = govkg::reconcile::link::reconcile(&store, &known).unwrap();
    assert_eq!((s.canonical_meetings, s.linked_meetings), (1, 2), "{s:?}");
    // Participants are the union, each traced to the article that names them.
    let q = r#"PREFIX govkg: <https://w3id.org/govkg/ns#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT DISTINCT ?label ?name ?key WHERE {
          ?m govkg:canonical ?c . ?c rdfs:label ?label .
          GRAPH ?g { ?m govkg:participation ?x . ?x govkg:participant ?p . ?p rdfs:label ?name . ?g dcterms:identifier ?key }
        } ORDER BY ?key ?name"#;
    let got = tsv(&rows(&store, q));
    assert_eq!(
        got,
        "青岚市委常委会第五十次会议\t周文涛\tqinglan_daily_0312.txt\n\
         青岚市委常委会第五十次会议\t沈景行\tqinglan_daily_0312.txt\n\
         青岚市委常委会第五十次会议\t高明远\tqinglan_daily_0312.txt\n\
         青岚市委常委会第五十次会议\t卢静怡\tqinglan_news_0312.txt\n\
         青岚市委常委会第五十次会议\t梅晓岚\tqinglan_news_0312.txt\n\
         青岚市委常委会第五十次会议\t沈景行\tqinglan_news_0312.txt\n\
         青岚市委常委会第五十次会议\t田志刚\tqinglan_news_0312.txt\n"
    );
    // Presences and meetings see the canonical meeting once, not its two members.
    let after = presences(&store);
    let meetings = store.meeting_rows().unwrap();
    let canon: Vec<_> = meetings.iter().filter(|m| m.label == "青岚市委常委会第五十次会议").collect();
    assert_eq!(canon.len(), 1, "{meetings:?}");
    let at: Vec<&str> = after.iter().filter(|p| p.1 == canon[0].iri).map(|p| p.0.as_str()).collect();
    assert_eq!(at, ["卢静怡", "周文涛", "梅晓岚", "沈景行", "田志刚", "高明远"]);
    assert!(after.len() < before.len());
    // A second run replaces the graph rather than adding to it.
    let n = store.len().unwrap();
    assert_eq!(govkg::reconcile::link::reconcile(&store, &known).unwrap(), s);
    assert_eq!(store.len().unwrap(), n);
}

#[test]
fn homonyms_of_two_provinces_stay_two_people() {
    let store = Store::memory().unwrap();
    let rules = rules();
    ingest(&store, &[dir("tests/identity/homonyms")], &rules);
    let s = govkg::reconcile::link::reconcile(&store, &rules.known).unwrap();
    assert_eq!((s.known_persons, s.external_ids), (2, 2));
    let q = r#"PREFIX govkg: <https://w3id.org/govkg/ns#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT DISTINCT ?id ?post ?same WHERE {
          ?p rdfs:label "许文远" ; govkg:knownPersonId ?id ; govkg:holdsPost/rdfs:label ?post .
          OPTIONAL { ?p owl:sameAs ?same } OPTIONAL { ?p govkg:externalId ?same }
        } ORDER BY ?id"#;
    assert_eq!(
        tsv(&rows(&store, q)),
        "xwy-js\t江苏省副省长\t<https://example.org/person/xwy-js>\nxwy-zj\t浙江省副省长\tcped:test-2\n"
    );
    let people: std::collections::BTreeSet<String> = presences(&store).into_iter().map(|p| p.0).collect();
    assert!(people.contains("许文远 [xwy-js]") && people.contains("许文远 [xwy-zj]"), "{people:?}");
    // Without the file, the name is one node.
    let plain = Store::memory().unwrap();
    let without = Rules::new(rules.lexicon.clone(), KnownPersons::builtin(), Corrections::empty());
    ingest(&plain, &[dir("tests/identity/homonyms")], &without);
    let n = rows(&plain, r#"SELECT DISTINCT ?p WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> "许文远" }"#);
    assert_eq!(n.len(), 1);
}

/// Every (person, meeting) presence, a canonical meeting in place of its
/// members; a person the known-persons file identifies is `name [id]`. Sorted.
fn presences(store: &Store) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = store
        .presence_rows()
        .unwrap()
        .into_iter()
        .filter(|p| p.role.is_present())
        .map(|p| {
            let who = match govkg::kg::iri::known_person_id(&p.person) {
                Some(id) => format!("{} [{id}]", p.name),
                None => p.name,
            };
            (who, p.meeting)
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Ingests one article, with corrections, as `govkg ingest` does.
fn ingest_text(store: &Store, dir: &Path, name: &str, text: &str, corr: &Corrections) {
    std::fs::write(dir.join(name), text).unwrap();
    let rules = Rules::new(Lexicon::builtin(), KnownPersons::builtin(), corr.clone());
    ingest(store, &[dir.join(name)], &rules);
}

#[test]
fn corrections_survive_reingests_of_the_same_and_a_changed_article() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::memory().unwrap();
    let text = std::fs::read_to_string(dir("tests/identity/articles/qinglan_daily_0312.txt")).unwrap();
    let path = tmp.path().join("corrections.tsv");
    std::fs::write(
        &path,
        "# A curator's corrections.\n\
         suppress\tcorr.txt\tperson:周文涛\tgovkg:attends\t*\n\
         add\tcorr.txt\tperson:沈景行\tgovkg:holdsTitle\t\"青岚市委书记\"\n\
         rename\tcorr.txt\t高明远\t高明源\n",
    )
    .unwrap();
    let corr = Corrections::load(&path).unwrap();
    let check = |store: &Store| {
        let attends = rows(
            store,
            r#"PREFIX govkg: <https://w3id.org/govkg/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
               SELECT DISTINCT ?n WHERE { ?p govkg:attends ?m ; rdfs:label ?n } ORDER BY ?n"#,
        );
        let names: Vec<&str> = attends.iter().map(|r| r[0].as_str()).collect();
        assert!(!names.contains(&"周文涛") && !names.contains(&"高明远"), "{names:?}");
        assert!(names.contains(&"高明源") && names.contains(&"沈景行"), "{names:?}");
        // Each applied line is a correction attributed to the file and line.
        let prov = rows(
            store,
            r#"PREFIX govkg: <https://w3id.org/govkg/ns#> PREFIX prov: <http://www.w3.org/ns/prov#>
               SELECT ?action ?line ?file WHERE { GRAPH ?g { ?c a govkg:Correction ; govkg:action ?action ;
               govkg:sourceLine ?line ; prov:wasAttributedTo ?file } } ORDER BY ?line"#,
        );
        let lines: Vec<(&str, &str)> = prov.iter().map(|r| (r[0].as_str(), r[1].as_str())).collect();
        assert_eq!(lines, [("suppress", "2"), ("add", "3"), ("rename", "4")]);
        assert!(prov.iter().all(|r| r[2].contains("corrections.tsv")), "{prov:?}");
        let added = rows(
            store,
            r#"PREFIX govkg: <https://w3id.org/govkg/ns#> SELECT ?t WHERE { <https://w3id.org/govkg/id/person/沈景行> govkg:holdsTitle ?t }"#,
        );
        assert!(added.iter().any(|r| r[0] == "青岚市委书记"));
    };
    ingest_text(&store, tmp.path(), "corr.txt", &text, &corr);
    check(&store);
    let n = store.len().unwrap();
    ingest_text(&store, tmp.path(), "corr.txt", &text, &corr);
    check(&store);
    assert_eq!(store.len().unwrap(), n);
    let changed = text.replace("会议审议通过", "会议强调要抓好落实。会议审议通过");
    ingest_text(&store, tmp.path(), "corr.txt", &changed, &corr);
    check(&store);
    // Without the corrections the article's own facts come back.
    ingest_text(&store, tmp.path(), "corr.txt", &text, &Corrections::empty());
    let q = r#"PREFIX govkg: <https://w3id.org/govkg/ns#> ASK { <https://w3id.org/govkg/id/person/周文涛> govkg:attends ?m }"#;
    assert!(matches!(store.query(q).unwrap(), QueryResults::Boolean(true)));
    let q = r#"PREFIX govkg: <https://w3id.org/govkg/ns#> ASK { ?c a govkg:Correction }"#;
    assert!(matches!(store.query(q).unwrap(), QueryResults::Boolean(false)));
}

/// The commands as a user runs them: ingest with rules and corrections, reconcile twice.
#[cfg(feature = "rocksdb")]
#[test]
fn ingest_then_reconcile_on_disk() {
    use std::process::Command;
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let corr = tmp.path().join("fixes.tsv");
    std::fs::write(&corr, "suppress\tqinglan_news_0312.txt\tperson:卢静怡\tgovkg:attends\t*\n").unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_govkg"))
            .args(args)
            .arg("--store")
            .arg(&store)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        (String::from_utf8(o.stdout).unwrap(), String::from_utf8(o.stderr).unwrap())
    };
    let corr = corr.display().to_string();
    run(&["ingest", "tests/identity/articles", "--rules", "tests/identity/rules", "--corrections", &corr]);
    let (_, err) = run(&["reconcile", "--rules", "tests/identity/rules"]);
    assert!(err.contains("2 reported by several articles linked to 1 canonical meetings"), "{err}");
    run(&["reconcile", "--rules", "tests/identity/rules"]);
    let (out, _) = run(&[
        "query",
        "--format",
        "tsv",
        "PREFIX govkg: <https://w3id.org/govkg/ns#> SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?m govkg:canonical ?c }",
    ]);
    assert!(out.lines().nth(1).unwrap().starts_with("\"1\"") || out.lines().nth(1).unwrap().starts_with('1'), "{out}");
    let (out, _) = run(&["report", "with", "沈景行", "--format", "tsv"]);
    assert!(!out.contains("卢静怡"), "{out}");
    assert!(out.contains("田志刚") && out.contains("周文涛"), "{out}");
}
