# slice objects: attributes, indices(), repr, equality, use with custom __getitem__
s = slice(1, 10, 2)
print(s, repr(s), s.start, s.stop, s.step, slice(5), slice(None), slice(1, None), slice(None, None, -1), slice("a", [1], 2.5))
for sl in [slice(None), slice(2, 8), slice(-3, None), slice(None, None, -1), slice(10, -10, -3), slice(-100, 100, 7),
           slice(3, 3), slice(0, 0, -1), slice(None, -1, 2), slice(5, None, -2)]:
    for n in (0, 5, 12):
        start, stop, step = sl.indices(n)
        print(sl, n, (start, stop, step), list(range(start, stop, step)) == list(range(n))[sl], len(range(*sl.indices(n))))
for bad in [lambda: slice(None, None, 0).indices(5), lambda: slice(1, 2).indices(-1), lambda: slice("a").indices(3), lambda: slice(),
            lambda: slice(1, 2, 3, 4), lambda: slice(1.5).indices(3)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 2, None), slice(1, 2) != slice(1, 3), slice(1, 2) < slice(1, 3), slice(0, 1) <= slice(0, 1))
try:
    hash(slice(1, 2))
    print("slice hashable")
except TypeError as e:
    print("TypeError", e)
try:
    s.start = 5
except AttributeError as e:
    print("AttributeError", e)

class Recorder:
    def __getitem__(self, key):
        return key
rec = Recorder()
print(rec[1:2], rec[::3], rec[:], rec[1:2, 3], rec[..., 1:], rec[::-1, None], rec[1], rec["k"], rec[()], rec[:, :])
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __getitem__(self, key):
        if isinstance(key, tuple):
            r, c = key
            rows = self.rows[r] if isinstance(r, slice) else [self.rows[r]]
            out = [row[c] for row in rows]
            return out if isinstance(r, slice) else out[0]
        return self.rows[key]
    def __setitem__(self, key, value):
        r, c = key
        self.rows[r][c] = value
m = Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
print(m[1, 2], m[0], m[:, 0], m[1:, 1:], m[::2, ::2], m[::-1, 1])
m[0, 0] = 100
m[2, 1:] = [0, 0]
print(m.rows)
class SeqView:
    def __init__(self, data):
        self.data = data
    def __len__(self):
        return len(self.data)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return SeqView([self.data[j] for j in range(*i.indices(len(self)))])
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("SeqView index out of range")
        return self.data[i]
    def __repr__(self):
        return f"SeqView({self.data})"
v = SeqView(list("abcdefg"))
print(v[1:5], v[::-2], v[-1], v[2:][1:][0], list(v), "c" in v, list(reversed(v)))
try:
    v[10]
except IndexError as e:
    print("IndexError", e)
every_other = slice(None, None, 2)
print("abcdefgh"[every_other], list(range(10))[every_other], (1, 2, 3, 4)[every_other], b"abcdef"[every_other])
sl = slice(2**100, -2**100, -1)
print(sl.indices(10), "abcdef"[sl], slice(True, False).indices(5), slice(-2**70, None).indices(3))
print(slice.__name__, type(s).__name__, isinstance(s, slice), slice(1, 2, 3).__reduce__() if False else "", str(slice(0, 1)), [slice(1)])
