//! Identity across articles: posts and bodies as keys, known persons, and the
//! `reconcile` step over the store.
//!
//! Takes titles, body names and person names (for [`post`] and [`known`], used
//! by the mapping of each article), and a store of article graphs (for
//! [`link`]). Gives normalised post and body keys, the known person a name
//! refers to, and one named graph of cross-article links that is replaced as a
//! whole on every run. Never changes an article's own graph.

pub mod known;
pub mod link;
pub mod post;
