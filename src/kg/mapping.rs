//! Facts to quads.
//!
//! Takes one article's [`Doc`] and [`Extraction`]. Gives the quads of its named
//! graph: the article's metadata, its persons, titles and holdings, meetings,
//! participations, documents, and an evidence node for every fact. IRIs are pure
//! functions of the article (see [`crate::resolve`]), so mapping needs no store.
//! Never reads Chinese text: it only copies strings the extractors produced.

use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use super::vocab::{self, ID, term};
use crate::extract::{DocStatus, Evidence, Extraction, TitleStatus};
use crate::lexicon::Role;
use crate::normalize::Doc;
use crate::resolve::{self, locate};

/// Provenance values that are not part of the article.
#[derive(Debug, Clone)]
pub struct Provenance<'a> {
    /// govkg version.
    pub version: &'a str,
    /// Rules hash.
    pub rules_hash: &'a str,
}

/// The IRI of an article (and of its named graph).
pub fn article_iri(doc: &Doc) -> NamedNode {
    iri(&format!("{ID}article/{}", resolve::article_key(doc)))
}

/// The IRI of a person by name.
pub fn person_iri(name: &str) -> NamedNode {
    iri(&format!("{ID}person/{}", vocab::segment(&resolve::person_key(name))))
}

fn iri(s: &str) -> NamedNode {
    // Every IRI built here is a fixed prefix plus a percent-encoded segment,
    // which is always a valid IRI.
    NamedNode::new_unchecked(s)
}

struct Builder {
    graph: GraphName,
    quads: Vec<Quad>,
    article: NamedNode,
    evidence: usize,
}

impl Builder {
    fn add(&mut self, s: &NamedNode, p: &str, o: impl Into<Term>) {
        self.quads.push(Quad::new(NamedOrBlankNode::NamedNode(s.clone()), iri(p), o.into(), self.graph.clone()));
    }

    fn typed(&mut self, s: &NamedNode, class: &str) {
        self.add(s, vocab::RDF_TYPE, iri(&term(class)));
    }

    fn text(&mut self, s: &NamedNode, p: &str, v: &str) {
        self.add(s, p, Literal::new_simple_literal(v));
    }

    fn int(&mut self, s: &NamedNode, p: &str, v: usize) {
        self.add(s, p, Literal::new_typed_literal(v.to_string(), iri(vocab::XSD_INTEGER)));
    }

    fn date(&mut self, s: &NamedNode, p: &str, v: crate::date::Date) {
        self.add(s, p, Literal::new_typed_literal(v.to_string(), iri(vocab::XSD_DATE)));
    }

    /// A new evidence node for `ev`, linked from `from`.
    fn evidence(&mut self, from: &NamedNode, doc: &Doc, ex: &Extraction, ev: &Evidence) {
        let loc = locate(doc, ex, ev);
        let node = iri(&format!("{}/evidence/{}", self.article.as_str(), self.evidence));
        self.evidence += 1;
        self.add(from, &term("evidence"), node.clone());
        self.typed(&node, "Evidence");
        let article = self.article.clone();
        self.add(&node, &term("article"), article);
        self.text(&node, &term("sentence"), &loc.sentence);
        if let (Some(s), Some(e)) = (loc.start, loc.end) {
            self.int(&node, &term("start"), s);
            self.int(&node, &term("end"), e);
        }
        self.text(&node, &term("rule"), loc.rule);
    }
}

fn role_term(role: Role) -> (&'static str, Option<&'static str>) {
    match role {
        Role::Chair => ("Chair", Some("chairs")),
        Role::Speaker => ("Speaker", Some("speaksAt")),
        Role::Reporter => ("Reporter", Some("reportsAt")),
        Role::Relayer => ("Relayer", Some("relaysAt")),
        Role::Attendee => ("Attendee", None),
        Role::Nonvoting => ("NonVotingAttendee", None),
        Role::Presidium => ("Presidium", None),
        Role::Invited => ("InvitedAttendee", None),
        Role::Absent => ("Absentee", Some("absentFrom")),
    }
}

fn status_term(s: TitleStatus) -> &'static str {
    match s {
        TitleStatus::Current => "Current",
        TitleStatus::Former => "Former",
        TitleStatus::Acting => "Acting",
        TitleStatus::Appointed => "Appointed",
        TitleStatus::Removed => "Removed",
    }
}

