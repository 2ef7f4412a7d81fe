//! The store's life cycle on the command line: open, remove, load, export dumps.
//!
//! Takes store paths, keys and dump files. Prints what was done on standard
//! error (and a dump on standard output when no file is given). Opening reports
//! the half-written articles an interrupted bulk load left, which the store
//! drops. Never extracts.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use govkg::kg::{LoadMode, Store};
use oxigraph::io::RdfFormat;

use super::{EXIT_OK, EXIT_SKIPPED, StoreArg};

fn report_purged(store: &Store) {
    let n = store.purged();
    if n > 0 {
        eprintln!(
            "govkg: warning: {}: an interrupted bulk load left {n} articles half-written; they were dropped",
            store.path()
        );
    }
}

/// Opens (creating if needed) the store for writing.
pub fn open_write(path: &Path) -> Result<Store> {
    let store = Store::open(path)?;
    report_purged(&store);
    Ok(store)
}

/// Opens an existing store (taking the writer's lock, so a busy store is reported).
pub fn open_read(path: &Path) -> Result<Store> {
    let store = Store::open_read_only(path)?;
    report_purged(&store);
    Ok(store)
}

/// `govkg remove KEY...`.
pub fn remove(keys: &[String], path: &Path) -> Result<ExitCode> {
    let store = open_read(path)?;
    let mut removed = 0usize;
    let mut missing = 0usize;
    for key in keys {
        if store.remove_article(key)? {
            removed += 1;
        } else {
            missing += 1;
            eprintln!("govkg: {key}: no article with this key in {}", store.path());
        }
    }
    store.flush()?;
    eprintln!(
        "govkg: {removed} articles removed; store {} holds {} articles, {} quads",
        store.path(),
        store.articles()?,
        store.len()?
    );
    if removed > 0 {
        super::network::refresh_cache(&store, path);
    }
    Ok(ExitCode::from(if missing == 0 { EXIT_OK } else { EXIT_SKIPPED }))
}

/// Arguments of `govkg load`.
#[derive(clap::Args)]
pub struct LoadArgs {
    /// An N-Quads (.nq) or TriG (.trig) file, or - for N-Quads on standard input.
    file: PathBuf,
    /// Threads for the bulk loader [default: the number of cores].
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// A rough cap on the bulk loader's memory, in megabytes (RocksDB's own caches come on top).
    #[arg(long, value_name = "M", default_value_t = 1024)]
    memory_mb: usize,
    /// Use the bulk loader even though the store already holds articles (not atomic:
    /// articles a crash leaves half-written are dropped on the next open).
    #[arg(long)]
    non_atomic: bool,
    #[command(flatten)]
    store: StoreArg,
}

fn format_of(path: &Path) -> Result<RdfFormat> {
    if path.as_os_str() == "-" {
        return Ok(RdfFormat::NQuads);
    }
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("nq" | "nquads") => Ok(RdfFormat::NQuads),
        Some("trig") => Ok(RdfFormat::TriG),
        _ => {
            bail!("{}: give an N-Quads (.nq) or TriG (.trig) file; other formats have no named graphs", path.display())
        }
    }
}

/// `govkg load FILE`.
pub fn load(args: &LoadArgs) -> Result<ExitCode> {
    let format = format_of(&args.file)?;
    let shown = args.file.display().to_string();
    let reader: Box<dyn Read> = if args.file.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(&args.file).with_context(|| shown.clone())?)
    };
    let hook = super::abort::AbortAt::from_env()?;
    let store = open_write(&args.store.path())?;
    hook.reach("opened");
    let before = store.articles()?;
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)).max(1);
    let mode = if before == 0 || args.non_atomic {
        eprintln!(
            "govkg: loading {shown} with the bulk loader: {threads} threads, memory cap {} MB (not atomic; an interrupted load is cleaned up on the next open)",
            args.memory_mb
        );
        LoadMode::Bulk { threads, memory_mb: args.memory_mb }
    } else {
        eprintln!(
            "govkg: loading {shown} one transaction per article (the store holds {before} articles; --non-atomic for the bulk loader)"
        );
        LoadMode::Transactions
    };
    let start = Instant::now();
    let loaded = store.load(BufReader::with_capacity(1 << 20, reader), format, mode).with_context(|| shown.clone())?;
    hook.reach("before-flush");
    store.flush()?;
    hook.reach("after-flush");
    let secs = start.elapsed().as_secs_f64();
    let rate = if secs > 0.0 { loaded.quads as f64 / secs } else { 0.0 };
    if loaded.passed_over > 0 {
        eprintln!(
            "govkg: {shown}: {} quads outside article graphs (default graph, store metadata) passed over",
            loaded.passed_over
        );
    }
    eprintln!(
        "govkg: loaded {} quads in {} article graphs in {secs:.2} s ({rate:.0} quads/s); store {} holds {} articles, {} quads",
        loaded.quads,
        loaded.articles,
        store.path(),
        store.articles()?,
        store.len()?
    );
    if loaded.quads > 0 {
        super::network::refresh_cache(&store, &args.store.path());
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// Arguments of `govkg export nquads|trig|turtle`.
#[derive(clap::Args)]
pub struct DumpArgs {
    /// Output file [default: standard output].
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    store: StoreArg,
}

/// `govkg export nquads|trig|turtle`: N-Quads and TriG keep the article graphs,
/// Turtle writes their union.
pub fn export(args: &DumpArgs, format: RdfFormat) -> Result<ExitCode> {
    let store = open_read(&args.store.path())?;
    let dump = |w: Box<dyn Write>| -> Result<()> {
        let mut w =
            if format.supports_datasets() { store.dump_dataset(format, w)? } else { store.dump_union(format, w)? };
        w.flush()?;
        Ok(())
    };
    match &args.output {
        Some(path) => {
            let f = File::create(path).with_context(|| path.display().to_string())?;
            dump(Box::new(BufWriter::new(f))).with_context(|| path.display().to_string())?;
            eprintln!(
                "govkg: wrote {} ({} articles, {} quads in the store)",
                path.display(),
                store.articles()?,
                store.len()?
            );
        }
        None => dump(Box::new(BufWriter::new(io::stdout().lock())))?,
    }
    Ok(ExitCode::from(EXIT_OK))
}
