//! `report central`, and the per-node values and groups the plots share with it.
//!
//! Takes the co-attendance [`Network`] and a [`Metric`]. Gives one value per
//! node ([`scores`]: degree, weighted degree, meetings, and betweenness,
//! closeness and PageRank from [`crate::network::metrics`], with a note when
//! betweenness is estimated), components and Louvain communities as plain
//! vectors, the top nodes, and the `central` report. Betweenness and closeness
//! use the same rule and seed as the exports' node attributes, so a report and
//! a GraphML file agree. Never prints.

use super::{Cell, Report, Table};
use crate::network::{Network, metrics};

/// A centrality measure for `report central` and the plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Number of distinct co-attendees.
    Degree,
    /// Sum of shared meetings over all co-attendees.
    WeightedDegree,
    /// Number of meetings attended.
    Meetings,
    /// Normalised betweenness: how often a person lies on the shortest paths
    /// between two others (a broker between groups).
    Betweenness,
    /// Closeness (Wasserman–Faust): how few steps a person is from everyone they can reach.
    Closeness,
    /// Weighted PageRank: attending with people who are themselves central.
    PageRank,
}

impl Metric {
    /// The metric's name as the command line spells it.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Degree => "degree",
            Metric::WeightedDegree => "weighted-degree",
            Metric::Meetings => "meetings",
            Metric::Betweenness => "betweenness",
            Metric::Closeness => "closeness",
            Metric::PageRank => "pagerank",
        }
    }
}

/// One value per node for a metric, and what a reader must know about them.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// In node index order.
    pub values: Vec<f64>,
    /// Set when the values are estimates (betweenness on a large network).
    pub note: Option<String>,
}

/// The values of `metric` for every node (in node index order). Betweenness and
/// closeness are exact on small networks and estimated from sampled sources on
/// large ones, with the same rule and seed as the exports' node attributes, so
/// that a report and a GraphML file agree.
pub fn scores(net: &Network, metric: Metric) -> Scores {
    let per_node = |f: &dyn Fn(petgraph::graph::NodeIndex) -> f64| net.graph.node_indices().map(f).collect();
    match metric {
        Metric::Degree => Scores { values: per_node(&|i| net.graph.edges(i).count() as f64), note: None },
        Metric::WeightedDegree => {
            Scores { values: per_node(&|i| net.graph.edges(i).map(|e| e.weight().weight).sum()), note: None }
        }
        Metric::Meetings => {
            Scores { values: per_node(&|i| net.graph.node_weight(i).map_or(0.0, |n| n.meetings as f64)), note: None }
        }
        Metric::PageRank => {
            let options = metrics::MetricOptions::default();
            Scores { values: metrics::pagerank(&metrics::Adjacency::of(net), options.damping), note: None }
        }
        Metric::Betweenness | Metric::Closeness => {
            let options = metrics::MetricOptions::default();
            let adj = metrics::Adjacency::of(net);
            let paths =
                metrics::paths(&adj, &metrics::components(&adj), metrics::samples_for(&adj, &options), options.seed);
            let note = match (paths.exact, paths.bound) {
                (false, Some(b)) => Some(format!(
                    "{} estimated from {} sampled people of {}; each betweenness within ±{b:.4} with 95% probability",
                    metric.name(),
                    paths.sources,
                    adj.len()
                )),
                (false, None) => {
                    Some(format!("{} estimated from {} sampled people of {}", metric.name(), paths.sources, adj.len()))
                }
                _ => None,
            };
            let values = if metric == Metric::Betweenness { paths.betweenness } else { paths.closeness };
            Scores { values, note }
        }
    }
}

/// One value per node (in node index order) for a metric; see [`scores`].
pub fn node_values(net: &Network, metric: Metric) -> Vec<f64> {
    scores(net, metric).values
}

/// The connected component of every node (in node index order), numbered by
/// size, largest first (ties by the smallest node index).
pub fn components(net: &Network) -> Vec<usize> {
    metrics::components(&metrics::Adjacency::of(net))
}

/// The Louvain community of every node (in node index order), numbered by size,
/// largest first: groups who attend together more than chance would have them.
pub fn communities(net: &Network) -> Vec<usize> {
    metrics::louvain(&metrics::Adjacency::of(net), metrics::MetricOptions::default().resolution).0
}

/// The nodes with the highest values, best first (ties by name), at most `top`.
pub fn top_nodes(net: &Network, values: &[f64], top: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..net.graph.node_count()).collect();
    let name = |i: usize| net.graph.node_weight(petgraph::graph::NodeIndex::new(i)).map(|n| n.name.as_str());
    idx.sort_by(|&a, &b| {
        let (va, vb) = (values.get(a).copied().unwrap_or(0.0), values.get(b).copied().unwrap_or(0.0));
        vb.total_cmp(&va).then_with(|| name(a).cmp(&name(b)))
    });
    idx.truncate(top);
    idx
}

/// `report central`: the `top` people by `values` (one per node, see
/// [`scores`]), with degree, weighted degree, meetings, component and community.
pub fn central(net: &Network, metric_name: &str, values: &[f64], top: usize) -> Report {
    let degree = node_values(net, Metric::Degree);
    let weighted = node_values(net, Metric::WeightedDegree);
    let comp = components(net);
    let community = communities(net);
    // The ranking measure comes first; the basic measures follow unless one of them is it.
    let own = metric_name.replace('-', "_");
    let extra: Vec<&str> = ["degree", "weighted_degree", "meetings"].into_iter().filter(|c| *c != own).collect();
    let mut header = vec!["rank", "person", metric_name];
    header.extend(&extra);
    header.extend(["component", "community"]);
    let mut t = Table::new(&header);
    for (rank, i) in top_nodes(net, values, top).into_iter().enumerate() {
        let Some(n) = net.graph.node_weight(petgraph::graph::NodeIndex::new(i)) else { continue };
        let mut row =
            vec![(rank + 1).into(), n.name.as_str().into(), Cell::Float(values.get(i).copied().unwrap_or(0.0))];
        for c in &extra {
            row.push(match *c {
                "degree" => Cell::Float(degree.get(i).copied().unwrap_or(0.0)),
                "weighted_degree" => Cell::Float(weighted.get(i).copied().unwrap_or(0.0)),
                _ => n.meetings.into(),
            });
        }
        row.push(comp.get(i).copied().unwrap_or(0).into());
        row.push(community.get(i).copied().unwrap_or(0).into());
        t.rows.push(row);
    }
    Report::single("central", t)
}
