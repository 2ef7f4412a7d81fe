//! Co-attendance networks: built from (person, meeting, role) rows, measured, and written for Gephi.
//!
//! Takes the rows the store holds ([`PresenceRow`], one per person, meeting and
//! role, and [`CanonicalMeetingRow`], one per meeting) and [`Options`] (which network,
//! which edge weight, which filters). Gives a petgraph [`Network`]: either the
//! person–person co-attendance network, whose nodes are the people present at one
//! or more meetings and whose edges join two people present together, or the
//! bipartite person–meeting network. [`metrics`] measures it, [`export`] writes it
//! as GraphML, GEXF or CSV, and [`cache`] keeps the rows in the store directory.
//! [`Network::build`] never queries the store (the caller hands it the rows,
//! which `kg::read` gives); [`cache`] reads them through the store's cache file,
//! the one file this module touches.
//!
//! A report over the whole network reads the rows through the cache, builds, and measures:
//!
//! ```text
//! let (rows, _) = network::cache::rows(&store, Some(store_dir))?;
//! let options = Options { weight: Weight::Newman, filters: Filters { exclude_roles: [Role::Chair].into(), ..Default::default() }, ..Default::default() };
//! let net = Network::build(&rows.presences, &rows.meetings, &options);
//! let m = metrics::compute(&net, &MetricOptions::default());
//! for i in net.graph.node_indices() {
//!     let (person, values) = (&net.graph[i], m.node(i.index()));   // name, pagerank, community, ...
//! }
//! ```

pub mod cache;
pub mod export;
pub mod metrics;

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;

pub use crate::kg::read::{CanonicalMeetingRow, PresenceRow};
pub use crate::lexicon::Role;

/// Every role, in a fixed order (the bit of each in a role set).
pub(crate) const ROLES: [Role; 9] = [
    Role::Chair,
    Role::Speaker,
    Role::Reporter,
    Role::Relayer,
    Role::Attendee,
    Role::Nonvoting,
    Role::Presidium,
    Role::Invited,
    Role::Absent,
];

fn role_bit(r: Role) -> u16 {
    1 << ROLES.iter().position(|&x| x == r).unwrap_or(0)
}

fn roles_of_bits(bits: u16) -> Vec<Role> {
    ROLES.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, &r)| r).collect()
}

/// Which network to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NetworkKind {
    /// People joined when they were present at the same meeting.
    #[default]
    Coattendance,
    /// People joined to the meetings they were present at.
    Bipartite,
}

/// How a co-attendance edge is weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weight {
    /// The number of distinct meetings both attended.
    #[default]
    Count,
    /// Newman's collaboration weight: each shared meeting of n people adds 1/(n−1).
    Newman,
    /// Shared meetings over the meetings either attended (Jaccard index).
    Jaccard,
}

/// Which meetings and presences count. Empty lists and `None` mean no restriction.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Earliest meeting date, inclusive (`YYYY-MM-DD`); undated meetings are left out when set.
    pub from: Option<String>,
    /// Latest meeting date, inclusive; undated meetings are left out when set.
    pub to: Option<String>,
    /// Meetings held by one of these bodies (exact name).
    pub bodies: Vec<String>,
    /// Meetings of one of these kinds (exact kind, e.g. 常务会议).
    pub kinds: Vec<String>,
    /// Meetings of one of these jurisdictions: the one the store states, else a body name starting with it.
    pub jurisdictions: Vec<String>,
    /// When set, a person counts at a meeting only with one of these roles there.
    pub roles: Option<BTreeSet<Role>>,
    /// A person with one of these roles at a meeting does not count there at all, even if
    /// they also had another role (a chair who also spoke is still left out as chair).
    pub exclude_roles: BTreeSet<Role>,
    /// Edges lighter than this are dropped (their people stay as nodes).
    pub min_weight: Option<f64>,
}

