#!/usr/bin/env bash
# Store loading: times `govkg load` of an N-Quads file into an empty store next to
# pyoxigraph's `Store.bulk_load` of the same file, in the same session, and `govkg
# ingest` (one transaction per article) of the articles the file came from.
#
# The N-Quads come from `govkg extract --format nquads` over the bulk corpus in
# ../shared/corpus/bulk (when present), else over a synthetic corpus from
# examples/synth. Both loaders run with the same thread count and the same batch
# size: Oxigraph's bulk loader keeps `memory-MB × 1000 / threads` quads per batch,
# and pyoxigraph, which exposes neither setting, uses every core and a batch of
# 1,000,000 quads, which is what `govkg load --threads 2 --memory-mb 2000` gives
# on two cores. Prints the machine, then per loader the wall time, quads/s, the
# ratio to pyoxigraph and the peak memory (from /usr/bin/time).
#
# Environment:
#   GOVKG_BIN=...        govkg with the on-disk store (default: $CARGO_TARGET_DIR/release/govkg,
#                        as scripts/test.sh builds it)
#   ITEMS=N              only the first N articles of each input file (default: all)
#   SYNTH_ARTICLES=20000 size of the synthetic corpus when the bulk corpus is absent
#   SKIP_INGEST=1        leave out the transactional ingest
#   PYOX_VENV            pyoxigraph's virtual environment (default $HOME/.cache/govkg/pyox-venv)
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/govkg/target}"
GOVKG_BIN="${GOVKG_BIN:-$CARGO_TARGET_DIR/release/govkg}"
PYOX_VENV="${PYOX_VENV:-$HOME/.cache/govkg/pyox-venv}"
SYNTH_ARTICLES="${SYNTH_ARTICLES:-20000}"
SHARED=../shared
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x "$GOVKG_BIN" ] || { echo "load.sh: no govkg with the on-disk store at $GOVKG_BIN (run scripts/test.sh)" >&2; exit 2; }
cores=$(nproc)
threads=$cores
# pyoxigraph's batch is 1,000,000 quads; the same batch in govkg's terms.
memory_mb=$((threads * 1000))

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "machine: $cores cores, $cpu, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"

oxi_version=$(awk '/^name = "oxigraph"$/ {getline; gsub(/[^0-9.]/, ""); print}' Cargo.lock)
if [ ! -x "$PYOX_VENV/bin/python" ] || ! "$PYOX_VENV/bin/python" -c "import pyoxigraph" 2>/dev/null; then
  echo "setting up pyoxigraph $oxi_version in $PYOX_VENV" >&2
  python3 -m venv "$PYOX_VENV"
  "$PYOX_VENV/bin/pip" install -q "pyoxigraph==$oxi_version"
fi
echo "govkg: $("$GOVKG_BIN" --version); pyoxigraph $("$PYOX_VENV/bin/python" -c 'import pyoxigraph; print(pyoxigraph.__version__)')"

inputs=()
if compgen -G "$SHARED/corpus/bulk/*.jsonl" >/dev/null; then
  for f in "$SHARED"/corpus/bulk/*.jsonl; do
    if [ -n "${ITEMS:-}" ]; then
      head -n "$ITEMS" "$f" >"$work/$(basename "$f")"
      inputs+=("$work/$(basename "$f")")
    else
      inputs+=("$f")
    fi
  done
  what="bulk corpus (../shared/corpus/bulk${ITEMS:+, first $ITEMS articles of each file})"
else
  cargo run -q --release --no-default-features --example synth -- --articles "$SYNTH_ARTICLES" --seed 1 -o "$work/synth.jsonl"
  inputs=("$work/synth.jsonl")
  what="synthetic corpus (examples/synth --articles $SYNTH_ARTICLES --seed 1), ../shared absent"
fi

"$GOVKG_BIN" extract --format nquads "${inputs[@]}" >"$work/all.nq" 2>"$work/extract.err" || true
quads=$(wc -l <"$work/all.nq")
echo
echo "== $what: $(cat "${inputs[@]}" | wc -l) articles, $quads quads, $(du -m "$work/all.nq" | cut -f1) MB of N-Quads"

# run LABEL CMD...: one timed run; sets $wall and $rss (MiB).
run() {
  local label=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || { echo "$label failed:" >&2; tail -n5 "$work/err" >&2; exit 1; }
  read -r wall rss < <(tail -n1 "$work/time")
  rss=$((rss / 1024))
}

rm -rf "$work/py-store"
cat >"$work/pyload.py" <<'EOF'
import sys
from pyoxigraph import RdfFormat, Store
store = Store(sys.argv[1])
store.bulk_load(path=sys.argv[2], format=RdfFormat.N_QUADS)
store.flush()
print(len(store), file=sys.stderr)
EOF
run "pyoxigraph" "$PYOX_VENV/bin/python" "$work/pyload.py" "$work/py-store" "$work/all.nq"
py_wall=$wall
py_rate=$(awk -v q="$quads" -v t="$wall" 'BEGIN {printf "%.0f", q / t}')
printf '%-44s %8.2f s  %9s quads/s  %6s  peak %5d MiB\n' "pyoxigraph Store.bulk_load" "$wall" "$py_rate" "1.00x" "$rss"

rm -rf "$work/store"
run "govkg load" "$GOVKG_BIN" load "$work/all.nq" --store "$work/store" --threads "$threads" --memory-mb "$memory_mb"
rate=$(awk -v q="$quads" -v t="$wall" 'BEGIN {printf "%.0f", q / t}')
printf '%-44s %8.2f s  %9s quads/s  %5.2fx  peak %5d MiB\n' \
  "govkg load --threads $threads --memory-mb $memory_mb" "$wall" "$rate" "$(awk -v a="$py_wall" -v b="$wall" 'BEGIN {print a / b}')" "$rss"

if [ "${SKIP_INGEST:-0}" != 1 ]; then
  rm -rf "$work/store"
  run "govkg ingest" "$GOVKG_BIN" ingest --store "$work/store" "${inputs[@]}"
  rate=$(awk -v q="$quads" -v t="$wall" 'BEGIN {printf "%.0f", q / t}')
  printf '%-44s %8.2f s  %9s quads/s  %5.2fx  peak %5d MiB  (extracts too)\n' \
    "govkg ingest (a transaction per article)" "$wall" "$rate" "$(awk -v a="$py_wall" -v b="$wall" 'BEGIN {print a / b}')" "$rss"
fi
