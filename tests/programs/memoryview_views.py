# memoryview: writable slices, strided views, casts, hashing, release and buffer exports.
b = bytearray(b'abcdef')
m = memoryview(b)
m[1:3] = b'XY'
print(b, m[::2].tobytes(), m[::-1].tolist()[:3], m == b'aXYdef', m == bytearray(b'aXYdef'))
r = memoryview(b'xyz')
print(hash(r) == hash(b'xyz'), r.cast('c')[0], r.cast('b').tolist(), m.toreadonly().readonly, m.strides, m[::2].c_contiguous)
with memoryview(b'q') as q:
    print(q.nbytes)
try: q[0]
except ValueError as e: print(e)
try: b.append(1)
except BufferError as e: print(e)
m.release(); b.append(1); print(b)
