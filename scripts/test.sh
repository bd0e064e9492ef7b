#!/usr/bin/env bash
# Runs every test: native (model), browser (wasm-bindgen-test in headless
# Chromium) and end-to-end (Playwright on the built dist/). Exits non-zero if any fails.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

step "native tests"
cargo test --quiet

step "browser tests (headless Chromium)"
# The runner gives a whole test file 20 s by default; the live check alone runs 300 programs,
# and a busy CI machine is slower than this one.
WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-300} cargo test --target wasm32-unknown-unknown --test '*'

step "release build"
for_size trunk build --release --offline

step "end-to-end tests (Playwright)"
node --test e2e/*.test.mjs
