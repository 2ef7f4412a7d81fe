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

use petgraph::visit::EdgeRef;
use rayon::prelude::*;

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

/// An undirected weighted graph in compressed rows: the neighbours of node `i` are
/// `targets[offsets[i]..offsets[i + 1]]`, in increasing order, with their weights.
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    /// Row starts; `n + 1` entries.
    pub offsets: Vec<usize>,
    /// Neighbour of each entry.
    pub targets: Vec<u32>,
    /// Weight of each entry.
    pub weights: Vec<f64>,
}

impl Adjacency {
    /// The adjacency of a network, edge weights as given.
    pub fn of(net: &Network) -> Adjacency {
        let n = net.graph.node_count();
        let mut rows: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
        for e in net.graph.edge_references() {
            let (a, b, w) = (e.source().index(), e.target().index(), e.weight().weight);
            if a == b {
                continue;
            }
            if let Some(r) = rows.get_mut(a) {
                r.push((b as u32, w));
            }
            if let Some(r) = rows.get_mut(b) {
                r.push((a as u32, w));
            }
        }
        Adjacency::from_rows(rows)
    }

    /// From an edge list over `n` nodes (both directions are added; self-loops ignored).
    pub fn from_edges(n: usize, edges: &[(usize, usize, f64)]) -> Adjacency {
        let mut rows: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
        for &(a, b, w) in edges {
            if a == b || a >= n || b >= n {
                continue;
            }
            if let Some(r) = rows.get_mut(a) {
                r.push((b as u32, w));
            }
            if let Some(r) = rows.get_mut(b) {
                r.push((a as u32, w));
            }
        }
        Adjacency::from_rows(rows)
    }

