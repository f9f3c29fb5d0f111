#!/usr/bin/env python3
"""Peak memory of a cycle-heavy program, Pyrite against CPython 3.11.

    python3 benches/memory.py [--pyrite PATH]

Runs benches/memory/cycles.py (every iteration makes and drops several small
reference cycles, which only a cycle collector frees) for 250,000 and
1,000,000 iterations under Pyrite and under `python3 -I -S`, and prints each
run's peak RSS (from /usr/bin/time) and wall time. A flat profile means the
same peak for both sizes. A tool, not a test; build Pyrite first.
"""

import argparse
import os
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAM = os.path.join(ROOT, "benches", "memory", "cycles.py")


def peak(command):
    with tempfile.NamedTemporaryFile("r") as rss:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name] + command,
                       check=True, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        return int(rss.read().split()[-1]) / 1024, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyrite", default=os.path.join(ROOT, "target", "release", "pyrite"))
    args = parser.parse_args()
    print("%-10s %10s %10s %8s" % ("", "iterations", "peak MiB", "seconds"))
    for name, command in (("pyrite", [args.pyrite]), ("python3", ["python3", "-I", "-S"])):
        for n in (250_000, 1_000_000):
            mib, seconds = peak(command + [PROGRAM, str(n)])
            print("%-10s %10d %10.1f %8.2f" % (name, n, mib, seconds), flush=True)


if __name__ == "__main__":
    main()