/// The quads of one article's named graph.
pub fn article_quads(doc: &Doc, ex: &Extraction, prov: &Provenance<'_>) -> Vec<Quad> {
    let article = article_iri(doc);
    let mut b = Builder {
        graph: GraphName::NamedNode(article.clone()),
        quads: Vec::new(),
        article: article.clone(),
        evidence: 0,
    };
    let a = &article;
    b.typed(a, "Article");
    b.text(a, vocab::DCT_IDENTIFIER, &doc.key);
    b.text(a, &term("sourcePath"), &doc.path);
    if let Some(h) = &doc.headline {
        b.text(a, vocab::DCT_TITLE, &h.text);
    }
    if let Some(d) = doc.meta.date {
        b.date(a, vocab::DCT_DATE, d);
    }
    if let Some(u) = &doc.meta.url {
        b.text(a, vocab::SCHEMA_URL, u);
    }
    if let Some(o) = &doc.meta.outlet {
        b.text(a, &term("outlet"), o);
    }
    if let Some(o) = &doc.meta.origin_body {
        b.text(a, &term("originBody"), o);
    }
    b.text(a, &term("contentHash"), &doc.content_hash);
    b.text(a, &term("textHash"), &doc.text_hash);
    b.text(a, &term("govkgVersion"), prov.version);
    b.text(a, &term("rulesHash"), prov.rules_hash);

    let akey = resolve::article_key(doc);
    for (pi, p) in ex.persons.iter().enumerate() {
        let person = person_iri(&p.name);
        b.typed(&person, "Person");
        b.text(&person, vocab::RDFS_LABEL, &p.name);
        b.add(a, &term("mentions"), person.clone());
        b.evidence(&person, doc, ex, &p.evidence);
        for (ti, t) in p.titles.iter().enumerate() {
            // A post with its jurisdiction resolved is the same post in every
            // article; a bare one (主任) only means something inside this article.
            let post = match &t.resolved {
                Some(r) => iri(&format!("{ID}post/{}", vocab::segment(r))),
                None => iri(&format!("{ID}post/{akey}/{}", vocab::segment(&t.title))),
            };
            b.typed(&post, "Post");
            b.text(&post, vocab::RDFS_LABEL, t.resolved.as_deref().unwrap_or(&t.title));
            let holding = iri(&format!("{}/holding/{pi}-{ti}", a.as_str()));
            b.add(&person, &term("holding"), holding.clone());
            b.typed(&holding, "Holding");
            b.add(&holding, &term("post"), post.clone());
            b.add(&holding, &term("status"), iri(&term(status_term(t.status))));
            b.text(&holding, &term("titleAsWritten"), &t.title);
            if let Some(r) = &t.resolved {
                b.text(&holding, &term("resolvedTitle"), r);
            }
            if let Some(d) = doc.meta.date {
                b.date(&holding, &term("attestedOn"), d);
            }
            b.evidence(&holding, doc, ex, &t.evidence);
            // A former post is not held at the article's date.
            if t.status != TitleStatus::Former {
                b.text(&person, &term("holdsTitle"), &t.title);
                b.add(&person, &term("holdsPost"), post);
            }
        }
    }

    for (mi, m) in ex.meetings.iter().enumerate() {
        let meeting = iri(&format!("{ID}meeting/{}", resolve::meeting_key(doc, mi, m)));
        b.typed(&meeting, "Meeting");
        b.text(&meeting, vocab::RDFS_LABEL, &m.name);
        b.text(&meeting, &term("kind"), &m.kind);
        if let Some(o) = &m.ordinal {
            b.text(&meeting, &term("ordinal"), o);
        }
        if let Some(d) = m.date {
            b.date(&meeting, vocab::SCHEMA_START_DATE, d);
        }
        if let Some(f) = &m.form {
            b.text(&meeting, &term("form"), f);
        }
        if let Some(body) = &m.body {
            let bnode = iri(&format!("{ID}body/{}", vocab::segment(&resolve::body_key(body))));
            b.typed(&bnode, "Body");
            b.text(&bnode, vocab::RDFS_LABEL, body);
            b.add(&meeting, &term("heldBy"), bnode);
        }
        b.add(&meeting, &term("reportedIn"), a.clone());
        b.evidence(&meeting, doc, ex, &m.evidence);
        for (xi, p) in m.participants.iter().enumerate() {
            let person = person_iri(&p.person);
            let (role, direct) = role_term(p.role);
            if p.role.is_present() {
                b.add(&person, &term("attends"), meeting.clone());
            }
            if let Some(d) = direct {
                b.add(&person, &term(d), meeting.clone());
            }
            let part = iri(&format!("{}/participation/{mi}-{xi}", a.as_str()));
            b.add(&meeting, &term("participation"), part.clone());
            b.typed(&part, "Participation");
            b.add(&part, &term("participant"), person);
            b.add(&part, &term("role"), iri(&term(role)));
            b.int(&part, &term("listIndex"), p.list);
            b.int(&part, &term("position"), p.position);
            if let Some(t) = &p.title_as_written {
                b.text(&part, &term("titleAsWritten"), t);
            }
            b.evidence(&part, doc, ex, &p.evidence);
        }
        for (di, d) in m.documents.iter().enumerate() {
            let document = iri(&format!("{ID}document/{}", vocab::segment(&resolve::document_key(&d.title))));
            b.typed(&document, "Document");
            b.text(&document, vocab::RDFS_LABEL, &d.title);
            let status = match d.status {
                DocStatus::Approved => {
                    b.add(&meeting, &term("approves"), document.clone());
                    "Approved"
                }
                DocStatus::Deliberated => {
                    b.add(&meeting, &term("deliberates"), document.clone());
                    "Deliberated"
                }
                DocStatus::Mentioned => {
                    b.add(a, &term("mentions"), document.clone());
                    "Mentioned"
                }
            };
            let action = iri(&format!("{}/document-action/{mi}-{di}", a.as_str()));
            b.add(&meeting, &term("documentAction"), action.clone());
            b.typed(&action, "DocumentAction");
            b.add(&action, &term("document"), document);
            b.add(&action, &term("documentStatus"), iri(&term(status)));
            b.evidence(&action, doc, ex, &d.evidence);
        }
    }
    for d in &ex.documents {
        let document = iri(&format!("{ID}document/{}", vocab::segment(&resolve::document_key(&d.title))));
        b.typed(&document, "Document");
        b.text(&document, vocab::RDFS_LABEL, &d.title);
        b.add(a, &term("mentions"), document);
    }
    // The same triple can come from two facts (a person chairing and speaking
    // attends once); keep the first, in emission order, so output is stable.
    // Quads are hashed by reference with a fast hasher (the set only answers
    // look-ups, so its order never shows), instead of cloned into a SipHash set.
    let keep: Vec<bool> = {
        let mut seen = rustc_hash::FxHashSet::default();
        seen.reserve(b.quads.len());
        b.quads.iter().map(|q| seen.insert(q)).collect()
    };
    let mut keep = keep.into_iter();
    b.quads.retain(|_| keep.next().unwrap_or(true));
    b.quads
}
