//! Time linear in the input: every hostile shape of `benches/scaling/shapes.rs`,
//! normalised and extracted at n and 8n bytes, must cost at most 24 times as much
//! at 8n (about 2.9× per doubling; time that grows with the square of the input
//! costs 64 times as much). `benches/scaling.rs` runs the same shapes at megabytes
//! with a tighter ratio; this is its cheap version, so that a regression fails here.
//!
//! Sizes are small and each time is the fastest of a few runs, so that other work
//! on a busy machine (which only ever adds time) does not make a linear shape look
//! quadratic. Below a few milliseconds, ratios are noise and are not judged.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::time::{Duration, Instant};

use govkg::extract::extract;
use govkg::ingest::{Body, Format, GivenMeta, RawDoc};
use govkg::lexicon::Lexicon;
use govkg::normalize::normalize;

#[path = "../benches/scaling/shapes.rs"]
mod shapes;

/// The smaller size; the larger is eight times it.
const N: usize = 32_000;
/// The most the larger size may cost, as a multiple of the smaller.
const MAX_RATIO: f64 = 24.0;
/// Runs per size; the fastest counts.
const RUNS: usize = 3;

fn raw(text: String, html: bool) -> RawDoc {
    RawDoc {
        source: "scaling".into(),
        key: "scaling".into(),
        path: "scaling".into(),
        body: Body::Text(text),
        format: if html { Format::Html } else { Format::Text },
        meta: GivenMeta { date: Some("2024-03-05".into()), ..GivenMeta::default() },
    }
}

fn fastest(raw: &RawDoc, lex: &Lexicon) -> Duration {
    (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            if let Ok(doc) = normalize(raw) {
                std::hint::black_box(extract(&doc, lex));
            }
            t.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn every_shape_costs_time_linear_in_its_size() {
    let lex = Lexicon::builtin();
    // OpenCC and the lexicon's tables load on first use, not inside a timing.
    fastest(&raw(shapes::shapes()[0].article(1000), false), &lex);
    let lex = std::sync::Arc::new(lex);
    let mut report = Vec::new();
    let mut failed = Vec::new();
    for shape in shapes::shapes() {
        // A shape that has become quadratic can take hours at 8n; it is timed on a
        // thread of its own, and given up (and failed) after a minute.
        let (tx, rx) = std::sync::mpsc::channel();
        let lex = std::sync::Arc::clone(&lex);
        let (build, html) = (shape.build, shape.html);
        std::thread::spawn(move || {
            let small = fastest(&raw(build(N), html), &lex);
            let large = fastest(&raw(build(8 * N), html), &lex);
            let _ = tx.send((small, large));
        });
        let Ok((small, large)) = rx.recv_timeout(Duration::from_secs(60)) else {
            report.push(format!("{:<24} more than 60 s", shape.name));
            failed.push(shape.name);
            break;
        };
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        report.push(format!("{:<24} {small:>12.2?} {large:>12.2?} ×{ratio:.1}", shape.name));
        if ratio > MAX_RATIO && large > Duration::from_millis(5) {
            failed.push(shape.name);
        }
    }
    assert!(failed.is_empty(), "superlinear: {failed:?}\n{}", report.join("\n"));
}

#[test]
fn the_shapes_are_the_size_asked_for() {
    for shape in shapes::shapes() {
        for n in [N, 8 * N] {
            let len = shape.article(n).len();
            assert!(len >= n && len < n + 400, "{}: {len} bytes for {n}", shape.name);
        }
    }
}
