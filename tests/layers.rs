//! Imports run one way: down the floors ARCHITECTURE.md lists. Reads every file
//! of the library (`src/`, the binary's `src/cli/` and `src/main.rs` aside),
//! lists its `crate::` edges (comments left out), and fails on any edge from a
//! floor to the same or a higher one, naming the file and line.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::path::{Path, PathBuf};

/// The floors, lowest first. A module may use modules of lower floors only.
/// Keep in step with the codemap in ARCHITECTURE.md.
const FLOORS: &[&[&str]] = &[
    &["budget", "charset", "date", "rx"],
    &["ingest", "lexicon"],
    &["normalize"],
    &["extract"],
    &["pipeline", "resolve"],
    &["identity", "record"],
    &["kg"],
    &["network", "reconcile"],
    &["plot", "report", "serve"],
    &["ops"],
];

fn floor(module: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&module))
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top module a file of `src/` belongs to (`src/kg/store.rs` → `kg`).
fn module_of(rel: &Path) -> String {
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().to_string();
    first.trim_end_matches(".rs").to_string()
}

/// Every `crate::NAME` a line of code names (comments left out).
fn edges(line: &str) -> Vec<String> {
    let code = line.trim_start();
    if code.starts_with("//") {
        return Vec::new();
    }
    let code = code.split(" //").next().unwrap_or(code);
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let name: String = after.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
        if !name.is_empty() {
            out.push(name);
        }
        rest = after;
    }
    out
}

#[test]
fn no_module_imports_from_its_own_floor_or_above() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut upward = Vec::new();
    let mut unknown = Vec::new();
    let mut seen = 0;
    for path in &all {
        let rel = path.strip_prefix(&src).unwrap();
        let from = module_of(rel);
        if from == "cli" || from == "main" || from == "lib" {
            continue;
        }
        let Some(f) = floor(&from) else {
            unknown.push(format!("src/{}: module {from} is on no floor", rel.display()));
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in text.lines().enumerate() {
            for to in edges(line) {
                if to == from {
                    continue;
                }
                seen += 1;
                match floor(&to) {
                    Some(t) if t < f => {}
                    Some(_) => upward.push(format!("src/{}:{}: {from} uses {to}", rel.display(), n + 1)),
                    None => unknown.push(format!("src/{}:{}: {to} is on no floor", rel.display(), n + 1)),
                }
            }
        }
    }
    assert!(seen > 20, "only {seen} edges found: is the scan broken?");
    assert!(unknown.is_empty(), "modules missing from FLOORS:\n{}", unknown.join("\n"));
    assert!(upward.is_empty(), "imports that run up or across a floor:\n{}", upward.join("\n"));
}

#[test]
fn every_module_of_the_library_is_on_a_floor() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        let line = line.trim();
        let Some(name) = line.strip_prefix("pub mod ").or_else(|| line.strip_prefix("mod ")) else { continue };
        let name = name.trim_end_matches(';');
        assert!(floor(name).is_some(), "{name} is declared in lib.rs but on no floor");
    }
}
