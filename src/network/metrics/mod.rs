//! Node metrics of a network: degree, weighted degree, betweenness, closeness,
//! weighted PageRank, connected component and Louvain community.
//!
//! Takes a [`Network`] (or any undirected weighted graph as an [`Adjacency`]) and
//! [`MetricOptions`]. Gives [`Metrics`], one value per node in node-index order.
//! Results are deterministic: sources are sampled with a fixed seed, nodes are
//! visited in index order, and parallel work is summed in a fixed order. Never
//! prints and never fails: an empty graph gives empty vectors.
//!
//! Definitions follow networkx, so numbers can be checked against it:
//! betweenness is normalised by 1/((n−1)(n−2)) over hop-count shortest paths;
//! closeness uses hop distances with the Wasserman–Faust correction for
//! disconnected graphs; PageRank uses damping 0.85, edge weights and spreads the
//! rank of isolated nodes evenly.
//!
//! The graph is [`Adjacency`] (`adjacency.rs`); betweenness and closeness come
//! from one set of breadth-first searches (`paths.rs`); components and Louvain
//! communities are `groups.rs`; degree and PageRank are here.

mod adjacency;
mod groups;
mod paths;

use rayon::prelude::*;

pub use adjacency::Adjacency;
pub use groups::{components, louvain, modularity};
pub use paths::{Paths, SplitMix64, paths, sample};

use super::Network;

/// How metrics are computed.
#[derive(Debug, Clone)]
pub struct MetricOptions {
    /// Number of sampled source nodes betweenness and closeness are estimated from on
    /// large graphs; 0 means always exact.
    pub samples: usize,
    /// Betweenness and closeness are exact when the graph has at most `samples` nodes or
    /// when nodes × adjacency entries (the work of searching from every node) is at most
    /// this; the default, 2·10⁹, takes a few seconds.
    pub exact_work: u64,
    /// Seed of the source sampling.
    pub seed: u64,
    /// Louvain resolution (1.0 is plain modularity).
    pub resolution: f64,
    /// PageRank damping factor.
    pub damping: f64,
}

impl Default for MetricOptions {
    fn default() -> Self {
        MetricOptions { samples: 500, exact_work: 2_000_000_000, seed: 1, resolution: 1.0, damping: 0.85 }
    }
}

/// Metric values, one per node, indexed by `NodeIndex::index()`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metrics {
    /// Number of neighbours.
    pub degree: Vec<usize>,
    /// Sum of the weights of the node's edges.
    pub weighted_degree: Vec<f64>,
    /// Normalised betweenness (exact, or estimated from sampled sources).
    pub betweenness: Vec<f64>,
    /// Standard error of each estimated betweenness (all zero when exact).
    pub betweenness_se: Vec<f64>,
    /// Closeness (Wasserman–Faust), exact or estimated from the same sources.
    pub closeness: Vec<f64>,
    /// Weighted PageRank; sums to 1.
    pub pagerank: Vec<f64>,
    /// Connected component: 0 is the largest, ties broken by lowest node index.
    pub component: Vec<usize>,
    /// Louvain community: 0 is the largest, ties broken by lowest node index.
    pub community: Vec<usize>,
    /// Modularity of the communities.
    pub modularity: f64,
    /// Number of source nodes betweenness and closeness were computed from (n when exact).
    pub sources: usize,
    /// Whether betweenness and closeness are exact.
    pub exact: bool,
    /// When estimated: a bound that every node's betweenness error stays under with 95%
    /// probability (Hoeffding), in the same normalised units.
    pub betweenness_bound: Option<f64>,
}

/// The metric values of one node.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NodeMetrics {
    /// Number of neighbours.
    pub degree: usize,
    /// Sum of edge weights.
    pub weighted_degree: f64,
    /// Normalised betweenness.
    pub betweenness: f64,
    /// Its standard error (0 when exact).
    pub betweenness_se: f64,
    /// Closeness.
    pub closeness: f64,
    /// Weighted PageRank.
    pub pagerank: f64,
    /// Connected component (0 the largest).
    pub component: usize,
    /// Louvain community (0 the largest).
    pub community: usize,
}

