#!/usr/bin/env bash
# Fuzzes the engine with cargo-fuzz (libFuzzer, nightly): format sniffing and every parser,
# every validator, and the whole `verify` with options picked from the input.
#   bash scripts/fuzz.sh                 short runs (FUZZ_SECONDS=20 per target; make test)
#   FUZZ_SECONDS=3600 bash scripts/fuzz.sh verify    a long run of one target
# Seed corpora come from tests/fixtures (copied, not committed). A crash leaves its input in
# crate/fuzz/artifacts/<target>/ and fails the run: turn it into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${FUZZ_SECONDS:-20}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ingest validators verify)

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: the nightly toolchain is missing (rustup toolchain install nightly)" >&2
  exit 1
fi
if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi

corpus=target/fuzz-corpus
for t in "${targets[@]}"; do
  mkdir -p "$corpus/$t"
  if [ "$t" = validators ]; then
    # One value per seed file: the fixtures' fields.
    python3 - "$corpus/$t" <<'PY'
import csv, sys, pathlib
out = pathlib.Path(sys.argv[1])
n = 0
for row in csv.reader(open("tests/fixtures/demo.csv", encoding="utf-8")):
    for v in row:
        (out / f"seed{n}").write_text(v, encoding="utf-8")
        n += 1
        if n >= 400:
            raise SystemExit
PY
  else
    cp tests/fixtures/*.* "$corpus/$t/"
  fi
done

total=0
for t in "${targets[@]}"; do
  log=$(mktemp)
  if ! cargo +nightly fuzz run --fuzz-dir crate/fuzz "$t" "$corpus/$t" -- \
      -max_total_time="$secs" -rss_limit_mb=4096 -max_len=262144 -timeout=20 >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $t: CRASH (input saved under crate/fuzz/artifacts/$t/)"
    exit 1
  fi
  runs=$(grep -oE 'Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' | tail -1)
  echo "fuzz: $t: ${runs:-0} executions in ${secs} s, no crash"
  total=$((total + ${runs:-0}))
  rm -f "$log"
done
echo "fuzz: ${total} executions, 0 crashes"
