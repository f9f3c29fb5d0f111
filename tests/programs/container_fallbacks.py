# Containment and iteration fallbacks: __contains__ -> __iter__ -> __getitem__ (old protocol)

log = []

class OldSeq:
    """Only __getitem__: iteration stops at IndexError."""

    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        log.append(i)
        if i >= self.n:
            raise IndexError(i)
        return i * i

s = OldSeq(4)
print(list(s), log)
log.clear()
print(9 in s, log)
log.clear()
print(5 in s, log)
log.clear()
a, b, *rest = OldSeq(5)
print(a, b, rest)
print(sorted(OldSeq(3), reverse=True), sum(OldSeq(4)), max(OldSeq(4)), tuple(OldSeq(2)))
it = iter(OldSeq(2))
print(type(it).__name__, next(it), next(it), next(it, "done"))
print(dict.fromkeys(OldSeq(3)), set(OldSeq(3)) == {0, 1, 4})
print([x for x in OldSeq(3)], list(enumerate(OldSeq(2))), list(zip(OldSeq(3), "ab")))

class KeyErrorSeq:
    def __getitem__(self, i):
        raise KeyError(i)

try:
    list(KeyErrorSeq())
except KeyError as e:
    print(type(e).__name__, e)

class StopSeq:
    def __getitem__(self, i):
        if i == 2:
            raise StopIteration
        return i

print(list(StopSeq()))

class WithIter:
    def __init__(self, items):
        self.items = items

    def __iter__(self):
        log.append("iter")
        return iter(self.items)

    def __getitem__(self, i):
        log.append("getitem")
        return self.items[i]

w = WithIter([1, 2, 3])
log.clear()
print(2 in w, 7 in w, log)
log.clear()
print(list(w), w[0], log)

class WithContains(WithIter):
    def __contains__(self, x):
        log.append("contains")
        return x == "magic"

log.clear()
wc = WithContains([1, 2])
print(1 in wc, "magic" in wc, "magic" not in wc, log)

class ContainsTruthy:
    def __contains__(self, x):
        return x * 2

print(3 in ContainsTruthy(), 0 in ContainsTruthy(), 0 not in ContainsTruthy())

class NoContainer:
    pass

for obj in (NoContainer(), 5, None):
    try:
        1 in obj
    except TypeError as e:
        print(type(e).__name__, e)
try:
    iter(NoContainer())
except TypeError as e:
    print(type(e).__name__, e)
try:
    for _ in 3.5:
        pass
except TypeError as e:
    print(type(e).__name__, e)

class IterNone(OldSeq):
    __iter__ = None

try:
    iter(IterNone(3))
except TypeError as e:
    print(type(e).__name__, e)

class ContainsNone(OldSeq):
    __contains__ = None

try:
    1 in ContainsNone(3)
except TypeError as e:
    print(type(e).__name__, e)

class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1

cd = Countdown(3)
print(list(cd), list(cd), 2 in Countdown(5))
gen_based = WithIter("xyz")
print("".join(gen_based), "y" in gen_based)
m = map(str.upper, OldSeq(3).__class__.__name__)
print(list(m))
print(list(reversed([1, 2, 3])), "ab" in "cabd", 1 in {1: "x"}, "x" in {1: "x"}, (1, 2) in [(1, 2)])
