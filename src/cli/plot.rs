//! `govkg plot …`: draws the co-attendance network, or one person's part of
//! it, as an SVG file (see [`govkg::plot`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use govkg::kg::Store;
use govkg::network::{Options, Rows};
use govkg::plot::{self, Layout};
use govkg::report;

use super::StoreArg;
use super::report::CentralMetric;

#[derive(Subcommand)]
pub(super) enum PlotWhat {
    /// One person and everyone who attended a meeting with them.
    Ego {
        /// The person's name (simplified or traditional script).
        name: String,
        #[command(flatten)]
        common: PlotArgs,
    },
    /// The whole network, or its most central people.
    Network {
        #[command(flatten)]
        common: PlotArgs,
    },
}

#[derive(clap::Args)]
pub(super) struct PlotArgs {
    /// The SVG file to write.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Draw at most this many people, the most central first.
    #[arg(long, default_value_t = 80)]
    top: usize,
    /// The measure that sizes nodes and picks the top people.
    #[arg(long, value_enum, default_value_t = CentralMetric::WeightedDegree)]
    metric: CentralMetric,
    /// Layout iterations.
    #[arg(long, default_value_t = 300)]
    iterations: usize,
    #[command(flatten)]
    store: StoreArg,
}

/// Runs a plot command.
pub(super) fn run(what: PlotWhat) -> Result<ExitCode> {
    let (name, args) = match what {
        PlotWhat::Ego { name, common } => (Some(name), common),
        PlotWhat::Network { common } => (None, common),
    };
    let s = Store::open_read_only(&args.store.path())?;
    let net = Rows::by_name(&s.participation_rows()?, &s.article_meeting_rows()?).network(&Options::default());
    // Size by the metric chosen; colour by community, the groups an analyst looks for.
    let values = report::node_values(&net, args.metric.metric());
    let groups = report::communities(&net);
    let (keep, title) = match &name {
        Some(n) => {
            let n = govkg::normalize::normalize_fragment(n);
            let Some(me) = net.find(&n) else { bail!("{n}: no such person in the store") };
            (plot::ego_nodes(&net, me, &values, args.top.saturating_sub(1)), format!("{n}: co-attendance"))
        }
        None => {
            let mut keep = report::top_nodes(&net, &values, args.top);
            keep.sort_unstable();
            (
                keep,
                format!(
                    "Co-attendance network ({} people, by {})",
                    net.graph.node_count(),
                    args.metric.metric().name()
                ),
            )
        }
    };
    let g = plot::subgraph(&net, &keep, &values, &groups, &title);
    let cfg = Layout { iterations: args.iterations, ..Layout::default() };
    let side = if g.labels.len() > 40 { 1400.0 } else { 1000.0 };
    write(&args.output, &plot::svg(&g, &cfg, side, side * 0.8))?;
    eprintln!("govkg: wrote {} ({} people, {} ties)", args.output.display(), g.labels.len(), g.edges.len());
    Ok(ExitCode::SUCCESS)
}

fn write(path: &Path, svg: &str) -> Result<()> {
    std::fs::write(path, svg).with_context(|| path.display().to_string())
}
