#!/usr/bin/env bash
# Builds the playground (release, wasm-opt) and serves it on http://127.0.0.1:8080.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
for_size trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port "${PORT:-8080}"
