//! A network, with its metrics, as GraphML, GEXF 1.3 or CSV.
//!
//! Takes a [`Network`] and optionally its [`Metrics`]. Gives GraphML (undirected,
//! typed keys, weights as doubles, no list values), GEXF 1.3 (a dynamic graph whose
//! nodes and edges carry spells from their meeting dates, so Gephi's timeline plays
//! it year by year), and CSV node, edge and edge-meeting tables with the column
//! names Gephi's spreadsheet import expects. Every format carries the same node
//! and edge attributes, metrics included. Writes only to the writer it is given;
//! output is byte-identical for the same network.

use std::io::Write;

use petgraph::visit::EdgeRef;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::metrics::Metrics;
use super::{Network, NetworkKind, Node, Tie};

/// The type of an attribute, as GraphML and GEXF name it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ty {
    Int,
    Double,
    Str,
}

impl Ty {
    fn graphml(self) -> &'static str {
        match self {
            Ty::Int => "int",
            Ty::Double => "double",
            Ty::Str => "string",
        }
    }

    fn gexf(self) -> &'static str {
        match self {
            Ty::Int => "integer",
            Ty::Double => "double",
            Ty::Str => "string",
        }
    }
}

/// A value of one attribute; `None` leaves the attribute out for that element.
type Value = Option<String>;

fn float(x: f64) -> String {
    // Debug formatting is the shortest form that reads back to the same double.
    format!("{x:?}")
}

/// The node attributes written (besides the label), with their types.
fn node_columns(metrics: Option<&Metrics>) -> Vec<(&'static str, Ty)> {
    let mut cols = vec![("kind", Ty::Str), ("meetings", Ty::Int), ("first_date", Ty::Str), ("last_date", Ty::Str)];
    if let Some(m) = metrics {
        cols.extend([
            ("degree", Ty::Int),
            ("weighted_degree", Ty::Double),
            ("betweenness", Ty::Double),
            ("closeness", Ty::Double),
            ("pagerank", Ty::Double),
            ("component", Ty::Int),
            ("community", Ty::Int),
        ]);
        if !m.exact {
            cols.push(("betweenness_se", Ty::Double));
        }
    }
    cols
}

fn node_values(net: &Network, i: usize, n: &Node, metrics: Option<&Metrics>) -> Vec<Value> {
    let span = net.span(&n.attended);
    let mut v = vec![
        Some(n.kind.as_str().to_string()),
        Some(n.meetings.to_string()),
        span.map(|(a, _)| a.to_string()),
        span.map(|(_, b)| b.to_string()),
    ];
    if let Some(m) = metrics {
        v.extend([
            m.degree.get(i).map(|x| x.to_string()),
            m.weighted_degree.get(i).map(|&x| float(x)),
            m.betweenness.get(i).map(|&x| float(x)),
            m.closeness.get(i).map(|&x| float(x)),
            m.pagerank.get(i).map(|&x| float(x)),
            m.component.get(i).map(|x| x.to_string()),
            m.community.get(i).map(|x| x.to_string()),
        ]);
        if !m.exact {
            v.push(m.betweenness_se.get(i).map(|&x| float(x)));
        }
    }
    v
}

/// The edge attributes written besides the weight.
fn edge_columns(net: &Network) -> Vec<(&'static str, Ty)> {
    let mut cols = vec![("meetings", Ty::Int), ("first_date", Ty::Str), ("last_date", Ty::Str)];
    if net.kind == NetworkKind::Bipartite {
        cols.push(("roles", Ty::Str));
    }
    cols
}

fn edge_values(net: &Network, t: &Tie) -> Vec<Value> {
    let span = net.span(&t.shared);
    let mut v =
        vec![Some(t.shared.len().to_string()), span.map(|(a, _)| a.to_string()), span.map(|(_, b)| b.to_string())];
    if net.kind == NetworkKind::Bipartite {
        // Roles joined with ';' rather than written as a list, which GraphML cannot type.
        v.push(Some(t.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(";")));
    }
    v
}

