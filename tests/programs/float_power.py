# Float powers: the eval loop's shortcut (positive finite base, finite
# exponent) and every case it leaves to the general protocol.

cases = [
    (2.0, 0.5), (2.0, 10.0), (10.0, -3.0), (1.5, 2), (3, 0.5), (7, -1.5),
    (1.0, 1e308), (0.5, 1e5), (1e-300, 2.0), (2.0, 0.0), (5.5, -0.0),
    (1e10, 1e10), (10.0, 308.5), (1e308, 2.0), (2.0, 1024.0),
    (0.0, 2.0), (0.0, 0.0), (0.0, -1.0), (-0.0, -2.0), (-8.0, 1.0 / 3),
    (-2.0, 3.0), (-2.0, 0.5), (-1.0, float("inf")), (float("inf"), 2.0),
    (float("inf"), -1.0), (float("nan"), 0.0), (1.0, float("nan")),
    (2.0, float("nan")), (2.0, float("inf")), (0.5, float("-inf")),
    (True, 0.5), (2.0, True),
]
for a, b in cases:
    try:
        r = a ** b
        print(repr(a), "**", repr(b), "=", repr(r), type(r).__name__)
    except Exception as e:
        print(repr(a), "**", repr(b), "raises", type(e).__name__, e)

x = 9.0
x **= 0.5
print(x)
y = 4
y **= 0.5
print(y)
z = 1e200
try:
    z **= 2.0
except OverflowError as e:
    print("OverflowError", e)
print(z)
total = 0.0
for i in range(1, 200):
    total += (i * 0.37) ** 1.5 + i ** -0.25
print(round(total, 6))
print(pow(2.0, 0.5), pow(2.0, 3.0, None))
