//! Co-attendance networks: built from (person, meeting, role) rows, measured, and written for Gephi.
//!
//! Takes [`Rows`]: the rows the store holds ([`PresenceRow`], one per person,
//! meeting and role, and [`MeetingRow`], one per meeting), keyed by IRI for the
//! exports or by name for the reports (see [`rows`]), and [`Options`] (which
//! network, which edge weight, which filters). Gives a petgraph [`Network`]:
//! either the person–person co-attendance network, whose nodes are the people
//! present at one or more meetings and whose edges join two people present
//! together, or the bipartite person–meeting network. One builder
//! ([`Network::build`], in `build.rs`) serves the exports and the reports.
//! [`metrics`] measures it, [`export`] writes it as GraphML, GEXF or CSV, and
//! [`cache`] keeps the rows in the store directory. [`Network::build`] never
//! queries the store (the caller hands it the rows, which `kg::rows` gives);
//! [`cache`] reads them through the store's cache file, the one file this
//! module touches.
//!
//! An export of the whole network reads the rows through the cache, builds, and measures:
//!
//! ```text
//! let (rows, _) = network::cache::rows(&store, Some(store_dir))?;
//! let options = Options { weight: Weight::Newman, filters: Filters { exclude_roles: [Role::Chair].into(), ..Default::default() }, ..Default::default() };
//! let net = rows.network(&options);
//! let m = metrics::compute(&net, &MetricOptions::default());
//! for i in net.graph.node_indices() {
//!     let (person, values) = (&net.graph[i], m.node(i.index()));   // name, pagerank, community, ...
//! }
//! ```

mod build;
pub mod cache;
pub mod export;
pub mod metrics;
pub mod rows;

use std::collections::BTreeSet;
use std::io::Write;

use petgraph::graph::{NodeIndex, UnGraph};

pub use crate::kg::rows::{MeetingRow, PresenceRow};
pub use crate::lexicon::Role;
pub use rows::Rows;

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
    pub fn keeps_meeting(&self, m: &MeetingRow) -> bool {
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
    pub meetings: Vec<MeetingRow>,
}

impl Network {
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
