//! A curator's corrections to what articles say, applied on every ingest.
//!
//! Takes a `corrections.tsv` file (from `--corrections FILE` or `--rules DIR`)
//! and one article's quads. Gives the quads with the corrections that concern
//! the article applied: suppressed facts removed from the article's graph, added
//! or replacing facts put into the article's corrections graph ([`graph_of`]),
//! and one `govkg:Correction` node per applied line recording the action, the
//! statement, and `prov:wasAttributedTo` the file with `govkg:sourceLine`. The
//! store rewrites both graphs in the article's transaction, so a correction is
//! kept across re-ingests of the same or a changed article. Never reads the store.
//!
//! The format: one correction a line, tab-separated, `#` comments.
//!
//! | action | article | subject | predicate | object |
//! | --- | --- | --- | --- | --- |
//! | `suppress` | key or `*` | term | term | term, or `*` for every object |
//! | `add` | key or `*` | term | term | term |
//! | `replace` | key or `*` | term | term | term (every other object of subject and predicate goes) |
//! | `rename` | key or `*` | old name | new name | (none) |
//!
//! A term is `<IRI>`, a prefixed name (`govkg:`, `rdf:`, `rdfs:`, `xsd:`,
//! `schema:`, `dcterms:`, `org:`, `owl:`, `prov:`), an instance shortcut
//! (`person:NAME`, `body:NAME`, `document:TITLE`, `id:PATH` for
//! `https://w3id.org/govkg/id/PATH`), or a literal `"text"`, `"text"@zh` or
//! `"2024-03-11"^^xsd:date`.

use std::path::Path;

use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};

use super::iri;
use super::vocab::{self, ID, term};

/// The file name looked for in `--rules DIR`.
pub const FILE_NAME: &str = "corrections.tsv";

const PROV_ATTRIBUTED: &str = "http://www.w3.org/ns/prov#wasAttributedTo";
const RDF_SUBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject";
const RDF_PREDICATE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate";
const RDF_OBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object";

/// Why a corrections file could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CorrectionsError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A line is malformed.
    #[error("{path}:{line}: {reason}")]
    Parse {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// What a line does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Removes a fact from the article's graph.
    Suppress,
    /// Adds a fact.
    Add,
    /// Replaces every object of a subject and predicate by one.
    Replace,
    /// Renames a person in the article.
    Rename,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Suppress => "suppress",
            Action::Add => "add",
            Action::Replace => "replace",
            Action::Rename => "rename",
        }
    }
}

/// One correction.
#[derive(Debug, Clone)]
pub struct Correction {
    /// 1-based line number in the file.
    pub line: usize,
    /// What it does.
    pub action: Action,
    /// The article key it concerns, or `None` for every article.
    pub article: Option<String>,
    subject: Term,
    predicate: Term,
    /// `None` for `*` (every object).
    object: Option<Term>,
    old_name: String,
    new_name: String,
}

/// A corrections file.
#[derive(Debug, Clone, Default)]
pub struct Corrections {
    /// The corrections, in file order.
    pub lines: Vec<Correction>,
    /// SHA-256 of the data lines, hex (16 digits): part of the rules hash.
    pub hash: String,
    source: Option<NamedNode>,
}

/// The graph holding the corrections to an article: `…/id/corrections/<article digest>`.
pub fn graph_of(article: &NamedNode) -> NamedNode {
    iri::corrections_graph(article)
}

fn file_iri(path: &Path) -> NamedNode {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let shown = abs.display().to_string();
    let encoded: Vec<String> = shown.split('/').map(vocab::segment).collect();
    NamedNode::new_unchecked(format!("file://{}", encoded.join("/")))
}

