//! `govkg query`: SPARQL over the store, results in the standard formats.
//!
//! Takes a query and a format. Prints solutions as an aligned table or in a
//! SPARQL results format (JSON, XML, CSV, TSV), booleans likewise, and graphs
//! (CONSTRUCT, DESCRIBE) in an RDF format. Never writes to the store.

use std::io::{self, BufWriter, Write};

use anyhow::{Result, bail};
use clap::ValueEnum;
use govkg::kg::Store;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

/// How `govkg query` prints its results.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns for a terminal (graphs: Turtle).
    Table,
    /// SPARQL results in JSON (graphs: JSON-LD).
    Json,
    /// SPARQL results in XML.
    Xml,
    /// SPARQL results as CSV.
    Csv,
    /// SPARQL results as TSV (terms in SPARQL syntax).
    Tsv,
    /// Graphs: Turtle.
    Turtle,
    /// Graphs: N-Triples.
    Ntriples,
    /// Graphs: N-Quads.
    Nquads,
    /// Graphs: TriG.
    Trig,
    /// Graphs: JSON-LD.
    Jsonld,
    /// Graphs: RDF/XML.
    Rdfxml,
}

impl QueryFormat {
    fn results(self) -> Option<QueryResultsFormat> {
        match self {
            QueryFormat::Json => Some(QueryResultsFormat::Json),
            QueryFormat::Xml => Some(QueryResultsFormat::Xml),
            QueryFormat::Csv => Some(QueryResultsFormat::Csv),
            QueryFormat::Tsv => Some(QueryResultsFormat::Tsv),
            _ => None,
        }
    }

    fn graph(self) -> Option<RdfFormat> {
        match self {
            QueryFormat::Table | QueryFormat::Turtle => Some(RdfFormat::Turtle),
            QueryFormat::Ntriples => Some(RdfFormat::NTriples),
            QueryFormat::Nquads => Some(RdfFormat::NQuads),
            QueryFormat::Trig => Some(RdfFormat::TriG),
            QueryFormat::Json | QueryFormat::Jsonld => RdfFormat::from_media_type("application/ld+json"),
            QueryFormat::Rdfxml => Some(RdfFormat::RdfXml),
            _ => None,
        }
    }

    fn name(self) -> String {
        self.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
    }
}

fn term_text(t: Option<&oxigraph::model::Term>) -> String {
    match t {
        Some(oxigraph::model::Term::Literal(l)) => l.value().to_string(),
        Some(oxigraph::model::Term::NamedNode(n)) => n.as_str().to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Runs `text` and prints its results in `format`.
pub fn run(store: &Store, text: &str, format: QueryFormat) -> Result<()> {
    let out = io::stdout().lock();
    match store.query(text)? {
        QueryResults::Solutions(rows) => {
            let vars: Vec<oxigraph::sparql::Variable> = rows.variables().to_vec();
            if format == QueryFormat::Table {
                let header: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                let mut table = Vec::new();
                for row in rows {
                    let row = row?;
                    table.push(vars.iter().map(|v| term_text(row.get(v))).collect());
                }
                let mut out = BufWriter::new(out);
                super::table::write_aligned(&mut out, &header, &table)?;
                return Ok(out.flush()?);
            }
            let Some(f) = format.results() else {
                bail!("--format {} is for CONSTRUCT and DESCRIBE; use table, json, xml, csv or tsv", format.name());
            };
            let mut ser =
                QueryResultsSerializer::from_format(f).serialize_solutions_to_writer(BufWriter::new(out), vars)?;
            for row in rows {
                ser.serialize(&row?)?;
            }
            ser.finish()?.flush()?;
        }
        QueryResults::Boolean(b) => match format.results() {
            Some(f) => {
                QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(BufWriter::new(out), b)?.flush()?
            }
            None if format == QueryFormat::Table => println!("{b}"),
            None => bail!("--format {} is for CONSTRUCT and DESCRIBE; use table, json, xml, csv or tsv", format.name()),
        },
        QueryResults::Graph(triples) => {
            let Some(f) = format.graph() else {
                bail!(
                    "--format {} is for SELECT and ASK; use turtle, ntriples, nquads, trig, jsonld or rdfxml",
                    format.name()
                );
            };
            let mut ser = RdfSerializer::from_format(f).for_writer(BufWriter::new(out));
            for t in triples {
                ser.serialize_triple(&t?)?;
            }
            ser.finish()?.flush()?;
        }
    }
    Ok(())
}
