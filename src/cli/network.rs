//! `govkg export graphml|gexf|csv`: networks from the store, with metrics, for Gephi, networkx and igraph.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use govkg::kg::Store;
use govkg::network::metrics::{self, MetricOptions, Metrics};
use govkg::network::{Filters, Network, NetworkKind, Options, Role, Weight, cache, export};

use super::StoreArg;

#[derive(Clone, Copy, ValueEnum)]
enum NetChoice {
    /// People joined when present at the same meeting.
    Coattendance,
    /// People joined to the meetings they were present at.
    Bipartite,
}

#[derive(Clone, Copy, ValueEnum)]
enum WeightChoice {
    /// Number of distinct meetings shared.
    Count,
    /// Newman's collaboration weight: each shared meeting of n people adds 1/(n-1).
    Newman,
    /// Shared meetings over the meetings either attended.
    Jaccard,
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| {
        format!("{s}: not a role (chair, speaker, reporter, relayer, attendee, nonvoting, presidium, invited)")
    })
}

fn parse_date(s: &str) -> Result<String, String> {
    govkg::date::Date::parse(s).map(|d| d.to_string()).ok_or_else(|| format!("{s}: not a date (YYYY-MM-DD)"))
}

/// Which network, which weight, which filters, and how metrics are computed.
#[derive(clap::Args)]
pub struct NetArgs {
    /// Which network.
    #[arg(long, value_enum, default_value_t = NetChoice::Coattendance)]
    network: NetChoice,
    /// Edge weight of the co-attendance network.
    #[arg(long, value_enum, default_value_t = WeightChoice::Count)]
    weight: WeightChoice,
    /// Only meetings on or after this date (undated meetings are left out).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    from: Option<String>,
    /// Only meetings on or before this date (undated meetings are left out).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    to: Option<String>,
    /// Only meetings held by this body (exact name; repeat for several).
    #[arg(long, value_name = "NAME")]
    body: Vec<String>,
    /// Only meetings of this kind, e.g. 常务会议 (repeat for several).
    #[arg(long, value_name = "KIND")]
    kind: Vec<String>,
    /// Only meetings of this jurisdiction, e.g. 青岚市: as stated, else a body name starting with it.
    #[arg(long, value_name = "PLACE")]
    jurisdiction: Vec<String>,
    /// Count a person at a meeting only in these roles (comma-separated).
    #[arg(long, value_name = "ROLES", value_delimiter = ',', value_parser = parse_role)]
    roles: Vec<Role>,
    /// Leave out a person at any meeting where they had one of these roles, e.g. chair.
    #[arg(long, value_name = "ROLES", value_delimiter = ',', value_parser = parse_role)]
    exclude_roles: Vec<Role>,
    /// Drop edges lighter than this weight.
    #[arg(long, value_name = "W")]
    min_weight: Option<f64>,
    /// On large graphs, betweenness and closeness are estimated from this many sampled
    /// sources (0: always exact). Graphs small enough to search from every node in a few
    /// seconds are always exact.
    #[arg(long, value_name = "N", default_value_t = 500)]
    samples: usize,
    /// Search from every node when nodes × adjacency entries is at most this.
    #[arg(long, value_name = "N", default_value_t = 2_000_000_000, hide = true)]
    exact_work: u64,
    /// Seed of the sampling.
    #[arg(long, value_name = "N", default_value_t = 1)]
    seed: u64,
    /// Write no metrics.
    #[arg(long)]
    no_metrics: bool,
    /// Read the store directly instead of the network cache in the store directory.
    #[arg(long)]
    no_cache: bool,
}

impl NetArgs {
    /// The library options these arguments ask for.
    pub fn options(&self) -> Result<Options> {
        if let (Some(a), Some(b)) = (&self.from, &self.to)
            && a > b
        {
            bail!("--from {a} is after --to {b}");
        }
        if self.min_weight.is_some_and(|w| !w.is_finite()) {
            bail!("--min-weight must be a number");
        }
        Ok(Options {
            network: match self.network {
                NetChoice::Coattendance => NetworkKind::Coattendance,
                NetChoice::Bipartite => NetworkKind::Bipartite,
            },
            weight: match self.weight {
                WeightChoice::Count => Weight::Count,
                WeightChoice::Newman => Weight::Newman,
                WeightChoice::Jaccard => Weight::Jaccard,
            },
            filters: Filters {
                from: self.from.clone(),
                to: self.to.clone(),
                bodies: self.body.iter().map(|s| govkg::normalize::normalize_fragment(s)).collect(),
                kinds: self.kind.iter().map(|s| govkg::normalize::normalize_fragment(s)).collect(),
                jurisdictions: self.jurisdiction.iter().map(|s| govkg::normalize::normalize_fragment(s)).collect(),
                roles: (!self.roles.is_empty()).then(|| self.roles.iter().copied().collect::<BTreeSet<Role>>()),
                exclude_roles: self.exclude_roles.iter().copied().collect(),
                min_weight: self.min_weight,
            },
        })
    }