fn parse_term(s: &str) -> Option<Term> {
    let named = |iri: String| NamedNode::new(iri).ok().map(Term::NamedNode);
    if let Some(rest) = s.strip_prefix('"') {
        let end = rest.rfind('"')?;
        let (text, tail) = (rest.get(..end)?, rest.get(end + 1..)?);
        if tail.is_empty() {
            return Some(Literal::new_simple_literal(text).into());
        }
        if let Some(lang) = tail.strip_prefix('@') {
            return Literal::new_language_tagged_literal(text, lang).ok().map(Term::Literal);
        }
        let dt = tail.strip_prefix("^^")?;
        let Term::NamedNode(dt) = parse_term(dt)? else { return None };
        return Some(Literal::new_typed_literal(text, dt).into());
    }
    if let Some(iri) = s.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
        return named(iri.to_string());
    }
    let (prefix, local) = s.split_once(':')?;
    let iri = match prefix {
        "govkg" => term(local),
        "rdf" => format!("http://www.w3.org/1999/02/22-rdf-syntax-ns#{local}"),
        "rdfs" => format!("http://www.w3.org/2000/01/rdf-schema#{local}"),
        "xsd" => format!("http://www.w3.org/2001/XMLSchema#{local}"),
        "schema" => format!("https://schema.org/{local}"),
        "dcterms" => format!("http://purl.org/dc/terms/{local}"),
        "org" => format!("http://www.w3.org/ns/org#{local}"),
        "owl" => format!("http://www.w3.org/2002/07/owl#{local}"),
        "prov" => format!("http://www.w3.org/ns/prov#{local}"),
        "person" => return Some(iri::person(local).into()),
        "body" => return Some(iri::body(local).into()),
        // The same key as the mapping's: a title written with spaces is one document.
        "document" => return Some(iri::document(local).into()),
        "id" => iri::under_id(local),
        _ => return None,
    };
    named(iri)
}

