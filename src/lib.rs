//! govkg turns Chinese government news into a knowledge graph of officials,
//! bodies and meetings.
//!
//! The pipeline, one module a stage: [`ingest`] reads inputs into raw documents,
//! [`normalize`] decodes and cleans them, [`extract`] reads facts with the rules
//! of [`lexicon`], [`resolve`] gives the facts stable keys and locates their
//! evidence, [`kg`] maps them to RDF and keeps the store, [`network`] builds
//! co-attendance networks and writes them for Gephi. [`pipeline`] wires the
//! stages, and [`ops`] runs whole operations on the store (ingest); the `govkg`
//! binary is a thin command line over it.

pub mod budget;
pub mod charset;
pub mod date;
pub mod extract;
pub mod identity;
pub mod ingest;
pub mod kg;
pub mod lexicon;
pub mod network;
pub mod normalize;
pub mod ops;
pub mod pipeline;
pub mod plot;
pub mod reconcile;
pub mod record;
pub mod report;
pub mod resolve;
mod rx;
pub mod serve;

/// The version written into every article's provenance.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
