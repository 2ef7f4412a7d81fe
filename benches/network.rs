//! Network build and metrics on a synthetic corpus the size of a large province's
//! news: 20,000 people, 100,000 meetings of 3–40 people (mean about 12), people
//! chosen with Zipf-distributed activity (exponent 1). Presences are generated in
//! memory with a fixed seed, so every run measures the same network.
//!
//! Run with `cargo bench --no-default-features --bench network` (the network code
//! does not need the on-disk store).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use std::sync::OnceLock;

use govkg::network::metrics::{self, Adjacency, SplitMix64};
use govkg::network::{MeetingRow, Network, Options, PresenceRow, Role};

const PEOPLE: usize = 20_000;
const MEETINGS: usize = 100_000;

fn main() {
    divan::main();
}

/// The synthetic presences and meetings.
fn corpus() -> &'static (Vec<PresenceRow>, Vec<MeetingRow>) {
    static C: OnceLock<(Vec<PresenceRow>, Vec<MeetingRow>)> = OnceLock::new();
    C.get_or_init(|| {
        let mut rng = SplitMix64(20_240_101);
        // Zipf: person r is chosen with probability proportional to 1/(r+1).
        let mut cum = Vec::with_capacity(PEOPLE);
        let mut total = 0.0;
        for r in 0..PEOPLE {
            total += 1.0 / (r as f64 + 1.0);
            cum.push(total);
        }
        let names: Vec<String> = (0..PEOPLE).map(|i| format!("人{i:05}")).collect();
        let mut rows = Vec::new();
        let mut meetings = Vec::with_capacity(MEETINGS);
        for m in 0..MEETINGS {
            let iri = format!("m{m:06}");
            let day = rng.next() % 3650;
            let date = format!("{}-{:02}-{:02}", 2015 + day / 365, 1 + (day % 365) / 31 % 12, 1 + day % 28);
            meetings.push(MeetingRow { iri: iri.clone(), label: iri.clone(), date: Some(date), ..Default::default() });
            // Size: 3 plus an exponential of mean 9.5, capped at 40 (mean about 12).
            let size = (3.0 + (-(1.0 - rng.float()).ln() * 9.5)).min(40.0) as usize;
            let mut chosen: Vec<usize> = Vec::with_capacity(size);
            while chosen.len() < size {
                let x = rng.float() * total;
                let p = cum.partition_point(|&c| c < x).min(PEOPLE - 1);
                if !chosen.contains(&p) {
                    chosen.push(p);
                }
            }
            for (i, p) in chosen.into_iter().enumerate() {
                let role = if i == 0 { Role::Chair } else { Role::Attendee };
                rows.push(PresenceRow {
                    person: format!("p/{}", names[p]),
                    name: names[p].clone(),
                    meeting: iri.clone(),
                    role,
                });
            }
        }
        rows.sort();
        (rows, meetings)
    })
}

fn network() -> &'static Network {
    static N: OnceLock<Network> = OnceLock::new();
    N.get_or_init(|| {
        let (p, m) = corpus();
        let net = Network::build(p, m, &Options::default());
        eprintln!(
            "synthetic network: {} presences, {} people, {} edges",
            p.len(),
            net.graph.node_count(),
            net.graph.edge_count()
        );
        net
    })
}

fn adjacency() -> &'static Adjacency {
    static A: OnceLock<Adjacency> = OnceLock::new();
    A.get_or_init(|| Adjacency::of(network()))
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn build() -> Network {
    let (p, m) = corpus();
    Network::build(p, m, &Options::default())
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn adjacency_of_network() -> Adjacency {
    Adjacency::of(network())
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn degree_and_weighted_degree() -> (Vec<usize>, Vec<f64>) {
    let a = adjacency();
    let n = a.len();
    let deg = (0..n).map(|i| a.offsets[i + 1] - a.offsets[i]).collect();
    let wdeg = (0..n).map(|i| a.weights[a.offsets[i]..a.offsets[i + 1]].iter().sum()).collect();
    (deg, wdeg)
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn pagerank() -> Vec<f64> {
    metrics::pagerank(adjacency(), 0.85)
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn components() -> Vec<usize> {
    metrics::components(adjacency())
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn communities_louvain() -> (Vec<usize>, f64) {
    metrics::louvain(adjacency(), 1.0)
}

#[divan::bench(sample_count = 1, sample_size = 1, args = [100, 500])]
fn betweenness_and_closeness_sampled(samples: usize) -> metrics::Paths {
    let a = adjacency();
    let comp = metrics::components(a);
    metrics::paths(a, &comp, samples, 1)
}

fn rows() -> govkg::network::cache::Rows {
    let (p, m) = corpus();
    govkg::network::cache::Rows { presences: p.clone(), meetings: m.clone() }
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn cache_save(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(govkg::kg::cache::file_name(govkg::network::cache::NAME));
    let rows = rows();
    bencher.bench_local(|| govkg::network::cache::save(&path, "key", &rows).unwrap());
    eprintln!("cache file: {} bytes for {} presences", std::fs::metadata(&path).unwrap().len(), rows.presences.len());
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn cache_load(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(govkg::kg::cache::file_name(govkg::network::cache::NAME));
    govkg::network::cache::save(&path, "key", &rows()).unwrap();
    bencher.bench_local(|| govkg::network::cache::load(&path, "key").unwrap());
}