impl Corrections {
    /// No corrections.
    pub fn empty() -> Corrections {
        Corrections::default()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Reads a corrections file.
    pub fn load(path: &Path) -> Result<Corrections, CorrectionsError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| CorrectionsError::Io { path: path.display().to_string(), source })?;
        let mut c = Corrections::parse(&path.display().to_string(), &text)?;
        c.source = Some(file_iri(path));
        Ok(c)
    }

    /// Parses the text of a corrections file; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<Corrections, CorrectionsError> {
        let mut out = Corrections::default();
        let mut h = Sha256::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad =
                |reason: &str| CorrectionsError::Parse { path: path.to_string(), line: i + 1, reason: reason.into() };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let action = match cols.first().copied() {
                Some("suppress") => Action::Suppress,
                Some("add") => Action::Add,
                Some("replace") => Action::Replace,
                Some("rename") => Action::Rename,
                _ => return Err(bad("action must be suppress, add, replace or rename")),
            };
            let article = match cols.get(1).copied() {
                Some("*") => None,
                Some(k) if !k.is_empty() => Some(k.to_string()),
                _ => return Err(bad("second column must be an article key or *")),
            };
            let dummy: Term = NamedNode::new_unchecked(ID).into();
            let mut c = Correction {
                line: i + 1,
                action,
                article,
                subject: dummy.clone(),
                predicate: dummy,
                object: None,
                old_name: String::new(),
                new_name: String::new(),
            };
            if action == Action::Rename {
                let [_, _, old, new] = cols.as_slice() else {
                    return Err(bad("rename takes: rename<TAB>article<TAB>old name<TAB>new name"));
                };
                if old.is_empty() || new.is_empty() {
                    return Err(bad("rename needs an old and a new name"));
                }
                c.old_name = old.to_string();
                c.new_name = new.to_string();
            } else {
                let [_, _, s, p, o] = cols.as_slice() else {
                    return Err(bad("expected action<TAB>article<TAB>subject<TAB>predicate<TAB>object"));
                };
                c.subject = parse_term(s).ok_or_else(|| bad(&format!("subject {s} is not a term")))?;
                c.predicate = match parse_term(p) {
                    Some(t @ Term::NamedNode(_)) => t,
                    _ => return Err(bad(&format!("predicate {p} is not an IRI"))),
                };
                if !matches!(c.subject, Term::NamedNode(_)) {
                    return Err(bad("subject must be an IRI"));
                }
                c.object = if *o == "*" && action == Action::Suppress {
                    None
                } else {
                    Some(parse_term(o).ok_or_else(|| bad(&format!("object {o} is not a term")))?)
                };
            }
            h.update(line.as_bytes());
            h.update(b"\n");
            out.lines.push(c);
        }
        out.hash = h.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
        Ok(out)
    }

    /// Applies the corrections that concern the article keyed `key` (IRI
    /// `article`) to its quads. Returns the article graph's quads, corrected,
    /// followed by the quads of its corrections graph.
    pub fn apply(&self, key: &str, article: &NamedNode, mut quads: Vec<Quad>) -> Vec<Quad> {
        let cgraph = graph_of(article);
        let g = GraphName::NamedNode(cgraph.clone());
        let mut extra: Vec<Quad> = Vec::new();
        let source = self.source.clone();
        let node = |s: &str| NamedNode::new_unchecked(s);
        let as_subject = |t: &Term| match t {
            Term::NamedNode(n) => Some(NamedOrBlankNode::NamedNode(n.clone())),
            _ => None,
        };
        for c in self.lines.iter().filter(|c| c.article.as_deref().is_none_or(|k| k == key)) {
            let applied = match c.action {
                Action::Suppress | Action::Replace => {
                    let before = quads.len();
                    let (Some(s), Term::NamedNode(p)) = (as_subject(&c.subject), &c.predicate) else { continue };
                    let every = c.action == Action::Replace || c.object.is_none();
                    quads.retain(|q| {
                        !(q.subject == s && q.predicate == *p && (every || Some(&q.object) == c.object.as_ref()))
                    });
                    let removed = quads.len() < before;
                    if c.action == Action::Replace {
                        if let Some(o) = &c.object {
                            extra.push(Quad::new(s, p.clone(), o.clone(), g.clone()));
                        }
                        true
                    } else {
                        removed
                    }
                }
                Action::Add => {
                    let (Some(s), Term::NamedNode(p), Some(o)) = (as_subject(&c.subject), &c.predicate, &c.object)
                    else {
                        continue;
                    };
                    extra.push(Quad::new(s, p.clone(), o.clone(), g.clone()));
                    true
                }
                Action::Rename => {
                    let old = iri::person(&c.old_name);
                    let new = iri::person(&c.new_name);
                    let label = node(vocab::RDFS_LABEL);
                    let mut found = false;
                    for q in &mut quads {
                        if q.subject == NamedOrBlankNode::NamedNode(old.clone()) {
                            found = true;
                            q.subject = new.clone().into();
                            if q.predicate == label {
                                q.object = Literal::new_simple_literal(&c.new_name).into();
                            }
                        }
                        if q.object == Term::NamedNode(old.clone()) {
                            q.object = new.clone().into();
                        }
                    }
                    found
                }
            };
            if !applied {
                continue;
            }
            let cn = iri::correction(&cgraph, c.line);
            let mut add = |p: &str, o: Term| extra.push(Quad::new(cn.clone(), node(p), o, g.clone()));
            add(vocab::RDF_TYPE, node(&term("Correction")).into());
            add(&term("action"), Literal::new_simple_literal(c.action.as_str()).into());
            add(&term("correctsArticle"), article.clone().into());
            add(&term("sourceLine"), Literal::new_typed_literal(c.line.to_string(), node(vocab::XSD_INTEGER)).into());
            if let Some(src) = &source {
                add(PROV_ATTRIBUTED, src.clone().into());
            }
            if c.action == Action::Rename {
                add(RDF_SUBJECT, iri::person(&c.old_name).into());
                add(RDF_OBJECT, iri::person(&c.new_name).into());
            } else {
                add(RDF_SUBJECT, c.subject.clone());
                add(RDF_PREDICATE, c.predicate.clone());
                if let Some(o) = &c.object {
                    add(RDF_OBJECT, o.clone());
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        quads.retain(|q| seen.insert(q.clone()));
        quads.extend(extra.into_iter().filter(|q| seen.insert(q.clone())));
        quads
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn lines_parse_and_errors_name_the_line() {
        let c = Corrections::parse(
            "c.tsv",
            "# header\nsuppress\ta.txt\tperson:张三\tgovkg:attends\t*\nadd\t*\tperson:李四\trdfs:label\t\"李四\"@zh\nreplace\ta.txt\tid:meeting/x\tschema:startDate\t\"2024-03-11\"^^xsd:date\nrename\ta.txt\t张叁\t张三\n",
        )
        .unwrap();
        assert_eq!(c.lines.len(), 4);
        assert_eq!(c.lines[2].line, 4);
        let e = Corrections::parse("c.tsv", "drop\ta\tb\tc\td\n").unwrap_err().to_string();
        assert_eq!(e, "c.tsv:1: action must be suppress, add, replace or rename");
        let e = Corrections::parse("c.tsv", "# h\nadd\ta\tperson:x\tnope:y\tz\n").unwrap_err().to_string();
        assert!(e.starts_with("c.tsv:2: predicate"), "{e}");
    }
}
