#!/usr/bin/env python3
"""Import with and without the bytecode cache: Pyrite against CPython.

    python3 benches/import_cache.py [--modules 200] [--runs 5] [--pyrite PATH]

Generates a package of N modules (functions, classes, comprehensions,
closures: about 60 lines each) in a temporary directory and a script that
imports all of them, then times, alternating the implementations:

  cold  no cache files exist: every module is compiled and its cache written
  warm  the cache files of the previous run are there and up to date

for `pyrite` (cache files NAME.pyrite-311.pyc) and for `python3` (its own
NAME.cpython-311.pyc; the two never share files). Each figure is the median
wall time of the whole process, start-up included; the start-up alone
(`-c pass`) is printed too. A tool, not a test.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MODULE = '''"""Generated module {i}."""
CONSTANT_{i} = {i}
TABLE = {{"a": 1, "b": [1, 2, 3], "c": (4.5, -6j, b"bytes", None)}}


def function_{i}(a, b=2, *args, key=None, **kwargs):
    total = a + b
    for value in args:
        if value % 2:
            total += value
        elif value > 10:
            total -= value
        else:
            continue
    return total, key, sorted(kwargs)


def make_counter(start):
    count = start

    def bump(step=1):
        nonlocal count
        count += step
        return count

    return bump


class Shape{i}:
    sides = {i} % 7

    def __init__(self, name, size=1.0):
        self.name = name
        self.size = size

    def area(self):
        return self.size * self.sides

    def describe(self):
        return f"{{self.name!r}} with {{self.sides}} sides of {{self.size:.2f}}"

    @property
    def doubled(self):
        return [x * 2 for x in range(self.sides) if x]


def generator(n):
    for i in range(n):
        try:
            yield i * i
        except ValueError as err:
            raise RuntimeError("bad") from err
        finally:
            pass


squares = {{k: k * k for k in range(5)}}
'''


def build(directory, count):
    package = os.path.join(directory, "genpkg")
    os.makedirs(package)
    with open(os.path.join(package, "__init__.py"), "w") as f:
        f.write('"""A generated package."""\n')
    for i in range(count):
        with open(os.path.join(package, f"mod{i:03}.py"), "w") as f:
            f.write(MODULE.format(i=i))
    with open(os.path.join(directory, "main.py"), "w") as f:
        for i in range(count):
            f.write(f"import genpkg.mod{i:03}\n")
        f.write(f"print(genpkg.mod{count - 1:03}.function_{count - 1}(1, 2, 3))\n")
    return package


def clear_caches(package):
    shutil.rmtree(os.path.join(package, "__pycache__"), ignore_errors=True)


def run(command, cwd, env):
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{command[0]} failed:\n{proc.stderr.decode()[-2000:]}")
    return elapsed, proc.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pyrite", default=os.path.join(ROOT, "target", "release", "pyrite"))
    args = parser.parse_args()
    if not os.path.exists(args.pyrite):
        sys.exit(f"no pyrite binary at {args.pyrite}: run `cargo build --release` first")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    interpreters = {"pyrite": [args.pyrite], "python3": [sys.executable]}
    times = {(name, kind): [] for name in interpreters for kind in ("start-up", "cold", "warm")}
    outputs = {}
    with tempfile.TemporaryDirectory() as directory:
        package = build(directory, args.modules)
        lines = sum(1 for name in os.listdir(package) for _ in open(os.path.join(package, name)))
        print(f"{args.modules} modules, {lines} lines; {args.runs} runs each; "
              f"python3 {sys.version.split()[0]}, {os.cpu_count()} cores\n")
        for _ in range(args.runs):
            for name, command in interpreters.items():
                times[(name, "start-up")].append(run(command + ["-c", "pass"], directory, env)[0])
                clear_caches(package)
                elapsed, out = run(command + ["main.py"], directory, env)
                times[(name, "cold")].append(elapsed)
                outputs[name] = out
                elapsed, out = run(command + ["main.py"], directory, env)
                times[(name, "warm")].append(elapsed)
    if outputs["pyrite"] != outputs["python3"]:
        print(f"outputs differ: pyrite {outputs['pyrite']!r}, python3 {outputs['python3']!r}")
    print(f"{'':10} {'pyrite s':>9} {'python3 s':>10} {'pyrite/python3':>15}")
    for kind in ("start-up", "cold", "warm"):
        mine = statistics.median(times[("pyrite", kind)])
        theirs = statistics.median(times[("python3", kind)])
        print(f"{kind:10} {mine:9.3f} {theirs:10.3f} {mine / theirs:14.2f}x")
    cold = statistics.median(times[("pyrite", "cold")])
    warm = statistics.median(times[("pyrite", "warm")])
    print(f"\npyrite warm is {cold / warm:.1f}x faster than cold")


if __name__ == "__main__":
    main()
