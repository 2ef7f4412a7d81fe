//! The people layer on the in-memory store: spells cut from holdings, persons
//! linked to reference data (one name split by jurisdiction), and the reports
//! built from the spells. The articles and reference files are in tests/people
//! (made-up officials, made-up ids).

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::path::{Path, PathBuf};

use govkg::identity::known::KnownPersons;
use govkg::identity::reference::Reference;
use govkg::kg::Store;
use govkg::kg::rows::SpellRow;
use govkg::kg::rules::Rules;
use govkg::lexicon::Lexicon;
use govkg::ops::ingest;
use govkg::reconcile::{link, spells};
use govkg::report;

fn dir(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn reconciled() -> (Store, link::Summary) {
    let store = Store::memory().unwrap();
    let inputs = [dir("tests/people/articles").display().to_string()];
    let s = ingest::run(&store, &inputs, &Rules::builtin(), &ingest::Options::default(), |_| {}).unwrap();
    assert!(s.skipped.is_empty(), "{s:?}");
    let reference = Reference::from_dir(&dir("tests/people/reference")).unwrap();
    let lexicon = Lexicon::builtin();
    let people = link::People { lexicon: &lexicon, reference: Some(&reference), spells: spells::Options::default() };
    let summary = link::reconcile_with(&store, &KnownPersons::builtin(), &people).unwrap();
    (store, summary)
}

fn spell<'a>(rows: &'a [SpellRow], name: &str, post: &str) -> &'a SpellRow {
    rows.iter().find(|s| s.name == name && s.post == post).unwrap_or_else(|| panic!("{name} {post}: {rows:#?}"))
}

#[test]
fn spells_run_from_first_to_last_attestation_and_a_successor_ends_them() {
    let (store, summary) = reconciled();
    let rows = store.spell_rows().unwrap();
    assert_eq!(summary.spells, rows.len());
    let s = spell(&rows, "沈景行", "江苏省委书记");
    assert_eq!((s.from.as_str(), s.to.as_str(), s.articles), ("2020-01-05", "2020-06-10", 2));
    assert_eq!(s.end_reason.as_deref(), Some("successor"));
    assert_eq!(s.person_id.as_deref(), Some("Q900000001"));
    assert_eq!(s.jurisdiction.as_deref(), Some("江苏省"));
    let t = spell(&rows, "田志刚", "江苏省委书记");
    assert_eq!((t.from.as_str(), t.end_reason.as_deref(), t.person_id.as_deref()), ("2021-11-20", None, None));
}

#[test]
fn one_name_is_split_by_jurisdiction_and_each_spell_gets_its_id() {
    let (store, summary) = reconciled();
    assert_eq!((summary.linked_persons, summary.split_persons), (1, 1), "{summary:?}");
    let rows = store.spell_rows().unwrap();
    assert_eq!(spell(&rows, "周文涛", "江苏省长").person_id.as_deref(), Some("Q900000002"));
    assert_eq!(spell(&rows, "周文涛", "浙江省副省长").person_id.as_deref(), Some("Q900000003"));
    let ids = store.identity_rows().unwrap();
    let zhou = ids.iter().find(|i| i.name == "周文涛").unwrap();
    assert_eq!(zhou.status, "split");
    assert_eq!(zhou.entities.len(), 2);
    let shen = ids.iter().find(|i| i.name == "沈景行").unwrap();
    assert_eq!((shen.status.as_str(), shen.person_id.as_deref()), ("linked", Some("Q900000001")));
    assert_eq!(shen.entities, ["http://www.wikidata.org/entity/Q900000001"]);
    let homonyms = report::reference_homonyms(&ids);
    assert_eq!(homonyms.rows.len(), 1);
}

#[test]
fn post_lists_holders_in_order_and_careers_agree_with_the_query() {
    let (store, _) = reconciled();
    let rows = store.spell_rows().unwrap();
    let articles = store.article_rows().unwrap();
    let r = report::post("江苏省委书记", &rows, &articles).unwrap();
    let holders: Vec<String> = r.sections[0].table.rows.iter().map(|r| r[1].display()).collect();
    assert_eq!(holders, ["沈景行", "田志刚"]);
    let careers = report::career_table(&rows, &articles);
    assert_eq!(careers.header, report::CAREER_COLUMNS);
    assert_eq!(careers.rows.len(), rows.len());
    let q = std::fs::read_to_string(dir("examples/queries/career_spells.rq")).unwrap();
    let oxigraph::sparql::QueryResults::Solutions(sol) = store.query(&q).unwrap() else { panic!() };
    assert_eq!(sol.count(), rows.len());
}

#[test]
fn reconcile_is_the_same_on_a_second_run() {
    let (a, _) = reconciled();
    let (b, _) = reconciled();
    assert_eq!(a.spell_rows().unwrap(), b.spell_rows().unwrap());
}
