//! The `govkg` command line: argument parsing, output and exit codes. All work
//! is done by the library; this file only wires it to a terminal.

mod cli;

use std::process::ExitCode;

/// The articles of a run are normalised and extracted on every core at once, each
/// building and dropping many small strings and vectors; mimalloc serves those from
/// per-thread pages instead of the system allocator's shared arenas, which spent a
/// tenth of the run in `realloc` and the kernel. The `override` feature makes it
/// the C allocator too, so that memory RocksDB allocates and Rust frees (an error
/// message handed up from the store) comes from the same heap.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`govkg extract … | head`) is not an error.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("govkg: {}", message(&err));
            ExitCode::from(cli::EXIT_FAILED)
        }
    }
}

/// The error and its causes on one line, each cause once: the library's errors
/// name their cause in their own message (`PATH: reason`), so a cause that the
/// line already ends with is not repeated.
fn message(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for e in err.chain() {
        let part = e.to_string();
        if line.ends_with(&part) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&part);
    }
    line
}
