#!/usr/bin/env bash
# Builds the page into dist/: the release wasm, its wasm-bindgen JS glue (dist/pkg/), the files
# of www/ and the demo sample. No network: everything comes from the crate and the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=${CARGO_TARGET_DIR:-target}
out=dist

cargo build --release --target wasm32-unknown-unknown -p veracity --lib
wasm="$target_dir/wasm32-unknown-unknown/release/veracity.wasm"

rm -rf "$out"
mkdir -p "$out/pkg"
wasm-bindgen --target no-modules --no-typescript --out-dir "$out/pkg" "$wasm"
cp -R www/. "$out/"
if [ -f tests/fixtures/demo.csv ]; then
  cp tests/fixtures/demo.csv "$out/demo.csv"
else
  echo "build-wasm: tests/fixtures/demo.csv is missing; the demo button will say so" >&2
fi

bytes=$(wc -c <"$out/pkg/veracity_bg.wasm")
gz=$(gzip -9 -c "$out/pkg/veracity_bg.wasm" | wc -c)
echo "build-wasm: $out/pkg/veracity_bg.wasm: $bytes bytes, $gz gzipped"
