# Every binary operator dispatched to dunder methods, forward and reflected

OPS = [
    ("+", "add"), ("-", "sub"), ("*", "mul"), ("/", "truediv"), ("//", "floordiv"),
    ("%", "mod"), ("**", "pow"), ("@", "matmul"), ("<<", "lshift"), (">>", "rshift"),
    ("&", "and"), ("|", "or"), ("^", "xor"),
]

def make_logger(name):
    def method(self, other):
        return f"{type(self).__name__}.__{name}__({other!r})"
    method.__name__ = f"__{name}__"
    return method

ns = {}
for sym, name in OPS:
    ns[f"__{name}__"] = make_logger(name)
    ns[f"__r{name}__"] = make_logger("r" + name)
ns["__repr__"] = lambda self: type(self).__name__
Full = type("Full", (), ns)

f = Full()
print(f + 1, f - 1, f * 1, f / 1, f // 1)
print(f % 1, f ** 1, f @ 1, f << 1, f >> 1)
print(f & 1, f | 1, f ^ 1)
print(1 + f, 1 - f, 1 * f, 1 / f, 1 // f)
print(1 % f, 1 ** f, 1 @ f, 1 << f, 1 >> f)
print(1 & f, 1 | f, 1 ^ f)
print(f + f, "s" * f, [1] + f)
print(divmod(7, 3), pow(2, 10), pow(2, 10, 1000))

class Money:
    def __init__(self, cents, currency="EUR"):
        self.cents = cents
        self.currency = currency

    def _coerce(self, other):
        if isinstance(other, Money):
            if other.currency != self.currency:
                raise ValueError(f"currency mismatch: {self.currency} vs {other.currency}")
            return other.cents
        if isinstance(other, int):
            return other * 100
        return NotImplemented

    def __add__(self, other):
        c = self._coerce(other)
        if c is NotImplemented:
            return c
        return Money(self.cents + c, self.currency)

    __radd__ = __add__

    def __sub__(self, other):
        c = self._coerce(other)
        if c is NotImplemented:
            return c
        return Money(self.cents - c, self.currency)

    def __rsub__(self, other):
        c = self._coerce(other)
        if c is NotImplemented:
            return c
        return Money(c - self.cents, self.currency)

    def __mul__(self, k):
        if not isinstance(k, int):
            return NotImplemented
        return Money(self.cents * k, self.currency)

    __rmul__ = __mul__

    def __truediv__(self, k):
        if isinstance(k, Money):
            return self.cents / k.cents
        return Money(self.cents // k, self.currency)

    def __floordiv__(self, k):
        return Money(self.cents // k, self.currency)

    def __mod__(self, k):
        return Money(self.cents % k, self.currency)

    def __repr__(self):
        return f"{self.cents // 100}.{self.cents % 100:02d} {self.currency}"

a = Money(1050)
b = Money(299)
print(a + b, a - b, 10 - a, 3 + a, a * 3, 2 * b, a / 2, a / b)
print(sum([a, b, Money(1)]), sum([a, b], Money(0)))
print(a // 3, a % 7)
try:
    a + Money(1, "USD")
except ValueError as e:
    print(type(e).__name__, e)
try:
    a * 1.5
except TypeError as e:
    print(type(e).__name__, e)
try:
    a + "x"
except TypeError as e:
    print(type(e).__name__, e)
try:
    "x" - a
except TypeError as e:
    print(type(e).__name__, e)

class Bits:
    def __init__(self, v):
        self.v = v

    def __lshift__(self, n): return Bits(self.v << n)
    def __rshift__(self, n): return Bits(self.v >> n)
    def __and__(self, o): return Bits(self.v & int(o))
    def __or__(self, o): return Bits(self.v | int(o))
    def __xor__(self, o): return Bits(self.v ^ int(o))
    def __int__(self): return self.v
    def __repr__(self): return f"Bits({self.v:#b})"

x = Bits(0b1011)
print(x << 2, x >> 1, x & 0b10, x | Bits(0b100), x ^ 0b1111)

class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def __matmul__(self, other):
        cols = list(zip(*other.rows))
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])

    def __repr__(self):
        return f"Matrix({self.rows})"

m1 = Matrix([[1, 2], [3, 4]])
m2 = Matrix([[0, 1], [1, 0]])
print(m1 @ m2, m2 @ m1)
try:
    m1 @ 3
except AttributeError as e:
    print(type(e).__name__, e)
try:
    3 @ m1
except TypeError as e:
    print(type(e).__name__, e)
