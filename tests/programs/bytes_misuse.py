# Misuse of bytes, bytearray and memoryview: each case prints the exception CPython raises.
cases = [
 "bytes.upper(1)", "bytearray.upper(b'x')", "b'a'.center(5,'x')", "b'a'.center(5,b'xy')", "b'abc'.find('a')",
 "b'abc'.index(b'z')", "b'abc'.startswith('a')", "b'abc'.startswith((b'a', 'x'))", "b'abc'.split('a')", "b'abc'.strip('a')",
 "b'abc'.partition(b'')", "b'abc'.join(['a'])", "b'abc'.replace('a', b'b')", "b'a'.hex('--')", "b'a'.hex(1)",
 "bytes.fromhex('1g')", "bytes.fromhex('1 a')", "bytes.fromhex(1)", "b'a'.translate(b'x')", "bytes.maketrans(b'a', b'bc')",
 "bytearray().pop()", "bytearray(b'a').pop(5)", "bytearray(b'a').remove(9)", "bytearray(b'a').append(256)", "bytearray(b'a').append('x')",
 "bytearray(b'a').extend(5)", "bytearray(b'a').extend(['x'])", "bytearray(b'a').insert(0, 300)", "hash(bytearray())", "x=bytearray(b'ab'); x[0]=b'a'",
 "x=bytearray(b'ab'); x[0:1]=5", "x=bytearray(b'ab'); x[5]", "x=bytearray(b'ab'); x[5]=1", "x=bytearray(b'ab'); del x[7]", "memoryview('abc')",
 "m=memoryview(b'ab'); m[0]=1", "m=memoryview(bytearray(b'ab')); m[0]=300", "m=memoryview(bytearray(b'ab')); m[0:1]=b'xyz'", "m=memoryview(b'ab'); m.release(); m[0]", "m=memoryview(b'ab'); m.release(); len(m)",
 "b=bytearray(b'ab'); m=memoryview(b); b.append(1)", "b'%s' % 'x'", "b'%c' % 300", "b'%c' % b'ab'", "b'%d %d' % (1,)",
 "b'%d' % (1, 2)", "b'%y' % 1", "bytes('a')", "bytes(1.5)", "bytes(-1)", "bytes(['a'])", "bytes([300])", "bytearray('a')", "bytearray(1.5)",
 "b'a' + 'b'", "bytearray(b'a') + 'b'", "b'a' < 'b'", "b'a' * 'b'", "memoryview(b'a') < memoryview(b'b')", "memoryview(b'a').cast('Q')",
 "hash(memoryview(bytearray(b'a')))", "memoryview(b'ab')['x']", "bytearray(b'ab')['x']", "b=b'ab'; b['x']", "b=b'ab'; b[1.0]", "b'a'.decode('nope')",
 "b'\\xff'.decode()", "bytearray(b'a').decode('ascii', 'bad')", "b'a'.count(300)", "b'a'.zfill('x')", "b'a'.expandtabs(tabsize='x')", "b'a'.splitlines(3, 4)",
 "ord(bytearray(b'ab'))", "int.from_bytes('ab', 'big')", "b'a'.removeprefix('a')", "b'x'.split(maxsplit='a')", "bytearray(b'ab').__alloc__() >= 0",
 "b=bytearray(b'ab'); m=memoryview(b); b += b'x'", "b=bytearray(b'ab'); m=memoryview(b); b[0:1]=b'xyz'", "b=bytearray(b'ab'); m=memoryview(b); b[0]=5; print(m[0])",
]
for c in cases:
    try:
        exec(c)
        print(c, '->', 'ok')
    except Exception as e:
        print(c, '->', type(e).__name__, e)

# int() takes one sign; equal ranges hash alike (so they find each other as keys).
for s in ['++1', '--1', '+-1', '+5', ' -7 ']:
    try:
        print(int(s))
    except ValueError as e:
        print(e)
try:
    print(int('+-5', 16))
except ValueError as e:
    print(e)
print(hash(range(3)) == hash(range(0, 3)), {range(3): 'r'}.get(range(0, 3)))
print(hash(range(0)) == hash(range(5, 5)), hash(range(1, 2, 5)) == hash(range(1, 3, 7)))
print(range(0, 10, 3) == range(0, 11, 3), hash(range(0, 10, 3)) == hash(range(0, 11, 3)))

# int.from_bytes, float(), str(), int() and ord() over bytes-like objects and __bytes__.
class B:
    def __bytes__(self): return b'\x01\x00'
print(int.from_bytes(b'\x01\x02', 'big'), int.from_bytes([1, 2], 'little'), int.from_bytes(B(), 'big'), int.from_bytes(bytearray(b'\x05'), 'big'))
for bad in [5, True, 'ab', 1.5, [300], None]:
    try: int.from_bytes(bad, 'big')
    except Exception as e: print(type(e).__name__, e)
print(float(memoryview(b'2.5')), str(memoryview(b'hi'), 'ascii'), int(memoryview(b' 7 ')), ord(bytearray(b'z')))
try: ord(bytearray(b'ab'))
except TypeError as e: print(e)
