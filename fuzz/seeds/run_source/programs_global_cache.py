def f():
    return len("abc")
print(f())
len = lambda s: 42
print(f())
del len
print(f())
x = 1
def g():
    return x
print(g())
x = 2
print(g())
del x
try:
    g()
except NameError as e:
    print(e)
for i in range(3):
    globals()["x"] = i * 10
    print(g())
import builtins
builtins.len = lambda s: -1
print(f())
del builtins.len
try:
    print(f())
except NameError as e:
    print(e)
code = g.__code__
ns = {"x": "other"}
exec(code, ns)
print(eval("x", ns))
