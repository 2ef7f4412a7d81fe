#!/usr/bin/env bash
# Checks graphs against the SHACL shapes (ontology/shapes.ttl) with pySHACL.
#
#   scripts/shacl.sh               the graph of every sample article and test
#                                  fixture (ingested, reconciled, exported as one
#                                  Turtle graph) must conform, and every
#                                  hand-written graph in tests/shacl/broken must not
#   scripts/shacl.sh --corpus DIR  the graph of every article in DIR must conform
#                                  (skipped, with a note, when DIR is absent)
#
# Exits non-zero if a graph that should conform does not, or a broken graph
# passes; prints the number of violations either way. pySHACL lives in a venv
# under $HOME/.cache/govkg/venv, created here when missing. Uses the release
# binary ($CARGO_TARGET_DIR/release/govkg), building it if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/govkg/target}"
venv="$HOME/.cache/govkg/venv"
pyshacl_version="0.40.1"

corpus=""
if [ "${1:-}" = "--corpus" ]; then
  corpus="${2:?usage: scripts/shacl.sh --corpus DIR}"
  if [ ! -d "$corpus" ]; then
    echo "shacl: $corpus not present: corpus check skipped"
    exit 0
  fi
fi

if ! "$venv/bin/python" -c "import pyshacl" >/dev/null 2>&1; then
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
  fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "pyshacl==$pyshacl_version"
fi

govkg="$CARGO_TARGET_DIR/release/govkg"
[ -x "$govkg" ] || cargo build --release --locked
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

shacl() {
  "$venv/bin/pyshacl" -s ontology/shapes.ttl -sf turtle -df turtle -i none "$1" >"$tmp/report.txt" 2>&1
}

violations() {
  grep -c 'Constraint Violation' "$tmp/report.txt" || true
}

# Ingests the inputs into a fresh store, links them, and checks the union graph.
# Unreadable inputs among the fixtures (binary, empty) are skipped by ingest,
# which then exits 1; anything worse is a failure.
check_store_of() {
  local what=$1
  shift
  rm -rf "$tmp/store"
  local rc=0
  "$govkg" ingest "$@" --store "$tmp/store" >/dev/null 2>"$tmp/ingest.txt" || rc=$?
  if [ "$rc" -gt 1 ]; then
    echo "shacl: FAIL: ingest of $what exited $rc:" >&2
    cat "$tmp/ingest.txt" >&2
    return 1
  fi
  "$govkg" reconcile --store "$tmp/store" >/dev/null 2>&1
  "$govkg" export turtle -o "$tmp/graph.ttl" --store "$tmp/store" 2>/dev/null
  if shacl "$tmp/graph.ttl"; then
    echo "shacl: $what conforms, 0 violations ($(grep -c . "$tmp/graph.ttl") lines of Turtle)"
  else
    echo "shacl: FAIL: $what does not conform, $(violations) violations:" >&2
    head -n 200 "$tmp/report.txt" >&2
    return 1
  fi
}

if [ -n "$corpus" ]; then
  check_store_of "the graph of $corpus" "$corpus"
  exit $?
fi

status=0
# The extraction cases, as JSON Lines records, so that their articles are stored too.
python3 - >"$tmp/cases.jsonl" <<'EOF'
import json, pathlib, tomllib
for path in sorted(pathlib.Path("tests/cases").glob("*.toml")):
    for i, case in enumerate(tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])):
        record = {"id": f"{path.stem}-{i}", "text": case["text"]}
        for field in ("title", "date"):
            if case.get(field):
                record[field] = case[field]
        print(json.dumps(record, ensure_ascii=False))
EOF
check_store_of "the graph of the sample articles and test fixtures" \
  examples/articles tests/fixtures tests/report_fixtures tests/identity/articles tests/identity/homonyms \
  "$tmp/cases.jsonl" || status=1

n=0
for f in tests/shacl/broken/*.ttl; do
  n=$((n + 1))
  rc=0
  shacl "$f" || rc=$?
  if [ "$rc" -eq 1 ]; then
    echo "shacl: $f fails as it should ($(violations) violations)"
  elif [ "$rc" -eq 0 ]; then
    echo "shacl: FAIL: $f conforms, but it is broken on purpose" >&2
    status=1
  else
    echo "shacl: FAIL: $f could not be checked (pyshacl exit $rc):" >&2
    cat "$tmp/report.txt" >&2
    status=1
  fi
done
[ "$n" -gt 0 ] || { echo "shacl: FAIL: no broken graphs in tests/shacl/broken" >&2; status=1; }
exit "$status"
