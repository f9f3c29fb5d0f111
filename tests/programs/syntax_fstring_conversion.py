# An f-string's conversion must be !s, !r or !a, right after the "!": the
# SyntaxError is CPython's, with its line. (Not here: f'{x!rr}', where CPython
# says "f-string: expecting '}'" and Pyrite still names the conversion.)
for source in ["f'{1!z}'", "f'{x!}'", "x = 1\ny = f'{x!q}'", "f'{x!r:>{3!z}}'", "f'{x! r}'", "f'{x!r}{y!s:>4}{z!a}'"]:
    try:
        compile(source, "<fstring>", "exec")
        print(repr(source), "compiles")
    except SyntaxError as e:
        print(repr(source), e.msg, e.lineno)
