# Rich comparisons: reflection, fallbacks, identity for ==, ordering errors, sorting

log = []

class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __eq__(self, other):
        log.append(("eq", self.parts, getattr(other, "parts", other)))
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        log.append(("lt", self.parts))
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts

    def __le__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts <= other.parts

    __hash__ = None

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))

v1, v2, v3 = Version(1, 0), Version(1, 2), Version(1, 0)
print(v1 == v3, v1 != v2, v1 < v2, v2 > v1, v1 <= v3, v2 >= v1)
print(log)
log.clear()
print(v1 == "1.0", v1 != "1.0", log)
log.clear()
print(sorted([v2, v1, Version(0, 9)]), max(v1, v2), min([v2, v1]))
log.clear()
try:
    v1 < 3
except TypeError as e:
    print(type(e).__name__, e)
try:
    3 > v1
except TypeError as e:
    print(type(e).__name__, e)
print(log)
log.clear()

class Plain:
    pass

p, q = Plain(), Plain()
print(p == p, p == q, p != q, p != p)
for op in ("<", "<=", ">", ">="):
    try:
        eval(f"p {op} q")
    except TypeError as e:
        print(type(e).__name__, e)

class OnlyEq:
    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        return isinstance(other, OnlyEq) and self.k == other.k

e1, e2 = OnlyEq(1), OnlyEq(1)
print(e1 == e2, e1 != e2, e1 != OnlyEq(2))

class OnlyGt:
    def __init__(self, n):
        self.n = n

    def __gt__(self, other):
        log.append(f"gt({self.n},{getattr(other, 'n', other)})")
        return self.n > (other.n if isinstance(other, OnlyGt) else other)

g1, g2 = OnlyGt(1), OnlyGt(2)
print(g1 < g2, g2 < g1, 5 < g1, g1 > 0, log)
log.clear()
print(sorted([OnlyGt(3), OnlyGt(1), OnlyGt(2)], key=lambda o: o.n)[0].n)
try:
    g1 <= g2
except TypeError as e:
    print(type(e).__name__, e)

class Base:
    def __eq__(self, other):
        log.append("Base.__eq__")
        return NotImplemented

class Sub(Base):
    def __eq__(self, other):
        log.append("Sub.__eq__")
        return True

print(Base() == Sub(), log)
log.clear()
print(Sub() == Base(), log)
log.clear()

class Weird:
    def __eq__(self, other):
        return "yes"

    def __lt__(self, other):
        return [1]

    __hash__ = object.__hash__

w = Weird()
print(w == 1, w < 1, bool(w < 1), w != 1)
print([w] == [w], (w,) == (Weird(),), w in [1, 2])

class Broken:
    def __eq__(self, other):
        raise RuntimeError("eq exploded")

    __hash__ = object.__hash__

bk = Broken()
print([bk] == [bk], bk in [bk])
try:
    bk in [1]
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    [bk] == [Broken()]
except RuntimeError as e:
    print(type(e).__name__, e)

nan = float("nan")
print(nan == nan, [nan] == [nan], nan in [nan], (1, 2) < (1, 3), [1, 2] < [1, 2, 0])
print(1 < 2 < 3, 1 < 3 < 2, v1 < v2 <= Version(1, 2))
try:
    sorted([1, "a"])
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([Plain(), Plain()])
except TypeError as e:
    print(type(e).__name__, e)