fn graph_id(net: &Network) -> &'static str {
    match net.kind {
        NetworkKind::Coattendance => "coattendance",
        NetworkKind::Bipartite => "bipartite",
    }
}

/// Edges as (edge number, source index, target index, tie), in edge order.
fn edges(net: &Network) -> impl Iterator<Item = (usize, usize, usize, &Tie)> {
    net.graph.edge_references().map(|e| (e.id().index(), e.source().index(), e.target().index(), e.weight()))
}

fn start<W: Write>(w: &mut Writer<W>, name: &str, attrs: &[(&str, &str)]) -> std::io::Result<()> {
    let mut e = BytesStart::new(name);
    for a in attrs {
        e.push_attribute(*a);
    }
    w.write_event(Event::Start(e))
}

fn empty<W: Write>(w: &mut Writer<W>, name: &str, attrs: &[(&str, &str)]) -> std::io::Result<()> {
    let mut e = BytesStart::new(name);
    for a in attrs {
        e.push_attribute(*a);
    }
    w.write_event(Event::Empty(e))
}

fn end<W: Write>(w: &mut Writer<W>, name: &str) -> std::io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
}

fn data<W: Write>(w: &mut Writer<W>, key: &str, value: &str) -> std::io::Result<()> {
    start(w, "data", &[("key", key)])?;
    w.write_event(Event::Text(BytesText::new(value)))?;
    end(w, "data")
}

/// Writes GraphML: `edgedefault="undirected"`, a typed key per attribute, the
/// person's name as `label`, the weight as a double, and the metrics when given.
pub fn write_graphml<W: Write>(net: &Network, metrics: Option<&Metrics>, out: W) -> std::io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    start(&mut w, "graphml", &[("xmlns", "http://graphml.graphdrawing.org/xmlns")])?;
    let ncols = node_columns(metrics);
    let ecols = edge_columns(net);
    empty(&mut w, "key", &[("id", "label"), ("for", "node"), ("attr.name", "label"), ("attr.type", "string")])?;
    for (name, ty) in &ncols {
        let id = format!("n_{name}");
        empty(&mut w, "key", &[("id", &id), ("for", "node"), ("attr.name", name), ("attr.type", ty.graphml())])?;
    }
    empty(&mut w, "key", &[("id", "weight"), ("for", "edge"), ("attr.name", "weight"), ("attr.type", "double")])?;
    for (name, ty) in &ecols {
        let id = format!("e_{name}");
        empty(&mut w, "key", &[("id", &id), ("for", "edge"), ("attr.name", name), ("attr.type", ty.graphml())])?;
    }
    start(&mut w, "graph", &[("id", graph_id(net)), ("edgedefault", "undirected")])?;
    for (i, n) in net.graph.node_weights().enumerate() {
        let id = format!("n{i}");
        start(&mut w, "node", &[("id", &id)])?;
        data(&mut w, "label", &n.name)?;
        for ((name, _), v) in ncols.iter().zip(node_values(net, i, n, metrics)) {
            if let Some(v) = v {
                data(&mut w, &format!("n_{name}"), &v)?;
            }
        }
        end(&mut w, "node")?;
    }
    for (k, a, b, t) in edges(net) {
        let (id, sa, sb) = (format!("e{k}"), format!("n{a}"), format!("n{b}"));
        start(&mut w, "edge", &[("id", &id), ("source", &sa), ("target", &sb)])?;
        data(&mut w, "weight", &float(t.weight))?;
        for ((name, _), v) in ecols.iter().zip(edge_values(net, t)) {
            if let Some(v) = v {
                data(&mut w, &format!("e_{name}"), &v)?;
            }
        }
        end(&mut w, "edge")?;
    }
    end(&mut w, "graph")?;
    end(&mut w, "graphml")?;
    w.into_inner().write_all(b"\n")
}

