//! `govkg report …` and `govkg export facts`: reads the store's rows, has
//! [`govkg::report`] build the tables, and prints them aligned, as CSV/TSV or JSON.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Subcommand, ValueEnum};
use govkg::kg::Store;
use govkg::kg::cache::Tables;
use govkg::network::{Network, Options, Rows};
use govkg::report::{self, Cell, Metric, Report, Table};

use super::{RulesArg, StoreArg, TableFormat, table};

#[derive(Subcommand)]
pub(super) enum ReportWhat {
    /// Who attended meetings with NAME: co-attendee, shared meetings, first and last date.
    With {
        /// The person's name (simplified or traditional script).
        name: String,
        #[command(flatten)]
        common: Common,
    },
    /// The pairs of people who attended the most meetings together.
    Pairs {
        /// How many pairs to list.
        #[arg(long, default_value_t = 20)]
        top: usize,
        #[command(flatten)]
        common: Common,
    },
    /// A person's career as spells (first to last attestation in each post) and meetings by role.
    Person {
        /// The person's name (simplified or traditional script).
        name: String,
        /// Also list every title per article with its source, every meeting, and the bodies.
        #[arg(long)]
        attestations: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Who held a post, in order, as spells; overlaps in a post one person holds at a time are flagged.
    #[command(alias = "holders")]
    Post {
        /// The post's name (上海市委书记), or part of it.
        post: String,
        #[command(flatten)]
        common: Common,
    },
    /// A meeting: date, body, chair, everyone present by role in list order, documents, sources.
    ///
    /// QUERY is the meeting's IRI (or its last part), or part of its name, or its
    /// date (YYYY-MM-DD); several matches are listed to choose from.
    Meeting {
        /// IRI, part of the name, or date.
        query: String,
        #[command(flatten)]
        common: Common,
    },
    /// The most central people of the co-attendance network.
    Central {
        /// The measure to rank by.
        #[arg(long, value_enum, default_value_t = CentralMetric::WeightedDegree)]
        metric: CentralMetric,
        /// How many people to list.
        #[arg(long, default_value_t = 20)]
        top: usize,
        #[command(flatten)]
        common: Common,
    },
    /// Names holding current posts in different jurisdictions at the same time.
    Homonyms {
        /// Posts attested at most this many days apart count as held at the same time.
        #[arg(long, default_value_t = report::DEFAULT_WINDOW_DAYS)]
        days: i64,
        #[command(flatten)]
        common: Common,
    },
    /// Per source and month: articles, meetings, meetings with no named participant, participations.
    Coverage {
        #[command(flatten)]
        common: Common,
    },
    /// What the store holds: articles, meetings, persons, participations, documents, quads.
    Stats {
        #[command(flatten)]
        common: Common,
    },
}

#[derive(clap::Args)]
pub(super) struct Common {
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    rules: RulesArg,
    /// Read the store itself, not the rows cached in its directory (nor write them there).
    #[arg(long)]
    no_cache: bool,
}

/// A centrality measure for `report central` and the plots.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum CentralMetric {
    /// Number of distinct co-attendees.
    Degree,
    /// Shared meetings summed over all co-attendees.
    WeightedDegree,
    /// Meetings attended.
    Meetings,
    /// Betweenness: how often a person lies between two others (estimated on large networks).
    Betweenness,
    /// Closeness: how few steps a person is from everyone they can reach.
    Closeness,
    /// Weighted PageRank.
    Pagerank,
}

impl CentralMetric {
    pub(super) fn metric(self) -> Metric {
        match self {
            CentralMetric::Degree => Metric::Degree,
            CentralMetric::WeightedDegree => Metric::WeightedDegree,
            CentralMetric::Meetings => Metric::Meetings,
            CentralMetric::Betweenness => Metric::Betweenness,
            CentralMetric::Closeness => Metric::Closeness,
            CentralMetric::Pagerank => Metric::PageRank,
        }
    }
}

