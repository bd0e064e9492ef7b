#!/usr/bin/env bash
# Builds the release dist/ and writes docs/BENCHMARKS.md (not part of the tests).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
# Pyodide, the benchmark's own baseline, from bench/package.json.
if [ ! -d bench/node_modules/pyodide ]; then
  npm ci --prefix bench --no-audit --no-fund
fi
# The first load is measured on the page served to learners; the bench feature exports benchRun,
# the benchmark's way into the runtime, which that page does not carry.
for_size trunk build --release --offline --dist target/served-dist
for_size trunk build --release --offline --features bench
SERVED_DIST="$ROOT/target/served-dist" node bench/run.mjs
