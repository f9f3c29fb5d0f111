#!/usr/bin/env python3
"""Compile throughput: `pyrite compile --no-write` against CPython's own
`compile(src, path, 'exec')`, over the same files, in the same run.

    python3 benches/compile_throughput.py [DIR...] [--runs N] [--pyrite PATH]

Without DIR it takes the standard library of the running python3 (as
`sysconfig.get_paths()["stdlib"]` gives it), leaving out site-packages.
Build Pyrite first: `cargo build --release`.

For each round, in alternation:
  * CPython: every file is read into memory first, then the loop of
    `compile(src, path, "exec", dont_inherit=True)` is timed (files that
    CPython rejects count too: it did the work to find the error).
  * Pyrite: the wall time of `pyrite compile --no-write -j 1 FILES...`
    (one thread, like CPython), which also includes starting the process
    and reading the files; and the same with `-j 0` (one worker per core).

It prints the median of each, lines per second, and the ratios. It is a
tool, not a test: nothing here fails when the machine is slow.
"""

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def python_files(dirs):
    files = []
    for top in dirs:
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames if d != "site-packages")
            files.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    return files


def time_cpython(sources):
    failures = 0
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path, src in sources:
            try:
                compile(src, path, "exec", dont_inherit=True)
            except (SyntaxError, ValueError):
                failures += 1
    return time.perf_counter() - start, failures


def time_pyrite(pyrite, files, jobs):
    start = time.perf_counter()
    proc = subprocess.run(
        [pyrite, "compile", "--no-write", "-j", str(jobs), *files],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    elapsed = time.perf_counter() - start
    # Status 1 only means some file has a SyntaxError, as with compileall.
    if proc.returncode not in (0, 1):
        sys.exit(f"pyrite failed with status {proc.returncode}:\n{proc.stderr.decode()[-2000:]}")
    return elapsed, proc.stderr.decode(errors="replace").count("*** Error compiling")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pyrite", default=os.path.join(ROOT, "target", "release", "pyrite"))
    args = parser.parse_args()
    dirs = args.dirs or [sysconfig.get_paths()["stdlib"]]
    if not os.path.exists(args.pyrite):
        sys.exit(f"no pyrite binary at {args.pyrite}: run `cargo build --release` first")

    files = python_files(dirs)
    sources = []
    for path in files:
        with open(path, "rb") as f:
            sources.append((path, f.read()))
    lines = sum(src.count(b"\n") for _, src in sources)
    print(f"{len(files)} files, {lines} lines, from {', '.join(dirs)}")
    print(f"python3 {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each\n")

    cpython, single, parallel = [], [], []
    for _ in range(args.runs):
        elapsed, cpython_failures = time_cpython(sources)
        cpython.append(elapsed)
        elapsed, failures = time_pyrite(args.pyrite, files, 1)
        single.append(elapsed)
        parallel.append(time_pyrite(args.pyrite, files, 0)[0])

    base = statistics.median(cpython)
    rows = [
        ("CPython compile()", base),
        ("pyrite compile -j 1", statistics.median(single)),
        ("pyrite compile (all cores)", statistics.median(parallel)),
    ]
    print(f"{'':28} {'median s':>9} {'lines/s':>12} {'vs CPython':>11}")
    for name, seconds in rows:
        print(f"{name:28} {seconds:9.2f} {lines / seconds:12,.0f} {base / seconds:10.2f}x")
    print(f"\nfiles rejected: CPython {cpython_failures}, pyrite {failures}")


if __name__ == "__main__":
    main()
