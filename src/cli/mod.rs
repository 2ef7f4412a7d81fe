//! Commands, their arguments, and how their results are shown.

mod abort;

use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use govkg::kg::rules::Rules;
use govkg::lexicon::Lexicon;
use govkg::ops::ingest;
use govkg::pipeline::{self, Outcome, Skipped};
use govkg::record::Record;
use oxigraph::io::{RdfFormat, RdfSerializer};

mod plot;
mod report;
use plot::PlotWhat;
use report::ReportWhat;
mod lifecycle;
mod query;
mod serve;
mod table;

mod reconcile;

mod network;

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
    /// A corrections file [default: corrections.tsv in --rules DIR, if there].
    #[arg(long, value_name = "FILE")]
    corrections: Option<PathBuf>,
}

impl RulesArg {
    fn lexicon(&self) -> Result<Lexicon> {
        match &self.rules {
            Some(dir) => Ok(Lexicon::with_dir(dir)?),
            None => Ok(Lexicon::builtin()),
        }
    }
}

/// The time one article may take to normalise and extract.
#[derive(clap::Args)]
struct TimeoutArg {
    /// Skip an article whose normalisation and extraction take longer than this
    /// many seconds (0: no limit); the rest of the batch goes on.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = parse_timeout)]
    article_timeout: f64,
}

impl TimeoutArg {
    fn limit(&self) -> Option<Duration> {
        (self.article_timeout > 0.0).then(|| Duration::from_secs_f64(self.article_timeout))
    }
}

