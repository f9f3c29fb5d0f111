# Exception attributes: UnicodeDecodeError/UnicodeEncodeError (made by codecs and
# directly), OSError's args and str from its attributes, NameError/AttributeError
# keywords.
for data in [b"\xc3\x28", b"\xe6\x97", b"\xe6\x97\x28", b"ab\xff", b"\xf0\x9f\x98"]:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        print(e.encoding, e.object, e.start, e.end, e.reason, "|", e, "|", e.args)
for s in ["h\xe9llo", "h\xe9\xe9llo", "\u65e5\u672c", "a\U0001F600b", "x\xe9y\xe9"]:
    for enc in ["ascii", "latin-1"]:
        try:
            s.encode(enc)
            print("ok", enc)
        except UnicodeEncodeError as e:
            print(e.encoding, repr(e.object), e.start, e.end, e.reason, "|", e)
try:
    b"a\xe9".decode("ascii")
except UnicodeError as e:
    print(type(e).__name__, e.start, e.end, e, isinstance(e, ValueError))
u = UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 2, "bad")
print(u, repr(u))
u = UnicodeEncodeError("ascii", "h\xe9llo", 1, 2, "ordinal not in range(128)")
print(u, u.args)
for bad in [("utf-8",), (1, b"", 0, 1, "r"), ("u", "str", 0, 1, "r")]:
    try:
        UnicodeDecodeError(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    UnicodeEncodeError("ascii", b"x", 0, 1, "r")
except TypeError as e:
    print("TypeError", e)
u = UnicodeDecodeError("utf-8", b"ab", 0, 1, "r")
u.start = 1
print(u)

for e in [OSError(2, "No such file", "a.txt"), OSError(2, "No such file", "a.txt", None, "b.txt"),
          OSError(2, "No such file", None), OSError("plain"), OSError(5, "io"), OSError(1, 2, 3, 4, 5, 6)]:
    print(type(e).__name__, repr(e), str(e), e.args, e.errno, e.filename)
e = FileNotFoundError(2, "gone", "f")
e.errno = 99
e.filename = "g"
print(e, e.args)
try:
    open("/nonexistent/file")
except OSError as e:
    print(type(e).__name__, e.args, e.errno, e.filename, e)
ae = AttributeError("custom", name="attr", obj=42)
print(ae.name, ae.obj, ae.args)
try:
    NameError("x", obj=1)
except TypeError as e:
    print("TypeError", e)
print(NameError("n", name="q").name)
for c in (ImportError, NameError, AttributeError, ModuleNotFoundError):
    try: c(foo=1)
    except TypeError as e: print(e)
print(ImportError("m", name="n", path="p").path)
