//! Synthetic corpus generator: JSON Lines articles in the style of government news.
//!
//! Takes a number of articles and a seed. Gives one JSON object a line (`id`, `date`,
//! `title`, `text`), the same bytes for the same arguments on every machine. Never reads
//! real news: the sentences are templates written for this generator, and the names are
//! made up from the surname and post lists in `data/` plus given-name characters chosen
//! here. It exists to measure throughput at any size (`benches/run.sh`).
//!
//! The world: `--people` people (default 20,000) who each belong to one of `--bodies`
//! bodies (default 500) and hold a post there; `--meetings` meetings (default 100,000),
//! each held by one body on one day, with 3 to 40 people present (mean about 12). Who
//! attends is drawn from a Zipf law over the people, so a few are at many meetings and
//! most at few, as in real reporting. Article `i` reports meeting `i mod meetings`; with
//! more articles than meetings, later articles report the same meetings in other words.
//!
//! ```sh
//! cargo run --release --example synth -- --articles 20000 --seed 1 -o synth.jsonl
//! ```

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::Parser;

mod world;

/// Generates a synthetic corpus of government-news articles as JSON Lines.
#[derive(Parser)]
struct Args {
    /// Number of articles (1 to 1,000,000 or more).
    #[arg(long, default_value_t = 20_000)]
    articles: usize,
    /// Seed: the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Number of people.
    #[arg(long, default_value_t = 20_000)]
    people: usize,
    /// Number of bodies (government and party organs).
    #[arg(long, default_value_t = 500)]
    bodies: usize,
    /// Number of distinct meetings.
    #[arg(long, default_value_t = 100_000)]
    meetings: usize,
    /// Output file [default: standard output].
    #[arg(short, long)]
    output: Option<PathBuf>,
}

fn main() -> io::Result<()> {
    let args = Args::parse();
    if args.people == 0 || args.bodies == 0 || args.meetings == 0 {
        eprintln!("synth: --people, --bodies and --meetings must be at least 1");
        std::process::exit(2);
    }
    let config = world::Config { people: args.people, bodies: args.bodies, meetings: args.meetings };
    let world = world::World::new(&config, args.seed);
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(File::create(p)?),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    for i in 0..args.articles {
        writeln!(out, "{}", world::article(&world, args.seed, i))?;
    }
    out.flush()
}
