#!/usr/bin/env bash
# Whole-run throughput: times `govkg extract --format json`, `govkg ingest` into an empty
# store, and beside it the other route to the same store (`extract --format nquads` then
# `load`), on the bulk corpus in ../shared/corpus/bulk (when present; skipped otherwise)
# and on a synthetic corpus from examples/synth, next to the peer pipeline
# ../shared/peers/py_pipeline.py run on the same input in the same session. Prints the
# machine, then one line per measurement: median wall time of RUNS runs, MB/s, MB/s per
# core, ratio to the peer, peak memory (from /usr/bin/time), the ratio of ingest to
# extract + load, and the size of the graph: quads per MB of input, and the store's and
# the N-Quads dump's bytes per input byte.
#
# Environment:
#   RUNS=3             runs per measurement (the median is reported)
#   SYNTH_ARTICLES=20000  size of the synthetic corpus (1k to 1M)
#   GOVKG_BIN=...      govkg binary for extract (default: built here, without RocksDB)
#   GOVKG_INGEST_BIN=... govkg binary with the on-disk store, for ingest
#                      (default: $CARGO_TARGET_DIR/release/govkg as scripts/test.sh builds it;
#                      ingest is skipped when it does not exist)
#   PEER=0             skip the peer pipeline; SKIP_INGEST=1 skip ingest; BULK=0 skip the bulk corpus
#   PEER_VENV          the peer's virtual environment (default $HOME/.cache/govkg/peer-venv)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
SYNTH_ARTICLES="${SYNTH_ARTICLES:-20000}"
PEER="${PEER:-1}"
SKIP_INGEST="${SKIP_INGEST:-0}"
PEER_VENV="${PEER_VENV:-$HOME/.cache/govkg/peer-venv}"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/govkg/target}"
BENCH_TARGET="${BENCH_TARGET_DIR:-$HOME/.cache/govkg/bench-target}"
SHARED=../shared
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${GOVKG_BIN:-}" ]; then
  CARGO_TARGET_DIR="$BENCH_TARGET" cargo build -q --release --no-default-features --bin govkg --example synth
  GOVKG_BIN="$BENCH_TARGET/release/govkg"
  SYNTH_BIN="$BENCH_TARGET/release/examples/synth"
else
  CARGO_TARGET_DIR="$BENCH_TARGET" cargo build -q --release --no-default-features --example synth
  SYNTH_BIN="$BENCH_TARGET/release/examples/synth"
fi
GOVKG_INGEST_BIN="${GOVKG_INGEST_BIN:-$CARGO_TARGET_DIR/release/govkg}"

cores=$(nproc)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "machine: $cores cores, $cpu, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "govkg: $("$GOVKG_BIN" --version) ($GOVKG_BIN); runs: $RUNS (median)"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# Runs "$@" RUNS times; sets $wall (median seconds), $cpu_s (median user+sys) and $rss (max KiB).
measure() {
  local walls=() cpus=() r=0 i
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || true
    # On a non-zero exit, time writes a line about it first; the figures are last.
    read -r w u s m < <(tail -n1 "$work/time")
    walls+=("$w")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')")
    [ "$m" -gt "$r" ] && r=$m
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  cpu_s=$(printf '%s\n' "${cpus[@]}" | median)
  rss=$r
}

peer_ready() {
  [ "$PEER" = 1 ] && [ -f "$SHARED/peers/py_pipeline.py" ] || return 1
  if [ ! -x "$PEER_VENV/bin/python" ]; then
    echo "setting up the peer's venv in $PEER_VENV" >&2
    python3 -m venv "$PEER_VENV" && "$PEER_VENV/bin/pip" install -q jieba rdflib networkx opencc-python-reimplemented >&2 || return 1
  fi
}

