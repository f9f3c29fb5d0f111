# bytearray: mutation, methods, slicing assignment
ba = bytearray(b"hello world")
print(ba, repr(ba), len(ba), ba[0], ba[-1], ba[1:5], type(ba[1:5]).__name__, list(ba[:3]))
ba[0] = 72
ba[-5:] = b"WORLD"
print(ba)
ba.append(33)
ba.extend(b"??")
ba.extend([65, 66])
ba.insert(0, 62)
print(ba, ba.pop(), ba.pop(0), ba)
ba.remove(ord("?"))
print(ba, ba.count(b"O"), ba.find(b"W"), ba.index(b"L"), ba.rfind(b"l"))
ba[5:6] = b""
print(ba)
ba[0:0] = b"<<"
ba[len(ba):] = b">>"
print(ba)
del ba[0]
del ba[-2:]
del ba[::2]
print(ba)
ba.reverse()
print(ba, ba.copy(), ba.copy() is ba, ba == bytearray(ba), ba == bytes(ba))
ba.clear()
print(ba, len(ba), bool(ba))
print(bytearray(3), bytearray([1, 2, 3]), bytearray("é", "utf-8"), bytearray(range(65, 70)), bytearray(b"x") * 3)
b2 = bytearray(b"abcdef")
b2[::2] = b"XYZ"
print(b2)
for bad in [lambda: b2.__setitem__(0, 256), lambda: b2.__setitem__(0, -1), lambda: b2.__setitem__(slice(None, None, 2), b"12"),
            lambda: b2.__setitem__(0, b"a"), lambda: b2.pop(100), lambda: bytearray().pop(), lambda: b2.remove(0),
            lambda: b2.index(b"q"), lambda: b2.__getitem__(50), lambda: b2.append("a"), lambda: b2.extend(5)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
b3 = bytearray(b"  Mixed Case Text  ")
print(b3.strip(), b3.upper(), b3.lower(), b3.split(), b3.replace(b" ", b"_"), b3.title(), b3.swapcase(), b3.center(25, b"."))
print(b3.startswith(b"  M"), b3.endswith(b"  "), b3.isalpha(), b3.strip().isalpha(), b3.hex(), bytearray.fromhex("41 42"), b3.decode().strip())
b4 = bytearray(b"abc")
b4 += b"def"
b4 *= 2
print(b4, b4 + b"!", b"<" + b4, type(b"<" + b4).__name__, b4 > b"abc", b4 < bytearray(b"b"), b"abc" in b4, 99 in b4)
b5 = bytearray(b"0123456789")
b5[2:8:3] = b"ab"
b5[1] += 1
print(b5, b5[::-3], b5[100:], b5[-100:2])
def rle_encode(data):
    out = bytearray()
    i = 0
    while i < len(data):
        j = i
        while j < len(data) and data[j] == data[i] and j - i < 255:
            j += 1
        out += bytes([j - i, data[i]])
        i = j
    return out
def rle_decode(data):
    out = bytearray()
    for k in range(0, len(data), 2):
        out.extend(bytes([data[k + 1]]) * data[k])
    return bytes(out)
raw = b"aaaabbbcddddddddeeeeeeeeeeef"
enc = rle_encode(raw)
print(enc, len(raw), len(enc), rle_decode(enc) == raw)
buf = bytearray(8)
for i in range(8):
    buf[i] = (i * 37) & 0xFF
print(buf, buf.hex(" "), sum(buf), max(buf), sorted(buf)[:3], bytes(buf[2:5]))
mv = memoryview(buf)
mv[0] = 255
print(buf[0], hash(bytes(buf)) == hash(bytes(buf)))
try:
    hash(buf)
except TypeError as e:
    print("TypeError", e)
try:
    {bytearray(b"k"): 1}
except TypeError as e:
    print("TypeError", e)
print(bytearray(b"a,b,c").split(b","), bytearray(b"x").join([b"1", b"2"]), bytearray(b"abc").partition(b"b"), bytearray(b"AbC").isupper())
print(str(bytearray(b"hi")), bytearray(b"\x00\xff\n'"), bytearray(b"ab").zfill(4), bytearray(b"%d-%s") % (1, b"x"))
