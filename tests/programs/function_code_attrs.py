# Function and code object attributes (issue #5, items 1 and 3), and the
# closure facts the issue names: __closure__ is None without free variables,
# sibling closures share one cell, a cell outlives the frame that made it,
# and __globals__ is the module's globals dict.
import types

SCALE = 3


def plain(a, b=2, *rest, c, d=4, **extra):
    "plain's docstring"
    return a


print(plain.__closure__, plain.__globals__ is globals())
print(plain.__name__, plain.__qualname__, plain.__module__)
print(plain.__defaults__, plain.__kwdefaults__, plain.__doc__)
print(plain.__annotations__, plain.__dict__)
print(plain.__builtins__ is __builtins__.__dict__ if hasattr(__builtins__, "__dict__") else plain.__builtins__ is __builtins__)


def annotated(x: int, *, y: "str" = "") -> list:
    pass


print(annotated.__annotations__)
annotated.__annotations__ = {"z": float}
print(annotated.__annotations__)
annotated.tag = "t"
print(annotated.__dict__, annotated.tag)
plain.__defaults__ = (9,)
plain.__kwdefaults__ = None
print(plain.__defaults__, plain.__kwdefaults__)
plain.__name__ = "renamed"
plain.__qualname__ = "Some.renamed"
print(plain.__name__, plain.__qualname__, repr(plain).split(" at ")[0])
for bad in [("__name__", 5), ("__qualname__", None), ("__defaults__", [1]), ("__kwdefaults__", 3), ("__annotations__", 1)]:
    try:
        setattr(plain, *bad)
    except TypeError as e:
        print(bad[0], "TypeError", e)
plain.__doc__ = None
print(plain.__doc__)


def counter_pair():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count

    def peek():
        return count

    return bump, peek


bump, peek = counter_pair()
print(bump.__closure__[0] is peek.__closure__[0], bump(), bump(), peek())
print(bump.__code__.co_freevars, counter_pair.__code__.co_cellvars)
print(peek.__closure__[0].cell_contents, type(peek.__closure__[0]).__name__)


def make_adder(n):
    def add(x):
        return x + n * SCALE

    return add


add5 = make_adder(5)
print(add5(1), add5.__closure__[0].cell_contents, len(add5.__closure__))
print(add5.__globals__ is globals(), add5.__globals__["SCALE"])
print(add5.__qualname__, make_adder.__code__.co_consts[1].co_qualname if not isinstance(make_adder.__code__.co_consts[1], str) else None)

# Code objects.
code = plain.__code__
for attr in ["co_name", "co_qualname", "co_argcount", "co_posonlyargcount",
             "co_kwonlyargcount", "co_nlocals", "co_varnames", "co_cellvars",
             "co_freevars", "co_names", "co_consts", "co_flags", "co_firstlineno"]:
    print(attr, getattr(code, attr))
print(code.co_filename.endswith("function_code_attrs.py"), type(code.co_code).__name__)
print(list(code.co_lines())[0][2], all(len(p) == 4 for p in code.co_positions()))
print(add5.__code__.co_flags & 0x10, make_adder.__code__.co_flags & 0x10)


def gen():
    yield 1


async def coro():
    pass


print(gen.__code__.co_flags & 0x20, coro.__code__.co_flags & 0x80)
renamed = code.replace(co_name="other", co_qualname="X.other")
print(renamed.co_name, renamed.co_qualname, renamed.co_varnames == code.co_varnames)
print(renamed == code, code.replace() == code)
try:
    code.replace(co_bogus=1)
except TypeError as e:
    print("TypeError", e)


# __code__ assignment, with CPython's checks.
def one():
    return 1


def two():
    return 2


one.__code__ = two.__code__
print(one(), one.__name__)
try:
    one.__code__ = add5.__code__
except ValueError as e:
    print("ValueError", e)
try:
    one.__code__ = 5
except TypeError as e:
    print("TypeError", e)

# types.FunctionType with a closure.
cell = types.CellType(10)
rebuilt = types.FunctionType(add5.__code__, {"SCALE": 100}, "rebuilt", None, (cell,))
print(rebuilt(1), rebuilt.__name__, rebuilt.__globals__["SCALE"])
try:
    types.FunctionType(add5.__code__, {})
except TypeError as e:
    print("TypeError", e)

# A closure keeps its cell alive after the frame returned.
def maker():
    data = [1, 2, 3]
    return lambda: data


keep = maker()
del maker
print(keep(), keep.__closure__[0].cell_contents)

# Code equality ignores the file name and qualified name, as CPython 3.11's.
same = code.replace(co_filename="elsewhere.py", co_qualname="Q")
print(same == code, hash(same) == hash(code), {code: "found"}.get(same))
print(code.replace(co_consts=("other doc",)).co_consts, code == code.replace(co_consts=(None,)))
try:
    code.replace(co_consts=5)
except TypeError as e:
    print("TypeError", e)
