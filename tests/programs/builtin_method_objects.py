# Built-in methods bound to their object: type, repr, equality and hash.
x = [3]
m = x.append
print(repr(m)[:38], type(m).__name__, m.__self__ is x, m.__name__, m.__qualname__, callable(m))
m(4); print(x)
print(type(m)(1) if False else "", type(str.upper).__name__, type("a".upper).__name__, "a".upper.__self__)
print(m == x.append, hash(m) == hash(x.append))
try: m.__func__
except AttributeError as e: print(e)
import sys
print(type(sys.exit).__name__, repr(sys.exit)[:30], type(len).__name__, len.__self__)
class C(list): pass
c = C()
print(type(c.append).__name__, repr(c.append)[:38])
d = {}
print(type(d.get).__name__, d.get("a", 5), type(object.__new__).__name__)
print(type(int.from_bytes).__name__, repr(int.from_bytes)[:40])
