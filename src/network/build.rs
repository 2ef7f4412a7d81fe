//! Building a [`Network`] from presence and meeting rows.
//!
//! Takes [`PresenceRow`]s, [`MeetingRow`]s and [`Options`]. Gives the graph:
//! the meetings that pass the filters, the people who count at one or more of
//! them as nodes in (name, IRI) order, and either co-attendance edges (each
//! person gathers the co-attendees after them, in parallel) or person–meeting
//! edges. Hash maps serve lookups only; everything is sorted before it shapes
//! the graph, so the same rows in any order give the same network. Never
//! queries the store and never fails.

use std::collections::HashMap;

use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;

use super::{Filters, MeetingRow, Network, NetworkKind, Node, NodeKind, Options, PresenceRow, Role, Tie, Weight};
use super::{role_bit, roles_of_bits};

/// One person at one meeting: person number, meeting index, and the bits of
/// the roles they had there.
type Cell = (usize, usize, u16);

/// The presences of kept meetings, with people numbered in order of first appearance.
struct Interned<'a> {
    /// (IRI, name) per person number; the smallest name when an IRI has several.
    persons: Vec<(&'a str, &'a str)>,
    /// One cell per presence row of a kept meeting.
    cells: Vec<Cell>,
}

/// The people who count somewhere, in node order, with what they attended.
struct Present {
    /// Person numbers in (name, IRI) order: node `i` is person `order[i]`.
    order: Vec<usize>,
    /// Per node, the meetings where they count, ascending.
    attended: Vec<Vec<usize>>,
    /// Per node, the role bits at each of those meetings (absence left out).
    role_bits: Vec<Vec<u16>>,
}

impl Network {
    /// Builds the network the options ask for from presence and meeting rows.
    /// Presences of meetings missing from `meetings` are ignored.
    pub fn build(presences: &[PresenceRow], meetings: &[MeetingRow], options: &Options) -> Network {
        let filters = &options.filters;
        let kept = kept_meetings(meetings, filters);
        let Interned { persons, cells } = intern(presences, &kept);
        let Present { order, attended, role_bits } = present(&persons, &counted(cells, filters));
        let (mut graph, members) = person_nodes(&persons, &order, attended, kept.len());
        let min = filters.min_weight;
        match options.network {
            NetworkKind::Coattendance => add_coattendance(&mut graph, &members, options.weight, min),
            NetworkKind::Bipartite => add_bipartite(&mut graph, &members, &kept, &role_bits, min),
        }
        Network { kind: options.network, weight: options.weight, graph, meetings: kept }
    }
}

/// The meetings that pass the filters, sorted by date, name and IRI, one per IRI.
fn kept_meetings(meetings: &[MeetingRow], filters: &Filters) -> Vec<MeetingRow> {
    let mut kept: Vec<MeetingRow> = meetings.iter().filter(|m| filters.keeps_meeting(m)).cloned().collect();
    kept.sort();
    kept.dedup_by(|a, b| a.iri == b.iri);
    kept
}

/// Numbers the people of the presences at kept meetings and turns each
/// presence into a cell.
fn intern<'a>(presences: &'a [PresenceRow], kept: &[MeetingRow]) -> Interned<'a> {
    let index: HashMap<&str, usize> = kept.iter().enumerate().map(|(i, m)| (m.iri.as_str(), i)).collect();
    let mut pid: HashMap<&str, usize> = HashMap::new();
    let mut persons: Vec<(&str, &str)> = Vec::new();
    let mut cells: Vec<Cell> = Vec::with_capacity(presences.len());
    for p in presences {
        let Some(&m) = index.get(p.meeting.as_str()) else { continue };
        let id = *pid.entry(p.person.as_str()).or_insert_with(|| {
            persons.push((p.person.as_str(), p.name.as_str()));
            persons.len() - 1
        });
        // Several labels for one IRI: the smallest wins, whatever the row order.
        if let Some(x) = persons.get_mut(id)
            && p.name.as_str() < x.1
        {
            x.1 = p.name.as_str();
        }
        cells.push((id, m, role_bit(p.role)));
    }
    Interned { persons, cells }
}

