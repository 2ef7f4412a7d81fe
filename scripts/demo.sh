#!/usr/bin/env bash
# The main job on the sample articles: build, ingest examples/articles into an
# embedded store, and print who attended meetings with the city's Party secretary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/govkg/target}"
cargo build --release --locked
govkg="$CARGO_TARGET_DIR/release/govkg"
store="${GOVKG_STORE:-target-demo/govkg-store}"
mkdir -p "$(dirname "$store")"
"$govkg" ingest examples/articles --store "$store"
echo
"$govkg" report with 沈景行 --store "$store"
"$govkg" export graphml -o "$(dirname "$store")/coattendance.graphml" --store "$store"
