#!/bin/sh
# The people layer on the bulk corpus: QID share, a sample to check by hand,
# and the gap between spells and Wikidata's start dates (scripts/people_eval.py).
# Needs ../shared (the corpus and the reference data); without it, says so and
# stops. Builds the store once in $WORK (default /tmp/govkg-people), then reconciles.
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
if [ ! -d "$SHARED/corpus/bulk" ] || [ ! -d "$SHARED/reference/officials" ]; then
    echo "people_eval: $SHARED/corpus/bulk or $SHARED/reference/officials not found; skipping"
    exit 0
fi
WORK=${WORK:-/tmp/govkg-people}
GOVKG=${GOVKG:-target/release/govkg}
mkdir -p "$WORK"
if [ ! -x "$GOVKG" ]; then
    nice cargo build --release --locked
fi
if [ ! -d "$WORK/store" ]; then
    "$GOVKG" extract --format nquads "$SHARED"/corpus/bulk/*.jsonl > "$WORK/bulk.nq"
    "$GOVKG" load "$WORK/bulk.nq" --store "$WORK/store"
    rm -f "$WORK/bulk.nq"
fi
"$GOVKG" reconcile --store "$WORK/store" --reference "$SHARED/reference/officials"
python3 scripts/people_eval.py "$GOVKG" "$WORK/store" "$SHARED/reference/officials"
