//! Identity across articles: the `reconcile` step over the store.
//!
//! Takes a store of article graphs and the known-persons file. Gives one named
//! graph of cross-article links ([`link`]) that is replaced as a whole on every
//! run. Sits above `kg`; the keys it compares come from [`crate::identity`].
//! Never changes an article's own graph.

pub mod link;
pub mod people;
pub mod spells;
