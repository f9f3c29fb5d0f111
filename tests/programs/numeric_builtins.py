# chr/ord, bin/oct/hex, divmod, pow (incl. modular inverse), round, abs
print([chr(c) for c in (65, 97, 48, 32, 0x263A, 0x1F40D)], [ord(c) for c in "Aa0 ☺🐍"], chr(ord("a") + 25), ord(b"A"), ord(bytearray(b"z")) if "bytearray" in dir(__builtins__) else 122)
for n in [0, 1, -1, 10, -10, 255, 2 ** 64, -(2 ** 70) + 1, True]:
    print(n, bin(n), oct(n), hex(n), format(n, "b"), int(bin(n), 0) == n, int(hex(n), 16) == n, int(oct(n), 8) == n)
for bad in [lambda: bin(1.5), lambda: hex("a"), lambda: oct(None), lambda: chr(1.5), lambda: ord(1)]:
    try:
        print(bad())
    except TypeError as e:
        print("TypeError", e)
class Index:
    def __index__(self): return 10
print(bin(Index()), hex(Index()), oct(Index()), chr(Index() .__index__() + 55))
for a, b in [(17, 5), (-17, 5), (17, -5), (-17, -5), (0, 3), (2 ** 70, 7), (7.5, 2), (-7.5, 2), (5, 0.5), (True, 2)]:
    print(a, b, divmod(a, b), (a // b, a % b) == divmod(a, b))
for bad in [lambda: divmod(1, 0), lambda: divmod(1.0, 0.0), lambda: divmod("a", 1), lambda: divmod(1j, 1)]:
    try:
        print(bad())
    except (TypeError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
print(pow(2, 10), pow(2, -1), pow(2.0, 3), pow(-8, 1 / 3).real > 0, pow(3, 4, 5), pow(2, 100, 1000), pow(-2, 3, 7), pow(2, 3, -7), pow(0, 0), pow(0.0, 0))
print(pow(3, -1, 7), pow(2, -1, 9), pow(10, -2, 17), pow(7, -3, 11), (pow(38, -1, 97) * 38) % 97, pow(5, -1, 1), pow(2, 0, 1))
for bad in [lambda: pow(2, -1, 4), lambda: pow(2, 3, 0), lambda: pow(2.0, 3, 5), lambda: pow(2, 0.5, 5), lambda: pow(0, -1),
            lambda: pow(0.0, -1), lambda: pow(2, 3, 4, 5), lambda: pow("2", 3)]:
    try:
        print(bad())
    except (TypeError, ValueError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
print(pow(base=2, exp=5), pow(2, exp=3, mod=5), pow(-1, 0.5), (-1) ** 0.5, 2 ** 0.5, (-8) ** (1 / 3))
for x in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2.675, 1e16 + 1]:
    print(x, round(x), round(x, 0), round(x, 1), round(x, 2))
for n, nd in [(1234, -1), (1235, -1), (1245, -1), (1250, -2), (1350, -2), (-1250, -2), (15, -1), (25, -1), (5, -1), (2 ** 70 + 5, -1), (12, 5)]:
    print(n, nd, round(n, nd), type(round(n, nd)).__name__)
print(round(123.456, -1), round(123.456, -2), round(-0.0), round(0.5 + 1e-9), type(round(2.5)).__name__, type(round(2.5, 0)).__name__)
class R:
    def __round__(self, nd=None):
        return ("rounded", nd)
print(round(R()), round(R(), 3))
try:
    round("1.5")
except TypeError as e:
    print("TypeError", e)
try:
    round(1.5, 1.5)
except TypeError as e:
    print("TypeError", e)
print(abs(-5), abs(5), abs(-2.5), abs(-0.0), abs(3 + 4j), abs(-2 ** 100), abs(True), abs(False), abs(float("-inf")), abs(-1e-320))
class Vec:
    def __init__(self, *c): self.c = c
    def __abs__(self): return sum(x * x for x in self.c) ** 0.5
print(abs(Vec(3, 4)), abs(Vec(1, 2, 2)))
try:
    abs("x")
except TypeError as e:
    print("TypeError", e)
def egcd(a, b):
    if b == 0:
        return a, 1, 0
    g, x, y = egcd(b, a % b)
    return g, y, x - (a // b) * y
for a, m in [(3, 7), (10, 17), (12345, 2 ** 61 - 1), (-3, 7)]:
    g, x, _ = egcd(a % m, m)
    print(a, m, x % m, pow(a, -1, m), x % m == pow(a, -1, m))
def to_base(n, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, b)
        out.append(digits[r])
    return sign + "".join(reversed(out))
print([to_base(255, b) for b in (2, 3, 8, 16, 36)], to_base(-12345, 7), int(to_base(2 ** 90, 36), 36) == 2 ** 90)
