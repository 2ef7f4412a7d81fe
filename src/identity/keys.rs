//! The keys IRIs are built from.
//!
//! Takes names, titles and an article's [`Doc`] and meetings. Gives keys that
//! are pure functions of what one article says (so extraction and mapping never
//! need the store): a person's name, a document's title without spaces, a
//! body's name without spaces, a meeting's body, kind, ordinal and date (or a
//! place in its article), an article's digest, and [`digest`] itself. Never
//! merges across articles: linking the same meeting or person across articles
//! is `reconcile`'s step over the store.

use sha2::{Digest, Sha256};

use crate::extract::Meeting;
use crate::normalize::Doc;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_keys_ignore_spaces() {
        assert_eq!(document_key("香港港口发展策略 2030研究"), document_key("香港港口发展策略2030研究"));
        assert_eq!(digest("a").len(), 16);
    }
}
