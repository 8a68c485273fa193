#!/usr/bin/env python3
"""Differential test: Veracity's cn_ric validator against python-stdnum's cn.ric.

    python3 -m pip install -r tests/conformance/requirements.txt
    python3 tests/conformance/stdnum_ric.py [--n 120000] [--seed 20220701] [--keep DIR]

Generates (deterministically, seeded) 18-digit numbers: valid ones over the whole GB/T 2260
timeline in crate/data/regions.tsv with birth years 1900-2022, and corrupted ones (single-digit
changes, random digits, abolished codes with later birth years, non-person-level codes,
unknown codes, future dates, impossible dates, pre-1900 dates, residence permits, lower-case x).
Asks python-stdnum, then the Veracity CLI (`--kind id=cn_ric --reference-date 2022-07-01`), and
sorts every disagreement into a named category with its explanation. Exits non-zero when any
disagreement is uncategorised, or when the CLI fails.

A row is valid for Veracity when the report has no flag for it in column `id`.
"""

import argparse
import csv
import datetime
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REGIONS = os.path.join(ROOT, "crate", "data", "regions.tsv")
REFERENCE = datetime.date(2022, 7, 1)
WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]


def check_char(body17: str) -> str:
    """GB 11643-1999 check character, written from the standard's weighted sum."""
    s = sum(int(c) * w for c, w in zip(body17, WEIGHTS)) % 11
    return "10X98765432"[s]


