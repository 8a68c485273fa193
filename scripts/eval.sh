#!/usr/bin/env bash
# The assessment's evaluation harness with every fabricated class: makes a venv under
# target/eval-venv with tests/eval/requirements.txt (Python faker from PyPI), writes faker zh_CN
# samples into target/eval-faker (50 seeds x 5,000 rows x 3 variants; smaller sizes are their
# first rows), then runs the Rust harness, which prints the confusion table (true class x
# verdict at 200, 1,000 and 5,000 rows). SEEDS (default 50) and SIGNALS=1 (which signals fired
# per class) pass through. Both directories are inside the gitignored target/. The samples are
# made again only when the script, its requirements or a larger SEEDS call for it (a stamp
# file records what made them).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SEEDS=${SEEDS:-50}
VENV=$ROOT/target/eval-venv
OUT=$ROOT/target/eval-faker
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
STAMP="$(cat tests/eval/requirements.txt tests/eval/faker_samples.py | sha256sum | cut -c1-16)"
HAVE=$(cat "$OUT/STAMP" 2>/dev/null || true)
if [ "${HAVE% *}" != "$STAMP" ] || [ "${HAVE#* }" -lt "$SEEDS" ]; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r tests/eval/requirements.txt
  rm -rf "$OUT"
  "$VENV/bin/python" tests/eval/faker_samples.py "$OUT" --seeds "$SEEDS" --rows 5000
  echo "$STAMP $SEEDS" >"$OUT/STAMP"
else
  echo "faker samples in $OUT are up to date ($(cat "$OUT/VERSION"))" >&2
fi
cd crate
SEEDS=$SEEDS VERACITY_FAKER_DIR=$OUT \
  cargo test --release --test assess evaluation -- --ignored --nocapture --exact evaluation