/// Runs a report command.
pub(super) fn run(what: ReportWhat) -> Result<ExitCode> {
    let common = match &what {
        ReportWhat::With { common, .. }
        | ReportWhat::Pairs { common, .. }
        | ReportWhat::Person { common, .. }
        | ReportWhat::Post { common, .. }
        | ReportWhat::Meeting { common, .. }
        | ReportWhat::Central { common, .. }
        | ReportWhat::Homonyms { common, .. }
        | ReportWhat::Coverage { common }
        | ReportWhat::Stats { common } => common,
    };
    let path = common.store.path();
    let store = Store::open_read_only(&path)?;
    let t = Tables::new(&store, (!common.no_cache).then_some(path.as_path()));
    let rep = build(&what, &t, common)?;
    for w in t.take_warnings() {
        eprintln!("govkg: warning: {w}");
    }
    for n in &rep.notes {
        eprintln!("govkg: note: {n}");
    }
    let mut out = BufWriter::new(io::stdout().lock());
    write_report(&mut out, &rep, common.format)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The co-attendance network of the reports, people keyed by name.
fn network_of(t: &Tables<'_>) -> Result<Network> {
    Ok(Rows::by_name(&t.participations()?, &t.meetings()?).network(&Options::default()))
}

/// Builds the report `what` asks for from the tables it needs.
fn build(what: &ReportWhat, t: &Tables<'_>, common: &Common) -> Result<Report> {
    Ok(match what {
        ReportWhat::With { name, .. } => {
            let lex = common.rules.lexicon()?;
            report::with(name, &t.participations()?, &t.meetings()?, &t.holdings()?, &lex)?
        }
        ReportWhat::Pairs { top, .. } => report::pairs(&network_of(t)?, *top),
        ReportWhat::Person { name, attestations, .. } => {
            let lex = common.rules.lexicon()?;
            let (parts, meetings, holdings, articles) =
                (t.participations()?, t.meetings()?, t.holdings()?, t.articles()?);
            let spells = t.store().spell_rows()?;
            let input = report::PersonInput {
                parts: &parts,
                meetings: &meetings,
                holdings: &holdings,
                articles: &articles,
                spells: &spells,
                attestations: *attestations,
            };
            report::person(name, &input, &lex)?
        }
        ReportWhat::Post { post, .. } => report::post(post, &t.store().spell_rows()?, &t.articles()?)?,
        ReportWhat::Meeting { query, .. } => {
            let (parts, bodies, meetings) = (t.participations()?, t.body_participations()?, t.meetings()?);
            let (documents, articles) = (t.documents()?, t.articles()?);
            let input = report::MeetingInput {
                parts: &parts,
                bodies: &bodies,
                meetings: &meetings,
                documents: &documents,
                articles: &articles,
            };
            report::meeting(query, &input)?
        }
        ReportWhat::Central { metric, top, .. } => {
            let net = network_of(t)?;
            let m = metric.metric();
            let scores = report::scores(&net, m);
            let mut r = report::central(&net, m.name(), &scores.values, *top);
            r.notes.extend(scores.note);
            r
        }
        ReportWhat::Homonyms { days, .. } => {
            let lex = common.rules.lexicon()?;
            let mut r = report::homonyms(&t.holdings()?, &t.articles()?, &lex, *days);
            let reference = report::reference_homonyms(&t.store().identity_rows()?);
            if !reference.rows.is_empty() {
                r.sections.push(report::Section { name: "reference".into(), table: reference });
            }
            r
        }
        ReportWhat::Coverage { .. } => {
            let (articles, meetings, parts) = (t.articles()?, t.meetings()?, t.participations()?);
            let unnamed = t.unnamed_participations()?;
            let input =
                report::CoverageInput { articles: &articles, meetings: &meetings, parts: &parts, unnamed: &unnamed };
            report::coverage(&input)
        }
        ReportWhat::Stats { .. } => report::stats(&t.counts()?),
    })
}

/// Writes a report: sections as titled aligned tables; as CSV/TSV one table
/// (with a leading `section` column when there are several); as JSON an array
/// of objects, or an object of such arrays keyed by section.
fn write_report<W: Write>(out: &mut W, rep: &Report, format: TableFormat) -> Result<()> {
    let several = rep.sections.len() > 1;
    match format {
        TableFormat::Table => {
            for (i, s) in rep.sections.iter().enumerate() {
                if several {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "{}", s.name)?;
                }
                write_aligned(out, &s.table)?;
            }
        }
        TableFormat::Csv | TableFormat::Tsv => {
            let delim = if format == TableFormat::Csv { b',' } else { b'\t' };
            let table =
                if several { merged(rep) } else { rep.sections.first().map(|s| s.table.clone()).unwrap_or_default() };
            write_delimited(out, &table, delim)?;
        }
        TableFormat::Json => {
            let v = if several {
                serde_json::Value::Object(rep.sections.iter().map(|s| (s.name.clone(), json_rows(&s.table))).collect())
            } else {
                rep.sections.first().map_or(serde_json::Value::Array(Vec::new()), |s| json_rows(&s.table))
            };
            serde_json::to_writer_pretty(&mut *out, &v)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// Several sections as one tidy table: a `section` column, then every column in order of first appearance.
fn merged(rep: &Report) -> Table {
    let mut header: Vec<String> = vec!["section".into()];
    for s in &rep.sections {
        for h in &s.table.header {
            if !header.contains(h) {
                header.push(h.clone());
            }
        }
    }
    let mut rows = Vec::new();
    for s in &rep.sections {
        for r in &s.table.rows {
            let by: BTreeMap<&str, &Cell> = s.table.header.iter().map(String::as_str).zip(r).collect();
            let mut row = vec![Cell::Text(s.name.clone())];
            row.extend(header.iter().skip(1).map(|h| by.get(h.as_str()).map_or(Cell::Empty, |c| (*c).clone())));
            rows.push(row);
        }
    }
    Table { header, rows }
}

fn json_rows(t: &Table) -> serde_json::Value {
    serde_json::Value::Array(
        t.rows
            .iter()
            .map(|r| {
                serde_json::Value::Object(
                    t.header
                        .iter()
                        .zip(r)
                        .map(|(h, c)| {
                            let v = match c {
                                Cell::Text(s) => serde_json::Value::String(s.clone()),
                                Cell::Int(n) => serde_json::Value::from(*n),
                                Cell::Float(x) => serde_json::Value::from(*x),
                                Cell::Empty => serde_json::Value::Null,
                            };
                            (h.clone(), v)
                        })
                        .collect(),
                )
            })
            .collect(),
    )
}

/// A report's table aligned for a terminal; `(none)` stands for no rows.
fn write_aligned<W: Write>(out: &mut W, t: &Table) -> Result<()> {
    let rows: Vec<Vec<String>> = t.rows.iter().map(|r| r.iter().map(Cell::display).collect()).collect();
    table::write_aligned(out, &t.header, &rows)?;
    if rows.is_empty() {
        writeln!(out, "(none)")?;
    }
    Ok(())
}

fn write_delimited<W: Write + ?Sized>(out: &mut W, t: &Table, delim: u8) -> Result<()> {
    let mut w = csv::WriterBuilder::new().delimiter(delim).from_writer(out);
    w.write_record(&t.header)?;
    for r in &t.rows {
        w.write_record(r.iter().map(Cell::display))?;
    }
    w.flush()?;
    Ok(())
}

/// How `export facts` writes the table.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum FactFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// One JSON object a line.
    Jsonl,
}

/// `govkg export careers`: the career table, one row per spell.
pub(super) fn export_careers(output: Option<&Path>, format: FactFormat, store: &StoreArg) -> Result<ExitCode> {
    let path = store.path();
    let s = Store::open_read_only(&path)?;
    let spells = s.spell_rows()?;
    if spells.is_empty() {
        eprintln!("govkg: note: the store holds no spells: run `govkg reconcile` to compute them");
    }
    let table = report::career_table(&spells, &s.article_rows()?);
    write_table(&table, output, format)
}

/// `govkg export facts`: the tidy fact table, one row per article × meeting × person × role.
pub(super) fn export_facts(output: Option<&Path>, format: FactFormat, store: &StoreArg) -> Result<ExitCode> {
    let path = store.path();
    let s = Store::open_read_only(&path)?;
    let t = Tables::new(&s, Some(path.as_path()));
    let table = report::fact_table(&t.participations_with_evidence()?, &t.meetings()?, &t.articles()?, &t.holdings()?);
    for w in t.take_warnings() {
        eprintln!("govkg: warning: {w}");
    }
    write_table(&table, output, format)
}

/// Writes a tidy table to a file or standard output.
fn write_table(table: &Table, output: Option<&Path>, format: FactFormat) -> Result<ExitCode> {
    let write = |out: &mut dyn Write| -> Result<()> {
        match format {
            FactFormat::Csv => write_delimited(out, table, b',')?,
            FactFormat::Tsv => write_delimited(out, table, b'\t')?,
            FactFormat::Jsonl => {
                if let serde_json::Value::Array(rows) = json_rows(table) {
                    for r in rows {
                        serde_json::to_writer(&mut *out, &r)?;
                        writeln!(out)?;
                    }
                }
            }
        }
        Ok(())
    };
    match output {
        Some(path) => {
            let f = File::create(path).with_context(|| path.display().to_string())?;
            let mut w = BufWriter::new(f);
            write(&mut w).with_context(|| path.display().to_string())?;
            w.flush().with_context(|| path.display().to_string())?;
            eprintln!("govkg: wrote {} ({} rows)", path.display(), table.rows.len());
        }
        None => {
            let mut w = BufWriter::new(io::stdout().lock());
            write(&mut w)?;
            w.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
