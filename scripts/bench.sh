#!/usr/bin/env bash
# Builds the release dist/ and writes docs/BENCHMARKS.md (not part of the tests).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
# Pyodide, the benchmark's own baseline, from bench/package.json.
if [ ! -d bench/node_modules/pyodide ]; then
  npm ci --prefix bench --no-audit --no-fund
fi
# The bench feature exports benchRun, the benchmark's way into the runtime.
for_size trunk build --release --offline --features bench
node bench/run.mjs
