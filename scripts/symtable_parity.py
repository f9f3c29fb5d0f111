#!/usr/bin/env python3
"""Runs the same symtable-walking program under python3 and Pyrite over
Python files (default: ../shared/oracle/examples) and counts the files whose
output is identical.  A tool, not a test: the inputs live outside the
repository.

    python3 scripts/symtable_parity.py [FILE ...]
"""
import glob
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYRITE = os.path.join(ROOT, "target", "release", "pyrite")

WALKER = r'''
import sys, symtable
path = sys.argv[1]
with open(path) as f:
    source = f.read()
def show(table, depth):
    pad = "  " * depth
    print(pad + table.get_type(), table.get_name(), table.get_lineno(),
          table.is_nested(), table.is_optimized(), sorted(table.get_identifiers()))
    if table.get_type() == "function":
        print(pad + " params", table.get_parameters(), "locals", table.get_locals(),
              "globals", table.get_globals(), "frees", table.get_frees(),
              "nonlocals", table.get_nonlocals())
    if table.get_type() == "class":
        print(pad + " methods", sorted(table.get_methods()))
    for sym in sorted(table.get_symbols(), key=lambda s: s.get_name()):
        flags = [n for n in ("is_local", "is_global", "is_declared_global", "is_free",
                             "is_parameter", "is_nonlocal", "is_imported", "is_assigned",
                             "is_referenced", "is_annotated", "is_namespace")
                 if getattr(sym, n)()]
        print(pad + "  ", sym.get_name(), flags, len(sym.get_namespaces()))
    for child in table.get_children():
        show(child, depth + 1)
show(symtable.symtable(source, path, "exec"), 0)
'''


def run(command, path):
    p = subprocess.run(command + ["-c", WALKER, path], capture_output=True, text=True,
                       timeout=60)
    # (Of an error only the exception line: the frames inside the symtable
    # module are CPython's own.)
    last = p.stderr.strip().splitlines()[-1:] if p.stderr.strip() else []
    return p.returncode, p.stdout, last


def main():
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(ROOT, "..", "shared", "oracle",
                                                          "examples", "*.py")))
    same = 0
    for path in files:
        expected = run(["python3"], path)
        actual = run([PYRITE], path)
        if expected == actual:
            same += 1
        else:
            print("differs:", os.path.relpath(path, ROOT))
    print(f"{same}/{len(files)} files: the same symtable output as CPython")


if __name__ == "__main__":
    main()
