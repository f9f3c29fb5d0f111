# CPython's wording and positions for syntax errors that depend on context:
# invalid assignment/deletion targets, argument order, bare *, missing else,
# missing indented blocks; and the text of errors raised after parsing.
cases = ['f(a=1, b)', 'f(a=1, b, c)', 'f(a=1, b + 2)', 'f(**a, b, c=1)', 'f(a=1,\n b)', '(a, f()) = 1', 'f() = g() = 1', '[x for f() in y]', 'x + 1 = 2', '1 = x', 'None = 1', 'a.b, f() = 1', 'f(x) += 1', 'x = 1 if 2 else', 'x = (1 if 2)', 'print(1 if 2)', 'def f(*, **k): pass', 'lambda *: 1', '[a, *b, *c] = d', '*a = 1', 'del (a, f())', 'del a + b', 'x: int, y = 1','[a, b]: int = 1', 'f(): int = 1', 'a, b += 1', '(yield) = 1', 'f(*a, b=1, *c, **d, e)', '(x := 1) = 2', 'True = 1', '... = 1', 'f"{x}" = 1', 'a if b else c = 1', 'not a = 1', 'a < b = 1', '{a: b} = 1', 'lambda: x = 1', '[i for i in x] = 1',
 'lambda *, **k: 1', 'lambda a, *, **k: 1', 'def f(a, *, **k): pass', 'def f(*,): pass', 'def f(\n*\n): pass', 'x = [1 if 2]', 'f(a if b, c)', '(a, b): int', 'x, y -= 1', 'a.b, c[0] += 2',
 'f(**a, *b)\n', '[*x for x in y]\n', 'def f(**k, a): pass\n', 'def f(*a=1): pass\n', 'f(x for x in y, 1)\n', 'f(1, x for x in y)\n', 'def f(a=1, b): pass\n',
 'x = yield = 1\n', 'del f()\n', '(a, b) += 1\n', 'for f() in x: pass\n', 'with a as f(): pass\n', 'print(*)\n', 'a = *b\n', 'def f(*): pass\n', 'def f(a, a): pass\n', 'nonlocal x\n',
 'f(a for a in b for c in d, e)\n', '{**a for a in b}\n', '{*x for x in y}', '(*x for x in y)', 'f(*x for x in y)',
 'def f():\n    x = 1\n    f() = 2\n', 'if x:\n    [a, b]: int = 3\n', 'for x in range(3):\n    x.y, g() += 1\n', 'class C:\n    lambda *: 0\n',
 'x = {1: 2, **y for y in z}', 'a = b = c() = 4', '[a, f()] = 1', 'del [a, b + 1]', 'with open(x) as (a, f()): pass', 'async def f():\n    async for g() in x: pass\n',
 '(a := 1, b) = 2', 'x = (yield) = 1', 'f(**k, *a, b)', 'f(a=1, *b, c)']
for src in cases:
    try:
        compile(src, "s", "exec")
        print("ok", repr(src))
    except SyntaxError as e:
        print(type(e).__name__, repr(src), "|", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
for src in ['x = f() = 1', 'x = y + 1 = 2', 'a, f() = 1', 'a, (f()) = 1', 'if x:\n  f() = 1', 'x = 1; f() = 2', 'f(a) = b = 1', 'x = 1 if 2 else 3 if 4', 'f(x if y)', '[a for a in b if c if d else]']:
    try:
        compile(src, "s", "exec")
        print("ok", repr(src))
    except SyntaxError as e:
        print(type(e).__name__, repr(src), "|", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)

cases = [
    "def f():\nreturn 1\n",
    "if x:\npass\n",
    "if x:\n    pass\nelif y:\npass\n",
    "if x:\n    pass\nelse:\npass\n",
    "while x:\npass\n",
    "for i in x:\npass\n",
    "for i in x:\n    pass\nelse:\nx\n",
    "with a as b:\npass\n",
    "try:\npass\n",
    "try:\n    pass\nexcept E:\npass\n",
    "try:\n    pass\nexcept* E:\npass\n",
    "try:\n    pass\nfinally:\npass\n",
    "class C:\npass\n",
    "class C(\n  B):\npass\n",
    "@dec\ndef f(a,\n      b):\nreturn\n",
    "async def f():\nreturn\n",
    "async def f():\n    async for x in y:\n    pass\n",
    "async def f():\n    async with x:\n    pass\n",
    "match x:\ncase 1: pass\n",
    "match x:\n    case 1:\n    pass\n",
    "if x:  # comment\n\n# another\npass\n",
    "def f():\n    if x:\n    y\n",
    "def f(): # c\n",
    "if x:\n",
    "for x in y:",
]
for src in cases:
    try:
        compile(src, "s", "exec")
        print("ok")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)

for src, filename in [("return 5", "nonexistent.py"), ("def f():\n  nonlocal x", "<string>"), ("x = 1\nbreak", "<test>")]:
    try:
        compile(src, filename, "exec")
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, repr(e.text))
