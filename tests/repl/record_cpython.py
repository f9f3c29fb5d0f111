#!/usr/bin/env python3
"""Record what CPython 3.11's interactive prompt shows for scripted keys.

Usage:  python3 tests/repl/record_cpython.py      (tests/regen.py runs it)

For every tests/repl/NAME.keys it runs `python3 -q` (no banner) on a
pseudo-terminal of 24 rows and 80 columns, types the keys, and writes the
screen to tests/expected/repl/NAME.txt. The Rust test
crates/pyrite/tests/repl_pty.rs types the same keys into `pyrite -q` and
compares its screen with that file; the two follow the rules below.

Keys: each line of the file is typed followed by Enter (a carriage return,
which is what a terminal sends for it), except that a line that is exactly
`<Ctrl-D>` sends Ctrl-D alone. Before each line the program's prompt must be
on the screen: a line feed has been shown since the previous keys were sent
and the cursor's line reads exactly `>>> ` or `... `. (Typing ahead of the
prompt would let the terminal echo the keys itself while no line editor is
reading, which a user at a keyboard never sees.) After the last keys the
program must leave, with status 0.

Screen: the bytes the program wrote, decoded as UTF-8, applied to a screen of
lines with one cell per character. A printable character overwrites the cell
under the cursor and moves it right; carriage return moves the cursor to
column 0, line feed to the next line in the same column, backspace one column
left, tab to the next multiple of 8; `ESC [ n C`, `ESC [ n D` and `ESC [ n G`
move within the line and `ESC [ n K` erases in it. Any other escape sequence
is dropped: those a line editor sends switch terminal modes (bracketed paste,
synchronized output) or colours. Sequences that move to another row or erase
the display are errors instead, since a line model cannot show them and
nothing typed here is long enough to wrap. So what a line editor redraws in
place shows once, as on a real screen. The transcript is the screen's lines
joined by line feeds, trailing blanks kept.

Environment: the caller's, with HOME an empty directory (no history is read
or left behind), TERM=xterm, INPUTRC=/dev/null (no personal readline
settings) and no PYTHONSTARTUP.
"""

import os
import pty
import re
import select
import sys
import tempfile
import termios
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KEYS = os.path.join(ROOT, "tests", "repl")
EXPECTED = os.path.join(ROOT, "tests", "expected", "repl")
PROMPTS = (">>> ", "... ")
# How long to wait for each prompt: generous, so that a loaded machine
# never changes what is recorded.
PROMPT_TIMEOUT = 60.0
CONTROL_SEQUENCE = re.compile(r"\x1b\[([0-?]*)[ -/]*([@-~])")
# Such as setting the window title; it ends with BEL or ESC \.
OPERATING_SYSTEM_COMMAND = re.compile(r"\x1b\].*?(\x07|\x1b\\)", re.S)


def read_keys(path):
    """The bytes to type, one element per line of the keys file."""
    with open(path) as f:
        lines = f.read().splitlines()
    return [b"\x04" if line == "<Ctrl-D>" else line.encode() + b"\r" for line in lines]


class Screen:
    """The screen after `output`, by the rules of the module docstring."""

    def __init__(self, output):
        self.lines = [[]]
        self.row = 0
        self.col = 0
        self.line_feeds = 0
        text = output.decode("utf-8", "replace")
        i = 0
        while i < len(text):
            ch = text[i]
            i += 1
            if ch == "\x1b":
                i = self.escape(text, i)
            elif ch == "\r":
                self.col = 0
            elif ch == "\n":
                self.row += 1
                self.line_feeds += 1
                if self.row == len(self.lines):
                    self.lines.append([])
            elif ch == "\b":
                self.col = max(0, self.col - 1)
            elif ch == "\t":
                self.col = (self.col // 8 + 1) * 8
            elif unicodedata.category(ch) != "Cc":
                self.put(ch)

    def escape(self, text, i):
        """Applies the escape sequence after the ESC at i - 1; returns where
        the text goes on. One cut off by the end of the output is dropped."""
        if text.startswith("[", i):
            match = CONTROL_SEQUENCE.match(text, i - 1)
            if not match:
                return len(text)
            self.control_sequence(*match.groups())
            return match.end()
        if text.startswith("]", i):
            match = OPERATING_SYSTEM_COMMAND.match(text, i - 1)
            return match.end() if match else len(text)
        return i + 1

    def control_sequence(self, params, final):
        n = int(params) if params.isdigit() else 0
        line = self.lines[self.row]
        if final == "C":
            self.col += max(n, 1)
        elif final == "D":
            self.col = max(0, self.col - max(n, 1))
        elif final == "G":
            self.col = max(n, 1) - 1
        elif final == "K":
            if n == 0:
                del line[self.col :]
            elif n == 1:
                line[: self.col + 1] = " " * len(line[: self.col + 1])
            elif n == 2:
                line.clear()
        elif final in "ABEFHJfd" and not params.startswith("?"):
            raise ValueError(f"a line model cannot show ESC [{params}{final}")

    def put(self, ch):
        line = self.lines[self.row]
        if self.col > len(line):
            line.extend(" " * (self.col - len(line)))
        if self.col == len(line):
            line.append(ch)
        else:
            line[self.col] = ch
        self.col += 1

    def at_prompt(self, line_feeds_before):
        return self.line_feeds > line_feeds_before and "".join(self.lines[self.row]) in PROMPTS

    def text(self):
        return "\n".join("".join(line) for line in self.lines)


def run_session(argv, keys, env):
    """Types `keys` into `argv` on a pseudo-terminal; returns the screen."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    output = bytearray()

    def read_until(done, what):
        """Reads until done(screen) or the program closes the terminal."""
        deadline = time.monotonic() + PROMPT_TIMEOUT
        while not done(Screen(output)):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {what} after {PROMPT_TIMEOUT} s:\n{Screen(output).text()}")
            if not select.select([fd], [], [], left)[0]:
                continue
            try:
                data = os.read(fd, 4096)
            except OSError:
                # EIO: every process holding the terminal has closed it.
                data = b""
            if not data:
                return False
            output.extend(data)
        return True

    try:
        termios.tcsetwinsize(fd, (24, 80))
        # The first prompt needs no line feed before it.
        read_until(lambda screen: screen.at_prompt(-1), "first prompt")
        for n, key in enumerate(keys):
            before = Screen(output).line_feeds
            os.write(fd, key)
            if n + 1 < len(keys) and not read_until(lambda screen: screen.at_prompt(before), f"prompt after {key!r}"):
                raise RuntimeError(f"{argv} left before all keys were typed:\n{Screen(output).text()}")
        read_until(lambda screen: False, "end after the last keys")
        _, status = os.waitpid(pid, 0)
        pid = None
    finally:
        if pid is not None:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{argv} exited with status {os.waitstatus_to_exitcode(status)}")
    return Screen(output).text()


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"record_cpython.py must run under CPython 3.11, not {sys.version.split()[0]}")
    os.makedirs(EXPECTED, exist_ok=True)
    names = sorted(n[: -len(".keys")] for n in os.listdir(KEYS) if n.endswith(".keys"))
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, TERM="xterm", INPUTRC="/dev/null")
        env.pop("PYTHONSTARTUP", None)
        for name in names:
            keys = read_keys(os.path.join(KEYS, name + ".keys"))
            with open(os.path.join(EXPECTED, name + ".txt"), "w") as f:
                f.write(run_session([sys.executable, "-q"], keys, env))
    print(f"repl: {len(names)} sessions")


if __name__ == "__main__":
    main()
