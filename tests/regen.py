#!/usr/bin/env python3
"""Regenerate the expected outputs of Pyrite's tests by asking CPython 3.11.

Run from anywhere:  python3 tests/regen.py
Needs `python3` = CPython 3.11 and, for the scope and code-object dumps, the
oracle scripts in ../shared/oracle (next to the repository).

What it writes (all committed):
  tests/expected/programs/NAME.json  for tests/programs/NAME.py: the exit status,
                                     stdout and stderr of `python3 tests/programs/NAME.py`
                                     run from the repository root, with the
                                     absolute path of tests/programs replaced by {DIR}
  tests/expected/examples/NAME.json  the same for examples/NAME.py
  tests/expected/commands/NAME.json  for each command line of COMMANDS below: its
                                     arguments, directory and environment, and what
                                     python3 printed (the interpreter's path as {PROGRAM})
  tests/expected/dis/NAME.dis        `python3 -m dis tests/dis/NAME.py`
  tests/expected/repl/NAME.txt       the screen of `python3 -q` on a pseudo-terminal
                                     for the keys of tests/repl/NAME.keys (the rules
                                     are in tests/repl/record_cpython.py)
  tests/expected/interrupt/NAME.json  what tests/interrupt/NAME.py printed and how it
                                     ended when sent SIGINT (the rules are in
                                     tests/interrupt/record_cpython.py)
  tests/expected/scopes/NAME.scopes.jsonl, NAME.codeobjs.jsonl
                                     the oracles' JSON Lines for tests/scopes/NAME.py

The large generated inputs under tests/programs (bad_*.py) are recreated here
first, deterministically, so that the inputs and their expected outputs
always match.
"""

import json
import os
import random
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = os.path.join(ROOT, "tests")
PROGRAMS = os.path.join(TESTS, "programs")
EXPECTED = os.path.join(TESTS, "expected")
ORACLE = os.path.join(os.path.dirname(ROOT), "shared", "oracle")


def check_python():
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"regen.py must run under CPython 3.11, not {sys.version.split()[0]}")


def write_generated_inputs():
    """The bad-input programs that are too regular to write by hand."""
    rng = random.Random(2026)
    with open(os.path.join(PROGRAMS, "bad_random_bytes.py"), "wb") as f:
        f.write(bytes(rng.randrange(256) for _ in range(4096)))
    with open(os.path.join(PROGRAMS, "bad_nested_parens.py"), "w") as f:
        f.write("x = " + "(" * 10000 + "1" + ")" * 10000 + "\n")
    with open(os.path.join(PROGRAMS, "bad_long_sum.py"), "w") as f:
        f.write("a = 1\nprint(" + "+".join(["a"] * 200000) + ")\n")
    open(os.path.join(PROGRAMS, "bad_empty.py"), "w").close()


def run_programs(rel_dir, expected_name):
    """Runs every program of a directory under python3 and records the result."""
    src = os.path.join(ROOT, rel_dir)
    out_dir = os.path.join(EXPECTED, expected_name)
    os.makedirs(out_dir, exist_ok=True)
    names = sorted(n[:-3] for n in os.listdir(src) if n.endswith(".py"))
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    for name in names:
        proc = subprocess.run(
            [sys.executable, os.path.join(rel_dir, name + ".py")],
            cwd=ROOT,
            capture_output=True,
            timeout=120,
            env=env,
        )
        # The directory varies between machines, object addresses between runs.
        normalize = lambda text: re.sub(r"0x[0-9a-f]+", "0x?", text.replace(src, "{DIR}"))
        record = {
            "status": proc.returncode,
            "stdout": normalize(proc.stdout.decode("utf-8", "surrogateescape")),
            "stderr": normalize(proc.stderr.decode("utf-8", "surrogateescape")),
        }
        with open(os.path.join(out_dir, name + ".json"), "w") as f:
            json.dump(record, f, indent=1, ensure_ascii=False)
            f.write("\n")
    print(f"{rel_dir}: {len(names)} expected outputs")


