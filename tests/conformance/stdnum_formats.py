#!/usr/bin/env python3
"""Differential test: Veracity's identifier formats against python-stdnum.

    python3 -m pip install -r tests/conformance/requirements.txt
    python3 tests/conformance/stdnum_formats.py [--group finance]... [--n 10000] [--seed 20220701]

Imports every spec file `tests/conformance/formats_<group>.py` present. Each exports
`FORMATS = [(veracity id, stdnum module, generator(rng) -> str)]`, `explain(...)` and
`CATEGORIES` (see the shared design). For each format whose id is in Veracity's registry, the
runner draws `--n` values: half straight from the generator (shape-correct, about half with a
correct check digit), half single-character mutations of generated values (substitution,
deletion, insertion, adjacent transposition). It asks `stdnum.<module>.is_valid` and
`veracity check --batch - --format ID --json` (one process per format), prints the agreement
and the disagreements by category, and lists uncategorised ones. Exits non-zero when any
disagreement is uncategorised, or when the CLI fails.
"""

import argparse
import glob
import importlib
import importlib.util
import json
import os
import random
import string
import subprocess
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REFERENCE_DATE = "2022-07-01"


def load_specs(groups):
    specs = []
    for path in sorted(glob.glob(os.path.join(HERE, "formats_*.py"))):
        group = os.path.basename(path)[len("formats_"):-3]
        if groups and group not in groups:
            continue
        spec = importlib.util.spec_from_file_location(f"formats_{group}", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        specs.append((group, mod))
    return specs


def veracity_binary():
    subprocess.run(["cargo", "build", "--release", "-q", "--bin", "veracity"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    return os.path.join(target, "release", "veracity")


def mutate(rng, value):
    """One single-character change: substitution (same class), deletion, insertion or
    transposition of two neighbours."""
    if not value:
        return value
    i = rng.randrange(len(value))
    op = rng.random()
    c = value[i]
    pool = string.digits if c.isdigit() else (string.ascii_uppercase if c.isalpha() else string.digits)
    if op < 0.6:
        new = rng.choice([x for x in pool if x != c] or pool)
        return value[:i] + new + value[i + 1:]
    if op < 0.75:
        return value[:i] + value[i + 1:]
    if op < 0.9:
        return value[:i] + rng.choice(pool) + value[i:]
    if i + 1 < len(value):
        return value[:i] + value[i + 1] + value[i] + value[i + 2:]
    return value[:-1]


def run_format(binary, fmt_id, module_name, gen, explain, n, seed):
    rng = random.Random(f"{seed}:{fmt_id}")
    values = []
    usable = lambda v: v and "\n" not in v and v == v.strip()
    while len(values) < n:
        v = gen(rng)
        for x in (v, mutate(rng, v)):
            if usable(x) and len(values) < n:
                values.append(x)
    proc = subprocess.run(
        [binary, "check", "--batch", "-", "--format", fmt_id, "--json", "--reference-date", REFERENCE_DATE],
        input="\n".join(values) + "\n", capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"veracity check --batch --format {fmt_id} failed: {proc.stderr.strip()}")
    ours = [json.loads(line) for line in proc.stdout.splitlines()]
    if len(ours) != len(values):
        raise RuntimeError(f"{fmt_id}: {len(values)} values sent, {len(ours)} answers")
    module = importlib.import_module(module_name)
    agree, categories, unexplained = 0, Counter(), []
    for value, o in zip(values, ours):
        try:
            module.validate(value)
            s_valid, s_err = True, None
        except Exception as e:  # stdnum raises ValidationError subclasses
            s_valid, s_err = False, type(e).__name__
        if s_valid == o["valid"]:
            agree += 1
            continue
        cat = explain(fmt_id, value, o["valid"], o["problems"], s_valid, s_err)
        if cat:
            categories[cat] += 1
        else:
            unexplained.append((value, o["valid"], o["problems"], s_valid, s_err))
    return len(values), agree, categories, unexplained


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--group", action="append", help="only this group's spec file (repeatable)")
    ap.add_argument("--n", type=int, default=10_000, help="values per format (default 10000)")
    ap.add_argument("--seed", type=int, default=20220701)
    args = ap.parse_args()

    specs = load_specs(args.group)
    if not specs:
        print("stdnum_formats: no tests/conformance/formats_*.py spec file: nothing to compare")
        return 0
    binary = veracity_binary()
    registry = {f["id"] for f in json.loads(subprocess.run(
        [binary, "formats", "--json"], capture_output=True, text=True, check=True).stdout)}
    failed = False
    total_formats = 0
    started = time.time()
    for group, spec in specs:
        for fmt_id, module_name, gen in spec.FORMATS:
            if fmt_id not in registry:
                print(f"[{group}] {fmt_id}: not in the registry yet: skipped")
                continue
            total_formats += 1
            n, agree, cats, unexplained = run_format(
                binary, fmt_id, module_name, gen, spec.explain, args.n, args.seed)
            print(f"[{group}] {fmt_id} vs {module_name}: {agree}/{n} agree "
                  f"({100.0 * agree / n:.2f}%), {sum(cats.values())} explained, "
                  f"{len(unexplained)} unexplained")
            for cat, count in cats.most_common():
                reason = spec.CATEGORIES.get(cat, "(no reason given in CATEGORIES)")
                if cat not in spec.CATEGORIES:
                    failed = True
                print(f"    {count:6d}  {cat}: {reason}")
            for value, ov, oreasons, sv, serr in unexplained[:10]:
                print(f"    UNEXPLAINED {value!r}: veracity {'valid' if ov else oreasons}, "
                      f"stdnum {'valid' if sv else serr}")
            if unexplained:
                failed = True
    print(f"stdnum_formats: {total_formats} formats in {time.time() - started:.1f}s: "
          f"{'FAILED (uncategorised disagreements)' if failed else 'all disagreements categorised'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