    fn metric_options(&self) -> MetricOptions {
        MetricOptions { samples: self.samples, exact_work: self.exact_work, seed: self.seed, ..Default::default() }
    }
}

/// Arguments of `export graphml` and `export gexf`.
#[derive(clap::Args)]
pub struct FileExport {
    /// Output file [default: standard output].
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also write the meetings behind every edge to this CSV file.
    #[arg(long, value_name = "FILE")]
    edge_meetings: Option<PathBuf>,
    #[command(flatten)]
    net: NetArgs,
    #[command(flatten)]
    store: StoreArg,
}

/// Arguments of `export csv`.
#[derive(clap::Args)]
pub struct DirExport {
    /// Output folder; nodes.csv and edges.csv are written into it (created if needed).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// Also write edge_meetings.csv: the meetings behind every edge.
    #[arg(long)]
    edge_meetings: bool,
    #[command(flatten)]
    net: NetArgs,
    #[command(flatten)]
    store: StoreArg,
}

/// The network the arguments ask for, built from the store (through the cache), with its metrics.
pub fn load(net: &NetArgs, store: &StoreArg) -> Result<(Network, Option<Metrics>)> {
    let options = net.options()?;
    let path = store.path();
    let store = Store::open_read_only(&path)?;
    let dir = (!net.no_cache).then_some(path.as_path());
    let (rows, source) = cache::rows(&store, dir)?;
    // A cache that cannot be written only costs time.
    if let cache::Source::Unwritten { warning } = source {
        eprintln!("govkg: warning: {warning}");
    }
    let network = rows.network(&options);
    let m = (!net.no_metrics).then(|| metrics::compute(&network, &net.metric_options()));
    Ok((network, m))
}

/// Rebuilds the network cache after a command changed the store, so the next
/// network read is fast. A failure only costs that read time, so it is a warning.
pub fn refresh_cache(store: &Store, dir: &Path) {
    if let Some(d) = govkg::ops::refresh_network_cache(store, dir) {
        eprintln!("govkg: {d}");
    }
}

fn summary(net: &Network, m: Option<&Metrics>) -> String {
    let what = match net.kind {
        NetworkKind::Coattendance => "people",
        NetworkKind::Bipartite => "people and meetings",
    };
    let mut s = format!("{} {what}, {} edges", net.graph.node_count(), net.graph.edge_count());
    if let Some(m) = m {
        s.push_str(&format!("; {} components, {} communities", m.components(), m.communities()));
        if let Some(b) = m.betweenness_bound {
            s.push_str(&format!(
                "; betweenness and closeness estimated from {} of {} nodes (betweenness error under {b:.4} with 95% probability)",
                m.sources,
                net.graph.node_count()
            ));
        }
    }
    s
}

fn create(path: &Path) -> Result<BufWriter<File>> {
    Ok(BufWriter::new(File::create(path).with_context(|| path.display().to_string())?))
}

/// Which file format `export` writes.
#[derive(Clone, Copy)]
pub enum Format {
    /// GraphML.
    Graphml,
    /// GEXF 1.3.
    Gexf,
}

/// `export graphml` and `export gexf`.
pub fn export_file(args: &FileExport, format: Format) -> Result<ExitCode> {
    let (net, m) = load(&args.net, &args.store)?;
    let write = |out: &mut dyn Write| -> io::Result<()> {
        match format {
            Format::Graphml => export::write_graphml(&net, m.as_ref(), out),
            Format::Gexf => export::write_gexf(&net, m.as_ref(), out),
        }
    };
    match &args.output {
        Some(path) => {
            let mut f = create(path)?;
            write(&mut f).and_then(|()| f.flush()).with_context(|| path.display().to_string())?;
            eprintln!("govkg: wrote {} ({})", path.display(), summary(&net, m.as_ref()));
        }
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    if let Some(path) = &args.edge_meetings {
        let mut f = create(path)?;
        export::write_edge_meetings_csv(&net, &mut f)
            .and_then(|()| f.flush())
            .with_context(|| path.display().to_string())?;
        eprintln!("govkg: wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `export csv`.
pub fn export_csv(args: &DirExport) -> Result<ExitCode> {
    let (net, m) = load(&args.net, &args.store)?;
    let dir = &args.output;
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    let nodes = dir.join("nodes.csv");
    let mut f = create(&nodes)?;
    export::write_nodes_csv(&net, m.as_ref(), &mut f)
        .and_then(|()| f.flush())
        .with_context(|| nodes.display().to_string())?;
    let edges = dir.join("edges.csv");
    let mut f = create(&edges)?;
    export::write_edges_csv(&net, &mut f).and_then(|()| f.flush()).with_context(|| edges.display().to_string())?;
    if args.edge_meetings {
        let path = dir.join("edge_meetings.csv");
        let mut f = create(&path)?;
        export::write_edge_meetings_csv(&net, &mut f)
            .and_then(|()| f.flush())
            .with_context(|| path.display().to_string())?;
    }
    eprintln!("govkg: wrote {} ({})", dir.display(), summary(&net, m.as_ref()));
    Ok(ExitCode::SUCCESS)
}
