# __getitem__/__setitem__/__delitem__ with ints, slices, tuples, Ellipsis; __reversed__; __len__

class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = [[0] * w for _ in range(h)]

    def __getitem__(self, key):
        if isinstance(key, tuple):
            r, c = key
            if isinstance(r, slice) or isinstance(c, slice):
                rows = self.cells[r] if isinstance(r, slice) else [self.cells[r]]
                return [row[c] for row in rows]
            return self.cells[r][c]
        return self.cells[key]

    def __setitem__(self, key, value):
        r, c = key
        self.cells[r][c] = value

    def __delitem__(self, key):
        r, c = key
        self.cells[r][c] = None

g = Grid(3, 2)
g[0, 1] = 5
g[1, 2] = 7
g[-1, 0] = 1
print(g[0, 1], g[1], g[0:2, 1], g[:, ::2], g[1, :])
del g[0, 0]
print(g.cells)

class Recorder:
    def __getitem__(self, key):
        return key

    def __setitem__(self, key, value):
        print("set", repr(key), "=", value)

    def __delitem__(self, key):
        print("del", repr(key))

r = Recorder()
print(r[1], r[1:2], r[::], r[:3], r[1:2:3], r[1, 2], r[1:2, ::3], r[...], r[..., 0], r["k"], r[()], r[-1:])
r[0:5] = "abc"
r[::2] = [1]
r[1, 2:3] = None
del r[::-1]
del r[..., 1]
s = r[1:None:-1]
print(type(s).__name__, s.start, s.stop, s.step, s.indices(10), slice(5).indices(3), slice(-100, 100).indices(4))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3))
try:
    hash(slice(1, 2))
except TypeError as e:
    print(type(e).__name__, e)
try:
    slice(0, 1, 0).indices(5)
except ValueError as e:
    print(type(e).__name__, e)

class Ring:
    def __init__(self, items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return Ring(self.items[i])
        return self.items[i % len(self.items)]

    def __reversed__(self):
        print("custom __reversed__")
        return iter(self.items[::-1])

    def __repr__(self):
        return f"Ring({self.items})"

ring = Ring("abcd")
print(ring[5], ring[-1], ring[1:3], list(reversed(ring)), [x for _, x in zip(range(6), ring)])

class SeqNoReversed:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 100

print(list(reversed(SeqNoReversed())), list(SeqNoReversed()))

class OnlyGetitem:
    def __getitem__(self, i):
        return i

for obj in (OnlyGetitem(), 42, {1: 2}):
    try:
        reversed(obj)
    except TypeError as e:
        print(type(e).__name__, e)

class ReversedNone(SeqNoReversed):
    __reversed__ = None

try:
    reversed(ReversedNone())
except TypeError as e:
    print(type(e).__name__, e)

class ReadOnly:
    def __getitem__(self, i):
        return i

ro = ReadOnly()
for op in ("set", "del"):
    try:
        if op == "set":
            ro[0] = 1
        else:
            del ro[0]
    except TypeError as e:
        print(type(e).__name__, e)
for op in ("get", "set", "del"):
    try:
        x = 5
        if op == "get":
            x[0]
        elif op == "set":
            x[0] = 1
        else:
            del x[0]
    except TypeError as e:
        print(type(e).__name__, e)

lst = list(range(10))
lst[2:5] = ["a"]
del lst[::3]
lst[::-2] = [0] * len(lst[::-2])
print(lst)
try:
    lst[::2] = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
try:
    (1, 2)[0] = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    "abc"[0] = "x"
except TypeError as e:
    print(type(e).__name__, e)
try:
    del "abc"[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    [1][5]
except IndexError as e:
    print(type(e).__name__, e)
try:
    [1][5] = 0
except IndexError as e:
    print(type(e).__name__, e)
try:
    "abc"[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    (1,)[3]
except IndexError as e:
    print(type(e).__name__, e)
