#!/usr/bin/env bash
# Exports networks of the sample articles and the test fixtures (and of
# ../shared/seeds, where that folder exists: it is on our machines and CI, not
# in the repository) with the release binary, and checks them with networkx and
# igraph (scripts/check_exports.py). The Python packages go into a venv under
# $HOME/.cache/govkg/venv, created and filled here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-$HOME/.cache/govkg/target}"
bin="${GOVKG_BIN:-$target/release/govkg}"
[ -x "$bin" ] || { echo "check_exports: $bin not built (run scripts/test.sh first)" >&2; exit 2; }

venv="$HOME/.cache/govkg/venv"
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$venv"
  fi
fi
if ! "$venv/bin/python" -c "import networkx, igraph" 2>/dev/null; then
  "$venv/bin/pip" install -q --disable-pip-version-check networkx igraph
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ingest NAME INPUT...: a fresh store of INPUT (skipped inputs, exit 1, are expected in fixtures).
ingest() {
  local name=$1; shift
  local rc=0
  "$bin" ingest "$@" --store "$tmp/$name.store" 2>"$tmp/$name.ingest.log" || rc=$?
  [ "$rc" -le 1 ] || { cat "$tmp/$name.ingest.log" >&2; exit 2; }
}

# export STORE CASE [OPTIONS...]: GraphML, GEXF and CSV of one network into $tmp/CASE.
export_case() {
  local store=$1 case=$2; shift 2
  local d="$tmp/cases/$case"
  mkdir -p "$d"
  "$bin" export graphml --store "$tmp/$store.store" -o "$d/net.graphml" "$@"
  "$bin" export gexf --store "$tmp/$store.store" -o "$d/net.gexf" "$@"
  "$bin" export csv --store "$tmp/$store.store" -o "$d/csv" --edge-meetings "$@"
  dirs+=("$d")
}

dirs=()
ingest sample examples/articles
export_case sample sample
export_case sample sample-newman-nochairs --weight newman --exclude-roles chair
export_case sample sample-jaccard-spring --weight jaccard --from 2024-03-01 --to 2024-04-30
export_case sample sample-bipartite --network bipartite
export_case sample sample-sampled --samples 5 --exact-work 0
ingest fixtures tests/fixtures
export_case fixtures fixtures
if [ -d ../shared/seeds ]; then
  ingest seeds ../shared/seeds
  export_case seeds seeds
  printf 'nodes 25\nedges 156\ncomponents 2\n' > "$tmp/cases/seeds/expect.txt"
else
  echo "check_exports: ../shared/seeds not present: seed network check skipped"
fi
"$venv/bin/python" scripts/check_exports.py "${dirs[@]}"
