//! Co-attendance networks and their GraphML form.
//!
//! Takes (person, meeting) presences. Gives a petgraph network whose nodes are
//! the people present at one or more meetings and whose edges join two people
//! who were present together, weighted by the number of distinct meetings they
//! shared; and writes it as GraphML that Gephi, networkx and igraph read with
//! typed attributes. Never queries the store: the caller hands it the pairs.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use petgraph::graph::{NodeIndex, UnGraph};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::kg::store::{MeetingInfo, Presence};

/// A person in the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonNode {
    /// Name.
    pub name: String,
    /// Number of meetings attended.
    pub meetings: usize,
}

/// Two people's shared meetings.
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    /// Meetings both attended (indices into [`Network::meetings`]).
    pub shared: Vec<usize>,
    /// Weight: the number of distinct shared meetings.
    pub weight: f64,
}

/// The person–person co-attendance network.
#[derive(Debug, Clone)]
pub struct Network {
    /// The graph; nodes are added in name order and edges in node order, so it
    /// is the same for the same store.
    pub graph: UnGraph<PersonNode, Tie>,
    /// Meetings, indexed by [`Tie::shared`].
    pub meetings: Vec<MeetingInfo>,
}

impl Network {
    /// Builds the network from presences and meeting details.
    pub fn coattendance(presences: &[Presence], meetings: &[MeetingInfo]) -> Network {
        let index: BTreeMap<&str, usize> = meetings.iter().enumerate().map(|(i, m)| (m.iri.as_str(), i)).collect();
        let mut by_meeting: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
        let mut by_person: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for p in presences {
            let Some(&m) = index.get(p.meeting.as_str()) else { continue };
            by_meeting.entry(m).or_default().insert(p.person.as_str());
            by_person.entry(p.person.as_str()).or_default().insert(m);
        }
        let mut graph = UnGraph::new_undirected();
        let mut nodes: BTreeMap<&str, NodeIndex> = BTreeMap::new();
        for (name, ms) in &by_person {
            nodes.insert(name, graph.add_node(PersonNode { name: name.to_string(), meetings: ms.len() }));
        }
        let mut ties: BTreeMap<(NodeIndex, NodeIndex), Vec<usize>> = BTreeMap::new();
        for (&m, people) in &by_meeting {
            let ids: Vec<NodeIndex> = people.iter().filter_map(|p| nodes.get(p).copied()).collect();
            for (i, &a) in ids.iter().enumerate() {
                for &b in ids.iter().skip(i + 1) {
                    ties.entry((a.min(b), a.max(b))).or_default().push(m);
                }
            }
        }
        for ((a, b), shared) in ties {
            let weight = shared.len() as f64;
            graph.add_edge(a, b, Tie { shared, weight });
        }
        Network { graph, meetings: meetings.to_vec() }
    }

    /// The node of a person, by name.
    pub fn find(&self, name: &str) -> Option<NodeIndex> {
        self.graph.node_indices().find(|&i| self.graph.node_weight(i).is_some_and(|n| n.name == name))
    }

