#!/usr/bin/env bash
# Report latency on a large store: builds a store from the whole bulk corpus in
# ../shared/corpus/bulk (or, when it is absent, from a synthetic corpus made by
# examples/synth), by `govkg extract --format nquads` and `govkg load`, runs
# `govkg reconcile`, then times every report and an export: once with the caches
# in the store directory removed (cold: the command reads the store and writes the
# cache files it needs), then RUNS times with them (warm, the median reported).
# Prints the machine, the store's size and one line per command.
#
# Environment:
#   GOVKG_BIN=...        govkg with the on-disk store (default: $CARGO_TARGET_DIR/release/govkg)
#   STORE=DIR            reuse a store built by an earlier run (kept when given)
#   RUNS=3               runs per command (the median is reported)
#   SYNTH_ARTICLES=20000 size of the synthetic corpus when the bulk corpus is absent
#   BULK=0               use the synthetic corpus even when the bulk corpus is there
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/govkg/target}"
GOVKG_BIN="${GOVKG_BIN:-$CARGO_TARGET_DIR/release/govkg}"
RUNS="${RUNS:-3}"
SYNTH_ARTICLES="${SYNTH_ARTICLES:-20000}"
BULK="${BULK:-1}"
SHARED=../shared
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x "$GOVKG_BIN" ] || { echo "reports.sh: no govkg with the on-disk store at $GOVKG_BIN (run scripts/test.sh)" >&2; exit 2; }

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "machine: $(nproc) cores, $cpu, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "govkg: $("$GOVKG_BIN" --version); runs: $RUNS (median)"

store="${STORE:-$work/store}"
if [ ! -d "$store" ]; then
  if [ "$BULK" != 0 ] && compgen -G "$SHARED/corpus/bulk/*.jsonl" >/dev/null; then
    inputs=("$SHARED"/corpus/bulk/*.jsonl)
    echo "building a store from the bulk corpus (../shared/corpus/bulk)"
  else
    cargo run -q --release --no-default-features --example synth -- --articles "$SYNTH_ARTICLES" --seed 1 -o "$work/synth.jsonl"
    inputs=("$work/synth.jsonl")
    echo "building a store from a synthetic corpus ($SYNTH_ARTICLES articles)"
  fi
  "$GOVKG_BIN" extract --format nquads "${inputs[@]}" >"$work/all.nq" 2>/dev/null || true
  "$GOVKG_BIN" load "$work/all.nq" --store "$store" 2>&1 | tail -n1
  rm -f "$work/all.nq"
  "$GOVKG_BIN" reconcile --store "$store" 2>&1 | tail -n1
fi
"$GOVKG_BIN" report stats --store "$store" --format tsv | tr '\n' ' '
echo

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# time_it LABEL ARGS...: wall time of govkg ARGS with no cache files, then the
# median wall time of RUNS runs with the files that run wrote.
time_it() {
  local label=$1 walls=() i cold
  shift
  rm -f "$store"/govkg-*.cache
  /usr/bin/time -f '%e %M' -o "$work/time" "$GOVKG_BIN" "$@" >/dev/null 2>"$work/err" || true
  cold=$(tail -n1 "$work/time" | cut -d' ' -f1)
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$GOVKG_BIN" "$@" >/dev/null 2>"$work/err" || true
    walls+=("$(tail -n1 "$work/time" | cut -d' ' -f1)")
  done
  printf '%-36s cold %6.2f s  warm %6.2f s  peak %5d MiB  %s\n' "$label" "$cold" "$(printf '%s\n' "${walls[@]}" | median)" \
    $(($(tail -n1 "$work/time" | cut -d' ' -f2) / 1024)) "$(grep -m1 -v '^govkg: wrote' "$work/err" | cut -c1-80 || true)"
}

# The most present person and a meeting name to ask about.
who=$("$GOVKG_BIN" report central --metric meetings --top 1 --store "$store" --format tsv | awk -F'\t' 'NR == 2 {print $2}')
meeting=$("$GOVKG_BIN" query --store "$store" --format tsv \
  'PREFIX g: <https://w3id.org/govkg/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l WHERE { ?m a g:Meeting ; rdfs:label ?l ; g:canonical ?c } ORDER BY ?l LIMIT 1' |
  awk 'NR == 2' | sed 's/^"//; s/"$//')
echo "asking about: $who; meeting: ${meeting:-none}"

time_it "export graphml" export graphml -o "$work/net.graphml" --store "$store"
time_it "report with $who" report with "$who" --store "$store"
time_it "report pairs" report pairs --store "$store"
time_it "report person $who" report person "$who" --store "$store"
time_it "report meeting ${meeting:0:12}" report meeting "${meeting:-会议}" --store "$store"
time_it "report central (weighted degree)" report central --store "$store"
time_it "report central --metric pagerank" report central --metric pagerank --store "$store"
time_it "report homonyms" report homonyms --store "$store"
time_it "report coverage" report coverage --store "$store"
time_it "report stats" report stats --store "$store"
time_it "export facts" export facts -o "$work/facts.csv" --store "$store"