impl Metrics {
    /// The values of node `i` (`NodeIndex::index()`); defaults when `i` is out of range.
    pub fn node(&self, i: usize) -> NodeMetrics {
        NodeMetrics {
            degree: self.degree.get(i).copied().unwrap_or_default(),
            weighted_degree: self.weighted_degree.get(i).copied().unwrap_or_default(),
            betweenness: self.betweenness.get(i).copied().unwrap_or_default(),
            betweenness_se: self.betweenness_se.get(i).copied().unwrap_or_default(),
            closeness: self.closeness.get(i).copied().unwrap_or_default(),
            pagerank: self.pagerank.get(i).copied().unwrap_or_default(),
            component: self.component.get(i).copied().unwrap_or_default(),
            community: self.community.get(i).copied().unwrap_or_default(),
        }
    }

    /// Number of connected components.
    pub fn components(&self) -> usize {
        self.component.iter().max().map_or(0, |m| m + 1)
    }

    /// Number of communities.
    pub fn communities(&self) -> usize {
        self.community.iter().max().map_or(0, |m| m + 1)
    }
}

/// Every metric of a network.
pub fn compute(net: &Network, options: &MetricOptions) -> Metrics {
    compute_adjacency(&Adjacency::of(net), options)
}

/// Every metric of a graph given as an adjacency.
pub fn compute_adjacency(adj: &Adjacency, options: &MetricOptions) -> Metrics {
    let n = adj.len();
    let degree: Vec<usize> = (0..n).map(|i| adj.neighbours(i).len()).collect();
    let weighted_degree: Vec<f64> = (0..n).map(|i| adj.row(i).map(|(_, w)| w).sum()).collect();
    let component = components(adj);
    let paths = paths(adj, &component, samples_for(adj, options), options.seed);
    let (community, modularity) = louvain(adj, options.resolution);
    Metrics {
        degree,
        weighted_degree,
        betweenness: paths.betweenness,
        betweenness_se: paths.se,
        closeness: paths.closeness,
        pagerank: pagerank(adj, options.damping),
        component,
        community,
        modularity,
        sources: paths.sources,
        exact: paths.exact,
        betweenness_bound: paths.bound,
    }
}

/// How many sources betweenness and closeness are searched from under `options`:
/// 0 (every node, exact) when the whole search is cheap enough.
pub fn samples_for(adj: &Adjacency, options: &MetricOptions) -> usize {
    let work = (adj.len() as u64).saturating_mul(adj.targets.len() as u64);
    if work <= options.exact_work { 0 } else { options.samples }
}

