#!/usr/bin/env python3
"""The benchmark harness: Pyrite against CPython 3.11 on the programs in
benches/programs, plus start-up.

    python3 benches/run.py [--runs 5] [--pyrite PATH] [PROGRAM...]

Each program runs under `pyrite` and under `python3` alternately, `--runs`
times each. The table shows, per program, the median wall time of each, the
ratio pyrite/CPython (below 1 means Pyrite is faster), the peak RSS of each
(the largest of the runs, from the kernel's rusage of the child), and whether
both printed the same output. The last rows are the geometric mean of the
ratios, and start-up: `pyrite -c pass` against `python3 -I -S -c pass`.

A tool, not a test: it never fails because a machine is slow. Build Pyrite
first (`cargo build --release`).
"""

import argparse
import math
import os
import platform
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "benches", "programs")


def run(command):
    """Wall time, peak RSS in MiB, and what one run printed."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as rss_file:
        # The peak RSS comes from /usr/bin/time, a small process that starts
        # the program: a child of this (larger) Python process would count
        # this process's memory in its peak (Linux keeps the high-water mark
        # across exec). Without /usr/bin/time, wait4's figure is an upper bound.
        timed = ["/usr/bin/time", "-f", "%M", "-o", rss_file.name] + command
        if not os.path.exists("/usr/bin/time"):
            timed = command
        actions = [
            (os.POSIX_SPAWN_DUP2, out.fileno(), 1),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
        ]
        start = time.perf_counter()
        pid = os.posix_spawnp(timed[0], timed, env, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
        try:
            peak_kib = int(rss_file.read().strip().splitlines()[-1])
        except (ValueError, IndexError):
            peak_kib = usage.ru_maxrss
    printed = stdout if code == 0 else b"<exit %d> %s" % (code, stderr[-300:])
    return elapsed, peak_kib / 1024, printed


def measure(command, runs):
    times, rss, outputs = [], 0.0, set()
    for _ in range(runs):
        elapsed, peak, printed = run(command)
        times.append(elapsed)
        rss = max(rss, peak)
        outputs.add(printed)
    return times, rss, outputs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("programs", nargs="*")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pyrite", default=os.path.join(ROOT, "target", "release", "pyrite"))
    args = parser.parse_args()
    if not os.path.exists(args.pyrite):
        sys.exit(f"no pyrite binary at {args.pyrite}: run `cargo build --release` first")
    names = args.programs or sorted(n[:-3] for n in os.listdir(PROGRAMS) if n.endswith(".py"))
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"python3 {sys.version.split()[0]}, {args.runs} runs each, "
          f"{time.strftime('%Y-%m-%d')}\n")
    header = f"{'program':16} {'pyrite s':>9} {'python3 s':>10} {'ratio':>7} {'pyrite MiB':>11} {'python3 MiB':>12}  output"
    print(header)
    print("-" * len(header))
    ratios = []
    for name in names:
        path = os.path.join(PROGRAMS, name + ".py")
        mine_t, theirs_t, mine_rss, theirs_rss = [], [], 0.0, 0.0
        mine_out, theirs_out = set(), set()
        # Alternate the two, one run at a time, so that drifts in machine load
        # hit both alike.
        for _ in range(args.runs):
            t, r, o = measure([args.pyrite, path], 1)
            mine_t += t
            mine_rss = max(mine_rss, r)
            mine_out |= o
            t, r, o = measure([sys.executable, path], 1)
            theirs_t += t
            theirs_rss = max(theirs_rss, r)
            theirs_out |= o
        mine, theirs = statistics.median(mine_t), statistics.median(theirs_t)
        ratio = mine / theirs
        ratios.append(ratio)
        same = "same" if mine_out == theirs_out and len(mine_out) == 1 else "DIFFERENT"
        print(f"{name:16} {mine:9.3f} {theirs:10.3f} {ratio:6.2f}x {mine_rss:11.1f} {theirs_rss:12.1f}  {same}")
    geomean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print(f"{'geometric mean':16} {'':9} {'':10} {geomean:6.2f}x")
    mine_t, mine_rss, _ = measure([args.pyrite, "-c", "pass"], args.runs)
    theirs_t, theirs_rss, _ = measure([sys.executable, "-I", "-S", "-c", "pass"], args.runs)
    mine, theirs = statistics.median(mine_t), statistics.median(theirs_t)
    print(f"{'start-up':16} {mine:9.3f} {theirs:10.3f} {mine / theirs:6.2f}x {mine_rss:11.1f} {theirs_rss:12.1f}")


if __name__ == "__main__":
    main()
