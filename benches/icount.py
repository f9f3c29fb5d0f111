#!/usr/bin/env python3
"""Instruction counts of the benchmark programs, under callgrind.

    python3 benches/icount.py [--pyrite PATH] [--python] [PROGRAM...]

Wall times on the shared development machines vary by a factor of two from
one hour to the next; the number of instructions a run executes does not.
This is the figure to record before and after an optimisation (issue #7).
Each program runs once under `valgrind --tool=callgrind`; the table shows
Pyrite's instruction count and, with `--python`, CPython's and the ratio.

A tool, not a test. Build Pyrite first (`cargo build --release`).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "benches", "programs")


def instructions(command):
    """The instructions one run executed (callgrind's `Collected` total)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        found = re.search(r"Collected : (\d+)", result.stderr)
        if not found:
            sys.exit("callgrind gave no count for %s:\n%s" % (command, result.stderr[-500:]))
        return int(found.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyrite", default=os.path.join(ROOT, "target", "release", "pyrite"))
    parser.add_argument("--python", action="store_true", help="count python3 too")
    parser.add_argument("programs", nargs="*")
    args = parser.parse_args()
    names = args.programs or sorted(
        f[:-3] for f in os.listdir(PROGRAMS) if f.endswith(".py")
    )
    header = "%-16s %16s" % ("program", "pyrite Ir")
    if args.python:
        header += " %16s %7s" % ("python3 Ir", "ratio")
    print(header)
    print("-" * len(header))
    for name in names:
        path = os.path.join(PROGRAMS, name + ".py")
        mine = instructions([args.pyrite, path])
        line = "%-16s %16s" % (name, format(mine, ","))
        if args.python:
            theirs = instructions(["python3", "-I", "-S", path])
            line += " %16s %6.2fx" % (format(theirs, ","), mine / theirs)
        print(line, flush=True)


if __name__ == "__main__":
    main()
