#!/usr/bin/env python3
"""Records what CPython 3.11 does for each tests/interrupt/NAME.py when sent
SIGINT, into tests/expected/interrupt/NAME.json. Run by tests/regen.py.

The rules, which crates/pyrite/tests/interrupt.rs follows too: the program
runs from the repository root with stdin closed; each time a line of its
stdout starts with "ready", the driver waits 0.2 s (so that the program is
inside whatever follows) and sends it SIGINT. The record holds stdout,
stderr (the absolute path of tests/interrupt replaced by {DIR}) and how the
process ended: "status N" or "signal N".
"""

import json
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXPECTED = os.path.join(ROOT, "tests", "expected", "interrupt")


def record(name):
    p = subprocess.Popen(
        [sys.executable, os.path.join(HERE, name + ".py")],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out = []
    for line in p.stdout:
        out.append(line)
        if line.startswith(b"ready"):
            time.sleep(0.2)
            p.send_signal(signal.SIGINT)
    err = p.stderr.read()
    code = p.wait()
    ended = f"signal {-code}" if code < 0 else f"status {code}"
    return {
        "stdout": b"".join(out).decode(),
        "stderr": err.decode().replace(HERE, "{DIR}"),
        "ended": ended,
    }


def main():
    os.makedirs(EXPECTED, exist_ok=True)
    names = sorted(f[:-3] for f in os.listdir(HERE) if f.endswith(".py") and f != "record_cpython.py")
    for name in names:
        with open(os.path.join(EXPECTED, name + ".json"), "w") as f:
            json.dump(record(name), f, indent=1, sort_keys=True)
            f.write("\n")
    print(f"interrupt: {len(names)} programs")


if __name__ == "__main__":
    main()