impl Filters {
    /// Whether a meeting passes the date, body, kind and jurisdiction filters.
    pub fn keeps_meeting(&self, m: &CanonicalMeetingRow) -> bool {
        if self.from.is_some() || self.to.is_some() {
            let Some(d) = m.date.as_deref() else { return false };
            if self.from.as_deref().is_some_and(|f| d < f) || self.to.as_deref().is_some_and(|t| d > t) {
                return false;
            }
        }
        if !self.bodies.is_empty() && !m.body.as_ref().is_some_and(|b| self.bodies.contains(b)) {
            return false;
        }
        if !self.kinds.is_empty() && !m.kind.as_ref().is_some_and(|k| self.kinds.contains(k)) {
            return false;
        }
        if !self.jurisdictions.is_empty() {
            let hit = self.jurisdictions.iter().any(|j| match &m.jurisdiction {
                Some(mj) => mj == j,
                None => m.body.as_ref().is_some_and(|b| b.starts_with(j.as_str())),
            });
            if !hit {
                return false;
            }
        }
        true
    }

    /// Whether a person with these roles at one meeting counts as present there.
    pub fn counts(&self, roles: &BTreeSet<Role>) -> bool {
        self.counts_bits(roles.iter().fold(0, |b, &r| b | role_bit(r)))
    }

    fn counts_bits(&self, bits: u16) -> bool {
        let present = bits & !role_bit(Role::Absent);
        let excluded = self.exclude_roles.iter().fold(0, |b, &r| b | role_bit(r));
        if present == 0 || present & excluded != 0 {
            return false;
        }
        match &self.roles {
            Some(allowed) => present & allowed.iter().fold(0, |b, &r| b | role_bit(r)) != 0,
            None => true,
        }
    }
}

/// What to build: the network, the edge weight and the filters.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Co-attendance (default) or bipartite.
    pub network: NetworkKind,
    /// Edge weight of the co-attendance network (the bipartite network weighs every edge 1).
    pub weight: Weight,
    /// Which meetings and presences count.
    pub filters: Filters,
}

/// Whether a node is a person or a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKind {
    /// A person.
    Person,
    /// A meeting (bipartite network only).
    Meeting,
}

impl NodeKind {
    /// `person` or `meeting`.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Person => "person",
            NodeKind::Meeting => "meeting",
        }
    }
}

/// A node: a person, or in the bipartite network also a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The person's or meeting's IRI.
    pub id: String,
    /// The label: the person's name or the meeting's name.
    pub name: String,
    /// Person or meeting.
    pub kind: NodeKind,
    /// Number of meetings attended that count (for a meeting node, the people counted there).
    pub meetings: usize,
    /// For a person, the meetings attended that count (indices into [`Network::meetings`]);
    /// for a meeting node, its own index.
    pub attended: Vec<usize>,
}

/// Former name of [`Node`].
pub type PersonNode = Node;

/// An edge: two people's shared meetings, or one person at one meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    /// Meetings behind the edge, in meeting order (indices into [`Network::meetings`]).
    pub shared: Vec<usize>,
    /// The weight chosen in [`Options::weight`].
    pub weight: f64,
    /// Bipartite edges: the person's roles at the meeting. Empty in the co-attendance network.
    pub roles: Vec<Role>,
}

/// A network built from presences.
#[derive(Debug, Clone)]
pub struct Network {
    /// Which network this is.
    pub kind: NetworkKind,
    /// The weight its co-attendance edges carry.
    pub weight: Weight,
    /// The graph. People come first in (name, IRI) order, then (bipartite) meetings in
    /// meeting order; edges in (source, target) order; so it is the same for the same rows.
    pub graph: UnGraph<Node, Tie>,
    /// The meetings that passed the filters, sorted by date, name and IRI; [`Tie::shared`]
    /// and [`Node::attended`] index into it.
    pub meetings: Vec<CanonicalMeetingRow>,
}

