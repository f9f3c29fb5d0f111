# tuples: construction, methods, unpacking, hashing, comparisons
t = (3, 1, 4, 1, 5, 9, 2, 6)
print(t, len(t), t[0], t[-1], t[2:5], t.count(1), t.index(1), t.index(1, 2), t.index(9, 0, 6), t + (0,), t * 2, 2 * (1,))
print((), (1,), tuple(), tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple({"k": 1}), tuple(x for x in "xyz"), (1, 2) + ())
print(repr((1,)), repr(()), str(((1, 2), (3,))), ((),), (((),),), ("a", ("b", ("c",))))
for bad in [lambda: t.index(100), lambda: t[100], lambda: t.__setitem__(0, 1), lambda: (1, 2) + [3], lambda: t.count(),
            lambda: tuple(5), lambda: hash(([1],)), lambda: (1, 2) < (1, "a"), lambda: t.append(1), lambda: (1,) * "2"]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
try:
    del t[0]
except TypeError as e:
    print("TypeError", e)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), () < (0,), (1, 2) == (1, 2), (1, 2) == [1, 2], (1, (2, 3)) == (1, (2, 3)))
print(hash((1, 2)) == hash((1, 2)), hash((1, "a")) == hash((1, "a")), hash(()) == hash(tuple()), {(1, 2): "a"}[(1, 2)], (1, 2) in {(1, 2)})
a, b, *rest = t
*init, last = t
first, *middle, end = "hello"
(x, y), z = (1, 2), 3
print(a, b, rest, init, last, first, middle, end, x, y, z)
try:
    p, q = (1, 2, 3)
except ValueError as e:
    print("ValueError", e)
try:
    p, q, r = (1, 2)
except ValueError as e:
    print("ValueError", e)
try:
    p, *q, r, s = (1, 2)
except ValueError as e:
    print("ValueError", e)
try:
    p, q = 5
except TypeError as e:
    print("TypeError", e)
def stats(xs):
    return min(xs), max(xs), sum(xs) / len(xs)
lo, hi, mean = stats([4, 8, 15, 16, 23, 42])
print(lo, hi, mean, stats((1,)))
swap_a, swap_b = 1, 2
swap_a, swap_b = swap_b, swap_a
print(swap_a, swap_b)
points = [(1, 2), (3, 1), (0, 5), (3, 0)]
print(sorted(points), max(points), min(points, key=lambda p: p[1]), [px + py for px, py in points], dict(points))
nt = tuple(reversed(t))
print(nt, t[::-1] == nt, sorted(t) == sorted(nt), tuple(sorted(t)), tuple(set(t)) == tuple(sorted(set(t))))
class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    @property
    def first(self):
        return self[0]
    def __repr__(self):
        return f"Pair{tuple.__repr__(self)}"
pr = Pair(7, 8)
print(pr, pr.first, pr[1], len(pr), pr + (9,), type(pr + (9,)).__name__, isinstance(pr, tuple), pr == (7, 8), hash(pr) == hash((7, 8)))
memo = {}
def fib(n):
    key = (n,)
    if key in memo:
        return memo[key]
    r = n if n < 2 else fib(n - 1) + fib(n - 2)
    memo[key] = r
    return r
print(fib(60), len(memo), (60,) in memo)
print(tuple.__name__, (1, 2).__len__(), (1, 2).__getitem__(0), (1, 2).__contains__(3), (5,).__add__((6,)), (1,).__mul__(3))
nested = ((1, [2, 3]), 4)
nested[0][1].append(99)
print(nested, len(nested[0][1]))
try:
    hash(nested)
except TypeError as e:
    print("TypeError", e)
print(tuple(enumerate("ab")), tuple(zip((1, 2), "xy")), (1, 2, 3)[::2], (0,) * 0, (None,) * 3, tuple(map(str, (1, 2))))
print(max((1, "z"), (1, "a")), sorted([(2, "b"), (1, "c"), (2, "a")], reverse=True), (1, 2, 3) > (1, 2), (3,) + ("x",) * 2)
