#!/usr/bin/env bash
# The one build command (`make build`): the release wasm and its wasm-bindgen JS glue, the wasm
# optimised by binaryen's wasm-opt (scripts/wasm-opt.sh, the version pinned in tools/), then
# scripts/build-dist.mjs, which makes the three ways to ship into OUT (default dist/): the
# hosted page, the single file veracity.html, the embed veracity-embed.js, and SHA256SUMS.
# No network: everything comes from the crate, the repository and what scripts/setup.sh installed.
#   usage: scripts/build-wasm.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=${CARGO_TARGET_DIR:-target}
out=${1:-dist}
pkg="$target_dir/veracity-pkg"

cargo build --release --target wasm32-unknown-unknown -p veracity --lib
wasm="$target_dir/wasm32-unknown-unknown/release/veracity.wasm"

rm -rf "$pkg"
mkdir -p "$pkg"
wasm-bindgen --target no-modules --no-typescript --out-dir "$pkg" "$wasm"
before=$(wc -c <"$pkg/veracity_bg.wasm")
bash scripts/wasm-opt.sh "$pkg/veracity_bg.wasm"
node scripts/build-dist.mjs --pkg "$pkg" --out "$out"

bytes=$(wc -c <"$pkg/veracity_bg.wasm")
gz=$(gzip -9 -n -c "$pkg/veracity_bg.wasm" | wc -c)
echo "build-wasm: veracity_bg.wasm: $bytes bytes ($before before wasm-opt), $gz gzipped"
