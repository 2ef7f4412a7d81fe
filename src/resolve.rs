//! Evidence located in the original text.
//!
//! Takes a [`Doc`], its [`Extraction`] and one fact's [`Evidence`] (byte offsets
//! into the normalised text). Gives the normalised sentence and the span as
//! character offsets into `Doc.original`, through the composed offset maps of
//! normalisation. Never changes a span's meaning: a fact read in the headline
//! points at the whole headline, or at nothing when the headline is not in the
//! original. The keys facts are named by live in [`crate::identity`].

use crate::extract::{Evidence, Extraction, Segment};
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
