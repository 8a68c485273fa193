#!/usr/bin/env bash
# Runs every test, in order: formatting, lints (native and wasm32), the native test suite,
# the wasm build, the wasm-bindgen-test suite in headless Chromium, the end-to-end browser
# test of the page, the python-stdnum conformance test, the full-size pathological inputs
# (scripts/stress.py) and short fuzzing runs (scripts/fuzz.sh). Runs each step even when an
# earlier one failed, then prints a summary and fails if any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=()
failed=()
step() {
  local name=$1
  shift
  printf '\n==== %s: %s\n' "$name" "$*"
  local start=$SECONDS
  if "$@"; then
    passed+=("$name")
    printf '==== %s: ok (%ss)\n' "$name" $((SECONDS - start))
  else
    failed+=("$name")
    printf '==== %s: FAILED (%ss)\n' "$name" $((SECONDS - start))
  fi
}

step fmt cargo fmt --all --check
step clippy cargo clippy --workspace --all-targets -- -D warnings
step clippy-wasm cargo clippy --target wasm32-unknown-unknown -p veracity --lib --test wasm -- -D warnings
step test-native cargo test --workspace
step build-wasm bash scripts/build-wasm.sh
step test-wasm bash scripts/test-wasm.sh
if [[ " ${failed[*]} " == *" build-wasm "* ]]; then
  failed+=(e2e)
  echo "==== e2e: FAILED (no page: build-wasm failed)"
else
  # Every browser test file (one at a time: the machine may have 2 cores).
  step e2e bash -c 'cd tests/e2e && node --test --test-concurrency=1 $(ls smoke.mjs *.test.mjs 2>/dev/null)'
fi
step conformance bash scripts/test-conformance.sh
step stress bash -c 'cargo build --release -q -p veracity --bin veracity && python3 scripts/stress.py'
step fuzz bash scripts/fuzz.sh

printf '\n==== passed: %s\n' "${passed[*]:-none}"
printf '==== failed: %s\n' "${failed[*]:-none}"
printf 'steps: %d passed, %d failed\n' "${#passed[@]}" "${#failed[@]}"
[ ${#failed[@]} -eq 0 ]
