//! Per-stage throughput of the extraction pipeline, with divan.
//!
//! Takes two corpora: the repository's own articles (`tests/fixtures` and
//! `examples/articles`, in several encodings, HTML and traditional script) and 500
//! synthetic articles from the `examples/synth` generator. Gives bytes per second of
//! input for each stage on its own: decoding and normalisation, extraction, graph
//! mapping (the quads of each article), the JSON record, N-Quads serialisation, and
//! the whole per-article step. Never reads `../shared`; `benches/run.sh` times whole
//! runs on the bulk corpus.
//!
//! ```sh
//! cargo bench --no-default-features --bench pipeline
//! ```

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use govkg::extract::{Extraction, extract};
use govkg::ingest::{RawDoc, Reader};
use govkg::kg::mapping::{self, Provenance};
use govkg::lexicon::Lexicon;
use govkg::normalize::{Doc, normalize};
use govkg::record::Record;
use oxigraph::io::{RdfFormat, RdfSerializer};

#[path = "../examples/synth/world.rs"]
#[allow(dead_code)]
mod world;

fn main() {
    divan::main();
}

/// The corpora stages are measured on.
const CORPORA: &[&str] = &["repo", "synth"];

/// Synthetic articles in the `synth` corpus.
const SYNTH_ARTICLES: usize = 500;

fn raw_docs(corpus: &str) -> Vec<RawDoc> {
    match corpus {
        "repo" => {
            let root = env!("CARGO_MANIFEST_DIR");
            let inputs = [format!("{root}/tests/fixtures"), format!("{root}/examples/articles")];
            Reader::new(&inputs).filter_map(Result::ok).collect()
        }
        _ => {
            let w = world::World::new(&world::Config::default(), 1);
            let lines: String = (0..SYNTH_ARTICLES).map(|i| world::article(&w, 1, i) + "\n").collect();
            let dir = std::env::temp_dir().join(format!("govkg-bench-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("synth.jsonl");
            std::fs::write(&path, lines).unwrap();
            let docs = Reader::new(&[path.to_string_lossy().to_string()]).filter_map(Result::ok).collect();
            let _ = std::fs::remove_dir_all(&dir);
            docs
        }
    }
}

struct Prepared {
    raws: Vec<RawDoc>,
    docs: Vec<Doc>,
    extractions: Vec<Extraction>,
    lex: Lexicon,
    bytes: usize,
}

fn prepare(corpus: &str) -> Prepared {
    let lex = Lexicon::builtin();
    let raws = raw_docs(corpus);
    let docs: Vec<Doc> = raws.iter().filter_map(|r| normalize(r).ok()).collect();
    let extractions = docs.iter().map(|d| extract(d, &lex)).collect();
    let bytes = raws.iter().map(|r| r.body.len()).sum();
    Prepared { raws, docs, extractions, lex, bytes }
}

/// Decoding and normalisation (`normalize`), per byte of input.
#[divan::bench(args = CORPORA)]
fn decode_normalize(bencher: Bencher, corpus: &str) {
    let p = prepare(corpus);
    bencher.counter(BytesCount::new(p.bytes)).bench(|| {
        for r in &p.raws {
            let _ = black_box(normalize(black_box(r)));
        }
    });
}

/// Extraction (`extract`) on normalised articles, per byte of input.
#[divan::bench(args = CORPORA)]
fn extract_facts(bencher: Bencher, corpus: &str) {
    let p = prepare(corpus);
    bencher.counter(BytesCount::new(p.bytes)).bench(|| {
        for d in &p.docs {
            black_box(extract(black_box(d), &p.lex));
        }
    });
}

/// Graph mapping (`article_quads`), per article.
#[divan::bench(args = CORPORA)]
fn graph_mapping(bencher: Bencher, corpus: &str) {
    let p = prepare(corpus);
    let prov = Provenance { version: govkg::VERSION, rules_hash: &p.lex.hash };
    bencher.counter(ItemsCount::new(p.docs.len())).bench(|| {
        for (d, e) in p.docs.iter().zip(&p.extractions) {
            black_box(mapping::article_quads(d, e, &prov));
        }
    });
}

/// The JSON record of `extract --format json`, built and serialised, per article.
#[divan::bench(args = CORPORA)]
fn export_json(bencher: Bencher, corpus: &str) {
    let p = prepare(corpus);
    let mut out = Vec::with_capacity(1 << 20);
    bencher.counter(ItemsCount::new(p.docs.len())).bench_local(|| {
        out.clear();
        for (d, e) in p.docs.iter().zip(&p.extractions) {
            serde_json::to_writer(&mut out, &Record::new(d, e)).unwrap();
            out.push(b'\n');
        }
        black_box(out.len());
    });
}

/// The quads of `extract --format nquads`, mapped and serialised, per article.
#[divan::bench(args = CORPORA)]
fn export_nquads(bencher: Bencher, corpus: &str) {
    let p = prepare(corpus);
    let prov = Provenance { version: govkg::VERSION, rules_hash: &p.lex.hash };
    let mut out = Vec::with_capacity(1 << 22);
    bencher.counter(ItemsCount::new(p.docs.len())).bench_local(|| {
        out.clear();
        for (d, e) in p.docs.iter().zip(&p.extractions) {
            let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(&mut out);
            for q in &mapping::article_quads(d, e, &prov) {
                ser.serialize_quad(q).unwrap();
            }
            ser.finish().unwrap();
        }
        black_box(out.len());
    });
}

/// The whole per-article step of `pipeline::run` (normalise and extract), on one thread, per byte.
#[divan::bench(args = CORPORA)]
fn whole_article(bencher: Bencher, corpus: &str) {
    let p = prepare(corpus);
    bencher.counter(BytesCount::new(p.bytes)).bench(|| {
        for r in &p.raws {
            black_box(govkg::pipeline::process(black_box(r), &p.lex));
        }
    });
}
