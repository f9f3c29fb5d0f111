# user-defined __hash__/__eq__ objects as dict keys and set members
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return f"P({self.x},{self.y})"
grid = {Point(0, 0): "origin", Point(1, 2): "a"}
print(grid[Point(0, 0)], Point(1, 2) in grid, Point(2, 1) in grid, grid.get(Point(9, 9), "none"), len({Point(1, 1), Point(1, 1)}))
grid[Point(1, 2)] = "replaced"
print(grid, list(grid.keys())[1] is not None)

class EqOnly:
    def __eq__(self, other):
        return True
try:
    {EqOnly(): 1}
except TypeError as e:
    print("TypeError", e)
print(EqOnly.__hash__ is None, hash(object()) is not None)

class Collide:
    calls = 0
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return 42
    def __eq__(self, other):
        Collide.calls += 1
        return isinstance(other, Collide) and self.v == other.v
    def __repr__(self):
        return f"C{self.v}"
cd = {Collide(i): i for i in range(20)}
print(len(cd), cd[Collide(7)], Collide(25) in cd, Collide.calls > 0, list(cd)[:3])
del cd[Collide(3)]
print(len(cd), Collide(3) in cd, sorted(c.v for c in cd)[:5])

class CaseInsensitive(str):
    def __hash__(self):
        return hash(self.lower())
    def __eq__(self, other):
        return self.lower() == str(other).lower()
ci = {CaseInsensitive("Content-Type"): "json"}
print(ci.get(CaseInsensitive("content-type")), CaseInsensitive("ABC") == "abc", CaseInsensitive("x") in {CaseInsensitive("X")})

class Mutable:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        return self.v == other.v
m = Mutable(1)
md = {m: "val"}
m.v = 2
print(md.get(Mutable(1)), md.get(Mutable(2)), len(md), m in md)

class BadHash:
    def __hash__(self):
        return "nope"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError", e)
class RaisingHash:
    def __hash__(self):
        raise ValueError("cannot hash me")
try:
    {RaisingHash(): 1}
except ValueError as e:
    print("ValueError", e)
try:
    RaisingHash() in {1: 2}
except ValueError as e:
    print("ValueError", e)
class BigHash:
    def __hash__(self):
        return 2**100
print(hash(BigHash()) == hash(2**100), {BigHash(): 1} != {})

class Sub(Point):
    pass
print(Sub(0, 0) in grid, grid[Sub(1, 2)], Sub.__hash__ is Point.__hash__)
class NoEqOverride:
    def __init__(self, n): self.n = n
a, b = NoEqOverride(1), NoEqOverride(1)
print(len({a: 1, b: 2}), {a: 1}.get(b), a in {a}, hash(a) == hash(a))
print(hash(1) == hash(1.0) == hash(True), hash(2**61 - 1) == hash(0) or True, hash("abc") == hash("ab" + "c"), hash((1, (2,))) == hash((1, (2,))))
print(hash(-1) == hash(-2), hash(0.5) == hash(0.5), hash(frozenset([1, 2])) == hash(frozenset([2, 1])), hash(None) == hash(None))
for unh in [[], {}, set(), bytearray() if "bytearray" in dir(__builtins__) else [1], {1: 2}.values()]:
    try:
        hash(unh)
        print("hashable", type(unh).__name__)
    except TypeError as e:
        print("TypeError", e)
cache = {}
def memo_key(*args, **kw):
    return args + tuple(sorted(kw.items()))
for call in [((1, 2), {}), ((1, 2), {"z": 1}), ((1, 2), {}), (("a",), {"b": 2, "a": 1}), (("a",), {"a": 1, "b": 2})]:
    k = memo_key(*call[0], **call[1])
    cache[k] = cache.get(k, 0) + 1
print(cache)
class Node:
    __slots__ = ("name",)
    def __init__(self, name): self.name = name
    def __eq__(self, o): return isinstance(o, Node) and o.name == self.name
    def __hash__(self): return hash(self.name)
    def __repr__(self): return self.name
graph = {Node("a"): [Node("b")], Node("b"): [Node("c"), Node("a")]}
print(graph[Node("b")], Node("c") in graph, {n for ns in graph.values() for n in ns} == {Node("a"), Node("b"), Node("c")})
