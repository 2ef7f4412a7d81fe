//! Extraction results to facts with stable keys and evidence in the original text.
//!
//! Takes a [`Doc`] and its [`Extraction`]. Gives the keys that name persons,
//! meetings, documents, bodies and posts (pure functions of what this one article
//! says, so extraction never needs the store), and evidence located in the
//! original text as character offsets. Never merges across articles: linking the
//! same meeting or person across articles is a separate step over the store.

use sha2::{Digest, Sha256};

use crate::extract::{Evidence, Extraction, Meeting, Segment};
use crate::normalize::Doc;

/// Evidence located in the article's original text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Located {
    /// The sentence, as normalised text.
    pub sentence: String,
    /// Start of the span in the original text, in characters; `None` when the
    /// fact comes from a headline given with the input and absent from the text.
    pub start: Option<usize>,
    /// End of the span (exclusive), in characters.
    pub end: Option<usize>,
    /// Rule id.
    pub rule: &'static str,
    /// Whether it was read in the headline.
    pub headline: bool,
}

/// Locates `ev` in the original text of `doc`.
pub fn locate(doc: &Doc, ex: &Extraction, ev: &Evidence) -> Located {
    let headline = ev.segment == Segment::Headline;
    let text = if headline { ex.headline.as_deref().unwrap_or_default() } else { doc.text.as_str() };
    let sentence = text.get(ev.sentence.0..ev.sentence.1).unwrap_or_default().trim().to_string();
    let span = if headline {
        doc.headline.as_ref().and_then(|h| h.span)
    } else {
        Some(doc.original_span(ev.span.0, ev.span.1))
    };
    let (start, end) = match span.map(|s| doc.char_span(s)) {
        Some((s, e)) => (Some(s), Some(e)),
        None => (None, None),
    };
    Located { sentence, start, end, rule: ev.rule, headline }
}

/// A short hex digest of `s` (the first 16 hex digits of SHA-256).
pub fn digest(s: &str) -> String {
    Sha256::digest(s.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Key of a person: the name. Telling homonyms apart needs more than one article
/// says, so it is left to a step over the whole store.
pub fn person_key(name: &str) -> String {
    name.to_string()
}

/// Key of a document: its title without spaces.
pub fn document_key(title: &str) -> String {
    title.split_whitespace().collect()
}

/// Key of a body: its name.
pub fn body_key(name: &str) -> String {
    name.split_whitespace().collect()
}

/// Key of a meeting: body, kind, ordinal and date when the date and body are
/// known (so two articles about the same meeting give the same key); otherwise
/// scoped to the article, since without a date two sittings cannot be told apart.
pub fn meeting_key(doc: &Doc, index: usize, m: &Meeting) -> String {
    match (&m.body, m.date) {
        (Some(body), Some(date)) => {
            format!("{date}-{}", digest(&format!("{body}\u{1f}{}\u{1f}{}", m.kind, m.ordinal.as_deref().unwrap_or(""))))
        }
        _ => format!("a{}-{index}", digest(&doc.key)),
    }
}

/// Key of an article: a digest of its article key.
pub fn article_key(doc: &Doc) -> String {
    digest(&doc.key)
}