impl Network {
    /// Builds the network the options ask for from presence and meeting rows.
    /// Presences of meetings missing from `meetings` are ignored.
    pub fn build(presences: &[PresenceRow], meetings: &[CanonicalMeetingRow], options: &Options) -> Network {
        let filters = &options.filters;
        let mut kept: Vec<CanonicalMeetingRow> =
            meetings.iter().filter(|m| filters.keeps_meeting(m)).cloned().collect();
        kept.sort();
        kept.dedup_by(|a, b| a.iri == b.iri);
        // Hash maps serve lookups only; everything is sorted before it shapes the graph.
        let index: HashMap<&str, usize> = kept.iter().enumerate().map(|(i, m)| (m.iri.as_str(), i)).collect();
        let mut pid: HashMap<&str, usize> = HashMap::new();
        let mut persons: Vec<(&str, &str)> = Vec::new(); // (IRI, name)
        let mut cells: Vec<(usize, usize, u16)> = Vec::with_capacity(presences.len());
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
        cells.par_sort_unstable();
        // One entry per (person, meeting) with all roles there; keep those that count.
        let mut counted: Vec<(usize, usize, u16)> = Vec::with_capacity(cells.len());
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
        // Nodes: people who count somewhere, in (name, IRI) order.
        let mut present: Vec<usize> = counted.iter().map(|c| c.0).collect();
        present.dedup();
        present.sort_by_key(|&p| persons.get(p).map(|(iri, name)| (*name, *iri)));
        let mut rank = vec![usize::MAX; persons.len()];
        for (r, &p) in present.iter().enumerate() {
            if let Some(x) = rank.get_mut(p) {
                *x = r;
            }
        }
        let mut attended: Vec<Vec<usize>> = vec![Vec::new(); present.len()];
        let mut role_bits: Vec<Vec<u16>> = vec![Vec::new(); present.len()];
        for &(p, m, bits) in &counted {
            let r = rank.get(p).copied().unwrap_or(usize::MAX);
            if let (Some(a), Some(b)) = (attended.get_mut(r), role_bits.get_mut(r)) {
                a.push(m);
                b.push(bits);
            }
        }

        let mut graph = UnGraph::with_capacity(present.len(), 0);
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); kept.len()];
        for (i, (&p, ms)) in present.iter().zip(attended).enumerate() {
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
        let min = filters.min_weight;
        match options.network {
            NetworkKind::Coattendance => {
                let ties = coattendance_ties(&graph, &members, options.weight, min);
                graph.reserve_edges(ties.iter().map(Vec::len).sum());
                for (a, row) in ties.into_iter().enumerate() {
                    for (b, tie) in row {
                        graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), tie);
                    }
                }
            }
            NetworkKind::Bipartite => {
                let first_meeting = graph.node_count();
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
                    debug_assert!(node.index() >= first_meeting);
                    for &p in who {
                        let rs = graph
                            .node_weight(NodeIndex::new(p))
                            .and_then(|n| n.attended.binary_search(&m).ok())
                            .and_then(|k| role_bits.get(p)?.get(k).copied())
                            .map(roles_of_bits)
                            .unwrap_or_default();
                        let tie = Tie { shared: vec![m], weight: 1.0, roles: rs };
                        if min.is_some_and(|w| tie.weight < w) {
                            continue;
                        }
                        graph.add_edge(NodeIndex::new(p), node, tie);
                    }
                }
            }
        }
        Network { kind: options.network, weight: options.weight, graph, meetings: kept }
    }

    /// The node of a person, by name (the first in node order when names repeat).
    pub fn find(&self, name: &str) -> Option<NodeIndex> {
        self.graph
            .node_indices()
            .find(|&i| self.graph.node_weight(i).is_some_and(|n| n.kind == NodeKind::Person && n.name == name))
    }

    /// The first and last known dates among some meetings (indices into [`Network::meetings`]).
    pub fn span(&self, meetings: &[usize]) -> Option<(&str, &str)> {
        let mut dates = meetings.iter().filter_map(|&m| self.meetings.get(m)?.date.as_deref());
        let first = dates.next()?;
        let (lo, hi) = dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
        Some((lo, hi))
    }

    /// Writes the network as GraphML without metrics (see [`export::write_graphml`]).
    pub fn write_graphml<W: Write>(&self, out: W) -> std::io::Result<()> {
        export::write_graphml(self, None, out)
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

    pub(crate) fn row(person: &str, meeting: &str, role: Role) -> PresenceRow {
        PresenceRow { person: format!("p/{person}"), name: person.into(), meeting: meeting.into(), role }
    }

    pub(crate) fn meeting(iri: &str, date: Option<&str>) -> CanonicalMeetingRow {
        CanonicalMeetingRow { iri: iri.into(), label: iri.into(), date: date.map(String::from), ..Default::default() }
    }

    fn sample() -> (Vec<PresenceRow>, Vec<CanonicalMeetingRow>) {
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
