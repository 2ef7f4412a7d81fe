#!/usr/bin/env bash
# Runs examples/spark/extract_pipe.py in Spark's local mode on a slice of JSON Lines,
# checks that the N-Quads it writes are exactly what `govkg extract --format nquads`
# gives on the same slice, and, when the binary has a `load` command, loads them into a
# fresh store and checks the quad count.
#
#   examples/spark/run.sh [INPUT.jsonl] [N]
#
# INPUT defaults to the first bulk file in ../shared/corpus/bulk (skipped cleanly when
# absent); N (default 200) is the number of lines taken from it. Needs Java and PySpark:
# set SPARK_VENV (default $HOME/.cache/govkg/spark-venv; created with pip when missing)
# and GOVKG_BIN (default $CARGO_TARGET_DIR/release/govkg, else target/release/govkg).
set -euo pipefail
cd "$(dirname "$0")/../.."
input="${1:-}"
n="${2:-200}"
if [ -z "$input" ]; then
  input=$(ls ../shared/corpus/bulk/*.jsonl 2>/dev/null | head -n1 || true)
  if [ -z "$input" ]; then
    echo "spark example: no input given and ../shared/corpus/bulk not present; skipped"
    exit 0
  fi
fi
GOVKG_BIN="${GOVKG_BIN:-${CARGO_TARGET_DIR:-target}/release/govkg}"
[ -x "$GOVKG_BIN" ] || { echo "spark example: no govkg binary at $GOVKG_BIN (build it, or set GOVKG_BIN)" >&2; exit 2; }
command -v java >/dev/null || { echo "spark example: java not found (scripts/setup.sh --spark installs it)" >&2; exit 2; }
SPARK_VENV="${SPARK_VENV:-$HOME/.cache/govkg/spark-venv}"
if [ ! -x "$SPARK_VENV/bin/spark-submit" ]; then
  python3 -m venv "$SPARK_VENV"
  "$SPARK_VENV/bin/pip" install -q pyspark
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -n "$n" "$input" >"$work/slice.jsonl"
echo "spark example: $(wc -l <"$work/slice.jsonl") articles from $input, govkg $GOVKG_BIN"

export PYSPARK_PYTHON="$SPARK_VENV/bin/python"
"$SPARK_VENV/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
  examples/spark/extract_pipe.py --govkg "$GOVKG_BIN" --input "$work/slice.jsonl" --output "$work/out" \
  --partitions 4 2>"$work/spark.log" || { tail -n 40 "$work/spark.log" >&2; exit 1; }

# Part files in order hold the slice's articles in input order.
cat "$work"/out/part-* >"$work/spark.nq"
# Read from standard input as in Spark, so govkg:sourcePath is "-" in both.
"$GOVKG_BIN" extract --format nquads - <"$work/slice.jsonl" >"$work/direct.nq" 2>/dev/null || [ $? -eq 1 ]
quads=$(wc -l <"$work/spark.nq")
if ! cmp -s "$work/spark.nq" "$work/direct.nq"; then
  echo "spark example: FAILED: Spark's N-Quads ($quads lines) differ from govkg extract's ($(wc -l <"$work/direct.nq") lines)" >&2
  exit 1
fi
echo "spark example: $quads quads, identical to govkg extract --format nquads on the same slice"

if "$GOVKG_BIN" load --help >/dev/null 2>&1; then
  "$GOVKG_BIN" load "$work/spark.nq" --store "$work/store"
  # A store keeps each distinct quad once; its own bookkeeping (the store graph, and
  # the completion marker it adds to each article graph) is left out.
  expected=$(sort -u "$work/spark.nq" | wc -l)
  got=$("$GOVKG_BIN" query --store "$work/store" --format tsv \
    'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/govkg/id/store> && ?p != <https://w3id.org/govkg/ns#complete>) }' |
    tail -n1 | tr -dc '0-9')
  if [ "$got" != "$expected" ]; then
    echo "spark example: FAILED: store holds $got quads, expected $expected" >&2
    exit 1
  fi
  echo "spark example: govkg load stored $got distinct quads"
else
  echo "spark example: this govkg has no load command; loading skipped"
fi
