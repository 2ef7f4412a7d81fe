//! Facts to RDF, and the store that keeps them.
//!
//! Takes normalised articles with their extractions. Gives quads ([`mapping`]),
//! a store ([`store`]) that holds one named graph per article, and its reading
//! side ([`rows`]): SPARQL over the union of the graphs and the rows every
//! reader gets. The only module that knows Oxigraph and RDF; it knows nothing
//! of Chinese text.

pub mod cache;
pub mod corrections;
pub mod ingest;
pub mod iri;
pub mod mapping;
pub mod rows;
pub mod rules;
pub mod store;
pub mod vocab;

pub use store::{LoadMode, Loaded};
pub use store::{Plan, Store, StoreError, Written};
