#!/usr/bin/env bash
# Regenerates README.md's format table (between <!-- formats:begin --> and <!-- formats:end -->)
# from the validator registry: `veracity formats --markdown`. Run after adding or changing a
# format; crate/tests/readme_formats.rs fails while the README is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
table=$(cargo run -q -p veracity --bin veracity -- formats --markdown)
python3 - "$table" <<'PY'
import sys
begin, end = "<!-- formats:begin -->", "<!-- formats:end -->"
readme = open("README.md", encoding="utf-8").read()
head, rest = readme.split(begin, 1)
_, tail = rest.split(end, 1)
open("README.md", "w", encoding="utf-8").write(head + begin + "\n" + sys.argv[1].rstrip("\n") + "\n" + end + tail)
PY
echo "update-readme-formats: README.md's format table is up to date"
