# memoryview basics over bytes and bytearray
data = b"hello memoryview"
mv = memoryview(data)
print(len(mv), mv[0], mv[-1], mv.readonly, mv.tobytes(), mv.tolist()[:5], mv.nbytes, mv.itemsize, mv.format, mv.ndim)
print(type(mv[1:5]).__name__, mv[1:5].tobytes(), bytes(mv[6:]), mv[::2].tobytes(), mv[::-1].tobytes()[:6], mv.obj is data)
print(mv == data, mv == b"other", mv[0:5] == b"hello", mv.hex(), mv[:2].hex(" "), bytes(mv) == data, list(mv[:3]))
try:
    mv[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    mv[100]
except IndexError as e:
    print("IndexError", e)
ba = bytearray(b"abcdefgh")
mw = memoryview(ba)
print(mw.readonly, mw[2], mw.tobytes())
mw[0] = ord("A")
mw[1:3] = b"BC"
mw[-1] = 0x5A
print(ba, mw.tobytes(), mw.tolist())
sub = mw[4:]
sub[0] = ord("!")
print(ba, sub.tobytes(), len(sub))
for bad in [lambda: mw.__setitem__(0, 256), lambda: mw.__setitem__(slice(0, 2), b"xyz"), lambda: mw.__setitem__(0, b"a"),
            lambda: memoryview("str"), lambda: memoryview(5), lambda: mw["a"]]:
    try:
        bad()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)
try:
    ba.append(1)
except BufferError as e:
    print("BufferError", e)
mw.release()
sub.release()
try:
    mw[0]
except ValueError as e:
    print("ValueError", e)
ba.append(ord("+"))
print(ba)
with memoryview(b"ctx") as m2:
    print(m2.tobytes(), m2.readonly)
try:
    len(m2)
except ValueError as e:
    print("ValueError", e)
def checksum(buf):
    view = memoryview(buf)
    total = 0
    while len(view):
        chunk, view = view[:4], view[4:]
        total = (total + int.from_bytes(chunk, "little")) & 0xFFFFFFFF
    return total
print(checksum(b"abcdefghij"), checksum(bytearray(range(16))), checksum(b""))
buf = bytearray(12)
view = memoryview(buf)
pos = 0
for part in [b"head", b"-", b"body!!!"]:
    view[pos:pos + len(part)] = part
    pos += len(part)
print(buf, pos, view[:pos].tobytes().decode())
print(memoryview(b"abc").tolist(), memoryview(b"").tobytes(), len(memoryview(b"")), memoryview(b"x") == memoryview(b"x"))
print(str(memoryview(b"z").tobytes(), "ascii"), memoryview(b"\x00\xff").tolist(), memoryview(bytes(3))[1], b"abc" + memoryview(b"d"))
print(memoryview(b"abcdef")[1:5][1:3].tobytes(), memoryview(b"abcdef")[::2][1:].tobytes(), list(reversed(memoryview(b"xyz"))))
print(type(memoryview(b"a")).__name__, isinstance(mv, memoryview), b"".join([memoryview(b"a"), b"b"]), bytearray(memoryview(b"copy")))
try:
    hash(memoryview(bytearray(b"a")))
except ValueError as e:
    print("ValueError", e)
print(hash(memoryview(b"abc")) == hash(b"abc"), mv.contiguous, mv.c_contiguous, mv.shape, mv.strides)
