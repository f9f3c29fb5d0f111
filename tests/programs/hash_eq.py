# __hash__ and __eq__: implicit None, unhashable errors, inheritance of hash, set/dict behaviour

class Key:
    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k

print(Key.__hash__, "__hash__" in Key.__dict__)
for action in (lambda: hash(Key(1)), lambda: {Key(1)}, lambda: {Key(1): 1}, lambda: frozenset([Key(2)]),
               lambda: {}.setdefault(Key(3)), lambda: Key(4) in {1, 2}, lambda: {1: 2}.get(Key(5))):
    try:
        print(action())
    except TypeError as e:
        print(type(e).__name__, e)
print(Key(1) in [Key(1)], [Key(1)].index(Key(1)), [Key(1), Key(2)].count(Key(2)))

class HashedKey(Key):
    def __hash__(self):
        return hash(self.k)

class InheritsNone(Key):
    pass

class ResetsEq(HashedKey):
    def __eq__(self, other):
        return super().__eq__(other)

print(hash(HashedKey(10)) == hash(10), {HashedKey(1), HashedKey(1), HashedKey(2)}.__len__())
try:
    hash(InheritsNone(1))
except TypeError as e:
    print(type(e).__name__, e)
try:
    hash(ResetsEq(1))
except TypeError as e:
    print(type(e).__name__, e)

d = {HashedKey("a"): 1}
d[HashedKey("a")] = 2
print(len(d), d[HashedKey("a")])

class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return f"P({self.x},{self.y})"

pts = {Point(0, 0), Point(1, 1), Point(0, 0)}
print(sorted(pts, key=lambda p: (p.x, p.y)), Point(1, 1) in pts)
visits = {}
for p in [Point(0, 0), Point(1, 0), Point(0, 0)]:
    visits[p] = visits.get(p, 0) + 1
print(visits)

class BadHash:
    def __hash__(self):
        return "not an int"

class FloatHash:
    def __hash__(self):
        return 1.5

class BigHash:
    def __hash__(self):
        return 2 ** 100

class NegOne:
    def __hash__(self):
        return -1

class BoolHash:
    def __hash__(self):
        return True

for obj in (BadHash(), FloatHash()):
    try:
        hash(obj)
    except TypeError as e:
        print(type(e).__name__, e)
print(hash(BigHash()) == hash(2 ** 100), hash(NegOne()), hash(BoolHash()))
print(hash(-1), hash(-2), hash(1.0) == hash(1), hash(True) == 1, hash((1, 2)) == hash((1, 2)))
for unh in ([], {}, set(), {}.keys(), ([],)):
    try:
        hash(unh)
    except TypeError as e:
        print(type(e).__name__, e)

class Explicit:
    __hash__ = None

try:
    {Explicit()}
except TypeError as e:
    print(type(e).__name__, e)

class Identity:
    pass

i1, i2 = Identity(), Identity()
print(i1 == i1, i1 == i2, len({i1, i2, i1}), hash(i1) == hash(i1))

class EqInheritHash(Identity):
    __hash__ = Identity.__hash__

    def __eq__(self, other):
        return True

print(len({EqInheritHash(), EqInheritHash()}) in (1, 2), EqInheritHash() == 3)

class Counted:
    calls = 0

    def __init__(self, v):
        self.v = v

    def __hash__(self):
        Counted.calls += 1
        return hash(self.v)

    def __eq__(self, other):
        return self.v == other.v

s = {Counted(1), Counted(2)}
before = Counted.calls
Counted(1) in s
print(Counted.calls - before)

class Meta(type):
    def __eq__(cls, other):
        return True

class WithMeta(metaclass=Meta):
    pass

try:
    hash(WithMeta)
except TypeError as e:
    print(type(e).__name__, e)
