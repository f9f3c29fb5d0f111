# Unary operators, rounding protocol, divmod, 3-arg pow, int/float/complex conversions
import math

class Vec:
    def __init__(self, *c):
        self.c = c

    def __neg__(self):
        return Vec(*(-x for x in self.c))

    def __pos__(self):
        return Vec(*(abs(x) for x in self.c))

    def __abs__(self):
        return math.sqrt(sum(x * x for x in self.c))

    def __invert__(self):
        return Vec(*reversed(self.c))

    def __repr__(self):
        return f"Vec{self.c}"

v = Vec(3, -4)
print(-v, +v, abs(v), ~v, -(-v), ~~v)

class Fixed:
    def __init__(self, value, places=2):
        self.value = value
        self.places = places

    def __round__(self, ndigits=None):
        if ndigits is None:
            return int(self.value + 0.5)
        return Fixed(round(self.value, ndigits), ndigits)

    def __trunc__(self):
        return int(self.value)

    def __floor__(self):
        return math.floor(self.value)

    def __ceil__(self):
        return math.ceil(self.value)

    def __int__(self):
        return 1000

    def __float__(self):
        return float(self.value)

    def __complex__(self):
        return complex(self.value, 1)

    def __repr__(self):
        return f"Fixed({self.value}, {self.places})"

f = Fixed(-2.675)
print(round(f), round(f, 1), math.trunc(f), math.floor(f), math.ceil(f))
print(int(f), float(f), complex(f))
print(round(Fixed(2.5)), round(2.5), round(3.5), round(-0.5), round(1.25, 1), round(125, -1), round(135, -1))
print(type(round(2.7)).__name__, type(round(2.7, 0)).__name__, round(7, 2), math.floor(-0.5), math.ceil(-0.5))

class NoRound:
    pass

for fn in (round, math.trunc, math.floor, math.ceil, int, float, complex):
    try:
        fn(NoRound())
    except TypeError as e:
        print(fn.__name__, type(e).__name__, e)

class DM:
    def __init__(self, v):
        self.v = v

    def __divmod__(self, other):
        return ("divmod", self.v, other)

    def __rdivmod__(self, other):
        return ("rdivmod", other, self.v)

    def __pow__(self, exp, mod=None):
        return ("pow", self.v, exp, mod)

    def __rpow__(self, base, mod=None):
        return ("rpow", base, self.v, mod)

print(divmod(DM(7), 2), divmod(2, DM(7)), DM(2) ** 3, 3 ** DM(2), pow(DM(2), 3), pow(DM(2), 3, 5))
try:
    print(pow(3, DM(2), 5))
except TypeError as e:
    print(type(e).__name__, e)
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), divmod(-7, -2), pow(3, 4, 5), pow(2, -1, 7), pow(-2, 3))
for args in [(1, 0), (1.0, 0), (5, 0.0)]:
    try:
        divmod(*args)
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
for args in [(2, 3, 0), (2, -1, 4), (2.0, 3, 5), (2, 3.0, 5)]:
    try:
        print(pow(*args))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

class IntConv:
    def __int__(self):
        return 7

class BadInt:
    def __int__(self):
        return "7"

class BadFloat:
    def __float__(self):
        return 7

class IntSubResult:
    def __float__(self):
        return 7.5

print(int(IntConv()), float(IntSubResult()))
for fn, obj in ((int, BadInt()), (float, BadFloat()), (float, IntConv())):
    try:
        print(fn(obj))
    except TypeError as e:
        print(fn.__name__, type(e).__name__, e)
print(-True, +False, ~0, ~-1, abs(-3.5), abs(-2), abs(3 + 4j), -(2 ** 63), ~True)
print(math.floor(3.7), math.ceil(3.2), math.trunc(-3.7), type(math.floor(3.7)).__name__)
print(round(0.5), round(1.5), round(2.675, 2), round(-1.5), round(1e20), round(float("inf"), 2))
try:
    round(float("inf"))
except OverflowError as e:
    print(type(e).__name__, e)
try:
    round(float("nan"))
except ValueError as e:
    print(type(e).__name__, e)
try:
    round(1.5, 1.0)
except TypeError as e:
    print(type(e).__name__, e)
