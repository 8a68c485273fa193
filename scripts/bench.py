#!/usr/bin/env python3
"""The benchmark harness behind scripts/bench.sh (see its header).

Every measured program runs as a child of this small process and is reaped with os.wait4, whose
ru_maxrss is the child's peak resident set (it would include what this parent held at fork, so
the parent keeps no file contents). The browser rows come from tests/bench/browser.mjs, which
reports the renderer's peak (VmHWM) itself.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench-out")
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def run_timed(argv, env=None):
    """(seconds, peak RSS in MB, stdout) of one run of argv."""
    r, w = os.pipe()
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.dup2(w, 1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        try:
            os.execvpe(argv[0], argv, env or os.environ)
        finally:
            os._exit(127)
    os.close(w)
    chunks = []
    while True:
        b = os.read(r, 1 << 16)
        if not b:
            break
        chunks.append(b)
    os.close(r)
    _, status, usage = os.wait4(pid, 0)
    secs = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(argv)}")
    return secs, usage.ru_maxrss / 1024, b"".join(chunks)


def median_of(argv, runs, env=None):
    results = [run_timed(argv, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results), results[0][2]


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=750_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-browser", action="store_true")
    ap.add_argument("--skip-python", action="store_true")
    ap.add_argument(
        "--big",
        action="store_true",
        help="also a ~1 GB generated file through the page (once; N workers): MB/s and peak",
    )
    ap.add_argument("--big-rows", type=int, default=10_300_000)
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)

    subprocess.run(
        ["cargo", "build", "--release", "--bin", "veracity", "--examples"],
        cwd=os.path.join(ROOT, "crate"),
        check=True,
    )
    rel = os.path.join(TARGET, "release")
    sample = os.path.join(OUT, f"sample-{args.rows}.csv")
    if not os.path.exists(sample):
        subprocess.run([os.path.join(rel, "examples", "gen_sample"), str(args.rows), sample], check=True)
    size_mb = os.path.getsize(sample) / 1e6
    rows = args.rows

    big = None
    if args.big and not args.skip_browser:
        big = os.path.join(OUT, f"sample-{args.big_rows}.csv")
        if not os.path.exists(big):
            subprocess.run([os.path.join(rel, "examples", "gen_sample"), str(args.big_rows), big], check=True)

    table = []  # (name, secs, peak MB[, MB, rows])
    secs, peak, out = median_of([os.path.join(rel, "examples", "floor"), sample], args.runs)
    table.append(("floor: Rust `csv` + ID check digit", secs, peak))
    secs, peak, _ = median_of(
        [os.path.join(rel, "veracity"), "verify", sample, "--json", "--reference-date", "2022-07-01"],
        args.runs,
    )
    table.append(("Veracity native CLI, full verify, 1 thread", secs, peak))

    if not args.skip_browser:
        # The harness's npm packages, exactly as locked: playwright-core from the end-to-end
        # tests, papaparse (the JS peer) from tests/bench.
        for d in (os.path.join(ROOT, "tests", "e2e"), os.path.join(ROOT, "tests", "bench")):
            if not os.path.isdir(os.path.join(d, "node_modules")):
                subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=d, check=True)
        node_path = os.path.join(ROOT, "tests", "e2e", "node_modules")
        env = dict(os.environ, NODE_PATH=node_path)
        argv = ["node", os.path.join(ROOT, "tests", "bench", "browser.mjs"), sample, str(args.runs)]
        if big:
            argv.append(big)
        _, _, out = run_timed(argv, env)
        for row in json.loads(out.decode().strip().splitlines()[-1]):
            if "all_ms" in row:
                print(f"{row['name']}: {row['all_ms']} ms", file=sys.stderr)
            if "timing" in row:
                print(f"{row['name']}: {json.dumps(row['timing'])}", file=sys.stderr)
                continue
            if "bytes" in row or "rows" in row:
                mb = row.get("bytes", 0) / 1e6 or size_mb * row["rows"] / rows
                table.append((row["name"], row["seconds"], row["peak_mb"], mb, row["rows"]))
            else:
                table.append((row["name"], row["seconds"], row["peak_mb"]))

    if not args.skip_python:
        venv = os.path.join(OUT, "venv")
        py = os.path.join(venv, "bin", "python")
        if not os.path.exists(py):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
            subprocess.run([py, "-m", "pip", "install", "-q", "python-stdnum", "phonenumbers"], check=True)
        # One run: at ~1-2 MB/s a run takes about a minute.
        secs, peak, _ = median_of([py, os.path.join(ROOT, "tests", "bench", "peer_stdnum.py"), sample], 1)
        table.append(("peer: python-stdnum + phonenumbers (ID + phone only)", secs, peak))

    floor = table[0][1]
    print(f"\n{rows:,} rows, {size_mb:.1f} MB; median of {args.runs} runs; machine: {machine()}\n")
    print("| pipeline | median s | MB/s | rows/s | peak MB | × floor |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, secs, peak, *own in table:
        mb, n = own if own else (size_mb, rows)
        ratio = f"{secs / floor:.1f}" if not own else "–"
        peak_text = f"{peak:.0f}" if peak else "–"
        print(f"| {name} | {secs:.3f} | {mb / secs:.0f} | {n / secs:,.0f} | {peak_text} | {ratio} |")


if __name__ == "__main__":
    main()