/// The time spells of a set of meetings: one per run of consecutive years with a
/// dated meeting, from the run's first meeting date to its last. A tie active in
/// 2019 and 2023 thus shows in those years and not in between.
pub fn spells(net: &Network, meetings: &[usize]) -> Vec<(String, String)> {
    let mut dates: Vec<&str> = meetings.iter().filter_map(|&m| net.meetings.get(m)?.date.as_deref()).collect();
    dates.sort_unstable();
    dates.dedup();
    let year = |d: &str| d.get(..4).and_then(|y| y.parse::<i32>().ok()).unwrap_or(0);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut run: Option<(&str, &str)> = None;
    for d in dates {
        run = match run {
            Some((a, b)) if year(d) - year(b) <= 1 => Some((a, d)),
            Some((a, b)) => {
                out.push((a.to_string(), b.to_string()));
                Some((d, d))
            }
            None => Some((d, d)),
        };
    }
    if let Some((a, b)) = run {
        out.push((a.to_string(), b.to_string()));
    }
    out
}

fn write_spells<W: Write>(w: &mut Writer<W>, spells: &[(String, String)]) -> std::io::Result<()> {
    if spells.is_empty() {
        return Ok(());
    }
    start(w, "spells", &[])?;
    for (a, b) in spells {
        empty(w, "spell", &[("start", a), ("end", b)])?;
    }
    end(w, "spells")
}

fn write_attvalues<W: Write>(
    w: &mut Writer<W>,
    cols: &[(&'static str, Ty)],
    values: Vec<Value>,
) -> std::io::Result<()> {
    let present: Vec<(&str, String)> = cols.iter().zip(values).filter_map(|((name, _), v)| Some((*name, v?))).collect();
    if present.is_empty() {
        return Ok(());
    }
    start(w, "attvalues", &[])?;
    for (name, v) in present {
        empty(w, "attvalue", &[("for", name), ("value", &v)])?;
    }
    end(w, "attvalues")
}

/// Writes GEXF 1.3: a dynamic undirected graph with dates as time format, node and
/// edge attributes declared with their types, the weight on each edge, and spells
/// (see [`spells`]) on every node and edge that has dated meetings.
pub fn write_gexf<W: Write>(net: &Network, metrics: Option<&Metrics>, out: W) -> std::io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    start(
        &mut w,
        "gexf",
        &[
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"),
            ("version", "1.3"),
        ],
    )?;
    start(&mut w, "meta", &[])?;
    start(&mut w, "creator", &[])?;
    w.write_event(Event::Text(BytesText::new(&format!("govkg {}", crate::VERSION))))?;
    end(&mut w, "creator")?;
    start(&mut w, "description", &[])?;
    w.write_event(Event::Text(BytesText::new(match net.kind {
        NetworkKind::Coattendance => "co-attendance network",
        NetworkKind::Bipartite => "person-meeting network",
    })))?;
    end(&mut w, "description")?;
    end(&mut w, "meta")?;
    start(
        &mut w,
        "graph",
        &[
            ("defaultedgetype", "undirected"),
            ("mode", "dynamic"),
            ("timeformat", "date"),
            ("timerepresentation", "interval"),
        ],
    )?;
    let ncols = node_columns(metrics);
    let ecols = edge_columns(net);
    for (class, cols) in [("node", &ncols), ("edge", &ecols)] {
        start(&mut w, "attributes", &[("class", class), ("mode", "static")])?;
        for (name, ty) in cols.iter() {
            empty(&mut w, "attribute", &[("id", name), ("title", name), ("type", ty.gexf())])?;
        }
        end(&mut w, "attributes")?;
    }
    let count = net.graph.node_count().to_string();
    start(&mut w, "nodes", &[("count", &count)])?;
    for (i, n) in net.graph.node_weights().enumerate() {
        let id = format!("n{i}");
        start(&mut w, "node", &[("id", &id), ("label", &n.name)])?;
        write_attvalues(&mut w, &ncols, node_values(net, i, n, metrics))?;
        write_spells(&mut w, &spells(net, &n.attended))?;
        end(&mut w, "node")?;
    }
    end(&mut w, "nodes")?;
    let count = net.graph.edge_count().to_string();
    start(&mut w, "edges", &[("count", &count)])?;
    for (k, a, b, t) in edges(net) {
        let (id, sa, sb, wt) = (format!("e{k}"), format!("n{a}"), format!("n{b}"), float(t.weight));
        start(&mut w, "edge", &[("id", &id), ("source", &sa), ("target", &sb), ("weight", &wt)])?;
        write_attvalues(&mut w, &ecols, edge_values(net, t))?;
        write_spells(&mut w, &spells(net, &t.shared))?;
        end(&mut w, "edge")?;
    }
    end(&mut w, "edges")?;
    end(&mut w, "graph")?;
    end(&mut w, "gexf")?;
    w.into_inner().write_all(b"\n")
}

fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// Writes the node table: `Id`, `Label`, then the node attributes (Gephi's spreadsheet import).
pub fn write_nodes_csv<W: Write>(net: &Network, metrics: Option<&Metrics>, out: W) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let cols = node_columns(metrics);
    let mut header = vec!["Id", "Label"];
    header.extend(cols.iter().map(|(n, _)| *n));
    w.write_record(&header).map_err(csv_io)?;
    for (i, n) in net.graph.node_weights().enumerate() {
        let mut rec = vec![format!("n{i}"), n.name.clone()];
        rec.extend(node_values(net, i, n, metrics).into_iter().map(Option::unwrap_or_default));
        w.write_record(&rec).map_err(csv_io)?;
    }
    w.flush()
}