    fn from_rows(mut rows: Vec<Vec<(u32, f64)>>) -> Adjacency {
        let mut adj = Adjacency { offsets: Vec::with_capacity(rows.len() + 1), ..Default::default() };
        adj.offsets.push(0);
        for r in &mut rows {
            r.sort_by_key(|&(t, _)| t);
            for &(t, w) in r.iter() {
                adj.targets.push(t);
                adj.weights.push(w);
            }
            adj.offsets.push(adj.targets.len());
        }
        adj
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn range(&self, i: usize) -> std::ops::Range<usize> {
        let a = self.offsets.get(i).copied().unwrap_or(0);
        let b = self.offsets.get(i + 1).copied().unwrap_or(a);
        a..b
    }

    fn neighbours(&self, i: usize) -> &[u32] {
        self.targets.get(self.range(i)).unwrap_or(&[])
    }

    fn row(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.range(i);
        let t = self.targets.get(r.clone()).unwrap_or(&[]);
        let w = self.weights.get(r).unwrap_or(&[]);
        t.iter().zip(w).map(|(&t, &w)| (t as usize, w))
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

/// Connected components, numbered by size (largest first), ties by lowest node.
pub fn components(adj: &Adjacency) -> Vec<usize> {
    let n = adj.len();
    let mut label = vec![usize::MAX; n];
    let mut sizes: Vec<(usize, usize)> = Vec::new(); // (size, first node)
    let mut stack = Vec::new();
    for s in 0..n {
        if label.get(s) != Some(&usize::MAX) {
            continue;
        }
        let id = sizes.len();
        let mut size = 0;
        stack.push(s);
        if let Some(l) = label.get_mut(s) {
            *l = id;
        }
        while let Some(v) = stack.pop() {
            size += 1;
            for &t in adj.neighbours(v) {
                if let Some(l) = label.get_mut(t as usize)
                    && *l == usize::MAX
                {
                    *l = id;
                    stack.push(t as usize);
                }
            }
        }
        sizes.push((size, s));
    }
    renumber_by_size(&label, sizes.len())
}

/// Renumbers group labels so that 0 is the largest group, ties broken by the group's lowest node.
fn renumber_by_size(label: &[usize], groups: usize) -> Vec<usize> {
    let mut size = vec![0usize; groups];
    let mut first = vec![usize::MAX; groups];
    for (i, &l) in label.iter().enumerate() {
        if let Some(s) = size.get_mut(l) {
            *s += 1;
        }
        if let Some(f) = first.get_mut(l) {
            *f = (*f).min(i);
        }
    }
    let mut order: Vec<usize> = (0..groups).filter(|&g| size.get(g).is_some_and(|&s| s > 0)).collect();
    order.sort_by_key(|&g| (std::cmp::Reverse(size.get(g).copied().unwrap_or(0)), first.get(g).copied()));
    let mut new = vec![0usize; groups];
    for (rank, &g) in order.iter().enumerate() {
        if let Some(x) = new.get_mut(g) {
            *x = rank;
        }
    }
    label.iter().map(|&l| new.get(l).copied().unwrap_or(0)).collect()
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

/// Betweenness and closeness, from one set of breadth-first searches.
#[derive(Debug, Clone)]
pub struct Paths {
    /// Normalised betweenness per node.
    pub betweenness: Vec<f64>,
    /// Standard error per node (zero when exact).
    pub se: Vec<f64>,
    /// Closeness per node.
    pub closeness: Vec<f64>,
    /// Number of sources searched from.
    pub sources: usize,
    /// Whether every node was a source.
    pub exact: bool,
    /// The 95% Hoeffding bound on betweenness errors, when sampled.
    pub bound: Option<f64>,
}

/// One breadth-first search from `s`, leaving in the scratch buffers the distance
/// and Brandes dependency of every node reached, and the nodes reached in `order`.
/// Buffers are reset only where the previous search wrote, so a search costs the
/// size of the source's component, not of the graph.
fn sweep(adj: &Adjacency, s: usize, scratch: &mut Scratch) {
    let n = adj.len();
    let Scratch { sigma, order, dist, delta, dag } = scratch;
    if dist.len() != n {
        *sigma = vec![0.0; n];
        *dist = vec![u32::MAX; n];
        *delta = vec![0.0; n];
    } else {
        for &v in order.iter() {
            if let (Some(g), Some(d), Some(x)) = (sigma.get_mut(v), dist.get_mut(v), delta.get_mut(v)) {
                *g = 0.0;
                *d = u32::MAX;
                *x = 0.0;
            }
        }
    }
    order.clear();
    dag.clear();
    if let (Some(d), Some(g)) = (dist.get_mut(s), sigma.get_mut(s)) {
        *d = 0;
        *g = 1.0;
    } else {
        return;
    }
    // `order` doubles as the queue: nodes are appended when found and read in turn.
    // Every edge that leads one step further from the source is kept in `dag`, in
    // the order found, so dependencies flow back along those edges alone.
    order.push(s);
    let mut head = 0;
    while let Some(&v) = order.get(head) {
        head += 1;
        let dv = dist.get(v).copied().unwrap_or(u32::MAX);
        let sv = sigma.get(v).copied().unwrap_or(0.0);
        for &t in adj.neighbours(v) {
            let Some(dt) = dist.get_mut(t as usize) else { continue };
            if *dt == u32::MAX {
                *dt = dv + 1;
                order.push(t as usize);
            }
            if *dt == dv + 1 {
                if let Some(g) = sigma.get_mut(t as usize) {
                    *g += sv;
                }
                dag.push((v as u32, t));
            }
        }
    }
    // In reverse, an edge (v, t) comes after every edge leaving t, which was found
    // later, so t's dependency is complete when it is passed back to v.
    for &(v, t) in dag.iter().rev() {
        let (v, t) = (v as usize, t as usize);
        let st = sigma.get(t).copied().unwrap_or(1.0);
        let coeff = (1.0 + delta.get(t).copied().unwrap_or(0.0)) / st;
        let sv = sigma.get(v).copied().unwrap_or(0.0);
        if let Some(d) = delta.get_mut(v) {
            *d += sv * coeff;
        }
    }
    if let Some(d) = delta.get_mut(s) {
        *d = 0.0;
    }
}

#[derive(Default)]
struct Scratch {
    sigma: Vec<f64>,
    order: Vec<usize>,
    dist: Vec<u32>,
    delta: Vec<f64>,
    dag: Vec<(u32, u32)>,
}

/// Per-chunk sums: dependency, squared dependency, distance sum and count of
/// sampled sources reaching each node.
struct Sums {
    delta: Vec<f64>,
    delta2: Vec<f64>,
    dist: Vec<f64>,
    reached: Vec<u32>,
    /// Exact total distance from each source to the nodes it reaches.
    own: Vec<(usize, f64, usize)>,
}

/// Betweenness and closeness from breadth-first searches: from every node when
/// n ≤ `samples` (or `samples` is 0), else from `samples` sources drawn with `seed`.
/// `component` is the output of [`components`].
pub fn paths(adj: &Adjacency, component: &[usize], samples: usize, seed: u64) -> Paths {
    let n = adj.len();
    let exact = samples == 0 || n <= samples;
    let sources: Vec<usize> = if exact { (0..n).collect() } else { sample(n, samples, seed) };
    let k = sources.len();
    // Fixed chunks, computed in parallel and summed in chunk order, so the floating
    // point sums are the same on any number of threads.
    let chunks: Vec<&[usize]> = sources.chunks(k.div_ceil(32).max(1)).collect();
    let sums: Vec<Sums> = chunks
        .par_iter()
        .map(|chunk| {
            let mut s = Sums {
                delta: vec![0.0; n],
                delta2: vec![0.0; n],
                dist: vec![0.0; n],
                reached: vec![0; n],
                own: Vec::new(),
            };
            let mut scratch = Scratch::default();
            for &src in chunk.iter() {
                sweep(adj, src, &mut scratch);
                let mut total = 0.0;
                let mut reach = 0usize;
                // Only reached nodes have a distance or a dependency.
                for &v in &scratch.order {
                    let d = scratch.delta.get(v).copied().unwrap_or(0.0);
                    if let (Some(a), Some(b)) = (s.delta.get_mut(v), s.delta2.get_mut(v)) {
                        *a += d;
                        *b += d * d;
                    }
                    let dv = scratch.dist.get(v).copied().unwrap_or(0);
                    if v != src {
                        total += f64::from(dv);
                        reach += 1;
                        if let (Some(a), Some(c)) = (s.dist.get_mut(v), s.reached.get_mut(v)) {
                            *a += f64::from(dv);
                            *c += 1;
                        }
                    }
                }
                s.own.push((src, total, reach));
            }
            s
        })
        .collect();
    let mut delta = vec![0.0; n];
    let mut delta2 = vec![0.0; n];
    let mut dist = vec![0.0; n];
    let mut reached = vec![0u32; n];
    let mut own: Vec<Option<(f64, usize)>> = vec![None; n];
    for s in &sums {
        for v in 0..n {
            if let (Some(a), Some(b), Some(c), Some(r)) =
                (delta.get_mut(v), delta2.get_mut(v), dist.get_mut(v), reached.get_mut(v))
            {
                *a += s.delta.get(v).copied().unwrap_or(0.0);
                *b += s.delta2.get(v).copied().unwrap_or(0.0);
                *c += s.dist.get(v).copied().unwrap_or(0.0);
                *r += s.reached.get(v).copied().unwrap_or(0);
            }
        }
        for &(src, total, reach) in &s.own {
            if let Some(o) = own.get_mut(src) {
                *o = Some((total, reach));
            }
        }
    }
    let nf = n as f64;
    let kf = k as f64;
    let scale = if n > 2 { 1.0 / ((nf - 1.0) * (nf - 2.0)) } else { 0.0 };
    let (betweenness, se): (Vec<f64>, Vec<f64>) = if exact {
        (delta.iter().map(|d| d * scale).collect(), vec![0.0; n])
    } else {
        // Each sampled source s gives X_s = n·δ_s(v)·scale; the estimate is their mean.
        delta
            .iter()
            .zip(&delta2)
            .map(|(&d, &d2)| {
                let mean = d / kf;
                let var = if k > 1 { ((d2 / kf) - mean * mean).max(0.0) * kf / (kf - 1.0) } else { 0.0 };
                (nf * mean * scale, nf * scale * (var / kf).sqrt())
            })
            .unzip()
    };
    // Component sizes, for the closeness correction.
    let mut comp_size = vec![0usize; n];
    for &c in component {
        if let Some(s) = comp_size.get_mut(c) {
            *s += 1;
        }
    }
    let closeness: Vec<f64> = (0..n)
        .map(|v| {
            let r = component.get(v).and_then(|&c| comp_size.get(c)).copied().unwrap_or(1);
            if r <= 1 || n <= 1 {
                return 0.0;
            }
            // Mean distance to the rest of the component: exact when v was a source,
            // else estimated from the sampled sources in its component.
            let mean = match own.get(v).copied().flatten() {
                Some((total, reach)) if reach > 0 => total / reach as f64,
                _ => {
                    let c = reached.get(v).copied().unwrap_or(0);
                    if c == 0 {
                        return closeness_exact(adj, v, n);
                    }
                    dist.get(v).copied().unwrap_or(0.0) / f64::from(c)
                }
            };
            if mean <= 0.0 { 0.0 } else { ((r - 1) as f64 / (nf - 1.0)) / mean }
        })
        .collect();
    let bound = if exact { None } else { Some(nf / (nf - 1.0) * ((2.0f64 / 0.05).ln() / (2.0 * kf)).sqrt()) };
    Paths { betweenness, se, closeness, sources: k, exact, bound }
}

/// Closeness of one node by its own breadth-first search (for nodes no sampled source reached).
fn closeness_exact(adj: &Adjacency, v: usize, n: usize) -> f64 {
    let mut scratch = Scratch::default();
    sweep(adj, v, &mut scratch);
    let (mut total, mut reach) = (0.0, 0usize);
    for &i in &scratch.order {
        if i != v {
            total += f64::from(scratch.dist.get(i).copied().unwrap_or(0));
            reach += 1;
        }
    }
    if total <= 0.0 || n <= 1 { 0.0 } else { (reach as f64 / total) * (reach as f64 / (n as f64 - 1.0)) }
}

/// `k` distinct nodes of `0..n`, drawn with `seed`, in increasing order.
pub fn sample(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut rng = SplitMix64(seed);
    let mut all: Vec<usize> = (0..n).collect();
    let k = k.min(n);
    for i in 0..k {
        let j = i + (rng.next() % (n - i) as u64) as usize;
        all.swap(i, j);
    }
    all.truncate(k);
    all.sort_unstable();
    all
}

/// A small seeded random number generator (SplitMix64), so results never depend on
/// a platform's randomness.
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform float in [0, 1).
    pub fn float(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Louvain communities (Blondel et al. 2008) on edge weights: nodes move, in index
/// order, to the neighbouring community with the best modularity gain until none
/// moves; communities then become nodes, and this repeats while anything changes.
/// Returns each node's community (0 the largest) and the modularity.
pub fn louvain(adj: &Adjacency, resolution: f64) -> (Vec<usize>, f64) {
    let n = adj.len();
    // Level graph: rows of (neighbour, weight), self-loops included, symmetric.
    let mut rows: Vec<Vec<(usize, f64)>> = (0..n).map(|i| adj.row(i).collect()).collect();
    let mut member: Vec<usize> = (0..n).collect(); // original node -> current level node
    let m2: f64 = rows.iter().flatten().map(|&(_, w)| w).sum();
    if m2 <= 0.0 {
        let each: Vec<usize> = (0..n).collect();
        return (renumber_by_size(&each, n), 0.0);
    }
    loop {
        let size = rows.len();
        let k: Vec<f64> = rows.iter().map(|r| r.iter().map(|&(_, w)| w).sum()).collect();
        let mut comm: Vec<usize> = (0..size).collect();
        let mut tot: Vec<f64> = k.clone();
        let mut to_comm = vec![0.0f64; size];
        let mut touched: Vec<usize> = Vec::new();
        let mut moved_any = false;
        for _round in 0..100 {
            let mut moved = 0usize;
            let mut improved = 0.0f64;
            for i in 0..size {
                let ki = k.get(i).copied().unwrap_or(0.0);
                let ci = comm.get(i).copied().unwrap_or(i);
                for &(j, w) in rows.get(i).map_or(&[][..], Vec::as_slice) {
                    if j == i {
                        continue;
                    }
                    let cj = comm.get(j).copied().unwrap_or(j);
                    if let Some(t) = to_comm.get_mut(cj) {
                        if *t == 0.0 {
                            touched.push(cj);
                        }
                        *t += w;
                    }
                }
                if let Some(t) = tot.get_mut(ci) {
                    *t -= ki;
                }
                let gain = |c: usize, to: &[f64], tot: &[f64]| {
                    to.get(c).copied().unwrap_or(0.0) - resolution * tot.get(c).copied().unwrap_or(0.0) * ki / m2
                };
                let mut best = ci;
                let stay = gain(ci, &to_comm, &tot);
                let mut best_gain = stay;
                touched.sort_unstable();
                for &c in &touched {
                    let g = gain(c, &to_comm, &tot);
                    if g > best_gain + 1e-12 {
                        best = c;
                        best_gain = g;
                    }
                }
                for &c in &touched {
                    if let Some(t) = to_comm.get_mut(c) {
                        *t = 0.0;
                    }
                }
                touched.clear();
                if let Some(t) = tot.get_mut(best) {
                    *t += ki;
                }
                if best != ci {
                    if let Some(c) = comm.get_mut(i) {
                        *c = best;
                    }
                    moved += 1;
                    moved_any = true;
                    improved += 2.0 * (best_gain - stay) / m2;
                }
            }
            // Like networkx, a round that raises modularity by less than 1e-7 ends the level.
            if moved == 0 || improved < 1e-7 {
                break;
            }
        }
        if !moved_any {
            break;
        }
        // Aggregate: number communities in order of first appearance.
        let mut id = vec![usize::MAX; size];
        let mut next = 0;
        for &c in &comm {
            if let Some(x) = id.get_mut(c)
                && *x == usize::MAX
            {
                *x = next;
                next += 1;
            }
        }
        let new_of = |i: usize| comm.get(i).and_then(|&c| id.get(c)).copied().unwrap_or(0);
        let mut agg: Vec<std::collections::BTreeMap<usize, f64>> = vec![Default::default(); next];
        for (i, r) in rows.iter().enumerate() {
            let a = new_of(i);
            for &(j, w) in r {
                if let Some(row) = agg.get_mut(a) {
                    *row.entry(new_of(j)).or_default() += w;
                }
            }
        }
        for m in &mut member {
            *m = new_of(*m);
        }
        rows = agg.into_iter().map(|r| r.into_iter().collect()).collect();
        if next == size {
            break;
        }
    }
    let groups = rows.len();
    let labels = renumber_by_size(&member, groups);
    let q = modularity(adj, &labels, resolution);
    (labels, q)
}

/// Modularity of a partition, with a resolution parameter.
pub fn modularity(adj: &Adjacency, labels: &[usize], resolution: f64) -> f64 {
    let n = adj.len();
    let m2: f64 = adj.weights.iter().sum();
    if m2 <= 0.0 {
        return 0.0;
    }
    let groups = labels.iter().max().map_or(0, |m| m + 1);
    let mut inside = vec![0.0; groups];
    let mut tot = vec![0.0; groups];
    for i in 0..n {
        let ci = labels.get(i).copied().unwrap_or(0);
        for (j, w) in adj.row(i) {
            if let Some(t) = tot.get_mut(ci) {
                *t += w;
            }
            if labels.get(j).copied() == Some(ci)
                && let Some(x) = inside.get_mut(ci)
            {
                *x += w;
            }
        }
    }
    inside.iter().zip(&tot).map(|(i, t)| i / m2 - resolution * (t / m2) * (t / m2)).sum()
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
    fn components_are_numbered_largest_first() {
        let adj = Adjacency::from_edges(6, &[(0, 1, 1.0), (2, 3, 1.0), (3, 4, 1.0)]);
        assert_eq!(components(&adj), vec![1, 1, 0, 0, 0, 2]);
    }

    #[test]
    fn louvain_splits_two_cliques_joined_by_a_bridge() {
        let mut edges = Vec::new();
        for (a, b) in [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)] {
            edges.push((a, b, 1.0));
            edges.push((a + 4, b + 4, 1.0));
        }
        edges.push((3, 4, 1.0));
        let adj = Adjacency::from_edges(8, &edges);
        let (c, q) = louvain(&adj, 1.0);
        assert_eq!(c, vec![0, 0, 0, 0, 1, 1, 1, 1]);
        // Two communities of 13 edge ends... computed: each has 6 edges inside and tot 13.
        let expected = 2.0 * (12.0 / 26.0 - (13.0f64 / 26.0).powi(2));
        assert!(close(q, expected), "{q} vs {expected}");
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
