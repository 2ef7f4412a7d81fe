//! Groups of nodes: connected components and Louvain communities, each
//! numbered by size, largest first.
//!
//! Takes an [`Adjacency`] (and a resolution for Louvain). Gives one group
//! number per node, in node order, and the modularity of a partition. Nodes are
//! visited in index order, so the same graph always gives the same groups.
//! Never fails: an empty graph gives empty vectors.

use super::Adjacency;

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

/// A level of Louvain: rows of (neighbour, weight), self-loops included, symmetric.
type Level = Vec<Vec<(usize, f64)>>;

/// Louvain communities (Blondel et al. 2008) on edge weights: nodes move, in index
/// order, to the neighbouring community with the best modularity gain until none
/// moves; communities then become nodes, and this repeats while anything changes.
/// Returns each node's community (0 the largest) and the modularity.
pub fn louvain(adj: &Adjacency, resolution: f64) -> (Vec<usize>, f64) {
    let n = adj.len();
    let mut rows: Level = (0..n).map(|i| adj.row(i).collect()).collect();
    let mut member: Vec<usize> = (0..n).collect(); // original node -> current level node
    let m2: f64 = rows.iter().flatten().map(|&(_, w)| w).sum();
    if m2 <= 0.0 {
        let each: Vec<usize> = (0..n).collect();
        return (renumber_by_size(&each, n), 0.0);
    }
    loop {
        let size = rows.len();
        let Some(comm) = move_nodes(&rows, m2, resolution) else { break };
        let (next, new_of) = renumber_in_order(&comm);
        rows = aggregate(&rows, next, &new_of);
        for m in &mut member {
            *m = new_of.get(*m).copied().unwrap_or(0);
        }
        if next == size {
            break;
        }
    }
    let groups = rows.len();
    let labels = renumber_by_size(&member, groups);
    let q = modularity(adj, &labels, resolution);
    (labels, q)
}

/// The local moving phase on one level: each node in index order joins the
/// neighbouring community with the best gain, in rounds until a round moves
/// none or gains too little. `None` when no node moved at all.
fn move_nodes(rows: &Level, m2: f64, resolution: f64) -> Option<Vec<usize>> {
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
    moved_any.then_some(comm)
}

/// The communities numbered in order of first appearance: how many there are,
/// and each level node's new number.
fn renumber_in_order(comm: &[usize]) -> (usize, Vec<usize>) {
    let mut id = vec![usize::MAX; comm.len()];
    let mut next = 0;
    for &c in comm {
        if let Some(x) = id.get_mut(c)
            && *x == usize::MAX
        {
            *x = next;
            next += 1;
        }
    }
    let new_of = (0..comm.len()).map(|i| comm.get(i).and_then(|&c| id.get(c)).copied().unwrap_or(0)).collect();
    (next, new_of)
}

/// The next level: one node per community, edges summed between them.
fn aggregate(rows: &Level, communities: usize, new_of: &[usize]) -> Level {
    let of = |i: usize| new_of.get(i).copied().unwrap_or(0);
    let mut agg: Vec<std::collections::BTreeMap<usize, f64>> = vec![Default::default(); communities];
    for (i, r) in rows.iter().enumerate() {
        let a = of(i);
        for &(j, w) in r {
            if let Some(row) = agg.get_mut(a) {
                *row.entry(of(j)).or_default() += w;
            }
        }
    }
    agg.into_iter().map(|r| r.into_iter().collect()).collect()
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

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
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
}
