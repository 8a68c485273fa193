#!/usr/bin/env bash
# Installs everything the build and the tests need, on a Debian-based machine with Rust (rustup),
# Python 3 and Node + npm. Idempotent: each step is skipped when already done.
#   - the wasm32-unknown-unknown Rust target
#   - the wasm-bindgen CLI at exactly the version of the wasm-bindgen crate in Cargo.lock
#   - binaryen's wasm-opt (npm package `binaryen`, tools/, from its package-lock.json)
#   - Debian's chromium, chromium-driver and fonts-noto-cjk (headless browser tests, CJK text)
#   - the end-to-end test's npm packages (tests/e2e, from its package-lock.json)
# Set VERACITY_SETUP_BROWSER=0 to skip the browser and npm parts (enough for `make serve`).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }

# 1. Rust target.
if ! rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen CLI, same version as the crate (the two must match exactly).
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$want" ]; then
  echo "setup: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (have: ${have:-none}); this compiles for a few minutes"
  # --locked first, for the CLI's own tested dependency set; fall back to a fresh resolution
  # when the registry no longer offers one of its locked versions (e.g. a yanked crate).
  cargo install --locked wasm-bindgen-cli --version "$want" \
    || cargo install wasm-bindgen-cli --version "$want"
fi

# 3. wasm-opt (scripts/wasm-opt.sh): binaryen from npm, exactly as locked. The build needs it,
#    so it is installed even without the browser parts.
if [ ! -d tools/node_modules ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  say "installing wasm-opt (npm binaryen, tools/)"
  (cd tools && npm ci --no-audit --no-fund)
fi

if [ "${VERACITY_SETUP_BROWSER:-1}" = 0 ]; then
  exit 0
fi

# 4. Headless browser and CJK fonts, from Debian.
missing=()
for pkg in chromium chromium-driver fonts-noto-cjk; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} with apt-get"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt/dpkg run to finish rather than failing on its lock.
  lock=(-o DPkg::Lock::Timeout=900)
  $sudo apt-get "${lock[@]}" update
  $sudo apt-get "${lock[@]}" install -y --no-install-recommends "${missing[@]}"
fi

# 5. npm packages of the end-to-end test, exactly as locked.
if [ ! -d tests/e2e/node_modules ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  say "installing the end-to-end test's npm packages"
  (cd tests/e2e && npm ci --no-audit --no-fund)
fi
