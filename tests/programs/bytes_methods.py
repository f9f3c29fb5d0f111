# bytes: construction, indexing, repr, methods, hex/fromhex
b = b"Hello, World!\x00\xff\n\t'\"\\"
print(b, repr(b), len(b), b[0], b[-1], b[7:12], b[::-1][:4], type(b[0]).__name__, type(b[0:1]).__name__, list(b[:5]))
print(bytes(5), bytes([65, 66, 67]), bytes(range(3)), bytes("é", "utf-8"), bytes(b"copy"), bytes(), bytes((x for x in [97, 98])))
print(b"'", b'"', b"'\"", b"\x7f\x80", b"\r\n\x0b\x0c", bytes([0, 9, 10, 13, 31, 32, 126, 127, 128, 255]))
for bad in [lambda: bytes([256]), lambda: bytes([-1]), lambda: bytes("str"), lambda: bytes(-1), lambda: bytes([1.5]),
            lambda: b[100], lambda: b"abc" + "def", lambda: bytes(3.0)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
data = b"  the quick brown fox jumps  "
print(data.strip(), data.lstrip(), data.rstrip(b" s"), data.split(), data.split(b"o"), data.rsplit(None, 2), data.upper(), data.title())
print(data.find(b"quick"), data.find(b"q"[0]), data.index(b"fox"), data.count(b"o"), data.count(ord("u")), data.rfind(b"o"), b"o" in data, 111 in data)
print(data.replace(b"o", b"0", 2), data.startswith(b"  t"), data.endswith((b"x", b"  ")), data.partition(b"brown"), data.rpartition(b"z"))
print(b"-".join([b"a", b"b", bytearray(b"c")]), b"abc".center(9, b"*"), b"7".zfill(4), b"ab".ljust(4, b"."), b"ab".rjust(4))
print(b"abc123".isalnum(), b"abc".isalpha(), b"123".isdigit(), b"  ".isspace(), b"ABC".isupper(), b"Ab Cd".istitle(), b"\x80".isascii())
print(b"Hello".swapcase(), b"hello world".capitalize(), b"a\tb".expandtabs(4), b"line1\nline2\r\n".splitlines(), b"x,y".split(b",", 1))
print(b"abc".removeprefix(b"a"), b"abc".removesuffix(b"bc"), b"ab".translate(bytes.maketrans(b"ab", b"xy")), b"aabbcc".translate(None, b"b"))
print(b"\xde\xad\xbe\xef".hex(), b"\xde\xad\xbe\xef".hex(":"), b"\xde\xad\xbe\xef".hex("-", 2), b"abcdef".hex(" ", -4), bytes.fromhex("de ad BE ef"), bytes.fromhex(""))
for bad in ["zz", "abc", "a b", "0x12"]:
    try:
        print(bytes.fromhex(bad))
    except ValueError as e:
        print("ValueError", e)
print(b"abc" == b"abc", b"abc" < b"abd", b"abc" < b"ab", b"a" * 3, 2 * b"xy", b"abc" + bytearray(b"d"), b"" == bytes(0), b"a" == "a")
print(sorted([b"b", b"a", b"ab"]), max(b"hello"), sum(b"\x01\x02\x03"), hash(b"abc") == hash(b"abc"), b"%d" % 5)
print(b"caf\xc3\xa9".decode(), bytes("日", "utf-8").decode("utf-8"), b"abc".decode("ascii"), str(b"abc"), str(b"\xe9", "latin-1"))
try:
    b"abc".encode()
except AttributeError as e:
    print("AttributeError", e)
try:
    b"abc"[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    b"abc".index(b"z")
except ValueError as e:
    print("ValueError", e)
try:
    b"abc".split(b"")
except ValueError as e:
    print("ValueError", e)
try:
    b"abc".find("a")
except TypeError as e:
    print("TypeError", e)

def checksum(payload):
    total = 0
    for byte in payload:
        total = (total * 31 + byte) & 0xFFFFFFFF
    return total
packet = b"\x02" + len(b"DATA").to_bytes(2, "big") + b"DATA" + b"\x03"
print(packet, checksum(packet), packet[1:3], int.from_bytes(packet[1:3], "big"), packet[3:3 + packet[2]])
print(bytes(reversed(b"abc")), b"".join(bytes([c]) for c in range(65, 70)), list(zip(b"ab", b"cd")), b"abc"[1:2] == b"b")
print(memoryview(b"abc").tobytes(), bytes(memoryview(b"xyz")[1:]), b"abc".__len__(), b"abc".__contains__(b"b"), iter(b"ab").__next__())
print(b"a,b,,c".split(b","), b" a b ".split(), b"abc".upper().lower(), b"Hello"[1:4].upper(), b"%s and %s" % (b"x", b"y"))
