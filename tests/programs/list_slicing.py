# list slicing: reads, slice assignment (incl. extended), deletion, errors
base = list(range(10))
for sl in [(None, None, None), (2, 5, None), (-3, None, None), (None, -3, None), (None, None, 2), (1, None, 3),
           (None, None, -1), (8, 2, -2), (-1, -11, -3), (100, None, None), (None, 100, None), (5, 2, None), (-100, 3, None)]:
    print(sl, base[slice(*sl)])
print(base[::-1][::2], base[1:-1][1:-1], base[:0], base[10:], base[3:3], base[-1:], base[:-1][-1])
try:
    base[::0]
except ValueError as e:
    print("ValueError", e)

a = list(range(10))
a[2:5] = ["x", "y"]
print(a)
a[0:0] = [-1, -2]
print(a)
a[len(a):] = [100]
print(a)
a[3:4] = []
print(a)
a[:] = "abc"
print(a)
a[1:2] = range(4)
print(a)
a[5:] = (9, 9)
print(a)
a[-2:] = [[1, 2]]
print(a)
a[10:20] = ["end"]
print(a)
a[2:1] = ["weird"]
print(a)

b = list(range(10))
b[::2] = "ABCDE"
print(b)
b[1::2] = [x * 10 for x in range(5)]
print(b)
b[::-3] = ["p", "q", "r", "s"]
print(b)
b[8:2:-2] = (7, 7, 7)
print(b)
b[::1] = [0]
print(b)
c = list(range(6))
for bad in [("[::2] = [1]", lambda: c.__setitem__(slice(None, None, 2), [1])),
            ("[::-1] = [1,2]", lambda: c.__setitem__(slice(None, None, -1), [1, 2])),
            ("[1:3] = 5", lambda: c.__setitem__(slice(1, 3), 5)),
            ("[::2] = 5", lambda: c.__setitem__(slice(None, None, 2), 5)),
            ("[::0] = []", lambda: c.__setitem__(slice(None, None, 0), [])),
            ("[10] = 1", lambda: c.__setitem__(10, 1)),
            ("['a']", lambda: c["a"]),
            ("[1.5]", lambda: c[1.5]),
            ("del [10]", lambda: c.__delitem__(10)),
            ("[None]", lambda: c[None])]:
    try:
        bad[1]()
        print(bad[0], "ok", c)
    except Exception as e:
        print(bad[0], type(e).__name__, e)

d = list(range(12))
del d[::3]
print(d)
del d[-2:]
print(d)
del d[1:3]
print(d)
del d[::-2]
print(d)
del d[:]
print(d)
e = list(range(8))
del e[100:200]
del e[5:2]
print(e)
e[2:6] = e
print(e)
f = list(range(5))
f[1:4] = f[1:4][::-1]
print(f)
f[::2] = f[::2][::-1]
print(f)

def rotate(xs, k):
    k %= len(xs)
    xs[:] = xs[-k:] + xs[:-k]
    return xs
print(rotate(list(range(7)), 3), rotate(list("abcd"), -1), rotate([1], 5))
def chunks(xs, n):
    return [xs[i:i + n] for i in range(0, len(xs), n)]
print(chunks(list(range(11)), 4), chunks([], 3))
s = "slicing strings too"
t = (0, 1, 2, 3, 4, 5)
print(s[::2], s[-7:], s[::-1][:7], t[1::2], t[::-1], t[2:4], t[-1:-4:-1], type(t[1:]).__name__)
print(base[slice(2, 8, 3)], slice(2, 8, 3).indices(10), base[True:], base[:False], base[2 ** 100:], base[-2 ** 100:2])
class Idx:
    def __index__(self):
        return 3
print(base[Idx()], base[Idx():], base[:Idx()], base[::Idx()], (0, 1, 2, 3, 4)[Idx()])