/// One cell per (person, meeting) with all roles there, sorted, keeping those
/// the filters count; absence is taken out of the role bits.
fn counted(mut cells: Vec<Cell>, filters: &Filters) -> Vec<Cell> {
    cells.par_sort_unstable();
    let mut counted: Vec<Cell> = Vec::with_capacity(cells.len());
    let mut i = 0;
    while let Some(&(p, m, _)) = cells.get(i) {
        let mut bits = 0u16;
        while let Some(&(p2, m2, b)) = cells.get(i) {
            if (p2, m2) != (p, m) {
                break;
            }
            bits |= b;
            i += 1;
        }
        if filters.counts_bits(bits) {
            counted.push((p, m, bits & !role_bit(Role::Absent)));
        }
    }
    counted
}

/// The people who count somewhere, in (name, IRI) order, with their meetings
/// and roles there.
fn present(persons: &[(&str, &str)], counted: &[Cell]) -> Present {
    let mut order: Vec<usize> = counted.iter().map(|c| c.0).collect();
    order.dedup();
    order.sort_by_key(|&p| persons.get(p).map(|(iri, name)| (*name, *iri)));
    let mut rank = vec![usize::MAX; persons.len()];
    for (r, &p) in order.iter().enumerate() {
        if let Some(x) = rank.get_mut(p) {
            *x = r;
        }
    }
    let mut attended: Vec<Vec<usize>> = vec![Vec::new(); order.len()];
    let mut role_bits: Vec<Vec<u16>> = vec![Vec::new(); order.len()];
    for &(p, m, bits) in counted {
        let r = rank.get(p).copied().unwrap_or(usize::MAX);
        if let (Some(a), Some(b)) = (attended.get_mut(r), role_bits.get_mut(r)) {
            a.push(m);
            b.push(bits);
        }
    }
    Present { order, attended, role_bits }
}

/// A graph of the people's nodes, and for each kept meeting the nodes of the
/// people who count there, ascending.
fn person_nodes(
    persons: &[(&str, &str)],
    order: &[usize],
    attended: Vec<Vec<usize>>,
    meetings: usize,
) -> (UnGraph<Node, Tie>, Vec<Vec<usize>>) {
    let mut graph = UnGraph::with_capacity(order.len(), 0);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); meetings];
    for (i, (&p, ms)) in order.iter().zip(attended).enumerate() {
        for &m in &ms {
            if let Some(v) = members.get_mut(m) {
                v.push(i);
            }
        }
        let (iri, name) = persons.get(p).copied().unwrap_or_default();
        graph.add_node(Node {
            id: iri.to_string(),
            name: name.to_string(),
            kind: NodeKind::Person,
            meetings: ms.len(),
            attended: ms,
        });
    }
    (graph, members)
}

/// Adds the co-attendance edges, in (source, target) order.
fn add_coattendance(graph: &mut UnGraph<Node, Tie>, members: &[Vec<usize>], weight: Weight, min: Option<f64>) {
    let ties = coattendance_ties(graph, members, weight, min);
    graph.reserve_edges(ties.iter().map(Vec::len).sum());
    for (a, row) in ties.into_iter().enumerate() {
        for (b, tie) in row {
            graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), tie);
        }
    }
}

/// Adds a node per meeting someone counts at, after the people, and an edge
/// from each of them to it carrying their roles there.
fn add_bipartite(
    graph: &mut UnGraph<Node, Tie>,
    members: &[Vec<usize>],
    kept: &[MeetingRow],
    role_bits: &[Vec<u16>],
    min: Option<f64>,
) {
    for (m, who) in members.iter().enumerate() {
        if who.is_empty() {
            continue;
        }
        let Some(row) = kept.get(m) else { continue };
        let node = graph.add_node(Node {
            id: row.iri.clone(),
            name: row.label.clone(),
            kind: NodeKind::Meeting,
            meetings: who.len(),
            attended: vec![m],
        });
        for &p in who {
            let roles = graph
                .node_weight(NodeIndex::new(p))
                .and_then(|n| n.attended.binary_search(&m).ok())
                .and_then(|k| role_bits.get(p)?.get(k).copied())
                .map(roles_of_bits)
                .unwrap_or_default();
            let tie = Tie { shared: vec![m], weight: 1.0, roles };
            if min.is_some_and(|w| tie.weight < w) {
                continue;
            }
            graph.add_edge(NodeIndex::new(p), node, tie);
        }
    }
}

