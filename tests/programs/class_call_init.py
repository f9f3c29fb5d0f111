# Class calls whose __init__ runs in the caller's eval loop: arguments and
# defaults, the instance as the result, a non-None return, an exception from
# __init__, inheritance and super(), __slots__, a metaclass, recursion.
class P:
    def __init__(self, x, y=10):
        self.x = x
        self.y = y
p = P(1)
q = P(2, 3)
print(p.x, p.y, q.x, q.y, type(p).__name__)
class Bad:
    def __init__(self):
        return 5
try:
    Bad()
except TypeError as e:
    print("TypeError:", e)
class Raises:
    def __init__(self, v):
        if v < 0:
            raise ValueError("negative: %d" % v)
        self.v = v
try:
    Raises(-3)
except ValueError as e:
    print("ValueError:", e)
print(Raises(4).v)
class Q(P):
    def __init__(self, x):
        super().__init__(x, x * 2)
        self.z = x * 3
r = Q(5)
print(r.x, r.y, r.z, isinstance(r, P))
class R(P):
    pass
print(R(7).y)
class S:
    __slots__ = ("a",)
    def __init__(self, a):
        self.a = a
print(S(9).a)
class Meta(type):
    def __call__(cls, *args):
        print("Meta.__call__", args)
        return super().__call__(*args)
class M(metaclass=Meta):
    def __init__(self, v):
        self.v = v
print(M(11).v)
class Node:
    def __init__(self, depth):
        self.child = Node(depth - 1) if depth else None
n = Node(50)
count = 0
while n is not None:
    count += 1
    n = n.child
print("depth", count)
class Forever:
    def __init__(self):
        Forever()
try:
    Forever()
except RecursionError as e:
    print("RecursionError:", e)
class KW:
    def __init__(self, a, *, b=2):
        self.s = a + b
print(KW(1).s, KW(1, b=5).s)
items = [P(i) for i in range(5)]
print([i.x for i in items])
