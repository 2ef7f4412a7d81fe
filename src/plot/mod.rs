//! Pictures of the co-attendance network as SVG.
//!
//! Takes a [`Network`] and one value and one group per node (any centrality
//! and any partition: degree and connected components today, richer measures
//! when the network module offers them). Gives a ForceAtlas2 layout and a
//! self-contained SVG string with nodes sized by value, coloured by group and
//! labelled in a CJK font with a halo. The layout starts from seeded positions,
//! so the same network gives the same picture. Never reads the store and never
//! writes files: the caller saves the string.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use quick_xml::escape::escape;

use crate::network::Network;

/// What to draw: labelled nodes with a value and a group, and weighted edges between them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlotGraph {
    /// Node labels.
    pub labels: Vec<String>,
    /// Node values (size).
    pub values: Vec<f64>,
    /// Node groups (colour).
    pub groups: Vec<usize>,
    /// Edges as (node, node, weight).
    pub edges: Vec<(usize, usize, f64)>,
    /// The picture's title.
    pub title: String,
}

/// The subgraph of `net` on `keep` (node indices), with each kept node's value and group.
pub fn subgraph(net: &Network, keep: &[usize], values: &[f64], groups: &[usize], title: &str) -> PlotGraph {
    let pos: BTreeMap<usize, usize> = keep.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut g = PlotGraph { title: title.to_string(), ..PlotGraph::default() };
    for &n in keep {
        let name = net.graph.node_weight(NodeIndex::new(n)).map(|p| p.name.clone()).unwrap_or_default();
        g.labels.push(name);
        g.values.push(values.get(n).copied().unwrap_or(0.0));
        g.groups.push(groups.get(n).copied().unwrap_or(0));
    }
    for e in net.graph.edge_references() {
        if let (Some(&a), Some(&b)) = (pos.get(&e.source().index()), pos.get(&e.target().index())) {
            g.edges.push((a.min(b), a.max(b), e.weight().weight));
        }
    }
    g.edges.sort_by_key(|e| (e.0, e.1));
    g
}

/// A person and everyone who attended a meeting with them, in node order; at
/// most `top` neighbours, those with the highest values kept.
pub fn ego_nodes(net: &Network, me: NodeIndex, values: &[f64], top: usize) -> Vec<usize> {
    let mut others: Vec<usize> =
        net.graph.neighbors(me).map(|n| n.index()).collect::<BTreeSet<_>>().into_iter().collect();
    others.sort_by(|&a, &b| {
        let (va, vb) = (values.get(a).copied().unwrap_or(0.0), values.get(b).copied().unwrap_or(0.0));
        vb.total_cmp(&va).then(a.cmp(&b))
    });
    others.truncate(top);
    others.push(me.index());
    others.sort_unstable();
    others
}

/// A small deterministic generator for the starting positions (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 11) as f64) / ((1u64 << 53) as f64)
    }
}

/// ForceAtlas2 settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Iterations to run.
    pub iterations: usize,
    /// Repulsion strength (kr).
    pub scaling: f64,
    /// Gravity strength (kg).
    pub gravity: f64,
    /// Swing tolerance for the adaptive speed.
    pub tolerance: f64,
    /// Seed of the starting positions.
    pub seed: u64,
}

impl Default for Layout {
    fn default() -> Layout {
        Layout { iterations: 300, scaling: 2.0, gravity: 1.0, tolerance: 1.0, seed: 42 }
    }
}

