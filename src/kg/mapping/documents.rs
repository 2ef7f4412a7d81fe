//! Documents: what a meeting did with them, and those the article only mentions.
//!
//! Takes a meeting's documents, or the article's. Gives, through the
//! [`Builder`], each document named by its key (its title without spaces), a
//! `govkg:DocumentAction` with the document's status and evidence for each of a
//! meeting's, and `govkg:mentions` from the article for the rest. Never reads
//! the text: titles are the extractors'.

use oxigraph::model::NamedNode;

use super::super::iri::{self, node as iri};
use super::super::vocab::{self, term};
use super::builder::Builder;
use crate::extract::{DocFact, DocStatus, Meeting};
use crate::identity::keys;

/// A document's node, named by its key, so two spellings (with and without
/// spaces) give one name.
fn document_node(b: &mut Builder<'_>, title: &str) -> NamedNode {
    let document = iri::document(title);
    b.typed(&document, "Document");
    b.text(&document, vocab::RDFS_LABEL, &keys::document_key(title));
    document
}

/// The documents of meeting `mi`: approved, deliberated or mentioned there.
pub(super) fn actions(b: &mut Builder<'_>, meeting: &NamedNode, mi: usize, m: &Meeting) {
    for (di, d) in m.documents.iter().enumerate() {
        action(b, meeting, &format!("{mi}-{di}"), d);
    }
}

fn action(b: &mut Builder<'_>, meeting: &NamedNode, local: &str, d: &DocFact) {
    let document = document_node(b, &d.title);
    let status = match d.status {
        DocStatus::Approved => {
            b.add(meeting, &term("approves"), document.clone());
            "Approved"
        }
        DocStatus::Deliberated => {
            b.add(meeting, &term("deliberates"), document.clone());
            "Deliberated"
        }
        DocStatus::Mentioned => {
            let article = b.article.clone();
            b.add(&article, &term("mentions"), document.clone());
            "Mentioned"
        }
    };
    let action = iri::under(&b.article, "document-action", local);
    b.add(meeting, &term("documentAction"), action.clone());
    b.add(&action, &term("document"), document);
    b.add(&action, &term("documentStatus"), iri(&term(status)));
    b.evidence(&action, &d.evidence);
}

/// The documents the article mentions outside any meeting.
pub(super) fn mentioned(b: &mut Builder<'_>) {
    let ex = b.ex;
    for d in &ex.documents {
        let document = document_node(b, &d.title);
        let article = b.article.clone();
        b.add(&article, &term("mentions"), document);
    }
}
