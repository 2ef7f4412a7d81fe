#!/usr/bin/env bash
# Checks the SHACL shapes on a store of every article of the shared corpus
# (../shared/corpus/articles, or the folder given), which must conform with no
# violation. Skips cleanly when the folder is not there.
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/shacl.sh --corpus "${1:-../shared/corpus/articles}"
