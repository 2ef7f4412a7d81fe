//! An undirected weighted graph in compressed rows, the form every metric reads.
//!
//! Takes a [`Network`] or an edge list. Gives an [`Adjacency`] whose rows list
//! each node's neighbours in increasing order with their weights, both
//! directions of every edge and no self-loops. Never fails: edges naming nodes
//! out of range are passed over.

use petgraph::visit::EdgeRef;

use crate::network::Network;

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
        let edges = net.graph.edge_references().map(|e| (e.source().index(), e.target().index(), e.weight().weight));
        Adjacency::from_pairs(net.graph.node_count(), edges)
    }

    /// From an edge list over `n` nodes (both directions are added; self-loops ignored).
    pub fn from_edges(n: usize, edges: &[(usize, usize, f64)]) -> Adjacency {
        Adjacency::from_pairs(n, edges.iter().copied())
    }

    /// Both directions of every edge between two distinct nodes of `0..n`, in rows.
    fn from_pairs(n: usize, edges: impl Iterator<Item = (usize, usize, f64)>) -> Adjacency {
        let mut rows: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
        for (a, b, w) in edges {
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

    pub(super) fn neighbours(&self, i: usize) -> &[u32] {
        self.targets.get(self.range(i)).unwrap_or(&[])
    }

    pub(super) fn row(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.range(i);
        let t = self.targets.get(r.clone()).unwrap_or(&[]);
        let w = self.weights.get(r).unwrap_or(&[]);
        t.iter().zip(w).map(|(&t, &w)| (t as usize, w))
    }
}
