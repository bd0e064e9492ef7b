#!/usr/bin/env bash
# Builds the release dist/ and writes docs/BENCHMARKS.md (not part of the tests).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
trunk build --release --offline
node bench/run.mjs
