# The math and time modules.
import math
import time

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.sqrt(16), math.exp(1), math.exp(-745), math.expm1(1e-10))
print(math.sin(1), math.cos(1), math.tan(1), math.asin(0.5), math.acos(0.5), math.atan(2))
print(math.sinh(1), math.cosh(1), math.tanh(1), math.asinh(1), math.acosh(2), math.atanh(0.5))
print(math.atan2(1, -1), math.hypot(3, 4), math.hypot(1, 2, 2), math.hypot(), math.dist((0, 0), (3, 4)))
print(math.log(100), math.log(100, 10), math.log(8, 2), math.log2(1024), math.log10(1e-5), math.log1p(1e-9))
print(math.log(10**400), math.log2(2**2000), math.log10(10**500))
print(math.floor(2.5), math.floor(-2.5), math.ceil(2.1), math.ceil(-2.1), math.trunc(-7.9), math.floor(10**30))
print(type(math.floor(2.0)).__name__, math.floor(True), math.trunc(5))
print(math.fabs(-3), math.copysign(3, -0.0), math.fmod(7, -3), math.fmod(-7, 3), math.remainder(7, 3), math.remainder(5, 2))
print(math.frexp(10.0), math.frexp(0.0), math.ldexp(0.625, 4), math.modf(3.75), math.modf(-2.5), math.modf(math.inf))
print(math.pow(2, 10), math.pow(2, -1), math.pow(0.0, 0.0), math.pow(-8, 1 / 3) if False else "skip")
# cbrt and lgamma: CPython's own algorithms differ from the C library's in the
# last bit for some arguments; compare them to 12 places.
print(math.degrees(math.pi), math.radians(180), round(math.cbrt(27), 12), math.cbrt(-8), math.exp2(10))
print(math.isfinite(1.0), math.isinf(-math.inf), math.isnan(math.nan), math.isnan(1))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0.0, 1e-12, abs_tol=1e-9))
print(math.factorial(0), math.factorial(20), math.factorial(30), len(str(math.factorial(1000))))
print(math.gcd(12, 18), math.gcd(0, 0), math.gcd(-4, 6, 10), math.gcd(), math.lcm(4, 6), math.lcm(4, 6, 10), math.lcm())
print(math.isqrt(0), math.isqrt(15), math.isqrt(16), math.isqrt(10**40 + 1))
print(math.comb(5, 2), math.comb(10, 0), math.comb(3, 5), math.comb(100, 50))
print(math.perm(5, 2), math.perm(5), math.perm(3, 5))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100]), math.fsum([]))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([2.5, 2]), math.prod([[1]], start=2) if False else math.prod(range(1, 6), start=2))
print(math.erf(0.5), math.erfc(0.5), math.gamma(5), math.gamma(0.5), round(math.lgamma(10), 12))
print(math.nextafter(1.0, 2.0), math.ulp(1.0), math.ulp(0.0))


class Half:
    def __float__(self):
        return 0.5


class Idx:
    def __index__(self):
        return 7


class Floored:
    def __floor__(self):
        return "floored"

    def __ceil__(self):
        return "ceiled"


print(math.sqrt(Half()), math.factorial(Idx()), math.floor(Floored()), math.ceil(Floored()))

for expr in [
    "math.sqrt(-1)",
    "math.log(0)",
    "math.log(-5)",
    "math.log(10**400 * -1)",
    "math.exp(1000)",
    "math.acos(2)",
    "math.pow(0, -1)",
    "math.pow(-8, 1/3)",
    "math.pow(10.0, 400)",
    "math.factorial(-1)",
    "math.factorial(2.5)",
    "math.isqrt(-1)",
    "math.comb(-1, 2)",
    "math.perm(3, -1)",
    "math.sqrt('4')",
    "math.floor(math.inf)",
    "math.floor(math.nan)",
    "math.fmod(1, 0)",
    "math.gamma(0)",
    "math.gamma(-2)",
    "math.lgamma(-1)",
    "math.fsum([math.inf, -math.inf])",
    "math.dist((1, 2), (1,))",
    "math.isclose(1, 2, rel_tol=-1)",
    "math.trunc('x')",
    "math.gcd(2.0, 4)",
    "math.ldexp(1.0, 5000)",
    "math.remainder(math.inf, 2)",
]:
    try:
        print(expr, "->", eval(expr))
    except Exception as e:
        print(expr, "->", type(e).__name__, e)

start = time.perf_counter()
t0 = time.time()
time.sleep(0.01)
elapsed = time.perf_counter() - start
print(elapsed > 0.009, time.time() - t0 >= 0.009, time.time() > 1.7e9)
print(type(time.time_ns()).__name__, time.perf_counter_ns() > 0, time.monotonic() >= 0)
print(time.process_time() >= 0, type(time.monotonic_ns()).__name__)
for bad in ["time.sleep(-1)", "time.sleep('x')", "time.sleep(float('nan'))"]:
    try:
        eval(bad)
    except Exception as e:
        print(bad, "->", type(e).__name__, e)
import sys

print("math" in sys.modules, sys.modules["math"] is math)
