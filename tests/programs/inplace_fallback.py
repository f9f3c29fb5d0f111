# In-place operators: __iadd__ and friends, fallback to binary/reflected, identity semantics

log = []

class Acc:
    def __init__(self, items=()):
        self.items = list(items)

    def __iadd__(self, other):
        log.append("iadd")
        self.items.extend(other)
        return self

    def __add__(self, other):
        log.append("add")
        return Acc(self.items + list(other))

    def __repr__(self):
        return f"Acc({self.items})"

a = Acc([1])
orig = a
a += [2, 3]
print(a, a is orig, log)
b = a + [4]
print(b, b is a, log)
log.clear()

class OnlyBinary:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        log.append("add")
        return OnlyBinary(self.v + other)

    def __mul__(self, other):
        log.append("mul")
        return OnlyBinary(self.v * other)

    def __pow__(self, other, mod=None):
        log.append(("pow", mod))
        return OnlyBinary(self.v ** other)

x = OnlyBinary(2)
first = x
x += 3
x *= 4
x **= 2
print(x.v, x is first, log)
log.clear()

class RightOnly:
    def __init__(self, v):
        self.v = v

    def __radd__(self, other):
        log.append("radd")
        return other + self.v

    def __rsub__(self, other):
        log.append("rsub")
        return other - self.v

n = 10
n += RightOnly(5)
n -= RightOnly(1)
print(n, log)
log.clear()

class NIInplace:
    def __init__(self, v):
        self.v = v

    def __iadd__(self, other):
        log.append("iadd->NI")
        return NotImplemented

    def __add__(self, other):
        log.append("add")
        return NIInplace(self.v + other)

    def __isub__(self, other):
        log.append("isub returns None")

y = NIInplace(1)
y += 1
print(y.v, log)
y -= 1
print(y, log)
log.clear()

class ReturnsOther:
    def __iadd__(self, other):
        return "something else"

z = ReturnsOther()
z += 1
print(z)

lst = [1, 2]
alias = lst
lst += (3, 4)
print(lst, alias is lst)
lst *= 2
print(alias)
t = (1, 2)
talias = t
t += (3,)
print(t, talias, t is talias)
s = {1}
salias = s
s |= {2}
s &= {2, 3}
s ^= {5}
s -= {5}
print(s, salias is s)
d = {"a": 1}
dalias = d
d |= {"b": 2}
print(d, dalias is d)
st = "ab"
st += "c"
st *= 2
print(st)

holder = [Acc([0])]
holder[0] += [9]
print(holder)

class Box:
    def __init__(self):
        self.content = Acc()

bx = Box()
bx.content += [1, 2]
print(bx.content)

tup = ([1],)
try:
    tup[0] += [2]
except TypeError as e:
    print(type(e).__name__, e)
print(tup)

class AllInplace:
    def __init__(self):
        self.ops = []

    def _rec(name):
        def f(self, other):
            self.ops.append(name)
            return self
        return f

    for _n in ("iadd", "isub", "imul", "itruediv", "ifloordiv", "imod", "ipow",
               "imatmul", "ilshift", "irshift", "iand", "ior", "ixor"):
        locals()[f"__{_n}__"] = _rec(_n)
    del _n

q = AllInplace()
q += 1; q -= 1; q *= 1; q /= 1; q //= 1; q %= 1; q **= 1
q @= 1; q <<= 1; q >>= 1; q &= 1; q |= 1; q ^= 1
print(q.ops)
