# inf/nan behaviour, rounding, divmod, zero division messages
import math
inf, nan = float("inf"), float("nan")
print(inf, -inf, nan, repr(inf), str(-nan), inf + 1, inf - inf, inf * 0, -inf * -1, 1 / inf, -1 / inf)
print(nan == nan, nan != nan, nan < 1, nan > 1, inf == inf, inf > 1e308, -inf < -1e308, nan is nan)
print(math.isnan(nan), math.isinf(-inf), math.isfinite(1.0), math.isfinite(inf), inf.is_integer())
print([nan] == [nan], nan in [nan], (nan,) == (nan,), max(1, nan), max(nan, 1), min(inf, 3))
print(sorted([3.0, inf, -inf, 1.5]), float("INF"), float("-iNfInItY"), float("nAn"))
print(math.copysign(1.0, -0.0), -0.0 == 0.0, repr(0.0 * -1), repr(-0.0 + 0.0), 0.0 / -1)
print(hash(inf) == hash(float("inf")), hash(-0.0) == hash(0.0), int(1e10))

for x, n in [(2.675, 2), (2.5, 0), (3.5, 0), (-2.5, 0), (1.005, 2), (12345.6789, -2), (0.125, 2),
             (0.375, 2), (1e20, -5), (-0.5, 0), (1.5, None), (2.5, None), (-1.5, None), (123.456, 1)]:
    r = round(x, n) if n is not None else round(x)
    print(x, n, repr(r), type(r).__name__)
print(round(inf, 2), round(nan, 2), round(-0.4), repr(round(-0.4, 0)))
try:
    round(inf)
except OverflowError as e:
    print("OverflowError", e)
try:
    round(nan)
except ValueError as e:
    print("ValueError", e)

for a, b in [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2), (1e300, 3.0), (5.0, 0.1), (-0.0, 1.0), (inf, 2.0), (3.0, inf), (-3.0, inf)]:
    try:
        print(a, b, divmod(a, b), a // b, a % b)
    except Exception as e:
        print(type(e).__name__, e)
print(math.fmod(-7.5, 2), -7.5 % 2, math.floor(-0.5), math.ceil(-0.5), math.trunc(-2.7))

for expr in ["1.0 / 0", "1 / 0", "1.0 // 0", "1.0 % 0", "divmod(1.0, 0)", "0.0 ** -1", "1 // 0.0", "5 % 0.0",
             "divmod(5, 0)", "(1+2j) / 0", "10 ** -1 / 0"]:
    try:
        print(eval(expr))
    except ZeroDivisionError as e:
        print(expr, "->", type(e).__name__, e)
for expr in ["10.0 ** 400", "math.exp(1000)", "(-8.0) ** 0.5", "2.0 ** 1e10", "float(10**400)"]:
    try:
        print(expr, eval(expr))
    except Exception as e:
        print(expr, "->", type(e).__name__, e)
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError", e)
try:
    math.log(0)
except ValueError as e:
    print("ValueError", e)
print(math.inf == inf, math.isnan(math.nan), math.pi, math.e, math.tau)
print(math.floor(2.5), math.ceil(2.1), math.sqrt(16), math.hypot(3, 4), math.gcd(12, 18), math.isclose(0.1 + 0.2, 0.3))
print(f"{inf:f}", f"{-inf:e}", f"{nan:g}", f"{inf:10.2f}|", f"{nan:+}", "%f %e %g" % (inf, -inf, nan))
print(int(-0.9), int(0.9), float(-0) , -0.0 or "falsy", 0.0 < -0.0, min(0.0, -0.0), max(-0.0, 0.0))
