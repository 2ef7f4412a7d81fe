//! How normalisation and extraction scale on hostile input.
//!
//! Takes the shapes of `benches/scaling/shapes.rs` and a base size. Gives, for each shape,
//! the time of `normalize` + `extract` on one article of n, 2n, 4n … bytes (median
//! of a few runs, one thread) and the ratio of each time to the one before, as the
//! markdown table of `benches/README.md`. Exits with status 1 when a doubling costs
//! more than the allowed ratio. Never reads `../shared`.
//!
//! ```sh
//! cargo bench --no-default-features --bench scaling                  # n = 1 MB: 1, 2, 4 MB
//! cargo bench --no-default-features --bench scaling -- --base 250000 --runs 5 --only pinyin
//! cargo bench --no-default-features --bench scaling -- --write DIR   # the 4n articles, for `govkg extract`
//! ```

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::time::{Duration, Instant};

use govkg::extract::extract;
use govkg::ingest::{Body, Format, GivenMeta, RawDoc};
use govkg::lexicon::Lexicon;
use govkg::normalize::normalize;

#[path = "scaling/shapes.rs"]
mod shapes;

struct Args {
    base: usize,
    doublings: u32,
    runs: usize,
    max_ratio: f64,
    only: Option<String>,
    write: Option<std::path::PathBuf>,
}

fn args() -> Args {
    let mut a = Args { base: 1_000_000, doublings: 2, runs: 3, max_ratio: 2.5, only: None, write: None };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--base" => a.base = it.next().and_then(|v| v.parse().ok()).expect("--base BYTES"),
            "--doublings" => a.doublings = it.next().and_then(|v| v.parse().ok()).expect("--doublings N"),
            "--runs" => a.runs = it.next().and_then(|v| v.parse().ok()).expect("--runs N"),
            "--max-ratio" => a.max_ratio = it.next().and_then(|v| v.parse().ok()).expect("--max-ratio R"),
            "--only" => a.only = it.next(),
            "--write" => a.write = it.next().map(Into::into),
            // `cargo bench` passes `--bench`; anything else unknown is ignored too.
            _ => {}
        }
    }
    a
}

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

/// The median time of `runs` runs of normalisation and extraction of `raw`.
fn time(raw: &RawDoc, lex: &Lexicon, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            if let Ok(doc) = normalize(raw) {
                std::hint::black_box(extract(&doc, lex));
            }
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let a = args();
    let lex = Lexicon::builtin();
    // Loads OpenCC and the lexicon's tables before anything is timed.
    time(&raw(shapes::shapes()[0].article(10_000), false), &lex, 1);
    let sizes: Vec<usize> = (0..=a.doublings).map(|k| a.base << k).collect();
    let mut head = "| shape |".to_string();
    let mut rule = "| --- |".to_string();
    for (k, s) in sizes.iter().enumerate() {
        head.push_str(&format!(" {:.2} MB |", *s as f64 / 1e6));
        rule.push_str(" ---: |");
        if k > 0 {
            head.push_str(" ratio |");
            rule.push_str(" ---: |");
        }
    }
    head.push_str(" MB/s at the largest |");
    rule.push_str(" ---: |");
    println!("{head}\n{rule}");
    let mut failed = Vec::new();
    for shape in shapes::shapes() {
        if a.only.as_deref().is_some_and(|o| !shape.name.contains(o)) {
            continue;
        }
        let mut row = format!("| {} |", shape.name);
        let mut prev: Option<Duration> = None;
        let mut last = (0, Duration::ZERO);
        for &size in &sizes {
            let text = shape.article(size);
            let bytes = text.len();
            if let (Some(dir), true) = (&a.write, size == *sizes.last().unwrap()) {
                let ext = if shape.html { "html" } else { "txt" };
                std::fs::create_dir_all(dir).unwrap();
                std::fs::write(dir.join(format!("{}.{ext}", shape.name.replace(' ', "_"))), &text).unwrap();
            }
            let t = time(&raw(text, shape.html), &lex, a.runs);
            row.push_str(&format!(" {:.3} s |", t.as_secs_f64()));
            if let Some(p) = prev {
                let ratio = t.as_secs_f64() / p.as_secs_f64().max(1e-6);
                row.push_str(&format!(" {ratio:.2} |"));
                // Below a few milliseconds the ratio is noise.
                if ratio > a.max_ratio && t > Duration::from_millis(20) {
                    failed.push(format!("{} at {bytes} bytes: ×{ratio:.2}", shape.name));
                }
            }
            prev = Some(t);
            last = (bytes, t);
        }
        row.push_str(&format!(" {:.1} |", last.0 as f64 / 1e6 / last.1.as_secs_f64().max(1e-6)));
        println!("{row}");
    }
    if !failed.is_empty() {
        eprintln!("doublings costing more than ×{}:", a.max_ratio);
        for f in &failed {
            eprintln!("  {f}");
        }
        std::process::exit(1);
    }
}
