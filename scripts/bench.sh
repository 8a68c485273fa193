#!/usr/bin/env bash
# Benchmark: generates the 750,000-row sample (deterministic) into bench-out/ and prints one
# table — the floor, Veracity native (1 thread), Veracity wasm in headless Chromium through the
# page, and peers — with median seconds, MB/s, rows/s, peak memory and ratio to the floor.
# Not part of `make test`. Options are passed to scripts/bench.py (e.g. --rows 100000 --runs 3
# --skip-browser --skip-python; --big adds a ~1 GB generated file through the page: MB/s and
# the renderer's peak memory).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 scripts/bench.py "$@"
