//! The `govkg` command line: argument parsing, output and exit codes. All work
//! is done by the library; this file only wires it to a terminal.

mod cli;

use std::process::ExitCode;

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
            eprintln!("govkg: {err:#}");
            ExitCode::from(cli::EXIT_FAILED)
        }
    }
}