/// Weighted PageRank by power iteration (networkx's definition; isolated nodes'
/// rank is spread evenly). Stops when the L1 change falls below n·1e-10, or after 1000 rounds.
pub fn pagerank(adj: &Adjacency, damping: f64) -> Vec<f64> {
    let n = adj.len();
    if n == 0 {
        return Vec::new();
    }
    let nf = n as f64;
    let out: Vec<f64> = (0..n).map(|i| adj.row(i).map(|(_, w)| w).sum()).collect();
    let mut x = vec![1.0 / nf; n];
    for _ in 0..1000 {
        let dangling: f64 = x.iter().zip(&out).filter(|(_, o)| **o <= 0.0).map(|(v, _)| *v).sum();
        let base = (damping * dangling + (1.0 - damping)) / nf;
        let next: Vec<f64> = (0..n)
            .into_par_iter()
            .map(|v| {
                // Undirected: v receives from each neighbour u in proportion to w(u,v)/out(u).
                let s: f64 = adj
                    .row(v)
                    .map(|(u, w)| {
                        let o = out.get(u).copied().unwrap_or(0.0);
                        if o > 0.0 { x.get(u).copied().unwrap_or(0.0) * w / o } else { 0.0 }
                    })
                    .sum();
                base + damping * s
            })
            .collect();
        let err: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        x = next;
        if err < nf * 1e-10 {
            break;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Zachary's karate club (Zachary 1977), 34 members and 78 friendships, numbered from 0
    /// as networkx numbers them.
    pub(crate) const KARATE: &[(usize, &[usize])] = &[
        (0, &[1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 17, 19, 21, 31]),
        (1, &[2, 3, 7, 13, 17, 19, 21, 30]),
        (2, &[3, 7, 8, 9, 13, 27, 28, 32]),
        (3, &[7, 12, 13]),
        (4, &[6, 10]),
        (5, &[6, 10, 16]),
        (6, &[16]),
        (8, &[30, 32, 33]),
        (9, &[33]),
        (13, &[33]),
        (14, &[32, 33]),
        (15, &[32, 33]),
        (18, &[32, 33]),
        (19, &[33]),
        (20, &[32, 33]),
        (22, &[32, 33]),
        (23, &[25, 27, 29, 32, 33]),
        (24, &[25, 27, 31]),
        (25, &[31]),
        (26, &[29, 33]),
        (27, &[33]),
        (28, &[31, 33]),
        (29, &[32, 33]),
        (30, &[32, 33]),
        (31, &[32, 33]),
        (32, &[33]),
    ];

    fn karate() -> Adjacency {
        let edges: Vec<(usize, usize, f64)> =
            KARATE.iter().flat_map(|(a, bs)| bs.iter().map(move |&b| (*a, b, 1.0))).collect();
        assert_eq!(edges.len(), 78);
        Adjacency::from_edges(34, &edges)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn path_graph_betweenness_and_closeness() {
        // 0 - 1 - 2 - 3
        let adj = Adjacency::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]);
        let m = compute_adjacency(&adj, &MetricOptions::default());
        assert!(m.exact);
        // Node 1 lies on the paths 0–2 and 0–3: 2 of the 3 pairs not involving it.
        assert!(close(m.betweenness[1], 2.0 / 3.0), "{:?}", m.betweenness);
        assert!(close(m.betweenness[0], 0.0));
        // Closeness of 0: 3 / (1+2+3); of 1: 3 / (1+1+2).
        assert!(close(m.closeness[0], 0.5));
        assert!(close(m.closeness[1], 0.75));
        assert_eq!(m.degree, vec![1, 2, 2, 1]);
        assert_eq!(m.node(1).degree, 2);
        assert!(close(m.node(1).betweenness, 2.0 / 3.0));
    }

    #[test]
    fn star_and_shared_shortest_paths() {
        // A 4-cycle: every node is on one of the two shortest paths of the opposite pair.
        let adj = Adjacency::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, 1.0)]);
        let m = compute_adjacency(&adj, &MetricOptions::default());
        for b in &m.betweenness {
            assert!(close(*b, 0.5 / 3.0), "{:?}", m.betweenness);
        }
        // A star: the centre is on every path.
        let adj = Adjacency::from_edges(5, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0)]);
        let m = compute_adjacency(&adj, &MetricOptions::default());
        assert!(close(m.betweenness[0], 1.0));
        assert!(close(m.closeness[0], 1.0));
    }

    #[test]
    fn weighted_degree_and_pagerank_follow_weights() {
        // A triangle with one heavy edge: its ends rank higher, and ranks sum to 1.
        let adj = Adjacency::from_edges(3, &[(0, 1, 5.0), (1, 2, 1.0), (0, 2, 1.0)]);
        let m = compute_adjacency(&adj, &MetricOptions::default());
        assert_eq!(m.weighted_degree, vec![6.0, 6.0, 2.0]);
        assert!(close(m.pagerank.iter().sum::<f64>(), 1.0));
        assert!(m.pagerank[0] > m.pagerank[2]);
        assert!(close(m.pagerank[0], m.pagerank[1]));
        // A regular graph ranks everyone equally.
        let adj = Adjacency::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]);
        let pr = pagerank(&adj, 0.85);
        assert!(pr.iter().all(|&p| close(p, 1.0 / 3.0)));
    }

    #[test]
    fn pagerank_of_a_path_solves_the_linear_system() {
        // Path 0-1-2: by symmetry x0 = x2 = a, x1 = b, with
        // a = 0.05 + 0.85·b/2 and b = 0.05 + 0.85·2a.
        let adj = Adjacency::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
        let pr = pagerank(&adj, 0.85);
        let a = (0.05 + 0.85 * 0.05 / 2.0) / (1.0 - 0.85 * 0.85);
        let b = 0.05 + 1.7 * a;
        assert!((pr[0] - a).abs() < 1e-8 && (pr[1] - b).abs() < 1e-8, "{pr:?}");
    }

    #[test]
    fn karate_club_matches_published_values() {
        let adj = karate();
        let m = compute_adjacency(&adj, &MetricOptions::default());
        // networkx: betweenness_centrality, closeness_centrality, pagerank.
        assert!((m.betweenness[0] - 0.437_635_281_385_281_4).abs() < 1e-9, "{}", m.betweenness[0]);
        assert!((m.betweenness[33] - 0.304_074_975_949_975_96).abs() < 1e-9, "{}", m.betweenness[33]);
        assert!((m.closeness[0] - 0.568_965_517_241_379_3).abs() < 1e-9);
        assert!((m.closeness[33] - 0.55).abs() < 1e-9);
        // networkx stops at a looser tolerance, hence 1e-5.
        assert!((m.pagerank[33] - 0.100_917_916_748_712_13).abs() < 1e-5, "{}", m.pagerank[33]);
        assert!((m.pagerank[0] - 0.097_001_817_589_837_09).abs() < 1e-5, "{}", m.pagerank[0]);
        // Louvain finds the usual partition of modularity about 0.42, with the
        // instructor (0) and the president (33) apart.
        assert!(m.modularity > 0.40 && m.modularity < 0.42, "{}", m.modularity);
        assert!((3..=5).contains(&m.communities()), "{}", m.communities());
        assert_ne!(m.community[0], m.community[33]);
        assert!(close(modularity(&adj, &m.community, 1.0), m.modularity));
        assert_eq!(m.components(), 1);
    }

    #[test]
    fn sampled_betweenness_is_close_and_states_its_error() {
        let adj = karate();
        let exact = compute_adjacency(&adj, &MetricOptions::default());
        let est = compute_adjacency(&adj, &MetricOptions { samples: 20, exact_work: 0, ..Default::default() });
        assert!(!est.exact);
        assert_eq!(est.sources, 20);
        let bound = est.betweenness_bound.unwrap();
        for v in 0..34 {
            assert!((est.betweenness[v] - exact.betweenness[v]).abs() <= bound, "node {v}");
        }
        assert!(est.betweenness_se[0] > 0.0);
        // With most nodes sampled, closeness estimates stay near the exact values.
        let est30 = compute_adjacency(&adj, &MetricOptions { samples: 30, exact_work: 0, ..Default::default() });
        for v in 0..34 {
            assert!((est30.closeness[v] - exact.closeness[v]).abs() < 0.05, "node {v}: {}", est30.closeness[v]);
        }
        // The same seed gives the same numbers.
        let again = compute_adjacency(&adj, &MetricOptions { samples: 20, exact_work: 0, ..Default::default() });
        assert_eq!(est, again);
    }

    #[test]
    fn empty_and_edgeless_graphs() {
        let m = compute_adjacency(&Adjacency::from_edges(0, &[]), &MetricOptions::default());
        assert!(m.degree.is_empty());
        let m = compute_adjacency(&Adjacency::from_edges(3, &[]), &MetricOptions::default());
        assert_eq!(m.component, vec![0, 1, 2]);
        assert_eq!(m.community, vec![0, 1, 2]);
        assert_eq!(m.modularity, 0.0);
    }
}
