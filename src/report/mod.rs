//! Reports and the tidy fact table, built as data.
//!
//! Takes the flat rows of [`crate::kg::rows`] (participations, meetings,
//! articles, holdings, documents), the co-attendance network built from them by
//! [`crate::network::Rows::by_name`], and a [`Lexicon`](crate::lexicon::Lexicon)
//! for places. Gives [`Report`]s: named sections of typed cells, plus notes a
//! reader should see (a name that belongs to several people, a query that
//! matches several meetings). The rows are the only input, so the same rows
//! served from a cache give the same reports. Never prints, never queries the
//! store, and never puts a user's text into SPARQL: names and queries are
//! matched here, in Rust.
//!
//! One file a report: `table.rs` is the model they share; `people.rs` (`with`,
//! `person`), `careers.rs` (spells, `post`, the career table), `meeting.rs`, `pairs.rs`, `central.rs` (and the per-node values
//! the plots take), `homonyms.rs`, `coverage.rs` (and `stats`) and `facts.rs`
//! (the fact table).

mod careers;
mod central;
mod coverage;
mod facts;
mod homonyms;
mod meeting;
mod pairs;
mod people;
mod table;

use std::collections::BTreeMap;

pub use careers::{CAREER_COLUMNS, career_table, post, reference_homonyms, spells_table};
pub use central::{Metric, Scores, central, communities, components, node_values, scores, top_nodes};
pub use coverage::{CoverageInput, coverage, stats};
pub use facts::fact_table;
pub use homonyms::{DEFAULT_WINDOW_DAYS, Placed, homonyms, jurisdiction};
pub use meeting::{MeetingInput, meeting};
pub use pairs::pairs;
pub use people::{PersonInput, person, with};
pub use table::{Cell, Report, Section, Table};

use crate::kg::rows::ArticleRow;

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// No person of that name was present at any meeting or holds any title.
    #[error("{0}: no such person in the store")]
    NoPerson(String),
    /// No spell is of a post of that name.
    #[error("{0}: no post of that name has a spell (has `govkg reconcile` run?)")]
    NoPost(String),
    /// No meeting matches the query.
    #[error("{0}: no meeting matches")]
    NoMeeting(String),
}

/// The articles by IRI, so that a report can name an article by its key.
struct Articles<'a>(BTreeMap<&'a str, &'a ArticleRow>);

impl<'a> Articles<'a> {
    /// The article of an IRI.
    fn get(&self, iri: &str) -> Option<&'a ArticleRow> {
        self.0.get(iri).copied()
    }

    /// The key of the article of an IRI, else the IRI itself.
    fn key_of(&self, iri: &str) -> String {
        self.get(iri).map_or_else(|| iri.to_string(), |r| r.key.clone())
    }
}

fn article_keys(articles: &[ArticleRow]) -> Articles<'_> {
    Articles(articles.iter().map(|a| (a.article.as_str(), a)).collect())
}

/// Where an article came from, for coverage: its outlet, else its URL's host, else unknown.
fn source_of(a: &ArticleRow) -> String {
    if let Some(o) = &a.outlet {
        return o.clone();
    }
    if let Some(u) = &a.url {
        let rest = u.split_once("://").map_or(u.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if !host.is_empty() {
            return host.to_string();
        }
    }
    "(unknown)".into()
}

#[cfg(test)]
mod tests;
