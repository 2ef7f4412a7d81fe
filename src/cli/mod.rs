//! Commands, their arguments, and how their results are shown.

mod abort;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use govkg::kg::mapping::{self, Provenance};
use govkg::kg::{Store, Written};
use govkg::lexicon::Lexicon;
use govkg::network::Network;
use govkg::pipeline::{self, Outcome, Skipped};
use govkg::record::Record;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

/// Every input was read.
pub const EXIT_OK: u8 = 0;
/// The command ran, but some inputs were skipped (each named on standard error).
pub const EXIT_SKIPPED: u8 = 1;
/// The command could not run.
pub const EXIT_FAILED: u8 = 2;

/// govkg turns Chinese government news into a knowledge graph of officials,
/// bodies and meetings.
///
/// Exit codes: 0 when every input was read, 1 when the command ran but some
/// inputs were skipped (each is named on standard error), 2 when it could not run.
#[derive(Parser)]
#[command(name = "govkg", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct StoreArg {
    /// The store directory [default: $GOVKG_STORE, else ./govkg-store].
    #[arg(long, value_name = "DIR")]
    store: Option<PathBuf>,
}

impl StoreArg {
    fn path(&self) -> PathBuf {
        self.store.clone().unwrap_or_else(govkg::kg::store::default_path)
    }
}

#[derive(clap::Args)]
struct RulesArg {
    /// A folder of rule files (same names as data/) whose entries are added to the built-in rules.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
}

