#!/usr/bin/env bash
# The test command: sets up the machine, then runs every test once in the
# release profile, so RocksDB is compiled a single time and the integration
# tests drive the same optimised binary users get.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/govkg/target}"
cargo test --release --locked
