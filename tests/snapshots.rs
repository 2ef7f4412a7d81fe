//! Snapshot tests: the full extraction record of every fixture article is
//! committed under `tests/snapshots/`. A change in extraction shows up as a diff
//! to review; run with `UPDATE_SNAPSHOTS=1` to accept it.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use govkg::lexicon::Lexicon;
use govkg::pipeline::{Outcome, run};
use govkg::record::Record;

#[test]
fn fixture_records_match_snapshots() {
    let root = env!("CARGO_MANIFEST_DIR");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let lex = Lexicon::builtin();
    let inputs = [format!("{root}/tests/fixtures"), format!("{root}/examples/articles")];
    let mut diffs = Vec::new();
    let mut n = 0;
    run(&inputs, &lex, |o| {
        let Outcome::Article(a) = o else { return };
        let mut rec = Record::new(&a.doc, &a.extraction);
        let name = rec.source.rsplit('/').next().unwrap_or_default().to_string();
        rec.source = name.clone();
        let json = serde_json::to_string_pretty(&rec).unwrap() + "\n";
        let path = format!("{root}/tests/snapshots/{name}.json");
        n += 1;
        if update {
            std::fs::write(&path, &json).unwrap();
            return;
        }
        match std::fs::read_to_string(&path) {
            Ok(old) if old == json => {}
            Ok(_) => diffs.push(format!("{name}: extraction changed (review, then UPDATE_SNAPSHOTS=1)")),
            Err(_) => diffs.push(format!("{name}: no snapshot at {path} (run with UPDATE_SNAPSHOTS=1)")),
        }
    });
    assert!(n >= 10, "only {n} fixture articles read");
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}