impl RulesArg {
    fn lexicon(&self) -> Result<Lexicon> {
        match &self.rules {
            Some(dir) => Ok(Lexicon::with_dir(dir)?),
            None => Ok(Lexicon::builtin()),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Extract facts from articles and print them; no store is needed.
    ///
    /// Inputs are files, folders (read recursively), JSON Lines files (.jsonl, one
    /// article a line: id, text or html, and optional url, title, date, publisher)
    /// or - for JSON Lines on standard input. With --format json each article gives
    /// one JSON record a line, in input order; with nquads, its RDF graph.
    Extract {
        /// Files, folders, .jsonl files, or - for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Extract facts from articles and load them into the store, one transaction per article.
    ///
    /// An article already stored with the same content, govkg version and rules
    /// is skipped; a changed one replaces its own facts. Ends with a summary.
    Ingest {
        /// Files, folders, .jsonl files, or - for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
        #[command(flatten)]
        store: StoreArg,
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Run a SPARQL query against the store (the default graph is the union of all articles).
    Query {
        /// The query text (or use --file).
        sparql: Option<String>,
        /// Read the query from a file.
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// Result format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Export the co-attendance network.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Print reports from the store.
    Report {
        #[command(subcommand)]
        what: ReportWhat,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// The person–person co-attendance network as GraphML (Gephi, networkx, igraph).
    Graphml {
        /// Output file [default: standard output].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        store: StoreArg,
    },
}

#[derive(Subcommand)]
enum ReportWhat {
    /// Who attended meetings with NAME: co-attendee, shared meetings, first and last date.
    With {
        /// The person's name (simplified or traditional script).
        name: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        #[command(flatten)]
        store: StoreArg,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    /// One JSON record per article (see FORMAT.md).
    Json,
    /// The articles' RDF as N-Quads.
    Nquads,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableFormat {
    /// Aligned columns.
    Table,
    /// Comma-separated values.
    Csv,
    /// Tab-separated values.
    Tsv,
    /// JSON.
    Json,
}

/// Parses the command line and runs the command.
pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { inputs, format, rules } => extract(&inputs, format, &rules.lexicon()?),
        Command::Ingest { inputs, store, rules } => ingest(&inputs, &store.path(), &rules.lexicon()?),
        Command::Query { sparql, file, format, store } => {
            let text = match (sparql, file) {
                (Some(q), None) => q,
                (None, Some(f)) => std::fs::read_to_string(&f).with_context(|| f.display().to_string())?,
                _ => bail!("give the query as an argument or with --file, not both"),
            };
            let store = Store::open_read_only(&store.path())?;
            query(&store, &text, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { what: ExportWhat::Graphml { output, store } } => {
            let store = Store::open_read_only(&store.path())?;
            let net = Network::coattendance(&store.presences()?, &store.meetings()?);
            match output {
                Some(path) => {
                    let f = File::create(&path).with_context(|| path.display().to_string())?;
                    net.write_graphml(BufWriter::new(f)).with_context(|| path.display().to_string())?;
                    eprintln!(
                        "govkg: wrote {} ({} people, {} ties)",
                        path.display(),
                        net.graph.node_count(),
                        net.graph.edge_count()
                    );
                }
                None => net.write_graphml(BufWriter::new(io::stdout().lock()))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { what: ReportWhat::With { name, format, store } } => {
            let store = Store::open_read_only(&store.path())?;
            report_with(&store, &name, format)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Decisions about an article a user may want to know of (an encoding guessed
/// against the page's declaration, a given date that is not a date).
fn warn(doc: &govkg::normalize::Doc) {
    for w in &doc.warnings {
        eprintln!("govkg: warning: {}: {w}", doc.source);
    }
}

fn summary_line(skipped: &[Skipped]) -> String {
    let mut by: BTreeMap<&str, usize> = BTreeMap::new();
    for s in skipped {
        *by.entry(s.kind).or_default() += 1;
    }
    by.iter().map(|(k, n)| format!("{n} {k}")).collect::<Vec<_>>().join(", ")
}

fn extract(inputs: &[String], format: ExtractFormat, lex: &Lexicon) -> Result<ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut skipped = Vec::new();
    let mut err: Option<io::Error> = None;
    let prov = Provenance { version: govkg::VERSION, rules_hash: &lex.hash };
    pipeline::run(inputs, lex, |o| {
        if err.is_some() {
            return;
        }
        if let Outcome::Article(a) = &o {
            warn(&a.doc);
        }
        let res = match o {
            Outcome::Article(a) => match format {
                ExtractFormat::Json => serde_json::to_writer(&mut out, &Record::new(&a.doc, &a.extraction))
                    .map_err(io::Error::from)
                    .and_then(|()| out.write_all(b"\n")),
                ExtractFormat::Nquads => {
                    let quads = mapping::article_quads(&a.doc, &a.extraction, &prov);
                    let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(&mut out);
                    quads.iter().try_for_each(|q| ser.serialize_quad(q)).and_then(|()| ser.finish().map(|_| ()))
                }
            },
            Outcome::Skipped(s) => {
                eprintln!("govkg: skipped {s}");
                skipped.push(s);
                Ok(())
            }
        };
        if let Err(e) = res {
            err = Some(e);
        }
    });
    if let Some(e) = err {
        return Err(e.into());
    }
    out.flush()?;
    if skipped.is_empty() {
        Ok(ExitCode::from(EXIT_OK))
    } else {
        eprintln!("govkg: {} inputs skipped ({})", skipped.len(), summary_line(&skipped));
        Ok(ExitCode::from(EXIT_SKIPPED))
    }
}

fn ingest(inputs: &[String], path: &Path, lex: &Lexicon) -> Result<ExitCode> {
    let hook = abort::AbortAt::from_env()?;
    let store = Store::open(path)?;
    hook.reach("opened");
    let prov = Provenance { version: govkg::VERSION, rules_hash: &lex.hash };
    let bar = if io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} articles {per_sec} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        Some(b)
    } else {
        None
    };
    let (mut added, mut replaced, mut unchanged, mut meetings, mut persons) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut failure: Option<anyhow::Error> = None;
    pipeline::run(inputs, lex, |o| {
        if failure.is_some() {
            return;
        }
        match o {
            Outcome::Article(a) => {
                warn(&a.doc);
                let quads = mapping::article_quads(&a.doc, &a.extraction, &prov);
                let iri = mapping::article_iri(&a.doc);
                hook.reach("before-write");
                match store.write_article(&iri, &quads, &a.doc.content_hash, prov.version, prov.rules_hash) {
                    Ok(Written::Added) => added += 1,
                    Ok(Written::Replaced) => replaced += 1,
                    Ok(Written::Unchanged) => unchanged += 1,
                    Err(e) => failure = Some(e.into()),
                }
                hook.reach("after-write");
                meetings += a.extraction.meetings.len();
                persons += a.extraction.persons.len();
            }
            Outcome::Skipped(s) => {
                let line = format!("govkg: skipped {s}");
                match &bar {
                    Some(b) => b.println(line),
                    None => eprintln!("{line}"),
                }
                skipped.push(s);
                hook.reach("skipped");
            }
        }
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    hook.reach("before-flush");
    store.flush()?;
    hook.reach("after-flush");
    if let Some(e) = failure {
        return Err(e);
    }
    eprintln!(
        "govkg: {} articles stored ({added} new, {replaced} replaced, {unchanged} unchanged); {meetings} meetings, {persons} persons; store {} holds {} articles, {} quads",
        added + replaced + unchanged,
        store.path(),
        store.articles()?,
        store.len()?,
    );
    if skipped.is_empty() {
        Ok(ExitCode::from(EXIT_OK))
    } else {
        eprintln!("govkg: {} inputs skipped ({})", skipped.len(), summary_line(&skipped));
        Ok(ExitCode::from(EXIT_SKIPPED))
    }
}

/// Display width on a terminal: Han characters and full-width forms take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn print_table(header: &[String], rows: &[Vec<String>], format: TableFormat) -> Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        TableFormat::Table => {
            let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
            for r in rows {
                for (i, c) in r.iter().enumerate() {
                    if let Some(w) = widths.get_mut(i) {
                        *w = (*w).max(width(c));
                    }
                }
            }
            let line = |cells: &[String]| -> String {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(width(c)))))
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            };
            writeln!(out, "{}", line(header))?;
            writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "))?;
            for r in rows {
                writeln!(out, "{}", line(r))?;
            }
        }
        TableFormat::Csv | TableFormat::Tsv => {
            let mut w = csv::WriterBuilder::new()
                .delimiter(if format == TableFormat::Csv { b',' } else { b'\t' })
                .from_writer(&mut out);
            w.write_record(header)?;
            for r in rows {
                w.write_record(r)?;
            }
            w.flush()?;
        }
        TableFormat::Json => {
            let v: Vec<BTreeMap<&str, &str>> = rows
                .iter()
                .map(|r| header.iter().map(String::as_str).zip(r.iter().map(String::as_str)).collect())
                .collect();
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn term_text(t: Option<&oxigraph::model::Term>) -> String {
    match t {
        Some(oxigraph::model::Term::Literal(l)) => l.value().to_string(),
        Some(oxigraph::model::Term::NamedNode(n)) => n.as_str().to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn query(store: &Store, text: &str, format: TableFormat) -> Result<()> {
    match store.query(text)? {
        QueryResults::Solutions(rows) => {
            let vars: Vec<oxigraph::sparql::Variable> = rows.variables().to_vec();
            if format == TableFormat::Table {
                let header: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                let mut table = Vec::new();
                for row in rows {
                    let row = row?;
                    table.push(vars.iter().map(|v| term_text(row.get(v))).collect());
                }
                print_table(&header, &table, format)?;
            } else {
                let f = match format {
                    TableFormat::Csv => QueryResultsFormat::Csv,
                    TableFormat::Tsv => QueryResultsFormat::Tsv,
                    _ => QueryResultsFormat::Json,
                };
                let mut ser =
                    QueryResultsSerializer::from_format(f).serialize_solutions_to_writer(io::stdout().lock(), vars)?;
                for row in rows {
                    ser.serialize(&row?)?;
                }
                ser.finish().map(drop)?;
            }
        }
        QueryResults::Boolean(b) => {
            if format == TableFormat::Json {
                QueryResultsSerializer::from_format(QueryResultsFormat::Json)
                    .serialize_boolean_to_writer(io::stdout().lock(), b)
                    .map(drop)?;
            } else {
                println!("{b}");
            }
        }
        QueryResults::Graph(triples) => {
            let mut ser = RdfSerializer::from_format(RdfFormat::Turtle).for_writer(io::stdout().lock());
            for t in triples {
                ser.serialize_triple(&t?)?;
            }
            ser.finish().map(drop)?;
        }
    }
    Ok(())
}

fn report_with(store: &Store, name: &str, format: TableFormat) -> Result<()> {
    let name = govkg::normalize::normalize_fragment(name);
    let net = Network::coattendance(&store.presences()?, &store.meetings()?);
    let Some(me) = net.find(&name) else {
        bail!("{name}: not present at any meeting in {}", store.path());
    };
    let mut rows: Vec<(usize, String, Vec<String>, String, String)> = Vec::new();
    for e in net.graph.edges(me) {
        use petgraph::visit::EdgeRef;
        let other = if e.source() == me { e.target() } else { e.source() };
        let Some(o) = net.graph.node_weight(other) else { continue };
        let tie = e.weight();
        let ms: Vec<&govkg::kg::store::MeetingInfo> = tie.shared.iter().filter_map(|&i| net.meetings.get(i)).collect();
        let dates: Vec<&str> = ms.iter().filter_map(|m| m.date.as_deref()).collect();
        let labels =
            ms.iter().map(|m| format!("{} ({})", m.label, m.date.as_deref().unwrap_or("date unknown"))).collect();
        rows.push((
            tie.shared.len(),
            o.name.clone(),
            labels,
            dates.iter().min().map(|s| s.to_string()).unwrap_or_default(),
            dates.iter().max().map(|s| s.to_string()).unwrap_or_default(),
        ));
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let header: Vec<String> =
        ["co_attendee", "shared_meetings", "first_date", "last_date", "meetings"].map(String::from).to_vec();
    let table: Vec<Vec<String>> = rows
        .into_iter()
        .map(|(n, who, ms, first, last)| vec![who, n.to_string(), first, last, ms.join("; ")])
        .collect();
    print_table(&header, &table, format)
}
