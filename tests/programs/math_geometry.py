# A small geometry and number-theory toolkit built on math.
import math

def polygon_area(points):
    area = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        area += x1 * y2 - x2 * y1
    return abs(area) / 2

def perimeter(points):
    return math.fsum(math.dist(a, b) for a, b in zip(points, points[1:] + points[:1]))

def angle_deg(a, b, c):
    ab = (a[0] - b[0], a[1] - b[1])
    cb = (c[0] - b[0], c[1] - b[1])
    dot = ab[0] * cb[0] + ab[1] * cb[1]
    return round(math.degrees(math.acos(dot / (math.hypot(*ab) * math.hypot(*cb)))), 9)

square = [(0, 0), (4, 0), (4, 4), (0, 4)]
triangle = [(0, 0), (3, 0), (0, 4)]
print(polygon_area(square), perimeter(square))
print(polygon_area(triangle), perimeter(triangle))
print(angle_deg((1, 0), (0, 0), (0, 1)), angle_deg((1, 0), (0, 0), (1, 1)))
print(math.isclose(math.sin(math.pi), 0, abs_tol=1e-12), math.sin(math.pi))
print(math.isclose(0.1 + 0.2, 0.3), 0.1 + 0.2 == 0.3)
print(math.isclose(1e10, 1e10 + 1), math.isclose(1e10, 1e10 + 1, rel_tol=1e-12))

def circle(r):
    return {"area": round(math.pi * r * r, 6), "circ": round(math.tau * r, 6)}
print(circle(1), circle(2.5))

# floor/ceil/trunc/round of floats and ints
values = [2.5, -2.5, 3.5, 0.49999999999999994, -0.0, 7, -7, 10 ** 20, 1e20, 2.675]
for v in values:
    print(v, math.floor(v), math.ceil(v), math.trunc(v), round(v), type(math.floor(v)).__name__)
print(round(2.675, 2), round(-1.5), round(1234.5678, -2), round(15, -1), round(25, -1))

# integer functions
def primes_below(n):
    sieve = [True] * n
    sieve[0:2] = [False, False]
    for i in range(2, math.isqrt(n - 1) + 1):
        if sieve[i]:
            sieve[i * i::i] = [False] * len(range(i * i, n, i))
    return [i for i, p in enumerate(sieve) if p]

print(primes_below(50))
print([math.isqrt(n) for n in (0, 1, 3, 4, 99, 100, 10 ** 12)])
print(math.gcd(2 ** 40, 6 ** 20), math.lcm(*range(1, 11)), math.gcd(0, -9), math.lcm(0, 5))
print(math.factorial(12), math.comb(52, 5), math.perm(10, 3), math.comb(10, 10), math.perm(4, 0))
print(sum(math.comb(6, k) for k in range(7)) == 2 ** 6)

def binomial_row(n):
    return [math.comb(n, k) for k in range(n + 1)]
for n in range(6):
    print(binomial_row(n))

# constants and special values
print(math.pi, math.e, math.tau, math.inf, math.nan, -math.inf)
print(math.inf > 10 ** 400, math.nan == math.nan, math.isnan(math.nan), math.isinf(-math.inf))
print(math.copysign(1, -0.0), math.fabs(-0.0), math.sqrt(0.0), math.hypot(5, 12))
print(math.log(math.e), math.log10(1000), math.log2(8), math.exp(0), math.pow(2, 0.5))

# errors a program might hit
cases = [
    ("sqrt(-1)", lambda: math.sqrt(-1)),
    ("log(0)", lambda: math.log(0)),
    ("log(-1, 10)", lambda: math.log(-1, 10)),
    ("acos(1.5)", lambda: math.acos(1.5)),
    ("asin(-2)", lambda: math.asin(-2)),
    ("exp(1e3)", lambda: math.exp(1e3)),
    ("factorial(-3)", lambda: math.factorial(-3)),
    ("factorial(3.0)", lambda: math.factorial(3.0)),
    ("isqrt(-4)", lambda: math.isqrt(-4)),
    ("isqrt(2.0)", lambda: math.isqrt(2.0)),
    ("comb(5, -1)", lambda: math.comb(5, -1)),
    ("comb(5.0, 2)", lambda: math.comb(5.0, 2)),
    ("perm(-1)", lambda: math.perm(-1)),
    ("gcd(1.5)", lambda: math.gcd(1.5)),
    ("ceil(inf)", lambda: math.ceil(math.inf)),
    ("floor(nan)", lambda: math.floor(math.nan)),
    ("int(inf)", lambda: int(math.inf)),
    ("round(inf)", lambda: round(math.inf)),
    ("round(nan)", lambda: round(math.nan)),
    ("log('x')", lambda: math.log("x")),
    ("sqrt(None)", lambda: math.sqrt(None)),
    ("hypot('a')", lambda: math.hypot("a")),
    ("dist mismatch", lambda: math.dist((1,), (1, 2))),
    ("pow(0, -1)", lambda: math.pow(0, -1)),
    ("fmod(inf, 1)", lambda: math.fmod(math.inf, 1)),
    ("atan2 ok", lambda: round(math.atan2(-1, -1), 12)),
]
for label, fn in cases:
    try:
        print(label, "=", fn())
    except (ValueError, TypeError, OverflowError) as e:
        print(label, "->", type(e).__name__ + ":", e)
