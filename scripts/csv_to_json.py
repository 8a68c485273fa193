#!/usr/bin/env python3
"""Writes a CSV file with a header as one JSON document, a top-level array of objects (keys in
header order), for the JSON array streaming measurements:
csv_to_json.py IN.csv OUT.json [REPEAT] [MAX_ROWS] [--lines]. By default the whole array is
on one line (no line feed at all); --lines puts each element on its own line."""
import csv
import json
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    lines = "--lines" in sys.argv[1:]
    src, dst = args[0], args[1]
    repeat = int(args[2]) if len(args) > 2 else 1
    max_rows = int(args[3]) if len(args) > 3 else None
    sep = ",\n" if lines else ","
    with open(dst, "w", encoding="utf-8", newline="\n") as out:
        out.write("[\n" if lines else "[")
        first = True
        for _ in range(repeat):
            with open(src, encoding="utf-8", newline="") as f:
                rows = csv.reader(f)
                header = next(rows)
                for i, row in enumerate(rows):
                    if max_rows is not None and i >= max_rows:
                        break
                    if not first:
                        out.write(sep)
                    first = False
                    out.write(json.dumps(dict(zip(header, row)), ensure_ascii=False))
        out.write("\n]\n" if lines else "]")


if __name__ == "__main__":
    main()
