#!/usr/bin/env bash
# Runs the wasm-bindgen-test suite (crate/tests/wasm.rs) in headless Chromium through
# Debian's chromedriver. Browser capabilities (no sandbox as root, no background network)
# come from crate/webdriver.json, which the runner reads from the crate directory.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
cargo test --target wasm32-unknown-unknown -p veracity --test wasm
