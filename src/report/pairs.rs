//! `report pairs`: the pairs of people who shared the most meetings.
//!
//! Takes the co-attendance [`Network`] (see `network::Rows::by_name`) and how
//! many pairs to list. Gives them with the number of meetings shared and the
//! first and last date together. Only the pairs listed are sorted and dated, so
//! a network of millions of ties costs little more than one pass. Never prints.

use petgraph::visit::EdgeRef;

use super::{Report, Table};
use crate::network::Network;

/// `report pairs`: the pairs of people who shared the most meetings.
pub fn pairs(net: &Network, top: usize) -> Report {
    // Edges by shared meetings (most first), then names, then edge order. Only the
    // first `top` are sorted and dated: a large network has millions of edges.
    let mut keys: Vec<(usize, &str, &str, usize)> = net
        .graph
        .edge_references()
        .filter_map(|e| {
            let (a, b) = (net.graph.node_weight(e.source())?, net.graph.node_weight(e.target())?);
            let (a, b) = if a.name <= b.name { (a, b) } else { (b, a) };
            Some((e.weight().shared.len(), a.name.as_str(), b.name.as_str(), e.id().index()))
        })
        .collect();
    let order = |x: &(usize, &str, &str, usize), y: &(usize, &str, &str, usize)| {
        y.0.cmp(&x.0).then_with(|| (x.1, x.2, x.3).cmp(&(y.1, y.2, y.3)))
    };
    if top < keys.len() {
        keys.select_nth_unstable_by(top, order);
        keys.truncate(top);
    }
    keys.sort_unstable_by(order);
    let mut t = Table::new(&["person_a", "person_b", "shared_meetings", "first_date", "last_date"]);
    for (n, a, b, e) in keys {
        let shared = net.graph.edge_weight(petgraph::graph::EdgeIndex::new(e)).map_or(&[][..], |w| &w.shared[..]);
        let dates: Vec<&str> = shared.iter().filter_map(|&m| net.meetings.get(m)?.date.as_deref()).collect();
        let (first, last) = (dates.iter().min().copied(), dates.iter().max().copied());
        t.rows.push(vec![a.into(), b.into(), n.into(), first.into(), last.into()]);
    }
    Report::single("pairs", t)
}
