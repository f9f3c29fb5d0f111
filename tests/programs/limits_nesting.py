# Source nested 100,000 levels deep, of each kind: compiling it ends in the
# SyntaxError, IndentationError, RecursionError or MemoryError that CPython
# raises, and the program goes on. (Blocks can only nest through indentation,
# which stops at 100 levels, so they are nested 1,000 deep.)
N = 100000
cases = [
    ("parentheses", "(" * N + "1" + ")" * N),
    ("brackets", "[" * N + "]" * N),
    ("braces", "{" * N + "}" * N),
    ("dict displays", "{1:" * N + "1" + "}" * N),
    ("call arguments", "f(" * N + ")" * N),
    ("unary minus", "-" * N + "1"),
    ("not", "not " * N + "x"),
    ("lambda", "lambda: " * N + "1"),
    ("conditional", "1 if x else " * N + "2"),
    ("power", "**".join(["2"] * N)),
    ("binary operators", "+".join(["1"] * N)),
    ("attributes", "x" + ".a" * N),
    ("calls", "f" + "()" * N),
    ("subscripts", "x" + "[0]" * N),
    ("f-strings", "f'{" * N + "1" + "}'" * N),
    ("comparisons", "<".join(["x"] * N)),
    ("and", " and ".join(["x"] * N)),
    ("tuple", ",".join(["1"] * N)),
    ("string concatenation", " ".join(["'a'"] * N)),
]
M = 1000
for kind in ["if x:", "for x in y:", "while x:", "with x:", "try:", "def f():", "class C:"]:
    body = "".join(" " * i + kind + "\n" for i in range(M))
    cases.append(("blocks " + kind, body + " " * M + "pass\n"))
for kind in ["for x in y:", "while x:", "with x:", "try:"]:
    tail = "".join(" " * i + "finally: pass\n" for i in reversed(range(25))) if kind == "try:" else ""
    body = "".join(" " * i + kind + "\n" for i in range(25))
    cases.append(("static blocks " + kind, body + " " * 25 + "pass\n" + tail))
for name, source in cases:
    try:
        compile(source, "<nested>", "exec")
        print(name, "compiles")
    except (SyntaxError, RecursionError, MemoryError) as e:
        print(name, type(e).__name__, repr(e.args[0]) if e.args else "", getattr(e, "lineno", ""))
print("done")