fn parse_timeout(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=1e9).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a number of seconds from 0 to 10^9")),
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
        #[command(flatten)]
        timeout: TimeoutArg,
    },
    /// Extract facts from articles and store them, new articles in atomic batches.
    ///
    /// An article already stored with the same content, govkg version and rules
    /// is skipped; a changed one replaces its own facts. Each batch of new
    /// articles is stored whole or not at all, so a stopped ingest loses at most
    /// the batch it was writing, which a re-run adds. Ends with a summary.
    Ingest {
        /// Files, folders, .jsonl files, or - for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
        #[command(flatten)]
        store: StoreArg,
        #[command(flatten)]
        rules: RulesArg,
        #[command(flatten)]
        timeout: TimeoutArg,
        /// New articles stored in one atomic write (smaller batches lose less to
        /// a kill; larger ones are a little faster).
        #[arg(long, value_name = "N", default_value_t = ingest::BATCH_ARTICLES)]
        batch: usize,
    },
    /// Run a SPARQL query against the store (the default graph is the union of all articles).
    Query {
        /// The query text (or use --file).
        sparql: Option<String>,
        /// Read the query from a file.
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// Result format: table, or SPARQL results as json, xml, csv, tsv; graphs
        /// (CONSTRUCT, DESCRIBE) as turtle, ntriples, nquads, trig, jsonld, rdfxml.
        #[arg(long, value_enum, default_value_t = query::QueryFormat::Table)]
        format: query::QueryFormat,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Take articles out of the store by key (path, URL or id, as `dcterms:identifier` holds it).
    Remove {
        /// The articles' keys.
        #[arg(required = true)]
        keys: Vec<String>,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Load N-Quads or TriG (from `export nquads`, `export trig` or `extract --format nquads`).
    ///
    /// Into an empty store, or with --non-atomic, this uses Oxigraph's bulk loader:
    /// a crash leaves articles half-written, and they are dropped when the store is
    /// next opened. Into a store that holds articles, each article graph is written
    /// in its own transaction, replacing the stored graph of the same name.
    Load(lifecycle::LoadArgs),
    /// Answer SPARQL 1.1 Protocol queries over HTTP at /query, read-only.
    Serve(serve::ServeArgs),
    /// Export the co-attendance or person–meeting network.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Link what several articles say about one meeting or person, after ingest.
    ///
    /// Meetings several articles report (same body, kind and ordinal; or same name
    /// and date) get a canonical node; persons the known-persons file identifies
    /// get their id and external ids. Persons are linked to the reference data
    /// (--reference DIR, and the reference/ folder of --rules DIR) and every career
    /// is cut into spells. Written into one graph, replaced on every run.
    Reconcile(reconcile::ReconcileArgs),
    /// Print reports from the store.
    Report {
        #[command(subcommand)]
        what: ReportWhat,
    },
    /// Draw the co-attendance network as SVG.
    Plot {
        #[command(subcommand)]
        what: PlotWhat,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// The network as GraphML (Gephi, networkx, igraph), with node metrics.
    Graphml(Box<network::FileExport>),
    /// The network as GEXF 1.3 with meeting dates as time spells (Gephi's timeline).
    Gexf(Box<network::FileExport>),
    /// The network as CSV: nodes.csv and edges.csv in a folder (Gephi's spreadsheet import, pandas).
    Csv(Box<network::DirExport>),
    /// Every quad, named graphs kept (one per article), as N-Quads: for `govkg load` or any RDF store.
    Nquads(lifecycle::DumpArgs),
    /// Every quad, named graphs kept, as TriG.
    Trig(lifecycle::DumpArgs),
    /// The union of all graphs as one Turtle graph (the default graph queries see).
    Turtle(lifecycle::DumpArgs),
    /// The career table: one row per spell (person, person id, post, body, jurisdiction, from, to, …).
    Careers {
        /// Output file [default: standard output].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = report::FactFormat::Csv)]
        format: report::FactFormat,
        #[command(flatten)]
        store: StoreArg,
    },
    /// The tidy fact table: one row per article, meeting, person and role, with evidence.
    Facts {
        /// Output file [default: standard output].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = report::FactFormat::Csv)]
        format: report::FactFormat,
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
        Command::Extract { inputs, format, rules, timeout } => {
            extract(&inputs, format, &rules.load()?, timeout.limit())
        }
        Command::Ingest { inputs, store, rules, timeout, batch } => {
            ingest(&inputs, &store.path(), &rules.load()?, timeout.limit(), batch)
        }
        Command::Reconcile(args) => reconcile::reconcile(&args),
        Command::Query { sparql, file, format, store } => {
            let text = match (sparql, file) {
                (Some(q), None) => q,
                (None, Some(f)) => std::fs::read_to_string(&f).with_context(|| f.display().to_string())?,
                _ => bail!("give the query as an argument or with --file, not both"),
            };
            let store = lifecycle::open_read(&store.path())?;
            query::run(&store, &text, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Remove { keys, store } => lifecycle::remove(&keys, &store.path()),
        Command::Load(args) => lifecycle::load(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Export { what: ExportWhat::Nquads(a) } => lifecycle::export(&a, oxigraph::io::RdfFormat::NQuads),
        Command::Export { what: ExportWhat::Trig(a) } => lifecycle::export(&a, oxigraph::io::RdfFormat::TriG),
        Command::Export { what: ExportWhat::Turtle(a) } => lifecycle::export(&a, oxigraph::io::RdfFormat::Turtle),
        Command::Export { what: ExportWhat::Graphml(args) } => network::export_file(&args, network::Format::Graphml),
        Command::Export { what: ExportWhat::Gexf(args) } => network::export_file(&args, network::Format::Gexf),
        Command::Export { what: ExportWhat::Csv(args) } => network::export_csv(&args),
        Command::Export { what: ExportWhat::Careers { output, format, store } } => {
            report::export_careers(output.as_deref(), format, &store)
        }
        Command::Export { what: ExportWhat::Facts { output, format, store } } => {
            report::export_facts(output.as_deref(), format, &store)
        }
        Command::Report { what } => report::run(what),
        Command::Plot { what } => plot::run(what),
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

/// 0 when every input was read; else 1, after a line counting the skipped inputs by kind.
fn skipped_exit(skipped: &[Skipped]) -> ExitCode {
    if skipped.is_empty() {
        ExitCode::from(EXIT_OK)
    } else {
        eprintln!("govkg: {} inputs skipped ({})", skipped.len(), summary_line(skipped));
        ExitCode::from(EXIT_SKIPPED)
    }
}

fn extract(inputs: &[String], format: ExtractFormat, rules: &Rules, timeout: Option<Duration>) -> Result<ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut skipped = Vec::new();
    let mut err: Option<io::Error> = None;
    pipeline::run_within(inputs, &rules.lexicon, timeout, |o| {
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
                    let quads = rules.quads(&a.doc, &a.extraction);
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
    Ok(skipped_exit(&skipped))
}

/// `govkg ingest`: the library's ingest, with a spinner on a terminal, a line
/// per skipped input and diagnostic, the test hook's points, and a summary.
fn ingest(inputs: &[String], path: &Path, rules: &Rules, timeout: Option<Duration>, batch: usize) -> Result<ExitCode> {
    let hook = abort::AbortAt::from_env()?;
    let store = lifecycle::open_write(path)?;
    hook.reach("opened");
    let options = ingest::Options {
        article_timeout: timeout,
        cache_dir: Some(path.to_path_buf()),
        batch_articles: Some(batch),
        batch_quads: None,
    };
    let mut progress = Progress { hook, bar: spinner() };
    let summary = ingest::run(&store, inputs, rules, &options, |e| progress.on(&e))?;
    eprintln!("govkg: {}", stored_line(&summary, store.path()));
    Ok(skipped_exit(&summary.skipped))
}

/// A spinner counting articles, when standard error is a terminal.
fn spinner() -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new_spinner();
    b.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} articles {per_sec} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    Some(b)
}

/// What `govkg ingest` shows while the library works, and where the test hook stops it.
struct Progress {
    hook: abort::AbortAt,
    /// The spinner, until the inputs are done.
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn say(&self, line: String) {
        match &self.bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn tick(&self) {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }

    fn on(&mut self, e: &ingest::Event<'_>) {
        match e {
            ingest::Event::Diagnostic(d) => self.say(format!("govkg: {d}")),
            ingest::Event::Writing(_) => self.hook.reach("before-write"),
            ingest::Event::Written(..) => {
                self.hook.reach("after-write");
                self.tick();
            }
            ingest::Event::Skipped(s) => {
                self.say(format!("govkg: skipped {s}"));
                self.hook.reach("skipped");
                self.tick();
            }
            ingest::Event::Flushing => {
                if let Some(b) = self.bar.take() {
                    b.finish_and_clear();
                }
                self.hook.reach("before-flush");
            }
            ingest::Event::Flushed => self.hook.reach("after-flush"),
            _ => {}
        }
    }
}

/// The summary of an ingest: what was stored, and what the store holds now.
fn stored_line(s: &ingest::Summary, store: &str) -> String {
    let mut also = String::new();
    if s.duplicates > 0 {
        also.push_str(&format!("; {} duplicates of stored articles", s.duplicates));
    }
    if s.kept > 0 {
        also.push_str(&format!("; {} without facts, stored versions kept", s.kept));
    }
    format!(
        "{} articles stored ({} new, {} replaced, {} unchanged){also}; {} meetings, {} persons; store {store} holds {} articles, {} quads",
        s.stored(),
        s.added,
        s.replaced,
        s.unchanged,
        s.meetings,
        s.persons,
        s.store_articles,
        s.store_quads,
    )
}