# Command lines run from a directory (relative to the root) with extra
# environment variables (and optionally text on standard input): the
# interpreter's own options, which a program file cannot exercise.
MODULES = "tests/programs/import_modules"
# The flags commands name the environment they depend on, so that the test
# gives pyrite the same one.
FLAG_ENV = {"PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}

COMMANDS = {
    "m_package": (MODULES, {}, ["-m", "runpkg", "a", "-c", "b"]),
    "m_submodule": (MODULES, {}, ["-m", "runpkg.tool", "x"]),
    "m_attached": (MODULES, {}, ["-mimp_counter"]),
    "m_missing": (MODULES, {}, ["-m", "nosuch"]),
    "m_missing_submodule": (MODULES, {}, ["-m", "runpkg.nosuch"]),
    "m_namespace_package": (MODULES, {}, ["-m", "nspkg"]),
    "interactive_piped": (MODULES, {}, ["-i", "-q"], "1+2\n_*10\nfor i in range(2):\n    print(i)\n\n1/0\nimport imp_pkg.beta as b\nb.twice(4)\nif True:\n    x = 5\n\nx\n"),
    "interactive_piped_eof_in_block": (".", {}, ["-i", "-q"], "for i in range(2):\n    print(i)\n"),
    "stdin_program": (MODULES, {}, ["-", "a"], "import sys\nprint(sys.argv, 6 * 7)\n"),
    # A KeyboardInterrupt the prompt reports ends the process by SIGINT only if
    # nothing runs after it.
    "inspect_keyboard_interrupt": (".", {}, ["-q", "-i"], "raise KeyboardInterrupt\nprint('after')\n"),
    "optimize": (".", {}, ["-O", "-c", "assert False, 'x'\nprint(__debug__)"]),
    "optimize_docstrings": (".", {}, ["-OO", "-c", "def f():\n    'doc'\nprint(f.__doc__, __debug__)"]),
    "ignore_environment": (
        "tests",
        {"PYTHONPATH": "programs/import_modules"},
        ["-E", "-c", "try:\n    import imp_counter\nexcept ImportError as e:\n    print(type(e).__name__, e)"],
    ),
    "isolated": (MODULES, {"PYTHONPATH": "."}, ["-I", "-c", "import sys\ntry:\n    import imp_counter\nexcept ImportError as e:\n    print(type(e).__name__, e)"]),
    "combined_flags": (MODULES, {}, ["-Bq", "-c", "import sys; print(sys.dont_write_bytecode, sys.argv)", "-x"]),
    "attached_command": (".", {}, ["-cprint('attached')", "a"]),
    "unbuffered": (".", {}, ["-u", "-c", "import sys; print('out'); print('err', file=sys.stderr); print('out2')"]),
    "version": (".", {}, ["-V"]),
    "version_long_option": (".", {}, ["--version"]),
    "version_among_options": (".", {}, ["-q", "-V", "-c", "print('not run')"]),
    "flags_default": (".", FLAG_ENV, ["-c", "import sys; print(sys.flags); print(sys.flags.optimize, len(sys.flags))"]),
    "flags_isolated": (".", FLAG_ENV, ["-I", "-S", "-c", "import sys; print(sys.flags)"]),
    "flags_counted": (".", FLAG_ENV, ["-bbd", "-s", "-q", "-O", "-B", "-c", "import sys; print(sys.flags)"]),
    "x_and_w_options": (".", {}, ["-X", "dev", "-Xutf8", "-P", "-W", "ignore", "-Wd", "-c", "import sys; print(sys.flags.dev_mode, sys.flags.utf8_mode, sys.flags.safe_path)"]),
    "x_int_max_str_digits": (".", {}, ["-X", "int_max_str_digits=700", "-c", "import sys; print(sys.get_int_max_str_digits(), sys.flags.int_max_str_digits)"]),
    "x_int_max_str_digits_invalid": (".", {}, ["-X", "int_max_str_digits=5", "-c", "pass"]),
    "env_dont_write_bytecode": (".", {"PYTHONDONTWRITEBYTECODE": "1"}, ["-c", "import sys; print(sys.dont_write_bytecode, sys.flags.dont_write_bytecode)"]),
    "env_unbuffered": (".", {"PYTHONUNBUFFERED": "1"}, ["-c", "import sys; print('out'); print('err', file=sys.stderr); print('out2')"]),
    "args_that_look_like_options": (".", {}, ["-c", "import sys; print(sys.argv)", "-c", "-m", "x", "--", "-B"]),
    "pythonpath": (
        "tests",
        {"PYTHONPATH": "programs/import_modules"},
        ["-c", "import imp_pkg.beta, sys; print(imp_pkg.beta.twice(4), sys.path[0] == '')"],
    ),
}


def run_commands():
    out_dir = os.path.join(EXPECTED, "commands")
    os.makedirs(out_dir, exist_ok=True)
    programs = os.path.join(TESTS, "programs")
    for name, (cwd, env, args, *stdin) in COMMANDS.items():
        stdin = stdin[0] if stdin else ""
        proc = subprocess.run(
            [sys.executable, *args],
            cwd=os.path.join(ROOT, cwd),
            input=stdin.encode(),
            capture_output=True,
            timeout=60,
            env={**os.environ, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1", **env},
        )
        normalize = lambda text: text.replace(sys.executable, "{PROGRAM}").replace(programs, "{DIR}")
        record = {
            "cwd": cwd,
            "env": env,
            "args": args,
            "stdin": stdin,
            "status": proc.returncode,
            "stdout": normalize(proc.stdout.decode()),
            "stderr": normalize(proc.stderr.decode()),
        }
        with open(os.path.join(out_dir, name + ".json"), "w") as f:
            json.dump(record, f, indent=1, ensure_ascii=False)
            f.write("\n")
    print(f"commands: {len(COMMANDS)} expected outputs")


def run_dis():
    out_dir = os.path.join(EXPECTED, "dis")
    os.makedirs(out_dir, exist_ok=True)
    src = os.path.join(TESTS, "dis")
    names = sorted(n[:-3] for n in os.listdir(src) if n.endswith(".py"))
    for name in names:
        text = subprocess.run(
            [sys.executable, "-m", "dis", os.path.join("tests", "dis", name + ".py")],
            cwd=ROOT,
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        # Object addresses change from run to run; the tests ignore them.
        text = re.sub(r"0x[0-9a-f]+", "0x?", text)
        with open(os.path.join(out_dir, name + ".dis"), "w") as f:
            f.write(text)
    print(f"dis: {len(names)} listings")


def run_repl():
    subprocess.run([sys.executable, os.path.join(TESTS, "repl", "record_cpython.py")], check=True)


def run_interrupts():
    subprocess.run([sys.executable, os.path.join(TESTS, "interrupt", "record_cpython.py")], check=True)


def run_oracles():
    if not os.path.isdir(ORACLE):
        print(f"scopes/codeobjs: skipped, no oracle at {ORACLE}")
        return
    out_dir = os.path.join(EXPECTED, "scopes")
    os.makedirs(out_dir, exist_ok=True)
    src = os.path.join(TESTS, "scopes")
    names = sorted(n[:-3] for n in os.listdir(src) if n.endswith(".py"))
    for name in names:
        rel = os.path.join("tests", "scopes", name + ".py")
        for mode in ("scopes", "codeobjs"):
            text = subprocess.run(
                [sys.executable, os.path.join(ORACLE, mode + ".py"), rel],
                cwd=ROOT,
                capture_output=True,
                check=True,
                text=True,
            ).stdout
            with open(os.path.join(out_dir, f"{name}.{mode}.jsonl"), "w") as f:
                f.write(text)
    print(f"scopes/codeobjs: {len(names)} files")


def main():
    check_python()
    write_generated_inputs()
    run_programs(os.path.join("tests", "programs"), "programs")
    run_programs("examples", "examples")
    run_commands()
    run_dis()
    run_repl()
    run_interrupts()
    run_oracles()


if __name__ == "__main__":
    main()
