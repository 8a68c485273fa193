#!/usr/bin/env bash
# The assessment's evaluation harness with every fabricated class: makes a venv under
# target/eval-venv with tests/eval/requirements.txt (Python faker from PyPI), writes faker zh_CN
# samples into target/eval-faker (50 seeds x 5,000 rows x 3 variants; smaller sizes are their
# first rows), then runs the Rust harness, which prints the confusion table (true class x
# verdict at 200, 1,000 and 5,000 rows). SEEDS (default 50) and SIGNALS=1 (which signals fired
# per class) pass through. Both directories are inside the gitignored target/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SEEDS=${SEEDS:-50}
VENV=$ROOT/target/eval-venv
OUT=$ROOT/target/eval-faker
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r tests/eval/requirements.txt
rm -rf "$OUT"
"$VENV/bin/python" tests/eval/faker_samples.py "$OUT" --seeds "$SEEDS" --rows 5000
cd crate
SEEDS=$SEEDS VERACITY_FAKER_DIR=$OUT \
  cargo test --release --test assess evaluation -- --ignored --nocapture --exact evaluation
