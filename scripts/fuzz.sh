#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a given time each, one after another.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 900 s, all targets)
#
# Not part of CI. cargo-fuzz needs nightly features; with a stable toolchain they are
# unlocked with RUSTC_BOOTSTRAP=1. Installs cargo-fuzz if it is missing. Builds
# govkg without the on-disk store (no RocksDB). Each target's corpus grows in
# fuzz/corpus/TARGET (not committed), crashes land in fuzz/artifacts/TARGET, and
# the last lines of each run (executions, coverage, crashes) in fuzz/logs/TARGET.log.
# An input that takes longer than 2 s (-timeout=2) is a finding like a crash: the
# targets run without a time budget, so a slow input shows as slow. Runs at a low
# CPU priority (FUZZ_NICE, default 19) so other builds on the machine are not starved.
set -euo pipefail

cd "$(dirname "$0")/../fuzz"
secs="${1:-900}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(decode html extract jsonl)
fi

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$PWD/target}"
mkdir -p logs

# Seed each corpus with the repository's own articles so that fuzzing starts from text
# that reaches deep into the extractors.
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  for f in ../examples/articles/*.txt ../tests/fixtures/*.txt ../tests/fixtures/*.html; do
    [ -f "$f" ] && cp -n "$f" "corpus/$t/" || true
  done
done

nice -n "${FUZZ_NICE:-19}" cargo fuzz build --release --debug-assertions
status=0
for t in "${targets[@]}"; do
  echo "== $t: ${secs}s"
  start=$(date +%s)
  if nice -n "${FUZZ_NICE:-19}" cargo fuzz run --release --debug-assertions "$t" -- \
      -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=2 -print_final_stats=1 \
      >"logs/$t.log" 2>&1; then
    result=ok
  else
    result="FAILED (see fuzz/logs/$t.log and fuzz/artifacts/$t)"
    status=1
  fi
  end=$(date +%s)
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "logs/$t.log" | grep -Eo '[0-9]+$' || echo '?')
  echo "== $t: $result; $runs executions in $((end - start)) s"
done
exit $status
