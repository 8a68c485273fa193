#!/usr/bin/env python3
"""Writes a CSV file with a header as JSON Lines (one object per record, keys in header order),
for the JSON Lines streaming measurements: csv_to_jsonl.py IN.csv OUT.jsonl [REPEAT] [MAX_ROWS]."""
import csv
import json
import sys


def main():
    src, dst = sys.argv[1], sys.argv[2]
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    max_rows = int(sys.argv[4]) if len(sys.argv) > 4 else None
    with open(dst, "w", encoding="utf-8", newline="\n") as out:
        for _ in range(repeat):
            with open(src, encoding="utf-8", newline="") as f:
                rows = csv.reader(f)
                header = next(rows)
                for i, row in enumerate(rows):
                    if max_rows is not None and i >= max_rows:
                        break
                    out.write(json.dumps(dict(zip(header, row)), ensure_ascii=False))
                    out.write("\n")


if __name__ == "__main__":
    main()