/// ForceAtlas2 positions for `n` nodes: attraction proportional to distance
/// (times edge weight), repulsion (deg+1)(deg'+1)·kr/distance between every
/// pair, gravity (deg+1)·kg towards the centre, and the adaptive global and
/// per-node speeds of the published algorithm. Every pair is compared, which
/// suits the few hundred nodes a readable picture holds.
pub fn forceatlas2(n: usize, edges: &[(usize, usize, f64)], cfg: &Layout) -> Vec<(f64, f64)> {
    let mut rng = Lcg(cfg.seed);
    let spread = (n as f64).sqrt() * 10.0;
    let mut pos: Vec<(f64, f64)> =
        (0..n).map(|_| ((rng.next() * 2.0 - 1.0) * spread, (rng.next() * 2.0 - 1.0) * spread)).collect();
    let mut mass = vec![1.0; n];
    for &(a, b, _) in edges {
        if let Some(m) = mass.get_mut(a) {
            *m += 1.0;
        }
        if let Some(m) = mass.get_mut(b) {
            *m += 1.0;
        }
    }
    let mut old = vec![(0.0, 0.0); n];
    let mut speed = 1.0_f64;
    for _ in 0..cfg.iterations {
        let mut force = vec![(0.0_f64, 0.0_f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (Some(&(xi, yi)), Some(&(xj, yj))) = (pos.get(i), pos.get(j)) else { continue };
                let (dx, dy) = (xi - xj, yi - yj);
                let d2 = (dx * dx + dy * dy).max(0.01);
                let f = cfg.scaling * mass.get(i).copied().unwrap_or(1.0) * mass.get(j).copied().unwrap_or(1.0) / d2;
                if let Some(fi) = force.get_mut(i) {
                    fi.0 += dx * f;
                    fi.1 += dy * f;
                }
                if let Some(fj) = force.get_mut(j) {
                    fj.0 -= dx * f;
                    fj.1 -= dy * f;
                }
            }
        }
        for &(a, b, w) in edges {
            let (Some(&(xa, ya)), Some(&(xb, yb))) = (pos.get(a), pos.get(b)) else { continue };
            let (dx, dy) = (xa - xb, ya - yb);
            if let Some(fa) = force.get_mut(a) {
                fa.0 -= dx * w;
                fa.1 -= dy * w;
            }
            if let Some(fb) = force.get_mut(b) {
                fb.0 += dx * w;
                fb.1 += dy * w;
            }
        }
        for (i, f) in force.iter_mut().enumerate() {
            let Some(&(x, y)) = pos.get(i) else { continue };
            let d = (x * x + y * y).sqrt().max(0.01);
            let g = cfg.gravity * mass.get(i).copied().unwrap_or(1.0) / d;
            f.0 -= x * g;
            f.1 -= y * g;
        }
        // Adaptive speed: nodes that swing (change direction) slow down, and
        // the global speed follows the ratio of traction to swing.
        let (mut swing, mut traction) = (0.0, 0.0);
        let mut swings = vec![0.0; n];
        for i in 0..n {
            let (Some(f), Some(o), Some(m)) = (force.get(i), old.get(i), mass.get(i)) else { continue };
            let s = ((f.0 - o.0).powi(2) + (f.1 - o.1).powi(2)).sqrt();
            let t = ((f.0 + o.0).powi(2) + (f.1 + o.1).powi(2)).sqrt() / 2.0;
            swing += m * s;
            traction += m * t;
            if let Some(x) = swings.get_mut(i) {
                *x = s;
            }
        }
        let target = if swing > 0.0 { cfg.tolerance * traction / swing } else { speed };
        speed = target.min(speed * 1.5).max(1e-6);
        for i in 0..n {
            let (Some(f), Some(s), Some(p)) = (force.get(i), swings.get(i), pos.get_mut(i)) else { continue };
            let mut local = speed / (1.0 + (speed * s).sqrt());
            // Cap a single step, as the published algorithm does, so nothing flies off.
            let len = (f.0 * f.0 + f.1 * f.1).sqrt();
            if len * local > 10.0 {
                local = 10.0 / len;
            }
            p.0 += f.0 * local;
            p.1 += f.1 * local;
        }
        old = force;
    }
    pos
}

/// A colour per group: ten distinct hues, then grey.
fn colour(group: usize) -> &'static str {
    const PALETTE: [&str; 10] =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
    PALETTE.get(group).copied().unwrap_or("#9e9e9e")
}

/// The fonts labels ask for, Chinese ones first.
pub const FONTS: &str =
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

