//! The vocabulary the code emits is the vocabulary the ontology declares.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use govkg::kg::vocab::TERMS;

#[test]
fn every_emitted_term_is_declared() {
    let ttl = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/ontology/govkg.ttl")).unwrap();
    let declared: Vec<&str> = ttl
        .lines()
        .filter_map(|l| l.strip_prefix("govkg:"))
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    let missing: Vec<&&str> = TERMS.iter().filter(|t| !declared.contains(t)).collect();
    assert!(missing.is_empty(), "used in code but not declared in ontology/govkg.ttl: {missing:?}");
}

#[test]
fn every_mapped_term_is_listed() {
    // Every govkg: term the mapping writes must be in TERMS, so the test above covers it.
    let mapping = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/kg/mapping");
    let mut files: Vec<_> = std::fs::read_dir(&mapping).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() > 1, "no mapping files in {}", mapping.display());
    let mut src = String::new();
    for f in files {
        src += &std::fs::read_to_string(f).unwrap();
    }
    for extra in ["/src/reconcile/link.rs", "/src/kg/corrections.rs"] {
        src += &std::fs::read_to_string(format!("{}{extra}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    }
    let mut unlisted = Vec::new();
    for part in src.split("term(\"").skip(1) {
        let name = part.split('"').next().unwrap_or("");
        if !TERMS.contains(&name) {
            unlisted.push(name.to_string());
        }
    }
    for part in src.split("(\"").skip(1) {
        let name = part.split('"').next().unwrap_or("");
        if name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && name.chars().all(|c| c.is_ascii_alphabetic())
            && !TERMS.contains(&name)
        {
            unlisted.push(name.to_string());
        }
    }
    assert!(unlisted.is_empty(), "terms written by src/kg/mapping/ but missing from vocab::TERMS: {unlisted:?}");
}
