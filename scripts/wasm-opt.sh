#!/usr/bin/env bash
# Optimises a wasm-bindgen output in place with binaryen's wasm-opt, the one way every build of
# the shipped wasm does it (scripts/build-wasm.sh, tests/bench/wasm_vs_native.mjs).
#   usage: scripts/wasm-opt.sh FILE.wasm
#
# wasm-opt is the npm package `binaryen` at the version pinned in tools/package-lock.json
# (binaryen compiled to wasm, run by Node: the same output on every machine), installed by
# scripts/setup.sh. Debian 12's `binaryen` (version 108) cannot read what rustc and
# wasm-bindgen emit today (table.fill, from reference types) and is not used.
#
# -O3: speed, not size. With SIMD on (.cargo/config.toml) -O3 ran the engine ≈ 1-2 % faster in
# V8 than -Os (at the edge of the noise; README "Performance", step 20) for ≈ 600 bytes more
# gzipped; -O2 and -O4 were no faster. The features are exactly those rustc compiles the crate
# with: the ones it enables by default for wasm32-unknown-unknown (`rustc --print cfg --target
# wasm32-unknown-unknown`) plus simd128 from .cargo/config.toml; wasm-opt may keep using them
# and must add none. Without -g the name section (function names, ≈ 170 KB) is dropped: a
# trap's stack then names functions by index, which the page never shows anyway.
set -euo pipefail
cd "$(dirname "$0")/.."

file=${1:?usage: scripts/wasm-opt.sh FILE.wasm}
opt=tools/node_modules/.bin/wasm-opt
if [ ! -x "$opt" ]; then
  echo "wasm-opt: $opt is missing; run scripts/setup.sh (it runs npm ci in tools/)" >&2
  exit 1
fi
want=$(node -p "require('./tools/package-lock.json').packages['node_modules/binaryen'].version")
have=$(node -p "require('./tools/node_modules/binaryen/package.json').version")
if [ "$have" != "$want" ]; then
  echo "wasm-opt: tools/ has binaryen $have, the lock file says $want; run scripts/setup.sh" >&2
  exit 1
fi

features=(
  --mvp-features
  --enable-bulk-memory --enable-multivalue --enable-mutable-globals
  --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext
  --enable-simd
)
"$opt" -O3 "${features[@]}" "$file" -o "$file.opt"
mv "$file.opt" "$file"
