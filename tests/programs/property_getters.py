# Property getters that are Python functions run in the eval loop of the
# access: their value, an exception they raise, unbounded recursion through
# one, and a subclass getter reaching its base class's through super().
class A:
    def __init__(self):
        self.v = 1
    @property
    def p(self):
        return self.v
    @property
    def bad(self):
        return 1 / 0
    @property
    def deep(self):
        return self.deep
a = A()
print(a.p, a.p + a.p)
try:
    a.bad
except ZeroDivisionError as e:
    print("zde", e)

try:
    a.deep
except RecursionError as e:
    print("recursion", e)
class B(A):
    @property
    def p(self):
        return super().p * 10
print(B().p)


# Getters that do not take the plain one-argument path.
class C:
    @property
    def p(self, x=5):
        return x
    @property
    def g(self):
        yield 1
    def _q(*args):
        return len(args)
    q = property(_q)
c = C()
print(c.p, list(c.g), c.q)


# A getter's AttributeError goes on to __getattr__, on every access.
class G:
    @property
    def p(self):
        raise AttributeError("inner")
    def __getattr__(self, name):
        return "getattr:" + name
g = G()
for _ in range(3):
    print(g.p)