def load_regions():
    """code -> dict(start, end, level); start/end None when open-ended (table semantics:
    start = first year listed, None = already in 1980; end = last year listed)."""
    spans = {}
    with open(REGIONS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, _name, start, end, agg = line.rstrip("\n").split("\t")[:5]
            spans.setdefault(int(code), []).append(
                (int(start) if start else None, int(end) if end else None, agg == "1"))
    out = {}
    for code, sp in spans.items():
        starts = [s for s, _, _ in sp]
        ends = [e for _, e, _ in sp]
        if code % 10000 == 0:
            level = "province"
        elif code % 100 == 0:
            level = "prefecture"
        elif code % 100 == 1 and all(a for _, _, a in sp):
            level = "placeholder"
        else:
            level = "county"
        out[code] = {
            "start": None if None in starts else min(starts),
            "end": None if None in ends else max(ends),
            "level": level,
        }
    return out


def load_stdnum_loc():
    """code -> list of (start, end) from python-stdnum's loc.dat ((None, None) = unbounded).
    Read only to explain stdnum's verdicts."""
    path = os.path.join(os.path.dirname(ric.__file__), "loc.dat")
    loc, prov = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            if not line.startswith(" "):
                prov = line.split()[0]
                continue
            suffix, rest = line.strip().split(" ", 1)
            names = rest.split('county="', 1)[1].rstrip('"').split(",")
            ranges = []
            for n in names:
                if n.startswith("["):
                    a, b = n[1:].split("]")[0].split("-")
                    ranges.append((int(a) if a else None, int(b) if b else None))
                else:
                    ranges.append((None, None))
            loc[int(prov + suffix)] = ranges
    return loc


def random_date(rng, y0, y1):
    a = datetime.date(y0, 1, 1).toordinal()
    b = datetime.date(y1, 12, 31).toordinal()
    return datetime.date.fromordinal(rng.randint(a, b))


def make(code, date, seq, check=None):
    body = f"{code:06d}{date.year:04d}{date.month:02d}{date.day:02d}{seq:03d}"
    return body + (check if check is not None else check_char(body))


def generate(rng, n, regions):
    county = [c for c, r in regions.items() if r["level"] == "county" and not 810000 <= c < 840000]
    abolished = [c for c in county if regions[c]["end"] is not None and regions[c]["end"] + 2 <= 2022]
    upper = [c for c, r in regions.items() if r["level"] != "county"]

    def valid_one():
        code = rng.choice(county)
        end = regions[code]["end"]
        y1 = 2022 if end is None else min(2022, end + 1)
        d = random_date(rng, 1900, y1)
        d = min(d, REFERENCE)
        return make(code, d, rng.randrange(1000))

    makers = [
        (50, valid_one),
        (10, lambda: mutate(rng, valid_one())),
        (10, lambda: "".join(rng.choice("0123456789") for _ in range(17)) + rng.choice("0123456789X")),
        (8, lambda: (lambda c: make(c, random_date(rng, regions[c]["end"] + 2, 2022), rng.randrange(1000)))(
            rng.choice(abolished))),
        (6, lambda: make(rng.choice(upper), random_date(rng, 1950, 2010), rng.randrange(1000))),
        (3, lambda: make(rng.choice([999999, 990101, 310199, 110199, 500099]), random_date(rng, 1950, 2010),
                         rng.randrange(1000))),
        (5, lambda: make(rng.choice(county), random_date(rng, 2022, 2030), rng.randrange(1000))),
        (3, lambda: make_invalid_date(rng, rng.choice(county))),
        (2, lambda: make(rng.choice(county), random_date(rng, 1850, 1899), rng.randrange(1000))),
        (1, lambda: make(rng.choice([810000, 820000, 830000]), random_date(rng, 1950, 2010), rng.randrange(1000))),
        (2, lambda: valid_one().replace("X", "x")),
    ]
    total = sum(w for w, _ in makers)
    seen, out = set(), []
    while len(out) < n:
        r = rng.randrange(total)
        for w, f in makers:
            if r < w:
                v = f()
                break
            r -= w
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def mutate(rng, v):
    i = rng.randrange(18)
    alphabet = "0123456789X" if i == 17 else "0123456789"
    c = rng.choice([a for a in alphabet if a != v[i]])
    return v[:i] + c + v[i + 1:]


def make_invalid_date(rng, code):
    y = rng.randint(1950, 2010)
    m, d = rng.choice([(2, 30), (2, 31), (4, 31), (13, 1), (0, 10), (6, 0), (11, 31)])
    body = f"{code:06d}{y:04d}{m:02d}{d:02d}{rng.randrange(1000):03d}"
    return body + check_char(body)


def stdnum_verdict(v):
    try:
        ric.validate(v)
        return None
    except ValidationError as e:
        return type(e).__name__
    except KeyError:
        # python-stdnum 2.2 raises KeyError for a code whose province is known but which has no
        # county entry (e.g. 999999 is not, 110199 is): counted as a rejection.
        return "KeyError"


def run_veracity(path):
    cmd = ["cargo", "run", "--release", "-q", "--bin", "veracity", "--", "verify", path, "--json",
           "--show-values", "--max-flagged", "100000000", "--reference-date", REFERENCE.isoformat(),
           "--kind", "id=cn_ric"]
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if res.returncode != 0 and not res.stdout.lstrip().startswith("{"):
        sys.exit(f"veracity failed ({res.returncode}): {res.stderr[-2000:]}")
    return json.loads(res.stdout)


def explain(v, vreasons, sverdict, regions, loc):
    """Name the category of one disagreement, or None when it is unexplained."""
    code = int(v[:6])
    year = int(v[6:10])
    try:
        born = datetime.date(year, int(v[10:12]), int(v[12:14]))
    except ValueError:
        born = None
    reg = regions.get(code)
    if sverdict is None:
        # stdnum accepts, Veracity rejects: every Veracity reason must be one stdnum does not test.
        known = {
            "date_after_reference": "stdnum has no reference date (it accepts births after 2022-07-01)",
            "date_too_old": "stdnum accepts any calendar date; Veracity rejects births before 1900",
            "region_not_person_level": "stdnum accepts province/prefecture/placeholder codes",
            "region_unknown": "code in stdnum's Wikipedia table but not in the GB/T 2260 timeline",
            "region_abolished_before_birth": "tables disagree on the year the code was abolished",
        }
        if vreasons and vreasons <= set(known):
            for r in known:
                if r in vreasons:
                    return r
        return None
    # stdnum rejects, Veracity accepts.
    if sverdict not in ("InvalidComponent", "KeyError") or born is None or reg is None:
        return None
    if 810000 <= code < 840000:
        return "residence_permit"
    ranges = loc.get(code)
    if not ranges:
        return "region_table_difference"
    if any((s is None or year >= s) and (e is None or year <= e) for s, e in ranges):
        return None  # stdnum's table holds the code in the birth year: not a region verdict
    if all(s is not None and year < s for s, _ in ranges):
        return "created_after_birth"
    if all(e is not None and year > e for _, e in ranges):
        if reg["end"] is not None and year == reg["end"] + 1:
            return "abolished_grace_year"
        return "abolished_table_difference"
    # The year falls between two uses of the code: abolished, then re-created after the birth.
    return "code_reused_after_birth"
    return None


EXPLANATIONS = {
    "created_after_birth": "stdnum rejects a code created after the birth year; Veracity accepts by "
                           "design (codes are never updated, older people hold newer codes)",
    "abolished_grace_year": "born the year after the code was last listed: Veracity allows one year "
                            "of grace (abolished during that year)",
    "code_reused_after_birth": "code abolished, then re-created after the birth year: a person "
                               "registered later holds it; stdnum rejects the years in between",
    "abolished_table_difference": "stdnum's table ends the code earlier than the GB/T 2260 timeline",
    "region_table_difference": "code in the GB/T 2260 timeline but not in stdnum's table",
    "residence_permit": "HK/Macau/Taiwan residence permits (810000/820000/830000): stdnum rejects",
    "date_after_reference": "stdnum has no reference date (it accepts births after 2022-07-01)",
    "date_too_old": "stdnum accepts any calendar date; Veracity rejects births before 1900",
    "region_not_person_level": "stdnum accepts province/prefecture/placeholder codes; Veracity flags them",
    "region_unknown": "code in stdnum's table but not in the GB/T 2260 timeline",
    "region_abolished_before_birth": "the timeline ends the code earlier than stdnum's table",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=120_000)
    ap.add_argument("--seed", type=int, default=20220701)
    ap.add_argument("--keep", help="directory to keep the CSV and the report in")
    args = ap.parse_args()

    regions = load_regions()
    loc = load_stdnum_loc()
    rng = random.Random(args.seed)
    values = generate(rng, args.n, regions)

    tmp = args.keep or tempfile.mkdtemp(prefix="stdnum_ric_")
    os.makedirs(tmp, exist_ok=True)
    path = os.path.join(tmp, "ids.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id"])
        for v in values:
            w.writerow([v])

    stdnum = [stdnum_verdict(v) for v in values]
    report = run_veracity(path)
    if args.keep:
        with open(os.path.join(tmp, "report.json"), "w", encoding="utf-8") as f:
            json.dump(report, f)
    if report.get("flagged_total", 0) > len(report["flagged_rows"]):
        sys.exit("report truncated flagged_rows: raise --max-flagged")
    vflags = {}
    for fl in report["flagged_rows"]:
        if fl["column"] != "id":
            continue
        row = fl["row"] - 1
        if 0 <= row < len(values) and fl["value"] != values[row]:
            sys.exit(f"row {fl['row']}: report value {fl['value']!r} != generated {values[row]!r}")
        vflags.setdefault(row, set()).add(fl["reason"])

    agree = Counter()
    categories = Counter()
    unexplained = []
    for i, v in enumerate(values):
        vr = vflags.get(i, set())
        s_ok, v_ok = stdnum[i] is None, not vr
        agree[(s_ok, v_ok)] += 1
        if s_ok == v_ok:
            continue
        cat = explain(v, vr, stdnum[i], regions, loc)
        if cat is None:
            unexplained.append((i + 1, v, stdnum[i], sorted(vr)))
        else:
            categories[("stdnum valid, veracity invalid" if s_ok else "stdnum invalid, veracity valid", cat)] += 1

    print(f"{len(values)} numbers; both valid {agree[(True, True)]}, both invalid {agree[(False, False)]}, "
          f"stdnum only {agree[(True, False)]}, veracity only {agree[(False, True)]}")
    print(f"{'direction':32} {'category':30} {'count':>7}  explanation")
    for (direction, cat), n in sorted(categories.items()):
        print(f"{direction:32} {cat:30} {n:7}  {EXPLANATIONS[cat]}")
    if unexplained:
        print(f"{len(unexplained)} UNCATEGORISED disagreements, first 20:")
        for row in unexplained[:20]:
            print("  row %d %s stdnum=%s veracity=%s" % row)
        sys.exit(1)
    print("every disagreement is categorised")


if __name__ == "__main__":
    main()
