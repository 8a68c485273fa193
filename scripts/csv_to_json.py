#!/usr/bin/env python3
"""Writes a CSV file with a header as one JSON document, a top-level array of objects (keys in
header order), for the JSON array streaming measurements:
csv_to_json.py IN.csv OUT.json [REPEAT] [MAX_ROWS] [--lines] [--es] [--es-lines N]. By default
the whole array is on one line (no line feed at all); --lines puts each element on its own line.

--es wraps the array in an Elasticsearch search response, each row a hit with its object as
`_source`: {"took":5,"timed_out":false,"hits":{"total":{"value":N},"max_score":1.0,"hits":[
{"_index":"x","_id":"1","_source":{…}}, …]}}. A line feed always follows the opening (up to the
array's `[`), as in the files README step 33 measured (before, a response all on one line was
taken for JSON Lines of one record; it is now read, and streamed, as its hits too).

--es-lines N writes JSON Lines of search responses instead, as a scraper saves its scroll pages:
each line one compact response of N hits (the last may hold fewer) with its own `_scroll_id`,
`took`, `_shards` and `hits.total`, the hits as with --es (README step 34)."""
import csv
import json
import sys


def rows_of(src, max_rows):
    with open(src, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        for i, row in enumerate(rows):
            if max_rows is not None and i >= max_rows:
                break
            yield header, row


def es_lines(src, dst, repeat, max_rows, per_line):
    """JSON Lines of search responses, `per_line` hits a line."""
    total = repeat * sum(1 for _ in rows_of(src, max_rows))
    with open(dst, "w", encoding="utf-8", newline="\n") as out:
        hits = []
        n = 0

        def page():
            out.write(
                '{"_scroll_id":"scroll-%d","took":5,"timed_out":false,'
                '"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},'
                '"hits":{"total":{"value":%d,"relation":"eq"},"max_score":1.0,"hits":[%s]}}\n'
                % (n, total, ",".join(hits))
            )
            hits.clear()

        for _ in range(repeat):
            for header, row in rows_of(src, max_rows):
                n += 1
                hit = {"_index": "x", "_id": str(n), "_score": 1.0, "_source": dict(zip(header, row))}
                hits.append(json.dumps(hit, ensure_ascii=False))
                if len(hits) == per_line:
                    page()
        if hits:
            page()


def main():
    argv = sys.argv[1:]
    per_line = None
    if "--es-lines" in argv:
        at = argv.index("--es-lines")
        per_line = int(argv[at + 1])
        del argv[at : at + 2]
    args = [a for a in argv if not a.startswith("--")]
    lines = "--lines" in argv
    es = "--es" in argv
    src, dst = args[0], args[1]
    repeat = int(args[2]) if len(args) > 2 else 1
    max_rows = int(args[3]) if len(args) > 3 else None
    if per_line is not None:
        es_lines(src, dst, repeat, max_rows, per_line)
        return
    sep = ",\n" if lines else ","
    with open(dst, "w", encoding="utf-8", newline="\n") as out:
        if es:
            total = repeat * sum(1 for _ in rows_of(src, max_rows))
            out.write('{"took":5,"timed_out":false,"hits":{"total":{"value":%d},' % total)
            out.write('"max_score":1.0,"hits":[\n')
        else:
            out.write("[\n" if lines else "[")
        first = True
        n = 0
        for _ in range(repeat):
            for header, row in rows_of(src, max_rows):
                if not first:
                    out.write(sep)
                first = False
                obj = dict(zip(header, row))
                if es:
                    n += 1
                    hit = {"_index": "x", "_id": str(n), "_score": 1.0, "_source": obj}
                    out.write(json.dumps(hit, ensure_ascii=False))
                else:
                    out.write(json.dumps(obj, ensure_ascii=False))
        if es:
            out.write("\n]}}\n" if lines else "]}}")
        else:
            out.write("\n]\n" if lines else "]")


if __name__ == "__main__":
    main()
