//! `govkg serve`: the store as a read-only SPARQL endpoint.
//!
//! Takes the store path and the endpoint's limits. Opens the store (holding its
//! lock, so writers are told it is busy while the endpoint runs), prints where
//! it listens, and serves until stopped. Never writes to the store.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use govkg::serve::{self, Limits};

use super::StoreArg;

/// Arguments of `govkg serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on; another address than 127.0.0.1 exposes the store to the network.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:7878")]
    bind: SocketAddr,
    /// Stop a query that runs longer than this many seconds (503).
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    timeout: u64,
    /// Return at most this many solutions or triples; a cut result carries the X-SPARQL-MaxRows header.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    max_rows: usize,
    /// Serve at most this many connections at once.
    #[arg(long, value_name = "N", default_value_t = 16)]
    max_connections: usize,
    #[command(flatten)]
    store: StoreArg,
}

/// Serves until the process is stopped.
pub fn run(args: &ServeArgs) -> Result<ExitCode> {
    let store = super::lifecycle::open_read(&args.store.path())?;
    let shown = store.path().to_string();
    let (articles, quads) = (store.articles()?, store.len()?);
    let limits = Limits {
        timeout: Duration::from_secs(args.timeout.max(1)),
        max_rows: args.max_rows,
        max_connections: args.max_connections,
    };
    let server = serve::spawn(store, args.bind, limits).with_context(|| format!("listening on {}", args.bind))?;
    eprintln!(
        "govkg: serving {shown} ({articles} articles, {quads} quads) read-only at http://{}/query (timeout {} s, at most {} rows, {} connections)",
        args.bind, args.timeout, args.max_rows, args.max_connections
    );
    server.join().context("the server stopped")?;
    Ok(ExitCode::SUCCESS)
}
