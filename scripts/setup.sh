#!/usr/bin/env bash
# Installs and downloads what the build and tests need and skips what is present.
# Sourced by scripts/serve.sh, scripts/test.sh and scripts/bench.sh; leaves PATH set for them
# and the project's root as the working directory, so rust-toolchain.toml applies.
set -euo pipefail

TRUNK_VERSION=0.22.1
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
cd "$ROOT"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The wasm-bindgen version Cargo.lock pins; the CLI and Trunk.toml must equal it.
locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# The toolchain rust-toolchain.toml pins, with its rust-src and wasm32 target. rustup does not
# install what that file lists when RUSTUP_AUTO_INSTALL=0, so this does.
TOOLCHAIN=$(sed -n 's/^channel = "\(.*\)"$/\1/p' "$ROOT/rust-toolchain.toml")
if ! rustup toolchain list | grep -q "^$TOOLCHAIN-"; then
  step "installing the Rust toolchain $TOOLCHAIN"
  rustup toolchain install "$TOOLCHAIN" --profile minimal --component rust-src --target wasm32-unknown-unknown
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# The release wasm builds its own standard library from this source (see for_size below).
if ! rustup component list --installed | grep -q '^rust-src'; then
  step "adding the rust-src component"
  rustup component add rust-src
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  # Trunk's own release profile asks for fat LTO in one codegen unit: its last step runs on one
  # core, and a cold install took 18 minutes on 2 cores. Without it, and without the update check
  # (a request to crates.io at every start), the same CPU work spreads over both cores: 8 minutes.
  # trunk 0.22 declares rust-version 1.96; it builds and runs on 1.95.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version \
    --no-default-features --features rustls
fi

WASM_BINDGEN_VERSION=$(locked_wasm_bindgen)
if ! grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" "$ROOT/Trunk.toml"; then
  echo "Trunk.toml [tools] wasm_bindgen must equal Cargo.lock's wasm-bindgen $WASM_BINDGEN_VERSION" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  # Not --locked: the CLI's lock pins a webpki-roots release the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Chromium for the browser and end-to-end tests; Noto CJK so screenshots of
# the Chinese page show characters, not boxes.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null; then
  step "installing Debian's chromium, chromium-driver and fonts-noto-cjk"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk
fi

# npm ci again only when package-lock.json changed since the last install.
if ! cmp -s "$ROOT/package-lock.json" "$ROOT/node_modules/.installed-lock.json"; then
  step "installing npm packages (wasm-opt from binaryen, playwright-core)"
  npm ci --no-audit --no-fund
  cp "$ROOT/package-lock.json" "$ROOT/node_modules/.installed-lock.json"
fi

# Trunk builds with --offline, so every crate it compiles must be in cargo's cache first: the
# project's dependencies (for both targets) and, for for_size below, the standard library's own
# (its workspace in rust-src; its manifest needs RUSTC_BOOTSTRAP). Offline first: a warm cache
# answers without the network.
fetch_crates() {
  cargo fetch --locked --offline --quiet "$@" 2>/dev/null || cargo fetch --locked "$@"
}
fetch_crates
RUSTC_BOOTSTRAP=1 fetch_crates --manifest-path "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"

# Runs a release build command with a standard library compiled for size and
# panics that abort at once, without formatting a message nobody sees (std on
# wasm32-unknown-unknown has nowhere to print it): 22 KB less gzipped
# (docs/size.md). Both are unstable options; RUSTC_BOOTSTRAP lets the stable
# compiler take them, rust-toolchain.toml pins the compiler that is known to
# take them, and only the wasm target gets them.
for_size() {
  RUSTC_BOOTSTRAP=1 \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
    "$@"
}
