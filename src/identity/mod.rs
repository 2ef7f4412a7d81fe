//! Identity: the keys that say when two mentions are one thing.
//!
//! Takes names, titles, body names and an article's meetings, with the
//! lexicon's posts and places and the known-persons file. Gives the pure keys
//! IRIs are built from ([`keys`]), normalised post and body keys ([`post`]),
//! and the known person a name refers to ([`known`]). Sits below `kg`, which
//! mints IRIs from these keys, and below `reconcile`, which links across
//! articles with them. Never reads the store and never writes RDF.

pub mod keys;
pub mod known;
pub mod post;
pub mod reference;