    /// Writes the network as GraphML.
    pub fn write_graphml<W: Write>(&self, out: W) -> std::io::Result<()> {
        let mut w = Writer::new_with_indent(out, b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut root = BytesStart::new("graphml");
        root.push_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"));
        w.write_event(Event::Start(root))?;
        for (id, for_, name, ty) in [
            ("label", "node", "label", "string"),
            ("meetings", "node", "meetings", "int"),
            ("weight", "edge", "weight", "double"),
            ("shared", "edge", "meetings", "int"),
            ("first", "edge", "first_date", "string"),
            ("last", "edge", "last_date", "string"),
        ] {
            let mut k = BytesStart::new("key");
            k.push_attribute(("id", id));
            k.push_attribute(("for", for_));
            k.push_attribute(("attr.name", name));
            k.push_attribute(("attr.type", ty));
            w.write_event(Event::Empty(k))?;
        }
        let mut g = BytesStart::new("graph");
        g.push_attribute(("id", "coattendance"));
        g.push_attribute(("edgedefault", "undirected"));
        w.write_event(Event::Start(g))?;
        for i in self.graph.node_indices() {
            let Some(n) = self.graph.node_weight(i) else { continue };
            let mut e = BytesStart::new("node");
            let id = format!("n{}", i.index());
            e.push_attribute(("id", id.as_str()));
            w.write_event(Event::Start(e))?;
            data(&mut w, "label", &n.name)?;
            data(&mut w, "meetings", &n.meetings.to_string())?;
            w.write_event(Event::End(BytesEnd::new("node")))?;
        }
        for (k, e) in self.graph.edge_indices().zip(self.graph.edge_references_sorted()) {
            let (a, b, t) = e;
            let mut x = BytesStart::new("edge");
            let id = format!("e{}", k.index());
            let (sa, sb) = (format!("n{}", a.index()), format!("n{}", b.index()));
            x.push_attribute(("id", id.as_str()));
            x.push_attribute(("source", sa.as_str()));
            x.push_attribute(("target", sb.as_str()));
            w.write_event(Event::Start(x))?;
            data(&mut w, "weight", &format!("{:?}", t.weight))?;
            data(&mut w, "shared", &t.shared.len().to_string())?;
            let dates: Vec<&str> = t.shared.iter().filter_map(|&m| self.meetings.get(m)?.date.as_deref()).collect();
            if let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) {
                data(&mut w, "first", first)?;
                data(&mut w, "last", last)?;
            }
            w.write_event(Event::End(BytesEnd::new("edge")))?;
        }
        w.write_event(Event::End(BytesEnd::new("graph")))?;
        w.write_event(Event::End(BytesEnd::new("graphml")))?;
        w.into_inner().write_all(b"\n")
    }
}

trait SortedEdges {
    fn edge_references_sorted(&self) -> Vec<(NodeIndex, NodeIndex, &Tie)>;
}

impl SortedEdges for UnGraph<PersonNode, Tie> {
    fn edge_references_sorted(&self) -> Vec<(NodeIndex, NodeIndex, &Tie)> {
        self.edge_indices()
            .filter_map(|e| {
                let (a, b) = self.edge_endpoints(e)?;
                Some((a, b, self.edge_weight(e)?))
            })
            .collect()
    }
}

fn data<W: Write>(w: &mut Writer<W>, key: &str, value: &str) -> std::io::Result<()> {
    let mut d = BytesStart::new("data");
    d.push_attribute(("key", key));
    w.write_event(Event::Start(d))?;
    w.write_event(Event::Text(BytesText::new(value)))?;
    w.write_event(Event::End(BytesEnd::new("data")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(person: &str, meeting: &str) -> Presence {
        Presence { person: person.into(), meeting: meeting.into() }
    }

    fn m(iri: &str, date: Option<&str>) -> MeetingInfo {
        MeetingInfo { iri: iri.into(), label: iri.into(), date: date.map(String::from) }
    }

    #[test]
    fn weights_count_shared_meetings() {
        let pres = [p("甲", "m1"), p("乙", "m1"), p("丙", "m1"), p("甲", "m2"), p("乙", "m2")];
        let net = Network::coattendance(&pres, &[m("m1", Some("2022-01-01")), m("m2", None)]);
        assert_eq!(net.graph.node_count(), 3);
        assert_eq!(net.graph.edge_count(), 3);
        let (a, b) = (net.find("甲").unwrap(), net.find("乙").unwrap());
        let e = net.graph.find_edge(a, b).unwrap();
        assert_eq!(net.graph[e].weight, 2.0);
        let mut out = Vec::new();
        net.write_graphml(&mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains("edgedefault=\"undirected\""));
        assert!(xml.contains("<data key=\"weight\">2.0</data>"));
    }
}
