# bytes % formatting and bytes/str interplay
print(b"%d %i %x %X %o" % (42, -7, 255, 255, 8))
print(b"%s|%s|%s" % (b"raw", bytearray(b"ba"), memoryview(b"mv")))
print(b"%5s|%-5s|%.2s" % (b"ab", b"cd", b"efgh"))
print(b"%c%c" % (65, b"B"), b"%%", b"%r" % b"q", b"%a" % "é", b"%a" % 5)
print(b"%05.1f %e %g" % (3.14159, 12345.0, 0.0001))
print(b"%(name)s=%(val)d" % {b"name": b"key", b"val": 10})
print(b"%*d|%-*d|" % (5, 1, 5, 2), b"%#x %#o" % (255, 8), b"%+d % d" % (5, 5))
for fmt, args in [(b"%s", "str"), (b"%s", 5), (b"%d", b"x"), (b"%c", 256), (b"%c", b"ab"), (b"%s %s", (b"a",)),
                  (b"%s", (b"a", b"b")), (b"%z", 1), (b"%(k)s", (1,)), (b"%b", b"x")]:
    try:
        print(fmt % args)
    except Exception as e:
        print(fmt, type(e).__name__, e)
def build_request(method, path, headers, body=b""):
    lines = [b"%s %s HTTP/1.1" % (method, path)]
    for k, v in headers.items():
        lines.append(b"%s: %s" % (k, v))
    lines.append(b"Content-Length: %d" % len(body))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body
req = build_request(b"POST", b"/api", {b"Host": b"example.com", b"X-Id": b"%05d" % 42}, b'{"a": 1}')
print(req)
print(req.split(b"\r\n"), req.count(b"\r\n"), req.decode("ascii").splitlines()[0])
head, _, body = req.partition(b"\r\n\r\n")
print(head.split(b"\r\n")[1:], body, len(body))
print("%s" % b"bytes-in-str", str(b"\x00"), repr(b"\x01"), f"{b'ab'}", "{}".format(b"x"), ascii(b"\xff"))
print(b"abc" == "abc", b"abc".decode() == "abc", "abc".encode() == b"abc", bytes("abc", "ascii") == b"abc")
try:
    b"abc" + "def"
except TypeError as e:
    print("TypeError", e)
try:
    "abc" + b"def"
except TypeError as e:
    print("TypeError", e)
try:
    b"abc".join(["a"])
except TypeError as e:
    print("TypeError", e)
try:
    "".join([b"a"])
except TypeError as e:
    print("TypeError", e)
try:
    "a" in b"abc"
except TypeError as e:
    print("TypeError", e)
try:
    b"a" in "abc"
except TypeError as e:
    print("TypeError", e)
try:
    bytes("abc")
except TypeError as e:
    print("TypeError", e)
try:
    b"x".decode("ascii", "strict"), b"\xff".decode("ascii")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
print(b"\xff".decode("ascii", "replace"), b"\xffa".decode("ascii", "ignore"), b"\xff".decode("latin-1"), b"\xff".decode("ascii", "backslashreplace"))
print(b"%-10b|" % b"left", b"%10b|" % b"right", b"%.3b" % b"truncate", b"%x" % 3054, b"%08.3f" % -1.5)
print(b"%s" % b"", b"" % (), b"%d%%" % 99, b"%c" % 0, b"%3c|" % 120, b"%i" % True, b"%d" % 2**70)
print(b"%(a)s-%(a)s" % {b"a": b"rep"}, b"%.0f %.1e" % (2.5, 1500), b"%G" % 1e-10, b"%s" % (b"single",))