/// Writes the edge table: `Source`, `Target`, `Type` (Undirected), `Id`, `Weight`, then the
/// edge attributes.
pub fn write_edges_csv<W: Write>(net: &Network, out: W) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let cols = edge_columns(net);
    let mut header = vec!["Source", "Target", "Type", "Id", "Weight"];
    header.extend(cols.iter().map(|(n, _)| *n));
    w.write_record(&header).map_err(csv_io)?;
    for (k, a, b, t) in edges(net) {
        let mut rec = vec![format!("n{a}"), format!("n{b}"), "Undirected".into(), format!("e{k}"), float(t.weight)];
        rec.extend(edge_values(net, t).into_iter().map(Option::unwrap_or_default));
        w.write_record(&rec).map_err(csv_io)?;
    }
    w.flush()
}

/// Writes the meetings behind every edge, one row per edge and meeting: `Source`,
/// `Target`, `Id` (the edge), `meeting` (IRI), `date`, `meeting_label`.
pub fn write_edge_meetings_csv<W: Write>(net: &Network, out: W) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["Source", "Target", "Id", "meeting", "date", "meeting_label"]).map_err(csv_io)?;
    for (k, a, b, t) in edges(net) {
        for &m in &t.shared {
            let Some(row) = net.meetings.get(m) else { continue };
            w.write_record([
                format!("n{a}").as_str(),
                format!("n{b}").as_str(),
                format!("e{k}").as_str(),
                row.iri.as_str(),
                row.date.as_deref().unwrap_or(""),
                row.label.as_str(),
            ])
            .map_err(csv_io)?;
        }
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::metrics::{self, MetricOptions};
    use crate::network::{MeetingRow, Options, PresenceRow, Role};

    fn net(kind: NetworkKind) -> Network {
        let rows: Vec<PresenceRow> =
            [("甲", "m1"), ("乙", "m1"), ("甲", "m2"), ("乙", "m2"), ("丙", "m2"), ("丁", "m3")]
                .iter()
                .map(|(p, m)| PresenceRow {
                    person: format!("p/{p}"),
                    name: p.to_string(),
                    meeting: m.to_string(),
                    role: Role::Attendee,
                })
                .collect();
        let ms = vec![
            MeetingRow {
                iri: "m1".into(),
                label: "会议一".into(),
                date: Some("2019-03-01".into()),
                ..Default::default()
            },
            MeetingRow {
                iri: "m2".into(),
                label: "会议二".into(),
                date: Some("2023-05-02".into()),
                ..Default::default()
            },
            MeetingRow { iri: "m3".into(), label: "会议三".into(), date: None, ..Default::default() },
        ];
        Network::build(&rows, &ms, &Options { network: kind, ..Default::default() })
    }

    #[test]
    fn graphml_is_typed_and_undirected() {
        let n = net(NetworkKind::Coattendance);
        let m = metrics::compute(&n, &MetricOptions::default());
        let mut out = Vec::new();
        write_graphml(&n, Some(&m), &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains("edgedefault=\"undirected\""));
        assert!(xml.contains("attr.name=\"pagerank\" attr.type=\"double\""));
        assert!(xml.contains("attr.name=\"component\" attr.type=\"int\""));
        assert!(xml.contains("<data key=\"label\">甲</data>"));
        assert!(xml.contains("<data key=\"weight\">2.0</data>"));
        assert_eq!(xml.matches("<node ").count(), 4);
        assert_eq!(xml.matches("<edge ").count(), 3);
    }

    #[test]
    fn gexf_has_spells_by_runs_of_years() {
        let n = net(NetworkKind::Coattendance);
        let mut out = Vec::new();
        write_gexf(&n, None, &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains("version=\"1.3\""));
        assert!(xml.contains("mode=\"dynamic\""));
        // 甲–乙 met in 2019 and 2023: two spells, not one running through 2020–2022.
        assert!(xml.contains("<spell start=\"2019-03-01\" end=\"2019-03-01\"/>"));
        assert!(xml.contains("<spell start=\"2023-05-02\" end=\"2023-05-02\"/>"));
        assert!(xml.contains("weight=\"2.0\""));
        // 丁 has only an undated meeting, so no spells.
        let ding = xml.split("label=\"丁\"").nth(1).unwrap().split("</node>").next().unwrap();
        assert!(!ding.contains("spell"));
    }

    #[test]
    fn csv_tables_use_gephi_columns() {
        let n = net(NetworkKind::Bipartite);
        let m = metrics::compute(&n, &MetricOptions::default());
        let (mut nodes, mut edges, mut em) = (Vec::new(), Vec::new(), Vec::new());
        write_nodes_csv(&n, Some(&m), &mut nodes).unwrap();
        write_edges_csv(&n, &mut edges).unwrap();
        write_edge_meetings_csv(&n, &mut em).unwrap();
        let nodes = String::from_utf8(nodes).unwrap();
        let edges = String::from_utf8(edges).unwrap();
        assert!(nodes.starts_with("Id,Label,kind,meetings,first_date,last_date,degree,"));
        assert_eq!(nodes.lines().count(), 1 + 4 + 3);
        assert!(edges.starts_with("Source,Target,Type,Id,Weight,meetings,first_date,last_date,roles\n"));
        assert_eq!(edges.lines().count(), 1 + 6);
        assert!(edges.contains(",Undirected,"));
        assert_eq!(String::from_utf8(em).unwrap().lines().count(), 1 + 6);
    }

    #[test]
    fn spells_merge_consecutive_years() {
        let mut n = net(NetworkKind::Coattendance);
        n.meetings = ["2019-01-05", "2020-12-01", "2022-06-01", "2022-07-01"]
            .iter()
            .map(|d| MeetingRow { date: Some(d.to_string()), ..Default::default() })
            .collect();
        let s = spells(&n, &[0, 1, 2, 3]);
        assert_eq!(s, vec![("2019-01-05".into(), "2020-12-01".into()), ("2022-06-01".into(), "2022-07-01".into())]);
    }
}
