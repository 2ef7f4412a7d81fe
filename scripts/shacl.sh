#!/usr/bin/env bash
# Checks graphs against the SHACL shapes (ontology/shapes.ttl) with pySHACL:
# the sample graph (examples/articles ingested, exported as one Turtle graph)
# must conform, and every hand-written graph in tests/shacl/broken must not.
# Exits non-zero if the sample fails or a broken graph passes. pySHACL lives in
# a venv under $HOME/.cache/govkg/venv, created here when missing. Uses the
# release binary ($CARGO_TARGET_DIR/release/govkg), building it if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/govkg/target}"
venv="$HOME/.cache/govkg/venv"
pyshacl_version="0.40.1"

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

status=0
"$govkg" ingest examples/articles --store "$tmp/store" 2>/dev/null
"$govkg" export turtle -o "$tmp/sample.ttl" --store "$tmp/store" 2>/dev/null
if shacl "$tmp/sample.ttl"; then
  echo "shacl: sample graph conforms ($(grep -c . "$tmp/sample.ttl") lines of Turtle)"
else
  echo "shacl: FAIL: the sample graph does not conform:" >&2
  cat "$tmp/report.txt" >&2
  status=1
fi

n=0
for f in tests/shacl/broken/*.ttl; do
  n=$((n + 1))
  rc=0
  shacl "$f" || rc=$?
  if [ "$rc" -eq 1 ]; then
    echo "shacl: $f fails as it should ($(grep -c 'Constraint Violation' "$tmp/report.txt") violations)"
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
