//! Betweenness and closeness from breadth-first searches (Brandes), exact or
//! from seeded samples of sources.
//!
//! Takes an [`Adjacency`], its components, a number of samples and a seed.
//! Gives [`Paths`]: per-node betweenness (normalised as networkx does, over
//! hop counts), its standard error and a Hoeffding bound when sampled, and
//! Wasserman–Faust closeness. Searches run in parallel over fixed chunks summed
//! in chunk order, so results never depend on the number of threads. Never fails.

use rayon::prelude::*;

use super::Adjacency;

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

impl Sums {
    fn new(n: usize) -> Sums {
        Sums { delta: vec![0.0; n], delta2: vec![0.0; n], dist: vec![0.0; n], reached: vec![0; n], own: Vec::new() }
    }

    /// The sums of one chunk of sources, searched one after another.
    fn of_chunk(adj: &Adjacency, chunk: &[usize]) -> Sums {
        let mut s = Sums::new(adj.len());
        let mut scratch = Scratch::default();
        for &src in chunk {
            sweep(adj, src, &mut scratch);
            s.add(src, &scratch);
        }
        s
    }

    /// Adds what the search from `src` left in `scratch`.
    fn add(&mut self, src: usize, scratch: &Scratch) {
        let mut total = 0.0;
        let mut reach = 0usize;
        // Only reached nodes have a distance or a dependency.
        for &v in &scratch.order {
            let d = scratch.delta.get(v).copied().unwrap_or(0.0);
            if let (Some(a), Some(b)) = (self.delta.get_mut(v), self.delta2.get_mut(v)) {
                *a += d;
                *b += d * d;
            }
            let dv = scratch.dist.get(v).copied().unwrap_or(0);
            if v != src {
                total += f64::from(dv);
                reach += 1;
                if let (Some(a), Some(c)) = (self.dist.get_mut(v), self.reached.get_mut(v)) {
                    *a += f64::from(dv);
                    *c += 1;
                }
            }
        }
        self.own.push((src, total, reach));
    }
}

/// The chunks' sums added up in chunk order, with each source's own distance
/// total and reach by node.
struct Totals {
    delta: Vec<f64>,
    delta2: Vec<f64>,
    dist: Vec<f64>,
    reached: Vec<u32>,
    own: Vec<Option<(f64, usize)>>,
}

impl Totals {
    fn of(sums: &[Sums], n: usize) -> Totals {
        let mut t = Totals {
            delta: vec![0.0; n],
            delta2: vec![0.0; n],
            dist: vec![0.0; n],
            reached: vec![0u32; n],
            own: vec![None; n],
        };
        for s in sums {
            for v in 0..n {
                if let (Some(a), Some(b), Some(c), Some(r)) =
                    (t.delta.get_mut(v), t.delta2.get_mut(v), t.dist.get_mut(v), t.reached.get_mut(v))
                {
                    *a += s.delta.get(v).copied().unwrap_or(0.0);
                    *b += s.delta2.get(v).copied().unwrap_or(0.0);
                    *c += s.dist.get(v).copied().unwrap_or(0.0);
                    *r += s.reached.get(v).copied().unwrap_or(0);
                }
            }
            for &(src, total, reach) in &s.own {
                if let Some(o) = t.own.get_mut(src) {
                    *o = Some((total, reach));
                }
            }
        }
        t
    }
}

/// Betweenness and closeness from breadth-first searches: from every node when
/// n ≤ `samples` (or `samples` is 0), else from `samples` sources drawn with `seed`.
/// `component` is the output of [`super::components`].
pub fn paths(adj: &Adjacency, component: &[usize], samples: usize, seed: u64) -> Paths {
    let n = adj.len();
    let exact = samples == 0 || n <= samples;
    let sources: Vec<usize> = if exact { (0..n).collect() } else { sample(n, samples, seed) };
    let k = sources.len();
    // Fixed chunks, computed in parallel and summed in chunk order, so the floating
    // point sums are the same on any number of threads.
    let chunks: Vec<&[usize]> = sources.chunks(k.div_ceil(32).max(1)).collect();
    let sums: Vec<Sums> = chunks.par_iter().map(|chunk| Sums::of_chunk(adj, chunk)).collect();
    let totals = Totals::of(&sums, n);
    let (betweenness, se) = betweenness(&totals, n, k, exact);
    let closeness = closeness(adj, component, &totals);
    let (nf, kf) = (n as f64, k as f64);
    let bound = if exact { None } else { Some(nf / (nf - 1.0) * ((2.0f64 / 0.05).ln() / (2.0 * kf)).sqrt()) };
    Paths { betweenness, se, closeness, sources: k, exact, bound }
}

/// Normalised betweenness and its standard error per node, from `k` sources.
fn betweenness(t: &Totals, n: usize, k: usize, exact: bool) -> (Vec<f64>, Vec<f64>) {
    let nf = n as f64;
    let kf = k as f64;
    let scale = if n > 2 { 1.0 / ((nf - 1.0) * (nf - 2.0)) } else { 0.0 };
    if exact {
        return (t.delta.iter().map(|d| d * scale).collect(), vec![0.0; n]);
    }
    // Each sampled source s gives X_s = n·δ_s(v)·scale; the estimate is their mean.
    t.delta
        .iter()
        .zip(&t.delta2)
        .map(|(&d, &d2)| {
            let mean = d / kf;
            let var = if k > 1 { ((d2 / kf) - mean * mean).max(0.0) * kf / (kf - 1.0) } else { 0.0 };
            (nf * mean * scale, nf * scale * (var / kf).sqrt())
        })
        .unzip()
}

/// Wasserman–Faust closeness per node: exact for sources, estimated from the
/// sampled sources in its component for the rest, searched anew when none reached it.
fn closeness(adj: &Adjacency, component: &[usize], t: &Totals) -> Vec<f64> {
    let n = adj.len();
    let nf = n as f64;
    // Component sizes, for the closeness correction.
    let mut comp_size = vec![0usize; n];
    for &c in component {
        if let Some(s) = comp_size.get_mut(c) {
            *s += 1;
        }
    }
    (0..n)
        .map(|v| {
            let r = component.get(v).and_then(|&c| comp_size.get(c)).copied().unwrap_or(1);
            if r <= 1 || n <= 1 {
                return 0.0;
            }
            // Mean distance to the rest of the component: exact when v was a source,
            // else estimated from the sampled sources in its component.
            let mean = match t.own.get(v).copied().flatten() {
                Some((total, reach)) if reach > 0 => total / reach as f64,
                _ => {
                    let c = t.reached.get(v).copied().unwrap_or(0);
                    if c == 0 {
                        return closeness_exact(adj, v, n);
                    }
                    t.dist.get(v).copied().unwrap_or(0.0) / f64::from(c)
                }
            };
            if mean <= 0.0 { 0.0 } else { ((r - 1) as f64 / (nf - 1.0)) / mean }
        })
        .collect()
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