# bench NAME FILE...: extract, ingest and the peer on the same files.
bench() {
  local name=$1
  shift
  local bytes mb
  bytes=$(cat "$@" | wc -c)
  mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}')
  echo
  echo "== $name: $# file(s), $mb MB, $(cat "$@" | wc -l) articles"
  local peer_rate=""
  if peer_ready; then
    local saved=$RUNS
    RUNS="${PEER_RUNS:-1}"
    measure "$PEER_VENV/bin/python" "$SHARED/peers/py_pipeline.py" "$@"
    RUNS=$saved
    peer_rate=$(awk -v b="$bytes" -v t="$wall" 'BEGIN {printf "%.3f", b / t / 1e6}')
    printf '%-34s %8.2f s  %8.2f MB/s  %6.2f MB/s per core (1 core)  peak %5d MiB\n' \
      "peer py_pipeline.py" "$wall" "$peer_rate" "$peer_rate" $((rss / 1024))
  else
    echo "peer: skipped (PEER=0, or ../shared/peers absent, or its venv could not be made)"
  fi
  measure "$GOVKG_BIN" extract --format json "$@"
  local rate per cpu_rate ratio
  rate=$(awk -v b="$bytes" -v t="$wall" 'BEGIN {printf "%.2f", b / t / 1e6}')
  per=$(awk -v r="$rate" -v c="$cores" 'BEGIN {printf "%.2f", r / c}')
  cpu_rate=$(awk -v b="$bytes" -v t="$cpu_s" 'BEGIN {printf "%.2f", b / t / 1e6}')
  ratio=$([ -n "$peer_rate" ] && awk -v a="$rate" -v b="$peer_rate" 'BEGIN {printf "%.1fx peer", a / b}' || echo "no peer")
  printf '%-34s %8.2f s  %8.2f MB/s  %6.2f MB/s per core (%d cores)  %6.2f MB per CPU-second  %s  peak %5d MiB\n' \
    "govkg extract --format json" "$wall" "$rate" "$per" "$cores" "$cpu_rate" "$ratio" $((rss / 1024))
  if [ "$SKIP_INGEST" = 1 ] || [ ! -x "$GOVKG_INGEST_BIN" ]; then
    echo "govkg ingest: skipped (SKIP_INGEST=1, or no binary with the on-disk store at $GOVKG_INGEST_BIN)"
    return
  fi
  # Ingest into an empty store, then the other route to the same store: extract to
  # N-Quads and bulk-load them. Each run starts from an empty store (a second ingest
  # into the same store would find every article unchanged).
  local ingest_walls=() route_walls=() ingest_rss=0 load_rss=0 nq_bytes=0 store_bytes=0 quads="" i
  for ((i = 0; i < RUNS; i++)); do
    rm -rf "$work/store"
    /usr/bin/time -f '%e %M' -o "$work/time" "$GOVKG_INGEST_BIN" ingest --store "$work/store" "$@" >/dev/null 2>"$work/err" || true
    read -r w m < <(tail -n1 "$work/time")
    ingest_walls+=("$w")
    [ "$m" -gt "$ingest_rss" ] && ingest_rss=$m
    store_bytes=$(du -sb "$work/store" | cut -f1)
    quads=$(tail -n1 "$work/err" | sed -n 's/.* \([0-9]*\) quads$/\1/p')
    rm -rf "$work/store"
    /usr/bin/time -f '%e %M' -o "$work/time" "$GOVKG_INGEST_BIN" extract --format nquads "$@" >"$work/all.nq" 2>/dev/null || true
    read -r we _ < <(tail -n1 "$work/time")
    nq_bytes=$(wc -c <"$work/all.nq")
    /usr/bin/time -f '%e %M' -o "$work/time" "$GOVKG_INGEST_BIN" load --store "$work/store" "$work/all.nq" >/dev/null 2>&1 || true
    read -r wl m < <(tail -n1 "$work/time")
    [ "$m" -gt "$load_rss" ] && load_rss=$m
    route_walls+=("$(awk -v a="$we" -v b="$wl" 'BEGIN {print a + b}')")
    rm -rf "$work/store" "$work/all.nq"
  done
  local iw rw
  iw=$(printf '%s\n' "${ingest_walls[@]}" | median)
  rw=$(printf '%s\n' "${route_walls[@]}" | median)
  rate=$(awk -v b="$bytes" -v t="$iw" 'BEGIN {printf "%.2f", b / t / 1e6}')
  ratio=$([ -n "$peer_rate" ] && awk -v a="$rate" -v b="$peer_rate" 'BEGIN {printf "%.1fx peer", a / b}' || echo "no peer")
  printf '%-34s %8.2f s  %8.2f MB/s  %6.2f MB/s per core (%d cores)  %s  peak %5d MiB\n' \
    "govkg ingest (RocksDB store)" "$iw" "$rate" "$(awk -v r="$rate" -v c="$cores" 'BEGIN {printf "%.2f", r / c}')" \
    "$cores" "$ratio" $((ingest_rss / 1024))
  printf '%-34s %8.2f s  ingest / (extract + load) = %.2f  load peak %5d MiB\n' \
    "govkg extract --format nquads + load" "$rw" "$(awk -v a="$iw" -v b="$rw" 'BEGIN {print a / b}')" $((load_rss / 1024))
  printf '%-34s %s quads, %.0f quads per MB of input; store %.2fx the input bytes, N-Quads %.2fx\n' \
    "graph size" "${quads:-?}" "$(awk -v q="${quads:-0}" -v b="$bytes" 'BEGIN {print q / (b / 1e6)}')" \
    "$(awk -v s="$store_bytes" -v b="$bytes" 'BEGIN {print s / b}')" "$(awk -v s="$nq_bytes" -v b="$bytes" 'BEGIN {print s / b}')"
}

if [ "${BULK:-1}" = 1 ] && compgen -G "$SHARED/corpus/bulk/*.jsonl" >/dev/null; then
  bench "bulk corpus (../shared/corpus/bulk)" "$SHARED"/corpus/bulk/*.jsonl
else
  echo
  echo "== bulk corpus: skipped (BULK=0, or ../shared/corpus/bulk not present)"
fi

"$SYNTH_BIN" --articles "$SYNTH_ARTICLES" --seed 1 -o "$work/synth.jsonl"
bench "synthetic corpus (examples/synth --articles $SYNTH_ARTICLES --seed 1)" "$work/synth.jsonl"