/// The co-attendance edges of each person `a` with the people `b > a` met, in `b`
/// order, weighted and filtered by `min`. Each person gathers the co-attendees of
/// their meetings who come after them, so every pair is met once and no global pair
/// map is needed; a per-thread slot array finds a co-attendee's meeting list in
/// constant time. People are handled in parallel and their edges kept in person
/// order, which keeps the result deterministic.
fn coattendance_ties(
    graph: &UnGraph<Node, Tie>,
    members: &[Vec<usize>],
    weight: Weight,
    min: Option<f64>,
) -> Vec<Vec<(usize, Tie)>> {
    let nodes: Vec<&Node> = graph.node_weights().collect();
    let n = nodes.len();
    nodes
        .par_iter()
        .enumerate()
        .map_init(
            || (vec![usize::MAX; n], Vec::<usize>::new(), Vec::<Vec<usize>>::new()),
            |(slot, touched, lists), (a, node)| {
                for &m in &node.attended {
                    let Some(who) = members.get(m) else { continue };
                    // Members are in person order, so those after `a` are a suffix.
                    let start = who.partition_point(|&b| b <= a);
                    for &b in who.iter().skip(start) {
                        let Some(s) = slot.get_mut(b) else { continue };
                        if *s == usize::MAX {
                            *s = touched.len();
                            touched.push(b);
                            lists.push(vec![m]);
                        } else if let Some(l) = lists.get_mut(*s) {
                            l.push(m);
                        }
                    }
                }
                let mut order: Vec<usize> = (0..touched.len()).collect();
                order.sort_unstable_by_key(|&i| touched.get(i).copied());
                let mut out = Vec::with_capacity(order.len());
                for i in order {
                    let (Some(&b), Some(l)) = (touched.get(i), lists.get_mut(i)) else { continue };
                    let shared = std::mem::take(l);
                    let w = match weight {
                        Weight::Count => shared.len() as f64,
                        Weight::Newman => shared
                            .iter()
                            .map(|&m| members.get(m).map_or(0.0, |v| 1.0 / (v.len().max(2) - 1) as f64))
                            .sum(),
                        Weight::Jaccard => {
                            let other = nodes.get(b).map_or(0, |n| n.meetings);
                            let union = node.meetings + other - shared.len();
                            if union == 0 { 0.0 } else { shared.len() as f64 / union as f64 }
                        }
                    };
                    if min.is_some_and(|x| w < x) {
                        continue;
                    }
                    out.push((b, Tie { shared, weight: w, roles: Vec::new() }));
                }
                for &b in touched.iter() {
                    if let Some(s) = slot.get_mut(b) {
                        *s = usize::MAX;
                    }
                }
                touched.clear();
                lists.clear();
                out
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::Filters;

    pub(crate) fn row(person: &str, meeting: &str, role: Role) -> PresenceRow {
        PresenceRow { person: format!("p/{person}"), name: person.into(), meeting: meeting.into(), role }
    }

    pub(crate) fn meeting(iri: &str, date: Option<&str>) -> MeetingRow {
        MeetingRow { iri: iri.into(), label: iri.into(), date: date.map(String::from), ..Default::default() }
    }

    fn sample() -> (Vec<PresenceRow>, Vec<MeetingRow>) {
        use Role::*;
        let rows = vec![
            row("甲", "m1", Chair),
            row("甲", "m1", Speaker),
            row("乙", "m1", Attendee),
            row("丙", "m1", Attendee),
            row("甲", "m2", Attendee),
            row("乙", "m2", Attendee),
            row("丁", "m2", Absent),
            row("丙", "m3", Attendee),
            row("丁", "m3", Attendee),
        ];
        let mut m1 = meeting("m1", Some("2022-01-01"));
        m1.body = Some("青岚市人民政府".into());
        m1.kind = Some("常务会议".into());
        let m2 = meeting("m2", Some("2022-06-01"));
        let mut m3 = meeting("m3", Some("2023-03-01"));
        m3.body = Some("青岚市委".into());
        (rows, vec![m1, m2, m3])
    }

    fn weight(net: &Network, a: &str, b: &str) -> Option<f64> {
        let (a, b) = (net.find(a)?, net.find(b)?);
        Some(net.graph[net.graph.find_edge(a, b)?].weight)
    }

    #[test]
    fn count_weight_is_shared_meetings() {
        let (rows, ms) = sample();
        let net = Network::build(&rows, &ms, &Options::default());
        assert_eq!(net.graph.node_count(), 4);
        assert_eq!(net.graph.edge_count(), 4); // 甲乙 甲丙 乙丙 丙丁
        assert_eq!(weight(&net, "甲", "乙"), Some(2.0));
        assert_eq!(weight(&net, "丙", "丁"), Some(1.0));
        assert_eq!(weight(&net, "甲", "丁"), None, "an absentee is not present");
        let e = net.graph.find_edge(net.find("甲").unwrap(), net.find("乙").unwrap()).unwrap();
        assert_eq!(net.span(&net.graph[e].shared), Some(("2022-01-01", "2022-06-01")));
    }

    #[test]
    fn newman_weight_divides_by_meeting_size() {
        let (rows, ms) = sample();
        let opts = Options { weight: Weight::Newman, ..Default::default() };
        let net = Network::build(&rows, &ms, &opts);
        // m1 has three people (1/2 each), m2 two (1/1).
        assert_eq!(weight(&net, "甲", "乙"), Some(1.5));
        assert_eq!(weight(&net, "甲", "丙"), Some(0.5));
        assert_eq!(weight(&net, "丙", "丁"), Some(1.0));
    }

    #[test]
    fn jaccard_weight_is_overlap_of_meetings() {
        let (rows, ms) = sample();
        let opts = Options { weight: Weight::Jaccard, ..Default::default() };
        let net = Network::build(&rows, &ms, &opts);
        assert_eq!(weight(&net, "甲", "乙"), Some(1.0)); // {m1,m2} both
        assert_eq!(weight(&net, "甲", "丙"), Some(1.0 / 3.0)); // {m1,m2} vs {m1,m3}
        assert_eq!(weight(&net, "丙", "丁"), Some(0.5)); // {m1,m3} vs {m3}
    }

    #[test]
    fn filters_restrict_meetings_roles_and_weights() {
        let (rows, ms) = sample();
        let build = |f: Filters| Network::build(&rows, &ms, &Options { filters: f, ..Default::default() });
        let net =
            build(Filters { from: Some("2022-03-01".into()), to: Some("2022-12-31".into()), ..Default::default() });
        assert_eq!((net.graph.node_count(), net.graph.edge_count()), (2, 1));
        let net = build(Filters { bodies: vec!["青岚市委".into()], ..Default::default() });
        assert_eq!((net.graph.node_count(), net.graph.edge_count()), (2, 1));
        let net = build(Filters { kinds: vec!["常务会议".into()], ..Default::default() });
        assert_eq!((net.graph.node_count(), net.graph.edge_count()), (3, 3));
        let net = build(Filters { jurisdictions: vec!["青岚市".into()], ..Default::default() });
        assert_eq!(net.meetings.len(), 2);
        // Leaving chairs out drops 甲 from m1 although 甲 also spoke there.
        let net = build(Filters { exclude_roles: [Role::Chair].into(), ..Default::default() });
        assert_eq!(weight(&net, "甲", "乙"), Some(1.0));
        assert_eq!(weight(&net, "甲", "丙"), None);
        let net = build(Filters { roles: Some([Role::Speaker].into()), ..Default::default() });
        assert_eq!(net.graph.node_count(), 1);
        let net = build(Filters { min_weight: Some(2.0), ..Default::default() });
        assert_eq!((net.graph.node_count(), net.graph.edge_count()), (4, 1));
    }

    #[test]
    fn bipartite_joins_people_to_meetings() {
        let (rows, ms) = sample();
        let net = Network::build(&rows, &ms, &Options { network: NetworkKind::Bipartite, ..Default::default() });
        // Four people, three meetings; 甲乙丙 at m1, 甲乙 at m2, 丙丁 at m3.
        assert_eq!(net.graph.node_count(), 7);
        assert_eq!(net.graph.edge_count(), 7);
        let chair = net.graph.edge_weights().find(|t| t.roles.contains(&Role::Chair)).unwrap();
        assert_eq!(chair.roles, vec![Role::Chair, Role::Speaker]);
        let meetings = net.graph.node_weights().filter(|n| n.kind == NodeKind::Meeting).count();
        assert_eq!(meetings, 3);
    }

    #[test]
    fn the_same_rows_in_any_order_give_the_same_network() {
        let (mut rows, ms) = sample();
        let a = Network::build(&rows, &ms, &Options::default());
        rows.reverse();
        let b = Network::build(&rows, &ms, &Options::default());
        let dump = |n: &Network| {
            format!(
                "{:?} {:?}",
                n.graph.node_weights().collect::<Vec<_>>(),
                n.graph.raw_edges().iter().map(|e| (e.source(), e.target(), e.weight.clone())).collect::<Vec<_>>()
            )
        };
        assert_eq!(dump(&a), dump(&b));
    }
}
