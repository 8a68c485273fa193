#!/usr/bin/env python3
"""Full-size pathological inputs on the release CLI (the scaled-down ones are in
crate/tests/bad_inputs.rs): one 200 MB line with no newline, and ten million tiny rows.
Checks that each completes with the right row count and prints time and peak memory.

    python3 scripts/stress.py [--cli target/release/veracity]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

def chunks(head, piece, times):
    """Writes head + piece * times in 1 MB writes: this process must stay small, since a
    child's peak memory (ru_maxrss) counts what the parent held when it forked."""
    def write(f):
        f.write(head)
        per = max(1, (1 << 20) // len(piece))
        block = piece * per
        for _ in range(times // per):
            f.write(block)
        f.write(piece * (times % per))
    return write


CASES = [
    # name, file content writer, expected rows, peak-memory bound as a multiple of the input
    ("one 200 MB line, no newline", chunks(b"", b"x" * 1000, 200_000), 1, 8),
    ("ten million tiny rows", chunks(b"a\n", b"1\n", 10_000_000), 10_000_000, 4),
]


def main():
    ap = argparse.ArgumentParser()
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    ap.add_argument("--cli", default=os.path.join(target, "release", "veracity"))
    args = ap.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, write, rows, bound in CASES:
            path = os.path.join(tmp, "input")
            with open(path, "wb") as f:
                write(f)
            size = os.path.getsize(path)
            t0 = time.monotonic()
            out_path = os.path.join(tmp, "out.json")
            with open(out_path, "wb") as out, open(os.path.join(tmp, "err"), "wb") as err:
                proc = subprocess.Popen([args.cli, "verify", path, "--json", "--max-flagged", "10"],
                                        stdout=out, stderr=err)
                # wait4 gives this child's own peak memory (ru_maxrss, KB on Linux).
                _, status, usage = os.wait4(proc.pid, 0)
            secs = time.monotonic() - t0
            peak_kb = usage.ru_maxrss
            ok = os.waitstatus_to_exitcode(status) == 0
            got = json.load(open(out_path))["input"]["rows"] if ok else None
            ok = ok and got == rows and peak_kb * 1024 <= bound * size
            print(f"stress: {name}: {size / 1e6:.0f} MB in {secs:.1f} s, "
                  f"peak {peak_kb / 1024:.0f} MB ({peak_kb * 1024 / size:.1f}x input), "
                  f"rows {got} — {'ok' if ok else 'FAILED'}")
            if not ok:
                print(open(os.path.join(tmp, "err"), errors="replace").read()[-2000:], file=sys.stderr)
                failed += 1
            os.remove(path)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
