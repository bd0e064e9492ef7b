#!/usr/bin/env bash
# Builds the release dist/ and writes docs/BENCHMARKS.md (not part of the tests). With --profile,
# profiles the runtime instead (bench/profile.mjs), in a build that keeps the wasm's function names.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
if [ "${1:-}" = "--profile" ]; then
  # The same page, its wasm optimized as the served one but with its name section kept.
  sed 's/data-bin="coroutine-playground" data-wasm-opt="z"/& data-keep-debug data-wasm-opt-params="-g"/' index.html > profile.html
  trap 'rm -f profile.html' EXIT
  for_size trunk build profile.html --release --offline --features bench --dist target/profile-dist
  node bench/profile.mjs target/profile-dist "${@:2}"
  exit
fi
# The first load is measured on the page served to learners; the bench feature exports benchRun,
# the benchmark's way into the runtime, which that page does not carry.
for_size trunk build --release --offline --dist target/served-dist
for_size trunk build --release --offline --features bench
SERVED_DIST="$ROOT/target/served-dist" node bench/run.mjs
