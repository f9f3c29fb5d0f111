# Cell objects: cell_contents read, written and deleted from outside the
# function (the closure sees it), "Cell is empty", the repr's form,
# comparison by contents (an empty cell first), and cells being unhashable.
def outer():
    x = 1

    def inner():
        return x

    return inner


f = outer()
c = f.__closure__[0]
print(c.cell_contents)
c.cell_contents = 42
print(f())
del c.cell_contents
try:
    c.cell_contents
except ValueError as e:
    print("ValueError", e)
try:
    f()
except NameError as e:
    print(type(e).__name__, e)
print(repr(c).split(" at ")[0], repr(c).endswith(": empty>"))
c.cell_contents = "back"
print(f(), repr(c).split(": ")[1].split(" at ")[0])
print(type(c).__name__, type(c).__hash__)


def two():
    a = 1
    b = 2

    def g():
        return a, b

    return g


g = two()
ca, cb = g.__closure__
print(ca == ca, ca < cb, ca != cb, ca == g.__closure__[0])


def empty():
    def h():
        return z

    if False:
        z = 0
    return h


e = empty().__closure__[0]
print(e == e, e < ca, ca > e, e <= e, e != ca)


def same():
    p = 2
    q = 2

    def k():
        return p, q

    return k


cp, cq = same().__closure__
print(cp == cq, cp is cq, cp <= cq, cp < cq)
try:
    hash(cp)
except TypeError as err:
    print("TypeError", err)
try:
    {cp: 1}
except TypeError as err:
    print("TypeError", err)
try:
    ca < 5
except TypeError as err:
    print("TypeError", err)
