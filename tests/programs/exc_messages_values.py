# ValueError from unpacking, ZeroDivisionError, NameError, UnboundLocalError,
# and a few conversions, as CPython words them.

def attempt(label, fn):
    try:
        result = fn()
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")
    else:
        print(f"{label}: ok {result!r}")

def unpack2(seq):
    a, b = seq
    return a, b

def unpack3(seq):
    a, b, c = seq
    return a, b, c

def unpack_star(seq):
    first, *middle, last = seq
    return first, middle, last

def unpack_star2(seq):
    a, b, *rest, c, d = seq
    return a, rest

def gen(n):
    yield from range(n)

attempt("too many 2", lambda: unpack2([1, 2, 3]))
attempt("too many 2 from tuple", lambda: unpack2((1, 2, 3, 4, 5)))
attempt("not enough 3", lambda: unpack3([1, 2]))
attempt("not enough 3 from one", lambda: unpack3("a"))
attempt("not enough 3 from empty", lambda: unpack3(()))
attempt("too many from generator", lambda: unpack2(gen(5)))
attempt("not enough from generator", lambda: unpack3(gen(1)))
attempt("too many from str", lambda: unpack2("abc"))
attempt("too many from dict", lambda: unpack2({"x": 1, "y": 2, "z": 3}))
attempt("star ok", lambda: unpack_star([1, 2, 3, 4]))
attempt("star short", lambda: unpack_star([1]))
attempt("star2 short", lambda: unpack_star2([1, 2, 3]))
attempt("unpack int", lambda: unpack2(7))
attempt("unpack None", lambda: unpack3(None))
attempt("for-loop unpack", lambda: [k for k, v in [(1, 2), (3,)]])

attempt("int div", lambda: 1 // 0)
attempt("int mod", lambda: 5 % 0)
attempt("true div int", lambda: 1 / 0)
attempt("float div", lambda: 1.0 / 0)
attempt("float floordiv", lambda: 1.0 // 0.0)
attempt("float mod", lambda: 1.5 % 0)
attempt("divmod int", lambda: divmod(1, 0))
attempt("divmod float", lambda: divmod(1.0, 0))
attempt("pow zero neg", lambda: 0 ** -1)
attempt("float pow zero neg", lambda: 0.0 ** -1)
attempt("big int div", lambda: (10 ** 30) // 0)
attempt("bool div", lambda: True / False)

attempt("int parse", lambda: int("12a"))
attempt("int parse base", lambda: int("zz", 8))
attempt("int empty", lambda: int(""))
attempt("float parse", lambda: float("abc"))
attempt("int bad base", lambda: int("1", 99))
attempt("chr range", lambda: chr(-1))
attempt("list.index", lambda: [1, 2].index(3))
attempt("tuple.index", lambda: (1, 2).index(3))
attempt("str.split empty", lambda: "a b".split(""))
attempt("range step 0", lambda: range(1, 2, 0))
attempt("int float inf", lambda: int(float("inf")))
attempt("int float nan", lambda: int(float("nan")))
attempt("float overflow", lambda: 10.0 ** 400)
attempt("int too big for float", lambda: float(10 ** 400))

def uses_undefined():
    return undefined_thing + 1

def unbound_local():
    total = counter + 1
    counter = 0
    return total

def unbound_after_del():
    value = 1
    del value
    return value

def unbound_in_branch(flag):
    if flag:
        result = "set"
    return result

def free_unbound():
    def inner():
        return captured
    r = inner()
    captured = 1
    return r

counter = 10
attempt("name error", uses_undefined)
attempt("name error builtin-like", lambda: lenn([1]))
attempt("unbound local", unbound_local)
attempt("unbound after del", unbound_after_del)
attempt("unbound branch true", lambda: unbound_in_branch(True))
attempt("unbound branch false", lambda: unbound_in_branch(False))
attempt("free unbound", free_unbound)

try:
    del not_defined_anywhere
except NameError as e:
    print("del global:", type(e).__name__, e, e.name)

try:
    print(ghost)
except NameError as e:
    print("module level:", e, "| name attr:", e.name)

try:
    unbound_local()
except NameError as e:
    print("UnboundLocalError is NameError:", type(e).__name__, isinstance(e, NameError))
