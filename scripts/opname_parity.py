#!/usr/bin/env python3
"""How closely `dis.get_instructions` under Pyrite follows CPython 3.11.

    python3 scripts/opname_parity.py [--pyrite PATH] [--functions N] [--show K]

Picks N functions (default 250) spread evenly over the standard library of
`python3` (site-packages and test data left out) and the examples of
../shared/oracle/examples, then runs this same script in `dump` mode under
both interpreters: each compiles the files with `compile()`, finds the chosen
functions among the nested code objects and prints the opnames that
`dis.get_instructions` yields. It reports

  * name access: functions whose name-access instructions (LOAD_FAST,
    STORE_DEREF, LOAD_GLOBAL, LOAD_NAME, ..., MAKE_CELL, COPY_FREE_VARS,
    LOAD_CLOSURE, MAKE_FUNCTION), with the names they access, come in the same
    sequence as CPython's;
  * full sequence: functions whose whole opname sequence is CPython's, with
    CACHE, RESUME, PRECALL and EXTENDED_ARG (CPython's internal bookkeeping)
    left out.

The dump mode uses only what Pyrite has: `compile`, `open`, `dis`.
"""

import sys

NAME_ACCESS = {
    "LOAD_FAST", "STORE_FAST", "DELETE_FAST", "LOAD_DEREF", "STORE_DEREF",
    "DELETE_DEREF", "LOAD_CLASSDEREF", "LOAD_GLOBAL", "STORE_GLOBAL",
    "DELETE_GLOBAL", "LOAD_NAME", "STORE_NAME", "DELETE_NAME", "MAKE_CELL",
    "COPY_FREE_VARS", "LOAD_CLOSURE", "MAKE_FUNCTION",
}
INTERNAL = {"CACHE", "RESUME", "PRECALL", "EXTENDED_ARG"}



def code_objects(code):
    yield code
    for const in code.co_consts:
        if type(const) is type(code):
            yield from code_objects(const)


def dump(list_file):
    """Runs under either interpreter: one block of lines per chosen function."""
    import dis

    wanted = {}
    with open(list_file) as f:
        for line in f:
            path, qualname, lineno = line.rstrip("\n").split("\t")
            wanted.setdefault(path, set()).add((qualname, int(lineno)))
    for path in sorted(wanted):
        with open(path, encoding="utf-8") as f:
            source = f.read()
        top = compile(source, path, "exec")
        for code in code_objects(top):
            key = (code.co_qualname, code.co_firstlineno)
            if key not in wanted[path]:
                continue
            wanted[path].discard(key)
            names, ops = [], []
            for instr in dis.get_instructions(code):
                if instr.opname in INTERNAL:
                    continue
                ops.append(instr.opname)
                if instr.opname in NAME_ACCESS:
                    arg = instr.argval if isinstance(instr.argval, str) else instr.arg
                    names.append(f"{instr.opname}:{arg}")
            print(f"@ {path}\t{key[0]}\t{key[1]}")
            print(" ".join(names))
            print(" ".join(ops))


def choose(count, examples):
    """`count` functions, evenly spread over the stdlib files in sorted order,
    plus every function of the oracle examples."""
    import os
    import sysconfig

    stdlib = sysconfig.get_paths()["stdlib"]
    files = []
    for directory, subdirs, names in os.walk(stdlib):
        subdirs[:] = sorted(
            d for d in subdirs if d not in ("site-packages", "data", "__pycache__")
        )
        files.extend(os.path.join(directory, n) for n in sorted(names) if n.endswith(".py"))
    functions = []
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                top = compile(f.read(), path, "exec")
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        for code in code_objects(top):
            if code.co_flags & 1:  # CO_OPTIMIZED: a function's code
                functions.append((path, code.co_qualname, code.co_firstlineno))
    step = max(1, len(functions) // count)
    chosen = functions[::step][:count]
    if os.path.isdir(examples):
        for name in sorted(os.listdir(examples)):
            if not name.endswith(".py"):
                continue
            path = os.path.join(examples, name)
            try:
                with open(path, encoding="utf-8") as f:
                    top = compile(f.read(), path, "exec")
            except SyntaxError:
                continue
            for code in code_objects(top):
                chosen.append((path, code.co_qualname, code.co_firstlineno))
    return chosen


def blocks(text):
    out = {}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("@ "):
            out[line[2:]] = (lines[i + 1], lines[i + 2])
    return out


def main():
    args = sys.argv[1:]
    if args and args[0] == "dump":
        dump(args[1])
        return
    # Only python3 runs this part.
    import os
    import subprocess

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    examples = os.path.join(os.path.dirname(root), "shared", "oracle", "examples")
    pyrite = os.path.join(root, "target", "release", "pyrite")
    count, show = 250, 5
    while args:
        flag, value = args.pop(0), args.pop(0)
        if flag == "--pyrite":
            pyrite = value
        elif flag == "--functions":
            count = int(value)
        elif flag == "--show":
            show = int(value)
        else:
            sys.exit(f"unknown option {flag}")
    chosen = choose(count, examples)
    list_file = os.path.join(root, "target", "opname_parity.list")
    with open(list_file, "w") as f:
        for path, qualname, lineno in chosen:
            f.write(f"{path}\t{qualname}\t{lineno}\n")
    runs = {}
    for name, exe in (("python3", sys.executable), ("pyrite", pyrite)):
        result = subprocess.run(
            [exe, os.path.abspath(__file__), "dump", list_file],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            sys.exit(f"{name} failed:\n{result.stderr[-2000:]}")
        runs[name] = blocks(result.stdout)
    expected, actual = runs["python3"], runs["pyrite"]
    names_ok = full_ok = 0
    differing = []
    for key, (names, ops) in expected.items():
        got = actual.get(key)
        if got and got[0] == names:
            names_ok += 1
        if got and got[1] == ops:
            full_ok += 1
        elif got:
            differing.append((key, ops, got[1]))
    total = len(expected)
    examples = sum(1 for k in expected if k.startswith(examples))
    print(f"functions: {total} ({total - examples} from the stdlib, {examples} "
          f"code objects of the oracle examples)")
    print(f"name access matches: {names_ok}/{total} ({100 * names_ok / total:.1f}%)")
    print(f"full opname sequence matches: {full_ok}/{total} ({100 * full_ok / total:.1f}%)")
    for key, want, got in differing[:show]:
        print(f"\n{key}\n  python3: {want}\n  pyrite:  {got}")
    if names_ok != total:
        for key, (names, _) in expected.items():
            if actual.get(key, ("",))[0] != names:
                print(f"\nNAME ACCESS DIFFERS {key}\n  python3: {names}\n"
                      f"  pyrite:  {actual.get(key, ('missing',))[0]}")
        sys.exit(1)


if __name__ == "__main__":
    main()
