//! The rule data files stay parseable, sorted and unique, with errors that name
//! the file and line.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use govkg::lexicon::{BUILTIN, Lexicon};

#[test]
fn data_files_are_sorted_unique_and_clean() {
    let mut problems = Vec::new();
    for (name, text) in BUILTIN {
        let mut prev: Option<&str> = None;
        let mut in_header = true;
        for (i, line) in text.lines().enumerate() {
            let at = format!("data/{name}:{}", i + 1);
            if line.ends_with(' ') || line.ends_with('\t') {
                problems.push(format!("{at}: trailing whitespace"));
            }
            if line.is_empty() {
                problems.push(format!("{at}: blank line"));
                continue;
            }
            if line.starts_with('#') {
                if !in_header {
                    problems.push(format!("{at}: comment after the data"));
                }
                continue;
            }
            in_header = false;
            if let Some(p) = prev {
                if p.as_bytes() >= line.as_bytes() {
                    problems.push(format!("{at}: {line:?} is not after {p:?} (keep the file sorted and unique)"));
                }
            }
            prev = Some(line);
        }
        let mut lex = Lexicon::default();
        if let Err(e) = lex.add_file(name, text) {
            problems.push(e.to_string());
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn data_files_are_documented() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/README.md")).unwrap();
    for (name, _) in BUILTIN {
        assert!(readme.contains(name), "data/README.md does not describe {name}");
    }
}

#[test]
fn rules_dir_adds_entries() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("posts.txt"), "# extra\n首席科学家\n").unwrap();
    let lex = Lexicon::with_dir(dir.path()).unwrap();
    assert!(lex.posts.contains("首席科学家"));
    assert_ne!(lex.hash, Lexicon::builtin().hash);
    // Page furniture is rule data too: an added marker is used and changes the hash.
    std::fs::write(dir.path().join("boilerplate_lines.txt"), "本站声明\n").unwrap();
    let with_marker = Lexicon::with_dir(dir.path()).unwrap();
    assert!(with_marker.boilerplate.lines.iter().any(|m| m == "本站声明"));
    assert_ne!(with_marker.hash, lex.hash);
    std::fs::write(dir.path().join("role_verbs.tsv"), "主持\n").unwrap();
    let err = Lexicon::with_dir(dir.path()).unwrap_err().to_string();
    assert!(err.ends_with("role_verbs.tsv:1: expected verb<TAB>role"), "{err}");
}
