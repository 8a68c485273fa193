#!/usr/bin/env bash
# Runs the conformance tests against python-stdnum in a virtualenv under target/ (gitignored),
# installing tests/conformance/requirements.txt: tests/conformance/stdnum_ric.py (cn_ric), then
# tests/conformance/stdnum_formats.py (every format of the formats_*.py spec files).
set -euo pipefail
cd "$(dirname "$0")/.."

test_file=tests/conformance/stdnum_ric.py
if [ ! -f "$test_file" ]; then
  echo "conformance: $test_file is not there yet: skipped"
  exit 0
fi

venv=target/conformance-venv
req=tests/conformance/requirements.txt
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if [ -f "$req" ] && ! cmp -s "$req" "$venv/.requirements.txt"; then
  "$venv/bin/pip" install --disable-pip-version-check -q -r "$req"
  cp "$req" "$venv/.requirements.txt"
fi
if "$venv/bin/python" -c 'import pytest' 2>/dev/null; then
  "$venv/bin/python" -m pytest -q tests/conformance
else
  "$venv/bin/python" "$test_file"
fi
"$venv/bin/python" tests/conformance/stdnum_formats.py