/// The graph drawn as a self-contained SVG document, `width` × `height` pixels.
pub fn svg(g: &PlotGraph, cfg: &Layout, width: f64, height: f64) -> String {
    let pos = forceatlas2(g.labels.len(), &g.edges, cfg);
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &pos {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    if pos.is_empty() {
        (x0, y0, x1, y1) = (0.0, 0.0, 1.0, 1.0);
    }
    let margin = 70.0;
    let scale =
        ((width - 2.0 * margin) / (x1 - x0).max(1e-9)).min((height - 2.0 * margin - 30.0) / (y1 - y0).max(1e-9));
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let at = |i: usize| -> (f64, f64) {
        let (x, y) = pos.get(i).copied().unwrap_or((cx, cy));
        (width / 2.0 + (x - cx) * scale, (height + 30.0) / 2.0 + (y - cy) * scale)
    };
    let vmax = g.values.iter().copied().fold(0.0_f64, f64::max).max(1e-9);
    let radius = |i: usize| 5.0 + 17.0 * (g.values.get(i).copied().unwrap_or(0.0).max(0.0) / vmax).sqrt();
    let wmax = g.edges.iter().map(|e| e.2).fold(0.0_f64, f64::max).max(1e-9);
    let mut s = String::new();
    // Writing to a String cannot fail, so the results of write! are ignored.
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{FONTS}">"#
    );
    let _ = writeln!(s, "<title>{}</title>", escape(g.title.as_str()));
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = writeln!(s, r##"<text x="20" y="32" font-size="20" fill="#222222">{}</text>"##, escape(g.title.as_str()));
    let _ = writeln!(s, r##"<g stroke="#8a8a8a" stroke-linecap="round">"##);
    for &(a, b, w) in &g.edges {
        let ((xa, ya), (xb, yb)) = (at(a), at(b));
        let _ = writeln!(
            s,
            r#"<line x1="{xa:.1}" y1="{ya:.1}" x2="{xb:.1}" y2="{yb:.1}" stroke-width="{:.2}" stroke-opacity="{:.2}"/>"#,
            0.6 + 3.4 * w / wmax,
            0.25 + 0.45 * w / wmax
        );
    }
    let _ = writeln!(s, "</g>");
    let _ = writeln!(s, r##"<g stroke="#ffffff" stroke-width="1.5">"##);
    for i in 0..g.labels.len() {
        let (x, y) = at(i);
        let _ = writeln!(
            s,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="{}"/>"#,
            radius(i),
            colour(g.groups.get(i).copied().unwrap_or(0))
        );
    }
    let _ = writeln!(s, "</g>");
    // Labels sit beside their node, with a white halo drawn under the letters
    // (paint-order) so that they stay readable over edges.
    let _ = writeln!(
        s,
        r##"<g font-size="14" fill="#111111" stroke="#ffffff" stroke-width="3.5" stroke-linejoin="round" paint-order="stroke">"##
    );
    for (i, label) in g.labels.iter().enumerate() {
        let (x, y) = at(i);
        let _ =
            writeln!(s, r#"<text x="{:.1}" y="{:.1}">{}</text>"#, x + radius(i) + 3.0, y + 5.0, escape(label.as_str()));
    }
    let _ = writeln!(s, "</g>");
    let _ = writeln!(s, "</svg>");
    s
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn star() -> PlotGraph {
        PlotGraph {
            labels: ["甲", "乙", "丙", "丁", "<&\">"].map(String::from).to_vec(),
            values: vec![4.0, 1.0, 1.0, 2.0, 1.0],
            groups: vec![0, 0, 0, 0, 1],
            edges: vec![(0, 1, 1.0), (0, 2, 1.0), (0, 3, 2.0)],
            title: "测试".into(),
        }
    }

    #[test]
    fn layout_is_deterministic_and_spreads_nodes() {
        let g = star();
        let a = forceatlas2(5, &g.edges, &Layout::default());
        let b = forceatlas2(5, &g.edges, &Layout::default());
        assert_eq!(a, b);
        for i in 0..5 {
            for j in (i + 1)..5 {
                let d = ((a[i].0 - a[j].0).powi(2) + (a[i].1 - a[j].1).powi(2)).sqrt();
                assert!(d > 0.5, "{i} and {j} overlap");
            }
        }
        assert!(a.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
        // Linked nodes end up nearer the hub than the unlinked one.
        let dist = |i: usize| ((a[i].0 - a[0].0).powi(2) + (a[i].1 - a[0].1).powi(2)).sqrt();
        assert!(dist(3) < dist(4));
    }

    #[test]
    fn svg_parses_and_labels_every_node() {
        let xml = svg(&star(), &Layout::default(), 800.0, 600.0);
        assert_eq!(xml, svg(&star(), &Layout::default(), 800.0, 600.0));
        let mut r = quick_xml::Reader::from_str(&xml);
        let (mut circles, mut texts) = (0, Vec::new());
        let mut in_text = false;
        loop {
            match r.read_event().unwrap() {
                quick_xml::events::Event::Empty(e) if e.name().as_ref() == b"circle" => circles += 1,
                quick_xml::events::Event::Start(e) if e.name().as_ref() == b"text" => in_text = true,
                quick_xml::events::Event::Text(t) if in_text => texts.push(t.decode().unwrap().into_owned()),
                quick_xml::events::Event::GeneralRef(_) if in_text => texts.push("&".into()),
                quick_xml::events::Event::End(e) if e.name().as_ref() == b"text" => in_text = false,
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(circles, 5);
        for l in ["甲", "乙", "丙", "丁", "测试"] {
            assert!(texts.iter().any(|t| t == l), "{l} not labelled: {texts:?}");
        }
        assert!(xml.contains("Noto Sans CJK SC"));
    }
}
