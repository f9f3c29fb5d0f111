# Recursion through user methods, built-in operations and generators raises
# RecursionError with the message CPython gives for the operation where the
# limit is crossed; the program catches it and goes on. Integer/string
# conversion stops at 4,300 digits unless the limit is raised.
import sys
class E:
    def __init__(self, inner): self.inner = inner
    def __eq__(self, other): return self.inner == other.inner
    def __hash__(self): return hash(self.inner)
    def __repr__(self): return repr(self.inner)
a = b = 0
for i in range(10000):
    a = E(a); b = E(b)
for what, f in [("eq", lambda: a == b), ("hash", lambda: hash(a)), ("repr", lambda: repr(a))]:
    try:
        f(); print(what, "ok")
    except RecursionError as e:
        print(what, "RecursionError", e)
def gen(n):
    yield from gen(n + 1)
try:
    next(gen(0))
except RecursionError as e:
    print("gen RecursionError", e)
def gen2(n):
    for x in gen2(n + 1):
        yield x
try:
    list(gen2(0))
except RecursionError as e:
    print("gen2 RecursionError", e)
t = ()
for i in range(100000): t = (t,)
try: hash(t)
except RecursionError as e: print("tuple hash RecursionError", e)
try: str(t)
except RecursionError as e: print("tuple str RecursionError", e)
l = []
for i in range(100000): l = [l]
m = []
for i in range(100000): m = [m]
try: l == m
except RecursionError as e: print("list eq RecursionError", e)
try: l < m
except RecursionError as e: print("list lt RecursionError", e)
s = frozenset()
for i in range(100000): s = frozenset([s])
try: hash(s); print("frozenset hash ok")
except RecursionError as e: print("frozenset hash RecursionError", e)
class R:
    def __getattr__(self, name): return getattr(self, name)
try: R().x
except RecursionError as e: print("getattr RecursionError", e)
class S:
    def __str__(self): return "%s" % (self,)
try: "%s" % (S(),)
except RecursionError as e: print("str RecursionError", e)
class F:
    def __format__(self, spec): return format(self, spec)
try: format(F(), "x")
except RecursionError as e: print("format RecursionError", e)
class C:
    def __call__(self): return self()
try: C()()
except RecursionError as e: print("__call__ RecursionError", e)
class B:
    def __bool__(self): return bool(self)
try: bool(B())
except RecursionError as e: print("bool RecursionError", e)
class L:
    def __len__(self): return len(self)
try: len(L())
except RecursionError as e: print("len RecursionError", e)
def f(): return f()
for i in range(3):
    try: f()
    except RecursionError as e: print("again", i, e)
print(sys.getrecursionlimit())
try: int("1" * 5000)
except ValueError as e: print("ValueError", e)
try: str(10 ** 5000)
except ValueError as e: print("ValueError", e)
print(len(str(10 ** 4299)))
sys.set_int_max_str_digits(10000)
print(len(str(10 ** 5000)))
print("done")
